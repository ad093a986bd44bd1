//! Integrations: the outbox — domain events written with the change they describe, delivered later
//! (webhooks, e-mail, 1C) at least once, with a stable id receivers deduplicate on.

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
        /// Its place in the published order, given when the dispatcher delivered it (live streams
        /// follow and resume by it).
        pub seq: Option<i64>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}
