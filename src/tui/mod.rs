//! (module under construction)

/// Runs the full-screen program on an open ledger.
pub fn run(_ledger: crate::store::Ledger, lang: crate::i18n::Lang) -> anyhow::Result<()> {
    eprintln!("{}", crate::i18n::t(lang, "tui.not_yet"));
    Ok(())
}
