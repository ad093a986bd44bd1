//! Which open invoice an incoming bank payment pays.
//!
//! A payment is put on an invoice automatically only when the two facts a person would check
//! both agree with exactly one open invoice: the invoice number written in the purpose of
//! payment (and its date, when the purpose gives one) and the payer's INN (the invoice's
//! buyer). Everything else waits in the unmatched queue with the reason it was not matched
//! ([`Unmatched`]) and up to five ranked suggestions, each with the reasons it is suggested
//! ([`Reason`]).
//!
//! Our invoice numbers are plain integers per organization and year («Счёт на оплату № 17 от
//! 30.11.2026»), so the purpose is read for integers that the text calls invoices
//! ([`invoice_refs`]); amounts, dates, contract numbers and bank account numbers are not
//! invoice numbers.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::documents::format_rub;
use crate::ids::DocumentId;

/// The longest run of digits read as an invoice number (with leading zeros: «№ 0000000017»).
/// Longer runs are account numbers (20 digits), INNs (10 or 12) and the like.
pub const MAX_NUMBER_DIGITS: usize = 10;

/// An invoice the purpose of payment refers to: its number (an integer without leading zeros)
/// and, when the purpose gives it, its date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct InvoiceRef {
    /// The number as we print it: «17».
    pub number: String,
    /// The date written with the number («от 30.11.2026»), if any.
    pub date: Option<NaiveDate>,
}

/// Words that name an invoice (after lower-casing and ё → е): «счет», its cases, and «сч».
const INVOICE_WORDS: &[&str] = &[
    "сч",
    "счет",
    "счета",
    "счету",
    "счете",
    "счетом",
    "счетам",
    "счетов",
    "счетами",
    "счетах",
];

/// Words that, just before «счет», make it a bank account: «расчетный счет», «лицевой счет».
const ACCOUNT_ADJECTIVES: &[&str] = &[
    "расчетн",
    "лицев",
    "корр",
    "банковск",
    "текущ",
    "валютн",
    "транзитн",
    "ссудн",
    "депозитн",
];

/// Words allowed between «счет» and its number: «счет на оплату № 17», «счет N 17», «счет номер 17».
const FILLER_WORDS: &[&str] = &[
    "на",
    "оплату",
    "оплаты",
    "n",
    "no",
    "nr",
    "номер",
    "номеру",
    "ном",
];

/// Words after a number that make it an amount or a quantity: «17 руб», «17 шт». Single letters
/// other than «р» are left out: «т.к.», «м.б.» after a number are not units.
const UNIT_WORDS: &[&str] = &["р", "руб", "рубл", "коп", "шт", "кг", "ед", "тыс", "млн"];

