use super::prelude::*;
use super::work::{RequestSummary, request_summaries};
use domain::pipeline::{Loss, PipelineKind, RequestKind};
use domain::{Email, Money, Phone};
use persistence::entities::{deal, lead};
use persistence::repo::cards::{Card, CardActor, Pipeline as StoredPipeline, Subject};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

// ---------- shared by leads and deals ----------

/// Where a lead came from.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel { Yandex, Google, Avito, Youtube, Social, Site, Phone, Bitrix24, Other }
const CHANNELS: &[&str] = &["yandex", "google", "avito", "youtube", "social", "site", "phone", "bitrix24", "other"];

/// `lead` or `deal`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CardKind { Lead, Deal }

/// Where a card is on its pipeline.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CardStatus { Open, Won, Lost }

/// A card on a board or in a list.
#[derive(Serialize, ToSchema)]
pub struct CardSummary {
    pub id: Uuid,
    #[schema(value_type = CardKind)]
    pub kind: &'static str,
    pub number: i64,
    pub title: String,
    pub pipeline_id: Uuid,
    pub stage: String,
    pub stage_name: String,
    pub stage_entered_at: DateTime<Utc>,
    #[schema(value_type = CardStatus)]
    pub status: String,
    /// Longer in the stage than the stage allows.
    pub stuck: bool,
    pub organization_id: Uuid,
    pub client_id: Option<Uuid>,
    pub client_name: Option<String>,
    /// For a lead without a client yet: who wrote or called.
    pub contact_name: Option<String>,
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub responsible_id: Option<Uuid>,
    pub responsible_name: Option<String>,
    #[schema(value_type = Option<String>, example = "125000.00")]
    pub expected_revenue: Option<Decimal>,
    #[schema(value_type = Channel)]
    pub channel: String,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

fn money(minor: Option<i64>) -> Option<Decimal> {
    minor.map(|m| Money::from_minor(m).amount())
}

/// Pipelines by id, loading those not given.
async fn pipelines_for(db: &persistence::Db, known: &[&StoredPipeline], ids: impl IntoIterator<Item = Uuid>) -> Result<HashMap<Uuid, StoredPipeline>, ApiError> {
    let mut out: HashMap<Uuid, StoredPipeline> = known.iter().map(|p| (p.row.id, (*p).clone())).collect();
    for id in ids {
        if let std::collections::hash_map::Entry::Vacant(slot) = out.entry(id) {
            slot.insert(repo::get_pipeline(db, id).await?);
        }
    }
    Ok(out)
}

pub(crate) async fn card_summaries_of_leads(db: &persistence::Db, known: &[&StoredPipeline], rows: Vec<lead::Model>) -> Result<Vec<CardSummary>, ApiError> {
    let pipelines = pipelines_for(db, known, rows.iter().map(|r| r.pipeline_id)).await?;
    let users = repo::user_names(db, rows.iter().filter_map(|r| r.responsible_id)).await?;
    let clients = repo::client_names(db, rows.iter().filter_map(|r| r.client_id)).await?;
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|r| {
            let p = pipelines.get(&r.pipeline_id);
            CardSummary {
                id: r.id, kind: "lead", number: r.number, pipeline_id: r.pipeline_id,
                stage_name: p.map_or_else(|| r.stage.clone(), |p| p.stage_name(&r.stage)),
                stuck: p.is_some_and(|p| p.is_stuck(&r.stage, r.stage_entered_at, now)),
                client_name: r.client_id.and_then(|c| clients.get(&c).cloned()),
                responsible_name: r.responsible_id.and_then(|u| users.get(&u).cloned()),
                title: r.title, stage: r.stage, stage_entered_at: r.stage_entered_at, status: r.status, organization_id: r.organization_id,
                client_id: r.client_id, contact_name: r.contact_name, company_name: r.company_name, phone: r.phone,
                responsible_id: r.responsible_id, expected_revenue: money(r.expected_revenue_minor), channel: r.channel,
                created_at: r.created_at, version: r.version,
            }
        })
        .collect())
}

pub(crate) async fn card_summaries_of_deals(db: &persistence::Db, known: &[&StoredPipeline], rows: Vec<deal::Model>) -> Result<Vec<CardSummary>, ApiError> {
    let pipelines = pipelines_for(db, known, rows.iter().map(|r| r.pipeline_id)).await?;
    let users = repo::user_names(db, rows.iter().filter_map(|r| r.responsible_id)).await?;
    let clients = repo::client_names(db, rows.iter().map(|r| r.client_id)).await?;
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|r| {
            let p = pipelines.get(&r.pipeline_id);
            CardSummary {
                id: r.id, kind: "deal", number: r.number, pipeline_id: r.pipeline_id,
                stage_name: p.map_or_else(|| r.stage.clone(), |p| p.stage_name(&r.stage)),
                stuck: p.is_some_and(|p| p.is_stuck(&r.stage, r.stage_entered_at, now)),
                client_name: clients.get(&r.client_id).cloned(),
                responsible_name: r.responsible_id.and_then(|u| users.get(&u).cloned()),
                title: r.title, stage: r.stage, stage_entered_at: r.stage_entered_at, status: r.status, organization_id: r.organization_id,
                client_id: Some(r.client_id), contact_name: None, company_name: None, phone: None, responsible_id: r.responsible_id,
                expected_revenue: money(r.expected_revenue_minor), channel: r.channel, created_at: r.created_at, version: r.version,
            }
        })
        .collect())
}

