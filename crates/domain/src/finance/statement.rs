//! The bank statement file: `1CClientBankExchange`, the plain text every Russian bank client
//! exports for 1C (REFERENCE.md, «Bank statements»). The accountant loads it to register the
//! clients' money (seed 001 §3.3).
//!
//! [`parse_statement`] takes the file's bytes, the accounts that are ours and today's date and
//! gives a [`Statement`]: the header, the account sections with their balances, and every payment
//! document that can be booked. A fault of the whole file (not this format, a wrong encoding, a
//! cut-off file) is a [`StatementError`]; a fault of one document is a [`LineProblem`] naming the
//! line and the 1C key, and only that document is left out of [`Statement::documents`].
//!
//! Each document carries a [`DocumentKey`] whose [`fingerprint`](DocumentKey::fingerprint) the
//! database keeps unique: loading the same statement (or an overlapping one) twice books each
//! payment once, while two genuinely identical payments in one file stay two — occurrences 1 and 2
//! (a unique import id alone wrongly rejects them: OCA/bank-statement-import#475).
//!
//! One pass over the lines, no regex; values stay slices of the decoded text until a document is
//! accepted.
//!
//! ```text
//! 1CClientBankExchange
//! ВерсияФормата=1.03
//! Кодировка=Windows                 ← windows-1251; DOS = cp866; UTF-8 only if declared
//! РасчСчет=40702810…                ← may repeat
//! СекцияРасчСчет                    ← one per account: period and balances
//! …
//! КонецРасчСчет
//! СекцияДокумент=Платежное поручение
//! Номер=17
//! Дата=24.11.2026
//! Сумма=12500.50
//! ПлательщикСчет=… ПолучательСчет=… НазначениеПлатежа=…
//! КонецДокумента
//! КонецФайла
//! ```
#![warn(missing_docs)]

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::clients::{AccountNumber, Bik};
use crate::money::Money;

/// Larger files are refused before parsing (a year of a busy account is a few megabytes).
pub const MAX_STATEMENT_BYTES: usize = 50 * 1024 * 1024;

/// The first line of every statement file.
const SIGNATURE: &[u8] = b"1CClientBankExchange";

crate::named_enum! {
    /// The character set of a statement file.
    pub enum Encoding {
        /// `Кодировка=Windows`: windows-1251, what almost every bank writes.
        Windows1251,
        /// `Кодировка=DOS`: cp866 (IBM866).
        Cp866,
        /// `Кодировка=UTF-8`: only when the file declares it.
        Utf8,
    }
}

impl Encoding {
    /// How the `Кодировка=` line names it: `Windows`, `DOS`, `UTF-8`.
    pub fn declared_name(self) -> &'static str {
        match self {
            Encoding::Windows1251 => "Windows",
            Encoding::Cp866 => "DOS",
            Encoding::Utf8 => "UTF-8",
        }
    }

    /// The character set's usual name: `windows-1251`, `cp866`, `UTF-8`.
    pub fn charset(self) -> &'static str {
        match self {
            Encoding::Windows1251 => "windows-1251",
            Encoding::Cp866 => "cp866",
            Encoding::Utf8 => "UTF-8",
        }
    }

    /// Reads a `Кодировка=` value: `Windows` (also `Windows-1251`, `CP1251`, `1251`), `DOS`
    /// (also `CP866`, `IBM866`, `866`) or `UTF-8` (`UTF8`); case, spaces and hyphens do not matter.
    pub fn from_declared(value: &str) -> Option<Encoding> {
        let v: String = value
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match v.as_str() {
            "windows" | "windows1251" | "win1251" | "cp1251" | "1251" => Some(Encoding::Windows1251),
            "dos" | "cp866" | "ibm866" | "866" => Some(Encoding::Cp866),
            "utf8" => Some(Encoding::Utf8),
            _ => None,
        }
    }

    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Windows1251 => encoding_rs::WINDOWS_1251,
            Encoding::Cp866 => encoding_rs::IBM866,
            Encoding::Utf8 => encoding_rs::UTF_8,
        }
    }

    /// `text` as this encoding writes it (only for the file's few keywords).
    fn bytes_of(self, text: &str) -> Vec<u8> {
        self.codec().encode(text).0.into_owned()
    }
}

crate::named_enum! {
    /// Which way the money went, seen from our accounts.
    pub enum Direction {
        /// Money came to our account: a client pays.
        Incoming,
        /// Money left our account: we pay, or move it between our own accounts.
        Outgoing,
    }
}

impl Direction {
    /// `in` or `out`: how the fingerprint spells it.
    pub fn short(self) -> &'static str {
        match self {
            Direction::Incoming => "in",
            Direction::Outgoing => "out",
        }
    }
}

crate::named_enum! {
    /// What is wrong with one line of a statement.
    pub enum ProblemKind {
        /// A `СекцияДокумент` without its `КонецДокумента`.
        UnclosedDocument,
        /// A `СекцияРасчСчет` without its `КонецРасчСчет` (the section is kept).
        UnclosedAccountSection,
        /// A key the document cannot do without (`Номер`, `Дата`, `Сумма`, the section's `РасчСчет`).
        MissingField,
        /// An amount or a balance that is not a number with a decimal point, or not above zero.
        InvalidAmount,
        /// A date that is not `ДД.ММ.ГГГГ` or does not exist.
        InvalidDate,
        /// A document dated after today.
        FutureDate,
        /// An account number that is not 20 digits.
        InvalidAccount,
        /// A БИК that is not 9 digits starting with «04».
        InvalidBik,
        /// An account whose control key does not match its bank's БИК.
        AccountKeyMismatch,
        /// Neither the payer's nor the payee's account is ours.
        NotOurAccount,
    }
}

