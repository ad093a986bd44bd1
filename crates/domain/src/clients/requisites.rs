//! Russian company and contact requisites as validated value types.
//!
//! Every type is built only through `parse`, which trims the input and checks format, length
//! and check digits (rules: REFERENCE.md, "Russian requisites"). Values serialize as plain strings.

use std::fmt;

use crate::error::FieldError;

/// Implements `as_str`, `Display`, `AsRef<str>`, `FromStr` and string `Serialize` for a newtype over `String`.
macro_rules! string_value {
    ($t:ident) => {
        impl $t {
            /// The validated (normalised) value.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $t {
            type Err = FieldError;
            fn from_str(s: &str) -> Result<Self, FieldError> {
                Self::parse(s)
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

fn invalid_format(message: impl Into<String>) -> FieldError {
    FieldError::new("invalid_format", message)
}

fn invalid_length(message: impl Into<String>) -> FieldError {
    FieldError::new("invalid_length", message)
}

fn invalid_checksum(message: impl Into<String>) -> FieldError {
    FieldError::new("invalid_checksum", message)
}

/// Trims `input` and checks it is ASCII digits only, with a length in `allowed`.
/// `name` (masculine, e.g. "ИНН") and `lengths` ("10 или 12 цифр") are used in the Russian messages.
fn digit_code<'a>(
    input: &'a str,
    name: &str,
    lengths: &str,
    allowed: &[usize],
) -> Result<&'a str, FieldError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(FieldError::required());
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid_format(format!(
            "{name} должен содержать только цифры"
        )));
    }
    if !allowed.contains(&s.len()) {
        return Err(invalid_length(format!("{name} должен содержать {lengths}")));
    }
    Ok(s)
}

/// Digits of an all-digit string as numbers (non-digits are never passed in).
fn digits(s: &str) -> Vec<u32> {
    s.bytes().map(|b| u32::from(b.wrapping_sub(b'0'))).collect()
}

/// `Σ dᵢ·wᵢ` over the shorter of the two slices.
fn weighted_sum(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(d, w)| d * w).sum()
}

/// True when `s` is non-empty and contains only ASCII digits.
fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses an all-digit string of at most 19 digits as a number.
fn to_u64(s: &str) -> u64 {
    digits(s).iter().fold(0, |n, &d| n * 10 + u64::from(d))
}

fn digit_char(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

// ---------------------------------------------------------------------------------------------
// ИНН
// ---------------------------------------------------------------------------------------------

const INN10_WEIGHTS: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN11_WEIGHTS: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/// INN check digit: `(Σ dᵢ·wᵢ mod 11) mod 10`.
fn inn_check(d: &[u32], w: &[u32]) -> u32 {
    weighted_sum(d, w) % 11 % 10
}

/// Taxpayer number (ИНН): 10 digits for a legal entity, 12 for a person or sole trader.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Inn(String);
string_value!(Inn);

impl Inn {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = digit_code(input, "ИНН", "10 или 12 цифр", &[10, 12])?;
        let d = digits(s);
        let valid = match d.len() {
            10 => inn_check(&d, &INN10_WEIGHTS) == d[9],
            _ => inn_check(&d, &INN11_WEIGHTS) == d[10] && inn_check(&d, &INN12_WEIGHTS) == d[11],
        };
        if valid {
            Ok(Self(s.to_owned()))
        } else {
            Err(invalid_checksum("Неверное контрольное число ИНН"))
        }
    }

    /// A 10-digit INN belongs to a legal entity; a 12-digit one to a person or sole trader.
    pub fn is_legal_entity(&self) -> bool {
        self.0.len() == 10
    }

    /// Appends check digits: 9 digits give a valid 10-digit INN, 10 digits a valid 12-digit one.
    pub fn with_check_digits(prefix: &str) -> Option<Inn> {
        if !all_digits(prefix) {
            return None;
        }
        let mut d = digits(prefix);
        match d.len() {
            9 => d.push(inn_check(&d, &INN10_WEIGHTS)),
            10 => {
                d.push(inn_check(&d, &INN11_WEIGHTS));
                d.push(inn_check(&d, &INN12_WEIGHTS));
            }
            _ => return None,
        }
        Some(Inn(d.into_iter().map(digit_char).collect()))
    }
}

