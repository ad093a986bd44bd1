//! The catalogue (tiles, equipment, materials, services), its price lists and the exchange rates
//! a price in euros or dollars is converted with. The head company keeps them: admin and supply
//! edit, everyone in the head company reads, the accountant enters rates (or loads the Central
//! Bank's daily file).
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use chrono::NaiveDate;
use domain::documents::{Item, PriceList, convert_to_rub, parse_cbr_daily};
use domain::{Currency, FieldError, FieldErrors, Permission};
use persistence::AccessScope;
use persistence::entities::{catalogue_item, exchange_rate, price_list, price_list_item};
use persistence::repo::Page;
use persistence::repo::documents::{catalogue, prices};
use rust_decimal::Decimal;
use uuid::Uuid;

/// The head company, whose catalogue everyone reads.
async fn head(db: &impl persistence::ConnectionTrait) -> Result<Uuid, AppError> {
    let orgs = persistence::repo::identity::list_organizations(db, AccessScope::All).await?;
    orgs.into_iter().find(|o| o.kind == "head").map(|o| o.id).ok_or(AppError::NotFound)
}

pub async fn list(ctx: &AppState, who: &Credentials, f: &catalogue::ItemFilter, limit: u64, cursor: Option<&str>) -> Result<Page<catalogue_item::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::CatalogueRead)?;
    Ok(catalogue::list(&ctx.db, AccessScope::All, f, limit, cursor).await?)
}

pub async fn get(ctx: &AppState, who: &Credentials, id: Uuid) -> Result<catalogue_item::Model, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::CatalogueRead)?;
    Ok(catalogue::get(&ctx.db, AccessScope::All, id).await?)
}

fn fill(row: &mut catalogue_item::Model, item: Item, description: Option<String>, active: bool) {
    row.kind = item.kind.as_str().to_owned();
    row.name = item.name;
    row.article = item.article;
    row.unit = item.unit.as_str().to_owned();
    row.vat_kind = item.vat_kind.as_str().to_owned();
    row.tile_type = item.tile.as_ref().map(|t| t.tile_type.clone());
    row.colour = item.tile.as_ref().map(|t| t.colour.clone());
    row.thickness_mm = item.tile.as_ref().map(|t| t.thickness_mm.normalize().to_string());
    row.size = item.tile.as_ref().map(|t| t.size.clone());
    row.description = description;
    row.is_active = active;
}

pub async fn create(ctx: &AppState, who: &Credentials, item: Item, description: Option<String>) -> Result<catalogue_item::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::CatalogueWrite)?;
    let org = head(&w.tx).await?;
    let mut row = catalogue_item::Model {
        id: Uuid::now_v7(), organization_id: org, kind: String::new(), name: String::new(), article: None, unit: String::new(), vat_kind: String::new(),
        tile_type: None, colour: None, thickness_mm: None, size: None, description: None, is_active: true, search_text: String::new(), created_at: w.now,
        updated_at: w.now, version: 1,
    };
    fill(&mut row, item, description, true);
    let saved = catalogue::insert(&w.tx, row).await?;
    w.commit().await?;
    Ok(saved)
}

/// Replaces an item's description as a whole (`active: false` archives it: it stays on the
/// documents that have it and leaves the offer editor's search).
pub async fn update(ctx: &AppState, who: &Credentials, id: Uuid, version: i32, item: Item, description: Option<String>, active: bool) -> Result<catalogue_item::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::CatalogueWrite)?;
    let mut row = catalogue::get(&w.tx, AccessScope::All, id).await?;
    if row.version != version {
        return Err(AppError::VersionConflict);
    }
    fill(&mut row, item, description, active);
    let saved = catalogue::save(&w.tx, row, w.now).await?;
    w.commit().await?;
    Ok(saved)
}

pub async fn price_lists(ctx: &AppState, who: &Credentials) -> Result<Vec<price_list::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::CatalogueRead)?;
    Ok(prices::lists(&ctx.db, AccessScope::All).await?)
}

