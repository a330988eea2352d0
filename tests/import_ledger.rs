//! Offices' files imported into a ledger: rosters in every encoding and as XLSX, duplicates
//! under each `--on-duplicate`, service rows matched to members, and files the ledger must
//! refuse as a whole, leaving it exactly as it was.
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::interchange::ImportIssue;
use baodao::interchange::import::{ImportError, OnDuplicate, Options, Outcome, Sheet, import_file};
use baodao::store::{Ledger, View};
use common::*;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn opts(sheet: Sheet) -> Options {
    let mut o = Options::new(sheet);
    o.lang = Lang::Zh;
    o
}

fn roster_opts() -> Options {
    let mut o = opts(Sheet::Members);
    o.community = Some("紫鑫城社区".into());
    o
}

fn import(ledger: &Ledger, file: &Path, o: &Options) -> Result<Outcome, Vec<ImportIssue>> {
    match import_file(ledger, file, o, &mut |_| {}) {
        Ok(out) => Ok(out),
        Err(ImportError::Refused { issues, .. }) => Err(issues),
        Err(ImportError::Store(e)) => panic!("store error: {e}"),
    }
}

/// A ledger with the two communities of the 表1 fixture (and their standard posts).
fn ledger_with_communities() -> (tempfile::TempDir, PathBuf, Ledger) {
    let (dir, path, ledger) = temp_ledger();
    let out = import(
        &ledger,
        &fixture_path("ledger_communities.csv"),
        &opts(Sheet::Communities),
    )
    .expect("communities");
    assert_eq!(out.added(Kind::Community), 2);
    assert_eq!(out.added(Kind::Post), 16);
    (dir, path, ledger)
}

/// Everything that says whether a ledger changed: the commit counter and each table's size.
fn snapshot(ledger: &Ledger) -> (u64, Vec<u64>) {
    let v = ledger.view().expect("view");
    let counts = vec![
        v.count::<Community>().unwrap_or(0),
        v.count::<Unit>().unwrap_or(0),
        v.count::<Member>().unwrap_or(0),
        v.count::<Registration>().unwrap_or(0),
        v.count::<Post>().unwrap_or(0),
        v.count::<ServiceRecord>().unwrap_or(0),
    ];
    (v.generation().expect("generation"), counts)
}

fn member_named(v: &View, name: &str) -> Member {
    v.all::<Member>()
        .expect("members")
        .into_iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no member {name}"))
}

fn post_names(v: &View, ids: &[Id]) -> Vec<String> {
    ids.iter()
        .map(|id| v.get::<Post>(*id).expect("post").expect("post exists").name)
        .collect()
}

/// What the roster fixture must give, whatever the file's encoding or format.
fn check_roster_imported(ledger: &mut Ledger, out: &Outcome) {
    assert_eq!(out.added(Kind::Member), 3, "{out:?}");
    assert_eq!(out.added(Kind::Registration), 3);
    assert_eq!(out.added(Kind::Unit), 2);
    assert_eq!(out.created_units, vec!["区司法局", "区人民医院"]);
    assert_eq!(
        out.ignored.len(),
        1,
        "备注 is not imported: {:?}",
        out.ignored
    );
    let v = ledger.view().expect("view");
    let wang = member_named(&v, "王建国");
    assert_eq!(wang.mobile, "13813901234");
    assert_eq!(wang.position, "科长");
    assert_eq!(wang.birth, YearMonth::new(1968, 5));
    assert!(wang.willing_other);
    let unit = v
        .get::<Unit>(wang.unit.expect("unit"))
        .expect("u")
        .expect("u");
    assert_eq!(
        (unit.name.as_str(), unit.kind),
        ("区司法局", UnitKind::Organ)
    );
    let reg = v.current_registration(wang.id).expect("reg").expect("reg");
    assert_eq!(reg.reported_on, Some(date(2026, 3, 5)));
    assert_eq!(
        post_names(&v, &reg.posts),
        ["政策法规宣传岗", "社区稳定维护岗"]
    );
    let li = member_named(&v, "李秀英");
    assert_eq!(li.mobile, "13913901235");
    let li_unit = v
        .get::<Unit>(li.unit.expect("unit"))
        .expect("u")
        .expect("u");
    assert_eq!(li_unit.kind, UnitKind::Institution);
    let zhao = member_named(&v, "赵敏");
    assert_eq!(
        zhao.unit, wang.unit,
        "the same unit named twice is created once"
    );
    let zreg = v.current_registration(zhao.id).expect("reg").expect("reg");
    assert_eq!((zreg.reported_on, zreg.posts.len()), (None, 0));
    let community = v.get::<Community>(reg.community).expect("c").expect("c");
    assert_eq!(community.name, "紫鑫城社区");
    assert_eq!(v.members_of_community(community.id).expect("m").len(), 3);
    drop(v);
    let report = ledger.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

fn xlsx_of_csv(csv: &str, out: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in csv.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, cell).expect("cell");
            }
        }
    }
    wb.save(out).expect("save xlsx");
}

