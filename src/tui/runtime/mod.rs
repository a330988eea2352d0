//! The loop that connects the pure core to the world: it reads terminal input, feeds it to
//! `update` as actions, carries out the returned effects against the ledger (each load in
//! its own read snapshot), feeds their results back, and draws.
//!
//! Every half second without input it sends a tick, on which `update` asks for the ledger's
//! commit counter; another clerk's save is then followed by a reload that keeps selections.
//! A storage error becomes a status-line message; the program keeps running.
//!
//! Owns: the event loop, running effects ([`Runner`]), and every read or write of the ledger
//! in the full-screen program (the modules below). Must not touch: what actions do.

pub mod demands;
pub mod doubt;
pub mod headless;
pub mod import;
pub mod load;
pub mod reports;
pub mod save;
pub mod search;
pub mod seed;
pub mod session;
pub mod shots;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::action::{Action, Effect, Load, Loaded};
use super::app::{App, AppConfig};
use super::entry::save::{Refused, Save};
use super::form::{PickHit, SearchReq};
use super::import_screen;
use super::keymap::Keymap;
use super::terminal::{self, Ended, Input, Signals};
use super::theme::Theme;
use super::update::{start, update};
use super::view;
use crate::i18n::Lang;
use crate::store::Ledger;
use crate::store::search_snapshot::LoadedIndex;

/// The store's values the pure side holds: the changes of a save (kept for undo) and the
/// refusals whose messages it shows. They are data, not a way to the ledger.
pub use crate::store::{Change, LockReason, StoreError};
use search::SearchCache;

/// How often the ledger's commit counter is looked at.
pub const TICK: Duration = Duration::from_millis(500);

/// The longest a burst of keys is handled without drawing a frame.
const BURST_FRAME: Duration = Duration::from_millis(40);

/// Carries out effects against one ledger.
pub struct Runner<'l> {
    ledger: &'l Ledger,
    lang: Lang,
    /// The program's one search index (pickers, the search box, the units view), kept
    /// across effects by whoever owns the loop.
    search: &'l SearchCache,
    /// Slow effects held until the screen that asked for them has been drawn (see
    /// [`Runner::drawing_first`]); `None` runs every effect at once.
    after_frame: Option<std::cell::RefCell<Vec<Effect>>>,
}

