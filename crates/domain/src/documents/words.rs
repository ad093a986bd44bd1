//! An amount in words, as printed under the totals of an invoice or a contract:
//! «Сто двадцать пять тысяч рублей 50 копеек».
//!
//! Roubles are in words, kopecks in two digits. Numerals agree with the word after them:
//! «тысяча» is feminine (одна тысяча, две тысячи, пять тысяч), «миллион», «миллиард» and «рубль»
//! masculine; a number ending in 1 takes the singular (одна тысяча, двадцать один рубль), in
//! 2–4 the genitive singular (две тысячи, три рубля), otherwise — and always in 11–14 — the
//! genitive plural (пять тысяч, одиннадцать рублей).

use rust_decimal::Decimal;

use crate::error::FieldError;

/// The largest amount that can be written in words here.
pub const MAX_IN_WORDS: &str = "999999999999.99";

#[rustfmt::skip]
const UNITS_MASCULINE: [&str; 10] = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
#[rustfmt::skip]
const UNITS_FEMININE: [&str; 10] = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
#[rustfmt::skip]
const TEENS: [&str; 10] = [
    "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
    "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать",
];
#[rustfmt::skip]
const TENS: [&str; 10] = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"];
#[rustfmt::skip]
const HUNDREDS: [&str; 10] = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"];

#[derive(Clone, Copy)]
enum Gender {
    Masculine,
    Feminine,
}

/// The three forms of a noun after a numeral: 1, 2–4, 5–20.
type Forms = [&'static str; 3];

const ROUBLES: Forms = ["рубль", "рубля", "рублей"];
const KOPECKS: Forms = ["копейка", "копейки", "копеек"];
/// Triads above the roubles, highest first: (size, noun forms, gender of the numeral).
const SCALES: [(u64, Forms, Gender); 3] = [
    (
        1_000_000_000,
        ["миллиард", "миллиарда", "миллиардов"],
        Gender::Masculine,
    ),
    (
        1_000_000,
        ["миллион", "миллиона", "миллионов"],
        Gender::Masculine,
    ),
    (1_000, ["тысяча", "тысячи", "тысяч"], Gender::Feminine),
];

/// The form of a noun after `n`: 1, 21, 101 → singular; 2–4, 22–24 → few; 0, 5–20, 11–14 → many.
fn form(n: u64, forms: Forms) -> &'static str {
    let last_two = n % 100;
    let last = n % 10;
    if (11..=14).contains(&last_two) {
        forms[2]
    } else if last == 1 {
        forms[0]
    } else if (2..=4).contains(&last) {
        forms[1]
    } else {
        forms[2]
    }
}

