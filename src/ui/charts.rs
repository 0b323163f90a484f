//! Charts drawn by plotters into SVG text (labels in the current language; they scale with
//! the window through their viewBox). They plot the plan's figures as shown: every value
//! comes in display units (hundredths) and its label is that figure's own text.
//!
//! plotters measures text through the page (a `<span>` given an inline `style`, which the
//! Content-Security-Policy refuses) for captions, its legends and right-hand axes; these
//! charts draw their title and legend as plain text elements instead and use left and bottom
//! axes only, so that nothing is measured and no style is set inline.

use leptos::prelude::*;
use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{use_ctx, Computed};
use crate::engine::calendar::{quarter_en, quarter_zh};
use crate::engine::explain::node_name;
use crate::engine::format::{fixed_units, percent2_units};
use crate::engine::num::Step;
use crate::engine::plan::{Family, Level};
use crate::engine::round::Precision;
use crate::engine::{Indicator, Lang};

/// Charts are redrawn this long after the plan last changed.
const CHART_DELAY_MS: u64 = 250;
const W: u32 = 640;
const H: u32 = 320;
const MARGIN: u32 = 12;
/// Below the plot: the x labels.
const X_LABELS: u32 = 28;
/// Above the plot: the title.
const CAPTION: u32 = 34;
/// Between the title and the plot of a chart with series: their legend, in one row.
const LEGEND: u32 = 22;
/// Right of the plot: room for half of a label centred on the last x position.
const RIGHT: u32 = 28;
const FONT: &str = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif";
/// plotters writes a font's size divided by 1.24 (its points to pixels): these are asked for
/// so as to come out at 18, 13 and 12 px.
const TITLE_PX: f64 = 18.0;
const LABEL_PX: f64 = 13.0;
const VALUE_PX: f64 = 12.0;
const THIS_YEAR: RGBColor = RGBColor(0xb3, 0x26, 0x1e);
const LAST_YEAR: RGBColor = RGBColor(0x8c, 0x96, 0xaa);
const TIME: RGBColor = RGBColor(0x1a, 0x5f, 0xd0);
const CUMULATIVE: RGBColor = RGBColor(0x2e, 0x7d, 0x32);
const GRID: RGBColor = RGBColor(0xe3, 0xe6, 0xee);
const AXIS: RGBColor = RGBColor(0x5b, 0x64, 0x78);
const INK: RGBColor = RGBColor(0x1f, 0x23, 0x2b);

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// Text for the SVG we write ourselves (the title element): names are the user's, never
/// markup. (plotters escapes what it writes.)
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

/// A text style of `px` pixels as drawn, in `color`, placed by `pos`.
fn font(px: f64, color: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT, px * 1.24)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, v))
}

/// Hundredths as a drawing coordinate: a chart places what the page shows.
fn drawn(units: i64) -> f64 {
    units as f64 / 100.0
}

/// The top of an axis for values up to `max`: `headroom` above it, never empty.
fn axis_top(max: f64, headroom: f64) -> f64 {
    if max.is_finite() && max > 0.0 {
        max * headroom
    } else {
        1.0
    }
}

/// A legend's mark: a filled box (bars) or a stroke of this width (lines).
#[derive(Clone, Copy)]
enum Mark {
    Box,
    Line(u32),
}

/// One series in the legend.
struct Series {
    name: String,
    color: RGBColor,
    mark: Mark,
}

