//! Productions (issue 12): `/productions` with each production's profile, the distribution of a
//! deal's tiles, the production orders, and the settlements with each production.
pub mod distribution;
pub mod orders;
pub mod profiles;
pub mod settlements;
