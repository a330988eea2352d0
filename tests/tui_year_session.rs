//! The year-end session driven by keys: from the first member to the closed year, resumed
//! after leaving mid-way, a closed year refusing grades until reopened with a reason, and the
//! 反馈单 showing what the room entered.

#[path = "tui_common.rs"]
mod common;

use baodao::domain::{Grade, Id};
use baodao::i18n::Lang;
use baodao::report::forms::{Filter, Form, build};
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use baodao::tui::session::SessionScreen;
use common::{demo, session};

fn screen(s: &Headless) -> &SessionScreen {
    match s.app.overlays.last() {
        Some(Overlay::Session(x)) => x,
        other => panic!("the session is not on top: {other:?}"),
    }
}

fn current(s: &Headless) -> Id {
    screen(s).row().expect("a member on screen").member.id
}

fn grade_of(s: &Headless, member: Id) -> Option<Grade> {
    screen(s)
        .rows()
        .iter()
        .find(|r| r.member.id == member)
        .and_then(|r| r.evaluation.as_ref())
        .map(|e| e.grade)
}

/// A community of the demo with a few members, selected in the community pane.
fn open_session(members: usize) -> (tempfile::TempDir, Headless) {
    let (dir, ledger) = demo(members);
    let mut s = session(ledger, Lang::Zh, 120, 40);
    s.press("E");
    assert!(
        screen(&s).rows().len() >= 4,
        "the first community has members"
    );
    (dir, s)
}

#[test]
fn a_session_from_the_first_member_to_the_closed_year() {
    let (_dir, mut s) = open_session(200);
    let community = screen(&s).community;
    let rows = screen(&s).rows().to_vec();
    assert_eq!(
        current(&s),
        rows[0].member.id,
        "starts at the first ungraded"
    );
    let text = s.text();
    assert!(text.contains("已评 0/"), "progress is shown:\n{text}");
    assert!(text.contains("建议等次"), "the proposed grade:\n{text}");
    assert!(
        text.contains("✓") || text.contains("✗"),
        "rule checks:\n{text}"
    );

    // Enter confirms the proposed grade and moves on.
    s.press("Enter");
    assert_eq!(grade_of(&s, rows[0].member.id), rows[0].assessment.proposed);
    assert_eq!(current(&s), rows[1].member.id);
    // A digit sets a grade.
    s.press("4");
    assert_eq!(grade_of(&s, rows[1].member.id), Some(Grade::Unqualified));
    // A comment typed, then the grade saves it.
    s.press("c");
    s.type_text("服务积极，群众认可");
    s.press("Ctrl-s");
    // The draft is unsaved work: leaving the session (q) asks first, and n keeps it.
    s.press("q");
    assert!(s.text().contains("放弃已输入的内容"), "{}", s.text());
    s.press("n");
    assert!(s.text().contains("年度民主评议"), "still in the session");
    s.press("1");
    assert_eq!(grade_of(&s, rows[2].member.id), Some(Grade::Excellent));

    // Every other member as proposed, then finish: the confirm shows the tally.
    for _ in 3..rows.len() {
        s.press("Enter");
    }
    let (graded, total) = screen(&s).progress();
    assert_eq!(graded, total);
    s.press("F");
    let text = s.text();
    assert!(text.contains("优秀 "), "tally by grade:\n{text}");
    assert!(
        text.contains("取消评先评优资格"),
        "the disqualified:\n{text}"
    );
    s.press("Enter");
    assert!(screen(&s).closed);
    assert!(s.text().contains("已关闭"));

    // The 反馈单 shows the grades and the comment.
    let view = s.ledger.view().expect("view");
    let filter = Filter {
        community: Some(community),
        year: Some(2026),
        ..Filter::default()
    };
    let report =
        build(Form::Feedback, &view, &filter, s.ledger.today(), Lang::Zh).expect("feedback");
    let all: Vec<String> = report
        .sheets
        .iter()
        .flat_map(|sh| sh.rows.iter().flatten().map(|c| c.display()))
        .collect();
    assert!(all.iter().any(|c| c.contains("服务积极，群众认可")));
    assert!(all.iter().any(|c| c == "优秀"));
    assert!(all.iter().any(|c| c == "不合格"));
    assert!(view.year_closed(community, 2026).expect("closed"));
}

