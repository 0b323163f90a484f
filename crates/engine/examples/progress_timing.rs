//! How long the progress card's engine work takes on a scenario with actuals (native,
//! release): every enterprise's exact standing, the listed ones in order, one industry's
//! months and every node's months. docs/PERFORMANCE.md cites it.
//!
//!   cargo run --release -p quota-engine --example progress_timing -- SCENARIO.json
use std::time::Instant;

use quota_engine::plan::Level;
use quota_engine::progress::{
    all_node_months, children_months, enterprises_by_gap, enterprises_in_order, node_months, Order,
};

fn main() {
    let path = std::env::args().nth(1).expect("a scenario JSON file");
    let s: quota_engine::Scenario =
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable"))
            .expect("a scenario");
    let k = quota_engine::Indicator::Output;
    let t = Instant::now();
    let p = quota_engine::plan(&s).expect("a plan");
    println!("plan: {:?}", t.elapsed());
    let t = Instant::now();
    let all = enterprises_by_gap(&p, k);
    println!(
        "every enterprise's exact standing ({}): {:?}",
        all.len(),
        t.elapsed()
    );
    for order in Order::ALL {
        let t = Instant::now();
        let (listed, total) = enterprises_in_order(&p, k, order, 100, |i| i.to_string());
        println!(
            "the first {} of {total}, {order:?}: {:?}",
            listed.len(),
            t.elapsed()
        );
        if order == Order::MostBehind {
            let want: Vec<usize> = all.iter().take(100).map(|x| x.0).collect();
            let got: Vec<usize> = listed.iter().map(|x| x.0).collect();
            assert_eq!(want, got, "the listed order is the exact order");
        }
    }
    let industry = (0..p.nodes.len())
        .find(|&i| p.nodes[i].level == Level::Industry)
        .expect("an industry");
    let t = Instant::now();
    let own = node_months(&p, industry, k, 0).expect("months");
    let children = children_months(&p, k, &own);
    println!(
        "one industry's months ({} enterprises): {:?}",
        children.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let every = all_node_months(&p, k, 0);
    println!("every node's months ({}): {:?}", every.len(), t.elapsed());
}
