//! The app driven by keys and actions, with no terminal: what a clerk's keys do to the
//! state, and what `update` asks the runtime to do.

#[path = "tui_common.rs"]
mod common;

use baodao::domain::{Community, Id, Member};
use baodao::i18n::Lang;
use baodao::tui::action::{Action, Effect, Load, Loaded};
use baodao::tui::command::CommandId;
use baodao::tui::data::{CommunityData, CommunityEntry, CommunityRow, LedgerData, MemberRow};
use baodao::tui::layout::{Pane, Screen};
use baodao::tui::overlay::Overlay;
use baodao::tui::overlay::detail::DetailKind;
use baodao::tui::runtime::headless::Headless;
use baodao::tui::update::update;
use common::{bare_app, demo, reopen_read_only, session};

fn community(n: u128, name: &str) -> CommunityRow {
    CommunityRow {
        id: Id(n),
        name: name.into(),
        street: "南宁街道".into(),
    }
}

fn member(n: u128, name: &str) -> MemberRow {
    MemberRow {
        id: Id(n),
        name: name.into(),
        mobile: "13812348588".into(),
        unit: "曲靖供电局".into(),
        status: None,
        certified_halves: 0,
        posts: Vec::new(),
    }
}

fn ledger_data(generation: u64) -> Loaded {
    Loaded::Ledger(LedgerData {
        generation,
        communities: vec![CommunityEntry(Id(1)), CommunityEntry(Id(2))],
        first: vec![community(1, "紫鑫城社区"), community(2, "麒麟花园社区")],
        settings: Default::default(),
    })
}

#[test]
fn update_asks_for_what_the_selection_needs_and_drops_stale_answers() {
    let mut app = bare_app();
    let effects = update(&mut app, Action::Loaded(ledger_data(7)));
    assert_eq!(effects, [Effect::Load(Load::Community(Id(1)))]);
    // Moving to the second community asks for its members; the first one's answer, arriving
    // late, must not fill the pane.
    let effects = update(&mut app, Action::Command(CommandId::MoveDown));
    assert_eq!(effects, [Effect::Load(Load::Community(Id(2)))]);
    let late = Loaded::Community(CommunityData {
        generation: 7,
        community: Id(1),
        members: vec![member(10, "张三")],
        posts: Vec::new(),
    });
    assert!(update(&mut app, Action::Loaded(late)).is_empty());
    assert!(app.members.rows().is_empty());
    let fresh = Loaded::Community(CommunityData {
        generation: 7,
        community: Id(2),
        members: vec![member(20, "李四"), member(21, "王芳")],
        posts: Vec::new(),
    });
    let effects = update(&mut app, Action::Loaded(fresh));
    assert_eq!(effects, [Effect::Load(Load::Card(Id(20)))]);
}

#[test]
fn the_clock_checks_for_other_clerks_saves() {
    let mut app = bare_app();
    update(&mut app, Action::Loaded(ledger_data(7)));
    assert_eq!(update(&mut app, Action::Tick), [Effect::CheckGeneration]);
    assert!(update(&mut app, Action::Generation(7)).is_empty());
    let effects = update(&mut app, Action::Generation(8));
    assert_eq!(
        effects,
        [
            Effect::Load(Load::Ledger),
            Effect::Load(Load::Community(Id(1)))
        ]
    );
    assert!(app.status.as_ref().is_some_and(|s| !s.error));
}

#[test]
fn a_storage_error_shows_and_the_program_goes_on() {
    let mut app = bare_app();
    let effects = update(&mut app, Action::Failed("读取台账失败".into()));
    assert!(effects.is_empty());
    assert!(!app.quit);
    let status = app.status.clone().expect("status");
    assert!(status.error && status.text.contains("读取台账失败"));
}

