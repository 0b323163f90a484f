//! Inputs that forgive: full-width digits, separators, a trailing 亿/万/%; a bad value shows
//! a message beside the field and changes nothing, and the text typed is never thrown away.

use leptos::prelude::*;

use super::use_ctx;
use crate::engine::format::{plain, rate_text};
use crate::engine::num::{AMOUNT_PLACES, RATE_PLACES};
use crate::engine::number::{parse_amount_or_growth, parse_growth, parse_number, states_growth};
use crate::engine::{AmountUnit, Bilingual, Dec, Field};

/// What a number field holds, and the unit it is typed and shown in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FieldUnit {
    /// An amount kept in 亿元, typed and shown in this unit (a typed 亿 or 万 wins).
    Amount(AmountUnit),
    /// A percentage, kept as a fraction.
    Percent,
    /// A growth rate, kept as a fraction: a percentage, or in the speech's words (增长1.5倍,
    /// 是上年的2.5倍, 下降5%), said back beside the field.
    Growth,
    /// A multiple (是…的X倍).
    Times,
    /// A whole number without separators (a year, a count).
    Count,
}

impl FieldUnit {
    /// An amount in 亿元.
    pub const YI: FieldUnit = FieldUnit::Amount(AmountUnit::Yi);

    fn parse(self, text: &str) -> Result<Dec, Bilingual> {
        if self == FieldUnit::Growth {
            return parse_growth(text).map(|g| g.growth);
        }
        let parsed = parse_number(text)?;
        match self {
            FieldUnit::Amount(u) => parsed.amount_in(u.into()),
            FieldUnit::Percent => parsed.as_fraction(),
            // (Read by parse_growth above; a bare percentage reads the same.)
            FieldUnit::Growth => parsed.as_fraction(),
            FieldUnit::Times => parsed.as_multiple(),
            FieldUnit::Count => match parsed.unit {
                None if parsed.value.fits(0) => Ok(parsed.value),
                _ => Err(Bilingual::new(
                    "这里填整数",
                    "a whole number is expected here",
                )),
            },
        }
    }

    /// The value as the field shows it when not being edited: to the places it can be
    /// typed with (a growth derived from a target is rounded to 0.0001%), no separators.
    pub fn show(self, value: Dec) -> String {
        match self {
            FieldUnit::Amount(unit) => {
                let value = value.round(AMOUNT_PLACES);
                match unit {
                    // Beyond what 万元 can hold (far past any valid amount) the value keeps
                    // its own unit, which the field reads back as typed: never 10⁴ off.
                    AmountUnit::Wan => value
                        .mul_ratio(10_000, 1)
                        .map_or_else(|| format!("{}亿", plain(value)), plain),
                    AmountUnit::Yi => plain(value),
                }
            }
            FieldUnit::Times | FieldUnit::Count => plain(value.round(RATE_PLACES)),
            FieldUnit::Percent | FieldUnit::Growth => rate_text(value.round(RATE_PLACES)),
        }
    }
}

