//! The trainer's stage (讲解台): the decomposition walked top-down, one step per key press,
//! from an indicator's annual target to one enterprise's daily quota. Each step is a figure
//! with its explanation (the same one the page's numbers give) and the places on the page
//! where its operands live, so that the page can mark them while the step is on screen.

use crate::explain::{explain, Explanation, Figure};
use crate::field::{Field, IndicatorField, NodeField};
use crate::i18n::Bilingual;
use crate::indicator::Indicator;
use crate::plan::{Level, Plan};
use crate::scenario::Scenario;

/// Where an operand lives on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spot {
    /// An input the planner types.
    Input(Field),
    /// A derived number (a button that explains itself).
    Figure(Figure),
    /// A row of the decomposition, by node id.
    Row(u64),
}

/// Whom the walk follows down the tree, by node ids (kept across edits, unlike indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Route {
    pub indicator: Indicator,
    pub industry: Option<u64>,
    pub enterprise: Option<u64>,
}

/// One step of the walk.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub explanation: Explanation,
    /// Where the step's operands and result live on the page, the result last.
    pub spots: Vec<Spot>,
    /// The input a trainer would change at this step ("what if growth were 8%?").
    pub what_if: Option<Field>,
}

impl Step {
    pub fn figure(&self) -> Figure {
        self.explanation.figure
    }
}

/// The child of `node` with the largest quota for `k` (the default to follow).
fn largest_child(p: &Plan, node: usize, k: Indicator) -> Option<u64> {
    p.children(node)
        .filter_map(|c| Some((p.figures(c, k)?.quota_units, c)))
        // The first of equals: `max_by_key` would take the last.
        .fold(None::<(i64, usize)>, |best, (q, c)| match best {
            Some((b, _)) if b >= q => best,
            _ => Some((q, c)),
        })
        .map(|(_, c)| p.nodes[c].id)
}

/// The industries (index, id) the indicator reaches, in the tree's order.
pub fn industries(p: &Plan, k: Indicator) -> Vec<(usize, u64)> {
    p.children(0)
        .filter(|&c| p.figures(c, k).is_some())
        .map(|c| (c, p.nodes[c].id))
        .collect()
}

/// The enterprises (index, id) of an industry the indicator reaches.
pub fn enterprises(p: &Plan, industry: u64, k: Indicator) -> Vec<(usize, u64)> {
    let Some(i) = p.node_index(industry) else {
        return Vec::new();
    };
    p.children(i)
        .filter(|&c| p.figures(c, k).is_some())
        .map(|c| (c, p.nodes[c].id))
        .collect()
}

/// The route a walk starts on: the largest industry, and its largest enterprise.
pub fn default_route(p: &Plan, k: Indicator) -> Route {
    let industry = largest_child(p, 0, k);
    let enterprise = industry
        .and_then(|id| p.node_index(id))
        .and_then(|i| largest_child(p, i, k));
    Route {
        indicator: k,
        industry,
        enterprise,
    }
}

/// A route made valid for this plan: an industry or enterprise gone (removed, or the
/// indicator no longer reaching it) is replaced by the largest one left.
pub fn settle(p: &Plan, route: Route) -> Route {
    let k = route.indicator;
    let industry = route
        .industry
        .filter(|id| industries(p, k).iter().any(|(_, i)| i == id))
        .or_else(|| largest_child(p, 0, k));
    let enterprise = match industry {
        Some(ind) => route
            .enterprise
            .filter(|id| enterprises(p, ind, k).iter().any(|(_, e)| e == id))
            .or_else(|| p.node_index(ind).and_then(|i| largest_child(p, i, k))),
        None => None,
    };
    Route {
        indicator: k,
        industry,
        enterprise,
    }
}

/// Why a walk cannot start.
pub fn cannot_walk(p: &Plan, k: Indicator) -> Option<Bilingual> {
    if p.indicator(k).is_none() {
        return Some(Bilingual::new(
            "这个指标没有列入计划，无法讲解。",
            "This indicator is not planned: there is nothing to walk through.",
        ));
    }
    None
}

