//! Lists exported as files people open in Excel: CSV in the Russian way (UTF-8 with a BOM, `;`
//! between fields, a decimal comma, dates as дд.мм.гггг), written and sent page by page, so an
//! export of any length never sits in memory whole.
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

/// `Content-Disposition` of an export: `<name>-<day>.csv`.
pub fn attachment(name: &str, today: chrono::NaiveDate) -> String {
    format!("attachment; filename=\"{name}-{today}.csv\"")
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
