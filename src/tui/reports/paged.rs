//! A whole-ledger form on screen in parts ([`Part`]): the view holds the parts' ids and the
//! few parts around the scroll position, laid out as text; the others are built when the
//! scroll reaches them and dropped when it leaves. So a province's 附件4 costs the screen
//! eleven thousand community ids and a few rosters, never the province.
//!
//! Owns: the scroll position as (part, line), which parts are wanted. Must not touch: building
//! (the runtime does), drawing.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::Id;
use crate::i18n::Lang;
use crate::report::Report;
use crate::report::forms::parts::Part;
use crate::report::txt::to_txt;
use crate::tui::privacy::Privacy;

/// Parts asked for at once when the screen is not full (some may be empty: a unit whose
/// members are all archived).
const BATCH: usize = 8;

#[derive(Debug, Clone, Default)]
pub struct Paged {
    pub parts: Vec<Part>,
    /// Parts built, with their lines as shown (a blank line before every part but the first,
    /// as between the sheets of a whole form).
    built: BTreeMap<usize, (Report, Vec<String>)>,
    pending: BTreeSet<usize>,
    /// The first line shown: line `line` of part `at`.
    pub at: usize,
    pub line: usize,
}

impl Paged {
    pub fn new(parts: Vec<Part>) -> Paged {
        Paged {
            parts,
            ..Paged::default()
        }
    }

    /// Takes built parts, laid out for the screen by the privacy rule.
    pub fn arrived(&mut self, built: Vec<(usize, Report)>, privacy: &Privacy, lang: Lang) {
        for (i, report) in built {
            self.pending.remove(&i);
            let lines = lay_out(i, &report, privacy, lang);
            self.built.insert(i, (report, lines));
        }
    }

    /// Lays the built parts out again (a reveal, a switch of presentation mode).
    pub fn relayout(&mut self, privacy: &Privacy, lang: Lang) {
        for (i, (report, lines)) in &mut self.built {
            *lines = lay_out(*i, report, privacy, lang);
        }
    }

    fn len_of(&self, i: usize) -> Option<usize> {
        self.built.get(&i).map(|(_, l)| l.len())
    }

    /// Up to `n` lines from the scroll position, over the parts built; `None` where the next
    /// part is still being built.
    pub fn lines(&self, n: usize) -> Vec<Option<&str>> {
        let mut out = Vec::new();
        let (mut at, mut skip) = (self.at, self.line);
        while out.len() < n && at < self.parts.len() {
            let Some((_, lines)) = self.built.get(&at) else {
                out.push(None);
                break;
            };
            out.extend(
                lines
                    .iter()
                    .skip(skip)
                    .take(n - out.len())
                    .map(|l| Some(l.as_str())),
            );
            skip = 0;
            at += 1;
        }
        out
    }

    /// Down `n` lines, over built parts only (a part not built yet stops the move at its
    /// start); never past the last line.
    pub fn down(&mut self, mut n: usize) {
        while n > 0 {
            let Some(len) = self.len_of(self.at) else {
                return;
            };
            if len == 0 && self.at + 1 < self.parts.len() {
                // An empty part is passed over without using up a line.
                self.at += 1;
                continue;
            }
            let left = len.saturating_sub(self.line + 1);
            if n <= left {
                self.line += n;
                return;
            }
            // The rest of this part, then on into the next one, if there is one.
            if self.at + 1 >= self.parts.len() {
                self.line = len.saturating_sub(1);
                return;
            }
            n -= left + 1;
            self.at += 1;
            self.line = 0;
        }
    }

    /// Up `n` lines, over built parts only.
    pub fn up(&mut self, mut n: usize) {
        while n > 0 {
            if n <= self.line {
                self.line -= n;
                return;
            }
            n -= self.line;
            if self.at == 0 {
                self.line = 0;
                return;
            }
            let Some(len) = self.len_of(self.at - 1) else {
                self.line = 0;
                return;
            };
            self.at -= 1;
            // An empty part is passed over without using up a line.
            self.line = len;
            if len > 0 {
                n -= 1;
                self.line = len - 1;
            }
        }
    }

    pub fn top(&mut self) {
        (self.at, self.line) = (0, 0);
    }

    /// The start of the last part (its lines are built on arrival).
    pub fn bottom(&mut self) {
        (self.at, self.line) = (self.parts.len().saturating_sub(1), 0);
    }