/// Draw a titled chart: the title at the top, the legend in a row under it (never over the
/// data), and `body` on the rest. The SVG is titled for screen readers.
fn chart(title: &str, legend: &[Series], body: impl FnOnce(&Area<'_>) -> Drawn) -> String {
    let mut svg = String::with_capacity(8192);
    {
        let root = SVGBackend::with_string(&mut svg, (W, H)).into_drawing_area();
        // A chart that cannot be drawn whole is left as far as it got: an empty plot area
        // (plotters refuses an empty range) is not worth an error on the page.
        let _ = draw_frame(&root, title, legend).and_then(|()| {
            let top = CAPTION + if legend.is_empty() { 0 } else { LEGEND };
            let (_, plot) = root.split_vertically(top);
            body(&plot)
        });
        let _ = root.present();
    }
    accessible(svg, title)
}

fn draw_frame(root: &Area<'_>, title: &str, legend: &[Series]) -> Drawn {
    root.fill(&WHITE)?;
    root.draw(&Text::new(
        title.to_string(),
        ((W / 2) as i32, MARGIN as i32),
        font(TITLE_PX, INK, HPos::Center, VPos::Top),
    ))?;
    if legend.is_empty() {
        return Ok(());
    }
    // One row; long names share it, each cut to its part.
    let left = MARGIN + 56;
    let room = f64::from(W - left - MARGIN - RIGHT) / legend.len() as f64 - 40.0;
    let row = (CAPTION + LEGEND / 2) as i32;
    let mut x = left as i32;
    for s in legend {
        match s.mark {
            Mark::Box => root.draw(&Rectangle::new(
                [(x, row - 5), (x + 12, row + 5)],
                s.color.filled(),
            ))?,
            Mark::Line(w) => root.draw(&PathElement::new(
                vec![(x, row), (x + 16, row)],
                s.color.stroke_width(w),
            ))?,
        }
        let name = fit(&s.name, room, LABEL_PX);
        root.draw(&Text::new(
            name.clone(),
            (x + 20, row),
            font(LABEL_PX, INK, HPos::Left, VPos::Center),
        ))?;
        x += 40 + text_width(&name, LABEL_PX).ceil() as i32;
    }
    Ok(())
}

/// plotters' SVG with a role, a label and a `<title>` for screen readers.
fn accessible(svg: String, title: &str) -> String {
    let title = escape(title);
    let Some(open_end) = svg.find('>') else {
        return svg;
    };
    let (open, rest) = svg.split_at(open_end + 1);
    let open = open.replacen(
        "<svg ",
        &format!(r#"<svg role="img" aria-label="{title}" "#),
        1,
    );
    format!("{open}<title>{title}</title>{rest}")
}

/// An axis value as the tables write numbers: thousands separated, and only the decimals
/// the ticks' 1-2-5 steps need ("400,000", "2.5", "0.25"), never "400000.0".
fn tick(v: &f64) -> String {
    for decimals in 0..3u32 {
        let scaled = v * f64::from(10u32.pow(decimals));
        if (scaled - scaled.round()).abs() < 1e-6 {
            return fixed_units(scaled.round() as i64, decimals as usize);
        }
    }
    fixed_units((v * 100.0).round() as i64, 2)
}

/// The plot under a chart's title and legend, framed alike in every chart: `y_labels`
/// pixels for the value axis's labels, `right` more for labels past the last point.
fn plot_area<'a, 'b>(
    area: &'a Area<'b>,
    y_labels: u32,
    right: u32,
) -> ChartBuilder<'a, 'b, SVGBackend<'b>> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin_left(MARGIN)
        .margin_right(MARGIN + right)
        .margin_bottom(MARGIN)
        .margin_top(4)
        .x_label_area_size(X_LABELS)
        .y_label_area_size(y_labels);
    builder
}

/// The axes of every chart alike: labels in the axis colour (the value axis's right-aligned),
/// grey grid lines at the labelled values only.
trait HouseStyle {
    fn house_style(&mut self) -> &mut Self;
}

impl<X: Ranged, Y: Ranged, DB: DrawingBackend> HouseStyle for MeshStyle<'_, '_, X, Y, DB> {
    fn house_style(&mut self) -> &mut Self {
        self.label_style(font(LABEL_PX, AXIS, HPos::Center, VPos::Top))
            .y_label_style(font(LABEL_PX, AXIS, HPos::Right, VPos::Center))
            .axis_style(AXIS)
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
    }
}

/// The four quarters with one or two bar series side by side (each with its value on top),
/// and, where given, a cumulative line on a scale of its own, each point labelled.
struct QuarterBars<'a> {
    title: String,
    /// (name, colour, the four amounts in hundredths)
    bars: Vec<(&'a str, RGBColor, [i64; 4])>,
    cumulative: Option<(&'a str, [i64; 4])>,
    lang: Lang,
}

fn quarter_name(q: usize, lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        quarter_zh(q)
    } else {
        quarter_en(q)
    }
}

impl QuarterBars<'_> {
    fn draw(self) -> String {
        let mut legend: Vec<Series> = self
            .bars
            .iter()
            .map(|(name, color, _)| Series {
                name: name.to_string(),
                color: *color,
                mark: Mark::Box,
            })
            .collect();
        if let Some((name, _)) = self.cumulative {
            legend.push(Series {
                name: name.to_string(),
                color: CUMULATIVE,
                mark: Mark::Line(2),
            });
        }
        let max = self
            .bars
            .iter()
            .flat_map(|b| b.2)
            .map(drawn)
            .fold(0.0, f64::max);
        let lang = self.lang;
        chart(&self.title, &legend, |area| {
            let mut c = plot_area(area, 56, RIGHT)
                // An integer range is inclusive as segments: 0..3 is the four quarters.
                .build_cartesian_2d((0u32..3u32).into_segmented(), 0.0..axis_top(max, 1.2))?;
            let name = |v: &SegmentValue<u32>| match v {
                SegmentValue::CenterOf(q) if *q < 4 => quarter_name(*q as usize, lang).to_string(),
                _ => String::new(),
            };
            c.configure_mesh()
                .disable_x_mesh()
                .x_labels(4)
                .y_labels(8)
                .x_label_formatter(&name)
                .y_label_formatter(&tick)
                .house_style()
                .draw()?;
            // Each quarter is a segment; n bars share its middle 76%.
            let segment = c.plotting_area().dim_in_pixel().0 as f64 / 4.0;
            let n = self.bars.len().max(1) as f64;
            let bar = segment * 0.76 / n;
            for (i, (_, color, units)) in self.bars.iter().enumerate() {
                let left = (segment * 0.12 + bar * i as f64).round() as i32;
                let right = (segment - segment * 0.12 - bar * (i as f64 + 1.0)).round() as i32;
                c.draw_series(units.iter().enumerate().map(|(q, &u)| {
                    let q = q as u32;
                    let mut r = Rectangle::new(
                        [
                            (SegmentValue::Exact(q), 0.0),
                            (SegmentValue::Exact(q + 1), drawn(u)),
                        ],
                        color.filled(),
                    );
                    r.set_margin(0, 0, left.max(0) as u32, right.max(0) as u32);
                    r
                }))?;
                // The value over each bar, centred on it.
                let centre = (segment * 0.12 + bar * (i as f64 + 0.5) - segment / 2.0).round();
                c.draw_series(units.iter().enumerate().map(|(q, &u)| {
                    EmptyElement::at((SegmentValue::CenterOf(q as u32), drawn(u)))
                        + Text::new(
                            fixed_units(u, 2),
                            (centre as i32, -3),
                            font(VALUE_PX * 0.85, INK, HPos::Center, VPos::Bottom),
                        )
                }))?;
            }
            if let Some((_, totals)) = self.cumulative {
                let top = axis_top(totals.iter().copied().map(drawn).fold(0.0, f64::max), 1.15);
                let mut c = c.set_secondary_coord((0u32..3u32).into_segmented(), 0.0..top);
                let points: Vec<(SegmentValue<u32>, f64)> = totals
                    .iter()
                    .enumerate()
                    .map(|(q, &u)| (SegmentValue::CenterOf(q as u32), drawn(u)))
                    .collect();
                c.draw_secondary_series(
                    LineSeries::new(points.clone(), CUMULATIVE.stroke_width(2)).point_size(3),
                )?;
                c.draw_secondary_series(totals.iter().zip(&points).map(|(&u, (x, y))| {
                    EmptyElement::at((x.clone(), *y))
                        + Text::new(
                            fixed_units(u, 2),
                            (6, -6),
                            font(VALUE_PX * 0.85, CUMULATIVE, HPos::Left, VPos::Bottom),
                        )
                }))?;
            }
            Ok(())
        })
    }
}

