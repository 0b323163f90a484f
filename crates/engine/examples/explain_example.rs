//! Print the example scenario's main figures with their explanations:
//! `cargo run --example explain_example [en]`.
use quota_engine::example::example;
use quota_engine::explain::{chain, Figure};
use quota_engine::{plan, Indicator, Lang};

fn main() {
    let lang = if std::env::args().any(|a| a == "en") {
        Lang::En
    } else {
        Lang::Zh
    };
    let s = example();
    let p = match plan(&s) {
        Ok(p) => p,
        Err(errors) => {
            for e in errors {
                eprintln!("{}: {}", e.field.key(), e.message.get(lang));
            }
            std::process::exit(1);
        }
    };
    let k = Indicator::Output;
    let mut figures = vec![
        Figure::Target(k),
        Figure::Growth(k),
        Figure::Completion(k),
        Figure::QuarterAmount(k, 0),
        Figure::TaskProgress(k, 0),
        Figure::Daily(k, 0),
        Figure::QuarterGrowth(k, 0),
        Figure::GdpShare,
        Figure::GdpShareChange,
        Figure::GdpVaNeeded,
        Figure::FiveYearCagr,
        Figure::FiveYearShareChange,
        Figure::FiveYearVaNeeded,
        Figure::SalesQ1,
        Figure::ProjectsToStart,
        Figure::Q1Investment,
        Figure::ParkOutput(0),
        Figure::FleetCount,
    ];
    // The first enterprise's daily quota, walked up to the county.
    let first_enterprise = p
        .nodes
        .iter()
        .position(|n| n.level == quota_engine::plan::Level::Enterprise)
        .unwrap_or(0);
    figures.push(Figure::NodeDaily(first_enterprise, k));
    figures.push(Figure::NodeGrowth(first_enterprise, k));
    for f in figures {
        for (depth, x) in chain(&s, &p, f).iter().enumerate() {
            println!(
                "{}{}: {}",
                "  ".repeat(depth),
                x.label_text(lang),
                x.text(lang)
            );
        }
    }
    for w in &p.warnings {
        println!("warning {}: {}", w.field.key(), w.message.get(lang));
    }
}
