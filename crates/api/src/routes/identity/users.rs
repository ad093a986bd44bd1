//! `/users`: accounts, managed by an admin.
use crate::routes::prelude::*;
use app::identity::users::Users;
use domain::identity::{Locale, NewUser as NewUserCmd, Password, UserChanges};
use domain::{Email, UserId};

#[derive(Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub organization_id: Uuid,
    pub organization_name: String,
    pub is_active: bool,
    pub locale: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

fn users_out(u: Users) -> Result<Vec<User>, AppError> {
    u.items
        .into_iter()
        .map(|x| {
            Ok(User {
                organization_name: u.organization_names.get(&x.organization_id()).cloned().unwrap_or_default(),
                role: x.role()?,
                id: x.id, email: x.email, full_name: x.full_name, organization_id: x.organization_id, is_active: x.is_active,
                locale: x.locale, created_at: x.created_at, updated_at: x.updated_at, version: x.version,
            })
        })
        .collect()
}

fn user_out(u: Users) -> Result<User, AppError> {
    users_out(u)?.pop().ok_or(AppError::NotFound)
}

#[derive(Serialize, ToSchema)]
pub struct UserPage {
    pub items: Vec<User>,
    pub next_cursor: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UserListQuery {
    pub q: Option<String>,

    /// 1..=200, default 50.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

#[utoipa::path(tag = "users", params(UserListQuery), responses(
    (status = 200, body = UserPage),
    (status = 403, body = Problem, content_type = "application/problem+json"),
))]
#[get("/users")]
pub async fn list_users(state: web::Data<AppState>, who: Credentials, q: Query<UserListQuery>) -> Result<web::Json<UserPage>, AppError> {
    let (users, next_cursor) = app::identity::users::list(&state, &who, q.q.as_deref(), page_limit(q.limit)?, q.cursor.as_deref()).await?;
    Ok(web::Json(UserPage { items: users_out(users)?, next_cursor }))
}

#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), responses(
    (status = 200, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/users/{id}")]
pub async fn get_user(state: web::Data<AppState>, who: Credentials, id: web::Path<UserId>) -> Result<web::Json<User>, AppError> {
    Ok(web::Json(user_out(app::identity::users::get(&state, &who, *id).await?)?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub email: String,
    pub full_name: String,
    #[schema(value_type = domain::Role)]
    pub role: String,
    pub organization_id: Uuid,
    pub password: String,
}

impl TryFrom<NewUser> for NewUserCmd {
    type Error = FieldErrors;
    fn try_from(b: NewUser) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = errors.required("email", Some(&b.email), Email::parse);
        let full_name = errors.required("full_name", Some(&b.full_name), |s| domain::text(200, s));
        let role = named::<Role>(&mut errors, "role", &b.role);
        let password = errors.required("password", Some(&b.password), Password::parse);
        match (email, full_name, role, password) {
            (Some(email), Some(full_name), Some(role), Some(password)) if errors.is_empty() => {
                Ok(NewUserCmd { email, full_name, role, organization_id: b.organization_id.into(), password })
            }
            _ => Err(errors),
        }
    }
}

#[utoipa::path(tag = "users", request_body = NewUser, responses(
    (status = 201, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`email` `taken` when the address is in use"),
))]
#[post("/users")]
pub async fn create_user(state: web::Data<AppState>, who: Credentials, body: Body<NewUser>) -> Result<HttpResponse, AppError> {
    let cmd = NewUserCmd::try_from(body.into_inner())?;
    Ok(HttpResponse::Created().json(user_out(app::identity::users::create(&state, &who, cmd).await?)?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    pub version: i32,
    pub full_name: Option<String>,
    #[schema(value_type = Option<domain::Role>)]
    pub role: Option<String>,
    pub is_active: Option<bool>,
    pub password: Option<String>,
    pub locale: Option<String>,
}

impl TryFrom<UserPatch> for UserChanges {
    type Error = FieldErrors;
    fn try_from(b: UserPatch) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let full_name = b.full_name.as_deref().and_then(|n| errors.required("full_name", Some(n), |s| domain::text(200, s)));
        let role = b.role.as_deref().and_then(|r| named::<Role>(&mut errors, "role", r));
        let locale = b.locale.as_deref().and_then(|l| named::<Locale>(&mut errors, "locale", l));
        let password = b.password.as_deref().and_then(|p| errors.required("password", Some(p), Password::parse));
        errors.into_result()?;
        Ok(UserChanges { version: b.version, full_name, role, is_active: b.is_active, password, locale })
    }
}

#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), request_body = UserPatch, responses(
    (status = 200, body = User),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 409, body = Problem, content_type = "application/problem+json", description = "version_conflict"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[patch("/users/{id}")]
pub async fn update_user(state: web::Data<AppState>, who: Credentials, id: web::Path<UserId>, body: Body<UserPatch>) -> Result<web::Json<User>, AppError> {
    let changes = UserChanges::try_from(body.into_inner())?;
    Ok(web::Json(user_out(app::identity::users::update(&state, &who, *id, changes).await?)?))
}