fn indicator_title(k: Indicator, lang: Lang, (zh, en): (&str, &str)) -> String {
    if lang == Lang::Zh {
        format!("{}{zh}", k.zh())
    } else {
        // "Gross output: …": the indicator's name begins the sentence.
        let name = k.en();
        let mut first = name.chars();
        match first.next() {
            Some(c) => format!("{}{}{en}", c.to_uppercase(), first.as_str()),
            None => en.to_string(),
        }
    }
}

/// Quarterly targets against last year's quarters, with the cumulative target.
fn quarters_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    let Some(ip) = c.plan.indicator(k) else {
        return String::new();
    };
    let base = c
        .scenario
        .indicator(k)
        .and_then(|i| i.base_quarters)
        .map(|b| b.map(|x| x.units(Step::YI_2)));
    let amounts: [i64; 4] = std::array::from_fn(|q| ip.quarters[q].amount_units);
    let cumulative: [i64; 4] = std::array::from_fn(|q| ip.quarters[q].cumulative_units);
    let mut bars = Vec::new();
    if let Some(b) = base {
        bars.push((t(lang, "上年同期", "last year"), LAST_YEAR, b));
    }
    bars.push((
        t(lang, "今年任务", "this year's target"),
        THIS_YEAR,
        amounts,
    ));
    QuarterBars {
        title: indicator_title(
            k,
            lang,
            (
                "：分季度任务与上年同期（亿元）",
                ": quarters against last year (100M CNY)",
            ),
        ),
        bars,
        cumulative: Some((t(lang, "累计任务", "cumulative target"), cumulative)),
        lang,
    }
    .draw()
}

