//! The sales funnel: pipeline definitions, leads, deals, their stage history, requests to other
//! departments, tasks, one timeline per card, files, the outbox and human-readable numbers.
//!
//! Money is stored as integer kopecks (`*_minor`): SQLite has no exact decimal type (sea-orm reads
//! `Decimal` there through `f64`), and integer sums are exact on both databases.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations { Table, Id }

#[derive(DeriveIden)]
enum Clients { Table, Id }

#[derive(DeriveIden)]
enum Pipelines { Table, Id, Code, Kind, NameRu, NameEn, Definition, IsBuiltin, IsActive, Position, CreatedAt, UpdatedAt, Version }

#[derive(DeriveIden)]
enum Leads {
    Table, Id, OrganizationId, Number, PipelineId, Stage, StageEnteredAt, Status, Title, SearchText, ResponsibleId, ClientId,
    ContactName, CompanyName, Phone, Email, Message, Channel, Keywords, UtmSource, UtmMedium, UtmCampaign, UtmTerm,
    UtmContent, CallTrackingNumber, PriceRange, OfferDetails, AgreedIndividualOffer, AgreedDesign, ExpectedRevenueMinor,
    Checklist, Facts, LossReason, LossObjections, AddToMailing, DealId, ClosedAt, CreatedBy, CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum Deals {
    Table, Id, OrganizationId, Number, PipelineId, Stage, StageEnteredAt, Status, Title, SearchText, Kind, ClientId, CounterpartyId,
    ResponsibleId, ExpectedRevenueMinor, Currency, DeliveryAddress, OfferDetails, PromisedPaymentDate, ReviewScore,
    LeadId, Channel, Keywords, UtmSource, UtmMedium, UtmCampaign, UtmTerm, UtmContent, CallTrackingNumber,
    Checklist, Facts, LossReason, LossObjections, AddToMailing, ClosedAt, CreatedBy, CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum StageEvents { Table, Id, OrganizationId, SubjectType, SubjectId, PipelineId, FromStage, ToStage, SecondsInFrom, ByFact, ActorUserId, ActorName, At }

#[derive(DeriveIden)]
enum DepartmentRequests {
    Table, Id, OrganizationId, Number, DealId, Kind, Status, Details, DeliveryAddress, AssigneeId, CostMinor, Carrier,
    EtaDate, AnswerComment, OpenedBy, TakenAt, CompletedBy, CompletedAt, CancelledAt, CancelReason, CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum Tasks {
    Table, Id, OrganizationId, SubjectType, SubjectId, Code, Kind, Title, Description, DueAt, AssigneeId, AssigneeRole,
    Status, Result, CompletedAt, CompletedBy, CreatedBy, CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum TimelineEntries { Table, Id, OrganizationId, SubjectType, SubjectId, Kind, Text, Data, ActorUserId, ActorName, At }

#[derive(DeriveIden)]
enum Files { Table, Id, OrganizationId, SubjectType, SubjectId, RequestId, Name, ContentType, Size, StorageKey, Sha256, UploadedBy, CreatedAt }

#[derive(DeriveIden)]
enum Outbox { Table, Id, OrganizationId, Topic, SubjectType, SubjectId, Payload, CreatedAt, AvailableAt, Attempts, DeliveredAt, LastError }

#[derive(DeriveIden)]
enum NumberSequences { Table, Name, Value }

fn fk(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).to_owned()
}

fn index(table: impl IntoIden, name: &str, cols: Vec<DynIden>) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table.into_iden());
    for c in cols {
        i.col(c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Pipelines::Table)
                .col(pk_uuid(Pipelines::Id))
                .col(string_uniq(Pipelines::Code))
                .col(string(Pipelines::Kind))
                .col(string(Pipelines::NameRu))
                .col(string(Pipelines::NameEn))
                .col(text(Pipelines::Definition))
                .col(boolean(Pipelines::IsBuiltin))
                .col(boolean(Pipelines::IsActive))
                .col(integer(Pipelines::Position))
                .col(timestamp_with_time_zone(Pipelines::CreatedAt))
                .col(timestamp_with_time_zone(Pipelines::UpdatedAt))
                .col(integer(Pipelines::Version))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Leads::Table)
                .col(pk_uuid(Leads::Id))
                .col(uuid(Leads::OrganizationId))
                .col(big_integer_uniq(Leads::Number))
                .col(uuid(Leads::PipelineId))
                .col(string(Leads::Stage))
                .col(timestamp_with_time_zone(Leads::StageEnteredAt))
                .col(string(Leads::Status))
                .col(string(Leads::Title))
                .col(text(Leads::SearchText))
                .col(uuid_null(Leads::ResponsibleId))
                .col(uuid_null(Leads::ClientId))
                .col(string_null(Leads::ContactName))
                .col(string_null(Leads::CompanyName))
                .col(string_null(Leads::Phone))
                .col(string_null(Leads::Email))
                .col(text_null(Leads::Message))
                .col(string(Leads::Channel))
                .col(text_null(Leads::Keywords))
                .col(string_null(Leads::UtmSource))
                .col(string_null(Leads::UtmMedium))
                .col(string_null(Leads::UtmCampaign))
                .col(string_null(Leads::UtmTerm))
                .col(string_null(Leads::UtmContent))
                .col(string_null(Leads::CallTrackingNumber))
                .col(string_null(Leads::PriceRange))
                .col(text_null(Leads::OfferDetails))
                .col(boolean(Leads::AgreedIndividualOffer))
                .col(boolean(Leads::AgreedDesign))
                .col(big_integer_null(Leads::ExpectedRevenueMinor))
                .col(text(Leads::Checklist))
                .col(text(Leads::Facts))
                .col(string_null(Leads::LossReason))
                .col(text_null(Leads::LossObjections))
                .col(boolean(Leads::AddToMailing))
                .col(uuid_null(Leads::DealId))
                .col(timestamp_with_time_zone_null(Leads::ClosedAt))
                .col(uuid_null(Leads::CreatedBy))
                .col(timestamp_with_time_zone(Leads::CreatedAt))
                .col(timestamp_with_time_zone(Leads::UpdatedAt))
                .col(integer(Leads::Version))
                .foreign_key(&mut fk((Leads::Table, Leads::OrganizationId), (Organizations::Table, Organizations::Id)))
                .foreign_key(&mut fk((Leads::Table, Leads::PipelineId), (Pipelines::Table, Pipelines::Id)))
                .foreign_key(&mut fk((Leads::Table, Leads::ClientId), (Clients::Table, Clients::Id)))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            // The board: one pipeline's cards by stage, oldest in the stage first; and the same per manager.
            ("ix_leads_board", vec![Leads::PipelineId.into_iden(), Leads::Stage.into_iden(), Leads::StageEnteredAt.into_iden()]),
            ("ix_leads_board_responsible", vec![Leads::PipelineId.into_iden(), Leads::ResponsibleId.into_iden(), Leads::Stage.into_iden(), Leads::StageEnteredAt.into_iden()]),
            ("ix_leads_org_created", vec![Leads::OrganizationId.into_iden(), Leads::CreatedAt.into_iden()]),
            ("ix_leads_created", vec![Leads::CreatedAt.into_iden(), Leads::Id.into_iden()]),
            ("ix_leads_phone", vec![Leads::Phone.into_iden()]),
            ("ix_leads_email", vec![Leads::Email.into_iden()]),
        ] {
            m.create_index(index(Leads::Table, name, cols)).await?;
        }

