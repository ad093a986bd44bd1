//! Field-level validation errors, collected per dotted field path.

use std::fmt;

/// One validation problem with a single field: a stable machine `code` and a Russian message for users.
///
/// Codes in use: `required`, `invalid_format`, `invalid_length`, `invalid_checksum`,
/// `invalid_value`, `too_long`, `account_key_mismatch`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[error("{code}: {message}")]
pub struct FieldError {
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The field is missing or blank.
    pub fn required() -> Self {
        Self::new("required", "Обязательное поле")
    }
}

/// Collects errors per dotted field path ("counterparty.inn").
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(String, FieldError)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, e: FieldError) {
        self.0.push((field.into(), e));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Runs a parser on an optional trimmed input: None/blank -> Ok(None); error -> recorded under `field`, returns None.
    pub fn optional<T>(
        &mut self,
        field: &str,
        input: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, FieldError>,
    ) -> Option<T> {
        let s = input.map(str::trim).filter(|s| !s.is_empty())?;
        match parse(s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e);
                None
            }
        }
    }

    /// Same as [`FieldErrors::optional`], but a blank or missing input records `required`.
    pub fn required<T>(
        &mut self,
        field: &str,
        input: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, FieldError>,
    ) -> Option<T> {
        if input.is_none_or(|s| s.trim().is_empty()) {
            self.add(field, FieldError::required());
            return None;
        }
        self.optional(field, input, parse)
    }

    /// Moves `other`'s errors in under `prefix`: "counterparty" + "inn" -> "counterparty.inn".
    pub fn merge_prefixed(&mut self, prefix: &str, other: FieldErrors) {
        for (field, e) in other.0 {
            let path = match (prefix.is_empty(), field.is_empty()) {
                (true, _) => field,
                (false, true) => prefix.to_owned(),
                (false, false) => format!("{prefix}.{field}"),
            };
            self.0.push((path, e));
        }
    }

    /// `Ok(())` when nothing was recorded, otherwise all collected errors.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (field, e)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{field}: {}", e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits_only(s: &str) -> Result<String, FieldError> {
        if s.chars().all(|c| c.is_ascii_digit()) {
            Ok(s.to_owned())
        } else {
            Err(FieldError::new("invalid_format", "Только цифры"))
        }
    }

    #[test]
    fn optional_treats_missing_and_blank_as_absent_without_error() {
        let mut errs = FieldErrors::new();
        assert_eq!(errs.optional("a", None, digits_only), None);
        assert_eq!(errs.optional("b", Some("   "), digits_only), None);
        assert!(errs.is_empty());
    }

    #[test]
    fn optional_passes_trimmed_input_to_parser() {
        let mut errs = FieldErrors::new();
        assert_eq!(
            errs.optional("a", Some("  123 "), digits_only),
            Some("123".to_owned())
        );
        assert!(errs.is_empty());
    }

    #[test]
    fn optional_records_parser_error_under_field() {
        let mut errs = FieldErrors::new();
        assert_eq!(errs.optional("inn", Some("12a"), digits_only), None);
        assert_eq!(errs.0.len(), 1);
        assert_eq!(errs.0[0].0, "inn");
        assert_eq!(errs.0[0].1.code, "invalid_format");
    }

    #[test]
    fn required_records_required_for_missing_or_blank() {
        let mut errs = FieldErrors::new();
        assert_eq!(errs.required("a", None, digits_only), None);
        assert_eq!(errs.required("b", Some(" \t"), digits_only), None);
        assert_eq!(
            errs.0,
            vec![
                ("a".to_owned(), FieldError::required()),
                ("b".to_owned(), FieldError::required())
            ]
        );
        assert_eq!(FieldError::required().code, "required");
        assert_eq!(FieldError::required().message, "Обязательное поле");
    }

    #[test]
    fn required_returns_parsed_value_and_records_parser_errors() {
        let mut errs = FieldErrors::new();
        assert_eq!(
            errs.required("a", Some("42"), digits_only),
            Some("42".to_owned())
        );
        assert_eq!(errs.required("b", Some("x"), digits_only), None);
        assert_eq!(errs.0.len(), 1);
        assert_eq!(errs.0[0].0, "b");
        assert_eq!(errs.0[0].1.code, "invalid_format");
    }

    #[test]
    fn merge_prefixed_joins_paths_with_a_dot() {
        let mut inner = FieldErrors::new();
        inner.add("inn", FieldError::required());
        inner.add("", FieldError::new("invalid_value", "x"));
        let mut outer = FieldErrors::new();
        outer.add("name", FieldError::required());
        outer.merge_prefixed("counterparty", inner);
        let paths: Vec<&str> = outer.0.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["name", "counterparty.inn", "counterparty"]);
    }

    #[test]
    fn merge_prefixed_with_empty_prefix_keeps_paths() {
        let mut inner = FieldErrors::new();
        inner.add("inn", FieldError::required());
        let mut outer = FieldErrors::new();
        outer.merge_prefixed("", inner);
        assert_eq!(outer.0[0].0, "inn");
    }

    #[test]
    fn into_result_is_ok_only_when_empty() {
        assert_eq!(FieldErrors::new().into_result(), Ok(()));
        let mut errs = FieldErrors::new();
        errs.add("x", FieldError::required());
        assert_eq!(errs.clone().into_result(), Err(errs));
    }

    #[test]
    fn field_error_display_shows_code_and_message() {
        let e = FieldError::new("invalid_checksum", "Неверное контрольное число ИНН");
        assert_eq!(
            e.to_string(),
            "invalid_checksum: Неверное контрольное число ИНН"
        );
    }
}