impl<'l> Runner<'l> {
    /// A runner whose searches use (and keep current) `search`.
    pub fn with_search(ledger: &'l Ledger, lang: Lang, search: &'l SearchCache) -> Runner<'l> {
        Runner {
            ledger,
            lang,
            search,
            after_frame: None,
        }
    }

    /// A runner for the terminal's loop: an effect that takes seconds (checking or importing
    /// a file of 100,000 rows) waits until the frame showing "reading and checking…" is on
    /// screen, which the loop then asks for with [`Runner::run_after_frame`]. Without this the
    /// screen stood still on the path prompt, the typed path not even drawn.
    pub fn drawing_first(mut self) -> Self {
        self.after_frame = Some(Default::default());
        self
    }

    /// Runs the effects held for after the frame just drawn; `false` when there were none.
    pub fn run_after_frame(&self, app: &mut App) -> bool {
        let held = match &self.after_frame {
            Some(held) => std::mem::take(&mut *held.borrow_mut()),
            None => Vec::new(),
        };
        let any = !held.is_empty();
        for effect in held {
            // Run here, not through `run_all`, which would hold it again.
            if let Some(action) = self.run(effect) {
                self.dispatch(app, action);
            }
        }
        any
    }

    /// Whether a slow effect waits for the next frame.
    pub fn holds_effect(&self) -> bool {
        self.after_frame
            .as_ref()
            .is_some_and(|held| !held.borrow().is_empty())
    }

    fn is_slow(effect: &Effect) -> bool {
        matches!(effect, Effect::Import(import_screen::Work::Import { .. }))
    }

    /// Applies `action` and every action its effects lead to, until nothing is left to do.
    pub fn dispatch(&self, app: &mut App, action: Action) {
        let effects = update(app, action);
        self.run_all(app, effects);
    }

    /// Runs `effects` and everything they lead to.
    pub fn run_all(&self, app: &mut App, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            if let Some(held) = self.after_frame.as_ref().filter(|_| Self::is_slow(&effect)) {
                held.borrow_mut().push(effect);
                continue;
            }
            if let Some(action) = self.run(effect) {
                queue.extend(update(app, action));
            }
        }
    }

    /// One effect; its result as an action (`None` for quitting, which the loop sees in the
    /// app's state).
    pub fn run(&self, effect: Effect) -> Option<Action> {
        let result = match effect {
            Effect::Quit => return None,
            Effect::CheckGeneration => self
                .ledger
                .view()
                .and_then(|v| v.generation())
                .map(Action::Generation),
            Effect::Load(what) => self.load(what).map(Action::Loaded),
            Effect::Save(save) => {
                // Doubts first (a likely duplicate, a date out of order): the clerk sees them
                // and says yes before anything is written.
                // A save the ledger would refuse anyway is refused at once, without a question.
                if !save.confirmed
                    && let Some(refused) = self.doubts(&save)
                    && save::trial(self.ledger, &save.op).is_ok()
                {
                    return Some(Action::Refused(Box::new(refused)));
                }
                // The one place a form's input reaches the ledger: one write transaction.
                return Some(match save::run(self.ledger, self.lang, *save) {
                    // The search index catches up with the save by the journal when next used.
                    Ok(saved) => Action::Saved(Box::new(saved)),
                    Err(refused) => Action::Refused(refused),
                });
            }
            Effect::Search(req) => self.search(&req).map(|hits| Action::Hits(req.text, hits)),
            Effect::Find(q) => self
                .with_cache(|cache, view| {
                    cache.find(view, self.ledger.path(), &q.text, q.home, q.limit)
                })
                .map(|docs| Action::Loaded(Loaded::Found(q.text, docs))),
            Effect::LoadSearch => {
                let read = self.with_cache(|cache, view| cache.ensure(view, self.ledger.path()));
                return Some(Action::Loaded(match read {
                    Ok(()) => Loaded::SearchReady,
                    Err(e) => Loaded::SearchFailed(e.message(self.lang)),
                }));
            }
            Effect::Session(work) => session::run(self.ledger, work, self.lang)
                .map(|d| Action::Loaded(Loaded::Session(Box::new(d)))),
            Effect::SaveSettings(draft) => self
                .ledger
                .write(|tx| tx.save_settings(&draft.0))
                .and_then(|()| self.ledger.view()?.generation())
                .map(|g| Action::Loaded(Loaded::SettingsSaved(draft, g))),
            Effect::Import(work) => import::run(self.ledger, work, self.lang)
                .map(|d| Action::Loaded(Loaded::Import(Box::new(d)))),
            Effect::Demands(work) => demands::run(self.ledger, work)
                .map(|d| Action::Loaded(Loaded::Demands(Box::new(d)))),
            Effect::Reports(work) => {
                return Some(match reports::run(self.ledger, work, self.lang) {
                    Ok(d) => Action::Loaded(Loaded::Reports(Box::new(d))),
                    Err(e) => Action::Failed(e.message(self.lang)),
                });
            }
            Effect::History(id, title) => self.ledger.view().and_then(|v| {
                let filter = crate::store::audit::LogFilter {
                    record: Some(id),
                    ..Default::default()
                };
                let entries = v.audit_log(&filter)?;
                let screen = super::history::HistoryScreen::new(id, title, entries, self.lang);
                Ok(Action::Loaded(Loaded::History(Box::new(screen))))
            }),
            Effect::Readiness(c) => self.ledger.view().and_then(|v| {
                let lists = super::readiness::load(&v, c, self.ledger.today(), self.lang)?;
                Ok(Action::Loaded(Loaded::Readiness(Box::new(lists))))
            }),
        };
        Some(result.unwrap_or_else(|e| Action::Failed(e.message(self.lang))))
    }

    /// The doubts about `save`, as a refusal to be confirmed; `None` when there are none (or
    /// they cannot be read: the save then goes to the ledger, which has the last word).
    fn doubts(&self, save: &Save) -> Option<Refused> {
        let view = self.ledger.view().ok()?;
        let members =
            |text: &str| self.with_cache(|cache, v| cache.members(v, self.ledger.path(), text, 50));
        let found = doubt::find(&view, &save.op, &members).ok()?;
        (!found.is_empty()).then(|| Refused {
            save: save.clone(),
            errors: Vec::new(),
            message: crate::domain::doubt::Doubt::summary(&found, self.lang),
            doubt: true,
        })
    }

    fn search(&self, req: &SearchReq) -> Result<Vec<PickHit>, StoreError> {
        self.with_cache(|cache, view| cache.query(view, self.ledger.path(), req))
    }

    /// Runs `f` with the search index and a fresh view of the ledger.
    fn with_cache<T>(
        &self,
        f: impl FnOnce(&SearchCache, &crate::store::View) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let view = self.ledger.view()?;
        f(self.search, &view)
    }

    /// Every community not archived, in id order: the keys of the store's table, the records
    /// themselves not read.
    fn community_ids(
        &self,
        view: &crate::store::View,
    ) -> Result<Vec<crate::domain::Id>, StoreError> {
        let mut ids = view.ids::<crate::domain::Community>()?;
        self.search
            .without_archived(view, crate::search::Kind::Community, &mut ids)?;
        Ok(ids)
    }

    fn load(&self, what: Load) -> Result<Loaded, StoreError> {
        let view = self.ledger.view()?;
        let today = self.ledger.today();
        let year = chrono::Datelike::year(&today);
        Ok(match what {
            Load::Ledger => Loaded::Ledger(load::ledger(&view, self.community_ids(&view)?)?),
            Load::Community(c) => Loaded::Community(load::community(&view, c, today, year)?),
            Load::Card(m) => Loaded::Card(load::card(&view, m)?),
            // Every community is listed from the store's keys, without waiting for the index
            // (the first screen); a filter goes through the shared index.
            Load::Communities(filter) if filter.trim().is_empty() => {
                Loaded::Communities(super::data::CommunitiesData {
                    communities: self
                        .community_ids(&view)?
                        .into_iter()
                        .map(super::data::CommunityEntry)
                        .collect(),
                    filter,
                })
            }
            Load::Communities(filter) => {
                let ids =
                    self.with_cache(|cache, v| cache.communities(v, self.ledger.path(), &filter))?;
                Loaded::Communities(super::data::CommunitiesData {
                    communities: ids.into_iter().map(super::data::CommunityEntry).collect(),
                    filter,
                })
            }
            Load::CommunityRows(ids) => Loaded::CommunityRows(load::community_rows(&view, &ids)?),
            Load::Units(filter) => {
                let (generation, units) = self.with_cache(|cache, v| {
                    Ok((
                        v.generation()?,
                        cache.units(v, self.ledger.path(), &filter)?,
                    ))
                })?;
                Loaded::Units(super::data::UnitsData {
                    generation,
                    units: units.into_iter().map(super::data::UnitEntry).collect(),
                    filter,
                })
            }
            Load::UnitRows(ids) => Loaded::UnitRows(load::unit_rows(&view, &ids, today)?),
            Load::MemberDetail(m) => {
                Loaded::MemberDetail(Box::new(load::member_detail(&view, m, today, year)?))
            }
            Load::CommunityDetail(c) => {
                Loaded::CommunityDetail(Box::new(load::community_detail(&view, c)?))
            }
            Load::UnitDetail(u) => {
                Loaded::UnitDetail(Box::new(load::unit_detail(&view, u, today)?))
            }
            Load::PostDetail(p) => Loaded::PostDetail(Box::new(load::post_detail(&view, p)?)),
            Load::ServiceDetail(s) => {
                Loaded::ServiceDetail(Box::new(load::service_detail(&view, s)?))
            }
            Load::Seed(req) => Loaded::Seed(Box::new(seed::load(&view, &req, today)?)),
        })
    }
}

