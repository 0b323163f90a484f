//! Charts as hand-written SVG (text in the current language; they scale with the window
//! through their viewBox). They plot the plan's figures; what is computed here is only where
//! things go on the page.

use std::fmt::Write as _;

use leptos::prelude::*;

use super::{use_ctx, Computed};
use crate::engine::calendar::{quarter_en, quarter_zh};
use crate::engine::explain::node_name;
use crate::engine::num::Step;
use crate::engine::plan::Level;
use crate::engine::{Indicator, Lang};

/// Charts are redrawn this long after the plan last changed.
const CHART_DELAY_MS: u64 = 250;
const W: f64 = 640.0;
const H: f64 = 320.0;
const MARGIN: f64 = 12.0;
/// Below the plot: the x labels.
const X_LABELS: f64 = 28.0;
/// Above the plot: the title.
const CAPTION: f64 = 30.0;
/// Between the title and the plot of a chart with series: their legend, in one row.
const LEGEND: f64 = 24.0;
/// Right of the plot: room for half of a label centred on the last x position.
const RIGHT: f64 = 28.0;
const FONT: &str = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif";
const THIS_YEAR: &str = "#b3261e";
const LAST_YEAR: &str = "#8c96aa";
const TIME: &str = "#1a5fd0";
const GRID: &str = "#e3e6ee";
const AXIS: &str = "#5b6478";

/// Text for SVG content and attributes: names are the user's, never markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// About how wide `text` is at `size` px: CJK characters are square, Latin about half.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.56 } else { 1.0 })
        .sum::<f64>()
        * size
}

/// `text` cut with "…" to fit `width` px at `size` px.
fn fit(text: &str, width: f64, size: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, size) + text_width(&c.to_string(), size) + size > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Round tick positions covering `0 ..= max`: steps of 1, 2 or 5 times a power of ten.
fn ticks(max: f64, wanted: f64) -> (Vec<f64>, usize) {
    if !(max.is_finite() && max > 0.0) {
        return (vec![0.0], 0);
    }
    let raw = max / wanted;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * magnitude);
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    let count = (max / step + 1e-9).floor() as usize;
    ((0..=count).map(|i| i as f64 * step).collect(), decimals)
}

/// One linear axis: `from ..= to` in data onto `start ..= end` in pixels.
#[derive(Clone, Copy)]
struct Scale {
    from: f64,
    to: f64,
    start: f64,
    end: f64,
}

impl Scale {
    fn at(self, v: f64) -> f64 {
        let span = self.to - self.from;
        if span == 0.0 {
            return self.start;
        }
        self.start + (v - self.from) / span * (self.end - self.start)
    }
}

/// A legend's mark: a filled box (bars) or a stroke of this width (lines).
enum Mark {
    Box,
    Line(f64),
}

/// A chart being written: a titled plot area with an x and a y scale.
struct Plot {
    svg: String,
    x: Scale,
    y: Scale,
    legend: Vec<(String, &'static str, Mark)>,
}

impl Plot {
    /// The frame, the title, and the plot area right of `y_labels` px of labels (and below a
    /// row for the series' legend when `legend`).
    fn new(title: &str, x: (f64, f64), y: (f64, f64), y_labels: f64, legend: bool) -> Plot {
        let title = escape(title);
        let mut svg = String::with_capacity(4096);
        let _ = write!(
            svg,
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-label="{title}" font-family="{FONT}"><title>{title}</title><rect width="{W}" height="{H}" fill="#fff"/><text x="{}" y="{}" font-size="18" text-anchor="middle">{title}</text>"##,
            W / 2.0,
            MARGIN + 18.0,
        );
        let (left, right) = (MARGIN + y_labels, W - MARGIN - RIGHT);
        let top = MARGIN + CAPTION + if legend { LEGEND } else { 0.0 };
        let bottom = H - MARGIN - X_LABELS;
        Plot {
            svg,
            x: Scale {
                from: x.0,
                to: x.1,
                start: left,
                end: right,
            },
            y: Scale {
                from: y.0,
                to: y.1,
                start: bottom,
                end: top,
            },
            legend: Vec::new(),
        }
    }

    /// Horizontal grid lines with their values at the left (amounts up the y axis).
    fn y_values(&mut self) {
        let (values, decimals) = ticks(self.y.to, 8.0);
        for v in values {
            let y = self.y.at(v);
            self.grid(self.x.start, y, self.x.end, y);
            self.label(
                self.x.start - 6.0,
                y + 4.5,
                "end",
                13.0,
                &format!("{v:.decimals$}"),
            );
        }
    }

