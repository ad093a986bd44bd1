//! Requests a deal sends to another department: the department's queue (oldest first), a deal's
//! requests, and their versioned changes. Reads come back with the deal's number, title, client
//! and manager, and the assignee's name, from one query.
use crate::entities::{client, deal, department_request, user};
use crate::repo::*;
use domain::pipelines::{RequestKind, RequestStatus};
use domain::work::RequestState;
use domain::{DealId, OrganizationId, RequestId, UserId};
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{FromQueryResult, JoinType, QueryOrder, QueryResult, QuerySelect, RelationDef, Select};
use std::collections::BTreeMap;

impl department_request::Model {
    pub fn request_id(&self) -> RequestId {
        self.id.into()
    }

    pub fn deal_id(&self) -> DealId {
        self.deal_id.into()
    }

    pub fn organization_id(&self) -> OrganizationId {
        self.organization_id.into()
    }

    pub fn kind(&self) -> Result<RequestKind, RepoError> {
        named(&self.kind)
    }

    pub fn state(&self) -> Result<RequestState, RepoError> {
        named(&self.status)
    }
}

/// A request with what its queue row and the deal card show beside it.
#[derive(Debug, Clone)]
pub struct RequestRow {
    pub request: department_request::Model,
    pub deal_number: i64,
    pub deal_title: String,
    pub client_name: Option<String>,
    /// The deal's responsible manager, who asks.
    pub manager_name: Option<String>,
    pub assignee_name: Option<String>,
    /// The deal as it is now (not as when the request was sent): where to deliver, what to make.
    pub deal_delivery_address: Option<String>,
    pub deal_offer_details: Option<String>,
    /// The client's phone, to call about the delivery.
    pub client_phone: Option<String>,
}

impl FromQueryResult for RequestRow {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        Ok(RequestRow {
            request: department_request::Model::from_query_result(res, pre)?,
            deal_number: res.try_get(pre, "deal_number")?,
            deal_title: res.try_get(pre, "deal_title")?,
            client_name: res.try_get(pre, "client_name")?,
            manager_name: res.try_get(pre, "manager_name")?,
            assignee_name: res.try_get(pre, "assignee_name")?,
            deal_delivery_address: res.try_get(pre, "deal_delivery_address")?,
            deal_offer_details: res.try_get(pre, "deal_offer_details")?,
            client_phone: res.try_get(pre, "client_phone")?,
        })
    }
}

fn with_names() -> Select<department_request::Entity> {
    let to_deal: RelationDef = department_request::Entity::belongs_to(deal::Entity).from(department_request::Column::DealId).to(deal::Column::Id).into();
    let to_client: RelationDef = deal::Entity::belongs_to(client::Entity).from(deal::Column::ClientId).to(client::Column::Id).into();
    let to_manager: RelationDef = deal::Entity::belongs_to(user::Entity).from(deal::Column::ResponsibleId).to(user::Column::Id).into();
    let to_assignee: RelationDef =
        department_request::Entity::belongs_to(user::Entity).from(department_request::Column::AssigneeId).to(user::Column::Id).into();
    department_request::Entity::find()
        .join(JoinType::InnerJoin, to_deal)
        .join(JoinType::LeftJoin, to_client)
        .join_as(JoinType::LeftJoin, to_manager, Alias::new("manager"))
        .join_as(JoinType::LeftJoin, to_assignee, Alias::new("assignee"))
        .column_as(deal::Column::Number, "deal_number")
        .column_as(deal::Column::Title, "deal_title")
        .column_as(client::Column::Name, "client_name")
        .column_as(Expr::col((Alias::new("manager"), user::Column::FullName)), "manager_name")
        .column_as(Expr::col((Alias::new("assignee"), user::Column::FullName)), "assignee_name")
        .column_as(deal::Column::DeliveryAddress, "deal_delivery_address")
        .column_as(deal::Column::OfferDetails, "deal_offer_details")
        .column_as(client::Column::Phone, "client_phone")
}

#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    /// Empty: every kind.
    pub kinds: Vec<RequestKind>,
    /// Empty: every status.
    pub states: Vec<RequestState>,
    pub assignee_id: Option<UserId>,
    pub deal_id: Option<DealId>,
}

