//! `/notifications`: the caller's own, newest first, with the unread count; marking them read.
use crate::routes::prelude::*;
use domain::notifications::NotificationKind;
use persistence::entities::notification;

#[derive(Serialize, ToSchema)]
pub struct Notification {
    pub id: Uuid,
    pub kind: NotificationKind,
    /// What happened, in Russian («Ответ на запрос №5 «Расчёт доставки» по сделке №12»).
    pub title: String,
    /// Where the web app opens it: `/deals/<id>`, `/leads/<id>`, `/requests/<id>` or `/tasks`.
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub next_cursor: Option<String>,
    /// How many of the caller's notifications are unread (all of them, not only this page's).
    pub unread: u64,
}

fn out(n: notification::Model) -> Notification {
    Notification {
        kind: NotificationKind::parse(&n.kind).unwrap_or(NotificationKind::CardMoved),
        id: n.id, title: n.title, link: n.link, created_at: n.created_at, read_at: n.read_at,
    }
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NotificationQuery {
    /// Only those not read yet.
    pub unread: Option<bool>,
    /// 1..=200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

#[utoipa::path(tag = "notifications", params(NotificationQuery), responses(
    (status = 200, body = NotificationPage, description = "Newest first"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "an integrator's key: notifications are people's"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[get("/notifications")]
pub async fn list_notifications(state: web::Data<AppState>, who: Credentials, q: Query<NotificationQuery>) -> Result<web::Json<NotificationPage>, AppError> {
    let (page, unread) = app::notifications::list(&state, &who, q.unread.unwrap_or(false), page_limit(q.limit)?, q.cursor.as_deref()).await?;
    Ok(web::Json(NotificationPage { items: page.items.into_iter().map(out).collect(), next_cursor: page.next_cursor, unread }))
}

#[utoipa::path(tag = "notifications", params(("id" = Uuid, Path)), responses(
    (status = 204, description = "Read (again: nothing changes)"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "an integrator's key"),
    (status = 404, body = Problem, content_type = "application/problem+json", description = "not the caller's notification"),
))]
#[post("/notifications/{id}/read")]
pub async fn read_notification(state: web::Data<AppState>, who: Credentials, id: web::Path<Uuid>) -> Result<HttpResponse, AppError> {
    app::notifications::mark_read(&state, &who, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "notifications", responses(
    (status = 204, description = "All the caller's notifications are read"),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "an integrator's key"),
))]
#[post("/notifications/read-all")]
pub async fn read_all_notifications(state: web::Data<AppState>, who: Credentials) -> Result<HttpResponse, AppError> {
    app::notifications::mark_all_read(&state, &who).await?;
    Ok(HttpResponse::NoContent().finish())
}
