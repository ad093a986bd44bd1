//! Identity: organizations, users, their sessions (rotating refresh tokens stored as hashes) and
//! integrators' API keys; the names shown beside their ids.
use super::*;
use crate::entities::{api_key, organization, refresh_token, user};
use domain::{OrganizationId, OrganizationKind, Role};
use sea_orm::{PaginatorTrait, QueryOrder, QuerySelect};
use std::collections::HashMap;

impl organization::Model {
    pub fn organization_id(&self) -> OrganizationId {
        self.id.into()
    }

    pub fn kind(&self) -> Result<OrganizationKind, RepoError> {
        named(&self.kind)
    }
}

impl user::Model {
    pub fn user_id(&self) -> UserId {
        self.id.into()
    }

    pub fn organization_id(&self) -> OrganizationId {
        self.organization_id.into()
    }

    pub fn role(&self) -> Result<Role, RepoError> {
        named(&self.role)
    }
}

impl api_key::Model {
    pub fn role(&self) -> Result<Role, RepoError> {
        named(&self.role)
    }
}

// ---------- organizations ----------

pub async fn list_organizations(db: &impl ConnectionTrait, scope: AccessScope) -> Result<Vec<organization::Model>, RepoError> {
    Ok(organization::Entity::find()
        .filter(scoped(scope, organization::Column::Id))
        .order_by_asc(organization::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn get_organization(db: &impl ConnectionTrait, scope: AccessScope, id: OrganizationId) -> Result<organization::Model, RepoError> {
    only(organization::Entity::find_by_id(Uuid::from(id)).filter(scoped(scope, organization::Column::Id)).all(db)).await?.ok_or(RepoError::NotFound)
}

/// Sets an organization's time zone (minutes east of UTC) and its advance reminder interval.
pub async fn set_reminder_settings(db: &impl ConnectionTrait, id: OrganizationId, utc_offset_minutes: i32, advance_reminder_days: i32) -> Result<(), RepoError> {
    use organization::Column as C;
    let res = organization::Entity::update_many()
        .col_expr(C::UtcOffsetMinutes, sea_orm::sea_query::Expr::value(utc_offset_minutes))
        .col_expr(C::AdvanceReminderDays, sea_orm::sea_query::Expr::value(advance_reminder_days))
        .filter(C::Id.eq(Uuid::from(id)))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(RepoError::NotFound);
    }
    Ok(())
}

pub async fn insert_organization(db: &impl ConnectionTrait, m: organization::Model) -> Result<organization::Model, RepoError> {
    Ok(m.into_active_model().insert(db).await?)
}

pub async fn count_organizations(db: &impl ConnectionTrait) -> Result<u64, RepoError> {
    Ok(organization::Entity::find().count(db).await?)
}

/// Names of the given organizations.
pub async fn organization_names(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = OrganizationId>) -> Result<HashMap<OrganizationId, String>, RepoError> {
    let ids: std::collections::BTreeSet<Uuid> = ids.into_iter().map(Uuid::from).collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(Uuid, String)> = organization::Entity::find()
        .select_only()
        .column(organization::Column::Id)
        .column(organization::Column::Name)
        .filter(organization::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, name)| (id.into(), name)).collect())
}

// ---------- users ----------

pub async fn find_user_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<user::Model>, RepoError> {
    only(user::Entity::find().filter(user::Column::Email.eq(email)).all(db)).await
}

/// A user by id, whatever the caller's scope: for authentication, before a caller is known.
pub async fn get_user(db: &impl ConnectionTrait, id: UserId) -> Result<user::Model, RepoError> {
    only(user::Entity::find_by_id(Uuid::from(id)).all(db)).await?.ok_or(RepoError::NotFound)
}

pub async fn get_user_scoped(db: &impl ConnectionTrait, scope: AccessScope, id: UserId) -> Result<user::Model, RepoError> {
    only(user::Entity::find_by_id(Uuid::from(id)).filter(scoped(scope, user::Column::OrganizationId)).all(db)).await?.ok_or(RepoError::NotFound)
}

pub async fn insert_user(db: &impl ConnectionTrait, m: user::Model) -> Result<user::Model, RepoError> {
    m.into_active_model().insert(db).await.map_err(|e| unique_as(e, "users_email"))
}

/// Users of organizations in scope, ordered by e-mail, keyset-paged on it.
pub async fn list_users(db: &impl ConnectionTrait, scope: AccessScope, q: Option<&str>, limit: u64, after_email: Option<&str>) -> Result<Page<user::Model>, RepoError> {
    let mut cond = scoped(scope, user::Column::OrganizationId);
    if let Some(q) = q.filter(|q| !q.is_empty()) {
        cond = cond.add(Condition::any().add(user::Column::Email.contains(q)).add(user::Column::FullName.contains(q)));
    }
    if let Some(after) = after_email {
        cond = cond.add(user::Column::Email.gt(after));
    }
    let mut rows = user::Entity::find().filter(cond).order_by_asc(user::Column::Email).limit(limit + 1).all(db).await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|u| u.email.clone())
    } else {
        None
    };
    Ok(Page { items: rows, next_cursor })
}

