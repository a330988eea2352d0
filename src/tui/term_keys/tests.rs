use super::*;

fn decode(chunks: &[&[u8]]) -> Vec<Decoded> {
    let mut d = Decoder::new();
    let mut out = VecDeque::new();
    for c in chunks {
        d.feed(c, &mut out);
    }
    out.into_iter().collect()
}

fn k(code: KeyCode) -> Decoded {
    Decoded::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn km(code: KeyCode, mods: KeyModifiers) -> Decoded {
    Decoded::Key(KeyEvent::new(code, mods))
}

#[test]
fn a_burst_of_text_is_every_key_in_order() {
    let got = decode(&["清理小区卫生死角ab".as_bytes()]);
    let text: String = got
        .iter()
        .map(|d| match d {
            Decoded::Key(KeyEvent {
                code: KeyCode::Char(c),
                ..
            }) => *c,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(text, "清理小区卫生死角ab");
}

#[test]
fn esc_then_a_function_key_in_one_read_is_two_keys() {
    assert_eq!(
        decode(&[b"\x1b\x1b[18~"]),
        vec![k(KeyCode::Esc), k(KeyCode::F(7))]
    );
    assert_eq!(
        decode(&[b"\x1b\x1bOR"]),
        vec![k(KeyCode::Esc), k(KeyCode::F(3))]
    );
    assert_eq!(
        decode(&[b"\x1b\x1b\x1b"]),
        vec![k(KeyCode::Esc), k(KeyCode::Esc), k(KeyCode::Esc)]
    );
}

#[test]
fn a_lone_esc_at_the_end_of_a_read_is_the_esc_key() {
    assert_eq!(
        decode(&[b"a\x1b"]),
        vec![k(KeyCode::Char('a')), k(KeyCode::Esc)]
    );
}

#[test]
fn esc_and_a_plain_key_read_together_come_as_alt_for_the_reader_to_split() {
    assert_eq!(
        decode(&[b"\x1ba"]),
        vec![km(KeyCode::Char('a'), KeyModifiers::ALT)]
    );
    assert_eq!(
        decode(&[b"\x1b\x7f"]),
        vec![km(KeyCode::Backspace, KeyModifiers::ALT)]
    );
}

#[test]
fn cursor_and_function_keys_with_modifiers() {
    assert_eq!(
        decode(&[b"\x1b[A\x1bOB\x1b[1;5C\x1b[3~\x1b[5;2~\x1b[24~\x1b[Z\x1b[H\x1b[4~"]),
        vec![
            k(KeyCode::Up),
            k(KeyCode::Down),
            km(KeyCode::Right, KeyModifiers::CONTROL),
            k(KeyCode::Delete),
            km(KeyCode::PageUp, KeyModifiers::SHIFT),
            k(KeyCode::F(12)),
            km(KeyCode::BackTab, KeyModifiers::SHIFT),
            k(KeyCode::Home),
            k(KeyCode::End),
        ]
    );
}

#[test]
fn control_keys_read_as_crossterm_reads_them() {
    assert_eq!(
        decode(&[b"\r\t\x7f\x13\x08"]),
        vec![
            k(KeyCode::Enter),
            k(KeyCode::Tab),
            k(KeyCode::Backspace),
            km(KeyCode::Char('s'), KeyModifiers::CONTROL),
            km(KeyCode::Char('h'), KeyModifiers::CONTROL),
        ]
    );
    assert_eq!(
        decode(&[b"G"]),
        vec![km(KeyCode::Char('G'), KeyModifiers::SHIFT)]
    );
}

#[test]
fn sequences_and_characters_split_across_reads_wait_for_the_rest() {
    let phrase = "紫鑫".as_bytes();
    assert_eq!(
        decode(&[&phrase[..2], &phrase[2..4], &phrase[4..]]),
        vec![k(KeyCode::Char('紫')), k(KeyCode::Char('鑫'))]
    );
    assert_eq!(decode(&[b"\x1b[1", b"8~"]), vec![k(KeyCode::F(7))]);
}

#[test]
fn a_paste_comes_whole_even_across_reads_and_with_escapes_inside() {
    assert_eq!(
        decode(&[b"x\x1b[200~ab\x1b", b"c\r\n\x1b[20", b"1~y"]),
        vec![
            k(KeyCode::Char('x')),
            Decoded::Paste("ab\x1bc\r\n".into()),
            k(KeyCode::Char('y')),
        ]
    );
}

#[test]
fn unknown_sequences_and_stray_bytes_are_dropped_whole() {
    assert_eq!(
        decode(&[b"\x1b[99x\xffa\x1b[1;2R"]),
        vec![
            k(KeyCode::Char('a')),
            km(KeyCode::F(3), KeyModifiers::SHIFT)
        ]
    );
}
