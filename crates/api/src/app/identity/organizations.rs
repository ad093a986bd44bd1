//! Organizations: the head company and the productions, as far as the caller's scope reaches.
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::{OrganizationId, Permission};
use persistence::entities::organization;
use persistence::repo::identity;

pub async fn list(ctx: &AppState, who: &Credentials) -> Result<Vec<organization::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::OrganizationsRead)?;
    Ok(identity::list_organizations(&ctx.db, actor.scope).await?)
}

pub async fn get(ctx: &AppState, who: &Credentials, id: OrganizationId) -> Result<organization::Model, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::OrganizationsRead)?;
    Ok(identity::get_organization(&ctx.db, actor.scope, id).await?)
}
