//! The catalogue: `/catalogue/items`, `/price-lists` (with their prices and an item's price in
//! roubles on a date), `/exchange-rates` (entered, or the Central Bank's daily file).
use crate::routes::prelude::*;
use chrono::NaiveDate;
use domain::Currency;
use domain::documents::{ItemDraft, ItemKind, PriceList as PriceListRule, TileDraft, Unit, VatKind};
use persistence::entities::{catalogue_item, exchange_rate, price_list};
use persistence::repo::documents::catalogue::ItemFilter;
use rust_decimal::Decimal;

#[derive(Serialize, ToSchema)]
pub struct TileView {
    pub tile_type: String,
    pub colour: String,
    #[schema(value_type = String)]
    pub thickness_mm: Decimal,
    /// «500×500», mm.
    pub size: String,
}

#[derive(Serialize, ToSchema)]
pub struct CatalogueItem {
    pub id: Uuid,
    pub kind: ItemKind,
    pub name: String,
    pub article: Option<String>,
    pub unit: Unit,
    /// The unit's OKEI code (796 шт, 055 м², 166 кг, 839 компл, 876 усл. ед.).
    pub okei: String,
    pub unit_name: String,
    pub vat_kind: VatKind,
    pub tile: Option<TileView>,
    pub description: Option<String>,
    pub active: bool,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn item_out(i: catalogue_item::Model) -> Result<CatalogueItem, AppError> {
    let bad = |what: &str| AppError::Internal(anyhow::anyhow!("catalogue item {}: {what}", i.id));
    let unit = Unit::parse(&i.unit).ok_or_else(|| bad("unit"))?;
    let tile = match (&i.tile_type, &i.colour, &i.thickness_mm, &i.size) {
        (Some(t), Some(c), Some(th), Some(s)) => Some(TileView { tile_type: t.clone(), colour: c.clone(), thickness_mm: th.parse().map_err(|_| bad("thickness"))?, size: s.clone() }),
        _ => None,
    };
    Ok(CatalogueItem {
        id: i.id,
        kind: ItemKind::parse(&i.kind).ok_or_else(|| bad("kind"))?,
        name: i.name,
        article: i.article,
        unit,
        okei: unit.okei().to_owned(),
        unit_name: unit.short_ru().to_owned(),
        vat_kind: VatKind::parse(&i.vat_kind).ok_or_else(|| bad("vat"))?,
        tile,
        description: i.description,
        active: i.is_active,
        updated_at: i.updated_at,
        version: i.version,
    })
}

#[derive(Serialize, ToSchema)]
pub struct CatalogueItemList {
    pub items: Vec<CatalogueItem>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ItemQuery {
    /// Name, article, tile type, colour or size.
    pub q: Option<String>,
    #[param(value_type = Option<ItemKind>)]
    pub kind: Option<String>,
    /// `true` only active ones (the default), `false` only archived; leave out `all`.
    pub active: Option<bool>,
    pub all: Option<bool>,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[utoipa::path(tag = "catalogue", params(ItemQuery), responses(
    (status = 200, body = CatalogueItemList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/catalogue/items")]
pub async fn list_items(state: web::Data<AppState>, who: Credentials, q: Query<ItemQuery>) -> Result<web::Json<CatalogueItemList>, AppError> {
    let limit = page_limit(q.limit)?;
    let mut errs = FieldErrors::new();
    let kind = q.kind.as_deref().and_then(|k| named::<ItemKind>(&mut errs, "kind", k));
    errs.into_result()?;
    let filter = ItemFilter {
        q: q.q.as_deref().map(|s| s.trim().to_lowercase()),
        kind: kind.map(|k| k.as_str().to_owned()),
        active: if q.all.unwrap_or(false) { None } else { Some(q.active.unwrap_or(true)) },
    };
    let page = app::documents::catalogue::list(&state, &who, &filter, limit, q.cursor.as_deref()).await?;
    Ok(web::Json(CatalogueItemList { items: page.items.into_iter().map(item_out).collect::<Result<_, _>>()?, next_cursor: page.next_cursor }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TileInput {
    pub tile_type: String,
    pub colour: String,
    #[schema(value_type = String)]
    pub thickness_mm: Decimal,
    pub size: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    /// Required when editing: the version read.
    pub version: Option<i32>,
    #[schema(value_type = ItemKind)]
    pub kind: String,
    pub name: String,
    pub article: Option<String>,
    #[schema(value_type = Unit)]
    pub unit: String,
    #[schema(value_type = VatKind)]
    pub vat_kind: String,
    /// Required for a tile, refused for anything else.
    pub tile: Option<TileInput>,
    pub description: Option<String>,
    /// False archives the item (default true).
    pub active: Option<bool>,
}

impl ItemInput {
    fn parse(&self) -> Result<(domain::documents::Item, Option<String>), FieldErrors> {
        let draft = ItemDraft {
            name: self.name.clone(),
            article: self.article.clone(),
            kind: self.kind.clone(),
            unit: self.unit.clone(),
            vat_kind: self.vat_kind.clone(),
            tile: self.tile.as_ref().map(|t| TileDraft { tile_type: t.tile_type.clone(), colour: t.colour.clone(), thickness_mm: Some(t.thickness_mm), size: t.size.clone() }),
        };
        let mut errs = FieldErrors::new();
        let description = opt_text(&mut errs, "description", self.description.as_deref(), 5000);
        let item = draft.parse().map_err(|e| errs.0.extend(e.0)).ok();
        errs.into_result()?;
        Ok((item.ok_or_else(FieldErrors::new)?, description))
    }
}

#[utoipa::path(tag = "catalogue", request_body = ItemInput, responses(
    (status = 201, body = CatalogueItem),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/catalogue/items")]
pub async fn create_item(state: web::Data<AppState>, who: Credentials, body: Body<ItemInput>) -> Result<HttpResponse, AppError> {
    let (item, description) = body.parse()?;
    let saved = app::documents::catalogue::create(&state, &who, item, description).await?;
    Ok(HttpResponse::Created().json(item_out(saved)?))
}

#[utoipa::path(tag = "catalogue", params(("id" = Uuid, Path)), responses(
    (status = 200, body = CatalogueItem),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/catalogue/items/{id}")]
pub async fn get_item(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>) -> Result<web::Json<CatalogueItem>, AppError> {
    Ok(web::Json(item_out(app::documents::catalogue::get(&state, &who, *id).await?)?))
}

#[utoipa::path(tag = "catalogue", params(("id" = Uuid, Path)), request_body = ItemInput, responses(
    (status = 200, body = CatalogueItem),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[put("/catalogue/items/{id}")]
pub async fn update_item(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, body: Body<ItemInput>) -> Result<web::Json<CatalogueItem>, AppError> {
    let (item, description) = body.parse()?;
    let version = body.version.ok_or_else(|| AppError::field("version", FieldError::required()))?;
    let saved = app::documents::catalogue::update(&state, &who, *id, version, item, description, body.active.unwrap_or(true)).await?;
    Ok(web::Json(item_out(saved)?))
}

#[derive(Serialize, ToSchema)]
pub struct PriceList {
    pub id: Uuid,
    pub name: String,
    pub currency: Currency,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub version: i32,
}

fn list_out(l: price_list::Model) -> Result<PriceList, AppError> {
    Ok(PriceList {
        currency: Currency::parse(&l.currency).ok_or_else(|| AppError::Internal(anyhow::anyhow!("currency {}", l.currency)))?,
        id: l.id, name: l.name, valid_from: l.valid_from, valid_to: l.valid_to, version: l.version,
    })
}

#[derive(Serialize, ToSchema)]
pub struct PriceListList {
    pub items: Vec<PriceList>,
}

#[utoipa::path(tag = "catalogue", responses(
    (status = 200, body = PriceListList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/price-lists")]
pub async fn list_price_lists(state: web::Data<AppState>, who: Credentials) -> Result<web::Json<PriceListList>, AppError> {
    let lists = app::documents::catalogue::price_lists(&state, &who).await?;
    Ok(web::Json(PriceListList { items: lists.into_iter().map(list_out).collect::<Result<_, _>>()? }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceListInput {
    /// Required when editing.
    pub version: Option<i32>,
    pub name: String,
    /// RUB, EUR or USD.
    pub currency: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl TryFrom<&PriceListInput> for PriceListRule {
    type Error = FieldErrors;
    fn try_from(p: &PriceListInput) -> Result<Self, FieldErrors> {
        let mut errs = FieldErrors::new();
        let from = day(&mut errs, "valid_from", Some(p.valid_from));
        let to = day(&mut errs, "valid_to", p.valid_to);
        errs.into_result()?;
        PriceListRule::parse(&p.name, &p.currency, from.unwrap_or(p.valid_from), to)
    }
}

#[utoipa::path(tag = "catalogue", request_body = PriceListInput, responses(
    (status = 201, body = PriceList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/price-lists")]
pub async fn create_price_list(state: web::Data<AppState>, who: Credentials, body: Body<PriceListInput>) -> Result<HttpResponse, AppError> {
    let p = PriceListRule::try_from(&*body)?;
    let saved = app::documents::catalogue::create_price_list(&state, &who, p).await?;
    Ok(HttpResponse::Created().json(list_out(saved)?))
}

#[derive(Serialize, ToSchema)]
pub struct PriceRow {
    pub item: CatalogueItem,
    /// In the list's currency.
    #[schema(value_type = String)]
    pub price: Decimal,
}

#[derive(Serialize, ToSchema)]
pub struct PriceListView {
    pub list: PriceList,
    pub prices: Vec<PriceRow>,
}

#[utoipa::path(tag = "catalogue", params(("id" = Uuid, Path)), responses(
    (status = 200, body = PriceListView),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/price-lists/{id}")]
pub async fn get_price_list(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>) -> Result<web::Json<PriceListView>, AppError> {
    let (list, rows) = app::documents::catalogue::price_list(&state, &who, *id).await?;
    let prices = rows
        .into_iter()
        .map(|(p, i)| Ok(PriceRow { item: item_out(i)?, price: app::documents::print::rub(p.price_minor) }))
        .collect::<Result<_, AppError>>()?;
    Ok(web::Json(PriceListView { list: list_out(list)?, prices }))
}

#[utoipa::path(tag = "catalogue", params(("id" = Uuid, Path)), request_body = PriceListInput, responses(
    (status = 200, body = PriceList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[put("/price-lists/{id}")]
pub async fn update_price_list(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, body: Body<PriceListInput>) -> Result<web::Json<PriceList>, AppError> {
    let p = PriceListRule::try_from(&*body)?;
    let version = body.version.ok_or_else(|| AppError::field("version", FieldError::required()))?;
    Ok(web::Json(list_out(app::documents::catalogue::update_price_list(&state, &who, *id, version, p).await?)?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceInput {
    pub item_id: Uuid,
    /// In the list's currency; `null` removes the item from the list.
    #[schema(value_type = Option<String>)]
    pub price: Option<Decimal>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PricesInput {
    pub prices: Vec<PriceInput>,
}

#[utoipa::path(tag = "catalogue", params(("id" = Uuid, Path)), request_body = PricesInput, responses(
    (status = 204, description = "Saved"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[put("/price-lists/{id}/prices")]
pub async fn set_prices(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, body: Body<PricesInput>) -> Result<HttpResponse, AppError> {
    let set = body.prices.iter().map(|p| (p.item_id, p.price)).collect();
    app::documents::catalogue::set_prices(&state, &who, *id, set).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PriceQuery {
    pub item_id: Uuid,
    /// The document's date (today when left out).
    pub date: Option<NaiveDate>,
}

/// An item's price from a list, in roubles on a date.
#[derive(Serialize, ToSchema)]
pub struct PriceInRub {
    #[schema(value_type = String)]
    pub price_rub: Decimal,
    #[schema(value_type = String)]
    pub price: Decimal,
    pub currency: Currency,
    pub date: NaiveDate,
}

#[utoipa::path(tag = "catalogue", params(("id" = Uuid, Path, description = "Price list id"), PriceQuery), responses(
    (status = 200, body = PriceInRub),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "No price for the item, the list not in force, no exchange rate for the date (`currency`)"),
))]
#[get("/price-lists/{id}/price")]
pub async fn price_in_rub(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, q: Query<PriceQuery>) -> Result<web::Json<PriceInRub>, AppError> {
    let date = q.date.unwrap_or(state.today().0);
    let (price_rub, price, currency) = app::documents::catalogue::price_in_rub(&state, &who, *id, q.item_id, date).await?;
    Ok(web::Json(PriceInRub { price_rub, price, currency, date }))
}

#[derive(Serialize, ToSchema)]
pub struct ExchangeRate {
    pub currency: Currency,
    pub date: NaiveDate,
    /// Roubles per unit.
    #[schema(value_type = String)]
    pub rate: Decimal,
    /// manual | cbr.
    pub source: String,
}

fn rate_out(r: exchange_rate::Model) -> Result<ExchangeRate, AppError> {
    Ok(ExchangeRate {
        currency: Currency::parse(&r.currency).ok_or_else(|| AppError::Internal(anyhow::anyhow!("currency {}", r.currency)))?,
        date: r.on_date,
        rate: r.rate.parse().map_err(|_| AppError::Internal(anyhow::anyhow!("rate {}", r.rate)))?,
        source: r.source,
    })
}

#[derive(Serialize, ToSchema)]
pub struct ExchangeRateList {
    pub items: Vec<ExchangeRate>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RateQuery {
    pub currency: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[utoipa::path(tag = "catalogue", params(RateQuery), responses(
    (status = 200, body = ExchangeRateList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/exchange-rates")]
pub async fn list_rates(state: web::Data<AppState>, who: Credentials, q: Query<RateQuery>) -> Result<web::Json<ExchangeRateList>, AppError> {
    let mut errs = FieldErrors::new();
    let currency = q.currency.as_deref().and_then(|c| named::<Currency>(&mut errs, "currency", &c.to_uppercase()));
    errs.into_result()?;
    let rows = app::documents::catalogue::rates(&state, &who, currency, q.from, q.to).await?;
    Ok(web::Json(ExchangeRateList { items: rows.into_iter().map(rate_out).collect::<Result<_, _>>()? }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateInput {
    /// EUR or USD.
    pub currency: String,
    pub date: NaiveDate,
    #[schema(value_type = String, example = "92.5000")]
    pub rate: Decimal,
}

#[utoipa::path(tag = "catalogue", request_body = RateInput, responses(
    (status = 200, body = ExchangeRate),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[put("/exchange-rates")]
pub async fn put_rate(state: web::Data<AppState>, who: Credentials, body: Body<RateInput>) -> Result<web::Json<ExchangeRate>, AppError> {
    let mut errs = FieldErrors::new();
    let currency = named::<Currency>(&mut errs, "currency", &body.currency.to_uppercase());
    let date = day(&mut errs, "date", Some(body.date));
    errs.into_result()?;
    let saved = app::documents::catalogue::put_rate(&state, &who, currency.ok_or_else(FieldErrors::new)?, date.unwrap_or(body.date), body.rate).await?;
    Ok(web::Json(rate_out(saved)?))
}

#[utoipa::path(tag = "catalogue", request_body(content = String, content_type = "application/xml", description = "The Central Bank's XML_daily file (windows-1251 or UTF-8)"), responses(
    (status = 200, body = ExchangeRateList, description = "The EUR and USD rates stored"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 413, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/exchange-rates/cbr")]
pub async fn load_cbr(state: web::Data<AppState>, who: Credentials, body: web::Bytes) -> Result<web::Json<ExchangeRateList>, AppError> {
    let rows = app::documents::catalogue::load_cbr(&state, &who, &body).await?;
    Ok(web::Json(ExchangeRateList { items: rows.into_iter().map(rate_out).collect::<Result<_, _>>()? }))
}
