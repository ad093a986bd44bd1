//! Bank accounts of counterparties: checked against the BIK's control key (domain) and the bank
//! directory (a BIK it does not know needs the bank's name and correspondent account typed in).
use super::record;
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::clients::AuditAction;
use domain::clients::commands::NewBankAccount;
use domain::{BankAccountId, CounterpartyId, Permission};
use persistence::entities::{bank_account, counterparty};
use persistence::repo::clients::{bank_accounts, banks, counterparties, history};
use uuid::Uuid;

pub async fn create(ctx: &AppState, who: &Credentials, counterparty_id: CounterpartyId, a: NewBankAccount) -> Result<bank_account::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ClientsWrite)?;
    let cp = counterparties::get(&w.tx, w.actor.scope, counterparty_id).await?;
    let saved = insert(&w, &cp, a).await?;
    w.commit().await?;
    Ok(saved)
}

/// Writes a counterparty's bank account inside the caller's transaction (the right is checked by
/// the caller). A BIK the directory does not know needs the bank's name and correspondent account.
pub(crate) async fn insert(w: &crate::app::Write, cp: &counterparty::Model, a: NewBankAccount) -> Result<bank_account::Model, AppError> {
    let (bank_name, corr_account, city) = match banks::get(&w.tx, a.bik.as_str()).await? {
        Some(b) => (b.name, b.corr_account, b.city),
        None => match (a.bank_name, a.corr_account) {
            (Some(name), Some(corr)) => (name, Some(corr.as_str().to_owned()), a.city),
            _ => return Err(AppError::field("bik", NewBankAccount::unknown_bank_error())),
        },
    };
    let saved = bank_accounts::insert(&w.tx, bank_account::Model {
        id: Uuid::now_v7(), counterparty_id: cp.id, client_id: cp.client_id, organization_id: cp.organization_id,
        account_number: a.account_number.as_str().to_owned(), bik: a.bik.as_str().to_owned(), corr_account, bank_name, city,
        created_at: w.now, updated_at: w.now, version: 1,
    })
    .await?;
    record(w, saved.organization_id, saved.client_id, ("bank_account", saved.id), AuditAction::Create, history::created(bank_accounts::snapshot(&saved))).await?;
    Ok(saved)
}

pub async fn delete(ctx: &AppState, who: &Credentials, id: BankAccountId) -> Result<(), AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ClientsWrite)?;
    let b = bank_accounts::delete(&w.tx, w.actor.scope, id).await?;
    record(&w, b.organization_id, b.client_id, ("bank_account", b.id), AuditAction::Delete, history::deleted(bank_accounts::snapshot(&b))).await?;
    w.commit().await
}
