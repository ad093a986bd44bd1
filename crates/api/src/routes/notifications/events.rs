//! `/events`: the live stream (server-sent events) of changes the caller can see.
use crate::live::LiveEvent;
use crate::routes::prelude::*;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct EventsQuery {
    /// Resume after this event (the `id:` of the last one received); the `Last-Event-ID` header
    /// does the same and wins.
    pub after: Option<i64>,
}

/// The stream of changes: one per browser tab.
///
/// `text/event-stream`. Each change is `event: change`, `id: <seq>`, `data:` a [`LiveEvent`] —
/// which card, request or task changed, never its content (read it through the API). It opens
/// with `event: ready` (`id:` where it starts). After a reconnect with `Last-Event-ID` (or
/// `?after=`) it first sends what was missed; when too much was (over 1,000 events), an
/// `event: reset` says to read everything again. `: ping` comments keep it open every 15 s; it
/// ends when the caller's session ends (the account was deactivated, changed role or password).
#[utoipa::path(tag = "notifications", params(EventsQuery, ("Last-Event-ID" = Option<i64>, Header, description = "resume after this event")), responses(
    (status = 200, body = LiveEvent, content_type = "text/event-stream", description = "A stream of `change` events (each `data:` a LiveEvent)"),
))]
#[get("/events")]
pub async fn events(state: web::Data<AppState>, who: Credentials, req: HttpRequest, q: Query<EventsQuery>) -> Result<HttpResponse, AppError> {
    let header = req.headers().get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<i64>().ok());
    let stream = app::notifications::stream(state.into_inner(), who, header.or(q.after)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("cache-control", "no-cache"))
        // Not compressed (the compressor would hold events back) nor buffered by a proxy.
        .insert_header(("content-encoding", "identity"))
        .insert_header(("x-accel-buffering", "no"))
        .streaming(stream))
}
