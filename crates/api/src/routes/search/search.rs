//! `/search`: clients, contacts, leads and deals by number, name, phone, e-mail or INN.
use crate::routes::prelude::*;
use domain::sales::CardKind;
use domain::search::SearchQuery;
use persistence::repo::search::CardHit;

/// One thing found.
#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    pub id: Uuid,
    /// A lead's or deal's number.
    pub number: Option<i64>,
    /// The client's or contact's name, the card's title.
    pub title: String,
    /// What tells it apart: the phone or e-mail, the contact's client, the card's stage and client.
    pub detail: Option<String>,
    /// A won or lost card.
    pub closed: bool,
    /// Where the web app opens it.
    pub link: String,
}

/// What one query found, by kind, the best first (at most `limit` of each; a kind the caller
/// may not read is empty).
#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    pub clients: Vec<SearchHit>,
    pub contacts: Vec<SearchHit>,
    pub leads: Vec<SearchHit>,
    pub deals: Vec<SearchHit>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchQueryParams {
    /// 2–100 characters: a number («238», «№238»), a name, a phone in any format, an e-mail, an INN.
    pub q: String,
    /// Per kind, 1..=20, default 5.
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<u64>,
}

fn join(parts: &[Option<&str>]) -> Option<String> {
    let parts: Vec<&str> = parts.iter().flatten().copied().filter(|s| !s.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn card(kind: CardKind, (h, stage): (CardHit, String)) -> SearchHit {
    let path = match kind {
        CardKind::Lead => "leads",
        CardKind::Deal => "deals",
    };
    SearchHit {
        detail: join(&[Some(&stage), h.who.as_deref()]),
        closed: h.status != "open",
        link: format!("/{path}/{}", h.id),
        id: h.id, number: Some(h.number), title: h.title,
    }
}

#[utoipa::path(tag = "search", params(SearchQueryParams), responses(
    (status = 200, body = SearchResults),
    (status = 403, body = Problem, content_type = "application/problem+json", description = "a role that reads no clients, leads or deals"),
    (status = 422, body = Problem, content_type = "application/problem+json", description = "`q` shorter than 2 or longer than 100 characters"),
))]
#[get("/search")]
pub async fn search(state: web::Data<AppState>, who: Credentials, q: Query<SearchQueryParams>) -> Result<web::Json<SearchResults>, AppError> {
    let query = SearchQuery::parse(&q.q).map_err(|e| AppError::field("q", e))?;
    let per_kind = match q.limit.unwrap_or(5) {
        n @ 1..=20 => n as usize,
        _ => return Err(AppError::field("limit", FieldError::new("out_of_range", "От 1 до 20"))),
    };
    let found = app::search::search(&state, &who, &query, per_kind).await?;
    Ok(web::Json(SearchResults {
        clients: found
            .clients
            .into_iter()
            .map(|c| SearchHit {
                detail: join(&[c.phone.as_deref(), c.email.as_deref()]),
                closed: false,
                link: format!("/clients/{}", c.id),
                id: c.id, number: None, title: c.name,
            })
            .collect(),
        contacts: found
            .contacts
            .into_iter()
            .map(|c| SearchHit {
                title: [c.last_name.as_deref(), Some(c.first_name.as_str()), c.middle_name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" "),
                detail: join(&[Some(&c.client_name), c.phone.as_deref().or(c.mobile.as_deref()), c.email.as_deref()]),
                closed: false,
                link: format!("/clients/{}", c.client_id),
                id: c.id, number: None,
            })
            .collect(),
        leads: found.leads.into_iter().map(|h| card(CardKind::Lead, h)).collect(),
        deals: found.deals.into_iter().map(|h| card(CardKind::Deal, h)).collect(),
    }))
}
