//! Finding the header row of an imported sheet and binding its columns to the fields of a
//! [`Schema`], then reading the data rows below it as [`Record`]s.
//!
//! Real files have a title (在职党员社区报到登记表) and lines such as `县(市、区)：…` above the
//! header, required markers (`*姓名`), full-width brackets, line breaks inside header cells,
//! and sometimes a two-row header whose top row is merged: `单位属性` over `机关 | 事业 | 企业`
//! tick columns, or `联系方式` over `单位电话 | 手机`. The finder tries each of the first
//! [`HEADER_SCAN_ROWS`] rows, alone and together with the row below, and keeps the reading
//! that names the most fields. Columns it cannot place are listed as ignored, never guessed.
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use super::error::{ImportIssue, bound_if_large, column_letter};
use super::grid::{Grid, Row, Value};
use super::values::text_of;
use crate::i18n::{Lang, tf};

/// How far down the header may be.
pub const HEADER_SCAN_ROWS: usize = 15;

/// One field a sheet may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Stable name used by code (`mobile`).
    pub key: &'static str,
    /// Header texts that mean this field, the form's own first; compared after
    /// [`normalize_header`].
    pub names: &'static [&'static str],
    pub required: bool,
}

/// The fields of one kind of sheet (members, service records …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schema {
    /// Catalog key of the sheet's name, e.g. `import.schema.members`.
    pub name_key: &'static str,
    pub fields: &'static [FieldSpec],
}

impl Schema {
    pub fn field(&self, key: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The field a header text names, if any.
    pub fn match_header(&self, text: &str) -> Option<&'static FieldSpec> {
        self.lookup(&self.index(), &normalize_header(text))
    }

    /// The field an already normalized header text names: the text itself, then the ways a
    /// person reads past what offices add to a column's name — a note in brackets
    /// (`联系电话(手机)`, `出生年月(年.月)`), a prefix (`所属街道`, `所在社区`), a suffix
    /// (`社区名称`, `手机号码`) — each tried only when the plainer reading names nothing.
    fn lookup(&self, index: &HashMap<String, usize>, norm: &str) -> Option<&'static FieldSpec> {
        if norm.is_empty() {
            return None;
        }
        if let Some(&i) = index.get(norm) {
            return Some(&self.fields[i]);
        }
        // Most cells (data, titles) have nothing to read past: no allocation for them.
        let decorated = norm.contains('(')
            || PREFIXES.iter().any(|p| norm.starts_with(p))
            || SUFFIXES.iter().any(|x| norm.ends_with(x));
        if !decorated {
            return None;
        }
        readings(norm)
            .skip(1)
            .find_map(|n| index.get(n.as_str()).map(|&i| &self.fields[i]))
    }

    /// Normalized name → field index, built once per schema: the header finder compares
    /// every cell of the first rows of a sheet with every name of every schema.
    fn index(&self) -> Arc<HashMap<String, usize>> {
        type Index = Arc<HashMap<String, usize>>;
        static CACHE: OnceLock<Mutex<HashMap<(&'static str, usize), Index>>> = OnceLock::new();
        let build = || {
            let mut map = HashMap::new();
            for (i, f) in self.fields.iter().enumerate() {
                for name in f.names {
                    // The first field to claim a name keeps it.
                    map.entry(normalize_header(name)).or_insert(i);
                }
            }
            Arc::new(map)
        };
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let Ok(mut cache) = cache.lock() else {
            return build();
        };
        // Keyed by the field list's address too, so two schemas never share an index.
        let key = (self.name_key, self.fields.as_ptr() as usize);
        Arc::clone(cache.entry(key).or_insert_with(build))
    }
}

/// Header text reduced to what matters for matching: full-width forms as ASCII, no spaces
/// or line breaks, no required markers (`*`, `※`), Chinese brackets as ASCII brackets,
/// Latin letters in lower case.
pub fn normalize_header(s: &str) -> String {
    header_chars(s).collect()
}

/// The characters of [`normalize_header`]`(s)`, without building the string: comparing a
/// data cell with the header texts costs no allocation. Spaces go entirely, so the width
/// folding of [`normalize`](super::values::normalize) is all that is needed of it.
fn header_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '※' | '★' | ':' | '：'))
        .map(|c| match c {
            '（' | '【' | '[' | '〔' => '(',
            '）' | '】' | ']' | '〕' => ')',
            c => c.to_ascii_lowercase(),
        })
}

/// Prefixes a column's name may carry without changing what it names (所属街道 is 街道).
const PREFIXES: &[&str] = &["所属", "所在", "所"];
/// Suffixes likewise (社区名称 is 社区, 手机号码 is 手机).
const SUFFIXES: &[&str] = &["名称", "号码", "号"];

