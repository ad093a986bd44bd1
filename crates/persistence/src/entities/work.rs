//! Work between departments: requests to other departments' queues and tasks.

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
