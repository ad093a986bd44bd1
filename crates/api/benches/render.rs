//! `cargo bench -p api --bench render`: the two-page offer (25 lines, logo, stamp, signature)
//! rendered warm to PDF. Target: median ≤ 20 ms.
use api::render::{Images, RenderOptions, Renderer, sample};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn render(c: &mut Criterion) {
    let renderer = Renderer::new(1);
    let offer = sample::offer(25);
    let images = Images { logo: Some(sample::logo_png()), stamp: Some(sample::stamp_png()), signature: Some(sample::signature_png()) };
    let opts = RenderOptions { with_stamp: true };
    // Warm: fonts parsed, code paths paged in.
    renderer.render_blocking(&offer, &images, opts).expect("the offer renders");

    let mut group = c.benchmark_group("render");
    group.sample_size(50);
    group.bench_function("offer_25_lines_2_pages", |b| {
        b.iter(|| renderer.render_blocking(black_box(&offer), black_box(&images), opts).unwrap())
    });
    let invoice = sample::invoice();
    group.bench_function("invoice_3_lines", |b| {
        b.iter(|| renderer.render_blocking(black_box(&invoice), black_box(&images), opts).unwrap())
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
