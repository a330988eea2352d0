//! The reports view by keys: a wide form scrolls sideways and down, a CSV export lands in the
//! export directory with a BOM and a clear name.

#[path = "tui_common.rs"]
mod common;

use baodao::i18n::Lang;
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use baodao::tui::reports::ReportsScreen;
use common::{demo, session};

fn screen(s: &Headless) -> &ReportsScreen {
    match s.app.overlays.last() {
        Some(Overlay::Reports(x)) => x,
        other => panic!("{other:?}"),
    }
}

fn body(s: &Headless) -> Vec<String> {
    s.text()
        .lines()
        .skip(3)
        .take(10)
        .map(String::from)
        .collect()
}

#[test]
fn a_wide_form_scrolls_and_exports_a_csv_with_a_bom() {
    let (_dir, ledger) = demo(200);
    let out = tempfile::tempdir().expect("tempdir");
    let mut s = session(ledger, Lang::Zh, 80, 24);
    s.press("P");
    // 附件4, the 17-column roster, is the sixth form in the list.
    for _ in 0..5 {
        s.press("j");
    }
    s.press("Enter");
    let lines = screen(&s).lines.clone().expect("built");
    assert!(lines.iter().any(|l| l.contains("在职党员社区报到登记表")));
    assert!(
        lines
            .iter()
            .map(|l| baodao::tui::text::width(l))
            .max()
            .unwrap_or(0)
            > 80,
        "wider than the screen"
    );
    let before = body(&s);
    s.press("Right");
    s.press("l");
    assert_eq!(screen(&s).left, 16);
    assert_ne!(body(&s), before, "scrolled sideways");
    s.press("Left");
    s.press("Left");
    assert_eq!(body(&s), before);
    s.press("PageDown");
    assert!(screen(&s).top > 0, "scrolled down");
    // Over to the 手机 column.
    for _ in 0..30 {
        if s.text().contains("****") {
            break;
        }
        s.press("l");
    }
    let text = s.text();
    let digits: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).collect();
    assert!(
        !digits.iter().any(|d| d.len() == 11 && d.starts_with('1')),
        "no mobile shown in full:\n{text}"
    );
    assert!(text.contains("****"), "mobiles masked:\n{text}");

    if let Some(Overlay::Reports(r)) = s.app.overlays.last_mut() {
        r.export_dir = out.path().to_path_buf();
    }
    s.press("x");
    s.press("Enter");
    let status = s.app.status.clone().expect("a message");
    assert!(!status.error, "{status:?}");
    let files: Vec<_> = std::fs::read_dir(out.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1);
    let name = files[0]
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string();
    assert!(
        name.starts_with("roster-") && name.ends_with("-2026.csv"),
        "{name}"
    );
    assert!(
        status.text.contains(&name),
        "the status says where: {}",
        status.text
    );
    let bytes = std::fs::read(&files[0]).expect("read");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0])
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "owner only");
    }
}

/// Lines of the form on screen as laid out (the whole form, not just what fits).
fn laid_out(s: &Headless) -> String {
    screen(s).lines.clone().expect("built").join("\n")
}

