//! A pipeline's board: per stage the number of cards, their expected revenue, and the first cards
//! (open stages: longest in the stage first; closed stages: most recent first).
//!
//! Two queries, whatever the number of cards: the counts and sums per stage — from the counters
//! the database keeps (`card_counts`) when the filter is by responsible person at most, else
//! counted from the cards — then for each stage that has cards the first `per_stage` of them,
//! each an index range with a LIMIT, in one `UNION ALL`, reading only the columns a card on the
//! board shows.
use super::*;
use crate::entities::{card_count, deal, lead, pipeline};
use crate::repo::pipelines::{Cache, Pipeline};
use domain::PipelineId;
use std::sync::Arc;
use sea_orm::{QueryOrder, QueryTrait};
use sea_orm::sea_query::{Asterisk, ExprTrait, Order, SelectStatement};
use sea_orm::{DbBackend, Statement};

/// One column of the board.
#[derive(Debug, Clone)]
pub struct Column {
    pub stage: String,
    pub count: i64,
    /// Sum of the cards' expected revenue, kopecks.
    pub sum_minor: i64,
    pub cards: Vec<BoardCard>,
}

/// A card as the board shows it (the lead-only fields are empty on a deal).
#[derive(Debug, Clone, FromQueryResult)]
pub struct BoardCard {
    pub id: Uuid,
    pub number: i64,
    pub title: String,
    pub pipeline_id: Uuid,
    pub stage: String,
    pub stage_entered_at: chrono::DateTime<chrono::Utc>,
    pub status: String,
    pub organization_id: Uuid,
    pub client_id: Option<Uuid>,
    pub client_name: Option<String>,
    pub contact_name: Option<String>,
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub responsible_id: Option<Uuid>,
    pub responsible_name: Option<String>,
    pub expected_revenue_minor: Option<i64>,
    pub channel: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub version: i32,
}

impl BoardCard {
    pub fn status(&self) -> Result<CardStatus, RepoError> {
        named(&self.status)
    }

    pub fn channel(&self) -> Result<Channel, RepoError> {
        named(&self.channel)
    }
}

#[derive(Debug, FromQueryResult)]
struct StageTotals {
    stage: String,
    count: i64,
    sum_minor: Option<i64>,
    /// The pipeline's stored version, read in the same statement (see [`board`]).
    pipeline_version: i32,
}

/// The stored version of pipeline `id`, as a column of the totals' query.
fn version_of(id: PipelineId) -> Expr {
    let q = sea_orm::sea_query::Query::select()
        .column(pipeline::Column::Version)
        .from(pipeline::Entity)
        .and_where(Expr::col((pipeline::Entity, pipeline::Column::Id)).eq(Uuid::from(id)))
        .to_owned();
    Expr::SubQuery(None, Box::new(q.into()))
}

/// Whether the kept counters answer the filter: by pipeline, organization and responsible person only.
fn counted(f: &CardFilter) -> bool {
    let CardFilter { pipeline_id: _, stage, status, responsible_id: _, channel, client_id, q, created_from, created_before } = f;
    stage.is_none() && status.is_none() && channel.is_none() && client_id.is_none() && q.is_none() && created_from.is_none() && created_before.is_none()
}

/// The columns' totals from the counters the database keeps (`card_counts`).
async fn counted_totals(db: &impl ConnectionTrait, scope: AccessScope, id: PipelineId, f: &CardFilter) -> Result<Vec<StageTotals>, RepoError> {
    let mut cond = scoped(scope, card_count::Column::OrganizationId).add(card_count::Column::PipelineId.eq(Uuid::from(id)));
    if let Some(r) = f.responsible_id {
        cond = cond.add(card_count::Column::ResponsibleId.eq(Uuid::from(r)));
    }
    Ok(card_count::Entity::find()
        .select_only()
        .column_as(card_count::Column::Stage, "stage")
        // SUM(bigint) is numeric on PostgreSQL; the casts keep it an integer on both databases.
        .column_as(Expr::cust("CAST(SUM(count) AS BIGINT)"), "count")
        .column_as(Expr::cust("CAST(SUM(sum_minor) AS BIGINT)"), "sum_minor")
        .column_as(version_of(id), "pipeline_version")
        .filter(cond)
        .group_by(card_count::Column::Stage)
        .into_model::<StageTotals>()
        .all(db)
        .await?)
}

