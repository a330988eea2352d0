//! The fields of every form, by name: a form lays out, reads and focuses its fields by these,
//! so a misspelt field is a compile error rather than a field read as empty (which, on an
//! edit, would have saved the record with that value wiped).
//!
//! Each key carries the catalog key of its label, which is also the name the store's
//! validation gives the field when it refuses a save (`field.mobile`): [`FieldKey::named`]
//! is the one place a refusal's field name becomes a key.
//!
//! Owns: the field names. Must not touch: fields' values.

macro_rules! field_keys {
    ($($key:ident => $catalog:literal,)*) => {
        /// One field of a form.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum FieldKey {
            $($key,)*
        }

        impl FieldKey {
            /// Every field key.
            pub const ALL: &[FieldKey] = &[$(FieldKey::$key,)*];

            /// The catalog key of the field's label (and the store's name for the field).
            pub fn catalog(self) -> &'static str {
                match self {
                    $(FieldKey::$key => $catalog,)*
                }
            }
        }
    };
}

field_keys! {
    Birth => "field.birth",
    Certifier => "field.certifier",
    Community => "field.community",
    CommunityName => "field.community_name",
    Contact => "field.contact",
    Content => "field.content",
    Date => "field.date",
    Hours => "field.hours",
    Household => "field.household",
    IssuedOn => "field.issued_on",
    Joined => "field.joined",
    Member => "field.member",
    Mobile => "field.mobile",
    Name => "field.name",
    Phone => "field.phone",
    Place => "field.place",
    PostName => "field.post_name",
    Posts => "field.posts",
    Reason => "field.reason",
    ReceiptOn => "field.receipt_on",
    ReportBy => "field.report_by",
    ReportedOn => "field.reported_on",
    Requester => "field.requester",
    Title => "field.title",
    Topics => "field.topics",
    Unit => "field.unit",
    UnitName => "field.unit_name",
    Rating => "tui.card.rating",
    ActivityKind => "tui.f.activity_kind",
    Address => "tui.f.address",
    Availability => "tui.f.availability",
    CertRole => "tui.f.cert_role",
    ContactName => "tui.f.contact_name",
    ContactPhone => "tui.f.contact_phone",
    County => "tui.f.county",
    Declared => "tui.f.declared",
    DefaultHours => "tui.f.default_hours",
    DemandKind => "tui.f.demand_kind",
    DemandsTo => "tui.f.demands_to",
    Deputy => "tui.f.deputy",
    Due => "tui.f.due",
    Duties => "tui.f.duties",
    Education => "tui.f.education",
    EndedOn => "tui.f.ended_on",
    Ethnicity => "tui.f.ethnicity",
    Gender => "tui.f.gender",
    Health => "tui.f.health",
    Hobbies => "tui.f.hobbies",
    HouseholdKind => "tui.f.household_kind",
    Kind => "tui.f.kind",
    Liaisons => "tui.f.liaisons",
    MoveTo => "tui.f.move_to",
    Note => "tui.f.note",
    Office => "tui.f.office",
    Outcome => "tui.f.outcome",
    PairedCommunity => "tui.f.paired_community",
    PairedMember => "tui.f.paired_member",
    PairingsTo => "tui.f.pairings_to",
    Participants => "tui.f.participants",
    PartyOrg => "tui.f.party_org",
    Plan => "tui.f.plan",
    Position => "tui.f.position",
    PostTime => "tui.f.post_time",
    Project => "tui.f.project",
    Secretary => "tui.f.secretary",
    ServiceDay => "tui.f.service_day",
    Since => "tui.f.since",
    Specialties => "tui.f.specialties",
    Standing => "tui.f.standing",
    Street => "tui.f.street",
    Suggestion => "tui.f.suggestion",
    Team => "tui.f.team",
    UnitAddress => "tui.f.unit_address",
    UnitKind => "tui.f.unit_kind",
    UnitPhone => "tui.f.unit_phone",
    UnitsPresent => "tui.f.units_present",
    WillingOther => "tui.f.willing_other",
}

impl FieldKey {
    /// The field a store refusal names (`field.mobile`); `None` for a name no form lays out.
    pub fn named(name: &str) -> Option<FieldKey> {
        FieldKey::ALL.iter().copied().find(|k| k.catalog() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::FieldKey;

    /// A refusal's field name reads back as the one key that shows it, and every label is in
    /// the catalog.
    #[test]
    fn every_key_is_named_once_and_labelled() {
        for &k in FieldKey::ALL {
            assert_eq!(FieldKey::named(k.catalog()), Some(k), "{k:?}");
            for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
                assert_ne!(crate::i18n::t(lang, k.catalog()), k.catalog(), "{k:?}");
            }
        }
        // A catalog key that names no field is no key.
        assert_eq!(FieldKey::named("tui.cmd.quit"), None);
    }
}
