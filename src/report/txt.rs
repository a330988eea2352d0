//! Plain-text forms for the terminal and for printing: columns aligned by display width
//! (a CJK character takes two columns), the title centred over the table, the lines above and
//! below the table as on paper. Reads a [`Report`]; writes nothing but a `String`.
use super::table::{Report, Sheet, display_width, printable};

/// Space between two columns.
const GAP: &str = "  ";

/// All sheets of `report`, separated by a blank line.
pub fn to_txt(report: &Report) -> String {
    let mut out = String::new();
    for (i, sheet) in report.sheets.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        write_sheet(sheet, &mut out);
    }
    out
}

/// Text written one sheet at a time (a form built in parts), as [`to_txt`] lays it out.
pub struct TxtSheets<W: std::io::Write> {
    w: W,
    first: bool,
}

impl<W: std::io::Write> TxtSheets<W> {
    pub fn new(w: W) -> Self {
        TxtSheets { w, first: true }
    }

    pub fn sheet(&mut self, sheet: &Sheet) -> std::io::Result<()> {
        let mut out = String::new();
        if !self.first {
            out.push('\n');
        }
        self.first = false;
        write_sheet(sheet, &mut out);
        self.w.write_all(out.as_bytes())
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// One sheet: title, lines above, header, a rule, rows, lines below; each line ends in `\n`
/// and carries no trailing spaces.
pub fn write_sheet(sheet: &Sheet, out: &mut String) {
    let headers: Vec<String> = sheet.headers.iter().map(|h| printable(h)).collect();
    let rows: Vec<Vec<(String, bool)>> = sheet
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| (printable(&c.display()), c.is_numeric()))
                .collect()
        })
        .collect();
    let mut widths = vec![0usize; sheet.width()];
    for (i, h) in headers.iter().enumerate() {
        widths[i] = widths[i].max(display_width(h));
    }
    for row in &rows {
        for (i, (text, _)) in row.iter().enumerate() {
            widths[i] = widths[i].max(display_width(text));
        }
    }
    let table_width = widths.iter().sum::<usize>() + GAP.len() * widths.len().saturating_sub(1);

    let title = printable(&sheet.title);
    if !title.is_empty() {
        let pad = table_width.saturating_sub(display_width(&title)) / 2;
        push_line(out, &format!("{}{title}", " ".repeat(pad)));
    }
    for line in &sheet.above {
        push_line(out, &printable(line));
    }
    if !headers.is_empty() {
        let cells: Vec<(String, bool)> = headers.into_iter().map(|h| (h, false)).collect();
        push_line(out, &join_row(&cells, &widths));
        push_line(out, &"-".repeat(table_width));
    }
    for row in &rows {
        push_line(out, &join_row(row, &widths));
    }
    for line in &sheet.below {
        push_line(out, &printable(line));
    }
}

fn join_row(cells: &[(String, bool)], widths: &[usize]) -> String {
    let mut line = String::new();
    for (i, width) in widths.iter().enumerate() {
        if i > 0 {
            line.push_str(GAP);
        }
        let (text, right) = cells
            .get(i)
            .map(|(t, r)| (t.as_str(), *r))
            .unwrap_or(("", false));
        let pad = " ".repeat(width.saturating_sub(display_width(text)));
        if right {
            line.push_str(&pad);
            line.push_str(text);
        } else {
            line.push_str(text);
            line.push_str(&pad);
        }
    }
    line
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::table::Cell;

    fn sample() -> Report {
        Report {
            sheets: vec![Sheet {
                name: "附件4".into(),
                title: "在职党员社区报到登记表".into(),
                above: vec![
                    "县(市、区)：江宁区  街道(乡镇)：东山街道  社区党组织：紫鑫城社区党委".into(),
                ],
                headers: vec![
                    "序号".into(),
                    "姓名".into(),
                    "手机".into(),
                    "服务时间(小时)".into(),
                ],
                rows: vec![
                    vec![
                        Cell::Int(1),
                        "张三".into(),
                        Cell::Code("13812345678".into()),
                        Cell::Num(1.5),
                    ],
                    vec![
                        Cell::Int(2),
                        "Li Lei".into(),
                        Cell::Code("13900001111".into()),
                        Cell::Num(12.0),
                    ],
                    vec![
                        Cell::Int(3),
                        "欧阳娜娜ab".into(),
                        Cell::Empty,
                        Cell::Num(0.5),
                    ],
                ],
                below: vec!["个人累计社区服务活动时间 14 小时".into()],
                boxed: None,
                ..Default::default()
            }],
        }
    }

    #[test]
    fn columns_line_up_by_display_width() {
        let text = to_txt(&sample());
        let lines: Vec<&str> = text.lines().collect();
        let header = lines.iter().position(|l| l.starts_with("序号")).unwrap();
        let table = &lines[header..header + 5];
        // Each column starts at the same display column on every row, found by the header.
        let starts = |line: &str| -> Vec<usize> {
            let mut out = Vec::new();
            let mut col = 0;
            let mut prev_space = true;
            let mut spaces = 0;
            for ch in line.chars() {
                if ch == ' ' {
                    spaces += 1;
                } else {
                    if prev_space && (col == 0 || spaces >= 2) {
                        out.push(col);
                    }
                    spaces = 0;
                }
                prev_space = ch == ' ';
                col += display_width(&ch.to_string());
            }
            out
        };
        let head = starts(table[0]);
        assert_eq!(head.len(), 4, "{text}");
        for row in [table[2], table[3]] {
            let s = starts(row);
            // Name column and phone column start where their headers do.
            assert_eq!(s[1], head[1], "{text}");
            assert_eq!(s[2], head[2], "{text}");
        }
        // Numbers are right-aligned: every row's hours end at the same display column.
        let ends: Vec<usize> = [table[2], table[3], table[4]]
            .iter()
            .map(|l| display_width(l))
            .collect();
        assert!(ends.windows(2).all(|w| w[0] == w[1]), "{text}");
    }

    #[test]
    fn title_is_centred_and_lines_kept() {
        let text = to_txt(&sample());
        let lines: Vec<&str> = text.lines().collect();
        let rule = lines.iter().find(|l| l.starts_with("---")).unwrap();
        let title = lines[0];
        let pad = title.len() - title.trim_start().len();
        let w = display_width(title.trim_start());
        assert!(pad.abs_diff((display_width(rule) - w) / 2) <= 1, "{text}");
        assert!(lines[1].starts_with("县(市、区)"));
        assert_eq!(*lines.last().unwrap(), "个人累计社区服务活动时间 14 小时");
        assert!(lines.iter().all(|l| !l.ends_with(' ')));
    }
}
