//! The overview: the numbers of the speech, in the speech's own order, each one a button
//! that explains itself.

use leptos::prelude::*;

use super::explain::Num;
use super::{use_ctx, Computed};
use crate::engine::explain::{shown_text, Figure};
use crate::engine::format::{percent, trimmed, yi};
use crate::engine::{Indicator, Lang};

/// One piece of a line of the overview.
#[derive(Clone, PartialEq)]
enum Part {
    Text(String),
    /// A name typed by the user.
    User(String),
    Num {
        figure: Figure,
        id: Option<String>,
        text: String,
    },
}

/// A line (li) of the overview: its class and pieces.
#[derive(Clone, PartialEq)]
struct Line {
    class: &'static str,
    parts: Vec<Part>,
}

/// What gives a line its shape: the kind of each piece (and a number's figure and id). The
/// texts are read in place, so a new plan rewrites text, not the overview.
#[derive(Clone, PartialEq, Eq, Hash)]
struct LineShape {
    at: usize,
    class: &'static str,
    parts: Vec<PartKind>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum PartKind {
    Text,
    User,
    Num(Figure, Option<String>),
}

impl Part {
    fn text(&self) -> &str {
        match self {
            Part::Text(t) | Part::User(t) => t,
            Part::Num { text, .. } => text,
        }
    }
}

#[component]
pub fn Overview() -> impl IntoView {
    let ctx = use_ctx();
    let model = Memo::new(move |_| {
        let lang = ctx.lang.get();
        ctx.computed
            .with(|c| c.as_ref().map(|c| body(&c.0, lang)))
            .unwrap_or_default()
    });
    // Memo: a new plan usually changes texts only, and then the lines are not diffed again.
    let shapes = Memo::new(move |_| {
        model.with(|lines| {
            lines
                .iter()
                .enumerate()
                .map(|(at, l)| LineShape {
                    at,
                    class: l.class,
                    parts: l
                        .parts
                        .iter()
                        .map(|p| match p {
                            Part::Num { figure, id, .. } => PartKind::Num(*figure, id.clone()),
                            Part::User(_) => PartKind::User,
                            Part::Text(_) => PartKind::Text,
                        })
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card overview" id="overview" aria-labelledby="overview-title">
            <h2 id="overview-title">{move || ctx.t("总览：讲话中的数字", "Overview: the figures of the speech")}</h2>
            <ol class="speech">
                <For each=move || shapes.get() key=|shape| shape.clone() let:shape>
                    {line(model, shape)}
                </For>
            </ol>
        </section>
    }
}

fn line(model: Memo<Vec<Line>>, shape: LineShape) -> impl IntoView {
    let at = shape.at;
    let texts = move |m: &Vec<Line>| -> Option<Vec<Option<String>>> {
        m.get(at)
            .map(|l| l.parts.iter().map(|p| Some(p.text().to_string())).collect())
    };
    let initial = model.with_untracked(texts).unwrap_or_default();
    // The line's pieces are rewritten in place by one effect (as in the tree's rows): a
    // reactive text per piece made every edit wake about a hundred effects here.
    let spans: Vec<NodeRef<leptos::html::Span>> =
        shape.parts.iter().map(|_| NodeRef::new()).collect();
    let buttons: Vec<NodeRef<leptos::html::Button>> =
        shape.parts.iter().map(|_| NodeRef::new()).collect();
    let (span_refs, button_refs) = (spans.clone(), buttons.clone());
    super::rewrite_changed_texts(
        initial.clone(),
        move |visit| {
            model.with(|m| {
                if let Some(l) = m.get(at) {
                    let now: Vec<Option<&str>> = l.parts.iter().map(|p| Some(p.text())).collect();
                    visit(&now);
                }
            })
        },
        move |j| {
            button_refs[j]
                .get_untracked()
                .map(Into::into)
                .or_else(|| span_refs[j].get_untracked().map(Into::into))
        },
    );
    let parts = shape
        .parts
        .iter()
        .enumerate()
        .map(|(j, kind)| {
            let text = initial.get(j).cloned().flatten().unwrap_or_default();
            let (span, button) = (spans[j], buttons[j]);
            match kind.clone() {
                PartKind::Num(figure, Some(id)) => {
                    view! { <Num figure=figure text=Signal::stored(text) id=id node_ref=button /> }
                        .into_any()
                }
                PartKind::Num(figure, None) => {
                    view! { <Num figure=figure text=Signal::stored(text) node_ref=button /> }
                        .into_any()
                }
                PartKind::User => {
                    view! { <span class="user-text" node_ref=span>{text}</span> }.into_any()
                }
                PartKind::Text => view! { <span node_ref=span>{text}</span> }.into_any(),
            }
        })
        .collect_view();
    view! { <li class=shape.class>{parts}</li> }
}

fn body(c: &Computed, lang: Lang) -> Vec<Line> {
    let p = &c.plan;
    let s = &c.scenario;
    let zh = lang == Lang::Zh;
    let amount = move |x: crate::engine::Dec| yi(x, lang);
    let t = |x: &str| Part::Text(x.to_string());
    // Every number shows what its explanation gives as its result: one text, one function.
    let num = |figure: Figure, id: Option<String>| Part::Num {
        figure,
        id,
        text: shown_text(p, figure, lang).unwrap_or_default(),
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut push = |class: &'static str, parts: Vec<Part>| lines.push(Line { class, parts });

    // 上年回顾 and this year's targets, per indicator.
    for ip in &p.indicators {
        let k = ip.indicator;
        let name = if zh { k.zh() } else { k.en() };
        let mut parts = vec![
            t(name),
            Part::Text(format!(
                "{}{}",
                if zh {
                    "：上年完成 "
                } else {
                    ": last year "
                },
                amount(ip.base)
            )),
        ];
        if let (Some(plan), Some(_)) = (ip.last_year_plan, ip.completion) {
            parts.push(Part::Text(if zh {
                format!("，占年计划{}的", amount(plan))
            } else {
                format!(", of a plan of {}: ", amount(plan))
            }));
            parts.push(num(Figure::Completion(k), None));
            if ip.completion.is_some_and(|c| c > crate::engine::Dec::ONE) {
                parts.push(t(if zh { "，超额完成" } else { " (exceeded)" }));
            }
        }
        // 同比增长X% / 增长X倍 / 下降X%, as the speech reviews last year.
        if let Some(g) = ip.last_year_growth {
            parts.push(t(if zh { "，同比" } else { ", year on year " }));
            parts.push(Part::Num {
                figure: Figure::LastYearGrowth(k),
                id: Some(format!("overview-last-growth-{}", k.key())),
                text: crate::engine::explain::vocabulary::growth_words(
                    g.units(crate::engine::num::Step::PERCENT_2),
                    false,
                    lang,
                ),
            });
        }
        parts.push(t(if zh {
            "；今年目标 "
        } else {
            "; this year's target "
        }));
        parts.push(num(
            Figure::Target(k),
            Some(format!("overview-target-{}", k.key())),
        ));
        if ip.growth.is_some() {
            parts.push(t(if zh { "，增长 " } else { ", growth " }));
            parts.push(num(Figure::Growth(k), None));
        }
        parts.push(t(if zh { "；一季度 " } else { "; Q1 " }));
        parts.push(num(
            Figure::QuarterAmount(k, 0),
            Some(format!("overview-q1-{}", k.key())),
        ));
        parts.push(Part::Text(if zh {
            format!("（占全年{}）", percent(ip.shares[0]))
        } else {
            format!(" ({} of the year)", percent(ip.shares[0]))
        }));
        push("indicator-line", parts);
    }

    if p.indicator(Indicator::Output).is_some() {
        push(
            "",
            vec![
                t(if zh {
                    "一季度任务进度 "
                } else {
                    "Q1 task progress "
                }),
                num(Figure::TaskProgress(Indicator::Output, 0), None),
                t(if zh {
                    "，时间进度 "
                } else {
                    ", time progress "
                }),
                num(Figure::TimeProgress(0), None),
                t(if zh {
                    "；日均产值 "
                } else {
                    "; daily output "
                }),
                num(
                    Figure::Daily(Indicator::Output, 0),
                    Some("overview-daily-output".into()),
                ),
            ],
        );
    }

    if let Some(f) = &p.five_year {
        let mut parts = vec![
            Part::Text(if zh {
                format!("“十四五”：{}年全部工业增加值 ", f.end_year)
            } else {
                format!(
                    "Five-year plan: all-industry value added in {} ",
                    f.end_year
                )
            }),
            num(Figure::FiveYearTarget, None),
            Part::Text(if zh {
                format!("，是{}年的 ", f.base_year)
            } else {
                ", ".to_string()
            }),
            num(Figure::FiveYearMultiple, None),
            Part::Text(if zh {
                String::new()
            } else {
                format!(" the {} value", f.base_year)
            }),
            t(if zh {
                "，年均增长 "
            } else {
                ", compound annual growth "
            }),
            num(Figure::FiveYearCagr, Some("overview-cagr".into())),
        ];
        if f.share_end.is_some() && f.share_change_units.is_some() {
            parts.push(t(if zh {
                "，占全县GDP "
            } else {
                ", share of county GDP "
            }));
            parts.push(num(Figure::FiveYearShare, None));
            parts.push(t(if zh { "，变化 " } else { ", change " }));
            parts.push(num(Figure::FiveYearShareChange, None));
        }
        if f.va_needed.is_some() {
            parts.push(Part::Text(if zh {
                format!(
                    "；占比达到 {} 需增加值 ",
                    percent(f.wanted_share.unwrap_or_default())
                )
            } else {
                format!(
                    "; a share of {} needs ",
                    percent(f.wanted_share.unwrap_or_default())
                )
            }));
            parts.push(num(Figure::FiveYearVaNeeded, None));
        }
        push("", parts);
    }

    if let Some(g) = &p.gdp {
        let mut parts = vec![
            Part::Text(if zh {
                format!("{}年工业增加值占GDP ", p.plan_year)
            } else {
                format!("Industry's share of GDP in {}: ", p.plan_year)
            }),
            num(Figure::GdpShare, Some("overview-gdp-share".into())),
            t(if zh {
                "，比上年变化 "
            } else {
                ", change on last year "
            }),
            num(Figure::GdpShareChange, None),
        ];
        if g.va_needed.is_some() {
            parts.push(Part::Text(if zh {
                format!(
                    "；占比达到 {} 需增加值 ",
                    percent(g.wanted_share.unwrap_or_default())
                )
            } else {
                format!(
                    "; a share of {} needs ",
                    percent(g.wanted_share.unwrap_or_default())
                )
            }));
            parts.push(num(Figure::GdpVaNeeded, None));
        }
        push("", parts);
    }

    if let Some(sales) = &p.sales {
        push(
            "",
            vec![
                Part::Text(if zh {
                    format!("产销率达到 {}：全年销售产值 ", percent(sales.ratio))
                } else {
                    format!(
                        "A sales-to-output ratio of {}: annual sales ",
                        percent(sales.ratio)
                    )
                }),
                num(Figure::SalesAnnual, None),
                t(if zh { "，一季度 " } else { ", Q1 " }),
                num(Figure::SalesQ1, None),
            ],
        );
    }

    if let Some(pp) = &p.projects {
        let mut parts = vec![Part::Text(if zh {
            format!("重点项目 {} 个", pp.count)
        } else {
            format!("{} key projects", pp.count)
        })];
        if pp.annual_investment.is_some() {
            parts.push(t(if zh { "，总投资 " } else { ", investment " }));
            parts.push(num(Figure::Target(Indicator::Investment), None));
        }
        if pp.to_start_q1.is_some() {
            parts.push(Part::Text(if zh {
                format!(
                    "；一季度开工率 {}，须开工 ",
                    percent(pp.q1_start_rate.unwrap_or_default())
                )
            } else {
                format!(
                    "; Q1 start rate {}: to start ",
                    percent(pp.q1_start_rate.unwrap_or_default())
                )
            }));
            parts.push(num(
                Figure::ProjectsToStart,
                Some("overview-projects-to-start".into()),
            ));
            parts.push(t(if zh { " 个" } else { "" }));
        }
        if pp.q1_investment.is_some() {
            parts.push(Part::Text(if zh {
                format!(
                    "；完成全年投资的 {}，即 ",
                    percent(pp.q1_investment_share.unwrap_or_default())
                )
            } else {
                format!(
                    "; {} of the year's investment: ",
                    percent(pp.q1_investment_share.unwrap_or_default())
                )
            }));
            parts.push(num(Figure::Q1Investment, None));
        }
        push("", parts);
    }

    for (i, park) in p.parks.iter().enumerate() {
        let name = s.parks.get(i).map(|p| p.name.clone()).unwrap_or_default();
        push(
            "",
            vec![
                Part::User(name),
                Part::Text(if zh {
                    format!(" 占全县工业 {}：需产值 ", percent(park.share))
                } else {
                    format!(
                        " at {} of county industry needs output of ",
                        percent(park.share)
                    )
                }),
                num(Figure::ParkOutput(i), None),
            ],
        );
    }

    if let Some(f) = &p.fleet {
        push(
            "",
            vec![
                Part::Text(if zh {
                    format!("{}亿元企业舰队：", trimmed(f.threshold, 2))
                } else {
                    format!(
                        "Fleet of enterprises at {} or more: ",
                        yi(f.threshold, lang)
                    )
                }),
                num(Figure::FleetCount, Some("overview-fleet".into())),
                t(if zh { " 家" } else { "" }),
            ],
        );
    }
    lines
}
