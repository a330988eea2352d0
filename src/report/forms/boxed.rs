//! The per-member forms as the seeds' paper lays them out (003 附件1, 附件2, 附件5; 000 附件1
//! and the 反馈单): the letter, the boxes of the field table, the cut line and the 回执, the
//! seal and the date at the right with room for the stamp. Only arranges text the row builders
//! have already worked out.
use crate::report::paper::{Align, Block, Boxed, Field, tick};

/// A label and its value.
pub(super) type Pair = (String, String);

/// Field boxes two pairs to a row (label, value, label, value); a pair in `wide` or with a
/// long label takes the whole row.
pub(super) fn grid(pairs: &[Pair], wide: &[&str], blocks: &mut Vec<Block>) {
    let is_wide = |p: &Pair| wide.contains(&p.0.as_str()) || p.0.chars().count() > 6;
    let mut pending: Option<&Pair> = None;
    let flush = |p: &Pair, blocks: &mut Vec<Block>| {
        blocks.push(Block::Boxes {
            fields: vec![Field::label(&p.0, 1), Field::value(&p.1, 3)],
            lines: 1,
        })
    };
    for p in pairs {
        if is_wide(p) {
            if let Some(q) = pending.take() {
                flush(q, blocks);
            }
            flush(p, blocks);
        } else if let Some(q) = pending.take() {
            blocks.push(Block::Boxes {
                fields: vec![
                    Field::label(&q.0, 1),
                    Field::value(&q.1, 1),
                    Field::label(&p.0, 1),
                    Field::value(&p.1, 1),
                ],
                lines: 1,
            });
        } else {
            pending = Some(p);
        }
    }
    if let Some(q) = pending {
        flush(q, blocks);
    }
}

/// Four columns: label, value, label, value.
pub(super) const FOUR: [f32; 4] = [1.5, 2.3, 1.5, 2.3];

/// What 附件1 says, worked out by the row builder.
pub(super) struct SlipText {
    pub addressee: String,
    pub letter: String,
    pub by: String,
    pub unit_org: String,
    pub issued: String,
    pub fields: Vec<Pair>,
    pub receipt_to: String,
    pub receipt: String,
    pub community_org: String,
    pub reported: String,
}

/// 附件1: the 报到单 with its field table, a cut line, the 回执 — one A4 page.
pub(super) fn slip(s: SlipText) -> Boxed {
    let mut blocks = vec![
        Block::Title("在职党员社区报到单".into()),
        Block::Text(s.addressee),
        Block::Text(s.letter),
        Block::Text(s.by),
    ];
    grid(
        &s.fields,
        &[
            "工作单位及职务",
            "认领的工作类型",
            "能够提供服务的时间",
            "特长",
        ],
        &mut blocks,
    );
    blocks.extend([
        Block::Gap,
        Block::Right(format!("（单位党组织盖章）{}", s.unit_org)),
        Block::Gap,
        Block::Right(s.issued),
        Block::Cut("回 执（沿此线剪下）".into()),
        Block::Title("在职党员社区报到回执".into()),
        Block::Text(s.receipt_to),
        Block::Text(s.receipt),
        Block::Gap,
        Block::Right(format!("（社区党组织盖章）{}", s.community_org)),
        Block::Gap,
        Block::Right(s.reported),
    ]);
    Boxed {
        columns: FOUR.to_vec(),
        blocks,
    }
}

/// The eight standard posts as tick boxes, two to a line, and any other post claimed.
pub(super) fn post_ticks(standard: &[&str], claimed: &[String]) -> String {
    let mut lines: Vec<String> = standard
        .chunks(2)
        .map(|pair| {
            pair.iter()
                .map(|p| format!("{}{p}", tick(claimed.iter().any(|c| c == p))))
                .collect::<Vec<_>>()
                .join("    ")
        })
        .collect();
    let others: Vec<&str> = claimed
        .iter()
        .map(String::as_str)
        .filter(|c| !standard.contains(c))
        .collect();
    if !others.is_empty() {
        lines.push(format!("{}其他：{}", tick(true), others.join("、")));
    }
    lines.push("（以上岗位结合社区实际研究拟定）（请至少认领一个岗位）".into());
    lines.join("\n")
}

/// What 附件2 says.
pub(super) struct MemberFormText<'a> {
    pub get: &'a dyn Fn(&str) -> String,
    pub unit_address: String,
    pub community: String,
    pub posts: String,
}

