//! A pipeline's board: per stage the number of cards, their expected revenue, and the first cards
//! (open stages: longest in the stage first; closed stages: most recent first). Two queries in
//! all, whatever the number of stages: one grouped count/sum and one window-numbered page.
use super::cards::Pipeline;
use super::sales::{CardFilter, card_condition};
use super::*;
use crate::entities::{deal, lead};
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Query};
use sea_orm::{FromQueryResult, QueryTrait};

/// One column of the board.
#[derive(Debug, Clone)]
pub struct Column<M> {
    pub stage: String,
    pub count: i64,
    /// Sum of the cards' expected revenue, kopecks.
    pub sum_minor: i64,
    pub cards: Vec<M>,
}

#[derive(Debug, FromQueryResult)]
struct StageTotals {
    stage: String,
    count: i64,
    sum_minor: Option<i64>,
}

/// The board of a lead pipeline.
pub async fn lead_board(db: &DatabaseConnection, scope: AccessScope, p: &Pipeline, f: &CardFilter, per_stage: u64) -> Result<Vec<Column<lead::Model>>, RepoError> {
    board::<lead::Entity>(db, scope, p, f, per_stage).await
}

/// The board of a deal pipeline.
pub async fn deal_board(db: &DatabaseConnection, scope: AccessScope, p: &Pipeline, f: &CardFilter, per_stage: u64) -> Result<Vec<Column<deal::Model>>, RepoError> {
    board::<deal::Entity>(db, scope, p, f, per_stage).await
}

async fn board<E>(db: &DatabaseConnection, scope: AccessScope, p: &Pipeline, f: &CardFilter, per_stage: u64) -> Result<Vec<Column<E::Model>>, RepoError>
where
    E: EntityTrait,
    E::Model: FromQueryResult + StageOf,
{
    let filter = CardFilter { pipeline_id: Some(p.row.id), ..f.clone() };
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
    // numbers narrow rows only; the chosen cards are then read whole by id.
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
    let page = E::find().filter(Expr::col(Alias::new("id")).in_subquery(chosen)).into_query();
    let backend = db.get_database_backend();
    let mut rows = E::Model::find_by_statement(backend.build(&page)).all(db).await?;
    rows.sort_by(|a, b| a.board_order(b));

    let mut columns: Vec<Column<E::Model>> = p
        .def
        .stages
        .iter()
        .map(|s| {
            let t = totals.iter().find(|t| t.stage == s.code);
            Column { stage: s.code.clone(), count: t.map_or(0, |t| t.count), sum_minor: t.and_then(|t| t.sum_minor).unwrap_or(0), cards: vec![] }
        })
        .collect();
    for row in rows {
        if let Some(col) = columns.iter_mut().find(|c| c.stage == row.stage_of()) {
            col.cards.push(row);
        }
    }
    Ok(columns)
}

pub(crate) trait StageOf {
    fn stage_of(&self) -> &str;
    fn open_and_entered(&self) -> (bool, chrono::DateTime<chrono::Utc>, Uuid);

    /// The column order: open stages longest-waiting first, closed ones newest first.
    fn board_order(&self, other: &Self) -> std::cmp::Ordering {
        let ((open, a, ida), (_, b, idb)) = (self.open_and_entered(), other.open_and_entered());
        if open { a.cmp(&b).then(ida.cmp(&idb)) } else { b.cmp(&a).then(ida.cmp(&idb)) }
    }
}
impl StageOf for lead::Model {
    fn stage_of(&self) -> &str {
        &self.stage
    }
    fn open_and_entered(&self) -> (bool, chrono::DateTime<chrono::Utc>, Uuid) {
        (self.status == "open", self.stage_entered_at, self.id)
    }
}
impl StageOf for deal::Model {
    fn stage_of(&self) -> &str {
        &self.stage
    }
    fn open_and_entered(&self) -> (bool, chrono::DateTime<chrono::Utc>, Uuid) {
        (self.status == "open", self.stage_entered_at, self.id)
    }
}
