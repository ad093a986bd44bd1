//! Clients: the client card — the client, its counterparties with requisites, contact persons and
//! bank accounts — with a history of every change, and the bank directory.
pub mod bank_accounts;
pub mod bank_directory;
pub mod banks;
// The area and its main resource share a name.
#[allow(clippy::module_inception)]
pub mod clients;
pub mod contacts;
pub mod counterparties;

use crate::app::Write;
use crate::error::AppError;
use domain::clients::AuditAction;
use persistence::repo::clients::history;

/// One entry of a client's history, by the writing actor.
pub(crate) async fn record(w: &Write, organization_id: uuid::Uuid, client_id: uuid::Uuid, entity: (&str, uuid::Uuid), action: AuditAction, changes: serde_json::Map<String, serde_json::Value>) -> Result<(), AppError> {
    let entry = history::Entry { organization_id, client_id, entity_type: entity.0, entity_id: entity.1, action, changes };
    Ok(history::record(&w.tx, &w.actor.author(), entry, w.now).await?)
}
