//! Typed rows of each imported sheet: [`MemberRow`] (附件4), [`ServiceRow`] (附件5),
//! [`CommunityRow`] (表1), [`UnitRow`] and [`RegistrationRow`].
//!
//! These are what the file says, checked value by value, not ledger entities yet: matching a
//! name to a member or a unit to its record is the importer's job, against the store. A row
//! with any bad value is left out of `rows` and every problem is in `issues`, so the caller
//! can refuse the file or take the good rows, and the clerk sees every fix needed at once.
use chrono::NaiveDate;

use super::error::{ImportIssue, ValueError, bound, bound_if_large};
use super::grid::{Grid, Value};
use super::header::{Record, Schema, find_header, for_each_record};
use super::schemas;
use super::values::{
    Gender, Hours, Rating, Standing, UnitKind, YearMonth, parse_count, parse_date, parse_gender,
    parse_hours, parse_id_number, parse_mobile, parse_phone, parse_rating, parse_standing,
    parse_year_month, parse_yes_no, text_of,
};
use crate::i18n::{Lang, tf};

/// The outcome of parsing one sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported<T> {
    /// Rows without problems, with their Excel row numbers.
    pub rows: Vec<(usize, T)>,
    /// Every problem, in row order (the grid's own first).
    pub issues: Vec<ImportIssue>,
    /// Columns not imported: (column letter, header text).
    pub ignored: Vec<(String, String)>,
    /// Excel rows of the header.
    pub header_lines: Vec<usize>,
    /// Each field the sheet has, with its header text as found (for messages that name a
    /// column about a value the ledger refused later).
    pub columns: Vec<(&'static str, String)>,
}

impl<T> Imported<T> {
    /// The header text of `key`'s column, if the sheet has one.
    pub fn column(&self, key: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, h)| h.as_str())
    }
}

/// Reads one record's fields, collecting the problems.
pub(super) struct Fields<'a> {
    file: &'a str,
    lang: Lang,
    schema: &'a Schema,
    pub(super) rec: &'a Record,
    issues: Vec<ImportIssue>,
}

impl<'a> Fields<'a> {
    pub(super) fn report(&mut self, key: &str, e: &ValueError) {
        // A column the sheet lacks is named as the form names it, so the clerk can add it.
        let column = match self.rec.values.iter().any(|(k, _, _)| *k == key) {
            true => self.rec.column(key),
            false => self
                .schema
                .field(key)
                .and_then(|f| f.names.first().copied())
                .unwrap_or(key),
        }
        .to_string();
        self.issues.push(ImportIssue::at(
            self.file,
            self.rec.line,
            &column,
            e.message(self.lang),
        ));
    }

    /// Text, or `None` when blank.
    pub(super) fn text(&mut self, key: &str) -> Option<String> {
        let s = text_of(self.rec.get(key));
        (!s.is_empty()).then_some(s)
    }

    /// Text that must be there.
    pub(super) fn required(&mut self, key: &str) -> String {
        let v = self.rec.get(key);
        let s = text_of(v);
        if s.is_empty() && *v != Value::Rejected {
            self.report(key, &ValueError::new("import.value.required", ""));
        }
        s
    }

    /// A typed value when the cell is not blank.
    pub(super) fn typed<T>(
        &mut self,
        key: &str,
        parse: fn(&Value) -> Result<T, ValueError>,
    ) -> Option<T> {
        let v = self.rec.get(key);
        if v.is_empty() || *v == Value::Rejected {
            return None;
        }
        match parse(v) {
            Ok(t) => Some(t),
            Err(e) => {
                self.report(key, &e);
                None
            }
        }
    }
}

