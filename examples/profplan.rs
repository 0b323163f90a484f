use quota_planner::engine::example::generated;
use quota_planner::engine::plan;
use std::time::Instant;
fn main() {
    let n_ent: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let n: u32 = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(200);
    let s = generated(n_ent, 3);
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(plan(std::hint::black_box(&s)).unwrap()); }
    eprintln!("plan {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(std::hint::black_box(&s).clone()); }
    eprintln!("clone {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n { std::hint::black_box(quota_planner::engine::validate::validate(std::hint::black_box(&s))); }
    eprintln!("validate {:?}", t.elapsed() / n);
}
