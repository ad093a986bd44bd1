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
