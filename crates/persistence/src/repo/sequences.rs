//! Human-readable numbers (`lead`, `deal`, `request`): gap-free per committed transaction.
use crate::repo::*;

/// The next number of the sequence `name`.
pub async fn next(db: &impl ConnectionTrait, name: &str) -> Result<i64, RepoError> {
    reserve(db, name, 1).await
}

/// Reserves the next `n` numbers of the sequence `name`; returns the last of them. The sequence's
/// row stays locked until the transaction ends, so numbers are taken in commit order.
pub async fn reserve(db: &impl ConnectionTrait, name: &str, n: i64) -> Result<i64, RepoError> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
    let ensure = Query::insert()
        .into_table(Alias::new("number_sequences"))
        .columns([Alias::new("name"), Alias::new("value")])
        .values_panic([name.into(), 0i64.into()])
        .on_conflict(OnConflict::column(Alias::new("name")).do_nothing().to_owned())
        .to_owned();
    db.execute(&ensure).await?;
    let bump = Query::update()
        .table(Alias::new("number_sequences"))
        .value(Alias::new("value"), Expr::col(Alias::new("value")).add(n))
        .and_where(Expr::col(Alias::new("name")).eq(name))
        .returning_col(Alias::new("value"))
        .to_owned();
    let row = db.query_one(&bump).await?.ok_or_else(|| RepoError::Corrupt(format!("sequence {name}")))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}
