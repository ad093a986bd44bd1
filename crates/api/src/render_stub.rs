//! TEMPORARY stub with the agreed API (replaced by the real module).
use serde::{Deserialize, Serialize};
pub struct Renderer;
impl Renderer {
    pub fn new(_max_parallel: usize) -> Renderer { Renderer }
    pub async fn render(&self, _doc: &DocumentData, _images: &Images, _opts: RenderOptions) -> Result<Vec<u8>, RenderError> { Ok(b"%PDF-stub".to_vec()) }
    pub fn render_blocking(&self, _doc: &DocumentData, _images: &Images, _opts: RenderOptions) -> Result<Vec<u8>, RenderError> { Ok(b"%PDF-stub".to_vec()) }
}
#[derive(Clone, Copy, Default)] pub struct RenderOptions { pub with_stamp: bool }
#[derive(Clone, Default)] pub struct Images { pub logo: Option<Vec<u8>>, pub stamp: Option<Vec<u8>>, pub signature: Option<Vec<u8>> }
#[derive(Debug, thiserror::Error)] pub enum RenderError { #[error("template: {0}")] Template(String), #[error("busy")] Busy }
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct DocumentData {
  pub kind: String, pub title: String, pub number: String, pub date: String, pub city: Option<String>,
  pub supplier: Party, pub buyer: Option<Party>, pub lines: Vec<Line>, pub totals: Option<Totals>, pub schedule: Vec<SchedulePart>,
  pub valid_until: Option<String>, pub terms: Option<String>, pub contract: Option<ContractText>, pub notes: Vec<String>, pub manager: Option<String>,
}
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Party { pub name_full: String, pub name_short: String, pub inn: Option<String>, pub kpp: Option<String>, pub ogrn: Option<String>,
  pub legal_address: Option<String>, pub postal_address: Option<String>, pub phone: Option<String>, pub email: Option<String>,
  pub bank: Option<BankDetails>, pub signatory: Option<Signatory>, pub accountant: Option<String> }
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct BankDetails { pub account: String, pub bank_name: String, pub bik: String, pub corr_account: Option<String>, pub city: Option<String> }
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Signatory { pub position: String, pub name: String, pub acting: String }
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Line { pub no: u32, pub name: String, pub article: Option<String>, pub quantity: String, pub unit: String, pub price: String, pub discount: Option<String>, pub amount: String, pub vat_rate: String, pub vat_amount: String }
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Totals { pub total: String, pub vat_total: String, pub vat_label: String, pub amount_in_words: String, pub count_line: String }
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct SchedulePart { pub label: String, pub percent: String, pub amount: String, pub due: String }
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct ContractText { pub kind_title: String, pub preamble: String, pub sections: Vec<ContractSection>, pub amount_clause: Option<String> }
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct ContractSection { pub title: String, pub clauses: Vec<String> }
