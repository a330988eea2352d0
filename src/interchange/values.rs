//! Turning one imported cell into one typed value: dates, year-months, phones, ID numbers,
//! hours, ratings and the yes/no style choices of the seed forms.
//!
//! Pure functions, no I/O. Each accepts the forms clerks actually type (and the forms Excel
//! turns them into) and rejects the rest with a [`ValueError`] that says what to do. In
//! particular a phone or an ID number that Excel stored as a number in scientific notation
//! has lost digits for good: it is refused, with the advice to set the column to text.
use chrono::{Datelike, NaiveDate};

use super::error::ValueError;
use super::grid::Value;

// One type per idea across the program: the values parsed here are the domain's own.
pub use crate::domain::{Gender, Hours, Rating, Standing, UnitKind, YearMonth};

/// Years a ledger date may fall in; anything else is a typing or conversion slip.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Full-width digits, letters and punctuation (０-９, Ａ-Ｚ, ：, －) as their ASCII forms, the
/// ideographic and no-break spaces as a space, and the ends trimmed. Chinese input methods
/// produce full-width characters as soon as the clerk forgets to switch.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The cell as text after [`normalize`]; numbers as Excel's General format would show them.
pub fn text_of(v: &Value) -> String {
    match v {
        Value::Empty | Value::Rejected => String::new(),
        Value::Text(s) => normalize(s),
        Value::Number(x) => general(*x),
        Value::Date(serial) => match excel_serial_date(*serial) {
            Ok(d) => d.format("%Y-%m-%d").to_string(),
            Err(_) => general(*serial),
        },
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Value::Error(e) => e.clone(),
    }
}

/// A number without a spurious `.0`, integers in full up to 1e21 (an 18-digit ID number
/// must show which digits it lost), and beyond that or below 1e-9 with an exponent, as Excel
/// does, instead of hundreds of digits.
fn general(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e21 {
        format!("{x:.0}")
    } else if x.is_finite() && x != 0.0 && (x.abs() >= 1e21 || x.abs() < 1e-9) {
        format!("{x:E}")
    } else {
        x.to_string()
    }
}

/// Whether the text looks like Excel's scientific notation (`1.38123E+10`).
fn is_scientific(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let Some((mantissa, exp)) = lower.split_once('e') else {
        return false;
    };
    let exp = exp.trim_start_matches(['+', '-']);
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !exp.is_empty()
        && exp.chars().all(|c| c.is_ascii_digit())
}

/// An Excel serial date in the 1900 system: 1 is 1900-01-01 and, as Excel (after Lotus 1-2-3)
/// believes, 60 is 1900-02-29, a day that never existed. A time part is dropped.
pub fn excel_serial_date(serial: f64) -> Result<NaiveDate, ValueError> {
    let shown = general(serial);
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return Err(ValueError::new("import.value.serial_range", shown));
    }
    let days = serial.floor() as i64;
    if days == 60 {
        return Err(ValueError::new("import.value.feb29_1900", shown));
    }
    // Before the phantom day the epoch is 1899-12-31; after it, one day earlier.
    let (epoch, days) = if days < 60 {
        ((1899, 12, 31), days)
    } else {
        ((1899, 12, 30), days)
    };
    NaiveDate::from_ymd_opt(epoch.0, epoch.1, epoch.2)
        .and_then(|e| e.checked_add_signed(chrono::Duration::days(days)))
        .ok_or_else(|| ValueError::new("import.value.serial_range", shown))
}

fn check_year(d: NaiveDate, shown: &str) -> Result<NaiveDate, ValueError> {
    if YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(ValueError::new("import.value.year_range", shown))
    }
}

