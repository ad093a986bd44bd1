//! The reminders the scheduler fired (one row per occurrence, keyed so that only the first
//! process inserts it) and the scheduler's runs.
use crate::entities::{reminder_occurrence, scheduler_run};
use crate::repo::*;
use sea_orm::QueryOrder;
use sea_orm::QuerySelect;
use sea_orm::sea_query::OnConflict;

/// Inserts the occurrence unless its key is there already; true when this call inserted it (the
/// caller then does the work in the same transaction).
pub async fn claim(db: &impl ConnectionTrait, o: reminder_occurrence::Model) -> Result<bool, RepoError> {
    let res = reminder_occurrence::Entity::insert(o.into_active_model())
        .on_conflict(OnConflict::column(reminder_occurrence::Column::Key).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(res == 1)
}

/// Links an occurrence to the task it created.
pub async fn set_task(db: &impl ConnectionTrait, key: &str, task: Uuid) -> Result<(), RepoError> {
    use reminder_occurrence::Column as C;
    reminder_occurrence::Entity::update_many()
        .col_expr(C::TaskId, sea_orm::sea_query::Expr::value(task))
        .filter(C::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn start_run(db: &impl ConnectionTrait, r: scheduler_run::Model) -> Result<scheduler_run::Model, RepoError> {
    Ok(r.into_active_model().insert(db).await?)
}

pub async fn finish_run(db: &impl ConnectionTrait, id: Uuid, at: chrono::DateTime<chrono::Utc>, created: i32, error: Option<String>) -> Result<(), RepoError> {
    use scheduler_run::Column as C;
    scheduler_run::Entity::update_many()
        .col_expr(C::FinishedAt, sea_orm::sea_query::Expr::value(Some(at)))
        .col_expr(C::Created, sea_orm::sea_query::Expr::value(created))
        .col_expr(C::Error, sea_orm::sea_query::Expr::value(error))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The latest runs of a rule, newest first.
pub async fn runs(db: &impl ConnectionTrait, rule: &str, limit: u64) -> Result<Vec<scheduler_run::Model>, RepoError> {
    use scheduler_run::Column as C;
    Ok(scheduler_run::Entity::find().filter(C::Rule.eq(rule)).order_by_desc(C::StartedAt).limit(limit).all(db).await?)
}

/// One run.
pub async fn run(db: &impl ConnectionTrait, id: Uuid) -> Result<scheduler_run::Model, RepoError> {
    only(scheduler_run::Entity::find().filter(scheduler_run::Column::Id.eq(id)).all(db)).await?.ok_or(RepoError::NotFound)
}

/// What a run created.
pub async fn of_run(db: &impl ConnectionTrait, run: Uuid) -> Result<Vec<reminder_occurrence::Model>, RepoError> {
    use reminder_occurrence::Column as C;
    Ok(reminder_occurrence::Entity::find().filter(C::RunId.eq(run)).order_by_asc(C::Slot).all(db).await?)
}

/// A deal's reminders, newest first.
pub async fn of_deal(db: &impl ConnectionTrait, deal: Uuid) -> Result<Vec<reminder_occurrence::Model>, RepoError> {
    use reminder_occurrence::Column as C;
    Ok(reminder_occurrence::Entity::find().filter(C::DealId.eq(deal)).order_by_desc(C::Slot).all(db).await?)
}

/// Deletes runs that created nothing, older than `before` (the scheduler runs every minute).
pub async fn prune_empty_runs(db: &impl ConnectionTrait, before: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use scheduler_run::Column as C;
    scheduler_run::Entity::delete_many().filter(C::Created.eq(0)).filter(C::Error.is_null()).filter(C::StartedAt.lt(before)).exec(db).await?;
    Ok(())
}

/// Open deals whose promised payment date is within `[from, to]`.
pub async fn promised_between(db: &impl ConnectionTrait, from: chrono::NaiveDate, to: chrono::NaiveDate) -> Result<Vec<crate::entities::deal::Model>, RepoError> {
    use crate::entities::deal::{Column as C, Entity};
    Ok(Entity::find().filter(C::Status.eq("open")).filter(C::PromisedPaymentDate.gte(from)).filter(C::PromisedPaymentDate.lte(to)).all(db).await?)
}

/// Which of these occurrence keys were claimed already (by any process): the scheduler opens a
/// write transaction only for the others.
pub async fn claimed(db: &impl ConnectionTrait, keys: &[String]) -> Result<std::collections::HashSet<String>, RepoError> {
    use reminder_occurrence::Column as C;
    let mut out = std::collections::HashSet::new();
    for chunk in super::batches(keys, super::CHUNK, |k| k.len() + 12) {
        let found: Vec<String> = reminder_occurrence::Entity::find().select_only().column(C::Key).filter(C::Key.is_in(chunk.iter().cloned())).into_tuple().all(db).await?;
        out.extend(found);
    }
    Ok(out)
}