    /// The parts the screen needs (`height` lines from the position, and the part before it
    /// for a move up) that are neither built nor asked for; marks them asked for and drops
    /// the parts built that are out of reach.
    pub fn wanted(&mut self, height: usize) -> Vec<(usize, Part)> {
        let mut keep = BTreeSet::new();
        if self.at > 0 {
            keep.insert(self.at - 1);
        }
        let (mut at, mut have) = (self.at, 0usize);
        let mut missing = 0;
        while at < self.parts.len() && have < height + self.line && missing < BATCH {
            keep.insert(at);
            match self.len_of(at) {
                Some(len) => have += len,
                None => missing += 1,
            }
            at += 1;
        }
        self.built.retain(|i, _| keep.contains(i));
        let ask: Vec<usize> = keep
            .into_iter()
            .filter(|i| !self.built.contains_key(i) && !self.pending.contains(i))
            .collect();
        self.pending.extend(ask.iter().copied());
        ask.into_iter()
            .filter_map(|i| self.parts.get(i).map(|p| (i, p.clone())))
            .collect()
    }

    /// Whether part `i` arrived or is on its way (for tests).
    pub fn holds(&self, i: usize) -> bool {
        self.built.contains_key(&i) || self.pending.contains(&i)
    }

    /// The number of parts built and held.
    pub fn held(&self) -> usize {
        self.built.len()
    }

    /// The community or unit of the part shown first, for the title.
    pub fn part_id(&self) -> Option<Id> {
        match self.parts.get(self.at)? {
            Part::Community(id) | Part::Unit(id) => Some(*id),
            Part::Members(ids) => ids.first().copied(),
        }
    }
}

fn lay_out(i: usize, report: &Report, privacy: &Privacy, lang: Lang) -> Vec<String> {
    let shown = privacy.report(report, None, lang);
    let text = to_txt(&shown);
    let mut lines: Vec<String> = Vec::new();
    if i > 0 && !text.is_empty() {
        lines.push(String::new());
    }
    lines.extend(text.lines().map(String::from));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Cell, Sheet};

    fn part(rows: usize) -> Report {
        Report {
            sheets: vec![Sheet {
                title: "T".into(),
                headers: vec!["h".into()],
                rows: (0..rows).map(|r| vec![Cell::Int(r as i64)]).collect(),
                ..Sheet::default()
            }],
        }
    }

    #[test]
    fn the_screen_holds_only_the_parts_around_the_scroll() {
        let privacy = Privacy::default();
        let ids = (1..=100).map(|i| Part::Community(Id(i))).collect();
        let mut p = Paged::new(ids);
        // Nothing built yet: a batch is asked for (some parts may turn out empty)…
        let ask = p.wanted(10);
        assert_eq!(
            ask.iter().map(|a| a.0).collect::<Vec<_>>(),
            (0..BATCH).collect::<Vec<_>>()
        );
        // …and once the first is there with its 23 lines, nothing more for a 10-line screen.
        p.arrived(vec![(0, part(20))], &privacy, Lang::En);
        assert!(p.wanted(10).is_empty());
        // What is shown: the part's lines, then a mark where the next part is being built.
        let shown = p.lines(100);
        assert_eq!(shown.len(), p.len_of(0).unwrap() + 1);
        assert_eq!(shown.last(), Some(&None));
        assert!(shown.iter().any(|l| l.is_some_and(|l| l.trim() == "19")));
        // Down to the end of part 0: the move stops where part 1, not built yet, starts.
        p.down(1000);
        assert_eq!((p.at, p.line), (1, 0));
        p.up(1);
        assert_eq!((p.at, p.line), (0, p.len_of(0).unwrap() - 1));
        p.arrived(
            (1..BATCH).map(|i| (i, part(5))).collect(),
            &privacy,
            Lang::En,
        );
        p.down(1);
        assert_eq!((p.at, p.line), (1, 0));
        p.down(2);
        assert_eq!((p.at, p.line), (1, 2));
        // Far down, the parts left behind are dropped.
        for _ in 0..50 {
            let ask = p.wanted(10);
            p.arrived(
                ask.into_iter().map(|(i, _)| (i, part(5))).collect(),
                &privacy,
                Lang::En,
            );
            p.down(10);
        }
        assert!(p.at > 20);
        assert!(!p.holds(0));
        assert!(p.held() <= BATCH + 2);
        // Up again over the part before.
        let at = p.at;
        p.up(p.line + 1);
        assert_eq!(p.at, at - 1);
        p.bottom();
        assert_eq!(p.at, 99);
    }
}