/// Splits `2024-03-05`, `2024年3月5日`, `2024.3.5`, `2024/3/5` into its numbers; a trailing
/// time (`2024/3/5 0:00:00`) is ignored.
fn date_parts(s: &str) -> Vec<String> {
    let date_part = s.split([' ', 'T']).next().unwrap_or("");
    date_part
        .split(['-', '/', '.', '年', '月', '日', '号'])
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A calendar date (报到日期, 服务日期 …).
pub fn parse_date(v: &Value) -> Result<NaiveDate, ValueError> {
    if v.is_empty() || *v == Value::Rejected {
        return Err(ValueError::new("import.value.empty", ""));
    }
    match v {
        Value::Date(serial) => {
            let shown = general(*serial);
            check_year(excel_serial_date(*serial)?, &shown)
        }
        Value::Number(x) => {
            let shown = general(*x);
            // 20240305 typed into a number cell.
            if x.fract() == 0.0 && (19_000_101.0..=21_001_231.0).contains(x) {
                return compact_date(&shown);
            }
            check_year(excel_serial_date(*x)?, &shown)
        }
        Value::Text(_) => {
            let s = text_of(v);
            if all_digits(&s) && s.len() == 8 {
                return compact_date(&s);
            }
            let parts = date_parts(&s);
            if parts.len() == 3 && parts.iter().all(|p| all_digits(p) && p.len() <= 4) {
                let num = |p: &str| p.parse::<u32>().unwrap_or(0);
                let (y, m, d) = (num(&parts[0]), num(&parts[1]), num(&parts[2]));
                if parts[0].len() == 4 {
                    return ymd(y as i32, m, d, &s);
                }
            }
            Err(ValueError::new("import.value.date", s))
        }
        other => Err(ValueError::new("import.value.date", text_of(other))),
    }
}

fn compact_date(s: &str) -> Result<NaiveDate, ValueError> {
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    match (num(0..4), num(4..6), num(6..8)) {
        (Some(y), Some(m), Some(d)) => ymd(y as i32, m, d, s),
        _ => Err(ValueError::new("import.value.date", s)),
    }
}

fn ymd(y: i32, m: u32, d: u32, shown: &str) -> Result<NaiveDate, ValueError> {
    let date = NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| ValueError::new("import.value.no_such_date", shown))?;
    check_year(date, shown)
}

fn year_month(y: i32, m: u32, shown: &str) -> Result<YearMonth, ValueError> {
    if !(1..=12).contains(&m) {
        return Err(ValueError::new("import.value.month", shown));
    }
    if !YEARS.contains(&y) {
        return Err(ValueError::new("import.value.year_range", shown));
    }
    YearMonth::new(y, m).ok_or_else(|| ValueError::new("import.value.year_range", shown))
}

fn month_of(d: NaiveDate, shown: &str) -> Result<YearMonth, ValueError> {
    year_month(d.year(), d.month(), shown)
}

/// A year and month (出生年月, 入党时间): `1963.04`, `1963年4月`, `196304`, `1963-04`, a full
/// date, or an Excel date. `1963.1` is refused: it is what Excel makes of `1963.10` as well
/// as of `1963.1`, so October and January cannot be told apart.
pub fn parse_year_month(v: &Value) -> Result<YearMonth, ValueError> {
    let s = text_of(v);
    if s.is_empty() {
        return Err(ValueError::new("import.value.empty", ""));
    }
    match v {
        Value::Date(_) => {
            return month_of(parse_date(v)?, &s);
        }
        Value::Number(x) if x.fract() == 0.0 && !(100_000.0..1_000_000.0).contains(x) => {
            // An integer that is not yyyymm: a serial or yyyymmdd.
            return month_of(parse_date(v)?, &s);
        }
        _ => {}
    }
    if all_digits(&s) && s.len() == 6 {
        let y = s[0..4].parse::<i32>().unwrap_or(0);
        let m = s[4..6].parse::<u32>().unwrap_or(0);
        return year_month(y, m, &s);
    }
    if all_digits(&s) && s.len() == 8 {
        return month_of(compact_date(&s)?, &s);
    }
    let parts = date_parts(&s);
    if (2..=3).contains(&parts.len())
        && parts[0].len() == 4
        && parts.iter().all(|p| all_digits(p) && p.len() <= 4)
    {
        let y = parts[0].parse::<i32>().unwrap_or(0);
        let m = parts[1].parse::<u32>().unwrap_or(0);
        if parts.len() == 2 && s.contains('.') && parts[1] == "1" {
            return Err(ValueError::new("import.value.month_ambiguous", s));
        }
        if parts.len() == 3 {
            let d = parts[2].parse::<u32>().unwrap_or(0);
            return month_of(ymd(y, m, d, &s)?, &s);
        }
        return year_month(y, m, &s);
    }
    Err(ValueError::new("import.value.year_month", s))
}

/// A mobile number (手机): 11 digits starting with 1, after removing spaces, dashes and a
/// `+86`/`86` prefix. A number cell holding the 11 digits is fine; scientific notation is not.
pub fn parse_mobile(v: &Value) -> Result<String, ValueError> {
    let s = text_of(v);
    if s.is_empty() {
        return Err(ValueError::new("import.value.empty", ""));
    }
    if let Value::Number(x) = v
        && x.fract() != 0.0
    {
        return Err(ValueError::new("import.value.mobile", s));
    }
    if is_scientific(&s) {
        return Err(ValueError::new("import.value.lost_digits", s));
    }
    let mut digits: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    if let Some(rest) = digits.strip_prefix("+86") {
        digits = rest.to_string();
    } else if digits.len() == 13 && digits.starts_with("86") {
        digits = digits[2..].to_string();
    }
    if digits.len() == 11 && all_digits(&digits) && digits.starts_with('1') {
        Ok(digits)
    } else {
        Err(ValueError::new("import.value.mobile", s))
    }
}