/// The app's configuration for `ledger`: its file name, clerk, read-only state and today.
pub fn config(ledger: &Ledger, lang: Lang, keymap: Keymap, theme: Theme) -> AppConfig {
    AppConfig {
        lang,
        ledger_name: ledger
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        clerk: ledger.clerk().to_string(),
        read_only: ledger.is_read_only(),
        today: ledger.today(),
        keymap,
        keys_path: Keymap::config_path().map(|p| p.display().to_string()),
        theme,
    }
}

/// Reads the search index on a thread of its own, so the first frame does not wait for it on
/// a province-sized ledger and the first search finds it ready. The answer is picked up by
/// the loop; meanwhile the app is told it is on its way (and does not ask again).
fn prefetch_search(
    ledger: &Ledger,
) -> Option<std::sync::mpsc::Receiver<Result<LoadedIndex, StoreError>>> {
    let view = ledger.view().ok()?;
    let beside = ledger.path().to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("search-index".into())
        .spawn(move || {
            let result = view.load_search_index(Some(&beside));
            // The loop may have ended (the clerk quit first); nothing is then waiting.
            let _ = tx.send(result);
        });
    spawned.ok()?;
    Some(rx)
}

/// Runs the full-screen program until the clerk quits, a SIGTERM/SIGHUP arrives or the
/// terminal goes away, then restores the terminal and closes the ledger.
pub fn run(ledger: Ledger, lang: Lang, notice: Option<String>) -> anyhow::Result<Ended> {
    let signals = Signals::register()?;
    let (keymap, errors) = Keymap::load();
    let mut app = App::new(config(&ledger, lang, keymap, Theme::from_env()));
    // Shown at start: a warning about the ledger's file, and keys.toml's bad lines (skipped;
    // their keys keep the defaults).
    // A bulk job stopped part way: said at once, as the totals on screen are not all there.
    let unfinished = ledger
        .view()
        .and_then(|v| v.unfinished())
        .ok()
        .flatten()
        .map(|job| crate::i18n::tf(lang, "ledger.unfinished", &[&job]));
    let text: Vec<String> = notice
        .into_iter()
        .chain(unfinished)
        .chain(errors.iter().map(|e| e.message(lang)))
        .collect();
    if !text.is_empty() {
        app.error(text.join("；"));
    }
    let cache = SearchCache::new();
    let runner = Runner::with_search(&ledger, lang, &cache).drawing_first();
    let mut guard = terminal::enter()?;
    let size = guard.terminal().size()?;
    runner.dispatch(&mut app, Action::Resize(size.width, size.height));
    runner.run_all(&mut app, start());
    let mut last_tick = Instant::now();
    let mut search: Option<std::sync::mpsc::Receiver<Result<LoadedIndex, StoreError>>> = None;
    let mut first_frame = true;
    let mut ended = Ended::Quit;
    // A failed write to a terminal that has gone away ends the loop like a hang-up does.
    let gone = |e: &std::io::Error| terminal::gone() || crate::signals::is_closed(e);
    // Why the loop ended, when it was not the clerk quitting.
    let shutdown = |signals: &Signals| {
        // Without a signal, the shutdown was the terminal hanging up.
        if signals.received() {
            Ended::Stopped
        } else {
            Ended::TerminalGone
        }
    };
    'frames: while !app.quit {
        if let Err(e) = guard.resume_if_continued(&signals) {
            if gone(&e) {
                ended = Ended::TerminalGone;
                break;
            }
            return Err(e.into());
        }
        if let Some(rx) = &search
            && let Ok(result) = rx.try_recv()
        {
            search = None;
            let action = match result {
                Ok(loaded) => {
                    cache.install(loaded);
                    Action::Loaded(Loaded::SearchReady)
                }
                Err(e) => Action::Loaded(Loaded::SearchFailed(e.message(lang))),
            };
            runner.dispatch(&mut app, action);
        }
        let drawn = guard.terminal().draw(|f| {
            let area = f.area();
            f.render_widget(&app, area);
            if let Some(p) = view::cursor(&app, area) {
                f.set_cursor_position(p);
            }
        });
        match drawn {
            Err(e) if gone(&e) => {
                ended = Ended::TerminalGone;
                break;
            }
            other => other.map(drop)?,
        }
        // A slow effect held for this frame runs now, with its "working" screen showing;
        // its answer is drawn at once rather than after the next key or tick, and keys typed
        // meanwhile were typed at a screen that did not answer them: they are dropped.
        if runner.run_after_frame(&mut app) {
            terminal::drop_typed_ahead();
            continue;
        }
        if first_frame {
            // After the first frame, so that reading the index does not hold it up.
            first_frame = false;
            search = prefetch_search(&ledger);
            if search.is_some() {
                runner.dispatch(&mut app, Action::Loaded(Loaded::SearchLoading));
            }
        }
        let wait = TICK.saturating_sub(last_tick.elapsed());
        let mut input = match terminal::next_input(&signals, wait) {
            Err(e) if gone(&e) => {
                ended = Ended::TerminalGone;
                break;
            }
            other => other?,
        };
        // A burst (keys typed together, an IME's phrase) is handled whole before the next
        // frame: drawing after each key would make the last key wait for every frame before
        // it. A long paste of keys still gets a frame every BURST_FRAME.
        let burst = Instant::now();
        loop {
            let action = match input {
                Some(Input::Key(k)) => match app.config.keymap.split_alt(&k) {
                    Some([esc, key]) => {
                        runner.dispatch(&mut app, Action::Key(esc));
                        Action::Key(key)
                    }
                    None => Action::Key(k),
                },
                Some(Input::Paste(text)) => Action::Paste(text),
                Some(Input::Resize(w, h)) => Action::Resize(w, h),
                Some(Input::Shutdown) => {
                    ended = shutdown(&signals);
                    break 'frames;
                }
                None => Action::Tick,
            };
            let idle = matches!(action, Action::Tick);
            if idle || last_tick.elapsed() >= TICK {
                last_tick = Instant::now();
                if !idle {
                    // Keys held down must not starve the check for other clerks' saves.
                    runner.dispatch(&mut app, Action::Tick);
                }
            }
            runner.dispatch(&mut app, action);
            // A held slow effect ends the burst: the rest of it was typed at the working screen,
            // and is dropped with what comes while the effect runs.
            if idle || app.quit || runner.holds_effect() || burst.elapsed() >= BURST_FRAME {
                break;
            }
            input = match terminal::next_input(&signals, Duration::ZERO) {
                Err(e) if gone(&e) => {
                    ended = Ended::TerminalGone;
                    break 'frames;
                }
                other => other?,
            };
            if input.is_none() {
                break;
            }
        }
    }
    // The ledger is closed even when the terminal cannot be restored (it is gone).
    let restored = guard.restore();
    ledger.close()?;
    match restored {
        Err(e) if !gone(&e) => Err(e.into()),
        _ => Ok(ended),
    }
}
