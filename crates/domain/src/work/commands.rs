//! What people ask of the work area, already checked (see `crate::sales::commands`).
use chrono::{DateTime, NaiveDate, Utc};

use super::TaskKind;
use crate::pipelines::RequestKind;
use crate::sales::CardId;
use crate::{Money, Role, UserId};

/// A request a manager opens by hand on a deal.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: RequestKind,
    /// What the department needs to know (volume, thickness, colours, the object).
    pub details: Option<String>,
    /// Default: the deal's delivery address.
    pub delivery_address: Option<String>,
}

/// A department's answer. What a kind of request needs is checked against the stored request.
#[derive(Debug, Clone, Default)]
pub struct RequestAnswer {
    pub version: i32,
    /// Delivery cost.
    pub cost: Option<Money>,
    pub carrier: Option<String>,
    pub eta_date: Option<NaiveDate>,
    pub comment: Option<String>,
}

/// Who does a task: a person, or whoever of a role takes it from the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    Person(UserId),
    Queue(Role),
}

/// A task made by a person.
#[derive(Debug, Clone)]
pub struct NewTask {
    /// The card it is about; none for a task of its own.
    pub card: Option<CardId>,
    /// The client it is about (instead of a card).
    pub client: Option<crate::ClientId>,
    pub kind: TaskKind,
    pub title: String,
    pub description: Option<String>,
    pub due_at: DateTime<Utc>,
    /// Default: the caller.
    pub assignee: Option<Assignee>,
}

/// An edit of an open task: `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct TaskChanges {
    pub version: i32,
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub kind: Option<TaskKind>,
    pub due_at: Option<DateTime<Utc>>,
    pub assignee: Option<Assignee>,
}
