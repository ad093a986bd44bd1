//! An organization's requisites as its documents print them (one row per organization).
use crate::entities::organization_requisites;
use crate::repo::*;

pub async fn get(db: &impl ConnectionTrait, org: Uuid) -> Result<Option<organization_requisites::Model>, RepoError> {
    Ok(organization_requisites::Entity::find_by_id(org).one(db).await?)
}

/// Writes the requisites: inserts the first version, or replaces version `expected` (else a conflict).
pub async fn put(db: &impl ConnectionTrait, row: organization_requisites::Model, expected: Option<i32>) -> Result<organization_requisites::Model, RepoError> {
    match expected {
        None => organization_requisites::Entity::insert(row.clone().into_active_model()).exec_without_returning(db).await.map_err(|e| unique_as(e, "organization_requisites")).map(|_| row),
        Some(v) => {
            let id = row.organization_id;
            let mut am = row.clone().into_active_model().reset_all();
            am.not_set(organization_requisites::Column::OrganizationId);
            let res = organization_requisites::Entity::update_many()
                .set(am)
                .filter(organization_requisites::Column::OrganizationId.eq(id))
                .filter(organization_requisites::Column::Version.eq(v))
                .exec(db)
                .await?;
            if res.rows_affected == 1 { Ok(row) } else { Err(RepoError::VersionConflict) }
        }
    }
}
