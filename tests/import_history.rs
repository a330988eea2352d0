//! The rest of the 台账 as import kinds: 意见建议, activities with attendance, 岗位,
//! 志愿服务队 and past years' 民主评议, each member found by name within the community.
mod common;

use std::path::{Path, PathBuf};

use baodao::domain::*;
use baodao::i18n::Lang;
use baodao::interchange::ImportIssue;
use baodao::interchange::import::{ImportError, OnDuplicate, Options, Outcome, Sheet, import_file};
use baodao::store::Ledger;
use common::*;

fn opts(sheet: Sheet) -> Options {
    let mut o = Options::new(sheet);
    o.lang = Lang::Zh;
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

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p
}

/// 紫鑫城社区 with four members, two of them named 王芳 (told apart by mobile and unit).
fn community_with_members() -> (tempfile::TempDir, PathBuf, Ledger) {
    let (dir, path, ledger) = temp_ledger();
    let c = write(
        dir.path(),
        "c.csv",
        "社区名称,街道\n紫鑫城社区,锁金街道\n玄武门社区,玄武门街道\n",
    );
    let mut o = opts(Sheet::Communities);
    o.community = None;
    import(&ledger, &c, &o).expect("communities");
    let m = write(
        dir.path(),
        "m.csv",
        "姓名,手机,工作单位及职务,报到日期,认领岗位\n\
         王芳,13800000001,市司法局 科长,2026-03-01,政策法规宣传岗\n\
         王芳,13800000002,锁金村小学 教师,2026-03-02,青少年教育服务岗\n\
         李四,13800000003,市司法局 科员,2026-03-03,社区工作参议岗\n\
         张三,13800000004,市税务局,2026-03-04,文明创建示范岗\n",
    );
    import(&ledger, &m, &opts(Sheet::Members)).expect("members");
    (dir, path, ledger)
}

fn member_id(ledger: &Ledger, name: &str, mobile: &str) -> Id {
    let v = ledger.view().expect("view");
    v.all::<Member>()
        .expect("members")
        .into_iter()
        .find(|m| m.name == name && m.mobile == mobile)
        .map(|m| m.id)
        .expect("member")
}

#[test]
fn suggestions_find_their_member_and_namesakes_need_a_mobile_or_unit() {
    let (dir, _p, ledger) = community_with_members();
    let file = write(
        dir.path(),
        "s.csv",
        "意见建议汇总表,,,,\n序号,提出人,提出日期,建议内容,办理结果\n\
         1,李四,2026-04-01,建议增设充电桩,采纳\n\
         2,王芳,2026-04-02,楼道灯坏了,\n\
         3,赵六,2026-04-03,x,\n\
         4,张三,2026-04-04,加装电梯,研究中\n",
    );
    let issues = import(&ledger, &file, &opts(Sheet::Suggestions)).expect_err("refused");
    let text: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
    assert_eq!(issues.len(), 3, "{text:?}");
    assert!(
        text[0].contains(":4:提出人: 有 2 名党员叫“王芳”"),
        "{text:?}"
    );
    assert!(
        text[0].contains("尾号 0001") && text[0].contains("市司法局"),
        "{text:?}"
    );
    assert!(
        text[0].contains("尾号 0002") && text[0].contains("锁金村小学"),
        "{text:?}"
    );
    assert!(
        text[1].contains(":5:提出人: 社区“紫鑫城社区”中没有党员“赵六”"),
        "{text:?}"
    );
    assert!(
        text[2].contains(":6:办理结果: “研究中”应为：采纳、转办、办结"),
        "{text:?}"
    );
    assert_eq!(
        ledger.view().expect("v").count::<Suggestion>().expect("n"),
        0
    );

    let file = write(
        dir.path(),
        "s.csv",
        "提出人,工作单位,提出日期,建议内容,办理结果\n\
         李四,,2026-04-01,建议增设充电桩,采纳\n\
         王芳,锁金村小学,2026-04-02,楼道灯坏了,\n",
    );
    let mut o = opts(Sheet::Suggestions);
    o.dry_run = true;
    let out = import(&ledger, &file, &o).expect("dry run");
    assert_eq!(out.added(Kind::Suggestion), 2);
    assert_eq!(
        ledger.view().expect("v").count::<Suggestion>().expect("n"),
        0
    );
    let out = import(&ledger, &file, &opts(Sheet::Suggestions)).expect("imported");
    assert_eq!(out.added(Kind::Suggestion), 2);
    let v = ledger.view().expect("v");
    let wang = member_id(&ledger, "王芳", "13800000002");
    let s = v.suggestions_of_member(wang).expect("s");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].content, "楼道灯坏了");
    let li = v
        .suggestions_of_member(member_id(&ledger, "李四", "13800000003"))
        .expect("s");
    assert_eq!(li[0].outcome, Some(SuggestionOutcome::Adopted));
    // Again: each row is already in the ledger.
    let again = import(&ledger, &file, &opts(Sheet::Suggestions)).expect("again");
    assert_eq!((again.added(Kind::Suggestion), again.skipped_total), (0, 2));
}

