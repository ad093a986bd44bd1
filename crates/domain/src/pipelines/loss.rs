//! Why a lead or deal was lost: a reason from the dictionary, the client's objections, and
//! whether to add the client to the mailing list (seed 000: «Отмечаем подробно возражения,
//! заносим в список рассылки»).

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};

/// A loss reason from the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LossReason {
    pub code: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
}

const fn reason(code: &'static str, name_ru: &'static str, name_en: &'static str) -> LossReason {
    LossReason {
        code,
        name_ru,
        name_en,
    }
}

/// The reason for `other`: it needs the objections written out.
pub const OTHER_REASON: &str = "other";

/// The loss-reason dictionary, in the order the form lists it.
#[rustfmt::skip]
pub const LOSS_REASONS: &[LossReason] = &[
    reason("expensive",  "Дорого",                         "Too expensive"),
    reason("competitor", "Выбрал конкурента",              "Chose a competitor"),
    reason("not_target", "Нецелевое обращение",            "Not a target request"),
    reason("no_budget",  "Нет бюджета",                    "No budget"),
    reason("postponed",  "Отложил покупку",                "Postponed"),
    reason("no_contact", "Не выходит на связь",            "Unreachable"),
    reason("terms",      "Не устроили сроки или условия",  "Terms did not suit"),
    reason(OTHER_REASON, "Другое",                         "Other"),
];

const OBJECTIONS_MAX: usize = 5000;

/// Why a card went to a lost stage. Exists only valid: build it with [`Loss::parse`].
/// Serialises as `{"reason": "expensive", "objections": "…" | null, "add_to_mailing": true}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "LossInput")]
pub struct Loss {
    reason: String,
    objections: Option<String>,
    add_to_mailing: bool,
}

#[derive(Deserialize)]
struct LossInput {
    reason: String,
    #[serde(default)]
    objections: Option<String>,
    #[serde(default)]
    add_to_mailing: bool,
}

impl TryFrom<LossInput> for Loss {
    type Error = FieldErrors;
    fn try_from(i: LossInput) -> Result<Loss, FieldErrors> {
        Loss::parse(&i.reason, i.objections.as_deref(), i.add_to_mailing)
    }
}

impl Loss {
    /// Errors under `loss.reason` (`required`, `invalid_value`) and `loss.objections`
    /// (`too_long` over 5000 characters; `required` when the reason is `other`).
    pub fn parse(
        reason: &str,
        objections: Option<&str>,
        add_to_mailing: bool,
    ) -> Result<Loss, FieldErrors> {
        let mut errs = FieldErrors::new();
        let reason = reason.trim();
        if reason.is_empty() {
            errs.add(
                "loss.reason",
                FieldError::new("required", "Укажите причину отказа"),
            );
        } else if reason_info(reason).is_none() {
            errs.add(
                "loss.reason",
                FieldError::new("invalid_value", "Выберите причину отказа из списка"),
            );
        }
        let objections = objections.map(str::trim).filter(|s| !s.is_empty());
        match objections {
            Some(o) if o.chars().count() > OBJECTIONS_MAX => errs.add(
                "loss.objections",
                FieldError::new("too_long", format!("Не длиннее {OBJECTIONS_MAX} символов")),
            ),
            None if reason == OTHER_REASON => errs.add(
                "loss.objections",
                FieldError::new("required", "Причина «Другое»: опишите возражения клиента"),
            ),
            _ => {}
        }
        errs.into_result()?;
        Ok(Loss {
            reason: reason.to_owned(),
            objections: objections.map(str::to_owned),
            add_to_mailing,
        })
    }

    /// The reason code, one of [`LOSS_REASONS`].
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The reason's dictionary entry.
    pub fn reason_info(&self) -> Option<&'static LossReason> {
        reason_info(&self.reason)
    }

    /// The client's objections, trimmed; `None` when none were written.
    pub fn objections(&self) -> Option<&str> {
        self.objections.as_deref()
    }

    /// Add the client to the mailing list.
    pub fn add_to_mailing(&self) -> bool {
        self.add_to_mailing
    }
}

