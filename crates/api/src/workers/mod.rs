//! Background work of a server process: the outbox dispatcher and the live updates' reader.
//! Several processes on one PostgreSQL share the work: each claims different outbox rows.
pub mod outbox;

use crate::AppState;
use actix_web::web;

/// Starts this process's background work.
pub fn start(state: &web::Data<AppState>) {
    let hub = state.live.clone();
    let db = state.db.clone();
    tokio::spawn(hub.run_reader(db));
    tokio::spawn(outbox::run(state.clone()));
}
