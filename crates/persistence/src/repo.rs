//! Repositories. Each function takes the caller's [`AccessScope`] where the rows are business rows.
use crate::entities::{bank, bank_account, client, contact, counterparty, organization, user};
use crate::{AccessScope, RepoError};
use base64::Engine;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use uuid::Uuid;

fn scoped<C: ColumnTrait>(scope: AccessScope, col: C) -> Condition {
    match scope {
        AccessScope::All => Condition::all(),
        AccessScope::Organization(org) => Condition::all().add(col.eq(org)),
    }
}

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

fn unique_as(e: sea_orm::DbErr, name: &'static str) -> RepoError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => RepoError::Duplicate(name),
        _ => RepoError::Db(e),
    }
}

// ---------- clients ----------

/// A client row with what the list shows beside it.
#[derive(Debug, Clone)]
pub struct ClientRow {
    pub client: client::Model,
    pub counterparties: Vec<counterparty::Model>,
    pub contacts: Vec<contact::Model>,
    pub bank_accounts: Vec<bank_account::Model>,
}

#[derive(Debug, Clone, Default)]
pub struct ClientFilter {
    /// Already lower-cased search text.
    pub q: Option<String>,
    pub relationship: Option<String>,
    pub organization_id: Option<Uuid>,
    pub manager_id: Option<Uuid>,
}

/// Keyset page: ordered by (sort_name, id); the cursor is the last row's key.
pub async fn list_clients(
    db: &DatabaseConnection,
    scope: AccessScope,
    filter: &ClientFilter,
    limit: u64,
    cursor: Option<&str>,
) -> Result<(Vec<client::Model>, Option<String>), RepoError> {
    let mut cond = scoped(scope, client::Column::OrganizationId);
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        cond = cond.add(client::Column::SearchText.contains(q));
    }
    if let Some(r) = &filter.relationship {
        cond = cond.add(client::Column::Relationship.eq(r.as_str()));
    }
    if let Some(o) = filter.organization_id {
        cond = cond.add(client::Column::OrganizationId.eq(o));
    }
    if let Some(m) = filter.manager_id {
        cond = cond.add(client::Column::ManagerId.eq(m));
    }
    if let Some((sort, id)) = cursor.and_then(decode_cursor) {
        cond = cond.add(
            Condition::any()
                .add(client::Column::SortName.gt(sort.clone()))
                .add(Condition::all().add(client::Column::SortName.eq(sort)).add(client::Column::Id.gt(id))),
        );
    }
    let mut rows = client::Entity::find()
        .filter(cond)
        .order_by_asc(client::Column::SortName)
        .order_by_asc(client::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| encode_cursor(&r.sort_name, r.id))
    } else {
        None
    };
    Ok((rows, next))
}

fn encode_cursor(sort: &str, id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{id}|{sort}"))
}

/// A malformed cursor is treated as "from the start" rather than an error.
fn decode_cursor(c: &str) -> Option<(String, Uuid)> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c).ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (id, sort) = s.split_once('|')?;
    Some((sort.to_owned(), Uuid::parse_str(id).ok()?))
}

pub async fn counterparties_of(db: &DatabaseConnection, client_ids: &[Uuid]) -> Result<Vec<counterparty::Model>, RepoError> {
    if client_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(counterparty::Entity::find()
        .filter(counterparty::Column::ClientId.is_in(client_ids.iter().copied()))
        .order_by_asc(counterparty::Column::CreatedAt)
        .all(db)
        .await?)
}

pub async fn get_client(db: &DatabaseConnection, scope: AccessScope, id: Uuid) -> Result<ClientRow, RepoError> {
    let client = client::Entity::find_by_id(id)
        .filter(scoped(scope, client::Column::OrganizationId))
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)?;
    let counterparties = counterparties_of(db, &[client.id]).await?;
    let contacts = contact::Entity::find()
        .filter(contact::Column::ClientId.eq(client.id))
        .order_by_asc(contact::Column::CreatedAt)
        .all(db)
        .await?;
    let bank_accounts = bank_account::Entity::find()
        .filter(bank_account::Column::ClientId.eq(client.id))
        .order_by_asc(bank_account::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(ClientRow { client, counterparties, contacts, bank_accounts })
}