#[test]
fn home_addresses_and_mobiles_follow_the_one_privacy_rule_in_the_forms() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 100, 30);
    s.press("2");
    s.press("P");
    for _ in 0..5 {
        s.press("j");
    }
    s.press("Enter");
    // 附件4: every member's address masked, as in the member detail.
    let community = screen(&s).community.expect("a community");
    let members = s
        .ledger
        .view()
        .expect("v")
        .members_of_community(community)
        .expect("members");
    let roster = laid_out(&s);
    let with_address: Vec<_> = members
        .iter()
        .filter(|m| m.address.chars().count() > 6)
        .collect();
    assert!(!with_address.is_empty());
    for m in &with_address {
        assert!(
            !roster.contains(&m.address),
            "{} in full:\n{roster}",
            m.address
        );
    }
    // `r` in the roster reveals the selected member's row, and only theirs.
    let selected = screen(&s).member.expect("a selected member");
    let chosen = members
        .iter()
        .find(|m| m.id == selected)
        .expect("in the roster");
    s.press("r");
    let revealed = laid_out(&s);
    assert!(revealed.contains(&chosen.mobile), "{revealed}");
    for m in members
        .iter()
        .filter(|m| m.id != selected && !m.mobile.is_empty())
    {
        assert!(
            !revealed.contains(&m.mobile),
            "{} in full:\n{revealed}",
            m.name
        );
    }
    s.press("r");
    assert!(!laid_out(&s).contains(&chosen.mobile));
    // 附件2 of the selected member: masked, revealed with `r`, hidden while presenting.
    s.press("Enter");
    for _ in 0..2 {
        s.press("k");
    }
    s.press("Enter");
    while screen(&s).reach != baodao::tui::reports::Reach::Member {
        s.press("f");
    }
    let member = screen(&s).member.expect("selected member");
    let m = s
        .ledger
        .view()
        .expect("v")
        .get::<baodao::domain::Member>(member)
        .expect("get")
        .expect("member");
    let form = laid_out(&s);
    assert!(form.contains("在职党员基本情况登记表"), "{form}");
    assert!(
        !form.contains(&m.mobile) && !form.contains(&m.address),
        "{form}"
    );
    s.press("r");
    let shown = laid_out(&s);
    assert!(shown.contains(&m.mobile), "{shown}");
    assert!(
        m.address.is_empty() || shown.contains(&m.address),
        "{shown}"
    );
    s.press("F5");
    let presented = laid_out(&s);
    assert!(!presented.contains(&m.mobile), "{presented}");
    assert!(presented.contains("已隐藏"), "{presented}");
    assert!(s.text().contains("演示"), "the header says so");
}

#[test]
fn a_units_feedback_is_picked_by_typing_and_exported() {
    let (_dir, ledger) = demo(200);
    let out = tempfile::tempdir().expect("tempdir");
    let mut s = session(ledger, Lang::Zh, 80, 24);
    // The community selected is the first; its members' units are offered.
    let community = s.app.communities.selected_id().expect("a community");
    let view = s.ledger.view().expect("view");
    let members = view.members_of_community(community).expect("members");
    let unit_id = members.iter().find_map(|m| m.unit).expect("a unit");
    let unit = view
        .get::<baodao::domain::Unit>(unit_id)
        .expect("read")
        .expect("unit");
    let of_unit: Vec<String> = members
        .iter()
        .filter(|m| m.unit == Some(unit_id) && !m.archived)
        .map(|m| m.name.clone())
        .collect();
    let others: Vec<String> = members
        .iter()
        .filter(|m| {
            m.unit != Some(unit_id)
                && !members
                    .iter()
                    .any(|x| x.unit == Some(unit_id) && x.name == m.name)
        })
        .map(|m| m.name.clone())
        .collect();
    drop(view);

    s.press("P");
    s.press("Enter");
    s.press("u");
    let text = s.text();
    assert!(text.contains("选择单位"), "{text}");
    s.type_text(&unit.name);
    s.press("Enter");
    let r = screen(&s);
    assert_eq!(r.form, baodao::report::forms::Form::Feedback);
    assert_eq!(r.scope().unit, Some(unit_id));
    assert_eq!(r.scope().community, Some(community));
    assert!(s.text().contains(&unit.name), "the title names the unit");
    let lines = r.lines.clone().expect("built").join("\n");
    for name in &of_unit {
        assert!(lines.contains(name.as_str()), "{name} in:\n{lines}");
    }
    for name in &others {
        assert!(!lines.contains(name.as_str()), "{name} not in:\n{lines}");
    }

    if let Some(Overlay::Reports(r)) = s.app.overlays.last_mut() {
        r.export_dir = out.path().to_path_buf();
    }
    s.press("x");
    s.press("Enter");
    let status = s.app.status.clone().expect("a message");
    assert!(!status.error, "{status:?}");
    assert!(
        status.text.contains(&format!("-{}-2026.csv", unit.name)),
        "{status:?}"
    );
}

