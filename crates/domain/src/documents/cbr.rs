//! The Central Bank's daily exchange rates (`https://www.cbr.ru/scripts/XML_daily.asp`), read
//! from the XML text the caller fetched and decoded (the file is windows-1251).
//!
//! ```xml
//! <ValCurs Date="30.11.2026" name="Foreign Currency Market">
//!   <Valute ID="R01235"><NumCode>840</NumCode><CharCode>USD</CharCode><Nominal>1</Nominal>
//!     <Name>Доллар США</Name><Value>78,5012</Value><VunitRate>78,5012</VunitRate></Valute>
//!   …
//! </ValCurs>
//! ```
//!
//! `Value` is the price in roubles of `Nominal` units (100 Japanese yen, 10 000 Vietnamese
//! dong) with a decimal comma; the rate per unit is `Value / Nominal`. Plain string scanning:
//! the format is flat and has not changed in decades.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::FieldError;

fn bad(reason: impl std::fmt::Display) -> FieldError {
    FieldError::new(
        "invalid_format",
        format!("Не удалось прочитать курсы ЦБ: {reason}"),
    )
}

/// The value of `name="…"` (or `name='…'`) inside a tag's attribute text.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    loop {
        let at = rest.find(name)?;
        let before_ok = at == 0 || rest[..at].ends_with(|c: char| c.is_whitespace());
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            let value = &value[1..];
            return value.find(quote).map(|end| &value[..end]);
        }
        rest = &rest[at + name.len()..];
    }
}

/// The text of the first `<tag>…</tag>` inside `block`, trimmed.
fn element<'a>(block: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = block.find(&open)? + open.len();
    let end = block[start..].find(&close)? + start;
    Some(block[start..end].trim())
}

/// «78,5012» → 78.5012 (spaces between digit groups are dropped).
fn decimal_comma(text: &str) -> Option<Decimal> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    Decimal::from_str(&cleaned).ok()
}

