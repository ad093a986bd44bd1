//! An organization's requisites and its logo, stamp and signature images, which its documents
//! print. Everyone reads their own organization's (the head company's people every one); an
//! admin edits them.
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::identity::requisites::OrgRequisites;
use domain::{OrganizationId, Permission};
use persistence::entities::organization_requisites;
use persistence::repo::{documents::requisites, identity};

/// The organization's requisites; `None` when nobody entered them yet.
pub async fn get(ctx: &AppState, who: &Credentials, org: OrganizationId) -> Result<Option<organization_requisites::Model>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::OrganizationsRead)?;
    identity::get_organization(&ctx.db, actor.scope, org).await?;
    Ok(requisites::get(&ctx.db, org.into()).await?)
}

/// Replaces the requisites (the images stay). `version` is the one read (`None` for the first time).
pub async fn put(ctx: &AppState, who: &Credentials, org: OrganizationId, r: OrgRequisites, version: Option<i32>) -> Result<organization_requisites::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::OrganizationsManage)?;
    identity::get_organization(&w.tx, w.actor.scope, org).await?;
    let current = requisites::get(&w.tx, org.into()).await?;
    let (logo_key, stamp_key, signature_key) = current.as_ref().map_or((None, None, None), |c| (c.logo_key.clone(), c.stamp_key.clone(), c.signature_key.clone()));
    let row = organization_requisites::Model {
        organization_id: org.into(), full_name: r.full_name, short_name: r.short_name, inn: r.inn, kpp: r.kpp, ogrn: r.ogrn,
        legal_address: r.legal_address, postal_address: r.postal_address, phone: r.phone, email: r.email, bank_account: r.bank_account,
        bik: r.bik, corr_account: r.corr_account, bank_name: r.bank_name, bank_city: r.bank_city, director_position: r.director_position,
        director_name: r.director_name, director_acting: r.director_acting, accountant_name: r.accountant_name, logo_key, stamp_key,
        signature_key, updated_at: w.now, version: current.as_ref().map_or(1, |c| c.version + 1),
    };
    let expected = match (&current, version) {
        (None, None) => None,
        (Some(c), Some(v)) if c.version == v => Some(v),
        _ => return Err(AppError::VersionConflict),
    };
    let saved = requisites::put(&w.tx, row, expected).await?;
    w.commit().await?;
    Ok(saved)
}

/// Which of the three pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImageKind {
    Logo,
    Stamp,
    Signature,
}

impl ImageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageKind::Logo => "logo",
            ImageKind::Stamp => "stamp",
            ImageKind::Signature => "signature",
        }
    }

    fn key_of(self, r: &organization_requisites::Model) -> Option<&String> {
        match self {
            ImageKind::Logo => r.logo_key.as_ref(),
            ImageKind::Stamp => r.stamp_key.as_ref(),
            ImageKind::Signature => r.signature_key.as_ref(),
        }
    }

    fn set(self, r: &mut organization_requisites::Model, key: Option<String>) {
        match self {
            ImageKind::Logo => r.logo_key = key,
            ImageKind::Stamp => r.stamp_key = key,
            ImageKind::Signature => r.signature_key = key,
        }
    }
}

/// PNG or JPEG, by their first bytes; anything else is refused.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Keeps a new picture (PNG or JPEG) for the organization; the requisites must exist first.
pub async fn put_image(ctx: &AppState, who: &Credentials, org: OrganizationId, kind: ImageKind, bytes: Vec<u8>) -> Result<organization_requisites::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::OrganizationsManage)?;
    identity::get_organization(&w.tx, w.actor.scope, org).await?;
    if image_type(&bytes).is_none() {
        return Err(AppError::field("file", domain::FieldError::new("invalid_format", "Загрузите картинку PNG или JPEG")));
    }
    let mut current = requisites::get(&w.tx, org.into()).await?.ok_or_else(|| {
        AppError::field("organization", domain::FieldError::new("required", "Сначала заполните реквизиты организации"))
    })?;
    let key = format!("organizations/{}/{}-{}", uuid::Uuid::from(org), kind.as_str(), uuid::Uuid::now_v7());
    ctx.files.put(&key, &bytes).await.map_err(|e| AppError::Internal(e.into()))?;
    let expected = current.version;
    kind.set(&mut current, Some(key));
    current.version += 1;
    current.updated_at = w.now;
    let saved = requisites::put(&w.tx, current, Some(expected)).await?;
    w.commit().await?;
    Ok(saved)
}

/// Removes a picture.
pub async fn delete_image(ctx: &AppState, who: &Credentials, org: OrganizationId, kind: ImageKind) -> Result<organization_requisites::Model, AppError> {
    let w = ctx.write(who).await?;
    w.actor.require(Permission::OrganizationsManage)?;
    identity::get_organization(&w.tx, w.actor.scope, org).await?;
    let mut current = requisites::get(&w.tx, org.into()).await?.ok_or(AppError::NotFound)?;
    if kind.key_of(&current).is_none() {
        return Err(AppError::NotFound);
    }
    let expected = current.version;
    kind.set(&mut current, None);
    current.version += 1;
    current.updated_at = w.now;
    let saved = requisites::put(&w.tx, current, Some(expected)).await?;
    w.commit().await?;
    Ok(saved)
}

/// The picture's bytes and type.
pub async fn image(ctx: &AppState, who: &Credentials, org: OrganizationId, kind: ImageKind) -> Result<(Vec<u8>, &'static str), AppError> {
    let current = get(ctx, who, org).await?.ok_or(AppError::NotFound)?;
    let key = kind.key_of(&current).ok_or(AppError::NotFound)?;
    let bytes = ctx.files.get(key).await.map_err(|e| AppError::Internal(e.into()))?;
    let ct = image_type(&bytes).unwrap_or("application/octet-stream");
    Ok((bytes, ct))
}

/// The pictures a document of the organization prints (missing ones are left out).
pub(crate) async fn images(ctx: &AppState, r: Option<&organization_requisites::Model>) -> Result<crate::render::Images, AppError> {
    let mut out = crate::render::Images::default();
    let Some(r) = r else { return Ok(out) };
    for (kind, slot) in [(ImageKind::Logo, &mut out.logo), (ImageKind::Stamp, &mut out.stamp), (ImageKind::Signature, &mut out.signature)] {
        if let Some(key) = kind.key_of(r) {
            *slot = Some(ctx.files.get(key).await.map_err(|e| AppError::Internal(e.into()))?);
        }
    }
    Ok(out)
}