/// Words of 1..=999 (nothing for 0).
fn triad(n: u64, gender: Gender, out: &mut Vec<&'static str>) {
    let units = match gender {
        Gender::Masculine => &UNITS_MASCULINE,
        Gender::Feminine => &UNITS_FEMININE,
    };
    // Each index is below 10 by construction.
    let (h, t, u) = (
        (n / 100 % 10) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    out.push(HUNDREDS[h]);
    if t == 1 {
        out.push(TEENS[u]);
    } else {
        out.push(TENS[t]);
        out.push(units[u]);
    }
}

/// Whole roubles in words with the right form of «рубль»: «две тысячи один рубль».
fn roubles_in_words(roubles: u64) -> String {
    let mut words: Vec<&'static str> = Vec::new();
    if roubles == 0 {
        words.push("ноль");
    }
    let mut rest = roubles;
    for (size, forms, gender) in SCALES {
        let count = rest / size;
        rest %= size;
        if count > 0 {
            triad(count, gender, &mut words);
            words.push(form(count, forms));
        }
    }
    triad(rest, Gender::Masculine, &mut words);
    words.push(form(roubles, ROUBLES));
    words.retain(|w| !w.is_empty());
    words.join(" ")
}

/// `amount` in the accounting form: roubles in words (the first letter capitalised), kopecks in
/// two digits — «Две тысячи один рубль 01 копейка», «Ноль рублей 00 копеек».
///
/// From 0.00 to 999 999 999 999.99; a negative amount, a larger one or a fraction of a kopeck is
/// refused (`out_of_range`, `invalid_format`).
pub fn amount_in_words(amount: Decimal) -> Result<String, FieldError> {
    let max = Decimal::from_str_exact(MAX_IN_WORDS)
        .map_err(|_| FieldError::new("out_of_range", "Слишком большая сумма"))?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(FieldError::new(
            "out_of_range",
            "Сумма прописью не может быть отрицательной",
        ));
    }
    if amount > max {
        return Err(FieldError::new(
            "out_of_range",
            "Сумма прописью — не больше 999 999 999 999,99",
        ));
    }
    if amount.normalize().scale() > 2 {
        return Err(FieldError::new(
            "invalid_format",
            "Сумма прописью — не более двух знаков после запятой (копейки)",
        ));
    }
    let mut kopecks_total = amount.abs();
    kopecks_total.rescale(2);
    let minor = u64::try_from(kopecks_total.mantissa())
        .map_err(|_| FieldError::new("out_of_range", "Слишком большая сумма"))?;
    let (roubles, kopecks) = (minor / 100, minor % 100);
    let words = roubles_in_words(roubles);
    let mut chars = words.chars();
    let capitalised: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    Ok(format!(
        "{capitalised} {kopecks:02} {}",
        form(kopecks, KOPECKS)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> String {
        amount_in_words(Decimal::from_str_exact(s).expect("decimal literal")).expect(s)
    }

    #[rustfmt::skip]
    const TABLE: &[(&str, &str)] = &[
        ("0",               "Ноль рублей 00 копеек"),
        ("0.01",            "Ноль рублей 01 копейка"),
        ("0.02",            "Ноль рублей 02 копейки"),
        ("0.05",            "Ноль рублей 05 копеек"),
        ("0.11",            "Ноль рублей 11 копеек"),
        ("0.21",            "Ноль рублей 21 копейка"),
        ("0.99",            "Ноль рублей 99 копеек"),
        ("1",               "Один рубль 00 копеек"),
        ("2",               "Два рубля 00 копеек"),
        ("3.03",            "Три рубля 03 копейки"),
        ("4",               "Четыре рубля 00 копеек"),
        ("5",               "Пять рублей 00 копеек"),
        ("10",              "Десять рублей 00 копеек"),
        ("11.11",           "Одиннадцать рублей 11 копеек"),
        ("12",              "Двенадцать рублей 00 копеек"),
        ("13",              "Тринадцать рублей 00 копеек"),
        ("14.14",           "Четырнадцать рублей 14 копеек"),
        ("15",              "Пятнадцать рублей 00 копеек"),
        ("19",              "Девятнадцать рублей 00 копеек"),
        ("20",              "Двадцать рублей 00 копеек"),
        ("21",              "Двадцать один рубль 00 копеек"),
        ("22.22",           "Двадцать два рубля 22 копейки"),
        ("25",              "Двадцать пять рублей 00 копеек"),
        ("40",              "Сорок рублей 00 копеек"),
        ("99",              "Девяносто девять рублей 00 копеек"),
        ("100",             "Сто рублей 00 копеек"),
        ("101",             "Сто один рубль 00 копеек"),
        ("111",             "Сто одиннадцать рублей 00 копеек"),
        ("112",             "Сто двенадцать рублей 00 копеек"),
        ("200",             "Двести рублей 00 копеек"),
        ("342",             "Триста сорок два рубля 00 копеек"),
        ("999",             "Девятьсот девяносто девять рублей 00 копеек"),
        ("1000",            "Одна тысяча рублей 00 копеек"),
        ("1001",            "Одна тысяча один рубль 00 копеек"),
        ("2000",            "Две тысячи рублей 00 копеек"),
        ("2001.01",         "Две тысячи один рубль 01 копейка"),
        ("3000",            "Три тысячи рублей 00 копеек"),
        ("5000",            "Пять тысяч рублей 00 копеек"),
        ("11000",           "Одиннадцать тысяч рублей 00 копеек"),
        ("12000",           "Двенадцать тысяч рублей 00 копеек"),
        ("21000",           "Двадцать одна тысяча рублей 00 копеек"),
        ("22000",           "Двадцать две тысячи рублей 00 копеек"),
        ("100000",          "Сто тысяч рублей 00 копеек"),
        ("111111",          "Сто одиннадцать тысяч сто одиннадцать рублей 00 копеек"),
        ("125000.50",       "Сто двадцать пять тысяч рублей 50 копеек"),
        ("999999",          "Девятьсот девяносто девять тысяч девятьсот девяносто девять рублей 00 копеек"),
        ("1000000",         "Один миллион рублей 00 копеек"),
        ("1001000",         "Один миллион одна тысяча рублей 00 копеек"),
        ("2000000",         "Два миллиона рублей 00 копеек"),
        ("5000000",         "Пять миллионов рублей 00 копеек"),
        ("11000000",        "Одиннадцать миллионов рублей 00 копеек"),
        ("21000001",        "Двадцать один миллион один рубль 00 копеек"),
        ("1000000000",      "Один миллиард рублей 00 копеек"),
        ("2000000000",      "Два миллиарда рублей 00 копеек"),
        ("5000000000",      "Пять миллиардов рублей 00 копеек"),
        ("1002003004.05",   "Один миллиард два миллиона три тысячи четыре рубля 05 копеек"),
        ("999999999999.99", "Девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять рублей 99 копеек"),
    ];

    #[test]
    fn amounts_are_written_in_words_in_the_accounting_form() {
        assert!(TABLE.len() >= 40);
        for (amount, expected) in TABLE {
            assert_eq!(words(amount), *expected, "{amount}");
        }
    }

    #[test]
    fn thousand_is_feminine_and_million_masculine() {
        assert_eq!(words("1000"), "Одна тысяча рублей 00 копеек");
        assert_eq!(words("2000"), "Две тысячи рублей 00 копеек");
        assert_eq!(words("1000000"), "Один миллион рублей 00 копеек");
        assert_eq!(words("2000000"), "Два миллиона рублей 00 копеек");
    }

    #[test]
    fn eleven_to_fourteen_take_the_genitive_plural() {
        for n in ["11", "12", "13", "14", "111", "1112"] {
            assert!(words(n).ends_with(" рублей 00 копеек"), "{n}");
        }
        assert_eq!(words("0.12"), "Ноль рублей 12 копеек");
    }

    #[test]
    fn trailing_zeros_are_not_fractions_of_a_kopeck() {
        assert_eq!(words("7.500"), "Семь рублей 50 копеек");
    }

    #[test]
    fn negative_huge_and_sub_kopeck_amounts_are_refused() {
        for (amount, code) in [
            ("-0.01", "out_of_range"),
            ("1000000000000", "out_of_range"),
            ("999999999999.991", "out_of_range"),
            ("1.005", "invalid_format"),
        ] {
            let e =
                amount_in_words(Decimal::from_str_exact(amount).expect("dec")).expect_err(amount);
            assert_eq!(e.code, code, "{amount}");
        }
    }
}