/// The readings of a normalized header text, plainest first: as written, without its
/// bracketed notes, then each of those without a prefix, without a suffix, without both.
fn readings(norm: &str) -> impl Iterator<Item = String> + '_ {
    let bare = without_brackets(norm);
    let bases: Vec<String> = if bare != norm && !bare.is_empty() {
        vec![norm.to_string(), bare]
    } else {
        vec![norm.to_string()]
    };
    let mut out: Vec<String> = bases.clone();
    for base in &bases {
        let unprefixed: Vec<&str> = PREFIXES
            .iter()
            .filter_map(|p| base.strip_prefix(p))
            .filter(|r| !r.is_empty())
            .take(1)
            .collect();
        let unsuffixed: Vec<&str> = SUFFIXES
            .iter()
            .filter_map(|x| base.strip_suffix(x))
            .filter(|r| !r.is_empty())
            .take(1)
            .collect();
        out.extend(unprefixed.iter().map(|r| r.to_string()));
        out.extend(unsuffixed.iter().map(|r| r.to_string()));
        for r in &unprefixed {
            for x in SUFFIXES {
                if let Some(rest) = r.strip_suffix(x).filter(|r| !r.is_empty()) {
                    out.push(rest.to_string());
                    break;
                }
            }
        }
    }
    out.into_iter()
}

/// `norm` without any `(…)` part: the notes a form writes inside a column's name.
fn without_brackets(norm: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(norm.len());
    for c in norm.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Where a field's value is on each row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// One column.
    Column(usize),
    /// Tick columns under a merged header (单位属性 over 机关/事业/企业 …): the value is the
    /// sub-header of the one column that is ticked.
    Choice(Vec<(usize, String)>),
}

/// The header of a sheet, as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    /// Excel row numbers of the header (two for a two-row header).
    pub lines: Vec<usize>,
    /// Index in `grid.rows` of the first row after the header.
    pub data_from: usize,
    /// Field key, the header text as found (for messages), and where the value is.
    pub fields: Vec<(&'static str, String, Binding)>,
    /// Columns that name no field: (column letter, header text), shown to the clerk.
    pub ignored: Vec<(String, String)>,
    /// One past the last column with a header text.
    pub width: usize,
}

impl HeaderMap {
    pub fn has(&self, key: &str) -> bool {
        self.fields.iter().any(|(k, _, _)| *k == key)
    }

    /// Names by their header text the cells that the reader could only name by letter (it
    /// reads before the header is known): `m.csv:2:姓名`, not `m.csv:2:A`.
    pub fn name_columns(&self, issues: &mut [ImportIssue]) {
        let below = self.lines.iter().max().copied().unwrap_or(0);
        let mut by_letter: Vec<(String, &str)> = self
            .ignored
            .iter()
            .map(|(l, h)| (l.clone(), h.as_str()))
            .collect();
        for (_, text, binding) in &self.fields {
            match binding {
                Binding::Column(c) => by_letter.push((column_letter(*c), text.as_str())),
                Binding::Choice(ticks) => by_letter.extend(
                    ticks
                        .iter()
                        .map(|(c, sub)| (column_letter(*c), sub.as_str())),
                ),
            }
        }
        for issue in issues.iter_mut().filter(|i| i.row > below) {
            if let Some((_, text)) = by_letter.iter().find(|(l, _)| *l == issue.column)
                && !text.trim().is_empty()
            {
                issue.column = text.trim().to_string();
            }
        }
    }
}