        m.create_table(
            Table::create()
                .table(Deals::Table)
                .col(pk_uuid(Deals::Id))
                .col(uuid(Deals::OrganizationId))
                .col(big_integer_uniq(Deals::Number))
                .col(uuid(Deals::PipelineId))
                .col(string(Deals::Stage))
                .col(timestamp_with_time_zone(Deals::StageEnteredAt))
                .col(string(Deals::Status))
                .col(string(Deals::Title))
                .col(text(Deals::SearchText))
                .col(string(Deals::Kind))
                .col(uuid(Deals::ClientId))
                .col(uuid_null(Deals::CounterpartyId))
                .col(uuid_null(Deals::ResponsibleId))
                .col(big_integer_null(Deals::ExpectedRevenueMinor))
                .col(string(Deals::Currency))
                .col(text_null(Deals::DeliveryAddress))
                .col(text_null(Deals::OfferDetails))
                .col(date_null(Deals::PromisedPaymentDate))
                .col(integer_null(Deals::ReviewScore))
                .col(uuid_null(Deals::LeadId))
                .col(string(Deals::Channel))
                .col(text_null(Deals::Keywords))
                .col(string_null(Deals::UtmSource))
                .col(string_null(Deals::UtmMedium))
                .col(string_null(Deals::UtmCampaign))
                .col(string_null(Deals::UtmTerm))
                .col(string_null(Deals::UtmContent))
                .col(string_null(Deals::CallTrackingNumber))
                .col(text(Deals::Checklist))
                .col(text(Deals::Facts))
                .col(string_null(Deals::LossReason))
                .col(text_null(Deals::LossObjections))
                .col(boolean(Deals::AddToMailing))
                .col(timestamp_with_time_zone_null(Deals::ClosedAt))
                .col(uuid_null(Deals::CreatedBy))
                .col(timestamp_with_time_zone(Deals::CreatedAt))
                .col(timestamp_with_time_zone(Deals::UpdatedAt))
                .col(integer(Deals::Version))
                .foreign_key(&mut fk((Deals::Table, Deals::OrganizationId), (Organizations::Table, Organizations::Id)))
                .foreign_key(&mut fk((Deals::Table, Deals::PipelineId), (Pipelines::Table, Pipelines::Id)))
                .foreign_key(&mut fk((Deals::Table, Deals::ClientId), (Clients::Table, Clients::Id)))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("ix_deals_board", vec![Deals::PipelineId.into_iden(), Deals::Stage.into_iden(), Deals::StageEnteredAt.into_iden()]),
            ("ix_deals_board_responsible", vec![Deals::PipelineId.into_iden(), Deals::ResponsibleId.into_iden(), Deals::Stage.into_iden(), Deals::StageEnteredAt.into_iden()]),
            ("ix_deals_org_created", vec![Deals::OrganizationId.into_iden(), Deals::CreatedAt.into_iden()]),
            ("ix_deals_created", vec![Deals::CreatedAt.into_iden(), Deals::Id.into_iden()]),
            ("ix_deals_client", vec![Deals::ClientId.into_iden()]),
            ("ix_deals_lead", vec![Deals::LeadId.into_iden()]),
        ] {
            m.create_index(index(Deals::Table, name, cols)).await?;
        }