/// A whole file that cannot be read as a statement. Every message says what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    /// No bytes, or only blank lines.
    #[error("Файл выписки пуст")]
    Empty,
    /// More than [`MAX_STATEMENT_BYTES`].
    #[error(
        "Файл выписки слишком большой: {} МБ, допускается не более {} МБ — выгрузите выписку за более короткий период",
        megabytes(*size),
        megabytes(*limit)
    )]
    TooLarge {
        /// The file's size in bytes.
        size: usize,
        /// [`MAX_STATEMENT_BYTES`].
        limit: usize,
    },
    /// The first non-empty line is not `1CClientBankExchange`.
    #[error(
        "Это не выписка в формате 1С (1CClientBankExchange): строка {line} — «{found}», а должна быть «1CClientBankExchange». Выгрузите из банка выписку «для 1С»"
    )]
    NotExchangeFile {
        /// The first non-empty line.
        line: usize,
        /// Its beginning, as far as it reads.
        found: String,
    },
    /// `Кодировка=` names a character set we do not read.
    #[error(
        "Строка {line}: неизвестная кодировка «Кодировка={value}» — поддерживаются Windows (windows-1251), DOS (cp866) и UTF-8"
    )]
    UnknownEncoding {
        /// The `Кодировка=` line.
        line: usize,
        /// What it says.
        value: String,
    },
    /// The bytes are not in the encoding the file declares.
    #[error("{}", mismatch_message(*declared, *actual, *line))]
    EncodingMismatch {
        /// What `Кодировка=` says (or what was assumed without it).
        declared: Encoding,
        /// What the bytes are, when it can be told.
        actual: Option<Encoding>,
        /// The `Кодировка=` line.
        line: Option<usize>,
    },
    /// No `КонецФайла`: the file was cut off.
    #[error(
        "Файл выписки оборван: нет строки «КонецФайла», последняя прочитанная строка — {last_line}. Выгрузите выписку заново"
    )]
    Truncated {
        /// The last non-empty line read.
        last_line: usize,
    },
}

impl StatementError {
    /// A stable snake_case code the web app translates.
    pub fn code(&self) -> &'static str {
        match self {
            StatementError::Empty => "statement_empty",
            StatementError::TooLarge { .. } => "statement_too_large",
            StatementError::NotExchangeFile { .. } => "statement_not_1c_exchange",
            StatementError::UnknownEncoding { .. } => "statement_unknown_encoding",
            StatementError::EncodingMismatch { .. } => "statement_encoding_mismatch",
            StatementError::Truncated { .. } => "statement_truncated",
        }
    }
}

fn megabytes(bytes: usize) -> usize {
    bytes.div_ceil(1024 * 1024)
}

fn mismatch_message(declared: Encoding, actual: Option<Encoding>, line: Option<usize>) -> String {
    let said = match line {
        Some(n) => format!("в строке {n} указано «Кодировка={}» ({})", declared.declared_name(), declared.charset()),
        None => format!("кодировка не указана, ожидалась {}", declared.charset()),
    };
    let is = match actual {
        Some(a) => format!("файл записан в кодировке {} ({})", a.charset(), a.declared_name()),
        None => "файл записан в другой кодировке".to_owned(),
    };
    format!("Кодировка файла выписки не совпадает с объявленной: {said}, но {is}. Выгрузите выписку заново или исправьте строку «Кодировка=»")
}

/// A statement as read: the header, the account sections, the documents that can be booked and
/// the problems of those that cannot.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Statement {
    /// The character set the file was read in.
    pub encoding: Encoding,
    /// `ВерсияФормата` (`1.03`, `1.02`).
    pub format_version: Option<String>,
    /// `Отправитель`: the bank's program (`СберБизнес`).
    pub sender: Option<String>,
    /// `Получатель`: the program it was made for (`1С:Предприятие`).
    pub receiver: Option<String>,
    /// `ДатаСоздания`.
    pub created: Option<NaiveDate>,
    /// `ДатаНачала` and `ДатаКонца` of the header.
    pub period: (Option<NaiveDate>, Option<NaiveDate>),
    /// The header's `РасчСчет` lines.
    pub header_accounts: Vec<String>,
    /// One `СекцияРасчСчет` per account.
    pub accounts: Vec<AccountSection>,
    /// Every document that can be booked, in file order.
    pub documents: Vec<StatementDocument>,
    /// What is wrong, by line; a document named here is not in `documents`.
    pub problems: Vec<LineProblem>,
}

/// One `СекцияРасчСчет` … `КонецРасчСчет`: an account's period and balances as the bank counts them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AccountSection {
    /// The `СекцияРасчСчет` line.
    pub line: usize,
    /// `РасчСчет`.
    pub account: String,
    /// `ДатаНачала`.
    pub from: Option<NaiveDate>,
    /// `ДатаКонца`.
    pub to: Option<NaiveDate>,
    /// `НачальныйОстаток`.
    pub opening_balance: Option<Decimal>,
    /// `ВсегоПоступило`.
    pub total_in: Option<Decimal>,
    /// `ВсегоСписано`.
    pub total_out: Option<Decimal>,
    /// `КонечныйОстаток`.
    pub closing_balance: Option<Decimal>,
}