#[test]
fn a_roster_in_utf8_bom_gbk_and_xlsx_gives_members_registrations_posts_and_units() {
    let text = std::fs::read_to_string(fixture_path("ledger_roster.csv")).expect("fixture");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("roster_utf8.csv", text.as_bytes().to_vec()),
        ("roster_bom.csv", bom),
        ("roster_gbk.csv", gbk.into_owned()),
    ];
    for (name, bytes) in files {
        let (dir, _, mut ledger) = ledger_with_communities();
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).expect("write");
        let out =
            import(&ledger, &file, &roster_opts()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        check_roster_imported(&mut ledger, &out);
    }
    let (dir, _, mut ledger) = ledger_with_communities();
    let file = dir.path().join("roster.xlsx");
    xlsx_of_csv(&text, &file);
    let out = import(&ledger, &file, &roster_opts()).expect("xlsx");
    check_roster_imported(&mut ledger, &out);
}

#[test]
fn each_import_is_one_commit_with_one_summary_in_the_audit_log() {
    let (_dir, _, ledger) = ledger_with_communities();
    let (before, _) = snapshot(&ledger);
    import(&ledger, &fixture_path("ledger_roster.csv"), &roster_opts()).expect("import");
    let (after, _) = snapshot(&ledger);
    assert_eq!(after, before + 1, "one transaction for the whole file");
    let v = ledger.view().expect("view");
    let recent = v.audit_recent(1).expect("audit");
    assert_eq!(recent[0].action, "import");
    assert!(
        recent[0].note.contains("ledger_roster.csv"),
        "{}",
        recent[0].note
    );
    let wang = member_named(&v, "王建国");
    let history = v.audit_of(wang.id).expect("history");
    assert_eq!(history.len(), 1);
    assert!(
        history[0].note.ends_with("ledger_roster.csv:4"),
        "{}",
        history[0].note
    );
}

#[test]
fn the_same_person_twice_in_one_file_is_refused_under_on_duplicate_error() {
    let (dir, _, ledger) = ledger_with_communities();
    let file = dir.path().join("dup.csv");
    std::fs::write(
        &file,
        "姓名,手机,报到日期,认领岗位\n张三,13812345678,2026-03-05,政策法规宣传岗\n李四,13912345678,,\n张三,138 1234 5678,,\n",
    )
    .expect("write");
    let before = snapshot(&ledger);
    let mut o = roster_opts();
    o.on_duplicate = OnDuplicate::Error;
    let issues = import(&ledger, &file, &o).expect_err("refused");
    let rows: Vec<usize> = issues.iter().map(|i| i.row).collect();
    assert_eq!(rows, [4], "{issues:?}");
    assert!(
        issues[0].message.contains("第 2 行"),
        "names the other row: {}",
        issues[0]
    );
    assert_eq!(issues[0].column, "手机");
    assert_eq!(snapshot(&ledger), before, "李四 is not imported either");
}

