use super::*;

fn typed(s: &str) -> TextInput {
    let mut input = TextInput::new();
    for c in s.chars() {
        input.apply(Edit::Insert(c));
    }
    input
}

fn rendered(input: &TextInput, cols: u16) -> String {
    let area = Rect::new(0, 0, cols, 1);
    let mut buf = Buffer::empty(area);
    input.render(area, &mut buf);
    crate::tui::screenshot::to_text(&buf)
}

#[test]
fn typing_chinese_moves_the_caret_two_columns_per_character() {
    let input = typed("张三");
    assert_eq!(input.value(), "张三");
    assert_eq!(input.caret_column(), 4);
    assert_eq!(
        input.cursor_position(Rect::new(10, 3, 20, 1)),
        Position::new(14, 3)
    );
}

#[test]
fn editing_in_the_middle_of_mixed_text() {
    let mut input = typed("紫鑫城3栋");
    input.apply(Edit::Left);
    input.apply(Edit::Left);
    assert_eq!(input.caret_column(), 6);
    input.apply(Edit::Insert('社'));
    input.apply(Edit::Insert('区'));
    assert_eq!(input.value(), "紫鑫城社区3栋");
    input.apply(Edit::Backspace);
    assert_eq!(input.value(), "紫鑫城社3栋");
    input.apply(Edit::Delete);
    assert_eq!(input.value(), "紫鑫城社栋");
    input.apply(Edit::Home);
    input.apply(Edit::Delete);
    assert_eq!(input.value(), "鑫城社栋");
    input.apply(Edit::End);
    input.apply(Edit::Right);
    assert_eq!(input.cursor(), input.value().len());
    input.apply(Edit::Backspace);
    assert_eq!(input.value(), "鑫城社");
}

#[test]
fn cursor_moves_by_grapheme_not_by_char() {
    // `e` + combining acute is one grapheme: one Left steps over both code points.
    let mut input = typed("cafe\u{301}");
    input.apply(Edit::Left);
    assert_eq!(input.cursor(), 3);
    input.apply(Edit::Right);
    input.apply(Edit::Backspace);
    assert_eq!(input.value(), "caf");
}

#[test]
fn kill_and_word_deletion() {
    let mut input = typed("政策法规 宣传岗 abc");
    input.apply(Edit::DeleteWord);
    assert_eq!(input.value(), "政策法规 宣传岗 ");
    input.apply(Edit::DeleteWord);
    assert_eq!(input.value(), "政策法规 ");
    input.apply(Edit::Left);
    input.apply(Edit::Left);
    input.apply(Edit::KillToEnd);
    assert_eq!(input.value(), "政策法");
    input.apply(Edit::Left);
    input.apply(Edit::KillToStart);
    assert_eq!(input.value(), "法");
    assert_eq!(input.cursor(), 0);
    assert!(
        !input.apply(Edit::KillToStart),
        "nothing left of the cursor"
    );
}

#[test]
fn paste_becomes_one_line() {
    let mut input = typed("地址：");
    assert!(input.apply(Edit::Paste("南宁街道\r\n紫鑫城\t3栋\u{7}".into())));
    assert_eq!(input.value(), "地址：南宁街道 紫鑫城 3栋");
    assert_eq!(input.cursor(), input.value().len());
}

#[test]
fn keys_become_edits() {
    let shift_a = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
    assert_eq!(Edit::from_key(&shift_a), Some(Edit::Insert('A')));
    let ctrl_a = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL);
    assert_eq!(Edit::from_key(&ctrl_a), None);
    assert_eq!(Edit::from_command(CommandId::LineStart), Some(Edit::Home));
    assert_eq!(Edit::from_command(CommandId::Quit), None);
}

#[test]
fn narrow_field_scrolls_to_keep_the_caret_visible() {
    let mut input = TextInput::new();
    input.set_width(8);
    for c in "曲靖市麒麟区南宁街道".chars() {
        input.apply(Edit::Insert(c));
    }
    let area = Rect::new(0, 0, 8, 1);
    // Caret after the last character: the tail shows, then the caret cell.
    assert_eq!(rendered(&input, 8), "宁街道");
    assert_eq!(input.cursor_position(area).x, 6);
    // Walking left keeps the view until the caret reaches the left edge.
    input.apply(Edit::Left);
    input.apply(Edit::Left);
    assert_eq!(rendered(&input, 8), "宁街道");
    assert_eq!(input.cursor_position(area).x, 2);
    input.apply(Edit::Left);
    input.apply(Edit::Left);
    assert_eq!(rendered(&input, 8), "南宁街道");
    assert_eq!(input.cursor_position(area).x, 0);
    input.apply(Edit::Left);
    assert_eq!(rendered(&input, 8), "区南宁街");
    input.apply(Edit::Home);
    assert_eq!(rendered(&input, 8), "曲靖市麒");
    assert_eq!(input.cursor_position(area).x, 0);
}

#[test]
fn scrolling_never_splits_a_wide_char() {
    // a(0) 紫(1-2) 鑫(3-4) 城(5-6), caret cell at 7.
    let mut input = TextInput::with_value("a紫鑫城");
    input.set_width(4);
    assert_eq!(input.visible_scroll(4), 5);
    assert_eq!(rendered(&input, 4), "城");
    input.set_width(6);
    assert_eq!(input.visible_scroll(6), 3);
    assert_eq!(rendered(&input, 6), "鑫城");
    // At the right edge a character that does not fit is left out, not cut.
    let mut input = TextInput::with_value("紫鑫城");
    input.set_width(3);
    input.apply(Edit::Home);
    let area = Rect::new(0, 0, 3, 1);
    let mut buf = Buffer::empty(area);
    (&input).render(area, &mut buf);
    assert_eq!(buf[(0, 0)].symbol(), "紫");
    assert_eq!(buf[(2, 0)].symbol(), " ");
}

#[test]
fn caret_is_always_inside_the_field() {
    let text = "在职党员到社区报到 abc 13812348588 紫鑫城社区";
    for cols in 1..30u16 {
        let mut input = TextInput::with_value(text);
        input.set_width(cols);
        let area = Rect::new(3, 2, cols, 1);
        for step in 0..60 {
            let edit = if step < 40 { Edit::Left } else { Edit::Right };
            input.apply(edit);
            let pos = input.cursor_position(area);
            assert!(
                pos.x >= area.x && pos.x < area.x + cols,
                "cols {cols} step {step}"
            );
            let scroll = input.visible_scroll(cols);
            assert!(input.caret_column() >= scroll);
            assert!(input.caret_column() < scroll + cols as usize);
        }
    }
}

#[test]
fn placeholder_shows_only_when_empty() {
    let input = TextInput::new().with_placeholder("姓名或拼音首字母");
    assert_eq!(rendered(&input, 10), "姓名或拼…");
    let input = TextInput::with_value("张").with_placeholder("姓名");
    assert_eq!(rendered(&input, 10), "张");
}
