//! `baodao template KIND -o FILE.xlsx`: an empty sheet with the columns the import knows
//! best (each field's first name, the form's own), for an office starting from nothing.
//! Required columns are marked `*` (the import reads past the mark); every column is
//! formatted as text so that Excel keeps a mobile's or a date's digits as typed.
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::header::Schema;
use super::import::Sheet;
use crate::i18n::{Lang, t};

/// The header texts of `schema`, in order, required ones marked.
pub fn columns(schema: &Schema) -> Vec<String> {
    schema
        .fields
        .iter()
        .filter_map(|f| {
            let name = f.names.first()?;
            Some(if f.required {
                format!("*{name}")
            } else {
                name.to_string()
            })
        })
        .collect()
}

/// A workbook with one sheet per kind in `kinds`, named as the clerk calls it.
pub fn workbook(kinds: &[Sheet], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let head = Format::new().set_bold().set_num_format("@");
    let text = Format::new().set_num_format("@");
    for kind in kinds {
        let schema = kind.schema();
        let ws = book.add_worksheet();
        // Excel caps a sheet's name at 31 characters.
        let name: String = t(lang, schema.name_key).chars().take(31).collect();
        ws.set_name(name)?;
        for (c, h) in columns(schema).iter().enumerate() {
            let c = c as u16;
            ws.write_with_format(0, c, h, &head)?;
            ws.set_column_format(c, &text)?;
            ws.set_column_width(c, (h.chars().count() as f64 * 2.2).max(10.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}