/// A department's queue: oldest first, keyset-paged on (created_at, id).
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, f: &RequestFilter, limit: u64, cursor: Option<&str>) -> Result<Page<RequestRow>, RepoError> {
    use department_request::Column as C;
    let mut cond = scoped(scope, C::OrganizationId);
    if !f.kinds.is_empty() {
        cond = cond.add(C::Kind.is_in(f.kinds.iter().map(|k| k.as_str())));
    }
    if !f.states.is_empty() {
        cond = cond.add(C::Status.is_in(f.states.iter().map(|s| s.as_str())));
    }
    if let Some(a) = f.assignee_id {
        cond = cond.add(C::AssigneeId.eq(Uuid::from(a)));
    }
    if let Some(d) = f.deal_id {
        cond = cond.add(C::DealId.eq(Uuid::from(d)));
    }
    if let Some(c) = decode_cursor(cursor)? {
        cond = cond.add(after(C::CreatedAt, c.time()?, C::Id, c.id, false));
    }
    let rows = with_names().filter(cond).order_by_asc(C::CreatedAt).order_by_asc(C::Id).limit(limit + 1).into_model::<RequestRow>().all(db).await?;
    Ok(page_of(rows, limit, |r| Cursor::at(r.request.created_at, r.request.id)))
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: RequestId) -> Result<department_request::Model, RepoError> {
    find_in_scope::<department_request::Entity>(db, scope, id).await
}

/// A request with its names, in scope.
pub async fn get_row(db: &impl ConnectionTrait, scope: AccessScope, id: RequestId) -> Result<RequestRow, RepoError> {
    let rows = with_names().filter(department_request::Column::Id.eq(Uuid::from(id))).filter(scoped(scope, department_request::Column::OrganizationId)).into_model::<RequestRow>().all(db);
    only(rows).await?.ok_or(RepoError::NotFound)
}

/// Every request of a deal, oldest first.
pub async fn of_deal(db: &impl ConnectionTrait, deal: DealId) -> Result<Vec<RequestRow>, RepoError> {
    use department_request::Column as C;
    Ok(with_names()
        .filter(C::DealId.eq(Uuid::from(deal)))
        .order_by_asc(C::CreatedAt)
        .order_by_asc(C::Id)
        .into_model::<RequestRow>()
        .all(db)
        .await?)
}

/// What the engine sees of a deal's requests: the status of the latest of each kind.
pub fn latest_statuses(rows: &[RequestRow]) -> Result<BTreeMap<RequestKind, RequestStatus>, RepoError> {
    let mut out = BTreeMap::new();
    for r in rows {
        out.insert(r.request.kind()?, r.request.state()?.engine_status());
    }
    Ok(out)
}

/// The request of `kind` on a deal its department still owes an answer to.
pub async fn find_active(db: &impl ConnectionTrait, deal: DealId, kind: RequestKind) -> Result<Option<department_request::Model>, RepoError> {
    Ok(department_request::Entity::find()
        .filter(department_request::Column::DealId.eq(Uuid::from(deal)))
        .filter(department_request::Column::Kind.eq(kind.as_str()))
        .filter(department_request::Column::Status.is_in(RequestState::ACTIVE.map(RequestState::as_str)))
        .one(db)
        .await?)
}

pub async fn insert(db: &impl ConnectionTrait, m: department_request::Model) -> Result<department_request::Model, RepoError> {
    Ok(m.into_active_model().insert(db).await?)
}

/// Saves a request changed since it was read (version bumped, stamped `now`).
pub async fn save(db: &impl ConnectionTrait, r: department_request::Model, now: chrono::DateTime<chrono::Utc>) -> Result<department_request::Model, RepoError> {
    let id = r.id;
    save_versioned(db, r, id, now).await
}

/// Cancels what a deal's departments still owe (the deal was closed).
pub async fn cancel_active_of(db: &impl ConnectionTrait, deal: DealId, reason: &str, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use sea_orm::sea_query::ExprTrait;
    department_request::Entity::update_many()
        .col_expr(department_request::Column::Status, Expr::value(RequestState::Cancelled.as_str()))
        .col_expr(department_request::Column::CancelledAt, Expr::value(now))
        .col_expr(department_request::Column::CancelReason, Expr::value(reason))
        .col_expr(department_request::Column::UpdatedAt, Expr::value(now))
        .col_expr(department_request::Column::Version, Expr::col(department_request::Column::Version).add(1))
        .filter(department_request::Column::DealId.eq(Uuid::from(deal)))
        .filter(department_request::Column::Status.is_in(RequestState::ACTIVE.map(RequestState::as_str)))
        .exec(db)
        .await?;
    Ok(())
}
