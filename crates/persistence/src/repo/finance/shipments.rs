//! Shipments (реализация): what was shipped against an invoice's lines.
use std::collections::HashMap;

use super::CHUNK;
use crate::entities::{shipment, shipment_line};
use crate::repo::*;
use domain::DealId;
use sea_orm::sea_query::Expr;
use sea_orm::{QueryOrder, QuerySelect};

pub async fn insert(db: &impl ConnectionTrait, s: shipment::Model, lines: Vec<shipment_line::Model>) -> Result<shipment::Model, RepoError> {
    let saved = s.into_active_model().insert(db).await?;
    for l in lines {
        l.into_active_model().insert(db).await?;
    }
    Ok(saved)
}

/// A deal's shipments with their lines, oldest first.
pub async fn of_deal(db: &impl ConnectionTrait, deal: DealId) -> Result<Vec<(shipment::Model, Vec<shipment_line::Model>)>, RepoError> {
    use shipment::Column as C;
    let ships = shipment::Entity::find().filter(C::DealId.eq(Uuid::from(deal))).order_by_asc(C::ShippedOn).order_by_asc(C::CreatedAt).all(db).await?;
    let ids: Vec<Uuid> = ships.iter().map(|s| s.id).collect();
    let mut lines: HashMap<Uuid, Vec<shipment_line::Model>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        for l in shipment_line::Entity::find().filter(shipment_line::Column::ShipmentId.is_in(chunk.iter().copied())).all(db).await? {
            lines.entry(l.shipment_id).or_default().push(l);
        }
    }
    Ok(ships.into_iter().map(|s| {
        let l = lines.remove(&s.id).unwrap_or_default();
        (s, l)
    }).collect())
}

/// Shipments of these invoices, oldest first.
pub async fn of_invoices(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<shipment::Model>, RepoError> {
    use shipment::Column as C;
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        out.extend(shipment::Entity::find().filter(C::InvoiceId.is_in(chunk.iter().copied())).order_by_asc(C::ShippedOn).all(db).await?);
    }
    Ok(out)
}

/// How much of each of these document lines was shipped, in thousandths.
pub async fn shipped_by_line(db: &impl ConnectionTrait, line_ids: &[Uuid]) -> Result<HashMap<Uuid, i64>, RepoError> {
    use shipment_line::Column as C;
    let mut out = HashMap::new();
    for chunk in line_ids.chunks(CHUNK) {
        let rows: Vec<(Uuid, Option<i64>)> = shipment_line::Entity::find()
            .select_only()
            .column(C::LineId)
            .column_as(Expr::cust("CAST(SUM(quantity_milli) AS BIGINT)"), "shipped")
            .filter(C::LineId.is_in(chunk.iter().copied()))
            .group_by(C::LineId)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, s)| (id, s.unwrap_or(0))));
    }
    Ok(out)
}
