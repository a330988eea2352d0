//! The hostile corpus (`tests/fixtures/hostile/`): text that tries to act on a terminal is
//! refused at every entry point, and every output path neutralises it even when a ledger
//! holds such text anyway (written before the rule, or by another program).
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baodao::domain::*;
use baodao::store::codec::{decode, encode};
use baodao::store::tables::{COMMUNITIES, MEMBERS, UNITS};
use common::{bin, date, fixture};
use redb::ReadableTable;

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22", "--clerk", "测试员", "--lang", "en"])
        .args(args)
        .output()
        .expect("run baodao")
}

/// The first character in `out` a terminal would obey rather than show: C0 other than tab
/// and newline, DEL, C1, bidi controls, zero-width characters (a BOM only as a CSV's first
/// character).
/// The first character of `out` that could act on a terminal. A CR right before an LF (a
/// CSV's line end) only ends the line, as the LF alone would.
fn control_in(out: &str) -> Option<(usize, char)> {
    let chars: Vec<char> = out.chars().collect();
    chars.iter().copied().enumerate().find(|&(i, c)| {
        let u = c as u32;
        let line_end = c == '\r' && chars.get(i + 1) == Some(&'\n');
        (u < 0x20 && c != '\n' && c != '\t' && !line_end)
            || (0x7F..=0x9F).contains(&u)
            || matches!(u, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200B..=0x200F | 0x2060)
            || (c == '\u{FEFF}' && i > 0)
    })
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((i, c)) = control_in(&text) {
        panic!(
            "{what}: U+{:04X} at char {i} reached the output:\n{text:?}",
            c as u32
        );
    }
}

fn assert_clean_output(what: &str, out: &Output) {
    assert_clean(&format!("{what} (stdout)"), &out.stdout);
    assert_clean(&format!("{what} (stderr)"), &out.stderr);
}

