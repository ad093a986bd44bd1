//! Closed value sets — statuses, kinds, roles — are enums that travel and are stored as
//! snake_case names. [`named_enum!`] declares one: strum derives the names, serde agrees with
//! them, and every value set gets the same `as_str`, `parse` and `ALL` (and [`Named`] for code
//! that works over any of them).

/// The name of each value of a closed set, and back.
pub trait Named: Sized + Copy + 'static {
    /// The stored and exchanged name (`"in_progress"`).
    fn as_str(self) -> &'static str;
    /// Exactly one of the names, or nothing.
    fn parse(name: &str) -> Option<Self>;
    /// Every value, in declaration order.
    fn all() -> &'static [Self];

    /// «Допустимые значения: a, b, c» — what a person is told when a name is wrong.
    fn allowed_ru() -> String {
        let names: Vec<&str> = Self::all().iter().map(|v| v.as_str()).collect();
        format!("Допустимые значения: {}", names.join(", "))
    }
}

/// Declares a closed value set: serde and strum both use the snake_case names, and the OpenAPI
/// schema lists them. `Named` then gives `as_str`, `parse` and `all`.
#[macro_export]
macro_rules! named_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
        )]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stored and exchanged name.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Exactly one of the names, or nothing.
            pub fn parse(name: &str) -> Option<$name> {
                name.parse().ok()
            }
        }

        impl $crate::Named for $name {
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn parse(name: &str) -> Option<Self> {
                $name::parse(name)
            }
            fn all() -> &'static [Self] {
                $name::ALL
            }
        }
    };
}

/// For tests: serde and strum agree on every name, and names round-trip.
#[cfg(test)]
pub(crate) fn assert_names_agree<T: Named + serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>() {
    for v in T::all() {
        assert_eq!(serde_json::to_value(v).ok(), Some(serde_json::json!(v.as_str())), "{v:?}");
        assert_eq!(T::parse(v.as_str()), Some(*v));
        assert_eq!(serde_json::from_value::<T>(serde_json::json!(v.as_str())).ok(), Some(*v));
    }
    assert_eq!(T::parse(""), None);
}
