//! The client itself: lists in six orders with keyset cursors, the whole card, the derived
//! name/sort/search columns, "find similar", the names shown beside ids.
use crate::entities::{bank_account, client, contact, counterparty};
use crate::repo::*;
use domain::clients::{PersonKind, Relationship};
use domain::{ClientId, OrganizationId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{QueryOrder, QuerySelect};
use std::collections::HashMap;

impl client::Model {
    pub fn client_id(&self) -> ClientId {
        self.id.into()
    }

    pub fn organization_id(&self) -> OrganizationId {
        self.organization_id.into()
    }

    pub fn person_kind(&self) -> Result<PersonKind, RepoError> {
        named(&self.person_kind)
    }

    pub fn relationship(&self) -> Result<Relationship, RepoError> {
        named(&self.relationship)
    }
}

/// A client with everything its card shows.
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
    pub relationship: Option<Relationship>,
    pub organization_id: Option<OrganizationId>,
    pub manager_id: Option<UserId>,
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

    fn key_value(self, cursor: &Cursor) -> Result<sea_orm::Value, RepoError> {
        Ok(match self {
            ClientSort::Name | ClientSort::NameDesc => cursor.key.clone().into(),
            _ => cursor.time()?.into(),
        })
    }
}

/// Keyset page in `filter.sort` order; the cursor is the last row's (key, id).
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, filter: &ClientFilter, limit: u64, cursor: Option<&str>) -> Result<Page<client::Model>, RepoError> {
    let sort = filter.sort;
    let mut cond = scoped(scope, client::Column::OrganizationId);
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        cond = cond.add(match domain::Phone::search_digits(q) {
            // A phone in any format: the client's own, or one of its contact persons'.
            Some(digits) => {
                let mut of_contacts = sea_orm::sea_query::Query::select();
                of_contacts
                    .expr(Expr::val(1))
                    .from(contact::Entity)
                    .and_where(Expr::col((contact::Entity, contact::Column::ClientId)).equals((client::Entity, client::Column::Id)))
                    .cond_where(Condition::any().add(contact::Column::Phone.contains(&digits)).add(contact::Column::Mobile.contains(&digits)));
                Condition::any().add(client::Column::SearchText.contains(&digits)).add(Expr::exists(of_contacts))
            }
            None => Condition::all().add(client::Column::SearchText.contains(q)),
        });
    }
    if let Some(r) = filter.relationship {
        cond = cond.add(client::Column::Relationship.eq(r.as_str()));
    }
    if let Some(o) = filter.organization_id {
        cond = cond.add(client::Column::OrganizationId.eq(Uuid::from(o)));
    }
    if let Some(m) = filter.manager_id {
        cond = cond.add(client::Column::ManagerId.eq(Uuid::from(m)));
    }
    if let Some(c) = decode_cursor(cursor)? {
        cond = cond.add(after(sort.column(), sort.key_value(&c)?, client::Column::Id, c.id, sort.descending()));
    }
    let order = if sort.descending() { sea_orm::Order::Desc } else { sea_orm::Order::Asc };
    let rows = client::Entity::find()
        .filter(cond)
        .order_by(sort.column(), order.clone())
        .order_by(client::Column::Id, order)
        .limit(limit + 1)
        .all(db)
        .await?;
    Ok(page_of(rows, limit, |r| Cursor { key: sort.key(r), id: r.id }))
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: ClientId) -> Result<client::Model, RepoError> {
    find_in_scope::<client::Entity>(db, scope, id).await
}

