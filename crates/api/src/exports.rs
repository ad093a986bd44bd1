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
    /// A calendar day (a payment's date).
    Date(chrono::NaiveDate),
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
            Cell::Date(d) => d.format("%d.%m.%Y").to_string(),
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
    date: rust_xlsxwriter::Format,
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
        Ok(Xlsx { book, row: 1, money: rust_xlsxwriter::Format::new().set_num_format("#,##0.00"), time: rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy hh:mm"),
            date: rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy"),
        })
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
                    Cell::Date(d) => {
                        ws.write_date_with_format(self.row, col, *d, &self.date).map_err(xlsx_err)?;
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

/// What an export is called and how its rows look.
pub struct Sheet<'a, T> {
    /// The file's name before `-<day>.<ext>`.
    pub name: &'a str,
    /// The .xlsx sheet's title.
    pub title: &'a str,
    pub header: &'static [&'static str],
    pub row: fn(&T) -> Vec<Cell>,
}

/// The export of a list in `format`: `page(cursor)` reads one page of rows and the next cursor.
/// CSV streams as the pages come; .xlsx is written page by page to a temporary file (rows
/// flushed as they come), then sent from it.
pub async fn respond<T, F, Fut>(req: &actix_web::HttpRequest, format: Format, sheet: Sheet<'_, T>, today: chrono::NaiveDate, page: F) -> Result<actix_web::HttpResponse, AppError>
where
    T: 'static,
    F: Fn(Option<String>) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<(Vec<T>, Option<String>), AppError>> + 'static,
{
    match format {
        Format::Csv => Ok(actix_web::HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(("Content-Disposition", attachment(sheet.name, today, "csv")))
            .streaming(csv_stream(sheet.header, sheet.row, page))),
        Format::Xlsx => {
            let mut xlsx = Xlsx::new(sheet.title, sheet.header)?;
            let mut cursor = None;
            loop {
                let (items, next) = page(cursor).await?;
                xlsx.rows(&items.iter().map(sheet.row).collect::<Vec<_>>())?;
                match next {
                    Some(c) => cursor = Some(c),
                    None => break,
                }
            }
            let path = std::env::temp_dir().join(format!("tessera-export-{}.xlsx", uuid::Uuid::now_v7()));
            let written = path.clone();
            // Zipping the sheet is CPU work: off the server's threads.
            tokio::task::spawn_blocking(move || xlsx.save(&written)).await.map_err(|e| AppError::Internal(e.into()))??;
            let file = actix_files::NamedFile::open_async(&path).await.map_err(|e| AppError::Internal(e.into()));
            // The open file is sent; its name is gone already (nothing is left behind).
            let _ = std::fs::remove_file(&path);
            let mut res = file?.set_content_type(actix_files::file_extension_to_mime("xlsx")).into_response(req);
            res.headers_mut().insert(
                actix_web::http::header::CONTENT_DISPOSITION,
                actix_web::http::header::HeaderValue::from_str(&attachment(sheet.name, today, "xlsx")).map_err(|e| AppError::Internal(e.into()))?,
            );
            Ok(res)
        }
    }
}

/// Streams a list as CSV, page by page.
fn csv_stream<T, F, Fut>(header: &'static [&'static str], row: fn(&T) -> Vec<Cell>, page: F) -> impl futures_util::Stream<Item = Result<Bytes, AppError>>
where
    F: Fn(Option<String>) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<(Vec<T>, Option<String>), AppError>>,
{
    // State: the next cursor, whether this is the first page, whether the list is done.
    futures_util::stream::try_unfold((None::<String>, true, false), move |(cursor, first, done)| {
        let next = (!done).then(|| page(cursor));
        async move {
            let Some(next) = next else { return Ok(None) };
            let (items, cursor) = next.await?;
            let rows: Vec<_> = items.iter().map(row).collect();
            let bytes = csv_page(first.then_some(header), &rows)?;
            let done = cursor.is_none();
            Ok(Some((bytes, (cursor, false, done))))
        }
    })
}