#[test]
fn hostile_files_are_refused_at_each_cell_with_the_character_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("l.redb");
    let out = run(
        &db,
        &[
            "import",
            "communities",
            &hostile("communities.csv").to_string_lossy(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_clean_output("import communities", &out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("communities.csv:3:社区党组织书记: "), "{err}");
    assert!(err.contains("U+001B"), "{err}");
    assert!(err.contains("communities.csv:3:办公地址: "), "{err}");

    let c = common::open(&db);
    fixture(&c);
    drop(c);
    let out = run(
        &db,
        &[
            "import",
            "members",
            &hostile("members.csv").to_string_lossy(),
            "--community",
            "紫鑫城社区",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_clean_output("import members", &out);
    let err = String::from_utf8_lossy(&out.stderr);
    for (row_col, code) in [
        ("members.csv:4:姓名", "U+001B"),
        ("members.csv:5:工作单位及职务", "U+001B"),
        ("members.csv:6:姓名", "U+009B"),
        ("members.csv:7:姓名", "U+202E"),
        ("members.csv:8:姓名", "U+200B"),
        ("members.csv:9:工作单位及职务", "U+007F"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("{row_col}: ")))
            .unwrap_or_else(|| panic!("no issue at {row_col}:\n{err}"));
        assert!(line.contains(code), "{line}");
    }
    // Issues of one kind in one column are listed three times, the rest counted (rows 9 and
    // 10 of the name column); every one of the eight is in the total.
    assert!(err.contains("8 problem(s)"), "{err}");
    // Nothing of the file was imported.
    let v = common::open(&db);
    let view = v.view().expect("view");
    let mut names = Vec::new();
    view.for_each::<Member>(|m| {
        names.push(m.name.clone());
        Ok(())
    })
    .expect("members");
    assert_eq!(names, vec!["曾顺仙".to_string()]);
}

#[test]
fn the_store_refuses_a_control_character_from_any_path() {
    let (_dir, _, ledger) = common::temp_ledger();
    let f = fixture(&ledger);
    let e = ledger
        .write(|tx| {
            tx.save(Member {
                address: "紫鑫城\u{1b}[2J3栋".into(),
                ..f.member.clone()
            })
        })
        .expect_err("refused");
    let msg = e.message(baodao::i18n::Lang::En);
    assert!(msg.contains("U+001B") && msg.contains("address"), "{msg}");
    // A multi-line text keeps its lines; a name may not have two.
    ledger
        .write(|tx| {
            tx.save(Member {
                specialties: "法律咨询\n调解".into(),
                ..f.member.clone()
            })
        })
        .expect("lines allowed");
    assert!(
        ledger
            .write(|tx| tx.save(Member {
                name: "曾\n顺仙".into(),
                ..f.member.clone()
            }))
            .is_err()
    );
}

const OSC52: &str = "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}";
const CLEAR: &str = "\u{1b}[2J\u{1b}[H";

/// A ledger holding hostile text in a member, a unit and a community, written straight into
/// the file as an older program or another tool could have left it.
fn tampered_ledger(dir: &Path) -> (PathBuf, Id, Id) {
    let db = dir.join("legacy.redb");
    let ledger = common::open(&db);
    let f = fixture(&ledger);
    ledger
        .write(|tx| tx.save(common::service(&f, date(2026, 5, 1), 4)))
        .expect("service");
    drop(ledger);
    let redb = redb::Database::builder()
        .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
        .create(&db)
        .expect("redb");
    let txn = redb.begin_write().expect("txn");
    {
        let mut t = txn.open_table(MEMBERS).expect("members");
        let mut m: Member = decode(
            t.get(f.member.id.0).expect("get").expect("row").value(),
            "members",
            "",
        )
        .expect("decode");
        m.name = format!("曾顺仙{OSC52}\u{9b}31m");
        m.address = format!("紫鑫城{CLEAR}伪造\u{202E}3栋\u{200B}2单元");
        m.specialties = "\u{2066}法律\u{2069}\u{7f}\u{8}".into();
        t.insert(f.member.id.0, encode(&m).as_slice()).expect("put");
        let mut t = txn.open_table(UNITS).expect("units");
        let mut u: Unit = decode(
            t.get(f.unit.id.0).expect("get").expect("row").value(),
            "units",
            "",
        )
        .expect("decode");
        u.name = format!("区财政局{CLEAR}");
        t.insert(f.unit.id.0, encode(&u).as_slice()).expect("put");
        let mut t = txn.open_table(COMMUNITIES).expect("communities");
        let mut c: Community = decode(
            t.get(f.community.id.0).expect("get").expect("row").value(),
            "communities",
            "",
        )
        .expect("decode");
        c.secretary = format!("王书记{OSC52}");
        t.insert(f.community.id.0, encode(&c).as_slice())
            .expect("put");
    }
    baodao::store::search_docs::rebuild(&txn).expect("docs");
    txn.commit().expect("commit");
    (db, f.member.id, f.community.id)
}

#[test]
fn every_output_path_neutralises_hostile_text_already_in_a_ledger() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, member, community) = tampered_ledger(dir.path());
    let (m, c) = (member.to_string(), community.to_string());
    let file = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    let runs: Vec<(&str, Vec<String>)> = vec![
        ("search tsv", vec!["search".into(), "zsx".into()]),
        (
            "search json",
            vec![
                "search".into(),
                "zsx".into(),
                "--format".into(),
                "json".into(),
            ],
        ),
        (
            "search unit",
            vec![
                "search".into(),
                "区财政局".into(),
                "--kind".into(),
                "unit".into(),
            ],
        ),
        (
            "roster txt",
            vec![
                "report".into(),
                "roster".into(),
                "--community".into(),
                c.clone(),
            ],
        ),
        (
            "roster csv",
            vec![
                "report".into(),
                "roster".into(),
                "--community".into(),
                c.clone(),
                "--format".into(),
                "csv".into(),
            ],
        ),
        (
            "member form",
            vec![
                "report".into(),
                "member-form".into(),
                "--member".into(),
                m.clone(),
            ],
        ),
        ("communities", vec!["report".into(), "communities".into()]),
        (
            "card",
            vec!["report".into(), "card".into(), "--member".into(), m.clone()],
        ),
        ("unit roster", vec!["report".into(), "unit-roster".into()]),
        (
            "roster file",
            vec![
                "report".into(),
                "roster".into(),
                "--community".into(),
                c.clone(),
                "-o".into(),
                file("roster.csv"),
            ],
        ),
        (
            "roster txt file",
            vec![
                "report".into(),
                "member-form".into(),
                "--member".into(),
                m.clone(),
                "-o".into(),
                file("form.txt"),
            ],
        ),
        (
            "bundle",
            vec!["export".into(), "bundle".into(), file("b.jsonl")],
        ),
        (
            "not found",
            vec![
                "report".into(),
                "roster".into(),
                "--community".into(),
                format!("x{OSC52}"),
            ],
        ),
        ("check", vec!["check".into()]),
    ];
    for (what, args) in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&db, &args);
        assert_clean_output(what, &out);
        if what.starts_with("search") {
            assert!(!out.stdout.is_empty(), "{what}: no hits");
        }
    }
    for f in ["roster.csv", "form.txt", "b.jsonl"] {
        let bytes = std::fs::read(dir.path().join(f)).expect(f);
        assert!(!bytes.is_empty());
        assert_clean(f, &bytes);
    }
    // The bundle keeps the text (escaped), so the receiving ledger decides: it refuses it.
    let away = dir.path().join("away.redb");
    let out = run(&away, &["import", "bundle", &file("b.jsonl")]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_clean_output("import hostile bundle", &out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("U+001B"));

    // The full-screen program: the main screen, the member's detail, the reports view.
    let ledger = common::open(&db);
    let mut app = baodao::tui::headless::Headless::new(
        ledger,
        baodao::i18n::Lang::En,
        120,
        40,
        baodao::tui::theme::Theme::new(baodao::tui::theme::ColorMode::None),
    );
    let mut screens = vec![app.text()];
    for keys in [["2", "Enter"], ["Esc", "F9"]] {
        for k in keys {
            app.press(k);
        }
        screens.push(app.text());
    }
    for (i, s) in screens.iter().enumerate() {
        assert_clean(&format!("screen {i}"), s.as_bytes());
        let buf = app.render();
        for cell in buf.content() {
            assert_clean(&format!("cell on screen {i}"), cell.symbol().as_bytes());
        }
    }
}
