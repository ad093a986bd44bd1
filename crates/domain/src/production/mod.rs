//! Tile fulfilment through the franchise network (seed 000: «Бизнес процесс после продажи
//! плитки», «Блок распределения заявок по производствам (по России)», «Дебиторская и
//! кредиторская задолженность с производствами»). Pure rules, no IO.
//!
//! - [`order`]: a production order's life, from distribution to a production to closing, as one
//!   transition table with guards, who may act, and what each step tells the deal
//!   (diagram: `README.md` beside this file);
//! - [`ranking`]: which production should make an order — distance, free capacity before the
//!   due date, load, price and defects, every component shown — and how to split an order no
//!   single production can take;
//! - [`profile`]: what the head company keeps of each production — its tiles and prices, daily
//!   capacity, working week, payment terms, acceptance time and contacts — checked field by field;
//! - [`delivery`]: what a production's shipment ships of the deal's invoice, and the client's
//!   delivery notice;
//! - [`geo`]: where a delivery address is, from the Russian cities Tessera knows;
//! - [`ledger`]: settlements between the head company and each production: balances for a
//!   period, who owes whom.

pub mod delivery;
pub mod geo;
pub mod ledger;
pub mod order;
pub mod profile;
pub mod ranking;

mod order_mermaid;

pub use ledger::{
    Balance, Balances, KindSum, LedgerRow, Movement, Period, Position, ProductionBalance,
    SettlementKind, Side, SourceDocument, balance, balance_from_sums, balances, balances_from_sums,
    movements,
};
pub use order::{
    Actor, DealEffect, DefectKind, Defects, DirectCosts, Guard, NewOrder, OrderAction, OrderCommand, OrderFacts, OrderState,
    PaymentTerms, QualityChecklist, Rule, Shipment, Transition, allowed_actions, apply, assign, direct_costs,
    to_mermaid,
    transitions,
};
pub use profile::{OfferDraft, Profile, ProfileDraft, tile_key};
pub use ranking::{
    DefectHistory, ExcludedProduction, Exclusion, GeoPoint, OpenOrder, OrderToPlace, Placement,
    PlacementPart, ProductionProfile, RankedProduction, Ranking, Score, TileOffer, WorkingWeek,
    haversine_km, propose_placement, rank, without_declined,
};
