//! Production orders: `POST /deals/{id}/production-orders` gives a deal's tiles to a production;
//! `/production-orders` is the production portal's list (a production sees only its own, with
//! what it needs to make and ship them — never the client's price or name, nor other
//! productions); `/production-orders/{id}` an order with its steps; `…/actions` one step of the
//! order's stage machine, at the version read.
use crate::routes::prelude::*;
use crate::views::files::FileOut;
use app::production::orders::{Assignment, OrderEvent, OrderView};
use chrono::NaiveDate;
use domain::production::{Actor, DefectKind, OrderAction, OrderCommand, OrderState, PaymentTerms, QualityChecklist};
use domain::{DealId, OrganizationId};
use rust_decimal::Decimal;

/// An order as the portal lists it: what to make, how much, by when and where to — no client,
/// no price of the client's, no other production.
#[derive(Serialize, ToSchema)]
pub struct ProductionOrderItem {
    pub id: Uuid,
    /// «12-1»: the deal's number and the order's place among its orders.
    pub number: Option<String>,
    pub state: OrderState,
    /// The stage's Russian name.
    pub state_name: String,
    pub tile_type: String,
    #[schema(value_type = String)]
    pub thickness_mm: Decimal,
    /// m².
    #[schema(value_type = String)]
    pub quantity_m2: Decimal,
    pub due_date: NaiveDate,
    pub delivery_address: String,
    pub delivery_contact: Option<String>,
    /// Until when the production may decline.
    pub accept_by: DateTime<Utc>,
    /// What the caller may try in this stage (the guards may still refuse).
    pub allowed_actions: Vec<OrderAction>,
    /// Which production makes it: for the head company only, absent for a production's people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub production_name: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// Send it back with an action.
    pub version: i32,
}

#[derive(Serialize, ToSchema)]
pub struct ProductionOrderList {
    pub items: Vec<ProductionOrderItem>,
    /// How many orders match in all.
    pub total: u64,
}

/// What the quality check found.
#[derive(Serialize, ToSchema)]
pub struct OrderDefects {
    pub kind: Option<DefectKind>,
    pub description: String,
    #[schema(value_type = String)]
    pub quantity_m2: Decimal,
    pub at: DateTime<Utc>,
}

/// How the order went to the client.
#[derive(Serialize, ToSchema)]
pub struct OrderShipment {
    pub carrier: String,
    pub waybill: String,
    /// Roubles.
    #[schema(value_type = String)]
    pub cost: Decimal,
    pub shipped_at: DateTime<Utc>,
    /// When the carrier expects to deliver.
    pub eta: Option<NaiveDate>,
}

/// One step of an order: the stages left and entered, who and when, and what the step carried.
#[derive(Serialize, ToSchema)]
pub struct ProductionOrderEvent {
    pub action: OrderAction,
    pub action_name: String,
    /// None when the step created the order.
    pub from_state: Option<OrderState>,
    pub to_state: OrderState,
    pub actor_id: Option<Uuid>,
    pub actor_role: Actor,
    pub at: DateTime<Utc>,
    /// The command's data (a reason, a payment's amount, a shipment's carrier…).
    #[schema(value_type = Option<Object>)]
    pub data: Option<serde_json::Value>,
}

/// An order with its steps.
#[derive(Serialize, ToSchema)]
pub struct ProductionOrder {
    pub id: Uuid,
    /// «12-1»: the deal's number and the order's place among its orders.
    pub number: Option<String>,
    pub deal_id: Uuid,
    /// The production the order is given to.
    pub production_id: Uuid,
    /// Its name: for the head company only, absent for a production's people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub production_name: Option<String>,
    pub state: OrderState,
    pub state_name: String,
    pub terms: PaymentTerms,
    pub tile_type: String,
    #[schema(value_type = String)]
    pub thickness_mm: Decimal,
    #[schema(value_type = String)]
    pub quantity_m2: Decimal,
    /// The production's price per m² to the head company, roubles.
    #[schema(value_type = String)]
    pub price_per_m2: Decimal,
    /// Quantity × price, roubles.
    #[schema(value_type = String)]
    pub amount: Decimal,
    /// What the head company has paid the production, roubles.
    #[schema(value_type = String)]
    pub paid: Decimal,
    /// Taken off for accepted defects, roubles.
    #[schema(value_type = String)]
    pub deduction: Decimal,
    pub due_date: NaiveDate,
    pub delivery_address: String,
    pub delivery_contact: Option<String>,
    pub accept_by: DateTime<Utc>,
    pub defects: Option<OrderDefects>,
    pub shipment: Option<OrderShipment>,
    pub closing_documents_file_id: Option<Uuid>,
    /// Why it was declined or cancelled.
    pub reason: Option<String>,
    pub allowed_actions: Vec<OrderAction>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    pub events: Vec<ProductionOrderEvent>,
    /// Photos, waybills, the closing documents: download each at `/files/{id}`.
    pub files: Vec<FileOut>,
}

