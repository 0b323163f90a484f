//! Charts drawn with plotters into SVG (text in the current language; they scale with the
//! window through their viewBox). They plot the plan's figures; nothing is computed here.

use leptos::prelude::*;
use plotters::prelude::*;

use super::{use_ctx, Computed};
use crate::engine::calendar::{quarter_en, quarter_zh};
use crate::engine::explain::node_name;
use crate::engine::plan::Level;
use crate::engine::{Indicator, Lang};

const W: u32 = 640;
/// Charts are redrawn this long after the plan last changed.
const CHART_DELAY_MS: u64 = 250;
const H: u32 = 320;
const FONT: &str = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif";
const THIS_YEAR: RGBColor = RGBColor(179, 38, 30);
const LAST_YEAR: RGBColor = RGBColor(140, 150, 170);
const TIME: RGBColor = RGBColor(26, 95, 208);

type Drawn = Result<(), Box<dyn std::error::Error>>;

fn svg(draw: impl FnOnce(DrawingArea<SVGBackend, plotters::coord::Shift>) -> Drawn) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (W, H)).into_drawing_area();
        if let Err(e) = draw(root) {
            return format!(
                "<p class=\"field-error\">chart: {}</p>",
                escape(&e.to_string())
            );
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// The series legend, top left, the same on every chart.
fn legend<'a, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'a, SVGBackend<'a>, Cartesian2d<X, Y>>,
) -> Drawn {
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .label_font((FONT, 13))
        .position(SeriesLabelPosition::UpperLeft)
        .draw()?;
    Ok(())
}

/// The name of the bar at position `y` (bars are drawn top down at n − 1 … 0).
fn bar_label(names: &[String], y: f64) -> String {
    if (y - y.round()).abs() > 0.01 || y < -0.01 {
        return String::new();
    }
    let from_top = names.len().saturating_sub(1 + y.round() as usize);
    names.get(from_top).cloned().unwrap_or_default()
}

type QuarterChart<'a> = ChartContext<
    'a,
    SVGBackend<'a>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// A chart titled with the indicator's name and `title` (Chinese, English), the four quarters
/// along x (each centred on 0 … 3), and amounts up to the largest of `values` with headroom.
fn quarter_axes<'a>(
    root: &DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
    k: Indicator,
    (zh, en): (&'static str, &'static str),
    values: impl Iterator<Item = f64>,
    lang: Lang,
) -> Result<QuarterChart<'a>, Box<dyn std::error::Error>> {
    let max = values.fold(0.0, f64::max).max(1e-9) * 1.2;
    let title = format!(
        "{}{}",
        if lang == Lang::Zh { k.zh() } else { k.en() },
        t(lang, zh, en)
    );
    let mut chart = ChartBuilder::on(root)
        .caption(title, (FONT, 18))
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(56)
        .build_cartesian_2d(-0.5f64..3.5f64, 0f64..max)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(4)
        .x_label_formatter(&|x| {
            let q = x.round().clamp(0.0, 3.0) as usize;
            if lang == Lang::Zh {
                quarter_zh(q).to_string()
            } else {
                quarter_en(q).to_string()
            }
        })
        .label_style((FONT, 13))
        .draw()?;
    Ok(chart)
}

/// One bar per quarter, `offset` from the quarter's centre, with its legend entry.
fn quarter_bars(
    chart: &mut QuarterChart<'_>,
    values: [f64; 4],
    offset: f64,
    color: RGBColor,
    label: &str,
) -> Drawn {
    chart
        .draw_series(values.iter().enumerate().map(|(q, v)| {
            let x = q as f64 + offset;
            Rectangle::new([(x, 0.0), (x + 0.38, *v)], color.filled())
        }))?
        .label(label.to_string())
        .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    Ok(())
}

/// Quarterly targets against last year's quarters.
fn quarters_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    svg(|root| {
        let p = &c.plan;
        let Some(ip) = p.indicator(k) else {
            return Ok(());
        };
        let base = c.scenario.indicator(k).and_then(|i| i.base_quarters);
        root.fill(&WHITE)?;
        let amounts: [f64; 4] = std::array::from_fn(|q| ip.quarters[q].amount);
        let mut chart = quarter_axes(
            &root,
            k,
            (
                "：分季度任务与上年同期（亿元）",
                ": quarters against last year (100M CNY)",
            ),
            amounts.into_iter().chain(base.iter().flatten().copied()),
            lang,
        )?;
        quarter_bars(
            &mut chart,
            amounts,
            0.0,
            THIS_YEAR,
            t(lang, "今年任务", "this year's target"),
        )?;
        if let Some(b) = base {
            quarter_bars(
                &mut chart,
                b,
                -0.38,
                LAST_YEAR,
                t(lang, "上年同期", "last year"),
            )?;
        }
        legend(&mut chart)?;
        root.present()?;
        Ok(())
    })
}

