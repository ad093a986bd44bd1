//! Settlements with each production, and what the shipping step now records (issue 12).
//!
//! - `production_settlements`: the ledger between the head company and its productions, one row
//!   per source document and kind (unique `kind, source_type, source_id`): an order the head
//!   company owes for, a payment either way, a deduction for defects, a purchase either way.
//!   `organization_id` is the production (its scope); `document` is how a reconciliation
//!   statement names the source («Заказ № 12-1»).
//! - `production_orders.number`: the deal's number and the order's place among the deal's orders
//!   («12-1», «12-2» after a decline or a split); `eta` the carrier's expected delivery date;
//!   `defects_kind` what kind of defect the quality check found.
//!
//! Money is integer kopecks (`*_minor`).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations { Table, Id }

#[derive(DeriveIden)]
enum ProductionOrders { Table, Id, Number, Eta, DefectsKind }

#[derive(DeriveIden)]
enum ProductionSettlements { Table, Id, OrganizationId, OnDate, Kind, AmountMinor, SourceType, SourceId, OrderId, Document, Note, CreatedBy, CreatedAt }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ProductionSettlements as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(pk_uuid(S::Id))
                .col(uuid(S::OrganizationId))
                .col(date(S::OnDate))
                .col(string(S::Kind))
                .col(big_integer(S::AmountMinor))
                .col(string(S::SourceType))
                .col(uuid(S::SourceId))
                .col(uuid_null(S::OrderId))
                .col(text(S::Document))
                .col(text_null(S::Note))
                .col(uuid_null(S::CreatedBy))
                .col(timestamp_with_time_zone(S::CreatedAt))
                .foreign_key(ForeignKey::create().from(S::Table, S::OrganizationId).to(Organizations::Table, Organizations::Id))
                .foreign_key(ForeignKey::create().from(S::Table, S::OrderId).to(ProductionOrders::Table, ProductionOrders::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create().name("ux_production_settlements_source").table(S::Table).col(S::Kind).col(S::SourceType).col(S::SourceId).unique().to_owned(),
        )
        .await?;
        // A production's rows by date: its statement and the reconciliation statement.
        m.create_index(Index::create().name("ix_production_settlements_org_date").table(S::Table).col(S::OrganizationId).col(S::OnDate).to_owned()).await?;
        // The balances: sums per production and kind walk this index in order, never the table.
        m.create_index(
            Index::create()
                .name("ix_production_settlements_sums")
                .table(S::Table)
                .col(S::OrganizationId)
                .col(S::Kind)
                .col(S::OnDate)
                .col(S::AmountMinor)
                .to_owned(),
        )
        .await?;
        m.alter_table(Table::alter().table(ProductionOrders::Table).add_column(string_null(ProductionOrders::Number)).to_owned()).await?;
        m.alter_table(Table::alter().table(ProductionOrders::Table).add_column(date_null(ProductionOrders::Eta)).to_owned()).await?;
        m.alter_table(Table::alter().table(ProductionOrders::Table).add_column(string_null(ProductionOrders::DefectsKind)).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(ProductionOrders::Table).drop_column(ProductionOrders::DefectsKind).to_owned()).await?;
        m.alter_table(Table::alter().table(ProductionOrders::Table).drop_column(ProductionOrders::Eta).to_owned()).await?;
        m.alter_table(Table::alter().table(ProductionOrders::Table).drop_column(ProductionOrders::Number).to_owned()).await?;
        m.drop_table(Table::drop().table(ProductionSettlements::Table).to_owned()).await?;
        Ok(())
    }
}
