//! One key, one meaning, and a key-hint line that names only keys that work where the clerk
//! is: Ctrl-p opens the palette from a list, a form and a popup alike; every tab of F8 and the
//! F7 lists hint only what their keys do there, and a key of another tab is refused naming the
//! keys of this one.

#[path = "tui_common.rs"]
mod tui;

use baodao::i18n::Lang;
use baodao::tui::headless::Headless;
use baodao::tui::layout::Screen;
use baodao::tui::overlay::Overlay;

fn status(s: &Headless) -> String {
    s.app
        .status
        .as_ref()
        .map(|x| x.text.clone())
        .unwrap_or_default()
}

/// The key-hint line (the screen's last but one), as (key, name) pairs.
fn hints(s: &Headless) -> Vec<(String, String)> {
    let text = s.text();
    let height = s.render().area.height as usize;
    let line = text.lines().nth(height - 2).unwrap_or("");
    line.split("  ")
        .filter(|p| !p.trim().is_empty())
        .filter_map(|p| {
            let (k, n) = p.trim().split_once(' ')?;
            Some((k.to_string(), n.to_string()))
        })
        .collect()
}

fn top_is_palette(s: &Headless) -> bool {
    matches!(s.app.overlays.last(), Some(Overlay::Palette(_)))
}

#[test]
fn ctrl_p_opens_the_palette_from_a_list_a_form_and_a_popup() {
    let (_dir, ledger) = tui::demo(60);
    let mut s = tui::session(ledger, Lang::Zh, 80, 24);
    s.press("2");
    s.press("Ctrl-p");
    assert!(top_is_palette(&s), "from a list");
    s.press("Ctrl-p");
    assert!(s.app.overlays.is_empty(), "Ctrl-p again closes it");

    // A member's detail: Ctrl-p was "up" in every popup.
    s.press("Enter");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Detail(_))));
    s.press("Ctrl-p");
    assert!(top_is_palette(&s), "from a detail");
    s.press("Esc");
    s.press("Esc");

    // The add-member form, the caret in a field.
    s.press("a");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Form(_))));
    s.press("Ctrl-p");
    assert!(top_is_palette(&s), "from a form");
    s.press("Esc");
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Form(_))));

    // F8, a screen of its own keys.
    s.press("Esc");
    s.press("F8");
    s.press("Ctrl-p");
    assert!(top_is_palette(&s), "from F8");
}

#[test]
fn every_f8_tab_hints_only_its_own_keys_and_refuses_the_others() {
    let (_dir, ledger) = tui::demo(60);
    let mut s = tui::session(ledger, Lang::Zh, 120, 30);
    s.press("F8");
    let request_keys = ["f", "d", "a", "c", "x", "o"];
    let household_keys = ["H", "p", "v", "P"];
    for tab in 0..4 {
        let shown = hints(&s);
        let keys: Vec<&str> = shown.iter().map(|(k, _)| k.as_str()).collect();
        assert!(keys.contains(&"e"), "tab {tab}: {shown:?}");
        assert!(keys.contains(&"Esc"), "tab {tab}: {shown:?}");
        // Enter opens nothing on this screen.
        assert!(!keys.contains(&"Enter"), "tab {tab}: {shown:?}");
        let (mine, others): (&[&str], Vec<&str>) = match tab {
            0 => (&request_keys, household_keys.to_vec()),
            1 => (&household_keys, request_keys.to_vec()),
            _ => (
                &[],
                request_keys
                    .iter()
                    .chain(&household_keys)
                    .copied()
                    .collect(),
            ),
        };
        for k in mine {
            assert!(keys.contains(k), "tab {tab} lacks {k}: {shown:?}");
        }
        for k in &others {
            assert!(!keys.contains(k), "tab {tab} offers {k}: {shown:?}");
            s.press(k);
            let said = status(&s);
            assert!(said.contains("此处不能"), "tab {tab}, {k}: {said}");
            // The refusal names this tab's keys, from the same list as the hints.
            assert!(said.contains("e 修改"), "{said}");
            assert!(
                matches!(s.app.overlays.last(), Some(Overlay::Demands(_))),
                "tab {tab}, {k} opened something"
            );
        }
        // Every key the line names works here: none is refused.
        for (k, _) in &shown {
            if [
                "Esc", "Ctrl-c", "?", ":", "Tab", "F1", "r", "F5", "u", "Ctrl-r",
            ]
            .contains(&k.as_str())
            {
                continue;
            }
            s.app.status = None;
            s.press(k);
            assert!(
                !status(&s).contains("此处不能"),
                "tab {tab}: {k} hinted but refused: {}",
                status(&s)
            );
            // Back to the tab: close whatever the key opened (a form, a picker, a prompt).
            while !matches!(s.app.overlays.last(), Some(Overlay::Demands(d)) if d.ask.is_none()) {
                s.press("Esc");
                if matches!(s.app.overlays.last(), Some(Overlay::Confirm(_))) {
                    s.press("y");
                }
            }
        }
        s.press("Tab");
    }
}

