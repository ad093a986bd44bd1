//! A production organization with its profile and offers. Only organizations of kind
//! `production` are productions: the head company's id, like another production's out of scope,
//! is [`RepoError::NotFound`].
use crate::entities::{organization, production_offer, production_profile};
use crate::repo::finance::{CHUNK, batches};
use crate::repo::*;
use domain::{OrganizationId, OrganizationKind};
use sea_orm::QueryOrder;
use std::collections::HashMap;

/// A production as stored: its organization, its profile (none until the head company enters
/// one) and its offers in the order listed.
#[derive(Debug, Clone)]
pub struct Production {
    pub organization: organization::Model,
    pub profile: Option<production_profile::Model>,
    pub offers: Vec<production_offer::Model>,
}

fn productions(scope: AccessScope) -> sea_orm::Select<organization::Entity> {
    organization::Entity::find()
        .filter(organization::Column::Kind.eq(OrganizationKind::Production.as_str()))
        .filter(scoped(scope, organization::Column::Id))
}

/// Every production in scope, by name, with profiles and offers (three reads).
pub async fn list(db: &impl ConnectionTrait, scope: AccessScope) -> Result<Vec<Production>, RepoError> {
    let orgs = productions(scope).order_by_asc(organization::Column::Name).order_by_asc(organization::Column::Id).all(db).await?;
    attach(db, orgs).await
}

/// One production in scope.
pub async fn get(db: &impl ConnectionTrait, scope: AccessScope, id: OrganizationId) -> Result<Production, RepoError> {
    let org = only(productions(scope).filter(organization::Column::Id.eq(Uuid::from(id))).all(db)).await?.ok_or(RepoError::NotFound)?;
    attach(db, vec![org]).await?.pop().ok_or(RepoError::NotFound)
}

async fn attach(db: &impl ConnectionTrait, orgs: Vec<organization::Model>) -> Result<Vec<Production>, RepoError> {
    if orgs.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<Uuid> = orgs.iter().map(|o| o.id).collect();
    let mut profiles: HashMap<Uuid, production_profile::Model> = HashMap::new();
    let mut offers: HashMap<Uuid, Vec<production_offer::Model>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        for p in production_profile::Entity::find().filter(production_profile::Column::OrganizationId.is_in(chunk.iter().copied())).all(db).await? {
            profiles.insert(p.organization_id, p);
        }
        let rows = production_offer::Entity::find()
            .filter(production_offer::Column::OrganizationId.is_in(chunk.iter().copied()))
            .order_by_asc(production_offer::Column::OrganizationId)
            .order_by_asc(production_offer::Column::Position)
            .all(db)
            .await?;
        for o in rows {
            offers.entry(o.organization_id).or_default().push(o);
        }
    }
    Ok(orgs
        .into_iter()
        .map(|o| Production { profile: profiles.remove(&o.id), offers: offers.remove(&o.id).unwrap_or_default(), organization: o })
        .collect())
}

/// Writes a production's profile and replaces its offers: inserts the first version (`expected`
/// none), or replaces version `expected`; a profile changed or created meanwhile is
/// [`RepoError::VersionConflict`]. Run it in the caller's transaction, after [`get`] found the
/// production in scope.
pub async fn put(
    db: &impl ConnectionTrait,
    scope: AccessScope,
    profile: production_profile::Model,
    offers: Vec<production_offer::Model>,
    expected: Option<i32>,
) -> Result<(), RepoError> {
    let org = profile.organization_id;
    if !scope.allows(org.into()) || offers.iter().any(|o| o.organization_id != org) {
        return Err(RepoError::NotFound);
    }
    match expected {
        None => {
            production_profile::Entity::insert(profile.into_active_model()).exec_without_returning(db).await.map_err(|e| match e.sql_err() {
                // Someone entered the first profile meanwhile.
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => RepoError::VersionConflict,
                _ => RepoError::Db(e),
            })?;
        }
        Some(v) => {
            let mut am = profile.into_active_model().reset_all();
            am.not_set(production_profile::Column::OrganizationId);
            let res = production_profile::Entity::update_many()
                .set(am)
                .filter(production_profile::Column::OrganizationId.eq(org))
                .filter(production_profile::Column::Version.eq(v))
                .exec(db)
                .await?;
            if res.rows_affected != 1 {
                return Err(RepoError::VersionConflict);
            }
        }
    }
    production_offer::Entity::delete_many().filter(production_offer::Column::OrganizationId.eq(org)).exec(db).await?;
    for run in batches(&offers, CHUNK, |o| 120 + o.tile_type.len() + o.tile_key.len()) {
        production_offer::Entity::insert_many(run.iter().cloned().map(IntoActiveModel::into_active_model))
            .exec_without_returning(db)
            .await
            .map_err(|e| unique_as(e, "production_offers_tile"))?;
    }
    Ok(())
}
