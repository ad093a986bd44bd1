//! Work between departments: requests in the departments' queues and tasks on people's lists.
pub mod requests;
pub mod tasks;
