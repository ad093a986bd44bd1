//! Records what a deal's documents have come to on the deal: the facts its pipeline waits for
//! (`documents:offer_sent`, `documents:prepared`, `documents:sent`, `documents:signed`). Called in
//! the transaction that made, sent or signed a document; a fact already recorded changes nothing.
use crate::app::Write;
use crate::app::facts::{self, Happened};
use crate::error::AppError;
use domain::documents::{ContractKind, ContractStatus, DealDocuments, DocumentKind, OfferStatus, is_valid_on};
use domain::sales::DealKind;
use persistence::entities::{deal, document};
use persistence::repo::documents::documents as docs;

/// The contract kinds that cover a deal of this kind.
fn kinds_for(kind: Option<DealKind>) -> &'static [ContractKind] {
    match kind {
        Some(DealKind::TileSale) => &[ContractKind::TileSupply, ContractKind::TileSupplyInstallation],
        Some(DealKind::LineSale) => &[ContractKind::LineSupply],
        _ => ContractKind::ALL,
    }
}

fn is(d: &document::Model, kind: DocumentKind) -> bool {
    d.kind == kind.as_str()
}

/// The deal's documents as its progress sees them.
pub async fn of_deal(w: &Write, deal: &deal::Model) -> Result<DealDocuments, AppError> {
    let all = docs::of_deal(&w.tx, deal.id.into()).await?;
    let today = w.now.date_naive();
    let contract = all.iter().rev().find(|d| is(d, DocumentKind::Contract) && d.status != ContractStatus::NotSigned.as_str());
    let contract_status = contract.and_then(|c| ContractStatus::parse(&c.status));
    let invoices: Vec<&document::Model> = all.iter().filter(|d| is(d, DocumentKind::Invoice) && d.status == super::stored::ISSUED).collect();
    let covering = kinds_for(DealKind::parse(&deal.kind));
    let on_file = docs::of_client(&w.tx, deal.client_id, DocumentKind::Contract.as_str())
        .await?
        .iter()
        .filter(|c| c.deal_id != Some(deal.id))
        .any(|c| {
            let kind = c.contract_kind.as_deref().and_then(ContractKind::parse);
            let status = ContractStatus::parse(&c.status);
            matches!((kind, status), (Some(k), Some(s)) if covering.contains(&k) && is_valid_on(s, c.valid_until, today))
        });
    Ok(DealDocuments {
        offer_sent: all.iter().any(|d| is(d, DocumentKind::Offer) && d.sent_at.is_some() && d.status != OfferStatus::Draft.as_str()),
        contract_made: contract.is_some(),
        contract_sent: contract_status.is_some_and(|s| s != ContractStatus::Draft),
        contract_signed: contract_status == Some(ContractStatus::Signed),
        contract_on_file: on_file,
        invoice_made: !invoices.is_empty(),
        invoice_sent: invoices.iter().any(|i| i.sent_at.is_some()),
    })
}

/// Records every fact the deal's documents establish now.
pub async fn record(w: &Write, deal: &deal::Model) -> Result<(), AppError> {
    let state = of_deal(w, deal).await?;
    for fact in state.facts() {
        facts::record(w, Happened::Documents { card: domain::sales::CardId::Deal(deal.id.into()), fact }).await?;
    }
    Ok(())
}
