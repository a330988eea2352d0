//! References: a form refuses to save text in a reference field that picked no record, and
//! says which field; the store refuses a dangling or missing reference whoever asks; `check`
//! finds a member in no community; such a member, found by search, opens in their form.

#[path = "tui_entry_common.rs"]
mod entry;

use baodao::domain::{Household, HouseholdKind, Id, Member};
use baodao::store::StoreError;
use baodao::tui::search::{Jump, jump_to};
use entry::*;

#[test]
fn a_community_typed_but_not_picked_is_refused_by_ctrl_s_and_enter_naming_the_field() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    s.press("a");
    s.type_text("火星人");
    fill(&mut s, FieldKey::Community, "火星社区");
    s.press("Ctrl-s");
    let refused = |s: &baodao::tui::headless::Headless, how: &str| {
        assert!(has_form(s), "{how}: not saved");
        let error = form(s).error.clone().unwrap_or_default();
        assert!(error.starts_with("社区："), "{how}: {error}");
        assert!(error.contains("未选定记录"), "{how}: {error}");
        assert_eq!(form(s).focused().map(|f| f.key), Some(FieldKey::Community));
    };
    refused(&s, "Ctrl-s");
    // Enter picks a highlighted hit (a record the clerk sees); with none, it saves, and is
    // refused by the same rule.
    fill(&mut s, FieldKey::Community, "zzqqxx");
    assert!(form(&s).hits.is_empty());
    s.press("Enter");
    refused(&s, "Enter");
    let view = s.ledger.view().expect("view");
    let members: Vec<Member> = view.all::<Member>().expect("members");
    assert!(!members.iter().any(|m| m.name == "火星人"), "nothing saved");
}

#[test]
fn the_new_member_form_names_its_community_and_never_shows_an_id() {
    let (_dir, mut s) = entry_session();
    let community = s.app.members_of.expect("a community");
    let name = s
        .ledger
        .view()
        .expect("view")
        .get::<baodao::domain::Community>(community)
        .expect("read")
        .expect("community")
        .name;
    s.press("2");
    s.press("a");
    assert_eq!(field(&s, FieldKey::Community), name);
    assert!(!field(&s, FieldKey::Community).contains(&community.short()));
}

#[test]
fn the_store_refuses_dangling_and_missing_references_from_any_caller() {
    let (_dir, s) = entry_session();
    let community = s.app.members_of.expect("a community");
    let ghost = Id::new();
    // Refused naming the form's field, so the refusal lands on it.
    let refused = |r: Result<(), StoreError>, field: FieldKey| match r {
        Err(StoreError::Invalid(inv)) => {
            assert!(
                inv.0
                    .iter()
                    .any(|e| FieldKey::named(e.field) == Some(field)),
                "{inv:?}"
            )
        }
        other => panic!("not refused for {field:?}: {other:?}"),
    };
    let household = s.ledger.write(|tx| {
        tx.save(Household {
            id: Id::new(),
            community: ghost,
            name: "王大妈".into(),
            kind: HouseholdKind::Poor,
            address: String::new(),
            contact: String::new(),
            note: String::new(),
            archived: false,
        })
        .map(|_| ())
    });
    refused(household, FieldKey::Community);
    let stranded = s.ledger.write(|tx| {
        tx.save(Member {
            id: Id::new(),
            name: "无社区".into(),
            ..Default::default()
        })
        .map(|_| ())
    });
    refused(stranded, FieldKey::Community);
    let ok = s.ledger.write(|tx| {
        tx.save(Member {
            id: Id::new(),
            name: "有社区".into(),
            community: Some(community),
            ..Default::default()
        })
        .map(|_| ())
    });
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn a_member_in_no_community_is_reported_by_check_and_opens_in_their_form_from_search() {
    let (_dir, mut s) = entry_session();
    let stranded = Member {
        id: Id::new(),
        name: "滞留者".into(),
        ..Default::default()
    };
    // As an old version saved them: past today's rules.
    s.ledger
        .write(|tx| tx.bulk_insert(&stranded.clone().into()))
        .expect("insert");
    let report = s.ledger.check().expect("check");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("滞留者") && p.contains("no community")),
        "{:?}",
        report.problems
    );
    let doc = baodao::search::Doc {
        kind: baodao::search::Kind::Member,
        id: stranded.id,
        name: stranded.name.clone(),
        community: None,
        community_name: String::new(),
        unit_name: String::new(),
        phone: String::new(),
        extra: Vec::new(),
    };
    assert_eq!(jump_to(&doc), Some(Jump::Fix(stranded.id)));
    let effects = baodao::tui::update::start_jump(&mut s.app, Jump::Fix(stranded.id));
    s.run(effects);
    assert_eq!(form(&s).which, baodao::tui::form::Which::Member);
    assert_eq!(field(&s, FieldKey::Name), "滞留者");
}
