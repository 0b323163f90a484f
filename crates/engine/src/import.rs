//! The office's enterprise list, read as a table of text cells (导入企业名单): from pasted rows,
//! a CSV file or a workbook's sheet alike. Columns are recognised by their Chinese or English
//! headers in any order and can be mapped by hand; each row adds or updates an industry, an
//! enterprise or a project with every indicator's base, commitment (自报目标) and held amount.
//! The preview says, row by row, what applying will do, and why a row is skipped; nothing
//! changes until the caller applies it.

use std::collections::{HashMap, HashSet};

use std::sync::Arc;

use super::i18n::Bilingual;
use super::indicator::Indicator;
use super::num::Dec;
use super::num::AMOUNT_PLACES;
use super::number::{parse_number, TypedUnit};
use super::scenario::{AmountUnit, Enterprise, Industry, NodeData, Project, Scenario};
use super::validate::{MAX_AMOUNT, MAX_ENTERPRISES, MAX_NAME_CHARS, MAX_PROJECTS};

/// The most data rows read from one table; a longer sheet is refused as a whole.
pub const MAX_ROWS: usize = 20_000;

/// Which of a node's values a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// 上年基数 (a project's: its planned investment)
    Base,
    /// 自报目标
    Commitment,
    /// 锁定
    Held,
}

impl ValueKind {
    pub const ALL: [ValueKind; 3] = [ValueKind::Base, ValueKind::Commitment, ValueKind::Held];

    const fn key(self) -> &'static str {
        match self {
            ValueKind::Base => "base",
            ValueKind::Commitment => "commitment",
            ValueKind::Held => "held",
        }
    }

    const fn names(self) -> (&'static str, &'static str) {
        match self {
            ValueKind::Base => ("上年基数", "base"),
            ValueKind::Commitment => ("自报目标", "commitment"),
            ValueKind::Held => ("锁定", "held"),
        }
    }
}

/// What a column of the table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 层级 (行业, 企业, 项目): a row names an industry itself only where this says so.
    Level,
    /// 所属行业
    Industry,
    /// 企业名称
    Enterprise,
    /// 重点项目
    Project,
    /// 责任人
    Responsible,
    /// 包抓单位
    Unit,
    Value(ValueKind, Indicator),
}

impl Column {
    /// The columns that are not values, in the order a list is written and a mapping control
    /// lists them.
    pub const TEXTS: [Column; 6] = [
        Column::Level,
        Column::Industry,
        Column::Enterprise,
        Column::Project,
        Column::Responsible,
        Column::Unit,
    ];

    /// Every column a table can map to, in the order a mapping control lists them.
    pub fn all() -> impl Iterator<Item = Column> {
        Column::TEXTS
            .into_iter()
            .chain(ValueKind::ALL.into_iter().flat_map(|kind| {
                Indicator::ALL
                    .into_iter()
                    .map(move |k| Column::Value(kind, k))
            }))
    }

    /// A stable key for a mapping control's option (`enterprise`, `base.profit`).
    pub fn key(self) -> String {
        match self {
            Column::Level => "level".into(),
            Column::Industry => "industry".into(),
            Column::Enterprise => "enterprise".into(),
            Column::Project => "project".into(),
            Column::Responsible => "responsible".into(),
            Column::Unit => "unit".into(),
            Column::Value(kind, k) => format!("{}.{}", kind.key(), k.key()),
        }
    }

    pub fn from_key(key: &str) -> Option<Column> {
        Column::all().find(|c| c.key() == key)
    }

    /// The column's name as a header: 企业名称, 利润 上年基数.
    pub fn name(self) -> Bilingual {
        match self {
            Column::Level => Bilingual::new("层级", "Level"),
            Column::Industry => Bilingual::new("所属行业", "Industry"),
            Column::Enterprise => Bilingual::new("企业名称", "Enterprise"),
            Column::Project => Bilingual::new("重点项目", "Project"),
            Column::Responsible => Bilingual::new("责任人", "Responsible"),
            Column::Unit => Bilingual::new("包抓单位", "Unit"),
            Column::Value(kind, k) => {
                let (zh, en) = kind.names();
                Bilingual::new(format!("{} {zh}", k.zh()), format!("{} {en}", k.en()))
            }
        }
    }
}

/// The columns of a table without a header: the order of the old paste box.
const DEFAULT_ORDER: [Column; 5] = [
    Column::Enterprise,
    Column::Industry,
    Column::Value(ValueKind::Base, Indicator::Output),
    Column::Responsible,
    Column::Unit,
];

/// The indicator a header names, if any.
fn indicator_named(c: &str) -> Option<Indicator> {
    let has = |words: &[&str]| words.iter().any(|w| c.contains(w));
    if has(&["增加值", "valueadded"]) {
        Some(Indicator::ValueAdded)
    } else if has(&["投资", "investment"]) {
        Some(Indicator::Investment)
    } else if has(&["利润", "profit"]) {
        Some(Indicator::Profit)
    } else if has(&["税", "tax"]) {
        Some(Indicator::Tax)
    } else if has(&["收入", "营收", "revenue", "sales"]) {
        Some(Indicator::Revenue)
    } else if has(&["产值", "output"]) {
        Some(Indicator::Output)
    } else {
        None
    }
}

/// The amount unit a header states: 元, 千元, 万元, 百万元, 千万元 or 亿元 (statistics bureaus
/// use all of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderUnit {
    Yuan,
    Qian,
    Wan,
    BaiWan,
    QianWan,
    Yi,
}

impl HeaderUnit {
    /// Yuan per unit.
    pub const fn yuan(self) -> i128 {
        match self {
            HeaderUnit::Yuan => 1,
            HeaderUnit::Qian => 1_000,
            HeaderUnit::Wan => 10_000,
            HeaderUnit::BaiWan => 1_000_000,
            HeaderUnit::QianWan => 10_000_000,
            HeaderUnit::Yi => 100_000_000,
        }
    }

    pub fn of(unit: AmountUnit) -> HeaderUnit {
        match unit {
            AmountUnit::Wan => HeaderUnit::Wan,
            AmountUnit::Yi => HeaderUnit::Yi,
        }
    }
}