/// Month names in the genitive, by their stems («ноября» → 11). «ма» stands for «мая» only.
const MONTHS: &[&str] = &[
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

fn normalize(purpose: &str) -> Vec<char> {
    purpose
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The purpose text being read, lower-cased, ё as е.
struct Text {
    c: Vec<char>,
}

impl Text {
    fn at(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    fn is_letter(&self, i: usize) -> bool {
        self.at(i).is_some_and(char::is_alphabetic)
    }

    fn is_digit(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_ascii_digit())
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        i
    }

    /// The word of letters starting at `i`, and where it ends.
    fn word(&self, i: usize) -> (String, usize) {
        let mut j = i;
        while self.is_letter(j) {
            j += 1;
        }
        (self.c[i.min(j)..j].iter().collect(), j)
    }

    /// The run of ASCII digits starting at `i`, and where it ends.
    fn digits(&self, i: usize) -> (String, usize) {
        let mut j = i;
        while self.is_digit(j) {
            j += 1;
        }
        (self.c[i.min(j)..j].iter().collect(), j)
    }

    /// The word before position `i` (skipping spaces), if any.
    fn previous_word(&self, i: usize) -> String {
        let mut j = i;
        while j > 0 && self.c[j - 1].is_whitespace() {
            j -= 1;
        }
        let end = j;
        while j > 0 && self.c[j - 1].is_alphabetic() {
            j -= 1;
        }
        self.c[j..end].iter().collect()
    }

    /// A date at `i`: «30.11.2026», «30.11.26», «30/11/2026», «30-11-2026», «30 ноября 2026»,
    /// with an optional «г», «г.» or «года» after it. The date and where it ends.
    fn date(&self, i: usize) -> Option<(NaiveDate, usize)> {
        let (day, j) = self.digits(i);
        if day.is_empty() || day.len() > 2 {
            return None;
        }
        let day: u32 = day.parse().ok()?;
        let (month, year, end) = match self.at(j) {
            Some(sep @ ('.' | '/' | '-')) => {
                let (month, k) = self.digits(j + 1);
                if month.is_empty() || month.len() > 2 || self.at(k) != Some(sep) {
                    return None;
                }
                let (year, end) = self.digits(k + 1);
                (month.parse::<u32>().ok()?, year, end)
            }
            Some(c) if c.is_whitespace() => {
                let k = self.skip_spaces(j);
                let (name, k) = self.word(k);
                let month = MONTHS.iter().position(|m| {
                    name.starts_with(m) && (*m != "ма" || name == "мая" || name == "май")
                })?;
                let k = self.skip_spaces(k);
                let (year, end) = self.digits(k);
                if year.len() != 4 {
                    return None;
                }
                (u32::try_from(month).ok()? + 1, year, end)
            }
            _ => return None,
        };
        let year: i32 = match year.len() {
            4 => year.parse().ok()?,
            2 => 2000 + year.parse::<i32>().ok()?,
            _ => return None,
        };
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        // «г», «г.», «года» after the date.
        let k = self.skip_spaces(end);
        let (word, after) = self.word(k);
        let end = match word.as_str() {
            "г" if self.at(after) == Some('.') => after + 1,
            "г" | "года" => after,
            _ => end,
        };
        Some((date, end))
    }

    /// Whether the word at `i` (after spaces) is a unit or currency: «руб», «шт», «₽», «%».
    fn unit_follows(&self, i: usize) -> bool {
        let k = self.skip_spaces(i);
        if matches!(self.at(k), Some('%' | '₽')) {
            return true;
        }
        let (word, _) = self.word(k);
        UNIT_WORDS
            .iter()
            .any(|u| word == *u || (u.chars().count() > 2 && word.starts_with(u)))
    }

    /// An invoice number at `i`: digits standing alone (not a decimal, a date, «5/26», «17а» or
    /// an amount «17 руб», «1500,00»). The number without leading zeros and where its digits
    /// end. A comma with two digits after it reads as kopecks only when they start with 0 or a
    /// unit follows («1500,00», «1500,50 руб»); otherwise it is a list («№17,18»).
    fn number(&self, i: usize) -> Option<(String, usize)> {
        let (digits, end) = self.digits(i);
        if digits.is_empty() || digits.len() > MAX_NUMBER_DIGITS {
            return None;
        }
        if i > 0 && self.at(i - 1).is_some_and(char::is_alphanumeric) {
            return None;
        }
        match self.at(end) {
            Some('.' | '/' | '-' | '\\') if self.at(end + 1).is_some_and(char::is_alphanumeric) => {
                return None;
            }
            Some(',') => {
                let (tail, tail_end) = self.digits(end + 1);
                if tail.len() == 2 && (tail.starts_with('0') || self.unit_follows(tail_end)) {
                    return None;
                }
            }
            _ => {}
        }
        if self.is_letter(end) {
            // Letters glued to the number: only «17от30.11.2026» passes.
            let (word, _) = self.word(end);
            if !word.starts_with("от") {
                return None;
            }
        } else if self.unit_follows(end) {
            return None;
        }
        let number = digits.trim_start_matches('0');
        if number.is_empty() {
            return None;
        }
        Some((number.to_owned(), end))
    }

    /// «от 30.11.2026» at `i` (spaces allowed, «от» may be glued to the number).
    fn dated_at(&self, i: usize) -> Option<(NaiveDate, usize)> {
        let k = self.skip_spaces(i);
        let (word, after) = self.word(k);
        if word == "от" {
            self.date(self.skip_spaces(after))
        } else {
            None
        }
    }

    /// The references that follow an invoice word ending at `i`; where reading stopped.
    fn refs_after(&self, mut i: usize, out: &mut Vec<InvoiceRef>) -> usize {
        // «счет-фактура», «сч-ф», «сч/ф» are VAT invoices; «счет-договор», «счет-оферта» are ours.
        if matches!(self.at(i), Some('-' | '/')) && self.is_letter(i + 1) {
            let (word, after) = self.word(i + 1);
            if word.starts_with('ф') {
                return after;
            }
            i = after;
        }
        let mut pending_date = None;
        loop {
            while self.at(i).is_some_and(|c| {
                c.is_whitespace() || matches!(c, '.' | ':' | '№' | '#' | '"' | '«' | '»')
            }) {
                i += 1;
            }
            if self.is_digit(i) {
                break;
            }
            if !self.is_letter(i) {
                return i;
            }
            let (word, after) = self.word(i);
            if word.starts_with("фактур") {
                return after;
            }
            if word == "от" {
                match self.date(self.skip_spaces(after)) {
                    Some((date, end)) => {
                        pending_date = Some(date);
                        i = end;
                        continue;
                    }
                    None => return after,
                }
            }
            if !FILLER_WORDS.contains(&word.as_str()) {
                return i;
            }
            i = after;
        }
        loop {
            let Some((number, end)) = self.number(i) else {
                return i;
            };
            let (date, end) = match self.dated_at(end) {
                Some((date, end)) => (Some(date), end),
                None => (pending_date.take(), end),
            };
            out.push(InvoiceRef { number, date });
            // «№ 17, 18», «№ 17 и № 18», «№17; №18», «№ 17 + 18».
            let mut k = self.skip_spaces(end);
            match self.at(k) {
                Some(',' | ';' | '+' | '&') => k += 1,
                _ if self.word(k).0 == "и" => k += 1,
                _ => return end,
            }
            while self
                .at(k)
                .is_some_and(|c| c.is_whitespace() || matches!(c, '№' | '#'))
            {
                k += 1;
            }
            if !self.is_digit(k) {
                return end;
            }
            i = k;
        }
    }
}

/// The invoices a purpose of payment refers to, in the order written, each once: numbers the
/// text calls invoices («Оплата по счету № 17 от 30.11.2026», «по сч. 17 от 30.11.26», «сч.№
/// 17», «согласно счета на оплату № 17», «по счетам №17, 18»), case-insensitive, е and ё alike.
/// Not invoices: amounts («в т.ч. НДС 22% 2254.10»), contracts («по договору № 5/26»), dates,
/// VAT invoices («счет-фактура»), bank accounts («р/с 40702810…»), numbers with letters or
/// slashes («17/26», «17а»). Leading zeros are dropped: «№ 00017» is 17.
pub fn invoice_refs(purpose: &str) -> Vec<InvoiceRef> {
    let text = Text {
        c: normalize(purpose),
    };
    let mut out: Vec<InvoiceRef> = Vec::new();
    let mut i = 0;
    while i < text.c.len() {
        let word_start = text.is_letter(i) && (i == 0 || !text.c[i - 1].is_alphanumeric());
        if !word_start {
            i += 1;
            continue;
        }
        let (word, end) = text.word(i);
        let after_slash = i > 0 && text.c[i - 1] == '/';
        let previous = text.previous_word(i);
        let account = ACCOUNT_ADJECTIVES.iter().any(|a| previous.starts_with(a));
        if INVOICE_WORDS.contains(&word.as_str()) && !after_slash && !account {
            let mut found = Vec::new();
            let stop = text.refs_after(end, &mut found);
            for r in found {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
            i = stop.max(end);
        } else {
            i = end;
        }
    }
    out
}

/// How many days after the invoice date a payment still counts as near it.
pub const DATE_WINDOW_DAYS: i64 = 30;

/// Score of [`Reason::NumberInPurpose`]: the strongest single fact.
pub const WEIGHT_NUMBER: u32 = 40;
/// Score of [`Reason::SameInn`].
pub const WEIGHT_INN: u32 = 30;
/// Score of [`Reason::AmountEqualsOutstanding`].
pub const WEIGHT_AMOUNT: u32 = 20;
/// Score of [`Reason::AmountEqualsDueNow`].
pub const WEIGHT_DUE_NOW: u32 = 15;
/// Score of [`Reason::PartialAmount`]: weak, most payments are.
pub const WEIGHT_PARTIAL: u32 = 5;
/// Score of [`Reason::DateNearInvoice`]: weak, many invoices are recent.
pub const WEIGHT_DATE: u32 = 5;
/// The most suggestions an unmatched payment carries.
pub const MAX_SUGGESTIONS: usize = 5;

/// An open invoice a payment might pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The invoice.
    pub id: DocumentId,
    /// Its number as printed: «17».
    pub number: String,
    /// Its date.
    pub date: NaiveDate,
    /// The buyer's INN, when the buyer has one.
    pub buyer_inn: Option<String>,
    /// What is still to be paid on it.
    pub outstanding: Decimal,
    /// What its schedule requires by now and is not yet paid (the advance of a 50/50 invoice);
    /// zero when nothing is due.
    pub due_now: Decimal,
}

/// What the bank statement says about an incoming payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentFacts {
    /// The payer's INN («ПлательщикИНН»), if given.
    pub payer_inn: Option<String>,
    /// The amount received.
    pub amount: Decimal,
    /// The day the money came.
    pub date: NaiveDate,
    /// The purpose of payment («НазначениеПлатежа»).
    pub purpose: String,
}

/// Why a payment looks like it pays an invoice. Each reason has a weight ([`Reason::weight`]);
/// a suggestion's score is the sum.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The purpose names the invoice's number (and its date, or no date).
    NumberInPurpose {
        /// The invoice's number.
        number: String,
    },
    /// The payer's INN is the buyer's.
    SameInn,
    /// The amount is exactly what is left to pay on the invoice.
    AmountEqualsOutstanding {
        /// What is left to pay.
        amount: Decimal,
    },
    /// The amount is exactly what the schedule requires now (the advance).
    AmountEqualsDueNow {
        /// What the schedule requires now.
        amount: Decimal,
    },
    /// The amount is less than what is left to pay: a partial payment.
    PartialAmount {
        /// What is left to pay.
        outstanding: Decimal,
    },
    /// The payment came within [`DATE_WINDOW_DAYS`] days after the invoice date.
    DateNearInvoice {
        /// Days from the invoice date to the payment (0 on the same day).
        days: i64,
    },
}