/// The whole card of a client the caller can see.
pub async fn card(db: &impl ConnectionTrait, scope: AccessScope, id: ClientId) -> Result<ClientRow, RepoError> {
    let client = get(db, scope, id).await?;
    let counterparties = super::counterparties::of_clients(db, &[id]).await?;
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
fn derive_columns(c: &mut client::Model, inns: &[&str]) {
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

/// Inserts a client; `inns` are those of the counterparties inserted with it (the client is found by them).
pub async fn insert(db: &impl ConnectionTrait, mut client: client::Model, inns: &[&str]) -> Result<client::Model, RepoError> {
    derive_columns(&mut client, inns);
    Ok(client.into_active_model().insert(db).await?)
}

/// Re-derives a client's name/sort/search columns after its counterparties' INNs changed
/// (not versioned: they follow the counterparties).
pub async fn rederive(db: &impl ConnectionTrait, id: ClientId) -> Result<(), RepoError> {
    use sea_orm::sea_query::Expr;
    let mut c = client::Entity::find_by_id(Uuid::from(id)).one(db).await?.ok_or(RepoError::NotFound)?;
    let inns: Vec<String> = counterparty::Entity::find()
        .select_only()
        .column(counterparty::Column::Inn)
        .filter(counterparty::Column::ClientId.eq(c.id))
        .filter(counterparty::Column::Inn.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    derive_columns(&mut c, &inns.iter().map(String::as_str).collect::<Vec<_>>());
    client::Entity::update_many()
        .col_expr(client::Column::NameNorm, Expr::value(c.name_norm.clone()))
        .col_expr(client::Column::SortName, Expr::value(c.sort_name.clone()))
        .col_expr(client::Column::SearchText, Expr::value(c.search_text.clone()))
        .filter(client::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    Ok(())
}

/// What the history shows of a client.
pub fn snapshot(c: &client::Model) -> serde_json::Value {
    serde_json::json!({
        "name": c.name, "public_name": c.public_name, "person_kind": c.person_kind, "relationship": c.relationship,
        "segment": c.segment, "client_type": c.client_type, "email": c.email, "phone": c.phone, "manager_id": c.manager_id,
        "notes": c.notes,
    })
}

/// Applies `change` to a client the caller can see if `expected_version` is still current; the
/// derived columns follow.
pub async fn update(
    db: &impl ConnectionTrait,
    scope: AccessScope,
    id: ClientId,
    expected_version: i32,
    now: chrono::DateTime<chrono::Utc>,
    change: impl FnOnce(&mut client::Model),
) -> Result<Edit<client::Model>, RepoError> {
    let edit = edit_in_scope(db, scope, id.into(), expected_version, now, change, snapshot).await?;
    if !edit.changes.is_empty() {
        rederive(db, id).await?;
    }
    Ok(edit)
}

/// Clients in scope that share the INN, phone or e-mail, or whose normalised name matches.
pub async fn similar(
    db: &impl ConnectionTrait,
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

/// The client a lead comes from, recognised by phone or e-mail among the clients in scope and
/// their contact persons (seed 001 §2.1).
pub async fn recognise(db: &impl ConnectionTrait, scope: AccessScope, phone: Option<&str>, email: Option<&str>) -> Result<Option<client::Model>, RepoError> {
    if phone.is_none() && email.is_none() {
        return Ok(None);
    }
    let mut direct = Condition::any();
    let mut via_contact = Condition::any();
    if let Some(p) = phone {
        direct = direct.add(client::Column::Phone.eq(p));
        via_contact = via_contact.add(contact::Column::Phone.eq(p)).add(contact::Column::Mobile.eq(p));
    }
    if let Some(e) = email {
        direct = direct.add(client::Column::Email.eq(e));
        via_contact = via_contact.add(contact::Column::Email.eq(e));
    }
    let found = client::Entity::find().filter(scoped(scope, client::Column::OrganizationId).add(direct)).order_by_asc(client::Column::CreatedAt).one(db).await?;
    if found.is_some() {
        return Ok(found);
    }
    let owner: Option<Uuid> = contact::Entity::find()
        .select_only()
        .column(contact::Column::ClientId)
        .filter(scoped(scope, contact::Column::OrganizationId).add(via_contact))
        .into_tuple()
        .one(db)
        .await?;
    match owner {
        Some(id) => Ok(client::Entity::find_by_id(id).one(db).await?),
        None => Ok(None),
    }
}

/// Clients' names by id.
pub async fn names(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = ClientId>) -> Result<HashMap<ClientId, String>, RepoError> {
    let ids: std::collections::BTreeSet<Uuid> = ids.into_iter().map(Uuid::from).collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<(Uuid, String)> = client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .column(client::Column::Name)
        .filter(client::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id.into(), n)).collect())
}
