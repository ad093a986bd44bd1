//! Finance: money in and out against invoices (seed 001 §3.3, §5, §7).
//!
//! - `payments`: a bank payment order or a cash order, incoming or outgoing, with the other side's
//!   requisites as the bank gave them. One from a bank statement keeps its recognition key
//!   (`fingerprint`), unique in its organization, so a statement loaded twice adds nothing.
//! - `payment_allocations`: which invoice a payment pays and how much; what is not allocated is
//!   the counterparty's advance. The schedule parts of an invoice fill in their order.
//! - `statements`: each imported statement file, its hash and what it brought.
//! - `shipments` with `shipment_lines`: what was shipped against an invoice's lines (реализация).
//! - `reminder_occurrences`: one row per reminder that fired; its key (rule, subject, slot) is the
//!   primary key, so of several processes only the first inserts it and creates the task.
//! - `scheduler_runs`: each run of a reminder rule, for the admin's schedule screen.
//! - `deal_assessments`: deals whose money changed in a bulk import, waiting for a worker to
//!   record what their invoices now say (a small import does it in its own transaction).
//! - Invoices (rows of `documents`) get their cancellation; organizations their time zone (a fixed
//!   UTC offset: Russia has had no daylight saving since 2014) and the advance reminder interval.
//!
//! Money is integer kopecks (`*_minor`); quantities thousandths (`quantity_milli`).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations { Table, Id, UtcOffsetMinutes, AdvanceReminderDays }

#[derive(DeriveIden)]
enum Deals { Table, Id }

#[derive(DeriveIden)]
enum Clients { Table, Id }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[derive(DeriveIden)]
enum Documents { Table, Id, OrganizationId, Kind, Number, CancelReason, CancelledAt }

#[derive(DeriveIden)]
enum DocumentLines { Table, Id }

#[derive(DeriveIden)]
enum Statements {
    Table, Id, OrganizationId, FileHash, FileKey, FileName, Account, PeriodFrom, PeriodTo, Documents, Imported, Skipped,
    Problems, CreatedBy, CreatedAt,
}

#[derive(DeriveIden)]
enum Payments {
    Table, Id, OrganizationId, Direction, Method, Number, PaidOn, AmountMinor, ClientId, PartyName, PartyInn, PartyKpp,
    PartyAccount, PartyBik, PartyBank, OwnAccount, Purpose, StatementId, StatementLine, Fingerprint, IsRefund, Note,
    CreatedBy, CreatedAt, Version,
}

#[derive(DeriveIden)]
enum PaymentAllocations { Table, Id, PaymentId, InvoiceId, AmountMinor, CreatedBy, CreatedAt }

#[derive(DeriveIden)]
enum Shipments { Table, Id, OrganizationId, DealId, InvoiceId, Number, ShippedOn, Note, CreatedBy, CreatedAt }

#[derive(DeriveIden)]
enum ShipmentLines { Table, Id, ShipmentId, LineId, QuantityMilli }

#[derive(DeriveIden)]
enum ReminderOccurrences { Table, Key, Rule, Subject, Slot, OrganizationId, DealId, TaskId, RunId, CreatedAt }

#[derive(DeriveIden)]
enum DealAssessments { Table, DealId, QueuedAt }

#[derive(DeriveIden)]
enum SchedulerRuns { Table, Id, Rule, StartedAt, FinishedAt, Created, Error }