/// A page of a list view.
#[derive(Serialize, ToSchema)]
pub struct CardPage {
    pub items: Vec<CardSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct CardListQuery {
    pub pipeline_id: Option<Uuid>,
    pub stage: Option<String>,
    #[param(value_type = Option<CardStatus>)]
    pub status: Option<String>,
    pub responsible_id: Option<Uuid>,
    #[param(value_type = Option<Channel>)]
    pub channel: Option<String>,
    pub client_id: Option<Uuid>,
    pub created_from: Option<chrono::NaiveDate>,
    pub created_to: Option<chrono::NaiveDate>,
    /// Title, number; for leads also the contact's name, company, phone and e-mail.
    pub q: Option<String>,
    /// 1..=200, default 50.
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

fn list_filter(q: CardListQuery, errors: &mut FieldErrors) -> (repo::CardFilter, u64, Option<String>) {
    if let Some(s) = &q.status {
        one_of(errors, "status", s, &["open", "won", "lost"]);
    }
    if let Some(c) = &q.channel {
        one_of(errors, "channel", c, CHANNELS);
    }
    let mut f = super::pipelines::card_filter(q.q.as_deref(), q.channel, q.responsible_id, q.created_from, q.created_to);
    f.pipeline_id = q.pipeline_id;
    f.stage = q.stage;
    f.status = q.status;
    f.client_id = q.client_id;
    (f, q.limit.unwrap_or(50).clamp(1, 200), q.cursor)
}

/// UTM marks of the ad a lead came through.
#[derive(Serialize, Deserialize, ToSchema, Default, Clone)]
pub struct Utm {
    pub source: Option<String>,
    pub medium: Option<String>,
    pub campaign: Option<String>,
    pub term: Option<String>,
    pub content: Option<String>,
}

/// Why a card was lost.
#[derive(Serialize, ToSchema)]
pub struct LossOut {
    pub reason: String,
    pub reason_name: Option<String>,
    pub objections: Option<String>,
    pub add_to_mailing: bool,
}

fn loss_out(reason: Option<String>, objections: Option<String>, add_to_mailing: bool) -> Option<LossOut> {
    reason.map(|reason| LossOut {
        reason_name: domain::pipeline::reason_info(&reason).map(|r| r.name_ru.to_owned()),
        reason,
        objections,
        add_to_mailing,
    })
}

/// A stage the card can be moved to from where it is, and what stops it now.
#[derive(Serialize, ToSchema)]
pub struct MoveOut {
    pub to: String,
    pub to_name: String,
    pub allowed: bool,
    /// What to do first, as field errors (`checklist.<item>`, `<field>`, `requests.<kind>`, `stage`).
    pub problems: Vec<crate::error::ProblemFieldError>,
}

async fn moves_of(db: &persistence::Db, card: &Card, p: &StoredPipeline, role: Role) -> Result<Vec<MoveOut>, ApiError> {
    if card_status(card) != "open" {
        return Ok(vec![]);
    }
    let state = repo::cards::card_state(db, card).await?;
    Ok(domain::pipeline::moves(&p.def, &state, role)
        .into_iter()
        .map(|m| MoveOut {
            to_name: p.stage_name(&m.to),
            allowed: m.failures.is_empty(),
            problems: m
                .failures
                .iter()
                .map(|f| {
                    let (field, e) = f.to_field_error(&p.def);
                    crate::error::ProblemFieldError { field, code: e.code.to_owned(), message: e.message }
                })
                .collect(),
            to: m.to,
        })
        .collect())
}

fn card_status(card: &Card) -> &str {
    match card {
        Card::Lead(l) => &l.status,
        Card::Deal(d) => &d.status,
    }
}

/// A person's move of a card.
#[derive(Deserialize, ToSchema)]
pub struct MoveRequest {
    /// The version of the card the person saw; a stale one is 409 and nothing moves.
    pub version: i32,
    /// Stage code.
    pub to: String,
    /// Required when `to` is a lost stage.
    pub loss: Option<LossInput>,
}

#[derive(Deserialize, ToSchema)]
pub struct LossInput {
    /// A code from `GET /loss-reasons`.
    pub reason: String,
    /// The client's objections in detail (required for `other`).
    pub objections: Option<String>,
    #[serde(default)]
    pub add_to_mailing: bool,
}

fn parse_loss(errors: &mut FieldErrors, l: Option<&LossInput>) -> Option<Loss> {
    let l = l?;
    match Loss::parse(&l.reason, l.objections.as_deref(), l.add_to_mailing) {
        Ok(loss) => Some(loss),
        Err(e) => {
            // Loss::parse names its fields `loss.reason`, `loss.objections`.
            errors.merge_prefixed("", e);
            None
        }
    }
}

/// `{item code: ticked}` for the card's checklist.
type ChecklistPatch = BTreeMap<String, bool>;

fn card_actor(actor: &Actor, audit: repo::AuditActor) -> CardActor {
    CardActor { role: actor.role, audit }
}

/// A person picked as responsible must exist (in the caller's scope).
async fn check_user(state: &AppState, actor: &Actor, errors: &mut FieldErrors, field: &str, id: Option<Uuid>) -> Result<(), ApiError> {
    if let Some(id) = id
        && repo::get_user_scoped(&state.db, actor.scope, id).await.is_err()
    {
        errors.add(field, FieldError::new("not_found", "Сотрудник не найден"));
    }
    Ok(())
}

/// The named pipeline of `kind` if it is active, or the first active one; otherwise an error on `field`.
async fn active_pipeline(state: &AppState, kind: PipelineKind, id: Option<Uuid>, field: &str, errors: &mut FieldErrors) -> Result<Option<StoredPipeline>, ApiError> {
    let found = match id {
        Some(id) => match repo::get_pipeline(&state.db, id).await {
            Ok(p) => Some(p),
            Err(persistence::RepoError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => match repo::default_pipeline(&state.db, kind).await {
            Ok(p) => Some(p),
            Err(persistence::RepoError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
    };
    match found {
        Some(p) if p.def.kind == kind && p.row.is_active => Ok(Some(p)),
        _ => {
            let message = match (kind, id) {
                (PipelineKind::Lead, Some(_)) => "Нет такой действующей воронки лидов",
                (PipelineKind::Deal, Some(_)) => "Нет такой действующей воронки сделок",
                (PipelineKind::Lead, None) => "Нет ни одной действующей воронки лидов — включите её в настройках воронок",
                (PipelineKind::Deal, None) => "Нет ни одной действующей воронки сделок — включите её в настройках воронок",
            };
            errors.add(field, FieldError::new("invalid_value", message));
            Ok(None)
        }
    }
}

// ---------- leads ----------

/// A lead with everything its card shows.
#[derive(Serialize, ToSchema)]
pub struct LeadDetail {
    #[serde(flatten)]
    pub card: CardSummary,
    pub organization_name: String,
    pub email: Option<String>,
    /// What the client wrote or said.
    pub message: Option<String>,
    pub keywords: Option<String>,
    pub utm: Utm,
    /// The call-tracking number the call came through.
    pub call_tracking_number: Option<String>,
    pub price_range: Option<String>,
    pub offer_details: Option<String>,
    pub agreed_individual_offer: bool,
    pub agreed_design: bool,
    /// Ticked checklist item codes.
    pub checklist: Vec<String>,
    pub facts: Vec<String>,
    pub loss: Option<LossOut>,
    pub deal_id: Option<Uuid>,
    pub deal_number: Option<i64>,
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// Stages the card can go to next, with what stops it now.
    pub moves: Vec<MoveOut>,
}

async fn lead_detail(state: &AppState, actor: &Actor, l: lead::Model) -> Result<LeadDetail, ApiError> {
    let p = repo::get_pipeline(&state.db, l.pipeline_id).await?;
    let card = Card::Lead(l.clone());
    let moves = moves_of(&state.db, &card, &p, actor.role).await?;
    let org = repo::organization_names(&state.db, [l.organization_id]).await?;
    let deal_number = match l.deal_id {
        Some(d) => repo::deals_by_ids(&state.db, [d]).await?.first().map(|d| d.number),
        None => None,
    };
    let summary = card_summaries_of_leads(&state.db, &[&p], vec![l.clone()]).await?.pop().ok_or(ApiError::NotFound)?;
    Ok(LeadDetail {
        card: summary,
        organization_name: org.get(&l.organization_id).cloned().unwrap_or_default(),
        email: l.email,
        message: l.message,
        keywords: l.keywords,
        utm: Utm { source: l.utm_source, medium: l.utm_medium, campaign: l.utm_campaign, term: l.utm_term, content: l.utm_content },
        call_tracking_number: l.call_tracking_number,
        price_range: l.price_range,
        offer_details: l.offer_details,
        agreed_individual_offer: l.agreed_individual_offer,
        agreed_design: l.agreed_design,
        checklist: card.checklist().into_iter().collect(),
        facts: card.facts().into_iter().map(|f| f.as_str().to_owned()).collect(),
        loss: loss_out(l.loss_reason, l.loss_objections, l.add_to_mailing),
        deal_id: l.deal_id,
        deal_number,
        closed_at: l.closed_at,
        updated_at: l.updated_at,
        moves,
    })
}

#[utoipa::path(tag = "leads", params(CardListQuery), responses(
    (status = 200, body = CardPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads")]
pub async fn list_leads(state: web::Data<AppState>, actor: Actor, q: web::Query<CardListQuery>) -> Result<web::Json<CardPage>, ApiError> {
    actor.require(Permission::LeadsRead)?;
    let mut errors = FieldErrors::new();
    let (f, limit, cursor) = list_filter(q.into_inner(), &mut errors);
    errors.into_result()?;
    let (rows, next_cursor) = repo::list_leads(&state.db, actor.scope, &f, limit, cursor.as_deref()).await?;
    Ok(web::Json(CardPage { items: card_summaries_of_leads(&state.db, &[], rows).await?, next_cursor }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewLead {
    /// A lead pipeline; default: the first active one.
    pub pipeline_id: Option<Uuid>,
    /// Default: made from the company or the contact.
    pub title: Option<String>,
    pub contact_name: Option<String>,
    pub company_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub message: Option<String>,
    #[schema(value_type = Channel)]
    pub channel: String,
    pub keywords: Option<String>,
    #[serde(default)]
    pub utm: Utm,
    pub call_tracking_number: Option<String>,
    /// Default: the caller, when the caller is a person.
    pub responsible_id: Option<Uuid>,
    #[schema(value_type = Option<String>, example = "150000.00")]
    pub expected_revenue: Option<AmountInput>,
    /// Head office only: the owning organization (default: the caller's).
    pub organization_id: Option<Uuid>,
}

fn utm_text(errors: &mut FieldErrors, u: &Utm) -> Utm {
    Utm {
        source: opt_text(errors, "utm.source", u.source.as_deref(), 200),
        medium: opt_text(errors, "utm.medium", u.medium.as_deref(), 200),
        campaign: opt_text(errors, "utm.campaign", u.campaign.as_deref(), 200),
        term: opt_text(errors, "utm.term", u.term.as_deref(), 200),
        content: opt_text(errors, "utm.content", u.content.as_deref(), 200),
    }
}

#[utoipa::path(tag = "leads", request_body = NewLead, responses(
    (status = 201, body = LeadDetail, description = "In the pipeline's first stage; a client with the same phone or e-mail is linked (seed 001 §2.1)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "organization_id outside the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads")]
pub async fn create_lead(state: web::Data<AppState>, actor: Actor, body: web::Json<NewLead>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LeadsWrite)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let contact_name = opt_text(&mut errors, "contact_name", b.contact_name.as_deref(), 200);
    let company_name = opt_text(&mut errors, "company_name", b.company_name.as_deref(), 300);
    let phone = errors.optional("phone", b.phone.as_deref(), Phone::parse).map(|p| p.as_str().to_owned());
    let email = errors.optional("email", b.email.as_deref(), Email::parse).map(|e| e.as_str().to_owned());
    if b.phone.as_deref().is_none_or(|s| s.trim().is_empty()) && b.email.as_deref().is_none_or(|s| s.trim().is_empty()) {
        errors.add("phone", FieldError::new("required", "Укажите телефон или e-mail"));
    }
    let message = opt_text(&mut errors, "message", b.message.as_deref(), 5000);
    one_of(&mut errors, "channel", &b.channel, CHANNELS);
    let keywords = opt_text(&mut errors, "keywords", b.keywords.as_deref(), 1000);
    let utm = utm_text(&mut errors, &b.utm);
    let call_tracking_number = errors.optional("call_tracking_number", b.call_tracking_number.as_deref(), Phone::parse).map(|p| p.as_str().to_owned());
    let expected = amount(&mut errors, "expected_revenue", b.expected_revenue.as_ref());
    let title = opt_text(&mut errors, "title", b.title.as_deref(), 300);
    let responsible_id = b.responsible_id.or(actor.user_id);
    check_user(&state, &actor, &mut errors, "responsible_id", b.responsible_id).await?;
    let pipeline = active_pipeline(&state, PipelineKind::Lead, b.pipeline_id, "pipeline_id", &mut errors).await?;
    errors.into_result()?;
    let Some(pipeline) = pipeline else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    let organization_id = b.organization_id.unwrap_or(actor.organization_id);
    repo::get_organization(&state.db, actor.scope, organization_id).await?;
    let client = repo::recognise_client(&state.db, persistence::AccessScope::Organization(organization_id), phone.as_deref(), email.as_deref()).await?;
    let title = title
        .or_else(|| company_name.clone())
        .or_else(|| contact_name.clone())
        .or_else(|| client.as_ref().map(|c| c.name.clone()))
        .unwrap_or_else(|| format!("Заявка {}", phone.clone().or_else(|| email.clone()).unwrap_or_default()));
    let now = Utc::now();
    let model = lead::Model {
        id: Uuid::now_v7(), organization_id, number: 0, pipeline_id: pipeline.row.id, stage: String::new(), stage_entered_at: now,
        status: String::new(), title, search_text: String::new(), responsible_id, client_id: client.map(|c| c.id), contact_name,
        company_name, phone, email, message, channel: b.channel, keywords, utm_source: utm.source, utm_medium: utm.medium,
        utm_campaign: utm.campaign, utm_term: utm.term, utm_content: utm.content, call_tracking_number, price_range: None,
        offer_details: None, agreed_individual_offer: false, agreed_design: false, expected_revenue_minor: expected,
        checklist: "[]".into(), facts: "[]".into(), loss_reason: None, loss_objections: None, add_to_mailing: false, deal_id: None,
        closed_at: None, created_by: actor.user_id, created_at: now, updated_at: now, version: 1,
    };
    let saved = repo::insert_lead(&state.db, actor.scope, model, &card_actor(&actor, actor.audit(&state.db).await?)).await?;
    Ok(HttpResponse::Created().json(lead_detail(&state, &actor, saved).await?))
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), responses(
    (status = 200, body = LeadDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads/{id}")]
pub async fn get_lead(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<LeadDetail>, ApiError> {
    actor.require(Permission::LeadsRead)?;
    let l = repo::get_lead(&state.db, actor.scope, *id).await?;
    Ok(web::Json(lead_detail(&state, &actor, l).await?))
}

/// Fields left out stay as they are; `null` clears an optional one.
#[derive(Deserialize, ToSchema)]
pub struct LeadPatch {
    pub version: i32,
    pub title: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub responsible_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub client_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub contact_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub company_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub keywords: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub price_range: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub offer_details: Option<Option<String>>,
    pub agreed_individual_offer: Option<bool>,
    pub agreed_design: Option<bool>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>, example = "150000.00")]
    pub expected_revenue: Option<Option<AmountInput>>,
    /// `{item code: ticked}`.
    pub checklist: Option<ChecklistPatch>,
}

fn clear_text(errors: &mut FieldErrors, field: &str, v: &Option<Option<String>>, max: usize) -> Option<Option<String>> {
    v.as_ref().map(|inner| opt_text(errors, field, inner.as_deref(), max))
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), request_body = LeadPatch, responses(
    (status = 200, body = LeadDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`checklist.<code>` `unknown_checklist_item`, …"),
))]
#[patch("/leads/{id}")]
pub async fn update_lead(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<LeadPatch>) -> Result<web::Json<LeadDetail>, ApiError> {
    actor.require(Permission::LeadsWrite)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let title = b.title.as_deref().and_then(|t| errors.required("title", Some(t), |s| domain::text(300, s)));
    let contact_name = clear_text(&mut errors, "contact_name", &b.contact_name, 200);
    let company_name = clear_text(&mut errors, "company_name", &b.company_name, 300);
    let phone = b.phone.as_ref().map(|v| errors.optional("phone", v.as_deref(), Phone::parse).map(|p| p.as_str().to_owned()));
    let email = b.email.as_ref().map(|v| errors.optional("email", v.as_deref(), Email::parse).map(|e| e.as_str().to_owned()));
    let keywords = clear_text(&mut errors, "keywords", &b.keywords, 1000);
    let price_range = clear_text(&mut errors, "price_range", &b.price_range, 200);
    let offer_details = clear_text(&mut errors, "offer_details", &b.offer_details, 5000);
    let expected = b.expected_revenue.as_ref().map(|v| amount(&mut errors, "expected_revenue", v.as_ref()));
    check_user(&state, &actor, &mut errors, "responsible_id", b.responsible_id.flatten()).await?;
    // The client must be of the lead's own organization (a deal made from it belongs there).
    if let Some(Some(c)) = b.client_id {
        let lead = repo::get_lead(&state.db, actor.scope, *id).await?;
        let same_organization = repo::get_client(&state.db, actor.scope, c).await.is_ok_and(|row| row.client.organization_id == lead.organization_id);
        if !same_organization {
            errors.add("client_id", FieldError::new("not_found", "Клиент не найден"));
        }
    }
    errors.into_result()?;
    let audit = actor.audit(&state.db).await?;
    let card = repo::cards::edit(&state.db, actor.scope, Subject::Lead, *id, b.version, &audit, |card, p| {
        if let Some(checklist) = &b.checklist {
            repo::cards::tick(card, p, checklist)?;
        }
        if let Card::Lead(l) = card {
            if let Some(v) = title { l.title = v }
            if let Some(v) = b.responsible_id { l.responsible_id = v }
            if let Some(v) = b.client_id { l.client_id = v }
            if let Some(v) = contact_name { l.contact_name = v }
            if let Some(v) = company_name { l.company_name = v }
            if let Some(v) = phone { l.phone = v }
            if let Some(v) = email { l.email = v }
            if let Some(v) = keywords { l.keywords = v }
            if let Some(v) = price_range { l.price_range = v }
            if let Some(v) = offer_details { l.offer_details = v }
            if let Some(v) = b.agreed_individual_offer { l.agreed_individual_offer = v }
            if let Some(v) = b.agreed_design { l.agreed_design = v }
            if let Some(v) = expected { l.expected_revenue_minor = v }
        }
        Ok(())
    })
    .await?;
    let Card::Lead(l) = card else { return Err(ApiError::NotFound) };
    Ok(web::Json(lead_detail(&state, &actor, l).await?))
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), request_body = MoveRequest, responses(
    (status = 200, body = LeadDetail),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "the role may not make this move"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict: someone moved or changed the card first"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "transition_refused: `errors` name each unmet guard"),
))]
#[post("/leads/{id}/move")]
pub async fn move_lead(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<MoveRequest>) -> Result<web::Json<LeadDetail>, ApiError> {
    actor.require(Permission::LeadsWrite)?;
    let lead = repo::get_lead(&state.db, actor.scope, *id).await?;
    let p = repo::get_pipeline(&state.db, lead.pipeline_id).await?;
    // A lead's won stage is its conversion into a deal: the same guards, and a deal is made.
    if p.def.stage(&body.to).is_some_and(|s| s.kind == domain::pipeline::StageKind::Won) {
        actor.require(Permission::DealsWrite)?;
        let conv = default_conversion(&state, &lead, None, None, None).await?;
        let (lead, _) = repo::convert_lead(&state.db, actor.scope, *id, body.version, conv, &card_actor(&actor, actor.audit(&state.db).await?)).await?;
        return Ok(web::Json(lead_detail(&state, &actor, lead).await?));
    }
    let mut errors = FieldErrors::new();
    let loss = parse_loss(&mut errors, body.loss.as_ref());
    errors.into_result()?;
    let card = repo::move_card(&state.db, actor.scope, (Subject::Lead, *id), body.version, body.to.clone(), loss, &card_actor(&actor, actor.audit(&state.db).await?)).await?;
    let Card::Lead(l) = card else { return Err(ApiError::NotFound) };
    Ok(web::Json(lead_detail(&state, &actor, l).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ConvertRequest {
    pub version: i32,
    /// A deal pipeline; default: the first active one (tile sale).
    pub deal_pipeline_id: Option<Uuid>,
    /// Default: the lead's title.
    pub title: Option<String>,
    #[schema(value_type = Option<String>, example = "150000.00")]
    pub expected_revenue: Option<AmountInput>,
    /// An existing client of the lead's organization; default: the lead's, or a new prospect.
    pub client_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct Conversion {
    pub lead: LeadDetail,
    pub deal: DealDetail,
}

async fn default_conversion(state: &AppState, lead: &lead::Model, pipeline: Option<Uuid>, title: Option<String>, expected: Option<i64>) -> Result<repo::Conversion, ApiError> {
    let mut errors = FieldErrors::new();
    let deal_pipeline = active_pipeline(state, PipelineKind::Deal, pipeline, "deal_pipeline_id", &mut errors).await?;
    errors.into_result()?;
    let Some(deal_pipeline) = deal_pipeline else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    Ok(repo::Conversion { deal_pipeline, title: title.unwrap_or_else(|| lead.title.clone()), expected_revenue_minor: expected, client_id: None })
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), request_body = ConvertRequest, responses(
    (status = 200, body = Conversion, description = "The lead is won; the deal starts in its pipeline's first stage with the lead's channel, keywords and history"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "transition_refused: price range, offer details, agreement (seed 000)"),
))]
#[post("/leads/{id}/convert")]
pub async fn convert_lead(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<ConvertRequest>) -> Result<web::Json<Conversion>, ApiError> {
    actor.require(Permission::LeadsWrite)?;
    actor.require(Permission::DealsWrite)?;
    let b = body.into_inner();
    let lead = repo::get_lead(&state.db, actor.scope, *id).await?;
    let mut errors = FieldErrors::new();
    let title = opt_text(&mut errors, "title", b.title.as_deref(), 300);
    let expected = amount(&mut errors, "expected_revenue", b.expected_revenue.as_ref());
    errors.into_result()?;
    let mut conv = default_conversion(&state, &lead, b.deal_pipeline_id, title, expected).await?;
    conv.client_id = b.client_id;
    let (lead, deal) = repo::convert_lead(&state.db, actor.scope, *id, b.version, conv, &card_actor(&actor, actor.audit(&state.db).await?)).await?;
    Ok(web::Json(Conversion { lead: lead_detail(&state, &actor, lead).await?, deal: deal_detail(&state, &actor, deal).await? }))
}

// ---------- deals ----------

/// tile_sale | line_sale | other
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DealKind { TileSale, LineSale, Other }

/// A deal with everything its card shows.
#[derive(Serialize, ToSchema)]
pub struct DealDetail {
    #[serde(flatten)]
    pub card: CardSummary,
    pub organization_name: String,
    #[schema(value_type = DealKind)]
    pub deal_kind: String,
    pub counterparty_id: Option<Uuid>,
    pub counterparty_name: Option<String>,
    pub currency: String,
    pub delivery_address: Option<String>,
    pub offer_details: Option<String>,
    pub promised_payment_date: Option<chrono::NaiveDate>,
    pub review_score: Option<i32>,
    pub lead_id: Option<Uuid>,
    pub lead_number: Option<i64>,
    pub keywords: Option<String>,
    pub utm: Utm,
    pub call_tracking_number: Option<String>,
    pub checklist: Vec<String>,
    pub facts: Vec<String>,
    pub loss: Option<LossOut>,
    /// Requests to other departments, oldest first.
    pub requests: Vec<RequestSummary>,
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub moves: Vec<MoveOut>,
}

pub(crate) async fn deal_detail(state: &AppState, actor: &Actor, d: deal::Model) -> Result<DealDetail, ApiError> {
    let p = repo::get_pipeline(&state.db, d.pipeline_id).await?;
    let card = Card::Deal(d.clone());
    let moves = moves_of(&state.db, &card, &p, actor.role).await?;
    let org = repo::organization_names(&state.db, [d.organization_id]).await?;
    let counterparty_name = match d.counterparty_id {
        Some(id) => repo::get_counterparty(&state.db, persistence::AccessScope::All, id).await.ok().map(|c| c.name),
        None => None,
    };
    let lead_number = match d.lead_id {
        Some(id) => repo::get_lead(&state.db, persistence::AccessScope::All, id).await.ok().map(|l| l.number),
        None => None,
    };
    let requests = request_summaries(&state.db, repo::deal_requests(&state.db, d.id).await?).await?;
    let summary = card_summaries_of_deals(&state.db, &[&p], vec![d.clone()]).await?.pop().ok_or(ApiError::NotFound)?;
    Ok(DealDetail {
        card: summary,
        organization_name: org.get(&d.organization_id).cloned().unwrap_or_default(),
        deal_kind: d.kind,
        counterparty_id: d.counterparty_id,
        counterparty_name,
        currency: d.currency,
        delivery_address: d.delivery_address,
        offer_details: d.offer_details,
        promised_payment_date: d.promised_payment_date,
        review_score: d.review_score,
        lead_id: d.lead_id,
        lead_number,
        keywords: d.keywords,
        utm: Utm { source: d.utm_source, medium: d.utm_medium, campaign: d.utm_campaign, term: d.utm_term, content: d.utm_content },
        call_tracking_number: d.call_tracking_number,
        checklist: card.checklist().into_iter().collect(),
        facts: card.facts().into_iter().map(|f| f.as_str().to_owned()).collect(),
        loss: loss_out(d.loss_reason, d.loss_objections, d.add_to_mailing),
        requests,
        closed_at: d.closed_at,
        updated_at: d.updated_at,
        moves,
    })
}

#[utoipa::path(tag = "deals", params(CardListQuery), responses(
    (status = 200, body = CardPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals")]
pub async fn list_deals(state: web::Data<AppState>, actor: Actor, q: web::Query<CardListQuery>) -> Result<web::Json<CardPage>, ApiError> {
    actor.require(Permission::DealsRead)?;
    let mut errors = FieldErrors::new();
    let (f, limit, cursor) = list_filter(q.into_inner(), &mut errors);
    errors.into_result()?;
    let (rows, next_cursor) = repo::list_deals(&state.db, actor.scope, &f, limit, cursor.as_deref()).await?;
    Ok(web::Json(CardPage { items: card_summaries_of_deals(&state.db, &[], rows).await?, next_cursor }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewDeal {
    /// A deal pipeline; default: the first active one (tile sale).
    pub pipeline_id: Option<Uuid>,
    pub title: String,
    pub client_id: Uuid,
    pub counterparty_id: Option<Uuid>,
    /// Default: the caller, when the caller is a person.
    pub responsible_id: Option<Uuid>,
    #[schema(value_type = Option<String>, example = "150000.00")]
    pub expected_revenue: Option<AmountInput>,
    pub delivery_address: Option<String>,
    pub offer_details: Option<String>,
    /// Default `other` (a deal made by hand, not from a lead).
    #[schema(value_type = Option<Channel>)]
    pub channel: Option<String>,
}

#[utoipa::path(tag = "deals", request_body = NewDeal, responses(
    (status = 201, body = DealDetail, description = "In the pipeline's first stage, with what it opens (e.g. the delivery-cost request)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "the client is outside the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals")]
pub async fn create_deal(state: web::Data<AppState>, actor: Actor, body: web::Json<NewDeal>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::DealsWrite)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let title = errors.required("title", Some(&b.title), |s| domain::text(300, s));
    let expected = amount(&mut errors, "expected_revenue", b.expected_revenue.as_ref());
    let delivery_address = opt_text(&mut errors, "delivery_address", b.delivery_address.as_deref(), 1000);
    let offer_details = opt_text(&mut errors, "offer_details", b.offer_details.as_deref(), 5000);
    let channel = b.channel.unwrap_or_else(|| "other".into());
    one_of(&mut errors, "channel", &channel, CHANNELS);
    check_user(&state, &actor, &mut errors, "responsible_id", b.responsible_id).await?;
    let pipeline = active_pipeline(&state, PipelineKind::Deal, b.pipeline_id, "pipeline_id", &mut errors).await?;
    errors.into_result()?;
    let (Some(title), Some(pipeline)) = (title, pipeline) else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    // The deal belongs to its client's organization; a client outside the scope does not exist.
    let client = repo::get_client(&state.db, actor.scope, b.client_id).await?.client;
    let now = Utc::now();
    let model = deal::Model {
        id: Uuid::now_v7(), organization_id: client.organization_id, number: 0, pipeline_id: pipeline.row.id, stage: String::new(),
        stage_entered_at: now, status: String::new(), title, search_text: String::new(),
        kind: if pipeline.row.code == repo::TILE_SALE_FUNNEL { "tile_sale".into() } else { "other".into() },
        client_id: client.id, counterparty_id: b.counterparty_id, responsible_id: b.responsible_id.or(actor.user_id),
        expected_revenue_minor: expected, currency: "RUB".into(), delivery_address, offer_details, promised_payment_date: None,
        review_score: None, lead_id: None, channel, keywords: None, utm_source: None, utm_medium: None, utm_campaign: None,
        utm_term: None, utm_content: None, call_tracking_number: None, checklist: "[]".into(), facts: "[]".into(), loss_reason: None,
        loss_objections: None, add_to_mailing: false, closed_at: None, created_by: actor.user_id, created_at: now, updated_at: now,
        version: 1,
    };
    let saved = repo::insert_deal(&state.db, actor.scope, model, &card_actor(&actor, actor.audit(&state.db).await?)).await?;
    Ok(HttpResponse::Created().json(deal_detail(&state, &actor, saved).await?))
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), responses(
    (status = 200, body = DealDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/deals/{id}")]
pub async fn get_deal(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<DealDetail>, ApiError> {
    actor.require(Permission::DealsRead)?;
    let d = repo::get_deal(&state.db, actor.scope, *id).await?;
    Ok(web::Json(deal_detail(&state, &actor, d).await?))
}

/// Fields left out stay as they are; `null` clears an optional one.
#[derive(Deserialize, ToSchema)]
pub struct DealPatch {
    pub version: i32,
    pub title: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub counterparty_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub responsible_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>, example = "150000.00")]
    pub expected_revenue: Option<Option<AmountInput>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub delivery_address: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub offer_details: Option<Option<String>>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<chrono::NaiveDate>)]
    pub promised_payment_date: Option<Option<chrono::NaiveDate>>,
    /// 1..=10
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<i32>)]
    pub review_score: Option<Option<i32>>,
    /// `{item code: ticked}`.
    pub checklist: Option<ChecklistPatch>,
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = DealPatch, responses(
    (status = 200, body = DealDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/deals/{id}")]
pub async fn update_deal(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<DealPatch>) -> Result<web::Json<DealDetail>, ApiError> {
    actor.require(Permission::DealsWrite)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let title = b.title.as_deref().and_then(|t| errors.required("title", Some(t), |s| domain::text(300, s)));
    let expected = b.expected_revenue.as_ref().map(|v| amount(&mut errors, "expected_revenue", v.as_ref()));
    let delivery_address = clear_text(&mut errors, "delivery_address", &b.delivery_address, 1000);
    let offer_details = clear_text(&mut errors, "offer_details", &b.offer_details, 5000);
    if let Some(Some(score)) = b.review_score
        && !(1..=10).contains(&score)
    {
        errors.add("review_score", FieldError::new("out_of_range", "Оценка — от 1 до 10 баллов"));
    }
    check_user(&state, &actor, &mut errors, "responsible_id", b.responsible_id.flatten()).await?;
    let current = repo::get_deal(&state.db, actor.scope, *id).await?;
    if let Some(Some(cp)) = b.counterparty_id
        && repo::check_counterparty(&state.db, &current, cp).await.is_err()
    {
        errors.add("counterparty_id", FieldError::new("not_found", "У клиента нет такого контрагента"));
    }
    errors.into_result()?;
    let audit = actor.audit(&state.db).await?;
    let card = repo::cards::edit(&state.db, actor.scope, Subject::Deal, *id, b.version, &audit, |card, p| {
        if let Some(checklist) = &b.checklist {
            repo::cards::tick(card, p, checklist)?;
        }
        if let Card::Deal(d) = card {
            if let Some(v) = title { d.title = v }
            if let Some(v) = b.counterparty_id { d.counterparty_id = v }
            if let Some(v) = b.responsible_id { d.responsible_id = v }
            if let Some(v) = expected { d.expected_revenue_minor = v }
            if let Some(v) = delivery_address { d.delivery_address = v }
            if let Some(v) = offer_details { d.offer_details = v }
            if let Some(v) = b.promised_payment_date { d.promised_payment_date = v }
            if let Some(v) = b.review_score { d.review_score = v }
        }
        Ok(())
    })
    .await?;
    let Card::Deal(d) = card else { return Err(ApiError::NotFound) };
    Ok(web::Json(deal_detail(&state, &actor, d).await?))
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = MoveRequest, responses(
    (status = 200, body = DealDetail),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "the role may not make this move"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict: someone moved or changed the card first"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "transition_refused: `errors` name each unmet guard (e.g. `stage` `fact_required` for «Оплата получена»)"),
))]
#[post("/deals/{id}/move")]
pub async fn move_deal(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<MoveRequest>) -> Result<web::Json<DealDetail>, ApiError> {
    actor.require(Permission::DealsWrite)?;
    let mut errors = FieldErrors::new();
    let loss = parse_loss(&mut errors, body.loss.as_ref());
    errors.into_result()?;
    let card = repo::move_card(&state.db, actor.scope, (Subject::Deal, *id), body.version, body.to.clone(), loss, &card_actor(&actor, actor.audit(&state.db).await?)).await?;
    let Card::Deal(d) = card else { return Err(ApiError::NotFound) };
    Ok(web::Json(deal_detail(&state, &actor, d).await?))
}

/// The accountant's notice that the client paid («извещение от бухгалтера»).
#[derive(Deserialize, ToSchema)]
pub struct PaymentNotice {
    #[schema(value_type = String, example = "75000.00")]
    pub amount: AmountInput,
    pub paid_on: chrono::NaiveDate,
    /// Payment order number.
    pub document: Option<String>,
    pub comment: Option<String>,
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = PaymentNotice, responses(
    (status = 200, body = DealDetail, description = "Recorded; a deal waiting for payment moves to «Оплата получена» by itself"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/payments")]
pub async fn register_payment(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<PaymentNotice>) -> Result<web::Json<DealDetail>, ApiError> {
    actor.require(Permission::PaymentsRecord)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let amount_minor = amount(&mut errors, "amount", Some(&b.amount));
    if amount_minor == Some(0) {
        errors.add("amount", FieldError::new("out_of_range", "Сумма оплаты должна быть больше нуля"));
    }
    if b.paid_on > Utc::now().date_naive() {
        errors.add("paid_on", FieldError::new("out_of_range", "Дата оплаты не может быть в будущем"));
    }
    let document = opt_text(&mut errors, "document", b.document.as_deref(), 100);
    let comment = opt_text(&mut errors, "comment", b.comment.as_deref(), 2000);
    errors.into_result()?;
    let notice = repo::PaymentNotice { amount_minor: amount_minor.unwrap_or_default(), paid_on: b.paid_on, document, comment };
    let card = repo::register_payment(&state.db, actor.scope, *id, notice, &card_actor(&actor, actor.audit(&state.db).await?)).await?;
    let Card::Deal(d) = card else { return Err(ApiError::NotFound) };
    Ok(web::Json(deal_detail(&state, &actor, d).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct NewRequest {
    #[schema(value_type = RequestKind)]
    pub kind: String,
    /// What the department needs to know (volume, thickness, colours, the object).
    pub details: Option<String>,
    /// Default: the deal's delivery address.
    pub delivery_address: Option<String>,
}

#[utoipa::path(tag = "deals", params(("id" = Uuid, Path)), request_body = NewRequest, responses(
    (status = 201, body = super::work::RequestDetail, description = "Opened (or the one of that kind already open)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/deals/{id}/requests")]
pub async fn open_request(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<NewRequest>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::DealsWrite)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let kind = RequestKind::parse(&b.kind);
    if kind.is_none() {
        errors.add("kind", FieldError::new("invalid_value", "Допустимые значения: delivery_cost, design"));
    }
    let details = opt_text(&mut errors, "details", b.details.as_deref(), 5000);
    let address = opt_text(&mut errors, "delivery_address", b.delivery_address.as_deref(), 1000);
    errors.into_result()?;
    let Some(kind) = kind else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    let r = repo::open_deal_request(&state.db, actor.scope, *id, kind, details, address, &actor.audit(&state.db).await?).await?;
    Ok(HttpResponse::Created().json(super::work::request_detail(&state.db, r).await?))
}
