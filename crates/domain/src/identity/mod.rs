//! Identity: roles, permissions and who may do what; organizations are the head office or a
//! production.

pub mod requisites;

use crate::pipelines::{PipelineKind, RequestKind};

crate::named_enum! {
    /// A user's job role. Serialized in snake_case ("admin", "logistician", …).
    pub enum Role {
        Admin,
        Management,
        Manager,
        Logistician,
        Supply,
        Warehouse,
        Quality,
        Accountant,
        Analyst,
        Production,
        Designer,
    }
}

impl Role {
    /// Name shown to users.
    pub fn title_ru(&self) -> &'static str {
        match self {
            Role::Admin => "Администратор",
            Role::Management => "Руководство",
            Role::Manager => "Менеджер",
            Role::Logistician => "Логист",
            Role::Supply => "Снабжение",
            Role::Warehouse => "Склад",
            Role::Quality => "Контроль качества",
            Role::Accountant => "Бухгалтер",
            Role::Analyst => "Аналитик",
            Role::Production => "Производство",
            Role::Designer => "Дизайнер",
        }
    }
}

/// Something a role may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    ClientsRead,
    ClientsWrite,
    CounterpartiesApprove,
    OrganizationsRead,
    OrganizationsManage,
    UsersManage,
    ApiKeysManage,
    BanksImport,
    LeadsRead,
    LeadsWrite,
    DealsRead,
    DealsWrite,
    PipelinesManage,
    /// Answer delivery-cost requests (the logisticians' queue).
    DeliveryRequests,
    /// Answer design requests (the designer's queue).
    DesignRequests,
    /// Register that a client paid («извещение от бухгалтера»).
    PaymentsRecord,
    /// Own tasks and the role's task queue.
    TasksUse,
    /// Reopen a won or lost lead or deal, with a reason («закрытое закрыто»).
    CardsReopen,
    /// Read the catalogue, price lists and exchange rates (the head company).
    CatalogueRead,
    /// Edit the catalogue and price lists (admin, supply).
    CatalogueWrite,
    /// Enter exchange rates or load the Central Bank's file (accountant, admin).
    ExchangeRatesWrite,
    /// Read a deal's documents (offers, contracts, invoices) and their sendings.
    DocumentsRead,
    /// Make, send and move documents along; which contract step a role may take is the
    /// contract's own table (`domain::documents::contracts`).
    DocumentsWrite,
    /// Read payments, bank statements and receivables (the accountant's screens).
    PaymentsRead,
    /// Record what was shipped against an invoice (реализация): warehouse or logistician.
    ShipmentsRecord,
    /// See the reminder schedule and its runs; set an organization's reminder settings.
    RemindersManage,
    /// Read the productions' profiles (capacity, working week, terms, tiles and prices); a
    /// production reads its own.
    ProductionsRead,
    /// Maintain the productions' profiles: the head company does, not the production itself.
    ProductionsManage,
    /// Read the settlements with the productions: balances, the ledger, the reconciliation
    /// statement; a production reads its own.
    SettlementsRead,
    /// Enter a settlement the order steps do not record (a payment either way, a purchase).
    SettlementsWrite,
}

impl Permission {
    pub const ALL: [Permission; 30] = [
        Permission::ClientsRead,
        Permission::ClientsWrite,
        Permission::CounterpartiesApprove,
        Permission::OrganizationsRead,
        Permission::OrganizationsManage,
        Permission::UsersManage,
        Permission::ApiKeysManage,
        Permission::BanksImport,
        Permission::LeadsRead,
        Permission::LeadsWrite,
        Permission::DealsRead,
        Permission::DealsWrite,
        Permission::PipelinesManage,
        Permission::DeliveryRequests,
        Permission::DesignRequests,
        Permission::PaymentsRecord,
        Permission::TasksUse,
        Permission::CardsReopen,
        Permission::CatalogueRead,
        Permission::CatalogueWrite,
        Permission::ExchangeRatesWrite,
        Permission::DocumentsRead,
        Permission::DocumentsWrite,
        Permission::PaymentsRead,
        Permission::ShipmentsRecord,
        Permission::RemindersManage,
        Permission::ProductionsRead,
        Permission::ProductionsManage,
        Permission::SettlementsRead,
        Permission::SettlementsWrite,
    ];

