//! Closed is closed: a won or lost card keeps its comments and files coming (its timeline), and a
//! deal its client's review score, which comes after the win; nothing else of it changes until an
//! admin reopens it, with a reason the card records.
use super::{CardKind, CardStatus};
use crate::{FieldError, FieldErrors};

/// The fields (as the API names them) a closed card still takes.
pub const EDITABLE_WHEN_CLOSED: [&str; 1] = ["review_score"];

/// Refuses an edit of a closed card that touches anything but [`EDITABLE_WHEN_CLOSED`]: each such
/// field (or `checklist`) is named.
pub fn check_edit<'a>(kind: CardKind, status: CardStatus, changed: impl IntoIterator<Item = &'a str>) -> Result<(), FieldErrors> {
    if status == CardStatus::Open {
        return Ok(());
    }
    let message = match kind {
        CardKind::Deal => "Сделка закрыта: изменить можно только оценку отзыва. Администратор может открыть её заново",
        CardKind::Lead => "Лид закрыт: изменить его нельзя. Администратор может открыть его заново",
    };
    let mut errors = FieldErrors::new();
    for field in changed.into_iter().filter(|f| !EDITABLE_WHEN_CLOSED.contains(f)) {
        errors.add(field, FieldError::new("card_closed", message));
    }
    errors.into_result()
}

/// Why a card cannot be reopened: it is open, or it is a lead that became a deal (the deal goes on
/// instead), or no reason was given.
pub fn check_reopen(status: CardStatus, converted_to_deal: bool, reason: &str) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if status == CardStatus::Open {
        errors.add("status", FieldError::new("not_closed", "Карточка не закрыта"));
    } else if converted_to_deal {
        errors.add("deal_id", FieldError::new("converted", "Лид уже превращён в сделку: продолжайте работу в ней"));
    }
    if reason.trim().is_empty() {
        errors.add("reason", FieldError::new("required", "Укажите, почему карточку открывают заново"));
    }
    errors.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(r: Result<(), FieldErrors>) -> Vec<(String, &'static str)> {
        r.err().map(|e| e.0.into_iter().map(|(f, e)| (f, e.code)).collect()).unwrap_or_default()
    }

    #[test]
    fn a_closed_deal_takes_only_its_review_score() {
        for status in [CardStatus::Won, CardStatus::Lost] {
            assert!(check_edit(CardKind::Deal, status, ["review_score"]).is_ok());
            assert_eq!(fields(check_edit(CardKind::Deal, status, ["title", "review_score", "checklist"])), [("title".into(), "card_closed"), ("checklist".into(), "card_closed")]);
        }
    }

    #[test]
    fn an_open_card_takes_any_edit() {
        assert!(check_edit(CardKind::Lead, CardStatus::Open, ["title", "phone", "checklist"]).is_ok());
    }

    #[test]
    fn a_closed_lead_takes_no_field_edit() {
        assert_eq!(fields(check_edit(CardKind::Lead, CardStatus::Lost, ["phone"])), [("phone".into(), "card_closed")]);
    }

    #[test]
    fn only_a_closed_card_not_turned_into_a_deal_is_reopened_and_only_with_a_reason() {
        assert!(check_reopen(CardStatus::Lost, false, "Клиент вернулся").is_ok());
        assert!(check_reopen(CardStatus::Won, false, "Ошибочно отмечена выигранной").is_ok());
        assert_eq!(fields(check_reopen(CardStatus::Open, false, "x")), [("status".into(), "not_closed")]);
        assert_eq!(fields(check_reopen(CardStatus::Won, true, "x")), [("deal_id".into(), "converted")]);
        assert_eq!(fields(check_reopen(CardStatus::Lost, false, "  ")), [("reason".into(), "required")]);
    }
}
