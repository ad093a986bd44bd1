use super::*;

// ---------- organizations ----------

pub async fn list_organizations(db: &DatabaseConnection, scope: AccessScope) -> Result<Vec<organization::Model>, RepoError> {
    Ok(organization::Entity::find()
        .filter(scoped(scope, organization::Column::Id))
        .order_by_asc(organization::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn get_organization(db: &DatabaseConnection, scope: AccessScope, id: Uuid) -> Result<organization::Model, RepoError> {
    organization::Entity::find_by_id(id)
        .filter(scoped(scope, organization::Column::Id))
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)
}

pub async fn insert_organization(db: &impl ConnectionTrait, m: organization::Model) -> Result<organization::Model, RepoError> {
    Ok(m.into_active_model().insert(db).await?)
}

pub async fn count_organizations(db: &DatabaseConnection) -> Result<u64, RepoError> {
    Ok(organization::Entity::find().count(db).await?)
}

// ---------- users ----------

pub async fn find_user_by_email(db: &DatabaseConnection, email: &str) -> Result<Option<user::Model>, RepoError> {
    Ok(user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await?)
}

pub async fn get_user(db: &DatabaseConnection, id: Uuid) -> Result<user::Model, RepoError> {
    user::Entity::find_by_id(id).one(db).await?.ok_or(RepoError::NotFound)
}

pub async fn insert_user(db: &impl ConnectionTrait, m: user::Model) -> Result<user::Model, RepoError> {
    m.into_active_model().insert(db).await.map_err(|e| unique_as(e, "users_email"))
}


// ---------- refresh tokens (stored as hashes, rotated, reuse revokes the family) ----------


pub async fn insert_refresh_token(db: &DatabaseConnection, m: refresh_token::Model) -> Result<(), RepoError> {
    m.into_active_model().insert(db).await?;
    Ok(())
}

pub async fn find_refresh_token(db: &DatabaseConnection, hash: &str) -> Result<Option<refresh_token::Model>, RepoError> {
    Ok(refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(hash)).one(db).await?)
}

/// Marks a token used; false when someone else used it first (so only one rotation wins).
pub async fn use_refresh_token(db: &DatabaseConnection, id: Uuid, at: chrono::DateTime<chrono::Utc>) -> Result<bool, RepoError> {
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

pub async fn revoke_refresh_family(db: &DatabaseConnection, family: Uuid, at: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
    use sea_orm::sea_query::Expr;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(at))
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

// ---------- API keys ----------


pub async fn insert_api_key(db: &DatabaseConnection, m: api_key::Model) -> Result<api_key::Model, RepoError> {
    Ok(m.into_active_model().insert(db).await?)
}

pub async fn list_api_keys(db: &DatabaseConnection, scope: AccessScope) -> Result<Vec<api_key::Model>, RepoError> {
    Ok(api_key::Entity::find()
        .filter(scoped(scope, api_key::Column::OrganizationId))
        .order_by_desc(api_key::Column::CreatedAt)
        .all(db)
        .await?)
}

/// An active key by the hash of its secret.
pub async fn find_active_api_key(db: &DatabaseConnection, hash: &str) -> Result<Option<api_key::Model>, RepoError> {
    Ok(api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(hash))
        .filter(api_key::Column::RevokedAt.is_null())
        .one(db)
        .await?)
}

/// Records that a key was just used; at most one write a minute per key, so busy integrators do not write on every call.
pub async fn touch_api_key(db: &DatabaseConnection, key: &api_key::Model, now: chrono::DateTime<chrono::Utc>) -> Result<(), RepoError> {
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

pub async fn revoke_api_key(db: &DatabaseConnection, scope: AccessScope, id: Uuid) -> Result<(), RepoError> {
    use sea_orm::sea_query::Expr;
    let key = api_key::Entity::find_by_id(id)
        .filter(scoped(scope, api_key::Column::OrganizationId))
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)?;
    if key.revoked_at.is_none() {
        api_key::Entity::update_many()
            .col_expr(api_key::Column::RevokedAt, Expr::value(chrono::Utc::now()))
            .filter(api_key::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}

// ---------- users (admin) ----------

/// Users of organizations in scope, ordered by e-mail, keyset-paged on it.
pub async fn list_users(db: &DatabaseConnection, scope: AccessScope, q: Option<&str>, limit: u64, after_email: Option<&str>) -> Result<Vec<user::Model>, RepoError> {
    let mut cond = scoped(scope, user::Column::OrganizationId);
    if let Some(q) = q.filter(|q| !q.is_empty()) {
        cond = cond.add(Condition::any().add(user::Column::Email.contains(q)).add(user::Column::FullName.contains(q)));
    }
    if let Some(after) = after_email {
        cond = cond.add(user::Column::Email.gt(after));
    }
    Ok(user::Entity::find().filter(cond).order_by_asc(user::Column::Email).limit(limit).all(db).await?)
}

/// Active people of the organizations in scope, by name.
pub async fn active_staff(db: &DatabaseConnection, scope: AccessScope, role: Option<&str>, organization_id: Option<Uuid>) -> Result<Vec<user::Model>, RepoError> {
    let mut cond = scoped(scope, user::Column::OrganizationId).add(user::Column::IsActive.eq(true));
    if let Some(r) = role {
        cond = cond.add(user::Column::Role.eq(r));
    }
    if let Some(o) = organization_id {
        cond = cond.add(user::Column::OrganizationId.eq(o));
    }
    Ok(user::Entity::find().filter(cond).order_by_asc(user::Column::FullName).limit(500).all(db).await?)
}

pub async fn get_user_scoped(db: &DatabaseConnection, scope: AccessScope, id: Uuid) -> Result<user::Model, RepoError> {
    user::Entity::find_by_id(id)
        .filter(scoped(scope, user::Column::OrganizationId))
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)
}

/// Saves an edited user if `expected_version` is still current.
pub async fn update_user(db: &DatabaseConnection, expected_version: i32, next: user::Model) -> Result<user::Model, RepoError> {
    write_versioned(db, next.id, expected_version, next.clone()).await?;
    Ok(next)
}
