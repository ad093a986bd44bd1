//! Tessera business rules: value types, roles and permissions, sales pipelines. Pure: no IO.

pub mod access;
pub mod error;
pub mod money;
pub mod pipeline;
pub mod requests;
pub mod requisites;

pub use access::{OrganizationKind, Permission, Role, sees_all_organizations};
pub use error::{FieldError, FieldErrors};
pub use money::Money;
pub use requisites::{
    AccountNumber, Bik, Email, Inn, Kpp, Ogrn, Okpo, Phone, normalize_company_name, text,
};
