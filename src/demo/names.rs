//! Plausible Chinese names and contact details for the demo ledger: people, mobile numbers,
//! work units of each kind (单位属性), communities, streets, specialties and hobbies.
//!
//! Data tables plus small functions over the deterministic [`Rng`], so the same seed gives
//! the same ledger everywhere. Surnames are weighted roughly by their frequency in China and
//! include the polyphonic surnames (曾 单 解 仇 区 朴 查 翟 覃 缪 盖 乐 华) and a few double
//! surnames (欧阳 尉迟 万俟 单于) at low frequency, so that search sees the hard cases.
use super::rng::Rng;

/// Surnames with a weight (about people per 10,000).
const SURNAMES: &[(&str, u32)] = &[
    ("王", 720),
    ("李", 710),
    ("张", 690),
    ("刘", 540),
    ("陈", 450),
    ("杨", 310),
    ("赵", 230),
    ("黄", 220),
    ("周", 210),
    ("吴", 200),
    ("徐", 170),
    ("孙", 150),
    ("胡", 130),
    ("朱", 130),
    ("高", 120),
    ("林", 120),
    ("何", 120),
    ("郭", 115),
    ("马", 110),
    ("罗", 85),
    ("梁", 80),
    ("宋", 75),
    ("郑", 75),
    ("谢", 70),
    ("韩", 65),
    ("唐", 60),
    ("冯", 60),
    ("于", 55),
    ("董", 55),
    ("萧", 50),
    ("程", 50),
    ("曹", 50),
    ("袁", 48),
    ("邓", 48),
    ("许", 48),
    ("傅", 45),
    ("沈", 45),
    ("曾", 45),
    ("彭", 45),
    ("吕", 40),
    ("苏", 40),
    ("卢", 40),
    ("蒋", 40),
    ("蔡", 40),
    ("贾", 35),
    ("丁", 35),
    ("魏", 35),
    ("薛", 30),
    ("叶", 30),
    ("阎", 30),
    ("余", 30),
    ("潘", 30),
    ("杜", 30),
    ("戴", 28),
    ("夏", 28),
    ("钟", 28),
    ("汪", 28),
    ("田", 28),
    ("任", 28),
    ("姜", 26),
    ("范", 26),
    ("方", 26),
    ("石", 26),
    ("姚", 26),
    ("谭", 25),
    ("廖", 25),
    ("邹", 25),
    ("熊", 25),
    ("金", 25),
    ("陆", 24),
    ("郝", 24),
    ("孔", 22),
    ("白", 22),
    ("崔", 22),
    ("康", 22),
    ("毛", 22),
    ("邱", 22),
    ("秦", 20),
    ("江", 20),
    ("史", 20),
    ("顾", 20),
    ("侯", 20),
    ("邵", 20),
    ("孟", 20),
    ("龙", 20),
    ("万", 18),
    ("段", 18),
    ("雷", 18),
    ("钱", 18),
    ("汤", 18),
    ("尹", 18),
    ("黎", 18),
    ("易", 17),
    ("常", 17),
    ("武", 17),
    ("乔", 17),
    ("贺", 17),
    ("赖", 17),
    ("龚", 17),
    ("文", 16),
    ("华", 10),
    ("解", 6),
    ("单", 6),
    ("覃", 6),
    ("翟", 5),
    ("查", 4),
    ("乐", 4),
    ("盖", 3),
    ("缪", 3),
    ("仇", 3),
    ("朴", 3),
    ("区", 2),
    ("欧阳", 3),
    ("尉迟", 1),
    ("万俟", 1),
    ("单于", 1),
];

/// Characters common in given names (some polyphonic: 行 乐 重 长 曾).
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "玉", "兰", "文", "辉", "鹏",
    "飞", "斌", "宇", "浩", "凯", "俊", "帆", "晨", "欣", "怡", "婷", "雪", "琳", "颖", "倩", "佳",
    "志", "海", "波", "宁", "林", "春", "梅", "云", "峰", "鑫", "顺", "仙", "子", "涵", "轩", "睿",
    "博", "嘉", "瑞", "思", "雨", "梓", "晓", "新", "永", "德", "福", "贵", "荣", "成", "庆", "东",
    "亮", "青", "燕", "慧", "萍", "琴", "彬", "昊", "泽", "航", "天", "家", "翔", "健", "安", "振",
    "金", "良", "行", "乐", "重", "长", "曾", "朝", "和", "正", "忠", "信", "义", "礼", "智", "秋",
    "冬", "卫", "民", "兵", "利", "群", "学", "光", "珍", "芬", "莉", "凤", "洁", "丹",
];

