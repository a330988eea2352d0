use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::*;
use crate::i18n::Lang;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn chords_parse_and_format_both_ways() {
    for s in [
        "j",
        "G",
        "?",
        ":",
        "/",
        "Ctrl-r",
        "Alt-x",
        "Shift-Tab",
        "F1",
        "F12",
        "PageDown",
        "Space",
        "Comma",
        "Ctrl--",
        "-",
        "Enter",
        "Esc",
        "Ctrl-Alt-Delete",
        "Backspace",
    ] {
        let chord = KeyChord::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        assert_eq!(chord.to_string(), s);
        assert_eq!(KeyChord::parse(&chord.to_string()), Ok(chord));
    }
    assert_eq!(KeyChord::parse("C-r"), KeyChord::parse("Ctrl-r"));
    assert_eq!(KeyChord::parse("ctrl-r"), KeyChord::parse("Ctrl-r"));
    assert_eq!(KeyChord::parse("pgdn"), KeyChord::parse("PageDown"));
    assert_eq!(KeyChord::parse("Shift-g"), KeyChord::parse("G"));
    assert_ne!(KeyChord::parse("g"), KeyChord::parse("G"));
}

#[test]
fn bad_chords_say_why() {
    assert_eq!(KeyChord::parse(""), Err(ChordError::Empty));
    assert_eq!(
        KeyChord::parse("Ctrl-Foo"),
        Err(ChordError::UnknownKey("Foo".into()))
    );
    assert_eq!(
        KeyChord::parse("Hyper-x"),
        Err(ChordError::UnknownModifier("Hyper".into()))
    );
    assert_eq!(
        KeyChord::parse("F25"),
        Err(ChordError::UnknownKey("F25".into()))
    );
}