/// One side of a payment: the payer or the payee.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Party {
    /// `Плательщик1`, else `Плательщик` without a leading «ИНН 7701234567» (the same for `Получатель`).
    pub name: Option<String>,
    /// `…ИНН` (`0`, which banks write for people without one, is absent).
    pub inn: Option<String>,
    /// `…КПП` (`0` is absent).
    pub kpp: Option<String>,
    /// `…Счет` (else `…РасчСчет`).
    pub account: Option<String>,
    /// `…Банк1`.
    pub bank_name: Option<String>,
    /// `…БИК`.
    pub bik: Option<String>,
    /// `…Корсчет`.
    pub corr_account: Option<String>,
}

/// A payment document of the statement that can be booked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementDocument {
    /// The 1-based line of its `СекцияДокумент`.
    pub line: usize,
    /// The document's kind as the bank names it: `Платежное поручение`, `Банковский ордер`, …
    pub kind: String,
    /// `Номер`.
    pub number: String,
    /// `Дата`.
    pub date: NaiveDate,
    /// `Сумма`, always with two decimal places; above zero.
    pub amount: Decimal,
    /// Into our account or out of it.
    pub direction: Direction,
    /// Our account the money came to or left from.
    pub own_account: String,
    /// The other side.
    pub counterparty: Party,
    /// `НазначениеПлатежа` (with its `НазначениеПлатежа1`…`6` lines when they add to it).
    pub purpose: String,
    /// `ДатаПоступило` for money in, `ДатаСписано` for money out.
    pub booked_on: Option<NaiveDate>,
    /// What recognises the document when the statement is loaded again.
    pub key: DocumentKey,
}

/// What recognises a payment across loads: own account, direction, number, date, amount and the
/// counterparty's account, plus which of the identical ones in this file it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct DocumentKey {
    /// Our account.
    pub own_account: String,
    /// In or out.
    pub direction: Direction,
    /// The document's number.
    pub number: String,
    /// The document's date.
    pub date: NaiveDate,
    /// The amount, with two decimal places.
    pub amount: Decimal,
    /// The counterparty's account; empty when the bank gives none.
    pub counterparty_account: String,
    /// The n-th document with the same six values in this file, from 1.
    pub occurrence: u32,
}

impl DocumentKey {
    /// The canonical text the database keeps unique:
    /// `own|in|number|2026-12-01|12500.50|counterparty|1`. Amounts always have two decimal
    /// places (12500.5 and 12500.50 are one amount); `|` and `\` in the number are escaped.
    pub fn fingerprint(&self) -> String {
        format!("{}|{}", self.base(), self.occurrence)
    }

    /// Everything but the occurrence.
    fn base(&self) -> String {
        let number = self.number.replace('\\', "\\\\").replace('|', "\\|");
        format!(
            "{}|{}|{}|{}|{}|{}",
            self.own_account,
            self.direction.short(),
            number,
            self.date.format("%Y-%m-%d"),
            two_places(self.amount),
            self.counterparty_account
        )
    }
}

/// One thing wrong with a line of the statement, for the accountant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LineProblem {
    /// The 1-based line.
    pub line: usize,
    /// The 1C key at fault (`Сумма`, `ПолучательСчет`), if one is.
    pub field: Option<String>,
    /// What kind of fault.
    pub kind: ProblemKind,
    /// What is wrong, in Russian.
    pub message: String,
    /// The `СекцияДокумент` line of the document this leaves out, if any.
    pub document_line: Option<usize>,
}

/// Reads a statement file.
///
/// `own_accounts` are our accounts; when empty, the accounts the file itself lists (header
/// `РасчСчет` lines and `СекцияРасчСчет` sections) are taken as ours. `today` bounds the
/// documents' dates. Without a `Кодировка=` line the encoding is recognised from the bytes.
pub fn parse_statement(bytes: &[u8], own_accounts: &[String], today: NaiveDate) -> Result<Statement, StatementError> {
    if bytes.is_empty() {
        return Err(StatementError::Empty);
    }
    check_size(bytes.len())?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (first_no, first) = raw_lines(body)
        .map(|(n, l)| (n, l.trim_ascii()))
        .find(|(_, l)| !l.is_empty())
        .ok_or(StatementError::Empty)?;
    if first != SIGNATURE {
        return Err(StatementError::NotExchangeFile { line: first_no, found: preview(first) });
    }
    let declared = declared_encoding(body)?;
    let encoding = check_encoding(body, declared)?;
    let text: Cow<'_, str> = match encoding {
        Encoding::Utf8 => Cow::Borrowed(std::str::from_utf8(body).map_err(|_| mismatch(declared, None))?),
        e => e.codec().decode_without_bom_handling(body).0,
    };
    let reading = read(&text);
    if !reading.end_seen {
        // Not one section keyword read: the body may be in another encoding than its header.
        if !reading.structure_seen {
            let mut others = Encoding::ALL.iter().copied().filter(|e| *e != encoding);
            if let Some(other) = others.find(|e| has_keywords(body, *e)) {
                return Err(mismatch(declared, Some(other)));
            }
        }
        return Err(StatementError::Truncated { last_line: reading.last_line });
    }
    Ok(reading.finish(encoding, own_accounts, today))
}

