//! Personal data on screen (003 附件2 注: the registration form's personal information is
//! confidential): mobile numbers and home addresses show masked (`138****8588`), one record
//! at a time may be revealed, and presentation mode hides them everywhere, revealed or not,
//! for a projected year-end session.
//!
//! Owns: the reveal and presentation switches and what a phone or address shows as. Must not
//! touch: which fields are personal (each view passes them through here).

use crate::domain::Id;
use crate::i18n::{Lang, t};
use crate::tui::text::{mask_address, mask_phone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Privacy {
    /// Presentation mode: personal data hidden entirely, reveal included.
    pub presentation: bool,
    /// The one record whose personal data shows in full.
    pub revealed: Option<Id>,
}

impl Privacy {
    /// Whether `owner`'s data shows unmasked.
    pub fn is_revealed(&self, owner: Id) -> bool {
        !self.presentation && self.revealed == Some(owner)
    }

    /// A phone number of the record `owner` as it may show.
    pub fn phone(&self, owner: Id, phone: &str, lang: Lang) -> String {
        self.show(owner, phone, lang, mask_phone)
    }

    /// A home address of the record `owner` as it may show.
    pub fn address(&self, owner: Id, address: &str, lang: Lang) -> String {
        self.show(owner, address, lang, mask_address)
    }

    fn show(&self, owner: Id, value: &str, lang: Lang, mask: fn(&str) -> String) -> String {
        if value.trim().is_empty() {
            String::new()
        } else if self.presentation {
            t(lang, "tui.hidden").to_string()
        } else if self.revealed == Some(owner) {
            value.to_string()
        } else {
            mask(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_revealed_and_presented() {
        let (a, b) = (Id(1), Id(2));
        let mut p = Privacy::default();
        assert_eq!(p.phone(a, "13812348588", Lang::Zh), "138****8588");
        p.revealed = Some(a);
        assert_eq!(p.phone(a, "13812348588", Lang::Zh), "13812348588");
        assert_eq!(p.phone(b, "13912348588", Lang::Zh), "139****8588");
        p.presentation = true;
        assert_eq!(p.phone(a, "13812348588", Lang::Zh), "已隐藏");
        assert_eq!(p.address(b, "曲靖市麒麟区南宁街道3栋", Lang::En), "hidden");
        assert_eq!(p.phone(a, "", Lang::Zh), "");
    }
}