/// Any phone (单位电话, 联系电话): a mobile, or a landline such as `0871-6512345`, `(010)
/// 12345678`, `6512345转801`. Kept as typed (normalized), since formats vary by city.
pub fn parse_phone(v: &Value) -> Result<String, ValueError> {
    if let Ok(mobile) = parse_mobile(v) {
        return Ok(mobile);
    }
    let s = text_of(v);
    if s.is_empty() {
        return Err(ValueError::new("import.value.empty", ""));
    }
    if is_scientific(&s) {
        return Err(ValueError::new("import.value.lost_digits", s));
    }
    let (main, ext) = match s.split_once(['转', '#']) {
        Some((m, e)) => (m, e),
        None => (s.as_str(), ""),
    };
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+');
    let n = main.chars().filter(char::is_ascii_digit).count();
    if main.chars().all(allowed) && (7..=16).contains(&n) && ext.chars().all(|c| c.is_ascii_digit())
    {
        Ok(s)
    } else {
        Err(ValueError::new("import.value.phone", s))
    }
}

/// An 18-character resident ID number (身份证号), check digit verified (GB 11643). A value
/// that went through an Excel number (scientific notation, or trailing `000` where the digits
/// were rounded away) is refused with the advice to set the column to text.
pub fn parse_id_number(v: &Value) -> Result<String, ValueError> {
    let s = text_of(v);
    if s.is_empty() {
        return Err(ValueError::new("import.value.empty", ""));
    }
    if matches!(v, Value::Number(_)) || is_scientific(&s) {
        // Excel keeps 15 significant digits; an 18-digit number cannot survive.
        return Err(ValueError::new("import.value.lost_digits", s));
    }
    let id = s.replace(' ', "").to_ascii_uppercase();
    if id.len() != 18
        || !id.is_ascii()
        || !all_digits(&id[..17])
        || !id[17..].bytes().all(|b| b.is_ascii_digit() || b == b'X')
    {
        return Err(ValueError::new("import.value.id_number", s));
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = id
        .bytes()
        .take(17)
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    if id.as_bytes()[17] == CHECK[(sum % 11) as usize] {
        Ok(id)
    } else if id.ends_with("000") {
        Err(ValueError::new("import.value.lost_digits", s))
    } else {
        Err(ValueError::new("import.value.id_check", s))
    }
}

/// Chinese numerals a clerk may write for small hour counts (两小时, 一个半小时).
fn chinese_number(s: &str) -> Option<f64> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    match s.chars().collect::<Vec<_>>().as_slice() {
        ['两'] => Some(2.0),
        ['十'] => Some(10.0),
        [c] => digit(*c).map(|d| d as f64),
        ['十', c] => digit(*c).map(|d| 10.0 + d as f64),
        [c, '十'] => digit(*c).map(|d| 10.0 * d as f64),
        _ => None,
    }
}

fn number_or_chinese(s: &str) -> Option<f64> {
    let s = s.trim();
    s.parse::<f64>().ok().or_else(|| chinese_number(s))
}

/// Hours of service (服务时间(小时)): `2`, `1.5`, `1:30`, `2小时`, `半小时`, `1个半小时`,
/// `1小时30分钟`, `90分钟`, or an Excel time cell. Must be more than 0, at most 24, and in
/// half-hour steps.
pub fn parse_hours(v: &Value) -> Result<Hours, ValueError> {
    let s = text_of(v);
    if s.is_empty() {
        return Err(ValueError::new("import.value.empty", ""));
    }
    let hours = match v {
        Value::Number(x) => Some(*x),
        // A cell formatted as a time (1:30) holds a fraction of a day.
        Value::Date(x) if *x < 1.0 => Some(x * 24.0),
        _ => hours_text(&s.replace(' ', "")),
    };
    let Some(h) = hours else {
        return Err(ValueError::new("import.value.hours", s));
    };
    if !h.is_finite() || h <= 0.0 || h > 24.0 {
        return Err(ValueError::new("import.value.hours_range", s));
    }
    let halves = h * 2.0;
    // Tolerate float noise from time cells (1:30 is 0.0625 days, exact; 0:20 is not).
    if (halves - halves.round()).abs() > 1e-6 {
        return Err(ValueError::new("import.value.half_hours", s));
    }
    Ok(Hours(halves.round() as u16))
}

