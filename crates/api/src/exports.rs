//! Lists exported as files people open in Excel: CSV in the Russian way (UTF-8 with a BOM, `;`
//! between fields, a decimal comma, dates as дд.мм.гггг), written and sent page by page; and
//! .xlsx with real numbers and dates, its rows flushed to a temporary file as they are written.
//! Either way an export of any length never sits in memory whole.
use crate::error::AppError;
use actix_web::web::Bytes;
use chrono::{DateTime, FixedOffset, Utc};
use rust_decimal::Decimal;

/// Rows fetched and written per page.
pub const PAGE: u64 = 200;

/// One field of an exported row.
pub enum Cell {
    Text(String),
    Int(i64),
    Money(Option<Decimal>),
    Time(DateTime<Utc>),
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        Cell::Text(s.unwrap_or_default())
    }
}

/// Moscow time (UTC+3 all year): how the customer reads dates.
fn moscow() -> FixedOffset {
    FixedOffset::east_opt(3 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"))
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Money(None) => String::new(),
            Cell::Money(Some(m)) => format!("{m:.2}").replace('.', ","),
            Cell::Time(t) => t.with_timezone(&moscow()).format("%d.%m.%Y %H:%M").to_string(),
        }
    }
}

/// A page of CSV: the header row (with the BOM Excel needs to read UTF-8) on the first page.
pub fn csv_page(header: Option<&[&str]>, rows: &[Vec<Cell>]) -> Result<Bytes, AppError> {
    let mut out = Vec::with_capacity(rows.len() * 160 + 8);
    if header.is_some() {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut w = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let failed = |e: csv::Error| AppError::Internal(anyhow::anyhow!("csv: {e}"));
        if let Some(h) = header {
            w.write_record(h).map_err(failed)?;
        }
        for row in rows {
            w.write_record(row.iter().map(Cell::text)).map_err(failed)?;
        }
        w.flush().map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    }
    Ok(Bytes::from(out))
}

/// `Content-Disposition` of an export: `<name>-<day>.<ext>`.
pub fn attachment(name: &str, today: chrono::NaiveDate, ext: &str) -> String {
    format!("attachment; filename=\"{name}-{today}.{ext}\"")
}

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// `csv` (the default) or `xlsx`; anything else is a 422 on `format`.
    pub fn parse(value: Option<&str>) -> Result<Format, AppError> {
        match value.unwrap_or("csv") {
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            _ => Err(AppError::field("format", domain::FieldError::new("invalid_value", "Допустимые значения: csv, xlsx"))),
        }
    }
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(anyhow::anyhow!("xlsx: {e}"))
}

/// An .xlsx export being written: one sheet, its rows flushed to a temporary file as they come.
pub struct Xlsx {
    book: rust_xlsxwriter::Workbook,
    row: u32,
    money: rust_xlsxwriter::Format,
    time: rust_xlsxwriter::Format,
}

impl Xlsx {
    pub fn new(sheet: &str, header: &[&str]) -> Result<Xlsx, AppError> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let ws = book.add_worksheet_with_constant_memory();
        ws.set_name(sheet).map_err(xlsx_err)?;
        for (col, title) in (0u16..).zip(header) {
            ws.write_string_with_format(0, col, *title, &bold).map_err(xlsx_err)?;
            ws.set_column_width(col, 18).map_err(xlsx_err)?;
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        Ok(Xlsx { book, row: 1, money: rust_xlsxwriter::Format::new().set_num_format("#,##0.00"), time: rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy hh:mm") })
    }

    pub fn rows(&mut self, rows: &[Vec<Cell>]) -> Result<(), AppError> {
        use rust_decimal::prelude::ToPrimitive;
        let ws = self.book.worksheet_from_index(0).map_err(xlsx_err)?;
        for cells in rows {
            for (col, cell) in (0u16..).zip(cells) {
                match cell {
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) => {
                        ws.write_string(self.row, col, s).map_err(xlsx_err)?;
                    }
                    Cell::Int(n) => {
                        // Card numbers: far below 2^53, exact as a spreadsheet number.
                        ws.write_number(self.row, col, *n as f64).map_err(xlsx_err)?;
                    }
                    Cell::Money(None) => {}
                    Cell::Money(Some(m)) => {
                        // A spreadsheet cell is a binary double: the kopecks stay exact below 2^53.
                        let v = m.round_dp(2).to_f64().ok_or_else(|| AppError::Internal(anyhow::anyhow!("amount {m} out of range")))?;
                        ws.write_number_with_format(self.row, col, v, &self.money).map_err(xlsx_err)?;
                    }
                    Cell::Time(t) => {
                        let local = t.with_timezone(&moscow()).naive_local();
                        ws.write_datetime_with_format(self.row, col, local, &self.time).map_err(xlsx_err)?;
                    }
                }
            }
            self.row += 1;
        }
        Ok(())
    }

    /// Writes the file to `path`.
    pub fn save(mut self, path: &std::path::Path) -> Result<(), AppError> {
        self.book.save(path).map_err(xlsx_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn csv_is_written_the_way_russian_excel_reads_it() {
        let t = Utc.with_ymd_and_hms(2026, 11, 29, 22, 30, 0).single().expect("time");
        let rows = vec![vec![Cell::Int(7), Cell::Text("ООО «Ромашка»; филиал".into()), Cell::Money(Some(Decimal::new(12500050, 2))), Cell::Money(None), Cell::Time(t)]];
        let page = csv_page(Some(&["№", "Клиент", "Сумма", "Пусто", "Создана"]), &rows).expect("csv");
        let text = String::from_utf8(page.to_vec()).expect("utf-8");
        assert_eq!(text, "\u{feff}№;Клиент;Сумма;Пусто;Создана\r\n7;\"ООО «Ромашка»; филиал\";125000,50;;30.11.2026 01:30\r\n");
        let next = csv_page(None, &rows).expect("csv");
        assert!(!String::from_utf8(next.to_vec()).expect("utf-8").starts_with('\u{feff}'), "the BOM and the header open the file only");
    }
}
