//! One timeline per card: reading it, commenting, and attaching files (the bytes go to the file
//! store first and are removed again if recording them fails).
use crate::AppState;
use crate::app::Write;
use crate::auth::Credentials;
use crate::app::journal;
use crate::error::AppError;
use domain::Permission;
use domain::sales::CardId;
use persistence::entities::{file, timeline_entry};
use persistence::repo::sales::{cards as card_rows, timeline};
use persistence::repo::{files, sales::cards::Card};
use uuid::Uuid;

/// The newest 500 entries of a card's timeline (a deal's includes the lead it came from).
pub async fn of_card(ctx: &AppState, who: &Credentials, card: CardId) -> Result<Vec<timeline_entry::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::read_cards(card.kind().pipeline_kind()))?;
    Ok(timeline::of_card(&ctx.db, actor.scope, card, 500).await?)
}

/// The newest 300 entries of all a client's leads and deals the caller may read.
pub async fn of_client(ctx: &AppState, who: &Credentials, client: domain::ClientId) -> Result<Vec<timeline_entry::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::ClientsRead)?;
    let (leads, deals) = (actor.may(Permission::LeadsRead), actor.may(Permission::DealsRead));
    if !leads && !deals {
        return Err(AppError::Forbidden);
    }
    persistence::repo::clients::clients::get(&ctx.db, actor.scope, client).await?;
    Ok(timeline::of_client(&ctx.db, actor.scope, client, leads, deals, 300).await?)
}

pub async fn comment(ctx: &AppState, who: &Credentials, card: CardId, text: String) -> Result<timeline_entry::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::write_cards(card.kind().pipeline_kind()))?;
    let card = card_rows::find(&w.tx, w.actor.scope, card).await?;
    let entry = journal::note(&w, &card, "comment", Some(text.clone()), serde_json::json!({}));
    let mentions = mentioned(&w, &card, &text).await?;
    journal::emit(&w, &card, "commented", serde_json::json!({"text": text, "mentions": mentions}));
    w.commit().await?;
    Ok(entry)
}

/// The people a comment names with `@` who can see the card: its organization's and the caller's.
async fn mentioned(w: &Write, card: &Card, text: &str) -> Result<Vec<Uuid>, AppError> {
    use domain::notifications::{mentioned_names, names_person};
    let names = mentioned_names(text);
    if names.is_empty() {
        return Ok(vec![]);
    }
    let mut people = persistence::repo::notifications::people(&w.tx, card.organization_id(), None).await?;
    if w.actor.organization_id != card.organization_id() {
        people.extend(persistence::repo::notifications::people(&w.tx, w.actor.organization_id, None).await?);
    }
    Ok(people.into_iter().filter(|p| names.iter().any(|n| names_person(n, &p.email, &p.full_name))).map(|p| p.id).collect())
}

/// A file as uploaded: its name, the type its sender claims, and its bytes staged on disk.
pub struct Upload {
    pub name: String,
    pub content_type: String,
    pub staged: crate::files::Staged,
}

/// Attaches a file to a card the caller may change.
pub async fn attach_to_card(ctx: &AppState, who: &Credentials, card: CardId, upload: Upload) -> Result<(file::Model, Option<String>), AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::write_cards(card.kind().pipeline_kind()))?;
    let card = card_rows::find(&w.tx, w.actor.scope, card).await?;
    let f = attach(ctx, &w, &card, None, upload).await?;
    // Files show the person who uploaded them (an integrator's key has no name to show).
    let name = w.actor.user_id.map(|_| w.actor.name.clone());
    commit_with(ctx, w, &f).await?;
    Ok((f, name))
}

/// Stores the bytes and records them on the card (and one of its requests); the stored bytes are
/// removed again if recording fails.
pub(crate) async fn attach(ctx: &AppState, w: &Write, card: &Card, request_id: Option<Uuid>, upload: Upload) -> Result<file::Model, AppError> {
    let file_id = Uuid::now_v7();
    let key = crate::files::FileStore::new_key(file_id, w.now);
    ctx.files.keep(&key, &upload.staged).await.map_err(|e| AppError::Internal(e.into()))?;
    let recorded = async {
        let f = files::insert(&w.tx, file::Model {
            id: file_id, organization_id: card.organization_id().into(), subject_type: card.kind().as_str().into(), subject_id: card.id().uuid(),
            request_id, name: upload.name, content_type: upload.content_type, size: upload.staged.size as i64, storage_key: key.clone(),
            sha256: upload.staged.sha256.clone(), uploaded_by: w.actor.user_id.map(Uuid::from), created_at: w.now,
        })
        .await?;
        let data = serde_json::json!({"file_id": f.id, "name": f.name, "size": f.size, "content_type": f.content_type, "request_id": f.request_id});
        journal::note(w, card, "file", None, data.clone());
        journal::emit(w, card, "file_attached", data);
        Ok::<_, AppError>(f)
    };
    match recorded.await {
        Ok(f) => Ok(f),
        Err(e) => {
            let _ = ctx.files.delete(&key).await;
            Err(e)
        }
    }
}

/// Commits a write that stored a file; if the commit fails, the stored bytes go too.
pub(crate) async fn commit_with(ctx: &AppState, w: Write, f: &file::Model) -> Result<(), AppError> {
    if let Err(e) = w.commit().await {
        let _ = ctx.files.delete(&f.storage_key).await;
        return Err(e);
    }
    Ok(())
}

/// Whether the caller may read a card's file: the card's readers, and the department a request's
/// file was made for (`app::files::download` asks; a production order's files are the order's).
pub(crate) async fn may_read_file(ctx: &AppState, actor: &crate::app::Actor, f: &file::Model) -> Result<(), AppError> {
    let card = f.card()?;
    let by_request = match f.request_id() {
        Some(r) => {
            let r = persistence::repo::work::requests::get(&ctx.db, actor.scope, r).await?;
            actor.may(Permission::answer(r.kind()?))
        }
        None => false,
    };
    if !by_request {
        actor.require(Permission::read_cards(card.kind().pipeline_kind()))?;
    }
    Ok(())
}
