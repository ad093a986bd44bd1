//! A pipeline's board: per stage the number of cards, their expected revenue, and the first cards
//! (open stages: longest in the stage first; closed stages: most recent first). Two queries in
//! all, whatever the number of stages: one grouped count/sum and one window-numbered page.
use super::*;
use crate::entities::{deal, lead};
use crate::repo::pipelines::Pipeline;
use sea_orm::QueryTrait;
use sea_orm::sea_query::{Asterisk, ExprTrait, Query};

/// One column of the board.
#[derive(Debug, Clone)]
pub struct Column<M> {
    pub stage: String,
    pub count: i64,
    /// Sum of the cards' expected revenue, kopecks.
    pub sum_minor: i64,
    pub cards: Vec<CardRow<M>>,
}

#[derive(Debug, FromQueryResult)]
struct StageTotals {
    stage: String,
    count: i64,
    sum_minor: Option<i64>,
}

/// The board of a lead pipeline.
pub async fn of_leads(db: &impl ConnectionTrait, scope: AccessScope, p: &Pipeline, f: &CardFilter, per_stage: u64) -> Result<Vec<Column<lead::Model>>, RepoError> {
    board::<lead::Entity, lead::Model>(db, scope, p, f, per_stage, leads_with_names()).await
}

/// The board of a deal pipeline.
pub async fn of_deals(db: &impl ConnectionTrait, scope: AccessScope, p: &Pipeline, f: &CardFilter, per_stage: u64) -> Result<Vec<Column<deal::Model>>, RepoError> {
    board::<deal::Entity, deal::Model>(db, scope, p, f, per_stage, deals_with_names()).await
}

async fn board<E, M>(db: &impl ConnectionTrait, scope: AccessScope, p: &Pipeline, f: &CardFilter, per_stage: u64, with_names: Select<E>) -> Result<Vec<Column<M>>, RepoError>
where
    E: EntityTrait,
    CardRow<M>: FromQueryResult,
    M: OnBoard,
{
    let filter = CardFilter { pipeline_id: Some(p.id()), ..f.clone() };
    let cond = card_condition::<E>(scope, &filter)?;

    let totals: Vec<StageTotals> = E::find()
        .select_only()
        .column_as(Expr::col(Alias::new("stage")), "stage")
        .column_as(Expr::col(Asterisk).count(), "count")
        // SUM(bigint) is numeric on PostgreSQL; the cast keeps it an integer on both databases.
        .column_as(Expr::cust("CAST(SUM(expected_revenue_minor) AS BIGINT)"), "sum_minor")
        .filter(cond.clone())
        .group_by(Expr::col(Alias::new("stage")))
        .into_model::<StageTotals>()
        .all(db)
        .await?;

    // Open stages: oldest entry first (stuck cards on top); closed ones: newest first. The window
    // numbers narrow rows only; the chosen cards are then read with their names by id.
    let numbered = E::find()
        .select_only()
        .column_as(Expr::col(Alias::new("id")), "id")
        .filter(cond)
        .into_query()
        .expr_as(
            Expr::cust(
                "ROW_NUMBER() OVER (PARTITION BY stage ORDER BY CASE WHEN status = 'open' THEN stage_entered_at END ASC, \
                 stage_entered_at DESC, id ASC)",
            ),
            Alias::new("rn"),
        )
        .to_owned();
    let chosen = Query::select()
        .column(Alias::new("id"))
        .from_subquery(numbered, Alias::new("numbered"))
        .and_where(Expr::col(Alias::new("rn")).lte(per_stage as i64))
        .to_owned();
    let rows = with_names.filter(column::<E>("id")?.in_subquery(chosen)).into_model::<CardRow<M>>().all(db).await?;

    let mut columns: Vec<Column<M>> = p
        .def
        .stages
        .iter()
        .map(|s| {
            let t = totals.iter().find(|t| t.stage == s.code);
            Column { stage: s.code.clone(), count: t.map_or(0, |t| t.count), sum_minor: t.and_then(|t| t.sum_minor).unwrap_or(0), cards: vec![] }
        })
        .collect();
    for row in rows {
        if let Some(col) = columns.iter_mut().find(|c| c.stage == row.row.stage_of()) {
            col.cards.push(row);
        }
    }
    for col in &mut columns {
        col.cards.sort_by_key(|c| c.row.board_key());
    }
    Ok(columns)
}

/// Where a card stands in its column.
pub(crate) trait OnBoard {
    fn stage_of(&self) -> &str;
    fn open_and_entered(&self) -> (bool, chrono::DateTime<chrono::Utc>, Uuid);

    /// The column order as one total key: open cards longest-waiting first, closed ones newest
    /// first, then by id. (A comparator that looked only at one side's status was no total
    /// order when open and closed cards met, and Rust's sort panics on that.)
    fn board_key(&self) -> (bool, i64, Uuid) {
        let (open, entered, id) = self.open_and_entered();
        let micros = entered.timestamp_micros();
        (!open, if open { micros } else { -micros }, id)
    }
}

impl OnBoard for lead::Model {
    fn stage_of(&self) -> &str {
        &self.stage
    }
    fn open_and_entered(&self) -> (bool, chrono::DateTime<chrono::Utc>, Uuid) {
        (self.status == domain::sales::CardStatus::Open.as_str(), self.stage_entered_at, self.id)
    }
}

impl OnBoard for deal::Model {
    fn stage_of(&self) -> &str {
        &self.stage
    }
    fn open_and_entered(&self) -> (bool, chrono::DateTime<chrono::Utc>, Uuid) {
        (self.status == domain::sales::CardStatus::Open.as_str(), self.stage_entered_at, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::OnBoard;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    struct C(bool, i64, u128);
    impl OnBoard for C {
        fn stage_of(&self) -> &str {
            "s"
        }
        fn open_and_entered(&self) -> (bool, chrono::DateTime<chrono::Utc>, Uuid) {
            (self.0, Utc.timestamp_opt(self.1, 0).single().expect("time"), Uuid::from_u128(self.2))
        }
    }

    /// The crash found by fuzzing: every second of 21 cards lost, then sorted together.
    #[test]
    fn board_order_is_a_total_order_when_open_and_closed_cards_mix() {
        let mut cards: Vec<C> = (0..21).map(|i| C(i % 2 == 0, 1_000 + (i * 7919 % 23) as i64, i as u128)).collect();
        cards.sort_by_key(|c| c.board_key());
        let (open, closed): (Vec<&C>, Vec<&C>) = cards.iter().partition(|c| c.0);
        assert_eq!(open.len(), 11);
        assert!(cards[..11].iter().all(|c| c.0), "open cards first");
        assert!(open.windows(2).all(|w| w[0].1 <= w[1].1), "open: longest waiting first");
        assert!(closed.windows(2).all(|w| w[0].1 >= w[1].1), "closed: newest first");
    }
}