#[test]
fn start_loads_the_first_community_member_and_card() {
    let (_dir, ledger) = demo(200);
    let s = session(ledger, Lang::Zh, 160, 45);
    let app = &s.app;
    assert_eq!(app.communities.rows().len(), 12);
    let c = app.selected_community().expect("a community");
    assert_eq!(app.members_of, Some(c.id));
    assert!(!app.members.rows().is_empty());
    assert_eq!(app.card_of, app.members.selected_id());
    assert!(app.card.loaded);
    assert_eq!(app.focus, Pane::Communities);
}

#[test]
fn the_communities_pane_holds_their_ids_and_the_lines_on_screen_only() {
    let (_dir, ledger) = demo(200);
    // A short terminal shows fewer rows than the demo's twelve communities.
    let mut s = session(ledger, Lang::En, 80, 14);
    let all = s.app.communities.rows().len();
    assert_eq!(all, 12);
    let title = format!("({all})");
    assert!(s.text().contains(&title), "{}", s.text());
    let held = |s: &Headless| {
        let mut ids: Vec<Id> = s.app.community_rows.ids().copied().collect();
        ids.sort();
        ids
    };
    let shown = |s: &Headless, from: usize, to: usize| {
        (from..to)
            .filter_map(|i| s.app.communities.shown(i).map(|c| c.0))
            .collect::<Vec<_>>()
    };
    // Only the lines of the rows on screen are read.
    let first = held(&s);
    assert!(!first.is_empty() && first.len() < all, "{first:?}");
    assert_eq!(first, shown(&s, 0, first.len()));
    // At the end, the last ones are held and the first ones dropped.
    s.press("G");
    let last = held(&s);
    assert!(last.len() < all, "{last:?}");
    assert_eq!(last, shown(&s, all - last.len(), all));
    let name = |s: &Headless, id: Id| {
        let v = s.ledger.view().expect("view");
        v.get::<Community>(id)
            .expect("get")
            .expect("community")
            .name
    };
    let end = s.app.communities.selected_id().expect("last");
    assert!(s.text().contains(&name(&s, end)), "{}", s.text());
    // Archived ones are not listed, and the title counts what is.
    let gone = s.app.communities.shown(0).expect("first").0;
    s.ledger
        .write(|tx| {
            let mut c: Community = tx.get(gone)?.expect("community");
            c.archived = true;
            tx.save(c)
        })
        .expect("archive");
    s.dispatch(Action::Tick);
    assert_eq!(s.app.communities.rows().len(), all - 1);
    assert!(s.text().contains(&format!("({})", all - 1)), "{}", s.text());
}

#[test]
fn panes_by_tab_shift_tab_and_number() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 80, 24);
    s.press("Tab");
    assert_eq!(s.app.focus, Pane::Members);
    s.press("Tab");
    s.press("Tab");
    assert_eq!(s.app.focus, Pane::Card);
    s.press("Shift-Tab");
    assert_eq!(s.app.focus, Pane::Posts);
    s.press("1");
    assert_eq!(s.app.focus, Pane::Communities);
    s.press("4");
    assert_eq!(s.app.focus, Pane::Card);
    // On a narrow terminal the focused pane is shown with its neighbour.
    let layout = s.app.layout().expect("fits");
    let shown: Vec<Pane> = layout.panes.iter().map(|(p, _)| *p).collect();
    assert_eq!(shown, [Pane::Members, Pane::Card]);
}

#[test]
fn moving_in_the_members_loads_that_members_card_only() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 160, 45);
    s.press("2");
    let first = s.app.members.selected_id();
    s.press("j");
    let second = s.app.members.selected_id();
    assert_ne!(first, second);
    assert_eq!(s.app.card_of, second);
    s.press("G");
    let last = s.app.members.rows().last().map(|m| m.id);
    assert_eq!(s.app.members.selected_id(), last);
    assert_eq!(s.app.card_of, last);
    s.press("g");
    assert_eq!(s.app.members.selected_id(), first);
    // The card shows the certified rows' total in its foot.
    let halves: u32 = s.app.card.rows().iter().map(|r| r.certified_halves()).sum();
    let total = baodao::tui::overlay::member::hours_text(halves);
    assert!(
        s.text()
            .contains(&format!("个人累计社区服务活动时间 {total} 小时"))
    );
}