// ---------------------------------------------------------------------------------------------
// КПП
// ---------------------------------------------------------------------------------------------

/// Tax registration reason code (КПП): `^\d{4}[\dA-Z]{2}\d{3}$`, no checksum. Sole traders have none.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Kpp(String);
string_value!(Kpp);

impl Kpp {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldError::required());
        }
        if s.chars().count() != 9 {
            return Err(invalid_length("КПП должен содержать 9 символов"));
        }
        let ok = s.bytes().enumerate().all(|(i, b)| match i {
            4 | 5 => b.is_ascii_digit() || b.is_ascii_uppercase(),
            _ => b.is_ascii_digit(),
        });
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(invalid_format(
                "КПП: 9 символов, цифры; в 5-й и 6-й позициях допускаются заглавные латинские буквы",
            ))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// ОГРН / ОГРНИП
// ---------------------------------------------------------------------------------------------

/// Check digit of an OGRN (12-digit body, mod 11) or OGRNIP (14-digit body, mod 13).
fn ogrn_check(body: &str) -> u32 {
    let modulus = if body.len() == 14 { 13 } else { 11 };
    // The remainder is < 13, so the narrowing is lossless.
    (to_u64(body) % modulus % 10) as u32
}

/// Primary state registration number: 13-digit ОГРН (legal entity) or 15-digit ОГРНИП (sole trader).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ogrn(String);
string_value!(Ogrn);

impl Ogrn {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = digit_code(
            input,
            "ОГРН",
            "13 цифр (ОГРН) или 15 цифр (ОГРНИП)",
            &[13, 15],
        )?;
        let (body, check) = s.split_at(s.len() - 1);
        if digits(check)[0] == ogrn_check(body) {
            Ok(Self(s.to_owned()))
        } else {
            Err(invalid_checksum("Неверное контрольное число ОГРН"))
        }
    }

    /// True for a 15-digit ОГРНИП (sole trader).
    pub fn is_ogrnip(&self) -> bool {
        self.0.len() == 15
    }

    /// Appends the check digit: 12 digits give an ОГРН, 14 digits an ОГРНИП.
    pub fn with_check_digit(prefix: &str) -> Option<Ogrn> {
        if !all_digits(prefix) || !matches!(prefix.len(), 12 | 14) {
            return None;
        }
        Some(Ogrn(format!("{prefix}{}", ogrn_check(prefix))))
    }
}

// ---------------------------------------------------------------------------------------------
// ОКПО
// ---------------------------------------------------------------------------------------------

/// OKPO control digit. Weights are 1..=10 repeating; if the sum mod 11 is 10 the weights are
/// shifted by two (3, 4, …, 10, 1, …); if it is 10 again the digit is 0.
fn okpo_check(body: &[u32]) -> u32 {
    for shift in [0, 2] {
        let sum: u32 = body
            .iter()
            .enumerate()
            .map(|(i, d)| d * ((i as u32 + shift) % 10 + 1))
            .sum();
        let r = sum % 11;
        if r < 10 {
            return r;
        }
    }
    0
}

/// Classifier code (ОКПО): 8 digits for a legal entity, 10 for a sole trader, last digit is the control digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Okpo(String);
string_value!(Okpo);