/// The columns' totals counted from the cards themselves (any filter).
async fn totals_of<E: EntityTrait>(db: &impl ConnectionTrait, id: PipelineId, cond: Condition) -> Result<Vec<StageTotals>, RepoError> {
    let stage = column::<E>("stage")?;
    Ok(E::find()
        .select_only()
        .column_as(stage, "stage")
        .column_as(Expr::col(Asterisk).count(), "count")
        .column_as(Expr::cust("CAST(SUM(expected_revenue_minor) AS BIGINT)"), "sum_minor")
        .column_as(version_of(id), "pipeline_version")
        .filter(cond)
        .group_by(stage)
        .into_model::<StageTotals>()
        .all(db)
        .await?)
}

/// The board of a lead pipeline.
pub async fn of_leads(db: &impl ConnectionTrait, cache: &Cache, scope: AccessScope, p: Arc<Pipeline>, f: &CardFilter, per_stage: u64) -> Result<Board, RepoError> {
    let cards = |cond: Condition| {
        lead::Entity::find()
            .select_only()
            .columns([lead::Column::ContactName, lead::Column::CompanyName, lead::Column::Phone])
            .join(JoinType::LeftJoin, rel::<lead::Entity, _>(client::Entity, lead::Column::ClientId, client::Column::Id))
            .join(JoinType::LeftJoin, rel::<lead::Entity, _>(user::Entity, lead::Column::ResponsibleId, user::Column::Id))
            .filter(cond)
    };
    board::<lead::Entity>(db, cache, scope, p, f, per_stage, cards).await
}

/// The board of a deal pipeline.
pub async fn of_deals(db: &impl ConnectionTrait, cache: &Cache, scope: AccessScope, p: Arc<Pipeline>, f: &CardFilter, per_stage: u64) -> Result<Board, RepoError> {
    let cards = |cond: Condition| {
        let none = || Expr::val(None::<String>);
        deal::Entity::find()
            .select_only()
            .expr_as(none(), "contact_name")
            .expr_as(none(), "company_name")
            .expr_as(none(), "phone")
            .join(JoinType::LeftJoin, rel::<deal::Entity, _>(client::Entity, deal::Column::ClientId, client::Column::Id))
            .join(JoinType::LeftJoin, rel::<deal::Entity, _>(user::Entity, deal::Column::ResponsibleId, user::Column::Id))
            .filter(cond)
    };
    board::<deal::Entity>(db, cache, scope, p, f, per_stage, cards).await
}

/// The pipeline as the board was read against, and its columns.
pub struct Board {
    pub pipeline: Arc<Pipeline>,
    pub columns: Vec<Column>,
}

/// `p` may be the cache's older copy of the pipeline (its kind never changes): the totals' query
/// reads the stored version beside them, and the stages are taken from that version.
async fn board<E: EntityTrait>(
    db: &impl ConnectionTrait,
    cache: &Cache,
    scope: AccessScope,
    p: Arc<Pipeline>,
    f: &CardFilter,
    per_stage: u64,
    cards: impl Fn(Condition) -> Select<E>,
) -> Result<Board, RepoError> {
    let id = p.id();
    let filter = CardFilter { pipeline_id: Some(id), ..f.clone() };
    let cond = card_condition::<E>(scope, &filter)?;
    let col = |name: &str| column::<E>(name);

    let totals = if counted(f) { counted_totals(db, scope, id, f).await? } else { totals_of::<E>(db, id, cond.clone()).await? };
    let p = match totals.first() {
        Some(t) => cache.at(db, id, t.pipeline_version).await?,
        // No card to count, so no version read beside them: read the pipeline itself.
        None => cache.fresh(db, id).await?,
    };

    let mut columns: Vec<Column> = p
        .def
        .stages
        .iter()
        .map(|s| {
            let t = totals.iter().find(|t| t.stage == s.code);
            Column { stage: s.code.clone(), count: t.map_or(0, |t| t.count), sum_minor: t.and_then(|t| t.sum_minor).unwrap_or(0), cards: vec![] }
        })
        .collect();

    // Per stage with cards: open stages oldest entry first (stuck cards on top), closed ones newest first.
    let mut arms: Vec<SelectStatement> = Vec::new();
    for c in columns.iter().filter(|c| c.count > 0) {
        let newest_first = p.status_of(&c.stage) != CardStatus::Open;
        let arm = cards(cond.clone().add(col("stage")?.eq(c.stage.as_str())))
            .columns(["id", "number", "title", "pipeline_id", "stage", "stage_entered_at", "status", "organization_id", "client_id", "responsible_id",
                "expected_revenue_minor", "channel", "created_at", "version"].into_iter().map(col).collect::<Result<Vec<_>, _>>()?)
            .column_as(client::Column::Name, "client_name")
            .column_as(user::Column::FullName, "responsible_name")
            .order_by(col("stage_entered_at")?, if newest_first { Order::Desc } else { Order::Asc })
            .order_by(col("id")?, Order::Asc)
            .into_query();
        arms.push(arm);
    }
    let rows: Vec<BoardCard> =
        if arms.is_empty() { vec![] } else { BoardCard::find_by_statement(union_all_limited(db.get_database_backend(), &arms, per_stage)).all(db).await? };
    for row in rows {
        if let Some(col) = columns.iter_mut().find(|c| c.stage == row.stage) {
            col.cards.push(row);
        }
    }
    for col in &mut columns {
        col.cards.sort_by_key(|c| c.board_key());
    }
    Ok(Board { pipeline: p, columns })
}

