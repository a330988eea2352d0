use super::*;

fn area(text: &str) -> TextArea {
    let mut a = TextArea::new("现实表现 · 张伟", text, "note", "leave");
    a.fit(Rect::new(0, 0, 80, 24));
    a
}

fn typed(a: &mut TextArea, text: &str) {
    for c in text.chars() {
        a.edit(Edit::Insert(c));
    }
}

#[test]
fn wraps_at_the_width_and_at_line_breaks() {
    assert_eq!(wrap("", 10), [(0, 0)]);
    // Five 汉字 are ten columns: the sixth starts a row.
    let s = "一二三四五六";
    assert_eq!(wrap(s, 10), [(0, 15), (15, 18)]);
    assert_eq!(wrap("ab\ncd", 10), [(0, 3), (3, 5)]);
    assert_eq!(wrap("ab\n", 10), [(0, 3), (3, 3)]);
}

#[test]
fn the_whole_text_is_drawn_not_its_last_characters() {
    let long = "工作认真负责，积极参加社区志愿服务，".repeat(8);
    let a = area(&long);
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
    a.render(
        Rect::new(0, 0, 80, 24),
        &mut buf,
        &Theme::new(crate::tui::theme::ColorMode::None),
    );
    let text: String = (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let shown: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"║═╔╗╚╝".contains(*c))
        .collect();
    assert!(shown.contains("工作认真负责，积极参加"), "{text}");
    assert_eq!(shown.matches("志愿服务").count(), 8, "{text}");
}

#[test]
fn enter_starts_a_line_and_the_arrows_move_by_row() {
    let mut a = area("");
    typed(&mut a, "第一行");
    assert_eq!(a.apply(CommandId::NewLine), Outcome::Typing);
    typed(&mut a, "第二行更长一些");
    assert_eq!(a.value(), "第一行\n第二行更长一些");
    a.apply(CommandId::MoveUp);
    // From column 14 of row 2 to the end of row 1 (6 columns), before its line break.
    typed(&mut a, "！");
    assert_eq!(a.value(), "第一行！\n第二行更长一些");
    a.apply(CommandId::MoveDown);
    a.edit(Edit::Home);
    typed(&mut a, "※");
    assert_eq!(a.value(), "第一行！\n※第二行更长一些");
    a.edit(Edit::End);
    a.edit(Edit::Backspace);
    assert_eq!(a.value(), "第一行！\n※第二行更长一");
}

#[test]
fn ctrl_s_keeps_the_text_and_esc_on_a_change_asks_first() {
    let mut a = area("原有评语");
    assert_eq!(a.apply(CommandId::Cancel), Outcome::Cancelled, "unchanged");
    let mut a = area("原有评语");
    typed(&mut a, "，补充");
    assert_eq!(a.apply(CommandId::Cancel), Outcome::Typing, "asks first");
    typed(&mut a, "。");
    assert_eq!(
        a.apply(CommandId::Cancel),
        Outcome::Typing,
        "typing again resets"
    );
    assert_eq!(a.apply(CommandId::Cancel), Outcome::Cancelled);
    let mut a = area("原有评语");
    typed(&mut a, "，补充 ");
    assert_eq!(
        a.apply(CommandId::Submit),
        Outcome::Saved("原有评语，补充".into())
    );
}

#[test]
fn pasted_text_keeps_its_lines_and_loses_refused_characters() {
    let mut a = area("");
    a.edit(Edit::Paste("一\r\n二\u{202E}\t三".into()));
    assert_eq!(a.value(), "一\n二 三");
}
