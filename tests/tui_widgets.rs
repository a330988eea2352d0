//! The TUI's foundation widgets drawn through ratatui's `TestBackend`, as a reviewer on an
//! 80x24 `NO_COLOR` terminal would see them, plus size sweeps that must never panic.

use baodao::i18n::Lang;
use baodao::tui::command::{CommandId, Context};
use baodao::tui::keymap::{ConfigErrorKind, Keymap};
use baodao::tui::layer::{Draw, Outcome, Ui};
use baodao::tui::privacy::Privacy;
use baodao::tui::screenshot::to_text;
use baodao::tui::text::{mask_phone, width};
use baodao::tui::theme::{ColorMode, Theme};
use baodao::tui::widgets::help::Help;
use baodao::tui::widgets::list::{Column, ColumnWidth, ListState, TableView};
use baodao::tui::widgets::palette::Palette;
use baodao::tui::widgets::text_input::{Edit, TextInput};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Borders, Widget};

const MEMBERS: &[[&str; 5]] = &[
    [
        "张三",
        "男",
        "曲靖市麒麟区人民政府办公室 科员",
        "13812348588",
        "2024-03-02",
    ],
    [
        "欧阳娜娜",
        "女",
        "曲靖市第一人民医院 护士长",
        "13987654321",
        "2024-03-05",
    ],
    [
        "李四",
        "男",
        "云南曲靖卷烟厂 技术员",
        "15911112222",
        "2024-04-11",
    ],
    [
        "王芳",
        "女",
        "曲靖师范学院 讲师",
        "18600001111",
        "2024-05-20",
    ],
    ["Ali 阿力", "男", "曲靖供电局", "13700002222", "2024-06-01"],
];

fn columns() -> Vec<Column> {
    vec![
        Column::new("序号", ColumnWidth::Fixed(4)).right(),
        Column::new("姓名", ColumnWidth::Fixed(8)),
        Column::new("性别", ColumnWidth::Fixed(4)),
        Column::new("工作单位及职务", ColumnWidth::Fill(1)),
        Column::new("手机", ColumnWidth::Fixed(11)),
        Column::new("报到日期", ColumnWidth::Fixed(10)),
    ]
}

fn member_cells(i: usize) -> Vec<String> {
    let m = MEMBERS[i % MEMBERS.len()];
    vec![
        (i + 1).to_string(),
        m[0].to_string(),
        m[1].to_string(),
        m[2].to_string(),
        mask_phone(m[3]),
        m[4].to_string(),
    ]
}

fn draw_list(buf: &mut Buffer, area: Rect, state: &ListState, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(theme.border_type(true))
        .border_style(theme.border_style(true))
        .title(" 在职党员 ");
    let inner = block.inner(area);
    block.render(area, buf);
    let columns = columns();
    TableView {
        columns: &columns,
        state,
        cells: member_cells,
        header: Some(theme.table_header),
        selection_style: theme.selection,
        empty: "没有记录",
    }
    .render(inner, buf);
}

fn screen(draw: impl FnOnce(&mut Buffer, Rect)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    terminal
        .draw(|f| {
            let area = f.area();
            draw(f.buffer_mut(), area);
        })
        .expect("draw");
    to_text(terminal.backend().buffer())
}

/// A popup drawn as the app draws its layers: with the default keys and nothing revealed.
fn draw(layer: &impl Draw, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let keymap = Keymap::defaults();
    let ui = Ui {
        theme,
        lang: Lang::Zh,
        keymap: &keymap,
    };
    layer.render(area, buf, ui, &Privacy::default());
}