/// Two scenarios' quarter amounts side by side (the comparison's chart), in 0.01亿元.
pub fn compare_chart(
    k: Indicator,
    (a_name, a): (&str, [i64; 4]),
    (b_name, b): (&str, [i64; 4]),
    lang: Lang,
) -> String {
    QuarterBars {
        title: indicator_title(
            k,
            lang,
            (
                "：两个方案的分季度任务（亿元）",
                ": quarters in the two scenarios (100M CNY)",
            ),
        ),
        bars: vec![(a_name, LAST_YEAR, a), (b_name, THIS_YEAR, b)],
        cumulative: None,
        lang,
    }
    .draw()
}

/// Cumulative task progress against time progress, each point labelled.
fn progress_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    let Some(ip) = c.plan.indicator(k) else {
        return String::new();
    };
    let title = t(
        lang,
        "任务进度与时间进度（%）",
        "Task progress against time progress (%)",
    );
    let along = |pick: fn(&crate::engine::plan::QuarterPlan) -> crate::engine::Dec| {
        std::iter::once(0)
            .chain(ip.quarters.iter().map(|x| pick(x).units(Step::PERCENT_2)))
            .collect::<Vec<i64>>()
    };
    let task = along(|q| q.task_progress);
    let time = along(|q| q.time_progress);
    let legend = [
        Series {
            name: t(lang, "任务进度", "task progress").into(),
            color: THIS_YEAR,
            mark: Mark::Line(3),
        },
        Series {
            name: t(lang, "时间进度", "time progress").into(),
            color: TIME,
            mark: Mark::Line(2),
        },
    ];
    chart(title, &legend, |area| {
        let mut c = plot_area(area, 48, RIGHT).build_cartesian_2d(0i32..4i32, 0.0..105.0)?;
        let when = |q: &i32| match (*q, lang) {
            (0, Lang::Zh) => "年初".to_string(),
            (0, Lang::En) => "start".to_string(),
            (q @ 1..=4, Lang::Zh) => format!("{}末", quarter_zh(q as usize - 1)),
            (q @ 1..=4, Lang::En) => format!("end {}", quarter_en(q as usize - 1)),
            _ => String::new(),
        };
        c.configure_mesh()
            .disable_x_mesh()
            .x_labels(5)
            .y_labels(6)
            .x_label_formatter(&when)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .house_style()
            .draw()?;
        let points = |units: &[i64]| -> Vec<(i32, f64)> {
            units
                .iter()
                .enumerate()
                .map(|(q, &u)| (q as i32, drawn(u)))
                .collect()
        };
        c.draw_series(LineSeries::new(points(&time), TIME.stroke_width(2)))?;
        c.draw_series(LineSeries::new(points(&task), THIS_YEAR.stroke_width(3)).point_size(4))?;
        c.draw_series(task.iter().enumerate().skip(1).map(|(q, &u)| {
            EmptyElement::at((q as i32, drawn(u)))
                + Text::new(
                    percent2_units(u),
                    (-6, -6),
                    font(VALUE_PX * 0.85, THIS_YEAR, HPos::Right, VPos::Bottom),
                )
        }))?;
        Ok(())
    })
}

/// The year month by month: cumulative plan and time progress (% of the year), and the
/// actual to date where entered (drawn only then).
fn cumulative_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    let Some(path) = crate::engine::progress::year_path(&c.plan, k) else {
        return String::new();
    };
    let Some((month, actual)) = path.actual else {
        return String::new();
    };
    let title = t(
        lang,
        "累计计划、时间进度与实际完成（占全年 %）",
        "Cumulative plan, time progress and actual (% of the year)",
    );
    let legend = [
        Series {
            name: t(lang, "累计计划", "cumulative plan").into(),
            color: THIS_YEAR,
            mark: Mark::Line(3),
        },
        Series {
            name: t(lang, "时间进度", "time progress").into(),
            color: TIME,
            mark: Mark::Line(2),
        },
        Series {
            name: t(lang, "累计实际", "actual to date").into(),
            color: CUMULATIVE,
            mark: Mark::Line(3),
        },
    ];
    chart(title, &legend, |area| {
        let mut ch = plot_area(area, 48, RIGHT).build_cartesian_2d(0i32..12i32, 0.0..105.0)?;
        let when = |m: &i32| match (*m, lang) {
            (0, Lang::Zh) => "年初".to_string(),
            (0, Lang::En) => "start".to_string(),
            (m, Lang::Zh) => format!("{m}月"),
            (m, Lang::En) => format!("{m}"),
        };
        ch.configure_mesh()
            .disable_x_mesh()
            .x_labels(13)
            .y_labels(6)
            .x_label_formatter(&when)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .house_style()
            .draw()?;
        let points = |units: &[i64; 13]| -> Vec<(i32, f64)> {
            units
                .iter()
                .enumerate()
                .map(|(m, &u)| (m as i32, drawn(u)))
                .collect()
        };
        ch.draw_series(LineSeries::new(points(&path.time), TIME.stroke_width(2)))?;
        ch.draw_series(LineSeries::new(
            points(&path.planned),
            THIS_YEAR.stroke_width(3),
        ))?;
        let at = (i32::from(month), drawn(actual));
        ch.draw_series(LineSeries::new([(0, 0.0), at], CUMULATIVE.stroke_width(3)).point_size(5))?;
        ch.draw_series(std::iter::once(
            EmptyElement::at(at)
                + Text::new(
                    percent2_units(actual),
                    (8, -6),
                    font(VALUE_PX * 0.85, CUMULATIVE, HPos::Left, VPos::Bottom),
                ),
        ))?;
        Ok(())
    })
}