/// A person's name: a surname by frequency, then one or (more often) two given characters.
pub fn person_name(rng: &mut Rng) -> String {
    let weights: Vec<u32> = SURNAMES.iter().map(|(_, w)| *w).collect();
    let mut name = SURNAMES[rng.weighted(&weights)].0.to_string();
    let given = if rng.chance(0.3) { 1 } else { 2 };
    for _ in 0..given {
        name.push_str(rng.pick::<&str>(GIVEN));
    }
    name
}

/// Mobile prefixes in use (13x, 15x, 17x, 18x, 19x).
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "170", "173", "175", "176", "177", "178", "180",
    "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "198",
    "199",
];

/// An 11-digit mobile number.
pub fn mobile(rng: &mut Rng) -> String {
    let mut phone = rng.pick(MOBILE_PREFIXES).to_string();
    for _ in 0..8 {
        phone.push(char::from(b'0' + rng.below(10) as u8));
    }
    phone
}

/// The kinds of work unit (单位属性) the demo draws unit names for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitClass {
    /// 机关
    Organ,
    /// 事业单位
    Institution,
    /// 企业
    Enterprise,
    /// 大专院校
    College,
    /// 社会组织
    SocialOrganization,
}

impl UnitClass {
    pub const ALL: [UnitClass; 5] = [
        UnitClass::Organ,
        UnitClass::Institution,
        UnitClass::Enterprise,
        UnitClass::College,
        UnitClass::SocialOrganization,
    ];

    /// The label on the forms.
    pub fn label(self) -> &'static str {
        match self {
            UnitClass::Organ => "机关",
            UnitClass::Institution => "事业",
            UnitClass::Enterprise => "企业",
            UnitClass::College => "大专院校",
            UnitClass::SocialOrganization => "社会组织",
        }
    }
}

const CITIES: &[&str] = &[
    "曲靖市",
    "麒麟区",
    "沾益区",
    "马龙区",
    "宣威市",
    "陆良县",
    "师宗县",
    "罗平县",
    "富源县",
    "会泽县",
];
const ORGANS: &[&str] = &[
    "教育局",
    "财政局",
    "民政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "水务局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "退役军人事务局",
    "应急管理局",
    "司法局",
    "公安局",
    "税务局",
    "委组织部",
    "委宣传部",
    "人民法院",
    "人民检察院",
];
const INSTITUTIONS: &[&str] = &[
    "第一人民医院",
    "第二人民医院",
    "中医医院",
    "妇幼保健院",
    "疾病预防控制中心",
    "第一中学",
    "第二中学",
    "实验小学",
    "实验中学",
    "图书馆",
    "博物馆",
    "广播电视台",
    "气象局",
    "档案馆",
    "公共资源交易中心",
    "政务服务中心",
    "青少年活动中心",
];
const ENTERPRISE_WORDS: &[&str] = &[
    "供电局",
    "烟草公司",
    "移动分公司",
    "电信分公司",
    "自来水公司",
    "燃气有限公司",
    "城市建设投资集团",
    "交通运输集团",
    "农业发展银行支行",
    "建设银行支行",
    "工商银行支行",
    "邮政分公司",
    "煤业集团",
    "化工有限责任公司",
    "水泥有限公司",
    "现代农业有限公司",
    "商贸有限公司",
];
const COLLEGES: &[&str] = &[
    "曲靖师范学院",
    "曲靖医学高等专科学校",
    "云南能源职业技术学院",
    "曲靖职业技术学院",
    "云南经贸外事职业学院",
    "曲靖应用技术学校",
];
const SOCIAL_ORGS: &[&str] = &[
    "慈善总会",
    "志愿者协会",
    "律师协会",
    "个体劳动者协会",
    "老年人体育协会",
    "社会工作服务中心",
    "青年企业家协会",
    "红十字会",
    "书法家协会",
    "残疾人福利基金会",
];

/// A work unit's name of the given kind.
pub fn unit_name(rng: &mut Rng, class: UnitClass) -> String {
    match class {
        UnitClass::Organ => format!("{}{}", rng.pick(CITIES), rng.pick(ORGANS)),
        UnitClass::Institution => format!("{}{}", rng.pick(CITIES), rng.pick(INSTITUTIONS)),
        UnitClass::Enterprise => format!("{}{}", rng.pick(CITIES), rng.pick(ENTERPRISE_WORDS)),
        UnitClass::College => rng.pick(COLLEGES).to_string(),
        UnitClass::SocialOrganization => format!("{}{}", rng.pick(CITIES), rng.pick(SOCIAL_ORGS)),
    }
}

