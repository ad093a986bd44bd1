//! A request to another department (the logisticians' delivery-cost estimate, the designer's
//! mock-up): a child card in that department's queue, like a Bitrix24 child deal (seed 004).
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> open
//!     open --> in_progress: take
//!     in_progress --> in_progress: take (another person takes it over)
//!     open --> completed: complete
//!     in_progress --> completed: complete
//!     open --> cancelled: cancel
//!     in_progress --> cancelled: cancel
//!     completed --> [*]
//!     cancelled --> [*]
//! ```
use crate::error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    Open,
    InProgress,
    Completed,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestAction {
    Take,
    Complete,
    Cancel,
}

impl RequestState {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestState::Open => "open",
            RequestState::InProgress => "in_progress",
            RequestState::Completed => "completed",
            RequestState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<RequestState> {
        [RequestState::Open, RequestState::InProgress, RequestState::Completed, RequestState::Cancelled].into_iter().find(|r| r.as_str() == s)
    }

    /// The allow-list of a request's life; every other pair is refused.
    pub fn next(self, action: RequestAction) -> Result<RequestState, FieldError> {
        use RequestAction::*;
        use RequestState::*;
        match (self, action) {
            (Open | InProgress, Take) => Ok(InProgress),
            (Open | InProgress, Complete) => Ok(Completed),
            (Open | InProgress, Cancel) => Ok(Cancelled),
            (Completed, _) => Err(FieldError::new("request_closed", "Запрос уже выполнен")),
            (Cancelled, _) => Err(FieldError::new("request_closed", "Запрос отменён")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RequestAction::*;
    use super::RequestState::*;

    #[test]
    fn a_request_is_taken_then_completed() {
        assert_eq!(Open.next(Take), Ok(InProgress));
        assert_eq!(InProgress.next(Complete), Ok(Completed));
    }

    #[test]
    fn an_open_request_can_be_answered_without_taking_it_first() {
        assert_eq!(Open.next(Complete), Ok(Completed));
    }

    #[test]
    fn another_person_can_take_over_a_request_in_progress() {
        assert_eq!(InProgress.next(Take), Ok(InProgress));
    }

    #[test]
    fn open_and_taken_requests_can_be_cancelled() {
        assert_eq!(Open.next(Cancel), Ok(Cancelled));
        assert_eq!(InProgress.next(Cancel), Ok(Cancelled));
    }

    #[test]
    fn completed_and_cancelled_requests_accept_nothing() {
        for state in [Completed, Cancelled] {
            for action in [Take, Complete, Cancel] {
                assert_eq!(state.next(action).map_err(|e| e.code), Err("request_closed"), "{state:?} {action:?}");
            }
        }
    }

    #[test]
    fn states_round_trip_through_their_names() {
        for s in [Open, InProgress, Completed, Cancelled] {
            assert_eq!(super::RequestState::parse(s.as_str()), Some(s));
        }
        assert_eq!(super::RequestState::parse("done"), None);
    }
}