        // One row per move: entering `to_stage` and leaving `from_stage` with the time spent there,
        // so time-in-stage reports read one column instead of pairing events.
        m.create_table(
            Table::create()
                .table(StageEvents::Table)
                .col(pk_uuid(StageEvents::Id))
                .col(uuid(StageEvents::OrganizationId))
                .col(string(StageEvents::SubjectType))
                .col(uuid(StageEvents::SubjectId))
                .col(uuid(StageEvents::PipelineId))
                .col(string_null(StageEvents::FromStage))
                .col(string(StageEvents::ToStage))
                .col(big_integer_null(StageEvents::SecondsInFrom))
                .col(string_null(StageEvents::ByFact))
                .col(uuid_null(StageEvents::ActorUserId))
                .col(string(StageEvents::ActorName))
                .col(timestamp_with_time_zone(StageEvents::At))
                .to_owned(),
        )
        .await?;
        m.create_index(index(StageEvents::Table, "ix_stage_events_subject", vec![StageEvents::SubjectId.into_iden(), StageEvents::At.into_iden()])).await?;
        m.create_index(index(StageEvents::Table, "ix_stage_events_from", vec![StageEvents::PipelineId.into_iden(), StageEvents::FromStage.into_iden(), StageEvents::At.into_iden()])).await?;
        m.create_index(index(StageEvents::Table, "ix_stage_events_to", vec![StageEvents::PipelineId.into_iden(), StageEvents::ToStage.into_iden(), StageEvents::At.into_iden()])).await?;

