//! Where everything goes on a screen of a given size. One pure function used by both the
//! view (to draw) and `update` (to know how many rows a page is and which units are on
//! screen), so the two can never disagree.
//!
//! From 120 columns the four panes show together: 社区 | 党员 | 岗位 over 服务记录卡. Narrower
//! (an 80x24 SSH session), the focused pane shows with its neighbour. Below [`MIN_WIDTH`] x
//! [`MIN_HEIGHT`] only a "terminal too small" message is drawn.
//!
//! Owns: rectangles. Must not touch: state beyond the focused pane and the screen, drawing.

use ratatui::layout::Rect;

/// The four panes of the main screen, numbered as their keys 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Communities,
    Members,
    Posts,
    Card,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Communities, Pane::Members, Pane::Posts, Pane::Card];

    pub fn number(self) -> usize {
        match self {
            Pane::Communities => 1,
            Pane::Members => 2,
            Pane::Posts => 3,
            Pane::Card => 4,
        }
    }

    pub fn next(self) -> Pane {
        Pane::ALL[self.number() % 4]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.number() + 2) % 4]
    }

    /// The pane shown beside this one on a narrow screen: the one a clerk looks at next
    /// (a community's members; a member's card; the members whose posts are listed).
    fn narrow_pair(self) -> [Pane; 2] {
        match self {
            Pane::Communities => [Pane::Communities, Pane::Members],
            Pane::Members | Pane::Card => [Pane::Members, Pane::Card],
            Pane::Posts => [Pane::Members, Pane::Posts],
        }
    }
}

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Main,
    /// 单位: units with their reporting rates.
    Units,
}

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width the four panes show at once.
pub const WIDE: u16 = 120;

/// The rectangles of one frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub header: Rect,
    pub body: Rect,
    pub hints: Rect,
    pub status: Rect,
    /// The panes shown (on the units screen: none; the body is the units list).
    pub panes: Vec<(Pane, Rect)>,
}

impl Layout {
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == pane).map(|(_, r)| *r)
    }
}

/// The layout of `area`, or `None` when it is too small to be usable.
pub fn layout(area: Rect, screen: Screen, focus: Pane) -> Option<Layout> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let line = |y| Rect::new(area.x, y, area.width, 1);
    let header = line(area.y);
    let status = line(area.bottom() - 1);
    let hints = line(area.bottom() - 2);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
    let panes = match screen {
        Screen::Units => Vec::new(),
        Screen::Main if area.width >= WIDE => wide(body),
        Screen::Main => narrow(body, focus),
    };
    Some(Layout {
        header,
        body,
        hints,
        status,
        panes,
    })
}

fn wide(body: Rect) -> Vec<(Pane, Rect)> {
    let left = (body.width * 18 / 100).clamp(20, 30);
    let middle = (body.width - left) * 45 / 100;
    let right = body.width - left - middle;
    let posts = (body.height / 3).max(6).min(body.height);
    let x1 = body.x + left;
    let x2 = x1 + middle;
    vec![
        (
            Pane::Communities,
            Rect::new(body.x, body.y, left, body.height),
        ),
        (Pane::Members, Rect::new(x1, body.y, middle, body.height)),
        (Pane::Posts, Rect::new(x2, body.y, right, posts)),
        (
            Pane::Card,
            Rect::new(x2, body.y + posts, right, body.height - posts),
        ),
    ]
}

fn narrow(body: Rect, focus: Pane) -> Vec<(Pane, Rect)> {
    let [a, b] = focus.narrow_pair();
    // The community list needs less room than a member table beside it.
    let first = if a == Pane::Communities {
        body.width * 35 / 100
    } else {
        body.width / 2
    };
    vec![
        (a, Rect::new(body.x, body.y, first, body.height)),
        (
            b,
            Rect::new(body.x + first, body.y, body.width - first, body.height),
        ),
    ]
}

/// The parts of a list pane inside its border: a header row of column titles, the rows, an
/// optional foot (the card's total) and an optional filter line at the bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListParts {
    pub table: Rect,
    /// Rows available for records (the table minus its header row).
    pub rows: usize,
    pub foot: Option<Rect>,
    pub filter: Option<Rect>,
}

pub fn list_parts(inner: Rect, foot: bool, filter: bool) -> ListParts {
    let mut table = inner;
    let mut take = |wanted: bool| {
        (wanted && table.height > 2).then(|| {
            table.height -= 1;
            Rect::new(table.x, table.y + table.height, table.width, 1)
        })
    };
    let filter = take(filter);
    let foot = take(foot);
    ListParts {
        table,
        rows: table.height.saturating_sub(1) as usize,
        foot,
        filter,
    }
}

/// The inside of a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    Rect::new(
        rect.x.saturating_add(1),
        rect.y.saturating_add(1),
        rect.width.saturating_sub(2),
        rect.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_panes_when_wide_two_when_narrow() {
        let wide = layout(Rect::new(0, 0, 160, 45), Screen::Main, Pane::Members).expect("fits");
        assert_eq!(wide.panes.len(), 4);
        let total: u16 = wide.panes[..3].iter().map(|(_, r)| r.width).sum();
        assert_eq!(total, 160);
        let narrow = layout(Rect::new(0, 0, 80, 24), Screen::Main, Pane::Card).expect("fits");
        let shown: Vec<Pane> = narrow.panes.iter().map(|(p, _)| *p).collect();
        assert_eq!(shown, [Pane::Members, Pane::Card]);
        assert_eq!(narrow.body.height, 21);
        assert!(layout(Rect::new(0, 0, 39, 24), Screen::Main, Pane::Card).is_none());
        assert!(layout(Rect::new(0, 0, 1, 1), Screen::Main, Pane::Card).is_none());
    }

    #[test]
    fn focus_cycles_through_the_four() {
        let mut p = Pane::Communities;
        for want in [Pane::Members, Pane::Posts, Pane::Card, Pane::Communities] {
            p = p.next();
            assert_eq!(p, want);
        }
        assert_eq!(Pane::Communities.prev(), Pane::Card);
    }

    #[test]
    fn list_parts_keep_a_row_for_records() {
        let parts = list_parts(Rect::new(0, 0, 30, 10), true, true);
        assert_eq!(parts.rows, 7);
        assert!(parts.foot.is_some() && parts.filter.is_some());
        let tiny = list_parts(Rect::new(0, 0, 30, 2), true, true);
        assert_eq!(tiny.rows, 1);
        assert!(tiny.foot.is_none());
    }
}
