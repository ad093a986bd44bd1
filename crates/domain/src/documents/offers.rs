//! Commercial offers (КП) and their versions (seed 001, §2.3–2.4).
//!
//! When the client does not accept an offer the manager makes a new version; the old one is
//! replaced and no invoice may be issued from it any more.

use crate::error::FieldError;

crate::named_enum! {
    /// Where a version of an offer is.
    pub enum OfferStatus {
        Draft,
        Sent,
        /// A newer version took its place.
        Replaced,
    }
}

impl OfferStatus {
    /// Name shown to users.
    pub fn name_ru(self) -> &'static str {
        match self {
            OfferStatus::Draft => "Черновик",
            OfferStatus::Sent => "Отправлено",
            OfferStatus::Replaced => "Заменено новой версией",
        }
    }
}

/// An invoice may be issued from a draft or a sent version, never from a replaced one
/// (`newer_version` is the number of the version that replaced it, for the message).
pub fn can_invoice(status: OfferStatus, newer_version: Option<i32>) -> Result<(), FieldError> {
    match (status, newer_version) {
        (OfferStatus::Replaced, Some(v)) => Err(FieldError::new(
            "invalid_value",
            format!("Эта версия КП заменена версией {v}"),
        )),
        (OfferStatus::Replaced, None) => Err(FieldError::new(
            "invalid_value",
            "Эта версия КП заменена более новой",
        )),
        _ => Ok(()),
    }
}

/// The number of a new version: one more than the largest existing, 1 for the first.
pub fn next_version(existing: &[i32]) -> i32 {
    existing
        .iter()
        .copied()
        .max()
        .map_or(1, |v| v.saturating_add(1).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offer_status_names_agree_between_serde_and_strum() {
        crate::names::assert_names_agree::<OfferStatus>();
    }

    #[test]
    fn an_invoice_from_a_replaced_version_is_refused_naming_the_newer_version() {
        let e = can_invoice(OfferStatus::Replaced, Some(3)).expect_err("replaced");
        assert_eq!(e.message, "Эта версия КП заменена версией 3");
        assert!(can_invoice(OfferStatus::Replaced, None).is_err());
    }

    #[test]
    fn an_invoice_from_a_draft_or_sent_version_is_allowed() {
        assert_eq!(can_invoice(OfferStatus::Draft, None), Ok(()));
        assert_eq!(can_invoice(OfferStatus::Sent, None), Ok(()));
    }

    #[test]
    fn the_next_version_follows_the_largest_existing_one() {
        assert_eq!(next_version(&[]), 1);
        assert_eq!(next_version(&[1]), 2);
        assert_eq!(next_version(&[1, 3, 2]), 4, "a gap is not refilled");
    }
}