/// Named horizontal bars, the first on top, each with its value at its end.
fn horizontal_bars(
    title: &str,
    rows: &[(String, i64)],
    value_text: impl Fn(i64) -> String,
    label_width: u32,
    color: RGBColor,
) -> String {
    // At least two segments: plotters maps a one-segment range (0..0) to a box of negative
    // height (a county of one enterprise drew a bar 72 px tall upwards).
    let n = rows.len().max(2) as u32;
    let max = rows.iter().map(|x| drawn(x.1)).fold(0.0, f64::max);
    let names: Vec<String> = rows
        .iter()
        .map(|(name, _)| fit(name, f64::from(label_width - 8), VALUE_PX))
        .collect();
    chart(title, &[], |area| {
        let mut c = plot_area(area, label_width, RIGHT + 24)
            // n segments (an integer range is inclusive as segments).
            .build_cartesian_2d(0.0..axis_top(max, 1.1), (0u32..n - 1).into_segmented())?;
        // Row r (from the bottom) holds the (n − 1 − r)-th name: the first on top.
        let name = |v: &SegmentValue<u32>| match v {
            SegmentValue::CenterOf(r) if *r < n => {
                names.get((n - 1 - r) as usize).cloned().unwrap_or_default()
            }
            _ => String::new(),
        };
        c.configure_mesh()
            .disable_y_mesh()
            .y_labels(n as usize)
            .x_labels(8)
            .x_label_formatter(&tick)
            .y_label_formatter(&name)
            .house_style()
            // The names, in the ink of the values.
            .y_label_style(font(VALUE_PX, INK, HPos::Right, VPos::Center))
            .draw()?;
        let row = |i: usize| n - 1 - i as u32;
        let height = c.plotting_area().dim_in_pixel().1 as f64 / f64::from(n);
        let gap = (height * 0.15).round() as u32;
        c.draw_series(rows.iter().enumerate().map(|(i, &(_, u))| {
            let mut r = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(row(i))),
                    (drawn(u), SegmentValue::Exact(row(i) + 1)),
                ],
                color.filled(),
            );
            r.set_margin(gap, gap, 0, 0);
            r
        }))?;
        c.draw_series(rows.iter().enumerate().map(|(i, &(_, u))| {
            EmptyElement::at((drawn(u), SegmentValue::CenterOf(row(i))))
                + Text::new(
                    value_text(u),
                    (4, 0),
                    font(VALUE_PX * 0.85, INK, HPos::Left, VPos::Center),
                )
        }))?;
        Ok(())
    })
}

/// The ten largest enterprises by quota, in the table's unit and as the table shows them.
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
    // Ties keep the tree's order (a stable sort).
    top.sort_by_key(|x| std::cmp::Reverse(x.1));
    top.truncate(10);
    let title = match p.tree_precision {
        Precision::Yi2 => t(
            lang,
            "任务最大的十家企业（亿元）",
            "Ten largest enterprise quotas (100M CNY)",
        ),
        Precision::Wan2 => t(
            lang,
            "任务最大的十家企业（万元）",
            "Ten largest enterprise quotas (10k CNY)",
        ),
    };
    horizontal_bars(title, &top, |u| fixed_units(u, 2), 200, THIS_YEAR)
}

