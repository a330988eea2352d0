//! Files shaped as offices really keep them: headers written the way people write them,
//! workbooks that open with instructions, rosters padded for print, and the same person
//! twice in one file.
mod common;

use std::path::{Path, PathBuf};

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::interchange::ImportIssue;
use baodao::interchange::header::find_header;
use baodao::interchange::import::{ImportError, OnDuplicate, Options, Outcome, Sheet, import_file};
use baodao::interchange::rows::{self, person_name};
use baodao::interchange::{ReadOptions, read_bytes, schemas};
use baodao::store::Ledger;
use common::*;
use rust_xlsxwriter::Workbook;

fn opts(sheet: Sheet) -> Options {
    let mut o = Options::new(sheet);
    o.lang = Lang::Zh;
    o
}

fn import(ledger: &Ledger, file: &Path, o: &Options) -> Result<Outcome, Vec<ImportIssue>> {
    match import_file(ledger, file, o, &mut |_| {}) {
        Ok(out) => Ok(out),
        Err(ImportError::Refused { issues, .. }) => Err(issues),
        Err(ImportError::Store(e)) => panic!("store error: {e}"),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

fn grid(text: &str) -> baodao::interchange::Grid {
    read_bytes("t.csv", text.as_bytes(), &ReadOptions::default()).expect("grid")
}

#[test]
fn a_header_naming_only_the_required_column_is_a_header() {
    let g = grid("编号,社区名称,所属市州\n1,紫鑫城社区,南京市\n2,玄武门社区,南京市\n");
    let h = find_header(&g, &schemas::COMMUNITIES, Lang::Zh).expect("header");
    assert_eq!(h.lines, vec![1]);
    let parsed = rows::communities(&g, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    let names: Vec<&str> = parsed.rows.iter().map(|(_, r)| r.name.as_str()).collect();
    assert_eq!(names, ["紫鑫城社区", "玄武门社区"]);
    // A data row alone never reads as a header: numbers are not column names.
    let g = grid("1,社区,3\n");
    assert!(find_header(&g, &schemas::COMMUNITIES, Lang::Zh).is_err());
}

#[test]
fn prefixes_suffixes_notes_and_spaces_are_read_past() {
    let g = grid("编号,社区名称,所属街道,所属县区,所属市州\n1,紫鑫城社区,锁金街道,玄武区,南京市\n");
    let parsed = rows::communities(&g, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    let r = &parsed.rows[0].1;
    assert_eq!(r.street.as_deref(), Some("锁金街道"));
    assert_eq!(r.county.as_deref(), Some("玄武区"));

    let g = grid(
        "姓　名,性 别,出生年月（年.月）,联系电话（手机）,所在单位名称,手机号码备用\n\
         张三,男,1963.04,13812345678,市委办公室,\n",
    );
    let parsed = rows::members(&g, Lang::Zh);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    let r = &parsed.rows[0].1;
    assert_eq!(r.name, "张三");
    assert_eq!(r.gender, Some(Gender::Male));
    assert_eq!(
        r.birth,
        Some(YearMonth {
            year: 1963,
            month: 4
        })
    );
    assert_eq!(r.mobile.as_deref(), Some("13812345678"));
    assert_eq!(r.unit_position.as_deref(), Some("市委办公室"));
    assert!(parsed.ignored.iter().any(|(_, h)| h == "手机号码备用"));
}

#[test]
fn padded_names_are_names() {
    assert_eq!(person_name("王　芳"), "王芳");
    assert_eq!(person_name("王 芳"), "王芳");
    assert_eq!(person_name(" 欧阳　 娜娜 "), "欧阳娜娜");
    assert_eq!(person_name("阿依古丽·买买提"), "阿依古丽·买买提");
    assert_eq!(person_name("阿依古丽 ・ 买买提"), "阿依古丽·买买提");
    assert_eq!(person_name("John  Smith"), "John Smith");
    let g = grid("姓名,手机\n王　芳,13812345678\n李 四,13812345679\n");
    let parsed = rows::members(&g, Lang::Zh);
    let names: Vec<&str> = parsed.rows.iter().map(|(_, r)| r.name.as_str()).collect();
    assert_eq!(names, ["王芳", "李四"]);
}

/// A workbook as offices send it: 填表说明 first, the roster on the second sheet.
#[test]
fn the_sheet_whose_header_fits_is_imported() {
    let (dir, _path, ledger) = temp_ledger();
    let communities = write(dir.path(), "c.csv", "社区名称,街道\n紫鑫城社区,锁金街道\n");
    import(&ledger, &communities, &opts(Sheet::Communities)).expect("communities");
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("填表说明").expect("name");
    notes
        .write(0, 0, "填表说明：姓名必填，手机填写 11 位")
        .expect("cell");
    notes.write(1, 0, "报到日期写成 2024-03-05").expect("cell");
    let roster = book.add_worksheet();
    roster.set_name("登记表").expect("name");
    for (c, h) in ["序号", "姓名", "手机"].iter().enumerate() {
        roster.write(0, c as u16, *h).expect("cell");
    }
    roster.write(1, 0, 1).expect("cell");
    roster.write(1, 1, "王　芳").expect("cell");
    roster.write(1, 2, "13812345678").expect("cell");
    let file = dir.path().join("roster.xlsx");
    book.save(&file).expect("save");
    let mut o = opts(Sheet::Members);
    o.community = Some("紫鑫城社区".into());
    let out = import(&ledger, &file, &o).expect("imported");
    assert_eq!(out.added(Kind::Member), 1);
    assert_eq!(out.sheet.as_deref(), Some("登记表"));
    assert!(out.lines(Lang::Zh).iter().any(|l| l.contains("登记表")));
    let v = ledger.view().expect("view");
    let names: Vec<String> = v
        .all::<Member>()
        .expect("members")
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names, ["王芳"]);
}

/// A ledger with 紫鑫城社区 and its eight standard posts.
fn ledger_with_community() -> (tempfile::TempDir, PathBuf, Ledger) {
    let (dir, path, ledger) = temp_ledger();
    let c = write(dir.path(), "c.csv", "社区名称,街道\n紫鑫城社区,锁金街道\n");
    import(&ledger, &c, &opts(Sheet::Communities)).expect("communities");
    (dir, path, ledger)
}

fn roster(dup: OnDuplicate) -> Options {
    let mut o = opts(Sheet::Members);
    o.community = Some("紫鑫城社区".into());
    o.on_duplicate = dup;
    o
}

#[test]
fn the_same_person_twice_in_one_file_follows_on_duplicate() {
    let (dir, _path, ledger) = ledger_with_community();
    let file = write(
        dir.path(),
        "dups.csv",
        "姓名,出生年月,手机,专业特长\n\
         王芳,1980.05,13812345678,\n\
         李四,1975.01,13900001111,\n\
         王　芳,,13812345678,法律\n\
         李四,1975.01,,会计\n",
    );
    // error: refused, each later row naming the earlier one and why.
    let issues = import(&ledger, &file, &roster(OnDuplicate::Error)).expect_err("refused");
    let lines: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with(&format!(
            "{}:4:手机: 与第 2 行是同一人（手机号相同）",
            file.display()
        )),
        "{lines:?}"
    );
    assert!(
        lines[1].contains(":5:姓名: 与第 3 行是同一人（姓名、出生年月相同）"),
        "{lines:?}"
    );
    assert_eq!(
        ledger.view().expect("view").count::<Member>().expect("n"),
        0
    );
    // skip (the default): the later rows are listed as skipped.
    let out = import(&ledger, &file, &roster(OnDuplicate::Skip)).expect("imported");
    assert_eq!((out.added(Kind::Member), out.skipped_total), (2, 2));
    assert_eq!(out.skipped[0].0, 4);
    assert!(out.skipped[0].1.contains("第 2 行"));
    // update: the later rows' cells are merged into the earlier ones.
    let (dir, _path, ledger) = ledger_with_community();
    let file = write(
        dir.path(),
        "dups.csv",
        &std::fs::read_to_string(&file).expect("read"),
    );
    let out = import(&ledger, &file, &roster(OnDuplicate::Update)).expect("imported");
    assert_eq!(out.added(Kind::Member), 2);
    let v = ledger.view().expect("view");
    let mut got: Vec<(String, String)> = v
        .all::<Member>()
        .expect("members")
        .into_iter()
        .map(|m| (m.name, m.specialties))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("李四".into(), "会计".into()),
            ("王芳".into(), "法律".into())
        ]
    );
}