/// Fills the columns derived from a client and its counterparties' INNs: the normalised name for
/// "find similar", the sort key, and the lower-cased search text. Only this module writes them.
fn derive_client_columns(c: &mut client::Model, inns: &[&str]) {
    c.name_norm = domain::normalize_company_name(&c.name);
    c.sort_name = c.name.to_lowercase();
    c.search_text = [Some(c.name.as_str()), c.public_name.as_deref(), c.phone.as_deref(), c.email.as_deref()]
        .into_iter()
        .flatten()
        .chain(inns.iter().copied())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
}

/// Inserts a client with its counterparties in one transaction. The caller has already checked
/// that the owning organization is inside its scope.
pub async fn insert_client(
    db: &DatabaseConnection,
    scope: AccessScope,
    client: client::Model,
    counterparties: Vec<counterparty::Model>,
    contacts: Vec<contact::Model>,
    actor: &AuditActor,
) -> Result<ClientRow, RepoError> {
    if !scope.allows(client.organization_id) {
        return Err(RepoError::NotFound);
    }
    let mut client = client;
    let inns: Vec<&str> = counterparties.iter().filter_map(|c| c.inn.as_deref()).collect();
    derive_client_columns(&mut client, &inns);
    let txn = db.begin().await?;
    let client = client.into_active_model().insert(&txn).await?;
    let mut created = serde_json::Map::new();
    created.insert("name".into(), serde_json::json!({"old": null, "new": client.name}));
    write_audit(&txn, actor, client.organization_id, Some(client.id), "client", client.id, "create", created).await?;
    let mut saved = Vec::with_capacity(counterparties.len());
    for c in counterparties {
        saved.push(c.into_active_model().insert(&txn).await?);
    }
    let mut saved_contacts = Vec::with_capacity(contacts.len());
    for c in contacts {
        saved_contacts.push(c.into_active_model().insert(&txn).await?);
    }
    txn.commit().await?;
    Ok(ClientRow { client, counterparties: saved, contacts: saved_contacts, bank_accounts: vec![] })
}

/// Clients in scope that share the INN, phone or e-mail, or whose normalised name matches.
pub async fn similar_clients(
    db: &DatabaseConnection,
    scope: AccessScope,
    name_norm: Option<&str>,
    inn: Option<&str>,
    phone: Option<&str>,
    email: Option<&str>,
) -> Result<Vec<client::Model>, RepoError> {
    let mut any = Condition::any();
    if let Some(n) = name_norm.filter(|n| n.chars().count() >= 3) {
        any = any.add(client::Column::NameNorm.contains(n));
    }
    if let Some(p) = phone {
        any = any.add(client::Column::Phone.eq(p));
    }
    if let Some(e) = email {
        any = any.add(client::Column::Email.eq(e));
    }
    if let Some(inn) = inn {
        let ids: Vec<Uuid> = counterparty::Entity::find()
            .select_only()
            .column(counterparty::Column::ClientId)
            .filter(counterparty::Column::Inn.eq(inn))
            .into_tuple()
            .all(db)
            .await?;
        if !ids.is_empty() {
            any = any.add(client::Column::Id.is_in(ids));
        }
    }
    if any.is_empty() {
        return Ok(vec![]);
    }
    Ok(client::Entity::find()
        .filter(scoped(scope, client::Column::OrganizationId).add(any))
        .order_by_asc(client::Column::SortName)
        .limit(20)
        .all(db)
        .await?)
}

pub async fn ping(db: &DatabaseConnection) -> Result<(), RepoError> {
    Ok(db.ping().await?)
}

// ---------- counterparties and bank accounts ----------

pub async fn get_counterparty(db: &DatabaseConnection, scope: AccessScope, id: Uuid) -> Result<counterparty::Model, RepoError> {
    counterparty::Entity::find_by_id(id)
        .filter(scoped(scope, counterparty::Column::OrganizationId))
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)
}