fn hours_text(s: &str) -> Option<f64> {
    if s == "半小时" || s == "半个小时" {
        return Some(0.5);
    }
    if let Some((h, m)) = s.split_once(':') {
        let h = h.parse::<f64>().ok()?;
        let m = m.split(':').next()?.parse::<f64>().ok()?;
        return (m < 60.0).then_some(h + m / 60.0);
    }
    let lower = s.to_lowercase();
    for suffix in ["分钟", "分", "min", "mins", "minutes"] {
        if let Some(m) = lower.strip_suffix(suffix) {
            // 1小时30分钟 or 90分钟
            return match m.split_once(['小', '时', 'h']) {
                Some((h, rest)) => {
                    let rest = rest.trim_start_matches(['时', '小']);
                    Some(number_or_chinese(h)? + number_or_chinese(rest)? / 60.0)
                }
                None => Some(number_or_chinese(m)? / 60.0),
            };
        }
    }
    let body = lower
        .trim_end_matches("hours")
        .trim_end_matches("hour")
        .trim_end_matches('h')
        .trim_end_matches("小时")
        .trim_end_matches('时')
        .trim_end_matches('个');
    if let Some(whole) = body
        .strip_suffix("个半")
        .or_else(|| body.strip_suffix('半'))
    {
        return Some(number_or_chinese(whole)? + 0.5);
    }
    number_or_chinese(body)
}

/// 评价: 优 (优秀, 好), 良 (良好, 较好), 一般 (中, 合格).
pub fn parse_rating(v: &Value) -> Result<Rating, ValueError> {
    let s = text_of(v);
    match s.as_str() {
        "优" | "优秀" | "好" | "很好" | "A" => Ok(Rating::Excellent),
        "良" | "良好" | "较好" | "B" => Ok(Rating::Good),
        "一般" | "中" | "合格" | "C" => Ok(Rating::Fair),
        "" => Err(ValueError::new("import.value.empty", "")),
        _ => Err(ValueError::new("import.value.rating", s)),
    }
}

/// 是 / 否 (also 愿意/不愿意, √/×, Y/N, 1/0).
pub fn parse_yes_no(v: &Value) -> Result<bool, ValueError> {
    if let Value::Bool(b) = v {
        return Ok(*b);
    }
    let s = text_of(v);
    match s.to_lowercase().as_str() {
        "是" | "愿意" | "同意" | "√" | "✓" | "✔" | "y" | "yes" | "1" | "true" => {
            Ok(true)
        }
        "否" | "不愿意" | "不同意" | "×" | "✗" | "n" | "no" | "0" | "false" => Ok(false),
        "" => Err(ValueError::new("import.value.empty", "")),
        _ => Err(ValueError::new("import.value.yes_no", s)),
    }
}

/// 男 / 女.
pub fn parse_gender(v: &Value) -> Result<Gender, ValueError> {
    let s = text_of(v);
    match s.to_lowercase().as_str() {
        "男" | "男性" | "m" | "male" => Ok(Gender::Male),
        "女" | "女性" | "f" | "female" => Ok(Gender::Female),
        "" => Err(ValueError::new("import.value.empty", "")),
        _ => Err(ValueError::new("import.value.gender", s)),
    }
}

/// 正式 / 预备 (also 正式党员, 预备党员).
pub fn parse_standing(v: &Value) -> Result<Standing, ValueError> {
    let s = text_of(v);
    match s.trim_end_matches("党员") {
        "正式" => Ok(Standing::Full),
        "预备" => Ok(Standing::Probationary),
        "" => Err(ValueError::new("import.value.empty", "")),
        _ => Err(ValueError::new("import.value.standing", s)),
    }
}

/// A non-negative whole number (在职党员总数, 序号).
pub fn parse_count(v: &Value) -> Result<u32, ValueError> {
    let s = text_of(v);
    if s.is_empty() {
        return Err(ValueError::new("import.value.empty", ""));
    }
    let t = s.trim_end_matches(['人', '名']);
    t.parse::<u32>()
        .ok()
        .or_else(|| match v {
            Value::Number(x) if x.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(x) => {
                Some(*x as u32)
            }
            _ => None,
        })
        .ok_or_else(|| ValueError::new("import.value.count", s))
}
