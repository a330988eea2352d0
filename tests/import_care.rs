//! 三单制 requests and 微心愿 with their state and who took them, 结对帮扶 households with
//! their members, and visits, imported from the sheets offices keep.
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

fn import(ledger: &Ledger, file: &Path, o: &Options) -> Result<Outcome, Vec<String>> {
    match import_file(ledger, file, o, &mut |_| {}) {
        Ok(out) => Ok(out),
        Err(ImportError::Refused { issues, .. }) => {
            Err(issues.iter().map(ImportIssue::to_string).collect())
        }
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
    let c = write(dir.path(), "c.csv", "社区名称,街道\n紫鑫城社区,锁金街道\n");
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

const DEMANDS: &str = "居民点单登记表,,,,,,,,,,\n\
    点单人,联系电话,需求内容,点单日期,办理状态,派单对象,接单人,接单人手机,完成日期,服务时长,取消原因\n\
    王奶奶,13900001111,楼道灯坏了,2026-04-01,已完成,,李四,,2026-04-03,1.5,\n\
    陈大爷,,代买药品,2026-04-02,已接单,,王芳,,,,\n\
    刘阿姨,,疏通下水道,2026-04-02,已派单,政策法规宣传岗,,,,,\n\
    赵叔,,修自行车,2026-04-03,已取消,,,,,,\n\
    孙婆婆,,陪同就医,2026-04-04,已完成,,张三,,,,\n\
    周伯,,换水龙头,2026-04-05,待派单,,张三,,,,\n";

#[test]
fn requests_come_in_with_their_state_and_the_member_who_took_each() {
    let (dir, _p, ledger) = community_with_members();
    let file = write(dir.path(), "d.csv", DEMANDS);
    let before = ledger.view().expect("v").generation().expect("g");
    let text = import(&ledger, &file, &opts(Sheet::Demands)).expect_err("refused");
    assert_eq!(text.len(), 4, "{text:?}");
    assert!(
        text[0].contains(":4:接单人: 有 2 名党员叫“王芳”"),
        "{text:?}"
    );
    assert!(
        text[0].contains("尾号 0001") && text[0].contains("尾号 0002"),
        "{text:?}"
    );
    assert!(
        text[1].contains(":6:取消原因: 状态为“已取消”的需求须填写取消原因"),
        "{text:?}"
    );
    assert!(
        text[2].contains(":7:完成日期: 状态为“已完成”的需求须填写完成日期"),
        "{text:?}"
    );
    assert!(
        text[3].contains(":8:接单人: 状态为“待派单”，却填写了接单人"),
        "{text:?}"
    );
    assert!(text[0].starts_with(&format!("{}:4:", file.display())));
    assert_eq!(
        ledger.view().expect("v").generation().expect("g"),
        before,
        "nothing saved"
    );

    let fixed = DEMANDS
        .replace(",王芳,,", ",王芳,13800000002,")
        .replace(",,,,,,\n孙", ",,,,,,居民自行解决\n孙")
        .replace("张三,,,,\n周", "张三,,2026-04-06,,\n周")
        .replace("待派单,,张三", "待派单,,");
    let file = write(dir.path(), "d.csv", &fixed);
    let mut o = opts(Sheet::Demands);
    o.dry_run = true;
    let out = import(&ledger, &file, &o).expect("dry run");
    assert_eq!((out.added(Kind::Demand), out.added(Kind::Service)), (6, 2));
    assert_eq!(ledger.view().expect("v").count::<Demand>().expect("n"), 0);

    let out = import(&ledger, &file, &opts(Sheet::Demands)).expect("imported");
    assert_eq!((out.added(Kind::Demand), out.added(Kind::Service)), (6, 2));
    let v = ledger.view().expect("v");
    let demands = v.all::<Demand>().expect("demands");
    let by = |content: &str| {
        demands
            .iter()
            .find(|d| d.content == content)
            .cloned()
            .expect("demand")
    };
    let lisi = member_id(&ledger, "李四", "13800000003");
    let done = by("楼道灯坏了");
    assert_eq!(done.status, DemandStatus::Done);
    assert_eq!(done.accepted_by, Some(lisi));
    assert_eq!(done.done_on, Some(date(2026, 4, 3)));
    assert_eq!(done.contact, "13900001111");
    let card = v.services_of_member(lisi, None, None).expect("card");
    assert_eq!(card.len(), 1);
    assert_eq!(
        (card[0].demand, card[0].kind, card[0].hours),
        (Some(done.id), ServiceKind::Menu, Hours(3))
    );
    assert_eq!(Some(card[0].id), done.service);
    let taken = by("代买药品");
    assert_eq!(taken.status, DemandStatus::Accepted);
    assert_eq!(
        taken.accepted_by,
        Some(member_id(&ledger, "王芳", "13800000002"))
    );
    let sent = by("疏通下水道");
    assert_eq!(sent.status, DemandStatus::Dispatched);
    assert!(matches!(sent.target, Some(DispatchTarget::Post(_))));
    let cancelled = by("修自行车");
    assert_eq!(
        (cancelled.status, cancelled.cancel_reason.as_str()),
        (DemandStatus::Cancelled, "居民自行解决")
    );
    let states: Vec<DemandStatus> = by("陪同就医").history.iter().map(|e| e.status).collect();
    assert_eq!(
        states,
        [
            DemandStatus::Open,
            DemandStatus::Accepted,
            DemandStatus::Done
        ]
    );
    assert_eq!(by("换水龙头").status, DemandStatus::Open);
    drop(v);

    // The same file again: every request is already there, and no hour is doubled.
    let out = import(&ledger, &file, &opts(Sheet::Demands)).expect("again");
    assert_eq!(out.skipped_total, 6);
    let mut o = opts(Sheet::Demands);
    o.on_duplicate = OnDuplicate::Update;
    import(&ledger, &file, &o).expect("update");
    let v = ledger.view().expect("v");
    assert_eq!(v.count::<Demand>().expect("n"), 6);
    assert_eq!(v.services_of_member(lisi, None, None).expect("c").len(), 1);
}

#[test]
fn a_list_of_micro_wishes_is_read_as_wishes() {
    let (dir, _p, ledger) = community_with_members();
    let file = write(
        dir.path(),
        "w.csv",
        "许愿人,心愿内容,许愿日期,认领人,工作单位,实现日期\n\
         小明,一套课外书,2026-05-01,王芳,锁金村小学,2026-05-20\n\
         小红,一个书包,2026-05-01,,,\n",
    );
    // A state that needs a column the sheet lacks names the column to add.
    let cancelled = write(
        dir.path(),
        "x.csv",
        "许愿人,心愿内容,许愿日期,状态\n小刚,一双球鞋,2026-05-01,已取消\n",
    );
    let text = import(&ledger, &cancelled, &opts(Sheet::Demands)).expect_err("refused");
    assert!(text[0].contains(":2:取消原因: 状态为“已取消”"), "{text:?}");
    let out = import(&ledger, &file, &opts(Sheet::Demands)).expect("imported");
    assert_eq!(out.added(Kind::Demand), 2);
    let v = ledger.view().expect("v");
    let wishes = v.all::<Demand>().expect("d");
    assert!(wishes.iter().all(|d| d.kind == DemandKind::Wish));
    let granted = wishes.iter().find(|d| d.requester == "小明").expect("x");
    assert_eq!(granted.status, DemandStatus::Done);
    assert_eq!(
        granted.accepted_by,
        Some(member_id(&ledger, "王芳", "13800000002"))
    );
}

#[test]
fn households_are_paired_and_visits_go_on_the_members_card() {
    let (dir, _p, ledger) = community_with_members();
    let pairings = write(
        dir.path(),
        "p.csv",
        "帮扶对象,帮扶对象类型,家庭住址,结对党员,党员手机,帮扶计划,结对日期\n\
         陈奶奶,空巢老人,紫鑫城3栋101,李四,,每月走访,2026-02-01\n\
         陈奶奶,,,王芳,13800000001,陪同就医,2026-02-01\n\
         周小明,,,张三,,辅导功课,2026-03-01\n",
    );
    let text = import(&ledger, &pairings, &opts(Sheet::Pairings)).expect_err("refused");
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].contains(":4:帮扶对象类型: 帮扶对象“周小明”是新的，须填写类别：空巢老人、留守儿童"),
        "{text:?}"
    );
    let fixed = std::fs::read_to_string(&pairings)
        .expect("read")
        .replace("周小明,,", "周小明,留守儿童,");
    let pairings = write(dir.path(), "p.csv", &fixed);
    let out = import(&ledger, &pairings, &opts(Sheet::Pairings)).expect("imported");
    assert_eq!(
        (out.added(Kind::Household), out.added(Kind::Pairing)),
        (2, 3)
    );
    let v = ledger.view().expect("v");
    let households = v.all::<Household>().expect("h");
    let chen = households.iter().find(|h| h.name == "陈奶奶").expect("h");
    assert_eq!(
        (chen.kind, chen.address.as_str()),
        (HouseholdKind::EmptyNest, "紫鑫城3栋101")
    );
    assert_eq!(v.pairings_of_household(chen.id).expect("p").len(), 2);
    drop(v);

    let visits = write(
        dir.path(),
        "v.csv",
        "帮扶对象,走访党员,走访日期,走访内容,服务时长,认证签字\n\
         周小明,,2026-04-01,辅导数学,2,周小明\n\
         陈奶奶,,2026-04-02,打扫卫生,1,\n\
         陈奶奶,李四,2026-04-03,陪同体检,3,\n\
         王大爷,李四,2026-04-04,送米,1,\n",
    );
    let text = import(&ledger, &visits, &opts(Sheet::Visits)).expect_err("refused");
    assert_eq!(text.len(), 2, "{text:?}");
    assert!(
        text[0].contains(":3:走访党员: 帮扶对象“陈奶奶”的结对党员有 2 名"),
        "{text:?}"
    );
    assert!(
        text[1].contains(":5:帮扶对象: 社区“紫鑫城社区”中没有帮扶对象“王大爷”"),
        "{text:?}"
    );
    // 王芳 is two people: the visit names the one paired with 陈奶奶 by her mobile.
    let fixed = "帮扶对象,走访党员,党员手机,走访日期,走访内容,服务时长,认证签字\n\
         周小明,,,2026-04-01,辅导数学,2,周小明\n\
         陈奶奶,王芳,13800000001,2026-04-02,打扫卫生,1,\n\
         陈奶奶,李四,,2026-04-03,陪同体检,3,\n";
    let visits = write(dir.path(), "v.csv", fixed);
    let out = import(&ledger, &visits, &opts(Sheet::Visits)).expect("imported");
    assert_eq!(out.added(Kind::Service), 3);
    let v = ledger.view().expect("v");
    let zhang = member_id(&ledger, "张三", "13800000004");
    let card = v.services_of_member(zhang, None, None).expect("card");
    assert_eq!(card.len(), 1);
    assert_eq!(card[0].kind, ServiceKind::Pairing);
    let xiaoming = households.iter().find(|h| h.name == "周小明").expect("h");
    assert_eq!(card[0].household, Some(xiaoming.id));
    assert_eq!(
        card[0].certification.as_ref().map(|c| c.role),
        Some(CertifierRole::Served)
    );
    drop(v);
    let out = import(&ledger, &visits, &opts(Sheet::Visits)).expect("again");
    assert_eq!(out.skipped_total, 3);
}

