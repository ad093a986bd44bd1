//! Request bodies and query strings read so that every bad input is a 422 problem naming its
//! field — a missing field, a wrong JSON type, an unknown field (request types deny them), an
//! impossible date, a NUL character — and only malformed JSON itself is a 400.
use crate::error::AppError;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use domain::{FieldError, FieldErrors};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

/// A JSON request body.
pub struct Body<T>(pub T);

impl<T> Body<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Body<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes = bytes.await.map_err(AppError::from_payload)?;
            let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| AppError::BadRequest(format!("Тело запроса — не JSON: {e}")))?;
            if let Some(path) = nul_in(&value, String::new()) {
                return Err(AppError::field(&path, nul()));
            }
            serde_path_to_error::deserialize(value).map(Body).map_err(|e| problem(e.path().to_string(), &e.inner().to_string()))
        })
    }
}

/// A query string.
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Query<T> {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(query(req.query_string()))
    }
}

/// The query's pairs, each as the spec types it: an empty value is a value (`?responsible_id=` is
/// no UUID, a 422 naming it); a parameter not meant is left out.
fn query<T: DeserializeOwned>(raw: &str) -> Result<Query<T>, AppError> {
    if let Some((key, _)) = form_urlencoded::parse(raw.as_bytes()).find(|(k, v)| k.contains('\0') || v.contains('\0')) {
        return Err(AppError::field(&key, nul()));
    }
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(raw.as_bytes()));
    serde_path_to_error::deserialize(de).map(Query).map_err(|e| problem(e.path().to_string(), &e.inner().to_string()))
}

/// A raw body read whole, up to `limit` bytes (more is a 413, and reading stops there).
pub async fn read_limited(mut body: web::Payload, limit: usize) -> Result<web::Bytes, AppError> {
    use futures_util::StreamExt;
    let mut out = web::BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(e.to_string()))?;
        if out.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge(limit));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out.freeze())
}

fn nul() -> FieldError {
    FieldError::new("invalid_characters", "Текст содержит недопустимый символ (NUL)")
}

/// The path of the first string (a key or a value) with a NUL character.
fn nul_in(v: &serde_json::Value, at: String) -> Option<String> {
    match v {
        serde_json::Value::String(s) if s.contains('\0') => Some(at),
        serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(i, x)| nul_in(x, format!("{at}[{i}]"))),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, x)| {
            let here = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
            if k.contains('\0') { Some(here) } else { nul_in(x, here) }
        }),
        _ => None,
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() || path == "." { field.to_owned() } else { format!("{path}.{field}") }
}

/// Between the first pair of backticks in a serde message.
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// A serde error at `path` as a field error a person can act on, in Russian.
fn problem(path: String, message: &str) -> AppError {
    let path = if path == "." { String::new() } else { path };
    let (field, e) = if let Some(rest) = message.strip_prefix("missing field ") {
        (join(&path, quoted(rest).unwrap_or(rest)), FieldError::required())
    } else if let Some(rest) = message.strip_prefix("unknown field ") {
        let name = quoted(rest).unwrap_or(rest);
        let field = if path.ends_with(name) { path.clone() } else { join(&path, name) };
        (field, FieldError::new("unknown_field", "Неизвестное поле: проверьте его название по спецификации API"))
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        let allowed = rest.split_once("expected ").map_or("", |(_, a)| a).replace('`', "");
        (path, FieldError::new("invalid_value", format!("Допустимые значения: {}", allowed.replace("one of ", ""))))
    } else if message.starts_with("invalid type") {
        (path, FieldError::new("invalid_type", format!("Неверный тип значения: ожидается {}", expected_ru(message))))
    } else if message.contains("did not match any variant") {
        (path, FieldError::new("invalid_format", "Введите сумму цифрами, например 125000,50"))
    } else if message.to_ascii_lowercase().contains("uuid") {
        (path, FieldError::new("invalid_value", "Неверный идентификатор: ожидается UUID, например 0190a5d2-7c1e-7b3a-9f00-1a2b3c4d5e6f"))
    } else if message.contains("premature end") || message.contains("input contains invalid characters") || message.contains("out of range") || message.contains("invalid") {
        (path, FieldError::new("invalid_value", "Неверное значение: дата — ГГГГ-ММ-ДД, время — по RFC 3339, идентификатор — UUID"))
    } else {
        (path, FieldError::new("invalid_value", "Неверное значение"))
    };
    let mut f = FieldErrors::new();
    f.add(if field.is_empty() { "body".to_owned() } else { field }, e);
    AppError::Validation(f)
}

