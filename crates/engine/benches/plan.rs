//! `plan` at 10 → 10,000 enterprises with three projects each, and `plan_after` an edit of
//! one target (what each keystroke in the target field costs): `make bench`.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use quota_engine::edit::set_target;
use quota_engine::example::generated;
use quota_engine::{plan, plan_after, Dec, Indicator, TargetSpec};
use std::hint::black_box;

fn plan_scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan");
    group.sample_size(20);
    for enterprises in [10usize, 100, 1_000, 10_000] {
        let scenario = generated(enterprises, 3);
        group.throughput(Throughput::Elements(enterprises as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(enterprises),
            &scenario,
            |b, s| b.iter(|| plan(black_box(s)).expect("generated scenarios are valid")),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("plan_after_target_edit");
    group.sample_size(20);
    for enterprises in [10usize, 100, 1_000, 10_000] {
        let before = generated(enterprises, 3);
        let before_plan = plan(&before).expect("generated scenarios are valid");
        let mut after = before.clone();
        set_target(
            &mut after,
            Indicator::Output,
            TargetSpec::Amount(Dec::int(400)),
        );
        group.throughput(Throughput::Elements(enterprises as u64));
        group.bench_with_input(BenchmarkId::from_parameter(enterprises), &after, |b, s| {
            b.iter(|| {
                plan_after(Some((&before, &before_plan)), black_box(s))
                    .expect("generated scenarios are valid")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, plan_scaling);
criterion_main!(benches);