        m.create_table(
            Table::create()
                .table(DepartmentRequests::Table)
                .col(pk_uuid(DepartmentRequests::Id))
                .col(uuid(DepartmentRequests::OrganizationId))
                .col(big_integer_uniq(DepartmentRequests::Number))
                .col(uuid(DepartmentRequests::DealId))
                .col(string(DepartmentRequests::Kind))
                .col(string(DepartmentRequests::Status))
                .col(text_null(DepartmentRequests::Details))
                .col(text_null(DepartmentRequests::DeliveryAddress))
                .col(uuid_null(DepartmentRequests::AssigneeId))
                .col(big_integer_null(DepartmentRequests::CostMinor))
                .col(string_null(DepartmentRequests::Carrier))
                .col(date_null(DepartmentRequests::EtaDate))
                .col(text_null(DepartmentRequests::AnswerComment))
                .col(uuid_null(DepartmentRequests::OpenedBy))
                .col(timestamp_with_time_zone_null(DepartmentRequests::TakenAt))
                .col(uuid_null(DepartmentRequests::CompletedBy))
                .col(timestamp_with_time_zone_null(DepartmentRequests::CompletedAt))
                .col(timestamp_with_time_zone_null(DepartmentRequests::CancelledAt))
                .col(text_null(DepartmentRequests::CancelReason))
                .col(timestamp_with_time_zone(DepartmentRequests::CreatedAt))
                .col(timestamp_with_time_zone(DepartmentRequests::UpdatedAt))
                .col(integer(DepartmentRequests::Version))
                .foreign_key(&mut fk((DepartmentRequests::Table, DepartmentRequests::DealId), (Deals::Table, Deals::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(index(DepartmentRequests::Table, "ix_requests_queue", vec![DepartmentRequests::Kind.into_iden(), DepartmentRequests::Status.into_iden(), DepartmentRequests::CreatedAt.into_iden()])).await?;
        m.create_index(index(DepartmentRequests::Table, "ix_requests_deal", vec![DepartmentRequests::DealId.into_iden(), DepartmentRequests::Kind.into_iden()])).await?;

        m.create_table(
            Table::create()
                .table(Tasks::Table)
                .col(pk_uuid(Tasks::Id))
                .col(uuid(Tasks::OrganizationId))
                .col(string_null(Tasks::SubjectType))
                .col(uuid_null(Tasks::SubjectId))
                .col(string_null(Tasks::Code))
                .col(string(Tasks::Kind))
                .col(string(Tasks::Title))
                .col(text_null(Tasks::Description))
                .col(timestamp_with_time_zone(Tasks::DueAt))
                .col(uuid_null(Tasks::AssigneeId))
                .col(string_null(Tasks::AssigneeRole))
                .col(string(Tasks::Status))
                .col(text_null(Tasks::Result))
                .col(timestamp_with_time_zone_null(Tasks::CompletedAt))
                .col(uuid_null(Tasks::CompletedBy))
                .col(uuid_null(Tasks::CreatedBy))
                .col(timestamp_with_time_zone(Tasks::CreatedAt))
                .col(timestamp_with_time_zone(Tasks::UpdatedAt))
                .col(integer(Tasks::Version))
                .to_owned(),
        )
        .await?;
        m.create_index(index(Tasks::Table, "ix_tasks_assignee", vec![Tasks::AssigneeId.into_iden(), Tasks::Status.into_iden(), Tasks::DueAt.into_iden()])).await?;
        m.create_index(index(Tasks::Table, "ix_tasks_queue", vec![Tasks::AssigneeRole.into_iden(), Tasks::Status.into_iden(), Tasks::DueAt.into_iden()])).await?;
        m.create_index(index(Tasks::Table, "ix_tasks_subject", vec![Tasks::SubjectId.into_iden(), Tasks::Status.into_iden()])).await?;

        m.create_table(
            Table::create()
                .table(TimelineEntries::Table)
                .col(pk_uuid(TimelineEntries::Id))
                .col(uuid(TimelineEntries::OrganizationId))
                .col(string(TimelineEntries::SubjectType))
                .col(uuid(TimelineEntries::SubjectId))
                .col(string(TimelineEntries::Kind))
                .col(text_null(TimelineEntries::Text))
                .col(text(TimelineEntries::Data))
                .col(uuid_null(TimelineEntries::ActorUserId))
                .col(string(TimelineEntries::ActorName))
                .col(timestamp_with_time_zone(TimelineEntries::At))
                .to_owned(),
        )
        .await?;
        m.create_index(index(TimelineEntries::Table, "ix_timeline_subject", vec![TimelineEntries::SubjectId.into_iden(), TimelineEntries::At.into_iden()])).await?;

        m.create_table(
            Table::create()
                .table(Files::Table)
                .col(pk_uuid(Files::Id))
                .col(uuid(Files::OrganizationId))
                .col(string(Files::SubjectType))
                .col(uuid(Files::SubjectId))
                .col(uuid_null(Files::RequestId))
                .col(string(Files::Name))
                .col(string(Files::ContentType))
                .col(big_integer(Files::Size))
                .col(string(Files::StorageKey))
                .col(string(Files::Sha256))
                .col(uuid_null(Files::UploadedBy))
                .col(timestamp_with_time_zone(Files::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(Files::Table, "ix_files_subject", vec![Files::SubjectId.into_iden()])).await?;
        m.create_index(index(Files::Table, "ix_files_request", vec![Files::RequestId.into_iden()])).await?;

        // Domain events, written in the same transaction as the change; delivered at least once by id.
        m.create_table(
            Table::create()
                .table(Outbox::Table)
                .col(pk_uuid(Outbox::Id))
                .col(uuid(Outbox::OrganizationId))
                .col(string(Outbox::Topic))
                .col(string(Outbox::SubjectType))
                .col(uuid(Outbox::SubjectId))
                .col(text(Outbox::Payload))
                .col(timestamp_with_time_zone(Outbox::CreatedAt))
                .col(timestamp_with_time_zone(Outbox::AvailableAt))
                .col(integer(Outbox::Attempts))
                .col(timestamp_with_time_zone_null(Outbox::DeliveredAt))
                .col(text_null(Outbox::LastError))
                .to_owned(),
        )
        .await?;
        m.create_index(index(Outbox::Table, "ix_outbox_pending", vec![Outbox::DeliveredAt.into_iden(), Outbox::AvailableAt.into_iden()])).await?;

        m.create_table(
            Table::create()
                .table(NumberSequences::Table)
                .col(string(NumberSequences::Name).primary_key())
                .col(big_integer(NumberSequences::Value))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            NumberSequences::Table.into_iden(),
            Outbox::Table.into_iden(),
            Files::Table.into_iden(),
            TimelineEntries::Table.into_iden(),
            Tasks::Table.into_iden(),
            DepartmentRequests::Table.into_iden(),
            StageEvents::Table.into_iden(),
            Deals::Table.into_iden(),
            Leads::Table.into_iden(),
            Pipelines::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
