use super::*;
use crate::tui::text::width;

#[test]
fn moves_clamp_at_both_ends() {
    let mut s = ListState::new(5);
    assert_eq!(s.selected(), Some(0));
    s.up();
    assert_eq!(s.selected(), Some(0));
    s.bottom();
    assert_eq!(s.selected(), Some(4));
    s.down();
    assert_eq!(s.selected(), Some(4));
    s.move_by(-100);
    assert_eq!(s.selected(), Some(0));
    let mut empty = ListState::new(0);
    empty.down();
    empty.bottom();
    assert_eq!(empty.selected(), None);
}

#[test]
fn pages_by_the_visible_height_and_scrolls() {
    let mut s = ListState::new(100);
    s.set_height(10);
    s.page_down();
    assert_eq!(s.selected(), Some(9));
    assert_eq!(s.offset(), 0);
    s.page_down();
    assert_eq!(s.selected(), Some(18));
    assert_eq!(s.offset(), 9);
    assert_eq!(s.visible_range(10), 9..19);
    s.bottom();
    assert_eq!(s.visible_range(10), 90..100);
    s.page_up();
    assert_eq!(s.selected(), Some(90));
    assert!(s.apply(CommandId::Top));
    assert_eq!(s.visible_range(10), 0..10);
    assert!(!s.apply(CommandId::Quit));
}

#[test]
fn visible_range_follows_the_selection_at_any_height() {
    let mut s = ListState::new(30);
    s.select(Some(25));
    for rows in 0..40 {
        let r = s.visible_range(rows);
        assert!(r.end <= 30);
        if rows > 0 {
            assert!(r.contains(&25), "rows {rows}: {r:?}");
        }
    }
}

#[derive(Debug)]
struct Member {
    id: u32,
}

#[test]
fn refresh_keeps_the_selected_record() {
    let rows: Vec<Member> = (0..50).map(|id| Member { id }).collect();
    let mut s = ListState::new(rows.len());
    s.set_height(10);
    assert!(s.select_id(&rows, |m| m.id, &20));
    let line = s.selected().unwrap_or(0) - s.offset();
    let key = rows[s.selected().unwrap_or(0)].id;
    // Five new records arrive before it and some go away after it.
    let reloaded: Vec<Member> = (100..105).chain(0..40).map(|id| Member { id }).collect();
    assert!(s.refresh(&reloaded, |m| m.id, Some(&key)));
    assert_eq!(s.selected(), Some(25));
    assert_eq!(reloaded[25].id, 20);
    assert_eq!(
        s.selected().unwrap_or(0) - s.offset(),
        line,
        "same screen line"
    );
}

#[test]
fn refresh_without_the_record_keeps_the_index() {
    let rows: Vec<Member> = (0..10).map(|id| Member { id }).collect();
    let mut s = ListState::new(rows.len());
    s.select(Some(7));
    let fewer: Vec<Member> = (0..5).map(|id| Member { id }).collect();
    assert!(!s.refresh(&fewer, |m| m.id, Some(&7)));
    assert_eq!(s.selected(), Some(4));
    assert!(!s.refresh(&[] as &[Member], |m| m.id, Some(&7)));
    assert_eq!(s.selected(), None);
    assert!(!s.select_id(&fewer, |m| m.id, &99));
}

#[test]
fn columns_share_the_width_exactly() {
    let cols = [
        Column::new("序号", ColumnWidth::Fixed(4)),
        Column::new("姓名", ColumnWidth::Fill(1)),
        Column::new("住址", ColumnWidth::Fill(2)),
        Column::new("手机", ColumnWidth::Fixed(11)),
    ];
    for total in 0..120u16 {
        let w = layout_columns(&cols, total);
        let sum: u16 = w.iter().sum::<u16>() + 3;
        if total >= 3 + 15 {
            assert_eq!(sum, total, "at {total}: {w:?}");
        } else {
            assert!(w.iter().sum::<u16>() <= total.saturating_sub(3));
        }
    }
    assert_eq!(layout_columns(&cols, 80), vec![4, 20, 42, 11]);
}

#[test]
fn rows_are_cut_and_padded_by_display_width() {
    let cols = [
        Column::new("姓名", ColumnWidth::Fixed(6)),
        Column::new("时长", ColumnWidth::Fixed(5)).right(),
    ];
    let row = format_row(&cols, &[6, 5], &["欧阳娜娜".into(), "12.5".into()]);
    assert_eq!(row, "欧阳…   12.5");
    assert_eq!(width(&row), 12);
}