/// An amount typed in a cell, in 亿元: a bare number in `unit` (the header's, or the table's),
/// a 亿 or 万 typed in the cell winning.
pub fn amount_in_cell(text: &str, unit: HeaderUnit) -> Result<Dec, Bilingual> {
    let n = parse_number(text)?;
    let yuan = match n.unit {
        None => unit.yuan(),
        Some(TypedUnit::Wan) => 10_000,
        Some(TypedUnit::Yi) => 100_000_000,
        Some(TypedUnit::Percent) => {
            return Err(Bilingual::new(
                "这里要填金额，不是百分比",
                "an amount is expected here, not a percentage",
            ))
        }
    };
    n.value
        .mul_ratio(yuan, 100_000_000)
        .ok_or_else(|| Bilingual::new("数字太大", "the number is too large"))
}

/// The unit a header's text states, longest name first (百万元 is not 万元); `None` when it
/// states none. Read from every header, recognised or not, so that a column mapped by hand
/// keeps it.
pub fn unit_of(header: &str) -> Option<HeaderUnit> {
    let c: String = header
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let has = |w: &str| c.contains(w);
    Some(if has("千万") {
        HeaderUnit::QianWan
    } else if has("百万") || has("million") {
        HeaderUnit::BaiWan
    } else if has("亿") || has("100m") {
        HeaderUnit::Yi
    } else if has("万") || has("10k") {
        HeaderUnit::Wan
    } else if has("千元") || has("thousand") {
        HeaderUnit::Qian
    } else if has("（元）") || has("(元)") || has("yuan") || c.ends_with('元') {
        HeaderUnit::Yuan
    } else {
        return None;
    })
}

/// What a header cell names, and the amount unit it states (`上年产值（万元）`).
/// Figures the app derives (任务, 日均, 占比, 一季度) are not inputs: such columns are left out.
pub fn recognise(header: &str) -> Option<(Column, Option<HeaderUnit>)> {
    let c: String = header
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let unit = unit_of(header);
    let c = c.replace(['_', '-'], "");
    let has = |words: &[&str]| words.iter().any(|w| c.contains(w));
    if has(&[
        "任务",
        "quota",
        "日均",
        "daily",
        "占比",
        "share",
        "季度",
        "q1",
        "q2",
        "q3",
        "q4",
        "增长",
        "growth",
        "完成率",
    ]) {
        return None;
    }
    let indicator =
        indicator_named(&c).or_else(|| has(&["基数", "base"]).then_some(Indicator::Output));
    if let Some(k) = indicator {
        let kind = if has(&["锁定", "保留", "held", "hold", "lock"]) {
            ValueKind::Held
        } else if has(&["自报", "目标", "承诺", "commit", "target", "pledge"]) {
            ValueKind::Commitment
        } else {
            ValueKind::Base
        };
        return Some((Column::Value(kind, k), unit));
    }
    let column = if has(&["层级", "级别", "level"]) {
        Column::Level
    } else if has(&["责任人", "负责人", "responsible", "person", "contact"]) {
        Column::Responsible
    } else if has(&["包抓", "责任单位", "牵头单位", "department"]) || c == "单位" || c == "unit"
    {
        Column::Unit
    } else if has(&["项目", "project"]) {
        Column::Project
    } else if has(&["行业", "industry", "sector"]) {
        Column::Industry
    } else if has(&["企业", "名称", "name", "enterprise", "company", "firm"]) {
        Column::Enterprise
    } else {
        return None;
    };
    Some((column, None))
}

/// A table of text cells, as read from a paste, a CSV file or a sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Each row with the line (or sheet row) it comes from, 1-based.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// How the table's columns are read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mapping {
    /// What each column holds; `None`: left out.
    pub columns: Vec<Option<Column>>,
    /// Each amount column's unit, when its header states one.
    pub units: Vec<Option<HeaderUnit>>,
    /// Whether the first row is the header (not data).
    pub header: bool,
    /// The header's text per column (empty without a header).
    pub titles: Vec<String>,
}

impl Mapping {
    /// The mapping the table's first row suggests: its headers when it has them (a name
    /// column, at least two recognised, no number), otherwise the paste box's default order.
    pub fn detect(table: &Table) -> Mapping {
        let first = table.rows.iter().find(|(_, r)| !is_blank(r));
        if let Some((_, first)) = first {
            let read: Vec<_> = first.iter().map(|c| recognise(c)).collect();
            let names = read
                .iter()
                .flatten()
                .any(|(c, _)| matches!(c, Column::Enterprise | Column::Industry | Column::Project));
            // A header carries no amount; a year (2023) may head a column.
            let year = |c: &str| {
                parse_number(c).is_ok_and(|n| {
                    n.unit.is_none()
                        && n.value.fits(0)
                        && (1900..=2100).contains(&n.value.floor_int())
                })
            };
            if names
                && read.iter().flatten().count() >= 2
                && first.iter().all(|c| parse_number(c).is_err() || year(c))
            {
                return Mapping {
                    columns: read.iter().map(|r| r.map(|(c, _)| c)).collect(),
                    units: first.iter().map(|c| unit_of(c)).collect(),
                    header: true,
                    titles: first.iter().map(|c| c.trim().to_string()).collect(),
                };
            }
        }
        Mapping {
            columns: DEFAULT_ORDER.iter().copied().map(Some).collect(),
            units: vec![None; DEFAULT_ORDER.len()],
            header: false,
            titles: Vec::new(),
        }
    }

    /// Map column `i` to `column` by hand (`None`: leave it out). A column mapped elsewhere
    /// before is left out, so that no two columns fill the same value.
    pub fn set(&mut self, i: usize, column: Option<Column>) {
        if self.columns.len() <= i {
            self.columns.resize(i + 1, None);
            self.units.resize(i + 1, None);
        }
        if let Some(c) = column {
            for other in self.columns.iter_mut() {
                if *other == Some(c) {
                    *other = None;
                }
            }
        }
        self.columns[i] = column;
    }

