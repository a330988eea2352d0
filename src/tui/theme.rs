//! The styles of every screen element, in one place.
//!
//! Two palettes: the 16 named ANSI colours (what a reviewer's SSH terminal is sure to have), and
//! none at all when `NO_COLOR` is set (<https://no-color.org>). Meaning never rests on colour
//! alone: the selection is reverse video, the focused pane has a double border and a bold
//! title, warnings and errors carry a bold or underlined style besides their colour.
//!
//! Owns: `Style`s and border types. Must not touch: layout, text, state.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

/// Whether colours may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    /// The 16 named ANSI colours only, which every terminal maps to its own palette.
    Ansi16,
    /// No colour at all: only bold, underline and reverse video.
    None,
}

impl ColorMode {
    /// `None` when the `NO_COLOR` environment variable is set to anything non-empty.
    pub fn from_env() -> ColorMode {
        Self::from_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The rule of no-color.org applied to the variable's value (`None` = unset).
    pub fn from_no_color(value: Option<&std::ffi::OsStr>) -> ColorMode {
        match value {
            Some(v) if !v.is_empty() => ColorMode::None,
            _ => ColorMode::Ansi16,
        }
    }
}

/// The styles used by the views and widgets.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub mode: ColorMode,
    /// The top line: program, ledger and current pane.
    pub header: Style,
    /// The bottom status line.
    pub status: Style,
    /// A key name in the key hints bar and help (`j`, `Ctrl-r`).
    pub key: Style,
    /// The description after a key in the hints bar.
    pub key_desc: Style,
    /// Border of the pane that has the keyboard.
    pub border_focused: Style,
    /// Border of every other pane.
    pub border: Style,
    /// Title of the focused pane.
    pub title_focused: Style,
    pub title: Style,
    /// The selected row of the focused list.
    pub selection: Style,
    /// The selected row of a list that does not have the keyboard.
    pub selection_unfocused: Style,
    /// Column headers of a table.
    pub table_header: Style,
    /// Secondary text: placeholders, counts, hidden (masked) data.
    pub dim: Style,
    /// Something a clerk should look at: overdue, below a minimum.
    pub warning: Style,
    /// Something that went wrong or a rule that is broken.
    pub error: Style,
    /// Matched characters in palette results.
    pub matched: Style,
    /// A text field being edited.
    pub input: Style,
    /// A completion offered but not taken (never drawn like typed text).
    pub suggestion: Style,
}

impl Theme {
    /// The theme for the current environment (`NO_COLOR`).
    pub fn from_env() -> Theme {
        Theme::new(ColorMode::from_env())
    }

    pub fn new(mode: ColorMode) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reverse = Style::new().add_modifier(Modifier::REVERSED);
        let underline = Style::new().add_modifier(Modifier::UNDERLINED);
        // Colour is layered on top of the modifiers so that the NO_COLOR theme is exactly the
        // colour theme with the colours taken out.
        let c = |style: Style, fg: Color| match mode {
            ColorMode::Ansi16 => style.fg(fg),
            ColorMode::None => style,
        };
        Theme {
            mode,
            header: reverse.add_modifier(Modifier::BOLD),
            status: reverse,
            key: c(bold, Color::Cyan),
            key_desc: Style::new(),
            border_focused: c(bold, Color::Cyan),
            border: c(Style::new(), Color::DarkGray),
            title_focused: c(bold, Color::Cyan),
            title: Style::new(),
            selection: reverse.add_modifier(Modifier::BOLD),
            selection_unfocused: underline,
            table_header: bold.add_modifier(Modifier::UNDERLINED),
            dim: c(Style::new(), Color::DarkGray),
            warning: c(bold, Color::Yellow),
            error: c(bold.add_modifier(Modifier::UNDERLINED), Color::LightRed),
            matched: c(underline.add_modifier(Modifier::BOLD), Color::Yellow),
            input: underline,
            suggestion: c(Style::new().add_modifier(Modifier::ITALIC), Color::Magenta),
        }
    }

    /// A double line around the focused pane, so focus shows without colour.
    pub fn border_type(&self, focused: bool) -> BorderType {
        if focused {
            BorderType::Double
        } else {
            BorderType::Plain
        }
    }

    pub fn border_style(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    /// The frame of a screen or popup that has the keys: a double line and its title.
    pub fn screen_block(&self, title: &str) -> ratatui::widgets::Block<'static> {
        ratatui::widgets::Block::new()
            .borders(ratatui::widgets::Borders::ALL)
            .border_type(self.border_type(true))
            .border_style(self.border_style(true))
            .title(format!(" {title} "))
            .title_style(self.title_style(true))
    }

    pub fn title_style(&self, focused: bool) -> Style {
        if focused {
            self.title_focused
        } else {
            self.title
        }
    }

    pub fn selection_style(&self, focused: bool) -> Style {
        if focused {
            self.selection
        } else {
            self.selection_unfocused
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    fn styles(t: &Theme) -> Vec<Style> {
        vec![
            t.header,
            t.status,
            t.key,
            t.key_desc,
            t.border_focused,
            t.border,
            t.title_focused,
            t.title,
            t.selection,
            t.selection_unfocused,
            t.table_header,
            t.dim,
            t.warning,
            t.error,
            t.matched,
            t.input,
        ]
    }

    #[test]
    fn no_color_follows_the_convention() {
        assert_eq!(ColorMode::from_no_color(None), ColorMode::Ansi16);
        assert_eq!(
            ColorMode::from_no_color(Some(OsStr::new(""))),
            ColorMode::Ansi16
        );
        assert_eq!(
            ColorMode::from_no_color(Some(OsStr::new("1"))),
            ColorMode::None
        );
    }

    #[test]
    fn no_color_theme_has_no_colours() {
        for s in styles(&Theme::new(ColorMode::None)) {
            assert_eq!(s.fg, None, "{s:?}");
            assert_eq!(s.bg, None, "{s:?}");
        }
    }

    #[test]
    fn colour_theme_uses_only_the_sixteen_named_colours() {
        for s in styles(&Theme::new(ColorMode::Ansi16)) {
            for c in [s.fg, s.bg].into_iter().flatten() {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{c:?} is not one of the 16"
                );
            }
        }
    }

    #[test]
    fn selection_is_reverse_video_in_both_modes() {
        for mode in [ColorMode::Ansi16, ColorMode::None] {
            let t = Theme::new(mode);
            assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
            assert_ne!(t.border_type(true), t.border_type(false));
        }
    }
}
