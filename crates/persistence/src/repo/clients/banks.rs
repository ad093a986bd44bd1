//! The bank directory (reference data from the Central Bank's ED807, owned by no organization).
use crate::entities::bank;
use crate::repo::*;
use sea_orm::IntoActiveModel;

pub async fn get(db: &impl ConnectionTrait, bik: &str) -> Result<Option<bank::Model>, RepoError> {
    Ok(bank::Entity::find_by_id(bik.to_owned()).one(db).await?)
}

/// Replaces or inserts directory entries (in the caller's transaction).
pub async fn upsert(db: &impl ConnectionTrait, banks: Vec<bank::Model>) -> Result<usize, RepoError> {
    use sea_orm::sea_query::OnConflict;
    let n = banks.len();
    for chunk in banks.chunks(200) {
        bank::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
            .on_conflict(
                OnConflict::column(bank::Column::Bik)
                    .update_columns([bank::Column::Name, bank::Column::City, bank::Column::CorrAccount, bank::Column::Address, bank::Column::UpdatedAt])
                    .to_owned(),
            )
            .exec(db)
            .await?;
    }
    Ok(n)
}
