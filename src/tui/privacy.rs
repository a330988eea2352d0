//! Personal data on screen (003 附件2 注: the registration form's personal information is
//! confidential): mobile numbers and home addresses show masked (`138****8588`), one record
//! at a time may be revealed, and presentation mode hides them everywhere, revealed or not,
//! for a projected year-end session.
//!
//! Owns: the reveal and presentation switches and what a phone or address shows as. Must not
//! touch: which fields are personal (each view passes them through here).

use crate::domain::Id;
use crate::i18n::{Lang, t};
use crate::report::{Cell, Report};
use crate::tui::text::{mask_address, mask_phone};

/// Columns of the paper forms (which always carry the seed's Chinese labels) holding a
/// member's mobile or home address: a table's header, or the label cell before the value in a
/// form laid out as label/value pairs (附件1, 附件2).
const PHONE_COLUMNS: [&str; 1] = ["手机"];
const PHONE_LABELS: [&str; 2] = ["手机", "联系电话"];
const ADDRESS_COLUMNS: [&str; 2] = ["住址", "家庭住址"];

/// Fields of the edit forms (by their label's catalog key) holding a person's mobile, phone or
/// home address: a member's, a household's, a unit contact's.
const PERSONAL_FIELDS: [&str; 4] = [
    "field.mobile",
    "field.contact",
    "tui.f.contact_phone",
    "tui.f.address",
];

#[derive(Clone, Copy)]
enum Personal {
    Phone,
    Address,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Privacy {
    /// Presentation mode: personal data hidden entirely, reveal included.
    pub presentation: bool,
    /// The one record whose personal data shows in full.
    pub revealed: Option<Id>,
}

impl Privacy {
    /// Whether `owner`'s data shows unmasked.
    pub fn is_revealed(&self, owner: Id) -> bool {
        !self.presentation && self.revealed == Some(owner)
    }

    /// A phone number of the record `owner` as it may show.
    pub fn phone(&self, owner: Id, phone: &str, lang: Lang) -> String {
        self.show(owner, phone, lang, mask_phone)
    }

    /// A home address of the record `owner` as it may show.
    pub fn address(&self, owner: Id, address: &str, lang: Lang) -> String {
        self.show(owner, address, lang, mask_address)
    }

    /// A form as it may show on screen, by the same rule as every other view: the mobiles and
    /// home addresses of its table masked (the revealed member's shown: a one-member sheet's,
    /// a roster's row of that member, or `owner`'s when the whole form is one member's),
    /// hidden while presenting, and any mobile number in its free text likewise. The export is
    /// not masked: it is the clerk's file, written private.
    pub fn report(&self, report: &Report, owner: Option<Id>, lang: Lang) -> Report {
        let mut out = report.clone();
        for sheet in &mut out.sheets {
            // Rows of nobody in particular (a form for many members without row owners) have
            // no owner: nothing in them is revealed.
            let sheet_owner = sheet.owner.or(owner).unwrap_or(Id(0));
            let by_column: Vec<Option<Personal>> = sheet
                .headers
                .iter()
                .map(|h| personal_header(h.trim()))
                .collect();
            for (r, row) in sheet.rows.iter_mut().enumerate() {
                let owner = sheet.owners.get(r).copied().unwrap_or(sheet_owner);
                let mut after_label = None;
                for (i, cell) in row.iter_mut().enumerate() {
                    let kind = by_column.get(i).copied().flatten().or(after_label.take());
                    after_label = match cell {
                        Cell::Text(l) => personal_label(l.trim()),
                        _ => None,
                    };
                    let (Cell::Text(v) | Cell::Code(v)) = cell else {
                        continue;
                    };
                    *v = match kind {
                        Some(Personal::Phone) => self.phone(owner, v, lang),
                        Some(Personal::Address) => self.address(owner, v, lang),
                        None => self.phones_in(owner, v, lang),
                    };
                }
            }
            for line in sheet.above.iter_mut().chain(sheet.below.iter_mut()) {
                *line = self.phones_in(sheet_owner, line, lang);
            }
        }
        out
    }

    /// What an edit form's field shows instead of its text: while presenting, a personal
    /// field reads as hidden (typing still edits it); `None` shows the text as typed. Outside
    /// presentation an edit form shows what it edits: opening it is the clerk's deliberate act.
    pub fn form_field(&self, key: &str, lang: Lang) -> Option<&'static str> {
        (self.presentation && PERSONAL_FIELDS.contains(&key)).then(|| t(lang, "tui.hidden"))
    }

    /// Free text with every mobile number in it (11 digits from 1) shown by the rule.
    fn phones_in(&self, owner: Id, text: &str, lang: Lang) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
            if run == 11 && chars[i] == '1' && !before_digit {
                let phone: String = chars[i..i + 11].iter().collect();
                out.push_str(&self.phone(owner, &phone, lang));
                i += 11;
            } else {
                let n = run.max(1);
                out.extend(&chars[i..i + n]);
                i += n;
            }
        }
        out
    }

    fn show(&self, owner: Id, value: &str, lang: Lang, mask: fn(&str) -> String) -> String {
        if value.trim().is_empty() {
            String::new()
        } else if self.presentation {
            t(lang, "tui.hidden").to_string()
        } else if self.revealed == Some(owner) {
            value.to_string()
        } else {
            mask(value)
        }
    }
}

