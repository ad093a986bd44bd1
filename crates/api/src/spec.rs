//! The OpenAPI document: what the routes declare, completed so it says what the server does for
//! every operation — who needs a token (401), what a body or a query can get wrong (400, 413,
//! 422), what an id in the path may not find (404) — and served as it is committed.
use crate::{error, routes};
use actix_web::App;
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(title = "Tessera API", version = "1", description = "Order-to-cash for rubber tiles and production lines. Errors are RFC 9457 problem+json."),
    components(schemas(error::Problem, error::ProblemFieldError, routes::clients::clients::ClientSort, routes::work::tasks::TaskView, crate::app::documents::requisites::ImageKind)),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
struct ApiDoc;

struct BearerAuth;
impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()));
    }
}

/// The OpenAPI document exactly as the server serves it.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut spec) = routes::register(App::new().into_utoipa_app().openapi(ApiDoc::openapi())).split_for_parts();
    for item in spec.paths.paths.values_mut() {
        for op in [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch].into_iter().flatten() {
            complete(op);
        }
    }
    with_rules(spec)
}

/// Rules between fields that the derived schemas cannot say: a lead needs a phone or an e-mail;
/// the requisites a counterparty needs follow from its kind (seed 001 §2.2).
fn with_rules(mut spec: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::schema::Schema;
    let mut rule = |name: &str, keyword: &str, value: serde_json::Value| {
        if let Some(RefOr::T(Schema::Object(o))) = spec.components.as_mut().and_then(|c| c.schemas.get_mut(name)) {
            o.extensions.get_or_insert_with(Default::default).insert(keyword.to_owned(), value);
        }
    };
    rule("NewLead", "anyOf", serde_json::json!([{"required": ["phone"]}, {"required": ["email"]}]));
    rule("CounterpartyInput", "allOf", serde_json::json!([
        {"if": {"properties": {"kind": {"const": "legal_entity"}}}, "then": {"required": ["inn", "kpp"]}},
        {"if": {"properties": {"kind": {"const": "sole_trader"}}}, "then": {"required": ["inn"]}},
    ]));
    spec
}

/// Adds the answers every operation of its shape can give, where its route does not say them.
fn complete(op: &mut Operation) {
    // `security(())` on a route means no token; everything else takes one.
    let public = op.security.as_ref().is_some_and(|s| s.iter().all(|r| serde_json::to_value(r).is_ok_and(|v| v == serde_json::json!({}))));
    let params = op.parameters.as_deref().unwrap_or_default();
    let located = |at: ParameterIn| params.iter().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == at));
    let (in_path, in_query) = (located(ParameterIn::Path), located(ParameterIn::Query));
    let json_body = matches!(&op.request_body, Some(RefOr::T(b)) if b.content.contains_key("application/json"));
    let any_body = op.request_body.is_some();
    let mut add = |status: &str, description: &str| {
        op.responses.responses.entry(status.to_owned()).or_insert_with(|| problem(description));
    };
    if !public {
        add("401", "unauthorized: no token, a forged or expired one, or one of an account that changed since");
    }
    if json_body {
        add("400", "bad_request: the body is not JSON");
    }
    if any_body {
        add("413", "payload_too_large: more than the operation takes");
    }
    if in_path {
        add("404", "not_found: no such row in the caller's scope");
    }
    if json_body || in_query || any_body {
        add("422", "validation_failed: `errors` name every field that is missing, of the wrong type, unknown, or out of range");
    }
}

fn problem(description: &str) -> RefOr<utoipa::openapi::Response> {
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
    RefOr::T(ResponseBuilder::new().description(description).content("application/problem+json", content).build())
}

#[cfg(test)]
mod tests {
    /// The committed spec is what the code generates; `make openapi` refreshes it.
    #[test]
    fn committed_openapi_spec_is_current() {
        let generated = super::openapi().to_pretty_json().expect("spec");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(committed.trim_end() == generated.trim_end(), "openapi/openapi.json is stale: run `make openapi`");
    }

    #[test]
    fn every_operation_that_takes_a_token_says_it_may_answer_401_and_the_service_ones_take_none() {
        let spec = serde_json::to_value(super::openapi()).expect("json");
        for (path, item) in spec["paths"].as_object().expect("paths") {
            for (method, op) in item.as_object().expect("item") {
                let public = op["security"] == serde_json::json!([{}]);
                assert!(public || op["responses"].get("401").is_some(), "{method} {path}");
                if op.get("requestBody").is_some() {
                    assert!(op["responses"].get("422").is_some(), "{method} {path}");
                }
            }
        }
        for path in ["/healthz", "/readyz", "/metrics", "/api/v1/auth/login"] {
            assert_eq!(spec["paths"][path]["get"].get("security").or(spec["paths"][path]["post"].get("security")), Some(&serde_json::json!([{}])), "{path}");
        }
    }

    #[test]
    fn the_rules_between_fields_are_in_the_schema() {
        let spec = serde_json::to_value(super::openapi()).expect("json");
        let schemas = &spec["components"]["schemas"];
        assert_eq!(schemas["NewLead"]["anyOf"], serde_json::json!([{"required": ["phone"]}, {"required": ["email"]}]));
        assert_eq!(schemas["CounterpartyInput"]["allOf"][0]["then"]["required"], serde_json::json!(["inn", "kpp"]));
    }
}