/// Finds the header, reads the records and maps each with `map`.
pub(super) fn parse_sheet<T>(
    grid: &Grid,
    schema: &Schema,
    lang: Lang,
    map: impl Fn(&mut Fields<'_>) -> T,
) -> Imported<T> {
    let mut rows = Vec::new();
    let mut imported =
        parse_sheet_each(grid, schema, lang, map, &mut |line, t| rows.push((line, t)));
    imported.rows = rows;
    imported
}

/// [`parse_sheet`] handing each clean row to `sink` as it is read, so that a caller that
/// keeps few rows (a file of one person repeated) holds few; `rows` is left empty.
fn parse_sheet_each<T>(
    grid: &Grid,
    schema: &Schema,
    lang: Lang,
    map: impl Fn(&mut Fields<'_>) -> T,
    sink: &mut dyn FnMut(usize, T),
) -> Imported<T> {
    let mut issues = grid.issues.clone();
    let header = match find_header(grid, schema, lang) {
        Ok(h) => h,
        Err(mut e) => {
            issues.append(&mut e);
            return Imported {
                rows: Vec::new(),
                issues,
                ignored: Vec::new(),
                header_lines: Vec::new(),
                columns: Vec::new(),
            };
        }
    };
    header.name_columns(&mut issues);
    let mut row_issues = Vec::new();
    let mut value_issues = Vec::new();
    for_each_record(grid, &header, lang, &mut row_issues, &mut |rec, flagged| {
        let mut f = Fields {
            file: &grid.file,
            lang,
            schema,
            rec: &rec,
            issues: Vec::new(),
        };
        let value = map(&mut f);
        let clean = f.issues.is_empty() && !flagged;
        value_issues.append(&mut f.issues);
        if clean {
            sink(rec.line, value);
        }
        bound_if_large(&mut value_issues);
    });
    row_issues.append(&mut value_issues);
    row_issues.sort_by_key(|i| i.row);
    issues.append(&mut row_issues);
    bound(&mut issues);
    Imported {
        rows: Vec::new(),
        issues,
        columns: header
            .fields
            .iter()
            .map(|(k, h, _)| (*k, h.clone()))
            .collect(),
        ignored: header.ignored,
        header_lines: header.lines,
    }
}

/// 机关 / 事业 / 企业 / 大专院校 / 社会组织 / 其他, with the usual longer forms.
pub fn parse_unit_kind(v: &Value) -> Result<UnitKind, ValueError> {
    let s = text_of(v);
    let kind = match s.trim_end_matches("单位") {
        "机关" | "党政机关" | "行政机关" => UnitKind::Organ,
        "事业" | "参公事业" => UnitKind::Institution,
        "企业" | "国有企业" | "国企" | "民营企业" | "私营企业" => {
            UnitKind::Enterprise
        }
        "大专院校" | "高校" | "高等院校" | "院校" => UnitKind::College,
        "社会组织" => UnitKind::SocialOrg,
        "其他" | "其它" => UnitKind::Other,
        _ => return Err(ValueError::new("import.value.unit_kind", s)),
    };
    Ok(kind)
}

/// A row of 附件4 在职党员社区报到登记表.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberRow {
    pub name: String,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub birth: Option<YearMonth>,
    pub joined: Option<YearMonth>,
    pub standing: Option<Standing>,
    pub education: Option<String>,
    pub specialty: Option<String>,
    pub hobbies: Option<String>,
    pub unit_position: Option<String>,
    pub unit_kind: Option<UnitKind>,
    pub address: Option<String>,
    pub unit_phone: Option<String>,
    pub mobile: Option<String>,
    pub service_project: Option<String>,
    pub service_team: Option<String>,
    pub reported_on: Option<NaiveDate>,
    pub willing_other: Option<bool>,
    pub community: Option<String>,
    pub id_number: Option<String>,
    /// 认领岗位, split on 、，,；; and line breaks.
    pub posts: Vec<String>,
}

impl MemberRow {
    /// Takes every cell `later` fills in: the same person's later row in one file.
    pub fn merge(&mut self, later: MemberRow) {
        macro_rules! take {
            ($($f:ident),*) => {$(
                if later.$f.is_some() {
                    self.$f = later.$f;
                }
            )*};
        }
        take!(
            gender,
            ethnicity,
            birth,
            joined,
            standing,
            education,
            specialty,
            hobbies,
            unit_position,
            unit_kind,
            address,
            unit_phone,
            mobile,
            service_project,
            service_team,
            reported_on,
            willing_other,
            community,
            id_number
        );
        if !later.name.is_empty() {
            self.name = later.name;
        }
        if !later.posts.is_empty() {
            self.posts = later.posts;
        }
    }
}

pub fn members(grid: &Grid, lang: Lang) -> Imported<MemberRow> {
    let mut rows = Vec::new();
    let mut imported = members_each(grid, lang, &mut |line, m| rows.push((line, m)));
    imported.rows = rows;
    imported
}

/// [`members`] a row at a time (see [`parse_sheet_each`]).
pub fn members_each(
    grid: &Grid,
    lang: Lang,
    sink: &mut dyn FnMut(usize, MemberRow),
) -> Imported<MemberRow> {
    let map = |f: &mut Fields<'_>| MemberRow {
        name: person_name(&f.required("name")),
        gender: f.typed("gender", parse_gender),
        ethnicity: f.text("ethnicity"),
        birth: f.typed("birth", parse_year_month),
        joined: f.typed("joined", parse_year_month),
        standing: f.typed("standing", parse_standing),
        education: f.text("education"),
        specialty: f.text("specialty"),
        hobbies: f.text("hobbies"),
        unit_position: f.text("unit_position"),
        unit_kind: f.typed("unit_kind", parse_unit_kind),
        address: f.text("address"),
        unit_phone: f.typed("unit_phone", parse_phone),
        mobile: f.typed("mobile", parse_mobile),
        service_project: f.text("service_project"),
        service_team: f.text("service_team"),
        reported_on: f.typed("reported_on", parse_date),
        willing_other: f.typed("willing_other", parse_yes_no),
        community: f.text("community"),
        id_number: f.typed("id_number", parse_id_number),
        posts: f.text("posts").map(|p| split_list(&p)).unwrap_or_default(),
    };
    parse_sheet_each(grid, &schemas::MEMBERS, lang, map, sink)
}

