//! Documents: the catalogue and its price lists with exchange rates, each organization's
//! requisites as documents print them, and the documents of a deal — commercial offers (with
//! versions), contracts, invoices with their payment schedule, work orders and delivery notices —
//! with their lines, and the e-mails that send them. A document or an e-mail is a deal's, or a
//! lead's (the typical offer that answers a lead quickly).
//!
//! Money is integer kopecks (`*_minor`) as everywhere; a quantity is thousandths (`quantity_milli`),
//! a discount hundredths of a per cent (`discount_bp`). Exchange rates and schedule shares keep
//! their exact decimal text. Each line stores its VAT rate and amounts: a document never
//! recomputes them from today's settings.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations { Table, Id }

#[derive(DeriveIden)]
enum Deals { Table, Id }

#[derive(DeriveIden)]
enum Leads { Table, Id }

#[derive(DeriveIden)]
enum Users { Table, Id }

#[derive(DeriveIden)]
enum OrganizationRequisites {
    Table, OrganizationId, FullName, ShortName, Inn, Kpp, Ogrn, LegalAddress, PostalAddress, Phone, Email, BankAccount, Bik,
    CorrAccount, BankName, BankCity, DirectorPosition, DirectorName, DirectorActing, AccountantName, LogoKey, StampKey,
    SignatureKey, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum CatalogueItems {
    Table, Id, OrganizationId, Kind, Name, Article, Unit, VatKind, TileType, Colour, ThicknessMm, Size, Description, IsActive,
    SearchText, CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum PriceLists { Table, Id, OrganizationId, Name, Currency, ValidFrom, ValidTo, CreatedAt, UpdatedAt, Version }

#[derive(DeriveIden)]
enum PriceListItems { Table, Id, PriceListId, ItemId, PriceMinor }

#[derive(DeriveIden)]
enum ExchangeRates { Table, Currency, OnDate, Rate, Source, CreatedAt }

#[derive(DeriveIden)]
enum Documents {
    Table, Id, OrganizationId, DealId, LeadId, ClientId, CounterpartyId, Kind, Seq, Year, Number, DocDate, Status, VersionNo, SourceId,
    ContractKind, ValidUntil, Terms, Details, Currency, TotalMinor, VatTotalMinor, Schedule, RequisitesChecked, ScanFileId, StatusNote,
    Snapshot, PdfKey, SentAt, CreatedBy, CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum DocumentLines {
    Table, Id, DocumentId, Position, ItemId, Name, Article, QuantityMilli, Unit, PriceMinor, DiscountBp, VatRate, AmountMinor, VatMinor,
}

#[derive(DeriveIden)]
enum ScheduleParts { Table, Id, DocumentId, Position, Percent, AmountMinor, DueDate }

#[derive(DeriveIden)]
enum Emails {
    Table, Id, OrganizationId, DealId, LeadId, ToAddress, ToName, Subject, Body, DocumentIds, WithStamp, MessageId, Status, Attempts,
    AvailableAt, LeaseUntil, LastError, SentAt, CreatedBy, CreatedAt,
}

#[derive(DeriveIden)]
enum MailTemplates { Table, OrganizationId, DocumentKind, Subject, Body, UpdatedAt }

fn fk(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use OrganizationRequisites as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(uuid(R::OrganizationId).primary_key())
                .col(text(R::FullName))
                .col(text(R::ShortName))
                .col(string_null(R::Inn))
                .col(string_null(R::Kpp))
                .col(string_null(R::Ogrn))
                .col(text_null(R::LegalAddress))
                .col(text_null(R::PostalAddress))
                .col(string_null(R::Phone))
                .col(string_null(R::Email))
                .col(string_null(R::BankAccount))
                .col(string_null(R::Bik))
                .col(string_null(R::CorrAccount))
                .col(text_null(R::BankName))
                .col(string_null(R::BankCity))
                .col(string_null(R::DirectorPosition))
                .col(string_null(R::DirectorName))
                .col(text_null(R::DirectorActing))
                .col(string_null(R::AccountantName))
                .col(string_null(R::LogoKey))
                .col(string_null(R::StampKey))
                .col(string_null(R::SignatureKey))
                .col(timestamp_with_time_zone(R::UpdatedAt))
                .col(integer(R::Version))
                .foreign_key(&mut fk((R::Table, R::OrganizationId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;

        use CatalogueItems as I;
        m.create_table(
            Table::create()
                .table(I::Table)
                .col(pk_uuid(I::Id))
                .col(uuid(I::OrganizationId))
                .col(string(I::Kind))
                .col(text(I::Name))
                .col(string_null(I::Article))
                .col(string(I::Unit))
                .col(string(I::VatKind))
                .col(string_null(I::TileType))
                .col(string_null(I::Colour))
                .col(string_null(I::ThicknessMm))
                .col(string_null(I::Size))
                .col(text_null(I::Description))
                .col(boolean(I::IsActive))
                .col(text(I::SearchText))
                .col(timestamp_with_time_zone(I::CreatedAt))
                .col(timestamp_with_time_zone(I::UpdatedAt))
                .col(integer(I::Version))
                .foreign_key(&mut fk((I::Table, I::OrganizationId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_catalogue_article").table(I::Table).col(I::OrganizationId).col(I::Article).unique().to_owned()).await?;
        m.create_index(Index::create().name("ix_catalogue_name").table(I::Table).col(I::OrganizationId).col(I::Name).col(I::Id).to_owned()).await?;

        use PriceLists as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(pk_uuid(P::Id))
                .col(uuid(P::OrganizationId))
                .col(text(P::Name))
                .col(string(P::Currency))
                .col(date(P::ValidFrom))
                .col(date_null(P::ValidTo))
                .col(timestamp_with_time_zone(P::CreatedAt))
                .col(timestamp_with_time_zone(P::UpdatedAt))
                .col(integer(P::Version))
                .foreign_key(&mut fk((P::Table, P::OrganizationId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;
        use PriceListItems as PI;
        m.create_table(
            Table::create()
                .table(PI::Table)
                .col(pk_uuid(PI::Id))
                .col(uuid(PI::PriceListId))
                .col(uuid(PI::ItemId))
                .col(big_integer(PI::PriceMinor))
                .foreign_key(&mut fk((PI::Table, PI::PriceListId), (P::Table, P::Id)).on_delete(ForeignKeyAction::Cascade).to_owned())
                .foreign_key(&mut fk((PI::Table, PI::ItemId), (I::Table, I::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_price_list_item").table(PI::Table).col(PI::PriceListId).col(PI::ItemId).unique().to_owned()).await?;
        m.create_index(Index::create().name("ix_price_list_items_item").table(PI::Table).col(PI::ItemId).to_owned()).await?;

        use ExchangeRates as X;
        m.create_table(
            Table::create()
                .table(X::Table)
                .col(string(X::Currency))
                .col(date(X::OnDate))
                .col(string(X::Rate))
                .col(string(X::Source))
                .col(timestamp_with_time_zone(X::CreatedAt))
                .primary_key(Index::create().col(X::Currency).col(X::OnDate))
                .to_owned(),
        )
        .await?;

        use Documents as D;
        m.create_table(
            Table::create()
                .table(D::Table)
                .col(pk_uuid(D::Id))
                .col(uuid(D::OrganizationId))
                .col(uuid_null(D::DealId))
                .col(uuid_null(D::LeadId))
                .col(uuid_null(D::ClientId))
                .col(uuid_null(D::CounterpartyId))
                .col(string(D::Kind))
                .col(big_integer(D::Seq))
                .col(integer(D::Year))
                .col(string(D::Number))
                .col(date(D::DocDate))
                .col(string(D::Status))
                .col(integer(D::VersionNo))
                .col(uuid_null(D::SourceId))
                .col(string_null(D::ContractKind))
                .col(date_null(D::ValidUntil))
                .col(text_null(D::Terms))
                .col(text_null(D::Details))
                .col(string(D::Currency))
                .col(big_integer(D::TotalMinor))
                .col(big_integer(D::VatTotalMinor))
                .col(text_null(D::Schedule))
                .col(boolean(D::RequisitesChecked))
                .col(uuid_null(D::ScanFileId))
                .col(text_null(D::StatusNote))
                .col(text_null(D::Snapshot))
                .col(string_null(D::PdfKey))
                .col(timestamp_with_time_zone_null(D::SentAt))
                .col(uuid_null(D::CreatedBy))
                .col(timestamp_with_time_zone(D::CreatedAt))
                .col(timestamp_with_time_zone(D::UpdatedAt))
                .col(integer(D::Version))
                .foreign_key(&mut fk((D::Table, D::OrganizationId), (Organizations::Table, Organizations::Id)))
                .foreign_key(&mut fk((D::Table, D::DealId), (Deals::Table, Deals::Id)))
                .foreign_key(&mut fk((D::Table, D::LeadId), (Leads::Table, Leads::Id)))
                .to_owned(),
        )
        .await?;
        // No two documents of a kind share a number in an organization's year (offer versions share theirs).
        m.create_index(
            Index::create().name("ux_documents_number").table(D::Table).col(D::OrganizationId).col(D::Kind).col(D::Year).col(D::Seq).col(D::VersionNo).unique().to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_documents_deal").table(D::Table).col(D::DealId).col(D::CreatedAt).to_owned()).await?;
        m.create_index(Index::create().name("ix_documents_lead").table(D::Table).col(D::LeadId).col(D::CreatedAt).to_owned()).await?;
        m.create_index(Index::create().name("ix_documents_client").table(D::Table).col(D::ClientId).col(D::Kind).to_owned()).await?;

        use DocumentLines as L;
        m.create_table(
            Table::create()
                .table(L::Table)
                .col(pk_uuid(L::Id))
                .col(uuid(L::DocumentId))
                .col(integer(L::Position))
                .col(uuid_null(L::ItemId))
                .col(text(L::Name))
                .col(string_null(L::Article))
                .col(big_integer(L::QuantityMilli))
                .col(string(L::Unit))
                .col(big_integer(L::PriceMinor))
                .col(integer(L::DiscountBp))
                .col(string(L::VatRate))
                .col(big_integer(L::AmountMinor))
                .col(big_integer(L::VatMinor))
                .foreign_key(&mut fk((L::Table, L::DocumentId), (D::Table, D::Id)).on_delete(ForeignKeyAction::Cascade).to_owned())
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_document_lines").table(L::Table).col(L::DocumentId).col(L::Position).to_owned()).await?;

        use ScheduleParts as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(pk_uuid(S::Id))
                .col(uuid(S::DocumentId))
                .col(integer(S::Position))
                .col(string(S::Percent))
                .col(big_integer(S::AmountMinor))
                .col(date(S::DueDate))
                .foreign_key(&mut fk((S::Table, S::DocumentId), (D::Table, D::Id)).on_delete(ForeignKeyAction::Cascade).to_owned())
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_schedule_parts").table(S::Table).col(S::DocumentId).col(S::Position).to_owned()).await?;

        use Emails as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(pk_uuid(E::Id))
                .col(uuid(E::OrganizationId))
                .col(uuid_null(E::DealId))
                .col(uuid_null(E::LeadId))
                .col(string(E::ToAddress))
                .col(string_null(E::ToName))
                .col(text(E::Subject))
                .col(text(E::Body))
                .col(text(E::DocumentIds))
                .col(boolean(E::WithStamp))
                .col(string(E::MessageId))
                .col(string(E::Status))
                .col(integer(E::Attempts))
                .col(timestamp_with_time_zone(E::AvailableAt))
                .col(timestamp_with_time_zone_null(E::LeaseUntil))
                .col(text_null(E::LastError))
                .col(timestamp_with_time_zone_null(E::SentAt))
                .col(uuid_null(E::CreatedBy))
                .col(timestamp_with_time_zone(E::CreatedAt))
                .foreign_key(&mut fk((E::Table, E::DealId), (Deals::Table, Deals::Id)))
                .foreign_key(&mut fk((E::Table, E::LeadId), (Leads::Table, Leads::Id)))
                .foreign_key(&mut fk((E::Table, E::CreatedBy), (Users::Table, Users::Id)))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_emails_due").table(E::Table).col(E::Status).col(E::AvailableAt).to_owned()).await?;
        m.create_index(Index::create().name("ix_emails_deal").table(E::Table).col(E::DealId).col(E::CreatedAt).to_owned()).await?;

        use MailTemplates as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(uuid(T::OrganizationId))
                .col(string(T::DocumentKind))
                .col(text(T::Subject))
                .col(text(T::Body))
                .col(timestamp_with_time_zone(T::UpdatedAt))
                .primary_key(Index::create().col(T::OrganizationId).col(T::DocumentKind))
                .foreign_key(&mut fk((T::Table, T::OrganizationId), (Organizations::Table, Organizations::Id)))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            MailTemplates::Table.into_iden(),
            Emails::Table.into_iden(),
            ScheduleParts::Table.into_iden(),
            DocumentLines::Table.into_iden(),
            Documents::Table.into_iden(),
            ExchangeRates::Table.into_iden(),
            PriceListItems::Table.into_iden(),
            PriceLists::Table.into_iden(),
            CatalogueItems::Table.into_iden(),
            OrganizationRequisites::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
