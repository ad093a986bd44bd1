//! The bank directory (reference data from the Central Bank's ED807, owned by no organization).
use crate::entities::bank;
use crate::repo::*;
use sea_orm::IntoActiveModel;

pub async fn get(db: &impl ConnectionTrait, bik: &str) -> Result<Option<bank::Model>, RepoError> {
    Ok(bank::Entity::find_by_id(bik.to_owned()).one(db).await?)
}

/// Banks whose name or city contains `q`, or whose BIK starts with it, by name; at most `limit`.
/// Written as people write it («сбербанк», «Екатеринбург», «альфа»): the directory's mixed case is
/// matched by trying the text as typed, in lower and upper case and capitalised (SQLite compares
/// only ASCII letters without case).
pub async fn search(db: &impl ConnectionTrait, q: &str, limit: u64) -> Result<Vec<bank::Model>, RepoError> {
    use sea_orm::{QueryOrder, QuerySelect};
    let q = q.trim();
    let lower = q.to_lowercase();
    let mut capitalised = String::new();
    for (i, c) in lower.chars().enumerate() {
        if i == 0 { capitalised.extend(c.to_uppercase()) } else { capitalised.push(c) }
    }
    let mut any = Condition::any().add(bank::Column::Bik.starts_with(q));
    for v in [q.to_owned(), lower.clone(), q.to_uppercase(), capitalised] {
        any = any.add(bank::Column::Name.contains(&v)).add(bank::Column::City.contains(&v));
    }
    Ok(bank::Entity::find().filter(any).order_by_asc(bank::Column::Name).order_by_asc(bank::Column::Bik).limit(limit).all(db).await?)
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