#[test]
fn f7_does_not_offer_the_panes_beneath_it() {
    let (_dir, ledger) = tui::demo(60);
    let mut s = tui::session(ledger, Lang::En, 80, 24);
    s.press("F7");
    let shown = hints(&s);
    assert!(shown.iter().any(|(k, _)| k == "Esc"), "{shown:?}");
    assert!(shown.iter().any(|(k, _)| k == "Tab"), "{shown:?}");
    assert!(
        !s.text().contains("Tab switches"),
        "no prose keys:\n{}",
        s.text()
    );
    // U toggled the units view unseen beneath the lists.
    s.press("U");
    assert_eq!(s.app.screen, Screen::Main);
    assert!(status(&s).contains("does not work here"), "{}", status(&s));
    assert!(matches!(s.app.overlays.last(), Some(Overlay::Readiness(_))));
    // Nor does the palette over F7 list it.
    s.press("Ctrl-p");
    s.type_text("units");
    let Some(Overlay::Palette(p)) = s.app.overlays.last() else {
        panic!("palette");
    };
    assert!(
        p.matches()
            .all(|c| c != baodao::tui::command::CommandId::Units),
        "the palette offers the units view over F7"
    );
}

/// The commands the help (`?`) lists where the clerk is, the help closed again.
fn help_lists(s: &mut Headless) -> Vec<baodao::tui::command::CommandId> {
    use baodao::tui::widgets::help::HelpLine;
    s.press("?");
    let Some(Overlay::Help(h)) = s.app.overlays.last() else {
        panic!("help did not open");
    };
    let listed = h
        .lines()
        .iter()
        .filter_map(|l| match l {
            HelpLine::Binding { command, .. } => Some(*command),
            _ => None,
        })
        .collect();
    s.press("Esc");
    listed
}

#[test]
fn help_lists_only_what_works_where_the_clerk_is() {
    use baodao::tui::command::CommandId;
    let (_dir, ledger) = tui::demo(60);
    let mut s = tui::session(ledger, Lang::En, 80, 24);
    // Over the lists the panes' keys work, and help names them.
    let main = help_lists(&mut s);
    assert!(main.contains(&CommandId::Units), "{main:?}");
    assert!(main.contains(&CommandId::FocusMembers), "{main:?}");
    assert!(main.contains(&CommandId::History), "{main:?}");

    for (screen, tabs) in [("F7", 1), ("F8", 4)] {
        s.press(screen);
        for tab in 0..tabs {
            let listed = help_lists(&mut s);
            assert!(!listed.is_empty(), "{screen} tab {tab}");
            // U, 2 and F2 were listed here and refused.
            for pane in [
                CommandId::Units,
                CommandId::FocusMembers,
                CommandId::History,
            ] {
                assert!(!listed.contains(&pane), "{screen} tab {tab}: {listed:?}");
            }
            // Every command it lists is one the footer, palette and refusal allow too.
            for c in &listed {
                assert!(
                    s.app.usable(*c),
                    "{screen} tab {tab}: {c:?} listed, refused"
                );
            }
            if screen == "F8" {
                let requests = tab == 0;
                assert_eq!(listed.contains(&CommandId::Dispatch), requests, "tab {tab}");
                assert_eq!(
                    listed.contains(&CommandId::AddHousehold),
                    tab == 1,
                    "tab {tab}"
                );
            }
            s.press("Tab");
        }
        s.press("Esc");
        assert!(s.app.overlays.is_empty(), "{screen} closed");
    }
}

#[test]
fn a_hint_line_too_long_keeps_the_way_out_and_help_at_its_end() {
    for lang in [Lang::En, Lang::Zh] {
        let (_dir, ledger) = tui::demo(60);
        let mut s = tui::session(ledger, lang, 80, 24);
        let (close, more) = match lang {
            Lang::En => ("Close", "more"),
            Lang::Zh => ("关闭", "更多"),
        };
        s.press("F8");
        for tab in 0..4 {
            let shown = hints(&s);
            let n = shown.len();
            assert!(n >= 3, "{lang:?} tab {tab}: {shown:?}");
            // Esc and help always end it, help then saying there is more than the line.
            assert_eq!(shown[n - 2], ("Esc".into(), close.into()), "{shown:?}");
            assert_eq!(shown[n - 1], ("?".into(), more.into()), "{shown:?}");
            // The tab's own first keys stay: the ones left out are the last in line.
            assert_eq!(shown[0].0, "e", "{lang:?} tab {tab}: {shown:?}");
            if tab == 0 {
                for k in ["f", "d", "a"] {
                    assert!(shown.iter().any(|(x, _)| x == k), "{lang:?}: {shown:?}");
                }
            }
            // No key is named twice or cut: every name is a command's whole name here.
            let line = s.text().lines().nth(22).unwrap_or("").to_string();
            assert!(!line.contains('…'), "{line}");
            s.press("Tab");
        }
        s.press("Esc");
        // A form, where `?` is typed: help is F1, and the way out is Esc (cancel).
        s.press("2");
        s.press("a");
        let shown = hints(&s);
        let n = shown.len();
        assert_eq!(shown[n - 1].0, "F1", "{shown:?}");
        assert_eq!(shown[n - 2].0, "Esc", "{shown:?}");
    }
}
