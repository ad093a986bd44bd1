//! Accounts, managed by an admin: a new role, a new password or deactivation ends the account's
//! sessions at once (its token version moves on and its refresh tokens are revoked).
use crate::AppState;
use crate::auth::{Credentials, hash_password};
use crate::error::AppError;
use domain::identity::{NewUser, UserChanges};
use domain::{FieldError, OrganizationId, Permission, Role, UserId};
use persistence::entities::user;
use persistence::repo::{Page, identity};
use std::collections::HashMap;
use uuid::Uuid;

/// Accounts with their organizations' names.
pub struct Users {
    pub items: Vec<user::Model>,
    pub organization_names: HashMap<OrganizationId, String>,
}

async fn named(db: &impl persistence::ConnectionTrait, items: Vec<user::Model>) -> Result<Users, AppError> {
    let organization_names = identity::organization_names(db, items.iter().map(user::Model::organization_id)).await?;
    Ok(Users { items, organization_names })
}

pub async fn list(ctx: &AppState, who: &Credentials, q: Option<&str>, limit: u64, cursor: Option<&str>) -> Result<(Users, Option<String>), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::UsersManage)?;
    let search = q.map(|s| s.trim().to_lowercase());
    let Page { items, next_cursor } = identity::list_users(&ctx.db, actor.scope, search.as_deref(), limit, cursor).await?;
    Ok((named(&ctx.db, items).await?, next_cursor))
}

pub async fn get(ctx: &AppState, who: &Credentials, id: UserId) -> Result<Users, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::UsersManage)?;
    let u = identity::get_user_scoped(&ctx.db, actor.scope, id).await?;
    named(&ctx.db, vec![u]).await
}

pub async fn create(ctx: &AppState, who: &Credentials, cmd: NewUser) -> Result<Users, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::UsersManage)?;
    identity::get_organization(&w.tx, w.actor.scope, cmd.organization_id).await?;
    let password_hash = hash_password(cmd.password.expose())?;
    let u = identity::insert_user(&w.tx, user::Model {
        id: Uuid::now_v7(), organization_id: cmd.organization_id.into(), email: cmd.email.as_str().to_owned(), full_name: cmd.full_name,
        role: cmd.role.as_str().to_owned(), password_hash, is_active: true, locale: domain::identity::Locale::Ru.as_str().into(),
        created_at: w.now, updated_at: w.now, version: 1, token_version: 0,
    })
    .await?;
    let out = named(&w.tx, vec![u]).await?;
    w.commit().await?;
    Ok(out)
}

pub async fn update(ctx: &AppState, who: &Credentials, id: UserId, c: UserChanges) -> Result<Users, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::UsersManage)?;
    if c.is_active == Some(false) && w.actor.user_id == Some(id) {
        return Err(AppError::field("is_active", FieldError::new("not_allowed", "Нельзя отключить самого себя")));
    }
    let mut u = identity::get_user_scoped(&w.tx, w.actor.scope, id).await?;
    if u.version != c.version {
        return Err(AppError::VersionConflict);
    }
    let role_changed = c.role.is_some_and(|r| Some(r) != Role::parse(&u.role));
    let ends_sessions = role_changed || c.password.is_some() || (c.is_active == Some(false) && u.is_active);
    if let Some(n) = c.full_name { u.full_name = n }
    if let Some(r) = c.role { u.role = r.as_str().to_owned() }
    if let Some(a) = c.is_active { u.is_active = a }
    if let Some(l) = c.locale { u.locale = l.as_str().to_owned() }
    if let Some(p) = &c.password { u.password_hash = hash_password(p.expose())? }
    if ends_sessions {
        u.token_version += 1;
        identity::revoke_refresh_tokens_of(&w.tx, id, w.now).await?;
    }
    u.version += 1;
    u.updated_at = w.now;
    let u = identity::update_user(&w.tx, c.version, u).await?;
    let out = named(&w.tx, vec![u]).await?;
    w.commit().await?;
    Ok(out)
}

/// Active people of the organizations in scope, to pick a responsible person or an assignee.
pub async fn staff(ctx: &AppState, who: &Credentials, role: Option<Role>, organization_id: Option<OrganizationId>) -> Result<Vec<user::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::OrganizationsRead)?;
    Ok(identity::active_staff(&ctx.db, actor.scope, role, organization_id).await?)
}

/// A person picked as responsible or assignee must exist in the caller's scope (else a 422 on `field`).
pub(crate) async fn check_person(db: &impl persistence::ConnectionTrait, scope: persistence::AccessScope, errors: &mut domain::FieldErrors, field: &str, id: Option<UserId>) -> Result<(), AppError> {
    if let Some(id) = id {
        match identity::get_user_scoped(db, scope, id).await {
            Ok(_) => {}
            Err(persistence::RepoError::NotFound) => errors.add(field, domain::FieldError::new("not_found", "Сотрудник не найден")),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

