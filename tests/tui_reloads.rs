//! Whatever is saved shows at once wherever it is on screen: a new member in its community's
//! list and in an open search, an archived unit gone from the units view, a new service row
//! on the card, a certified one in the member's hours. Saves go through the real runtime and
//! `update`, as a form's would.

#[path = "tui_common.rs"]
mod common;

use baodao::domain::{
    Certification, CertifierRole, Hours, Id, Member, Record, ServiceKind, ServiceRecord, Unit,
};
use baodao::i18n::Lang;
use baodao::tui::action::Effect;
use baodao::tui::entry::save::{After, Save, SaveOp};
use baodao::tui::headless::Headless;
use baodao::tui::overlay::Overlay;
use baodao::tui::search::Row;
use common::{demo, session};

fn save(s: &mut Headless, record: Record) {
    s.run(vec![Effect::Save(Box::new(Save {
        op: SaveOp::Put(Box::new(record)),
        after: After::Nothing,
        what: "test".into(),
        // Past the doubts (a likely duplicate): the save itself is what is tested.
        confirmed: true,
    }))]);
    let status = s.app.status.clone().expect("a status after a save");
    assert!(!status.error, "saved: {}", status.text);
}

fn selected_member(s: &Headless) -> Member {
    let id = s.app.members.selected_id().expect("a member is selected");
    s.ledger
        .view()
        .expect("view")
        .get::<Member>(id)
        .expect("read")
        .expect("on file")
}

fn found(s: &Headless) -> Vec<Id> {
    match s.app.overlays.last() {
        Some(Overlay::Search(o)) => o
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Hit(d) => Some(d.id),
                Row::Heading(..) => None,
            })
            .collect(),
        other => panic!("the search box is not open: {other:?}"),
    }
}

#[test]
fn a_new_member_shows_in_its_community_and_in_an_open_search() {
    let (_dir, ledger) = demo(60);
    let mut s = session(ledger, Lang::En, 100, 30);
    let mut m = selected_member(&s);
    m.id = Id::new();
    m.name = "钮祜禄".into();
    m.mobile = "13900000017".into();
    s.press("F3");
    s.type_text("钮祜禄");
    assert!(!found(&s).contains(&m.id));
    save(&mut s, Record::Member(m.clone()));
    assert!(
        found(&s).contains(&m.id),
        "the open search finds the new member"
    );
    s.press("Esc");
    assert!(
        s.app.members.rows().iter().any(|r| r.id == m.id),
        "the members pane lists the new member"
    );
    assert!(s.text().contains("钮祜禄"), "{}", s.text());
}

#[test]
fn a_unit_archived_with_the_units_view_open_leaves_it() {
    let (_dir, ledger) = demo(60);
    let mut s = session(ledger, Lang::En, 100, 30);
    s.press("U");
    let id = s.app.units.selected_id().expect("a unit is selected");
    let mut unit = s
        .ledger
        .view()
        .expect("view")
        .get::<Unit>(id)
        .expect("read")
        .expect("on file");
    assert!(s.text().contains(&unit.name), "{}", s.text());
    unit.archived = true;
    save(&mut s, Record::Unit(unit.clone()));
    assert!(
        !s.app.units.rows().iter().any(|u| u.0 == id),
        "the archived unit is no longer listed"
    );
    assert!(!s.text().contains(&unit.name), "{}", s.text());
}

#[test]
fn a_service_row_shows_on_the_card_and_certified_hours_in_the_members_list() {
    let (_dir, ledger) = demo(60);
    let mut s = session(ledger, Lang::En, 100, 30);
    let member = selected_member(&s);
    let community = s.app.members_of.expect("a community is selected");
    let before = s.app.members.selected().expect("selected").certified_halves;
    let row = ServiceRecord {
        id: Id::new(),
        member: member.id,
        community,
        date: s.app.config.today,
        content: "清扫楼道积雪".into(),
        place: "3号楼".into(),
        hours: Hours(4),
        rating: None,
        kind: ServiceKind::Volunteer,
        certification: None,
        activity: None,
        demand: None,
        household: None,
        archived: false,
    };
    save(&mut s, Record::Service(row.clone()));
    assert!(
        s.app.card.rows().iter().any(|r| r.id == row.id),
        "the card shows the new row"
    );
    let certified = ServiceRecord {
        certification: Some(Certification {
            role: CertifierRole::PartyOrg,
            name: "社区党委".into(),
            on: row.date,
        }),
        ..row
    };
    save(&mut s, Record::Service(certified));
    let after = s.app.members.selected().expect("selected").certified_halves;
    assert_eq!(after, before + 4, "the member's certified hours moved");
}
