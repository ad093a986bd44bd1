//! Production orders (issue 12): a deal's tiles given to one franchise production to make and
//! ship, and every step of each order.
//!
//! - `production_orders`: `organization_id` is the production the order was given to (its scope);
//!   `state` the stage (`domain::production::OrderState`), `terms` the payment terms; the tile
//!   (type, thickness), quantity and the production's price; the facts the steps recorded (paid,
//!   deduction, defects, shipment, closing documents, reason); versioned.
//! - `production_order_events`: one row per step — the action, the stage left (none when the
//!   order was created) and entered, who (user, role) and when, and the command's data as JSON.
//!
//! Money is integer kopecks (`*_minor`); quantities and lengths thousandths (`*_milli`: m², mm).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations { Table, Id }

#[derive(DeriveIden)]
enum Deals { Table, Id }

#[derive(DeriveIden)]
enum ProductionOrders {
    Table, Id, OrganizationId, DealId, State, Terms, TileType, ThicknessMilli, QuantityMilli, PriceMinor, DueDate, DeliveryAddress,
    DeliveryContact, AcceptBy, PaidMinor, DeductionMinor, DefectsDescription, DefectsQuantityMilli, DefectsAt, Carrier, Waybill,
    ShippingCostMinor, ShippedAt, ClosingDocumentsFileId, Reason, CreatedBy, CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum ProductionOrderEvents { Table, Id, OrderId, Action, FromState, ToState, ActorId, ActorRole, At, Data }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ProductionOrders as O;
        m.create_table(
            Table::create()
                .table(O::Table)
                .col(pk_uuid(O::Id))
                .col(uuid(O::OrganizationId))
                .col(uuid(O::DealId))
                .col(string(O::State))
                .col(string(O::Terms))
                .col(string(O::TileType))
                .col(big_integer(O::ThicknessMilli))
                .col(big_integer(O::QuantityMilli))
                .col(big_integer(O::PriceMinor))
                .col(date(O::DueDate))
                .col(text(O::DeliveryAddress))
                .col(text_null(O::DeliveryContact))
                .col(timestamp_with_time_zone(O::AcceptBy))
                .col(big_integer(O::PaidMinor))
                .col(big_integer(O::DeductionMinor))
                .col(text_null(O::DefectsDescription))
                .col(big_integer_null(O::DefectsQuantityMilli))
                .col(timestamp_with_time_zone_null(O::DefectsAt))
                .col(text_null(O::Carrier))
                .col(text_null(O::Waybill))
                .col(big_integer_null(O::ShippingCostMinor))
                .col(timestamp_with_time_zone_null(O::ShippedAt))
                .col(uuid_null(O::ClosingDocumentsFileId))
                .col(text_null(O::Reason))
                .col(uuid_null(O::CreatedBy))
                .col(timestamp_with_time_zone(O::CreatedAt))
                .col(timestamp_with_time_zone(O::UpdatedAt))
                .col(integer(O::Version))
                .foreign_key(ForeignKey::create().from(O::Table, O::OrganizationId).to(Organizations::Table, Organizations::Id))
                .foreign_key(ForeignKey::create().from(O::Table, O::DealId).to(Deals::Table, Deals::Id))
                .to_owned(),
        )
        .await?;
        // The portal's list: a production's orders by stage.
        m.create_index(Index::create().name("ix_production_orders_org_state").table(O::Table).col(O::OrganizationId).col(O::State).to_owned()).await?;
        m.create_index(Index::create().name("ix_production_orders_deal").table(O::Table).col(O::DealId).to_owned()).await?;

        use ProductionOrderEvents as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(pk_uuid(E::Id))
                .col(uuid(E::OrderId))
                .col(string(E::Action))
                .col(string_null(E::FromState))
                .col(string(E::ToState))
                .col(uuid_null(E::ActorId))
                .col(string(E::ActorRole))
                .col(timestamp_with_time_zone(E::At))
                .col(text_null(E::Data))
                .foreign_key(ForeignKey::create().from(E::Table, E::OrderId).to(O::Table, O::Id).on_delete(ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_production_order_events_order").table(E::Table).col(E::OrderId).col(E::At).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ProductionOrderEvents::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ProductionOrders::Table).to_owned()).await?;
        Ok(())
    }
}
