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
        reporting: Reporting::Reported {
            on: d(3, 10),
            by: Some(d(3, 31)),
            late_days: None,
        },
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
        let a = assess(&year(n, 1), &s, Lang::Zh);
        assert_eq!(check(&a, Rule::Services), ok, "{n} services");
        assert_eq!(a.disqualified.is_some(), !ok, "{n} services");
        if !ok {
            assert_eq!(a.proposed, Some(Grade::Basic));
        }
    }
    // A stricter ledger setting moves the threshold.
    let strict = Settings {
        min_services: 3,
        ..Settings::default()
    };
    assert!(!check(
        &assess(&year(2, 1), &strict, Lang::Zh),
        Rule::Services
    ));
}

#[test]
fn suggestions_minimum_at_below_and_above() {
    let s = Settings::default();
    for (n, ok) in [(0, false), (1, true), (2, true)] {
        let a = assess(&year(5, n), &s, Lang::Zh);
        assert_eq!(check(&a, Rule::Suggestions), ok, "{n} suggestions");
        // Suggestions below the minimum lower the grade but do not disqualify.
        assert!(a.disqualified.is_none());
        assert_eq!(a.proposed == Some(Grade::Basic), !ok);
    }
}

#[test]
fn uncertified_services_do_not_count() {
    let mut m = year(2, 1);
    m.totals.certified_services = 1;
    m.totals.services = 5;
    let a = assess(&m, &Settings::default(), Lang::Zh);
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
    // Deadline 1 April passed: 无故不报到, proposed 不合格 and disqualified.
    m.reporting = Reporting::Overdue {
        by: d(4, 1),
        reason: String::new(),
    };
    let a = assess(&m, &s, Lang::Zh);
    assert_eq!(a.proposed, Some(Grade::Unqualified));
    assert_eq!(
        a.disqualified.as_deref(),
        Some("无故不报到，取消当年评先评优资格")
    );
    assert_eq!(
        a.checks[0].detail,
        "逾期未报到（限 2026-04-01 前），未说明原因"
    );
    // With a reason (003 三.3 disqualifies neither case): not graded by the community, which
    // states no disqualification; the reason is said.
    m.reporting = Reporting::Overdue {
        by: d(4, 1),
        reason: "长期外派出差".into(),
    };
    let a = assess(&m, &s, Lang::Zh);
    assert_eq!(a.proposed, None);
    assert_eq!(a.disqualified, None);
    assert_eq!(
        a.why,
        "逾期未报到（限 2026-04-01 前），原因：长期外派出差：未到社区报到，社区不作评议，也不作取消评先评优资格的认定"
    );
}

#[test]
fn a_deadline_not_yet_passed_is_not_unreported_without_reason() {
    let mut m = year(0, 0);
    m.reporting = Reporting::Due {
        by: Some(NaiveDate::from_ymd_opt(2027, 1, 10).unwrap_or_default()),
        reason: String::new(),
    };
    let a = assess(&m, &Settings::default(), Lang::Zh);
    assert_eq!((a.proposed, a.disqualified.as_deref()), (None, None));
    assert_eq!(a.checks.len(), 1);
    assert_eq!(a.checks[0].detail, "报到期限未到（限 2027-01-10 前）");
}

#[test]
fn late_reporting_is_said_with_the_days() {
    let mut m = year(3, 1);
    m.reporting = Reporting::Reported {
        on: d(3, 11),
        by: Some(d(3, 10)),
        late_days: Some(1),
    };
    let a = assess(&m, &Settings::default(), Lang::Zh);
    let c = &a.checks[0];
    assert_eq!((c.ok, c.mark()), (true, "!"));
    assert_eq!(
        c.detail,
        "逾期报到 1 天（2026-03-11 报到，限 2026-03-10 前）"
    );
    assert_eq!(a.proposed, Some(Grade::Qualified), "late, but reported");
}

#[test]
fn no_post_is_basic() {
    let mut m = year(10, 2);
    m.posts = 0;
    let a = assess(&m, &Settings::default(), Lang::Zh);
    assert!(!check(&a, Rule::Post));
    assert_eq!(a.proposed, Some(Grade::Basic));
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
    assert_eq!(assess(&m, &s, Lang::Zh).stars, 4);
    assert_eq!(assess(&m, &s, Lang::Zh).proposed, Some(Grade::Excellent));
    // 1.5 hours fewer: 99.5 points, three stars, qualified.
    m.totals.certified_halves -= 3;
    let a = assess(&m, &s, Lang::Zh);
    assert_eq!((a.stars, a.proposed), (3, Some(Grade::Qualified)));
}

#[test]
fn moved_and_probationary_members_are_explained() {
    let mut m = year(3, 1);
    m.moved_in_year = true;
    m.standing = Some(Standing::Probationary);
    let a = assess(&m, &Settings::default(), Lang::En);
    assert_eq!(a.notes.len(), 2);
    assert_eq!(
        a.proposed,
        Some(Grade::Qualified),
        "judged by the same standard"
    );
}

#[test]
fn unit_rate_at_below_and_above_ninety_percent() {
    let s = Settings::default();
    assert!(unit_rate(0, 10, 9, &s).meets());
    assert!(!unit_rate(0, 100, 89, &s).meets());
    assert!(unit_rate(0, 100, 91, &s).meets());
    // 188 of 209 = 89.952…%: below 90, printed 89.9 (never 90 beside "below").
    let r = unit_rate(209, 209, 188, &s);
    assert_eq!((r.below(), r.percent_text().as_str()), (Some(true), "89.9"));
    // Exactly 90%: meets, printed 90.
    let r = unit_rate(0, 210, 189, &s);
    assert_eq!((r.below(), r.percent_text().as_str()), (Some(false), "90"));
    // Declared total above the members on file: the rate is over the declared total.
    let r = unit_rate(20, 10, 10, &s);
    assert_eq!(
        (r.base, r.meets(), r.percent_text().as_str()),
        (20, false, "50")
    );
    assert!(r.note(Lang::Zh).is_some());
    // More on file than declared: the base is those on file, and it is flagged.
    let r = unit_rate(10, 12, 12, &s);
    assert_eq!((r.base, r.percent_text().as_str()), (12, "100"));
    assert!(r.beyond_declared());
    assert!(r.note(Lang::Zh).unwrap_or_default().contains("多于"));
    // Nobody declared, nobody on file: no rate, not "below".
    let r = unit_rate(0, 0, 0, &s);
    assert_eq!((r.below(), r.percent_text().as_str()), (None, "—"));
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
