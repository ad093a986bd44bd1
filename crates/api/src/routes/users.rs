use super::prelude::*;
use domain::Email;

// ---------- users (admin manages users and roles) ----------

#[derive(Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    #[schema(value_type = domain::Role)]
    pub role: String,
    pub organization_id: Uuid,
    pub organization_name: String,
    pub is_active: bool,
    pub locale: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// Users as the API shows them, with their organizations' names looked up once.
async fn users_out(db: &persistence::Db, rows: Vec<persistence::entities::user::Model>) -> Result<Vec<User>, ApiError> {
    let names = repo::organization_names(db, rows.iter().map(|u| u.organization_id)).await?;
    Ok(rows
        .into_iter()
        .map(|u| User {
            organization_name: names.get(&u.organization_id).cloned().unwrap_or_default(),
            id: u.id, email: u.email, full_name: u.full_name, role: u.role, organization_id: u.organization_id, is_active: u.is_active,
            locale: u.locale, created_at: u.created_at, updated_at: u.updated_at, version: u.version,
        })
        .collect())
}

async fn user_out(db: &persistence::Db, row: persistence::entities::user::Model) -> Result<User, ApiError> {
    users_out(db, vec![row]).await?.pop().ok_or(ApiError::NotFound)
}

#[derive(Serialize, ToSchema)]
pub struct UserPage {
    pub items: Vec<User>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct UserListQuery {
    pub q: Option<String>,
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[utoipa::path(tag = "users", params(UserListQuery), responses(
    (status = 200, body = UserPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/users")]
pub async fn list_users(state: web::Data<AppState>, actor: Actor, q: web::Query<UserListQuery>) -> Result<web::Json<UserPage>, ApiError> {
    actor.require(Permission::UsersManage)?;
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let search = q.q.as_deref().map(|s| s.trim().to_lowercase());
    let mut items = repo::list_users(&state.db, actor.scope, search.as_deref(), limit + 1, q.cursor.as_deref()).await?;
    let next_cursor = if items.len() as u64 > limit {
        items.truncate(limit as usize);
        items.last().map(|u| u.email.clone())
    } else {
        None
    };
    Ok(web::Json(UserPage { items: users_out(&state.db, items).await?, next_cursor }))
}

#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), responses(
    (status = 200, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/users/{id}")]
pub async fn get_user(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>) -> Result<web::Json<User>, ApiError> {
    actor.require(Permission::UsersManage)?;
    Ok(web::Json(user_out(&state.db, repo::get_user_scoped(&state.db, actor.scope, *id).await?).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct NewUser {
    pub email: String,
    pub full_name: String,
    #[schema(value_type = domain::Role)]
    pub role: String,
    pub organization_id: Uuid,
    pub password: String,
}

fn password_ok(errors: &mut FieldErrors, p: &str) {
    if p.chars().count() < 8 {
        errors.add("password", domain::FieldError::new("invalid_length", "Пароль — не короче 8 символов"));
    }
}

#[utoipa::path(tag = "users", request_body = NewUser, responses(
    (status = 201, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`email` `taken` when the address is in use"),
))]
#[post("/users")]
pub async fn create_user(state: web::Data<AppState>, actor: Actor, body: web::Json<NewUser>) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::UsersManage)?;
    let mut errors = FieldErrors::new();
    let email = errors.required("email", Some(&body.email), Email::parse);
    let full_name = errors.required("full_name", Some(&body.full_name), |s| domain::text(200, s));
    let role = Role::parse(&body.role);
    if role.is_none() {
        errors.add("role", domain::FieldError::new("invalid_value", "Неизвестная роль"));
    }
    password_ok(&mut errors, &body.password);
    errors.into_result()?;
    let (Some(email), Some(full_name), Some(role)) = (email, full_name, role) else { return Err(ApiError::Internal(anyhow::anyhow!("validated"))) };
    repo::get_organization(&state.db, actor.scope, body.organization_id).await?;
    let now = Utc::now();
    let user = repo::insert_user(&state.db, persistence::entities::user::Model {
        id: Uuid::now_v7(), organization_id: body.organization_id, email: email.as_str().to_owned(), full_name, role: role.as_str().to_owned(),
        password_hash: crate::auth::hash_password(&body.password)?, is_active: true, locale: "ru".into(), created_at: now, updated_at: now, version: 1,
    })
    .await?;
    Ok(HttpResponse::Created().json(user_out(&state.db, user).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct UserPatch {
    pub version: i32,
    pub full_name: Option<String>,
    #[schema(value_type = Option<domain::Role>)]
    pub role: Option<String>,
    pub is_active: Option<bool>,
    pub password: Option<String>,
    pub locale: Option<String>,
}

#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), request_body = UserPatch, responses(
    (status = 200, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/users/{id}")]
pub async fn update_user(state: web::Data<AppState>, actor: Actor, id: web::Path<Uuid>, body: web::Json<UserPatch>) -> Result<web::Json<User>, ApiError> {
    actor.require(Permission::UsersManage)?;
    let b = body.into_inner();
    let mut errors = FieldErrors::new();
    let full_name = b.full_name.as_deref().and_then(|n| errors.required("full_name", Some(n), |s| domain::text(200, s)));
    let role = b.role.as_deref().map(Role::parse);
    if role == Some(None) {
        errors.add("role", domain::FieldError::new("invalid_value", "Неизвестная роль"));
    }
    if let Some(l) = &b.locale {
        one_of(&mut errors, "locale", l, &["ru", "en"]);
    }
    if let Some(p) = &b.password {
        password_ok(&mut errors, p);
    }
    if b.is_active == Some(false) && actor.user_id == Some(*id) {
        errors.add("is_active", domain::FieldError::new("not_allowed", "Нельзя отключить самого себя"));
    }
    errors.into_result()?;
    let mut user = repo::get_user_scoped(&state.db, actor.scope, *id).await?;
    if user.version != b.version {
        return Err(ApiError::VersionConflict);
    }
    if let Some(n) = full_name { user.full_name = n }
    if let Some(Some(r)) = role { user.role = r.as_str().to_owned() }
    if let Some(a) = b.is_active { user.is_active = a }
    if let Some(l) = b.locale { user.locale = l }
    if let Some(p) = &b.password { user.password_hash = crate::auth::hash_password(p)? }
    user.version += 1;
    user.updated_at = Utc::now();
    Ok(web::Json(user_out(&state.db, repo::update_user(&state.db, b.version, user).await?).await?))
}
