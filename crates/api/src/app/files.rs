//! A stored file, for whoever may read what it is attached to: a card (its readers, or the
//! department a request's file was made for) or a production order (those who read the order).
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use persistence::entities::file;
use persistence::repo::files;

/// The file and its bytes; another organization's, or one the caller may not read, is 404 / 403.
pub async fn download(ctx: &AppState, who: &Credentials, id: domain::FileId) -> Result<(file::Model, Vec<u8>), AppError> {
    let actor = ctx.read(who).await?;
    let f = files::get(&ctx.db, actor.scope, id).await?;
    if f.subject_type == files::PRODUCTION_ORDER {
        crate::app::production::orders::may_read_file_of(ctx, &actor, f.subject_id).await?;
    } else {
        crate::app::sales::timeline::may_read_file(ctx, &actor, &f).await?;
    }
    let bytes = ctx.files.get(&f.storage_key).await.map_err(|e| AppError::Internal(e.into()))?;
    Ok((f, bytes))
}