    /// Vertical grid lines with their values below (amounts along the x axis).
    fn x_values(&mut self) {
        let (values, decimals) = ticks(self.x.to, 8.0);
        for v in values {
            let x = self.x.at(v);
            self.grid(x, self.y.end, x, self.y.start);
            self.label(
                x,
                self.y.start + 18.0,
                "middle",
                13.0,
                &format!("{v:.decimals$}"),
            );
        }
    }

    /// Labels under the x axis at data positions.
    fn x_labels(&mut self, labels: impl IntoIterator<Item = (f64, String)>) {
        for (v, text) in labels {
            let x = self.x.at(v);
            self.label(x, self.y.start + 18.0, "middle", 13.0, &text);
        }
    }

    fn grid(&mut self, x1: f64, y1: f64, x2: f64, y2: f64) {
        let _ = write!(
            self.svg,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{GRID}"/>"#
        );
    }

    fn label(&mut self, x: f64, y: f64, anchor: &str, size: f64, text: &str) {
        let _ = write!(
            self.svg,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="{anchor}">{}</text>"#,
            escape(text)
        );
    }

    /// A filled rectangle between two corners in data coordinates.
    fn bar(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), color: &str) {
        let (a, b) = (self.x.at(x1), self.x.at(x2));
        let (c, d) = (self.y.at(y1), self.y.at(y2));
        let _ = write!(
            self.svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{color}"/>"#,
            a.min(b),
            c.min(d),
            (a - b).abs(),
            (c - d).abs()
        );
    }

    /// A line through data points, with a dot at each when `dots`.
    fn line(&mut self, points: &[(f64, f64)], color: &str, width: f64, dots: bool) {
        let path: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", self.x.at(x), self.y.at(y)))
            .collect();
        let _ = write!(
            self.svg,
            r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="{width}"/>"#,
            path.join(" ")
        );
        if dots {
            for &(x, y) in points {
                let _ = write!(
                    self.svg,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{color}"/>"#,
                    self.x.at(x),
                    self.y.at(y)
                );
            }
        }
    }

    /// Name a series in the legend (drawn above the plot by `finish`).
    fn series(&mut self, name: &str, color: &'static str, mark: Mark) {
        self.legend.push((name.to_string(), color, mark));
    }

    /// The axes and the legend on top; the SVG.
    fn finish(mut self) -> String {
        let (left, bottom) = (self.x.start, self.y.start);
        let _ = write!(
            self.svg,
            r#"<path d="M{left:.1} {:.1}V{bottom:.1}H{:.1}" fill="none" stroke="{AXIS}"/>"#,
            self.y.end, self.x.end
        );
        // The legend: one row above the plot, never over the data; long names share the row.
        let entries = std::mem::take(&mut self.legend);
        let room = (self.x.end - left) / entries.len().max(1) as f64 - 40.0;
        let (mut x, row) = (left, self.y.end - LEGEND / 2.0);
        for (name, color, mark) in entries {
            let name = fit(&name, room, 13.0);
            let _ = match mark {
                Mark::Box => write!(
                    self.svg,
                    r#"<rect x="{x:.1}" y="{:.1}" width="12" height="10" fill="{color}"/>"#,
                    row - 5.0
                ),
                Mark::Line(w) => write!(
                    self.svg,
                    r#"<line x1="{x:.1}" y1="{row:.1}" x2="{:.1}" y2="{row:.1}" stroke="{color}" stroke-width="{w}"/>"#,
                    x + 16.0
                ),
            };
            self.label(x + 20.0, row + 4.5, "start", 13.0, &name);
            x += 20.0 + text_width(&name, 13.0) + 20.0;
        }
        self.svg.push_str("</svg>");
        self.svg
    }
}

/// A chart titled with the indicator's name and `title` (Chinese, English), the four quarters
/// along x (each centred on 0 … 3), and amounts up to the largest of `values` with headroom.
fn quarter_axes(
    k: Indicator,
    (zh, en): (&'static str, &'static str),
    values: impl Iterator<Item = f64>,
    lang: Lang,
) -> Plot {
    let max = values.fold(0.0, f64::max).max(1e-9) * 1.2;
    let title = format!(
        "{}{}",
        if lang == Lang::Zh { k.zh() } else { k.en() },
        t(lang, zh, en)
    );
    let mut plot = Plot::new(&title, (-0.5, 3.5), (0.0, max), 56.0, true);
    plot.y_values();
    plot.x_labels((0..4).map(|q| {
        let name = if lang == Lang::Zh {
            quarter_zh(q)
        } else {
            quarter_en(q)
        };
        (q as f64, name.to_string())
    }));
    plot
}

