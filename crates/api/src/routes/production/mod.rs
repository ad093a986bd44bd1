//! Productions (issue 12): `/productions` with each production's profile.
pub mod profiles;