pub async fn price_list(ctx: &AppState, who: &Credentials, id: Uuid) -> Result<(price_list::Model, Vec<(price_list_item::Model, catalogue_item::Model)>), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::CatalogueRead)?;
    let list = prices::get(&ctx.db, AccessScope::All, id).await?;
    let items = prices::prices(&ctx.db, id).await?;
    Ok((list, items))
}

pub async fn create_price_list(ctx: &AppState, who: &Credentials, p: PriceList) -> Result<price_list::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::CatalogueWrite)?;
    let org = head(&w.tx).await?;
    let row = price_list::Model {
        id: Uuid::now_v7(), organization_id: org, name: p.name, currency: p.currency.as_str().to_owned(), valid_from: p.valid_from, valid_to: p.valid_to,
        created_at: w.now, updated_at: w.now, version: 1,
    };
    let saved = prices::insert(&w.tx, row).await?;
    w.commit().await?;
    Ok(saved)
}

pub async fn update_price_list(ctx: &AppState, who: &Credentials, id: Uuid, version: i32, p: PriceList) -> Result<price_list::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::CatalogueWrite)?;
    let mut row = prices::get(&w.tx, AccessScope::All, id).await?;
    if row.version != version {
        return Err(AppError::VersionConflict);
    }
    row.name = p.name;
    row.currency = p.currency.as_str().to_owned();
    row.valid_from = p.valid_from;
    row.valid_to = p.valid_to;
    let saved = prices::save(&w.tx, row, w.now).await?;
    w.commit().await?;
    Ok(saved)
}

/// Sets prices (in the list's currency; `None` removes the item from the list).
pub async fn set_prices(ctx: &AppState, who: &Credentials, id: Uuid, set: Vec<(Uuid, Option<Decimal>)>) -> Result<(), AppError> {
    let mut errs = FieldErrors::new();
    let mut rows = Vec::new();
    for (i, (item, price)) in set.iter().enumerate() {
        match price {
            Some(p) if *p < Decimal::ZERO => errs.add(format!("prices[{i}].price"), FieldError::new("out_of_range", "Цена не может быть отрицательной")),
            Some(p) if p.normalize().scale() > 2 => errs.add(format!("prices[{i}].price"), FieldError::new("invalid_format", "Не более двух знаков после запятой")),
            Some(p) if *p > Decimal::from(domain::Money::MAX_UNITS) => errs.add(format!("prices[{i}].price"), FieldError::new("out_of_range", "Слишком большая цена")),
            _ => rows.push((*item, price.map(super::print::minor))),
        }
    }
    errs.into_result()?;
    let w = ctx.write(who).await?;
    w.actor.require(Permission::CatalogueWrite)?;
    prices::get(&w.tx, AccessScope::All, id).await?;
    let known: std::collections::HashSet<Uuid> = catalogue::by_ids(&w.tx, &rows.iter().map(|r| r.0).collect::<Vec<_>>()).await?.into_iter().map(|i| i.id).collect();
    let mut errs = FieldErrors::new();
    for (i, (item, _)) in rows.iter().enumerate() {
        if !known.contains(item) {
            errs.add(format!("prices[{i}].item_id"), FieldError::new("not_found", "Нет такой позиции в каталоге"));
        }
    }
    errs.into_result()?;
    prices::set_prices(&w.tx, id, &rows).await?;
    w.commit().await?;
    Ok(())
}

