//! Every rule at, just below and just above its threshold; points against hand-computed values.
use super::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
}

fn today() -> NaiveDate {
    d(11, 22)
}

fn year(services: u32, suggestions: u32) -> MemberYear {
    MemberYear {
        year: 2026,
        standing: Some(Standing::Full),
        reported_on: Some(d(3, 10)),
        posts: 1,
        totals: YearTotals {
            services,
            certified_services: services,
            certified_halves: services * 4,
            all_halves: services * 4,
            suggestions,
            ..Default::default()
        },
        ..Default::default()
    }
}

fn check(a: &Assessment, r: Rule) -> bool {
    a.checks
        .iter()
        .find(|c| c.rule == r)
        .map(|c| c.ok)
        .unwrap_or(false)
}

#[test]
fn services_minimum_at_below_and_above() {
    let s = Settings::default();
    for (n, ok) in [(1, false), (2, true), (3, true)] {
        let a = assess(&year(n, 1), &s, today(), Lang::Zh);
        assert_eq!(check(&a, Rule::Services), ok, "{n} services");
        assert_eq!(a.disqualified.is_some(), !ok, "{n} services");
        if !ok {
            assert_eq!(a.proposed, Grade::Basic);
        }
    }
    // A stricter ledger setting moves the threshold.
    let strict = Settings {
        min_services: 3,
        ..Settings::default()
    };
    assert!(!check(
        &assess(&year(2, 1), &strict, today(), Lang::Zh),
        Rule::Services
    ));
}

#[test]
fn suggestions_minimum_at_below_and_above() {
    let s = Settings::default();
    for (n, ok) in [(0, false), (1, true), (2, true)] {
        let a = assess(&year(5, n), &s, today(), Lang::Zh);
        assert_eq!(check(&a, Rule::Suggestions), ok, "{n} suggestions");
        // Suggestions below the minimum lower the grade but do not disqualify.
        assert!(a.disqualified.is_none());
        assert_eq!(a.proposed == Grade::Basic, !ok);
    }
}

#[test]
fn uncertified_services_do_not_count() {
    let mut m = year(2, 1);
    m.totals.certified_services = 1;
    m.totals.services = 5;
    let a = assess(&m, &Settings::default(), today(), Lang::Zh);
    assert!(!check(&a, Rule::Services));
    assert!(
        a.checks[2].detail.contains("共记录 5 次"),
        "{}",
        a.checks[2].detail
    );
}

#[test]
fn not_reported_with_and_without_reason() {
    let s = Settings::default();
    let mut m = year(0, 0);
    m.reported_on = None;
    m.report_by = Some(d(4, 1));
    let a = assess(&m, &s, today(), Lang::Zh);
    assert_eq!(a.proposed, Grade::Unqualified);
    assert!(
        a.disqualified
            .as_deref()
            .unwrap_or("")
            .contains("无故不报到")
    );
    assert!(a.checks[0].detail.contains("逾期"));
    m.reason = "长期外派出差".into();
    let a = assess(&m, &s, today(), Lang::Zh);
    assert_eq!(a.proposed, Grade::Basic);
    // Still below the service minimum, so still no awards, but for that reason.
    assert!(
        a.disqualified
            .as_deref()
            .unwrap_or("")
            .contains("基本服务要求")
    );
    assert!(a.checks[0].detail.contains("长期外派出差"));
}

#[test]
fn no_post_is_basic() {
    let mut m = year(10, 2);
    m.posts = 0;
    let a = assess(&m, &Settings::default(), today(), Lang::Zh);
    assert!(!check(&a, Rule::Post));
    assert_eq!(a.proposed, Grade::Basic);
}

#[test]
fn points_and_stars_by_hand() {
    let t = YearTotals {
        services: 12,
        certified_services: 10,
        certified_halves: 41, // 20.5 hours
        all_halves: 50,
        rated_excellent: 4,
        rated_good: 3,
        demands_done: 2,
        pairing_visits: 1,
        suggestions: 3,
        suggestions_adopted: 1,
    };
    // 20.5*1 + 10*2 + 4*1 + 3*0.5 + 2*2 + 1*3 + 2*1 = 55
    let f = PointsFormula::default();
    assert!((points(&t, &f) - 55.0).abs() < 1e-9);
    assert_eq!(f.stars_for(55.0), 2);
    assert_eq!(f.stars_for(59.9), 2);
    assert_eq!(f.stars_for(60.0), 3);
    assert_eq!(f.stars_for(9.5), 0);
    assert_eq!(stars_text(3), "★★★");
}

#[test]
fn excellent_needs_every_rule_and_four_stars() {
    let s = Settings::default();
    // 25 certified services of 2 hours and a suggestion: 50 + 50 + 1 = 101 points, four stars.
    let mut m = year(25, 1);
    assert_eq!(assess(&m, &s, today(), Lang::Zh).stars, 4);
    assert_eq!(assess(&m, &s, today(), Lang::Zh).proposed, Grade::Excellent);
    // 1.5 hours fewer: 99.5 points, three stars, qualified.
    m.totals.certified_halves -= 3;
    let a = assess(&m, &s, today(), Lang::Zh);
    assert_eq!((a.stars, a.proposed), (3, Grade::Qualified));
}

#[test]
fn moved_and_probationary_members_are_explained() {
    let mut m = year(3, 1);
    m.moved_in_year = true;
    m.standing = Some(Standing::Probationary);
    let a = assess(&m, &Settings::default(), today(), Lang::En);
    assert_eq!(a.notes.len(), 2);
    assert_eq!(a.proposed, Grade::Qualified, "judged by the same standard");
}

#[test]
fn unit_rate_at_below_and_above_ninety_percent() {
    let s = Settings::default();
    assert!(unit_rate(0, 10, 9, &s, Lang::Zh).meets);
    assert!(!unit_rate(0, 100, 89, &s, Lang::Zh).meets);
    assert!(unit_rate(0, 100, 91, &s, Lang::Zh).meets);
    // Declared total above the members on file: the rate is over the declared total.
    let r = unit_rate(20, 10, 10, &s, Lang::Zh);
    assert_eq!((r.base, r.meets), (20, false));
    assert!((r.percent - 50.0).abs() < 1e-9);
    assert!(r.note.is_some());
    assert!(
        !unit_rate(0, 0, 0, &s, Lang::Zh).meets,
        "no members: nothing to rate"
    );
}

#[test]
fn half_years_count_only_what_is_due() {
    let dates = [d(3, 1), d(5, 1)];
    let h = HalfYears::count(dates, 2026, 1, d(6, 1));
    assert!(h.ok(), "second half not due yet");
    let h = HalfYears::count(dates, 2026, 1, today());
    assert!(!h.ok());
    assert_eq!(h.counts, [2, 0]);
    let h = HalfYears::count([d(3, 1), d(9, 1)], 2026, 1, today());
    assert!(h.ok());
    assert!(h.detail(Lang::Zh).contains("上半年 1✓"));
}