/// A labelled number input bound to a value of the scenario.
///
/// `value` is read from the scenario; `on_commit` writes a parsed value back as the user
/// types. `empty_ok` lets the user clear the field (`None`). `field` is the scenario's field
/// it edits, so that the engine's validation messages appear beside it.
#[component]
pub fn NumberField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<Option<Dec>>,
    unit: FieldUnit,
    #[prop(into)] on_commit: Callback<Option<Dec>>,
    #[prop(optional, into)] field: MaybeProp<Field>,
    #[prop(optional)] empty_ok: bool,
    #[prop(optional)] hide_label: bool,
    #[prop(optional, into)] non_negative: bool,
    /// For an amount field: the base a growth typed instead of an amount applies to (自报目标
    /// "12%" = base × 1.12), read when the text is; said back beside the field.
    #[prop(optional, into)]
    growth_base: Option<Signal<Option<Dec>>>,
    /// Several cells pasted at once (a spreadsheet's row or column) go here instead of into
    /// the field.
    #[prop(optional, into)]
    on_paste_cells: Option<Callback<Vec<String>>>,
    /// The field the trainer's stage marks this input as, where it is not `field` (the growth
    /// beside a target is where a target's growth is typed).
    #[prop(optional, into)]
    marks_as: Option<Field>,
) -> impl IntoView {
    let ctx = use_ctx();
    // The scenario and its problems change on every edit anywhere; a field should redraw
    // (and be asked) only when its own value or message changes.
    let value = super::settled(move || value.get());
    // What the user is typing, while it differs from the canonical display.
    let draft = RwSignal::new(None::<String>);
    let parse_error = RwSignal::new(None::<Bilingual>);
    // What a growth field understood, with the value it gave: said back for as long as the
    // field holds that value (also after leaving the field: a line that vanished on blur moved
    // the page under the pointer, and a click meant for what was below landed elsewhere).
    let understood = RwSignal::new(None::<(Bilingual, Option<Dec>)>);
    let shown = Memo::new(move |_| {
        draft
            .get()
            .unwrap_or_else(|| value.get().map(|v| unit.show(v)).unwrap_or_default())
    });
    // The value typed, and what a growth written in words was read as (said back).
    let read = move |text: &str| -> (Result<Option<Dec>, Bilingual>, Option<Bilingual>) {
        if text.trim().is_empty() {
            let empty = if empty_ok {
                Ok(None)
            } else {
                Err(Bilingual::new("请输入数字", "please enter a number"))
            };
            return (empty, None);
        }
        let (value, said) = match (unit, growth_base) {
            (FieldUnit::Amount(u), Some(base)) if states_growth(text) => {
                match parse_amount_or_growth(text, u.into(), base.get_untracked()) {
                    Ok((v, said)) => (Ok(v), said),
                    Err(e) => (Err(e), None),
                }
            }
            (FieldUnit::Growth, _) => match parse_growth(text) {
                Ok(g) => (Ok(g.growth), g.understood),
                Err(e) => (Err(e), None),
            },
            _ => (unit.parse(text), None),
        };
        let value = value.and_then(|v| {
            if non_negative && v.is_negative() {
                Err(Bilingual::new("不能为负数", "must not be negative"))
            } else {
                Ok(Some(v))
            }
        });
        (value, said)
    };
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let (checked, said) = read(&text);
        understood.set(said.zip(checked.as_ref().ok().copied()));
        match checked {
            Ok(v) => {
                parse_error.set(None);
                on_commit.run(v);
            }
            Err(e) => parse_error.set(Some(e)),
        }
        draft.set(Some(text));
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(callback) = on_paste_cells else {
            return;
        };
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        if let Some(cells) = crate::engine::quarters::pasted_cells(&text) {
            ev.prevent_default();
            callback.run(cells);
        }
    };
    let on_blur = move |_| {
        // The next edit is an undo step of its own.
        ctx.library.close_step();
        if parse_error.get_untracked().is_none() {
            draft.set(None);
        }
    };
    let error_id = format!("{id}-error");
    let understood_id = format!("{id}-understood");
    let engine_problem = Memo::new(move |_| field.get().and_then(|f| ctx.problem_at(f)));
    let message = Memo::new(move |_| {
        let lang = ctx.lang.get();
        parse_error
            .get()
            .map(|e| e.get(lang).to_string())
            .or_else(|| {
                engine_problem
                    .get()
                    .map(|e| e.message.get(lang).to_string())
            })
    });
    let invalid = move || message.with(Option::is_some);
    let marked = move || {
        marks_as
            .or_else(|| field.get_untracked())
            .is_some_and(|f| ctx.stage.is_marked(crate::engine::stage::Spot::Input(f)))
    };
    view! {
        <span class="field" class:marked=marked>
            <label for=id.clone() class:visually-hidden=hide_label>{move || label.get()}</label>
            <input
                id=id.clone()
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                prop:value=shown
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                on:input=on_input
                on:paste=on_paste
                on:blur=on_blur
            />
            <span class="print-value" aria-hidden="true">{shown}</span>
            <span id=error_id class="field-error" role="alert">{message}</span>
            {(unit == FieldUnit::Growth || growth_base.is_some()).then(|| view! {
                <span id=understood_id class="field-echo" role="status">
                    {move || understood.get().filter(|(_, v)| *v == value.get()).map(|(u, _)| u.get(ctx.lang.get()).to_string())}
                </span>
            })}
        </span>
    }
}

/// A labelled text input (names, people, units), committed as typed.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_commit: Callback<String>,
) -> impl IntoView {
    view! {
        <span class="field">
            <label for=id.clone()>{move || label.get()}</label>
            <input
                id=id.clone()
                type="text"
                autocomplete="off"
                class="user-text"
                maxlength=crate::engine::validate::MAX_NAME_CHARS.to_string()
                prop:value=move || value.get()
                on:input=move |ev| on_commit.run(event_target_value(&ev))
            />
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_shown_in_its_field_reads_back_as_the_same_amount() {
        let wan = FieldUnit::Amount(AmountUnit::Wan);
        for yi in ["330", "0.00000001", "12345.6789", "1000000000"] {
            let value: Dec = yi.parse().unwrap();
            for unit in [wan, FieldUnit::YI] {
                let shown = unit.show(value);
                assert_eq!(
                    unit.parse(&shown).ok(),
                    Some(value),
                    "{yi} shown as {shown}"
                );
            }
        }
        assert_eq!(wan.show("330".parse().unwrap()), "3300000");
        // Past what 万元 can hold, the value keeps its unit instead of showing 10⁴ too small.
        let huge: Dec = "1000000000000000".parse().unwrap();
        let shown = wan.show(huge);
        assert_eq!(shown, "1000000000000000亿");
        assert_eq!(wan.parse(&shown).ok(), Some(huge));
    }
}