#[test]
fn a_workbook_pairs_then_visits_in_one_go_or_not_at_all() {
    use baodao::interchange::import::workbook::import_workbook;
    let (dir, _p, ledger) = community_with_members();
    let file = dir.path().join("care.xlsx");
    let book = |bad: bool| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheets: Vec<(&str, Vec<Vec<&str>>)> = vec![
            (
                "走访",
                vec![
                    vec!["帮扶对象", "走访日期", "走访内容", "服务时长", "社区"],
                    vec![
                        "周小明",
                        if bad { "2026-13-01" } else { "2026-04-01" },
                        "辅导数学",
                        "2",
                        "紫鑫城社区",
                    ],
                ],
            ),
            (
                "结对",
                vec![
                    vec!["帮扶对象", "帮扶对象类型", "结对党员", "结对日期", "社区"],
                    vec!["周小明", "留守儿童", "张三", "2026-03-01", "紫鑫城社区"],
                ],
            ),
            (
                "点单",
                vec![
                    vec!["点单人", "需求内容", "点单日期", "接单人", "社区"],
                    vec!["孙婆婆", "陪同就医", "2026-04-04", "李四", "紫鑫城社区"],
                ],
            ),
        ];
        for (name, rows) in sheets {
            let ws = book.add_worksheet();
            ws.set_name(name).expect("name");
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    ws.write_string(r as u32, c as u16, *cell).expect("cell");
                }
            }
        }
        book.save(&file).expect("save");
    };
    let mut o = opts(Sheet::Members);
    o.community = None;
    book(true);
    let before = ledger.view().expect("v").generation().expect("g");
    let issues = match import_workbook(&ledger, &file, &o, &mut |_| {}) {
        Err(ImportError::Refused { issues, .. }) => issues,
        other => panic!("not refused: {other:?}"),
    };
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert!(
        issues[0]
            .to_string()
            .starts_with(&format!("{}[走访]:2:走访日期: ", file.display())),
        "{issues:?}"
    );
    assert_eq!(ledger.view().expect("v").generation().expect("g"), before);

    book(false);
    let out = match import_workbook(&ledger, &file, &o, &mut |_| {}) {
        Ok(out) => out,
        Err(ImportError::Refused { issues, .. }) => panic!("{issues:?}"),
        Err(ImportError::Store(e)) => panic!("{e}"),
    };
    let kinds: Vec<Sheet> = out.sheets.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, [Sheet::Demands, Sheet::Pairings, Sheet::Visits]);
    let v = ledger.view().expect("v");
    assert_eq!(v.count::<Demand>().expect("d"), 1);
    assert_eq!(v.count::<Pairing>().expect("p"), 1);
    let zhang = member_id(&ledger, "张三", "13800000004");
    assert_eq!(v.services_of_member(zhang, None, None).expect("c").len(), 1);
}