/// A row of 附件5 服务(活动)记录卡, with who served (a list covering many members).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRow {
    pub name: Option<String>,
    pub mobile: Option<String>,
    pub member_id: Option<String>,
    pub date: NaiveDate,
    pub content: String,
    pub place: Option<String>,
    pub hours: Option<Hours>,
    pub rating: Option<Rating>,
    pub certified_by: Option<String>,
    pub kind: Option<String>,
}

pub fn services(grid: &Grid, lang: Lang) -> Imported<ServiceRow> {
    let epoch = NaiveDate::MIN;
    parse_sheet(grid, &schemas::SERVICES, lang, |f| {
        let name = f.text("name").map(|n| person_name(&n));
        let mobile = f.typed("mobile", parse_mobile);
        let member_id = f.text("member_id");
        if name.is_none() && mobile.is_none() && member_id.is_none() {
            f.report("name", &ValueError::new("import.value.who", ""));
        }
        let date = if f.rec.get("date").is_empty() {
            f.report("date", &ValueError::new("import.value.required", ""));
            None
        } else {
            f.typed("date", parse_date)
        };
        ServiceRow {
            name,
            mobile,
            member_id,
            date: date.unwrap_or(epoch),
            content: f.required("content"),
            place: f.text("place"),
            hours: f.typed("hours", parse_hours),
            rating: f.typed("rating", parse_rating),
            certified_by: f.text("certified_by"),
            kind: f.text("kind"),
        }
    })
}

/// A row of 表1 社区联系方式一览表.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CommunityRow {
    pub county: Option<String>,
    pub street: Option<String>,
    pub name: String,
    pub secretary: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub service_day: Option<String>,
}

pub fn communities(grid: &Grid, lang: Lang) -> Imported<CommunityRow> {
    parse_sheet(grid, &schemas::COMMUNITIES, lang, |f| CommunityRow {
        county: f.text("county"),
        street: f.text("street"),
        name: f.required("name"),
        secretary: f.text("secretary"),
        phone: f.typed("phone", parse_phone),
        address: f.text("address"),
        service_day: f.text("service_day"),
    })
}

/// A paired unit with its contacts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnitRow {
    pub name: String,
    pub kind: Option<UnitKind>,
    pub address: Option<String>,
    pub party_org: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub liaison: Option<String>,
    pub paired_community: Option<String>,
    pub member_total: Option<u32>,
}

