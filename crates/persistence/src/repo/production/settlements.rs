//! The settlements ledger between the head company and each production: one row per source
//! document and kind (the unique index refuses a second), in the production's scope. Balances are
//! summed by the database — a year of 100,000 rows comes back as a handful of sums per production
//! — and the domain turns the sums into balances (`domain::production::ledger`).
use crate::entities::{production_order, production_settlement};
use crate::repo::*;
use chrono::NaiveDate;
use domain::production::OrderState;
use sea_orm::sea_query::Expr;
use sea_orm::{QueryOrder, QuerySelect};

/// Writes a row in the caller's transaction. A second row for the same source and kind is
/// [`RepoError::Duplicate`]`("production_settlements_source")`.
pub async fn insert(db: &impl ConnectionTrait, row: production_settlement::Model) -> Result<(), RepoError> {
    production_settlement::Entity::insert(row.into_active_model())
        .exec_without_returning(db)
        .await
        .map_err(|e| unique_as(e, "production_settlements_source"))?;
    Ok(())
}

/// The sum of one production's rows of one kind, before the period or within it.
#[derive(Debug, Clone)]
pub struct Sum {
    pub organization_id: Uuid,
    pub kind: String,
    /// Dated before the period (the opening balance), or within it.
    pub before_period: bool,
    pub amount_minor: i64,
}

/// The rows up to `to`, summed per production, kind and whether they are before `from`: what a
/// period's balances are made of. `production` narrows to one production. Two grouped reads —
/// before the period and within it — each walking the covering index
/// `(organization_id, kind, on_date, amount_minor)` in its grouping order, so neither sorts.
pub async fn sums(db: &impl ConnectionTrait, scope: AccessScope, production: Option<Uuid>, from: NaiveDate, to: NaiveDate) -> Result<Vec<Sum>, RepoError> {
    use production_settlement::Column as C;
    let mut out = Vec::new();
    for before in [true, false] {
        let mut q = production_settlement::Entity::find()
            .select_only()
            .column(C::OrganizationId)
            .column(C::Kind)
            // SUM(bigint) is numeric on PostgreSQL; the cast keeps it an integer on both databases.
            .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "amount_minor")
            .filter(scoped(scope, C::OrganizationId));
        q = if before { q.filter(C::OnDate.lt(from)) } else { q.filter(C::OnDate.gte(from)).filter(C::OnDate.lte(to)) };
        if let Some(p) = production {
            q = q.filter(C::OrganizationId.eq(p));
        }
        let rows: Vec<(Uuid, String, i64)> = q.group_by(C::OrganizationId).group_by(C::Kind).into_tuple().all(db).await?;
        out.extend(rows.into_iter().map(|(organization_id, kind, amount_minor)| Sum { organization_id, kind, before_period: before, amount_minor }));
    }
    Ok(out)
}

/// One production's rows dated within the period, by date and then as written.
pub async fn rows(db: &impl ConnectionTrait, scope: AccessScope, production: Uuid, from: NaiveDate, to: NaiveDate) -> Result<Vec<production_settlement::Model>, RepoError> {
    use production_settlement::Column as C;
    Ok(production_settlement::Entity::find()
        .filter(scoped(scope, C::OrganizationId))
        .filter(C::OrganizationId.eq(production))
        .filter(C::OnDate.gte(from))
        .filter(C::OnDate.lte(to))
        .order_by_asc(C::OnDate)
        .order_by_asc(C::CreatedAt)
        .order_by_asc(C::Id)
        .all(db)
        .await?)
}

/// The rows of one order (any scope the caller already checked), as written.
pub async fn of_order(db: &impl ConnectionTrait, order: Uuid) -> Result<Vec<production_settlement::Model>, RepoError> {
    use production_settlement::Column as C;
    Ok(production_settlement::Entity::find().filter(C::OrderId.eq(order)).order_by_asc(C::CreatedAt).order_by_asc(C::Id).all(db).await?)
}

/// The open orders in scope (not closed, declined or cancelled): what the head company has yet to
/// pay for makes the open obligations.
pub async fn open_orders(db: &impl ConnectionTrait, scope: AccessScope, production: Option<Uuid>) -> Result<Vec<production_order::Model>, RepoError> {
    use production_order::Column as O;
    let mut q = production_order::Entity::find()
        .filter(scoped(scope, O::OrganizationId))
        .filter(O::State.is_not_in([OrderState::Closed, OrderState::Declined, OrderState::Cancelled].map(OrderState::as_str)));
    if let Some(p) = production {
        q = q.filter(O::OrganizationId.eq(p));
    }
    Ok(q.all(db).await?)
}
