//! Tile fulfilment through the franchise network (issue 12): the productions' profiles and the
//! orders given to them.
pub mod orders;
pub mod profiles;
