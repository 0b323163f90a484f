//! Write a generated scenario as JSON, for benchmarks and load tests:
//! `cargo run --release --example gen_scenario -- ENTERPRISES [PROJECTS_EACH] > file.json`.
use quota_engine::example::generated;

fn main() {
    let mut args = std::env::args().skip(1);
    let enterprises: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let projects_each: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let s = generated(enterprises, projects_each);
    println!(
        "{}",
        serde_json::to_string(&s).expect("a scenario serializes")
    );
}
