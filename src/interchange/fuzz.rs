//! Hostile inputs for the import, from a seed: grids of odd strings, mangled CSV bytes and
//! damaged workbooks. The short property test in `tests/import_fuzz.rs` and the long run in
//! `examples/fuzz_import.rs` both drive [`exercise_bytes`] and [`exercise_grid`], which must
//! return (with issues) and never panic, whatever they are given.
use super::grid::{Grid, ReadOptions, Row, SourceFormat, Value, read_bytes};
use super::header::find_header;
use super::{rows, rows_history, schemas, values};
use crate::i18n::Lang;
use crate::interchange::encoding::TextEncoding;

/// xorshift64*: small, fast, and the same sequence on every machine for a seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Zero is a fixed point of xorshift.
        Rng((seed ^ 0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Strings that sit on the edges of the parsers.
const EDGE: &[&str] = &[
    "",
    " ",
    "\u{3000}",
    "1963.1",
    "1963.10",
    "196313",
    "0",
    "-1",
    "60",
    "1e308",
    "NaN",
    "inf",
    "1.38123E+10",
    "13812345678",
    "+86",
    "８６",
    "2024-02-30",
    "2024年13月",
    "20240305",
    "1:60",
    "1:30:99",
    "半小时",
    "个半",
    "十十",
    "两",
    "分钟",
    "小时30分钟",
    "\"",
    "\"\"",
    "=\"",
    "'",
    "√",
    "×",
    "优",
    "良",
    "一般",
    "是",
    "否",
    "男",
    "女",
    "正式",
    "预备",
    "（",
    "）",
    "*",
    "注：",
    "合计",
    "\u{1b}[2J",
    "\0",
    "\r\n",
    "𠀀",
    "é",
    "\u{202e}",
    "ＡＢＣ",
    "X",
    "11010519491231002X",
    "110105194912310000",
    "2958466",
    "99999999999999999999",
    "1.5",
    "0.25",
    "25",
];

/// A random string: an edge case, a header name, or random characters.
pub fn random_string(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => rng.pick(EDGE).to_string(),
        1 => {
            let schema = rng.pick(schemas::ALL);
            let field = rng.pick(schema.fields);
            let name = rng.pick(field.names).to_string();
            if rng.chance(20) {
                format!("*{name}（）\n")
            } else {
                name
            }
        }
        2 => {
            let len = rng.below(12);
            (0..len)
                .map(|_| {
                    let c = match rng.below(4) {
                        0 => rng.below(128) as u32,
                        1 => 0x4E00 + rng.below(0x5000) as u32,
                        2 => 0xFF00 + rng.below(0x60) as u32,
                        _ => rng.below(0x11_0000) as u32,
                    };
                    char::from_u32(c).unwrap_or('?')
                })
                .collect()
        }
        _ => format!("{}{}", rng.pick(EDGE), rng.pick(EDGE)),
    }
}

fn random_value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Empty,
        1 => Value::Number(f64::from_bits(rng.next_u64())),
        2 => Value::Number((rng.next_u64() % 30_000_000_000) as f64 / 100.0),
        3 => Value::Date(rng.below(3_000_000) as f64 / if rng.chance(50) { 1.0 } else { 7.0 }),
        4 => Value::Bool(rng.chance(50)),
        5 => Value::Rejected,
        _ => Value::Text(random_string(rng)),
    }
}

/// A grid of up to 40 rows by 30 columns, with gaps in the row numbers.
pub fn random_grid(rng: &mut Rng) -> Grid {
    let mut line = 0;
    let rows = (0..rng.below(40))
        .map(|_| {
            line += 1 + if rng.chance(10) { rng.below(5) } else { 0 };
            Row {
                line,
                cells: (0..rng.below(30)).map(|_| random_value(rng)).collect(),
            }
        })
        .collect();
    Grid {
        file: "fuzz".to_string(),
        sheet: None,
        format: SourceFormat::Csv {
            encoding: TextEncoding::Utf8,
            delimiter: b',',
        },
        rows,
        issues: Vec::new(),
    }
}

/// A CSV that starts plausible (title, header, rows) and is then mangled.
pub fn random_csv(rng: &mut Rng) -> Vec<u8> {
    let mut text = String::new();
    let d = *rng.pick(&[',', '\t', ';']);
    for _ in 0..rng.below(25) {
        let cells: Vec<String> = (0..rng.below(12))
            .map(|_| {
                let s = random_string(rng);
                if rng.chance(30) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s
                }
            })
            .collect();
        text.push_str(&cells.join(&d.to_string()));
        text.push_str(if rng.chance(50) { "\r\n" } else { "\n" });
    }
    let mut bytes = match rng.below(4) {
        0 => encoding_rs::GBK.encode(&text).0.into_owned(),
        1 => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        _ => text.into_bytes(),
    };
    mutate(rng, &mut bytes);
    bytes
}

