//! End-to-end tests: each test starts the real `tessera` binary on its own fresh database
//! (an SQLite file, or a new PostgreSQL database when TESSERA_TEST_DB=postgres) and talks HTTP.
mod support;
mod auth;
mod clients;
mod access;
mod service;
mod banks;
mod api_keys;
mod users;
mod client_card;
mod pipelines;
mod leads;
mod deals;
mod work;
mod sales_access;
mod hardening;
mod notifications;
mod search;
mod smtp;
mod documents;
mod finance;
mod production;
mod production_orders;
mod fulfilment;