/// One bar per quarter, `offset` from the quarter's centre, with its legend entry.
fn quarter_bars(plot: &mut Plot, values: [f64; 4], offset: f64, color: &'static str, label: &str) {
    for (q, v) in values.iter().enumerate() {
        let x = q as f64 + offset;
        plot.bar((x, 0.0), (x + 0.38, *v), color);
    }
    plot.series(label, color, Mark::Box);
}

/// Quarterly targets against last year's quarters.
fn quarters_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    let Some(ip) = c.plan.indicator(k) else {
        return String::new();
    };
    // Drawn as shown: the amounts in 0.01亿元, to pixels.
    let base = c
        .scenario
        .indicator(k)
        .and_then(|i| i.base_quarters)
        .map(|b| b.map(|x| drawn(x.units(Step::YI_2))));
    let amounts: [f64; 4] = std::array::from_fn(|q| drawn(ip.quarters[q].amount_units));
    let mut plot = quarter_axes(
        k,
        (
            "：分季度任务与上年同期（亿元）",
            ": quarters against last year (100M CNY)",
        ),
        amounts.into_iter().chain(base.iter().flatten().copied()),
        lang,
    );
    quarter_bars(
        &mut plot,
        amounts,
        0.0,
        THIS_YEAR,
        t(lang, "今年任务", "this year's target"),
    );
    if let Some(b) = base {
        quarter_bars(
            &mut plot,
            b,
            -0.38,
            LAST_YEAR,
            t(lang, "上年同期", "last year"),
        );
    }
    plot.finish()
}

/// Hundredths as a drawing coordinate: a chart places what the page shows.
fn drawn(units: i64) -> f64 {
    units as f64 / 100.0
}

/// Two scenarios' quarter amounts side by side (the comparison's chart), in 0.01亿元.
pub fn compare_chart(
    k: Indicator,
    (a_name, a): (&str, [i64; 4]),
    (b_name, b): (&str, [i64; 4]),
    lang: Lang,
) -> String {
    let (a, b) = (a.map(drawn), b.map(drawn));
    let mut plot = quarter_axes(
        k,
        (
            "：两个方案的分季度任务（亿元）",
            ": quarters in the two scenarios (100M CNY)",
        ),
        a.iter().chain(b.iter()).copied(),
        lang,
    );
    quarter_bars(&mut plot, a, -0.38, LAST_YEAR, a_name);
    quarter_bars(&mut plot, b, 0.0, THIS_YEAR, b_name);
    plot.finish()
}

/// Cumulative task progress against time progress.
fn progress_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    let Some(ip) = c.plan.indicator(k) else {
        return String::new();
    };
    let title = t(
        lang,
        "任务进度与时间进度（%）",
        "Task progress against time progress (%)",
    );
    let mut plot = Plot::new(title, (0.0, 4.0), (0.0, 100.0), 48.0, true);
    plot.y_values();
    plot.x_labels((0..5).map(|q| {
        let text = match (q, lang) {
            (0, Lang::Zh) => "年初".to_string(),
            (0, Lang::En) => "start".to_string(),
            (q, Lang::Zh) => format!("{}末", quarter_zh(q - 1)),
            (q, Lang::En) => format!("end {}", quarter_en(q - 1)),
        };
        (q as f64, text)
    }));
    let along =
        |pick: fn(&crate::engine::plan::QuarterPlan) -> crate::engine::Dec| -> Vec<(f64, f64)> {
            std::iter::once((0.0, 0.0))
                .chain(
                    ip.quarters
                        .iter()
                        .enumerate()
                        .map(|(q, x)| (q as f64 + 1.0, drawn(pick(x).units(Step::PERCENT_2)))),
                )
                .collect()
        };
    plot.line(&along(|q| q.task_progress), THIS_YEAR, 3.0, true);
    plot.series(
        t(lang, "任务进度", "task progress"),
        THIS_YEAR,
        Mark::Line(3.0),
    );
    plot.line(&along(|q| q.time_progress), TIME, 2.0, false);
    plot.series(t(lang, "时间进度", "time progress"), TIME, Mark::Line(2.0));
    plot.finish()
}