fn days_ru(n: i64) -> String {
    let (m10, m100) = (n.rem_euclid(10), n.rem_euclid(100));
    let word = if m10 == 1 && m100 != 11 {
        "день"
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        "дня"
    } else {
        "дней"
    };
    format!("{n} {word}")
}

impl Reason {
    /// The reason's share of a suggestion's score.
    pub fn weight(&self) -> u32 {
        match self {
            Reason::NumberInPurpose { .. } => WEIGHT_NUMBER,
            Reason::SameInn => WEIGHT_INN,
            Reason::AmountEqualsOutstanding { .. } => WEIGHT_AMOUNT,
            Reason::AmountEqualsDueNow { .. } => WEIGHT_DUE_NOW,
            Reason::PartialAmount { .. } => WEIGHT_PARTIAL,
            Reason::DateNearInvoice { .. } => WEIGHT_DATE,
        }
    }

    /// Whether the reason points at this invoice rather than at any recent one: a partial amount
    /// or a near date alone suggests nothing.
    pub fn is_strong(&self) -> bool {
        !matches!(
            self,
            Reason::PartialAmount { .. } | Reason::DateNearInvoice { .. }
        )
    }

    /// The reason as the accountant reads it.
    pub fn text(&self) -> String {
        match self {
            Reason::NumberInPurpose { number } => {
                format!("В назначении платежа указан счёт № {number}")
            }
            Reason::SameInn => "ИНН плательщика совпадает с ИНН покупателя по счёту".to_owned(),
            Reason::AmountEqualsOutstanding { amount } => {
                format!(
                    "Сумма равна остатку к оплате по счёту ({})",
                    format_rub(*amount)
                )
            }
            Reason::AmountEqualsDueNow { amount } => format!(
                "Сумма равна платежу по графику, который нужен сейчас ({})",
                format_rub(*amount)
            ),
            Reason::PartialAmount { outstanding } => format!(
                "Сумма меньше остатка к оплате по счёту ({}) — частичная оплата",
                format_rub(*outstanding)
            ),
            Reason::DateNearInvoice { days: 0 } => "Оплата в день выставления счёта".to_owned(),
            Reason::DateNearInvoice { days } => {
                format!("Оплата через {} после даты счёта", days_ru(*days))
            }
        }
    }
}