/// Active people of the organizations in scope, by name.
pub async fn active_staff(db: &impl ConnectionTrait, scope: AccessScope, role: Option<Role>, organization_id: Option<OrganizationId>) -> Result<Vec<user::Model>, RepoError> {
    let mut cond = scoped(scope, user::Column::OrganizationId).add(user::Column::IsActive.eq(true));
    if let Some(r) = role {
        cond = cond.add(user::Column::Role.eq(r.as_str()));
    }
    if let Some(o) = organization_id {
        cond = cond.add(user::Column::OrganizationId.eq(Uuid::from(o)));
    }
    Ok(user::Entity::find().filter(cond).order_by_asc(user::Column::FullName).limit(500).all(db).await?)
}

/// Saves an edited user if `expected_version` is still current.
pub async fn update_user(db: &impl ConnectionTrait, expected_version: i32, next: user::Model) -> Result<user::Model, RepoError> {
    write_versioned(db, next.id, expected_version, next.clone()).await?;
    Ok(next)
}

/// Full names of the given users (missing ids are simply absent).
pub async fn user_names(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = UserId>) -> Result<HashMap<UserId, String>, RepoError> {
    let ids: std::collections::BTreeSet<Uuid> = ids.into_iter().map(Uuid::from).collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(Uuid, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::FullName)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, name)| (id.into(), name)).collect())
}

// ---------- refresh tokens (stored as hashes, rotated, reuse revokes the family) ----------

pub async fn insert_refresh_token(db: &impl ConnectionTrait, m: refresh_token::Model) -> Result<(), RepoError> {
    m.into_active_model().insert(db).await?;
    Ok(())
}

pub async fn find_refresh_token(db: &impl ConnectionTrait, hash: &str) -> Result<Option<refresh_token::Model>, RepoError> {
    only(refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(hash)).all(db)).await
}

/// Marks a token used; false when someone else used it first (so only one rotation wins).
pub async fn use_refresh_token(db: &impl ConnectionTrait, id: Uuid, at: chrono::DateTime<chrono::Utc>) -> Result<bool, RepoError> {
    use sea_orm::sea_query::Expr;
    let res = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(at))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn revoke_refresh_family(db: &impl ConnectionTrait, family: Uuid, at: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use sea_orm::sea_query::Expr;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(at))
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user (deactivated, demoted, new password).
pub async fn revoke_refresh_tokens_of(db: &impl ConnectionTrait, user: UserId, at: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use sea_orm::sea_query::Expr;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(at))
        .filter(refresh_token::Column::UserId.eq(Uuid::from(user)))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

// ---------- API keys ----------

pub async fn insert_api_key(db: &impl ConnectionTrait, m: api_key::Model) -> Result<api_key::Model, RepoError> {
    Ok(m.into_active_model().insert(db).await?)
}

pub async fn list_api_keys(db: &impl ConnectionTrait, scope: AccessScope) -> Result<Vec<api_key::Model>, RepoError> {
    Ok(api_key::Entity::find()
        .filter(scoped(scope, api_key::Column::OrganizationId))
        .order_by_desc(api_key::Column::CreatedAt)
        .all(db)
        .await?)
}

/// An active key by the hash of its secret, with its organization.
pub async fn find_active_api_key(db: &impl ConnectionTrait, hash: &str) -> Result<Option<(api_key::Model, organization::Model)>, RepoError> {
    let Some(key) = only(api_key::Entity::find().filter(api_key::Column::KeyHash.eq(hash)).filter(api_key::Column::RevokedAt.is_null()).all(db)).await? else {
        return Ok(None);
    };
    let org = get_organization(db, AccessScope::All, key.organization_id.into()).await?;
    Ok(Some((key, org)))
}

/// Records that a key was just used; at most one write a minute per key, so busy integrators do not write on every call.
pub async fn touch_api_key(db: &impl ConnectionTrait, key: &api_key::Model, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use sea_orm::sea_query::Expr;
    if key.last_used_at.is_some_and(|t| now - t < chrono::Duration::minutes(1)) {
        return Ok(());
    }
    api_key::Entity::update_many()
        .col_expr(api_key::Column::LastUsedAt, Expr::value(now))
        .filter(api_key::Column::Id.eq(key.id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn revoke_api_key(db: &impl ConnectionTrait, scope: AccessScope, id: ApiKeyId, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use sea_orm::sea_query::Expr;
    let key = api_key::Entity::find_by_id(Uuid::from(id))
        .filter(scoped(scope, api_key::Column::OrganizationId))
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)?;
    if key.revoked_at.is_none() {
        api_key::Entity::update_many()
            .col_expr(api_key::Column::RevokedAt, Expr::value(now))
            .filter(api_key::Column::Id.eq(key.id))
            .exec(db)
            .await?;
    }
    Ok(())
}
