//! Notifications: what the outbox dispatcher derived for a person from a delivered event.
pub mod notification {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "notifications")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        /// The organization of what it is about (the card's).
        pub organization_id: Uuid,
        /// The outbox event it came from: one notification per person and event.
        pub event_id: Uuid,
        /// `domain::notifications::NotificationKind`
        pub kind: String,
        pub title: String,
        /// Where the web app opens it, e.g. `/deals/<id>`.
        pub link: String,
        pub created_at: DateTimeUtc,
        pub read_at: Option<DateTimeUtc>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}
