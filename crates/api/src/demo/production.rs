//! Demo productions' profiles, entered through the real use case, with real trade-offs for the
//! ranking: Екатеринбург is cheap and works six days at 50/50; Новосибирск is small, dear, makes
//! only the thick tiles, works Monday to Friday and wants prepayment; Краснодар is the largest,
//! mid-priced, works every day and is paid after shipment. The tiles are the catalogue's.
use crate::AppState;
use crate::auth::Credentials;
use domain::OrganizationId;
use domain::production::{OfferDraft, ProfileDraft};
use rust_decimal::Decimal;
use uuid::Uuid;

/// (capacity m²/day, ISO working days, terms, acceptance hours, contact name, phone, e-mail,
/// offers: (tile type, thickness mm, price ₽/m²))
type Row = (i64, &'static [i64], &'static str, i64, &'static str, &'static str, &'static str, &'static [(&'static str, i64, i64)]);

#[rustfmt::skip]
const PROFILES: [Row; 3] = [
    (400, &[1, 2, 3, 4, 5, 6], "fifty_fifty", 24, "Гаврилов Олег Петрович", "+73432345690", "zakaz@plitka-ural.demo",
     &[("Плитка", 20, 990), ("Плитка", 30, 1_190), ("Плитка", 40, 1_380), ("Бордюр", 50, 2_350)]),
    (250, &[1, 2, 3, 4, 5], "prepayment", 48, "Кравцов Денис Юрьевич", "+73832345690", "orders@sibpokrytie.demo",
     &[("Плитка", 30, 1_340), ("Плитка", 40, 1_590)]),
    (600, &[1, 2, 3, 4, 5, 6, 7], "after_shipment", 12, "Ткаченко Роман Александрович", "+78612345690", "zakaz@kuban-plitka.demo",
     &[("Плитка", 20, 1_090), ("Плитка", 30, 1_290), ("Плитка", 40, 1_490), ("Бордюр", 50, 2_490)]),
];

/// Profiles for the productions, in the demo's order (Екатеринбург, Новосибирск, Краснодар).
pub async fn seed(ctx: &AppState, admin: &Credentials, productions: &[Uuid]) -> anyhow::Result<()> {
    for (org, (capacity, days, terms, hours, name, phone, email, offers)) in productions.iter().zip(PROFILES) {
        let draft = ProfileDraft {
            daily_capacity_m2: Some(Decimal::from(capacity)),
            working_days: days.to_vec(),
            payment_terms: terms.into(),
            acceptance_hours: Some(hours),
            contact_name: Some(name.into()),
            contact_phone: Some(phone.into()),
            contact_email: Some(email.into()),
            offers: offers
                .iter()
                .map(|(t, th, price)| OfferDraft { tile_type: (*t).into(), thickness_mm: Some(Decimal::from(*th)), price_per_m2: Some(Decimal::from(*price)) })
                .collect(),
        };
        crate::app::production::profiles::put(ctx, admin, OrganizationId::from(*org), &draft, None)
            .await
            .map_err(|e| anyhow::anyhow!("demo production profile: {e:?}"))?;
    }
    Ok(())
}
