//! One search across clients, contacts, leads and deals: what a typed query means. A number
//! («238», «№238») also finds the card with that number; a phone in any format is searched by its
//! digits («8 495 123-45-04» → `74951234504`, «123-45-04» → `1234504`); anything else (a name, an
//! e-mail, an INN) as lower-cased text inside what each row is searched by.
use crate::{FieldError, Phone};

/// A query, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// What the rows' search text must contain (lower-cased; a phone's digits).
    pub text: String,
    /// A card number the query names.
    pub number: Option<i64>,
}

impl SearchQuery {
    /// At least 3 and at most 100 characters (after trimming) — what trigram indexes answer; a
    /// number («5», «№5») may be shorter. Control characters are dropped.
    pub fn parse(q: &str) -> Result<SearchQuery, FieldError> {
        let cleaned: String = q.chars().filter(|c| !c.is_control()).collect();
        let q = cleaned.trim();
        let bare = q.trim_start_matches(['№', '#']).trim();
        let number = (bare.len() <= 12 && !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit())).then(|| bare.parse().ok()).flatten();
        let len = q.chars().count();
        if len < 3 && number.is_none() {
            return Err(FieldError::new("too_short", "Введите хотя бы 3 символа или номер"));
        }
        if len > 100 {
            return Err(FieldError::new("too_long", "Не длиннее 100 символов"));
        }
        let text = Phone::search_digits(q).unwrap_or_else(|| if number.is_some() { bare.to_owned() } else { q.to_lowercase() });
        Ok(SearchQuery { text, number })
    }
}

/// How well a found title answers the query, best first: the same, then starting with it, then
/// containing it anywhere.
pub fn rank(title: &str, q: &SearchQuery) -> u8 {
    let t = title.to_lowercase();
    if t == q.text {
        0
    } else if t.starts_with(&q.text) {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> SearchQuery {
        SearchQuery::parse(s).expect("a query")
    }

    #[test]
    fn a_number_with_or_without_its_sign_finds_the_card_by_number() {
        assert_eq!(q("238"), SearchQuery { text: "238".into(), number: Some(238) });
        assert_eq!(q("№238"), SearchQuery { text: "238".into(), number: Some(238) });
        assert_eq!(q("№ 238").number, Some(238));
        assert_eq!(q("#17").number, Some(17));
        assert_eq!(q("5"), SearchQuery { text: "5".into(), number: Some(5) }, "one digit is a number");
    }

    #[test]
    fn a_phone_in_any_format_is_searched_by_its_digits() {
        for typed in ["+7 (495) 123-45-04", "8 495 123-45-04", "74951234504"] {
            assert_eq!(q(typed).text, "74951234504", "{typed}");
        }
        assert_eq!(q("123-45-04").text, "1234504");
        // Five digits and more read as a phone too, and as a number.
        assert_eq!(q("12345"), SearchQuery { text: "12345".into(), number: Some(12345) });
    }

    #[test]
    fn names_emails_and_inns_are_searched_as_lower_cased_text() {
        assert_eq!(q("  СпортПлощадка ").text, "спортплощадка");
        assert_eq!(q("Info@Sport.RU").text, "info@sport.ru");
        assert_eq!(q("7701234567").text, "7701234567");
        assert_eq!(q("ООО «Ромашка»").number, None);
    }

    #[test]
    fn a_query_is_three_to_a_hundred_characters_or_a_number() {
        assert_eq!(SearchQuery::parse(" ab ").unwrap_err().code, "too_short");
        assert_eq!(SearchQuery::parse("ип\u{0}").unwrap_err().code, "too_short", "control characters do not count");
        assert_eq!(q("12").number, Some(12));
        assert_eq!(SearchQuery::parse(&"я".repeat(101)).unwrap_err().code, "too_long");
    }

    #[test]
    fn the_same_title_ranks_before_one_that_starts_with_it_before_one_that_contains_it() {
        let query = q("ромашка");
        assert!(rank("Ромашка", &query) < rank("Ромашка-2", &query));
        assert!(rank("Ромашка-2", &query) < rank("ООО Ромашка", &query));
    }
}