/// Why a payment was not matched automatically.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unmatched {
    /// The purpose names no invoice number.
    NoNumber,
    /// The purpose names numbers no open invoice has.
    NumberNotFound {
        /// The numbers the purpose names.
        numbers: Vec<String>,
    },
    /// An open invoice has the number, but the purpose gives another date.
    DateDiffers {
        /// The number.
        number: String,
        /// The date the purpose gives.
        purpose_date: NaiveDate,
        /// The date of the open invoice with that number.
        invoice_date: NaiveDate,
    },
    /// The invoice named is the payer's to pay only by its INN, and the statement has none.
    NoPayerInn {
        /// The numbers of the open invoices the purpose names.
        numbers: Vec<String>,
    },
    /// The invoice named was issued to another buyer than the payer.
    InnDiffers {
        /// The numbers of the open invoices the purpose names.
        numbers: Vec<String>,
        /// The payer's INN from the statement.
        payer_inn: String,
    },
    /// The purpose names several of the payer's open invoices: a person splits the payment.
    Ambiguous {
        /// Their numbers.
        numbers: Vec<String>,
    },
}

fn numbers_ru(numbers: &[String]) -> String {
    numbers
        .iter()
        .map(|n| format!("№ {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn date_ru(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

impl Unmatched {
    /// A stable code for filters: `no_number`, `number_not_found`, `date_differs`,
    /// `no_payer_inn`, `inn_differs`, `ambiguous`.
    pub fn code(&self) -> &'static str {
        match self {
            Unmatched::NoNumber => "no_number",
            Unmatched::NumberNotFound { .. } => "number_not_found",
            Unmatched::DateDiffers { .. } => "date_differs",
            Unmatched::NoPayerInn { .. } => "no_payer_inn",
            Unmatched::InnDiffers { .. } => "inn_differs",
            Unmatched::Ambiguous { .. } => "ambiguous",
        }
    }

    /// The reason as the accountant reads it in the unmatched queue.
    pub fn text(&self) -> String {
        match self {
            Unmatched::NoNumber => "В назначении платежа не найден номер счёта".to_owned(),
            Unmatched::NumberNotFound { numbers } if numbers.len() == 1 => format!(
                "В назначении платежа указан счёт {}, но открытого счёта с таким номером нет",
                numbers_ru(numbers)
            ),
            Unmatched::NumberNotFound { numbers } => format!(
                "В назначении платежа указаны счета {}, но открытых счетов с такими номерами нет",
                numbers_ru(numbers)
            ),
            Unmatched::DateDiffers {
                number,
                purpose_date,
                invoice_date,
            } => format!(
                "В назначении платежа счёт № {number} от {}, а открытый счёт № {number} — от {}",
                date_ru(*purpose_date),
                date_ru(*invoice_date)
            ),
            Unmatched::NoPayerInn { numbers } => format!(
                "В платеже нет ИНН плательщика — нельзя проверить, что счёт {} оплачивает его покупатель",
                numbers_ru(numbers)
            ),
            Unmatched::InnDiffers { numbers, payer_inn } => format!(
                "ИНН плательщика {payer_inn} не совпадает с ИНН покупателя по счёту {}",
                numbers_ru(numbers)
            ),
            Unmatched::Ambiguous { numbers } => format!(
                "Платёж подходит к нескольким счетам ({}) — разнесите его вручную",
                numbers_ru(numbers)
            ),
        }
    }
}

/// An open invoice offered to the accountant for an unmatched payment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Suggestion {
    /// The invoice.
    pub invoice: DocumentId,
    /// The sum of the reasons' weights; higher first.
    pub score: u32,
    /// Why it is suggested, strongest first.
    pub reasons: Vec<Reason>,
}

/// What to do with an incoming payment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Matching {
    /// Put it on this invoice without asking.
    Auto {
        /// The invoice paid.
        invoice: DocumentId,
        /// Why, strongest first.
        reasons: Vec<Reason>,
    },
    /// Leave it in the unmatched queue.
    Unmatched {
        /// Why it was not matched.
        why: Unmatched,
        /// The invoices it might pay, best first.
        suggestions: Vec<Suggestion>,
    },
}