/// The dictionary entry with this code.
pub fn reason_info(code: &str) -> Option<&'static LossReason> {
    LOSS_REASONS.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: Result<Loss, FieldErrors>) -> Vec<(String, &'static str)> {
        match r {
            Ok(_) => vec![],
            Err(e) => e.0.into_iter().map(|(p, e)| (p, e.code)).collect(),
        }
    }

    fn err(path: &str, code: &'static str) -> Vec<(String, &'static str)> {
        vec![(path.to_owned(), code)]
    }

    #[test]
    fn lost_needs_a_reason_from_the_dictionary() {
        assert_eq!(
            codes(Loss::parse("", None, false)),
            err("loss.reason", "required")
        );
        assert_eq!(
            codes(Loss::parse("  ", None, false)),
            err("loss.reason", "required")
        );
        assert_eq!(
            codes(Loss::parse("cheap", None, false)),
            err("loss.reason", "invalid_value")
        );
        assert_eq!(
            codes(Loss::parse("Expensive", None, false)),
            err("loss.reason", "invalid_value")
        );
        for r in LOSS_REASONS.iter().filter(|r| r.code != OTHER_REASON) {
            assert!(Loss::parse(r.code, None, false).is_ok(), "{}", r.code);
        }
    }

    #[test]
    fn other_reason_needs_objections() {
        assert_eq!(
            codes(Loss::parse("other", None, false)),
            err("loss.objections", "required")
        );
        assert_eq!(
            codes(Loss::parse("other", Some("  "), false)),
            err("loss.objections", "required")
        );
        assert!(Loss::parse("other", Some("Хочет плитку другого цвета"), false).is_ok());
    }

    #[test]
    fn objections_are_at_most_5000_characters() {
        let ok = "я".repeat(5000);
        let long = "я".repeat(5001);
        assert!(Loss::parse("expensive", Some(&ok), false).is_ok());
        assert_eq!(
            codes(Loss::parse("expensive", Some(&long), false)),
            err("loss.objections", "too_long")
        );
    }

    #[test]
    fn loss_reports_every_bad_field() {
        let long = "я".repeat(5001);
        assert_eq!(
            codes(Loss::parse("", Some(&long), false)),
            vec![
                ("loss.reason".to_owned(), "required"),
                ("loss.objections".to_owned(), "too_long")
            ]
        );
    }

    #[test]
    fn loss_keeps_trimmed_values() {
        let loss = Loss::parse(" expensive ", Some("  дорого для нас \n"), true).expect("valid");
        assert_eq!(loss.reason(), "expensive");
        assert_eq!(loss.reason_info().map(|r| r.name_ru), Some("Дорого"));
        assert_eq!(loss.objections(), Some("дорого для нас"));
        assert!(loss.add_to_mailing());
        let loss = Loss::parse("no_budget", Some(" "), false).expect("valid");
        assert_eq!(loss.objections(), None);
    }

    #[test]
    fn loss_serialises_as_an_object_and_parses_back_only_when_valid() {
        let loss = Loss::parse("competitor", Some("Нашёл дешевле"), true).expect("valid");
        let json = serde_json::to_value(&loss).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({"reason": "competitor", "objections": "Нашёл дешевле", "add_to_mailing": true})
        );
        assert_eq!(serde_json::from_value::<Loss>(json).ok(), Some(loss));
        assert!(serde_json::from_value::<Loss>(serde_json::json!({"reason": "other"})).is_err());
        assert!(serde_json::from_value::<Loss>(serde_json::json!({"reason": "nope"})).is_err());
    }

    #[test]
    fn loss_reason_codes_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        assert!(LOSS_REASONS.iter().all(|r| seen.insert(r.code)));
    }
}
