//! Identity: sessions, accounts, API keys, organizations, staff.
pub mod api_keys;
pub mod auth;
pub mod organizations;
pub mod staff;
pub mod users;