/// The date of the rates and, in the file's order, each currency's ISO letter code with its
/// rate in roubles per one unit. A text that is not such a file, a currency without a code,
/// a nominal or a value, or a file without currencies is refused (`invalid_format`).
pub fn parse_cbr_daily(xml: &str) -> Result<(NaiveDate, Vec<(String, Decimal)>), FieldError> {
    let root = xml
        .find("<ValCurs")
        .ok_or_else(|| bad("нет элемента ValCurs"))?;
    let root_end = xml[root..]
        .find('>')
        .ok_or_else(|| bad("элемент ValCurs не закрыт"))?
        + root;
    let attrs = &xml[root + "<ValCurs".len()..root_end];
    let date_text = attribute(attrs, "Date").ok_or_else(|| bad("нет даты курсов"))?;
    let date = NaiveDate::parse_from_str(date_text.trim(), "%d.%m.%Y")
        .map_err(|_| bad(format!("неверная дата «{date_text}»")))?;

    let mut rates = Vec::new();
    let mut rest = &xml[root_end..];
    while let Some(start) = rest.find("<Valute") {
        let end = rest[start..]
            .find("</Valute>")
            .ok_or_else(|| bad("элемент Valute не закрыт"))?
            + start;
        let block = &rest[start..end];
        let code = element(block, "CharCode")
            .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()));
        let code = code.ok_or_else(|| bad("у валюты нет буквенного кода"))?;
        let nominal = element(block, "Nominal")
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| bad(format!("у {code} неверный номинал")))?;
        let value = element(block, "Value")
            .and_then(decimal_comma)
            .filter(|v| *v > Decimal::ZERO)
            .ok_or_else(|| bad(format!("у {code} неверный курс")))?;
        rates.push((
            code.to_owned(),
            (value / Decimal::from(nominal)).normalize(),
        ));
        rest = &rest[end + "</Valute>".len()..];
    }
    if rates.is_empty() {
        return Err(bad("в файле нет ни одной валюты"));
    }
    Ok((date, rates))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("decimal literal")
    }

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="windows-1251"?><ValCurs Date="30.11.2026" name="Foreign Currency Market"><Valute ID="R01060"><NumCode>051</NumCode><CharCode>AMD</CharCode><Nominal>100</Nominal><Name>Армянских драмов</Name><Value>20,4387</Value><VunitRate>0,204387</VunitRate></Valute><Valute ID="R01235"><NumCode>840</NumCode><CharCode>USD</CharCode><Nominal>1</Nominal><Name>Доллар США</Name><Value>78,5012</Value><VunitRate>78,5012</VunitRate></Valute><Valute ID="R01239"><NumCode>978</NumCode><CharCode>EUR</CharCode><Nominal>1</Nominal><Name>Евро</Name><Value>91,2044</Value><VunitRate>91,2044</VunitRate></Valute><Valute ID="R01375"><NumCode>156</NumCode><CharCode>CNY</CharCode><Nominal>1</Nominal><Name>Юань</Name><Value>10,9120</Value><VunitRate>10,912</VunitRate></Valute><Valute ID="R01670"><NumCode>972</NumCode><CharCode>TJS</CharCode><Nominal>10</Nominal><Name>Сомони</Name><Value>73,6519</Value><VunitRate>7,36519</VunitRate></Valute><Valute ID="R01820"><NumCode>392</NumCode><CharCode>JPY</CharCode><Nominal>100</Nominal><Name>Японских иен</Name><Value>51,8732</Value><VunitRate>0,518732</VunitRate></Valute><Valute ID="R01150"><NumCode>704</NumCode><CharCode>VND</CharCode><Nominal>10000</Nominal><Name>Донгов</Name><Value>30,1204</Value><VunitRate>0,00301204</VunitRate></Valute></ValCurs>"#;

    #[test]
    fn the_daily_file_gives_the_date_and_a_rate_per_unit() {
        let (date, rates) = parse_cbr_daily(SAMPLE).expect("sample");
        assert_eq!(date, NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"));
        let codes: Vec<&str> = rates.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["AMD", "USD", "EUR", "CNY", "TJS", "JPY", "VND"]);
        let rate = |code: &str| rates.iter().find(|(c, _)| c == code).map(|(_, r)| *r);
        assert_eq!(rate("USD"), Some(dec("78.5012")));
        assert_eq!(rate("EUR"), Some(dec("91.2044")));
    }

    #[test]
    fn the_nominal_divides_the_value() {
        let (_, rates) = parse_cbr_daily(SAMPLE).expect("sample");
        let rate = |code: &str| rates.iter().find(|(c, _)| c == code).map(|(_, r)| *r);
        assert_eq!(rate("TJS"), Some(dec("7.36519")), "Nominal 10");
        assert_eq!(rate("JPY"), Some(dec("0.518732")), "Nominal 100");
        assert_eq!(rate("AMD"), Some(dec("0.204387")), "Nominal 100");
        assert_eq!(rate("VND"), Some(dec("0.00301204")), "Nominal 10000");
    }

    #[test]
    fn a_pretty_printed_file_with_single_quotes_reads_the_same() {
        let xml = "<ValCurs name='Foreign Currency Market' Date='01.12.2026'>\n  <Valute ID=\"R01239\">\n    <CharCode> EUR </CharCode>\n    <Nominal>1</Nominal>\n    <Value>91,2044</Value>\n  </Valute>\n</ValCurs>\n";
        let (date, rates) = parse_cbr_daily(xml).expect("pretty");
        assert_eq!(date, NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"));
        assert_eq!(rates, [("EUR".to_owned(), dec("91.2044"))]);
    }

    #[test]
    fn text_that_is_not_a_daily_file_is_refused() {
        for bad in [
            "",
            "<html>Service unavailable</html>",
            "<ValCurs name=\"x\"><Valute><CharCode>USD</CharCode><Nominal>1</Nominal><Value>1</Value></Valute></ValCurs>",
            "<ValCurs Date=\"31.02.2026\"><Valute><CharCode>USD</CharCode><Nominal>1</Nominal><Value>1</Value></Valute></ValCurs>",
            "<ValCurs Date=\"30.11.2026\"></ValCurs>",
            "<ValCurs Date=\"30.11.2026\"><Valute><CharCode>USD</CharCode><Nominal>0</Nominal><Value>1</Value></Valute></ValCurs>",
            "<ValCurs Date=\"30.11.2026\"><Valute><CharCode>USD</CharCode><Nominal>1</Nominal><Value>1e3</Value></Valute></ValCurs>",
            "<ValCurs Date=\"30.11.2026\"><Valute><Nominal>1</Nominal><Value>1</Value></Valute></ValCurs>",
            "<ValCurs Date=\"30.11.2026\"><Valute><CharCode>USD</CharCode><Nominal>1</Nominal><Value>1</Value>",
        ] {
            let e = parse_cbr_daily(bad).expect_err(bad);
            assert_eq!(e.code, "invalid_format", "{bad}");
        }
    }

    #[test]
    fn the_refusal_says_what_is_wrong_in_russian() {
        let e = parse_cbr_daily("<ValCurs Date=\"30.11.2026\"><Valute><CharCode>USD</CharCode><Nominal>1</Nominal><Value>-</Value></Valute></ValCurs>").expect_err("bad value");
        assert_eq!(
            e.message,
            "Не удалось прочитать курсы ЦБ: у USD неверный курс"
        );
    }
}
