use quota_engine::edit::set_target;
use quota_engine::example::generated;
use quota_engine::{plan, plan_after, Dec, Indicator, TargetSpec};
fn main() {
    for n in [1000usize, 10000] {
        let s = generated(n, 3);
        let p0 = plan(&s).unwrap();
        let reps = if n == 1000 { 200 } else { 20 };
        let t = std::time::Instant::now();
        for _ in 0..reps {
            std::hint::black_box(plan(std::hint::black_box(&s)).unwrap());
        }
        let full = t.elapsed() / reps;
        let mut after = s.clone();
        set_target(
            &mut after,
            Indicator::Output,
            TargetSpec::Amount(Dec::int(400)),
        );
        let t = std::time::Instant::now();
        for _ in 0..reps {
            std::hint::black_box(
                plan_after(Some((&s, &p0)), std::hint::black_box(&after)).unwrap(),
            );
        }
        println!(
            "{n}: plan {:?}, plan_after a target edit {:?}",
            full,
            t.elapsed() / reps
        );
    }
}