    /// Dotted identifier, e.g. "clients.read".
    pub fn as_str(&self) -> &'static str {
        match self {
            Permission::ClientsRead => "clients.read",
            Permission::ClientsWrite => "clients.write",
            Permission::CounterpartiesApprove => "counterparties.approve",
            Permission::OrganizationsRead => "organizations.read",
            Permission::OrganizationsManage => "organizations.manage",
            Permission::UsersManage => "users.manage",
            Permission::ApiKeysManage => "api_keys.manage",
            Permission::BanksImport => "banks.import",
            Permission::LeadsRead => "leads.read",
            Permission::LeadsWrite => "leads.write",
            Permission::DealsRead => "deals.read",
            Permission::DealsWrite => "deals.write",
            Permission::PipelinesManage => "pipelines.manage",
            Permission::DeliveryRequests => "requests.delivery",
            Permission::DesignRequests => "requests.design",
            Permission::PaymentsRecord => "payments.record",
            Permission::TasksUse => "tasks.use",
            Permission::CardsReopen => "cards.reopen",
            Permission::CatalogueRead => "catalogue.read",
            Permission::CatalogueWrite => "catalogue.write",
            Permission::ExchangeRatesWrite => "exchange_rates.write",
            Permission::DocumentsRead => "documents.read",
            Permission::DocumentsWrite => "documents.write",
            Permission::PaymentsRead => "payments.read",
            Permission::ShipmentsRecord => "shipments.record",
            Permission::RemindersManage => "reminders.manage",
            Permission::ProductionsRead => "productions.read",
            Permission::ProductionsManage => "productions.manage",
            Permission::SettlementsRead => "settlements.read",
            Permission::SettlementsWrite => "settlements.write",
        }
    }
}

impl Role {
    /// The grant table: which roles hold each permission.
    #[rustfmt::skip]
    pub fn can(&self, p: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match p {
            ClientsRead           => matches!(self, Admin | Management | Manager | Logistician | Supply
                                                    | Accountant | Analyst | Production),
            // Accountants read the client card for payments and closing documents; the clients
            // themselves are the sales side's (design, «Роли»).
            ClientsWrite          => matches!(self, Admin | Management | Manager | Production),
            CounterpartiesApprove => matches!(self, Admin),
            OrganizationsRead     => true,
            OrganizationsManage   => matches!(self, Admin),
            UsersManage           => matches!(self, Admin),
            ApiKeysManage         => matches!(self, Admin),
            BanksImport           => matches!(self, Admin),
            LeadsRead             => matches!(self, Admin | Management | Manager | Analyst | Production),
            LeadsWrite            => matches!(self, Admin | Management | Manager | Production),
            // Accountants read deals to register payments; logisticians and designers see only their requests.
            DealsRead             => matches!(self, Admin | Management | Manager | Analyst | Accountant | Production),
            DealsWrite            => matches!(self, Admin | Management | Manager | Production),
            PipelinesManage       => matches!(self, Admin),
            DeliveryRequests      => matches!(self, Admin | Logistician),
            DesignRequests        => matches!(self, Admin | Designer),
            PaymentsRecord        => matches!(self, Admin | Accountant),
            TasksUse              => true,
            CardsReopen           => matches!(self, Admin),
            // «Админ или снабжение правят, вся головная компания читает» (issue 10). Productions
            // write their offers' lines by hand.
            CatalogueRead         => !matches!(self, Production),
            CatalogueWrite        => matches!(self, Admin | Supply),
            ExchangeRatesWrite    => matches!(self, Admin | Accountant),
            // Whoever reads deals reads their documents; the accountant issues invoices too.
            DocumentsRead         => matches!(self, Admin | Management | Manager | Analyst | Accountant | Production),
            DocumentsWrite        => matches!(self, Admin | Management | Manager | Accountant | Production),
            // Money is the accountant's; management and analysts read it; a production reads its own.
            PaymentsRead          => matches!(self, Admin | Management | Accountant | Analyst | Production),
            // «by the warehouse or logistician now» (issue 11); the production records its own
            // shipments once fulfilment comes (issue 12).
            ShipmentsRecord       => matches!(self, Admin | Logistician | Warehouse | Accountant),
            RemindersManage       => matches!(self, Admin),
            // Those who sell, place and pay for orders read the productions' profiles (issue 12);
            // the head company keeps them (admin, management, the logisticians who distribute).
            ProductionsRead       => matches!(self, Admin | Management | Logistician | Manager | Accountant | Analyst
                                                    | Production),
            ProductionsManage     => matches!(self, Admin | Management | Logistician),
            // «Сколько мы платили производствам, сколько мы должны, сколько нам должны» (seed
            // 000): money, so the accountant's, read by management and analysts; the production
            // reads its own ledger and reconciliation statement.
            SettlementsRead       => matches!(self, Admin | Management | Accountant | Analyst | Production),
            SettlementsWrite      => matches!(self, Admin | Accountant),
        }
    }