/// A candidate reading of the header.
struct Candidate {
    lines: Vec<usize>,
    data_from: usize,
    fields: Vec<(&'static str, String, Binding)>,
    ignored: Vec<(String, String)>,
    width: usize,
}

impl Candidate {
    /// Fields named, then tick groups found, then fewer header rows (a title line read as
    /// the top of a two-row header adds nothing); remaining ties go to the earlier reading.
    fn score(&self) -> (usize, usize, std::cmp::Reverse<usize>) {
        let groups = self
            .fields
            .iter()
            .filter(|(_, _, b)| matches!(b, Binding::Choice(_)))
            .count();
        (
            self.fields.len(),
            groups,
            std::cmp::Reverse(self.lines.len()),
        )
    }
}

/// A header cell as shown (for messages) and as compared.
#[derive(Default)]
struct HeaderText {
    shown: String,
    norm: String,
}

impl HeaderText {
    fn of(v: &Value) -> HeaderText {
        let shown = text_of(v).replace(['\n', '\r'], "");
        let norm = normalize_header(&shown);
        HeaderText { shown, norm }
    }
}

/// Reads `rows[i]` (and `rows[i + 1]` when `two` is set) as a header; `texts[k]` holds the
/// cells of `rows[k]`, prepared once for all candidates and schemas.
fn read_candidate(
    rows: &[Row],
    texts: &[Vec<HeaderText>],
    i: usize,
    two: bool,
    schema: &Schema,
) -> Candidate {
    static BLANK: HeaderText = HeaderText {
        shown: String::new(),
        norm: String::new(),
    };
    let index = schema.index();
    let top = &rows[i];
    let bottom = if two { rows.get(i + 1) } else { None };
    let width = top.cells.len().max(bottom.map_or(0, |b| b.cells.len()));
    let cell = |r: usize, c: usize| texts.get(r).and_then(|t| t.get(c)).unwrap_or(&BLANK);
    // A blank top cell right of a group header inherits it, when both have a sub-header
    // below: the CSV form of a merged cell.
    let mut tops: Vec<&HeaderText> = (0..width).map(|c| cell(i, c)).collect();
    if two {
        for c in 1..width {
            let below = |c| !cell(i + 1, c).norm.is_empty();
            if tops[c].norm.is_empty() && below(c) && below(c - 1) {
                tops[c] = tops[c - 1];
            }
        }
    }
    let mut seen: HashSet<&'static str> = HashSet::new();
    let mut fields: Vec<(&'static str, String, Binding)> = Vec::new();
    let mut ignored = Vec::new();
    let mut last_text_col = 0;
    for (c, &top) in tops.iter().enumerate() {
        let bottom = if two { cell(i + 1, c) } else { &BLANK };
        if top.norm.is_empty() && bottom.norm.is_empty() {
            continue;
        }
        last_text_col = c + 1;
        let same = top.norm == bottom.norm;
        let shown = match (top.norm.is_empty(), bottom.norm.is_empty()) {
            (_, true) => top.shown.clone(),
            (true, false) => bottom.shown.clone(),
            (false, false) if same => top.shown.clone(),
            (false, false) => format!("{}/{}", top.shown, bottom.shown),
        };
        // Sub-header alone, then top and sub-header joined, then the top alone (a cell merged
        // down over both rows has an empty or repeated bottom).
        let direct = schema
            .lookup(&index, &bottom.norm)
            .or_else(|| schema.lookup(&index, &format!("{}{}", top.norm, bottom.norm)))
            .or_else(|| {
                (bottom.norm.is_empty() || same)
                    .then(|| schema.lookup(&index, &top.norm))
                    .flatten()
            });
        if let Some(f) = direct {
            if seen.insert(f.key) {
                fields.push((f.key, shown, Binding::Column(c)));
            } else {
                ignored.push((column_letter(c), shown));
            }
            continue;
        }
        // A tick column under a group header that names a field.
        if !bottom.norm.is_empty()
            && let Some(f) = schema.lookup(&index, &top.norm)
        {
            let option = bottom.shown.clone();
            match fields.iter_mut().find(|(k, _, _)| *k == f.key) {
                Some((_, _, Binding::Choice(options))) => options.push((c, option)),
                Some(_) => ignored.push((column_letter(c), shown)),
                None => {
                    seen.insert(f.key);
                    fields.push((f.key, top.shown.clone(), Binding::Choice(vec![(c, option)])));
                }
            }
            continue;
        }
        ignored.push((column_letter(c), shown));
    }
    // A "group" of one tick column is just a column: this is also what a data row read as a
    // second header row produces, and it must not outscore the one-row reading.
    for (_, _, binding) in fields.iter_mut() {
        if let Binding::Choice(options) = binding
            && options.len() == 1
        {
            *binding = Binding::Column(options[0].0);
        }
    }
    let lines = std::iter::once(rows[i].line)
        .chain(two.then(|| rows.get(i + 1).map(|b| b.line)).flatten())
        .collect();
    Candidate {
        lines,
        data_from: i + if two { 2 } else { 1 },
        fields,
        ignored,
        width: last_text_col,
    }
}

/// Whether a reading can be the header: it names two fields (or the schema's only one), or
/// it names a required field and its row reads as a header — text cells only, none of them
/// a number or a date, with data below — as `编号,社区名称,所属市州` does even though only
/// one of its columns is known.
fn acceptable(grid: &Grid, schema: &Schema, cand: &Candidate) -> bool {
    match cand.fields.as_slice() {
        [] => false,
        [(key, _, _)] if schema.fields.len() > 1 => {
            let required = schema.field(key).is_some_and(|f| f.required);
            let Some(row) = grid.rows.iter().find(|r| r.line == cand.lines[0]) else {
                return false;
            };
            let texts_only = row.cells.iter().all(|v| match v {
                Value::Empty => true,
                Value::Text(t) => {
                    let t = t.trim();
                    !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit() || c == '.')
                }
                _ => false,
            });
            let data_below = grid.rows.len() > cand.data_from;
            required && texts_only && data_below
        }
        _ => true,
    }
}

/// Finds the header of `grid` for `schema`. Fails when no row is [`acceptable`], or when a
/// required field has no column; each missing field is its own issue.
pub fn find_header(
    grid: &Grid,
    schema: &Schema,
    lang: Lang,
) -> Result<HeaderMap, Vec<ImportIssue>> {
    let scan = grid.rows.len().min(HEADER_SCAN_ROWS);
    let texts: Vec<Vec<HeaderText>> = grid
        .rows
        .iter()
        .take(scan + 1)
        .map(|r| r.cells.iter().map(HeaderText::of).collect())
        .collect();
    let mut best: Option<Candidate> = None;
    for i in 0..scan {
        let mut options = vec![read_candidate(&grid.rows, &texts, i, false, schema)];
        // The row below belongs to the header only if it directly follows.
        if grid
            .rows
            .get(i + 1)
            .is_some_and(|r| r.line == grid.rows[i].line + 1)
        {
            options.push(read_candidate(&grid.rows, &texts, i, true, schema));
        }
        for cand in options {
            if !acceptable(grid, schema, &cand) {
                continue;
            }
            let better = best.as_ref().is_none_or(|b| cand.score() > b.score());
            if better {
                best = Some(cand);
            }
        }
    }
    let best = match best {
        Some(b) => b,
        None => {
            // Garbled text is why no header reads: say so, and how to get a good copy.
            if let Some(issue) = super::mojibake::suspect(grid, lang) {
                return Err(vec![issue]);
            }
            let names: Vec<&str> = schema
                .fields
                .iter()
                .filter(|f| f.required)
                .filter_map(|f| f.names.first().copied())
                .collect();
            return Err(vec![ImportIssue::file(
                &grid.file,
                tf(
                    lang,
                    "import.header.not_found",
                    &[&HEADER_SCAN_ROWS, &names.join("、")],
                ),
            )]);
        }
    };
    let header_line = best.lines[0];
    let missing: Vec<ImportIssue> = schema
        .fields
        .iter()
        .filter(|f| f.required && !best.fields.iter().any(|(k, _, _)| *k == f.key))
        .map(|f| {
            let name = f.names.first().copied().unwrap_or(f.key);
            ImportIssue::at(
                &grid.file,
                header_line,
                name,
                tf(lang, "import.header.missing", &[&name, &f.names.join("、")]),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    Ok(HeaderMap {
        lines: best.lines,
        data_from: best.data_from,
        fields: best.fields,
        ignored: best.ignored,
        width: best.width,
    })
}

/// One data row, by field.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Excel row number.
    pub line: usize,
    /// Field key, header text (for messages, shared by every row), value.
    pub values: Vec<(&'static str, Arc<str>, Value)>,
}

impl Record {
    /// The value of `key`, [`Value::Empty`] when the sheet has no such column.
    pub fn get(&self, key: &str) -> &Value {
        self.values
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or(&Value::Empty, |(_, _, v)| v)
    }

    /// The header text of `key`'s column, for messages.
    pub fn column<'a>(&'a self, key: &'a str) -> &'a str {
        self.values
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or(key, |(_, h, _)| h.as_ref())
    }
}

/// Rows under the header that are notes, totals or signatures rather than data (the 附件5
/// card ends in 个人累计社区服务活动时间 and 社区党组织认证签字).
const NOTE_PREFIXES: &[&str] = &[
    "注",
    "备注:",
    "说明",
    "合计",
    "总计",
    "小计",
    "个人累计",
    "填表",
    "制表",
    "审核",
    "社区党组织认证",
    "认证签字",
    "负责人",
];

fn is_note(row: &Row) -> bool {
    let mut cells = row.cells.iter().filter(|v| !v.is_empty());
    // Most rows are ruled out by their first cell, before the text of any other is built.
    let Some(first) = cells.next().map(text_of) else {
        return false;
    };
    if !NOTE_PREFIXES.iter().any(|p| first.starts_with(p)) {
        return false;
    }
    let mut texts = vec![first];
    texts.extend(cells.map(text_of));
    // A note merged across the table reads as the same text in every cell.
    texts.dedup();
    texts.len() <= 2
}

/// The data rows under `header`, with every row-level problem: cells right of the header
/// (a shifted row), several ticks in one choice group. Blank rows, note rows and repeated
/// header rows (a header printed on every page) are skipped.
pub fn records(grid: &Grid, header: &HeaderMap, lang: Lang) -> (Vec<Record>, Vec<ImportIssue>) {
    let mut out = Vec::with_capacity(grid.rows.len().saturating_sub(header.data_from));
    let mut issues = Vec::new();
    for_each_record(grid, header, lang, &mut issues, &mut |r, _| out.push(r));
    (out, issues)
}

/// [`records`] one at a time, so that a caller that keeps few of them holds few: the row
/// problems go to `issues` (bounded as they grow), each record to `each`, with whether
/// its row has such a problem.
pub fn for_each_record(
    grid: &Grid,
    header: &HeaderMap,
    lang: Lang,
    issues: &mut Vec<ImportIssue>,
    each: &mut dyn FnMut(Record, bool),
) {
    let header_texts: Vec<String> = header
        .fields
        .iter()
        .map(|(_, h, _)| normalize_header(h))
        .collect();
    // A cell can only repeat a header text if its first character starts one: most data
    // cells are ruled out by that, without building their normalized text.
    let first_chars: HashSet<char> = header_texts
        .iter()
        .filter_map(|h| h.chars().next())
        .collect();
    let shown: Vec<Arc<str>> = header
        .fields
        .iter()
        .map(|(_, h, _)| Arc::from(h.as_str()))
        .collect();
    for row in grid.rows.iter().skip(header.data_from) {
        if is_note(row) {
            continue;
        }
        let repeats_header = row
            .cells
            .iter()
            .filter(|v| {
                let Value::Text(t) = v else { return false };
                header_chars(t)
                    .next()
                    .is_some_and(|c| first_chars.contains(&c))
                    && header_texts.iter().any(|h| header_chars(t).eq(h.chars()))
            })
            .count();
        if repeats_header * 2 > header.fields.len().max(1) {
            continue;
        }
        let before = issues.len();
        if let Some(c) = (header.width..row.cells.len()).find(|&c| !row.get(c).is_empty()) {
            issues.push(ImportIssue::at(
                &grid.file,
                row.line,
                &column_letter(c),
                tf(
                    lang,
                    "import.row.beyond_header",
                    &[&column_letter(header.width.saturating_sub(1))],
                ),
            ));
        }
        let mut values = Vec::with_capacity(header.fields.len());
        for ((key, text, binding), shown) in header.fields.iter().zip(&shown) {
            let value = match binding {
                Binding::Column(c) => row.get(*c).clone(),
                Binding::Choice(options) => {
                    let ticked: Vec<&String> = options
                        .iter()
                        .filter(|(c, _)| is_tick(row.get(*c)))
                        .map(|(_, o)| o)
                        .collect();
                    match ticked.as_slice() {
                        [] => Value::Empty,
                        [one] => Value::Text((*one).clone()),
                        many => {
                            let list: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
                            issues.push(ImportIssue::at(
                                &grid.file,
                                row.line,
                                text,
                                tf(lang, "import.row.many_ticks", &[&list.join("、")]),
                            ));
                            Value::Rejected
                        }
                    }
                }
            };
            values.push((*key, Arc::clone(shown), value));
        }
        let flagged = issues.len() != before;
        bound_if_large(issues);
        if values.iter().all(|(_, _, v)| v.is_empty()) {
            continue;
        }
        let record = Record {
            line: row.line,
            values,
        };
        each(record, flagged);
    }
}

/// A ticked box: anything but blank, 0, 否, ×, 无.
fn is_tick(v: &Value) -> bool {
    let t = text_of(v);
    !(t.is_empty() || matches!(t.as_str(), "0" | "否" | "×" | "无" | "FALSE"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        Row {
            line: 9,
            cells: cells
                .iter()
                .map(|c| match *c {
                    "" => Value::Empty,
                    t => Value::Text(t.to_string()),
                })
                .collect(),
        }
    }

    #[test]
    fn a_note_is_told_by_its_first_cell_and_few_texts() {
        assert!(is_note(&row(&["", "注：个人信息请严格保密。"])));
        assert!(is_note(&row(&["合计", "", "85"])));
        // Merged across the table: the same text in every cell.
        assert!(is_note(&row(&[
            "说明：见背面",
            "说明：见背面",
            "说明：见背面"
        ])));
        assert!(!is_note(&row(&["1", "注", "王芳"])));
        assert!(!is_note(&row(&["合计", "12", "85", "3"])));
        assert!(!is_note(&row(&["", ""])));
    }
}
