//! Every value form the import accepts, and the ones it refuses with a message a clerk can
//! act on.
use baodao::i18n::Lang;
use baodao::interchange::Value;
use baodao::interchange::values::*;
use chrono::NaiveDate;

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn zh(e: baodao::interchange::ValueError) -> String {
    e.message(Lang::Zh)
}

#[test]
fn dates_in_every_form_clerks_type() {
    for s in [
        "2024-03-05",
        "2024年3月5日",
        "2024.3.5",
        "2024/3/5",
        "20240305",
        "2024/03/05 00:00:00",
        "２０２４－０３－０５",
        "2024年03月05号",
        " 2024-3-5 ",
        "2024-03-05T00:00:00",
    ] {
        assert_eq!(parse_date(&text(s)), Ok(ymd(2024, 3, 5)), "{s}");
    }
    assert_eq!(parse_date(&Value::Number(20240305.0)), Ok(ymd(2024, 3, 5)));
    assert_eq!(parse_date(&Value::Date(45356.0)), Ok(ymd(2024, 3, 5)));
    assert_eq!(parse_date(&Value::Number(45356.0)), Ok(ymd(2024, 3, 5)));
    // A date-time cell keeps its day.
    assert_eq!(parse_date(&Value::Date(45356.75)), Ok(ymd(2024, 3, 5)));
}

#[test]
fn excel_serials_around_the_1900_leap_bug() {
    assert_eq!(excel_serial_date(1.0), Ok(ymd(1900, 1, 1)));
    assert_eq!(excel_serial_date(59.0), Ok(ymd(1900, 2, 28)));
    assert_eq!(excel_serial_date(61.0), Ok(ymd(1900, 3, 1)));
    let e = excel_serial_date(60.0).unwrap_err();
    assert!(zh(e).contains("1900年2月29日"));
    assert!(excel_serial_date(0.0).is_err());
    assert!(excel_serial_date(f64::NAN).is_err());
    assert!(excel_serial_date(1e12).is_err());
}

#[test]
fn bad_dates_say_why() {
    let msg = |s: &str| zh(parse_date(&text(s)).unwrap_err());
    assert!(msg("2024-02-30").contains("没有"));
    assert!(msg("3/5/2024").contains("不是日期"));
    assert!(msg("明天").contains("不是日期"));
    assert!(msg("1850-01-01").contains("1900"));
    assert!(msg("20241305").contains("没有"));
    assert_eq!(
        parse_date(&Value::Empty).unwrap_err().key,
        "import.value.empty"
    );
}

#[test]
fn year_months() {
    let ym = |year, month| YearMonth { year, month };
    for s in [
        "1963.04",
        "1963年4月",
        "196304",
        "1963-04",
        "1963/4",
        "1963.4",
        "1963年04月",
        "1963-04-15",
    ] {
        assert_eq!(parse_year_month(&text(s)), Ok(ym(1963, 4)), "{s}");
    }
    assert_eq!(parse_year_month(&text("1963.10")), Ok(ym(1963, 10)));
    assert_eq!(parse_year_month(&text("1963.12")), Ok(ym(1963, 12)));
    assert_eq!(parse_year_month(&Value::Number(1963.04)), Ok(ym(1963, 4)));
    assert_eq!(parse_year_month(&Value::Number(196304.0)), Ok(ym(1963, 4)));
    assert_eq!(parse_year_month(&text("202403")), Ok(ym(2024, 3)));
    assert_eq!(parse_year_month(&Value::Date(23102.0)), Ok(ym(1963, 4)));
    // What Excel makes of 1963.10 in a number cell: January or October?
    let e = parse_year_month(&Value::Number(1963.1)).unwrap_err();
    assert_eq!(e.key, "import.value.month_ambiguous");
    assert!(zh(e).contains("设为文本"));
    assert_eq!(
        parse_year_month(&text("1963.13")).unwrap_err().key,
        "import.value.month"
    );
    assert_eq!(
        parse_year_month(&text("六三年")).unwrap_err().key,
        "import.value.year_month"
    );
}

#[test]
fn mobiles() {
    for s in [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 13812345678",
        "8613812345678",
        "１３８１２３４５６７８",
    ] {
        assert_eq!(parse_mobile(&text(s)).as_deref(), Ok("13812345678"), "{s}");
    }
    // A number cell holding all eleven digits is fine.
    assert_eq!(
        parse_mobile(&Value::Number(13812345678.0)).as_deref(),
        Ok("13812345678")
    );
    // Scientific notation lost digits: refuse and say how to fix it.
    for s in ["1.38123E+10", "1.38123e10"] {
        let e = parse_mobile(&text(s)).unwrap_err();
        assert_eq!(e.key, "import.value.lost_digits", "{s}");
        assert!(zh(e.clone()).contains("设为文本"));
        assert!(e.message(Lang::En).contains("set the column to text"));
    }
    for s in ["1381234567", "23812345678", "138123456789", "电话"] {
        assert_eq!(
            parse_mobile(&text(s)).unwrap_err().key,
            "import.value.mobile",
            "{s}"
        );
    }
    assert!(parse_mobile(&Value::Number(1381234567.8)).is_err());
}

