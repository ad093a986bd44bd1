//! Productions (issue 12): the profile the head company keeps of each franchise production.
//!
//! - `production_profiles`: one row per production organization — daily capacity, working week
//!   (ISO weekdays as text, `1,2,3,4,5`), payment terms (`prepayment` | `fifty_fifty` |
//!   `after_shipment`), the hours it has to accept or decline an order, contacts; versioned.
//! - `production_offers`: the tiles it makes, one row per tile type and thickness, at its price
//!   per m² to the head company. `tile_key` is the tile type as offers are told apart (trimmed,
//!   single spaces, lower case), so the uniqueness is a plain index on both databases.
//!
//! Where a production is (city, region, address, coordinates) is its organization's. Money is
//! integer kopecks (`*_minor`); quantities and lengths thousandths (`*_milli`: m², mm).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations { Table, Id }

#[derive(DeriveIden)]
enum ProductionProfiles {
    Table, OrganizationId, DailyCapacityMilli, WorkingDays, PaymentTerms, AcceptanceHours, ContactName, ContactPhone, ContactEmail,
    UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum ProductionOffers { Table, Id, OrganizationId, Position, TileType, TileKey, ThicknessMilli, PricePerM2Minor }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ProductionProfiles as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(uuid(P::OrganizationId).primary_key())
                .col(big_integer(P::DailyCapacityMilli))
                .col(string(P::WorkingDays))
                .col(string(P::PaymentTerms))
                .col(integer(P::AcceptanceHours).default(24))
                .col(string_null(P::ContactName))
                .col(string_null(P::ContactPhone))
                .col(string_null(P::ContactEmail))
                .col(timestamp_with_time_zone(P::UpdatedAt))
                .col(integer(P::Version))
                .foreign_key(ForeignKey::create().from(P::Table, P::OrganizationId).to(Organizations::Table, Organizations::Id))
                .to_owned(),
        )
        .await?;

        use ProductionOffers as O;
        m.create_table(
            Table::create()
                .table(O::Table)
                .col(pk_uuid(O::Id))
                .col(uuid(O::OrganizationId))
                .col(integer(O::Position))
                .col(string(O::TileType))
                .col(string(O::TileKey))
                .col(big_integer(O::ThicknessMilli))
                .col(big_integer(O::PricePerM2Minor))
                .foreign_key(ForeignKey::create().from(O::Table, O::OrganizationId).to(P::Table, P::OrganizationId).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ux_production_offers_tile").table(O::Table).col(O::OrganizationId).col(O::TileKey).col(O::ThicknessMilli).unique().to_owned(),
        )
        .await?;
        // What the ranking asks: who makes this tile in this thickness.
        m.create_index(Index::create().name("ix_production_offers_tile").table(O::Table).col(O::TileKey).col(O::ThicknessMilli).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ProductionOffers::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ProductionProfiles::Table).to_owned()).await?;
        Ok(())
    }
}
