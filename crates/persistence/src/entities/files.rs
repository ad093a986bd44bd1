//! Files attached to cards and requests (the bytes are in the file store).

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
