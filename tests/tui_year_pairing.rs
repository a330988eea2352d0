//! 结对帮扶 by keys: a household added on F8's households tab, a member paired with it, a visit
//! recorded there and from the member's detail — the household's 未走访 flag clears, undo
//! brings it back — and every reference the forms take must be a record of the ledger: a
//! visit by a member not paired with the household is refused, naming the field.

mod common;
#[path = "tui_common.rs"]
mod tui;

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::tui::demands::DemandsScreen;
use baodao::tui::form::{FieldKey, Form};
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use common::{add_member, fixture, temp_ledger, today};

fn screen(s: &Headless) -> &DemandsScreen {
    match s.app.overlays.last() {
        Some(Overlay::Demands(x)) => x,
        other => panic!("{other:?}"),
    }
}

fn form(s: &Headless) -> &Form {
    match s.app.overlays.last() {
        Some(Overlay::Form(f)) => f,
        other => panic!("no form: {other:?}"),
    }
}

fn status(s: &Headless) -> String {
    s.app
        .status
        .as_ref()
        .map(|x| x.text.clone())
        .unwrap_or_default()
}

/// The households tab's line of `name`.
fn line(s: &Headless, name: &str) -> String {
    let text = s.text();
    text.lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no line with {name}:\n{text}"))
        .to_string()
}

/// The visits to `household` on file (any member of the community `c`).
fn visits(s: &Headless, c: Id, household: Id) -> Vec<ServiceRecord> {
    let view = s.ledger.view().expect("view");
    let mut out = Vec::new();
    for m in view.members_of_community(c).expect("members") {
        out.extend(
            view.services_of_member(m.id, None, None)
                .expect("rows")
                .into_iter()
                .filter(|r| r.household == Some(household) && !r.archived),
        );
    }
    out
}