    /// A column's title for messages: its header, or its letter (A, B, …, AA).
    pub fn title(&self, i: usize) -> String {
        match self.titles.get(i).filter(|t| !t.is_empty()) {
            Some(t) => t.clone(),
            None => column_letter(i),
        }
    }
}

/// A spreadsheet's column letter: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn is_blank(row: &[String]) -> bool {
    row.iter().all(|c| c.trim().is_empty())
}

/// One row, read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportedRow {
    /// 1-based line of the text or row of the sheet.
    pub line: usize,
    pub industry: String,
    pub enterprise: String,
    pub project: String,
    pub responsible: Option<String>,
    pub unit: Option<String>,
    /// The level column says 行业 (industry).
    pub industry_row: bool,
    /// The values the row sets, in 亿元: (kind, indicator, amount).
    pub values: Vec<(ValueKind, Indicator, Dec)>,
    /// Titles of the columns whose value had to be rounded to the yuan (a sheet's formula
    /// gives 33.333333万元); said in the preview, never done silently.
    pub rounded: Vec<String>,
}

impl ImportedRow {
    pub fn value(&self, kind: ValueKind, k: Indicator) -> Option<Dec> {
        self.values
            .iter()
            .find(|(vk, vi, _)| *vk == kind && *vi == k)
            .map(|(_, _, v)| *v)
    }

    /// The level the row describes: an industry where the level column says so, else a
    /// project when it names one, else an enterprise.
    pub fn level(&self) -> RowLevel {
        if self.industry_row {
            RowLevel::Industry
        } else if !self.project.is_empty() {
            RowLevel::Project
        } else {
            RowLevel::Enterprise
        }
    }

    /// The name of what the row describes.
    pub fn name(&self) -> &str {
        match self.level() {
            RowLevel::Project => &self.project,
            RowLevel::Enterprise => &self.enterprise,
            RowLevel::Industry => &self.industry,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowLevel {
    Industry,
    Enterprise,
    Project,
}

/// What applying a row will do.
#[derive(Debug, Clone, PartialEq)]
pub enum RowAction {
    /// A new node; `new_industry` when its industry does not exist yet.
    Add { new_industry: bool },
    /// The node of this name (its id) gets the row's values; `moves`: an enterprise changes
    /// industry.
    Update { id: u64, moves: bool },
    /// Not applied, and why.
    Reject(Bilingual),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    pub row: ImportedRow,
    pub action: RowAction,
}

/// The preview of an import.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Preview {
    pub rows: Vec<PreviewRow>,
    pub mapping: Mapping,
}

impl Preview {
    pub fn applicable(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| !matches!(r.action, RowAction::Reject(_)))
            .count()
    }

    /// How many rows add, update and are skipped.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for r in &self.rows {
            match r.action {
                RowAction::Add { .. } => c.0 += 1,
                RowAction::Update { .. } => c.1 += 1,
                RowAction::Reject(_) => c.2 += 1,
            }
        }
        c
    }
}

fn clean_name(s: &str) -> String {
    s.trim().chars().filter(|c| !c.is_control()).collect()
}

/// Names a spreadsheet gives its total rows: such rows are sums, not enterprises.
fn is_total(name: &str) -> bool {
    let n = name.replace(char::is_whitespace, "");
    ["合计", "总计", "小计", "全县合计", "总计数"].contains(&n.as_str())
        || n.eq_ignore_ascii_case("total")
        || n.eq_ignore_ascii_case("subtotal")
}

fn too_many_rows() -> Bilingual {
    Bilingual::new(
        format!("行数太多（上限 {MAX_ROWS} 行），未读取"),
        format!("too many rows (at most {MAX_ROWS}); nothing was read"),
    )
}

/// Read a table against a scenario with a mapping (`None`: detected from the headers).
/// Fails as a whole only when the table is too long; a bad row is skipped with its reason
/// (naming the column) and the others still apply.
pub fn preview(
    s: &Scenario,
    table: &Table,
    mapping: Option<Mapping>,
) -> Result<Preview, Bilingual> {
    let mapping = mapping.unwrap_or_else(|| Mapping::detect(table));
    let mut data = table.rows.iter().filter(|(_, r)| !is_blank(r));
    if mapping.header {
        data.next();
    }
    let data: Vec<_> = data.collect();
    if data.len() > MAX_ROWS {
        return Err(too_many_rows());
    }
    let mut out = Preview {
        rows: Vec::with_capacity(data.len()),
        mapping,
    };
    let mut seen: HashSet<(RowLevel, String, String)> = HashSet::new();
    let mut enterprises: usize = s.tree.industries.iter().map(|i| i.enterprises.len()).sum();
    let mut projects: usize = s
        .tree
        .industries
        .iter()
        .flat_map(|i| &i.enterprises)
        .map(|e| e.projects.len())
        .sum();
    // Enterprises and industries the import itself adds, so that a later row may name them.
    let mut added_enterprises: HashSet<String> = HashSet::new();
    let mut added_industries: HashSet<String> = HashSet::new();
    let names = Names::of(s);
    for (line, record) in data {
        let (row, problem) = read_row(*line, record, &out.mapping, s.tree_unit);
        let level = row.level();
        let action = match problem {
            Some(why) => RowAction::Reject(why),
            None => {
                let scope = match level {
                    RowLevel::Project => row.enterprise.clone(),
                    _ => String::new(),
                };
                if !seen.insert((level, scope, row.name().to_string())) {
                    RowAction::Reject(Bilingual::new(
                        "名称与前面的行重复",
                        "the same name as an earlier row",
                    ))
                } else {
                    action_for(s, &names, &row, &added_enterprises, &added_industries)
                }
            }
        };
        let action = match action {
            RowAction::Add { .. }
                if level == RowLevel::Enterprise && enterprises >= MAX_ENTERPRISES =>
            {
                RowAction::Reject(Bilingual::new(
                    format!("企业已达上限 {MAX_ENTERPRISES} 家"),
                    format!(
                        "the scenario already has the most enterprises allowed ({MAX_ENTERPRISES})"
                    ),
                ))
            }
            RowAction::Add { .. } if level == RowLevel::Project && projects >= MAX_PROJECTS => {
                RowAction::Reject(Bilingual::new(
                    format!("项目已达上限 {MAX_PROJECTS} 个"),
                    format!("the scenario already has the most projects allowed ({MAX_PROJECTS})"),
                ))
            }
            action => action,
        };
        if let RowAction::Add { new_industry } = action {
            match level {
                RowLevel::Enterprise => {
                    enterprises += 1;
                    added_enterprises.insert(row.enterprise.clone());
                }
                RowLevel::Project => projects += 1,
                RowLevel::Industry => {}
            }
            if new_industry || level == RowLevel::Industry {
                added_industries.insert(row.industry.clone());
            }
        }
        out.rows.push(PreviewRow { row, action });
    }
    Ok(out)
}