#[test]
fn moving_to_another_community_replaces_members_and_card() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 160, 45);
    let first_member = s.app.members.selected_id();
    s.press("j");
    let c = s.app.selected_community().map(|c| c.id);
    assert_eq!(s.app.members_of, c);
    assert_ne!(s.app.members.selected_id(), first_member);
    assert_eq!(s.app.card_of, s.app.members.selected_id());
}

#[test]
fn filter_narrows_live_and_escape_clears_only_the_filter() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 160, 45);
    s.press("2");
    let all = s.app.members.shown_len();
    let target = s.app.members.rows()[3].clone();
    s.press("/");
    assert!(s.app.members.filtering);
    // `q` and `j` are typed into the filter, not run as commands.
    s.type_text(&target.name);
    assert!(!s.app.quit);
    let shown = s.app.members.shown_len();
    assert!(shown >= 1 && shown < all, "{shown} of {all}");
    assert!((0..shown).all(|i| {
        s.app
            .members
            .shown(i)
            .is_some_and(|m| m.name.contains(&target.name))
    }));
    // The first match is selected and its card follows.
    assert_eq!(s.app.card_of, s.app.members.selected_id());
    // Enter keeps the filter and gives the keys back to the list.
    s.press("Enter");
    assert!(!s.app.members.filtering);
    assert_eq!(s.app.members.filter.value(), target.name);
    s.press("/");
    s.press("Esc");
    assert_eq!(s.app.members.shown_len(), all);
    assert!(!s.app.members.filtering);
    assert!(s.app.overlays.is_empty());
}

#[test]
fn filter_by_pinyin_initials_in_the_community_list() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 160, 45);
    s.press("/");
    s.type_text("zxc");
    let names: Vec<String> = (0..s.app.communities.shown_len())
        .filter_map(|i| s.app.communities.shown(i))
        .filter_map(|c| s.app.community_rows.get(&c.0).map(|r| r.name.clone()))
        .collect();
    assert_eq!(names, ["紫鑫城社区"]);
    s.press("Enter");
    // With the filter kept, Esc in the list clears it.
    s.press("Esc");
    assert_eq!(s.app.communities.shown_len(), 12);
    assert_eq!(
        s.app.selected_community().map(|c| c.name.as_str()),
        Some("紫鑫城社区")
    );
}

#[test]
fn enter_opens_details_and_escape_closes_them() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 160, 45);
    s.press("Enter");
    assert!(matches!(
        s.app.overlays.last(),
        Some(Overlay::Detail(d)) if matches!(d.kind, DetailKind::Community(_))
    ));
    assert!(s.text().contains("固定服务日"));
    s.press("Esc");
    assert!(s.app.overlays.is_empty());
    s.press("2");
    let id = s.app.members.selected_id().expect("member");
    s.press("Enter");
    match s.app.overlays.last() {
        Some(Overlay::Detail(d)) => assert_eq!(d.owner(), id),
        other => panic!("no member detail: {other:?}"),
    }
    let text = s.text();
    for label in ["民族", "健康状况", "志愿服务项目", "报到记录", "认领岗位"] {
        assert!(text.contains(label), "{label} missing");
    }
    // Scrolling shows this year's figures against the minimums.
    for _ in 0..40 {
        s.press("j");
    }
    let text = s.text();
    assert!(text.contains("2026 年情况"), "{text}");
    assert!(text.contains("不少于 2"), "{text}");
    s.press("q");
    assert!(
        s.app.overlays.is_empty(),
        "q closes a popup, not the program"
    );
    assert!(!s.app.quit);
    s.press("4");
    s.press("Enter");
    assert!(matches!(
        s.app.overlays.last(),
        Some(Overlay::Detail(d)) if matches!(d.kind, DetailKind::Service(_))
    ));
}

