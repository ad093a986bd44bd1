//! What is new for a person: their notifications, and the live stream of changes.
pub mod events;
pub mod notifications;
