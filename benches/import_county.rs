//! A county's 台账 brought in whole, by the real binary: one workbook (XLSX) holding a
//! county's communities, units, 30,000 members, 300,000 service rows, suggestions and
//! activities with their attendance, imported by `baodao import workbook` into a new
//! ledger (read, header recognition, every row checked and matched, one transaction of
//! validated saves with indexes, totals and audit). Then a 100,000-row 附件4 roster by
//! `baodao import members`.
//!
//! The reference, on the same disk in the same run: `sqlite3` loading the same rows, as
//! one CSV per sheet, with `.import` under `PRAGMA synchronous=FULL` — a durable bulk load
//! with no checks, no indexes and no audit: a floor, not a competitor. Without `sqlite3`
//! on PATH the benchmark says so and stops (`apt-get install sqlite3`).
//!
//! `cargo bench --bench import_county`; `BAODAO_BENCH_MEMBERS=3000` for a smaller county
//! (services, suggestions and activities scale with it), `BAODAO_BENCH_ROWS` for the roster,
//! `BAODAO_BENCH_RUNS` for the runs of each (default 3).
mod common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use baodao::demo::names;
use baodao::demo::rng::Rng;
use baodao::domain::community::STANDARD_POSTS;
use chrono::{Duration as Days, NaiveDate};
use common::*;

const TODAY: &str = "2026-11-22";
const COUNTY: &str = "麒麟区";

/// One sheet: its name, header and rows, written both to the workbook and to a CSV.
struct Sheet {
    name: &'static str,
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

fn env_usize(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn main() {
    if Command::new("sqlite3").arg("-version").output().is_err() {
        println!(
            "sqlite3 is not on PATH (apt-get install sqlite3): no reference, benchmark skipped"
        );
        return;
    }
    let members = env_usize("BAODAO_BENCH_MEMBERS", 30_000);
    let roster_rows = env_usize("BAODAO_BENCH_ROWS", 100_000);
    let runs = env_usize("BAODAO_BENCH_RUNS", 3).max(1);
    let dir = tempfile::tempdir().expect("tempdir");

    let t = Instant::now();
    let sheets = county(members);
    let xlsx = dir.path().join("county.xlsx");
    write_xlsx(&xlsx, &sheets);
    let csvs: Vec<(String, PathBuf)> = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let path = dir.path().join(format!("sheet{i}.csv"));
            write_csv(&path, &s.header, &s.rows);
            (format!("t{i}"), path)
        })
        .collect();
    let rows: usize = sheets.iter().map(|s| s.rows.len()).sum();
    let counts: Vec<String> = sheets
        .iter()
        .map(|s| format!("{} {}", s.name, s.rows.len()))
        .collect();
    drop(sheets);
    once(&format!("generate the county ({rows} rows)"), t.elapsed());
    println!("  {}", counts.join(", "));
    println!(
        "  workbook {:.1} MB",
        std::fs::metadata(&xlsx).map_or(0, |m| m.len()) as f64 / 1e6
    );

    let county_run = |i: usize| {
        let db = dir.path().join(format!("county{i}.redb"));
        let d = baodao(&db, &["import", "workbook"], &xlsx, &[], i == 0);
        remove_ledger(&db);
        d
    };
    let ours = Stats {
        samples: (0..runs).map(county_run).collect(),
    };
    let theirs = Stats {
        samples: (0..runs)
            .map(|i| sqlite(&dir.path().join(format!("county{i}.sqlite")), &csvs))
            .collect(),
    };
    compare(
        &format!("import workbook, county of {members} members"),
        &ours,
        &theirs,
    );

