//! Organizations' e-mail templates per document kind (the domain has the defaults).
use crate::entities::mail_template;
use crate::repo::*;

pub async fn of_org(db: &impl ConnectionTrait, org: Uuid) -> Result<Vec<mail_template::Model>, RepoError> {
    Ok(mail_template::Entity::find().filter(mail_template::Column::OrganizationId.eq(org)).all(db).await?)
}

pub async fn get(db: &impl ConnectionTrait, org: Uuid, kind: &str) -> Result<Option<mail_template::Model>, RepoError> {
    Ok(mail_template::Entity::find_by_id((org, kind.to_owned())).one(db).await?)
}

pub async fn put(db: &impl ConnectionTrait, row: mail_template::Model) -> Result<mail_template::Model, RepoError> {
    use mail_template::Column as C;
    use sea_orm::sea_query::OnConflict;
    mail_template::Entity::insert(row.clone().into_active_model())
        .on_conflict(OnConflict::columns([C::OrganizationId, C::DocumentKind]).update_columns([C::Subject, C::Body, C::UpdatedAt]).to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(row)
}
