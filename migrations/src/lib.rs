//! Tessera's schema, as an ordered list of migrations. Runs unchanged on SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod m20261123_000001_skeleton;
mod m20261125_000001_sales;
mod m20261129_000001_sessions;
mod m20261129_000002_board_indexes;
mod m20261129_000003_card_counts;
mod m20261130_000001_live;
mod m20261130_000002_search;
mod m20261130_000003_documents;
mod m20261201_000001_finance;
mod m20261202_000001_production;
mod m20261203_000001_production_orders;
mod m20261204_000001_production_settlements;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_skeleton::Migration),
            Box::new(m20261125_000001_sales::Migration),
            Box::new(m20261129_000001_sessions::Migration),
            Box::new(m20261129_000002_board_indexes::Migration),
            Box::new(m20261129_000003_card_counts::Migration),
            Box::new(m20261130_000001_live::Migration),
            Box::new(m20261130_000002_search::Migration),
            Box::new(m20261130_000003_documents::Migration),
            Box::new(m20261201_000001_finance::Migration),
            Box::new(m20261202_000001_production::Migration),
            Box::new(m20261203_000001_production_orders::Migration),
            Box::new(m20261204_000001_production_settlements::Migration),
        ]
    }
}