    /// All permissions of this role, in [`Permission::ALL`] order.
    pub fn permissions(&self) -> Vec<Permission> {
        Permission::ALL
            .into_iter()
            .filter(|p| self.can(*p))
            .collect()
    }
}

impl Permission {
    /// Reading the cards of a pipeline of this kind (and the pipeline itself).
    pub fn read_cards(kind: PipelineKind) -> Permission {
        match kind {
            PipelineKind::Lead => Permission::LeadsRead,
            PipelineKind::Deal => Permission::DealsRead,
        }
    }

    /// Changing, moving and commenting the cards of a pipeline of this kind.
    pub fn write_cards(kind: PipelineKind) -> Permission {
        match kind {
            PipelineKind::Lead => Permission::LeadsWrite,
            PipelineKind::Deal => Permission::DealsWrite,
        }
    }

    /// Answering requests of this kind (the department's queue).
    pub fn answer(kind: RequestKind) -> Permission {
        match kind {
            RequestKind::DeliveryCost => Permission::DeliveryRequests,
            RequestKind::Design => Permission::DesignRequests,
        }
    }
}

crate::named_enum! {
    /// Whether an organization is the head office or one of the productions.
    pub enum OrganizationKind {
        Head,
        Production,
    }
}

crate::named_enum! {
    /// The language a person reads the app in.
    pub enum Locale {
        Ru,
        En,
    }
}

/// A password a person chose: at least 8 characters.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(p: &str) -> Result<Password, crate::FieldError> {
        if p.chars().count() < 8 {
            return Err(crate::FieldError::new("invalid_length", "Пароль — не короче 8 символов"));
        }
        Ok(Password(p.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: crate::Email,
    pub full_name: String,
    pub role: Role,
    pub organization_id: crate::OrganizationId,
    pub password: Password,
}

/// An admin's edit of an account: `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub version: i32,
    pub full_name: Option<String>,
    pub role: Option<Role>,
    pub is_active: Option<bool>,
    pub password: Option<Password>,
    pub locale: Option<Locale>,
}

impl UserChanges {
    /// A new role, a new password or deactivation ends the account's sessions.
    pub fn ends_sessions(&self) -> bool {
        self.role.is_some() || self.password.is_some() || self.is_active == Some(false)
    }
}

/// A key an integrator calls with, bound to an organization and a role.
#[derive(Debug, Clone)]
pub struct NewApiKey {
    pub name: String,
    pub role: Role,
    pub organization_id: crate::OrganizationId,
}

/// Head-office roles see across organizations; a production's staff (and anyone whose organization is a production) only its own.
pub fn sees_all_organizations(role: Role, org: OrganizationKind) -> bool {
    org == OrganizationKind::Head && role != Role::Production
}