fn item(v: OrderView) -> ProductionOrderItem {
    let r = v.row;
    ProductionOrderItem {
        id: r.id,
        number: r.number,
        state: v.state,
        state_name: v.state.name_ru().to_owned(),
        tile_type: r.tile_type,
        thickness_mm: Decimal::new(r.thickness_milli, 3).normalize(),
        quantity_m2: v.facts.quantity,
        due_date: r.due_date,
        delivery_address: r.delivery_address,
        delivery_contact: r.delivery_contact,
        accept_by: r.accept_by,
        allowed_actions: v.allowed,
        production_name: v.production_name,
        updated_at: r.updated_at,
        version: r.version,
    }
}

fn event_out(e: OrderEvent) -> ProductionOrderEvent {
    ProductionOrderEvent {
        action: e.action,
        action_name: e.action.name_ru().to_owned(),
        from_state: e.from,
        to_state: e.to,
        actor_id: e.actor_id,
        actor_role: e.actor,
        at: e.at,
        data: e.data,
    }
}

fn detail(v: OrderView, events: Vec<OrderEvent>, files: Vec<persistence::entities::file::Model>) -> ProductionOrder {
    let f = v.facts;
    let r = v.row;
    ProductionOrder {
        id: r.id,
        number: r.number,
        deal_id: r.deal_id,
        production_id: r.organization_id,
        production_name: v.production_name,
        state: v.state,
        state_name: v.state.name_ru().to_owned(),
        terms: f.terms,
        amount: f.amount(),
        tile_type: r.tile_type,
        thickness_mm: Decimal::new(r.thickness_milli, 3).normalize(),
        quantity_m2: f.quantity,
        price_per_m2: f.price,
        paid: f.paid,
        deduction: f.deduction,
        due_date: r.due_date,
        delivery_address: r.delivery_address,
        delivery_contact: r.delivery_contact,
        accept_by: r.accept_by,
        defects: f.defects.map(|d| OrderDefects { kind: d.kind, description: d.description, quantity_m2: d.quantity, at: d.at }),
        shipment: f.shipment.map(|s| OrderShipment { carrier: s.carrier, waybill: s.waybill, cost: s.cost, shipped_at: s.shipped_at, eta: s.eta }),
        closing_documents_file_id: r.closing_documents_file_id,
        reason: r.reason,
        allowed_actions: v.allowed,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
        events: events.into_iter().map(event_out).collect(),
        files: files.into_iter().map(|f| crate::views::files::file_out(f, None)).collect(),
    }
}