#[test]
fn units_view_loads_figures_for_the_rows_on_screen() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 80, 24);
    s.press("U");
    assert_eq!(s.app.screen, Screen::Units);
    let units = s.app.units.rows().len();
    assert!(units >= 80);
    // 24 lines: header, border, column titles, border, hints, status leave 18 rows.
    assert_eq!(s.app.unit_rows.len(), 18);
    // The first page moves the selection to the last row on screen, the second scrolls: the
    // lines scrolled away are dropped, so the view holds one screenful whatever the province.
    s.press("PageDown");
    assert_eq!(s.app.unit_rows.len(), 18);
    let first = s.app.units.rows()[0].0;
    s.press("PageDown");
    assert_eq!(s.app.unit_rows.len(), 18);
    assert!(!s.app.unit_rows.contains(&first));
    let target = s
        .app
        .selected_unit()
        .cloned()
        .expect("the selected unit's line");
    // The filter runs over the ledger's index: the unit is found by its name, first.
    s.press("/");
    s.type_text(&target.name);
    assert!(s.app.units.shown_len() >= 1 && s.app.units.shown_len() < units);
    assert_eq!(s.app.units.selected_id(), Some(target.id));
    // Esc shows every unit again, the selected one still selected.
    s.press("Esc");
    assert_eq!(s.app.units.rows().len(), units);
    assert_eq!(s.app.units.selected_id(), Some(target.id));
    assert!(s.app.unit_rows.len() <= 18);
    s.press("Enter");
    assert!(matches!(
        s.app.overlays.last(),
        Some(Overlay::Detail(d)) if matches!(d.kind, DetailKind::Unit(_))
    ));
    assert!(s.text().contains("报到率"));
    s.press("Esc");
    s.press("U");
    assert_eq!(s.app.screen, Screen::Main);
}

#[test]
fn reveal_shows_one_record_and_presentation_hides_everything() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 160, 45);
    s.press("2");
    let m = s.app.selected_member().cloned().expect("member");
    let masked = baodao::tui::text::mask_phone(&m.mobile);
    assert!(s.text().contains(&masked));
    assert!(!s.text().contains(&m.mobile));
    s.press("r");
    assert_eq!(s.app.privacy.revealed, Some(m.id));
    assert!(s.text().contains(&m.mobile));
    // Only that record: the next member's number stays masked.
    let next = s.app.members.rows()[1].clone();
    assert!(!s.text().contains(&next.mobile));
    // Moving away hides it again.
    s.press("j");
    assert_eq!(s.app.privacy.revealed, None);
    s.press("k");
    s.press("r");
    s.press("F5");
    assert!(s.app.privacy.presentation);
    let text = s.text();
    assert!(text.contains("演示模式"), "shown in the header");
    assert!(!text.contains(&m.mobile) && !text.contains(&masked));
    assert!(text.contains("已隐藏"));
    s.press("Enter");
    assert!(!s.text().contains(&m.mobile));
    s.press("r");
    assert_eq!(s.app.privacy.revealed, None);
    assert!(s.app.status.as_ref().is_some_and(|st| st.error));
    s.press("Esc");
    // The edit form hides them too, while what is typed still edits the field.
    s.press("e");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Form(_))));
    let text = s.text();
    assert!(text.contains(&m.name), "the form is open:\n{text}");
    assert!(
        !text.contains(&m.mobile) && !text.contains(&masked),
        "{text}"
    );
    s.press("Esc");
    s.press("F5");
    assert!(!s.app.privacy.presentation);
    assert!(s.text().contains(&masked));
}

#[test]
fn read_only_refuses_editing_commands_with_a_reason() {
    let (dir, ledger) = demo(200);
    let ledger = reopen_read_only(&dir, ledger);
    let mut s = session(ledger, Lang::Zh, 80, 24);
    assert!(s.text().contains("只读"));
    s.dispatch(Action::Command(CommandId::Submit));
    let status = s.app.status.clone().expect("status");
    assert!(status.error);
    assert!(status.text.contains("只读"), "{}", status.text);
    assert!(status.text.contains("保存"), "names the refused command");
    assert!(s.app.overlays.is_empty());
}