pub fn units(grid: &Grid, lang: Lang) -> Imported<UnitRow> {
    parse_sheet(grid, &schemas::UNITS, lang, |f| UnitRow {
        name: f.required("name"),
        kind: f.typed("kind", parse_unit_kind),
        address: f.text("address"),
        party_org: f.text("party_org"),
        contact: f.text("contact"),
        phone: f.typed("phone", parse_phone),
        liaison: f.text("liaison"),
        paired_community: f.text("paired_community"),
        member_total: f.typed("member_total", parse_count),
    })
}

/// A 报到单 and what became of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegistrationRow {
    pub name: String,
    pub mobile: Option<String>,
    pub unit: Option<String>,
    pub community: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub report_by: Option<NaiveDate>,
    pub reported_on: Option<NaiveDate>,
    pub receipt_on: Option<NaiveDate>,
    /// Split on 、，,；; and line breaks.
    pub posts: Vec<String>,
    pub reason: Option<String>,
}

pub fn registrations(grid: &Grid, lang: Lang) -> Imported<RegistrationRow> {
    parse_sheet(grid, &schemas::REGISTRATIONS, lang, |f| {
        let row = RegistrationRow {
            name: person_name(&f.required("name")),
            mobile: f.typed("mobile", parse_mobile),
            unit: f.text("unit"),
            community: f.text("community"),
            issued_on: f.typed("issued_on", parse_date),
            report_by: f.typed("report_by", parse_date),
            reported_on: f.typed("reported_on", parse_date),
            receipt_on: f.typed("receipt_on", parse_date),
            posts: f.text("posts").map(|p| split_list(&p)).unwrap_or_default(),
            reason: f.text("reason"),
        };
        if let (Some(reported), Some(receipt)) = (row.reported_on, row.receipt_on)
            && receipt < reported
        {
            let e = ValueError {
                key: "import.value.receipt_before_report",
                args: vec![receipt.to_string(), reported.to_string()],
            };
            f.report("receipt_on", &e);
        }
        row
    })
}

/// A person's name as written on a printed roster, as the person is called: the padding a
/// roster puts between the characters of a short name to align it (`王　芳`, `王 芳`) is
/// layout, not part of the name, and goes; so does a space beside the middle dot of a
/// minority name (`阿依古丽 · 买买提`), whose variants (`・`, `•`, `‧`) are written as `·`.
/// Names in Latin letters keep one space between their words.
pub fn person_name(s: &str) -> String {
    let chars: Vec<char> = s
        .trim()
        .chars()
        .map(|c| match c {
            '\u{30FB}' | '\u{FF65}' | '\u{2022}' | '\u{2027}' | '\u{2219}' => '\u{00B7}',
            c => c,
        })
        .collect();
    let latin = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || *c == '.');
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            // Between two Latin letters a space separates words; anywhere else it pads.
            if latin(out.chars().last().as_ref()) && latin(chars.get(i)) {
                out.push(' ');
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// A list in one cell (认领岗位, 联络员): split on 、，,；; and line breaks.
pub fn split_list(s: &str) -> Vec<String> {
    s.split(|c| crate::smart_input::parse::LIST_SEPARATORS.contains(&c) || c == '\n')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The schema whose fields the sheet's header names best, for a file of unknown kind.
pub fn guess_schema(grid: &Grid) -> Option<&'static Schema> {
    schemas::ALL
        .iter()
        .filter_map(|s| {
            let h = find_header(grid, s, Lang::Zh).ok()?;
            Some((h.fields.len() * 100 / s.fields.len().max(1), s))
        })
        .max_by_key(|(score, _)| *score)
        .map(|(_, s)| s)
}

/// `FILE:ROW:COLUMN: message` lines followed by a count, for the CLI and logs.
pub fn summary<T>(imported: &Imported<T>, lang: Lang) -> String {
    let mut out = String::new();
    for issue in &imported.issues {
        out.push_str(&issue.to_string());
        out.push('\n');
    }
    if !imported.ignored.is_empty() {
        let cols: Vec<String> = imported
            .ignored
            .iter()
            .map(|(l, h)| format!("{l}({h})"))
            .collect();
        out.push_str(&tf(lang, "import.summary.ignored", &[&cols.join("、")]));
        out.push('\n');
    }
    out.push_str(&tf(
        lang,
        "import.summary.counts",
        &[&imported.rows.len(), &imported.issues.len()],
    ));
    out.push('\n');
    out
}
