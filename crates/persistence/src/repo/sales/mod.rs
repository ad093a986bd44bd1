//! Sales: leads and deals (one [`cards::Card`] shape for the engine), their lists, the board,
//! the stage events of their moves and their timelines. Reads come back with the names shown
//! beside the ids ([`CardRow`]) from one query.
pub mod board;
pub mod cards;
pub mod deals;
pub mod leads;
pub mod timeline;

use crate::entities::{client, counterparty, deal, lead, organization, pipeline, user};
use crate::repo::*;
use domain::sales::{CardStatus, Channel};
use domain::{ClientId, PipelineId, UserId};
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{FromQueryResult, JoinType, QueryResult, QuerySelect, RelationDef, Select};

/// What lead and deal lists and the board filter on.
#[derive(Debug, Clone, Default)]
pub struct CardFilter {
    pub pipeline_id: Option<PipelineId>,
    pub stage: Option<String>,
    pub status: Option<CardStatus>,
    pub responsible_id: Option<UserId>,
    pub channel: Option<Channel>,
    pub client_id: Option<ClientId>,
    /// Lower-cased; matches the title, the contact's name, company, phone or e-mail, or `№ number`.
    pub q: Option<String>,
    pub created_from: Option<chrono::DateTime<chrono::Utc>>,
    pub created_before: Option<chrono::DateTime<chrono::Utc>>,
}

/// The filter as a condition on the `leads` or `deals` table (their columns share names).
pub(crate) fn card_condition<E: EntityTrait>(scope: AccessScope, f: &CardFilter) -> Result<Condition, RepoError> {
    let col = |name: &str| column::<E>(name);
    let mut c = scoped(scope, col("organization_id")?);
    if let Some(p) = f.pipeline_id {
        c = c.add(col("pipeline_id")?.eq(Uuid::from(p)));
    }
    if let Some(s) = &f.stage {
        c = c.add(col("stage")?.eq(s.as_str()));
    }
    if let Some(s) = f.status {
        c = c.add(col("status")?.eq(s.as_str()));
    }
    if let Some(r) = f.responsible_id {
        c = c.add(col("responsible_id")?.eq(Uuid::from(r)));
    }
    if let Some(ch) = f.channel {
        c = c.add(col("channel")?.eq(ch.as_str()));
    }
    if let Some(cl) = f.client_id {
        c = c.add(col("client_id")?.eq(Uuid::from(cl)));
    }
    if let Some(from) = f.created_from {
        c = c.add(col("created_at")?.gte(from));
    }
    if let Some(before) = f.created_before {
        c = c.add(col("created_at")?.lt(before));
    }
    if let Some(q) = f.q.as_deref().filter(|q| !q.is_empty()) {
        // A phone in any format is looked for by its digits (a lead's phone is in its search text).
        let text = domain::Phone::search_digits(q).unwrap_or_else(|| q.to_owned());
        let mut any = Condition::any().add(col("search_text")?.contains(&text));
        if let Ok(n) = q.trim_start_matches(['№', '#', ' ']).parse::<i64>() {
            any = any.add(col("number")?.eq(n));
        }
        c = c.add(any);
    }
    Ok(c)
}

/// The names a card shows beside its ids.
#[derive(Debug, Clone, Default)]
pub struct CardNames {
    pub organization: String,
    pub client: Option<String>,
    pub responsible: Option<String>,
    /// Deals only.
    pub counterparty: Option<String>,
    /// A deal's lead.
    pub lead_number: Option<i64>,
    /// A converted lead's deal.
    pub deal_number: Option<i64>,
}

/// A card row with its names and its pipeline's version (see [`crate::repo::pipelines::Cache`]).
#[derive(Debug, Clone)]
pub struct CardRow<M> {
    pub row: M,
    pub names: CardNames,
    pub pipeline_version: i32,
}

fn names_from(res: &QueryResult, pre: &str, lead_side: bool) -> Result<CardNames, sea_orm::DbErr> {
    Ok(CardNames {
        organization: res.try_get(pre, "organization_name")?,
        client: res.try_get(pre, "client_name")?,
        responsible: res.try_get(pre, "responsible_name")?,
        counterparty: if lead_side { None } else { res.try_get(pre, "counterparty_name")? },
        lead_number: if lead_side { None } else { res.try_get(pre, "lead_number")? },
        deal_number: if lead_side { res.try_get(pre, "deal_number")? } else { None },
    })
}

impl FromQueryResult for CardRow<lead::Model> {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        Ok(CardRow { row: lead::Model::from_query_result(res, pre)?, names: names_from(res, pre, true)?, pipeline_version: res.try_get(pre, "pipeline_version")? })
    }
}

impl FromQueryResult for CardRow<deal::Model> {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        Ok(CardRow { row: deal::Model::from_query_result(res, pre)?, names: names_from(res, pre, false)?, pipeline_version: res.try_get(pre, "pipeline_version")? })
    }
}

fn rel<E: EntityTrait, R: EntityTrait>(related: R, from: E::Column, to: R::Column) -> RelationDef {
    E::belongs_to(related).from(from).to(to).into()
}

