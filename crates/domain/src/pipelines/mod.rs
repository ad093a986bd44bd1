//! Pipelines (funnels): one engine for lead funnels, deal funnels and pipelines an admin
//! defines at run time.
//!
//! - [`PipelineDefinition`]: the stages (board columns) and the transition table — the
//!   allow-list of moves, each row with its guards and, optionally, the fact it moves on by
//!   itself. Stored as JSON; [`PipelineDefinition::validate`] checks one an admin wrote.
//! - [`transition`]: a card's [`CardState`] + a [`Command`] (a person's move, or a recorded
//!   [`Fact`]) → the next state and the [`Event`]s to act on, or a [`TransitionError`] listing
//!   every failing guard. [`moves`] lists where a card can go and what stops it.
//! - `messages`: every Russian text the engine shows (refusals, guards, facts).
//! - The customer's funnels are sales rules: `crate::sales` ([`crate::sales::lead_funnel`],
//!   [`crate::sales::tile_deal_funnel`]), written with the row shapes of `table`.
//!
//! The engine never reads card field values, tasks or requests: the caller says which fields
//! are filled, which checklist items ticked, and the status of the latest request of each kind.

pub mod commands;
pub(crate) mod definition;
mod engine;
mod fields;
mod loss;
mod mermaid;
mod messages;
pub(crate) mod table;

pub use definition::{
    ANY_OPEN_STAGE, ChecklistItem, DocumentFact, Due, Effect, Fact, FactKind, FinanceFact, Guard, ProductionFact, PipelineDefinition,
    PipelineKind, RequestKind, Stage, StageKind, TaskAssignee, TaskKind, Transition,
};
pub use engine::{
    CardState, Command, Event, GuardFailure, MoveOption, Outcome, RequestStatus, TransitionError,
    moves, new_card, transition,
};
pub use fields::{CardField, FieldKind, field, fields_for};
pub use loss::{LOSS_REASONS, Loss, LossReason, OTHER_REASON, reason_info};
#[cfg(all(test, feature = "openapi"))]
mod openapi_tests {
    use serde_json::json;
    use utoipa::PartialSchema;

    use super::*;

    fn schema<T: PartialSchema>() -> serde_json::Value {
        serde_json::to_value(T::schema()).expect("schema serialises")
    }

    #[test]
    fn schemas_match_the_serde_shapes() {
        let fact = schema::<Fact>();
        assert_eq!(fact["type"], "string");
        let transition = schema::<Transition>();
        assert_eq!(transition["required"], json!(["from", "to"]));
        assert_eq!(transition["properties"]["manual"]["default"], json!(true));
        let card = schema::<CardState>();
        assert_eq!(card["properties"]["entered_at"]["type"], "string");
        assert_eq!(card["properties"]["entered_at"]["format"], "date-time");
        assert_eq!(
            card["properties"]["requests"]["propertyNames"]["enum"],
            json!(["delivery_cost", "design"])
        );
        let guard = schema::<Guard>();
        assert_eq!(
            guard["oneOf"][0]["properties"]["type"]["enum"],
            json!(["roles"])
        );
        let failure = schema::<GuardFailure>();
        assert_eq!(
            failure["oneOf"][7]["properties"]["type"]["enum"],
            json!(["loss_required"])
        );
        let role = schema::<crate::Role>();
        assert_eq!(role["enum"][0], "admin");
        for s in [
            schema::<Event>(),
            schema::<Effect>(),
            schema::<Due>(),
            schema::<TaskAssignee>(),
        ] {
            assert!(s["oneOf"].is_array());
        }
        for s in [
            schema::<PipelineDefinition>(),
            schema::<Stage>(),
            schema::<Loss>(),
            schema::<MoveOption>(),
            schema::<Outcome>(),
            schema::<CardField>(),
            schema::<LossReason>(),
            schema::<ChecklistItem>(),
        ] {
            assert_eq!(s["type"], "object");
        }
    }
}