#[test]
fn a_visit_before_the_pairing_began_is_refused_with_its_row() {
    let (dir, _p, ledger) = community_with_members();
    let pairings = write(
        dir.path(),
        "p.csv",
        "帮扶对象,帮扶对象类型,结对党员,结对日期\n周小明,留守儿童,张三,2026-03-01\n",
    );
    import(&ledger, &pairings, &opts(Sheet::Pairings)).expect("paired");
    let visits = write(
        dir.path(),
        "v.csv",
        "帮扶对象,走访日期,走访内容,服务时长\n\
         周小明,2026-02-01,辅导数学,2\n\
         周小明,2026-03-02,辅导语文,2\n",
    );
    let text = import(&ledger, &visits, &opts(Sheet::Visits)).expect_err("refused");
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].contains(":2:走访日期: 该党员在这一天未与此帮扶对象结对"),
        "{text:?}"
    );
}

#[test]
fn a_pairing_moved_past_its_visits_is_refused_with_its_row_and_the_visits() {
    let (dir, _p, ledger) = community_with_members();
    let pairings = write(
        dir.path(),
        "p.csv",
        "帮扶对象,帮扶对象类型,结对党员,结对日期\n周小明,留守儿童,张三,2026-03-01\n",
    );
    import(&ledger, &pairings, &opts(Sheet::Pairings)).expect("paired");
    let visits = write(
        dir.path(),
        "v.csv",
        "帮扶对象,走访日期,走访内容,服务时长\n周小明,2026-03-02,辅导语文,2\n",
    );
    import(&ledger, &visits, &opts(Sheet::Visits)).expect("visited");
    // The same pairing again, starting after the visit: the visit would belong to no one.
    let moved = write(
        dir.path(),
        "p2.csv",
        "帮扶对象,帮扶对象类型,结对党员,结对日期\n周小明,留守儿童,张三,2026-04-01\n",
    );
    let mut o = opts(Sheet::Pairings);
    o.on_duplicate = OnDuplicate::Update;
    let text = import(&ledger, &moved, &o).expect_err("refused");
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].contains(":2:") && text[0].contains("2026-03-02"),
        "the row and the visit: {text:?}"
    );
    let v = ledger.view().expect("view");
    let p = v.all::<Pairing>().expect("pairings");
    assert_eq!(p[0].since, date(2026, 3, 1), "nothing changed");
}
