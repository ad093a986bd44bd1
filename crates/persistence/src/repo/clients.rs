use super::*;

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
    pub sort: ClientSort,
}

/// List order; every order is a keyset over (key, id), so paging is stable under inserts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClientSort {
    #[default]
    Name,
    NameDesc,
    Created,
    CreatedDesc,
    Updated,
    UpdatedDesc,
}

impl ClientSort {
    /// `name`, `-name`, `created_at`, `-created_at`, `updated_at`, `-updated_at`.
    pub fn parse(s: &str) -> Option<ClientSort> {
        Some(match s {
            "name" => ClientSort::Name,
            "-name" => ClientSort::NameDesc,
            "created_at" => ClientSort::Created,
            "-created_at" => ClientSort::CreatedDesc,
            "updated_at" => ClientSort::Updated,
            "-updated_at" => ClientSort::UpdatedDesc,
            _ => return None,
        })
    }

    fn column(self) -> client::Column {
        match self {
            ClientSort::Name | ClientSort::NameDesc => client::Column::SortName,
            ClientSort::Created | ClientSort::CreatedDesc => client::Column::CreatedAt,
            ClientSort::Updated | ClientSort::UpdatedDesc => client::Column::UpdatedAt,
        }
    }

    fn descending(self) -> bool {
        matches!(self, ClientSort::NameDesc | ClientSort::CreatedDesc | ClientSort::UpdatedDesc)
    }

    /// The sort key of a row, as the cursor carries it.
    fn key(self, c: &client::Model) -> String {
        match self {
            ClientSort::Name | ClientSort::NameDesc => c.sort_name.clone(),
            ClientSort::Created | ClientSort::CreatedDesc => c.created_at.to_rfc3339(),
            ClientSort::Updated | ClientSort::UpdatedDesc => c.updated_at.to_rfc3339(),
        }
    }

    fn key_value(self, key: &str) -> Option<sea_orm::Value> {
        match self {
            ClientSort::Name | ClientSort::NameDesc => Some(key.to_owned().into()),
            _ => chrono::DateTime::parse_from_rfc3339(key).ok().map(|t| t.with_timezone(&chrono::Utc).into()),
        }
    }
}

/// Keyset page in `filter.sort` order; the cursor is the last row's (key, id).
pub async fn list_clients(
    db: &DatabaseConnection,
    scope: AccessScope,
    filter: &ClientFilter,
    limit: u64,
    cursor: Option<&str>,
) -> Result<(Vec<client::Model>, Option<String>), RepoError> {
    let sort = filter.sort;
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
    if let Some((key, id)) = cursor.and_then(decode_cursor)
        && let Some(value) = sort.key_value(&key)
    {
        let col = sort.column();
        let (after_key, after_id) = if sort.descending() {
            (col.lt(value.clone()), client::Column::Id.lt(id))
        } else {
            (col.gt(value.clone()), client::Column::Id.gt(id))
        };
        cond = cond.add(Condition::any().add(after_key).add(Condition::all().add(col.eq(value)).add(after_id)));
    }
    let order = if sort.descending() { sea_orm::Order::Desc } else { sea_orm::Order::Asc };
    let mut rows = client::Entity::find()
        .filter(cond)
        .order_by(sort.column(), order.clone())
        .order_by(client::Column::Id, order)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next = next_page(&mut rows, limit, |r| encode_cursor(&sort.key(r), r.id));
    Ok((rows, next))
}

fn encode_cursor(key: &str, id: Uuid) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{id}|{key}"))
}

/// A malformed cursor is treated as "from the start" rather than an error.
fn decode_cursor(c: &str) -> Option<(String, Uuid)> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(c).ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (id, key) = s.split_once('|')?;
    Some((key.to_owned(), Uuid::parse_str(id).ok()?))
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
    let client = find_in_scope::<client::Entity>(db, scope, id).await?;
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
    let txn = begin_write(db).await?;
    let row = insert_client_in(&txn, client, counterparties, contacts, actor).await?;
    txn.commit().await?;
    Ok(row)
}

