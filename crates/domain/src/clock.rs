//! Time comes from one injectable clock, so tests move time instead of sleeping. The domain only
//! names the interface; the server chooses the clock (the system's, or a test clock).

use chrono::{DateTime, Utc};

/// Now, as the whole system sees it.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// Today's date, for rules about dates a person types (a payment not in the future, a delivery
/// not in the past): the API converts a request into a command against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today(pub chrono::NaiveDate);