    // The 附件4 roster of the figure, into a ledger holding its community.
    let roster = dir.path().join("roster.csv");
    let communities = dir.path().join("communities.csv");
    std::fs::write(&communities, "社区名称,街道\n紫鑫城社区,锁金街道\n").expect("write");
    write_csv(&roster, &ROSTER_HEADER, &roster_of(roster_rows));
    let roster_run = |i: usize| {
        let db = dir.path().join(format!("roster{i}.redb"));
        baodao(&db, &["import", "communities"], &communities, &[], false);
        let d = baodao(
            &db,
            &["import", "members"],
            &roster,
            &["--community", "紫鑫城社区"],
            i == 0,
        );
        remove_ledger(&db);
        d
    };
    let ours = Stats {
        samples: (0..runs).map(roster_run).collect(),
    };
    let theirs = Stats {
        samples: (0..runs)
            .map(|i| {
                let db = dir.path().join(format!("roster{i}.sqlite"));
                sqlite(&db, &[("roster".to_string(), roster.clone())])
            })
            .collect(),
    };
    compare(
        &format!("import members, {roster_rows} rows"),
        &ours,
        &theirs,
    );
}

fn compare(what: &str, ours: &Stats, theirs: &Stats) {
    let line = |name: &str, s: &Stats| {
        let all: Vec<String> = s
            .samples
            .iter()
            .map(|d| format!("{:.2}", d.as_secs_f64()))
            .collect();
        println!(
            "{name:<48} median {:>7.2} s   (runs: {} s)",
            s.median().as_secs_f64(),
            all.join(", ")
        );
    };
    line(&format!("{what}: baodao"), ours);
    line("  sqlite3 .import of the same CSVs", theirs);
    println!(
        "{:<48} {:>7.1} x",
        "  ratio baodao / sqlite3",
        ours.median().as_secs_f64() / theirs.median().as_secs_f64().max(1e-9)
    );
}

/// `baodao --db DB ARGS FILE EXTRA`, whole process, timed; panics unless it succeeds.
fn baodao(db: &Path, args: &[&str], file: &Path, extra: &[&str], show: bool) -> Duration {
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_baodao"))
        .env("BAODAO_TODAY", TODAY)
        .args(["--lang", "zh", "--clerk", "bench", "--db"])
        .arg(db)
        .args(args)
        .arg(file)
        .args(extra)
        .output()
        .expect("run baodao");
    let d = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .take(20)
            .collect::<Vec<_>>()
            .join("\n")
    );
    if show {
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let short: String = line.chars().take(100).collect();
            println!("    | {short}");
        }
    }
    d
}

fn remove_ledger(db: &Path) {
    let _ = std::fs::remove_file(db);
    let mut search = db.as_os_str().to_owned();
    search.push(".search");
    let _ = std::fs::remove_file(PathBuf::from(search));
}

/// `sqlite3` loading each CSV into its own table in one durable session, timed.
fn sqlite(db: &Path, csvs: &[(String, PathBuf)]) -> Duration {
    let mut script = String::from("PRAGMA synchronous=FULL;\n");
    for (table, path) in csvs {
        let _ = writeln!(script, ".import --csv {} {table}", path.display());
    }
    let t = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sqlite3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("script");
    let out = child.wait_with_output().expect("sqlite3");
    let d = t.elapsed();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "sqlite3: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_file(db);
    d
}

fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) {
    let mut out = header.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.join(","));
        out.push('\n');
    }
    std::fs::write(path, out).expect("write csv");
}

fn write_xlsx(path: &Path, sheets: &[Sheet]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("填表说明").expect("name");
    notes
        .write_string(0, 0, "填表说明：每个工作表一种台账，表头不要改动")
        .expect("cell");
    for s in sheets {
        let ws = book.add_worksheet();
        ws.set_name(s.name).expect("name");
        for (c, h) in s.header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("cell");
        }
        for (r, row) in s.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, v).expect("cell");
                }
            }
        }
    }
    book.save(path).expect("save xlsx");
}

