//! Productions (issue 12): `/productions` with each production's profile, and the production
//! orders.
pub mod orders;
pub mod profiles;