/// Each industry's share of the indicator.
fn mix_chart(c: &Computed, k: Indicator, lang: Lang) -> String {
    let p = &c.plan;
    let rows: Vec<(String, i64)> = p
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.level == Level::Industry)
        .filter_map(|(i, _)| {
            p.units(i, k, Family::Share)
                .map(|share| (node_name(&c.scenario, p, i), share))
        })
        .collect();
    let title = t(
        lang,
        "行业结构：占全县比重（%）",
        "Industry mix: share of the county (%)",
    );
    horizontal_bars(title, &rows, percent2_units, 120, LAST_YEAR)
}

/// The five-year path of industrial value added, with the target; each year labelled.
fn five_year_chart(c: &Computed, lang: Lang) -> String {
    let Some(f) = &c.plan.five_year else {
        return String::new();
    };
    let target = f.target.units(Step::YI_2);
    let path: Vec<(i32, i64)> = f
        .path
        .iter()
        .map(|&(y, v)| (y, v.units(Step::YI_2)))
        .collect();
    let max = path
        .iter()
        .map(|x| drawn(x.1))
        .fold(drawn(target), f64::max);
    let title = t(
        lang,
        "“十四五”全部工业增加值路径（亿元）",
        "Five-year path of industry value added (100M CNY)",
    );
    let legend = [
        Series {
            name: t(lang, "年均增长路径", "compound growth path").into(),
            color: THIS_YEAR,
            mark: Mark::Line(3),
        },
        Series {
            name: t(lang, "期末目标", "end-year target").into(),
            color: TIME,
            mark: Mark::Line(1),
        },
    ];
    let (from, to) = (f.base_year, f.end_year.max(f.base_year + 1));
    chart(title, &legend, |area| {
        let mut c =
            plot_area(area, 56, RIGHT).build_cartesian_2d(from..to, 0.0..axis_top(max, 1.15))?;
        c.configure_mesh()
            .disable_x_mesh()
            .x_labels((to - from + 1) as usize)
            .y_labels(8)
            .x_label_formatter(&|y: &i32| y.to_string())
            .y_label_formatter(&tick)
            .house_style()
            .draw()?;
        c.draw_series(LineSeries::new(
            [(from, drawn(target)), (to, drawn(target))],
            TIME.stroke_width(1),
        ))?;
        c.draw_series(
            LineSeries::new(
                path.iter().map(|&(y, u)| (y, drawn(u))),
                THIS_YEAR.stroke_width(3),
            )
            .point_size(4),
        )?;
        c.draw_series(path.iter().map(|&(y, u)| {
            // The first point's label starts at the point, clear of the axis's labels.
            let (dx, h) = if y == from {
                (4, HPos::Left)
            } else {
                (0, HPos::Center)
            };
            EmptyElement::at((y, drawn(u)))
                + Text::new(
                    fixed_units(u, 2),
                    (dx, -8),
                    font(VALUE_PX * 0.85, INK, h, VPos::Bottom),
                )
        }))?;
        Ok(())
    })
}

