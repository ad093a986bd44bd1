//! Organizations, people and access, the clients directory, the bank directory and the audit log.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations { Table, Id, Kind, Name, Inn, Kpp, City, Region, Address, Latitude, Longitude, CreatedAt }

#[derive(DeriveIden)]
enum Users { Table, Id, OrganizationId, Email, FullName, Role, PasswordHash, IsActive, Locale, CreatedAt, UpdatedAt, Version }

#[derive(DeriveIden)]
enum RefreshTokens { Table, Id, UserId, FamilyId, TokenHash, ExpiresAt, CreatedAt, UsedAt, RevokedAt }

#[derive(DeriveIden)]
enum ApiKeys { Table, Id, OrganizationId, Name, Prefix, Role, KeyHash, CreatedBy, CreatedAt, RevokedAt, LastUsedAt }

#[derive(DeriveIden)]
enum Clients {
    Table, Id, OrganizationId, Name, PublicName, NameNorm, SortName, SearchText, PersonKind, Relationship,
    Segment, ClientType, Email, Phone, ManagerId, Notes, CreatedBy, CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum Counterparties {
    Table, Id, ClientId, OrganizationId, Kind, Name, Inn, Kpp, Ogrn, Okpo, LegalAddress, ActualAddress,
    Approved, ApprovedBy, ApprovedAt, CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum Contacts {
    Table, Id, ClientId, OrganizationId, LastName, FirstName, MiddleName, Position, Phone, Mobile, Email,
    CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum BankAccounts {
    Table, Id, CounterpartyId, ClientId, OrganizationId, AccountNumber, Bik, CorrAccount, BankName, City,
    CreatedAt, UpdatedAt, Version,
}

#[derive(DeriveIden)]
enum Banks { Table, Bik, Name, City, CorrAccount, Address, UpdatedAt }

#[derive(DeriveIden)]
enum AuditLog {
    Table, Id, OrganizationId, ClientId, EntityType, EntityId, Action, Changes, ActorUserId, ActorApiKeyId,
    ActorName, At,
}

fn fk(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden), cascade: bool) -> ForeignKeyCreateStatement {
    let mut fk = ForeignKey::create();
    fk.from(from.0, from.1).to(to.0, to.1);
    if cascade {
        fk.on_delete(ForeignKeyAction::Cascade);
    }
    fk.to_owned()
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
                .table(Organizations::Table)
                .col(pk_uuid(Organizations::Id))
                .col(string(Organizations::Kind))
                .col(string(Organizations::Name))
                .col(string_null(Organizations::Inn))
                .col(string_null(Organizations::Kpp))
                .col(string_null(Organizations::City))
                .col(string_null(Organizations::Region))
                .col(text_null(Organizations::Address))
                .col(double_null(Organizations::Latitude))
                .col(double_null(Organizations::Longitude))
                .col(timestamp_with_time_zone(Organizations::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_uuid(Users::Id))
                .col(uuid(Users::OrganizationId))
                .col(string_uniq(Users::Email))
                .col(string(Users::FullName))
                .col(string(Users::Role))
                .col(string(Users::PasswordHash))
                .col(boolean(Users::IsActive))
                .col(string(Users::Locale))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::UpdatedAt))
                .col(integer(Users::Version))
                .foreign_key(&mut fk((Users::Table, Users::OrganizationId), (Organizations::Table, Organizations::Id), false))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RefreshTokens::Table)
                .col(pk_uuid(RefreshTokens::Id))
                .col(uuid(RefreshTokens::UserId))
                .col(uuid(RefreshTokens::FamilyId))
                .col(string_uniq(RefreshTokens::TokenHash))
                .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                .foreign_key(&mut fk((RefreshTokens::Table, RefreshTokens::UserId), (Users::Table, Users::Id), true))
                .to_owned(),
        )
        .await?;
        m.create_index(index(RefreshTokens::Table, "ix_refresh_tokens_family", vec![RefreshTokens::FamilyId.into_iden()])).await?;

        m.create_table(
            Table::create()
                .table(ApiKeys::Table)
                .col(pk_uuid(ApiKeys::Id))
                .col(uuid(ApiKeys::OrganizationId))
                .col(string(ApiKeys::Name))
                .col(string(ApiKeys::Prefix))
                .col(string(ApiKeys::Role))
                .col(string_uniq(ApiKeys::KeyHash))
                .col(uuid_null(ApiKeys::CreatedBy))
                .col(timestamp_with_time_zone(ApiKeys::CreatedAt))
                .col(timestamp_with_time_zone_null(ApiKeys::RevokedAt))
                .col(timestamp_with_time_zone_null(ApiKeys::LastUsedAt))
                .foreign_key(&mut fk((ApiKeys::Table, ApiKeys::OrganizationId), (Organizations::Table, Organizations::Id), false))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Clients::Table)
                .col(pk_uuid(Clients::Id))
                .col(uuid(Clients::OrganizationId))
                .col(string(Clients::Name))
                .col(string_null(Clients::PublicName))
                .col(string(Clients::NameNorm))
                .col(string(Clients::SortName))
                .col(text(Clients::SearchText))
                .col(string(Clients::PersonKind))
                .col(string(Clients::Relationship))
                .col(string_null(Clients::Segment))
                .col(string_null(Clients::ClientType))
                .col(string_null(Clients::Email))
                .col(string_null(Clients::Phone))
                .col(uuid_null(Clients::ManagerId))
                .col(text_null(Clients::Notes))
                .col(uuid_null(Clients::CreatedBy))
                .col(timestamp_with_time_zone(Clients::CreatedAt))
                .col(timestamp_with_time_zone(Clients::UpdatedAt))
                .col(integer(Clients::Version))
                .foreign_key(&mut fk((Clients::Table, Clients::OrganizationId), (Organizations::Table, Organizations::Id), false))
                .foreign_key(&mut fk((Clients::Table, Clients::ManagerId), (Users::Table, Users::Id), false))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("ix_clients_org_sort", vec![Clients::OrganizationId.into_iden(), Clients::SortName.into_iden(), Clients::Id.into_iden()]),
            ("ix_clients_sort", vec![Clients::SortName.into_iden(), Clients::Id.into_iden()]),
            ("ix_clients_created", vec![Clients::CreatedAt.into_iden(), Clients::Id.into_iden()]),
            ("ix_clients_updated", vec![Clients::UpdatedAt.into_iden(), Clients::Id.into_iden()]),
            ("ix_clients_phone", vec![Clients::Phone.into_iden()]),
            ("ix_clients_email", vec![Clients::Email.into_iden()]),
            ("ix_clients_name_norm", vec![Clients::NameNorm.into_iden()]),
            ("ix_clients_manager", vec![Clients::ManagerId.into_iden()]),
        ] {
            m.create_index(index(Clients::Table, name, cols)).await?;
        }

        m.create_table(
            Table::create()
                .table(Counterparties::Table)
                .col(pk_uuid(Counterparties::Id))
                .col(uuid(Counterparties::ClientId))
                .col(uuid(Counterparties::OrganizationId))
                .col(string(Counterparties::Kind))
                .col(string(Counterparties::Name))
                .col(string_null(Counterparties::Inn))
                .col(string_null(Counterparties::Kpp))
                .col(string_null(Counterparties::Ogrn))
                .col(string_null(Counterparties::Okpo))
                .col(text_null(Counterparties::LegalAddress))
                .col(text_null(Counterparties::ActualAddress))
                .col(boolean(Counterparties::Approved))
                .col(uuid_null(Counterparties::ApprovedBy))
                .col(timestamp_with_time_zone_null(Counterparties::ApprovedAt))
                .col(timestamp_with_time_zone(Counterparties::CreatedAt))
                .col(timestamp_with_time_zone(Counterparties::UpdatedAt))
                .col(integer(Counterparties::Version))
                .foreign_key(&mut fk((Counterparties::Table, Counterparties::ClientId), (Clients::Table, Clients::Id), true))
                .to_owned(),
        )
        .await?;
        m.create_index(index(Counterparties::Table, "ix_counterparties_client", vec![Counterparties::ClientId.into_iden()])).await?;
        m.create_index(index(Counterparties::Table, "ix_counterparties_inn", vec![Counterparties::Inn.into_iden()])).await?;

        m.create_table(
            Table::create()
                .table(Contacts::Table)
                .col(pk_uuid(Contacts::Id))
                .col(uuid(Contacts::ClientId))
                .col(uuid(Contacts::OrganizationId))
                .col(string_null(Contacts::LastName))
                .col(string(Contacts::FirstName))
                .col(string_null(Contacts::MiddleName))
                .col(string_null(Contacts::Position))
                .col(string_null(Contacts::Phone))
                .col(string_null(Contacts::Mobile))
                .col(string_null(Contacts::Email))
                .col(timestamp_with_time_zone(Contacts::CreatedAt))
                .col(timestamp_with_time_zone(Contacts::UpdatedAt))
                .col(integer(Contacts::Version))
                .foreign_key(&mut fk((Contacts::Table, Contacts::ClientId), (Clients::Table, Clients::Id), true))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_contacts_client", Contacts::ClientId),
            ("ix_contacts_phone", Contacts::Phone),
            ("ix_contacts_mobile", Contacts::Mobile),
            ("ix_contacts_email", Contacts::Email),
        ] {
            m.create_index(index(Contacts::Table, name, vec![col.into_iden()])).await?;
        }

        m.create_table(
            Table::create()
                .table(BankAccounts::Table)
                .col(pk_uuid(BankAccounts::Id))
                .col(uuid(BankAccounts::CounterpartyId))
                .col(uuid(BankAccounts::ClientId))
                .col(uuid(BankAccounts::OrganizationId))
                .col(string(BankAccounts::AccountNumber))
                .col(string(BankAccounts::Bik))
                .col(string_null(BankAccounts::CorrAccount))
                .col(string(BankAccounts::BankName))
                .col(string_null(BankAccounts::City))
                .col(timestamp_with_time_zone(BankAccounts::CreatedAt))
                .col(timestamp_with_time_zone(BankAccounts::UpdatedAt))
                .col(integer(BankAccounts::Version))
                .foreign_key(&mut fk((BankAccounts::Table, BankAccounts::CounterpartyId), (Counterparties::Table, Counterparties::Id), true))
                .to_owned(),
        )
        .await?;
        m.create_index(index(BankAccounts::Table, "ix_bank_accounts_counterparty", vec![BankAccounts::CounterpartyId.into_iden()])).await?;

        m.create_table(
            Table::create()
                .table(Banks::Table)
                .col(string(Banks::Bik).primary_key())
                .col(string(Banks::Name))
                .col(string_null(Banks::City))
                .col(string_null(Banks::CorrAccount))
                .col(text_null(Banks::Address))
                .col(timestamp_with_time_zone(Banks::UpdatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk_uuid(AuditLog::Id))
                .col(uuid(AuditLog::OrganizationId))
                .col(uuid_null(AuditLog::ClientId))
                .col(string(AuditLog::EntityType))
                .col(uuid(AuditLog::EntityId))
                .col(string(AuditLog::Action))
                .col(text(AuditLog::Changes))
                .col(uuid_null(AuditLog::ActorUserId))
                .col(uuid_null(AuditLog::ActorApiKeyId))
                .col(string(AuditLog::ActorName))
                .col(timestamp_with_time_zone(AuditLog::At))
                .to_owned(),
        )
        .await?;
        m.create_index(index(AuditLog::Table, "ix_audit_client", vec![AuditLog::ClientId.into_iden(), AuditLog::At.into_iden()])).await?;
        m.create_index(index(AuditLog::Table, "ix_audit_entity", vec![AuditLog::EntityType.into_iden(), AuditLog::EntityId.into_iden()])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditLog::Table.into_iden(),
            Banks::Table.into_iden(),
            BankAccounts::Table.into_iden(),
            Contacts::Table.into_iden(),
            Counterparties::Table.into_iden(),
            Clients::Table.into_iden(),
            ApiKeys::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Users::Table.into_iden(),
            Organizations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
