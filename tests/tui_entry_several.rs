//! Several records in one field, as a clerk types them: posts claimed at reporting separated
//! by a space or a list mark (、，,;), each picked from the member's own community; the field
//! says how; and the matches are a box of their own under the field, not text that reads as
//! the values of the fields beneath (NO_COLOR).

#[path = "tui_entry_common.rs"]
mod entry;

use baodao::domain::{Id, Post, RegStatus, Registration};
use baodao::tui::headless::Headless;
use entry::*;

/// Selects a member whose slip is issued or overdue and opens 报到登记 at the posts field.
fn reporting(s: &mut Headless) -> Id {
    s.press("2");
    let (m, name) = first_with(s, |st| {
        matches!(st, Some(RegStatus::Issued | RegStatus::Overdue))
    });
    select_member(s, &name);
    s.press("b");
    while form(s).focused().map(|f| f.key) != Some(FieldKey::Posts) {
        s.press("Tab");
    }
    m
}

fn picked(s: &Headless) -> Vec<String> {
    form(s)
        .field(FieldKey::Posts)
        .expect("posts")
        .picked
        .iter()
        .map(|p| p.1.clone())
        .collect()
}

fn current(s: &Headless, m: Id) -> Registration {
    let view = s.ledger.view().expect("view");
    view.registrations_of_member(m)
        .expect("registrations")
        .into_iter()
        .max_by_key(|r| r.issued_on)
        .expect("registration")
}

#[test]
fn posts_typed_with_the_separators_a_clerk_uses_are_each_picked_and_saved() {
    let (_dir, mut s) = entry_session();
    let m = reporting(&mut s);
    // The field says how several are entered before anything is typed.
    assert!(s.text().contains("空格或、选定再输下一个"), "{}", s.text());
    s.type_text("zcfg 环境、sq，wmcj;");
    assert_eq!(
        picked(&s),
        [
            "政策法规宣传岗",
            "环境保护卫士岗",
            "社区工作参议岗",
            "文明创建示范岗"
        ],
        "{}",
        s.text()
    );
    assert_eq!(
        field(&s, FieldKey::Posts),
        "",
        "the separators are not typed"
    );
    // A separator after a name nothing matches picks nothing and is not typed.
    s.type_text("qqqq ");
    assert_eq!(picked(&s).len(), 4);
    assert_eq!(field(&s, FieldKey::Posts), "qqqq");
    s.press("Ctrl-u");
    s.press("Ctrl-s");
    assert!(!has_form(&s), "{}", status(&s));
    let r = current(&s, m);
    assert_eq!(r.posts.len(), 4);
    // Each a post of the community reported to, not its namesake elsewhere.
    let view = s.ledger.view().expect("view");
    for p in &r.posts {
        let post = view.get::<Post>(*p).expect("read").expect("post");
        assert_eq!(post.community, r.community, "{}", post.name);
    }
}

#[test]
fn the_matches_are_a_bordered_box_under_the_field() {
    let (_dir, mut s) = entry_session();
    reporting(&mut s);
    s.type_text("sq");
    let text = s.text();
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("认领岗位*"))
        .expect("posts row");
    // The box opens on the next line and each match sits between its borders.
    assert!(lines[at + 1].contains('┌'), "{text}");
    let hit = lines
        .iter()
        .find(|l| l.contains("社区工作参议岗"))
        .expect("a match");
    assert!(hit.contains("│社区工作参议岗"), "{text}");
    assert!(text.contains('└'), "{text}");
    // The row beneath keeps its label: the box covers values, never reads as one.
    assert!(lines[at + 1].contains("志愿服务小组"), "{text}");
}
