//! Finance: payments and their allocations to invoices, imported bank statements, shipments
//! against invoice lines, and the reminders the scheduler fired with its runs.

macro_rules! table {
    ($module:ident, $table:literal, { $($body:tt)* }) => {
        pub mod $module {
            use sea_orm::entity::prelude::*;
            #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
            #[sea_orm(table_name = $table)]
            pub struct Model { $($body)* }
            #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
            pub enum Relation {}
            impl ActiveModelBehavior for ActiveModel {}
        }
    };
}

table!(statement, "statements", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// SHA-256 of the file, hex.
    pub file_hash: String,
    pub file_key: String,
    pub file_name: String,
    pub account: Option<String>,
    pub period_from: Option<Date>,
    pub period_to: Option<Date>,
    pub documents: i32,
    pub imported: i32,
    pub skipped: i32,
    pub problems: i32,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
});

table!(payment, "payments", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// `incoming` | `outgoing`.
    pub direction: String,
    /// `bank` | `cash`.
    pub method: String,
    pub number: String,
    pub paid_on: Date,
    pub amount_minor: i64,
    pub client_id: Option<Uuid>,
    pub party_name: String,
    pub party_inn: Option<String>,
    pub party_kpp: Option<String>,
    pub party_account: Option<String>,
    pub party_bik: Option<String>,
    pub party_bank: Option<String>,
    pub own_account: Option<String>,
    pub purpose: String,
    pub statement_id: Option<Uuid>,
    pub statement_line: Option<i32>,
    /// A statement line's recognition key (`domain::finance::statement::DocumentKey::fingerprint`).
    pub fingerprint: Option<String>,
    /// An outgoing payment that returns a client's money.
    pub is_refund: bool,
    pub note: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub version: i32,
});

table!(payment_allocation, "payment_allocations", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub payment_id: Uuid,
    pub invoice_id: Uuid,
    pub amount_minor: i64,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
});

table!(shipment, "shipments", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub deal_id: Uuid,
    pub invoice_id: Uuid,
    pub number: String,
    pub shipped_on: Date,
    pub note: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
});

table!(shipment_line, "shipment_lines", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub shipment_id: Uuid,
    pub line_id: Uuid,
    pub quantity_milli: i64,
});

table!(reminder_occurrence, "reminder_occurrences", {
    /// `rule|subject|slot` (`domain::finance::reminders::Occurrence::key`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub rule: String,
    pub subject: String,
    pub slot: DateTimeUtc,
    pub organization_id: Uuid,
    pub deal_id: Option<Uuid>,
    pub task_id: Option<Uuid>,
    pub run_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
});

table!(scheduler_run, "scheduler_runs", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub rule: String,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub created: i32,
    pub error: Option<String>,
});

table!(deal_assessment, "deal_assessments", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub deal_id: Uuid,
    pub queued_at: DateTimeUtc,
});
