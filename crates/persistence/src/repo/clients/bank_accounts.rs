//! Bank accounts of counterparties (checked against the BIK's control key before they get here).
use crate::entities::bank_account;
use crate::repo::*;
use domain::BankAccountId;

/// What the history shows of a bank account.
pub fn snapshot(b: &bank_account::Model) -> serde_json::Value {
    serde_json::json!({"account_number": b.account_number, "bik": b.bik, "bank_name": b.bank_name})
}

pub async fn insert(db: &impl ConnectionTrait, m: bank_account::Model) -> Result<bank_account::Model, RepoError> {
    Ok(m.into_active_model().insert(db).await?)
}

/// Deletes an account the caller can see; the deleted row, for the history.
pub async fn delete(db: &impl ConnectionTrait, scope: AccessScope, id: BankAccountId) -> Result<bank_account::Model, RepoError> {
    let b = find_in_scope::<bank_account::Entity>(db, scope, id).await?;
    bank_account::Entity::delete_by_id(b.id).exec(db).await?;
    Ok(b)
}

/// The accounts of a counterparty, oldest first.
pub async fn of_counterparty(db: &impl ConnectionTrait, id: domain::CounterpartyId) -> Result<Vec<bank_account::Model>, RepoError> {
    use sea_orm::QueryOrder;
    Ok(bank_account::Entity::find()
        .filter(bank_account::Column::CounterpartyId.eq(Uuid::from(id)))
        .order_by_asc(bank_account::Column::CreatedAt)
        .all(db)
        .await?)
}
