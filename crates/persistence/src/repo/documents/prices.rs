//! Price lists (a currency and validity dates) with one price per item, and the exchange rates an
//! accountant enters or loads from the Central Bank's daily file.
use crate::entities::{catalogue_item, exchange_rate, price_list, price_list_item};
use crate::repo::*;
use chrono::NaiveDate;
use sea_orm::{QueryOrder, QuerySelect};

/// Price lists in scope, newest validity first.
pub async fn lists(db: &impl ConnectionTrait, scope: AccessScope) -> Result<Vec<price_list::Model>, RepoError> {
    use price_list::Column as C;
    Ok(price_list::Entity::find().filter(scoped(scope, C::OrganizationId)).order_by_desc(C::ValidFrom).order_by_asc(C::Name).all(db).await?)
}

pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: Uuid) -> Result<price_list::Model, RepoError> {
    find_in_scope::<price_list::Entity>(db, scope, id).await
}

pub async fn insert(db: &impl ConnectionTrait, list: price_list::Model) -> Result<price_list::Model, RepoError> {
    Ok(list.into_active_model().insert(db).await?)
}

pub async fn save(db: &impl ConnectionTrait, list: price_list::Model, now: chrono::DateTime<chrono::Utc>) -> Result<price_list::Model, RepoError> {
    let id = list.id;
    save_versioned(db, list, id, now).await
}

/// The prices of a list with their items, in the items' name order.
pub async fn prices(db: &impl ConnectionTrait, list: Uuid) -> Result<Vec<(price_list_item::Model, catalogue_item::Model)>, RepoError> {
    let rows = price_list_item::Entity::find().filter(price_list_item::Column::PriceListId.eq(list)).all(db).await?;
    let items = super::catalogue::by_ids(db, &rows.iter().map(|r| r.item_id).collect::<Vec<_>>()).await?;
    let by_id: std::collections::HashMap<Uuid, catalogue_item::Model> = items.into_iter().map(|i| (i.id, i)).collect();
    let mut out: Vec<_> = rows.into_iter().filter_map(|r| by_id.get(&r.item_id).cloned().map(|i| (r, i))).collect();
    out.sort_by(|a, b| a.1.name.cmp(&b.1.name).then(a.1.id.cmp(&b.1.id)));
    Ok(out)
}

/// Sets the prices given (item → kopecks) and removes those set to `None`.
pub async fn set_prices(db: &impl ConnectionTrait, list: Uuid, prices: &[(Uuid, Option<i64>)]) -> Result<(), RepoError> {
    use price_list_item::Column as C;
    use sea_orm::sea_query::OnConflict;
    for (item, price) in prices {
        match price {
            Some(minor) => {
                let row = price_list_item::Model { id: Uuid::now_v7(), price_list_id: list, item_id: *item, price_minor: *minor };
                price_list_item::Entity::insert(row.into_active_model())
                    .on_conflict(OnConflict::columns([C::PriceListId, C::ItemId]).update_column(C::PriceMinor).to_owned())
                    .exec_without_returning(db)
                    .await?;
            }
            None => {
                price_list_item::Entity::delete_many().filter(C::PriceListId.eq(list)).filter(C::ItemId.eq(*item)).exec(db).await?;
            }
        }
    }
    Ok(())
}

/// The price of an item in a list, if it has one.
pub async fn price_of(db: &impl ConnectionTrait, list: Uuid, item: Uuid) -> Result<Option<i64>, RepoError> {
    use price_list_item::Column as C;
    let row = price_list_item::Entity::find().select_only().column(C::PriceMinor).filter(C::PriceListId.eq(list)).filter(C::ItemId.eq(item)).into_tuple::<i64>().one(db).await?;
    Ok(row)
}

/// Exchange rates of `currency` (all when `None`) between the dates, newest first, at most `limit`.
pub async fn rates(db: &impl ConnectionTrait, currency: Option<&str>, from: Option<NaiveDate>, to: Option<NaiveDate>, limit: u64) -> Result<Vec<exchange_rate::Model>, RepoError> {
    use exchange_rate::Column as C;
    let mut q = exchange_rate::Entity::find();
    if let Some(c) = currency {
        q = q.filter(C::Currency.eq(c));
    }
    if let Some(f) = from {
        q = q.filter(C::OnDate.gte(f));
    }
    if let Some(t) = to {
        q = q.filter(C::OnDate.lte(t));
    }
    Ok(q.order_by_desc(C::OnDate).order_by_asc(C::Currency).limit(limit).all(db).await?)
}

/// The rate of `currency` on exactly `date` (the Central Bank sets one per day; a document uses
/// the rate of its own date, never a neighbour's).
pub async fn rate_on(db: &impl ConnectionTrait, currency: &str, date: NaiveDate) -> Result<Option<String>, RepoError> {
    use exchange_rate::Column as C;
    let row = exchange_rate::Entity::find().filter(C::Currency.eq(currency)).filter(C::OnDate.eq(date)).one(db).await?;
    Ok(row.map(|r| r.rate))
}

/// Stores rates, replacing those of the same currency and date. Returns how many were written.
pub async fn upsert_rates(db: &impl ConnectionTrait, rows: Vec<exchange_rate::Model>) -> Result<usize, RepoError> {
    use exchange_rate::Column as C;
    use sea_orm::sea_query::OnConflict;
    let n = rows.len();
    for r in rows {
        exchange_rate::Entity::insert(r.into_active_model())
            .on_conflict(OnConflict::columns([C::Currency, C::OnDate]).update_columns([C::Rate, C::Source, C::CreatedAt]).to_owned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(n)
}
