//! A whole-ledger form exported to XLSX part by part holds the workbook of the whole form
//! written at once: the same worksheets, names and cells (read back with calamine, as the
//! import reads a clerk's file) and the same worksheet XML (widths, heights, merges, page
//! breaks, print setup).

use std::io::{Cursor, Read};

use baodao::i18n::Lang;
use baodao::report::Report;
use baodao::report::forms::{Filter, Form, build, parts};
use baodao::report::in_parts::{Source, Streamed, write_in_parts};
use baodao::report::xlsx::to_xlsx;
use baodao::tui::shots::demo_ledger;
use calamine::{Data, Reader, Xlsx};

/// Every worksheet's name and cells.
fn cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("a worksheet");
            let rows = range.rows().map(|r| r.to_vec()).collect();
            (name, rows)
        })
        .collect()
}

/// The worksheets' XML parts, by name.
fn worksheet_xml(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut names: Vec<String> = zip
        .file_names()
        .map(|n| n.expect("a name").to_string())
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let mut s = String::new();
            zip.by_name(&n)
                .expect("part")
                .read_to_string(&mut s)
                .expect("utf-8");
            (n, s)
        })
        .collect()
}

#[test]
fn a_form_written_in_parts_is_the_whole_forms_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ledger = demo_ledger(dir.path(), 300).expect("demo");
    let view = ledger.view().expect("view");
    let filter = Filter {
        year: Some(2026),
        ..Filter::default()
    };
    // A table a community (附件4) and a form of one member to a page (附件5).
    for form in [Form::Roster, Form::Card] {
        let all = parts::parts(&view, form, &filter)
            .expect("parts")
            .expect("in parts");
        assert!(all.len() > 3, "{form:?}: {} parts", all.len());
        let src = Source {
            view: &view,
            form,
            filter: &filter,
            today: ledger.today(),
            lang: Lang::Zh,
        };
        let mut streamed = Vec::new();
        write_in_parts(
            &src,
            &all,
            Streamed::Xlsx,
            Some(dir.path()),
            Cursor::new(&mut streamed),
        )
        .expect("written in parts");
        let whole = match form {
            Form::Roster => build(form, &view, &filter, ledger.today(), Lang::Zh).expect("whole"),
            // The one-member forms in parts come by community (see `parts`): the whole form
            // in that order is all the parts' sheets in one report.
            _ => Report {
                sheets: all
                    .iter()
                    .flat_map(|p| {
                        parts::build_part(form, &view, &filter, p, ledger.today(), Lang::Zh)
                            .expect("part")
                            .sheets
                    })
                    .collect(),
            },
        };
        let whole = to_xlsx(&whole).expect("xlsx");
        let (a, b) = (cells(&streamed), cells(&whole));
        assert!(!a.is_empty() && a.iter().any(|(_, rows)| rows.len() > 5));
        assert_eq!(a.len(), b.len(), "{form:?}: worksheets");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y, "{form:?}");
        }
        assert_eq!(worksheet_xml(&streamed), worksheet_xml(&whole), "{form:?}");
    }
}
