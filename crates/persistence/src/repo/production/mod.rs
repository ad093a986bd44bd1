//! Productions: the profiles the head company keeps of its franchise productions. A production's
//! own people see only their organization's (its scope), another production's is not there.
pub mod profiles;
