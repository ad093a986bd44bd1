//! The fact dispatcher: the one place where something recorded in one area moves cards in
//! another. Each [`Happened`] names what happened; [`record`] finds the card it concerns and runs
//! the pipeline engine on it with the fact (the card may move by itself, and cascade). A payment,
//! a shipment or a receipt that later issues add is one more arm here, not a call from one
//! repository into another.
use crate::app::Write;
use crate::app::sales::cards::{self, CardView};
use crate::error::AppError;
use domain::DealId;
use domain::pipelines::{Command, DocumentFact, Fact, FinanceFact, ProductionFact, RequestKind};
use domain::sales::CardId;
use persistence::AccessScope;

/// Something that happened outside a card's pipeline that its pipeline may wait for.
#[derive(Debug, Clone)]
pub enum Happened {
    /// The deal's invoices are paid as their schedules require now (issue 11).
    PaymentRegistered { deal: DealId },
    /// A department answered a deal's request.
    RequestCompleted { deal: DealId, kind: RequestKind },
    /// A task a pipeline stage created was done.
    TaskCompleted { card: CardId, code: String },
    /// A deal's documents came to a point (the offer e-mailed, the contract and invoice made…);
    /// a lead's typical offer was e-mailed.
    Documents { card: CardId, fact: DocumentFact },
    /// A deal's invoices came to a point: all shipped with money owed, or all shipped and paid.
    Finance { card: CardId, fact: FinanceFact },
    /// A deal's production order came to a point: given to a production, accepted by one.
    Production { deal: DealId, fact: ProductionFact },
}

impl Happened {
    /// The card it concerns and the fact the card records.
    fn fact(&self) -> (CardId, Fact) {
        match self {
            Happened::PaymentRegistered { deal } => (CardId::Deal(*deal), Fact::payment_received()),
            Happened::RequestCompleted { deal, kind } => (CardId::Deal(*deal), Fact::request_completed(*kind)),
            Happened::TaskCompleted { card, code } => (*card, Fact::task_completed(code)),
            Happened::Documents { card, fact } => (*card, Fact::documents(*fact)),
            Happened::Finance { card, fact } => (*card, Fact::finance(*fact)),
            Happened::Production { deal, fact } => (CardId::Deal(*deal), Fact::production(*fact)),
        }
    }
}

/// Records the fact on the card it concerns, in the caller's transaction, and returns the card as
/// it is now. The caller's right to what happened was checked by its use case; the fact itself
/// applies to whatever the card is now (no version), whoever may see it.
pub async fn record(w: &Write, happened: Happened) -> Result<CardView, AppError> {
    let (card, fact) = happened.fact();
    let mut view = cards::load(&w.tx, &w.pipelines, AccessScope::All, card).await?;
    cards::run(w, &mut view, &Command::RecordFact(fact)).await?;
    Ok(view)
}
