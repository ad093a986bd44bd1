//! Tasks: people's lists and roles' queues by due time (overdue first), a card's tasks, and their
//! versioned changes. Reads come back with the card's number and title and the assignee's name.
use crate::entities::{client, deal, lead, task, user};
use crate::repo::*;
use domain::sales::{CardId, CardKind};
use domain::work::{TaskKind, TaskStatus};
use domain::{OrganizationId, Role, TaskId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{FromQueryResult, JoinType, QueryOrder, QueryResult, QuerySelect, RelationDef, Select};

impl task::Model {
    pub fn task_id(&self) -> TaskId {
        self.id.into()
    }

    pub fn organization_id(&self) -> OrganizationId {
        self.organization_id.into()
    }

    pub fn status(&self) -> Result<TaskStatus, RepoError> {
        named(&self.status)
    }

    pub fn kind(&self) -> Result<TaskKind, RepoError> {
        named(&self.kind)
    }

    /// The card the task is about, if any.
    pub fn card(&self) -> Result<Option<CardId>, RepoError> {
        match (self.subject_type.as_deref(), self.subject_id) {
            (Some(CLIENT), _) => Ok(None),
            (Some(kind), Some(id)) => Ok(Some(CardId::new(named::<CardKind>(kind)?, id))),
            _ => Ok(None),
        }
    }

    /// The client the task is about, if it is about a client (not one of its cards).
    pub fn client(&self) -> Option<domain::ClientId> {
        match (self.subject_type.as_deref(), self.subject_id) {
            (Some(CLIENT), Some(id)) => Some(id.into()),
            _ => None,
        }
    }

    /// The role's queue the task waits in when nobody is assigned.
    pub fn assignee_role(&self) -> Result<Option<Role>, RepoError> {
        self.assignee_role.as_deref().map(named).transpose()
    }
}

/// The stored `subject_type` of a task about a client.
pub const CLIENT: &str = "client";

/// A task with the number and title of its card (or its client's name) and its assignee's name.
#[derive(Debug, Clone)]
pub struct TaskRow {
    pub task: task::Model,
    pub card_number: Option<i64>,
    pub card_title: Option<String>,
    pub assignee_name: Option<String>,
}

impl FromQueryResult for TaskRow {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        let lead: (Option<i64>, Option<String>) = (res.try_get(pre, "lead_number")?, res.try_get(pre, "lead_title")?);
        let deal: (Option<i64>, Option<String>) = (res.try_get(pre, "deal_number")?, res.try_get(pre, "deal_title")?);
        let client: Option<String> = res.try_get(pre, "client_name")?;
        Ok(TaskRow {
            task: task::Model::from_query_result(res, pre)?,
            card_number: lead.0.or(deal.0),
            card_title: lead.1.or(deal.1).or(client),
            assignee_name: res.try_get(pre, "assignee_name")?,
        })
    }
}

fn with_names() -> Select<task::Entity> {
    let to_lead: RelationDef = task::Entity::belongs_to(lead::Entity).from(task::Column::SubjectId).to(lead::Column::Id).into();
    let to_deal: RelationDef = task::Entity::belongs_to(deal::Entity).from(task::Column::SubjectId).to(deal::Column::Id).into();
    let to_assignee: RelationDef = task::Entity::belongs_to(user::Entity).from(task::Column::AssigneeId).to(user::Column::Id).into();
    let to_client: RelationDef = task::Entity::belongs_to(client::Entity).from(task::Column::SubjectId).to(client::Column::Id).into();
    task::Entity::find()
        .join(JoinType::LeftJoin, to_lead)
        .join(JoinType::LeftJoin, to_deal)
        .join(JoinType::LeftJoin, to_client)
        .column_as(client::Column::Name, "client_name")
        .join(JoinType::LeftJoin, to_assignee)
        .column_as(lead::Column::Number, "lead_number")
        .column_as(lead::Column::Title, "lead_title")
        .column_as(deal::Column::Number, "deal_number")
        .column_as(deal::Column::Title, "deal_title")
        .column_as(user::Column::FullName, "assignee_name")
}

#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    /// Tasks assigned to this person…
    pub assignee_id: Option<domain::UserId>,
    /// …or (when set too) left in this role's queue.
    pub queue_role: Option<Role>,
    pub card: Option<CardId>,
    /// The tasks of this client's leads and deals.
    pub client: Option<domain::ClientId>,
    /// Empty: every status.
    pub statuses: Vec<TaskStatus>,
    pub due_before: Option<chrono::DateTime<chrono::Utc>>,
}