/// [`insert_client`] inside the caller's transaction (a lead's conversion creates its client).
pub(crate) async fn insert_client_in(
    txn: &impl ConnectionTrait,
    client: client::Model,
    counterparties: Vec<counterparty::Model>,
    contacts: Vec<contact::Model>,
    actor: &AuditActor,
) -> Result<ClientRow, RepoError> {
    let mut client = client;
    let inns: Vec<&str> = counterparties.iter().filter_map(|c| c.inn.as_deref()).collect();
    derive_client_columns(&mut client, &inns);
    let client = client.into_active_model().insert(txn).await?;
    write_audit(txn, actor, client.organization_id, Some(client.id), "client", client.id, "create", created(serde_json::json!({"name": client.name}))).await?;
    let mut saved = Vec::with_capacity(counterparties.len());
    for c in counterparties {
        saved.push(c.into_active_model().insert(txn).await?);
    }
    let mut saved_contacts = Vec::with_capacity(contacts.len());
    for c in contacts {
        saved_contacts.push(c.into_active_model().insert(txn).await?);
    }
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

// ---------- client edits ----------

/// Re-derives a client's name/sort/search columns after its name or its counterparties' INNs changed.
async fn rederive_client(txn: &impl ConnectionTrait, client: &mut client::Model) -> Result<(), RepoError> {
    let inns: Vec<String> = counterparty::Entity::find()
        .select_only()
        .column(counterparty::Column::Inn)
        .filter(counterparty::Column::ClientId.eq(client.id))
        .filter(counterparty::Column::Inn.is_not_null())
        .into_tuple()
        .all(txn)
        .await?;
    derive_client_columns(client, &inns.iter().map(String::as_str).collect::<Vec<_>>());
    Ok(())
}

/// Stores the derived columns of a client (not versioned: they follow the counterparties).
async fn store_derived(txn: &impl ConnectionTrait, c: &client::Model) -> Result<(), RepoError> {
    use sea_orm::sea_query::Expr;
    client::Entity::update_many()
        .col_expr(client::Column::NameNorm, Expr::value(c.name_norm.clone()))
        .col_expr(client::Column::SortName, Expr::value(c.sort_name.clone()))
        .col_expr(client::Column::SearchText, Expr::value(c.search_text.clone()))
        .filter(client::Column::Id.eq(c.id))
        .exec(txn)
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
    let txn = begin_write(db).await?;
    let edit = edit_in_scope(&txn, scope, id, expected_version, change, snapshot).await?;
    if !edit.changes.is_empty() {
        let mut saved = edit.after;
        rederive_client(&txn, &mut saved).await?;
        store_derived(&txn, &saved).await?;
        write_audit(&txn, actor, saved.organization_id, Some(id), "client", id, "update", edit.changes).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn client_history(db: &DatabaseConnection, scope: AccessScope, client_id: Uuid) -> Result<Vec<audit_log::Model>, RepoError> {
    find_in_scope::<client::Entity>(db, scope, client_id).await?;
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::ClientId.eq(client_id))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .limit(500)
        .all(db)
        .await?)
}

/// `{field: {old: null, new}}` for every field of a snapshot: how a creation reads in the history.
fn created(snapshot: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    diff(&serde_json::json!({}), &snapshot, &[])
}

/// `{field: {old, new: null}}`: how a deletion reads in the history.
fn deleted(snapshot: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    if let serde_json::Value::Object(o) = snapshot {
        for (k, v) in o.into_iter().filter(|(_, v)| !v.is_null()) {
            out.insert(k, serde_json::json!({"old": v, "new": null}));
        }
    }
    out
}

// ---------- counterparties ----------

/// What the history shows of a counterparty.
pub fn counterparty_snapshot(c: &counterparty::Model) -> serde_json::Value {
    serde_json::json!({
        "kind": c.kind, "name": c.name, "inn": c.inn, "kpp": c.kpp, "ogrn": c.ogrn, "okpo": c.okpo,
        "legal_address": c.legal_address, "actual_address": c.actual_address,
    })
}

pub async fn get_counterparty(db: &DatabaseConnection, scope: AccessScope, id: Uuid) -> Result<counterparty::Model, RepoError> {
    find_in_scope::<counterparty::Entity>(db, scope, id).await
}

/// Adds a counterparty to a client the caller can see; the client is then found by its INN too.
pub async fn insert_counterparty(db: &DatabaseConnection, scope: AccessScope, m: counterparty::Model, actor: &AuditActor) -> Result<counterparty::Model, RepoError> {
    let txn = begin_write(db).await?;
    let mut owner = find_in_scope::<client::Entity>(&txn, scope, m.client_id).await?;
    let m = counterparty::Model { organization_id: owner.organization_id, ..m };
    let saved = m.into_active_model().insert(&txn).await?;
    rederive_client(&txn, &mut owner).await?;
    store_derived(&txn, &owner).await?;
    write_audit(&txn, actor, saved.organization_id, Some(saved.client_id), "counterparty", saved.id, "create", created(counterparty_snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Edits a counterparty's requisites. Changed requisites need a fresh check: the approval is withdrawn.
pub async fn update_counterparty(
    db: &DatabaseConnection,
    scope: AccessScope,
    id: Uuid,
    expected_version: i32,
    actor: &AuditActor,
    change: impl FnOnce(&mut counterparty::Model),
) -> Result<counterparty::Model, RepoError> {
    let txn = begin_write(db).await?;
    let withdraw = |c: &mut counterparty::Model| {
        let before = counterparty_snapshot(c);
        change(c);
        if c.approved && counterparty_snapshot(c) != before {
            c.approved = false;
            c.approved_by = None;
            c.approved_at = None;
        }
    };
    let snapshot = |c: &counterparty::Model| {
        let mut s = counterparty_snapshot(c);
        s["approved"] = c.approved.into();
        s
    };
    let edit = edit_in_scope(&txn, scope, id, expected_version, withdraw, snapshot).await?;
    if !edit.changes.is_empty() {
        let mut owner = find_in_scope::<client::Entity>(&txn, AccessScope::All, edit.after.client_id).await?;
        rederive_client(&txn, &mut owner).await?;
        store_derived(&txn, &owner).await?;
        write_audit(&txn, actor, edit.after.organization_id, Some(edit.after.client_id), "counterparty", id, "update", edit.changes).await?;
    }
    txn.commit().await?;
    Ok(edit.after)
}

pub async fn set_counterparty_approval(
    db: &DatabaseConnection,
    scope: AccessScope,
    id: Uuid,
    expected_version: i32,
    approved: bool,
    actor: &AuditActor,
) -> Result<counterparty::Model, RepoError> {
    let txn = begin_write(db).await?;
    let now = chrono::Utc::now();
    let edit = edit_in_scope(
        &txn,
        scope,
        id,
        expected_version,
        |c: &mut counterparty::Model| {
            c.approved = approved;
            c.approved_by = if approved { actor.user_id } else { None };
            c.approved_at = approved.then_some(now);
        },
        |c| serde_json::json!({"approved": c.approved}),
    )
    .await?;
    if !edit.changes.is_empty() {
        write_audit(&txn, actor, edit.after.organization_id, Some(edit.after.client_id), "counterparty", id, "approve", edit.changes).await?;
    }
    txn.commit().await?;
    Ok(edit.after)
}

// ---------- contacts ----------

/// What the history shows of a contact person.
pub fn contact_snapshot(c: &contact::Model) -> serde_json::Value {
    serde_json::json!({
        "last_name": c.last_name, "first_name": c.first_name, "middle_name": c.middle_name, "position": c.position,
        "phone": c.phone, "mobile": c.mobile, "email": c.email,
    })
}

pub async fn find_contact(db: &DatabaseConnection, scope: AccessScope, id: Uuid) -> Result<contact::Model, RepoError> {
    find_in_scope::<contact::Entity>(db, scope, id).await
}

pub async fn insert_contact(db: &DatabaseConnection, scope: AccessScope, m: contact::Model, actor: &AuditActor) -> Result<contact::Model, RepoError> {
    let txn = begin_write(db).await?;
    let owner = find_in_scope::<client::Entity>(&txn, scope, m.client_id).await?;
    let saved = contact::Model { organization_id: owner.organization_id, ..m }.into_active_model().insert(&txn).await?;
    write_audit(&txn, actor, saved.organization_id, Some(saved.client_id), "contact", saved.id, "create", created(contact_snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn update_contact(
    db: &DatabaseConnection,
    scope: AccessScope,
    id: Uuid,
    expected_version: i32,
    actor: &AuditActor,
    change: impl FnOnce(&mut contact::Model),
) -> Result<contact::Model, RepoError> {
    let txn = begin_write(db).await?;
    let edit = edit_in_scope(&txn, scope, id, expected_version, change, contact_snapshot).await?;
    if !edit.changes.is_empty() {
        write_audit(&txn, actor, edit.after.organization_id, Some(edit.after.client_id), "contact", id, "update", edit.changes).await?;
    }
    txn.commit().await?;
    Ok(edit.after)
}

pub async fn delete_contact(db: &DatabaseConnection, scope: AccessScope, id: Uuid, actor: &AuditActor) -> Result<(), RepoError> {
    let txn = begin_write(db).await?;
    let c = find_in_scope::<contact::Entity>(&txn, scope, id).await?;
    contact::Entity::delete_by_id(id).exec(&txn).await?;
    write_audit(&txn, actor, c.organization_id, Some(c.client_id), "contact", id, "delete", deleted(contact_snapshot(&c))).await?;
    txn.commit().await?;
    Ok(())
}

// ---------- bank accounts ----------

fn bank_account_snapshot(b: &bank_account::Model) -> serde_json::Value {
    serde_json::json!({"account_number": b.account_number, "bik": b.bik, "bank_name": b.bank_name})
}

pub async fn insert_bank_account(db: &DatabaseConnection, scope: AccessScope, m: bank_account::Model, actor: &AuditActor) -> Result<bank_account::Model, RepoError> {
    let txn = begin_write(db).await?;
    let owner = find_in_scope::<counterparty::Entity>(&txn, scope, m.counterparty_id).await?;
    let m = bank_account::Model { organization_id: owner.organization_id, client_id: owner.client_id, ..m };
    let saved = m.into_active_model().insert(&txn).await?;
    write_audit(&txn, actor, saved.organization_id, Some(saved.client_id), "bank_account", saved.id, "create", created(bank_account_snapshot(&saved))).await?;
    txn.commit().await?;
    Ok(saved)
}

pub async fn delete_bank_account(db: &DatabaseConnection, scope: AccessScope, id: Uuid, actor: &AuditActor) -> Result<(), RepoError> {
    let txn = begin_write(db).await?;
    let b = find_in_scope::<bank_account::Entity>(&txn, scope, id).await?;
    bank_account::Entity::delete_by_id(id).exec(&txn).await?;
    write_audit(&txn, actor, b.organization_id, Some(b.client_id), "bank_account", id, "delete", deleted(bank_account_snapshot(&b))).await?;
    txn.commit().await?;
    Ok(())
}

// ---------- names shown beside ids ----------

/// Full names of the given users (missing ids are simply absent).
pub async fn user_names(db: &DatabaseConnection, ids: impl IntoIterator<Item = Uuid>) -> Result<std::collections::HashMap<Uuid, String>, RepoError> {
    let ids: std::collections::BTreeSet<Uuid> = ids.into_iter().collect();
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
    Ok(rows.into_iter().collect())
}

/// Names of the given organizations.
pub async fn organization_names(db: &DatabaseConnection, ids: impl IntoIterator<Item = Uuid>) -> Result<std::collections::HashMap<Uuid, String>, RepoError> {
    let ids: std::collections::BTreeSet<Uuid> = ids.into_iter().collect();
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
    Ok(rows.into_iter().collect())
}
