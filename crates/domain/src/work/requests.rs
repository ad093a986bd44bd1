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
use crate::pipelines::RequestStatus;

crate::named_enum! {
    pub enum RequestState {
        Open,
        InProgress,
        Completed,
        Cancelled,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestAction {
    Take,
    Complete,
    Cancel,
}

impl RequestState {
    /// Open or being worked on: the department still owes an answer.
    pub const ACTIVE: [RequestState; 2] = [RequestState::Open, RequestState::InProgress];

    /// What the pipeline engine sees: a taken request is still open to it.
    pub fn engine_status(self) -> RequestStatus {
        match self {
            RequestState::Open | RequestState::InProgress => RequestStatus::Open,
            RequestState::Completed => RequestStatus::Completed,
            RequestState::Cancelled => RequestStatus::Cancelled,
        }
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
        crate::names::assert_names_agree::<super::RequestState>();
        assert_eq!(super::RequestState::parse("done"), None);
    }

    #[test]
    fn the_engine_sees_a_taken_request_as_open() {
        use crate::pipelines::RequestStatus;
        assert_eq!(Open.engine_status(), RequestStatus::Open);
        assert_eq!(InProgress.engine_status(), RequestStatus::Open);
        assert_eq!(Completed.engine_status(), RequestStatus::Completed);
        assert_eq!(Cancelled.engine_status(), RequestStatus::Cancelled);
    }
}