#[test]
fn a_person_already_in_the_ledger_is_skipped_updated_or_refused() {
    let (dir, _, ledger) = ledger_with_communities();
    import(&ledger, &fixture_path("ledger_roster.csv"), &roster_opts()).expect("first");
    let wang_id = member_named(&ledger.view().expect("v"), "王建国").id;
    let file = dir.path().join("again.csv");
    std::fs::write(
        &file,
        "姓名,手机,专业特长,报到日期,认领岗位\n王建国,13813901234,法律咨询,,\n钱八,13512345678,,,\n",
    )
    .expect("write");

    // skip (the default): 钱八 is added, 王建国 left as he was and listed.
    let before = snapshot(&ledger);
    let out = import(&ledger, &file, &roster_opts()).expect("skip");
    assert_eq!(out.added(Kind::Member), 1);
    assert_eq!(out.skipped.len(), 1);
    assert_eq!(out.skipped[0].0, 2);
    assert!(out.skipped[0].1.contains(&wang_id.to_string()));
    let v = ledger.view().expect("v");
    assert_eq!(member_named(&v, "王建国").specialties, "");
    assert_eq!(snapshot(&ledger).1[2], before.1[2] + 1);
    drop(v);

    // error: the file is refused, naming the row and the way out.
    let mut o = roster_opts();
    o.on_duplicate = OnDuplicate::Error;
    let before = snapshot(&ledger);
    let issues = import(&ledger, &file, &o).expect_err("refused");
    assert_eq!(issues.len(), 2, "both rows are on file now: {issues:?}");
    assert!(
        issues[0].message.contains("--on-duplicate"),
        "{}",
        issues[0]
    );
    assert_eq!(snapshot(&ledger), before);

    // update: the cells the file fills in change, the id and everything else stay.
    o.on_duplicate = OnDuplicate::Update;
    let out = import(&ledger, &file, &o).expect("update");
    assert_eq!(
        out.updated(Kind::Member),
        1,
        "钱八 had nothing new: {out:?}"
    );
    assert_eq!(out.added(Kind::Member), 0);
    let v = ledger.view().expect("v");
    let wang = member_named(&v, "王建国");
    assert_eq!(wang.id, wang_id);
    assert_eq!(wang.specialties, "法律咨询");
    assert_eq!(
        wang.position, "科长",
        "a column the file lacks keeps its value"
    );
    let reg = v.current_registration(wang.id).expect("r").expect("r");
    assert_eq!(reg.posts.len(), 2, "blank 认领岗位 keeps the posts");
    assert_eq!(v.count::<Member>().expect("n"), 4);
}

#[test]
fn a_reported_row_without_a_post_comes_in_as_printed_or_takes_post() {
    let (dir, _, ledger) = ledger_with_communities();
    let file = dir.path().join("no_posts.csv");
    std::fs::write(
        &file,
        "姓名,手机,报到日期\n张三,13812345678,2026-03-05\n李四,13912345678,\n王五,13712345678,2026-03-09\n",
    )
    .expect("write");
    let mut o = roster_opts();
    o.post = Some("没有这个岗".into());
    let issues = import(&ledger, &file, &o).expect_err("unknown post");
    assert!(
        issues[0].message.contains("政策法规宣传岗"),
        "lists the community's posts: {}",
        issues[0]
    );

    let out = import(&ledger, &file, &roster_opts()).expect("as printed");
    assert_eq!(out.added(Kind::Registration), 3);
    let (dir, _, ledger) = ledger_with_communities();
    let file = dir.path().join("no_posts.csv");
    std::fs::write(
        &file,
        "姓名,手机,报到日期\n张三,13812345678,2026-03-05\n李四,13912345678,\n王五,13712345678,2026-03-09\n",
    )
    .expect("write");
    o.post = Some("文明创建示范岗".into());
    let out = import(&ledger, &file, &o).expect("with --post");
    assert_eq!(out.added(Kind::Registration), 3);
    let v = ledger.view().expect("v");
    let reg = v
        .current_registration(member_named(&v, "张三").id)
        .expect("r")
        .expect("r");
    assert_eq!(post_names(&v, &reg.posts), ["文明创建示范岗"]);
}