/// A workbook with random cells (some far away, some merged), then maybe damaged.
pub fn random_xlsx(rng: &mut Rng) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for _ in 0..rng.below(60) {
        let (r, c) = if rng.chance(5) {
            (rng.below(1_048_576) as u32, rng.below(16_384) as u16)
        } else {
            (rng.below(30) as u32, rng.below(20) as u16)
        };
        // Writing can fail on a bad position or text; either way the rest is still a workbook.
        let _ = match rng.below(4) {
            0 => ws.write_number(r, c, f64::from_bits(rng.next_u64())),
            1 => ws.write_number(r, c, rng.below(50_000) as f64),
            _ => ws.write_string(r, c, random_string(rng)),
        };
    }
    if rng.chance(30) {
        let r = rng.below(5) as u32;
        let c = rng.below(5) as u16;
        let f = rust_xlsxwriter::Format::new();
        let _ = ws.merge_range(
            r,
            c,
            r + rng.below(3) as u32,
            c + 1 + rng.below(3) as u16,
            "单位属性",
            &f,
        );
    }
    let mut bytes = book.save_to_buffer().unwrap_or_default();
    if rng.chance(50) {
        mutate(rng, &mut bytes);
    }
    bytes
}

/// Flips, cuts and splices bytes.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    for _ in 0..rng.below(6) {
        if bytes.is_empty() {
            return;
        }
        let at = rng.below(bytes.len());
        match rng.below(4) {
            0 => bytes[at] ^= 1 << rng.below(8),
            1 => bytes.truncate(at),
            2 => bytes.insert(at, *rng.pick(&[b'"', b'\n', b',', 0, 0xFF, 0x81])),
            _ => bytes[at] = rng.next_u64() as u8,
        }
    }
}

/// Every header search and every sheet parser over `grid`, and every value parser over its
/// cells; returns the number of issues so the work cannot be optimised away.
pub fn exercise_grid(grid: &Grid) -> usize {
    let mut n = 0;
    for schema in schemas::ALL {
        if let Err(e) = find_header(grid, schema, Lang::En) {
            n += e.len();
        }
    }
    n += rows::members(grid, Lang::Zh).issues.len();
    n += rows::services(grid, Lang::En).issues.len();
    n += rows::communities(grid, Lang::Zh).issues.len();
    n += rows::units(grid, Lang::Zh).issues.len();
    n += rows::registrations(grid, Lang::Zh).issues.len();
    n += rows_history::suggestions(grid, Lang::Zh).issues.len();
    n += rows_history::activities(grid, Lang::En).issues.len();
    n += rows_history::posts(grid, Lang::Zh).issues.len();
    n += rows_history::teams(grid, Lang::Zh).issues.len();
    n += rows_history::evaluations(grid, Lang::Zh).issues.len();
    n += rows_history::unit_services(grid, Lang::Zh).issues.len();
    n += rows_history::meetings(grid, Lang::Zh).issues.len();
    n += super::rows_care::demands(grid, Lang::Zh).issues.len();
    n += super::rows_care::pairings(grid, Lang::En).issues.len();
    n += super::rows_care::visits(grid, Lang::Zh).issues.len();
    n += usize::from(rows::guess_schema(grid).is_some());
    n += usize::from(super::import::workbook::recognise(grid).is_some());
    let mut issues: Vec<_> = grid.issues.clone();
    super::error::bound(&mut issues);
    n += issues.len();
    for row in &grid.rows {
        for v in &row.cells {
            n += usize::from(values::parse_date(v).is_err())
                + usize::from(values::parse_year_month(v).is_err())
                + usize::from(values::parse_mobile(v).is_err())
                + usize::from(values::parse_phone(v).is_err())
                + usize::from(values::parse_id_number(v).is_err())
                + usize::from(values::parse_hours(v).is_err())
                + usize::from(values::parse_count(v).is_err())
                + rows::person_name(&values::text_of(v)).len();
        }
    }
    n
}

/// Reads `bytes` as a file and, when it reads, exercises the grid.
pub fn exercise_bytes(bytes: &[u8]) -> usize {
    match read_bytes("fuzz", bytes, &ReadOptions::default()) {
        Ok(grid) => 1 + exercise_grid(&grid),
        Err(_) => 0,
    }
}