/// Refuses a file above [`MAX_STATEMENT_BYTES`].
fn check_size(len: usize) -> Result<(), StatementError> {
    if len > MAX_STATEMENT_BYTES {
        return Err(StatementError::TooLarge { size: len, limit: MAX_STATEMENT_BYTES });
    }
    Ok(())
}

/// Raw lines with their 1-based numbers (the `\r` of CRLF stays; callers trim).
fn raw_lines(body: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    body.split(|b| *b == b'\n').enumerate().map(|(i, l)| (i + 1, l))
}

/// The beginning of an unexpected first line, readable whatever it is: UTF-8 if it reads so,
/// else windows-1251.
fn preview(line: &[u8]) -> String {
    let cut = &line[..line.len().min(120)];
    let text = match std::str::from_utf8(cut) {
        Ok(s) => Cow::Borrowed(s),
        // A character cut at the end.
        Err(e) if e.error_len().is_none() => String::from_utf8_lossy(&cut[..e.valid_up_to()]),
        Err(_) => encoding_rs::WINDOWS_1251.decode_without_bom_handling(cut).0,
    };
    text.chars().take(40).map(|c| if c.is_control() { '�' } else { c }).collect()
}

/// What `Кодировка=` says: (line, value, the encoding its key itself is written in).
#[derive(Debug, Clone, Copy)]
struct Declared {
    line: usize,
    value: Encoding,
    key_in: Encoding,
}

/// Finds `Кодировка=` in the header, whichever encoding its key is written in.
fn declared_encoding(body: &[u8]) -> Result<Option<Declared>, StatementError> {
    const ALL: [Encoding; 3] = [Encoding::Windows1251, Encoding::Cp866, Encoding::Utf8];
    let key_forms = ALL.map(|e| (e, e.bytes_of("Кодировка")));
    let section_forms = ALL.map(|e| e.bytes_of("Секция"));
    for (n, raw) in raw_lines(body) {
        let raw = raw.trim_ascii();
        let key = raw.iter().position(|b| *b == b'=').map_or(raw, |eq| raw[..eq].trim_ascii());
        if section_forms.iter().any(|s| key.starts_with(s)) {
            break;
        }
        let Some((key_in, _)) = key_forms.iter().find(|(_, form)| key == form.as_slice()) else { continue };
        let value = raw[key.len()..].trim_ascii().strip_prefix(b"=").unwrap_or_default().trim_ascii();
        if value.is_empty() {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(value);
        let Some(v) = Encoding::from_declared(&text) else {
            return Err(StatementError::UnknownEncoding { line: n, value: text.chars().take(40).collect() });
        };
        return Ok(Some(Declared { line: n, value: v, key_in: *key_in }));
    }
    Ok(None)
}

fn mismatch(declared: Option<Declared>, actual: Option<Encoding>) -> StatementError {
    let (declared, line) = declared.map_or((Encoding::Windows1251, None), |d| (d.value, Some(d.line)));
    StatementError::EncodingMismatch { declared, actual, line }
}

/// The encoding to read the body in: the declared one if the bytes agree, the recognised one
/// when nothing is declared.
///
/// The `Кодировка` key is itself Cyrillic, so the encoding it is written in is the file's: a
/// UTF-8 or cp866 file saying `Windows` is caught here. A body in another encoding than its
/// header is caught after reading, when no section keyword was found (see [`parse_statement`]).
fn check_encoding(body: &[u8], declared: Option<Declared>) -> Result<Encoding, StatementError> {
    let Some(d) = declared else { return Ok(recognise(body).unwrap_or(Encoding::Windows1251)) };
    if d.key_in != d.value {
        return Err(mismatch(Some(d), Some(d.key_in)));
    }
    if d.value == Encoding::Utf8 && std::str::from_utf8(body).is_err() {
        return Err(mismatch(Some(d), recognise(body)));
    }
    Ok(d.value)
}

/// Valid UTF-8 with at least one non-ASCII character: a Cyrillic 8-bit text practically never is.
fn is_multibyte_utf8(body: &[u8]) -> bool {
    !body.is_ascii() && std::str::from_utf8(body).is_ok()
}

/// Which encoding the bytes are in, by the format's own keywords.
fn recognise(body: &[u8]) -> Option<Encoding> {
    if is_multibyte_utf8(body) {
        return Some(Encoding::Utf8);
    }
    [Encoding::Windows1251, Encoding::Cp866].into_iter().find(|e| has_keywords(body, *e))
}

/// The format's section keywords, written in `encoding`, occur in the bytes.
fn has_keywords(body: &[u8], encoding: Encoding) -> bool {
    ["СекцияРасчСчет", "СекцияДокумент", "КонецФайла"].iter().any(|k| contains(body, &encoding.bytes_of(k)))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    haystack
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == first)
        .any(|(i, _)| haystack.get(i + 1..i + 1 + rest.len()) == Some(rest))
}

// ---------------------------------------------------------------------------------------------
// Reading the lines
// ---------------------------------------------------------------------------------------------

/// One `Key=Value` where it was read.
#[derive(Debug, Clone, Copy)]
struct Field<'a> {
    value: &'a str,
    line: usize,
}

/// One side's keys as read.
#[derive(Debug, Default)]
struct RawSide<'a> {
    account: Option<Field<'a>>,
    settlement_account: Option<Field<'a>>,
    name: Option<Field<'a>>,
    name1: Option<Field<'a>>,
    inn: Option<Field<'a>>,
    kpp: Option<Field<'a>>,
    bank: Option<Field<'a>>,
    bik: Option<Field<'a>>,
    corr: Option<Field<'a>>,
}

