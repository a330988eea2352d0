//! Finding the member a row of the 台账 is about: by name within the row's community, told
//! from namesakes by the row's mobile or unit. An ambiguous name is an error that lists the
//! candidates (last four digits of the mobile, unit), so the clerk knows what to add.
use super::plan::Planner;
use crate::domain::Id;
use crate::i18n::tf;

/// What a row says about who it is.
pub struct Named<'a> {
    pub name: &'a str,
    pub mobile: Option<&'a str>,
    pub unit: Option<&'a str>,
    /// The column to name in messages (`name`, `attendees`).
    pub key: &'a str,
}

/// The member of `community` the row names; `None` after reporting why not.
pub fn member_in(p: &mut Planner<'_>, row: usize, community: Id, who: &Named<'_>) -> Option<Id> {
    let in_community: Vec<(String, super::directory::MemberRef)> = p
        .dir
        .namesakes(who.name)
        .iter()
        .filter(|(_, r)| r.community == Some(community))
        .cloned()
        .collect();
    let unit_matches = |r: &super::directory::MemberRef| {
        let Some(text) = who.unit else { return true };
        r.unit
            .and_then(|u| p.dir.unit_name(u))
            .is_some_and(|n| text.starts_with(n) || n.starts_with(text))
    };
    let found: Vec<&(String, super::directory::MemberRef)> = in_community
        .iter()
        .filter(|(mobile, _)| who.mobile.is_none_or(|m| m == mobile))
        .filter(|(_, r)| unit_matches(r))
        .collect();
    let lang = p.lang();
    match found.as_slice() {
        [(_, one)] => Some(one.id),
        [] => {
            let with = who
                .mobile
                .map(|m| format!("（{m}）"))
                .or_else(|| who.unit.map(|u| format!("（{u}）")))
                .unwrap_or_default();
            let msg = tf(
                lang,
                "import.ledger.not_in_community",
                &[&community_name(p, community), &who.name, &with],
            );
            p.plan.issue(row, who.key, msg);
            None
        }
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|(mobile, r)| {
                    let tail = mobile
                        .char_indices()
                        .rev()
                        .nth(3)
                        .map_or(mobile.as_str(), |(i, _)| &mobile[i..]);
                    let unit = r.unit.and_then(|u| p.dir.unit_name(u)).unwrap_or("");
                    tf(lang, "import.ledger.candidate", &[&tail, &unit, &r.id])
                })
                .collect();
            let msg = tf(
                lang,
                "import.ledger.namesakes",
                &[&many.len(), &who.name, &list.join("；")],
            );
            p.plan.issue(row, who.key, msg);
            None
        }
    }
}

/// A community's name, for messages.
pub fn community_name(p: &Planner<'_>, id: Id) -> String {
    p.dir
        .communities
        .values()
        .flatten()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_string(), |c| c.name.clone())
}