/// A roster for the whole ledger is held as its communities' ids and the few rosters on
/// screen; paging down reads the next ones and drops those left behind; its CSV streams part
/// by part and comes out byte for byte as the whole form built at once.
#[test]
fn a_whole_ledger_roster_is_shown_and_exported_in_parts() {
    use baodao::report::forms::{Filter, Form, build};
    let (_dir, ledger) = demo(300);
    let out = tempfile::tempdir().expect("tempdir");
    let mut s = session(ledger, Lang::Zh, 80, 24);
    s.press("P");
    for _ in 0..5 {
        s.press("j");
    }
    s.press("Enter");
    for _ in 0..5 {
        if screen(&s).reach == baodao::tui::reports::Reach::Ledger {
            break;
        }
        s.press("f");
    }
    let paged = screen(&s)
        .paged
        .as_ref()
        .expect("the whole ledger, in parts");
    let parts = paged.parts.len();
    assert!(parts > 3, "{parts} communities");
    assert!(paged.held() < parts, "not every roster held");
    assert!(s.text().contains("在职党员社区报到登记表"), "{}", s.text());
    let first = body(&s);
    for _ in 0..40 {
        s.press("PageDown");
    }
    let paged = screen(&s).paged.as_ref().expect("paged");
    assert!(paged.at > 0, "paged into later communities");
    assert!(!paged.holds(0), "the first roster dropped");
    assert!(paged.held() <= 4, "{} held", paged.held());
    assert_ne!(body(&s), first);
    for _ in 0..60 {
        s.press("PageUp");
    }
    assert_eq!(body(&s), first, "back at the top");

    if let Some(Overlay::Reports(r)) = s.app.overlays.last_mut() {
        r.export_dir = out.path().to_path_buf();
    }
    s.press("x");
    s.press("Enter");
    let status = s.app.status.clone().expect("a message");
    assert!(!status.error, "{status:?}");
    let file = out.path().join("roster-all-2026.csv");
    let streamed = std::fs::read(&file).expect("exported");
    let view = s.ledger.view().expect("view");
    let whole = build(
        Form::Roster,
        &view,
        &Filter {
            year: Some(2026),
            ..Filter::default()
        },
        s.ledger.today(),
        Lang::Zh,
    )
    .expect("built whole");
    assert_eq!(
        streamed,
        baodao::report::csv::to_csv(&whole).expect("csv"),
        "the same file"
    );
}

/// The units view's title counts the units on file: one archived leaves the list and the
/// count at once (not when its line is read), and comes back when restored.
#[test]
fn an_archived_unit_leaves_the_units_count_at_once() {
    let (_dir, ledger) = demo(200);
    // A short screen: the unit archived below is not among the lines read.
    let mut s = session(ledger, Lang::En, 80, 12);
    s.press("U");
    let all = s.app.units.shown_len();
    let title = |s: &Headless| s.text().lines().next().unwrap_or("").to_string();
    assert!(s.text().contains(&format!("Units ({all}")), "{}", s.text());
    let view = s.ledger.view().expect("view");
    let mut unit = view.units().expect("units").pop().expect("a unit");
    assert!(all > 8, "{all} units, more than the screen shows");
    drop(view);
    unit.archived = true;
    let u = unit.clone();
    s.ledger.write(|tx| tx.save(u)).expect("archived");
    assert!(
        s.ledger
            .view()
            .expect("v")
            .archived_units()
            .expect("a")
            .contains(&unit.id)
    );
    // Seen as another process's save: the lists are read again.
    let g = s.ledger.view().expect("v").generation().expect("g");
    s.dispatch(baodao::tui::action::Action::Generation(g));
    assert_eq!(s.app.units.shown_len(), all - 1, "{}", title(&s));
    assert!(
        s.text().contains(&format!("Units ({}", all - 1)),
        "{}",
        s.text()
    );
    unit.archived = false;
    s.ledger.write(|tx| tx.save(unit)).expect("restored");
    let g = s.ledger.view().expect("v").generation().expect("g");
    s.dispatch(baodao::tui::action::Action::Generation(g));
    assert_eq!(s.app.units.shown_len(), all);
}