const PLACE_FIRST: &[&str] = &[
    "紫", "金", "翠", "南", "北", "东", "西", "麒", "寥", "龙", "凤", "文", "潇", "湘", "白", "石",
    "花", "锦", "阳", "光", "和", "平", "康", "瑞", "兴", "华", "新", "珠", "玉", "月",
];
const PLACE_SECOND: &[&str] = &[
    "鑫", "水", "峰", "苑", "城", "湖", "山", "园", "桥", "江", "林", "泉", "宁", "安", "福", "馨",
    "源", "祥", "盛", "景", "湾", "亭", "庭",
];
const COMMUNITY_TAILS: &[&str] = &["城", "苑", "园", "里", "坊", "路", "街", "", ""];

/// A community's name, such as 紫鑫城社区.
pub fn community_name(rng: &mut Rng) -> String {
    format!(
        "{}{}{}社区",
        rng.pick(PLACE_FIRST),
        rng.pick(PLACE_SECOND),
        rng.pick(COMMUNITY_TAILS)
    )
}

/// A street (街道) name, such as 南宁街道.
pub fn street_name(rng: &mut Rng) -> String {
    format!("{}{}街道", rng.pick(PLACE_FIRST), rng.pick(PLACE_SECOND))
}

/// A county-level name (县、市、区).
pub fn county_name(rng: &mut Rng) -> &'static str {
    rng.pick::<&str>(&CITIES[1..])
}

/// 专业特长 a member may list.
pub const SPECIALTIES: &[&str] = &[
    "法律咨询",
    "医疗保健",
    "心理咨询",
    "计算机",
    "财务会计",
    "教育辅导",
    "文艺演出",
    "书法绘画",
    "摄影摄像",
    "家电维修",
    "政策宣讲",
    "理论宣讲",
    "消防安全",
    "环境保护",
    "农业技术",
    "烹饪",
    "翻译",
    "驾驶",
    "电工",
    "中医推拿",
];

/// 兴趣爱好 a member may list.
pub const HOBBIES: &[&str] = &[
    "读书",
    "跑步",
    "乒乓球",
    "羽毛球",
    "篮球",
    "太极拳",
    "广场舞",
    "书法",
    "绘画",
    "摄影",
    "唱歌",
    "下棋",
    "登山",
    "钓鱼",
    "旅游",
    "园艺",
    "志愿服务",
    "烹饪",
];

/// One to `max` different items of a table (for specialties and hobbies).
pub fn some_of(rng: &mut Rng, table: &[&'static str], max: usize) -> Vec<&'static str> {
    let want = rng.range(1, max.max(1) as i64) as usize;
    let mut out: Vec<&'static str> = Vec::with_capacity(want);
    // A bounded number of draws: a small table cannot make this loop forever.
    for _ in 0..want * 4 {
        if out.len() == want || table.is_empty() {
            break;
        }
        let item = *rng.pick(table);
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_deterministic_and_plausible() {
        let a: Vec<String> = {
            let mut r = Rng::new(3);
            (0..200).map(|_| person_name(&mut r)).collect()
        };
        let b: Vec<String> = {
            let mut r = Rng::new(3);
            (0..200).map(|_| person_name(&mut r)).collect()
        };
        assert_eq!(a, b);
        for n in &a {
            let len = n.chars().count();
            assert!((2..=4).contains(&len), "{n}");
        }
        let mut r = Rng::new(9);
        let many: Vec<String> = (0..50_000).map(|_| person_name(&mut r)).collect();
        let share = |s: &str| many.iter().filter(|n| n.starts_with(s)).count();
        assert!(share("王") > share("曹") * 5);
        for rare in ["曾", "单", "解", "覃", "欧阳", "尉迟", "万俟", "单于"] {
            assert!(share(rare) > 0, "{rare} never drawn");
        }
    }

    #[test]
    fn mobiles_have_eleven_digits_and_a_real_prefix() {
        let mut r = Rng::new(1);
        for _ in 0..1000 {
            let m = mobile(&mut r);
            assert_eq!(m.len(), 11);
            assert!(m.bytes().all(|b| b.is_ascii_digit()));
            assert!(["13", "15", "17", "18", "19"].contains(&&m[..2]), "{m}");
        }
    }

    #[test]
    fn places_units_and_lists() {
        let mut r = Rng::new(5);
        assert!(community_name(&mut r).ends_with("社区"));
        assert!(street_name(&mut r).ends_with("街道"));
        assert!(!county_name(&mut r).is_empty());
        for class in UnitClass::ALL {
            assert!(!unit_name(&mut r, class).is_empty());
            assert!(!class.label().is_empty());
        }
        let s = some_of(&mut r, SPECIALTIES, 3);
        assert!((1..=3).contains(&s.len()));
        let mut dedup = s.clone();
        dedup.dedup();
        assert_eq!(s, dedup);
        assert!(some_of(&mut r, &[], 3).is_empty());
    }
}