fn read_row(
    line: usize,
    record: &[String],
    mapping: &Mapping,
    tree_unit: AmountUnit,
) -> (ImportedRow, Option<Bilingual>) {
    let mut row = ImportedRow {
        line,
        ..ImportedRow::default()
    };
    let mut problem = None;
    for (i, (cell, column)) in record.iter().zip(&mapping.columns).enumerate() {
        let Some(column) = column else { continue };
        let text = cell.trim();
        match column {
            Column::Level => {
                row.industry_row = ["行业", "industry"]
                    .iter()
                    .any(|w| text.eq_ignore_ascii_case(w))
            }
            Column::Industry => row.industry = clean_name(text),
            Column::Enterprise => row.enterprise = clean_name(text),
            Column::Project => row.project = clean_name(text),
            Column::Responsible if !text.is_empty() => row.responsible = Some(clean_name(text)),
            Column::Unit if !text.is_empty() => row.unit = Some(clean_name(text)),
            Column::Value(kind, k) if !text.is_empty() && problem.is_none() => {
                // A bare number is in the unit the header states, else in the table's unit;
                // a 亿 or 万 typed in the cell wins.
                let header_unit = mapping
                    .units
                    .get(i)
                    .copied()
                    .flatten()
                    .unwrap_or(HeaderUnit::of(tree_unit));
                let title = mapping.title(i);
                let said = |zh: &str, en: &str| {
                    Some(Bilingual::new(
                        format!("“{title}”列：{zh}"),
                        format!("column “{title}”: {en}"),
                    ))
                };
                // A value finer than the yuan (a formula's result) is rounded to it, and said.
                let read = amount_in_cell(text, header_unit).map(|yi| {
                    let kept = yi.round(AMOUNT_PLACES);
                    if kept != yi {
                        row.rounded.push(title.clone());
                    }
                    kept
                });
                match read {
                    // A loss (亏损) is a profit base below zero; nothing else may be negative.
                    Ok(v)
                        if v.is_negative()
                            && !(*k == Indicator::Profit && *kind == ValueKind::Base) =>
                    {
                        problem = said("不能为负数", "must not be negative")
                    }
                    Ok(v) if v.abs() > MAX_AMOUNT => {
                        problem = said("数值大得不合理", "implausibly large")
                    }
                    Ok(v) => row.values.push((*kind, *k, v)),
                    Err(why) => {
                        problem = said(
                            &format!("“{text}”{}", why.zh),
                            &format!("“{text}”: {}", why.en),
                        )
                    }
                }
            }
            _ => {}
        }
    }
    if problem.is_none() {
        let name = row.name().to_string();
        problem = if name.is_empty() {
            Some(match row.level() {
                RowLevel::Industry => {
                    Bilingual::new("缺少行业名称", "the industry name is missing")
                }
                _ => Bilingual::new("缺少企业名称", "the enterprise name is missing"),
            })
        } else if is_total(&name) || is_total(&row.enterprise) {
            Some(Bilingual::new(
                "合计行，不导入",
                "a total row, not imported",
            ))
        } else if [&row.industry, &row.enterprise, &row.project]
            .iter()
            .any(|n| n.chars().count() > MAX_NAME_CHARS)
        {
            Some(Bilingual::new(
                format!("名称超过 {MAX_NAME_CHARS} 个字"),
                format!("a name is longer than {MAX_NAME_CHARS} characters"),
            ))
        } else {
            None
        };
    }
    (row, problem)
}

/// Where each named industry, enterprise and project is, built once: looking each row's
/// names up in the tree instead made reading 10,000 rows against 10,000 enterprises take time
/// in the square of the count.
struct Names {
    industries: HashMap<String, usize>,
    /// (industry, enterprise) positions.
    enterprises: HashMap<String, (usize, usize)>,
    /// (enterprise, project) names → id.
    projects: HashMap<(String, String), u64>,
}

impl Names {
    fn of(s: &Scenario) -> Names {
        let mut n = Names {
            industries: HashMap::new(),
            enterprises: HashMap::new(),
            projects: HashMap::new(),
        };
        for (i, industry) in s.tree.industries.iter().enumerate() {
            n.industries.entry(industry.node.name.clone()).or_insert(i);
            for (e, enterprise) in industry.enterprises.iter().enumerate() {
                n.enterprises
                    .entry(enterprise.node.name.clone())
                    .or_insert((i, e));
                for p in &enterprise.projects {
                    n.projects
                        .entry((enterprise.node.name.clone(), p.node.name.clone()))
                        .or_insert(p.node.id);
                }
            }
        }
        n
    }

    fn enterprise_id(&self, s: &Scenario, name: &str) -> Option<(usize, u64)> {
        let &(i, e) = self.enterprises.get(name)?;
        Some((i, s.tree.industries[i].enterprises[e].node.id))
    }
}

