//! A task: a call, a meeting, anything with a due time, on a person's list or in a role's queue,
//! about a card or on its own. A task a pipeline stage created completes a fact on its card.
//!
//! ```mermaid
//! stateDiagram-v2
//!     [*] --> open
//!     open --> open: edit (title, due time, assignee)
//!     open --> done: complete
//!     open --> cancelled: cancel (its card was closed)
//!     done --> [*]
//!     cancelled --> [*]
//! ```
use crate::error::FieldError;

crate::named_enum! {
    /// open | done | cancelled
    pub enum TaskStatus {
        Open,
        Done,
        Cancelled,
    }
}

/// What a task asks for (defined with the pipelines, whose stages set it on their tasks).
pub use crate::pipelines::TaskKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskAction {
    /// Change the title, the description, the due time or who does it.
    Edit,
    Complete,
    /// The card it is about was won or lost: nothing more to do.
    Cancel,
}

impl TaskStatus {
    /// The allow-list of a task's life; every other pair is refused.
    pub fn next(self, action: TaskAction) -> Result<TaskStatus, FieldError> {
        use TaskAction::*;
        use TaskStatus::*;
        match (self, action) {
            (Open, Edit) => Ok(Open),
            (Open, Complete) => Ok(Done),
            (Open, Cancel) => Ok(Cancelled),
            (Done | Cancelled, _) => Err(FieldError::new("task_closed", "Задача уже закрыта")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TaskAction::*;
    use super::TaskStatus::*;

    #[test]
    fn an_open_task_is_edited_then_completed() {
        assert_eq!(Open.next(Edit), Ok(Open));
        assert_eq!(Open.next(Complete), Ok(Done));
    }

    #[test]
    fn a_closed_cards_open_tasks_are_cancelled() {
        assert_eq!(Open.next(Cancel), Ok(Cancelled));
    }

    #[test]
    fn done_and_cancelled_tasks_accept_nothing() {
        for state in [Done, Cancelled] {
            for action in [Edit, Complete, Cancel] {
                assert_eq!(state.next(action).map_err(|e| e.code), Err("task_closed"), "{state:?} {action:?}");
            }
        }
    }

    #[test]
    fn task_value_sets_have_their_documented_names() {
        crate::names::assert_names_agree::<super::TaskStatus>();
        crate::names::assert_names_agree::<super::TaskKind>();
    }
}
