//! What a document row keeps beyond its columns — the JSON `details` a kind adds (a contract's
//! buyer signatory and account, a notice's paragraphs) — and the status names of the kinds that
//! have no workflow of their own (invoices, work orders, notices). One leaf module every part of
//! the documents area reads, so none of them has to read another's.
use uuid::Uuid;

/// Invoices that are issued and count (issue 11 cancels them).
pub const ISSUED: &str = "issued";
/// A work order or a notice not yet sent.
pub const DRAFT: &str = "draft";
/// Sent to the client.
pub const SENT: &str = "sent";

/// What a kind adds to a document, kept as JSON.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Details {
    /// The buyer's signatory on a contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatory: Option<BuyerSignatory>,
    /// The buyer's bank account a contract or an invoice names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_account_id: Option<Uuid>,
    /// A work order's or a notice's paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// What a contract says of the buyer's signatory (typed when the contract is made).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct BuyerSignatory {
    /// «Генеральный директор».
    pub position: Option<String>,
    /// «Петров Пётр Петрович».
    pub name: Option<String>,
    /// «в лице Генерального директора Петрова Петра Петровича, действующего на основании Устава».
    pub acting: Option<String>,
}

impl Details {
    /// A document's details as stored (none: the defaults).
    pub fn of(doc: &persistence::entities::document::Model) -> Details {
        doc.details.as_deref().and_then(|d| serde_json::from_str(d).ok()).unwrap_or_default()
    }
}
