//! Plausible Chinese names and mobiles for the demo ledger, polyphonic surnames included.
use super::rng::Rng;

const SURNAMES: [(&str, u32); 24] = [
    ("王", 70),
    ("李", 70),
    ("张", 65),
    ("刘", 55),
    ("陈", 45),
    ("杨", 35),
    ("赵", 25),
    ("黄", 25),
    ("周", 22),
    ("吴", 20),
    ("徐", 17),
    ("孙", 15),
    ("曹", 8),
    ("吕", 6),
    ("曾", 6),
    ("单", 2),
    ("解", 2),
    ("仇", 1),
    ("朴", 1),
    ("翟", 1),
    ("覃", 1),
    ("缪", 1),
    ("欧阳", 1),
    ("尉迟", 1),
];

const GIVEN: [&str; 40] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "顺", "仙", "红", "云", "鹏", "丹", "玲",
    "波", "宁", "建", "国", "志", "海", "燕", "琳",
];

/// A person's name: a weighted surname and one or two given-name characters.
pub fn person_name(rng: &mut Rng) -> String {
    let weights: Vec<u32> = SURNAMES.iter().map(|s| s.1).collect();
    let mut name = SURNAMES[rng.weighted(&weights)].0.to_string();
    name.push_str(GIVEN[rng.below(GIVEN.len() as u64) as usize]);
    if rng.chance(0.7) {
        name.push_str(GIVEN[rng.below(GIVEN.len() as u64) as usize]);
    }
    name
}

/// An 11-digit mobile number.
pub fn mobile(rng: &mut Rng) -> String {
    let prefix = rng.pick(&[
        "138", "139", "137", "150", "151", "158", "187", "188", "177", "199",
    ]);
    format!("{prefix}{:08}", rng.below(100_000_000))
}