/// Gives (part of) a deal's tiles to a production.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductionOrderInput {
    /// The production's organization.
    pub production_id: Option<Uuid>,
    /// The production's own terms when left out.
    #[schema(value_type = Option<PaymentTerms>)]
    pub terms: Option<String>,
    /// A tile type the production makes («Плитка»), with its thickness.
    #[serde(default)]
    pub tile_type: String,
    #[schema(value_type = String)]
    pub thickness_mm: Option<Decimal>,
    /// m², more than zero, at most two decimal places.
    #[schema(value_type = String)]
    pub quantity: Option<Decimal>,
    /// Roubles per m² to the production, more than zero; its price for the tile when left out.
    #[schema(value_type = Option<String>)]
    pub price: Option<Decimal>,
    /// The day the tiles must leave the production (as the distribution ranks capacity before
    /// it); today or later.
    pub due_date: Option<NaiveDate>,
    /// The deal's delivery address when left out.
    pub delivery_address: Option<String>,
    /// Who receives the tiles (name, phone).
    pub delivery_contact: Option<String>,
    /// Until when the production may decline; its acceptance hours from now when left out.
    pub accept_by: Option<DateTime<Utc>>,
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path, description = "The deal")), request_body = ProductionOrderInput, responses(
    (status = 201, body = ProductionOrder, description = "Assigned to the production"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "Only a logistician, a manager or an admin assigns orders"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such deal in the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "A bad field: the production, a tile it does not make, the quantity, price, dates or address"),
))]
#[post("/deals/{id}/production-orders")]
pub async fn assign_production_order(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>, body: Body<ProductionOrderInput>) -> Result<HttpResponse, AppError> {
    let b = body.into_inner();
    let mut errs = FieldErrors::new();
    let terms = b.terms.as_deref().and_then(|t| named::<PaymentTerms>(&mut errs, "terms", t));
    errs.into_result()?;
    let a = Assignment {
        production_id: b.production_id.map(OrganizationId::from),
        terms,
        tile_type: b.tile_type,
        thickness_mm: b.thickness_mm,
        quantity: b.quantity,
        price: b.price,
        due_date: b.due_date,
        delivery_address: b.delivery_address,
        delivery_contact: b.delivery_contact,
        accept_by: b.accept_by,
    };
    let v = app::production::orders::assign(&state, &who, *id, a).await?;
    let (v, events) = app::production::orders::get(&state, &who, v.row.id).await?;
    let files = app::production::orders::files(&state, &who, v.row.id).await?;
    Ok(HttpResponse::Created().json(detail(v, events, files)))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProductionOrderQuery {
    /// Only orders in this stage.
    #[param(value_type = Option<OrderState>)]
    pub state: Option<String>,
    /// 1–200, default 50.
    pub limit: Option<u64>,
    /// How many to skip.
    #[param(minimum = 0)]
    pub offset: Option<i32>,
}

#[utoipa::path(tag = "production", params(ProductionOrderQuery), responses(
    (status = 200, body = ProductionOrderList),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/production-orders")]
pub async fn list_production_orders(state: web::Data<AppState>, who: Credentials, q: Query<ProductionOrderQuery>) -> Result<web::Json<ProductionOrderList>, AppError> {
    let mut errs = FieldErrors::new();
    let st = q.state.as_deref().and_then(|s| named::<OrderState>(&mut errs, "state", s));
    errs.into_result()?;
    let limit = page_limit(q.limit)?;
    let (items, total) = app::production::orders::list(&state, &who, st, limit, page_offset(q.offset)?).await?;
    Ok(web::Json(ProductionOrderList { items: items.into_iter().map(item).collect(), total }))
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path, description = "The deal")), responses(
    (status = 200, body = ProductionOrderList, description = "The deal's orders, oldest first, declined and cancelled ones too"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "The caller takes no part in production orders, or is a production"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such deal in the caller's scope"),
))]
#[get("/deals/{id}/production-orders")]
pub async fn list_deal_production_orders(state: web::Data<AppState>, who: Credentials, id: web::Path<DealId>) -> Result<web::Json<ProductionOrderList>, AppError> {
    let items = app::production::orders::of_deal(&state, &who, *id).await?;
    let total = items.len() as u64;
    Ok(web::Json(ProductionOrderList { items: items.into_iter().map(item).collect(), total }))
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ProductionOrder),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such order in the caller's scope (another production's)"),
))]
#[get("/production-orders/{id}")]
pub async fn get_production_order(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>) -> Result<web::Json<ProductionOrder>, AppError> {
    let (v, events) = app::production::orders::get(&state, &who, *id).await?;
    let files = app::production::orders::files(&state, &who, v.row.id).await?;
    Ok(web::Json(detail(v, events, files)))
}

/// One step of an order, with what it carries: `record_payment` (`amount`), `accept`,
/// `decline` / `cancel` (`reason`), `start_production`, `mark_done`, `pass_quality` (`checklist`),
/// `record_defects` (`defect_kind`, `description`, `quantity`), `rework`, `accept_with_deduction`
/// (`deduction`), `ship` (`carrier`, `waybill`, `cost`, `eta`), `receive_closing_documents` (`scan`),
/// `close`. Amounts in roubles and m² as decimal strings.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductionOrderActionInput {
    /// The order's version read.
    pub version: Option<i32>,
    #[serde(default)]
    #[schema(value_type = OrderAction)]
    pub action: String,
    #[schema(value_type = Option<String>)]
    pub amount: Option<Decimal>,
    pub reason: Option<String>,
    pub description: Option<String>,
    /// m² with defects.
    #[schema(value_type = Option<String>)]
    pub quantity: Option<Decimal>,
    #[schema(value_type = Option<String>)]
    pub deduction: Option<Decimal>,
    pub carrier: Option<String>,
    pub waybill: Option<String>,
    /// The delivery cost, roubles (zero: the client pays the carrier).
    #[schema(value_type = Option<String>)]
    pub cost: Option<Decimal>,
    /// The uploaded scan of the client's closing documents.
    pub scan: Option<Uuid>,
    /// When the carrier expects to deliver (`ship`), today or later.
    pub eta: Option<NaiveDate>,
    /// The quality checklist (`pass_quality`): every point must be confirmed.
    pub checklist: Option<QualityChecklistInput>,
    /// What kind of defect (`record_defects`).
    #[schema(value_type = Option<DefectKind>)]
    pub defect_kind: Option<String>,
}

/// The quality check's points, each confirmed or not.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityChecklistInput {
    /// The thickness is as ordered.
    #[serde(default)]
    pub thickness: bool,
    /// The colour matches the order.
    #[serde(default)]
    pub colour: bool,
    /// The count (m²) is as ordered.
    #[serde(default)]
    pub count: bool,
    /// The packaging is whole and marked.
    #[serde(default)]
    pub packaging: bool,
}