impl<'a> RawSide<'a> {
    /// `…Счет`, else `…РасчСчет`.
    fn account(&self) -> Option<Field<'a>> {
        self.account.or(self.settlement_account)
    }
}

/// A document's keys as read.
#[derive(Debug)]
struct RawDocument<'a> {
    line: usize,
    kind: &'a str,
    number: Option<Field<'a>>,
    date: Option<Field<'a>>,
    amount: Option<Field<'a>>,
    payer: RawSide<'a>,
    payee: RawSide<'a>,
    purpose: Option<Field<'a>>,
    purpose_lines: [Option<&'a str>; 6],
    written_off: Option<Field<'a>>,
    received: Option<Field<'a>>,
}

impl<'a> RawDocument<'a> {
    fn new(line: usize, kind: &'a str) -> Self {
        RawDocument {
            line,
            kind,
            number: None,
            date: None,
            amount: None,
            payer: RawSide::default(),
            payee: RawSide::default(),
            purpose: None,
            purpose_lines: [None; 6],
            written_off: None,
            received: None,
        }
    }

    fn set(&mut self, key: &str, f: Field<'a>) {
        let slot = match key {
            "Номер" => &mut self.number,
            "Дата" => &mut self.date,
            "Сумма" => &mut self.amount,
            "НазначениеПлатежа" => &mut self.purpose,
            "ДатаСписано" => &mut self.written_off,
            "ДатаПоступило" => &mut self.received,
            _ => {
                if let Some(rest) = key.strip_prefix("Плательщик") {
                    return Self::set_side(&mut self.payer, rest, f);
                }
                if let Some(rest) = key.strip_prefix("Получатель") {
                    return Self::set_side(&mut self.payee, rest, f);
                }
                if let Some(n) = key.strip_prefix("НазначениеПлатежа") {
                    let i = match n {
                        "1" => 0,
                        "2" => 1,
                        "3" => 2,
                        "4" => 3,
                        "5" => 4,
                        "6" => 5,
                        _ => return,
                    };
                    self.purpose_lines[i] = Some(f.value);
                }
                return;
            }
        };
        *slot = Some(f);
    }

    fn set_side(side: &mut RawSide<'a>, rest: &str, f: Field<'a>) {
        let slot = match rest {
            "Счет" => &mut side.account,
            "РасчСчет" => &mut side.settlement_account,
            "" => &mut side.name,
            "1" => &mut side.name1,
            "ИНН" => &mut side.inn,
            "КПП" => &mut side.kpp,
            "Банк1" => &mut side.bank,
            "БИК" => &mut side.bik,
            "Корсчет" => &mut side.corr,
            _ => return,
        };
        *slot = Some(f);
    }

    /// «Платежное поручение № 17», for messages.
    fn label(&self) -> String {
        let kind = if self.kind.is_empty() { "Документ" } else { self.kind };
        match self.number {
            Some(n) => format!("{kind} № {}", n.value),
            None => format!("{kind} (строка {})", self.line),
        }
    }
}

/// An account section being read.
#[derive(Debug)]
struct AccountDraft<'a> {
    line: usize,
    account: Option<Field<'a>>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    balances: [Option<Decimal>; 4],
}

/// Everything one pass over the lines finds.
#[derive(Debug, Default)]
struct Reading<'a> {
    format_version: Option<&'a str>,
    sender: Option<&'a str>,
    receiver: Option<&'a str>,
    created: Option<NaiveDate>,
    period: (Option<NaiveDate>, Option<NaiveDate>),
    header_accounts: Vec<&'a str>,
    accounts: Vec<AccountSection>,
    documents: Vec<RawDocument<'a>>,
    problems: Vec<LineProblem>,
    /// A section keyword was read: the text decodes as this format.
    structure_seen: bool,
    end_seen: bool,
    last_line: usize,
}

/// One pass over the decoded text.
fn read(text: &str) -> Reading<'_> {
    let mut r = Reading::default();
    let mut doc: Option<RawDocument<'_>> = None;
    let mut account: Option<AccountDraft<'_>> = None;
    let mut in_header = true;
    for (i, raw) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        r.last_line = n;
        let (key, value) = match line.split_once('=') {
            Some((k, v)) => (k.trim_end(), v.trim_start()),
            None => (line, ""),
        };
        match key {
            "СекцияДокумент" => {
                r.close_open(&mut doc, &mut account, n);
                in_header = false;
                doc = Some(RawDocument::new(n, value));
            }
            "КонецДокумента" => {
                if let Some(d) = doc.take() {
                    r.documents.push(d);
                }
            }
            "СекцияРасчСчет" => {
                r.close_open(&mut doc, &mut account, n);
                in_header = false;
                account = Some(AccountDraft { line: n, account: None, from: None, to: None, balances: [None; 4] });
            }
            "КонецРасчСчет" => {
                if let Some(a) = account.take() {
                    r.finish_account(a);
                }
            }
            "КонецФайла" => {
                r.close_open(&mut doc, &mut account, n);
                r.end_seen = true;
                break;
            }
            _ if value.is_empty() => {}
            _ => {
                let f = Field { value, line: n };
                if let Some(d) = doc.as_mut() {
                    d.set(key, f);
                } else if let Some(a) = account.as_mut() {
                    r.account_key(a, key, f);
                } else if in_header {
                    r.header_key(key, f);
                }
            }
        }
    }
    r
}