fn fk(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            ColumnDef::new(Organizations::UtcOffsetMinutes).integer().not_null().default(180).to_owned(),
            ColumnDef::new(Organizations::AdvanceReminderDays).integer().not_null().default(3).to_owned(),
        ] {
            m.alter_table(Table::alter().table(Organizations::Table).add_column(col).to_owned()).await?;
        }
        for col in [
            ColumnDef::new(Documents::CancelReason).string().null().to_owned(),
            ColumnDef::new(Documents::CancelledAt).timestamp_with_time_zone().null().to_owned(),
        ] {
            m.alter_table(Table::alter().table(Documents::Table).add_column(col).to_owned()).await?;
        }

        // A statement's payment names its invoice by number (its payer's INN is indexed already).
        m.create_index(
            Index::create().name("ix_documents_number_lookup").table(Documents::Table).col(Documents::OrganizationId).col(Documents::Kind).col(Documents::Number).to_owned(),
        )
        .await?;

        use Statements as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(pk_uuid(S::Id))
                .col(uuid(S::OrganizationId))
                .col(string(S::FileHash))
                .col(string(S::FileKey))
                .col(string(S::FileName))
                .col(string_null(S::Account))
                .col(date_null(S::PeriodFrom))
                .col(date_null(S::PeriodTo))
                .col(integer(S::Documents))
                .col(integer(S::Imported))
                .col(integer(S::Skipped))
                .col(integer(S::Problems))
                .col(uuid_null(S::CreatedBy))
                .col(timestamp_with_time_zone(S::CreatedAt))
                .foreign_key(&mut fk((S::Table, S::OrganizationId), (Organizations::Table, Organizations::Id)))
                .foreign_key(&mut fk((S::Table, S::CreatedBy), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_statements_hash").table(S::Table).col(S::OrganizationId).col(S::FileHash).unique().to_owned())
            .await?;

        use Payments as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(pk_uuid(P::Id))
                .col(uuid(P::OrganizationId))
                .col(string(P::Direction))
                .col(string(P::Method))
                .col(string(P::Number))
                .col(date(P::PaidOn))
                .col(big_integer(P::AmountMinor))
                .col(uuid_null(P::ClientId))
                .col(string(P::PartyName))
                .col(string_null(P::PartyInn))
                .col(string_null(P::PartyKpp))
                .col(string_null(P::PartyAccount))
                .col(string_null(P::PartyBik))
                .col(string_null(P::PartyBank))
                .col(string_null(P::OwnAccount))
                .col(text(P::Purpose))
                .col(uuid_null(P::StatementId))
                .col(integer_null(P::StatementLine))
                .col(string_null(P::Fingerprint))
                .col(boolean(P::IsRefund))
                .col(text_null(P::Note))
                .col(uuid_null(P::CreatedBy))
                .col(timestamp_with_time_zone(P::CreatedAt))
                .col(integer(P::Version))
                .foreign_key(&mut fk((P::Table, P::OrganizationId), (Organizations::Table, Organizations::Id)))
                .foreign_key(&mut fk((P::Table, P::ClientId), (Clients::Table, Clients::Id)))
                .foreign_key(&mut fk((P::Table, P::StatementId), (S::Table, S::Id)))
                .foreign_key(&mut fk((P::Table, P::CreatedBy), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        // A statement line is recognised by its key: loading it again finds it here.
        m.create_index(Index::create().name("ux_payments_fingerprint").table(P::Table).col(P::OrganizationId).col(P::Fingerprint).unique().to_owned())
            .await?;
        m.create_index(Index::create().name("ix_payments_date").table(P::Table).col(P::OrganizationId).col(P::PaidOn).to_owned()).await?;
        m.create_index(Index::create().name("ix_payments_client").table(P::Table).col(P::ClientId).col(P::PaidOn).to_owned()).await?;
        m.create_index(Index::create().name("ix_payments_inn").table(P::Table).col(P::PartyInn).to_owned()).await?;

        use PaymentAllocations as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(pk_uuid(A::Id))
                .col(uuid(A::PaymentId))
                .col(uuid(A::InvoiceId))
                .col(big_integer(A::AmountMinor))
                .col(uuid_null(A::CreatedBy))
                .col(timestamp_with_time_zone(A::CreatedAt))
                .foreign_key(&mut fk((A::Table, A::PaymentId), (P::Table, P::Id)))
                .foreign_key(&mut fk((A::Table, A::InvoiceId), (Documents::Table, Documents::Id)))
                .foreign_key(&mut fk((A::Table, A::CreatedBy), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_allocations_payment").table(A::Table).col(A::PaymentId).to_owned()).await?;
        m.create_index(Index::create().name("ix_allocations_invoice").table(A::Table).col(A::InvoiceId).to_owned()).await?;

        use Shipments as H;
        m.create_table(
            Table::create()
                .table(H::Table)
                .col(pk_uuid(H::Id))
                .col(uuid(H::OrganizationId))
                .col(uuid(H::DealId))
                .col(uuid(H::InvoiceId))
                .col(string(H::Number))
                .col(date(H::ShippedOn))
                .col(text_null(H::Note))
                .col(uuid_null(H::CreatedBy))
                .col(timestamp_with_time_zone(H::CreatedAt))
                .foreign_key(&mut fk((H::Table, H::OrganizationId), (Organizations::Table, Organizations::Id)))
                .foreign_key(&mut fk((H::Table, H::DealId), (Deals::Table, Deals::Id)))
                .foreign_key(&mut fk((H::Table, H::InvoiceId), (Documents::Table, Documents::Id)))
                .foreign_key(&mut fk((H::Table, H::CreatedBy), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_shipments_invoice").table(H::Table).col(H::InvoiceId).to_owned()).await?;
        m.create_index(Index::create().name("ix_shipments_deal").table(H::Table).col(H::DealId).col(H::ShippedOn).to_owned()).await?;

        use ShipmentLines as L;
        m.create_table(
            Table::create()
                .table(L::Table)
                .col(pk_uuid(L::Id))
                .col(uuid(L::ShipmentId))
                .col(uuid(L::LineId))
                .col(big_integer(L::QuantityMilli))
                .foreign_key(&mut fk((L::Table, L::ShipmentId), (H::Table, H::Id)).on_delete(ForeignKeyAction::Cascade).to_owned())
                .foreign_key(&mut fk((L::Table, L::LineId), (DocumentLines::Table, DocumentLines::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_shipment_lines").table(L::Table).col(L::ShipmentId).to_owned()).await?;
        m.create_index(Index::create().name("ix_shipment_lines_line").table(L::Table).col(L::LineId).to_owned()).await?;

        use SchedulerRuns as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(pk_uuid(R::Id))
                .col(string(R::Rule))
                .col(timestamp_with_time_zone(R::StartedAt))
                .col(timestamp_with_time_zone_null(R::FinishedAt))
                .col(integer(R::Created))
                .col(text_null(R::Error))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_scheduler_runs").table(R::Table).col(R::Rule).col(R::StartedAt).to_owned()).await?;

        m.create_table(
            Table::create()
                .table(DealAssessments::Table)
                .col(uuid(DealAssessments::DealId).primary_key())
                .col(timestamp_with_time_zone(DealAssessments::QueuedAt))
                .to_owned(),
        )
        .await?;

        use ReminderOccurrences as O;
        m.create_table(
            Table::create()
                .table(O::Table)
                .col(string(O::Key).primary_key())
                .col(string(O::Rule))
                .col(string(O::Subject))
                .col(timestamp_with_time_zone(O::Slot))
                .col(uuid(O::OrganizationId))
                .col(uuid_null(O::DealId))
                .col(uuid_null(O::TaskId))
                .col(uuid_null(O::RunId))
                .col(timestamp_with_time_zone(O::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_reminders_run").table(O::Table).col(O::RunId).to_owned()).await?;
        m.create_index(Index::create().name("ix_reminders_deal").table(O::Table).col(O::DealId).col(O::Slot).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ReminderOccurrences::Table.into_iden(),
            DealAssessments::Table.into_iden(),
            SchedulerRuns::Table.into_iden(),
            ShipmentLines::Table.into_iden(),
            Shipments::Table.into_iden(),
            PaymentAllocations::Table.into_iden(),
            Payments::Table.into_iden(),
            Statements::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.drop_index(Index::drop().name("ix_documents_number_lookup").table(Documents::Table).to_owned()).await?;
        for (t, c) in [
            (Documents::Table.into_iden(), Documents::CancelledAt.into_iden()),
            (Documents::Table.into_iden(), Documents::CancelReason.into_iden()),
            (Organizations::Table.into_iden(), Organizations::AdvanceReminderDays.into_iden()),
            (Organizations::Table.into_iden(), Organizations::UtcOffsetMinutes.into_iden()),
        ] {
            m.alter_table(Table::alter().table(t).drop_column(c).to_owned()).await?;
        }
        Ok(())
    }
}
