//! What a deal's documents have come to, as the facts that move the deal (issue 10, «Сделка
//! движется по фактам»): the offer e-mailed → «КП отправлено»; the contract and the invoice both
//! made → «Договор и счёт подготовлены»; both e-mailed → «отправлены»; the contract signed →
//! «Документы подписаны». A client with a signed contract of the right kind in force needs no new
//! one (seed 001 §3.1: «Если есть текущий договор по клиенту, переходим на этап 3.2»): the invoice
//! alone is then prepared, sent and, with that contract, signed.
use crate::pipelines::DocumentFact;

/// A deal's documents as far as its progress goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DealDocuments {
    /// A version of the offer was e-mailed.
    pub offer_sent: bool,
    /// The deal has a contract that is not ended as not signed.
    pub contract_made: bool,
    /// That contract was e-mailed (it is past its draft).
    pub contract_sent: bool,
    /// That contract is signed.
    pub contract_signed: bool,
    /// The client already has a signed contract of the right kind in force.
    pub contract_on_file: bool,
    /// The deal has an invoice that is not cancelled.
    pub invoice_made: bool,
    /// Such an invoice was e-mailed.
    pub invoice_sent: bool,
}

impl DealDocuments {
    /// The facts the documents establish, in the order the deal passes them.
    pub fn facts(&self) -> Vec<DocumentFact> {
        let mut out = Vec::new();
        if self.offer_sent {
            out.push(DocumentFact::OfferSent);
        }
        let contract_ready = self.contract_on_file || self.contract_made;
        if self.invoice_made && contract_ready {
            out.push(DocumentFact::Prepared);
            let contract_out = self.contract_on_file || self.contract_sent;
            if self.invoice_sent && contract_out {
                out.push(DocumentFact::Sent);
                if self.contract_on_file || self.contract_signed {
                    out.push(DocumentFact::Signed);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DocumentFact::*;

    #[test]
    fn an_emailed_offer_is_the_offer_sent_fact() {
        let d = DealDocuments { offer_sent: true, ..Default::default() };
        assert_eq!(d.facts(), [OfferSent]);
    }

    #[test]
    fn documents_are_prepared_only_when_both_the_contract_and_the_invoice_exist() {
        let only_invoice = DealDocuments { invoice_made: true, ..Default::default() };
        assert_eq!(only_invoice.facts(), []);
        let only_contract = DealDocuments { contract_made: true, ..Default::default() };
        assert_eq!(only_contract.facts(), []);
        let both = DealDocuments { invoice_made: true, contract_made: true, ..Default::default() };
        assert_eq!(both.facts(), [Prepared]);
    }

    #[test]
    fn documents_are_sent_only_when_both_were_emailed() {
        let invoice_only_sent = DealDocuments { invoice_made: true, invoice_sent: true, contract_made: true, ..Default::default() };
        assert_eq!(invoice_only_sent.facts(), [Prepared]);
        let both = DealDocuments { contract_sent: true, ..invoice_only_sent };
        assert_eq!(both.facts(), [Prepared, Sent]);
    }

    #[test]
    fn a_signed_contract_after_both_were_sent_is_the_signed_fact() {
        let d = DealDocuments { invoice_made: true, invoice_sent: true, contract_made: true, contract_sent: true, contract_signed: true, ..Default::default() };
        assert_eq!(d.facts(), [Prepared, Sent, Signed]);
    }

    #[test]
    fn a_client_with_a_contract_in_force_skips_straight_to_invoicing() {
        let made = DealDocuments { contract_on_file: true, invoice_made: true, ..Default::default() };
        assert_eq!(made.facts(), [Prepared]);
        let sent = DealDocuments { invoice_sent: true, ..made };
        assert_eq!(sent.facts(), [Prepared, Sent, Signed]);
    }
}