#[component]
pub fn Charts() -> impl IntoView {
    let ctx = use_ctx();
    // Charts follow the plan once typing pauses: numbers come first, and a chart's SVG
    // replaced on every keystroke would be laid out and painted on every keystroke.
    let settled = super::after_pause(ctx, std::time::Duration::from_millis(CHART_DELAY_MS));
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
                <figure class="chart" id="chart-cumulative" inner_html=chart(cumulative_chart)></figure>
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
        Computed {
            id: String::new(),
            scenario,
            plan,
            source: crate::ui::Source::Itself,
        }
    }

    /// The value of attribute `name` in one element's text.
    fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
        // The element's text starts right after its tag name: its first attribute has no space.
        let v = if element.starts_with(&format!("{name}=\"")) {
            &element[name.len() + 2..]
        } else {
            element.split(&format!(" {name}=\"")).nth(1)?
        };
        Some(&v[..v.find('"')?])
    }

    /// Every `<tag …>` element of the SVG, as its text up to the end of its content.
    fn elements<'a>(svg: &'a str, tag: &str) -> Vec<&'a str> {
        svg.split(&format!("<{tag} ")).skip(1).collect()
    }

    /// The texts drawn, trimmed, with their element.
    fn texts(svg: &str) -> Vec<(String, &str)> {
        elements(svg, "text")
            .into_iter()
            .map(|e| {
                let body = &e[e.find('>').unwrap() + 1..e.find("</text>").unwrap()];
                (body.trim().to_string(), e)
            })
            .collect()
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    #[test]
    fn axis_values_are_written_as_the_tables_write_numbers() {
        assert_eq!(tick(&400_000.0), "400,000");
        assert_eq!(tick(&100.0), "100");
        assert_eq!(tick(&2.5), "2.5");
        assert_eq!(tick(&0.25), "0.25");
        assert_eq!(tick(&0.0), "0");
        // Tick values come from repeated addition: a float's dust is not a decimal.
        assert_eq!(tick(&(0.1 + 0.2)), "0.3");
        let top = top_chart(&computed(|_| {}), Indicator::Output, Lang::Zh);
        assert!(texts(&top).iter().any(|(t, _)| t == "100,000"), "{top}");
        assert!(!top.contains("100000.0"));
    }

    #[test]
    fn charts_carry_the_plan_and_the_language() {
        let c = computed(|_| {});
        let zh = quarters_chart(&c, Indicator::Output, Lang::Zh);
        assert!(
            zh.starts_with("<svg role=\"img\""),
            "{}",
            &zh[..zh.len().min(200)]
        );
        assert!(zh.contains("<title>规上产值：分季度任务与上年同期（亿元）</title>"));
        assert!(zh.contains("一季度") && zh.contains("今年任务"));
        let en = quarters_chart(&c, Indicator::Output, Lang::En);
        assert!(en.contains("Q1") && en.contains("last year"));
        assert!(
            en.contains("<title>Gross output: "),
            "{}",
            &en[..en.len().min(300)]
        );
        assert!(!en.contains("一季度"));
        // A different target draws a different chart.
        let other = computed(|s| {
            s.indicators[0].target = crate::engine::TargetSpec::Growth("0.5".parse().unwrap())
        });
        assert_ne!(quarters_chart(&other, Indicator::Output, Lang::Zh), zh);
    }

    #[test]
    fn every_chart_draws_and_none_sets_a_style_inline() {
        let c = computed(|_| {});
        let k = Indicator::Output;
        for (name, svg) in [
            ("quarters", quarters_chart(&c, k, Lang::Zh)),
            ("progress", progress_chart(&c, k, Lang::Zh)),
            ("top", top_chart(&c, k, Lang::Zh)),
            ("five-year", five_year_chart(&c, Lang::Zh)),
            ("mix", mix_chart(&c, k, Lang::Zh)),
        ] {
            assert!(svg.ends_with("</svg>\n"), "{name}: not closed");
            assert!(
                svg.matches("<rect ").count() + svg.matches("<polyline ").count() > 3,
                "{name}: nothing drawn"
            );
            assert!(!svg.contains("style="), "{name}: an inline style");
        }
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

    /// The bars of one colour, left to right: (height, x) in pixels.
    fn bars(svg: &str, color: RGBColor) -> Vec<(f64, f64)> {
        let fill = hex(color);
        elements(svg, "rect")
            .into_iter()
            .filter(|r| attr(r, "fill") == Some(fill.as_str()) && attr(r, "width") != Some("12"))
            .map(|r| {
                let n = |a| attr(r, a).unwrap().parse::<f64>().unwrap();
                (n("height"), n("x"))
            })
            .collect()
    }

    #[test]
    fn bars_are_as_tall_as_their_amounts_and_say_their_value() {
        let c = computed(|_| {});
        let svg = quarters_chart(&c, Indicator::Output, Lang::Zh);
        let heights: Vec<f64> = bars(&svg, THIS_YEAR).into_iter().map(|b| b.0).collect();
        let quarters = &c.plan.indicator(Indicator::Output).unwrap().quarters;
        assert_eq!(heights.len(), 4, "{svg}");
        for q in 1..4 {
            let drawn = heights[q] / heights[0];
            let planned = quarters[q].amount_units as f64 / quarters[0].amount_units as f64;
            // Whole pixels on bars of about 150: within a pixel and a half.
            assert!(
                (drawn - planned).abs() < 1.5 / heights[0],
                "quarter {q}: {drawn} vs {planned}"
            );
        }
        // Each bar's value is the figure the page shows, and last year's bars stand left.
        let shown: Vec<String> = texts(&svg).into_iter().map(|t| t.0).collect();
        for q in quarters {
            let text = fixed_units(q.amount_units, 2);
            assert!(shown.contains(&text), "{text} not on the chart: {shown:?}");
        }
        let last_year = bars(&svg, LAST_YEAR);
        assert_eq!(last_year.len(), 4);
        assert!(last_year[0].1 < bars(&svg, THIS_YEAR)[0].1);
    }

    #[test]
    fn the_cumulative_line_reaches_the_annual_target() {
        let c = computed(|_| {});
        let svg = quarters_chart(&c, Indicator::Output, Lang::Zh);
        let ip = c.plan.indicator(Indicator::Output).unwrap();
        // The line of four points (the legend's mark is a line of two).
        let line = elements(&svg, "polyline")
            .into_iter()
            .filter(|p| attr(p, "stroke") == Some(hex(CUMULATIVE).as_str()))
            .find(|p| attr(p, "points").is_some_and(|x| x.split_whitespace().count() == 4))
            .expect("no cumulative line");
        let ys: Vec<f64> = attr(line, "points")
            .unwrap()
            .split_whitespace()
            .map(|p| p.split(',').nth(1).unwrap().parse().unwrap())
            .collect();
        assert_eq!(ys.len(), 4);
        assert!(
            ys.windows(2).all(|w| w[1] < w[0]),
            "the line does not rise: {ys:?}"
        );
        let labels: Vec<String> = texts(&svg)
            .into_iter()
            .filter(|(_, e)| attr(e, "fill") == Some(hex(CUMULATIVE).as_str()))
            .map(|t| t.0)
            .collect();
        assert_eq!(
            labels.last(),
            Some(&fixed_units(ip.target_units, 2)),
            "{labels:?}"
        );
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
        // The legend's labels: the texts that start at their x, above the plot.
        let plot_top = f64::from(CAPTION + LEGEND);
        let labels: Vec<(f64, f64, String)> = texts(&svg)
            .into_iter()
            .filter(|(_, e)| attr(e, "text-anchor") == Some("start"))
            .map(|(text, e)| {
                let n = |a| attr(e, a).unwrap().parse::<f64>().unwrap();
                (n("x"), n("y"), text)
            })
            .collect();
        assert_eq!(labels.len(), 2, "{svg}");
        let mut right_of_previous = 0.0;
        for (x, y, text) in &labels {
            assert!(text.ends_with('…'), "{text} is not cut");
            assert!(
                *y < plot_top,
                "the legend at y {y} is inside the plot (top {plot_top})"
            );
            assert!(*x >= right_of_previous, "legend entries overlap");
            right_of_previous = x + text_width(text, LABEL_PX);
            assert!(
                right_of_previous <= f64::from(W - MARGIN),
                "{text} runs off the chart"
            );
        }
    }

    /// No chart draws a box of negative size (the browser refuses it: "attribute height: A
    /// negative value"), whatever the figures: shrinking, flat, vanishing, huge, one enterprise.
    #[test]
    fn no_chart_draws_a_box_of_negative_size() {
        use crate::engine::{edit::set_target, Dec, TargetSpec};
        let cases: [fn(&mut crate::engine::Scenario); 5] = [
            |_| {},
            |s| {
                for k in Indicator::ALL {
                    set_target(s, k, TargetSpec::Growth(-Dec::ONE));
                }
            },
            |s| {
                for k in Indicator::ALL {
                    set_target(s, k, TargetSpec::Amount(Dec::int(900_000_000)));
                }
            },
            |s| s.quarter_shares = ["1", "0", "0", "0"].map(|x| x.parse().unwrap()),
            |s| {
                s.tree.industries.truncate(1);
                s.tree.industry_mut(0).enterprises.truncate(1);
            },
        ];
        let negative = |svg: &str| svg.contains("width=\"-") || svg.contains("height=\"-");
        for (n, case) in cases.iter().enumerate() {
            let c = computed(case);
            for lang in [Lang::Zh, Lang::En] {
                let mut svgs = vec![five_year_chart(&c, lang)];
                for k in Indicator::ALL {
                    svgs.push(quarters_chart(&c, k, lang));
                    svgs.push(progress_chart(&c, k, lang));
                    svgs.push(top_chart(&c, k, lang));
                    svgs.push(mix_chart(&c, k, lang));
                    svgs.push(compare_chart(
                        k,
                        ("甲", [0, 10, -72, 5]),
                        ("乙", [1, 2, 3, 4]),
                        lang,
                    ));
                }
                for svg in &svgs {
                    assert!(!negative(svg), "case {n}: {svg}");
                }
            }
        }
    }

    #[test]
    fn the_cumulative_chart_is_drawn_once_there_are_actuals() {
        let k = Indicator::Output;
        assert_eq!(cumulative_chart(&computed(|_| {}), k, Lang::Zh), "");
        let c = computed(|s| {
            s.actuals = Some(std::sync::Arc::new(crate::engine::scenario::Actuals {
                county: crate::engine::SparseValues::default().with(k, "45".parse().unwrap()),
                ..Default::default()
            }))
        });
        let svg = cumulative_chart(&c, k, Lang::Zh);
        assert!(
            svg.contains("累计实际") && svg.contains("13.64%"),
            "{}",
            &svg[..200.min(svg.len())]
        );
    }
}
