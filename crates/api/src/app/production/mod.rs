//! Tile fulfilment through the franchise network (issue 12): the productions' profiles so far.
pub mod profiles;
