//! The audit log: who changed which record when, with the record before and after.
use serde::{Deserialize, Serialize};

use super::Id;

/// One change. `before`/`after` are the records as JSON (absent for a creation/removal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: Id,
    /// The display name: `--clerk NAME`, else the OS account.
    pub clerk: String,
    /// RFC 3339 time of the change.
    pub at: String,
    /// The record's kind (`member`, `service` …) and id.
    pub kind: String,
    pub record: Id,
    /// What the change was, e.g. `save`, `revoke-certification`, `reopen-year`, `undo`.
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// Why, where the clerk gave a reason.
    pub note: String,
    /// The OS account of the process that made the change (from its uid; empty in entries
    /// written before it was recorded). Last, so older programs still read the entry.
    pub account: String,
}

/// One field that a change touched, with its values shown as a clerk reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The stored field's name (`address`, `hours`, `certification` …).
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The fields of a logged record: the content of `{"kind":…,"record":{…}}`, or the object
/// itself (settings).
fn content(json: Option<&str>) -> serde_json::Map<String, serde_json::Value> {
    let Some(Ok(serde_json::Value::Object(mut o))) = json.map(serde_json::from_str) else {
        return serde_json::Map::new();
    };
    match o.remove("record") {
        Some(serde_json::Value::Object(fields)) => fields,
        Some(other) => {
            o.insert("record".into(), other);
            o
        }
        None => o,
    }
}

/// A value as a clerk reads it: text without quotes, `∅` for nothing.
pub fn shown(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "∅".into(),
        Some(serde_json::Value::String(s)) if s.is_empty() => "∅".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Array(a)) if a.is_empty() => "∅".into(),
        Some(other) => other.to_string(),
    }
}

impl AuditEntry {
    /// What the change did, field by field: every field whose value differs (for a new record,
    /// every field it was given).
    pub fn changes(&self) -> Vec<FieldChange> {
        let (before, after) = (
            content(self.before.as_deref()),
            content(self.after.as_deref()),
        );
        let mut out = Vec::new();
        let created = self.before.is_none();
        let mut push = |k: &String| {
            let (b, a) = (shown(before.get(k)), shown(after.get(k)));
            // A new record: only what it was given, not its defaults.
            let default = created && matches!(a.as_str(), "false" | "0" | "[]");
            if b != a && k != "id" && !default {
                out.push(FieldChange {
                    field: k.clone(),
                    before: b,
                    after: a,
                });
            }
        };
        for k in after.keys() {
            push(k);
        }
        for k in before.keys().filter(|k| !after.contains_key(*k)) {
            push(k);
        }
        out
    }

    /// What a clerk calls the record: its name, else the content of a service, else nothing.
    pub fn subject(&self) -> String {
        let fields = {
            let a = content(self.after.as_deref());
            if a.is_empty() {
                content(self.before.as_deref())
            } else {
                a
            }
        };
        ["name", "content", "title", "topic"]
            .iter()
            .find_map(|k| match fields.get(*k) {
                Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// `张三 (OS account zhangsan)`; the account alone when no other name was given.
    pub fn who(&self) -> String {
        match self.account.as_str() {
            "" => format!("{} (?)", self.clerk),
            a if a == self.clerk => a.to_string(),
            a => format!("{} ({a})", self.clerk),
        }
    }

    /// `2026-11-22 10:00:03` in the time zone it was written in.
    pub fn when(&self) -> String {
        chrono::DateTime::parse_from_rfc3339(&self.at)
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_else(|_| self.at.clone())
    }

    /// Whether the record's JSON mentions `id` as its member (a member's services, slips …).
    pub fn concerns_member(&self, id: super::Id) -> bool {
        let id = id.to_string();
        self.record.to_string() == id
            || [self.before.as_deref(), self.after.as_deref()]
                .into_iter()
                .flatten()
                .any(|j| {
                    content(Some(j)).get("member") == Some(&serde_json::Value::String(id.clone()))
                })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(before: Option<&str>, after: Option<&str>) -> AuditEntry {
        AuditEntry {
            id: Id(1),
            clerk: "张三".into(),
            at: "2026-11-22T10:00:03+08:00".into(),
            kind: "member".into(),
            record: Id(7),
            action: "save".into(),
            before: before.map(String::from),
            after: after.map(String::from),
            note: String::new(),
            account: "zhangsan".into(),
        }
    }

    #[test]
    fn changes_list_what_differs_before_to_after() {
        let e = entry(
            Some(
                r#"{"kind":"member","record":{"id":"X","name":"曾顺仙","address":"","mobile":"13812348588"}}"#,
            ),
            Some(
                r#"{"kind":"member","record":{"id":"X","name":"曾顺仙","address":"紫鑫城3栋","mobile":"13812348588"}}"#,
            ),
        );
        assert_eq!(
            e.changes(),
            vec![FieldChange {
                field: "address".into(),
                before: "∅".into(),
                after: "紫鑫城3栋".into()
            }]
        );
        assert_eq!(e.subject(), "曾顺仙");
        assert_eq!(e.who(), "张三 (zhangsan)");
        assert_eq!(e.when(), "2026-11-22 10:00:03");
        let created = entry(
            None,
            Some(r#"{"kind":"member","record":{"id":"X","name":"曾顺仙","address":""}}"#),
        );
        assert_eq!(created.changes().len(), 1, "only the fields it was given");
    }
}
