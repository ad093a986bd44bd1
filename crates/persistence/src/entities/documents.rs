//! Documents: the catalogue with price lists and exchange rates, organizations' requisites, the
//! documents of a deal with their lines and payment schedule, the e-mails that send them and the
//! organizations' message templates.

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

table!(organization_requisites, "organization_requisites", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: Uuid,
    pub full_name: String,
    pub short_name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub ogrn: Option<String>,
    pub legal_address: Option<String>,
    pub postal_address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub bank_account: Option<String>,
    pub bik: Option<String>,
    pub corr_account: Option<String>,
    pub bank_name: Option<String>,
    pub bank_city: Option<String>,
    pub director_position: Option<String>,
    pub director_name: Option<String>,
    pub director_acting: Option<String>,
    pub accountant_name: Option<String>,
    pub logo_key: Option<String>,
    pub stamp_key: Option<String>,
    pub signature_key: Option<String>,
    pub updated_at: DateTimeUtc,
    pub version: i32,
});

table!(catalogue_item, "catalogue_items", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub kind: String,
    pub name: String,
    pub article: Option<String>,
    pub unit: String,
    pub vat_kind: String,
    pub tile_type: Option<String>,
    pub colour: Option<String>,
    pub thickness_mm: Option<String>,
    pub size: Option<String>,
    pub description: Option<String>,
    pub is_active: bool,
    pub search_text: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
});

table!(price_list, "price_lists", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub currency: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
});

table!(price_list_item, "price_list_items", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub price_list_id: Uuid,
    pub item_id: Uuid,
    pub price_minor: i64,
});

table!(exchange_rate, "exchange_rates", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub currency: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub on_date: Date,
    pub rate: String,
    pub source: String,
    pub created_at: DateTimeUtc,
});

table!(document, "documents", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub deal_id: Option<Uuid>,
    pub lead_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    pub counterparty_id: Option<Uuid>,
    pub kind: String,
    pub seq: i64,
    pub year: i32,
    pub number: String,
    pub doc_date: Date,
    pub status: String,
    pub version_no: i32,
    pub source_id: Option<Uuid>,
    pub contract_kind: Option<String>,
    pub valid_until: Option<Date>,
    pub terms: Option<String>,
    /// JSON: what a kind adds (a contract's buyer signatory and account, a notice's address…).
    pub details: Option<String>,
    pub currency: String,
    pub total_minor: i64,
    pub vat_total_minor: i64,
    pub schedule: Option<String>,
    pub requisites_checked: bool,
    pub scan_file_id: Option<Uuid>,
    pub status_note: Option<String>,
    pub snapshot: Option<String>,
    pub pdf_key: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    /// An invoice's cancellation: `reissued` or a loss-reason code.
    pub cancel_reason: Option<String>,
    pub cancelled_at: Option<DateTimeUtc>,
});

table!(document_line, "document_lines", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    pub position: i32,
    pub item_id: Option<Uuid>,
    pub name: String,
    pub article: Option<String>,
    pub quantity_milli: i64,
    pub unit: String,
    pub price_minor: i64,
    pub discount_bp: i32,
    pub vat_rate: String,
    pub amount_minor: i64,
    pub vat_minor: i64,
});

table!(schedule_part, "schedule_parts", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    pub position: i32,
    pub percent: String,
    pub amount_minor: i64,
    pub due_date: Date,
});

table!(email, "emails", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub deal_id: Option<Uuid>,
    pub lead_id: Option<Uuid>,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub document_ids: String,
    pub with_stamp: bool,
    pub message_id: String,
    pub status: String,
    pub attempts: i32,
    pub available_at: DateTimeUtc,
    pub lease_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
});

table!(mail_template, "mail_templates", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub document_kind: String,
    pub subject: String,
    pub body: String,
    pub updated_at: DateTimeUtc,
});
