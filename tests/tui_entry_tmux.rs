//! The real binary in a real terminal (tmux, its own server socket) typing a paper service
//! card: a member picked by the pinyin initials of their name, then ten rows typed into the
//! card's quick entry — and the ledger, opened read-only afterwards, holds exactly those ten
//! rows with the right total. The keys pressed beyond the typed text are counted; the test
//! prints the count and fails unless it is the number the README's Keys section states.
//!
//! tmux is required: CI installs it. Without it this test fails and says so.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::tmux::{Tmux, demo};

use baodao::domain::{Choice, Community, Hours};
use baodao::smart_input::parse::initials;
use baodao::store::{Ledger, OpenOptions};

const BIN: &str = env!("CARGO_BIN_EXE_baodao");

fn read_only(db: &Path) -> Ledger {
    Ledger::open(
        db,
        OpenOptions {
            read_only: true,
            clerk: None,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22),
        },
    )
    .expect("open read-only")
}

fn quoted(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// The keys beyond the text the README states for ten rows with ratings that vary (5 to find
/// the member and open the card, 5 a row: Tab ×4, Enter; 2 to close), read from its Keys
/// section: "costs N keys beyond the text".
fn promised() -> usize {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let (before, _) = flat
        .split_once(" keys beyond the text")
        .expect("the README states the keys of a paper card");
    before
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number before \"keys beyond the text\"")
}

#[test]
fn a_ten_row_paper_card_typed_for_a_member_picked_by_initials() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo(dir.path());
    // The first community's member whose initials no one else there shares.
    let (member, name, keys, before) = {
        let ledger = read_only(&db);
        let view = ledger.view().expect("view");
        let first: Community = view
            .all::<Community>()
            .expect("communities")
            .into_iter()
            .find(|c| !c.archived)
            .expect("a community");
        let members = view.members_of_community(first.id).expect("members");
        let m = members
            .iter()
            .find(|m| {
                let k = initials(&m.name);
                members.iter().filter(|o| initials(&o.name) == k).count() == 1
            })
            .expect("a member with unique initials")
            .clone();
        let before = view
            .services_of_member(m.id, None, None)
            .expect("rows")
            .len();
        let keys = initials(&m.name);
        (m.id, m.name, keys, before)
    };

    let mut tmux = Tmux::new("entry");
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "100",
        "-y",
        "30",
        "sh",
    ]);
    let line = format!(
        "BAODAO_TODAY=2026-11-22 {} --db {} --clerk 录入员",
        quoted(Path::new(BIN)),
        quoted(&db)
    );
    tmux.run(&["send-keys", "-t", "t", &line, "Enter"]);
    tmux.wait_for("报到台账");

    // Pick the member by the initials of their name, then open the card's quick entry.
    tmux.key("2");
    tmux.key("/");
    tmux.text(&keys);
    tmux.key("Enter");
    tmux.wait_for(&format!("服务记录卡 · {name}"));
    tmux.key("4");
    tmux.key("a");
    tmux.wait_for("服务记录 · ");

    let mut halves = 0u32;
    for n in 1..=10u32 {
        let hours = if n % 2 == 0 { "1.5" } else { "2" };
        halves += if n % 2 == 0 { 3 } else { 4 };
        let content = format!("第{n}次入户走访");
        // The rating of a paper card varies row by row: 优, 良, 一般.
        let rating = ["1", "2", "3"][(n % 3) as usize];
        tmux.text(&format!("11{n:02}"));
        // Tab moves on and never takes a completion: the typed text is what counts.
        tmux.key("Tab");
        tmux.text(&content);
        tmux.key("Tab");
        tmux.text("三号楼");
        tmux.key("Tab");
        tmux.text(hours);
        tmux.key("Tab");
        tmux.text(rating);
        tmux.key("Enter");
        tmux.wait_for(&content);
    }
    tmux.wait_for("已保存：新增服务记录 第10次入户走访");
    tmux.key("Escape");
    tmux.key("q");
    let start = Instant::now();
    while tmux.screen().contains("报到台账") {
        assert!(start.elapsed() < Duration::from_secs(20), "did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }

    let ledger = read_only(&db);
    let view = ledger.view().expect("view");
    let rows = view.services_of_member(member, None, None).expect("rows");
    assert_eq!(rows.len(), before + 10, "exactly ten rows were added");
    let typed: Vec<_> = rows
        .iter()
        .filter(|r| r.content.ends_with("次入户走访") && r.place == "三号楼")
        .collect();
    assert_eq!(typed.len(), 10);
    for (i, r) in typed.iter().enumerate() {
        let n = i as u32 + 1;
        assert_eq!(r.date.to_string(), format!("2026-11-{n:02}"));
        assert_eq!(r.content, format!("第{n}次入户走访"));
        let rating = ["优", "良", "一般"][(n % 3) as usize];
        assert_eq!(
            r.rating.map(|x| x.label(baodao::i18n::Lang::Zh)),
            Some(rating)
        );
    }
    let total: u32 = typed.iter().map(|r| r.hours.halves()).sum();
    assert_eq!(total, halves, "the card's total of the typed rows");
    assert_eq!(Hours(total as u16).to_string(), "17.5");
    println!(
        "keys beyond the typed text for a 10-row card: {}",
        tmux.extra
    );
    let promised = promised();
    assert_eq!(tmux.extra, promised, "the README states {promised} keys");
}