#[test]
fn leaving_mid_session_resumes_at_the_first_ungraded() {
    let (_dir, mut s) = open_session(200);
    let rows = screen(&s).rows().to_vec();
    s.press("Enter");
    s.press("Enter");
    s.press("Esc");
    assert!(s.app.overlays.is_empty());
    s.press("E");
    assert_eq!(current(&s), rows[2].member.id);
    assert_eq!(screen(&s).progress().0, 2);
    // The ungraded filter skips the graded; `k` walks back only within it.
    s.press("f");
    assert_eq!(current(&s), rows[2].member.id);
    s.press("k");
    assert_eq!(current(&s), rows[2].member.id);
}

#[test]
fn a_closed_year_refuses_grades_until_reopened_with_a_reason() {
    let (_dir, mut s) = open_session(200);
    let first = current(&s);
    s.press("F");
    s.press("Enter");
    assert!(screen(&s).closed);
    s.press("1");
    assert_eq!(grade_of(&s, first), None, "no grade in a closed year");
    let status = s.app.status.clone().expect("a message");
    assert!(
        status.error && status.text.contains("重新开启"),
        "{status:?}"
    );
    // Reopening needs a reason.
    s.press("U");
    s.press("Enter");
    assert!(screen(&s).ask.is_some(), "an empty reason is refused");
    s.type_text("补评漏评党员");
    s.press("Enter");
    assert!(!screen(&s).closed);
    s.press("3");
    assert_eq!(grade_of(&s, first), Some(Grade::Basic));
    let audit = s
        .ledger
        .view()
        .and_then(|v| v.audit_recent(10))
        .expect("audit");
    assert!(audit.iter().any(|a| a.note.contains("补评漏评党员")));
}

#[test]
fn read_only_refuses_grading_and_presentation_hides_the_phone() {
    let (dir, ledger) = demo(200);
    let ledger = common::reopen_read_only(&dir, ledger);
    let mut s = session(ledger, Lang::Zh, 120, 40);
    s.press("E");
    let m = screen(&s).row().expect("member").member.clone();
    s.press("Enter");
    assert_eq!(grade_of(&s, m.id), None);
    assert!(s.app.status.as_ref().is_some_and(|x| x.error));
    s.press("F5");
    let text = s.text();
    assert!(text.contains("已隐藏") || m.mobile.is_empty(), "{text}");
    assert!(!text.contains(&m.mobile[m.mobile.len().saturating_sub(4)..]) || m.mobile.is_empty());
}

#[test]
fn a_member_is_reached_by_name_home_end_and_pages() {
    let (_dir, mut s) = open_session(200);
    let rows = screen(&s).rows().to_vec();
    let n = rows.len();
    assert!(n >= 12, "a page of members: {n}");
    s.press("End");
    assert_eq!(current(&s), rows[n - 1].member.id);
    s.press("Home");
    assert_eq!(current(&s), rows[0].member.id);
    s.press("PageDown");
    assert_eq!(current(&s), rows[10].member.id);
    s.press("PageUp");
    assert_eq!(current(&s), rows[0].member.id);

    // / lists every member by name; typing narrows it as search does, Enter goes there.
    let target = rows[n - 2].member.clone();
    s.press("/");
    let text = s.text();
    assert!(text.contains("跳到党员"), "{text}");
    s.type_text(&target.name);
    s.press("Enter");
    assert_eq!(current(&s), target.id);

    // Graded, the member leaves the "ungraded" filter; a jump there widens it to all.
    s.press("2");
    s.press("f");
    assert_eq!(screen(&s).filter, baodao::tui::session::Filter::Ungraded);
    s.press("/");
    s.type_text(&target.name);
    assert!(s.text().contains("合格"), "the list says how it stands");
    s.press("Enter");
    assert_eq!(current(&s), target.id);
    assert_eq!(screen(&s).filter, baodao::tui::session::Filter::All);

    // Presenting, the list holds names only: no digit of a phone is listed or matched.
    s.press("F5");
    s.press("/");
    let phone = rows[0].member.mobile.clone();
    assert!(!phone.is_empty());
    assert!(!s.text().contains(&phone[7..]), "{}", s.text());
    s.type_text(&phone[7..]);
    assert!(!s.text().contains(&rows[0].member.name), "{}", s.text());
    s.press("Esc");
    assert_eq!(current(&s), target.id, "Esc leaves the member on screen");
}
