//! Closed lists a clerk picks from (单位属性, 评价, 学历 …): each variant has a catalog key, so
//! it shows in Chinese or English, and parses back from either language's label.
use crate::i18n::{Lang, t};

/// A closed list of choices with labels in the catalog.
pub trait Choice: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn key(self) -> &'static str;

    fn label(self, lang: Lang) -> &'static str {
        t(lang, self.key())
    }

    /// The variant whose Chinese or English label (or catalog key) is `s`.
    fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.iter().copied().find(|c| {
            c.label(Lang::Zh) == s || c.label(Lang::En).eq_ignore_ascii_case(s) || c.key() == s
        })
    }
}

/// Declares a `Choice` enum: `choice!(Rating { Excellent = "choice.rating.excellent", … })`.
#[macro_export]
macro_rules! choice {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $key:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* $var),+ }
        impl $crate::domain::choice::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$var),+];
            fn key(self) -> &'static str {
                match self { $($name::$var => $key),+ }
            }
        }
    };
}