/// Named horizontal bars, the first on top.
fn horizontal_bars(title: &str, rows: &[(String, f64)], label_width: f64, color: &str) -> String {
    let n = rows.len().max(1);
    let max = rows.iter().map(|x| x.1).fold(0.0, f64::max).max(1e-9) * 1.1;
    let mut plot = Plot::new(
        title,
        (0.0, max),
        (-0.5, n as f64 - 0.5),
        label_width,
        false,
    );
    plot.x_values();
    for (i, (name, v)) in rows.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        plot.bar((0.0, y - 0.35), (*v, y + 0.35), color);
        let shown = fit(name, label_width - 8.0, 12.0);
        let at = plot.y.at(y) + 4.0;
        plot.label(plot.x.start - 6.0, at, "end", 12.0, &shown);
    }
    plot.finish()
}

/// The ten largest enterprises by quota.
fn top_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    let p = &c.plan;
    let mut top: Vec<(String, i64)> = p
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.level == Level::Enterprise)
        .filter_map(|(i, _)| {
            p.figures(i, k)
                .map(|f| (node_name(&c.scenario, p, i), f.quota_units))
        })
        .collect();
    top.sort_by_key(|x| std::cmp::Reverse(x.1));
    top.truncate(10);
    // In 亿元 as drawn, whatever the table's unit.
    let per_yi = match p.tree_precision {
        crate::engine::round::Precision::Yi2 => 1.0,
        crate::engine::round::Precision::Wan2 => 10_000.0,
    };
    let top: Vec<(String, f64)> = top
        .into_iter()
        .map(|(name, units)| (name, drawn(units) / per_yi))
        .collect();
    let title = t(
        lang,
        "任务最大的十家企业（亿元）",
        "Ten largest enterprise quotas (100M CNY)",
    );
    horizontal_bars(title, &top, 200.0, THIS_YEAR)
}

/// The five-year path of industrial value added, with the target.
fn five_year_chart(c: &Computed, lang: Lang) -> String {
    let Some(f) = &c.plan.five_year else {
        return String::new();
    };
    let target = drawn(f.target.units(Step::YI_2));
    let path: Vec<(f64, f64)> = f
        .path
        .iter()
        .map(|&(y, v)| (f64::from(y), drawn(v.units(Step::YI_2))))
        .collect();
    let max = path.iter().map(|x| x.1).fold(target, f64::max).max(1e-9) * 1.15;
    let title = t(
        lang,
        "“十四五”全部工业增加值路径（亿元）",
        "Five-year path of industry value added (100M CNY)",
    );
    let (from, to) = (f64::from(f.base_year), f64::from(f.end_year));
    let mut plot = Plot::new(title, (from, to), (0.0, max), 56.0, true);
    plot.y_values();
    plot.x_labels((f.base_year..=f.end_year).map(|y| (f64::from(y), y.to_string())));
    plot.line(&path, THIS_YEAR, 3.0, true);
    plot.series(
        t(lang, "年均增长路径", "compound growth path"),
        THIS_YEAR,
        Mark::Line(3.0),
    );
    plot.line(&[(from, target), (to, target)], TIME, 1.0, false);
    plot.series(
        t(lang, "期末目标", "end-year target"),
        TIME,
        Mark::Line(1.0),
    );
    plot.finish()
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
            p.units(i, k, crate::engine::plan::Family::Share)
                .map(|share| (node_name(&c.scenario, p, i), drawn(share)))
        })
        .collect();
    let title = t(
        lang,
        "行业结构：占全县比重（%）",
        "Industry mix: share of the county (%)",
    );
    horizontal_bars(title, &rows, 120.0, LAST_YEAR)
}

