//! 在职党员: the member as on 附件2 (基本情况登记表) and 附件4.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::validate::{self, DateRule, FieldError};
use super::{Id, YearMonth};
use crate::choice;

choice!(
    Gender {
        Male = "choice.gender.male",
        Female = "choice.gender.female",
    }
);

choice!(
    /// 正式/预备 (probationary members report and serve like full members)
    Standing {
        Full = "choice.standing.full",
        Probationary = "choice.standing.probationary",
    }
);

/// An in-service Party member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Member {
    pub id: Id,
    pub name: String,
    pub gender: Option<Gender>,
    /// 民族
    pub ethnicity: String,
    /// 出生年月
    pub birth: Option<YearMonth>,
    /// 学历 / 文化程度
    pub education: String,
    /// 入党时间
    pub joined: Option<YearMonth>,
    pub standing: Option<Standing>,
    /// 健康状况
    pub health: String,
    /// 手机 (11 digits, normalized)
    pub mobile: String,
    /// 工作单位
    pub unit: Option<Id>,
    /// 职务
    pub position: String,
    /// 单位电话
    pub unit_phone: String,
    /// 家庭住址
    pub address: String,
    /// 专业特长
    pub specialties: String,
    /// 兴趣爱好
    pub hobbies: String,
    /// 党代表/人大代表/政协委员
    pub deputy: String,
    /// 能参加社区服务的时间
    pub availability: String,
    /// 是否愿意参加社区其他服务
    pub willing_other: bool,
    /// 志愿服务小组
    pub team: String,
    /// 志愿服务项目
    pub project: String,
    /// The community of the current registration (kept here so rosters need no join).
    pub community: Option<Id>,
    pub archived: bool,
}

impl Member {
    pub fn validate(&mut self, today: NaiveDate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        for (field, rule, ym) in [
            ("field.birth", DateRule::birth(), self.birth),
            ("field.joined", self.joined_rule(), self.joined),
        ] {
            if let Some(ym) = ym
                && let Err(e) = rule.check_month(field, ym, today)
            {
                errs.push(e);
            }
        }
        match validate::name("field.name", &self.name) {
            Ok(n) => self.name = n,
            Err(e) => errs.push(e),
        }
        match validate::optional_mobile("field.mobile", &self.mobile) {
            Ok(m) => self.mobile = m,
            Err(e) => errs.push(e),
        }
        errs
    }

    /// What 入党时间 may be: not before the Party was founded, nor before the member's 18th
    /// birthday (党章: 年满十八岁) when the birth is known.
    pub fn joined_rule(&self) -> DateRule {
        let adult = self
            .birth
            .and_then(|b| NaiveDate::from_ymd_opt(b.year + 18, b.month, 1));
        DateRule::joined().not_before(adult, "err.why_adult")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::choice::Choice;
    use crate::i18n::Lang;

    #[test]
    fn a_member_needs_a_name_and_a_real_mobile() {
        let mut m = Member {
            name: " ".into(),
            mobile: "12345".into(),
            ..Default::default()
        };
        let errs = m.validate(NaiveDate::MAX);
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["field.name", "field.mobile"]);
        let mut ok = Member {
            name: " 单丽 ".into(),
            mobile: "１３９００００１１１１".into(),
            ..Default::default()
        };
        assert!(ok.validate(NaiveDate::MAX).is_empty());
        assert_eq!(
            (ok.name.as_str(), ok.mobile.as_str()),
            ("单丽", "13900001111")
        );
    }

    #[test]
    fn choices_parse_from_either_language() {
        assert_eq!(Standing::parse("预备"), Some(Standing::Probationary));
        assert_eq!(Gender::parse("female"), Some(Gender::Female));
        assert_eq!(Gender::Male.label(Lang::Zh), "男");
    }
}