pub async fn insert_bank_account(db: &DatabaseConnection, scope: AccessScope, m: bank_account::Model, actor: &AuditActor) -> Result<bank_account::Model, RepoError> {
    if !scope.allows(m.organization_id) {
        return Err(RepoError::NotFound);
    }
    let txn = db.begin().await?;
    let saved = m.into_active_model().insert(&txn).await?;
    let mut created = serde_json::Map::new();
    created.insert("account_number".into(), serde_json::json!({"old": null, "new": saved.account_number}));
    created.insert("bik".into(), serde_json::json!({"old": null, "new": saved.bik}));
    write_audit(&txn, actor, saved.organization_id, Some(saved.client_id), "bank_account", saved.id, "create", created).await?;
    txn.commit().await?;
    Ok(saved)
}

// ---------- bank directory (reference data, not owned by an organization) ----------

pub async fn get_bank(db: &DatabaseConnection, bik: &str) -> Result<Option<bank::Model>, RepoError> {
    Ok(bank::Entity::find_by_id(bik.to_owned()).one(db).await?)
}

/// Replaces or inserts directory entries in one transaction.
pub async fn upsert_banks(db: &DatabaseConnection, banks: Vec<bank::Model>) -> Result<usize, RepoError> {
    use sea_orm::sea_query::OnConflict;
    let n = banks.len();
    let txn = db.begin().await?;
    for chunk in banks.chunks(200) {
        bank::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
            .on_conflict(
                OnConflict::column(bank::Column::Bik)
                    .update_columns([bank::Column::Name, bank::Column::City, bank::Column::CorrAccount, bank::Column::Address, bank::Column::UpdatedAt])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(n)
}

// ---------- refresh tokens (stored as hashes, rotated, reuse revokes the family) ----------

use crate::entities::refresh_token;

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

// ---------- audit log and client updates ----------

use crate::entities::audit_log;

/// Who did it, for the audit log.
#[derive(Debug, Clone)]
pub struct AuditActor {
    pub user_id: Option<Uuid>,
    pub name: String,
}

/// `{field: {old, new}}` for every column whose value differs between two JSON renderings of a row.
pub fn diff(old: &serde_json::Value, new: &serde_json::Value, ignore: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    if let (Some(o), Some(n)) = (old.as_object(), new.as_object()) {
        for (k, nv) in n {
            let ov = o.get(k).unwrap_or(&serde_json::Value::Null);
            if ov != nv && !ignore.contains(&k.as_str()) {
                out.insert(k.clone(), serde_json::json!({"old": ov, "new": nv}));
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub async fn write_audit(
    db: &impl ConnectionTrait,
    actor: &AuditActor,
    organization_id: Uuid,
    client_id: Option<Uuid>,
    entity_type: &str,
    entity_id: Uuid,
    action: &str,
    changes: serde_json::Map<String, serde_json::Value>,
) -> Result<(), RepoError> {
    audit_log::Model {
        id: Uuid::now_v7(), organization_id, client_id, entity_type: entity_type.to_owned(), entity_id, action: action.to_owned(),
        changes: serde_json::Value::Object(changes).to_string(), actor_user_id: actor.user_id, actor_api_key_id: None,
        actor_name: actor.name.clone(), at: chrono::Utc::now(),
    }
    .into_active_model()
    .insert(db)
    .await?;
    Ok(())
}

/// Applies `change` to a client the caller can see, if `expected_version` is still current, and logs what changed.
pub async fn update_client(
    db: &DatabaseConnection,
    scope: AccessScope,
    id: Uuid,
    expected_version: i32,
    actor: &AuditActor,
    change: impl FnOnce(&mut client::Model),
    snapshot: impl Fn(&client::Model) -> serde_json::Value,
) -> Result<(), RepoError> {
    let txn = db.begin().await?;
    let current = client::Entity::find_by_id(id)
        .filter(scoped(scope, client::Column::OrganizationId))
        .one(&txn)
        .await?
        .ok_or(RepoError::NotFound)?;
    if current.version != expected_version {
        return Err(RepoError::VersionConflict);
    }
    let mut next = current.clone();
    change(&mut next);
    let inns: Vec<String> = counterparty::Entity::find()
        .select_only()
        .column(counterparty::Column::Inn)
        .filter(counterparty::Column::ClientId.eq(id))
        .filter(counterparty::Column::Inn.is_not_null())
        .into_tuple()
        .all(&txn)
        .await?;
    derive_client_columns(&mut next, &inns.iter().map(String::as_str).collect::<Vec<_>>());
    let changes = diff(&snapshot(&current), &snapshot(&next), &[]);
    if changes.is_empty() {
        return Ok(());
    }
    next.version = current.version + 1;
    next.updated_at = chrono::Utc::now();
    let mut am = next.clone().into_active_model().reset_all();
    am.id = sea_orm::ActiveValue::NotSet;
    let res = client::Entity::update_many()
        .set(am)
        .filter(client::Column::Id.eq(id))
        .filter(client::Column::Version.eq(expected_version))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(RepoError::VersionConflict);
    }
    write_audit(&txn, actor, current.organization_id, Some(id), "client", id, "update", changes).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn client_history(db: &DatabaseConnection, scope: AccessScope, client_id: Uuid) -> Result<Vec<audit_log::Model>, RepoError> {
    get_client(db, scope, client_id).await?;
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::ClientId.eq(client_id))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(500)
        .all(db)
        .await?)
}

// ---------- API keys ----------

use crate::entities::api_key;

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

/// Sets or clears a counterparty's `approved` flag if `expected_version` is current, and logs it.
pub async fn set_counterparty_approval(
    db: &DatabaseConnection,
    scope: AccessScope,
    id: Uuid,
    expected_version: i32,
    approved: bool,
    actor: &AuditActor,
) -> Result<counterparty::Model, RepoError> {
    let txn = db.begin().await?;
    let current = counterparty::Entity::find_by_id(id)
        .filter(scoped(scope, counterparty::Column::OrganizationId))
        .one(&txn)
        .await?
        .ok_or(RepoError::NotFound)?;
    if current.version != expected_version {
        return Err(RepoError::VersionConflict);
    }
    if current.approved == approved {
        return Ok(current);
    }
    let now = chrono::Utc::now();
    let mut am = current.clone().into_active_model();
    am.approved = sea_orm::ActiveValue::Set(approved);
    am.approved_by = sea_orm::ActiveValue::Set(if approved { actor.user_id } else { None });
    am.approved_at = sea_orm::ActiveValue::Set(approved.then_some(now));
    am.updated_at = sea_orm::ActiveValue::Set(now);
    am.version = sea_orm::ActiveValue::Set(current.version + 1);
    let saved = am.update(&txn).await?;
    let mut changes = serde_json::Map::new();
    changes.insert("approved".into(), serde_json::json!({"old": current.approved, "new": approved}));
    write_audit(&txn, actor, current.organization_id, Some(current.client_id), "counterparty", id, "approve", changes).await?;
    txn.commit().await?;
    Ok(saved)
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

pub async fn get_user_scoped(db: &DatabaseConnection, scope: AccessScope, id: Uuid) -> Result<user::Model, RepoError> {
    user::Entity::find_by_id(id)
        .filter(scoped(scope, user::Column::OrganizationId))
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)
}

/// Saves an edited user if `expected_version` is still current.
pub async fn update_user(db: &DatabaseConnection, expected_version: i32, next: user::Model) -> Result<user::Model, RepoError> {
    let mut am = next.clone().into_active_model().reset_all();
    am.id = sea_orm::ActiveValue::NotSet;
    let res = user::Entity::update_many()
        .set(am)
        .filter(user::Column::Id.eq(next.id))
        .filter(user::Column::Version.eq(expected_version))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(RepoError::VersionConflict);
    }
    Ok(next)
}