fn action_for(
    s: &Scenario,
    names: &Names,
    row: &ImportedRow,
    added_enterprises: &HashSet<String>,
    added_industries: &HashSet<String>,
) -> RowAction {
    let find_industry = |name: &str| names.industries.get(name).copied();
    let industry_known =
        |name: &str| find_industry(name).is_some() || added_industries.contains(name);
    match row.level() {
        RowLevel::Industry => match find_industry(&row.industry) {
            Some(i) => RowAction::Update {
                id: s.tree.industries[i].node.id,
                moves: false,
            },
            None => RowAction::Add { new_industry: true },
        },
        RowLevel::Enterprise => {
            let industry = (!row.industry.is_empty())
                .then(|| find_industry(&row.industry))
                .flatten();
            match names.enterprise_id(s, &row.enterprise) {
                Some((current, id)) => RowAction::Update {
                    id,
                    moves: industry.is_some_and(|i| i != current)
                        || (!row.industry.is_empty() && industry.is_none()),
                },
                None if row.industry.is_empty() => RowAction::Reject(Bilingual::new(
                    "新企业需要填写所属行业",
                    "a new enterprise needs its industry",
                )),
                None => RowAction::Add {
                    new_industry: !industry_known(&row.industry),
                },
            }
        }
        RowLevel::Project => {
            if let Some(&id) = names
                .projects
                .get(&(row.enterprise.clone(), row.project.clone()))
            {
                RowAction::Update { id, moves: false }
            } else if row.enterprise.is_empty() {
                RowAction::Reject(Bilingual::new(
                    "项目需要填写所属企业",
                    "a project needs its enterprise",
                ))
            } else if names.enterprises.contains_key(&row.enterprise)
                || added_enterprises.contains(&row.enterprise)
            {
                RowAction::Add {
                    new_industry: false,
                }
            } else {
                RowAction::Reject(Bilingual::new(
                    format!("企业“{}”不在名单中（请先导入企业行）", row.enterprise),
                    format!(
                        "enterprise “{}” is not in the list (import its row first)",
                        row.enterprise
                    ),
                ))
            }
        }
    }
}

/// Where a node is: industry, enterprise and project positions.
type Place = (usize, Option<usize>, Option<usize>);

fn places(s: &Scenario) -> HashMap<u64, Place> {
    let mut at = HashMap::new();
    for (i, industry) in s.tree.industries.iter().enumerate() {
        at.insert(industry.node.id, (i, None, None));
        for (e, enterprise) in industry.enterprises.iter().enumerate() {
            at.insert(enterprise.node.id, (i, Some(e), None));
            for (p, project) in enterprise.projects.iter().enumerate() {
                at.insert(project.node.id, (i, Some(e), Some(p)));
            }
        }
    }
    at
}

fn node_at(s: &mut Scenario, (i, e, p): Place) -> Option<&mut NodeData> {
    let industry = s.tree.industry_mut(i);
    Some(match (e, p) {
        (None, _) => &mut industry.node,
        (Some(e), None) => &mut industry.enterprises.get_mut(e)?.node,
        (Some(e), Some(p)) => &mut industry.enterprises.get_mut(e)?.projects.get_mut(p)?.node,
    })
}

/// Apply the accepted rows of a preview, in order; returns how many were applied. A row
/// updates the very node its preview found (by id, whatever other node shares its name); new
/// nodes are added at the end of their parent; enterprises that change industry move last, in
/// one pass.
pub fn apply(s: &mut Scenario, preview: &Preview) -> usize {
    let mut names = Names::of(s);
    // Additions append, so the places of the nodes already there hold until the moves.
    let at = places(s);
    let mut next_id = s.max_node_id() + 1;
    let mut fresh = |name: &str| {
        next_id += 1;
        NodeData {
            id: next_id - 1,
            name: name.to_string(),
            ..NodeData::default()
        }
    };
    let mut moves: HashMap<u64, String> = HashMap::new();
    let mut applied = 0;
    for PreviewRow { row, action } in &preview.rows {
        // The row's industry, added when new.
        let industry_at =
            |s: &mut Scenario, names: &mut Names, fresh: &mut dyn FnMut(&str) -> NodeData| {
                if let Some(&i) = names.industries.get(&row.industry) {
                    return i;
                }
                s.tree.industries.push(Arc::new(Industry {
                    node: fresh(&row.industry),
                    ..Industry::default()
                }));
                let i = s.tree.industries.len() - 1;
                names.industries.insert(row.industry.clone(), i);
                i
            };
        let node: Option<&mut NodeData> = match action {
            RowAction::Reject(_) => continue,
            RowAction::Update { id, moves: moving } => {
                if *moving {
                    moves.insert(*id, row.industry.clone());
                }
                match at.get(id) {
                    Some(&place) => node_at(s, place),
                    None => None,
                }
            }
            RowAction::Add { .. } => match row.level() {
                RowLevel::Industry => {
                    let i = industry_at(s, &mut names, &mut fresh);
                    Some(&mut s.tree.industry_mut(i).node)
                }
                RowLevel::Enterprise => {
                    let i = industry_at(s, &mut names, &mut fresh);
                    let industry = s.tree.industry_mut(i);
                    industry.enterprises.push(Enterprise {
                        node: fresh(&row.enterprise),
                        ..Enterprise::default()
                    });
                    let e = industry.enterprises.len() - 1;
                    names
                        .enterprises
                        .entry(row.enterprise.clone())
                        .or_insert((i, e));
                    Some(&mut industry.enterprises[e].node)
                }
                // Under the enterprise of that name the preview found (the first of it).
                RowLevel::Project => {
                    names
                        .enterprises
                        .get(&row.enterprise)
                        .copied()
                        .map(|(i, e)| {
                            let enterprise = &mut s.tree.industry_mut(i).enterprises[e];
                            enterprise.projects.push(Project {
                                node: fresh(&row.project),
                            });
                            let p = enterprise.projects.len() - 1;
                            &mut enterprise.projects[p].node
                        })
                }
            },
        };
        if let Some(node) = node {
            fill(node, row);
            applied += 1;
        }
    }
    if !moves.is_empty() {
        // Out of their industries in one pass each, then to the end of their new one.
        let from: HashSet<usize> = moves
            .keys()
            .filter_map(|id| at.get(id))
            .map(|p| p.0)
            .collect();
        let mut moved = Vec::new();
        for i in from {
            s.tree.industry_mut(i).enterprises.retain(|e| {
                if let Some(to) = moves.get(&e.node.id) {
                    moved.push((e.clone(), to.clone()));
                    false
                } else {
                    true
                }
            });
        }
        for (enterprise, to) in moved {
            let i = match names.industries.get(&to) {
                Some(&i) => i,
                None => {
                    s.tree.industries.push(Arc::new(Industry {
                        node: fresh(&to),
                        ..Industry::default()
                    }));
                    names.industries.insert(to, s.tree.industries.len() - 1);
                    s.tree.industries.len() - 1
                }
            };
            s.tree.industry_mut(i).enterprises.push(enterprise);
        }
    }
    applied
}