impl<'a> Reading<'a> {
    /// A new section or the end of the file closes what is still open, with a problem.
    fn close_open(&mut self, doc: &mut Option<RawDocument<'a>>, account: &mut Option<AccountDraft<'a>>, at: usize) {
        self.structure_seen = true;
        if let Some(d) = doc.take() {
            self.problems.push(LineProblem {
                line: d.line,
                field: Some("КонецДокумента".into()),
                kind: ProblemKind::UnclosedDocument,
                message: format!(
                    "{}: нет строки «КонецДокумента» до строки {at} — документ не загружен, файл, похоже, повреждён",
                    d.label()
                ),
                document_line: Some(d.line),
            });
        }
        if let Some(a) = account.take() {
            self.problems.push(LineProblem {
                line: a.line,
                field: Some("КонецРасчСчет".into()),
                kind: ProblemKind::UnclosedAccountSection,
                message: format!("Секция счёта: нет строки «КонецРасчСчет» до строки {at}"),
                document_line: None,
            });
            self.finish_account(a);
        }
    }

    fn header_key(&mut self, key: &str, f: Field<'a>) {
        match key {
            "ВерсияФормата" => self.format_version = Some(f.value),
            "Отправитель" => self.sender = Some(f.value),
            "Получатель" => self.receiver = Some(f.value),
            "ДатаСоздания" => self.created = self.header_date(key, f),
            "ДатаНачала" => self.period.0 = self.header_date(key, f),
            "ДатаКонца" => self.period.1 = self.header_date(key, f),
            "РасчСчет" => self.header_accounts.push(f.value),
            _ => {}
        }
    }

    fn header_date(&mut self, key: &str, f: Field<'a>) -> Option<NaiveDate> {
        parse_date(f.value)
            .map_err(|e| self.problems.push(plain_problem(f.line, key, ProblemKind::InvalidDate, e.message(key, f.value))))
            .ok()
    }

    fn account_key(&mut self, a: &mut AccountDraft<'a>, key: &str, f: Field<'a>) {
        let balance = match key {
            "РасчСчет" => return a.account = Some(f),
            "ДатаНачала" => return a.from = self.header_date(key, f),
            "ДатаКонца" => return a.to = self.header_date(key, f),
            "НачальныйОстаток" => 0,
            "ВсегоПоступило" => 1,
            "ВсегоСписано" => 2,
            "КонечныйОстаток" => 3,
            _ => return,
        };
        match parse_amount(f.value) {
            Ok(v) => a.balances[balance] = Some(v),
            Err(e) => self.problems.push(plain_problem(f.line, key, ProblemKind::InvalidAmount, e.message(key, f.value))),
        }
    }

    fn finish_account(&mut self, a: AccountDraft<'a>) {
        let Some(account) = a.account else {
            self.problems.push(plain_problem(
                a.line,
                "РасчСчет",
                ProblemKind::MissingField,
                "Секция счёта без номера счёта (РасчСчет=) — её остатки не прочитаны".into(),
            ));
            return;
        };
        let [opening_balance, total_in, total_out, closing_balance] = a.balances;
        self.accounts.push(AccountSection {
            line: a.line,
            account: account.value.to_owned(),
            from: a.from,
            to: a.to,
            opening_balance,
            total_in,
            total_out,
            closing_balance,
        });
    }

    /// Accepts the documents that can be booked, numbers identical ones, sorts the problems.
    fn finish(mut self, encoding: Encoding, own_accounts: &[String], today: NaiveDate) -> Statement {
        let own: Vec<&str> = if own_accounts.is_empty() {
            self.header_accounts.iter().copied().chain(self.accounts.iter().map(|a| a.account.as_str())).collect()
        } else {
            own_accounts.iter().map(|a| a.trim()).collect()
        };
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut valid_accounts = HashSet::new();
        let mut documents = Vec::with_capacity(self.documents.len());
        for raw in &self.documents {
            let Some(mut doc) = accept(raw, &own, today, &mut valid_accounts, &mut self.problems) else { continue };
            let n = seen.entry(doc.key.base()).or_insert(0);
            *n += 1;
            doc.key.occurrence = *n;
            documents.push(doc);
        }
        let mut problems = self.problems;
        problems.sort_by_key(|p| p.line);
        Statement {
            encoding,
            format_version: self.format_version.map(str::to_owned),
            sender: self.sender.map(str::to_owned),
            receiver: self.receiver.map(str::to_owned),
            created: self.created,
            period: self.period,
            header_accounts: self.header_accounts.iter().map(|a| (*a).to_owned()).collect(),
            accounts: self.accounts,
            documents,
            problems,
        }
    }
}

fn plain_problem(line: usize, field: &str, kind: ProblemKind, message: String) -> LineProblem {
    LineProblem { line, field: Some(field.to_owned()), kind, message, document_line: None }
}

// ---------------------------------------------------------------------------------------------
// Accepting a document
// ---------------------------------------------------------------------------------------------

/// The problems of one document: each names the document's line and label.
struct DocProblems<'d, 'a> {
    doc: &'d RawDocument<'a>,
    found: Vec<LineProblem>,
    /// (account, БИК) pairs already found valid in this file: our account is in every document.
    valid_accounts: &'d mut HashSet<(&'a str, &'a str)>,
}

