//! The smaller forms by keys — suggestion, household, joint meeting, request, unit service,
//! post, registration — each with its defaults, its refusal while a required field is empty,
//! and its save; and batch entry (服务录入), where each row picks its member by initials.

#[path = "tui_entry_common.rs"]
mod entry;

use baodao::domain::{Demand, Household, JointMeeting, Post, Suggestion, UnitService};
use entry::*;

/// Enter on the form as opened: refused (a required field is empty), the form stays.
fn refused_empty(s: &mut baodao::tui::headless::Headless) {
    s.press("Enter");
    assert!(has_form(s), "saved with a required field empty");
    assert!(!form(s).saving);
    assert!(form(s).error.is_some());
}

#[test]
fn the_community_forms_default_to_today_and_need_their_required_fields() {
    let (_dir, mut s) = entry_session();
    let community = s.app.members_of.expect("community");
    s.press("2");
    let member = s.app.selected_member().expect("member").id;

    s.press("s");
    assert_eq!(field(&s, FieldKey::Date), "2026-11-22");
    refused_empty(&mut s);
    fill(&mut s, FieldKey::Suggestion, "增设楼道照明");
    fill(&mut s, FieldKey::Outcome, "cn");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));

    s.press("H");
    refused_empty(&mut s);
    s.type_text("王奶奶");
    fill(&mut s, FieldKey::HouseholdKind, "kn");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));

    s.press("M");
    assert_eq!(field(&s, FieldKey::Date), "2026-11-22");
    refused_empty(&mut s);
    fill(&mut s, FieldKey::Topics, "年度共建项目");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));

    s.press("D");
    assert_eq!(field(&s, FieldKey::DemandKind), "居民点单");
    refused_empty(&mut s);
    fill(&mut s, FieldKey::Requester, "李大爷");
    fill(&mut s, FieldKey::Content, "修理楼道灯");
    fill(&mut s, FieldKey::Due, "t");
    // A future request date is refused by the store, next to its field.
    fill(&mut s, FieldKey::Date, "2026-12-01");
    s.press("Enter");
    assert!(has_form(&s));
    assert_eq!(form(&s).focused().map(|f| f.key), Some(FieldKey::Date));
    s.press("Ctrl-u");
    s.type_text("y");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));

    s.press("3");
    s.press("a");
    refused_empty(&mut s);
    s.type_text("党员服务驿站值班岗");
    fill(&mut s, FieldKey::Place, "党群服务中心");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));

    let view = s.ledger.view().expect("view");
    let suggestions = view.suggestions_of_member(member).expect("s");
    let sg: &Suggestion = suggestions
        .iter()
        .find(|x| x.content == "增设楼道照明")
        .expect("suggestion");
    assert_eq!(sg.outcome, Some(baodao::domain::SuggestionOutcome::Adopted));
    let households = view.households_of_community(community).expect("h");
    let h: &Household = households
        .iter()
        .find(|h| h.name == "王奶奶")
        .expect("household");
    assert_eq!(h.kind, baodao::domain::HouseholdKind::Poor);
    let meetings: Vec<JointMeeting> = view.meetings_of_community(community).expect("m");
    assert!(meetings.iter().any(|m| m.topics == "年度共建项目"));
    let demands: Vec<Demand> = view.demands_of_community(community).expect("d");
    let d = demands
        .iter()
        .find(|d| d.content == "修理楼道灯")
        .expect("demand");
    assert_eq!(d.asked_on.to_string(), "2026-11-21");
    assert_eq!(d.due.map(|x| x.to_string()).as_deref(), Some("2026-11-22"));
    let posts: Vec<Post> = view.posts_of_community(community).expect("p");
    assert!(
        posts
            .iter()
            .any(|p| p.name == "党员服务驿站值班岗" && p.place == "党群服务中心")
    );
}

#[test]
fn a_unit_service_and_a_registration_correction() {
    let (_dir, mut s) = entry_session();
    s.press("U");
    let unit = s.app.units.selected_id().expect("unit");
    s.press("S");
    refused_empty(&mut s);
    fill(&mut s, FieldKey::Community, "社区");
    assert!(!form(&s).hits.is_empty());
    s.press("Enter");
    fill(&mut s, FieldKey::Content, "义诊进社区");
    fill(&mut s, FieldKey::Participants, "x");
    s.press("Enter");
    assert!(has_form(&s), "a number is needed");
    s.press("Ctrl-u");
    s.type_text("12");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    let services: Vec<UnitService> = s
        .ledger
        .view()
        .expect("v")
        .unit_services_of_unit(unit)
        .expect("u");
    assert!(
        services
            .iter()
            .any(|x| x.content == "义诊进社区" && x.participants == 12)
    );

    s.press("U");
    s.press("2");
    let m = s
        .app
        .members
        .rows()
        .iter()
        .find(|m| m.status.is_some())
        .cloned()
        .expect("registered member");
    select_member(&mut s, &m.name);
    s.press("R");
    assert_eq!(form(&s).title(), format!("报到记录 · {}", m.name));
    fill(&mut s, FieldKey::ReportBy, "1231");
    s.press("Enter");
    assert!(!has_form(&s), "{}", status(&s));
    let r = s
        .ledger
        .view()
        .expect("v")
        .current_registration(m.id)
        .expect("r")
        .expect("reg");
    assert_eq!(
        r.report_by.map(|d| d.to_string()).as_deref(),
        Some("2026-12-31")
    );
}

#[test]
fn batch_entry_picks_each_rows_member_by_initials() {
    let (_dir, mut s) = entry_session();
    s.press("2");
    let rows = s.app.members.rows().to_vec();
    let target = rows
        .iter()
        .find(|m| {
            let k = baodao::smart_input::parse::initials(&m.name);
            rows.iter()
                .filter(|o| baodao::smart_input::parse::initials(&o.name) == k)
                .count()
                == 1
        })
        .cloned()
        .expect("a member with unique initials");
    let before = card_rows(&s, target.id).len();
    s.press("B");
    assert_eq!(form(&s).focused().map(|f| f.key), Some(FieldKey::Member));
    s.type_text(&baodao::smart_input::parse::initials(&target.name));
    assert_eq!(
        form(&s).hits.first().map(|h| h.id),
        Some(target.id),
        "{:?}",
        form(&s).hits
    );
    s.press("Enter");
    fill(&mut s, FieldKey::Date, "1115");
    fill(&mut s, FieldKey::Content, "环境整治");
    fill(&mut s, FieldKey::Hours, "2");
    fill(&mut s, FieldKey::Rating, "1");
    s.press("Enter");
    assert!(has_form(&s), "the next row opens");
    assert!(
        form(&s)
            .field(FieldKey::Member)
            .expect("m")
            .picked
            .is_empty(),
        "its member is picked anew"
    );
    assert_eq!(
        field(&s, FieldKey::Content),
        "环境整治",
        "the rest starts from the row above"
    );
    let rows = card_rows(&s, target.id);
    assert_eq!(rows.len(), before + 1, "{}", status(&s));
    let r = rows.iter().find(|r| r.content == "环境整治").expect("row");
    assert_eq!(r.rating, Some(baodao::domain::Rating::Excellent));
    assert_eq!(r.date.to_string(), "2026-11-15");
}
