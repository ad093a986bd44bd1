//! `/counterparties/{id}/bank-accounts`, `/bank-accounts/{id}`: counterparties' bank accounts.
use crate::routes::prelude::*;
use crate::views::clients::BankAccount;
use domain::clients::commands::NewBankAccount as NewBankAccountCmd;
use domain::{BankAccountId, CounterpartyId};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewBankAccount {
    pub account_number: String,
    pub bik: String,
    /// Only needed when the BIK is not in the directory.
    pub corr_account: Option<String>,
    pub bank_name: Option<String>,
    pub city: Option<String>,
}

impl TryFrom<&NewBankAccount> for NewBankAccountCmd {
    type Error = FieldErrors;
    fn try_from(b: &NewBankAccount) -> Result<Self, FieldErrors> {
        NewBankAccountCmd::parse(&b.account_number, &b.bik, b.corr_account.as_deref(), b.bank_name.as_deref(), b.city.as_deref())
    }
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Counterparty id")), request_body = NewBankAccount, responses(
    (status = 201, body = BankAccount),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
#[post("/counterparties/{id}/bank-accounts")]
pub async fn create_bank_account(state: web::Data<AppState>, who: Credentials, id: web::Path<CounterpartyId>, body: Body<NewBankAccount>) -> Result<HttpResponse, AppError> {
    let account = NewBankAccountCmd::try_from(&*body)?;
    let saved = app::clients::bank_accounts::create(&state, &who, *id, account).await?;
    Ok(HttpResponse::Created().json(BankAccount::from(saved)))
}

#[utoipa::path(tag = "clients", params(("id" = Uuid, Path, description = "Bank account id")), responses(
    (status = 204, description = "Deleted"),
    (status = 403, body = Problem, content_type = "application/problem+json"),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[delete("/bank-accounts/{id}")]
pub async fn delete_bank_account(state: web::Data<AppState>, who: Credentials, id: web::Path<BankAccountId>) -> Result<HttpResponse, AppError> {
    app::clients::bank_accounts::delete(&state, &who, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}
