//! Tile fulfilment through the franchise network (issue 12): the productions' profiles, the
//! distribution of a deal's tiles among them, the orders given to them and the settlements with
//! each.
pub mod bank;
pub mod distribution;
pub mod orders;
pub mod profiles;
pub mod reconciliation;
pub mod settlements;