/// An item's price in roubles from a price list on `date`: the list must be in force then, and a
/// price in euros or dollars needs that day's rate.
pub async fn price_in_rub(ctx: &AppState, who: &Credentials, list: Uuid, item: Uuid, date: NaiveDate) -> Result<(Decimal, Decimal, Currency), AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::CatalogueRead)?;
    let l = prices::get(&ctx.db, AccessScope::All, list).await?;
    let currency = Currency::parse(&l.currency).ok_or_else(|| AppError::Internal(anyhow::anyhow!("currency {}", l.currency)))?;
    let in_force = PriceList { name: l.name.clone(), currency, valid_from: l.valid_from, valid_to: l.valid_to }.is_in_force_on(date);
    if !in_force {
        return Err(AppError::field("date", FieldError::new("out_of_range", format!("Прайс-лист «{}» не действует на {}", l.name, date.format("%d.%m.%Y")))));
    }
    let price = prices::price_of(&ctx.db, list, item).await?.ok_or_else(|| AppError::field("item_id", FieldError::new("not_found", "В прайс-листе нет цены на эту позицию")))?;
    let price = super::print::rub(price);
    let rate = prices::rate_on(&ctx.db, currency.as_str(), date).await?.and_then(|r| r.parse::<Decimal>().ok());
    let rub = convert_to_rub(price, rate, currency, date).map_err(|e| AppError::field("currency", e))?;
    Ok((rub, price, currency))
}

pub async fn rates(ctx: &AppState, who: &Credentials, currency: Option<Currency>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<exchange_rate::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::CatalogueRead)?;
    Ok(prices::rates(&ctx.db, currency.map(|c| c.as_str()), from, to, 500).await?)
}

/// Enters one day's rate of a currency (roubles per unit).
pub async fn put_rate(ctx: &AppState, who: &Credentials, currency: Currency, on: NaiveDate, rate: Decimal) -> Result<exchange_rate::Model, AppError> {
    let mut errs = FieldErrors::new();
    if currency == Currency::Rub {
        errs.add("currency", FieldError::new("invalid_value", "Курс задаётся для EUR и USD"));
    }
    if rate <= Decimal::ZERO || rate > Decimal::from(1_000_000) {
        errs.add("rate", FieldError::new("out_of_range", "Курс — больше нуля и меньше миллиона рублей"));
    }
    if rate.normalize().scale() > 6 {
        errs.add("rate", FieldError::new("invalid_format", "Не более шести знаков после запятой"));
    }
    errs.into_result()?;
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ExchangeRatesWrite)?;
    let row = exchange_rate::Model { currency: currency.as_str().to_owned(), on_date: on, rate: rate.normalize().to_string(), source: "manual".to_owned(), created_at: w.now };
    prices::upsert_rates(&w.tx, vec![row.clone()]).await?;
    w.commit().await?;
    Ok(row)
}

/// Loads the Central Bank's daily file (`XML_daily.asp`, windows-1251 or UTF-8): the EUR and USD
/// rates of its date. Returns what was stored.
pub async fn load_cbr(ctx: &AppState, who: &Credentials, bytes: &[u8]) -> Result<Vec<exchange_rate::Model>, AppError> {
    ctx.read(who).await?.require(Permission::ExchangeRatesWrite)?;
    let text = match std::str::from_utf8(bytes) {
        Ok(t) if !t.to_ascii_lowercase().contains("windows-1251") => t.to_owned(),
        _ => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    };
    let (date, all) = parse_cbr_daily(&text).map_err(|e| AppError::field("file", e))?;
    let w = ctx.write(who).await?;
    w.actor.require(Permission::ExchangeRatesWrite)?;
    let rows: Vec<exchange_rate::Model> = all
        .into_iter()
        .filter(|(code, _)| matches!(code.as_str(), "EUR" | "USD"))
        .map(|(code, rate)| exchange_rate::Model { currency: code, on_date: date, rate: rate.normalize().to_string(), source: "cbr".to_owned(), created_at: w.now })
        .collect();
    if rows.is_empty() {
        return Err(AppError::field("file", FieldError::new("invalid_value", "В файле нет курсов EUR и USD")));
    }
    prices::upsert_rates(&w.tx, rows.clone()).await?;
    w.commit().await?;
    Ok(rows)
}