#[test]
fn a_row_without_a_known_community_is_refused_naming_the_row() {
    let (dir, _, ledger) = ledger_with_communities();
    let file = dir.path().join("communities.csv");
    std::fs::write(
        &file,
        "姓名,手机,社区\n张三,13812345678,紫鑫城社区\n李四,13912345678,不存在社区\n王五,13712345678,\n",
    )
    .expect("write");
    let issues = import(&ledger, &file, &opts(Sheet::Members)).expect_err("refused");
    let at: Vec<(usize, &str)> = issues.iter().map(|i| (i.row, i.column.as_str())).collect();
    assert_eq!(at, [(3, "社区"), (4, "社区")], "{issues:?}");
    assert!(issues[0].message.contains("不存在社区"));
    assert!(issues[1].message.contains("--community"), "{}", issues[1]);

    let mut o = opts(Sheet::Members);
    o.community = Some("没有的社区".into());
    let issues = import(&ledger, &file, &o).expect_err("bad --community");
    assert!(
        issues
            .iter()
            .any(|i| i.row == 0 && i.message.contains("没有的社区"))
    );
}

#[test]
fn a_repeated_header_row_in_the_middle_of_a_roster_is_not_a_person() {
    let (dir, _, ledger) = ledger_with_communities();
    let file = dir.path().join("pages.csv");
    std::fs::write(
        &file,
        "序号,姓名,手机\n1,张三,13812345678\n序号,姓名,手机\n2,李四,13912345678\n",
    )
    .expect("write");
    let out = import(&ledger, &file, &roster_opts()).expect("import");
    assert_eq!(out.added(Kind::Member), 2);
}

#[test]
fn services_find_their_member_by_name_and_mobile_and_certified_hours_count() {
    let (_dir, _, ledger) = ledger_with_communities();
    import(&ledger, &fixture_path("ledger_roster.csv"), &roster_opts()).expect("roster");
    let out = import(
        &ledger,
        &fixture_path("ledger_services.csv"),
        &opts(Sheet::Services),
    )
    .expect("services");
    assert_eq!(out.added(Kind::Service), 2);
    let v = ledger.view().expect("v");
    let wang = member_named(&v, "王建国");
    let rows = v.services_of_member(wang.id, None, None).expect("rows");
    assert_eq!(rows.len(), 1);
    let s = &rows[0];
    assert_eq!((s.hours, s.kind), (Hours(4), ServiceKind::Theme));
    assert_eq!(s.rating, Some(Rating::Excellent));
    let cert = s.certification.as_ref().expect("certified");
    assert_eq!(
        (cert.role, cert.name.as_str()),
        (CertifierRole::PartyOrg, "紫鑫城社区党委")
    );
    assert_eq!(Some(s.community), wang.community);
    assert_eq!(
        v.member_totals(wang.id, 2026).expect("t").certified_halves,
        4
    );
    let li = member_named(&v, "李秀英");
    let li_rows = v.services_of_member(li.id, None, None).expect("rows");
    assert_eq!(li_rows[0].hours, Hours(7));
    assert!(li_rows[0].certification.is_none());
    drop(v);

    // The same card again adds nothing: the rows are on file.
    let again = import(
        &ledger,
        &fixture_path("ledger_services.csv"),
        &opts(Sheet::Services),
    )
    .expect("again");
    assert_eq!((again.added(Kind::Service), again.skipped.len()), (0, 2));
}

#[test]
fn a_service_for_a_member_not_in_the_ledger_refuses_the_file() {
    let (dir, _, ledger) = ledger_with_communities();
    import(&ledger, &fixture_path("ledger_roster.csv"), &roster_opts()).expect("roster");
    let file = dir.path().join("services.csv");
    let mut text = std::fs::read_to_string(fixture_path("ledger_services.csv")).expect("f");
    text.push_str("钱八,13512345678,2026-04-03,清理楼道,3号楼,1,一般,,\n");
    std::fs::write(&file, text).expect("write");
    let before = snapshot(&ledger);
    let issues = import(&ledger, &file, &opts(Sheet::Services)).expect_err("refused");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!((issues[0].row, issues[0].column.as_str()), (5, "姓名"));
    assert!(issues[0].message.contains("钱八") && issues[0].message.contains("13512345678"));
    assert_eq!(
        snapshot(&ledger),
        before,
        "the two good rows are not saved either"
    );
}