/// A member of the county: (name, mobile, community).
struct Person {
    name: String,
    mobile: String,
    community: usize,
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The county in the order an office's workbook may hold it (not dependency order):
/// services first, then the roster, suggestions, activities, units and communities.
fn county(members: usize) -> Vec<Sheet> {
    let mut rng = Rng::new(2026);
    let streets = [
        "南宁街道",
        "建宁街道",
        "白石江街道",
        "寥廓街道",
        "益宁街道",
        "太和街道",
    ];
    let communities: Vec<(String, &str)> = (0..(members / 500).max(2))
        .map(|i| (format!("麒麟第{i}社区"), streets[i % streets.len()]))
        .collect();
    let units: Vec<String> = (0..(members / 50).max(4))
        .map(|i| format!("麒麟区第{i}单位"))
        .collect();
    let kinds = ["机关", "事业", "企业", "大专院校"];
    let positions = ["科员", "副科长", "科长", "教师", "工程师", "会计"];

    let mut people = Vec::with_capacity(members);
    let mut roster = Vec::with_capacity(members);
    let mut seen = std::collections::HashSet::new();
    while people.len() < members {
        // The roster's duplicate rule: one mobile, one (name, birth month) per person.
        let name = names::person_name(&mut rng);
        let mobile = names::mobile(&mut rng);
        let birth = format!("{}.{:02}", rng.range(1960, 2000), rng.range(1, 12));
        if !seen.insert(mobile.clone()) || !seen.insert(format!("{name} {birth}")) {
            continue;
        }
        let n = people.len();
        let community = n % communities.len();
        let u = rng.below(units.len() as u64) as usize;
        roster.push(vec![
            (n + 1).to_string(),
            name.clone(),
            if rng.chance(0.5) { "男" } else { "女" }.into(),
            birth,
            format!("{} {}", units[u], rng.pick(&positions)),
            kinds[u % kinds.len()].into(),
            mobile.clone(),
            communities[community].0.clone(),
            date(NaiveDate::from_ymd_opt(2025, 3, 1).expect("d") + Days::days(rng.range(0, 200))),
            STANDARD_POSTS[rng.below(8) as usize].into(),
        ]);
        people.push(Person {
            name,
            mobile,
            community,
        });
    }

    // Ten services a member, on ten different days of 2025.
    let contents = [
        "清理小区卫生死角",
        "政策法规宣传",
        "帮扶困难群众",
        "文明劝导",
        "关爱留守儿童",
    ];
    let places = ["小区广场", "社区服务站", "居民家中", "学校门口"];
    let mut services = Vec::with_capacity(members * 10);
    for p in &people {
        for k in 0..10 {
            let day = NaiveDate::from_ymd_opt(2025, 1, 2).expect("d")
                + Days::days(k * 30 + rng.range(0, 25));
            services.push(vec![
                p.name.clone(),
                p.mobile.clone(),
                date(day),
                rng.pick(&contents).to_string(),
                rng.pick(&places).to_string(),
                ["1", "1.5", "2", "3"][rng.below(4) as usize].into(),
                ["优", "良", "一般"][rng.below(3) as usize].into(),
                if rng.chance(0.8) { "社区党委" } else { "" }.into(),
            ]);
        }
    }

    // A suggestion for every tenth member, in 2026.
    let topics = [
        "建议增设充电桩",
        "建议加装电梯",
        "楼道灯需要维修",
        "建议增加垃圾分类点",
    ];
    let outcomes = ["采纳", "转办", "办结", ""];
    let suggestions: Vec<Vec<String>> = people
        .iter()
        .step_by(10)
        .map(|p| {
            vec![
                p.name.clone(),
                p.mobile.clone(),
                communities[p.community].0.clone(),
                date(
                    NaiveDate::from_ymd_opt(2026, 3, 1).expect("d") + Days::days(rng.range(0, 200)),
                ),
                rng.pick(&topics).to_string(),
                rng.pick(&outcomes).to_string(),
            ]
        })
        .collect();

    // Five activities a community in 2026, each attended by about a tenth of its members,
    // one row per attendee.
    let mut activities = Vec::new();
    for (c, (cname, _)) in communities.iter().enumerate() {
        for a in 0..5 {
            let day = NaiveDate::from_ymd_opt(2026, 5, 1).expect("d") + Days::days(a * 14);
            let title = format!("主题党日活动第{}期", a + 1);
            for p in people.iter().filter(|p| p.community == c) {
                if rng.chance(0.1) {
                    activities.push(vec![
                        title.clone(),
                        date(day),
                        "社区党群服务中心".into(),
                        "2".into(),
                        cname.clone(),
                        p.name.clone(),
                        p.mobile.clone(),
                    ]);
                }
            }
        }
    }

    let unit_rows: Vec<Vec<String>> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            vec![
                u.clone(),
                kinds[i % kinds.len()].into(),
                format!("中共{u}委员会"),
                names::mobile(&mut rng),
            ]
        })
        .collect();
    let community_rows: Vec<Vec<String>> = communities
        .iter()
        .enumerate()
        .map(|(i, (name, street))| {
            vec![
                (i + 1).to_string(),
                COUNTY.into(),
                street.to_string(),
                name.clone(),
                names::person_name(&mut rng),
                names::mobile(&mut rng),
                "每月第一个周六".into(),
            ]
        })
        .collect();

    vec![
        Sheet {
            name: "服务记录",
            header: vec![
                "姓名",
                "手机",
                "年月日",
                "服务(活动)内容",
                "服务地点",
                "服务时间(小时)",
                "评价",
                "认证签字",
            ],
            rows: services,
        },
        Sheet {
            name: "报到登记表",
            header: ROSTER_HEADER.to_vec(),
            rows: roster,
        },
        Sheet {
            name: "意见建议",
            header: vec!["提出人", "手机", "社区", "提出日期", "建议内容", "办理结果"],
            rows: suggestions,
        },
        Sheet {
            name: "活动",
            header: vec![
                "活动名称",
                "活动日期",
                "活动地点",
                "服务时长",
                "社区",
                "姓名",
                "手机",
            ],
            rows: activities,
        },
        Sheet {
            name: "结对单位",
            header: vec!["单位名称", "单位属性", "单位党组织", "联系电话"],
            rows: unit_rows,
        },
        Sheet {
            name: "社区",
            header: vec![
                "序号",
                "县(市、区)",
                "街道(乡镇)",
                "社区名称",
                "社区党组织书记",
                "联系电话",
                "固定服务日",
            ],
            rows: community_rows,
        },
    ]
}