/// `(arm₀ LIMIT n) UNION ALL (arm₁ LIMIT n) …` as one statement, the limit written into the text.
///
/// A `LIMIT $k` parameter makes PostgreSQL plan the statement anew on every execution (a generic
/// plan, guessing a tenth of the rows, always looks dearer than a custom one), which cost a
/// millisecond per board; with the number in the text the prepared plan is reused. Each arm is
/// rendered with its own placeholders, renumbered on PostgreSQL to follow the arms before it.
fn union_all_limited(backend: DbBackend, arms: &[SelectStatement], limit: u64) -> Statement {
    let mut sql = String::new();
    let mut values = Vec::new();
    for (i, arm) in arms.iter().enumerate() {
        let part = backend.build(arm);
        if i > 0 {
            sql.push_str(" UNION ALL ");
        }
        // SQLite takes an ORDER BY and a LIMIT in a compound's member only inside a subquery.
        sql.push_str("SELECT * FROM (");
        match backend {
            DbBackend::Postgres => sql.push_str(&renumber_placeholders(&part.sql, values.len())),
            _ => sql.push_str(&part.sql),
        }
        sql.push_str(&format!(" LIMIT {limit}) AS s{i}"));
        values.extend(part.values.map(|v| v.0).unwrap_or_default());
    }
    Statement::from_sql_and_values(backend, sql, values)
}

/// Shifts PostgreSQL's `$n` placeholders by `by` (the statement's text holds no other `$`: every
/// value is a parameter and identifiers are the schema's own).
fn renumber_placeholders(sql: &str, by: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '$' {
            let mut n = String::new();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                n.push(d);
            }
            match n.parse::<usize>() {
                Ok(n) => out.push_str(&(n + by).to_string()),
                Err(_) => out.push_str(&n),
            }
        }
    }
    out
}

/// Where a card stands in its column.
pub(crate) trait OnBoard {
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

impl OnBoard for BoardCard {
    fn open_and_entered(&self) -> (bool, chrono::DateTime<chrono::Utc>, Uuid) {
        (self.status == CardStatus::Open.as_str(), self.stage_entered_at, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::OnBoard;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    struct C(bool, i64, u128);
    impl OnBoard for C {
        fn open_and_entered(&self) -> (bool, chrono::DateTime<chrono::Utc>, Uuid) {
            (self.0, Utc.timestamp_opt(self.1, 0).single().expect("time"), Uuid::from_u128(self.2))
        }
    }

    /// The crash found by fuzzing: every second of 21 cards lost, then sorted together.
    #[test]
    fn placeholders_shift_past_the_arms_before() {
        assert_eq!(super::renumber_placeholders(r#"SELECT "a" FROM "t" WHERE "b" = $1 AND "c" IN ($2, $10)"#, 3), r#"SELECT "a" FROM "t" WHERE "b" = $4 AND "c" IN ($5, $13)"#);
        assert_eq!(super::renumber_placeholders("no placeholders", 7), "no placeholders");
    }

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
