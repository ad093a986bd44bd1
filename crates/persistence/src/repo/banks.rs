use super::*;

// ---------- bank directory (reference data, not owned by an organization) ----------

pub async fn get_bank(db: &DatabaseConnection, bik: &str) -> Result<Option<bank::Model>, RepoError> {
    Ok(bank::Entity::find_by_id(bik.to_owned()).one(db).await?)
}

/// Replaces or inserts directory entries in one transaction.
pub async fn upsert_banks(db: &DatabaseConnection, banks: Vec<bank::Model>) -> Result<usize, RepoError> {
    use sea_orm::sea_query::OnConflict;
    let n = banks.len();
    let txn = begin_write(db).await?;
    for chunk in banks.chunks(200) {
        bank::Entity::insert_many(chunk.iter().cloned().map(IntoActiveModel::into_active_model))
            .on_conflict(
                OnConflict::column(bank::Column::Bik)
                    .update_columns([bank::Column::Name, bank::Column::City, bank::Column::CorrAccount, bank::Column::Address, bank::Column::UpdatedAt])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(n)
}
