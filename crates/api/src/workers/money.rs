//! Deals whose money a bulk statement import changed: recorded on each deal (it may move) a moment
//! after the import, by every process that runs this loop (each claims different deals).
use crate::AppState;
use actix_web::web;
use std::time::Duration;

pub async fn run(ctx: web::Data<AppState>) {
    loop {
        let _ = tokio::time::timeout(Duration::from_millis(500), ctx.live.dispatch.notified()).await;
        match crate::app::finance::progress::drain(&ctx).await {
            Ok(n) if n > 0 => ctx.live.dispatch.notify_one(),
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "deal money");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}