fn the_household(s: &Headless, c: Id) -> Household {
    let view = s.ledger.view().expect("view");
    let mut all = view.households_of_community(c).expect("households");
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

/// Scrolls the open detail until `needle` shows.
fn scroll_to(s: &mut Headless, needle: &str) -> String {
    for _ in 0..10 {
        let text = s.text();
        if text.contains(needle) {
            return text;
        }
        s.press("PageDown");
    }
    panic!("never showed {needle}:\n{}", s.text());
}

#[test]
fn pair_and_visit_by_keys_clear_the_unvisited_flag_and_undo_brings_it_back() {
    let (_dir, _path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let other = ledger
        .write(|tx| add_member(tx, &f, "单丽萍"))
        .expect("member");
    let c = f.community.id;
    let mut s = tui::session(ledger, Lang::Zh, 120, 30);
    s.press("F8");
    s.press("Tab");
    assert_eq!(screen(&s).tab, baodao::tui::demands::Tab::Households);
    // A request's key here says what this tab's keys are.
    s.press("a");
    assert!(status(&s).contains("v 走访"), "{}", status(&s));
    assert!(
        s.text().contains("H 新增帮扶对象"),
        "keys shown:\n{}",
        s.text()
    );

    // H: a household, typed whole.
    s.press("H");
    assert_eq!(form(&s).title(), "帮扶对象 · 紫鑫城社区");
    s.type_text("李大爷");
    s.press("Tab");
    s.type_text("1");
    s.press("Tab");
    s.type_text("南宁街道3栋2单元501");
    s.press("Tab");
    s.type_text("13700002222");
    s.press("Ctrl-s");
    let h = the_household(&s, c);
    assert_eq!(
        (h.name.as_str(), h.kind, h.contact.as_str()),
        ("李大爷", HouseholdKind::EmptyNest, "13700002222")
    );
    assert!(line(&s, "李大爷").contains("未走访"), "{}", s.text());
    assert!(line(&s, "李大爷").contains('⚑'));
    assert!(
        !s.text().contains("13700002222") && !s.text().contains("501"),
        "contact and address masked:\n{}",
        s.text()
    );

    // v before any pairing: refused, saying to pair first.
    s.press("v");
    assert!(status(&s).contains("尚未结对"), "{}", status(&s));

    // p: the household is picked; a name that matches nobody is refused naming the field.
    s.press("p");
    assert_eq!(
        form(&s).field(FieldKey::Household).map(|x| x.picked.len()),
        Some(1)
    );
    s.press("Tab");
    s.type_text("火星人");
    s.press("Ctrl-s");
    let error = form(&s).error.clone().unwrap_or_default();
    assert!(error.starts_with("党员"), "{error}");
    s.press("Ctrl-u");
    s.type_text("曾顺");
    s.press("Enter");
    s.press("Tab");
    s.type_text("每月上门走访一次");
    s.press("Enter");
    assert!(
        !matches!(s.app.overlays.last(), Some(Overlay::Form(_))),
        "saved: {}",
        status(&s)
    );
    let view = s.ledger.view().expect("view");
    let pairings = view.pairings_of_household(h.id).expect("pairings");
    drop(view);
    assert_eq!(pairings.len(), 1);
    assert_eq!(
        (
            pairings[0].member,
            pairings[0].plan.as_str(),
            pairings[0].since
        ),
        (f.member.id, "每月上门走访一次", today())
    );
    assert!(line(&s, "李大爷").contains("曾顺仙"), "{}", s.text());

    // v: the only paired member and the household are picked, the content is the usual
    // one; Enter saves the visit and the flag clears.
    s.press("v");
    assert_eq!(form(&s).title(), "走访 · 李大爷");
    assert_eq!(
        form(&s)
            .field(FieldKey::Member)
            .map(|x| x.text().to_string()),
        Some("曾顺仙".into())
    );
    s.press("Enter");
    let rows = visits(&s, c, h.id);
    assert_eq!(rows.len(), 1, "{}", status(&s));
    assert_eq!(
        (
            rows[0].member,
            rows[0].kind,
            rows[0].date,
            rows[0].content.as_str()
        ),
        (f.member.id, ServiceKind::Pairing, today(), "入户走访")
    );
    let l = line(&s, "李大爷");
    assert!(!l.contains("未走访") && !l.contains('⚑'), "{l}");
    assert!(l.contains(&today().to_string()), "{l}");
    assert!(s.text().contains("超过 4 周未走访：0 户"), "{}", s.text());

    // Undo takes the visit back (the flag returns); redo puts it back.
    s.press("u");
    assert!(visits(&s, c, h.id).is_empty());
    assert!(line(&s, "李大爷").contains("未走访"));
    s.press("Ctrl-r");
    assert_eq!(visits(&s, c, h.id).len(), 1);
    assert!(!line(&s, "李大爷").contains("未走访"));

    // A visit by a member not paired with the household is refused, naming the field.
    s.press("v");
    assert_eq!(form(&s).focused().map(|x| x.key), Some(FieldKey::Date));
    s.press("Shift-Tab");
    s.press("Shift-Tab");
    s.press("Ctrl-u");
    s.type_text("单丽萍");
    s.press("Enter");
    assert_eq!(
        form(&s).field(FieldKey::Member).map(|x| x.picked.clone()),
        Some(vec![(other.id, "单丽萍".to_string())])
    );
    s.press("Ctrl-s");
    let f_now = form(&s);
    let refused = f_now
        .field(FieldKey::Household)
        .and_then(|x| x.store_error.clone())
        .unwrap_or_default();
    assert!(refused.contains("未与此帮扶对象结对"), "{refused}");
    assert_eq!(visits(&s, c, h.id).len(), 1, "nothing saved");
    s.press("Esc");
    s.press("y");

    // The audit log has the household, the pairing and the visit.
    let view = s.ledger.view().expect("view");
    assert!(!view.audit_of(h.id).expect("audit").is_empty());
    assert!(!view.audit_of(pairings[0].id).expect("audit").is_empty());
    drop(view);

    // The member's detail: the pairing with its visit; v records another from there.
    s.press("Esc");
    s.press("2");
    s.press("/");
    s.type_text("曾顺仙");
    s.press("Enter");
    s.press("Enter");
    let text = scroll_to(&mut s, "走访 1 次");
    assert!(text.contains("李大爷（空巢老人）"), "{text}");
    assert!(text.contains("走访 1 次"), "{text}");
    assert!(
        !text.contains("501"),
        "the household's address masked:\n{text}"
    );
    s.press("v");
    assert_eq!(
        form(&s)
            .field(FieldKey::Household)
            .map(|x| x.text().to_string()),
        Some("李大爷".into())
    );
    s.press("Enter");
    // The same visit again that day (same content and hours) is pointed out first; y saves it.
    assert!(s.text().contains("已有一条相同的服务记录"), "{}", s.text());
    s.press("y");
    assert_eq!(visits(&s, c, h.id).len(), 2);
    scroll_to(&mut s, "走访 2 次");
    // Presenting, the household is hidden there too.
    s.press("F5");
    let text = s.text();
    assert!(!text.contains("李大爷"), "{text}");

    // P ends the pairing; a visit after its end would be refused by the same rule.
    s.press("F5");
    s.press("P");
    assert_eq!(form(&s).title(), "结对帮扶");
    let mut guard = 0;
    while form(&s).focused().map(|x| x.key) != Some(FieldKey::EndedOn) {
        s.press("Tab");
        guard += 1;
        assert!(guard < 10);
    }
    s.type_text("t");
    s.press("Enter");
    let view = s.ledger.view().expect("view");
    let p = view.pairings_of_household(h.id).expect("pairings");
    assert_eq!(p[0].ended_on, Some(today()));
    drop(view);
    assert!(
        s.text().contains(&format!("{} 结束", today())),
        "{}",
        s.text()
    );
    let mut ledger = s.into_ledger();
    let report = ledger.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn check_reports_a_visit_its_pairing_no_longer_covers() {
    let (_dir, _path, mut ledger) = temp_ledger();
    let f = fixture(&ledger);
    let (h, p) = ledger
        .write(|tx| {
            let h = tx.save(Household {
                id: Id::new(),
                community: f.community.id,
                name: "张阿姨".into(),
                kind: HouseholdKind::Poor,
                address: String::new(),
                contact: String::new(),
                note: String::new(),
                archived: false,
            })?;
            let p = tx.save(Pairing {
                id: Id::new(),
                household: h.id,
                member: f.member.id,
                plan: String::new(),
                since: common::date(2026, 3, 1),
                ended_on: None,
            })?;
            Ok((h, p))
        })
        .expect("pairing");
    let visit = ServiceRecord {
        household: Some(h.id),
        kind: ServiceKind::Pairing,
        ..common::service(&f, common::date(2026, 4, 1), 2)
    };
    // Before the pairing began: refused by the store.
    let early = ServiceRecord {
        id: Id::new(),
        date: common::date(2026, 2, 1),
        ..visit.clone()
    };
    let refused = ledger
        .write(|tx| tx.save(early))
        .expect_err("not paired then");
    assert!(
        refused.message(Lang::Zh).contains("帮扶对象"),
        "{refused:?}"
    );
    ledger.write(|tx| tx.save(visit)).expect("visit");
    assert!(ledger.check().expect("check").problems.is_empty());
    // Moving the pairing past its visit is refused at save, naming the field and the visit;
    // so is ending it before the visit, or taking the pairing back whole.
    let refused = |ledger: &mut baodao::store::Ledger, p: Pairing| {
        let e = ledger
            .write(|tx| tx.save(p))
            .expect_err("strands the visit");
        match e {
            baodao::store::StoreError::Invalid(inv) => {
                assert!(inv.message(Lang::Zh).contains("2026-04-01"), "{inv:?}");
                // The form's field the refusal lands on.
                FieldKey::named(inv.0[0].field)
            }
            other => panic!("{other:?}"),
        }
    };
    let later = Pairing {
        since: common::date(2026, 5, 1),
        ..p.clone()
    };
    assert_eq!(refused(&mut ledger, later.clone()), Some(FieldKey::Since));
    let ended = Pairing {
        ended_on: Some(common::date(2026, 3, 31)),
        ..p.clone()
    };
    assert_eq!(refused(&mut ledger, ended), Some(FieldKey::EndedOn));
    let e = ledger
        .write(|tx| tx.delete(Kind::Pairing, p.id, ""))
        .expect_err("the visit's only pairing");
    assert!(e.message(Lang::Zh).contains("2026-04-01"), "{e:?}");
    // Ending it after the visit keeps the visit covered.
    ledger
        .write(|tx| {
            tx.save(Pairing {
                ended_on: Some(common::date(2026, 4, 1)),
                ..p.clone()
            })
        })
        .expect("the visit is still inside");
    // A pairing moved by another way (a ledger written before the rule): `check` names the
    // visit.
    ledger
        .write(|tx| tx.bulk_insert(&Record::Pairing(later)))
        .expect("written raw");
    let problems = ledger.check().expect("check").problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("not paired"), "{problems:?}");
}

#[test]
fn a_new_household_is_paired_in_the_same_save_and_one_undo_takes_both_back() {
    let (_dir, _path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let c = f.community.id;
    let mut s = tui::session(ledger, Lang::En, 120, 30);
    s.press("F8");
    s.press("Tab");
    s.press("H");
    s.type_text("王刚");
    s.press("Tab");
    s.type_text("2");
    let mut guard = 0;
    while form(&s).focused().map(|x| x.key) != Some(FieldKey::PairedMember) {
        s.press("Tab");
        guard += 1;
        assert!(guard < 10, "the new household form names a member");
    }
    s.type_text("曾顺");
    s.press("Enter");
    s.press("Tab");
    s.type_text("weekly homework help");
    s.press("Enter");
    let h = the_household(&s, c);
    assert_eq!(h.kind, HouseholdKind::LeftBehind);
    let pairings = s
        .ledger
        .view()
        .and_then(|v| v.pairings_of_household(h.id))
        .expect("pairings");
    assert_eq!(
        pairings
            .iter()
            .map(|p| (p.member, p.plan.as_str()))
            .collect::<Vec<_>>(),
        [(f.member.id, "weekly homework help")]
    );
    let l = line(&s, "王刚");
    assert!(l.contains("曾顺仙") && l.contains("never visited"), "{l}");
    s.press("u");
    let view = s.ledger.view().expect("view");
    assert!(view.households_of_community(c).expect("h").is_empty());
    assert!(view.pairings_of_household(h.id).expect("p").is_empty());
}

/// Two households paired with the fixture's member (one since March, one since June, the
/// first also paired with a second member), for `P` to choose among.
fn two_pairings(
    ledger: &baodao::store::Ledger,
    f: &common::Fixture,
) -> (Pairing, Pairing, Pairing) {
    ledger
        .write(|tx| {
            let other = add_member(tx, f, "单丽萍")?;
            let mut household = |name: &str| {
                tx.save(Household {
                    id: Id::new(),
                    community: f.community.id,
                    name: name.into(),
                    kind: HouseholdKind::Poor,
                    address: String::new(),
                    contact: String::new(),
                    note: String::new(),
                    archived: false,
                })
            };
            let zhang = household("张阿姨")?;
            let li = household("李大爷")?;
            let mut out = Vec::new();
            for (h, since, member) in [
                (&zhang, common::date(2026, 3, 1), f.member.id),
                (&li, common::date(2026, 6, 1), f.member.id),
                (&zhang, common::date(2026, 7, 1), other.id),
            ] {
                out.push(tx.save(Pairing {
                    id: Id::new(),
                    household: h.id,
                    member,
                    plan: format!("{}的帮扶计划", h.name),
                    since,
                    ended_on: None,
                })?);
            }
            Ok((out[0].clone(), out[1].clone(), out[2].clone()))
        })
        .expect("pairings")
}

fn edited_pairing(s: &Headless) -> Id {
    match &form(s).base {
        Some(Record::Pairing(p)) => p.id,
        other => panic!("{other:?}"),
    }
}

#[test]
fn p_with_several_pairings_asks_which_one() {
    let (_dir, _path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let (zhang, li, other) = two_pairings(&ledger, &f);
    let mut s = tui::session(ledger, Lang::Zh, 100, 30);

    // The member's detail: both pairings listed, the latest active first; typing narrows.
    s.press("2");
    s.press("/");
    s.type_text("曾顺仙");
    s.press("Enter");
    s.press("Enter");
    s.press("P");
    let text = s.text();
    assert!(text.contains("修改或结束哪个结对"), "{text}");
    assert!(text.contains("张阿姨") && text.contains("李大爷"), "{text}");
    s.type_text("zay");
    s.press("Enter");
    assert_eq!(form(&s).title(), "结对帮扶");
    assert_eq!(edited_pairing(&s), zhang.id);
    s.press("Esc");
    // Enter at once takes the one selected: the most recent.
    s.press("P");
    s.press("Enter");
    assert_eq!(edited_pairing(&s), li.id);
    s.press("Esc");
    // Presenting, households are not listed by name, nor found by it.
    s.press("F5");
    s.press("P");
    let text = s.text();
    assert!(
        !text.contains("张阿姨") && !text.contains("李大爷"),
        "{text}"
    );
    s.type_text("zay");
    s.press("Enter");
    assert!(
        !matches!(s.app.overlays.last(), Some(Overlay::Form(_))),
        "nothing picked by a hidden name"
    );
    s.press("Esc");
    s.press("F5");
    s.press("Esc");

    // F8's households: 张阿姨 has two members; P asks which.
    s.press("F8");
    s.press("Tab");
    for _ in 0..5 {
        if screen(&s).selected_id() == Some(zhang.household) {
            break;
        }
        s.press("j");
    }
    assert_eq!(screen(&s).selected_id(), Some(zhang.household));
    s.press("P");
    assert!(s.text().contains("单丽萍"), "{}", s.text());
    s.type_text("slp");
    s.press("Enter");
    assert_eq!(edited_pairing(&s), other.id);
    // Presenting while the list is open closes it: its rows were written unhidden.
    s.press("Esc");
    s.press("P");
    assert!(s.text().contains("修改或结束哪个结对（张阿姨）"));
    s.press("F5");
    assert!(!s.text().contains("张阿姨"), "{}", s.text());
}

/// Tabs in the open form to the field `key`.
fn tab_to(s: &mut Headless, key: FieldKey) {
    for _ in 0..12 {
        if form(s).focused().map(|x| x.key) == Some(key) {
            return;
        }
        s.press("Tab");
    }
    panic!("no field {key:?}");
}

/// The card pane of the member named `name`, and a new row on it.
fn new_card_row(s: &mut Headless, name: &str) {
    s.press("2");
    s.press("/");
    s.press("Ctrl-u");
    s.type_text(name);
    s.press("Enter");
    s.press("4");
    s.press("a");
    assert_eq!(form(s).which, baodao::tui::form::Which::Service);
}

#[test]
fn a_pairing_row_typed_on_the_card_names_the_household() {
    let (_dir, _path, ledger) = temp_ledger();
    let f = fixture(&ledger);
    let (h, unpaired) = ledger
        .write(|tx| {
            let h = tx.save(Household {
                id: Id::new(),
                community: f.community.id,
                name: "张阿姨".into(),
                kind: HouseholdKind::Poor,
                address: String::new(),
                contact: String::new(),
                note: String::new(),
                archived: false,
            })?;
            tx.save(Pairing {
                id: Id::new(),
                household: h.id,
                member: f.member.id,
                plan: String::new(),
                since: common::date(2026, 3, 1),
                ended_on: None,
            })?;
            Ok((h, add_member(tx, &f, "单丽萍")?))
        })
        .expect("paired");
    let mut s = tui::session(ledger, Lang::Zh, 100, 30);
    new_card_row(&mut s, "曾顺仙");
    assert!(
        form(&s).field(FieldKey::Household).is_none(),
        "not a visit yet"
    );
    tab_to(&mut s, FieldKey::Content);
    s.type_text("陪同就医");
    tab_to(&mut s, FieldKey::Hours);
    s.type_text("2");
    tab_to(&mut s, FieldKey::Kind);
    s.type_text("2");
    // 结对帮扶: the household field appears with the member's only paired household.
    assert_eq!(
        form(&s)
            .field(FieldKey::Household)
            .map(|x| x.picked.clone()),
        Some(vec![(h.id, "张阿姨".to_string())])
    );
    s.press("Enter");
    let rows = visits(&s, f.community.id, h.id);
    assert_eq!(rows.len(), 1, "{}\n{}", status(&s), s.text());
    assert_eq!(rows[0].content, "陪同就医");
    // The next row starts from this one: the same household, still named.
    assert_eq!(
        form(&s)
            .field(FieldKey::Household)
            .map(|x| x.picked.clone()),
        Some(vec![(h.id, "张阿姨".to_string())])
    );
    // Another kind takes the field away; the row names no household.
    tab_to(&mut s, FieldKey::Kind);
    s.type_text("4");
    assert!(form(&s).field(FieldKey::Household).is_none());
    s.press("Esc");
    s.press("y");
    // The visit clears the household's 未走访 flag on F8, as a visit recorded with v does.
    s.press("F8");
    s.press("Tab");
    let l = line(&s, "张阿姨");
    assert!(!l.contains("未走访") && l.contains("2026-11-22"), "{l}");
    s.press("Esc");

    // A member paired with nobody: the field says to pair first, and nothing is saved.
    new_card_row(&mut s, "单丽萍");
    tab_to(&mut s, FieldKey::Content);
    s.type_text("入户走访");
    tab_to(&mut s, FieldKey::Hours);
    s.type_text("2");
    tab_to(&mut s, FieldKey::Kind);
    s.type_text("2");
    s.press("Ctrl-s");
    let error = form(&s).error.clone().unwrap_or_default();
    assert!(error.contains("没有进行中的结对"), "{error}");
    let view = s.ledger.view().expect("view");
    assert!(
        view.services_of_member(unpaired.id, None, None)
            .expect("rows")
            .is_empty()
    );
}
