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
/// offers: (tile type, thickness mm, price ₽/m² in kopecks))
type Row = (i64, &'static [i64], &'static str, i64, &'static str, &'static str, &'static str, &'static [(&'static str, i64, i64)]);

#[rustfmt::skip]
const PROFILES: [Row; 3] = [
    (400, &[1, 2, 3, 4, 5, 6], "fifty_fifty", 24, "Гаврилов Олег Петрович", "+73432345690", "zakaz@plitka-ural.demo",
     &[("Плитка", 20, 990_00), ("Плитка", 30, 1_190_00), ("Плитка", 40, 1_380_00), ("Бордюр", 50, 2_350_00)]),
    (250, &[1, 2, 3, 4, 5], "prepayment", 48, "Кравцов Денис Юрьевич", "+73832345690", "orders@sibpokrytie.demo",
     &[("Плитка", 30, 1_340_00), ("Плитка", 40, 1_590_00)]),
    (600, &[1, 2, 3, 4, 5, 6, 7], "after_shipment", 12, "Ткаченко Роман Александрович", "+78612345690", "zakaz@kuban-plitka.demo",
     &[("Плитка", 20, 1_090_00), ("Плитка", 30, 1_290_00), ("Плитка", 40, 1_490_00), ("Бордюр", 50, 2_490_00)]),
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
                .map(|(t, th, price)| OfferDraft { tile_type: (*t).into(), thickness_mm: Some(Decimal::from(*th)), price_per_m2: Some(Decimal::new(*price, 2)) })
                .collect(),
        };
        crate::app::production::profiles::put(ctx, admin, OrganizationId::from(*org), &draft, None)
            .await
            .map_err(|e| anyhow::anyhow!("demo production profile: {e:?}"))?;
    }
    Ok(())
}
