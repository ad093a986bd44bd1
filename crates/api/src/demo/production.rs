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

/// The orders «Олимп» (2 000 m², won) was made in last season, each production's share, with
/// the quality checks that give the productions their defect rates (Екатеринбург none of 6,
/// Новосибирск 1 of 4, Краснодар 1 of 10) and the settlements they left: all paid, but for
/// Краснодар's latest order, shipped and paid half — the head company owes it the rest. Written
/// straight to the tables, as history is: a day, a step.
pub async fn history(ctx: &AppState, productions: &[Uuid], olimp: Uuid) -> anyhow::Result<()> {
    use domain::production::{Actor, OrderAction as A, OrderState as S};
    use persistence::entities::{production_order, production_order_event, production_settlement};
    use persistence::repo::production::{orders, settlements};
    let olimp = persistence::repo::sales::deals::get(&ctx.db, persistence::AccessScope::All, olimp.into()).await?;
    // (production index, orders, which of them had defects, price ₽/m²)
    let plan: [(usize, usize, &[usize], i64); 3] = [(0, 6, &[], 1_190), (1, 4, &[2], 1_340), (2, 10, &[6], 1_290)];
    let now = ctx.now();
    let mut n = 0;
    for (p, count, defective, price) in plan {
        let Some(org) = productions.get(p) else { continue };
        for k in 0..count {
            n += 1;
            // Every four days, the last one's closed four days ago: all in the last 90 days.
            let start = now - chrono::Duration::days(95 - 4 * n as i64);
            let id = Uuid::now_v7();
            let quantity_milli = 140_000 + 5_000 * (k as i64 % 3);
            let amount_minor = quantity_milli * price / 10;
            let last_open = p == 2 && k + 1 == count;
            let paid_minor = if last_open { amount_minor / 2 } else { amount_minor };
            let at = |day: i64| start + chrono::Duration::days(day);
            let mut steps: Vec<(A, Option<S>, S, Actor, i64)> = vec![
                (A::Assign, None, S::Assigned, Actor::Logistician, 0),
                (A::Accept, Some(S::Assigned), S::Accepted, Actor::Production, 0),
                (A::StartProduction, Some(S::Accepted), S::InProduction, Actor::Production, 1),
                (A::MarkDone, Some(S::InProduction), S::Done, Actor::Production, 4),
            ];
            if defective.contains(&k) {
                steps.push((A::RecordDefects, Some(S::Done), S::DefectsFound, Actor::Quality, 5));
                steps.push((A::Rework, Some(S::DefectsFound), S::InProduction, Actor::Quality, 5));
                steps.push((A::MarkDone, Some(S::InProduction), S::Done, Actor::Production, 6));
            }
            steps.push((A::PassQuality, Some(S::Done), S::QualityPassed, Actor::Quality, 6));
            steps.push((A::Ship, Some(S::QualityPassed), S::Shipped, Actor::Production, 7));
            if !last_open {
                steps.push((A::ReceiveClosingDocuments, Some(S::Shipped), S::DocumentsReceived, Actor::Manager, 10));
                steps.push((A::Close, Some(S::DocumentsReceived), S::Closed, Actor::Accountant, 11));
            }
            let state = steps.last().map(|s| s.2).unwrap_or(S::Assigned);
            let row = production_order::Model {
                id, organization_id: *org, deal_id: olimp.id, state: state.as_str().into(), terms: "after_shipment".into(), tile_type: "Плитка".into(),
                thickness_milli: 40_000, quantity_milli, price_minor: price * 100, due_date: at(9).date_naive(), delivery_address: "г. Москва, Олимпийский пр-т, 16".into(),
                delivery_contact: None, accept_by: at(1), paid_minor, deduction_minor: 0, defects_description: None, defects_quantity_milli: None, defects_at: None,
                carrier: Some("Деловые линии".into()), waybill: Some(format!("ДЛ-{}", 400_100 + n)), shipping_cost_minor: Some(1_850_000), shipped_at: Some(at(7)),
                closing_documents_file_id: None, reason: None, created_by: None, created_at: at(0), updated_at: at(11), version: steps.len() as i32,
                number: Some(format!("{}-{n}", olimp.number)), eta: Some(at(10).date_naive()), defects_kind: None,
            };
            orders::insert(&ctx.db, row).await?;
            for (action, from, to, actor, day) in steps {
                let data = match action {
                    A::RecordDefects => Some(serde_json::json!({"action": "record_defects", "kind": "colour", "description": "Оттенок партии отличается от образца", "quantity": "20"})),
                    A::PassQuality => Some(serde_json::json!({"action": "pass_quality", "checklist": {"thickness": true, "colour": true, "count": true, "packaging": true}})),
                    _ => None,
                };
                orders::insert_event(&ctx.db, production_order_event::Model {
                    id: Uuid::now_v7(), order_id: id, action: action.as_str().into(), from_state: from.map(|s| s.as_str().into()), to_state: to.as_str().into(),
                    actor_id: None, actor_role: actor.as_str().into(), at: at(day), data: data.map(|d| d.to_string()),
                })
                .await?;
            }
            let number = format!("{}-{n}", olimp.number);
            let mut rows = vec![("order_owed", "production_order", id, amount_minor, 7, format!("Заказ № {number}"))];
            rows.push(("payment_made", "order_step", Uuid::now_v7(), paid_minor, if last_open { 8 } else { 11 }, format!("Оплата по заказу № {number}")));
            for (kind, source_type, source_id, amount_minor, day, document) in rows {
                settlements::insert(&ctx.db, production_settlement::Model {
                    id: Uuid::now_v7(), organization_id: *org, on_date: at(day).date_naive(), kind: kind.into(), amount_minor, source_type: source_type.into(),
                    source_id, order_id: Some(id), document, note: None, created_by: None, created_at: at(day),
                })
                .await?;
            }
        }
    }
    Ok(())
}