#[test]
fn activities_as_a_list_or_a_row_per_attendee_become_one_service_row_each() {
    let (dir, _p, ledger) = community_with_members();
    // One row per activity, the attendees in one cell.
    let listed = write(
        dir.path(),
        "a.csv",
        "活动名称,活动日期,活动地点,活动类型,每人时长,参加人员\n\
         重阳节敬老,2026-10-11,社区活动室,主题活动,2,李四、张三\n",
    );
    let out = import(&ledger, &listed, &opts(Sheet::Activities)).expect("listed");
    assert_eq!(
        (out.added(Kind::Activity), out.added(Kind::Service)),
        (1, 2)
    );
    // One row per attendee: a namesake told apart by the row's own mobile.
    let per_row = write(
        dir.path(),
        "b.csv",
        "活动主题,日期,时长,姓名,手机\n\
         垃圾分类宣传,2026-06-05,1.5,王芳,13800000001\n\
         垃圾分类宣传,2026-06-05,1.5,李四,\n\
         垃圾分类宣传,2026-06-05,1.5,李四,\n",
    );
    let out = import(&ledger, &per_row, &opts(Sheet::Activities)).expect("per row");
    assert_eq!(
        (out.added(Kind::Activity), out.added(Kind::Service)),
        (1, 2)
    );
    let v = ledger.view().expect("v");
    let wang = member_id(&ledger, "王芳", "13800000001");
    let rows = v.services_of_member(wang, None, None).expect("services");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].content, "垃圾分类宣传");
    assert_eq!(rows[0].hours, Hours(3));
    assert!(rows[0].activity.is_some());
    // The same activity again is skipped, or refused under error.
    let again = import(&ledger, &listed, &opts(Sheet::Activities)).expect("again");
    assert_eq!(again.added(Kind::Service), 0);
    let mut o = opts(Sheet::Activities);
    o.on_duplicate = OnDuplicate::Error;
    let issues = import(&ledger, &listed, &o).expect_err("refused");
    assert!(
        issues[0].to_string().contains(":2:活动名称: 台账中已有"),
        "{issues:?}"
    );
}

#[test]
fn posts_and_teams_come_in_per_community() {
    let (dir, _p, ledger) = community_with_members();
    let file = write(
        dir.path(),
        "p.csv",
        "所属社区,岗位名称,岗位职责,服务时间\n\
         紫鑫城社区,党员服务驿站值班岗,接待居民,每周六上午\n\
         玄武门社区,谈心室岗,倾听,\n\
         紫鑫城社区,政策法规宣传岗,宣讲政策,\n",
    );
    let mut o = opts(Sheet::Posts);
    o.community = None;
    o.on_duplicate = OnDuplicate::Update;
    let out = import(&ledger, &file, &o).expect("posts");
    assert_eq!((out.added(Kind::Post), out.updated(Kind::Post)), (2, 1));
    let v = ledger.view().expect("v");
    let duties: Vec<String> = v
        .all::<Post>()
        .expect("posts")
        .into_iter()
        .filter(|p| p.name == "政策法规宣传岗" && !p.duties.is_empty())
        .map(|p| p.duties)
        .collect();
    assert_eq!(duties, ["宣讲政策"]);

    let teams = write(
        dir.path(),
        "t.csv",
        "志愿服务队,组建方式\n楼栋服务队,地缘\n法律服务队,业缘\n",
    );
    let out = import(&ledger, &teams, &opts(Sheet::Teams)).expect("teams");
    assert_eq!(out.updated(Kind::Community), 1);
    let v = ledger.view().expect("v");
    let c = v
        .communities()
        .expect("c")
        .into_iter()
        .find(|c| c.name == "紫鑫城社区")
        .expect("community");
    let got: Vec<(String, TeamBasis)> = c.teams.into_iter().map(|t| (t.name, t.basis)).collect();
    assert_eq!(
        got,
        [
            ("楼栋服务队".to_string(), TeamBasis::Place),
            ("法律服务队".to_string(), TeamBasis::Trade)
        ]
    );
}

