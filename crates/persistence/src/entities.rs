//! sea-orm entities: plain row shapes, no behaviour (that lives in the repositories).
pub mod organization {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "organizations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub kind: String,
        pub name: String,
        pub inn: Option<String>,
        pub kpp: Option<String>,
        pub city: Option<String>,
        pub region: Option<String>,
        pub address: Option<String>,
        /// Coordinates are geometry, not money: f64 is the right type here.
        pub latitude: Option<f64>,
        pub longitude: Option<f64>,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod user {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        pub email: String,
        pub full_name: String,
        pub role: String,
        pub password_hash: String,
        pub is_active: bool,
        pub locale: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod client {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "clients")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        pub name: String,
        pub public_name: Option<String>,
        pub name_norm: String,
        pub sort_name: String,
        pub search_text: String,
        pub person_kind: String,
        pub relationship: String,
        pub segment: Option<String>,
        pub client_type: Option<String>,
        pub email: Option<String>,
        pub phone: Option<String>,
        pub manager_id: Option<Uuid>,
        pub notes: Option<String>,
        pub created_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod counterparty {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "counterparties")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub organization_id: Uuid,
        pub kind: String,
        pub name: String,
        pub inn: Option<String>,
        pub kpp: Option<String>,
        pub ogrn: Option<String>,
        pub okpo: Option<String>,
        pub legal_address: Option<String>,
        pub actual_address: Option<String>,
        pub approved: bool,
        pub approved_by: Option<Uuid>,
        pub approved_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod contact {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "contacts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub organization_id: Uuid,
        pub last_name: Option<String>,
        pub first_name: String,
        pub middle_name: Option<String>,
        pub position: Option<String>,
        pub phone: Option<String>,
        pub mobile: Option<String>,
        pub email: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod bank_account {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "bank_accounts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub counterparty_id: Uuid,
        pub client_id: Uuid,
        pub organization_id: Uuid,
        pub account_number: String,
        pub bik: String,
        pub corr_account: Option<String>,
        pub bank_name: String,
        pub city: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod bank {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "banks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub bik: String,
        pub name: String,
        pub city: Option<String>,
        pub corr_account: Option<String>,
        pub address: Option<String>,
        pub updated_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod refresh_token {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "refresh_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub family_id: Uuid,
        pub token_hash: String,
        pub expires_at: DateTimeUtc,
        pub created_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod audit_log {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        pub client_id: Option<Uuid>,
        pub entity_type: String,
        pub entity_id: Uuid,
        pub action: String,
        /// JSON object `{field: {old, new}}`.
        pub changes: String,
        pub actor_user_id: Option<Uuid>,
        pub actor_api_key_id: Option<Uuid>,
        pub actor_name: String,
        pub at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod api_key {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_keys")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        pub name: String,
        pub prefix: String,
        pub role: String,
        pub key_hash: String,
        pub created_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub revoked_at: Option<DateTimeUtc>,
        pub last_used_at: Option<DateTimeUtc>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

// ---------- the sales funnel ----------

pub mod pipeline {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "pipelines")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub code: String,
        /// lead | deal
        pub kind: String,
        pub name_ru: String,
        pub name_en: String,
        /// `domain::pipeline::PipelineDefinition` as JSON.
        pub definition: String,
        pub is_builtin: bool,
        pub is_active: bool,
        pub position: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod lead {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "leads")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        pub number: i64,
        pub pipeline_id: Uuid,
        pub stage: String,
        pub stage_entered_at: DateTimeUtc,
        /// open | won | lost (the kind of the current stage)
        pub status: String,
        pub title: String,
        /// Lower-cased title, contact, company, phone and e-mail; derived by the repository.
        pub search_text: String,
        pub responsible_id: Option<Uuid>,
        pub client_id: Option<Uuid>,
        pub contact_name: Option<String>,
        pub company_name: Option<String>,
        pub phone: Option<String>,
        pub email: Option<String>,
        pub message: Option<String>,
        pub channel: String,
        pub keywords: Option<String>,
        pub utm_source: Option<String>,
        pub utm_medium: Option<String>,
        pub utm_campaign: Option<String>,
        pub utm_term: Option<String>,
        pub utm_content: Option<String>,
        pub call_tracking_number: Option<String>,
        pub price_range: Option<String>,
        pub offer_details: Option<String>,
        pub agreed_individual_offer: bool,
        pub agreed_design: bool,
        /// Kopecks.
        pub expected_revenue_minor: Option<i64>,
        /// JSON array of ticked checklist item codes.
        pub checklist: String,
        /// JSON array of recorded facts.
        pub facts: String,
        pub loss_reason: Option<String>,
        pub loss_objections: Option<String>,
        pub add_to_mailing: bool,
        pub deal_id: Option<Uuid>,
        pub closed_at: Option<DateTimeUtc>,
        pub created_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod deal {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "deals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        pub number: i64,
        pub pipeline_id: Uuid,
        pub stage: String,
        pub stage_entered_at: DateTimeUtc,
        /// open | won | lost (the kind of the current stage)
        pub status: String,
        pub title: String,
        /// Lower-cased title; derived by the repository.
        pub search_text: String,
        /// tile_sale | line_sale | other
        pub kind: String,
        pub client_id: Uuid,
        pub counterparty_id: Option<Uuid>,
        pub responsible_id: Option<Uuid>,
        /// Kopecks.
        pub expected_revenue_minor: Option<i64>,
        pub currency: String,
        pub delivery_address: Option<String>,
        pub offer_details: Option<String>,
        pub promised_payment_date: Option<Date>,
        pub review_score: Option<i32>,
        pub lead_id: Option<Uuid>,
        pub channel: String,
        pub keywords: Option<String>,
        pub utm_source: Option<String>,
        pub utm_medium: Option<String>,
        pub utm_campaign: Option<String>,
        pub utm_term: Option<String>,
        pub utm_content: Option<String>,
        pub call_tracking_number: Option<String>,
        /// JSON array of ticked checklist item codes.
        pub checklist: String,
        /// JSON array of recorded facts.
        pub facts: String,
        pub loss_reason: Option<String>,
        pub loss_objections: Option<String>,
        pub add_to_mailing: bool,
        pub closed_at: Option<DateTimeUtc>,
        pub created_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod stage_event {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "stage_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        /// lead | deal
        pub subject_type: String,
        pub subject_id: Uuid,
        pub pipeline_id: Uuid,
        /// `None` when the card was created in `to_stage`.
        pub from_stage: Option<String>,
        pub to_stage: String,
        /// Time spent in `from_stage`.
        pub seconds_in_from: Option<i64>,
        /// The fact that moved the card, when a fact did.
        pub by_fact: Option<String>,
        pub actor_user_id: Option<Uuid>,
        pub actor_name: String,
        pub at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod department_request {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "department_requests")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        pub number: i64,
        pub deal_id: Uuid,
        /// delivery_cost | design
        pub kind: String,
        /// open | in_progress | completed | cancelled
        pub status: String,
        pub details: Option<String>,
        pub delivery_address: Option<String>,
        pub assignee_id: Option<Uuid>,
        /// Kopecks.
        pub cost_minor: Option<i64>,
        pub carrier: Option<String>,
        pub eta_date: Option<Date>,
        pub answer_comment: Option<String>,
        pub opened_by: Option<Uuid>,
        pub taken_at: Option<DateTimeUtc>,
        pub completed_by: Option<Uuid>,
        pub completed_at: Option<DateTimeUtc>,
        pub cancelled_at: Option<DateTimeUtc>,
        pub cancel_reason: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod task {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "tasks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        /// lead | deal, or none for a task of its own.
        pub subject_type: Option<String>,
        pub subject_id: Option<Uuid>,
        /// The pipeline effect that created it; completing it records `task_completed:<code>`.
        pub code: Option<String>,
        /// call | email | meeting | task | other
        pub kind: String,
        pub title: String,
        pub description: Option<String>,
        pub due_at: DateTimeUtc,
        pub assignee_id: Option<Uuid>,
        /// A role's queue, when no one is assigned.
        pub assignee_role: Option<String>,
        /// open | done | cancelled
        pub status: String,
        pub result: Option<String>,
        pub completed_at: Option<DateTimeUtc>,
        pub completed_by: Option<Uuid>,
        pub created_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub version: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod timeline_entry {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "timeline_entries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        pub subject_type: String,
        pub subject_id: Uuid,
        /// created | stage | comment | file | task_created | task_done | request_opened | request_completed | fact | converted | lost | payment
        pub kind: String,
        pub text: Option<String>,
        /// JSON object with the entry's details.
        pub data: String,
        pub actor_user_id: Option<Uuid>,
        pub actor_name: String,
        pub at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod file {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "files")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        pub subject_type: String,
        pub subject_id: Uuid,
        pub request_id: Option<Uuid>,
        pub name: String,
        pub content_type: String,
        pub size: i64,
        pub storage_key: String,
        pub sha256: String,
        pub uploaded_by: Option<Uuid>,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod outbox {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "outbox")]
    pub struct Model {
        /// Stable id receivers deduplicate on.
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub organization_id: Uuid,
        /// e.g. `deal.stage_changed`
        pub topic: String,
        pub subject_type: String,
        pub subject_id: Uuid,
        pub payload: String,
        pub created_at: DateTimeUtc,
        pub available_at: DateTimeUtc,
        pub attempts: i32,
        pub delivered_at: Option<DateTimeUtc>,
        pub last_error: Option<String>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}
