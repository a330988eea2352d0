//! Word lists for the demo ledger: places, units, services and requests as a Chinese city
//! district writes them.

pub const COUNTIES: [&str; 4] = ["麒麟区", "沾益区", "马龙区", "宣威市"];

pub const STREET_STEMS: [&str; 16] = [
    "南宁",
    "建宁",
    "白石江",
    "西城",
    "益宁",
    "文华",
    "太和",
    "潇湘",
    "三宝",
    "寥廓",
    "翠峰",
    "沿江",
    "东山",
    "越州",
    "茨营",
    "珠街",
];

pub const COMMUNITY_STEMS: [&str; 32] = [
    "紫鑫城",
    "麒麟花园",
    "阳光",
    "珠江源",
    "文昌",
    "龙潭",
    "玉林",
    "金麟",
    "南关",
    "北城",
    "东苑",
    "西苑",
    "翠湖",
    "锦绣",
    "和平",
    "幸福",
    "建设",
    "胜利",
    "民族",
    "新华",
    "朝阳",
    "红旗",
    "瑞和",
    "康居",
    "春晖",
    "桂花",
    "梨园",
    "柏林",
    "映山",
    "清河",
    "凤凰",
    "安居",
];

pub const SERVICE_DAYS: [&str; 4] = [
    "每月第一个周六",
    "每月5日",
    "每月第二个周五下午",
    "每月最后一个周六上午",
];

pub const UNIT_STEMS: [(&str, crate::domain::UnitKind); 24] = {
    use crate::domain::UnitKind::*;
    [
        ("委组织部", Organ),
        ("财政局", Organ),
        ("教育体育局", Organ),
        ("人力资源和社会保障局", Organ),
        ("市场监督管理局", Organ),
        ("住房和城乡建设局", Organ),
        ("卫生健康局", Organ),
        ("税务局", Organ),
        ("第一人民医院", Institution),
        ("妇幼保健院", Institution),
        ("第三中学", Institution),
        ("实验小学", Institution),
        ("疾病预防控制中心", Institution),
        ("供电局", Enterprise),
        ("烟草公司", Enterprise),
        ("移动分公司", Enterprise),
        ("农村商业银行", Enterprise),
        ("燃气有限公司", Enterprise),
        ("自来水公司", Enterprise),
        ("职业技术学院", College),
        ("师范学院", College),
        ("医学高等专科学校", College),
        ("志愿者协会", SocialOrg),
        ("律师协会", SocialOrg),
    ]
};

pub const POSITIONS: [&str; 10] = [
    "科员",
    "副科长",
    "科长",
    "教师",
    "医生",
    "护士",
    "工程师",
    "会计",
    "职员",
    "主任",
];

pub const EDUCATION: [&str; 5] = ["大学本科", "大专", "研究生", "中专", "高中"];

pub const TEAMS: [(&str, crate::domain::TeamBasis); 5] = {
    use crate::domain::TeamBasis::*;
    [
        ("楼栋服务队", Place),
        ("医疗服务队", Trade),
        ("法律服务队", Trade),
        ("文艺志愿队", Interest),
        ("环境卫生队", Place),
    ]
};

pub const CUSTOM_POSTS: [&str; 4] = [
    "党员服务驿站值班岗",
    "谈心室接待岗",
    "网格巡查岗",
    "文明劝导岗",
];

/// (content, place, kind) of a typical service row.
pub const SERVICES: [(&str, &str, crate::domain::ServiceKind); 14] = {
    use crate::domain::ServiceKind::*;
    [
        ("清理小区卫生死角", "小区内", Volunteer),
        ("政策法规宣传", "社区广场", Volunteer),
        ("党员服务驿站值班", "党群服务中心", Duty),
        ("文明交通劝导", "十字路口", Volunteer),
        ("义诊", "社区卫生室", Volunteer),
        ("垃圾分类宣传", "小区门口", Volunteer),
        ("反诈宣传", "社区广场", Volunteer),
        ("四点半课堂辅导", "社区活动室", Volunteer),
        ("网格巡查", "网格内", Duty),
        ("疫苗接种引导", "社区卫生室", Volunteer),
        ("矛盾纠纷调解", "社区调解室", Other),
        ("网上政策解答", "线上", Online),
        ("人口普查入户", "辖区各楼栋", Other),
        ("环境整治", "背街小巷", Volunteer),
    ]
};

pub const ACTIVITIES: [&str; 6] = [
    "“我为群众办实事”主题活动",
    "固定服务日集中服务",
    "学雷锋志愿服务",
    "重阳节敬老活动",
    "七一主题党日",
    "创建文明城市大扫除",
];

pub const DEMANDS: [&str; 8] = [
    "楼道灯坏了，请帮忙修理",
    "孩子暑假需要作业辅导",
    "老人想学用智能手机",
    "小区门口积水需要疏通",
    "想咨询退休手续",
    "希望有人陪老人去医院复查",
    "想要一个新书包（微心愿）",
    "家里水管漏水",
];

pub const SUGGESTIONS: [&str; 6] = [
    "建议增设小区充电桩",
    "建议在广场增加健身器材",
    "建议定期开展老年人防诈骗讲座",
    "建议完善楼道照明",
    "建议设立社区图书角",
    "建议规范小区停车",
];

pub const TOPICS: [&str; 4] = [
    "共驻共建项目对接",
    "年度服务计划",
    "在职党员报到情况通报",
    "为民办实事清单",
];

pub const REASONS: [&str; 4] = [
    "长期外派出差",
    "身体原因住院治疗",
    "居住地变更未落实",
    "工作任务繁重",
];