const ROSTER_HEADER: [&str; 10] = [
    "序号",
    "姓名",
    "性别",
    "出生年月",
    "工作单位及职务",
    "单位属性",
    "手机",
    "社区",
    "报到日期",
    "认领岗位",
];

/// The 100,000-row roster: one community, distinct (name, mobile), 400 units.
fn roster_of(rows: usize) -> Vec<Vec<String>> {
    let mut rng = Rng::new(7);
    let units: Vec<String> = (0..400).map(|i| format!("曲靖市第{i}单位")).collect();
    let kinds = ["机关", "事业", "企业", "大专院校"];
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(rows);
    while out.len() < rows {
        let name = names::person_name(&mut rng);
        let mobile = names::mobile(&mut rng);
        let birth = format!("{}.{:02}", rng.range(1960, 2000), rng.range(1, 12));
        if !seen.insert(mobile.clone()) || !seen.insert(format!("{name} {birth}")) {
            continue;
        }
        let u = rng.below(units.len() as u64) as usize;
        out.push(vec![
            (out.len() + 1).to_string(),
            name,
            if rng.chance(0.5) { "男" } else { "女" }.into(),
            birth,
            format!("{} 科员", units[u]),
            kinds[u % kinds.len()].into(),
            mobile,
            "紫鑫城社区".into(),
            "2026-03-01".into(),
            STANDARD_POSTS[rng.below(8) as usize].into(),
        ]);
    }
    out
}