/// The steps of the walk, top-down: annual target → Q1 amount → time progress → the
/// industry's quota → the enterprise's quota → its projects → its Q1 → its daily quota.
/// A tree without industries stops after the county's steps (and says so: see [`tree_note`]).
pub fn steps(s: &Scenario, p: &Plan, route: Route) -> Vec<Step> {
    let k = route.indicator;
    let mut out = Vec::new();
    if p.indicator(k).is_none() {
        return out;
    }
    let share_field = match s.indicator(k).and_then(|i| i.quarter_shares) {
        Some(_) => Field::Indicator(k, IndicatorField::QuarterShare(0)),
        None => Field::QuarterShare(0),
    };
    let mut push = |figure: Figure, mut spots: Vec<Spot>, what_if: Option<Field>| {
        if let Some(explanation) = explain(s, p, figure) {
            spots.push(Spot::Figure(figure));
            out.push(Step {
                explanation,
                spots,
                what_if,
            });
        }
    };
    let target = Field::Indicator(k, IndicatorField::Target);
    push(
        Figure::Target(k),
        vec![
            Spot::Input(Field::Indicator(k, IndicatorField::BaseActual)),
            Spot::Input(target),
        ],
        Some(target),
    );
    push(
        Figure::QuarterAmount(k, 0),
        vec![Spot::Figure(Figure::Target(k)), Spot::Input(share_field)],
        Some(share_field),
    );
    push(Figure::TimeProgress(0), vec![], None);
    push(
        Figure::TaskProgress(k, 0),
        vec![Spot::Figure(Figure::TimeProgress(0))],
        Some(share_field),
    );
    let route = settle(p, route);
    let Some(industry) = route.industry.and_then(|id| p.node_index(id)) else {
        return out;
    };
    let row = |i: usize| Spot::Row(p.nodes[i].id);
    push(
        Figure::NodeQuota(industry, k),
        vec![Spot::Figure(Figure::Target(k)), row(industry)],
        Some(target),
    );
    let Some(enterprise) = route.enterprise.and_then(|id| p.node_index(id)) else {
        return out;
    };
    // The held siblings are taken out first: their rows are operands too.
    let mut spots = vec![Spot::Figure(Figure::NodeQuota(industry, k))];
    spots.extend(
        p.children(industry)
            .filter(|&c| c != enterprise && p.figures(c, k).is_some_and(|f| f.is_held()))
            .map(row),
    );
    spots.push(row(enterprise));
    let id = p.nodes[enterprise].id;
    push(
        Figure::NodeQuota(enterprise, k),
        spots,
        Some(Field::Node(id, NodeField::Held(k))),
    );
    for project in p.children(enterprise).collect::<Vec<_>>() {
        if p.nodes[project].level == Level::Project && p.figures(project, k).is_some() {
            push(
                Figure::NodeQuota(project, k),
                vec![Spot::Figure(Figure::NodeQuota(enterprise, k)), row(project)],
                None,
            );
        }
    }
    push(
        Figure::NodeQ1(enterprise, k),
        vec![
            Spot::Figure(Figure::NodeQuota(enterprise, k)),
            Spot::Input(share_field),
            row(enterprise),
        ],
        Some(share_field),
    );
    push(
        Figure::NodeDaily(enterprise, k),
        vec![
            Spot::Figure(Figure::NodeQ1(enterprise, k)),
            Spot::Input(Field::QuarterDays(0)),
            row(enterprise),
        ],
        None,
    );
    out
}

/// Where a spot is, in the planner's words, for a stage that covers the page.
pub fn spot_name(s: &Scenario, p: &Plan, spot: Spot, lang: crate::i18n::Lang) -> String {
    let node = |id: u64| {
        p.node_index(id)
            .map(|i| crate::explain::node_name(s, p, i))
            .unwrap_or_default()
    };
    match spot {
        Spot::Input(Field::Node(id, NodeField::Held(_))) => match lang {
            crate::i18n::Lang::Zh => format!("{}的锁定值", node(id)),
            crate::i18n::Lang::En => format!("{}'s hold", node(id)),
        },
        Spot::Input(field) => field
            .subject()
            .map(|b| b.get(lang).to_string())
            .unwrap_or_default(),
        Spot::Figure(f) => explain(s, p, f)
            .map(|x| x.label_text(lang))
            .unwrap_or_default(),
        Spot::Row(id) => node(id),
    }
}

/// A key pressed during the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Forward,
    Back,
    First,
    Last,
    Leave,
}

impl Key {
    /// The key of a keyboard event (`KeyboardEvent.key`): → / Space / PageDown (a
    /// presenter's clicker) forward, ← / PageUp back, Home, End, Esc out.
    pub fn of(key: &str) -> Option<Key> {
        Some(match key {
            "ArrowRight" | " " | "Spacebar" | "PageDown" | "ArrowDown" => Key::Forward,
            "ArrowLeft" | "PageUp" | "ArrowUp" => Key::Back,
            "Home" => Key::First,
            "End" => Key::Last,
            "Escape" | "Esc" => Key::Leave,
            _ => return None,
        })
    }
}

/// Where the walk is: whom it follows, and the step on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    pub route: Route,
    pub at: usize,
}

impl Walk {
    pub fn new(route: Route) -> Walk {
        Walk { route, at: 0 }
    }

    /// The walk after a key, among `steps` steps; `None` when the key leaves it.
    pub fn press(self, key: Key, steps: usize) -> Option<Walk> {
        let last = steps.saturating_sub(1);
        // From the step on screen (an edit may have shortened the walk).
        let now = self.step(steps);
        let at = match key {
            Key::Forward => (now + 1).min(last),
            Key::Back => now.saturating_sub(1),
            Key::First => 0,
            Key::Last => last,
            Key::Leave => return None,
        };
        Some(Walk { at, ..self })
    }

    /// The step on screen among `steps` (an edit can shorten the walk: it stays at its end).
    pub fn step(self, steps: usize) -> usize {
        self.at.min(steps.saturating_sub(1))
    }
}