/// What serde expected, in Russian.
fn expected_ru(message: &str) -> &'static str {
    let expected = message.split_once("expected ").map_or("", |(_, e)| e);
    match expected {
        e if e.contains("string") || e.contains("UUID") || e.contains("date") => "строка",
        e if e.contains("bool") => "true или false",
        e if e.contains("i32") || e.contains("i64") || e.contains("u64") || e.contains("integer") => "целое число",
        e if e.contains("map") || e.contains("struct") => "объект",
        e if e.contains("sequence") => "массив",
        _ => "другой тип",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        inn: String,
    }

    #[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        title: String,
        version: i32,
        day: Option<chrono::NaiveDate>,
        counterparty: Option<Inner>,
    }

    fn errors(json: &str) -> Vec<(String, &'static str)> {
        let value: serde_json::Value = serde_json::from_str(json).expect("json");
        if let Some(path) = nul_in(&value, String::new()) {
            return vec![(path, "invalid_characters")];
        }
        match serde_path_to_error::deserialize::<_, Outer>(value) {
            Ok(_) => vec![],
            Err(e) => match problem(e.path().to_string(), &e.inner().to_string()) {
                AppError::Validation(f) => f.0.into_iter().map(|(p, e)| (p, e.code)).collect(),
                other => panic!("{other:?}"),
            },
        }
    }

    fn one(field: &str, code: &'static str) -> Vec<(String, &'static str)> {
        vec![(field.to_owned(), code)]
    }

    #[test]
    fn a_missing_field_is_required_by_name() {
        assert_eq!(errors(r#"{"version": 1}"#), one("title", "required"));
        assert_eq!(errors(r#"{"title": "x", "version": 1, "counterparty": {}}"#), one("counterparty.inn", "required"));
    }

    #[test]
    fn a_wrong_json_type_names_its_field() {
        assert_eq!(errors(r#"{"title": 12345, "version": 1}"#), one("title", "invalid_type"));
        assert_eq!(errors(r#"{"title": "x", "version": "пять"}"#), one("version", "invalid_type"));
    }

    #[test]
    fn an_impossible_date_names_its_field() {
        assert_eq!(errors(r#"{"title": "x", "version": 1, "day": "2025-02-30"}"#), one("day", "invalid_value"));
    }

    #[test]
    fn an_unknown_field_is_named_so_a_typo_shows() {
        assert_eq!(errors(r#"{"title": "x", "version": 1, "approved": true}"#), one("approved", "unknown_field"));
        assert_eq!(errors(r#"{"title": "x", "version": 1, "counterparty": {"inn": "1", "kpp": "2"}}"#), one("counterparty.kpp", "unknown_field"));
    }

    #[test]
    fn a_nul_character_anywhere_is_refused_at_its_path() {
        assert_eq!(errors(r#"{"title": "a\u0000b", "version": 1}"#), one("title", "invalid_characters"));
        assert_eq!(errors(r#"{"title": "x", "version": 1, "counterparty": {"inn": "\u0000"}}"#), one("counterparty.inn", "invalid_characters"));
    }

    #[test]
    fn query_strings_name_their_fields_too() {
        #[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Q {
            limit: Option<u64>,
            q: Option<String>,
        }
        let err = |raw: &str| match query::<Q>(raw) {
            Err(AppError::Validation(f)) => f.0.into_iter().map(|(p, e)| (p, e.code)).collect::<Vec<_>>(),
            Err(other) => panic!("{other:?}"),
            Ok(_) => vec![],
        };
        assert_eq!(err("limit=abc"), one("limit", "invalid_value"));
        assert_eq!(err("q=a%00b"), one("q", "invalid_characters"));
        assert_eq!(err("limit=5&q=%D0%BF"), vec![]);
        assert_eq!(err("limit="), one("limit", "invalid_value"), "an empty value is a value, and no number");
        assert_eq!(err("q="), vec![], "an empty text is a text");
    }

    #[test]
    fn a_bad_identifier_is_told_as_one_not_as_a_date() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Q {
            statement_id: Option<uuid::Uuid>,
        }
        match query::<Q>("statement_id=12345") {
            Err(AppError::Validation(f)) => {
                let (field, e) = f.0.into_iter().next().expect("one error");
                assert_eq!(field, "statement_id");
                assert!(e.message.contains("UUID") && !e.message.contains("дата"), "{}", e.message);
            }
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("12345 is no UUID"),
        }
    }
}