#[test]
fn twenty_five_hours_in_one_day_aborts_the_whole_import() {
    let (dir, _, ledger) = ledger_with_communities();
    import(&ledger, &fixture_path("ledger_roster.csv"), &roster_opts()).expect("roster");
    let file = dir.path().join("long_day.csv");
    std::fs::write(
        &file,
        "姓名,手机,年月日,服务(活动)内容,服务时间(小时)\n\
         王建国,13813901234,2026-05-01,值班,20\n\
         李秀英,13913901235,2026-05-01,义诊,3\n\
         王建国,13813901234,2026-05-01,整理台账,5\n",
    )
    .expect("write");
    let before = snapshot(&ledger);
    let issues = import(&ledger, &file, &opts(Sheet::Services)).expect_err("refused");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(
        (issues[0].row, issues[0].column.as_str()),
        (4, "服务时间(小时)")
    );
    assert!(issues[0].message.contains("25"), "{}", issues[0]);
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn a_dry_run_reports_what_would_happen_and_changes_nothing() {
    let (_dir, path, ledger) = ledger_with_communities();
    let before = snapshot(&ledger);
    let bytes = std::fs::read(&path).expect("ledger bytes");
    let mut o = roster_opts();
    o.dry_run = true;
    let out = import(&ledger, &fixture_path("ledger_roster.csv"), &o).expect("dry run");
    assert!(out.dry_run);
    assert_eq!(out.added(Kind::Member), 3);
    assert_eq!(out.created_units.len(), 2);
    assert_eq!(snapshot(&ledger), before);
    assert!(
        std::fs::read(&path).expect("ledger bytes") == bytes,
        "the aborted transaction left the file as it was"
    );
}

#[test]
fn a_dry_run_finds_what_only_the_store_can_refuse() {
    let (dir, _, ledger) = ledger_with_communities();
    import(&ledger, &fixture_path("ledger_roster.csv"), &roster_opts()).expect("roster");
    let file = dir.path().join("long_day.csv");
    std::fs::write(
        &file,
        "姓名,手机,年月日,服务(活动)内容,服务时间(小时)\n\
         王建国,13813901234,2026-05-01,值班,20\n\
         王建国,13813901234,2026-05-01,整理台账,4.5\n",
    )
    .expect("write");
    let mut o = opts(Sheet::Services);
    o.dry_run = true;
    let before = snapshot(&ledger);
    let issues = import(&ledger, &file, &o).expect_err("24.5 hours");
    assert_eq!(issues[0].row, 3, "{issues:?}");
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn a_registrations_file_reports_members_already_on_file() {
    let (dir, _, ledger) = ledger_with_communities();
    import(&ledger, &fixture_path("ledger_roster.csv"), &roster_opts()).expect("roster");
    let file = dir.path().join("slips.csv");
    std::fs::write(
        &file,
        "姓名,手机,报到社区,报到日期,回执交回日期,认领岗位\n赵敏,13912345678,紫鑫城社区,2026-04-10,2026-04-20,青少年教育服务岗\n",
    )
    .expect("write");
    let mut o = opts(Sheet::Registrations);
    o.on_duplicate = OnDuplicate::Update;
    let out = import(&ledger, &file, &o).expect("registrations");
    assert_eq!(out.updated(Kind::Registration), 1);
    let v = ledger.view().expect("v");
    let zhao = member_named(&v, "赵敏");
    let reg = v.current_registration(zhao.id).expect("r").expect("r");
    assert_eq!(reg.status(today()), RegStatus::ReceiptReturned);
    assert_eq!(post_names(&v, &reg.posts), ["青少年教育服务岗"]);
}

#[test]
fn communities_and_units_files_add_then_skip() {
    let (dir, _, ledger) = ledger_with_communities();
    let again = import(
        &ledger,
        &fixture_path("ledger_communities.csv"),
        &opts(Sheet::Communities),
    )
    .expect("again");
    assert_eq!((again.added(Kind::Community), again.skipped.len()), (0, 2));
    let file = dir.path().join("units.csv");
    std::fs::write(
        &file,
        "单位名称,单位属性,联系人,联系电话,联络员,结对社区,在职党员总数\n区财政局,机关,刘科长,0874-3111111,张三、李四,紫鑫城社区,35\n",
    )
    .expect("write");
    let out = import(&ledger, &file, &opts(Sheet::Units)).expect("units");
    assert_eq!(out.added(Kind::Unit), 1);
    let v = ledger.view().expect("v");
    let u = &v.units().expect("units")[0];
    assert_eq!((u.kind, u.declared_members), (UnitKind::Organ, 35));
    assert_eq!(u.liaisons, ["张三", "李四"]);
    assert!(u.paired_community.is_some());
}

fn run_cli(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22", "--clerk", "测试员", "--lang", "zh"])
        .args(args)
        .output()
        .expect("run baodao")
}

#[test]
fn the_cli_lists_every_problem_of_a_broken_file_and_leaves_the_ledger_as_it_was() {
    let (_dir, path, ledger) = ledger_with_communities();
    let before = snapshot(&ledger);
    drop(ledger);
    let file = fixture_path("ledger_roster_broken.csv");
    let file_arg = file.to_string_lossy().to_string();
    let out = run_cli(
        &path,
        &["import", "members", &file_arg, "--community", "紫鑫城社区"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for place in [
        ":2:手机: ",
        ":3:出生年月: ",
        ":3:报到日期: ",
        ":4:认领岗位: ",
        ":6:手机: ",
        ":6:报到日期: ",
    ] {
        assert!(
            stderr.contains(&format!("ledger_roster_broken.csv{place}")),
            "missing {place} in:\n{stderr}"
        );
    }
    assert!(stderr.contains("不存在的岗"));
    // Row 5, reported without a post, is a state the ledger holds.
    assert!(!stderr.contains("broken.csv:5:"), "{stderr}");
    assert!(stderr.contains("6 个问题"), "{stderr}");
    assert!(out.stdout.is_empty());
    // Not the file's bytes: redb rewrites its header when a read-write open closes.
    let ledger = common::open(&path);
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn the_cli_names_a_missing_required_column() {
    let (_dir, path, ledger) = ledger_with_communities();
    let before = snapshot(&ledger);
    drop(ledger);
    let file = fixture_path("ledger_roster_no_name.csv");
    let out = run_cli(
        &path,
        &[
            "import",
            "members",
            &file.to_string_lossy(),
            "--community",
            "紫鑫城社区",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("ledger_roster_no_name.csv:1:姓名: "),
        "{stderr}"
    );
    assert_eq!(snapshot(&common::open(&path)), before);
}

#[test]
fn the_cli_imports_prints_a_summary_and_dry_runs_change_nothing() {
    let (_dir, path, ledger) = ledger_with_communities();
    let before = snapshot(&ledger);
    drop(ledger);
    let file = fixture_path("ledger_roster.csv");
    let f = file.to_string_lossy().to_string();
    let args = ["import", "members", &f, "--community", "紫鑫城社区"];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let out = run_cli(&path, &dry);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("试导入") && stdout.contains("党员：新增 3"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("M(备注)"));
    assert_eq!(snapshot(&common::open(&path)), before);

    let out = run_cli(&path, &args);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("已导入") && stdout.contains("区司法局"),
        "{stdout}"
    );
    let out = run_cli(&path, &args);
    assert!(String::from_utf8_lossy(&out.stdout).contains("跳过 3 行"));
    let check = run_cli(&path, &["check"]);
    assert_eq!(check.status.code(), Some(0));
}
