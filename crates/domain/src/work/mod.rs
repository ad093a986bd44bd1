//! Work between departments: requests a deal sends to another department's queue (delivery cost
//! to the logisticians, a mock-up to the designer) and tasks on people's lists and roles' queues.
//! Each has its own small state machine.

pub mod commands;
mod requests;
mod tasks;

pub use crate::pipelines::RequestKind;
pub use requests::{RequestAction, RequestState};
pub use tasks::{TaskAction, TaskKind, TaskStatus};