impl Okpo {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = digit_code(input, "ОКПО", "8 или 10 цифр", &[8, 10])?;
        let d = digits(s);
        let (body, check) = d.split_at(d.len() - 1);
        if okpo_check(body) == check[0] {
            Ok(Self(s.to_owned()))
        } else {
            Err(invalid_checksum("Неверное контрольное число ОКПО"))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// БИК and account numbers
// ---------------------------------------------------------------------------------------------

/// Bank identification code (БИК): 9 digits starting with "04".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bik(String);
string_value!(Bik);

impl Bik {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = digit_code(input, "БИК", "9 цифр", &[9])?;
        if !s.starts_with("04") {
            return Err(FieldError::new(
                "invalid_value",
                "БИК должен начинаться с «04»",
            ));
        }
        Ok(Self(s.to_owned()))
    }
}

/// Control-key rule: digits of `bank_part` + `account`, weighted 7,1,3 repeating, sum to a multiple of 10.
fn key_matches(bank_part: &str, account: &str) -> bool {
    let d = digits(&format!("{bank_part}{account}"));
    let sum: u32 = d
        .iter()
        .zip([7, 1, 3].iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    sum.is_multiple_of(10)
}

/// Bank account number (расчётный или корреспондентский счёт): 20 digits.
///
/// Parsing checks only the shape; the control key depends on the bank, see [`AccountNumber::check_key`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AccountNumber(String);
string_value!(AccountNumber);

impl AccountNumber {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = digit_code(input, "Номер счёта", "20 цифр", &[20])?;
        Ok(Self(s.to_owned()))
    }

    /// True for a correspondent account at the Central Bank (number starts with "30101").
    fn is_correspondent(&self) -> bool {
        self.0.starts_with("30101")
    }

    /// Checks the control key against the bank's BIK: the 3-digit bank part followed by the
    /// 20 account digits, weighted 7,1,3 repeating, must sum to a multiple of 10. The bank part is
    /// the last three BIK digits, or "0" + BIK digits 5–6 for correspondent accounts ("30101…",
    /// held at the Central Bank's РКЦ).
    pub fn check_key(&self, bik: &Bik) -> Result<(), FieldError> {
        let b = bik.as_str();
        let bank_part = if self.is_correspondent() {
            format!("0{}", &b[4..6])
        } else {
            b[6..9].to_owned()
        };
        if key_matches(&bank_part, &self.0) {
            Ok(())
        } else {
            Err(FieldError::new(
                "account_key_mismatch",
                "Номер счёта не соответствует БИК (неверный контрольный ключ)",
            ))
        }
    }

    /// Replaces digit 9 (index 8, the control key) so that the account passes [`check_key`](Self::check_key)
    /// for `bik`. Returns `None` unless the input is 20 digits.
    pub fn with_control_digit(
        bik: &Bik,
        account_with_any_digit_at_pos9: &str,
    ) -> Option<AccountNumber> {
        let s = account_with_any_digit_at_pos9;
        if !all_digits(s) || s.len() != 20 {
            return None;
        }
        (0..10).map(digit_char).find_map(|k| {
            let candidate = AccountNumber(format!("{}{k}{}", &s[..8], &s[9..]));
            candidate.check_key(bik).is_ok().then_some(candidate)
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Phone and e-mail
// ---------------------------------------------------------------------------------------------

/// Phone number normalised to E.164 (`+79123456789`).
///
/// Accepts Russian numbers written as `8 (912) 345-67-89`, `+7 912 345 67 89`, `7 912 …` or bare
/// 10 digits starting with 9, 3, 4 or 8; and other `+<country>` numbers of 10–15 digits.
/// Spaces, hyphens, dots and parentheses are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);
string_value!(Phone);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldError::required());
        }
        let bad = || invalid_format("Неверный номер телефона, пример: +7 912 345-67-89");
        let (plus, rest) = match s.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut d = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => d.push(c),
                '-' | '(' | ')' | '.' => {}
                c if c.is_whitespace() => {}
                _ => return Err(bad()),
            }
        }
        let normalized = match (plus, d.len()) {
            (true, 11) if d.starts_with('7') => format!("+{d}"),
            (true, 10..=15) if !d.starts_with('7') && !d.starts_with('0') => format!("+{d}"),
            (false, 11) if d.starts_with('8') || d.starts_with('7') => format!("+7{}", &d[1..]),
            (false, 10) if d.starts_with(['9', '3', '4', '8']) => format!("+7{d}"),
            _ => return Err(bad()),
        };
        Ok(Self(normalized))
    }
}

impl Phone {
    /// What a search typed or pasted as a phone looks for: its digits, to find in the stored
    /// numbers (`+7…`, see [`Phone::parse`]) wherever they stand — «+7 (495) 123-45-04»,
    /// «8 495 123-45-04» (a leading 8 of a Russian number is its 7), «74951234504» and the tail
    /// «123-45-04» all find +74951234504. `None` when the text is not a phone: other characters,
    /// or fewer than five digits (a card number such as «238» is searched as a number).
    pub fn search_digits(q: &str) -> Option<String> {
        let q = q.trim();
        if !q.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '+' | '-' | '(' | ')' | '.')) {
            return None;
        }
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        match digits.len() {
            11 if digits.starts_with('8') && !q.starts_with('+') => Some(format!("7{}", &digits[1..])),
            5..=15 => Some(digits),
            _ => None,
        }
    }
}