/// Leads with their organization's, client's, responsible's names, their deal's number and their pipeline's version.
pub(crate) fn leads_with_names() -> Select<lead::Entity> {
    lead::Entity::find()
        .join(JoinType::InnerJoin, rel::<lead::Entity, _>(organization::Entity, lead::Column::OrganizationId, organization::Column::Id))
        .join(JoinType::InnerJoin, rel::<lead::Entity, _>(pipeline::Entity, lead::Column::PipelineId, pipeline::Column::Id))
        .column_as(pipeline::Column::Version, "pipeline_version")
        .join(JoinType::LeftJoin, rel::<lead::Entity, _>(client::Entity, lead::Column::ClientId, client::Column::Id))
        .join(JoinType::LeftJoin, rel::<lead::Entity, _>(user::Entity, lead::Column::ResponsibleId, user::Column::Id))
        .join_as(JoinType::LeftJoin, rel::<lead::Entity, _>(deal::Entity, lead::Column::DealId, deal::Column::Id), Alias::new("lead_deal"))
        .column_as(organization::Column::Name, "organization_name")
        .column_as(client::Column::Name, "client_name")
        .column_as(user::Column::FullName, "responsible_name")
        .column_as(Expr::col((Alias::new("lead_deal"), deal::Column::Number)), "deal_number")
}

/// Deals with their organization's, client's, responsible's and counterparty's names, their lead's
/// number and their pipeline's version.
pub(crate) fn deals_with_names() -> Select<deal::Entity> {
    deal::Entity::find()
        .join(JoinType::InnerJoin, rel::<deal::Entity, _>(organization::Entity, deal::Column::OrganizationId, organization::Column::Id))
        .join(JoinType::InnerJoin, rel::<deal::Entity, _>(pipeline::Entity, deal::Column::PipelineId, pipeline::Column::Id))
        .column_as(pipeline::Column::Version, "pipeline_version")
        .join(JoinType::LeftJoin, rel::<deal::Entity, _>(client::Entity, deal::Column::ClientId, client::Column::Id))
        .join(JoinType::LeftJoin, rel::<deal::Entity, _>(user::Entity, deal::Column::ResponsibleId, user::Column::Id))
        .join(JoinType::LeftJoin, rel::<deal::Entity, _>(counterparty::Entity, deal::Column::CounterpartyId, counterparty::Column::Id))
        .join_as(JoinType::LeftJoin, rel::<deal::Entity, _>(lead::Entity, deal::Column::LeadId, lead::Column::Id), Alias::new("deal_lead"))
        .column_as(organization::Column::Name, "organization_name")
        .column_as(client::Column::Name, "client_name")
        .column_as(user::Column::FullName, "responsible_name")
        .column_as(counterparty::Column::Name, "counterparty_name")
        .column_as(Expr::col((Alias::new("deal_lead"), lead::Column::Number)), "lead_number")
}

/// Newest first, keyset-paged on (created_at, id).
pub(crate) async fn newest_first<E, M>(db: &impl ConnectionTrait, select: Select<E>, cond: Condition, limit: u64, cursor: Option<&str>) -> Result<Page<CardRow<M>>, RepoError>
where
    E: EntityTrait,
    CardRow<M>: FromQueryResult,
    M: HasCreated,
{
    use sea_orm::QueryOrder;
    let mut cond = cond;
    let (created, id) = (column::<E>("created_at")?, column::<E>("id")?);
    if let Some(c) = decode_cursor(cursor)? {
        cond = cond.add(after(created, c.time()?, id, c.id, true));
    }
    let rows = select.filter(cond).order_by_desc(created).order_by_desc(id).limit(limit + 1).into_model::<CardRow<M>>().all(db).await?;
    Ok(page_of(rows, limit, |r| Cursor::at(r.row.created(), r.row.key())))
}

pub(crate) trait HasCreated {
    fn created(&self) -> chrono::DateTime<chrono::Utc>;
    fn key(&self) -> Uuid;
}

impl HasCreated for lead::Model {
    fn created(&self) -> chrono::DateTime<chrono::Utc> {
        self.created_at
    }
    fn key(&self) -> Uuid {
        self.id
    }
}

impl HasCreated for deal::Model {
    fn created(&self) -> chrono::DateTime<chrono::Utc> {
        self.created_at
    }
    fn key(&self) -> Uuid {
        self.id
    }
}

/// An open card that entered its stage in a window (what the stuck-card watch looks at).
#[derive(Debug, Clone, FromQueryResult)]
pub struct Entered {
    pub id: uuid::Uuid,
    pub organization_id: uuid::Uuid,
    pub number: i64,
    pub stage_entered_at: chrono::DateTime<chrono::Utc>,
}

/// The open cards of `kind` on `pipeline` in `stage` that entered it after `after` and no later than `until`.
pub async fn entered_between(
    db: &impl ConnectionTrait,
    kind: domain::sales::CardKind,
    pipeline: PipelineId,
    stage: &str,
    after: chrono::DateTime<chrono::Utc>,
    until: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Entered>, RepoError> {
    use sea_orm::QueryFilter;
    macro_rules! read {
        ($entity:ident) => {{
            use $entity::Column as C;
            $entity::Entity::find()
                .select_only()
                .columns([C::Id, C::OrganizationId, C::Number, C::StageEnteredAt])
                .filter(C::PipelineId.eq(uuid::Uuid::from(pipeline)))
                .filter(C::Stage.eq(stage))
                .filter(C::Status.eq(CardStatus::Open.as_str()))
                .filter(C::StageEnteredAt.gt(after))
                .filter(C::StageEnteredAt.lte(until))
                .into_model::<Entered>()
                .all(db)
                .await?
        }};
    }
    Ok(match kind {
        domain::sales::CardKind::Lead => read!(lead),
        domain::sales::CardKind::Deal => read!(deal),
    })
}
