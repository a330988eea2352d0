//! The forms as they print: the XLSX read back as the zip of XML it is (page setup, print
//! titles, page breaks per member), and the PDFs read back with poppler's `pdftotext` (page
//! count, the words every page must carry). `.ci/run` installs poppler-utils and
//! fonts-noto-cjk.
mod common;

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use baodao::demo::{DemoSpec, generate};
use baodao::report::forms::{Filter, Form, build};
use baodao::report::paper::{Block, Boxed, Field};
use baodao::report::pdf::{PdfFont, find_font, to_pdf};
use baodao::report::{Cell, Report, Sheet, xlsx};
use baodao::store::Ledger;
use chrono::NaiveDate;
use common::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn demo() -> (tempfile::TempDir, Ledger) {
    let (dir, _p, ledger) = temp_ledger();
    generate(
        &ledger,
        &DemoSpec {
            members: 1000,
            seed: 2026,
        },
        &mut |_| {},
    )
    .unwrap();
    (dir, ledger)
}

fn font() -> PdfFont {
    find_font(None).expect("a CJK font (apt-get install fonts-noto-cjk)")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The text of each page of a PDF, without white space (pdftotext breaks lines where the
/// layout did, so a sentence is found whole only without them).
fn pages_of(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

fn community_filter(ledger: &Ledger) -> (Filter, usize) {
    let view = ledger.view().unwrap();
    let c = view.communities().unwrap()[0].clone();
    let members = view
        .members_of_community(c.id)
        .unwrap()
        .into_iter()
        .filter(|m| !m.archived)
        .count();
    (
        Filter {
            community: Some(c.id),
            year: Some(2026),
            ..Filter::default()
        },
        members,
    )
}

#[test]
fn every_xlsx_sheet_is_set_up_for_a4() {
    let (_d, ledger) = demo();
    let (filter, members) = community_filter(&ledger);
    let view = ledger.view().unwrap();
    for (name, form) in Form::ALL {
        let report = build(form, &view, &filter, today(), baodao::i18n::Lang::Zh).unwrap();
        let bytes = xlsx::to_xlsx(&report).unwrap();
        let per_member = matches!(
            form,
            Form::Slip | Form::MemberForm | Form::Card | Form::Feedback
        );
        let ws = part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(ws.contains(r#"paperSize="9""#), "{name}: A4");
        let wide = matches!(
            form,
            Form::Communities
                | Form::Overview
                | Form::UnitStats
                | Form::Roster
                | Form::UnitRoster
                | Form::CommunityRoster
        );
        // Other forms (the 评议汇总表) are landscape when they are wide.
        let orientation = if per_member {
            Some("portrait")
        } else if wide {
            Some("landscape")
        } else {
            None
        };
        if let Some(o) = orientation {
            assert!(ws.contains(&format!(r#"orientation="{o}""#)), "{name}: {o}");
        }
        assert!(ws.contains(r#"fitToPage="1""#) && ws.contains(r#"fitToHeight="0""#));
        assert!(
            ws.contains("第 &amp;P 页 共 &amp;N 页"),
            "{name}: page numbers"
        );
        let book = part(&bytes, "xl/workbook.xml");
        if per_member {
            // One worksheet, a page break before every member after the first.
            assert_eq!(book.matches("<sheet ").count(), 1, "{name}");
            let breaks = ws.matches("<brk ").count();
            let slips = if form == Form::Card || form == Form::Feedback {
                report.sheets.len()
            } else {
                members
            };
            assert!(breaks >= slips - 1, "{name}: {breaks} breaks for {slips}");
        } else {
            assert!(book.contains("_xlnm.Print_Titles"), "{name}: print titles");
        }
    }
}

#[test]
fn per_member_pdfs_print_one_page_per_member_with_their_words() {
    let (_d, ledger) = demo();
    let (filter, members) = community_filter(&ledger);
    let view = ledger.view().unwrap();
    let font = font();
    let slip = build(Form::Slip, &view, &filter, today(), baodao::i18n::Lang::Zh).unwrap();
    let out = to_pdf(&slip, &font).unwrap();
    assert_eq!(
        out.pages, members,
        "附件1: one page a member, 回执 included"
    );
    let pages = pages_of(&out.bytes);
    assert_eq!(pages.len(), members);
    for (p, sheet) in pages.iter().zip(&slip.sheets) {
        for words in [
            "在职党员社区报到单",
            &format!("我单位中共（正式）党员{}同志", sheet.rows[0][1].display()),
            "现到你处报到，请予登记并安排参加社区相关服务活动。",
            "单位党组织盖章",
            "在职党员社区报到回执",
            "到我处报到登记，认领的社区服务岗位为",
            "社区党组织盖章",
            "县（市、区）",
            "街道（乡镇）",
        ] {
            let words = words.replace(' ', "");
            // A 预备 member's letter says so instead.
            let words = if p.contains("（预备）党员") {
                words.replace("（正式）", "（预备）")
            } else {
                words
            };
            assert!(p.contains(&words), "{words} missing from {p}");
        }
    }
    let feedback = build(
        Form::Feedback,
        &view,
        &filter,
        today(),
        baodao::i18n::Lang::Zh,
    )
    .unwrap();
    let out = to_pdf(&feedback, &font).unwrap();
    assert_eq!(out.pages, feedback.sheets.len());
    for p in pages_of(&out.bytes) {
        for words in [
            "在职党员社区表现反馈单",
            "评议等次",
            "现实表现",
            "是否取消当年评先评",
            "优资格及原因",
            "社区党组织（盖章）",
            "日期",
        ] {
            assert!(p.contains(words), "{words} missing from {p}");
        }
    }
    let form = build(
        Form::MemberForm,
        &view,
        &filter,
        today(),
        baodao::i18n::Lang::Zh,
    )
    .unwrap();
    let out = to_pdf(&form, &font).unwrap();
    assert_eq!(out.pages, members);
    for p in pages_of(&out.bytes) {
        for words in [
            "本人签名",
            "填表日期",
            "（照片）",
            "单位地址",
            "认领岗位",
            "青少年教育服务岗",
        ] {
            assert!(p.contains(words), "{words} missing from {p}");
        }
    }
}

#[test]
fn wide_tables_repeat_their_header_and_table_1_fits_one_page() {
    let (_d, ledger) = demo();
    let view = ledger.view().unwrap();
    let font = font();
    let all = Filter {
        year: Some(2026),
        ..Filter::default()
    };
    let t1 = build(
        Form::Communities,
        &view,
        &all,
        today(),
        baodao::i18n::Lang::Zh,
    )
    .unwrap();
    assert_eq!(t1.sheets[0].rows.len(), 12, "the demo has 12 communities");
    assert_eq!(to_pdf(&t1, &font).unwrap().pages, 1);
    let (filter, members) = community_filter(&ledger);
    let roster = build(
        Form::Roster,
        &view,
        &filter,
        today(),
        baodao::i18n::Lang::Zh,
    )
    .unwrap();
    let out = to_pdf(&roster, &font).unwrap();
    // Readable: at most two landscape pages per 30 members.
    assert!(
        out.pages <= (members * 2).div_ceil(30),
        "{} pages for {members} members",
        out.pages
    );
    for p in pages_of(&out.bytes) {
        for words in [
            "在职党员社区报到登记表",
            "序号",
            "姓名",
            "是否愿意参加社区其他服务",
            "第",
        ] {
            assert!(p.contains(words), "{words} missing from {p}");
        }
    }
}

fn card_sheet(rows: usize, comment: &str) -> Report {
    let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let headers: Vec<String> = [
        "年月日",
        "服务(活动)内容",
        "服务地点",
        "累计服务时间(小时)",
        "评价(优/良/一般)",
        "认证签字",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<Cell>> = (0..rows)
        .map(|i| {
            vec![
                Cell::Date(d),
                Cell::Text(format!("第{i}次 政策宣讲")),
                "社区活动室".into(),
                Cell::Num(1.5),
                "优".into(),
                "王书记".into(),
            ]
        })
        .collect();
    let mut blocks = vec![
        Block::Title("在职党员社区服务(活动)记录卡".into()),
        Block::Table,
    ];
    if !comment.is_empty() {
        blocks.push(Block::Boxes {
            fields: vec![Field::label("现实表现", 1), Field::value(comment, 5)],
            lines: 4,
        });
    }
    blocks.push(Block::Right("社区党组织（盖章）".into()));
    Report {
        sheets: vec![Sheet {
            name: "张三".into(),
            title: "在职党员社区服务(活动)记录卡".into(),
            headers,
            rows,
            boxed: Some(Boxed {
                columns: vec![1.5, 3.4, 2.2, 1.4, 1.4, 1.6],
                blocks,
            }),
            ..Sheet::default()
        }],
    }
}

#[test]
fn a_long_card_goes_on_with_its_header_and_a_long_comment_wraps() {
    let font = font();
    let out = to_pdf(&card_sheet(200, ""), &font).unwrap();
    assert!(out.pages >= 2, "200 rows: {} pages", out.pages);
    let pages = pages_of(&out.bytes);
    for p in &pages {
        assert!(
            p.contains("服务(活动)内容") && p.contains("认证签字"),
            "header on {p}"
        );
    }
    assert!(pages.concat().contains("第199次政策宣讲"));
    let comment: String = "服务群众热情主动，".repeat(223);
    assert!(comment.chars().count() >= 2000);
    let out = to_pdf(&card_sheet(2, &comment), &font).unwrap();
    // The box starts on the first page and goes on over the page: read without the footers.
    let pages = pages_of(&out.bytes);
    assert!(
        pages[0].contains("现实表现服务群众热情主动"),
        "{}",
        pages[0]
    );
    let text: String = pages
        .iter()
        .map(|p| match p.rsplit_once('第') {
            Some((body, foot)) if foot.ends_with('页') => body,
            _ => p.as_str(),
        })
        .collect();
    assert!(
        text.contains(&comment.replace(' ', "")),
        "the whole comment prints, over {} pages",
        out.pages
    );
    assert!(out.pages >= 2, "2,000 characters go on to a second page");
}

#[test]
fn names_outside_gbk_print_or_are_reported() {
    let font = font();
    let name = "张𠀾䶮𪚥\u{e000}";
    let report = Report {
        sheets: vec![Sheet {
            title: "在职党员花名册".into(),
            headers: vec!["序号".into(), "姓名".into()],
            rows: vec![vec![Cell::Int(1), name.into()]],
            ..Sheet::default()
        }],
    };
    let out = to_pdf(&report, &font).unwrap();
    let text = pages_of(&out.bytes).concat();
    for c in name.chars() {
        assert!(
            text.contains(c) || out.missing.contains(&c),
            "{c} (U+{:X}) neither printed nor reported",
            c as u32
        );
    }
    assert!(
        out.missing.contains(&'\u{e000}'),
        "a private-use character has no glyph"
    );
}

#[test]
fn without_a_chinese_font_the_pdf_is_refused_and_nothing_written() {
    let (dir, path, ledger) = temp_ledger();
    generate(
        &ledger,
        &DemoSpec {
            members: 20,
            seed: 1,
        },
        &mut |_| {},
    )
    .unwrap();
    drop(ledger);
    let out = dir.path().join("slip.pdf");
    // A file that is not a font, then a font without Chinese.
    let not_cjk = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    let cargo = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    for font in [cargo.as_path(), not_cjk] {
        let run = Command::new(env!("CARGO_BIN_EXE_baodao"))
            .args(["--lang", "en", "--db"])
            .arg(&path)
            .args(["report", "slip", "--format", "pdf", "--font"])
            .arg(font)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "{}", font.display());
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("fonts-noto-cjk"), "{err}");
        assert!(!out.exists(), "nothing half-written");
    }
}