impl<'a> DocProblems<'_, 'a> {
    fn add(&mut self, line: usize, field: &str, kind: ProblemKind, what: String) {
        self.found.push(LineProblem {
            line,
            field: Some(field.to_owned()),
            kind,
            message: format!("{}: {what}", self.doc.label()),
            document_line: Some(self.doc.line),
        });
    }

    /// The value of a key the document cannot do without.
    fn required<'x>(&mut self, f: Option<Field<'x>>, field: &str, what: &str) -> Option<Field<'x>> {
        if f.is_none() {
            self.add(self.doc.line, field, ProblemKind::MissingField, format!("нет {what} ({field}=)"));
        }
        f
    }

    /// Checks one side's account: 20 digits, and its control key against the БИК when one is given.
    fn check_account(&mut self, side: &RawSide<'a>, prefix: &str, whose: &str) {
        let Some(acc) = side.account() else { return };
        if side.bik.is_some_and(|b| self.valid_accounts.contains(&(acc.value, b.value))) {
            return;
        }
        let field = if side.account.is_some() { format!("{prefix}Счет") } else { format!("{prefix}РасчСчет") };
        let account = match AccountNumber::parse(acc.value) {
            Ok(a) => a,
            Err(e) => return self.add(acc.line, &field, ProblemKind::InvalidAccount, format!("счёт {whose} «{}» — {}", acc.value, e.message)),
        };
        let Some(bik) = side.bik else { return };
        let bik_field = format!("{prefix}БИК");
        match Bik::parse(bik.value) {
            Err(e) => self.add(bik.line, &bik_field, ProblemKind::InvalidBik, format!("БИК банка {whose} «{}» — {}", bik.value, e.message)),
            Ok(b) if account.check_key(&b).is_err() => self.add(
                acc.line,
                &field,
                ProblemKind::AccountKeyMismatch,
                format!("счёт {whose} {account} не соответствует БИК {b} (неверный контрольный ключ) — проверьте номер счёта"),
            ),
            Ok(_) => {
                self.valid_accounts.insert((acc.value, bik.value));
            }
        }
    }
}

/// The document if it can be booked; otherwise its problems go to `problems`.
fn accept<'a>(
    raw: &RawDocument<'a>,
    own: &[&str],
    today: NaiveDate,
    valid_accounts: &mut HashSet<(&'a str, &'a str)>,
    problems: &mut Vec<LineProblem>,
) -> Option<StatementDocument> {
    let mut p = DocProblems { doc: raw, found: vec![], valid_accounts };
    let number = p.required(raw.number, "Номер", "номера документа");
    let date = p.required(raw.date, "Дата", "даты документа").and_then(|f| match parse_date(f.value) {
        Ok(d) if d > today => {
            let what = format!("дата {} позже сегодняшней ({}) — проверьте выписку", f.value, today.format("%d.%m.%Y"));
            p.add(f.line, "Дата", ProblemKind::FutureDate, what);
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            p.add(f.line, "Дата", ProblemKind::InvalidDate, e.message("Дата", f.value));
            None
        }
    });
    let amount = p.required(raw.amount, "Сумма", "суммы").and_then(|f| match parse_amount(f.value) {
        Ok(a) if a > Decimal::ZERO => Some(a),
        Ok(_) => {
            p.add(f.line, "Сумма", ProblemKind::InvalidAmount, format!("сумма «{}» должна быть больше нуля", f.value));
            None
        }
        Err(e) => {
            p.add(f.line, "Сумма", ProblemKind::InvalidAmount, e.message("Сумма", f.value));
            None
        }
    });
    p.check_account(&raw.payer, "Плательщик", "плательщика");
    p.check_account(&raw.payee, "Получатель", "получателя");

    let payer_account = raw.payer.account().map(|f| f.value);
    let payee_account = raw.payee.account().map(|f| f.value);
    let ours = |a: Option<&str>| a.is_some_and(|a| own.contains(&a));
    // Both ours is a transfer between our accounts: it leaves the payer's.
    let side = if ours(payer_account) {
        Some((Direction::Outgoing, &raw.payer, &raw.payee, raw.written_off, "ДатаСписано"))
    } else if ours(payee_account) {
        Some((Direction::Incoming, &raw.payee, &raw.payer, raw.received, "ДатаПоступило"))
    } else {
        let line = raw.payee.account().map_or(raw.line, |f| f.line);
        let shown = |a: Option<&str>| a.unwrap_or("не указан").to_owned();
        let what = format!(
            "платёж не на наш счёт: ни счёт плательщика ({}), ни счёт получателя ({}) не из наших ({})",
            shown(payer_account),
            shown(payee_account),
            if own.is_empty() { "наши счета не известны".to_owned() } else { own.join(", ") }
        );
        p.add(line, "ПолучательСчет", ProblemKind::NotOurAccount, what);
        None
    };
    let booked_on = side.and_then(|(_, _, _, booked, key)| {
        let f = booked?;
        parse_date(f.value).map_err(|e| p.add(f.line, key, ProblemKind::InvalidDate, e.message(key, f.value))).ok()
    });

    if !p.found.is_empty() {
        problems.append(&mut p.found);
        return None;
    }
    let (direction, own_side, other, _, _) = side?;
    let (number, date, amount) = (number?.value.to_owned(), date?, amount?);
    let own_account = own_side.account()?.value.to_owned();
    let counterparty = party(other);
    let key = DocumentKey {
        own_account: own_account.clone(),
        direction,
        number: number.clone(),
        date,
        amount,
        counterparty_account: counterparty.account.clone().unwrap_or_default(),
        occurrence: 0,
    };
    Some(StatementDocument {
        line: raw.line,
        kind: raw.kind.to_owned(),
        number,
        date,
        amount,
        direction,
        own_account,
        counterparty,
        purpose: purpose(raw.purpose.map(|f| f.value), &raw.purpose_lines),
        booked_on,
        key,
    })
}

