//! The reminder scheduler's loop: every minute (every second under the tests' clock) it runs each
//! rule of [`crate::app::finance::reminders`]. Any number of processes may run it: each
//! occurrence is claimed once, by its key.
use crate::AppState;
use actix_web::web;
use std::time::Duration;

pub async fn run(ctx: web::Data<AppState>) {
    let every = if ctx.config.test_clock_file.is_some() { Duration::from_secs(1) } else { Duration::from_secs(crate::app::finance::reminders::EVERY_SECONDS) };
    loop {
        tokio::time::sleep(every).await;
        match crate::app::finance::reminders::tick(&ctx).await {
            Ok(created) if created > 0 => ctx.live.dispatch.notify_one(),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "reminder scheduler"),
        }
    }
}
