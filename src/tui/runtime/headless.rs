//! The app without a terminal: a ledger, an [`App`] and a [`Runner`], driven by keys or
//! actions and drawn into a ratatui `TestBackend` buffer. Used by the tests, the benchmark
//! and `baodao screenshots`, so all three exercise the real update, loading and views.
//!
//! Owns: a session without a terminal. Must not touch: the real terminal.

use crossterm::event::KeyEvent;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::search::SearchCache;
use super::{Runner, config};
use crate::i18n::Lang;
use crate::store::Ledger;
use crate::tui::action::{Action, Effect};
use crate::tui::app::App;
use crate::tui::keymap::{KeyChord, Keymap};
use crate::tui::screenshot::to_text;
use crate::tui::theme::Theme;
use crate::tui::update::start;

pub struct Headless {
    pub ledger: Ledger,
    pub app: App,
    lang: Lang,
    /// The pickers' search index, kept for the session as the real loop keeps it.
    pub search: SearchCache,
}

impl Headless {
    /// A session on `ledger` at `width` x `height` with the default keys, loaded as the
    /// first frame would be.
    pub fn new(ledger: Ledger, lang: Lang, width: u16, height: u16, theme: Theme) -> Headless {
        Headless::with_keymap(ledger, lang, width, height, theme, Keymap::defaults())
    }

    pub fn with_keymap(
        ledger: Ledger,
        lang: Lang,
        width: u16,
        height: u16,
        theme: Theme,
        keymap: Keymap,
    ) -> Headless {
        let mut cfg = config(&ledger, lang, keymap, theme);
        // Not the machine's own keys.toml: a session without a terminal is a test or a
        // screenshot, and must look the same everywhere.
        cfg.keys_path = None;
        let mut s = Headless {
            app: App::new(cfg),
            ledger,
            lang,
            search: SearchCache::new(),
        };
        s.dispatch(Action::Resize(width, height));
        s.run(start());
        s
    }

    /// Ends the session, giving the ledger back.
    pub fn into_ledger(self) -> Ledger {
        self.ledger
    }

    pub fn runner(&self) -> Runner<'_> {
        Runner::with_search(&self.ledger, self.lang, &self.search)
    }

    pub fn dispatch(&mut self, action: Action) {
        let runner = Runner::with_search(&self.ledger, self.lang, &self.search);
        runner.dispatch(&mut self.app, action);
    }

    pub fn run(&mut self, effects: Vec<Effect>) {
        let runner = Runner::with_search(&self.ledger, self.lang, &self.search);
        runner.run_all(&mut self.app, effects);
    }

    /// Presses the key named as in `keys.toml` (`j`, `Enter`, `Shift-Tab`, `Ctrl-r`).
    /// Panics on a name that is not a key: that is a mistake in the calling test.
    pub fn press(&mut self, chord: &str) {
        let k = KeyChord::parse(chord).unwrap_or_else(|e| panic!("{chord}: {e:?}"));
        self.dispatch(Action::Key(KeyEvent::new(k.code, k.mods)));
    }

    /// Types each character of `text` as a key.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let ev = KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            );
            self.dispatch(Action::Key(ev));
        }
    }

    /// Resizes the session.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.dispatch(Action::Resize(width, height));
    }

    /// The screen as the terminal would show it.
    pub fn render(&self) -> Buffer {
        let (w, h) = self.app.size;
        render_app(&self.app, w, h)
    }

    pub fn text(&self) -> String {
        to_text(&self.render())
    }
}

/// Draws `app` into a fresh `width` x `height` buffer.
pub fn render_app(app: &App, width: u16, height: u16) -> Buffer {
    // TestBackend cannot fail to draw; an error here would be a bug in ratatui itself.
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    let _ = terminal.draw(|f| f.render_widget(app, f.area()));
    terminal.backend().buffer().clone()
}