#[cfg(test)]
mod tests {
    use super::Permission::*;
    use super::Role::*;
    use super::*;

    #[test]
    fn role_as_str_round_trips_through_parse() {
        for &r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("Admin"), None);
        assert_eq!(Role::parse("superuser"), None);
        assert_eq!(Logistician.as_str(), "logistician");
        assert_eq!(Logistician.title_ru(), "Логист");
    }

    #[test]
    fn role_and_organization_kind_names_agree_between_serde_and_storage() {
        crate::names::assert_names_agree::<Role>();
        crate::names::assert_names_agree::<OrganizationKind>();
        assert_eq!(Role::ALL.len(), 11);
    }

    #[test]
    fn permission_names_are_dotted() {
        let names: Vec<&str> = Permission::ALL.iter().map(Permission::as_str).collect();
        assert_eq!(
            names,
            [
                "clients.read",
                "clients.write",
                "counterparties.approve",
                "organizations.read",
                "organizations.manage",
                "users.manage",
                "api_keys.manage",
                "banks.import",
                "leads.read",
                "leads.write",
                "deals.read",
                "deals.write",
                "pipelines.manage",
                "requests.delivery",
                "requests.design",
                "payments.record",
                "tasks.use",
                "cards.reopen",
                "catalogue.read",
                "catalogue.write",
                "exchange_rates.write",
                "documents.read",
                "documents.write",
                "payments.read",
                "shipments.record",
                "reminders.manage",
                "productions.read",
                "productions.manage",
                "settlements.read",
                "settlements.write",
            ]
        );
    }

    #[test]
    fn the_head_company_reads_the_catalogue_and_admin_or_supply_edit_it() {
        let readers: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.can(CatalogueRead)).collect();
        assert!(!readers.contains(&Production) && readers.len() == Role::ALL.len() - 1);
        let writers: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.can(CatalogueWrite)).collect();
        assert_eq!(writers, [Admin, Supply]);
    }

    #[test]
    fn the_accountant_enters_exchange_rates_and_issues_documents() {
        assert!(Accountant.can(ExchangeRatesWrite) && Accountant.can(DocumentsWrite));
        assert!(!Manager.can(ExchangeRatesWrite));
        assert!(!Logistician.can(DocumentsRead) && !Designer.can(DocumentsWrite));
    }

    #[test]
    fn clients_read_is_granted_to_exactly_these_roles() {
        let readers: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| r.can(ClientsRead))
            .collect();
        assert_eq!(
            readers,
            [
                Admin,
                Management,
                Manager,
                Logistician,
                Supply,
                Accountant,
                Analyst,
                Production
            ]
        );
    }

    #[test]
    fn warehouse_cannot_read_clients() {
        assert!(!Warehouse.can(ClientsRead));
    }

    #[test]
    fn quality_and_designer_cannot_read_clients() {
        assert!(!Quality.can(ClientsRead));
        assert!(!Designer.can(ClientsRead));
    }

    #[test]
    fn clients_write_is_granted_to_exactly_these_roles() {
        let writers: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| r.can(ClientsWrite))
            .collect();
        assert_eq!(writers, [Admin, Management, Manager, Production]);
    }

    #[test]
    fn accountants_read_clients_but_do_not_create_or_edit_them() {
        assert!(Accountant.can(ClientsRead) && !Accountant.can(ClientsWrite));
    }

    #[test]
    fn logistician_reads_but_cannot_write_clients() {
        assert!(Logistician.can(ClientsRead));
        assert!(!Logistician.can(ClientsWrite));
    }

    #[test]
    fn only_admin_approves_counterparties_and_manages_the_system() {
        for p in [
            CounterpartiesApprove,
            OrganizationsManage,
            UsersManage,
            ApiKeysManage,
            BanksImport,
            PipelinesManage,
        ] {
            let holders: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.can(p)).collect();
            assert_eq!(holders, [Admin], "{}", p.as_str());
        }
    }

    #[test]
    fn every_role_reads_organizations() {
        assert!(Role::ALL.iter().all(|r| r.can(OrganizationsRead)));
    }

    #[test]
    fn every_write_permission_implies_read() {
        for &r in Role::ALL {
            assert!(!r.can(ClientsWrite) || r.can(ClientsRead), "{}", r.as_str());
            assert!(!r.can(LeadsWrite) || r.can(LeadsRead), "{}", r.as_str());
            assert!(!r.can(DealsWrite) || r.can(DealsRead), "{}", r.as_str());
        }
    }

    #[test]
    fn sales_work_leads_and_deals_analysts_only_read_them() {
        for r in [Admin, Management, Manager, Production] {
            assert!(r.can(LeadsWrite) && r.can(DealsWrite), "{}", r.as_str());
        }
        assert!(Analyst.can(LeadsRead) && Analyst.can(DealsRead));
        assert!(!Analyst.can(LeadsWrite) && !Analyst.can(DealsWrite));
    }

    #[test]
    fn logisticians_and_designers_see_their_queues_not_the_deals() {
        assert!(Logistician.can(DeliveryRequests) && !Logistician.can(DesignRequests));
        assert!(Designer.can(DesignRequests) && !Designer.can(DeliveryRequests));
        for r in [Logistician, Designer] {
            assert!(!r.can(DealsRead) && !r.can(LeadsRead), "{}", r.as_str());
        }
    }

    #[test]
    fn only_accountants_and_admins_register_payments() {
        let holders: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.can(PaymentsRecord)).collect();
        assert_eq!(holders, [Admin, Accountant]);
        assert!(Accountant.can(DealsRead) && !Accountant.can(DealsWrite));
    }

    #[test]
    fn everyone_has_tasks() {
        assert!(Role::ALL.iter().all(|r| r.can(TasksUse)));
    }

    #[test]
    fn permissions_lists_granted_permissions_in_order() {
        assert_eq!(Admin.permissions(), Permission::ALL);
        assert_eq!(
            Manager.permissions(),
            [ClientsRead, ClientsWrite, OrganizationsRead, LeadsRead, LeadsWrite, DealsRead, DealsWrite, TasksUse, CatalogueRead, DocumentsRead, DocumentsWrite, ProductionsRead]
        );
        assert_eq!(Warehouse.permissions(), [OrganizationsRead, TasksUse, CatalogueRead, ShipmentsRecord]);
    }

    #[test]
    fn productions_are_read_by_who_sells_places_and_pays_and_kept_by_the_head_company() {
        let readers: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.can(ProductionsRead)).collect();
        assert_eq!(readers, [Admin, Management, Manager, Logistician, Accountant, Analyst, Production]);
        let keepers: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.can(ProductionsManage)).collect();
        assert_eq!(keepers, [Admin, Management, Logistician]);
        assert!(!Production.can(ProductionsManage), "a production does not edit its own profile");
    }

    #[test]
    fn settlements_with_productions_are_the_accountants_and_a_production_reads_its_own() {
        let readers: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.can(SettlementsRead)).collect();
        assert_eq!(readers, [Admin, Management, Accountant, Analyst, Production]);
        let writers: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.can(SettlementsWrite)).collect();
        assert_eq!(writers, [Admin, Accountant]);
        assert!(!Manager.can(SettlementsRead) && !Logistician.can(SettlementsRead));
    }

    #[test]
    fn head_office_roles_see_all_organizations() {
        assert!(sees_all_organizations(Admin, OrganizationKind::Head));
        assert!(sees_all_organizations(Manager, OrganizationKind::Head));
        assert!(sees_all_organizations(Accountant, OrganizationKind::Head));
    }

    #[test]
    fn production_staff_see_only_their_organization() {
        assert!(!sees_all_organizations(Production, OrganizationKind::Head));
        for &r in Role::ALL {
            assert!(
                !sees_all_organizations(r, OrganizationKind::Production),
                "{}",
                r.as_str()
            );
        }
    }
}