#[test]
fn another_clerks_save_reloads_and_keeps_the_selection() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 160, 45);
    s.press("2");
    s.press("j");
    s.press("j");
    let selected = s.app.selected_member().cloned().expect("member");
    let community = s.app.members_of.expect("community");
    // A save through the same file, as another process's would be: a member whose id
    // sorts first, so every row below it moves down one.
    s.ledger
        .write(|tx| {
            tx.save(Member {
                id: Id::from_parts(1, 1),
                name: "新党员".into(),
                community: Some(community),
                ..Default::default()
            })?;
            let mut c: Community = tx.get(community)?.expect("community");
            c.name = "紫鑫城社区（新）".into();
            tx.save(c)
        })
        .expect("write");
    s.dispatch(Action::Tick);
    assert_eq!(s.app.members.rows()[0].name, "新党员");
    assert_eq!(s.app.members.selected_id(), Some(selected.id));
    assert_eq!(s.app.members.list.selected(), Some(3));
    assert_eq!(s.app.card_of, Some(selected.id));
    assert!(s.text().contains("紫鑫城社区（新）"));
    assert!(s.text().contains("已重新读取"));
}

#[test]
fn help_lists_the_keys_of_the_focused_list_and_the_palette_runs_commands() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 80, 24);
    s.press("?");
    let text = s.text();
    assert!(text.contains("按键帮助") && text.contains("筛选"));
    s.press("Esc");
    s.press(":");
    s.type_text("dwst");
    s.press("Enter");
    assert!(s.app.overlays.is_empty());
    assert_eq!(s.app.screen, Screen::Units, "单位视图 by pinyin initials");
}

#[test]
fn q_quits_at_once_with_nothing_typed() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 80, 24);
    assert!(!s.app.unsaved_work());
    let effects = update(&mut s.app, Action::Key(key('q')));
    assert_eq!(effects, [Effect::Quit]);
    assert!(s.app.quit);
}

fn key(c: char) -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::NONE,
    )
}

#[test]
fn any_size_down_to_one_by_one_draws_without_panic() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 80, 24);
    s.press("2");
    s.press("Enter");
    for (w, h) in [
        (1, 1),
        (2, 1),
        (10, 3),
        (39, 9),
        (40, 10),
        (41, 11),
        (60, 15),
        (119, 30),
        (120, 30),
        (200, 60),
    ] {
        s.resize(w, h);
        let text = s.text();
        if w < 40 || h < 10 {
            if w >= 30 {
                assert!(text.contains("终端太小"), "{w}x{h}: {text}");
            }
        } else {
            assert!(text.contains("报到台账"), "{w}x{h}");
        }
        s.press("j");
    }
}

/// A reviewer's window dragged about over SSH: 1,000 random sizes (1x1 included), with keys
/// in between and an overlay open part of the time, and never a panic or a line wider than the
/// screen.
#[test]
fn a_thousand_random_resizes() {
    let (_dir, ledger) = demo(200);
    let mut s = session(ledger, Lang::Zh, 80, 24);
    let mut rng = baodao::demo::rng::Rng::new(1000);
    let keys = [
        "j", "k", "Tab", "Enter", "Esc", "G", "g", "PageDown", "?", "Esc", "/", "z", "Esc",
    ];
    for i in 0..1000 {
        let (w, h) = if i % 97 == 0 {
            (1, 1)
        } else {
            (rng.range(1, 220) as u16, rng.range(1, 70) as u16)
        };
        s.resize(w, h);
        let buf = s.render();
        assert_eq!((buf.area.width, buf.area.height), (w, h));
        s.press(keys[rng.below(keys.len() as u64) as usize]);
    }
}
