//! The columns of each kind of sheet offices send, with the header texts seen in the seed
//! forms and in the wild. The first name of each field is the form's own (003 附件4/附件5,
//! 表1); the others are synonyms. Only the fields without which a row means nothing are
//! required.
use super::header::{FieldSpec, Schema};

const fn field(key: &'static str, names: &'static [&'static str], required: bool) -> FieldSpec {
    FieldSpec {
        key,
        names,
        required,
    }
}

/// 附件4 在职党员社区报到登记表, plus the 附件2 fields offices often add.
pub const MEMBERS: Schema = Schema {
    name_key: "import.schema.members",
    fields: &[
        field("seq", &["序号", "编号"], false),
        field("name", &["姓名", "党员姓名", "在职党员姓名"], true),
        field("gender", &["性别"], false),
        field("ethnicity", &["民族"], false),
        field("birth", &["出生年月", "出生日期", "出生年月日"], false),
        field("joined", &["入党时间", "入党年月", "入党日期"], false),
        field(
            "standing",
            &["党员类别", "正式/预备", "正式预备", "党员身份"],
            false,
        ),
        field("education", &["文化程度", "学历", "文化程度/学历"], false),
        field("specialty", &["专业特长", "特长"], false),
        field("hobbies", &["兴趣爱好", "爱好"], false),
        field(
            "unit_position",
            &[
                "工作单位及职务",
                "工作单位及职务(职称)",
                "工作单位",
                "单位及职务",
                "单位",
            ],
            false,
        ),
        field("unit_kind", &["单位属性", "单位性质"], false),
        field(
            "address",
            &["住址", "家庭住址", "现住址", "居住地址"],
            false,
        ),
        field("unit_phone", &["单位电话", "办公电话"], false),
        field(
            "mobile",
            &[
                "手机",
                "手机号",
                "手机号码",
                "联系电话",
                "移动电话",
                "联系方式",
            ],
            false,
        ),
        field(
            "service_project",
            &["志愿服务项目", "认领项目", "服务项目"],
            false,
        ),
        field(
            "service_team",
            &["志愿服务小组", "志愿服务队", "服务小组"],
            false,
        ),
        field("reported_on", &["报到日期", "报到时间"], false),
        field(
            "willing_other",
            &[
                "是否愿意参加社区其他服务",
                "是否愿意参加社区其他服务活动",
                "愿意参加其他服务",
            ],
            false,
        ),
        field("community", &["社区", "报到社区", "所在社区"], false),
        field(
            "id_number",
            &["身份证号", "身份证号码", "公民身份号码"],
            false,
        ),
        field(
            "posts",
            &["认领岗位", "认领的社区服务岗位", "认领的工作类型", "岗位"],
            false,
        ),
    ],
};

/// 附件5 在职党员社区服务(活动)记录卡, one row per service, as a list of many members.
pub const SERVICES: Schema = Schema {
    name_key: "import.schema.services",
    fields: &[
        field("name", &["姓名", "党员姓名", "在职党员姓名"], false),
        field("mobile", &["手机", "手机号", "手机号码", "联系电话"], false),
        field(
            "member_id",
            &["党员编号", "编号", "党员id", "memberid"],
            false,
        ),
        field(
            "date",
            &["年月日", "服务日期", "日期", "活动日期", "服务时间(日期)"],
            true,
        ),
        field(
            "content",
            &["服务(活动)内容", "服务内容", "活动内容", "内容"],
            true,
        ),
        field("place", &["服务地点", "地点", "活动地点"], false),
        field(
            "hours",
            &[
                "服务时间(小时)",
                "累计服务时间(小时)",
                "服务时长",
                "时长",
                "服务时长(小时)",
                "小时",
            ],
            false,
        ),
        field(
            "rating",
            &["评价", "服务评价", "评价(优/良/一般)", "评价(优、良、一般)"],
            false,
        ),
        field("certified_by", &["认证签字", "认证人", "认证"], false),
        field("kind", &["服务类型", "类型", "活动类型"], false),
    ],
};

/// 表1 社区联系方式一览表.
pub const COMMUNITIES: Schema = Schema {
    name_key: "import.schema.communities",
    fields: &[
        field("seq", &["序号"], false),
        field(
            "county",
            &["县(市、区)", "县(市区)", "县市区", "县区", "区县"],
            false,
        ),
        field("street", &["街道(乡镇)", "街道", "乡镇", "街道乡镇"], false),
        field("name", &["社区名称", "社区"], true),
        field(
            "secretary",
            &["社区党组织书记", "书记", "党组织书记"],
            false,
        ),
        field("phone", &["联系电话", "电话"], false),
        field("address", &["办公地址", "地址"], false),
        field("service_day", &["固定服务日", "服务日"], false),
    ],
};

/// Paired units (结对单位) with their contacts.
pub const UNITS: Schema = Schema {
    name_key: "import.schema.units",
    fields: &[
        field("name", &["单位名称", "单位", "工作单位"], true),
        field("kind", &["单位属性", "单位性质"], false),
        field("address", &["单位地址", "地址"], false),
        field("party_org", &["单位党组织", "党组织名称", "党组织"], false),
        field("contact", &["联系人", "单位党组织联系人"], false),
        field("phone", &["联系电话", "电话"], false),
        field("liaison", &["联络员"], false),
        field("paired_community", &["结对社区"], false),
        field(
            "member_total",
            &["在职党员总数", "在职党员数", "党员总数"],
            false,
        ),
    ],
};

/// 报到单 issued and returned, one row per member.
pub const REGISTRATIONS: Schema = Schema {
    name_key: "import.schema.registrations",
    fields: &[
        field("name", &["姓名", "党员姓名"], true),
        field("mobile", &["手机", "手机号", "联系电话"], false),
        field("unit", &["单位", "工作单位", "工作单位及职务"], false),
        field("community", &["报到社区", "社区"], false),
        field("issued_on", &["发单日期", "报到单日期", "开具日期"], false),
        field(
            "report_by",
            &["限报日期", "请于…之前报到", "请于之前报到", "报到期限"],
            false,
        ),
        field("reported_on", &["报到日期", "报到时间"], false),
        field(
            "receipt_on",
            &["回执交回日期", "回执日期", "回执交回时间"],
            false,
        ),
        field("posts", &["认领岗位", "认领的社区服务岗位", "岗位"], false),
        field("reason", &["未报到原因", "原因"], false),
    ],
};

/// Who a row of the 台账 is about: a member of the community, told from namesakes by mobile
/// or unit. Spelled out in each schema below (a const slice cannot be spliced).
const WHO_NAME: &[&str] = &["姓名", "党员姓名", "在职党员姓名", "提出人", "建议人"];
const WHO_MOBILE: &[&str] = &["手机", "手机号", "联系电话"];
const WHO_UNIT: &[&str] = &["工作单位", "单位", "工作单位及职务"];
const COMMUNITY: &[&str] = &["社区", "报到社区", "社区名称"];

/// 意见建议: who, when, what, and what became of it.
pub const SUGGESTIONS: Schema = Schema {
    name_key: "import.schema.suggestions",
    fields: &[
        field("name", WHO_NAME, true),
        field("mobile", WHO_MOBILE, false),
        field("unit", WHO_UNIT, false),
        field("community", COMMUNITY, false),
        field("date", &["提出日期", "建议日期", "日期", "时间"], true),
        field(
            "content",
            &["建议内容", "意见建议", "意见建议内容", "内容", "意见或建议"],
            true,
        ),
        field(
            "outcome",
            &["办理结果", "办理情况", "处理结果", "结果", "状态"],
            false,
        ),
    ],
};

/// 社区活动 with who attended: either a 参加人员 list per activity, or one row per attendee
/// (rows with the same title and date are one activity).
pub const ACTIVITIES: Schema = Schema {
    name_key: "import.schema.activities",
    fields: &[
        field(
            "title",
            &["活动名称", "活动主题", "主题", "名称", "活动"],
            true,
        ),
        field("date", &["活动日期", "日期", "活动时间", "时间"], true),
        field("place", &["活动地点", "地点"], false),
        field("kind", &["活动类型", "类型", "活动类别"], false),
        field(
            "hours",
            &["服务时长", "时长", "每人时长", "小时", "服务时间(小时)"],
            false,
        ),
        field("community", COMMUNITY, false),
        field(
            "attendees",
            &["参加人员", "参加党员", "参加人", "参与人员", "出席人员"],
            false,
        ),
        field("name", &["姓名", "党员姓名"], false),
        field("mobile", WHO_MOBILE, false),
        field("unit", WHO_UNIT, false),
    ],
};

/// 岗位 of a community, with the volunteer team (志愿服务队) a row may name instead.
pub const POSTS: Schema = Schema {
    name_key: "import.schema.posts",
    fields: &[
        field("community", COMMUNITY, false),
        field("name", &["岗位名称", "岗位", "服务岗位"], true),
        field("duties", &["岗位职责", "职责", "工作职责"], false),
        field("time", &["服务时间", "时间"], false),
        field("place", &["服务地点", "地点"], false),
    ],
};

/// 志愿服务队/小组 of a community and how each is grouped (地缘/业缘/趣缘).
pub const TEAMS: Schema = Schema {
    name_key: "import.schema.teams",
    fields: &[
        field("community", COMMUNITY, false),
        field(
            "name",
            &["志愿服务队", "志愿服务小组", "服务队", "队名", "小组名称"],
            true,
        ),
        field("basis", &["组建方式", "类型", "分类"], false),
    ],
};

/// 年度民主评议 results of past years: grade and 现实表现.
pub const EVALUATIONS: Schema = Schema {
    name_key: "import.schema.evaluations",
    fields: &[
        field("name", WHO_NAME, true),
        field("mobile", WHO_MOBILE, false),
        field("unit", WHO_UNIT, false),
        field("community", COMMUNITY, false),
        field("year", &["年度", "年份", "评议年度"], true),
        field(
            "grade",
            &["评议等次", "等次", "评定等次", "评议结果", "等级"],
            true,
        ),
        field("comment", &["现实表现", "评语", "表现"], false),
        field(
            "disqualified",
            &[
                "是否取消当年评先评优资格及原因",
                "取消评先评优资格",
                "取消评优原因",
            ],
            false,
        ),
        field("evaluated_on", &["评议日期", "日期"], false),
    ],
};

/// 单位到社区服务: a paired unit's service to the community.
pub const UNIT_SERVICES: Schema = Schema {
    name_key: "import.schema.unit_services",
    fields: &[
        field("unit", &["单位名称", "服务单位", "单位", "结对单位"], true),
        field("community", COMMUNITY, false),
        field("date", &["服务日期", "日期", "时间"], true),
        field("content", &["服务内容", "内容", "服务项目"], true),
        field("participants", &["参加人数", "参与人数", "人数"], false),
    ],
};

/// 联席会: the community with its units, date and topics.
pub const MEETINGS: Schema = Schema {
    name_key: "import.schema.meetings",
    fields: &[
        field("community", COMMUNITY, false),
        field("date", &["会议日期", "召开日期", "日期", "时间"], true),
        field(
            "topics",
            &["议题", "会议议题", "会议内容", "主要内容"],
            true,
        ),
        field("units", &["参会单位", "出席单位", "参加单位"], false),
    ],
};

/// 三单制 居民点单 and 微心愿: the request, its state, and the member who took it.
pub const DEMANDS: Schema = Schema {
    name_key: "import.schema.demands",
    fields: &[
        field("community", COMMUNITY, false),
        field("kind", &["需求类别", "类别", "点单类型"], false),
        field(
            "requester",
            &[
                "点单人",
                "点单居民",
                "居民姓名",
                "许愿人",
                "心愿人",
                "需求人",
            ],
            true,
        ),
        field("contact", &["联系电话", "居民电话", "联系方式"], false),
        field(
            "content",
            &["需求内容", "点单内容", "心愿内容", "微心愿", "内容"],
            true,
        ),
        field(
            "date",
            &["点单日期", "许愿日期", "提出日期", "登记日期", "日期"],
            true,
        ),
        field("due", &["完成时限", "办理时限", "期限"], false),
        field("status", &["办理状态", "状态", "进展情况"], false),
        field("dispatched_to", &["派单对象", "承接岗位", "派单"], false),
        field(
            "taker",
            &["接单人", "接单党员", "认领人", "认领党员", "领办人"],
            false,
        ),
        field(
            "taker_mobile",
            &["接单人手机", "接单党员手机", "认领人手机", "党员手机"],
            false,
        ),
        field(
            "taker_unit",
            &["接单人单位", "接单党员单位", "工作单位"],
            false,
        ),
        field(
            "done_on",
            &["完成日期", "办结日期", "实现日期", "完成时间"],
            false,
        ),
        field("hours", &["服务时长", "时长", "服务时间(小时)"], false),
        field("cancel_reason", &["取消原因", "未完成原因"], false),
    ],
};

/// 结对帮扶: a household in difficulty and the member paired with it.
pub const PAIRINGS: Schema = Schema {
    name_key: "import.schema.pairings",
    fields: &[
        field("community", COMMUNITY, false),
        field(
            "household",
            &[
                "帮扶对象",
                "结对对象",
                "帮扶对象姓名",
                "户主姓名",
                "被帮扶人",
            ],
            true,
        ),
        field(
            "household_kind",
            &["帮扶对象类型", "对象类别", "困难类型", "帮扶类型", "类别"],
            false,
        ),
        field("address", &["家庭住址", "住址", "地址"], false),
        field("contact", &["联系电话", "对象电话"], false),
        field("name", &["结对党员", "帮扶党员", "党员姓名", "姓名"], true),
        field("mobile", &["党员手机", "手机"], false),
        field("unit", WHO_UNIT, false),
        field(
            "plan",
            &["帮扶计划", "帮扶措施", "结对计划", "帮扶内容"],
            false,
        ),
        field("since", &["结对日期", "结对时间", "开始日期"], true),
        field("ended_on", &["结束日期", "解除日期", "解除结对日期"], false),
        field("note", &["备注"], false),
    ],
};

/// 走访记录: visits to a paired household, each a 结对帮扶 service row of the member.
pub const VISITS: Schema = Schema {
    name_key: "import.schema.visits",
    fields: &[
        field("community", COMMUNITY, false),
        field(
            "household",
            &["帮扶对象", "走访对象", "结对对象", "被帮扶人"],
            true,
        ),
        field(
            "name",
            &["走访党员", "结对党员", "帮扶党员", "党员姓名", "姓名"],
            false,
        ),
        field("mobile", &["党员手机", "手机"], false),
        field("unit", WHO_UNIT, false),
        field("date", &["走访日期", "帮扶日期", "走访时间", "日期"], true),
        field(
            "content",
            &["走访内容", "帮扶情况", "帮扶内容", "内容"],
            true,
        ),
        field("place", &["走访地点", "地点"], false),
        field(
            "hours",
            &["服务时长", "时长", "服务时间(小时)", "小时"],
            false,
        ),
        field("rating", &["评价"], false),
        field("certified_by", &["认证签字", "认证人", "签字"], false),
    ],
};

/// All schemas, for tests and for choosing one by the sheet's header.
pub const ALL: &[Schema] = &[
    MEMBERS,
    SERVICES,
    COMMUNITIES,
    UNITS,
    REGISTRATIONS,
    SUGGESTIONS,
    ACTIVITIES,
    POSTS,
    TEAMS,
    EVALUATIONS,
    UNIT_SERVICES,
    MEETINGS,
    DEMANDS,
    PAIRINGS,
    VISITS,
];