#[test]
fn past_years_evaluations_keep_grade_and_comment() {
    let (dir, _p, ledger) = community_with_members();
    let file = write(
        dir.path(),
        "e.csv",
        "姓名,手机,年度,评议等次,现实表现,是否取消当年评先评优资格及原因\n\
         李四,,2025年,优秀,积极参加社区服务,否\n\
         张三,,2025,基本合格,服务次数不足,未达基本服务要求\n\
         王芳,13800000002,2025,良好,,\n",
    );
    let issues = import(&ledger, &file, &opts(Sheet::Evaluations)).expect_err("bad grade");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0]
            .to_string()
            .contains(":4:评议等次: “良好”应为：优秀、合格、基本合格、不合格")
    );
    let fixed = std::fs::read_to_string(&file)
        .expect("read")
        .replace("良好", "合格");
    let file = write(dir.path(), "e.csv", &fixed);
    let out = import(&ledger, &file, &opts(Sheet::Evaluations)).expect("imported");
    assert_eq!(out.added(Kind::Evaluation), 3);
    let v = ledger.view().expect("v");
    let c = v
        .communities()
        .expect("c")
        .into_iter()
        .find(|c| c.name == "紫鑫城社区")
        .expect("c");
    let mut got: Vec<(Grade, String, String)> = v
        .evaluations_of_community(c.id, 2025)
        .expect("e")
        .into_iter()
        .map(|e| (e.grade, e.comment, e.disqualified))
        .collect();
    got.sort_by_key(|g| g.0);
    assert_eq!(
        got[0],
        (Grade::Excellent, "积极参加社区服务".into(), String::new())
    );
    assert_eq!(
        got[2],
        (
            Grade::Basic,
            "服务次数不足".into(),
            "未达基本服务要求".into()
        )
    );
}

/// A county's workbook: instructions, then communities, units, a roster, suggestions and
/// activities, in an order that is not the order of their dependencies.
fn county_workbook(path: &Path, bad_last_cell: bool) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheets: Vec<(&str, Vec<Vec<&str>>)> = vec![
        (
            "填表说明",
            vec![vec!["填表说明：每个工作表一种台账，表头不要改动"]],
        ),
        (
            "意见建议",
            vec![
                vec!["提出人", "提出日期", "建议内容", "办理结果", "社区"],
                vec!["李四", "2026-04-01", "建议增设充电桩", "采纳", "紫鑫城社区"],
            ],
        ),
        (
            "登记表",
            vec![
                vec!["姓名", "手机", "工作单位及职务", "报到日期", "社区"],
                vec![
                    "李四",
                    "13800000003",
                    "市司法局 科员",
                    "2026-03-03",
                    "紫鑫城社区",
                ],
                vec![
                    "张　三",
                    "13800000004",
                    "市税务局",
                    "2026-03-04",
                    "紫鑫城社区",
                ],
            ],
        ),
        (
            "社区",
            vec![
                vec!["编号", "社区名称", "所属街道", "所属县区"],
                vec!["1", "紫鑫城社区", "锁金街道", "玄武区"],
            ],
        ),
        (
            "单位",
            vec![
                vec!["单位名称", "单位性质", "结对社区"],
                vec!["市司法局", "机关", "紫鑫城社区"],
            ],
        ),
        (
            "活动",
            vec![
                vec!["活动名称", "活动日期", "每人时长", "参加人员", "社区"],
                vec![
                    "重阳节敬老",
                    if bad_last_cell {
                        "2026-13-11"
                    } else {
                        "2026-10-11"
                    },
                    "2",
                    "李四、张三",
                    "紫鑫城社区",
                ],
            ],
        ),
    ];
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write(r as u32, c as u16, *v).expect("cell");
            }
        }
    }
    book.save(path).expect("save");
}