/// E-mail address: trimmed, lowercased, one "@", non-empty local part, a dotted domain, ≤ 254 chars.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);
string_value!(Email);

impl Email {
    /// Maximum length of an address (RFC 5321 path limit).
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(FieldError::required());
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(FieldError::new(
                "too_long",
                format!("Не более {} символов", Self::MAX_LEN),
            ));
        }
        let valid = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
                    && !s.chars().any(char::is_whitespace)
            }
            None => false,
        };
        if valid {
            Ok(Self(s))
        } else {
            Err(invalid_format("Неверный адрес электронной почты"))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Names and free text
// ---------------------------------------------------------------------------------------------

/// Abbreviated legal forms dropped by [`normalize_company_name`] when they stand as whole words.
const LEGAL_FORM_WORDS: &[&str] = &[
    "ооо", "оао", "зао", "пао", "ао", "нао", "ип", "нко", "ано", "чп", "тоо", "одо", "гуп", "муп",
    "фгуп", "фгбу", "llc", "ltd", "inc", "corp", "co", "jsc", "ojsc", "cjsc", "pjsc", "plc", "llp",
    "gmbh",
];

/// Spelled-out legal forms dropped by [`normalize_company_name`]; longer phrases come first.
const LEGAL_FORM_PHRASES: &[&[&str]] = &[
    &["общество", "с", "ограниченной", "ответственностью"],
    &["публичное", "акционерное", "общество"],
    &["непубличное", "акционерное", "общество"],
    &["закрытое", "акционерное", "общество"],
    &["открытое", "акционерное", "общество"],
    &["акционерное", "общество"],
    &["индивидуальный", "предприниматель"],
];

/// Normalises a company name for "find similar clients": lowercase, ё→е, quotes and punctuation
/// become spaces, legal forms (ООО, АО, ИП, LLC, «Общество с ограниченной ответственностью", …)
/// are dropped as whole words, spaces collapsed. `ООО «Ромашка»` → `ромашка`.
pub fn normalize_company_name(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut kept = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if let Some(phrase) = LEGAL_FORM_PHRASES
            .iter()
            .find(|p| words[i..].starts_with(p))
        {
            i += phrase.len();
            continue;
        }
        if !LEGAL_FORM_WORDS.contains(&words[i]) {
            kept.push(words[i]);
        }
        i += 1;
    }
    kept.join(" ")
}

