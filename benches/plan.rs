//! `plan` at 10 → 10,000 enterprises with three projects each: `make bench`.
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use quota_planner::engine::example::generated;
use quota_planner::engine::plan;
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
}

criterion_group!(benches, plan_scaling);
criterion_main!(benches);