#[test]
fn a_workbook_comes_in_whole_or_not_at_all() {
    use baodao::interchange::import::workbook::import_workbook;
    let (dir, _p, ledger) = temp_ledger();
    let file = dir.path().join("county.xlsx");
    county_workbook(&file, true);
    let mut o = opts(Sheet::Members);
    o.community = None;
    let before = ledger.view().expect("v").generation().expect("g");
    let issues = match import_workbook(&ledger, &file, &o, &mut |_| {}) {
        Err(ImportError::Refused { issues, .. }) => issues,
        other => panic!("not refused: {other:?}"),
    };
    assert_eq!(issues.len(), 1, "{issues:?}");
    let shown = issues[0].to_string();
    assert!(
        shown.starts_with(&format!("{}[活动]:2:活动日期: ", file.display())),
        "{shown}"
    );
    let v = ledger.view().expect("v");
    assert_eq!(v.generation().expect("g"), before);
    assert_eq!(v.count::<Community>().expect("n"), 0);
    drop(v);

    county_workbook(&file, false);
    let out = match import_workbook(&ledger, &file, &o, &mut |_| {}) {
        Ok(out) => out,
        Err(ImportError::Refused { issues, .. }) => panic!("{issues:?}"),
        Err(ImportError::Store(e)) => panic!("{e}"),
    };
    let kinds: Vec<Sheet> = out.sheets.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        [
            Sheet::Communities,
            Sheet::Units,
            Sheet::Members,
            Sheet::Activities,
            Sheet::Suggestions
        ]
    );
    assert_eq!(out.unrecognised, ["填表说明"]);
    let lines = out.lines(Lang::Zh).join("\n");
    assert!(
        lines.contains("工作表“登记表”：在职党员社区报到登记表，2 行"),
        "{lines}"
    );
    assert!(
        lines.contains("工作表“填表说明”：表头不属于任何可导入的表"),
        "{lines}"
    );
    let v = ledger.view().expect("v");
    assert_eq!(v.count::<Member>().expect("n"), 2);
    assert_eq!(v.count::<Suggestion>().expect("n"), 1);
    assert_eq!(v.count::<ServiceRecord>().expect("n"), 2);
    let unit = v
        .units()
        .expect("u")
        .into_iter()
        .find(|u| u.name == "市司法局")
        .expect("unit");
    assert_eq!(
        unit.kind,
        UnitKind::Organ,
        "the units sheet, not a unit made up by the roster"
    );
}

/// Every template's header is read back as its own kind, every column named.
#[test]
fn templates_are_recognised_as_their_kind() {
    use baodao::interchange::import::workbook::recognise;
    use baodao::interchange::{ReadOptions, read_all_bytes, template};
    let kinds: Vec<Sheet> = Sheet::ALL.iter().map(|(_, k)| *k).collect();
    let bytes = template::workbook(&kinds, Lang::Zh).expect("template");
    let sheets = read_all_bytes("t.xlsx", &bytes, &ReadOptions::default()).expect("read");
    assert_eq!(sheets.len(), kinds.len());
    for (grid, kind) in sheets.iter().zip(&kinds) {
        let h = baodao::interchange::header::find_header(grid, kind.schema(), Lang::Zh)
            .unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
        assert_eq!(h.fields.len(), kind.schema().fields.len(), "{kind:?}");
        assert!(h.ignored.is_empty(), "{kind:?}: {:?}", h.ignored);
        assert_eq!(recognise(grid), Some(*kind), "{:?}", grid.sheet);
    }
    // The command writes it, privately.
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("意见建议.xlsx");
    let run = std::process::Command::new(bin())
        .args(["--lang", "zh", "template", "suggestions", "-o"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let grid = &read_all_bytes(
        "s.xlsx",
        &std::fs::read(&out).expect("read"),
        &ReadOptions::default(),
    )
    .expect("grid")[0];
    assert_eq!(recognise(grid), Some(Sheet::Suggestions));
}

#[test]
fn unit_services_and_joint_meetings_name_units_already_in_the_ledger() {
    let (dir, _p, ledger) = community_with_members();
    let services = write(
        dir.path(),
        "u.csv",
        "服务单位,服务日期,服务内容,参加人数\n\
         市司法局,2026-05-01,法律咨询进社区,6\n\
         市文化局,2026-05-02,送戏进社区,\n",
    );
    let issues = import(&ledger, &services, &opts(Sheet::UnitServices)).expect_err("refused");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0]
            .to_string()
            .contains(":3:服务单位: 台账中没有单位“市文化局”")
    );
    let fixed = std::fs::read_to_string(&services)
        .expect("read")
        .replace("市文化局", "市税务局");
    let services = write(dir.path(), "u.csv", &fixed);
    let out = import(&ledger, &services, &opts(Sheet::UnitServices)).expect("imported");
    assert_eq!(out.added(Kind::UnitService), 2);

    let meetings = write(
        dir.path(),
        "j.csv",
        "会议日期,会议议题,参会单位\n2026-06-30,上半年共建工作,市司法局、锁金村小学\n",
    );
    let out = import(&ledger, &meetings, &opts(Sheet::Meetings)).expect("imported");
    assert_eq!(out.added(Kind::Meeting), 1);
    let v = ledger.view().expect("v");
    let m = v.all::<JointMeeting>().expect("meetings");
    assert_eq!(m[0].units.len(), 2);
    assert_eq!(m[0].topics, "上半年共建工作");
}