#[test]
fn office_phones() {
    for s in [
        "0871-6512345",
        "(010)12345678",
        "025-8888 6666转801",
        "13812345678",
        "65123456",
    ] {
        assert!(parse_phone(&text(s)).is_ok(), "{s}");
    }
    assert_eq!(
        parse_phone(&text("8.71651E+10")).unwrap_err().key,
        "import.value.lost_digits"
    );
    assert_eq!(
        parse_phone(&text("12")).unwrap_err().key,
        "import.value.phone"
    );
}

#[test]
fn id_numbers() {
    assert_eq!(
        parse_id_number(&text("11010519491231002X")).as_deref(),
        Ok("11010519491231002X")
    );
    assert_eq!(
        parse_id_number(&text("11010519491231002x")).as_deref(),
        Ok("11010519491231002X")
    );
    // An ID that went through an Excel number: E notation, a number cell, or 000 at the end.
    for v in [
        text("1.10105E+17"),
        Value::Number(110105194912310000.0),
        text("110105194912310000"),
    ] {
        let e = parse_id_number(&v).unwrap_err();
        assert_eq!(e.key, "import.value.lost_digits", "{v:?}");
    }
    assert_eq!(
        parse_id_number(&text("110105194912310021"))
            .unwrap_err()
            .key,
        "import.value.id_check"
    );
    assert_eq!(
        parse_id_number(&text("1101051949")).unwrap_err().key,
        "import.value.id_number"
    );
}

#[test]
fn hours_in_half_hour_steps() {
    let h = |s: &str| parse_hours(&text(s)).map(Hours::as_f64);
    for (s, want) in [
        ("2", 2.0),
        ("1.5", 1.5),
        ("1:30", 1.5),
        ("2小时", 2.0),
        ("2 小时", 2.0),
        ("半小时", 0.5),
        ("1个半小时", 1.5),
        ("一个半小时", 1.5),
        ("两小时", 2.0),
        ("1小时30分钟", 1.5),
        ("90分钟", 1.5),
        ("2h", 2.0),
        ("１.５", 1.5),
    ] {
        assert_eq!(h(s), Ok(want), "{s}");
    }
    assert_eq!(parse_hours(&Value::Number(3.0)).map(Hours::as_f64), Ok(3.0));
    // A cell formatted as a time: 1:30 is 0.0625 of a day.
    assert_eq!(
        parse_hours(&Value::Date(0.0625)).map(Hours::as_f64),
        Ok(1.5)
    );
    assert_eq!(
        parse_hours(&text("1.25")).unwrap_err().key,
        "import.value.half_hours"
    );
    assert_eq!(
        parse_hours(&text("20分钟")).unwrap_err().key,
        "import.value.half_hours"
    );
    assert_eq!(
        parse_hours(&text("0")).unwrap_err().key,
        "import.value.hours_range"
    );
    assert_eq!(
        parse_hours(&text("25")).unwrap_err().key,
        "import.value.hours_range"
    );
    assert_eq!(
        parse_hours(&text("一会儿")).unwrap_err().key,
        "import.value.hours"
    );
}

#[test]
fn choices() {
    assert_eq!(parse_rating(&text("优")), Ok(Rating::Excellent));
    assert_eq!(parse_rating(&text("好")), Ok(Rating::Excellent));
    assert_eq!(parse_rating(&text("良")), Ok(Rating::Good));
    assert_eq!(parse_rating(&text("较好")), Ok(Rating::Good));
    assert_eq!(parse_rating(&text("一般")), Ok(Rating::Fair));
    assert_eq!(
        parse_rating(&text("差")).unwrap_err().key,
        "import.value.rating"
    );
    assert_eq!(parse_yes_no(&text("是")), Ok(true));
    assert_eq!(parse_yes_no(&text("否")), Ok(false));
    assert_eq!(parse_yes_no(&text("愿意")), Ok(true));
    assert_eq!(parse_yes_no(&Value::Bool(false)), Ok(false));
    assert_eq!(
        parse_yes_no(&text("也许")).unwrap_err().key,
        "import.value.yes_no"
    );
    assert_eq!(parse_gender(&text("男")), Ok(Gender::Male));
    assert_eq!(parse_gender(&text(" 女 ")), Ok(Gender::Female));
    assert_eq!(
        parse_gender(&text("未知")).unwrap_err().key,
        "import.value.gender"
    );
    assert_eq!(parse_standing(&text("正式")), Ok(Standing::Full));
    assert_eq!(
        parse_standing(&text("预备党员")),
        Ok(Standing::Probationary)
    );
    assert_eq!(
        parse_standing(&text("群众")).unwrap_err().key,
        "import.value.standing"
    );
}

#[test]
fn full_width_is_normalized() {
    assert_eq!(normalize("ＡＢＣ１２３：（）　"), "ABC123:()");
    assert_eq!(text_of(&Value::Number(13812345678.0)), "13812345678");
    assert_eq!(text_of(&Value::Number(1.5)), "1.5");
}
