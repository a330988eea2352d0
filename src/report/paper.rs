//! How a form sits on paper: the page (A4, portrait or landscape) and, for the forms printed
//! one member to a page (附件1, 附件2, 附件5, 反馈单), the boxes of the seed's paper form.
//!
//! Row builders describe a boxed form here; [`super::layout`] turns any sheet into pages, and
//! the XLSX and PDF writers print those pages. Nothing here measures text or writes bytes.

/// The sheet of paper every form is printed on.
pub const A4_PT: (f32, f32) = (595.28, 841.89);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

impl Orientation {
    /// Width and height of the page in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Orientation::Portrait => A4_PT,
            Orientation::Landscape => (A4_PT.1, A4_PT.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// One box of a boxed form's grid: a label (项目) or the value written beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub text: String,
    /// How many of the form's columns the box covers.
    pub span: usize,
    pub label: bool,
    pub align: Align,
    /// No rule above or below: the box goes on into the row above or below (the photo box of
    /// 附件2, which is several rows tall).
    pub open_top: bool,
    pub open_bottom: bool,
}

impl Field {
    pub fn label(text: &str, span: usize) -> Field {
        Field {
            text: text.to_string(),
            span,
            label: true,
            align: Align::Center,
            open_top: false,
            open_bottom: false,
        }
    }

    pub fn value(text: &str, span: usize) -> Field {
        Field {
            text: text.to_string(),
            span,
            label: false,
            align: Align::Left,
            open_top: false,
            open_bottom: false,
        }
    }
}

/// One piece of a boxed form, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The form's title, centred and large.
    Title(String),
    /// A paragraph over the whole width, wrapped (the letter of 附件1).
    Text(String),
    /// A line set at the right, where the seal and the date go.
    Right(String),
    /// A row of bordered boxes; `lines` is the least height in lines of text (room to write).
    Boxes { fields: Vec<Field>, lines: usize },
    /// The sheet's header and rows; on a continued page the header is printed again.
    Table,
    /// A dashed line to cut along, with words at its middle.
    Cut(String),
    /// An empty line (room for a stamp).
    Gap,
}

/// A form printed one member to a page, laid out like the seed's paper.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Boxed {
    /// Relative widths of the form's columns; a [`Block::Table`] uses them for its columns.
    pub columns: Vec<f32>,
    pub blocks: Vec<Block>,
}

/// Tick boxes as on the paper forms: ☑ for a ticked one, ☐ otherwise.
pub fn tick(on: bool) -> char {
    if on { '☑' } else { '☐' }
}
