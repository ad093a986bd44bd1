//! Sales: leads, deals and the board. What leads and deals take alike (list filters, a move, a
//! comment, an upload) is in `cards`; what they show alike is in `crate::views::cards`.
pub mod board;
pub mod cards;
pub mod deals;
pub mod leads;