fn personal_header(h: &str) -> Option<Personal> {
    if PHONE_COLUMNS.contains(&h) {
        Some(Personal::Phone)
    } else if ADDRESS_COLUMNS.contains(&h) {
        Some(Personal::Address)
    } else {
        None
    }
}

fn personal_label(l: &str) -> Option<Personal> {
    if PHONE_LABELS.contains(&l) {
        Some(Personal::Phone)
    } else if ADDRESS_COLUMNS.contains(&l) {
        Some(Personal::Address)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Sheet;

    fn roster() -> Report {
        Report {
            sheets: vec![
                Sheet {
                    headers: vec!["姓名".into(), "住址".into(), "手机".into()],
                    rows: vec![vec![
                        "曾顺仙".into(),
                        "曲靖市麒麟区南宁街道3栋2单元".into(),
                        Cell::Code("13812348588".into()),
                    ]],
                    above: vec!["联系电话：13912348588".into()],
                    ..Default::default()
                },
                Sheet {
                    headers: vec!["项目".into(), "内容".into()],
                    rows: vec![
                        vec!["家庭住址".into(), "曲靖市麒麟区南宁街道5栋".into()],
                        vec!["姓名".into(), "曲靖市麒麟区的名字".into()],
                    ],
                    ..Default::default()
                },
            ],
        }
    }

    fn text(r: &Report) -> String {
        crate::report::txt::to_txt(r)
    }

    #[test]
    fn a_form_is_masked_by_the_same_rule_as_every_view() {
        let (member, other) = (Id(7), Id(8));
        let mut p = Privacy::default();
        let masked = text(&p.report(&roster(), Some(member), Lang::Zh));
        for full in ["3栋2单元", "12348588", "5栋"] {
            assert!(!masked.contains(full), "{full} in\n{masked}");
        }
        assert!(masked.contains("曲靖市麒麟区****") && masked.contains("138****8588"));
        // Not an address: a name that happens to look like one stays.
        assert!(masked.contains("曲靖市麒麟区的名字"));
        p.revealed = Some(member);
        let shown = text(&p.report(&roster(), Some(member), Lang::Zh));
        assert!(shown.contains("3栋2单元") && shown.contains("13812348588"));
        // A form of many members reveals nobody, and another member's reveal shows nothing.
        assert!(!text(&p.report(&roster(), None, Lang::Zh)).contains("3栋2单元"));
        p.revealed = Some(other);
        assert!(!text(&p.report(&roster(), Some(member), Lang::Zh)).contains("3栋2单元"));
        p.presentation = true;
        p.revealed = Some(member);
        let presented = text(&p.report(&roster(), Some(member), Lang::Zh));
        assert!(
            !presented.contains("南宁街道") && !presented.contains("8588"),
            "{presented}"
        );
        assert!(presented.contains("已隐藏"));
    }

    #[test]
    fn a_roster_reveals_the_revealed_members_row_only() {
        let (a, b) = (Id(1), Id(2));
        let row = |addr: &str, phone: &str| vec![addr.into(), Cell::Code(phone.into())];
        let roster = Report {
            sheets: vec![Sheet {
                headers: vec!["住址".into(), "手机".into()],
                rows: vec![
                    row("南宁街道3栋2单元", "13812348588"),
                    row("南宁街道5栋1单元", "13912341234"),
                ],
                owners: vec![a, b],
                ..Default::default()
            }],
        };
        let mut p = Privacy {
            revealed: Some(a),
            ..Default::default()
        };
        let shown = text(&p.report(&roster, None, Lang::Zh));
        assert!(
            shown.contains("3栋2单元") && shown.contains("13812348588"),
            "{shown}"
        );
        assert!(
            !shown.contains("5栋1单元") && !shown.contains("13912341234"),
            "{shown}"
        );
        p.presentation = true;
        let presented = text(&p.report(&roster, None, Lang::Zh));
        assert!(
            !presented.contains("8588") && !presented.contains("3栋"),
            "{presented}"
        );
    }

    #[test]
    fn edit_forms_hide_personal_fields_while_presenting() {
        let mut p = Privacy::default();
        assert_eq!(p.form_field("field.mobile", Lang::Zh), None);
        p.presentation = true;
        for key in PERSONAL_FIELDS {
            assert_eq!(p.form_field(key, Lang::En), Some("hidden"), "{key}");
        }
        assert_eq!(p.form_field("field.name", Lang::Zh), None);
    }

    #[test]
    fn mobiles_in_free_text_follow_the_rule() {
        let p = Privacy::default();
        assert_eq!(
            p.phones_in(Id(1), "张三 13812348588 2", Lang::Zh),
            "张三 138****8588 2"
        );
        assert_eq!(p.phones_in(Id(1), "123456789012", Lang::Zh), "123456789012");
    }

    #[test]
    fn masked_revealed_and_presented() {
        let (a, b) = (Id(1), Id(2));
        let mut p = Privacy::default();
        assert_eq!(p.phone(a, "13812348588", Lang::Zh), "138****8588");
        p.revealed = Some(a);
        assert_eq!(p.phone(a, "13812348588", Lang::Zh), "13812348588");
        assert_eq!(p.phone(b, "13912348588", Lang::Zh), "139****8588");
        p.presentation = true;
        assert_eq!(p.phone(a, "13812348588", Lang::Zh), "已隐藏");
        assert_eq!(p.address(b, "曲靖市麒麟区南宁街道3栋", Lang::En), "hidden");
        assert_eq!(p.phone(a, "", Lang::Zh), "");
    }
}
