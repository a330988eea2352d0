//! Smart input: the short forms clerks type all day, each parsed to a value or to a message
//! saying what is accepted.
//!
//! - dates: `2026-11-22`, `2026/11/22`, `2026.11.22`, `20261122`, `11-22`, `11/22`, `1122` (this
//!   year), `t` today, `y` yesterday, `-3` three days ago, `2026年11月22日`;
//! - hours: `2`, `1.5`, `1:30`, `90m`, `2h`, `2小时`, in half-hour steps;
//! - 评价: `1`/`2`/`3` or 优/良/一般;
//! - choices: by first letter of the English label, pinyin initial of the Chinese one, a number,
//!   or the label itself.
use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::validate::normalize_width;
use crate::domain::{Choice, Hours, Problem, Rating};
use crate::i18n::{Lang, t};

/// What separates the items of a list a clerk writes in one field or cell (认领岗位, 联络员,
/// 到会单位): 、，,；; — the marks of a Chinese list and their ASCII look-alikes.
pub const LIST_SEPARATORS: [char; 5] = ['、', '，', ',', '；', ';'];

/// Why typed text is not a value; `message` says what is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub key: &'static str,
}

impl Rejected {
    pub fn message(&self, lang: Lang) -> &'static str {
        t(lang, self.key)
    }
}

fn rejected(key: &'static str) -> Rejected {
    Rejected { key }
}

/// A date from any of the accepted forms, relative to `today`.
pub fn date(input: &str, today: NaiveDate) -> Result<NaiveDate, Rejected> {
    let s = normalize_width(input).trim().to_lowercase();
    let bad = || rejected("entry.date");
    match s.as_str() {
        "" => return Err(bad()),
        "t" | "today" | "今天" | "今" => return Ok(today),
        "y" | "yesterday" | "昨天" | "昨" => return Ok(today - Duration::days(1)),
        _ => {}
    }
    if let Some(n) = s.strip_prefix('-') {
        let days: i64 = n.parse().map_err(|_| bad())?;
        if !(0..=36_500).contains(&days) {
            return Err(bad());
        }
        return Ok(today - Duration::days(days));
    }
    let s = s.replace(['年', '月'], "-").replace('日', "");
    let parts: Vec<&str> = s.split(['-', '/', '.']).filter(|p| !p.is_empty()).collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    // Compact forms are cut by byte position, which is only safe (and only meaningful) on
    // ASCII digits: a single 王 is three bytes too.
    if let [one] = parts.as_slice()
        && !one.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let (y, m, d) = match parts.as_slice() {
        [one] if one.len() == 8 => (num(&one[..4])? as i32, num(&one[4..6])?, num(&one[6..])?),
        [one] if one.len() == 4 => (today.year(), num(&one[..2])?, num(&one[2..])?),
        [one] if one.len() == 3 => (today.year(), num(&one[..1])?, num(&one[1..])?),
        [m, d] => (today.year(), num(m)?, num(d)?),
        [y, m, d] if y.len() == 4 => (num(y)? as i32, num(m)?, num(d)?),
        _ => return Err(bad()),
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)
}

/// Hours in half-hour steps.
pub fn hours(input: &str) -> Result<Hours, Rejected> {
    let s = normalize_width(input)
        .trim()
        .to_lowercase()
        .replace("小时", "h")
        .replace("分钟", "m");
    let bad = || rejected("entry.hours");
    let value = if let Some((h, m)) = s.split_once(':') {
        let h: f64 = if h.is_empty() {
            0.0
        } else {
            h.parse().map_err(|_| bad())?
        };
        let m: f64 = m.parse().map_err(|_| bad())?;
        if !(0.0..60.0).contains(&m) {
            return Err(bad());
        }
        h + m / 60.0
    } else if let Some(m) = s.strip_suffix('m') {
        m.trim().parse::<f64>().map_err(|_| bad())? / 60.0
    } else {
        s.trim_end_matches('h')
            .trim()
            .parse::<f64>()
            .map_err(|_| bad())?
    };
    Hours::from_f64(value).map_err(|p| match p {
        Problem::HoursNotHalfStep => rejected("entry.hours_half"),
        Problem::HoursOverDay { .. } => rejected("entry.hours_day"),
        _ => rejected("entry.hours_positive"),
    })
}

/// 评价 as `1`/`2`/`3`, or 优/良/一般 (and English).
pub fn rating(input: &str) -> Result<Option<Rating>, Rejected> {
    let s = normalize_width(input).trim().to_string();
    match s.as_str() {
        "" => Ok(None),
        "1" => Ok(Some(Rating::Excellent)),
        "2" => Ok(Some(Rating::Good)),
        "3" => Ok(Some(Rating::Fair)),
        other => Rating::parse(other)
            .map(Some)
            .ok_or_else(|| rejected("entry.rating")),
    }
}

