//! `/leads`: requests from people who may buy — list, take in, read, edit, move, convert into a
//! deal, and their timeline, comments and files.
use super::cards::{CardExportQuery, CardListQuery, export_response, Checklist, MoveRequest, NewComment, ReopenRequest};
use crate::routes::prelude::*;
use crate::views::cards::{CardPage, DealDetail, LeadDetail, Utm, deal_detail, lead_detail, lead_summaries};
use crate::views::timeline::{Timeline, TimelineEntry};
use crate::views::files::FileOut;
use domain::LeadId;
use domain::sales::commands::{self as cmd, ConvertLead, LeadChanges, MoveCard, ReopenCard};
use domain::sales::{CardId, Channel};
use domain::{Email, Phone};
use persistence::repo::sales::CardFilter;

#[utoipa::path(tag = "leads", params(CardExportQuery), responses(
    (status = 200, content_type = "text/csv", description = "the leads the filters select: CSV for Excel (UTF-8 with BOM, `;`, decimal comma) streamed page by page, or with `format=xlsx` a workbook"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads/export")]
pub async fn export_leads(state: web::Data<AppState>, who: Credentials, req: HttpRequest, q: Query<CardExportQuery>) -> Result<HttpResponse, AppError> {
    let format = crate::exports::Format::parse(q.format.as_deref())?;
    let filter = CardFilter::try_from(&*q)?;
    // Refused before the first byte: the right to read is checked here, then on every page.
    app::sales::leads::list(&state, &who, &filter, 1, None).await?;
    let today = state.today().0;
    export_response(&req, format, "leads", "Лиды", today, move |cursor| {
        let (state, who, filter) = (state.clone(), who.clone(), filter.clone());
        async move {
            let list = app::sales::leads::list(&state, &who, &filter, crate::exports::PAGE, cursor.as_deref()).await?;
            Ok((lead_summaries(&list.page.items, &list.pipelines, state.now())?, list.page.next_cursor))
        }
    })
    .await
}

#[utoipa::path(tag = "leads", params(CardListQuery), responses(
    (status = 200, body = CardPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads")]
pub async fn list_leads(state: web::Data<AppState>, who: Credentials, q: Query<CardListQuery>) -> Result<web::Json<CardPage>, AppError> {
    let filter = CardFilter::try_from(&*q)?;
    let list = app::sales::leads::list(&state, &who, &filter, page_limit(q.limit)?, q.cursor.as_deref()).await?;
    let items = lead_summaries(&list.page.items, &list.pipelines, state.now())?;
    Ok(web::Json(CardPage { items, next_cursor: list.page.next_cursor }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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

fn utm(errors: &mut FieldErrors, u: &Utm) -> cmd::Utm {
    cmd::Utm {
        source: opt_text(errors, "utm.source", u.source.as_deref(), 200),
        medium: opt_text(errors, "utm.medium", u.medium.as_deref(), 200),
        campaign: opt_text(errors, "utm.campaign", u.campaign.as_deref(), 200),
        term: opt_text(errors, "utm.term", u.term.as_deref(), 200),
        content: opt_text(errors, "utm.content", u.content.as_deref(), 200),
    }
}

impl TryFrom<NewLead> for cmd::NewLead {
    type Error = FieldErrors;
    fn try_from(b: NewLead) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let contact_name = opt_text(&mut errors, "contact_name", b.contact_name.as_deref(), 200);
        let company_name = opt_text(&mut errors, "company_name", b.company_name.as_deref(), 300);
        let phone = errors.optional("phone", b.phone.as_deref(), Phone::parse);
        let email = errors.optional("email", b.email.as_deref(), Email::parse);
        if b.phone.as_deref().is_none_or(|s| s.trim().is_empty()) && b.email.as_deref().is_none_or(|s| s.trim().is_empty()) {
            errors.add("phone", FieldError::new("required", "Укажите телефон или e-mail"));
        }
        let message = opt_text(&mut errors, "message", b.message.as_deref(), 5000);
        let channel = named::<Channel>(&mut errors, "channel", &b.channel);
        let keywords = opt_text(&mut errors, "keywords", b.keywords.as_deref(), 1000);
        let utm = utm(&mut errors, &b.utm);
        let call_tracking_number = errors.optional("call_tracking_number", b.call_tracking_number.as_deref(), Phone::parse);
        let expected_revenue = amount(&mut errors, "expected_revenue", b.expected_revenue.as_ref());
        let title = opt_text(&mut errors, "title", b.title.as_deref(), 300);
        match channel {
            Some(channel) if errors.is_empty() => Ok(cmd::NewLead {
                pipeline_id: b.pipeline_id.map(Into::into), title, contact_name, company_name, phone, email, message, channel, keywords, utm,
                call_tracking_number, responsible_id: b.responsible_id.map(Into::into), expected_revenue,
                organization_id: b.organization_id.map(Into::into),
            }),
            _ => Err(errors),
        }
    }
}

#[utoipa::path(tag = "leads", request_body = NewLead, responses(
    (status = 201, body = LeadDetail, description = "In the pipeline's first stage; a client with the same phone or e-mail is linked (seed 001 §2.1)"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "organization_id outside the caller's scope"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads")]
pub async fn create_lead(state: web::Data<AppState>, who: Credentials, body: Body<NewLead>) -> Result<HttpResponse, AppError> {
    let lead = cmd::NewLead::try_from(body.into_inner())?;
    let v = app::sales::leads::create(&state, &who, lead).await?;
    Ok(HttpResponse::Created().json(lead_detail(v, state.now())?))
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), responses(
    (status = 200, body = LeadDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads/{id}")]
pub async fn get_lead(state: web::Data<AppState>, who: Credentials, id: web::Path<LeadId>) -> Result<web::Json<LeadDetail>, AppError> {
    Ok(web::Json(lead_detail(app::sales::leads::get(&state, &who, *id).await?, state.now())?))
}

/// Fields left out stay as they are; `null` clears an optional one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadPatch {
    pub version: i32,
    pub title: Option<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub responsible_id: Clearable<Uuid>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<Uuid>)]
    pub client_id: Clearable<Uuid>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub contact_name: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub company_name: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub phone: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub email: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub keywords: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub price_range: Clearable<String>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>)]
    pub offer_details: Clearable<String>,
    pub agreed_individual_offer: Option<bool>,
    pub agreed_design: Option<bool>,
    #[serde(default, deserialize_with = "clearable")]
    #[schema(value_type = Option<String>, example = "150000.00")]
    pub expected_revenue: Clearable<AmountInput>,
    /// `{item code: ticked}`.
    pub checklist: Option<Checklist>,
}

impl TryFrom<LeadPatch> for LeadChanges {
    type Error = FieldErrors;
    fn try_from(b: LeadPatch) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = b.title.as_deref().and_then(|t| errors.required("title", Some(t), |s| domain::text(300, s)));
        let contact_name = clear_text(&mut errors, "contact_name", &b.contact_name, 200);
        let company_name = clear_text(&mut errors, "company_name", &b.company_name, 300);
        let phone = b.phone.as_ref().map(|v| errors.optional("phone", v.as_deref(), Phone::parse));
        let email = b.email.as_ref().map(|v| errors.optional("email", v.as_deref(), Email::parse));
        let keywords = clear_text(&mut errors, "keywords", &b.keywords, 1000);
        let price_range = clear_text(&mut errors, "price_range", &b.price_range, 200);
        let offer_details = clear_text(&mut errors, "offer_details", &b.offer_details, 5000);
        let expected_revenue = b.expected_revenue.as_ref().map(|v| amount(&mut errors, "expected_revenue", v.as_ref()));
        errors.into_result()?;
        Ok(LeadChanges {
            title, contact_name, company_name, phone, email, keywords, price_range, offer_details, expected_revenue,
            responsible_id: b.responsible_id.map(|v| v.map(Into::into)),
            client_id: b.client_id.map(|v| v.map(Into::into)),
            agreed_individual_offer: b.agreed_individual_offer,
            agreed_design: b.agreed_design,
            checklist: b.checklist,
        })
    }
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), request_body = LeadPatch, responses(
    (status = 200, body = LeadDetail),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`checklist.<code>` `unknown_checklist_item`, …"),
))]
#[patch("/leads/{id}")]
pub async fn update_lead(state: web::Data<AppState>, who: Credentials, id: web::Path<LeadId>, body: Body<LeadPatch>) -> Result<web::Json<LeadDetail>, AppError> {
    let version = body.version;
    let changes = LeadChanges::try_from(body.into_inner())?;
    Ok(web::Json(lead_detail(app::sales::leads::update(&state, &who, *id, version, changes).await?, state.now())?))
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), request_body = MoveRequest, responses(
    (status = 200, body = LeadDetail),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "the role may not make this move"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict: someone moved or changed the card first"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "transition_refused: `errors` name each unmet guard"),
))]
#[post("/leads/{id}/move")]
pub async fn move_lead(state: web::Data<AppState>, who: Credentials, id: web::Path<LeadId>, body: Body<MoveRequest>) -> Result<web::Json<LeadDetail>, AppError> {
    let m = MoveCard::try_from(body.into_inner())?;
    Ok(web::Json(lead_detail(app::sales::leads::move_lead(&state, &who, *id, m).await?, state.now())?))
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), request_body = ReopenRequest, responses(
    (status = 200, body = LeadDetail, description = "open again, in the stage it was closed from"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "only an admin reopens a card"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict: someone changed the card first"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`status` not_closed, `deal_id` converted (a lead that became a deal), `reason` required"),
))]
#[post("/leads/{id}/reopen")]
pub async fn reopen_lead(state: web::Data<AppState>, who: Credentials, id: web::Path<LeadId>, body: Body<ReopenRequest>) -> Result<web::Json<LeadDetail>, AppError> {
    let cmd = ReopenCard::try_from(body.into_inner())?;
    Ok(web::Json(lead_detail(app::sales::cards::reopen(&state, &who, CardId::Lead(*id), cmd).await?, state.now())?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
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
    /// Where the tiles go: the deal's address, sent with its delivery-cost request.
    pub delivery_address: Option<String>,
}

impl TryFrom<ConvertRequest> for ConvertLead {
    type Error = FieldErrors;
    fn try_from(b: ConvertRequest) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = opt_text(&mut errors, "title", b.title.as_deref(), 300);
        let expected_revenue = amount(&mut errors, "expected_revenue", b.expected_revenue.as_ref());
        let delivery_address = opt_text(&mut errors, "delivery_address", b.delivery_address.as_deref(), 1000);
        errors.into_result()?;
        Ok(ConvertLead {
            version: b.version, deal_pipeline_id: b.deal_pipeline_id.map(Into::into), title, expected_revenue, client_id: b.client_id.map(Into::into),
            delivery_address,
        })
    }
}

#[derive(Serialize, ToSchema)]
pub struct Conversion {
    pub lead: LeadDetail,
    pub deal: DealDetail,
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), request_body = ConvertRequest, responses(
    (status = 200, body = Conversion, description = "The lead is won; the deal starts in its pipeline's first stage with the lead's channel, keywords and history"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "transition_refused: price range, offer details, agreement (seed 000)"),
))]
#[post("/leads/{id}/convert")]
pub async fn convert_lead(state: web::Data<AppState>, who: Credentials, id: web::Path<LeadId>, body: Body<ConvertRequest>) -> Result<web::Json<Conversion>, AppError> {
    let c = ConvertLead::try_from(body.into_inner())?;
    let (lead, deal) = app::sales::leads::convert(&state, &who, *id, c).await?;
    let now = state.now();
    Ok(web::Json(Conversion { lead: lead_detail(lead, now)?, deal: deal_detail(deal, now)? }))
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Timeline, description = "Newest first"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/leads/{id}/timeline")]
pub async fn lead_timeline(state: web::Data<AppState>, who: Credentials, id: web::Path<LeadId>) -> Result<web::Json<Timeline>, AppError> {
    super::cards::timeline(&state, &who, CardId::Lead(*id)).await
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path)), request_body = NewComment, responses(
    (status = 201, body = TimelineEntry),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads/{id}/comments")]
pub async fn comment_lead(state: web::Data<AppState>, who: Credentials, id: web::Path<LeadId>, body: Body<NewComment>) -> Result<HttpResponse, AppError> {
    super::cards::comment(&state, &who, CardId::Lead(*id), &body).await
}

#[utoipa::path(tag = "leads", params(("id" = Uuid, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file's bytes; its type in Content-Type"),
    responses(
        (status = 201, body = FileOut),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "more than 25 MB"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads/{id}/files")]
pub async fn upload_lead_file(state: web::Data<AppState>, who: Credentials, id: web::Path<LeadId>, q: Query<UploadQuery>, req: HttpRequest, body: web::Payload) -> Result<HttpResponse, AppError> {
    super::cards::attach(&state, &who, CardId::Lead(*id), &req, &q.name, body).await
}