/// An INN as compared: digits only; none when blank or all zeros (banks write «0» for a payer
/// without one).
fn inn_key(inn: Option<&str>) -> Option<String> {
    let digits: String = inn?.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() || digits.chars().all(|c| c == '0') {
        None
    } else {
        Some(digits)
    }
}

fn number_key(number: &str) -> &str {
    let n = number.trim().trim_start_matches('0');
    if n.is_empty() { number.trim() } else { n }
}

fn refers_to(r: &InvoiceRef, c: &Candidate) -> bool {
    r.number == number_key(&c.number) && r.date.is_none_or(|d| d == c.date)
}

/// Why `p` looks like it pays `c`, strongest first.
fn reasons(
    p: &PaymentFacts,
    refs: &[InvoiceRef],
    payer_inn: Option<&str>,
    c: &Candidate,
) -> Vec<Reason> {
    let mut out = Vec::new();
    if refs.iter().any(|r| refers_to(r, c)) {
        out.push(Reason::NumberInPurpose {
            number: number_key(&c.number).to_owned(),
        });
    }
    if payer_inn.is_some() && inn_key(c.buyer_inn.as_deref()).as_deref() == payer_inn {
        out.push(Reason::SameInn);
    }
    if p.amount == c.outstanding {
        out.push(Reason::AmountEqualsOutstanding {
            amount: c.outstanding,
        });
    } else if c.due_now > Decimal::ZERO && p.amount == c.due_now {
        out.push(Reason::AmountEqualsDueNow { amount: c.due_now });
    } else if p.amount > Decimal::ZERO && p.amount < c.outstanding {
        out.push(Reason::PartialAmount {
            outstanding: c.outstanding,
        });
    }
    let days = (p.date - c.date).num_days();
    if (0..=DATE_WINDOW_DAYS).contains(&days) {
        out.push(Reason::DateNearInvoice { days });
    }
    out
}

