//! What lead and deal routes take alike: list filters, a move, a comment, an uploaded file.
use crate::routes::prelude::*;
use crate::views::files::FileOut;
use crate::views::timeline::{Timeline, TimelineEntry, entry_out};
use domain::pipelines::Loss;
use domain::sales::commands::{ChecklistPatch, MoveCard, ReopenCard};
use domain::sales::{CardId, CardStatus, Channel};
use persistence::repo::sales::CardFilter;

/// `{item code: ticked}` for the card's checklist.
pub type Checklist = ChecklistPatch;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
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
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// The filter of a board or a list: search text, channel, responsible, creation days.
pub(crate) fn card_filter(errors: &mut FieldErrors, q: Option<&str>, channel: Option<&str>, responsible_id: Option<Uuid>, from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>) -> CardFilter {
    CardFilter {
        q: q.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()),
        channel: channel.and_then(|c| named::<Channel>(errors, "channel", c)),
        responsible_id: responsible_id.map(Into::into),
        created_from: day(errors, "created_from", from).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()),
        created_before: day(errors, "created_to", to).and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()),
        ..Default::default()
    }
}

impl TryFrom<&CardListQuery> for CardFilter {
    type Error = FieldErrors;
    fn try_from(q: &CardListQuery) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let status = q.status.as_deref().and_then(|s| named::<CardStatus>(&mut errors, "status", s));
        let mut f = card_filter(&mut errors, q.q.as_deref(), q.channel.as_deref(), q.responsible_id, q.created_from, q.created_to);
        errors.into_result()?;
        f.pipeline_id = q.pipeline_id.map(Into::into);
        f.stage = q.stage.clone();
        f.status = status;
        f.client_id = q.client_id.map(Into::into);
        Ok(f)
    }
}

/// The filters of a list, for its export (all of them, no paging).
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CardExportQuery {
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
    pub q: Option<String>,
    /// `csv` (default) or `xlsx`.
    pub format: Option<String>,
}

impl TryFrom<&CardExportQuery> for CardFilter {
    type Error = FieldErrors;
    fn try_from(q: &CardExportQuery) -> Result<Self, FieldErrors> {
        let list = CardListQuery {
            pipeline_id: q.pipeline_id, stage: q.stage.clone(), status: q.status.clone(), responsible_id: q.responsible_id,
            channel: q.channel.clone(), client_id: q.client_id, created_from: q.created_from, created_to: q.created_to, q: q.q.clone(),
            limit: None, cursor: None,
        };
        CardFilter::try_from(&list)
    }
}

/// The columns of a lead or deal export.
pub(crate) const EXPORT_HEADER: [&str; 10] =
    ["Номер", "Название", "Стадия", "Статус", "Клиент", "Контакт", "Ответственный", "Ожидаемая выручка, ₽", "Канал", "Создана"];

pub(crate) fn export_row(c: &crate::views::cards::CardSummary) -> Vec<crate::exports::Cell> {
    use crate::exports::Cell;
    let status = match c.status {
        CardStatus::Open => "В работе",
        CardStatus::Won => "Успех",
        CardStatus::Lost => "Отказ",
    };
    let contact = [c.contact_name.as_deref(), c.company_name.as_deref(), c.phone.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
    vec![
        Cell::Int(c.number), c.title.clone().into(), c.stage_name.clone().into(), Cell::Text(status.into()), c.client_name.clone().into(),
        Cell::Text(contact), c.responsible_name.clone().into(), Cell::Money(c.expected_revenue), Cell::Text(c.channel.as_str().into()),
        Cell::Time(c.created_at),
    ]
}

/// The export of a card list in `format`, named `<name>-<day>` (see [`crate::exports::respond`]).
pub(crate) async fn export_response<F, Fut>(req: &HttpRequest, format: crate::exports::Format, name: &str, sheet: &str, today: chrono::NaiveDate, page: F) -> Result<HttpResponse, AppError>
where
    F: Fn(Option<String>) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<(Vec<crate::views::cards::CardSummary>, Option<String>), AppError>> + 'static,
{
    crate::exports::respond(req, format, crate::exports::Sheet { name, title: sheet, header: &EXPORT_HEADER, row: export_row }, today, page).await
}

/// A person's move of a card.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    /// The version of the card the person saw; a stale one is 409 and nothing moves.
    pub version: i32,
    /// Stage code.
    pub to: String,
    /// Required when `to` is a lost stage.
    pub loss: Option<LossInput>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LossInput {
    /// A code from `GET /loss-reasons`.
    pub reason: String,
    /// The client's objections in detail (required for `other`).
    pub objections: Option<String>,
    #[serde(default)]
    pub add_to_mailing: bool,
}

impl TryFrom<MoveRequest> for MoveCard {
    type Error = FieldErrors;
    fn try_from(b: MoveRequest) -> Result<Self, FieldErrors> {
        // Loss::parse names its fields `loss.reason`, `loss.objections`.
        let loss = b.loss.map(|l| Loss::parse(&l.reason, l.objections.as_deref(), l.add_to_mailing)).transpose()?;
        Ok(MoveCard { version: b.version, to: b.to, loss })
    }
}

/// An admin's reopening of a won or lost card.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReopenRequest {
    /// The version of the card the admin saw; a stale one is 409.
    pub version: i32,
    /// Why the card is reopened (recorded on its timeline).
    pub reason: String,
}

impl TryFrom<ReopenRequest> for ReopenCard {
    type Error = FieldErrors;
    fn try_from(b: ReopenRequest) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reason = errors.required("reason", Some(&b.reason), |s| domain::text(2_000, s));
        errors.into_result()?;
        Ok(ReopenCard { version: b.version, reason: reason.unwrap_or_default() })
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub text: String,
}

pub(crate) async fn timeline(state: &AppState, who: &Credentials, card: CardId) -> Result<web::Json<Timeline>, AppError> {
    let rows = app::sales::timeline::of_card(state, who, card).await?;
    Ok(web::Json(Timeline { items: rows.into_iter().map(entry_out).collect::<Result<_, _>>()? }))
}

pub(crate) async fn comment(state: &AppState, who: &Credentials, card: CardId, body: &NewComment) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let Some(text) = errors.required("text", Some(&body.text), |s| domain::text(10_000, s)) else { return Err(errors.into()) };
    let e: TimelineEntry = entry_out(app::sales::timeline::comment(state, who, card, text).await?)?;
    Ok(HttpResponse::Created().json(e))
}

pub(crate) async fn attach(state: &AppState, who: &Credentials, card: CardId, req: &HttpRequest, name: &str, body: web::Payload) -> Result<HttpResponse, AppError> {
    let upload = super::super::upload(state, req, name, body).await?;
    let (f, by) = app::sales::timeline::attach_to_card(state, who, card, upload).await?;
    let out: FileOut = crate::views::files::file_out(f, by);
    Ok(HttpResponse::Created().json(out))
}