#[test]
fn member_list_at_80x24() {
    let theme = Theme::new(ColorMode::None);
    let mut state = ListState::new(40);
    state.set_height(21);
    for _ in 0..23 {
        state.down();
    }
    let text = screen(|buf, area| draw_list(buf, area, &state, &theme));
    insta::assert_snapshot!(text, @r#"
╔ 在职党员 ════════════════════════════════════════════════════════════════════╗
║序号 姓名     性别 工作单位及职务                       手机        报到日期  ║
║   4 王芳     女   曲靖师范学院 讲师                    186****1111 2024-05-20║
║   5 Ali 阿力 男   曲靖供电局                           137****2222 2024-06-01║
║   6 张三     男   曲靖市麒麟区人民政府办公室 科员      138****8588 2024-03-02║
║   7 欧阳娜娜 女   曲靖市第一人民医院 护士长            139****4321 2024-03-05║
║   8 李四     男   云南曲靖卷烟厂 技术员                159****2222 2024-04-11║
║   9 王芳     女   曲靖师范学院 讲师                    186****1111 2024-05-20║
║  10 Ali 阿力 男   曲靖供电局                           137****2222 2024-06-01║
║  11 张三     男   曲靖市麒麟区人民政府办公室 科员      138****8588 2024-03-02║
║  12 欧阳娜娜 女   曲靖市第一人民医院 护士长            139****4321 2024-03-05║
║  13 李四     男   云南曲靖卷烟厂 技术员                159****2222 2024-04-11║
║  14 王芳     女   曲靖师范学院 讲师                    186****1111 2024-05-20║
║  15 Ali 阿力 男   曲靖供电局                           137****2222 2024-06-01║
║  16 张三     男   曲靖市麒麟区人民政府办公室 科员      138****8588 2024-03-02║
║  17 欧阳娜娜 女   曲靖市第一人民医院 护士长            139****4321 2024-03-05║
║  18 李四     男   云南曲靖卷烟厂 技术员                159****2222 2024-04-11║
║  19 王芳     女   曲靖师范学院 讲师                    186****1111 2024-05-20║
║  20 Ali 阿力 男   曲靖供电局                           137****2222 2024-06-01║
║  21 张三     男   曲靖市麒麟区人民政府办公室 科员      138****8588 2024-03-02║
║  22 欧阳娜娜 女   曲靖市第一人民医院 护士长            139****4321 2024-03-05║
║  23 李四     男   云南曲靖卷烟厂 技术员                159****2222 2024-04-11║
║  24 王芳     女   曲靖师范学院 讲师                    186****1111 2024-05-20║
╚══════════════════════════════════════════════════════════════════════════════╝
"#);
}

#[test]
fn selection_is_reverse_video_across_the_row() {
    let theme = Theme::new(ColorMode::None);
    let state = ListState::new(5);
    let area = Rect::new(0, 0, 80, 8);
    let mut buf = Buffer::empty(area);
    draw_list(&mut buf, area, &state, &theme);
    use ratatui::style::Modifier;
    // Row 0 is on screen line 2 (border, header): every cell the terminal draws is reversed
    // (the second half of a 汉字 is drawn by its first cell, so it is skipped).
    let mut x = 1;
    while x < 79 {
        let cell = &buf[(x, 2)];
        assert!(cell.modifier.contains(Modifier::REVERSED), "x {x}");
        assert!(!buf[(x, 3)].modifier.contains(Modifier::REVERSED), "x {x}");
        x += width(cell.symbol()).max(1) as u16;
    }
    assert!(buf[(1, 2)].fg == ratatui::style::Color::Reset);
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Feeds keys to a field the way the app will: keymap in the field's contexts first, typed
/// characters otherwise.
fn feed(input: &mut TextInput, keymap: &Keymap, keys: &[KeyEvent]) {
    let contexts = [Context::Input, Context::Form, Context::Global];
    for ev in keys {
        let edit = match keymap.resolve(&contexts, ev) {
            Some(command) => Edit::from_command(command),
            None => Edit::from_key(ev),
        };
        if let Some(edit) = edit {
            input.apply(edit);
        }
    }
}

fn chars(s: &str) -> Vec<KeyEvent> {
    s.chars().map(|c| key(KeyCode::Char(c))).collect()
}

#[test]
fn editing_chinese_through_the_keymap() {
    let keymap = Keymap::defaults();
    let mut input = TextInput::new();
    feed(&mut input, &keymap, &chars("紫鑫城社区3栋"));
    feed(
        &mut input,
        &keymap,
        &[ctrl('a'), ctrl('f'), ctrl('f'), ctrl('f')],
    );
    feed(&mut input, &keymap, &chars("南"));
    assert_eq!(input.value(), "紫鑫城南社区3栋");
    feed(&mut input, &keymap, &[ctrl('k')]);
    assert_eq!(input.value(), "紫鑫城南");
    feed(
        &mut input,
        &keymap,
        &[key(KeyCode::Home), key(KeyCode::Delete)],
    );
    assert_eq!(input.value(), "鑫城南");
    feed(&mut input, &keymap, &[ctrl('e')]);
    feed(&mut input, &keymap, &chars(" qj?"));
    assert_eq!(
        input.value(),
        "鑫城南 qj?",
        "q, j and ? are typed, not commands"
    );
    feed(&mut input, &keymap, &[ctrl('w')]);
    assert_eq!(input.value(), "鑫城南 qj");
    feed(&mut input, &keymap, &[ctrl('w'), ctrl('w')]);
    assert_eq!(input.value(), "");
    feed(&mut input, &keymap, &chars("张三"));
    feed(&mut input, &keymap, &[key(KeyCode::Backspace)]);
    assert_eq!(input.value(), "张");
    feed(&mut input, &keymap, &[ctrl('u')]);
    assert!(input.is_empty());
}

#[test]
fn form_fields_at_80x24_with_the_cursor() {
    let theme = Theme::new(ColorMode::None);
    let name = TextInput::with_value("欧阳娜娜");
    let mut address = TextInput::with_value("云南省曲靖市麒麟区南宁街道紫鑫城社区3栋2单元501室");
    address.set_width(30);
    address.apply(Edit::Left);
    address.apply(Edit::Left);
    let empty = TextInput::new().with_placeholder("如：政策法规宣传岗");
    let mut cursor = Position::default();
    let text = screen(|buf, area| {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_type(theme.border_type(true))
            .title(" 在职党员基本情况登记表 ");
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = [
            ("姓名", &name),
            ("家庭住址", &address),
            ("认领岗位", &empty),
        ];
        for (i, (label, input)) in rows.iter().enumerate() {
            let y = inner.y + 1 + 2 * i as u16;
            buf.set_string(inner.x + 2, y, label, theme.key_desc);
            let field = Rect::new(inner.x + 14, y, 30, 1);
            buf.set_style(field, theme.input);
            input.render(field, buf);
        }
        cursor = address.cursor_position(Rect::new(inner.x + 14, inner.y + 3, 30, 1));
    });
    insta::assert_snapshot!(format!("{text}\ncursor at {},{}", cursor.x, cursor.y), @r#"
╔ 在职党员基本情况登记表 ══════════════════════════════════════════════════════╗
║                                                                              ║
║  姓名        欧阳娜娜                                                        ║
║                                                                              ║
║  家庭住址    宁街道紫鑫城社区3栋2单元501室                                   ║
║                                                                              ║
║  认领岗位    如：政策法规宣传岗                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
╚══════════════════════════════════════════════════════════════════════════════╝
cursor at 41,4
"#);
}

#[test]
fn help_for_a_list_at_80x24() {
    let theme = Theme::new(ColorMode::None);
    let help = Help::new(
        &Keymap::defaults(),
        &[Context::List, Context::Global],
        Lang::Zh,
        None,
    );
    let text = screen(|buf, area| draw(&help, &theme, area, buf));
    insta::assert_snapshot!(text, @r#"
╔ 按键帮助 ════════════════════════════════════════════════════╗
║列表                                                          ║
║ k, Up            上移                                        ║
║ j, Down          下移                                        ║
║ PageUp           上一页                                      ║
║ PageDown, Space  下一页                                      ║
║ g, Home          到第一行                                    ║
║ G, End           到最后一行                                  ║
║ /                筛选                                        ║
║ Enter            打开                                        ║
║ Esc              取消                                        ║
║ a, n             新增                                        ║
║ e                修改                                        ║
║ x                归档                                        ║
║ .                重复上一行（今天）                          ║
║ v                标记认证范围                                ║
║ c                认证签字                                    ║
║ C                撤销认证                                    ║
║ b                报到登记                                    ║
║ h                回执交回                                    ║
║ w                未报到原因                                  ║
║ R                修改报到记录                                ║
║ m                转移社区                                    ║
╚ Esc 关闭 ════════════════════════════════════════════════════╝
"#);
}

#[test]
fn help_text_for_a_form_field_in_english() {
    let (keymap, errors) = Keymap::from_config("form.submit = \"Ctrl-s, F2\"");
    assert!(errors.is_empty());
    let help = Help::new(
        &keymap,
        &[Context::Input, Context::Form, Context::Global],
        Lang::En,
        None,
    );
    insta::assert_snapshot!(help.to_text(), @r#"
[Text field]
  Esc                    Cancel
  Enter                  OK
  Left, Ctrl-b           Cursor left
  Right, Ctrl-f          Cursor right (at the end: take the suggestion)
  Home, Ctrl-a           Start of line
  End, Ctrl-e            End of line
  Backspace, Ctrl-h      Delete previous character
  Delete, Ctrl-d         Delete next character
  Ctrl-w, Alt-Backspace  Delete previous word
  Ctrl-u                 Delete to start of line
  Ctrl-k                 Delete to end of line

[Form]
  Tab                    Next
  Shift-Tab              Previous
  Ctrl-s, F2             Save
  Up                     Previous choice or field
  Down                   Next choice or field

[Everywhere]
  Ctrl-c                 Quit
  F1                     Help
  Ctrl-p                 Command palette
  F5                     Presentation mode (hide personal data)
  Ctrl-r                 Redo
  Ctrl-g, F3             Search (members, communities, units, posts, households, requests)
  F6                     Year-end session (评议)
  F7                     Readiness for the session
  F8                     Requests (三单制) and households
  F9                     Reports
  F10                    Ledger settings (thresholds and points)
"#);
}

/// A key as the app routes it to the palette: resolved in its contexts, else typed.
fn press(p: &mut Palette, keymap: &Keymap, ev: &KeyEvent) -> Outcome {
    match keymap.resolve(&baodao::tui::widgets::palette::CONTEXTS, ev) {
        Some(command) => p.apply(command),
        None => {
            if let Some(edit) = Edit::from_key(ev) {
                p.edit(edit);
            }
            Outcome::Stay
        }
    }
}

#[test]
fn palette_finds_help_by_pinyin_initials_at_80x24() {
    let theme = Theme::new(ColorMode::None);
    let keymap = Keymap::defaults();
    let mut palette = Palette::open(&keymap, &[Context::List, Context::Global], Lang::Zh);
    for ev in chars("bz") {
        assert_eq!(press(&mut palette, &keymap, &ev), Outcome::Stay);
    }
    let text = screen(|buf, area| {
        let state = ListState::new(5);
        draw_list(buf, area, &state, &theme);
        draw(&palette, &theme, area, buf);
    });
    insta::assert_snapshot!(text, @r#"
╔ 在职党员 ════════════════════════════════════════════════════════════════════╗
║序号 姓名     性别 工作单位及职务                       手机        报到日期  ║
║   1 张三     男   曲靖市麒麟区人民政府办公室 科员      138****8588 2024-03-02║
║   2 欧阳娜娜 女   曲靖市第一人民医院 护士长            139****4321 2024-03-05║
║   3 李四     男   云南曲靖卷烟厂 技术员                159****2222 2024-04-11║
║   4 王芳╔ 命令（可输入拼音首字母） ════════════════════════════════╗024-05-20║
║   5 Ali ║> bz                                                      ║024-06-01║
║         ║帮助                                                     ?║         ║
║         ║标记认证范围                                             v║         ║
║         ║                                                          ║         ║
║         ║                                                          ║         ║
║         ║                                                          ║         ║
║         ║                                                          ║         ║
║         ║                                                          ║         ║
║         ║                                                          ║         ║
║         ║                                                          ║         ║
║         ║                                                          ║         ║
║         ╚══════════════════════════════════════════════════════════╝         ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
║                                                                              ║
╚══════════════════════════════════════════════════════════════════════════════╝
"#);
    assert_eq!(
        press(&mut palette, &keymap, &key(KeyCode::Enter)),
        Outcome::Run(CommandId::Help)
    );
}

#[test]
fn keys_file_errors_name_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("keys.toml");
    std::fs::write(
        &path,
        "# 我的按键\nlist.move_down = \"n\"\nlist.move_up = \"Ctrl-Shoft-k\"\n",
    )
    .expect("write");
    let (keymap, errors) = Keymap::load_from(&path);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 3);
    assert!(matches!(errors[0].kind, ConfigErrorKind::BadKey { .. }));
    let zh = errors[0].message(Lang::Zh);
    assert!(zh.contains("第 3 行") && zh.contains("Shoft"), "{zh}");
    let list = [Context::List, Context::Global];
    assert_eq!(
        keymap.resolve(&list, &key(KeyCode::Char('n'))),
        Some(CommandId::MoveDown)
    );
    assert_eq!(
        keymap.resolve(&list, &key(KeyCode::Char('k'))),
        Some(CommandId::MoveUp),
        "the bad line leaves the default"
    );
    // A missing file is the defaults, silently.
    let (defaults, errors) = Keymap::load_from(&dir.path().join("none.toml"));
    assert!(errors.is_empty());
    assert_eq!(defaults, Keymap::defaults());
}

#[test]
fn rows_never_exceed_the_table_width() {
    let theme = Theme::new(ColorMode::Ansi16);
    for w in 1..=90u16 {
        let area = Rect::new(0, 0, w, 8);
        let mut buf = Buffer::empty(area);
        let mut state = ListState::new(MEMBERS.len());
        state.set_height(5);
        draw_list(&mut buf, area, &state, &theme);
        for line in to_text(&buf).lines() {
            assert!(width(line) <= w as usize, "width {w}: {line:?}");
        }
    }
}

/// Widths and heights from 1x1 to 200x60: every small size, then a stride.
fn sizes() -> impl Iterator<Item = (u16, u16)> {
    let widths = (1..=30u16).chain((31..=200).step_by(13)).chain([200]);
    let heights: Vec<u16> = (1..=10u16)
        .chain((11..=60).step_by(7))
        .chain([60])
        .collect();
    widths.flat_map(move |w| heights.clone().into_iter().map(move |h| (w, h)))
}

#[test]
fn every_widget_draws_at_any_size_without_panicking() {
    let theme = Theme::new(ColorMode::Ansi16);
    let keymap = Keymap::defaults();
    let help = Help::new(
        &keymap,
        &[Context::List, Context::Global],
        Lang::Zh,
        Some("keys.toml"),
    );
    let mut palette = Palette::open(&keymap, &[Context::List, Context::Global], Lang::En);
    palette.edit(Edit::Paste("o".into()));
    let mut input = TextInput::with_value("云南省曲靖市麒麟区南宁街道紫鑫城社区");
    input.apply(Edit::Left);
    let mut state = ListState::new(1000);
    state.set_height(3);
    state.page_down();
    for (w, h) in sizes() {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        draw_list(&mut buf, area, &state, &theme);
        input.render(area, &mut buf);
        let pos = input.cursor_position(area);
        assert!(pos.x < w && pos.y < h, "{w}x{h}: {pos:?}");
        draw(&help, &theme, area, &mut buf);
        draw(&palette, &theme, area, &mut buf);
        if let Some(pos) = palette.cursor_position(area) {
            assert!(pos.x < w && pos.y < h, "{w}x{h}: {pos:?}");
        }
        for line in to_text(&buf).lines() {
            assert!(width(line) <= w as usize);
        }
    }
}