fn numeric(number: &str) -> (u64, &str) {
    (number_key(number).parse().unwrap_or(u64::MAX), number)
}

/// Which open invoice (of `candidates`) payment `p` pays.
///
/// [`Matching::Auto`] only when exactly one candidate both has its number in the purpose (with
/// the same date, or no date written) and was issued to the payer's INN. Otherwise
/// [`Matching::Unmatched`] with the first reason that applies: no number in the purpose; several
/// such invoices (a person splits the payment); the number's invoice belongs to another INN or
/// the statement gives none; an open invoice has the number but another date; no open invoice
/// has the number. Suggestions are the candidates with at least one strong reason (number, INN
/// or an exact amount — a partial amount or a near date only adds to the score), highest score
/// first, then the latest invoice date, then the lowest number; at most [`MAX_SUGGESTIONS`].
pub fn match_payment(p: &PaymentFacts, candidates: &[Candidate]) -> Matching {
    let refs = invoice_refs(&p.purpose);
    let payer_inn = inn_key(p.payer_inn.as_deref());
    let scored: Vec<(&Candidate, Vec<Reason>)> = candidates
        .iter()
        .map(|c| (c, reasons(p, &refs, payer_inn.as_deref(), c)))
        .collect();
    let has = |rs: &[Reason], f: fn(&Reason) -> bool| rs.iter().any(f);
    let by_number: Vec<&(&Candidate, Vec<Reason>)> = scored
        .iter()
        .filter(|(_, rs)| has(rs, |r| matches!(r, Reason::NumberInPurpose { .. })))
        .collect();
    let sure: Vec<&&(&Candidate, Vec<Reason>)> = by_number
        .iter()
        .filter(|(_, rs)| has(rs, |r| matches!(r, Reason::SameInn)))
        .collect();
    if let [(c, rs)] = sure.as_slice() {
        return Matching::Auto {
            invoice: c.id,
            reasons: rs.clone(),
        };
    }
    let numbers_of = |list: &[&(&Candidate, Vec<Reason>)]| -> Vec<String> {
        let mut ns: Vec<String> = Vec::new();
        for (c, _) in list {
            let n = number_key(&c.number).to_owned();
            if !ns.contains(&n) {
                ns.push(n);
            }
        }
        ns
    };
    let why = if refs.is_empty() {
        Unmatched::NoNumber
    } else if sure.len() > 1 {
        let list: Vec<&(&Candidate, Vec<Reason>)> = sure.iter().map(|s| **s).collect();
        Unmatched::Ambiguous {
            numbers: numbers_of(&list),
        }
    } else if !by_number.is_empty() {
        let numbers = numbers_of(&by_number);
        match payer_inn {
            None => Unmatched::NoPayerInn { numbers },
            Some(payer_inn) => Unmatched::InnDiffers { numbers, payer_inn },
        }
    } else if let Some((r, c)) = refs.iter().find_map(|r| {
        let date = r.date?;
        candidates
            .iter()
            .find(|c| r.number == number_key(&c.number) && c.date != date)
            .map(|c| ((r.number.clone(), date), c))
    }) {
        Unmatched::DateDiffers {
            number: r.0,
            purpose_date: r.1,
            invoice_date: c.date,
        }
    } else {
        let mut numbers: Vec<String> = Vec::new();
        for r in &refs {
            if !numbers.contains(&r.number) {
                numbers.push(r.number.clone());
            }
        }
        Unmatched::NumberNotFound { numbers }
    };
    let mut suggestions: Vec<(&Candidate, Suggestion)> = scored
        .into_iter()
        .filter(|(_, rs)| rs.iter().any(Reason::is_strong))
        .map(|(c, reasons)| {
            let score = reasons.iter().map(Reason::weight).sum();
            (
                c,
                Suggestion {
                    invoice: c.id,
                    score,
                    reasons,
                },
            )
        })
        .collect();
    suggestions.sort_by(|(a, sa), (b, sb)| {
        sb.score
            .cmp(&sa.score)
            .then(b.date.cmp(&a.date))
            .then(numeric(&a.number).cmp(&numeric(&b.number)))
            .then(a.id.cmp(&b.id))
    });
    Matching::Unmatched {
        why,
        suggestions: suggestions
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(_, s)| s)
            .collect(),
    }
}

#[cfg(test)]
#[path = "matching_tests.rs"]
mod tests;