#[component]
pub fn Charts() -> impl IntoView {
    let ctx = use_ctx();
    // Charts follow the plan once typing pauses: numbers come first, and a chart's SVG
    // replaced on every keystroke would be laid out and painted on every keystroke.
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
        let other = computed(|s| {
            s.indicators[0].target = crate::engine::TargetSpec::Growth("0.5".parse().unwrap())
        });
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

    /// The heights of the bars of one colour, left to right.
    fn bar_heights(svg: &str, color: &str) -> Vec<f64> {
        svg.split("<rect ")
            .filter(|r| r.contains(&format!("fill=\"{color}\"/>")) && !r.contains("width=\"12\""))
            .map(|r| {
                let h = r.split("height=\"").nth(1).unwrap();
                h[..h.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn bars_are_as_tall_as_their_amounts() {
        let c = computed(|_| {});
        let svg = quarters_chart(&c, Indicator::Output, Lang::Zh);
        let heights = bar_heights(&svg, THIS_YEAR);
        let amounts: Vec<f64> = c
            .plan
            .indicator(Indicator::Output)
            .unwrap()
            .quarters
            .iter()
            .map(|q| q.amount_units as f64)
            .collect();
        assert_eq!(heights.len(), 4, "{svg}");
        for q in 1..4 {
            let drawn = heights[q] / heights[0];
            let planned = amounts[q] / amounts[0];
            // Drawn to a tenth of a pixel on bars of about 200 px.
            assert!(
                (drawn - planned).abs() < 2e-3,
                "quarter {q}: {drawn} vs {planned}"
            );
        }
        // The tallest bar leaves the headroom the axis was given (1.2 × the largest).
        let tallest = heights.iter().copied().fold(0.0, f64::max);
        let plot_height = H - MARGIN - X_LABELS - (MARGIN + CAPTION + LEGEND);
        assert!(
            (tallest / plot_height - 1.0 / 1.2).abs() < 2e-3,
            "{tallest} of {plot_height}"
        );
    }

    #[test]
    fn ticks_are_round_and_cover_the_axis() {
        for max in [
            0.7, 1.0, 3.3, 9.99, 12.0, 97.0, 100.0, 430.5, 12_345.0, 0.0042,
        ] {
            let (values, decimals) = ticks(max, 8.0);
            let step = values[1] - values[0];
            let magnitude = 10f64.powf(step.log10().floor());
            let mantissa = step / magnitude;
            assert!(
                [1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-9),
                "step {step} for {max}"
            );
            assert!(
                (3..=11).contains(&values.len()),
                "{} ticks for {max}",
                values.len()
            );
            let last = *values.last().unwrap();
            assert!(
                last <= max * (1.0 + 1e-9) && last + step > max,
                "{values:?} for {max}"
            );
            // Labels with these decimals tell the ticks apart.
            let labels: Vec<String> = values.iter().map(|v| format!("{v:.decimals$}")).collect();
            let mut unique = labels.clone();
            unique.dedup();
            assert_eq!(unique, labels, "for {max}");
        }
        assert_eq!(ticks(0.0, 8.0).0, vec![0.0]);
        assert_eq!(ticks(f64::NAN, 8.0).0, vec![0.0]);
    }

    #[test]
    fn long_names_are_cut_to_their_label_area() {
        let long = "某某县经济技术开发区高新材料科技股份有限公司第二分公司";
        let cut = fit(long, 192.0, 12.0);
        assert!(
            cut.ends_with('…') && cut.chars().count() < long.chars().count(),
            "{cut}"
        );
        assert!(text_width(&cut, 12.0) <= 192.0, "{cut}");
        assert_eq!(fit("纺织", 192.0, 12.0), "纺织");
    }

    #[test]
    fn long_scenario_names_share_the_legend_row_above_the_bars() {
        let long = "示例县二〇二二年工业经济目标分解方案（县政府常务会议讨论稿，第三次修改）";
        let svg = compare_chart(
            Indicator::Output,
            (long, [6_000, 7_000, 8_000, 9_000]),
            (&format!("{long}副本"), [6_100, 7_100, 8_100, 9_100]),
            Lang::Zh,
        );
        // The legend's labels are the 13 px texts that start at their x.
        let labels: Vec<(f64, f64, String)> = svg
            .split("<text ")
            .filter(|t| t.contains(r#"font-size="13" text-anchor="start""#))
            .map(|t| {
                let attr = |name: &str| -> f64 {
                    let v = t.split(&format!("{name}=\"")).nth(1).unwrap();
                    v[..v.find('"').unwrap()].parse().unwrap()
                };
                let text = t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_string();
                (attr("x"), attr("y"), text)
            })
            .collect();
        assert_eq!(labels.len(), 2, "{svg}");
        let plot_top = MARGIN + CAPTION + LEGEND;
        let mut right_of_previous = 0.0;
        for (x, y, text) in &labels {
            assert!(text.ends_with('…'), "{text} is not cut");
            assert!(
                *y < plot_top,
                "the legend at y {y} is inside the plot (top {plot_top})"
            );
            assert!(*x >= right_of_previous, "legend entries overlap");
            right_of_previous = x + text_width(text, 13.0);
            assert!(right_of_previous <= W - MARGIN, "{text} runs off the chart");
        }
    }
}