#[test]
fn terminal_events_match_parsed_chords() {
    // What crossterm reports for Shift-g, Shift-Tab and Ctrl-r.
    let g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(KeyChord::from_event(&g), KeyChord::parse("G").unwrap());
    let backtab = key(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(
        KeyChord::from_event(&backtab),
        KeyChord::parse("Shift-Tab").unwrap()
    );
    let ctrl_r = key(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(
        KeyChord::from_event(&ctrl_r),
        KeyChord::parse("Ctrl-r").unwrap()
    );
}

#[test]
fn resolves_in_the_context_stack() {
    let map = Keymap::defaults();
    let list = [Context::List, Context::Global];
    assert_eq!(map.resolve(&list, &ch('j')), Some(CommandId::MoveDown));
    assert_eq!(map.resolve(&list, &ch('q')), Some(CommandId::Quit));
    assert_eq!(map.resolve(&list, &ch('?')), Some(CommandId::Help));
    assert_eq!(
        map.resolve(&list, &key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Some(CommandId::FocusPrev)
    );
    assert_eq!(map.resolve(&list, &ch('z')), None);
    // Releases are not presses.
    let mut release = ch('j');
    release.kind = KeyEventKind::Release;
    assert_eq!(map.resolve(&list, &release), None);
}

#[test]
fn a_text_field_keeps_printable_keys() {
    let map = Keymap::defaults();
    let form = [Context::Input, Context::Form, Context::Global];
    assert_eq!(map.resolve(&form, &ch('q')), None);
    assert_eq!(map.resolve(&form, &ch('j')), None);
    assert_eq!(map.resolve(&form, &ch('?')), None);
    let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(map.resolve(&form, &ctrl('w')), Some(CommandId::DeleteWord));
    assert_eq!(map.resolve(&form, &ctrl('s')), Some(CommandId::Submit));
    assert_eq!(map.resolve(&form, &ctrl('c')), Some(CommandId::Quit));
    assert_eq!(
        map.resolve(&form, &key(KeyCode::Esc, KeyModifiers::NONE)),
        Some(CommandId::Cancel)
    );
}

#[test]
fn a_chord_with_ctrl_means_one_command_everywhere() {
    // Ctrl-p was the palette in a list and "up" in a popup; a clerk learns a Ctrl chord once.
    let map = Keymap::defaults();
    let mut seen: HashMap<KeyChord, (Context, CommandId)> = HashMap::new();
    for spec in COMMANDS {
        for ctx in Context::ALL {
            for k in map.keys(ctx, spec.id) {
                if !k.mods.contains(KeyModifiers::CONTROL) {
                    continue;
                }
                if let Some((c0, other)) = seen.insert(*k, (ctx, spec.id)) {
                    assert_eq!(
                        other,
                        spec.id,
                        "{k} is {} in {} and {} in {}",
                        other.id(),
                        c0.id(),
                        spec.id.id(),
                        ctx.id()
                    );
                }
            }
        }
    }
    let palette = KeyChord::parse("Ctrl-p").expect("chord");
    for stack in [
        &[Context::List, Context::Global][..],
        &[Context::Overlay, Context::Global],
        &[Context::Input, Context::Form, Context::Global],
        &[Context::Input, Context::Overlay, Context::Global],
        &[Context::Demands, Context::Overlay, Context::Global],
    ] {
        let ev = KeyEvent::new(palette.code, palette.mods);
        assert_eq!(
            map.resolve(stack, &ev),
            Some(CommandId::Palette),
            "{stack:?}"
        );
    }
}

#[test]
fn defaults_have_no_two_commands_on_one_key_in_a_context() {
    for ctx in Context::ALL {
        let mut seen = std::collections::HashMap::new();
        for spec in COMMANDS {
            for k in Keymap::defaults().keys(ctx, spec.id) {
                if let Some(other) = seen.insert(*k, spec.id) {
                    panic!("{}: {k} is both {:?} and {:?}", ctx.id(), other, spec.id);
                }
            }
        }
    }
}

#[test]
fn help_lists_only_the_keys_that_work() {
    let map = Keymap::defaults();
    let sections = map.help(&[Context::Input, Context::Overlay, Context::Global]);
    let global = sections
        .iter()
        .find(|s| s.context == Context::Global)
        .expect("global section");
    let quit = global
        .entries
        .iter()
        .find(|e| e.command == CommandId::Quit)
        .expect("quit");
    // `q` would be typed into the field; only Ctrl-c quits here.
    assert_eq!(format_keys(&quit.keys), "Ctrl-c");
    // `:` is typed into the field; Ctrl-p still opens (or closes) the palette.
    let palette = global
        .entries
        .iter()
        .find(|e| e.command == CommandId::Palette)
        .expect("palette");
    assert_eq!(format_keys(&palette.keys), "Ctrl-p");
    let list = map.help(&[Context::List, Context::Global]);
    assert_eq!(list[0].context, Context::List);
    assert!(
        list[0]
            .entries
            .iter()
            .any(|e| e.command == CommandId::MoveDown && format_keys(&e.keys) == "j, Down")
    );
}

#[test]
fn config_overrides_defaults() {
    let text = "# my keys\n\nlist.move_down = \"n, Down\"  # like less\nglobal.quit = \"Ctrl-q\"\n";
    let (map, errors) = Keymap::from_config(text);
    assert!(errors.is_empty(), "{errors:?}");
    let list = [Context::List, Context::Global];
    assert_eq!(map.resolve(&list, &ch('n')), Some(CommandId::MoveDown));
    assert_eq!(map.resolve(&list, &ch('j')), None);
    assert_eq!(map.resolve(&list, &ch('q')), None);
    assert_eq!(
        map.resolve(&list, &key(KeyCode::Char('q'), KeyModifiers::CONTROL)),
        Some(CommandId::Quit)
    );
}

#[test]
fn rebinding_a_key_takes_it_from_its_default_command() {
    let (map, errors) = Keymap::from_config("list.top = \"j\"");
    assert!(errors.is_empty());
    assert_eq!(
        map.lookup(Context::List, KeyChord::parse("j").unwrap()),
        Some(CommandId::Top)
    );
    assert_eq!(
        format_keys(map.keys(Context::List, CommandId::MoveDown)),
        "Down"
    );
}

#[test]
fn empty_value_unbinds() {
    let (map, errors) = Keymap::from_config("global.reveal = \"\"");
    assert!(errors.is_empty());
    assert!(map.keys(Context::Global, CommandId::Reveal).is_empty());
}

#[test]
fn bad_lines_name_their_line_and_keep_the_defaults() {
    let text = "\
global.quit = \"Ctrl-q\"
list.move_down j
list.leap = \"x\"
lists.move_down = \"x\"
form.move_down = \"x\"
list.move_up = k
list.move_up = \"Ctrl-Foo\"
input.line_start = \"a\"
list.top = \"t\"
list.bottom = \"t\"
global.quit = \"Ctrl-x\"
move_down = \"x\"
";
    let (map, errors) = Keymap::from_config(text);
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![2, 3, 4, 5, 6, 7, 8, 10, 11, 12]);
    assert_eq!(errors[0].kind, ConfigErrorKind::NoEquals);
    assert_eq!(
        errors[1].kind,
        ConfigErrorKind::UnknownCommand("leap".into())
    );
    assert_eq!(
        errors[2].kind,
        ConfigErrorKind::UnknownContext("lists".into())
    );
    assert!(matches!(
        errors[3].kind,
        ConfigErrorKind::NotInContext { .. }
    ));
    assert_eq!(errors[4].kind, ConfigErrorKind::NotQuoted);
    assert!(matches!(errors[5].kind, ConfigErrorKind::BadKey { .. }));
    assert_eq!(errors[6].kind, ConfigErrorKind::TypingKey("a".into()));
    assert_eq!(
        errors[7].kind,
        ConfigErrorKind::KeyTaken {
            key: "t".into(),
            line: 9
        }
    );
    assert_eq!(errors[8].kind, ConfigErrorKind::Repeated { line: 1 });
    // The good lines applied; the bad ones left the defaults.
    assert_eq!(
        format_keys(map.keys(Context::Global, CommandId::Quit)),
        "Ctrl-q"
    );
    assert_eq!(
        format_keys(map.keys(Context::List, CommandId::MoveUp)),
        "k, Up"
    );
    assert_eq!(
        format_keys(map.keys(Context::List, CommandId::Bottom)),
        "G, End"
    );
    assert_eq!(
        format_keys(map.keys(Context::Input, CommandId::LineStart)),
        "Home, Ctrl-a"
    );
    // Messages name the line in both languages.
    let zh = errors[5].message(Lang::Zh);
    assert!(zh.contains('7') && zh.contains("Foo"), "{zh}");
    let en = errors[0].message(Lang::En);
    assert!(en.contains("line 2"), "{en}");
}

#[test]
fn generated_config_reproduces_the_keymap() {
    let (custom, errors) = Keymap::from_config("list.move_down = \"n\"\nglobal.help = \"F1\"");
    assert!(errors.is_empty());
    let (again, errors) = Keymap::from_config(&to_config(&custom));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(again, custom);
}

#[test]
fn a_config_leaving_no_quit_key_is_refused_whole() {
    let text = "global.quit = \"\"\nlist.move_down = \"n\"\n";
    let (map, errors) = Keymap::from_config(text);
    assert!(
        errors.iter().any(|e| e.kind == ConfigErrorKind::NoQuit),
        "{errors:?}"
    );
    assert!(!map.keys(Context::Global, CommandId::Quit).is_empty());
    // Defaults kept: the file's other line did not apply either.
    assert_eq!(map, Keymap::defaults());
    let msg = errors
        .iter()
        .map(|e| e.message(Lang::En))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(msg.contains("global.quit"), "{msg}");
    // Moving quit to another key is fine.
    let (map, errors) = Keymap::from_config("global.quit = \"F12\"\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_ne!(map, Keymap::defaults());
}

#[test]
fn a_config_line_with_a_control_character_is_refused() {
    let (map, errors) = Keymap::from_config("list.move_down = \"n\u{1b}[2J\"\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, ConfigErrorKind::Character("U+001B".into()));
    assert!(errors[0].message(Lang::En).contains("U+001B"));
    assert_eq!(map, Keymap::defaults());
}

#[cfg(unix)]
#[test]
fn keys_toml_must_be_a_small_regular_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A named pipe: refused at once, never read (reading it would wait for a writer forever).
    let fifo = dir.path().join("keys.toml");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (map, errors) = Keymap::load_from(&fifo);
    assert_eq!(map, Keymap::defaults());
    assert!(matches!(errors[0].kind, ConfigErrorKind::NotRegular(_)));
    // A directory.
    let (_, errors) = Keymap::load_from(dir.path());
    assert!(matches!(errors[0].kind, ConfigErrorKind::NotRegular(_)));
    // Over the size limit, even when every line is a comment.
    let big = dir.path().join("big.toml");
    let line = "# a comment line of padding\n";
    let text = line.repeat((config::MAX_BYTES as usize / line.len()) + 2);
    std::fs::write(&big, text).expect("write");
    let (map, errors) = Keymap::load_from(&big);
    assert_eq!(map, Keymap::defaults());
    assert!(matches!(errors[0].kind, ConfigErrorKind::TooLarge(_)));
    assert!(errors[0].message(Lang::En).contains("64 KB"));
    // A missing file is no error.
    let (_, errors) = Keymap::load_from(&dir.path().join("none.toml"));
    assert!(errors.is_empty());
}

#[test]
fn esc_read_with_an_unbound_key_splits_but_a_bound_alt_chord_stays() {
    let map = Keymap::defaults();
    let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
    assert_eq!(
        map.split_alt(&alt(KeyCode::Char('a'))),
        Some([
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)
        ])
    );
    assert_eq!(map.split_alt(&alt(KeyCode::Backspace)), None);
    assert_eq!(
        map.split_alt(&KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)),
        None
    );
}
