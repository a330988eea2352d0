//! `baodao search QUERY`: the roster search from the command line, one ranked result per line
//! (kind, id, name, community, unit, score) as TSV or JSON Lines. No match prints nothing.
use std::io::Write;

use super::CliError;
use super::report_cmd::find_community;
use crate::domain::safe_text::{neutralise, one_line};
use crate::i18n::{Lang, tf};
use crate::search::{Kind, Query, SearchIndex};
use crate::store::Ledger;

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Characters, full pinyin, pinyin initials, 4+ phone digits, or a unit name
    pub query: String,
    /// member, community, unit, post, household or demand
    #[arg(long)]
    pub kind: Option<String>,
    /// Rank this community's records first
    #[arg(long)]
    pub community: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// tsv (default) or json
    #[arg(long, default_value = "tsv")]
    pub format: String,
}

fn kind(s: &str) -> Option<Kind> {
    Some(match s {
        "member" => Kind::Member,
        "community" => Kind::Community,
        "unit" => Kind::Unit,
        "post" => Kind::Post,
        "household" => Kind::Household,
        "demand" => Kind::Demand,
        _ => return None,
    })
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Member => "member",
        Kind::Community => "community",
        Kind::Unit => "unit",
        Kind::Post => "post",
        Kind::Household => "household",
        Kind::Demand => "demand",
    }
}

/// Prints the hits; returns the index when a fresh snapshot of it is worth storing, with the
/// journal mark it was built at.
pub fn run(
    ledger: &Ledger,
    a: &SearchArgs,
    lang: Lang,
) -> Result<Option<(SearchIndex, u64)>, CliError> {
    let k = match a.kind.as_deref() {
        Some(s) => Some(kind(s).ok_or_else(|| CliError::user(tf(lang, "cli.search_kind", &[&s])))?),
        None => None,
    };
    if a.format != "tsv" && a.format != "json" {
        return Err(CliError::user(tf(lang, "cli.search_format", &[&a.format])));
    }
    let view = ledger.view().map_err(|e| CliError::store(e, lang))?;
    let community = a
        .community
        .as_deref()
        .map(|n| find_community(&view, n, lang))
        .transpose()?;
    let (index, refresh) = ledger
        .search_index()
        .map_err(|e| CliError::store(e, lang))?;
    let hits = index.query(&Query {
        text: &a.query,
        kind: k,
        community,
        limit: a.limit,
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for h in hits {
        // An index from the stored snapshot carries no docs: the hits' come from the store.
        let doc = match index.get(h.id) {
            Some(d) => d.clone(),
            None => match view
                .search_doc(h.id)
                .map_err(|e| CliError::store(e, lang))?
            {
                Some(c) => c.doc,
                None => continue,
            },
        };
        let line = if a.format == "json" {
            serde_json::json!({
                "kind": kind_name(h.kind),
                "id": h.id.to_string(),
                "name": doc.name,
                "community": doc.community_name,
                "unit": doc.unit_name,
                "score": h.score,
            })
            .to_string()
        } else {
            let clean = |s: &str| one_line(s).into_owned();
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                kind_name(h.kind),
                h.id,
                clean(&doc.name),
                clean(&doc.community_name),
                clean(&doc.unit_name),
                h.score
            )
        };
        writeln!(out, "{}", neutralise(&line)).map_err(super::out::output_failed)?;
    }
    out.flush().map_err(super::out::output_failed)?;
    drop(out);
    Ok(refresh.map(|mark| (index, mark)))
}
