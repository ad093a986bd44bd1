//! Catalogue items (tiles, equipment, materials, services) of the head company, found by name,
//! article or tile attributes, in name order with keyset pages.
use crate::entities::catalogue_item;
use crate::repo::*;
use sea_orm::{QueryOrder, QuerySelect};

#[derive(Debug, Clone, Default)]
pub struct ItemFilter {
    /// Already lower-cased search text.
    pub q: Option<String>,
    pub kind: Option<String>,
    /// `None`: active and archived.
    pub active: Option<bool>,
}

/// The lower-cased text an item is found by.
fn derive_columns(i: &mut catalogue_item::Model) {
    i.search_text = [Some(i.name.as_str()), i.article.as_deref(), i.tile_type.as_deref(), i.colour.as_deref(), i.size.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
}

/// A page of items in name order.
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope, filter: &ItemFilter, limit: u64, cursor: Option<&str>) -> Result<Page<catalogue_item::Model>, RepoError> {
    use catalogue_item::Column as C;
    let mut cond = scoped(scope, C::OrganizationId);
    if let Some(q) = filter.q.as_deref().filter(|q| !q.is_empty()) {
        cond = cond.add(C::SearchText.contains(q));
    }
    if let Some(k) = &filter.kind {
        cond = cond.add(C::Kind.eq(k.clone()));
    }
    if let Some(a) = filter.active {
        cond = cond.add(C::IsActive.eq(a));
    }
    if let Some(c) = decode_cursor(cursor)? {
        cond = cond.add(after(C::Name, c.key.clone(), C::Id, c.id, false));
    }
    let rows = catalogue_item::Entity::find().filter(cond).order_by_asc(C::Name).order_by_asc(C::Id).limit(limit + 1).all(db).await?;
    Ok(page_of(rows, limit, |r| Cursor { key: r.name.clone(), id: r.id }))
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<catalogue_item::Model, RepoError> {
    find_in_scope::<catalogue_item::Entity>(db, scope, id).await
}

/// Items by id (for a document's lines), any scope: the caller checked the document's.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<catalogue_item::Model>, RepoError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(catalogue_item::Entity::find().filter(catalogue_item::Column::Id.is_in(ids.iter().copied())).all(db).await?)
}

pub async fn insert(db: &impl ConnectionTrait, mut item: catalogue_item::Model) -> Result<catalogue_item::Model, RepoError> {
    derive_columns(&mut item);
    item.into_active_model().insert(db).await.map_err(|e| unique_as(e, "catalogue_article"))
}

/// Writes an item loaded at its version, changed by the caller; the search text follows.
pub async fn save(db: &impl ConnectionTrait, mut item: catalogue_item::Model, now: chrono::DateTime<chrono::Utc>) -> Result<catalogue_item::Model, RepoError> {
    derive_columns(&mut item);
    let id = item.id;
    save_versioned(db, item, id, now).await.map_err(|e| match e {
        RepoError::Db(e) => unique_as(e, "catalogue_article"),
        e => e,
    })
}