/// Two scenarios' quarter amounts side by side (the comparison's chart).
pub fn compare_chart(
    k: Indicator,
    (a_name, a): (&str, [f64; 4]),
    (b_name, b): (&str, [f64; 4]),
    lang: Lang,
) -> String {
    svg(|root| {
        root.fill(&WHITE)?;
        let mut chart = quarter_axes(
            &root,
            k,
            (
                "：两个方案的分季度任务（亿元）",
                ": quarters in the two scenarios (100M CNY)",
            ),
            a.iter().chain(b.iter()).copied(),
            lang,
        )?;
        quarter_bars(&mut chart, a, -0.38, LAST_YEAR, a_name)?;
        quarter_bars(&mut chart, b, 0.0, THIS_YEAR, b_name)?;
        legend(&mut chart)?;
        root.present()?;
        Ok(())
    })
}

/// Cumulative task progress against time progress.
fn progress_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    svg(|root| {
        let p = &c.plan;
        let Some(ip) = p.indicator(k) else {
            return Ok(());
        };
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                t(
                    lang,
                    "任务进度与时间进度（%）",
                    "Task progress against time progress (%)",
                ),
                (FONT, 18),
            )
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(48)
            .build_cartesian_2d(0f64..4f64, 0f64..100f64)?;
        chart
            .configure_mesh()
            .x_labels(5)
            .x_label_formatter(&|x| {
                let q = x.round() as usize;
                match (q, lang) {
                    (0, Lang::Zh) => "年初".to_string(),
                    (0, Lang::En) => "start".to_string(),
                    (q, Lang::Zh) => format!("{}末", quarter_zh(q - 1)),
                    (q, Lang::En) => format!("end {}", quarter_en(q - 1)),
                }
            })
            .label_style((FONT, 13))
            .draw()?;
        let task: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .chain(
                ip.quarters
                    .iter()
                    .enumerate()
                    .map(|(q, x)| (q as f64 + 1.0, x.task_progress * 100.0)),
            )
            .collect();
        let time: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .chain(
                ip.quarters
                    .iter()
                    .enumerate()
                    .map(|(q, x)| (q as f64 + 1.0, x.time_progress * 100.0)),
            )
            .collect();
        chart
            .draw_series(LineSeries::new(task.clone(), THIS_YEAR.stroke_width(3)))?
            .label(t(lang, "任务进度", "task progress"))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], THIS_YEAR.stroke_width(3))
            });
        chart.draw_series(
            task.iter()
                .map(|&(x, y)| Circle::new((x, y), 4, THIS_YEAR.filled())),
        )?;
        chart
            .draw_series(LineSeries::new(time, TIME.stroke_width(2)))?
            .label(t(lang, "时间进度", "time progress"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], TIME.stroke_width(2)));
        legend(&mut chart)?;
        root.present()?;
        Ok(())
    })
}

/// Named horizontal bars, the first on top.
fn horizontal_bars(
    title: &str,
    rows: &[(String, f64)],
    label_width: u32,
    color: RGBColor,
) -> String {
    svg(|root| {
        root.fill(&WHITE)?;
        let n = rows.len().max(1);
        let max = rows.iter().map(|x| x.1).fold(0.0, f64::max).max(1e-9) * 1.1;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FONT, 18))
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(label_width)
            .build_cartesian_2d(0f64..max, -0.5f64..n as f64 - 0.5)?;
        let names: Vec<String> = rows.iter().map(|x| x.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n.max(2) * 2)
            .y_label_formatter(&|y| bar_label(&names, *y))
            .label_style((FONT, 12))
            .draw()?;
        chart.draw_series(rows.iter().enumerate().map(|(i, (_, v))| {
            let y = (n - 1 - i) as f64;
            Rectangle::new([(0.0, y - 0.35), (*v, y + 0.35)], color.filled())
        }))?;
        root.present()?;
        Ok(())
    })
}

/// The ten largest enterprises by quota.
fn top_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    let p = &c.plan;
    let mut top: Vec<(String, f64)> = p
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.level == Level::Enterprise)
        .filter_map(|(i, _)| {
            p.figures(i, k)
                .map(|f| (node_name(&c.scenario, p, i), f.quota))
        })
        .collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1));
    top.truncate(10);
    let title = t(
        lang,
        "任务最大的十家企业（亿元）",
        "Ten largest enterprise quotas (100M CNY)",
    );
    horizontal_bars(title, &top, 200, THIS_YEAR)
}