/// What the walk says when it stops at the county: no industry to follow.
pub fn tree_note(p: &Plan, route: Route) -> Option<Bilingual> {
    let route = settle(p, route);
    if route.industry.is_none() {
        return Some(Bilingual::new(
            "分解表里还没有行业和企业：讲解到全县为止。先在“层层分解”里添加行业和企业，或导入企业名单。",
            "The decomposition has no industries or enterprises yet: the walk stops at the county. Add them under “Decomposition”, or import the enterprise list.",
        ));
    }
    if route.enterprise.is_none() {
        return Some(Bilingual::new(
            "这个行业下还没有企业：讲解到行业为止。",
            "This industry has no enterprises yet: the walk stops at the industry.",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::{blank, example};
    use crate::i18n::Lang;

    #[test]
    fn the_default_route_follows_the_largest_industry_and_its_largest_enterprise() {
        let s = example();
        let p = crate::plan(&s).unwrap();
        let k = Indicator::Output;
        let r = default_route(&p, k);
        let industry = p.node_index(r.industry.unwrap()).unwrap();
        for (i, _) in industries(&p, k) {
            assert!(
                p.figures(i, k).unwrap().quota_units <= p.figures(industry, k).unwrap().quota_units
            );
        }
        let enterprise = p.node_index(r.enterprise.unwrap()).unwrap();
        assert_eq!(p.nodes[enterprise].parent, Some(industry as u32));
        for (e, _) in enterprises(&p, r.industry.unwrap(), k) {
            assert!(
                p.figures(e, k).unwrap().quota_units
                    <= p.figures(enterprise, k).unwrap().quota_units
            );
        }
    }

    #[test]
    fn a_route_to_a_removed_enterprise_falls_back_to_the_largest_left() {
        let mut s = example();
        let p = crate::plan(&s).unwrap();
        let k = Indicator::Output;
        let r = default_route(&p, k);
        crate::edit::remove(&mut s, r.enterprise.unwrap());
        let p2 = crate::plan(&s).unwrap();
        let settled = settle(&p2, r);
        assert_eq!(settled.industry, r.industry);
        assert!(settled.enterprise.is_some());
        assert_ne!(settled.enterprise, r.enterprise);
    }

    #[test]
    fn a_tree_without_enterprises_walks_to_the_industry_and_says_why_it_stops() {
        let s = blank();
        let p = crate::plan(&s).unwrap();
        let r = default_route(&p, Indicator::Output);
        let figures: Vec<Figure> = steps(&s, &p, r).iter().map(Step::figure).collect();
        assert_eq!(figures.first(), Some(&Figure::Target(Indicator::Output)));
        assert_eq!(
            figures.last(),
            Some(&Figure::NodeQuota(1, Indicator::Output))
        );
        assert!(tree_note(&p, r).is_some());
    }

    #[test]
    fn keys_move_one_step_and_stop_at_the_ends() {
        let (s, p) = (example(), crate::plan(&example()).unwrap());
        let n = steps(&s, &p, default_route(&p, Indicator::Output)).len();
        let mut w = Walk::new(default_route(&p, Indicator::Output));
        w = w.press(Key::Back, n).unwrap();
        assert_eq!(w.at, 0);
        for _ in 0..20 {
            w = w.press(Key::of(" ").unwrap(), n).unwrap();
        }
        assert_eq!(w.at, n - 1);
        w = w.press(Key::of("ArrowLeft").unwrap(), n).unwrap();
        assert_eq!(w.at, n - 2);
        assert_eq!(w.press(Key::of("Home").unwrap(), n).unwrap().at, 0);
        assert_eq!(w.press(Key::of("End").unwrap(), n).unwrap().at, n - 1);
        assert_eq!(w.press(Key::of("Escape").unwrap(), n), None);
        assert_eq!(Key::of("a"), None);
        // A walk shortened by an edit shows its last step, and goes back from there.
        assert_eq!(Walk { at: 7, ..w }.step(5), 4);
        assert_eq!(Walk { at: 7, ..w }.press(Key::Back, 5).unwrap().at, 3);
    }

    #[test]
    fn spots_are_named_in_the_planners_words() {
        let s = example();
        let p = crate::plan(&s).unwrap();
        let r = default_route(&p, Indicator::Output);
        let walk = steps(&s, &p, r);
        let names: Vec<String> = walk[0]
            .spots
            .iter()
            .map(|&sp| spot_name(&s, &p, sp, crate::i18n::Lang::Zh))
            .collect();
        assert!(names.iter().all(|n| !n.is_empty()), "{names:?}");
        assert!(names.iter().any(|n| n.contains("上年实际")), "{names:?}");
    }

    #[test]
    fn every_step_reproduces_its_result_and_marks_it() {
        let s = example();
        let p = crate::plan(&s).unwrap();
        for ip in &p.indicators {
            let r = default_route(&p, ip.indicator);
            for step in steps(&s, &p, r) {
                step.explanation.formula.reproduces().unwrap();
                assert_eq!(step.spots.last(), Some(&Spot::Figure(step.figure())));
                assert!(!step.explanation.text(Lang::En).is_empty());
            }
        }
    }
}