/// Free-text field: trims and rejects values longer than `field_max` characters (`too_long`).
pub fn text(field_max: usize, s: &str) -> Result<String, FieldError> {
    let s = s.trim();
    if s.chars().count() > field_max {
        return Err(FieldError::new(
            "too_long",
            format!("Не более {field_max} символов"),
        ));
    }
    Ok(s.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_phone_is_found_in_any_format_a_person_types_or_pastes() {
        let stored = super::Phone::parse("+7 (495) 123-45-04").expect("phone").to_string();
        for typed in ["+7 (495) 123-45-04", "8 495 123-45-04", "74951234504", "123-45-04", "(495) 123 45 04"] {
            let digits = super::Phone::search_digits(typed).unwrap_or_else(|| panic!("{typed} is a phone search"));
            assert!(stored.contains(&digits), "{typed} → {digits} finds {stored}");
        }
        for not_a_phone in ["238", "№238", "ООО Ромашка", "ivan@mail.ru", "12-34"] {
            assert_eq!(super::Phone::search_digits(not_a_phone), None, "{not_a_phone}");
        }
    }

    use super::*;

    fn code<T: fmt::Debug>(r: Result<T, FieldError>) -> &'static str {
        r.expect_err("expected a validation error").code
    }

    fn sber_bik() -> Bik {
        Bik::parse("044525225").expect("Sberbank BIK is valid")
    }

    // --- ИНН ---

    #[test]
    fn inn_10_digits_accepts_real_legal_entities() {
        // Sberbank, Yandex, Gazprom: public INNs that pass the 10-digit checksum.
        for s in ["7707083893", "7736207543", "7736050003"] {
            let inn = Inn::parse(s).expect(s);
            assert_eq!(inn.as_str(), s);
            assert!(inn.is_legal_entity());
        }
    }

    #[test]
    fn inn_10_digits_rejects_wrong_check_digit() {
        assert_eq!(code(Inn::parse("7707083894")), "invalid_checksum");
        assert_eq!(code(Inn::parse("7707083890")), "invalid_checksum");
    }

    #[test]
    fn inn_12_digits_accepts_valid_person_inn() {
        let inn = Inn::parse("500100732259").expect("checksum-valid 12-digit INN");
        assert!(!inn.is_legal_entity());
    }

    #[test]
    fn inn_12_digits_rejects_wrong_11th_or_12th_digit() {
        assert_eq!(code(Inn::parse("500100732249")), "invalid_checksum");
        assert_eq!(code(Inn::parse("500100732258")), "invalid_checksum");
    }

    #[test]
    fn inn_rejects_lengths_other_than_10_or_12() {
        for s in ["770708389", "77070838931", "7707083893123", "1"] {
            assert_eq!(code(Inn::parse(s)), "invalid_length", "{s}");
        }
    }

    #[test]
    fn inn_rejects_letters_and_inner_spaces() {
        assert_eq!(code(Inn::parse("77070838a3")), "invalid_format");
        assert_eq!(code(Inn::parse("7707 083893")), "invalid_format");
        assert_eq!(code(Inn::parse("-707083893")), "invalid_format");
        // Full-width or other Unicode digits are not ASCII digits.
        assert_eq!(code(Inn::parse("７707083893")), "invalid_format");
    }

    #[test]
    fn inn_trims_surrounding_whitespace_and_blank_is_required() {
        assert_eq!(
            Inn::parse("  7707083893\t").map(|i| i.to_string()),
            Ok("7707083893".to_owned())
        );
        assert_eq!(code(Inn::parse("   ")), "required");
    }

    #[test]
    fn inn_with_check_digits_builds_valid_10_and_12_digit_numbers() {
        assert_eq!(
            Inn::with_check_digits("770708389").map(|i| i.to_string()),
            Some("7707083893".to_owned())
        );
        assert_eq!(
            Inn::with_check_digits("5001007322").map(|i| i.to_string()),
            Some("500100732259".to_owned())
        );
        for prefix in [
            "123456789",
            "000000000",
            "999999999",
            "7712345678",
            "0101010101",
        ] {
            let inn = Inn::with_check_digits(prefix).expect(prefix);
            assert!(Inn::parse(inn.as_str()).is_ok(), "{inn}");
        }
    }

    #[test]
    fn inn_with_check_digits_rejects_other_lengths_and_non_digits() {
        assert_eq!(Inn::with_check_digits("77070838"), None);
        assert_eq!(Inn::with_check_digits("77070838931"), None);
        assert_eq!(Inn::with_check_digits("77070838x"), None);
        assert_eq!(Inn::with_check_digits(""), None);
    }

    // --- КПП ---

    #[test]
    fn kpp_accepts_nine_digits() {
        assert_eq!(
            Kpp::parse(" 773601001 ").map(|k| k.to_string()),
            Ok("773601001".to_owned())
        );
    }

    #[test]
    fn kpp_allows_latin_capitals_in_positions_5_and_6() {
        assert!(Kpp::parse("7736AB001").is_ok());
        assert!(Kpp::parse("77360Z001").is_ok());
    }

    #[test]
    fn kpp_rejects_lowercase_letters() {
        assert_eq!(code(Kpp::parse("7736ab001")), "invalid_format");
    }

    #[test]
    fn kpp_rejects_letters_outside_positions_5_and_6() {
        assert_eq!(code(Kpp::parse("A73601001")), "invalid_format");
        assert_eq!(code(Kpp::parse("773601A01")), "invalid_format");
    }

    #[test]
    fn kpp_rejects_cyrillic_capitals() {
        // "АВ" here are Cyrillic letters that look like Latin ones.
        assert_eq!(code(Kpp::parse("7736АВ001")), "invalid_format");
    }

    #[test]
    fn kpp_rejects_wrong_length_and_inner_spaces() {
        assert_eq!(code(Kpp::parse("77360100")), "invalid_length");
        assert_eq!(code(Kpp::parse("7736010011")), "invalid_length");
        assert_eq!(code(Kpp::parse("7736 1001")), "invalid_format");
    }

    // --- ОГРН ---

    #[test]
    fn ogrn_13_digits_accepts_real_legal_entity() {
        // Sberbank's OGRN.
        let ogrn = Ogrn::parse("1027700132195").expect("valid OGRN");
        assert!(!ogrn.is_ogrnip());
    }

    #[test]
    fn ogrn_13_digits_rejects_wrong_check_digit() {
        assert_eq!(code(Ogrn::parse("1027700132194")), "invalid_checksum");
    }

    #[test]
    fn ogrnip_15_digits_accepts_valid_number() {
        let ogrnip = Ogrn::parse("304500116000157").expect("checksum-valid OGRNIP");
        assert!(ogrnip.is_ogrnip());
    }

    #[test]
    fn ogrnip_15_digits_rejects_wrong_check_digit() {
        assert_eq!(code(Ogrn::parse("304500116000156")), "invalid_checksum");
    }

    #[test]
    fn ogrnip_check_digit_uses_mod_13_not_mod_11() {
        // 30477000000000 mod 13 mod 10 = 8, mod 11 mod 10 = 4.
        assert!(Ogrn::parse("304770000000008").is_ok());
        assert_eq!(code(Ogrn::parse("304770000000004")), "invalid_checksum");
    }

    #[test]
    fn ogrn_rejects_lengths_other_than_13_or_15_and_letters() {
        assert_eq!(code(Ogrn::parse("102770013219")), "invalid_length");
        assert_eq!(code(Ogrn::parse("10277001321950")), "invalid_length");
        assert_eq!(code(Ogrn::parse("10277001321O5")), "invalid_format");
    }

    #[test]
    fn ogrn_with_check_digit_appends_valid_digit() {
        assert_eq!(
            Ogrn::with_check_digit("102770013219").map(|o| o.to_string()),
            Some("1027700132195".to_owned())
        );
        assert_eq!(
            Ogrn::with_check_digit("30450011600015").map(|o| o.to_string()),
            Some("304500116000157".to_owned())
        );
        assert_eq!(Ogrn::with_check_digit("1027700132"), None);
        assert_eq!(Ogrn::with_check_digit("10277001321x"), None);
    }

    // --- ОКПО ---

    #[test]
    fn okpo_8_digits_accepts_real_legal_entity() {
        // Sberbank's OKPO.
        assert!(Okpo::parse("00032537").is_ok());
        assert_eq!(code(Okpo::parse("00032536")), "invalid_checksum");
    }

    #[test]
    fn okpo_uses_shifted_weights_when_first_remainder_is_10() {
        // 0000003: 3·7 = 21 ≡ 10 (mod 11); shifted weights: 3·9 = 27 ≡ 5.
        assert!(Okpo::parse("00000035").is_ok());
        assert_eq!(code(Okpo::parse("00000030")), "invalid_checksum");
    }

    #[test]
    fn okpo_control_digit_is_0_when_both_remainders_are_10() {
        // 0000281: 65 ≡ 10 and 87 ≡ 10 (mod 11).
        assert!(Okpo::parse("00002810").is_ok());
    }

    #[test]
    fn okpo_10_digits_shifted_weights_wrap_after_10() {
        // 001000002: 1·3 + 2·9 = 21 ≡ 10; shifted weights 3..10,1 give 1·5 + 2·1 = 7.
        assert!(Okpo::parse("0010000027").is_ok());
        assert_eq!(code(Okpo::parse("0010000025")), "invalid_checksum");
        assert!(Okpo::parse("0123456789").is_ok());
    }

    #[test]
    fn okpo_rejects_bad_length_and_letters() {
        assert_eq!(code(Okpo::parse("0003253")), "invalid_length");
        assert_eq!(code(Okpo::parse("000325370")), "invalid_length");
        assert_eq!(code(Okpo::parse("0003253O")), "invalid_format");
    }

    // --- БИК and accounts ---

    #[test]
    fn bik_accepts_9_digits_starting_with_04() {
        assert_eq!(sber_bik().as_str(), "044525225");
    }

    #[test]
    fn bik_rejects_other_prefix_length_and_letters() {
        assert_eq!(code(Bik::parse("144525225")), "invalid_value");
        assert_eq!(code(Bik::parse("054525225")), "invalid_value");
        assert_eq!(code(Bik::parse("04452522")), "invalid_length");
        assert_eq!(code(Bik::parse("04452522A")), "invalid_format");
    }

    #[test]
    fn account_key_accepts_settlement_account_with_last_three_bik_digits() {
        let acc = AccountNumber::parse("40702810938000000001").expect("20 digits");
        assert_eq!(acc.check_key(&sber_bik()), Ok(()));
    }

    #[test]
    fn account_key_rejects_account_with_wrong_key() {
        let acc = AccountNumber::parse("40702810938000000002").expect("20 digits");
        assert_eq!(code(acc.check_key(&sber_bik())), "account_key_mismatch");
    }

    #[test]
    fn account_key_rejects_account_from_another_bank() {
        let acc = AccountNumber::parse("40702810938000000001").expect("20 digits");
        let vtb = Bik::parse("044525187").expect("VTB BIK");
        assert_eq!(code(acc.check_key(&vtb)), "account_key_mismatch");
    }

    #[test]
    fn account_key_uses_rkc_rule_for_correspondent_accounts() {
        // Real correspondent accounts: Sberbank, VTB, Alfa-Bank, T-Bank.
        for (bik, corr) in [
            ("044525225", "30101810400000000225"),
            ("044525187", "30101810700000000187"),
            ("044525593", "30101810200000000593"),
            ("044525974", "30101810145250000974"),
        ] {
            let bik = Bik::parse(bik).expect(bik);
            let acc = AccountNumber::parse(corr).expect(corr);
            assert_eq!(acc.check_key(&bik), Ok(()), "{corr}");
        }
        // The ordinary rule (last three BIK digits, "225") would reject Sberbank's real corr account.
        assert!(!key_matches("225", "30101810400000000225"));
        assert!(key_matches("025", "30101810400000000225"));
        // A wrong key digit in a correspondent account is still caught.
        let broken = AccountNumber::parse("30101810500000000225").expect("20 digits");
        assert_eq!(code(broken.check_key(&sber_bik())), "account_key_mismatch");
    }

    #[test]
    fn account_rejects_bad_length_and_letters() {
        assert_eq!(
            code(AccountNumber::parse("4070281093800000000")),
            "invalid_length"
        );
        assert_eq!(
            code(AccountNumber::parse("407028109380000000011")),
            "invalid_length"
        );
        assert_eq!(
            code(AccountNumber::parse("4070281093800000000A")),
            "invalid_format"
        );
        assert_eq!(
            code(AccountNumber::parse("40702 810938000000001")),
            "invalid_format"
        );
    }

    #[test]
    fn account_with_control_digit_fixes_digit_9() {
        let bik = sber_bik();
        let acc =
            AccountNumber::with_control_digit(&bik, "40702810038000000001").expect("20 digits");
        assert_eq!(acc.as_str(), "40702810938000000001");
        let other =
            AccountNumber::with_control_digit(&bik, "40702810500000012345").expect("20 digits");
        assert_eq!(other.check_key(&bik), Ok(()));
        assert_eq!(
            AccountNumber::with_control_digit(&bik, "4070281003800000000"),
            None
        );
        assert_eq!(
            AccountNumber::with_control_digit(&bik, "4070281003800000000x"),
            None
        );
    }

    // --- Phone ---

    #[test]
    fn phone_normalises_russian_formats_to_e164() {
        for s in [
            "8 (912) 345-67-89",
            "+7 912 345 67 89",
            "9123456789",
            "+7(912)345-67-89",
            "79123456789",
            " 8-912-345-67-89 ",
        ] {
            assert_eq!(
                Phone::parse(s).map(|p| p.to_string()),
                Ok("+79123456789".to_owned()),
                "{s}"
            );
        }
    }

    #[test]
    fn phone_accepts_bare_10_digits_starting_with_3_4_or_8() {
        assert_eq!(
            Phone::parse("4951234567").map(|p| p.to_string()),
            Ok("+74951234567".to_owned())
        );
        assert_eq!(
            Phone::parse("3432123456").map(|p| p.to_string()),
            Ok("+73432123456".to_owned())
        );
        assert_eq!(
            Phone::parse("8001234567").map(|p| p.to_string()),
            Ok("+78001234567".to_owned())
        );
    }

    #[test]
    fn phone_keeps_foreign_numbers_with_plus() {
        assert_eq!(
            Phone::parse("+375 29 123-45-67").map(|p| p.to_string()),
            Ok("+375291234567".to_owned())
        );
        assert_eq!(
            Phone::parse("+49 30 1234567").map(|p| p.to_string()),
            Ok("+49301234567".to_owned())
        );
    }

    #[test]
    fn phone_rejects_other_shapes() {
        for s in [
            "912345678",         // 9 digits
            "1234567890",        // 10 digits not starting with 9/3/4/8
            "+7 912 345 67 8",   // +7 with 9 national digits
            "+7 912 345 67 890", // +7 with 11 national digits
            "+123456789",        // 9 digits after +
            "+1234567890123456", // 16 digits after +
            "912-ABC-67-89",     // letters
            "++79123456789",     // double plus
            "8 912 345 67 89 доб. 1",
        ] {
            assert_eq!(code(Phone::parse(s)), "invalid_format", "{s}");
        }
        assert_eq!(code(Phone::parse("  ")), "required");
    }

    // --- E-mail ---

    #[test]
    fn email_is_trimmed_and_lowercased() {
        assert_eq!(
            Email::parse("  Ivan.Petrov@Example.RU ").map(|e| e.to_string()),
            Ok("ivan.petrov@example.ru".to_owned())
        );
    }

    #[test]
    fn email_rejects_bad_shapes() {
        for s in [
            "ivan",
            "@example.ru",
            "ivan@example",
            "ivan@@example.ru",
            "iv an@example.ru",
            "ivan@exa mple.ru",
            "a@b@c.ru",
            "ivan@.ru",
            "ivan@example.",
            "ivan@example..ru",
        ] {
            assert_eq!(code(Email::parse(s)), "invalid_format", "{s}");
        }
    }

    #[test]
    fn email_rejects_more_than_254_chars() {
        let at_limit = format!("{}@example.ru", "a".repeat(254 - 11));
        assert!(Email::parse(&at_limit).is_ok());
        let over = format!("{}@example.ru", "a".repeat(255 - 11));
        assert_eq!(code(Email::parse(&over)), "too_long");
    }

    // --- Names and text ---

    #[test]
    fn company_name_drops_legal_forms_quotes_and_punctuation() {
        assert_eq!(normalize_company_name("ООО «Ромашка»"), "ромашка");
        assert_eq!(normalize_company_name("  Ромашка,   ООО "), "ромашка");
        assert_eq!(normalize_company_name("ПАО \"Сбербанк\""), "сбербанк");
        assert_eq!(normalize_company_name("Tessera LLC"), "tessera");
        assert_eq!(normalize_company_name("ИП Семёнов А.А."), "семенов а а");
    }

    #[test]
    fn company_name_drops_spelled_out_legal_forms() {
        assert_eq!(
            normalize_company_name("Общество с ограниченной ответственностью «Ёлка»"),
            "елка"
        );
        assert_eq!(
            normalize_company_name("Публичное акционерное общество «Сбербанк России»"),
            "сбербанк россии"
        );
        assert_eq!(
            normalize_company_name("Индивидуальный предприниматель Иванов"),
            "иванов"
        );
    }

    #[test]
    fn company_name_keeps_legal_form_letters_inside_words() {
        assert_eq!(normalize_company_name("Аоргтех ООО"), "аоргтех");
        assert_eq!(normalize_company_name("Типография"), "типография");
    }

    #[test]
    fn text_trims_and_limits_length_in_characters() {
        assert_eq!(text(6, "  Привет "), Ok("Привет".to_owned()));
        assert_eq!(code(text(5, "Привет")), "too_long");
        assert_eq!(text(0, "   "), Ok(String::new()));
    }

    #[test]
    fn display_and_from_str_use_the_normalised_value() {
        let phone: Phone = "8 (912) 345-67-89".parse().expect("valid phone");
        assert_eq!(format!("{phone}"), "+79123456789");
        assert_eq!(phone.as_ref(), "+79123456789");
    }
}
