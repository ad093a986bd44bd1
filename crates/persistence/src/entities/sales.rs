//! Sales: leads, deals, the stage events of their moves, their timelines.

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

/// How many cards stand in each stage and their expected revenue, per pipeline, organization and
/// responsible person: the board's column totals. Kept by database triggers on `leads` and `deals`
/// (every insert, move, change of responsible or revenue, and delete), so no code path can miss
/// them; spread over a few shards on PostgreSQL so concurrent moves rarely wait for one row.
pub mod card_count {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "card_counts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub pipeline_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub stage: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub organization_id: Uuid,
        /// The nil UUID for cards nobody is responsible for.
        #[sea_orm(primary_key, auto_increment = false)]
        pub responsible_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub shard: i16,
        pub count: i64,
        /// Kopecks.
        pub sum_minor: i64,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}