/// The five-year path of industrial value added, with the target.
fn five_year_chart(c: &Computed, lang: Lang) -> String {
    svg(|root| {
        let Some(f) = &c.plan.five_year else {
            return Ok(());
        };
        root.fill(&WHITE)?;
        let max = f
            .path
            .iter()
            .map(|x| x.1)
            .fold(f.target, f64::max)
            .max(1e-9)
            * 1.15;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                t(
                    lang,
                    "“十四五”全部工业增加值路径（亿元）",
                    "Five-year path of industry value added (100M CNY)",
                ),
                (FONT, 18),
            )
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(56)
            .build_cartesian_2d(f.base_year..f.end_year, 0f64..max)?;
        chart
            .configure_mesh()
            .x_labels(f.years as usize + 1)
            .x_label_formatter(&|y| y.to_string())
            .label_style((FONT, 13))
            .draw()?;
        chart
            .draw_series(LineSeries::new(
                f.path.iter().copied(),
                THIS_YEAR.stroke_width(3),
            ))?
            .label(t(lang, "年均增长路径", "compound growth path"))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], THIS_YEAR.stroke_width(3))
            });
        chart.draw_series(
            f.path
                .iter()
                .map(|&(x, y)| Circle::new((x, y), 4, THIS_YEAR.filled())),
        )?;
        chart
            .draw_series(LineSeries::new(
                vec![(f.base_year, f.target), (f.end_year, f.target)],
                TIME.stroke_width(1),
            ))?
            .label(t(lang, "期末目标", "end-year target"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], TIME.stroke_width(1)));
        legend(&mut chart)?;
        root.present()?;
        Ok(())
    })
}

/// Each industry's share of the indicator.
fn mix_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    let p = &c.plan;
    let rows: Vec<(String, f64)> = p
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.level == Level::Industry)
        .filter_map(|(i, _)| {
            p.figures(i, k)
                .map(|f| (node_name(&c.scenario, p, i), f.share_of_parent * 100.0))
        })
        .collect();
    let title = t(
        lang,
        "行业结构：占全县比重（%）",
        "Industry mix: share of the county (%)",
    );
    horizontal_bars(title, &rows, 120, LAST_YEAR)
}

#[component]
pub fn Charts() -> impl IntoView {
    let ctx = use_ctx();
    // Charts follow the plan once typing pauses: drawing them (and plotters' measuring of
    // text in the page) costs more than a frame, and numbers come first.
    let settled = RwSignal::new(ctx.computed.get_untracked());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        let c = ctx.computed.get();
        if first.is_none() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let handle = set_timeout_with_handle(
            move || settled.set(c),
            std::time::Duration::from_millis(CHART_DELAY_MS),
        );
        timer.set_value(handle.ok());
    });
    let chart = move |which: fn(&Computed, Indicator, Lang) -> String| {
        move || {
            let lang = ctx.lang.get();
            let k = ctx.indicator.get();
            settled
                .get()
                .map(|c| which(&c.0, k, lang))
                .unwrap_or_default()
        }
    };
    view! {
        <section class="card charts" id="charts" aria-labelledby="charts-title">
            <h2 id="charts-title">{move || ctx.t("图表", "Charts")}</h2>
            <div class="chart-grid">
                <figure class="chart" id="chart-quarters" inner_html=chart(quarters_chart)></figure>
                <figure class="chart" id="chart-progress" inner_html=chart(progress_chart)></figure>
                <figure class="chart" id="chart-top" inner_html=chart(top_chart)></figure>
                <figure class="chart" id="chart-five-year" inner_html=chart(|c, _, l| five_year_chart(c, l))></figure>
                <figure class="chart" id="chart-mix" inner_html=chart(mix_chart)></figure>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::example;
    use crate::engine::plan;

    fn computed(edit: impl FnOnce(&mut crate::engine::Scenario)) -> Computed {
        let mut scenario = example();
        edit(&mut scenario);
        let plan = plan(&scenario).unwrap();
        Computed { scenario, plan }
    }

    #[test]
    fn charts_carry_the_plan_and_the_language() {
        let c = computed(|_| {});
        let zh = quarters_chart(&c, Indicator::Output, Lang::Zh);
        assert!(zh.starts_with("<svg"), "{}", &zh[..zh.len().min(200)]);
        assert!(zh.contains("一季度") && zh.contains("今年任务"));
        let en = quarters_chart(&c, Indicator::Output, Lang::En);
        assert!(en.contains("Q1") && en.contains("last year"));
        assert!(!en.contains("一季度"));
        // A different target draws a different chart.
        let other = computed(|s| s.indicators[0].target = crate::engine::TargetSpec::Growth(0.5));
        assert_ne!(quarters_chart(&other, Indicator::Output, Lang::Zh), zh);
    }

    #[test]
    fn names_in_charts_are_text_not_markup() {
        let c = computed(|s| {
            s.tree.industry_mut(0).enterprises[0].node.name = "<img src=x onerror=alert(1)>".into()
        });
        let svg = top_chart(&c, Indicator::Output, Lang::Zh);
        assert!(!svg.contains("<img"), "raw markup in the chart");
        assert!(
            svg.contains("&lt;img"),
            "the name is missing from the chart"
        );
    }
}
