//! The use cases: one function per thing a person or an integrator does (move a card, convert a
//! lead, answer a request, register a payment…), one module per business area — the same names as
//! in the domain, persistence, routes and the web app.
//!
//! A use case owns its transaction: it verifies the caller in its own connection
//! ([`AppState::write`] or [`AppState::read`]), checks the caller's rights, loads through the
//! repositories, asks the domain, writes through the repositories and the outbox, commits, and
//! returns what the handler renders. Facts that cross areas (a completed request moves a deal)
//! go through one dispatcher, [`facts`]; what a stage starts in another area, through [`effects`];
//! what a card records, through [`journal`]. Handlers never call a repository.
pub mod clients;
pub mod documents;
pub mod effects;
pub mod facts;
pub mod files;
pub mod finance;
pub mod identity;
pub mod journal;
pub mod notifications;
pub mod pipelines;
pub mod production;
pub mod sales;
pub mod search;
pub mod work;

use crate::AppState;
use crate::auth::Credentials;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use domain::{ApiKeyId, OrganizationId, OrganizationKind, Permission, Role, UserId, sees_all_organizations};
use persistence::repo::{self, Author};
use persistence::{AccessScope, Tx};

/// The verified caller: a person or an integrator's key, with the role and scope it acts in.
#[derive(Debug, Clone)]
pub struct Actor {
    /// A person; `None` when an integrator calls with an API key.
    pub user_id: Option<UserId>,
    pub api_key_id: Option<ApiKeyId>,
    /// As histories and timelines name the caller.
    pub name: String,
    pub organization_id: OrganizationId,
    pub role: Role,
    pub scope: AccessScope,
}

impl Actor {
    /// The one permission check: the caller's role holds `p`, or 403.
    pub fn require(&self, p: Permission) -> Result<(), AppError> {
        if self.may(p) { Ok(()) } else { Err(AppError::Forbidden) }
    }

    /// The caller's role holds at least one of `ps`, or 403.
    pub fn require_any(&self, ps: &[Permission]) -> Result<(), AppError> {
        if ps.iter().any(|p| self.may(*p)) { Ok(()) } else { Err(AppError::Forbidden) }
    }

    /// Whether the caller's role holds `p` (to filter what a list shows).
    pub fn may(&self, p: Permission) -> bool {
        self.role.can(p)
    }

    pub fn author(&self) -> Author {
        Author { user_id: self.user_id, api_key_id: self.api_key_id, name: self.name.clone() }
    }
}

fn scope_of(role: Role, kind: OrganizationKind, org: OrganizationId) -> AccessScope {
    if sees_all_organizations(role, kind) { AccessScope::All } else { AccessScope::Organization(org) }
}

/// One write: the transaction, the verified caller and the time it happens at.
pub struct Write {
    pub tx: Tx,
    pub actor: Actor,
    pub now: DateTime<Utc>,
    /// The server's pipeline cache, for the cards the write loads.
    pub pipelines: persistence::repo::pipelines::Cache,
    /// Wakes this process's outbox dispatcher once the write is committed.
    dispatch: std::sync::Arc<tokio::sync::Notify>,
}

impl Write {
    pub async fn commit(self) -> Result<(), AppError> {
        persistence::commit(self.tx).await?;
        self.dispatch.notify_one();
        Ok(())
    }
}

impl AppState {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn today(&self) -> domain::Today {
        domain::Today(self.now().date_naive())
    }

    /// Verifies the caller for a read (one statement on the pool).
    pub async fn read(&self, who: &Credentials) -> Result<Actor, AppError> {
        self.verify(&self.db, who).await
    }

    /// Begins a write: the transaction, and the caller verified inside it.
    pub async fn write(&self, who: &Credentials) -> Result<Write, AppError> {
        let tx = persistence::begin_write(&self.db, &self.writes).await?;
        let actor = self.verify(&tx, who).await?;
        Ok(Write { tx, actor, now: self.now(), pipelines: self.pipelines.clone(), dispatch: self.live.dispatch.clone() })
    }

    /// Begins a write of the server's own (the reminder scheduler): no caller, every organization.
    pub async fn system_write(&self) -> Result<Write, AppError> {
        let tx = persistence::begin_write(&self.db, &self.writes).await?;
        let actor = Actor {
            user_id: None,
            api_key_id: None,
            name: "Tessera".to_owned(),
            organization_id: OrganizationId::from(uuid::Uuid::nil()),
            role: Role::Admin,
            scope: AccessScope::All,
        };
        Ok(Write { tx, actor, now: self.now(), pipelines: self.pipelines.clone(), dispatch: self.live.dispatch.clone() })
    }

    /// A token is good while its account is active and unchanged since it was issued (a new role,
    /// a new password or deactivation bump the account's token version); a key while it is not revoked.
    async fn verify(&self, db: &impl persistence::ConnectionTrait, who: &Credentials) -> Result<Actor, AppError> {
        let refused = AppError::Unauthorized("unauthorized");
        match who {
            Credentials::Token(c) => {
                let user = match repo::identity::get_user(db, c.sub).await {
                    Ok(u) => u,
                    Err(persistence::RepoError::NotFound) => return Err(refused),
                    Err(e) => return Err(e.into()),
                };
                if !user.is_active || user.token_version != c.ver || user.role()? != c.role || user.organization_id() != c.org {
                    return Err(refused);
                }
                Ok(Actor {
                    user_id: Some(c.sub),
                    api_key_id: None,
                    name: user.full_name,
                    organization_id: c.org,
                    role: c.role,
                    scope: if c.all { AccessScope::All } else { AccessScope::Organization(c.org) },
                })
            }
            Credentials::ApiKey { hash } => {
                let Some((key, org)) = repo::identity::find_active_api_key(db, hash).await? else { return Err(refused) };
                repo::identity::touch_api_key(db, &key, self.now()).await?;
                let role = key.role()?;
                Ok(Actor {
                    user_id: None,
                    api_key_id: Some(key.id.into()),
                    name: format!("API-ключ «{}»", key.name),
                    organization_id: org.organization_id(),
                    role,
                    scope: scope_of(role, org.kind()?, org.organization_id()),
                })
            }
        }
    }
}

/// Whether the database answers (for `/readyz`).
pub async fn ready(ctx: &AppState) -> Result<(), AppError> {
    Ok(persistence::ping(&ctx.db).await?)
}