/// The pinyin initials of a label (`政策法规宣传岗` → `zcfgxcg`); characters without a reading
/// stand for themselves, lower-cased.
pub fn initials(label: &str) -> String {
    use pinyin::ToPinyin;
    label
        .chars()
        .map(|c| match c.to_pinyin() {
            Some(p) => p.first_letter().chars().next().unwrap_or(c),
            None => c.to_ascii_lowercase(),
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A choice from a closed list: its number (1-based), its label in either language, or a prefix
/// of the pinyin initials of its Chinese label or of its English label. Ambiguous prefixes pick
/// the first in list order, which is how the form lists them.
pub fn choice<C: Choice>(input: &str) -> Result<C, Rejected> {
    let s = normalize_width(input).trim().to_lowercase();
    let bad = || rejected("entry.choice");
    if s.is_empty() {
        return Err(bad());
    }
    if let Ok(n) = s.parse::<usize>() {
        return C::ALL.get(n.wrapping_sub(1)).copied().ok_or_else(bad);
    }
    if let Some(c) = C::parse(input.trim()) {
        return Ok(c);
    }
    C::ALL
        .iter()
        .copied()
        .find(|c| initials(c.label(Lang::Zh)).starts_with(&s))
        .or_else(|| {
            C::ALL
                .iter()
                .copied()
                .find(|c| c.label(Lang::En).to_lowercase().starts_with(&s))
        })
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ServiceKind, UnitKind};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn every_date_form() {
        for (input, want) in [
            ("2026-11-22", d(2026, 11, 22)),
            ("2026/3/5", d(2026, 3, 5)),
            ("2026.3.5", d(2026, 3, 5)),
            ("20260305", d(2026, 3, 5)),
            ("11-20", d(2026, 11, 20)),
            ("3/5", d(2026, 3, 5)),
            ("1120", d(2026, 11, 20)),
            ("305", d(2026, 3, 5)),
            ("t", today()),
            ("T", today()),
            ("y", d(2026, 11, 21)),
            ("-3", d(2026, 11, 19)),
            ("-0", today()),
            ("2026年3月5日", d(2026, 3, 5)),
            ("３月５日", d(2026, 3, 5)),
            (" 2026-11-22 ", today()),
        ] {
            assert_eq!(date(input, today()), Ok(want), "{input}");
        }
        for bad in [
            "",
            "x",
            "2026-02-30",
            "13-01",
            "1-2-3-4",
            "-",
            "-x",
            "-99999999",
            "202611",
            // Non-digits of the compact forms' byte lengths (3, 4 and 8 bytes).
            "王",
            "王x",
            "王王a1",
            "1二",
        ] {
            let e = date(bad, today()).unwrap_err();
            assert!(
                e.message(Lang::Zh).contains("2026-11-22"),
                "{bad}: {}",
                e.message(Lang::Zh)
            );
        }
    }

    #[test]
    fn every_hours_form() {
        for (input, halves) in [
            ("2", 4),
            ("1.5", 3),
            ("1:30", 3),
            (":30", 1),
            ("0.5", 1),
            ("90m", 3),
            ("2h", 4),
            ("2小时", 4),
            ("２", 4),
            ("24", 48),
        ] {
            assert_eq!(hours(input), Ok(Hours(halves)), "{input}");
        }
        assert_eq!(hours("1.2").unwrap_err().key, "entry.hours_half");
        assert_eq!(hours("1:20").unwrap_err().key, "entry.hours_half");
        assert_eq!(hours("0").unwrap_err().key, "entry.hours_positive");
        assert_eq!(hours("-1").unwrap_err().key, "entry.hours_positive");
        assert_eq!(hours("25").unwrap_err().key, "entry.hours_day");
        assert_eq!(hours("abc").unwrap_err().key, "entry.hours");
        assert_eq!(hours("1:75").unwrap_err().key, "entry.hours");
    }

    #[test]
    fn ratings_by_number_or_label() {
        assert_eq!(rating("1"), Ok(Some(Rating::Excellent)));
        assert_eq!(rating("2"), Ok(Some(Rating::Good)));
        assert_eq!(rating("3"), Ok(Some(Rating::Fair)));
        assert_eq!(rating("一般"), Ok(Some(Rating::Fair)));
        assert_eq!(rating(""), Ok(None));
        assert!(rating("4").is_err());
    }

    #[test]
    fn choices_by_initial_number_or_label() {
        assert_eq!(choice::<UnitKind>("qy"), Ok(UnitKind::Enterprise)); // 企业
        assert_eq!(choice::<UnitKind>("j"), Ok(UnitKind::Organ)); // 机关
        assert_eq!(choice::<UnitKind>("d"), Ok(UnitKind::College)); // 大专院校
        assert_eq!(choice::<UnitKind>("3"), Ok(UnitKind::Enterprise));
        assert_eq!(choice::<UnitKind>("事业"), Ok(UnitKind::Institution));
        assert_eq!(choice::<ServiceKind>("jd"), Ok(ServiceKind::Pairing)); // 结对帮扶
        assert!(choice::<UnitKind>("zz").is_err());
        assert!(choice::<UnitKind>("9").is_err());
        assert_eq!(initials("政策法规宣传岗"), "zcfgxcg");
    }
}