fn fill(node: &mut NodeData, row: &ImportedRow) {
    for &(kind, k, v) in &row.values {
        match kind {
            ValueKind::Base => node.base.set(k, Some(v)),
            ValueKind::Commitment => node.commitment.set(k, Some(v)),
            ValueKind::Held => node.held.set(k, Some(v)),
        }
    }
    if let Some(r) = &row.responsible {
        node.responsible = r.clone();
    }
    if let Some(u) = &row.unit {
        node.unit = u.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit;
    use crate::example::example;

    fn d(s: &str) -> Dec {
        s.parse().unwrap()
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 1, r.iter().map(|c| c.to_string()).collect()))
                .collect(),
        }
    }

    #[test]
    fn headers_are_recognised_in_chinese_and_english_with_their_units() {
        use Indicator::*;
        use ValueKind::*;
        let cases: &[(&str, Option<Column>, Option<HeaderUnit>)] = &[
            ("企业名称", Some(Column::Enterprise), None),
            ("Company", Some(Column::Enterprise), None),
            ("所属行业", Some(Column::Industry), None),
            ("Sector", Some(Column::Industry), None),
            ("项目名称", Some(Column::Project), None),
            ("层级", Some(Column::Level), None),
            ("责任人", Some(Column::Responsible), None),
            ("包抓单位", Some(Column::Unit), None),
            ("Unit", Some(Column::Unit), None),
            (
                "上年产值（万元）",
                Some(Column::Value(Base, Output)),
                Some(HeaderUnit::Wan),
            ),
            (
                "Output base (100M CNY)",
                Some(Column::Value(Base, Output)),
                Some(HeaderUnit::Yi),
            ),
            (
                "规上增加值 上年基数",
                Some(Column::Value(Base, ValueAdded)),
                None,
            ),
            ("主营业务收入", Some(Column::Value(Base, Revenue)), None),
            (
                "利润总额（亿元）",
                Some(Column::Value(Base, Profit)),
                Some(HeaderUnit::Yi),
            ),
            ("税金", Some(Column::Value(Base, Tax)), None),
            ("重点项目投资", Some(Column::Value(Base, Investment)), None),
            (
                "利润 自报目标",
                Some(Column::Value(Commitment, Profit)),
                None,
            ),
            ("Tax commitment", Some(Column::Value(Commitment, Tax)), None),
            (
                "产值 锁定（万元）",
                Some(Column::Value(Held, Output)),
                Some(HeaderUnit::Wan),
            ),
            ("revenue held", Some(Column::Value(Held, Revenue)), None),
            // What the app derives is not an input.
            ("规上产值 全年任务（万元）", None, None),
            ("一季度日均（万元）", None, None),
            ("占上级（%）", None, None),
            ("备注", None, None),
        ];
        for (header, column, unit) in cases {
            let got = recognise(header);
            assert_eq!(got.map(|g| g.0), *column, "{header}");
            if column.is_some() {
                assert_eq!(got.and_then(|g| g.1), *unit, "{header}");
            }
        }
        // Every column's own name reads back as that column.
        for c in Column::all() {
            assert_eq!(
                recognise(&c.name().zh).map(|g| g.0),
                Some(c),
                "{}",
                c.name().zh
            );
            assert_eq!(
                recognise(&c.name().en).map(|g| g.0),
                Some(c),
                "{}",
                c.name().en
            );
            assert_eq!(Column::from_key(&c.key()), Some(c));
        }
    }

    #[test]
    fn every_indicator_comes_in_with_columns_in_any_order() {
        let s = example();
        let industry = s.tree.industries[0].node.name.clone();
        let t = table(&[
            &[
                "Tax (10k CNY)",
                "Enterprise",
                "利润（万元）",
                "Industry",
                "增加值（万元）",
                "主营业务收入（万元）",
                "产值（万元）",
                "利润 自报目标（万元）",
            ],
            &[
                "30", "新厂", "120", &industry, "500", "1,900", "2000", "150",
            ],
        ]);
        let p = preview(&s, &t, None).unwrap();
        assert!(p.mapping.header);
        assert_eq!(p.rows.len(), 1);
        assert_eq!(
            p.rows[0].action,
            RowAction::Add {
                new_industry: false
            }
        );
        let mut after = s.clone();
        assert_eq!(apply(&mut after, &p), 1);
        let e = &after.tree.industries[0].enterprises.last().unwrap().node;
        assert_eq!(e.name, "新厂");
        assert_eq!(e.base.get(Indicator::Tax), Some(d("0.003")));
        assert_eq!(e.base.get(Indicator::Profit), Some(d("0.012")));
        assert_eq!(e.base.get(Indicator::ValueAdded), Some(d("0.05")));
        assert_eq!(e.base.get(Indicator::Revenue), Some(d("0.19")));
        assert_eq!(e.base.get(Indicator::Output), Some(d("0.2")));
        assert_eq!(e.commitment.get(Indicator::Profit), Some(d("0.015")));
        assert!(e.id > s.max_node_id());
        assert!(crate::plan(&after).is_ok());
    }

    #[test]
    fn industries_and_projects_come_in_by_their_rows() {
        let s = example();
        let t = table(&[
            &[
                "层级",
                "所属行业",
                "企业名称",
                "重点项目",
                "重点项目投资（万元）",
                "上年产值（万元）",
            ],
            &["行业", "新材料", "", "", "", "9000"],
            &["企业", "新材料", "甲公司", "", "", "4000"],
            &["项目", "新材料", "甲公司", "一号线", "3000", ""],
            &["项目", "新材料", "无名公司", "二号线", "100", ""],
            &["项目", "新材料", "", "三号线", "100", ""],
        ]);
        let p = preview(&s, &t, None).unwrap();
        let actions: Vec<_> = p.rows.iter().map(|r| r.action.clone()).collect();
        assert_eq!(actions[0], RowAction::Add { new_industry: true });
        assert_eq!(
            actions[1],
            RowAction::Add {
                new_industry: false
            }
        );
        assert_eq!(
            actions[2],
            RowAction::Add {
                new_industry: false
            }
        );
        assert!(matches!(&actions[3], RowAction::Reject(w) if w.zh.contains("无名公司")));
        assert!(
            matches!(&actions[4], RowAction::Reject(w) if w.en.contains("needs its enterprise"))
        );
        let mut after = s.clone();
        assert_eq!(apply(&mut after, &p), 3);
        let industry = after.tree.industries.last().unwrap();
        assert_eq!(industry.node.name, "新材料");
        assert_eq!(industry.node.base.get(Indicator::Output), Some(d("0.9")));
        let e = &industry.enterprises[0];
        assert_eq!(e.projects[0].node.name, "一号线");
        assert_eq!(
            e.projects[0].node.base.get(Indicator::Investment),
            Some(d("0.3"))
        );
        // Imported again, the same rows update what they added.
        let again = preview(&after, &t, None).unwrap();
        assert!(again.rows[..3]
            .iter()
            .all(|r| matches!(r.action, RowAction::Update { .. })));
        let mut twice = after.clone();
        apply(&mut twice, &again);
        assert_eq!(twice, after);
    }

    #[test]
    fn a_loss_making_enterprise_comes_in_with_its_negative_profit() {
        let s = example();
        let industry = s.tree.industries[0].node.name.clone();
        let t = table(&[
            &[
                "企业名称",
                "所属行业",
                "利润（万元）",
                "利润 自报目标（万元）",
            ],
            &["亏损厂", &industry, "-500", ""],
            &["甲厂", &industry, "", "-1"],
        ]);
        let p = preview(&s, &t, None).unwrap();
        assert_eq!(
            p.rows[0].action,
            RowAction::Add {
                new_industry: false
            }
        );
        assert_eq!(
            p.rows[0].row.value(ValueKind::Base, Indicator::Profit),
            Some(d("-0.05"))
        );
        assert!(matches!(&p.rows[1].action, RowAction::Reject(w) if w.zh.contains("不能为负")));
        let mut after = s.clone();
        apply(&mut after, &p);
        assert!(crate::plan(&after).is_ok());
    }

    #[test]
    fn a_row_updates_the_node_its_preview_found_even_where_names_repeat() {
        let mut s = example();
        // Two enterprises of one name in two industries, each with its own project.
        let (a, b) = (s.tree.industries[0].node.id, s.tree.industries[1].node.id);
        let ea = edit::add_child(&mut s, a, "新企业".into()).unwrap();
        let eb = edit::add_child(&mut s, b, "新企业".into()).unwrap();
        edit::add_child(&mut s, ea, "一号线".into()).unwrap();
        let pb = edit::add_child(&mut s, eb, "二号线".into()).unwrap();
        let t = table(&[
            &["层级", "企业名称", "重点项目", "重点项目投资（万元）"],
            &["项目", "新企业", "二号线", "500"],
        ]);
        let p = preview(&s, &t, None).unwrap();
        assert_eq!(
            p.rows[0].action,
            RowAction::Update {
                id: pb,
                moves: false
            }
        );
        let mut after = s.clone();
        assert_eq!(apply(&mut after, &p), 1);
        assert_eq!(
            after.node(pb).unwrap().base.get(Indicator::Investment),
            Some(d("0.05"))
        );
        let projects: usize = after
            .tree
            .industries
            .iter()
            .flat_map(|i| &i.enterprises)
            .map(|e| e.projects.len())
            .sum();
        let before: usize = s
            .tree
            .industries
            .iter()
            .flat_map(|i| &i.enterprises)
            .map(|e| e.projects.len())
            .sum();
        assert_eq!(projects, before, "no copy added elsewhere");
    }

    #[test]
    fn enterprises_that_change_industry_move_and_keep_their_values() {
        let s = example();
        let e0 = s.tree.industries[0].enterprises[0].node.clone();
        let e1 = s.tree.industries[0].enterprises[1].node.clone();
        let to = s.tree.industries[2].node.name.clone();
        let t = table(&[
            &["企业名称", "所属行业", "上年产值（万元）"],
            &[&e0.name, &to, "1000"],
            &[&e1.name, "新行业", ""],
        ]);
        let p = preview(&s, &t, None).unwrap();
        assert!(p
            .rows
            .iter()
            .all(|r| matches!(r.action, RowAction::Update { moves: true, .. })));
        let mut after = s.clone();
        assert_eq!(apply(&mut after, &p), 2);
        let industry_of = |id: u64| {
            after
                .tree
                .industries
                .iter()
                .find(|i| i.enterprises.iter().any(|e| e.node.id == id))
                .unwrap()
                .node
                .name
                .clone()
        };
        assert_eq!(industry_of(e0.id), to);
        assert_eq!(industry_of(e1.id), "新行业");
        assert_eq!(
            after.node(e0.id).unwrap().base.get(Indicator::Output),
            Some(d("0.1"))
        );
        assert_eq!(after.node(e1.id).unwrap().base, e1.base);
        assert!(crate::plan(&after).is_ok());
    }

    #[test]
    fn bad_rows_are_skipped_naming_their_column_and_nothing_else_is_lost() {
        let s = example();
        let industry = s.tree.industries[0].node.name.clone();
        let t = table(&[
            &["企业名称", "所属行业", "上年产值（万元）", "利润（万元）"],
            &["甲厂", &industry, "十二", "1"],
            &["乙厂", &industry, "100", "5亿亿"],
            &["丙厂", &industry, "-100", ""],
            &["合计", "", "9999", ""],
            &["丁厂", &industry, "100", ""],
            &["丁厂", &industry, "200", ""],
            &["", "", "", ""],
            &["戊厂", "", "100", ""],
            &["己厂", &industry, "1e99", ""],
        ]);
        let p = preview(&s, &t, None).unwrap();
        let why = |i: usize| match &p.rows[i].action {
            RowAction::Reject(w) => w.zh.clone(),
            a => panic!("row {i} is {a:?}"),
        };
        assert!(
            why(0).contains("上年产值（万元）") && why(0).contains("十二"),
            "{}",
            why(0)
        );
        assert!(why(1).contains("利润（万元）"), "{}", why(1));
        assert!(why(2).contains("不能为负"), "{}", why(2));
        assert!(why(3).contains("合计"), "{}", why(3));
        assert_eq!(
            p.rows[4].action,
            RowAction::Add {
                new_industry: false
            }
        );
        assert!(why(5).contains("重复"), "{}", why(5));
        // The blank row is skipped silently; the rows keep their sheet rows.
        assert_eq!(p.rows[6].row.line, 9);
        assert!(why(6).contains("所属行业"), "{}", why(6));
        assert!(!why(7).is_empty());
        assert_eq!(p.counts(), (1, 0, 7));
        let mut after = s.clone();
        assert_eq!(apply(&mut after, &p), 1);
        assert_eq!(
            after
                .tree
                .industries
                .iter()
                .map(|i| i.enterprises.len())
                .sum::<usize>(),
            s.tree
                .industries
                .iter()
                .map(|i| i.enterprises.len())
                .sum::<usize>()
                + 1
        );
    }

    #[test]
    fn a_value_finer_than_the_yuan_is_rounded_to_it_and_said() {
        let s = example();
        let industry = s.tree.industries[0].node.name.clone();
        let t = table(&[
            &[
                "企业名称",
                "所属行业",
                "税金（万元）",
                "利润（亿元）",
                "产值（万元）",
            ],
            &["甲", &industry, "33.333333", "0.123456789", "100.25"],
        ]);
        let p = preview(&s, &t, None).unwrap();
        let row = &p.rows[0].row;
        assert_eq!(
            p.rows[0].action,
            RowAction::Add {
                new_industry: false
            }
        );
        assert_eq!(
            row.value(ValueKind::Base, Indicator::Tax),
            Some(d("0.00333333"))
        );
        assert_eq!(
            row.value(ValueKind::Base, Indicator::Profit),
            Some(d("0.12345679"))
        );
        assert_eq!(
            row.value(ValueKind::Base, Indicator::Output),
            Some(d("0.010025"))
        );
        assert_eq!(row.rounded, ["税金（万元）", "利润（亿元）"]);
    }

    #[test]
    fn every_unit_a_statistics_table_uses_and_a_year_in_the_header() {
        let s = example();
        let industry = s.tree.industries[0].node.name.clone();
        let t = table(&[
            &[
                "企业名称",
                "所属行业",
                "工业总产值（千元）",
                "利润（元）",
                "税金（百万元）",
                "营业收入（千万元）",
                "2023",
            ],
            &["甲", &industry, "1234", "5000", "1.5", "2", "7"],
        ]);
        let m = Mapping::detect(&t);
        assert!(
            m.header,
            "a year heading a column does not make the header a data row"
        );
        let p = preview(&s, &t, Some(m.clone())).unwrap();
        let v = |k| p.rows[0].row.value(ValueKind::Base, k).unwrap().to_string();
        assert_eq!(v(Indicator::Output), "0.01234", "1234千元 = 123.4万元");
        assert_eq!(v(Indicator::Profit), "0.00005");
        assert_eq!(v(Indicator::Tax), "0.015");
        assert_eq!(v(Indicator::Revenue), "0.2");
        // A column the headers do not name, mapped by hand, keeps its header's unit.
        let t = table(&[
            &["企业名称", "所属行业", "上年实际（亿元）"],
            &["乙", &industry, "1.5"],
        ]);
        let mut m = Mapping::detect(&t);
        assert_eq!(m.columns[2], None);
        m.set(2, Some(Column::Value(ValueKind::Base, Indicator::Output)));
        let p = preview(&s, &t, Some(m)).unwrap();
        assert_eq!(
            p.rows[0].row.value(ValueKind::Base, Indicator::Output),
            Some(d("1.5"))
        );
        // A loss beyond any plausible amount is refused like any other.
        let t = table(&[
            &["企业名称", "所属行业", "利润（亿元）"],
            &["丙", &industry, "-99999999999"],
        ]);
        let p = preview(&s, &t, None).unwrap();
        assert!(matches!(&p.rows[0].action, RowAction::Reject(w) if w.zh.contains("不合理")));
    }

    #[test]
    fn a_mapping_set_by_hand_reads_headerless_and_unknown_columns() {
        let s = example();
        let industry = s.tree.industries[0].node.name.clone();
        let t = table(&[&["甲", "x", "300", &industry]]);
        let mut m = Mapping::detect(&t);
        assert!(!m.header);
        m.set(0, Some(Column::Enterprise));
        m.set(1, None);
        m.set(2, Some(Column::Value(ValueKind::Base, Indicator::Tax)));
        m.set(3, Some(Column::Industry));
        assert_eq!(m.title(3), "D");
        let p = preview(&s, &t, Some(m.clone())).unwrap();
        assert_eq!(
            p.rows[0].row.value(ValueKind::Base, Indicator::Tax),
            Some(d("0.03"))
        );
        assert_eq!(p.rows[0].row.industry, industry);
        // One value, one column: mapping a second column to it leaves the first out.
        m.set(1, Some(Column::Enterprise));
        assert_eq!(m.columns[0], None);
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn a_table_too_long_is_refused_as_a_whole() {
        let s = example();
        let row = vec!["甲".to_string(), "乙".to_string()];
        let t = Table {
            rows: (1..=MAX_ROWS + 2).map(|i| (i, row.clone())).collect(),
        };
        let e = preview(&s, &t, None).unwrap_err();
        assert!(e.zh.contains("行数太多"), "{}", e.zh);
    }
}
