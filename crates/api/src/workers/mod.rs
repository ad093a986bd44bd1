//! Background work of a server process: the outbox dispatcher, the live updates' reader, the
//! stuck-card watch, the mail worker, the reminder scheduler and the deal-money queue.
//! Several processes on one PostgreSQL share the work: each claims different outbox rows.
pub mod mail;
pub mod money;
pub mod outbox;
pub mod reminders;
pub mod stuck;

use crate::AppState;
use actix_web::web;

/// Starts this process's background work.
pub fn start(state: &web::Data<AppState>) {
    let hub = state.live.clone();
    let db = state.db.clone();
    tokio::spawn(hub.run_reader(db));
    tokio::spawn(outbox::run(state.clone()));
    tokio::spawn(stuck::run(state.clone()));
    tokio::spawn(mail::run(state.clone()));
    tokio::spawn(reminders::run(state.clone()));
    tokio::spawn(money::run(state.clone()));
}
