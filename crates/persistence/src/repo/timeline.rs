//! One timeline per card (stage changes, comments, files, tasks, requests, payments) and the
//! files attached to cards and requests. A deal's timeline includes the lead it came from.
use super::cards::{self, Card, Subject};
use super::*;
use crate::entities::{deal, file, timeline_entry};

/// The card's timeline, newest first (at most `limit` entries).
pub async fn timeline(db: &DatabaseConnection, scope: AccessScope, subject: Subject, id: Uuid, limit: u64) -> Result<Vec<timeline_entry::Model>, RepoError> {
    let card = cards::find_card(db, scope, subject, id).await?;
    let mut ids = vec![card.id()];
    if let Card::Deal(deal::Model { lead_id: Some(lead), .. }) = &card {
        ids.push(*lead);
    }
    Ok(timeline_entry::Entity::find()
        .filter(timeline_entry::Column::SubjectId.is_in(ids))
        .order_by_desc(timeline_entry::Column::At)
        .order_by_desc(timeline_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

pub async fn add_comment(db: &DatabaseConnection, scope: AccessScope, subject: Subject, id: Uuid, text: String, actor: &AuditActor) -> Result<timeline_entry::Model, RepoError> {
    let txn = begin_write(db).await?;
    let card = cards::find_card(&txn, scope, subject, id).await?;
    let now = chrono::Utc::now();
    cards::note(&txn, &card, "comment", Some(text.clone()), serde_json::json!({}), actor, now).await?;
    cards::emit(&txn, &card, "commented", serde_json::json!({"text": text})).await?;
    let entry = timeline_entry::Entity::find()
        .filter(timeline_entry::Column::SubjectId.eq(card.id()))
        .order_by_desc(timeline_entry::Column::At)
        .order_by_desc(timeline_entry::Column::Id)
        .one(&txn)
        .await?
        .ok_or(RepoError::NotFound)?;
    txn.commit().await?;
    Ok(entry)
}

/// Records a stored file on a card (and on one of its requests when `request_id` is set).
pub async fn insert_file(db: &DatabaseConnection, scope: AccessScope, subject: Subject, id: Uuid, f: file::Model, actor: &AuditActor) -> Result<file::Model, RepoError> {
    let txn = begin_write(db).await?;
    let card = cards::find_card(&txn, scope, subject, id).await?;
    let f = file::Model { organization_id: card.organization_id(), subject_type: subject.as_str().into(), subject_id: card.id(), ..f }
        .into_active_model()
        .insert(&txn)
        .await?;
    let data = serde_json::json!({"file_id": f.id, "name": f.name, "size": f.size, "content_type": f.content_type, "request_id": f.request_id});
    cards::note(&txn, &card, "file", None, data.clone(), actor, f.created_at).await?;
    cards::emit(&txn, &card, "file_attached", data).await?;
    txn.commit().await?;
    Ok(f)
}

pub async fn get_file(db: &DatabaseConnection, scope: AccessScope, id: Uuid) -> Result<file::Model, RepoError> {
    find_in_scope::<file::Entity>(db, scope, id).await
}

/// Files attached to a request, oldest first.
pub async fn request_files(db: &impl ConnectionTrait, request_id: Uuid) -> Result<Vec<file::Model>, RepoError> {
    Ok(file::Entity::find().filter(file::Column::RequestId.eq(request_id)).order_by_asc(file::Column::CreatedAt).all(db).await?)
}
