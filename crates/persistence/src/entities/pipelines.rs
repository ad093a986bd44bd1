//! Pipelines: definitions of the funnels cards move on.

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
