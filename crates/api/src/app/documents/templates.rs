//! The letters documents are sent with: one template per document kind and organization, the
//! domain's default until an admin edits it. A template with an unknown placeholder is refused.
use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use domain::documents::{DocumentKind, check_template, default_template};
use domain::{FieldErrors, Permission};
use persistence::entities::mail_template;
use persistence::repo::documents::templates;

/// The caller's organization's templates, one per kind (the default where none was saved).
pub async fn list(ctx: &AppState, who: &Credentials) -> Result<Vec<(DocumentKind, String, String, bool)>, AppError> {
    let actor = ctx.read(who).await?;
    actor.require(Permission::DocumentsRead)?;
    let saved = templates::of_org(&ctx.db, actor.organization_id.into()).await?;
    Ok(DocumentKind::ALL
        .iter()
        .map(|k| match saved.iter().find(|t| t.document_kind == k.as_str()) {
            Some(t) => (*k, t.subject.clone(), t.body.clone(), true),
            None => {
                let d = default_template(*k);
                (*k, d.subject.to_owned(), d.body_with_signature(), false)
            }
        })
        .collect())
}

pub async fn put(ctx: &AppState, who: &Credentials, kind: DocumentKind, subject: &str, body: &str) -> Result<mail_template::Model, AppError> {
    let mut errs = FieldErrors::new();
    let subject = errs.required("subject", Some(subject), |s| {
        let s = domain::text(300, s)?;
        check_template(&s).map(|()| s)
    });
    let body = errs.required("body", Some(body), |s| {
        let s = domain::text(20_000, s)?;
        check_template(&s).map(|()| s)
    });
    errs.into_result()?;
    let w = ctx.write(who).await?;
    w.actor.require(Permission::OrganizationsManage)?;
    let row = mail_template::Model {
        organization_id: w.actor.organization_id.into(), document_kind: kind.as_str().to_owned(), subject: subject.unwrap_or_default(),
        body: body.unwrap_or_default(), updated_at: w.now,
    };
    let saved = templates::put(&w.tx, row).await?;
    w.commit().await?;
    Ok(saved)
}
