//! Reusable widgets: the text field, the list/table, and the popups built on them (help,
//! command palette). Each popup is one file holding its state, its key handling and its view.
//!
//! Owns: widget state and drawing. Must not touch: the ledger, the terminal, the app's state.

pub mod help;
pub mod list;
pub mod palette;
pub mod pick;
pub mod text_area;
pub mod text_input;

use ratatui::layout::Rect;

/// A popup of at most `width` x `height` centred in `area`, never larger than `area`.
pub fn popup_area(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn popup_fits_inside_its_area() {
        let area = Rect::new(2, 1, 80, 24);
        assert_eq!(popup_area(area, 60, 10), Rect::new(12, 8, 60, 10));
        assert_eq!(
            popup_area(Rect::new(0, 0, 5, 3), 60, 10),
            Rect::new(0, 0, 5, 3)
        );
        assert_eq!(
            popup_area(Rect::new(0, 0, 0, 0), 60, 10),
            Rect::new(0, 0, 0, 0)
        );
    }
}
