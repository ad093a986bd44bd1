//! Identity: sessions (login, refresh, logout), accounts, integrators' API keys, organizations
//! and the staff people pick from.
pub mod api_keys;
pub mod organizations;
pub mod sessions;
pub mod users;
