//! Live updates and notifications. The outbox dispatcher gives every delivered event its place in
//! one published order (`outbox.seq`), which the web app's live streams follow and resume from;
//! `notifications` are what the dispatcher derived for people, one per person and event.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox { Table, Seq }

#[derive(DeriveIden)]
enum Notifications { Table, Id, UserId, OrganizationId, EventId, Kind, Title, Link, CreatedAt, ReadAt }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Outbox::Table).add_column(big_integer_null(Outbox::Seq)).to_owned()).await?;
        m.create_index(Index::create().name("ux_outbox_seq").table(Outbox::Table).col(Outbox::Seq).unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table(Notifications::Table)
                .col(pk_uuid(Notifications::Id))
                .col(uuid(Notifications::UserId))
                .col(uuid(Notifications::OrganizationId))
                .col(uuid(Notifications::EventId))
                .col(string(Notifications::Kind))
                .col(text(Notifications::Title))
                .col(string(Notifications::Link))
                .col(timestamp_with_time_zone(Notifications::CreatedAt))
                .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                .foreign_key(ForeignKey::create().from(Notifications::Table, Notifications::UserId).to(Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        // At least once in, once shown: a redelivered event adds nothing.
        m.create_index(
            Index::create().name("ux_notifications_event").table(Notifications::Table).col(Notifications::UserId).col(Notifications::EventId).unique().to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_notifications_user")
                .table(Notifications::Table)
                .col(Notifications::UserId)
                .col(Notifications::CreatedAt)
                .col(Notifications::Id)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Notifications::Table).to_owned()).await?;
        m.drop_index(Index::drop().name("ux_outbox_seq").table(Outbox::Table).to_owned()).await?;
        m.alter_table(Table::alter().table(Outbox::Table).drop_column(Outbox::Seq).to_owned()).await
    }
}
