//! Productions: the profiles the head company keeps of its franchise productions and the orders
//! given to them. A production's own people see only their organization's (its scope), another
//! production's is not there. The settlements ledger with each production is here too.
pub mod orders;
pub mod profiles;
pub mod settlements;