/// Tasks by due time (overdue first), keyset-paged on (due_at, id).
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, f: &TaskFilter, limit: u64, cursor: Option<&str>) -> Result<Page<TaskRow>, RepoError> {
    use task::Column as C;
    let mut cond = scoped(scope, C::OrganizationId);
    let queue = |r: Role| Condition::all().add(C::AssigneeId.is_null()).add(C::AssigneeRole.eq(r.as_str()));
    match (f.assignee_id, f.queue_role) {
        (Some(a), Some(r)) => cond = cond.add(Condition::any().add(C::AssigneeId.eq(Uuid::from(a))).add(queue(r))),
        (Some(a), None) => cond = cond.add(C::AssigneeId.eq(Uuid::from(a))),
        (None, Some(r)) => cond = cond.add(queue(r)),
        (None, None) => {}
    }
    if let Some(card) = f.card {
        cond = cond.add(C::SubjectId.eq(card.uuid()));
    }
    if let Some(client) = f.client {
        let client = Uuid::from(client);
        let leads = sea_orm::sea_query::Query::select().column(lead::Column::Id).from(lead::Entity).and_where(lead::Column::ClientId.eq(client)).to_owned();
        let deals = sea_orm::sea_query::Query::select().column(deal::Column::Id).from(deal::Entity).and_where(deal::Column::ClientId.eq(client)).to_owned();
        cond = cond.add(Condition::any().add(C::SubjectId.eq(client)).add(C::SubjectId.in_subquery(leads)).add(C::SubjectId.in_subquery(deals)));
    }
    if !f.statuses.is_empty() {
        cond = cond.add(C::Status.is_in(f.statuses.iter().map(|s| s.as_str())));
    }
    if let Some(b) = f.due_before {
        cond = cond.add(C::DueAt.lt(b));
    }
    if let Some(c) = decode_cursor(cursor)? {
        cond = cond.add(after(C::DueAt, c.time()?, C::Id, c.id, false));
    }
    let rows = with_names().filter(cond).order_by_asc(C::DueAt).order_by_asc(C::Id).limit(limit + 1).into_model::<TaskRow>().all(db).await?;
    Ok(page_of(rows, limit, |r| Cursor::at(r.task.due_at, r.task.id)))
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: TaskId) -> Result<task::Model, RepoError> {
    find_in_scope::<task::Entity>(db, scope, id).await
}

/// A task with its names, in scope.
pub async fn get_row(db: &impl ConnectionTrait, scope: AccessScope, id: TaskId) -> Result<TaskRow, RepoError> {
    let rows = with_names().filter(task::Column::Id.eq(Uuid::from(id))).filter(scoped(scope, task::Column::OrganizationId)).into_model::<TaskRow>().all(db);
    only(rows).await?.ok_or(RepoError::NotFound)
}

pub async fn insert(db: &impl ConnectionTrait, t: task::Model) -> Result<task::Model, RepoError> {
    Ok(t.into_active_model().insert(db).await?)
}

/// Saves a task changed since it was read (version bumped, stamped `now`).
pub async fn save(db: &impl ConnectionTrait, t: task::Model, now: chrono::DateTime<chrono::Utc>) -> Result<task::Model, RepoError> {
    let id = t.id;
    save_versioned(db, t, id, now).await
}

/// Moves every open task of a card to `to` (a won or lost card needs no more work).
/// Cancels a card's open tasks with these codes (those its former stage created), recording
/// `reason` as their result; returns them as they were.
pub async fn cancel_open_with_codes(db: &impl ConnectionTrait, card: CardId, codes: &[&str], reason: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Vec<task::Model>, RepoError> {
    if codes.is_empty() {
        return Ok(vec![]);
    }
    let open = task::Entity::find()
        .filter(task::Column::SubjectId.eq(card.uuid()))
        .filter(task::Column::Status.eq(TaskStatus::Open.as_str()))
        .filter(task::Column::Code.is_in(codes.iter().copied()))
        .all(db)
        .await?;
    if !open.is_empty() {
        task::Entity::update_many()
            .col_expr(task::Column::Status, Expr::value(TaskStatus::Cancelled.as_str()))
            .col_expr(task::Column::Result, Expr::value(reason))
            .col_expr(task::Column::UpdatedAt, Expr::value(now))
            .col_expr(task::Column::Version, Expr::col(task::Column::Version).add(1))
            .filter(task::Column::Id.is_in(open.iter().map(|t| t.id)))
            .filter(task::Column::Status.eq(TaskStatus::Open.as_str()))
            .exec(db)
            .await?;
    }
    Ok(open)
}

pub async fn close_open_of(db: &impl ConnectionTrait, card: CardId, to: TaskStatus, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    task::Entity::update_many()
        .col_expr(task::Column::Status, Expr::value(to.as_str()))
        .col_expr(task::Column::UpdatedAt, Expr::value(now))
        .col_expr(task::Column::Version, Expr::col(task::Column::Version).add(1))
        .filter(task::Column::SubjectId.eq(card.uuid()))
        .filter(task::Column::Status.eq(TaskStatus::Open.as_str()))
        .exec(db)
        .await?;
    Ok(())
}