fn command(b: ProductionOrderActionInput) -> Result<(i32, OrderCommand), AppError> {
    let mut errs = FieldErrors::new();
    let version = b.version;
    if version.is_none() {
        errs.add("version", FieldError::required());
    }
    let action = named::<OrderAction>(&mut errs, "action", &b.action);
    let mut need = |field: &str, present: bool| {
        if !present {
            errs.add(field, FieldError::required());
        }
    };
    let cmd = match action {
        None => None,
        Some(OrderAction::Assign) => {
            need("action", false);
            None
        }
        Some(OrderAction::RecordPayment) => {
            need("amount", b.amount.is_some());
            b.amount.map(|amount| OrderCommand::RecordPayment { amount })
        }
        Some(OrderAction::Accept) => Some(OrderCommand::Accept),
        Some(OrderAction::Decline) => Some(OrderCommand::Decline { reason: b.reason.unwrap_or_default() }),
        Some(OrderAction::Cancel) => Some(OrderCommand::Cancel { reason: b.reason.unwrap_or_default() }),
        Some(OrderAction::StartProduction) => Some(OrderCommand::StartProduction),
        Some(OrderAction::MarkDone) => Some(OrderCommand::MarkDone),
        Some(OrderAction::PassQuality) => {
            let c = b.checklist.unwrap_or(QualityChecklistInput { thickness: false, colour: false, count: false, packaging: false });
            Some(OrderCommand::PassQuality { checklist: QualityChecklist { thickness: c.thickness, colour: c.colour, count: c.count, packaging: c.packaging } })
        }
        Some(OrderAction::RecordDefects) => {
            let kind = b.defect_kind.as_deref().and_then(|k| named::<DefectKind>(&mut errs, "defect_kind", k));
            Some(OrderCommand::RecordDefects { kind, description: b.description.unwrap_or_default(), quantity: b.quantity })
        }
        Some(OrderAction::Rework) => Some(OrderCommand::Rework),
        Some(OrderAction::AcceptWithDeduction) => Some(OrderCommand::AcceptWithDeduction { deduction: b.deduction }),
        Some(OrderAction::Ship) => Some(OrderCommand::Ship { carrier: b.carrier.unwrap_or_default(), waybill: b.waybill.unwrap_or_default(), cost: b.cost, eta: b.eta }),
        Some(OrderAction::ReceiveClosingDocuments) => {
            need("scan", b.scan.is_some());
            b.scan.map(|s| OrderCommand::ReceiveClosingDocuments { scan: s.into() })
        }
        Some(OrderAction::Close) => Some(OrderCommand::Close),
    };
    match (version, cmd) {
        (Some(v), Some(c)) if errs.is_empty() => Ok((v, c)),
        _ => Err(AppError::Validation(errs)),
    }
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path)), request_body = ProductionOrderActionInput, responses(
    (status = 200, body = ProductionOrder, description = "The step is done and recorded"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "The caller's role does not take this step"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "No such order in the caller's scope (another production's)"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict: someone acted on the order meanwhile"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "The stage does not allow it (`state`, `quality`) or a guard failed, by field"),
))]
#[post("/production-orders/{id}/actions")]
pub async fn act_on_production_order(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, body: Body<ProductionOrderActionInput>) -> Result<web::Json<ProductionOrder>, AppError> {
    let (version, cmd) = command(body.into_inner())?;
    let (v, events) = app::production::orders::act(&state, &who, *id, version, &cmd).await?;
    let files = app::production::orders::files(&state, &who, v.row.id).await?;
    Ok(web::Json(detail(v, events, files)))
}

#[utoipa::path(tag = "production", params(("id" = Uuid, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes; its type in Content-Type"),
    responses(
        (status = 201, body = FileOut, description = "A photo, the waybill or the signed closing documents, attached to the order"),
        (status = 403, body = Problem, content_type = "application/problem+json", description = "The caller takes no part in production orders"),
        (status = 404, body = Problem, content_type = "application/problem+json", description = "No such order in the caller's scope (another production's)"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "more than 25 MB"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/production-orders/{id}/files")]
pub async fn upload_production_order_file(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>, q: Query<UploadQuery>, req: HttpRequest, body: web::Payload) -> Result<HttpResponse, AppError> {
    let upload = crate::routes::upload(&state, &req, &q.name, body).await?;
    let f = app::production::orders::attach_file(&state, &who, *id, upload).await?;
    let out: FileOut = crate::views::files::file_out(f, None);
    Ok(HttpResponse::Created().json(out))
}
