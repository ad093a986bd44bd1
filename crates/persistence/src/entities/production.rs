//! Productions: each production's profile and the tiles it offers (where it is lives on its
//! organization).

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

table!(production_profile, "production_profiles", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: Uuid,
    /// m² a working day, in thousandths.
    pub daily_capacity_milli: i64,
    /// ISO weekdays, ascending: `1,2,3,4,5`.
    pub working_days: String,
    /// `prepayment` | `fifty_fifty` | `after_shipment`.
    pub payment_terms: String,
    /// Hours the production has to accept or decline an order.
    pub acceptance_hours: i32,
    pub contact_name: Option<String>,
    /// E.164.
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub updated_at: DateTimeUtc,
    pub version: i32,
});

table!(production_offer, "production_offers", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    /// The order the head company listed them in.
    pub position: i32,
    pub tile_type: String,
    /// The tile type as offers are told apart (`domain::production::tile_key`).
    pub tile_key: String,
    /// mm, in thousandths.
    pub thickness_milli: i64,
    pub price_per_m2_minor: i64,
});

table!(production_order, "production_orders", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The production the order is given to (its scope).
    pub organization_id: Uuid,
    pub deal_id: Uuid,
    /// `domain::production::OrderState`.
    pub state: String,
    /// `prepayment` | `fifty_fifty` | `after_shipment`.
    pub terms: String,
    pub tile_type: String,
    /// mm, in thousandths.
    pub thickness_milli: i64,
    /// m², in thousandths.
    pub quantity_milli: i64,
    /// The production's price per m², kopecks.
    pub price_minor: i64,
    pub due_date: Date,
    pub delivery_address: String,
    pub delivery_contact: Option<String>,
    pub accept_by: DateTimeUtc,
    pub paid_minor: i64,
    pub deduction_minor: i64,
    pub defects_description: Option<String>,
    pub defects_quantity_milli: Option<i64>,
    pub defects_at: Option<DateTimeUtc>,
    pub carrier: Option<String>,
    pub waybill: Option<String>,
    pub shipping_cost_minor: Option<i64>,
    pub shipped_at: Option<DateTimeUtc>,
    pub closing_documents_file_id: Option<Uuid>,
    pub reason: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    /// «12-1»: the deal's number and the order's place among the deal's orders.
    pub number: Option<String>,
    /// When the carrier expects to deliver.
    pub eta: Option<Date>,
    /// `domain::production::DefectKind` of the latest defects.
    pub defects_kind: Option<String>,
});

table!(production_order_event, "production_order_events", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub order_id: Uuid,
    /// `domain::production::OrderAction`.
    pub action: String,
    /// None when the step created the order.
    pub from_state: Option<String>,
    pub to_state: String,
    pub actor_id: Option<Uuid>,
    /// The role the step was taken as (`domain::production::Actor`).
    pub actor_role: String,
    pub at: DateTimeUtc,
    /// The command's data, JSON.
    pub data: Option<String>,
});

table!(production_settlement, "production_settlements", {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The production (its scope).
    pub organization_id: Uuid,
    pub on_date: Date,
    /// `domain::production::SettlementKind`.
    pub kind: String,
    /// Kopecks, more than zero; the kind says the side.
    pub amount_minor: i64,
    /// `production_order` | `order_step` | `entry`.
    pub source_type: String,
    pub source_id: Uuid,
    pub order_id: Option<Uuid>,
    /// The source as a reconciliation statement names it: «Заказ № 12-1».
    pub document: String,
    pub note: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
});