/// 附件2: a grid as on 003's paper, with the photo box at the top right.
pub(super) fn member_form(t: MemberFormText) -> Boxed {
    let g = t.get;
    let l = |s: &str, span| Field::label(s, span);
    let v = |s: String, span| Field::value(&s, span);
    let photo = |text: &str, top: bool, bottom: bool| Field {
        text: text.to_string(),
        span: 1,
        label: true,
        align: Align::Center,
        open_top: !top,
        open_bottom: !bottom,
    };
    let row = |fields: Vec<Field>, lines: usize| Block::Boxes { fields, lines };
    // The paper's lower half: two questions a line, each label over two columns.
    let two = |a: &str, va: String, b: &str, vb: String, lines| {
        row(vec![l(a, 2), v(va, 3), l(b, 2), v(vb, 2)], lines)
    };
    let blocks = vec![
        Block::Title("在职党员基本情况登记表".into()),
        Block::Text("本人签名：                              填表日期：      年    月    日".into()),
        row(
            vec![
                l("姓 名", 1),
                v(g("姓名"), 1),
                l("性 别", 1),
                v(g("性别"), 1),
                l("民 族", 1),
                v(g("民族"), 1),
                l("健康状况", 1),
                v(g("健康状况"), 1),
                photo("", true, false),
            ],
            2,
        ),
        row(
            vec![
                l("学 历", 1),
                v(g("学历"), 1),
                l("出生年月", 1),
                v(g("出生年月"), 1),
                l("入党时间", 1),
                v(g("入党时间"), 1),
                l("党员类别", 1),
                v(g("党员类别"), 1),
                photo("（照 片）", false, false),
            ],
            2,
        ),
        row(
            vec![
                l("工作单位及职务", 2),
                v(g("工作单位及职务"), 6),
                photo("", false, true),
            ],
            2,
        ),
        row(vec![l("单位地址", 2), v(t.unit_address, 7)], 1),
        row(vec![l("家庭住址", 2), v(g("家庭住址"), 7)], 1),
        row(vec![l("报到社区", 2), v(t.community, 7)], 1),
        row(vec![l("认领岗位", 2), v(t.posts, 7)], 6),
        two(
            "能参加社区服务的时间",
            g("能参加社区服务的时间"),
            "是否愿意参加社区其他服务",
            g("是否愿意参加社区其他服务"),
            2,
        ),
        two("工作单位联系电话", g("单位电话"), "本人联系电话/手机", g("手机"), 1),
        two("专业特长", g("专业特长"), "兴趣爱好", g("兴趣爱好"), 1),
        row(
            vec![
                l("是否党代表、人大代表、政协委员", 2),
                v(g("是否党代表、人大代表、政协委员"), 7),
            ],
            1,
        ),
        two("志愿服务小组", g("志愿服务小组"), "志愿服务项目", g("志愿服务项目"), 1),
        row(vec![l("报到日期", 2), v(g("报到日期"), 7)], 1),
        Block::Text(
            "注：此表供参考，由在职党员填写好，报到时交社区党组织保存，社区党组织须对表中有关信息保密。"
                .into(),
        ),
    ];
    Boxed {
        columns: vec![1.0, 1.1, 1.0, 1.1, 1.0, 1.1, 1.0, 1.1, 1.4],
        blocks,
    }
}

/// 附件5: the card's table, with the total and the footer lines.
pub(super) fn card(title: &str, above: &[String], below: &[String]) -> Boxed {
    let mut blocks = vec![Block::Title(title.into())];
    blocks.extend(above.iter().map(|a| Block::Text(a.clone())));
    blocks.push(Block::Table);
    blocks.extend(below.iter().map(|b| Block::Text(b.clone())));
    blocks.extend([
        Block::Gap,
        Block::Right("社区党组织认证签字：                    ".into()),
        Block::Right("年    月    日".into()),
    ]);
    Boxed {
        // The date column holds 2026-10-22 on one line even at the XLSX writer's wide
        // estimate of a digit, so a row is one line high in a spreadsheet too.
        columns: vec![1.7, 3.3, 2.1, 1.4, 1.4, 1.6],
        blocks,
    }
}

/// What the 反馈单 says about one member.
pub(super) struct FeedbackText {
    pub to: String,
    pub intro: String,
    pub fields: Vec<Pair>,
    pub grades: String,
    pub comment: String,
    pub disqualified: String,
    /// What the counts count (only certified services).
    pub note: String,
}

/// The 反馈单: one slip per member, addressed to the unit's Party organisation.
pub(super) fn feedback(f: FeedbackText) -> Boxed {
    let mut blocks = vec![
        Block::Title("在职党员社区表现反馈单".into()),
        Block::Text(f.to),
        Block::Text(f.intro),
    ];
    grid(&f.fields, &["工作单位及职务"], &mut blocks);
    let wide = |label: &str, text: String, lines: usize| Block::Boxes {
        fields: vec![Field::label(label, 1), Field::value(&text, 3)],
        lines,
    };
    blocks.extend([
        wide("评议等次", f.grades, 1),
        wide("现实表现", f.comment, 10),
        wide("是否取消当年评先评优资格及原因", f.disqualified, 2),
        Block::Text(f.note),
        Block::Gap,
        Block::Gap,
        Block::Right("社区党组织（盖章）".into()),
        Block::Gap,
        Block::Right("日期：      年    月    日".into()),
    ]);
    Boxed {
        columns: FOUR.to_vec(),
        blocks,
    }
}
