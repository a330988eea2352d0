//! How the leading character(s) of a person's name are read as a surname.
//!
//! Many surnames are polyphonic characters whose everyday reading is not the surname's:
//! 曾 is ceng in 曾经 but zeng in 曾国藩, 单 is dan in 简单 but shan as a surname. The pinyin
//! data lists the everyday reading first, so without this table a clerk typing `zengli`
//! would not find 曾丽. Double surnames are tried first (欧阳, 尉迟 …), because their first
//! character alone may read differently (万 wan, but 万俟 moqi).

/// Double surnames and the reading of each of their two characters.
const DOUBLE: &[(&str, [&str; 2])] = &[
    ("尉迟", ["yu", "chi"]),
    ("欧阳", ["ou", "yang"]),
    ("万俟", ["mo", "qi"]),
    ("单于", ["chan", "yu"]),
    ("长孙", ["zhang", "sun"]),
    ("澹台", ["tan", "tai"]),
    ("司马", ["si", "ma"]),
    ("诸葛", ["zhu", "ge"]),
    ("上官", ["shang", "guan"]),
    ("东方", ["dong", "fang"]),
    ("皇甫", ["huang", "fu"]),
    ("令狐", ["ling", "hu"]),
    ("公孙", ["gong", "sun"]),
    ("慕容", ["mu", "rong"]),
    ("夏侯", ["xia", "hou"]),
    ("宇文", ["yu", "wen"]),
    ("端木", ["duan", "mu"]),
    ("南宫", ["nan", "gong"]),
];

/// Single-character surnames whose surname reading is not (or not only) the everyday one.
const SINGLE: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('朴', "piao"),
    ('查', "zha"),
    ('翟', "zhai"),
    ('覃', "qin"),
    ('缪', "miao"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('华', "hua"),
    ('尉', "wei"),
    ('万', "wan"),
    ('长', "chang"),
    ('于', "yu"),
    ('任', "ren"),
    ('纪', "ji"),
    ('秘', "bi"),
    ('种', "chong"),
    ('员', "yun"),
    ('那', "na"),
    ('宓', "mi"),
    ('隗', "wei"),
    ('召', "shao"),
    ('句', "gou"),
    ('阚', "kan"),
    ('燕', "yan"),
    ('过', "guo"),
    ('柏', "bai"),
    ('薄', "bo"),
    ('沈', "shen"),
    ('石', "shi"),
    ('折', "she"),
    ('能', "nai"),
    ('繁', "po"),
    ('黑', "he"),
    ('冼', "xian"),
    ('车', "che"),
    ('叶', "ye"),
    ('卜', "bu"),
    ('藏', "zang"),
    ('贾', "jia"),
    ('曲', "qu"),
    ('重', "chong"),
    ('宿', "su"),
    ('祭', "zhai"),
    ('应', "ying"),
    ('莘', "shen"),
];

/// The surname readings of the leading characters of a person's name, one per character
/// covered (empty when the name does not start with a surname of the table).
///
/// A double surname is taken only when a given name follows it (three characters or more):
/// a two-character name such as 单于 is the surname 单 and the given name 于.
pub fn surname_readings(name: &[char]) -> Vec<&'static str> {
    if name.len() >= 3 {
        for (surname, readings) in DOUBLE {
            let mut chars = surname.chars();
            if chars.next() == Some(name[0]) && chars.next() == Some(name[1]) {
                return readings.to_vec();
            }
        }
    }
    match name.first() {
        Some(first) => SINGLE
            .iter()
            .find(|(c, _)| c == first)
            .map(|(_, r)| vec![*r])
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str) -> Vec<&'static str> {
        surname_readings(&name.chars().collect::<Vec<_>>())
    }

    #[test]
    fn polyphonic_single_surnames() {
        for (name, want) in [
            ("曾丽", "zeng"),
            ("单雄", "shan"),
            ("解放军", "xie"),
            ("仇英", "qiu"),
            ("区志坚", "ou"),
            ("朴敏", "piao"),
            ("查良", "zha"),
            ("翟军", "zhai"),
            ("覃海", "qin"),
            ("缪斌", "miao"),
            ("盖伟", "ge"),
            ("乐平", "yue"),
            ("华强", "hua"),
        ] {
            assert_eq!(read(name), vec![want], "{name}");
        }
    }

    #[test]
    fn double_surnames_first_but_only_before_a_given_name() {
        assert_eq!(read("尉迟恭"), vec!["yu", "chi"]);
        assert_eq!(read("欧阳修"), vec!["ou", "yang"]);
        assert_eq!(read("万俟卨"), vec!["mo", "qi"]);
        assert_eq!(read("单于云"), vec!["chan", "yu"]);
        assert_eq!(read("单于"), vec!["shan"]);
        assert_eq!(read("万里"), vec!["wan"]);
        assert_eq!(read("王芳"), Vec::<&str>::new());
        assert_eq!(read(""), Vec::<&str>::new());
    }
}
