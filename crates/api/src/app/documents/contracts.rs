//! A contract's way to signing (seed 001 §3.1), one step at a time by the contract's own table
//! (`domain::documents::contracts`): the client's disagreement protocol goes to management, is
//! approved or corrected and sent back (as often as it takes); the signed scan is attached; an
//! admin checks the requisites, approves the counterparty and confirms the contract signed. Or
//! no agreement is reached and it ends as not signed. Sending it is an e-mail (see `sending`).
use crate::AppState;
use crate::app::journal;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::documents::{ContractAction, ContractError, ContractFacts, ContractStatus, DocumentKind, contract_transition};
use domain::{FieldError, FieldErrors, Permission};
use persistence::repo::documents::documents::{self as docs, DocumentRow};
use persistence::repo::sales::cards::Card;
use persistence::repo::{clients::counterparties, files};
use uuid::Uuid;

/// A step as asked for.
#[derive(Debug, Clone)]
pub struct Step {
    pub action: ContractAction,
    pub version: i32,
    pub comment: Option<String>,
    /// The signed scan: a file attached to the deal.
    pub scan_file_id: Option<Uuid>,
    /// The admin checked the requisites against the signed scan.
    pub requisites_checked: bool,
}

/// Why the contract's table refused, as field errors a person can act on.
fn refused(e: ContractError) -> AppError {
    match e {
        ContractError::RoleNotAllowed { .. } => AppError::TransitionForbidden({
            let mut f = FieldErrors::new();
            f.add("action", FieldError::new("forbidden", e.message_ru()));
            f
        }),
        ContractError::NotAllowed { .. } => AppError::field("action", FieldError::new("not_allowed", e.message_ru())),
        ContractError::GuardsFailed(guards) => {
            let mut f = FieldErrors::new();
            for g in guards {
                f.add(g.as_str(), FieldError::new("guard", g.message_ru()));
            }
            AppError::TransitionRefused(f)
        }
    }
}

pub async fn step(ctx: &AppState, who: &Credentials, id: Uuid, s: Step) -> Result<DocumentRow, AppError> {
    let mut errs = FieldErrors::new();
    let comment = errs.optional("comment", s.comment.as_deref(), |c| domain::text(2000, c));
    errs.into_result()?;
    if s.action == ContractAction::Send {
        return Err(AppError::field("action", FieldError::new("not_allowed", "Договор отправляется письмом клиенту: «Отправить клиенту» во вкладке «Документы»")));
    }
    let w = ctx.write(who).await?;
    w.actor.require(Permission::DocumentsWrite)?;
    let mut doc = docs::get(&w.tx, w.actor.scope, id).await?;
    if doc.kind != DocumentKind::Contract.as_str() {
        return Err(AppError::NotFound);
    }
    if doc.version != s.version {
        return Err(AppError::VersionConflict);
    }
    let deal_id = doc.deal_id.ok_or(AppError::NotFound)?;
    let deal = persistence::repo::sales::deals::get(&w.tx, persistence::AccessScope::All, deal_id.into()).await?;
    let status = ContractStatus::parse(&doc.status).ok_or_else(|| AppError::Internal(anyhow::anyhow!("contract status {}", doc.status)))?;
    let scan = match s.scan_file_id {
        Some(f) => {
            let file = files::get(&w.tx, w.actor.scope, f.into()).await.map_err(|_| AppError::field("scan_file_id", FieldError::new("not_found", "Нет такого файла в сделке")))?;
            if file.subject_id != deal.id {
                return Err(AppError::field("scan_file_id", FieldError::new("not_found", "Прикрепите скан к этой сделке")));
            }
            Some(f)
        }
        None => doc.scan_file_id,
    };
    let counterparty_approved = match doc.counterparty_id {
        Some(cp) => counterparties::get(&w.tx, persistence::AccessScope::All, cp.into()).await?.approved,
        None => false,
    };
    let facts = ContractFacts {
        scan_attached: scan.is_some(),
        counterparty_approved,
        requisites_checked: s.requisites_checked || doc.requisites_checked,
        comment_given: comment.is_some(),
    };
    let to = contract_transition(status, s.action, w.actor.role, &facts).map_err(refused)?;
    doc.status = to.as_str().to_owned();
    doc.scan_file_id = scan;
    doc.requisites_checked = facts.requisites_checked;
    if comment.is_some() {
        doc.status_note = comment.clone();
    }
    let saved = docs::save(&w.tx, doc, w.now).await?;
    let card = Card::Deal(deal.clone());
    let data = serde_json::json!({
        "document_id": saved.id, "number": saved.number, "action": s.action.as_str(), "from": status.as_str(), "to": to.as_str(),
        "from_name": status.name_ru(), "to_name": to.name_ru(),
    });
    journal::note(&w, &card, "contract_step", comment, data.clone());
    journal::emit(&w, &card, "contract_step", data);
    super::progress::record(&w, &deal).await?;
    let row = docs::row(&w.tx, persistence::AccessScope::All, saved.id).await?;
    w.commit().await?;
    Ok(row)
}
