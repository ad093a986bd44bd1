//! Work between departments: requests in their queues, tasks on people's lists.
pub mod requests;
pub mod tasks;
