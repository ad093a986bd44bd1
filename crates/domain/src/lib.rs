//! Tessera business rules: value types, roles and permissions, state machines. Pure: no IO.
//!
//! One module per business area — the same names as in persistence, the use cases, the routes
//! and the web app: `identity`, `clients`, `pipelines`, `sales`, `work`. Shared value types:
//! ids, money, errors, and the [`Named`] closed value sets.

pub mod clients;
pub mod clock;
pub mod dates;
pub mod documents;
pub mod finance;
pub mod error;
pub mod identity;
pub mod ids;
pub mod money;
pub mod names;
pub mod notifications;
pub mod pipelines;
pub mod production;
pub mod sales;
pub mod search;
pub mod work;

pub use clients::{AccountNumber, Bik, Email, Inn, Kpp, Ogrn, Okpo, Phone, normalize_company_name, text};
pub use clock::{Clock, Today};
pub use error::{FieldError, FieldErrors};
pub use identity::{OrganizationKind, Permission, Role, sees_all_organizations};
pub use ids::*;
pub use money::{Currency, Money};
pub use names::Named;
