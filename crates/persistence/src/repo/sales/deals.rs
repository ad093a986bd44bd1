//! Deals: what a client buys, on a deal pipeline from the first offer to the last payment.
use super::*;
use crate::entities::{deal, department_request};
use crate::repo::work::requests::RequestRow;
use domain::DealId;
use sea_orm::sea_query::IntoTableRef;
use sea_orm::{IdenStatic, Iterable, QueryOrder};

/// A page of deals, newest first.
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, f: &CardFilter, limit: u64, cursor: Option<&str>) -> Result<Page<CardRow<deal::Model>>, RepoError> {
    newest_first::<deal::Entity, deal::Model>(db, deals_with_names(), card_condition::<deal::Entity>(scope, f)?, limit, cursor).await
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: DealId) -> Result<deal::Model, RepoError> {
    find_in_scope::<deal::Entity>(db, scope, id).await
}

/// The open deals in scope at any of `stages`, oldest in their stage first, at most `limit`.
pub async fn open_in_stages(db: &impl ConnectionTrait, scope: AccessScope, stages: &[&str], limit: u64) -> Result<Vec<deal::Model>, RepoError> {
    use sea_orm::QuerySelect;
    Ok(deal::Entity::find()
        .filter(scoped(scope, deal::Column::OrganizationId))
        .filter(deal::Column::Status.eq("open"))
        .filter(deal::Column::Stage.is_in(stages.iter().copied()))
        .order_by_asc(deal::Column::StageEnteredAt)
        .order_by_asc(deal::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// A deal with its names, in scope.
pub async fn get_row(db: &impl ConnectionTrait, scope: AccessScope, id: DealId) -> Result<CardRow<deal::Model>, RepoError> {
    let rows = deals_with_names()
        .filter(deal::Column::Id.eq(Uuid::from(id)))
        .filter(scoped(scope, deal::Column::OrganizationId))
        .into_model::<CardRow<deal::Model>>()
        .all(db);
    only(rows).await?.ok_or(RepoError::NotFound)
}

/// A deal with its names and its requests to other departments (oldest first), in scope, in one
/// query: one row per request (the deal's columns repeated), or one row with no request.
pub async fn get_with_requests(db: &impl ConnectionTrait, scope: AccessScope, id: DealId) -> Result<(CardRow<deal::Model>, Vec<RequestRow>), RepoError> {
    use department_request::Column as R;
    let (r, assignee) = (Alias::new("r"), Alias::new("r_assignee"));
    let mut to_assignee = rel::<department_request::Entity, _>(user::Entity, R::AssigneeId, user::Column::Id);
    to_assignee.from_tbl = r.clone().into_table_ref();
    let mut q = deals_with_names()
        .join_as(JoinType::LeftJoin, rel::<deal::Entity, _>(department_request::Entity, deal::Column::Id, R::DealId), r.clone())
        .join_as(JoinType::LeftJoin, to_assignee, assignee.clone())
        .column_as(Expr::col((assignee, user::Column::FullName)), "r_assignee_name")
        .column_as(client::Column::Phone, "client_phone");
    for c in R::iter() {
        q = q.column_as(Expr::col((r.clone(), c)), format!("r_{}", c.as_str()));
    }
    let rows = q
        .filter(deal::Column::Id.eq(Uuid::from(id)))
        .filter(scoped(scope, deal::Column::OrganizationId))
        .order_by_asc(Expr::col((r.clone(), R::CreatedAt)))
        .order_by_asc(Expr::col((r, R::Id)))
        .into_model::<WithRequest>()
        .all(db)
        .await?;
    let mut rows = rows.into_iter();
    let Some(first) = rows.next() else { return Err(RepoError::NotFound) };
    let requests = std::iter::once(first.request).chain(rows.map(|w| w.request)).flatten().map(|(request, assignee_name)| RequestRow {
        request,
        deal_number: first.card.row.number,
        deal_title: first.card.row.title.clone(),
        client_name: first.card.names.client.clone(),
        manager_name: first.card.names.responsible.clone(),
        assignee_name,
        deal_delivery_address: first.card.row.delivery_address.clone(),
        deal_offer_details: first.card.row.offer_details.clone(),
        client_phone: first.client_phone.clone(),
    });
    let requests = requests.collect();
    Ok((first.card, requests))
}

/// A row of [`get_with_requests`]: the deal, and one of its requests with the assignee's name.
struct WithRequest {
    card: CardRow<deal::Model>,
    client_phone: Option<String>,
    request: Option<(department_request::Model, Option<String>)>,
}

impl FromQueryResult for WithRequest {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        let card = CardRow::<deal::Model>::from_query_result(res, pre)?;
        let request = match res.try_get::<Option<Uuid>>(pre, "r_id")? {
            Some(_) => Some((department_request::Model::from_query_result(res, &format!("{pre}r_"))?, res.try_get(pre, "r_assignee_name")?)),
            None => None,
        };
        Ok(WithRequest { card, request, client_phone: res.try_get(pre, "client_phone")? })
    }
}

/// A client's deals by status: how many, and their expected revenue (kopecks).
#[derive(Debug, Clone, FromQueryResult)]
pub struct StatusTotal {
    pub status: String,
    pub count: i64,
    pub sum_minor: Option<i64>,
}

/// The totals of a client's deals per status (a status without deals has no row).
pub async fn totals_of_client(db: &impl ConnectionTrait, scope: AccessScope, client: domain::ClientId) -> Result<Vec<StatusTotal>, RepoError> {
    use sea_orm::sea_query::{Asterisk, ExprTrait};
    Ok(deal::Entity::find()
        .select_only()
        .column_as(deal::Column::Status, "status")
        .column_as(Expr::col(Asterisk).count(), "count")
        // SUM(bigint) is numeric on PostgreSQL; the cast keeps it an integer on both databases.
        .column_as(Expr::cust("CAST(SUM(expected_revenue_minor) AS BIGINT)"), "sum_minor")
        .filter(scoped(scope, deal::Column::OrganizationId))
        .filter(deal::Column::ClientId.eq(Uuid::from(client)))
        .group_by(deal::Column::Status)
        .into_model::<StatusTotal>()
        .all(db)
        .await?)
}

/// The number and title of these deals (any organization: the caller scoped what it asks for).
pub async fn heads(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = Uuid>) -> Result<std::collections::HashMap<Uuid, (i64, String)>, RepoError> {
    let ids: std::collections::BTreeSet<Uuid> = ids.into_iter().collect();
    let ids: Vec<Uuid> = ids.into_iter().collect();
    let mut out = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(Uuid, i64, String)> = deal::Entity::find()
            .select_only()
            .column(deal::Column::Id)
            .column(deal::Column::Number)
            .column(deal::Column::Title)
            .filter(deal::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, n, t)| (id, (n, t))));
    }
    Ok(out)
}