fn identical_rows(dir: &Path, n: usize) -> PathBuf {
    let mut text = String::from("姓名,手机\n");
    for _ in 0..n {
        text.push_str("王芳,13812345678\n");
    }
    write(dir, &format!("same{n}.csv"), &text)
}

/// 8,000 identical rows refused with a few lines, not one line per pair of rows.
#[test]
fn identical_rows_give_a_few_lines_and_a_count() {
    let (dir, _path, ledger) = ledger_with_community();
    let file = identical_rows(dir.path(), 8_000);
    let issues = import(&ledger, &file, &roster(OnDuplicate::Error)).expect_err("refused");
    assert!(issues.len() <= 3, "{issues:?}");
    let total: usize = issues.iter().map(|i| 1 + i.more).sum();
    assert_eq!(total, 7_999);
    let shown = issues[2].shown(Lang::Zh);
    assert!(shown.contains("另有 7996 处同类问题"), "{shown}");
}

/// The peak resident memory of this process's waited-for children, in kB.
fn children_peak_kb() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut u);
        u.ru_maxrss
    }
}

/// 500,000 rows of one person: refused in a few lines, without a line (or a record) kept
/// per repeated row. The only test here that runs the program, so the peak is its own.
#[test]
fn half_a_million_identical_rows_are_refused_in_a_few_lines() {
    let (dir, path, ledger) = ledger_with_community();
    drop(ledger);
    let file = identical_rows(dir.path(), 500_000);
    let out = std::process::Command::new(bin())
        .arg("--db")
        .arg(&path)
        .args(["import", "members"])
        .arg(&file)
        .args(["--community", "紫鑫城社区", "--on-duplicate", "error"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.lines().count() <= 5, "{stderr}");
    assert!(stderr.contains("另有 499996 处同类问题"), "{stderr}");
    assert!(stderr.contains("发现 499999 个问题"), "{stderr}");
    // The sheet itself (a million cells) is most of it; a record or a message per row
    // would be several times more.
    let peak_mb = children_peak_kb() / 1024;
    assert!(peak_mb < 256, "peak {peak_mb} MB");
    let ledger = open(&path);
    assert_eq!(
        ledger.view().expect("view").count::<Member>().expect("n"),
        0
    );
}

/// 附件4 exactly as seed 003 prints it: title, the 县/街道/社区 line, header cells broken
/// over lines and padded (`住  址`), the 单位属性 note in brackets, and no post column.
const ATTACHMENT_4: &str = "\
在职党员社区报到登记表（样表）,,,,,,,,,,,,,,,,
            县（市、区）         街道（乡镇）               社区党组织,,,,,,,,,,,,,,,,
序号,姓名,性别,\"出生\n年月\",\"入党\n时间\",\"文化\n程度\",\"专业\n特长\",\"兴趣\n爱好\",工作单位及职务,单位属性（机关、事业、企业、大专院校）,住  址,\"单位\n电话\",手机,\"志愿\n服务\n项目\",\"志愿\n服务\n小组\",报到日期,是否愿意参加社区其他服务
1,曹顺仙,女,1968.05,1990.07,本科,法律,书法,市司法局 科长,机关,紫鑫城小区3幢,025-83451234,15195888588,法律咨询,普法小组,2026-09-12,是
2,王　芳,女,1975.11,2001.06,大专,,唱歌,锁金村小学 教师,事业,紫鑫城小区8幢,,13912345678,,,2026-09-15,否
";

#[test]
fn attachment_4_as_printed_comes_in_without_posts() {
    let (dir, _path, ledger) = ledger_with_community();
    let file = write(dir.path(), "附件4.csv", ATTACHMENT_4);
    let out = import(&ledger, &file, &roster(OnDuplicate::Skip)).expect("imported");
    assert_eq!(
        (out.added(Kind::Member), out.added(Kind::Registration)),
        (2, 2)
    );
    assert!(out.ignored.is_empty(), "{:?}", out.ignored);
    let v = ledger.view().expect("view");
    let community = v.communities().expect("c")[0].id;
    let rows = baodao::evaluate::community_session(&v, community, 2026, today(), Lang::Zh)
        .expect("session");
    let names: Vec<&str> = rows.iter().map(|r| r.member.name.as_str()).collect();
    assert_eq!(names, ["曹顺仙", "王芳"]);
    for r in &rows {
        assert_eq!(r.year.posts, 0);
        let post = r
            .assessment
            .checks
            .iter()
            .find(|c| c.rule == baodao::domain::rules::Rule::Post)
            .expect("post rule");
        assert!(!post.ok, "{:?}", post);
        assert_eq!(r.assessment.proposed, Some(Grade::Basic));
    }
    let lists = baodao::evaluate::readiness::load(&v, community, today(), Lang::Zh).expect("lists");
    let no_post: Vec<&str> = lists.sections[3].iter().map(|l| l.name.as_str()).collect();
    assert_eq!(no_post, ["曹顺仙", "王芳"]);
}