fn party(side: &RawSide<'_>) -> Party {
    let text = |f: Option<Field<'_>>| f.map(|f| f.value.to_owned());
    let code = |f: Option<Field<'_>>| f.filter(|f| f.value != "0").map(|f| f.value.to_owned());
    let name = side.name1.or(side.name).map(|f| without_inn_prefix(f.value).to_owned());
    Party {
        name,
        inn: code(side.inn),
        kpp: code(side.kpp),
        account: text(side.account()),
        bank_name: text(side.bank),
        bik: text(side.bik),
        corr_account: text(side.corr),
    }
}

/// `ИНН 7701234567 ООО «Ромашка»` → `ООО «Ромашка»`: banks put the INN before the name in
/// `Плательщик=`.
fn without_inn_prefix(name: &str) -> &str {
    let Some(rest) = name.strip_prefix("ИНН").map(str::trim_start) else { return name };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return name;
    }
    let after = rest[digits..].trim_start();
    if after.is_empty() { name } else { after }
}

/// `НазначениеПлатежа` with its numbered lines `НазначениеПлатежа1`…`6`. Banks write the lines
/// either as the same text split for printing (then the one-line form is kept) or as its
/// continuation (then they are joined with spaces).
fn purpose(main: Option<&str>, lines: &[Option<&str>; 6]) -> String {
    let joined = lines.iter().flatten().copied().collect::<Vec<_>>().join(" ");
    let Some(main) = main else { return joined };
    if joined.is_empty() {
        return main.to_owned();
    }
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (m, j) = (compact(main), compact(&joined));
    if m.contains(&j) {
        main.to_owned()
    } else if j.starts_with(&m) {
        joined
    } else {
        format!("{main} {joined}")
    }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// Why a value does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueError {
    /// Not the format at all.
    Format,
    /// A date in the right format that does not exist (31.02).
    NoSuchDate,
    /// A date outside 2000–2099.
    OutOfWindow,
    /// More than two decimal places.
    Fraction,
    /// Beyond [`Money::MAX_UNITS`].
    TooLarge,
}

impl ValueError {
    fn message(self, key: &str, value: &str) -> String {
        match self {
            ValueError::Format if key.starts_with("Дата") => {
                format!("{key} «{value}» — нужна дата в виде ДД.ММ.ГГГГ, например 01.12.2026")
            }
            ValueError::Format => format!(
                "{key} «{value}» не читается — нужно число с точкой перед копейками, без пробелов и запятых, например 12500.50"
            ),
            ValueError::NoSuchDate => format!("{key} «{value}» — такой даты нет"),
            ValueError::OutOfWindow => format!("{key} «{value}» — дата вне 2000–2099 годов"),
            ValueError::Fraction => format!("{key} «{value}» — больше двух знаков после точки (копеек)"),
            ValueError::TooLarge => format!("{key} «{value}» — слишком большая сумма"),
        }
    }
}

/// `ДД.ММ.ГГГГ`, a real date from 2000 to 2099.
fn parse_date(s: &str) -> Result<NaiveDate, ValueError> {
    let b = s.as_bytes();
    let digit_at = |i: usize| b[i].is_ascii_digit();
    if b.len() != 10 || b[2] != b'.' || b[5] != b'.' || ![0, 1, 3, 4, 6, 7, 8, 9].into_iter().all(digit_at) {
        return Err(ValueError::Format);
    }
    let num = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let year = i32::try_from(num(6..10)).map_err(|_| ValueError::Format)?;
    let date = NaiveDate::from_ymd_opt(year, num(3..5), num(0..2)).ok_or(ValueError::NoSuchDate)?;
    crate::dates::date(date).map_err(|_| ValueError::OutOfWindow)
}

/// An amount as banks write it: digits, optionally a point and kopecks (`12500`, `12500.5`,
/// `12500.50`), optionally a leading minus (balances). Spaces, commas and exponents are refused.
/// The result has two decimal places.
fn parse_amount(s: &str) -> Result<Decimal, ValueError> {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (unsigned.contains('.') && !digits(fraction)) {
        return Err(ValueError::Format);
    }
    if fraction.trim_end_matches('0').len() > 2 {
        return Err(ValueError::Fraction);
    }
    let whole_digits = whole.trim_start_matches('0');
    // Money::MAX_UNITS is 13 nines.
    if whole_digits.len() > Money::MAX_UNITS.to_string().len() {
        return Err(ValueError::TooLarge);
    }
    let fraction = &fraction[..fraction.len().min(2)];
    let text = format!("{}{}.{fraction:0<2}", if s.starts_with('-') { "-" } else { "" }, if whole_digits.is_empty() { "0" } else { whole_digits });
    let mut amount: Decimal = text.parse().map_err(|_| ValueError::Format)?;
    amount.rescale(2);
    Ok(amount)
}

/// Two decimal places, always.
fn two_places(amount: Decimal) -> String {
    let mut a = amount.round_dp(2);
    a.rescale(2);
    a.to_string()
}

#[cfg(test)]
#[path = "statement_tests.rs"]
mod tests;
