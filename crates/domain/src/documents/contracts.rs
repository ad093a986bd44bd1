//! Contracts with clients and how one gets signed (seed 001, §3.1 «Заключение договора и
//! согласование клиента»).
//!
//! The manager e-mails the standard contract. The client either signs it or returns a
//! disagreement protocol; the deputy general director (Management) approves the protocol or
//! returns it to the administrator for corrections, and the administrator sends the approved
//! protocol back to the client — round and round until the client signs. The manager (or the
//! administrator) attaches the scan signed by the client; the administrator confirms the
//! contract once the counterparty is approved and its requisites checked. «Если договоренности с
//! клиентом не достигнуто» the contract ends as not signed.
//!
//! [`CONTRACT_TRANSITIONS`] is the allow-list: an action that no row names from a status is
//! refused.

use chrono::NaiveDate;

use crate::identity::Role;

crate::named_enum! {
    /// What a contract is for.
    pub enum ContractKind {
        TileSupply,
        TileSupplyInstallation,
        LineSupply,
        Commissioning,
        Franchise,
    }
}

impl ContractKind {
    /// The contract's title as printed.
    pub fn name_ru(self) -> &'static str {
        match self {
            ContractKind::TileSupply => "Договор поставки плитки",
            ContractKind::TileSupplyInstallation => {
                "Договор поставки плитки с доставкой и укладкой"
            }
            ContractKind::LineSupply => {
                "Договор поставки производственной линии (франшизный комплект)"
            }
            ContractKind::Commissioning => "Договор на пусконаладочные работы",
            ContractKind::Franchise => "Лицензионный договор (франшиза)",
        }
    }

    /// The contract a tile deal needs: supply only, or supply with delivery and installation.
    pub fn default_for_tile_deal(with_installation: bool) -> ContractKind {
        if with_installation {
            ContractKind::TileSupplyInstallation
        } else {
            ContractKind::TileSupply
        }
    }
}

crate::named_enum! {
    /// Where a contract is on its way to signing.
    pub enum ContractStatus {
        Draft,
        Sent,
        ProtocolReceived,
        ProtocolCorrection,
        ProtocolApproved,
        SignedByClient,
        Signed,
        NotSigned,
    }
}

impl ContractStatus {
    /// Name shown to users.
    pub fn name_ru(self) -> &'static str {
        match self {
            ContractStatus::Draft => "Черновик",
            ContractStatus::Sent => "Отправлен клиенту",
            ContractStatus::ProtocolReceived => "Получен протокол разногласий",
            ContractStatus::ProtocolCorrection => "Протокол разногласий на корректировке",
            ContractStatus::ProtocolApproved => "Протокол разногласий согласован",
            ContractStatus::SignedByClient => "Подписан клиентом",
            ContractStatus::Signed => "Подписан",
            ContractStatus::NotSigned => "Не подписан",
        }
    }

    /// Signed or not signed: nothing moves the contract any more.
    pub fn is_final(self) -> bool {
        matches!(self, ContractStatus::Signed | ContractStatus::NotSigned)
    }
}

crate::named_enum! {
    /// What a person does with a contract.
    pub enum ContractAction {
        Send,
        ReceiveProtocol,
        ApproveProtocol,
        ReturnProtocol,
        SubmitCorrection,
        SendProtocol,
        AttachSignedScan,
        ConfirmSigned,
        NotAgreed,
    }
}

impl ContractAction {
    /// The button's label.
    pub fn name_ru(self) -> &'static str {
        match self {
            ContractAction::Send => "Отправить клиенту",
            ContractAction::ReceiveProtocol => "Получен протокол разногласий",
            ContractAction::ApproveProtocol => "Согласовать протокол",
            ContractAction::ReturnProtocol => "Вернуть протокол на корректировку",
            ContractAction::SubmitCorrection => "Протокол исправлен",
            ContractAction::SendProtocol => "Отправить протокол клиенту",
            ContractAction::AttachSignedScan => "Приложить скан, подписанный клиентом",
            ContractAction::ConfirmSigned => "Подтвердить подписание",
            ContractAction::NotAgreed => "Договорённости не достигнуто",
        }
    }
}

crate::named_enum! {
    /// A condition an action needs besides the status and the role.
    pub enum ContractGuard {
        /// The scan of the contract signed by the client is attached.
        ScanAttached,
        /// An administrator approved the counterparty («Одобрено»).
        CounterpartyApproved,
        /// The administrator checked the requisites against the signed scan (1СПАРК).
        RequisitesChecked,
        /// A comment says what to correct or why there is no agreement.
        CommentGiven,
    }
}

impl ContractGuard {
    /// What a person is told when the guard fails.
    pub fn message_ru(self) -> &'static str {
        match self {
            ContractGuard::ScanAttached => "Приложите скан договора, подписанного клиентом",
            ContractGuard::CounterpartyApproved => "Контрагент не одобрен администратором",
            ContractGuard::RequisitesChecked => "Реквизиты контрагента не проверены",
            ContractGuard::CommentGiven => "Напишите комментарий",
        }
    }

    fn holds(self, facts: &ContractFacts) -> bool {
        match self {
            ContractGuard::ScanAttached => facts.scan_attached,
            ContractGuard::CounterpartyApproved => facts.counterparty_approved,
            ContractGuard::RequisitesChecked => facts.requisites_checked,
            ContractGuard::CommentGiven => facts.comment_given,
        }
    }
}

/// What the guards look at, as the caller knows it when the action is asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContractFacts {
    pub scan_attached: bool,
    pub counterparty_approved: bool,
    pub requisites_checked: bool,
    pub comment_given: bool,
}

/// Where a row applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FromStatus {
    /// This status only.
    Status(ContractStatus),
    /// Every status that is not final.
    AnyOpen,
}

impl FromStatus {
    fn matches(self, status: ContractStatus) -> bool {
        match self {
            FromStatus::Status(s) => s == status,
            FromStatus::AnyOpen => !status.is_final(),
        }
    }
}

/// One row of [`CONTRACT_TRANSITIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContractRow {
    pub from: FromStatus,
    pub action: ContractAction,
    pub to: ContractStatus,
    /// Who may do it.
    pub roles: &'static [Role],
    /// What must hold, all of it.
    pub guards: &'static [ContractGuard],
}

const fn row(
    from: FromStatus,
    action: ContractAction,
    to: ContractStatus,
    roles: &'static [Role],
    guards: &'static [ContractGuard],
) -> ContractRow {
    ContractRow {
        from,
        action,
        to,
        roles,
        guards,
    }
}

use ContractAction as A;
use ContractGuard as G;
use ContractStatus as S;
use FromStatus::{AnyOpen, Status as St};

/// The manager who leads the deal, the administrator, and the management.
const SALES: &[Role] = &[Role::Manager, Role::Admin, Role::Management];
/// «Заместитель генерального директора» — and the administrator.
const APPROVERS: &[Role] = &[Role::Management, Role::Admin];
const ADMIN: &[Role] = &[Role::Admin];

/// Every move of a contract.
#[rustfmt::skip]
pub const CONTRACT_TRANSITIONS: &[ContractRow] = &[
    //  from                        action                 to                        roles      guards
    row(St(S::Draft),              A::Send,               S::Sent,                  SALES,     &[]),
    row(St(S::Sent),               A::ReceiveProtocol,    S::ProtocolReceived,      SALES,     &[]),
    row(St(S::ProtocolReceived),   A::ApproveProtocol,    S::ProtocolApproved,      APPROVERS, &[]),
    row(St(S::ProtocolReceived),   A::ReturnProtocol,     S::ProtocolCorrection,    APPROVERS, &[G::CommentGiven]),
    row(St(S::ProtocolCorrection), A::SubmitCorrection,   S::ProtocolReceived,      ADMIN,     &[]),
    row(St(S::ProtocolApproved),   A::SendProtocol,       S::Sent,                  ADMIN,     &[]),
    row(St(S::Sent),               A::AttachSignedScan,   S::SignedByClient,        SALES,     &[G::ScanAttached]),
    row(St(S::SignedByClient),     A::ConfirmSigned,      S::Signed,                ADMIN,     &[G::CounterpartyApproved, G::RequisitesChecked]),
    row(AnyOpen,                   A::NotAgreed,          S::NotSigned,             SALES,     &[G::CommentGiven]),
];

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContractError {
    /// No row allows this action from this status.
    #[error("{}", self.message_ru())]
    NotAllowed {
        status: ContractStatus,
        action: ContractAction,
    },
    /// The row exists, but not for this role.
    #[error("{}", self.message_ru())]
    RoleNotAllowed {
        role: Role,
        allowed: &'static [Role],
    },
    /// These guards fail (all of them, in the row's order).
    #[error("{}", self.message_ru())]
    GuardsFailed(Vec<ContractGuard>),
}

impl ContractError {
    /// What a person is told.
    pub fn message_ru(&self) -> String {
        match self {
            ContractError::NotAllowed { status, action } => {
                format!(
                    "Действие «{}» недоступно для договора в статусе «{}»",
                    action.name_ru(),
                    status.name_ru()
                )
            }
            ContractError::RoleNotAllowed { role, allowed } => {
                let names: Vec<&str> = allowed.iter().map(|r| r.title_ru()).collect();
                format!(
                    "Роль «{}» не может это сделать; могут: {}",
                    role.title_ru(),
                    names.join(", ")
                )
            }
            ContractError::GuardsFailed(guards) => {
                let messages: Vec<&str> = guards.iter().map(|g| g.message_ru()).collect();
                messages.join("; ")
            }
        }
    }
}

/// The status after `action` by a user with `role`: the row for (`status`, `action`) must
/// exist, name the role, and every guard of it hold on `facts`.
pub fn contract_transition(
    status: ContractStatus,
    action: ContractAction,
    role: Role,
    facts: &ContractFacts,
) -> Result<ContractStatus, ContractError> {
    let row = CONTRACT_TRANSITIONS
        .iter()
        .find(|r| r.action == action && r.from.matches(status))
        .ok_or(ContractError::NotAllowed { status, action })?;
    if !row.roles.contains(&role) {
        return Err(ContractError::RoleNotAllowed {
            role,
            allowed: row.roles,
        });
    }
    let failed: Vec<ContractGuard> = row
        .guards
        .iter()
        .copied()
        .filter(|g| !g.holds(facts))
        .collect();
    if failed.is_empty() {
        Ok(row.to)
    } else {
        Err(ContractError::GuardsFailed(failed))
    }
}

/// The actions a user with `role` may try from `status` (guards are not checked: the buttons
/// are shown and the refusal says what is missing).
pub fn contract_actions(status: ContractStatus, role: Role) -> Vec<ContractAction> {
    CONTRACT_TRANSITIONS
        .iter()
        .filter(|r| r.from.matches(status) && r.roles.contains(&role))
        .map(|r| r.action)
        .collect()
}

/// A contract is current on `date` when it is signed and has not expired (`valid_until` is the
/// last day it is in force; none = open-ended).
pub fn is_valid_on(
    status: ContractStatus,
    valid_until: Option<NaiveDate>,
    date: NaiveDate,
) -> bool {
    status == ContractStatus::Signed && valid_until.is_none_or(|until| date <= until)
}

/// «Если есть текущий договор по клиенту, переходим на этап 3.2»: the client already has a
/// current contract of the `needed` kind, so the deal goes straight to the invoice.
pub fn skips_to_invoicing(
    contracts: &[(ContractKind, ContractStatus, Option<NaiveDate>)],
    needed: ContractKind,
    date: NaiveDate,
) -> bool {
    contracts
        .iter()
        .any(|(kind, status, until)| *kind == needed && is_valid_on(*status, *until, date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_facts() -> ContractFacts {
        ContractFacts {
            scan_attached: true,
            counterparty_approved: true,
            requisites_checked: true,
            comment_given: true,
        }
    }

    fn go(status: S, action: A, role: Role) -> Result<S, ContractError> {
        contract_transition(status, action, role, &all_facts())
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn names_agree_between_serde_and_strum() {
        crate::names::assert_names_agree::<ContractKind>();
        crate::names::assert_names_agree::<ContractStatus>();
        crate::names::assert_names_agree::<ContractAction>();
        crate::names::assert_names_agree::<ContractGuard>();
    }

    #[test]
    fn contract_kinds_have_their_printed_titles() {
        assert_eq!(
            ContractKind::TileSupply.name_ru(),
            "Договор поставки плитки"
        );
        assert_eq!(
            ContractKind::TileSupplyInstallation.name_ru(),
            "Договор поставки плитки с доставкой и укладкой"
        );
        assert_eq!(
            ContractKind::LineSupply.name_ru(),
            "Договор поставки производственной линии (франшизный комплект)"
        );
        assert_eq!(
            ContractKind::Commissioning.name_ru(),
            "Договор на пусконаладочные работы"
        );
        assert_eq!(
            ContractKind::Franchise.name_ru(),
            "Лицензионный договор (франшиза)"
        );
    }

    #[test]
    fn a_tile_deal_with_installation_needs_the_installation_contract() {
        assert_eq!(
            ContractKind::default_for_tile_deal(true),
            ContractKind::TileSupplyInstallation
        );
        assert_eq!(
            ContractKind::default_for_tile_deal(false),
            ContractKind::TileSupply
        );
    }

    #[test]
    fn only_signed_and_not_signed_are_final() {
        let finals: Vec<S> = S::ALL.iter().copied().filter(|s| s.is_final()).collect();
        assert_eq!(finals, [S::Signed, S::NotSigned]);
    }

    #[test]
    fn send_moves_a_draft_to_sent() {
        assert_eq!(go(S::Draft, A::Send, Role::Manager), Ok(S::Sent));
    }

    #[test]
    fn receive_protocol_moves_sent_to_protocol_received() {
        assert_eq!(
            go(S::Sent, A::ReceiveProtocol, Role::Manager),
            Ok(S::ProtocolReceived)
        );
    }

    #[test]
    fn approve_protocol_is_for_management_or_admin() {
        assert_eq!(
            go(S::ProtocolReceived, A::ApproveProtocol, Role::Management),
            Ok(S::ProtocolApproved)
        );
        assert_eq!(
            go(S::ProtocolReceived, A::ApproveProtocol, Role::Admin),
            Ok(S::ProtocolApproved)
        );
        assert!(matches!(
            go(S::ProtocolReceived, A::ApproveProtocol, Role::Manager),
            Err(ContractError::RoleNotAllowed { .. })
        ));
    }

    #[test]
    fn return_protocol_sends_it_to_correction_with_a_comment() {
        assert_eq!(
            go(S::ProtocolReceived, A::ReturnProtocol, Role::Management),
            Ok(S::ProtocolCorrection)
        );
        assert!(matches!(
            go(S::ProtocolReceived, A::ReturnProtocol, Role::Manager),
            Err(ContractError::RoleNotAllowed { .. })
        ));
    }

    #[test]
    fn return_protocol_guard_comment_given() {
        let facts = ContractFacts {
            comment_given: false,
            ..all_facts()
        };
        assert_eq!(
            contract_transition(
                S::ProtocolReceived,
                A::ReturnProtocol,
                Role::Management,
                &facts
            ),
            Err(ContractError::GuardsFailed(vec![G::CommentGiven]))
        );
    }

    #[test]
    fn submit_correction_is_done_by_the_admin_and_goes_back_to_approval() {
        assert_eq!(
            go(S::ProtocolCorrection, A::SubmitCorrection, Role::Admin),
            Ok(S::ProtocolReceived)
        );
        assert!(matches!(
            go(S::ProtocolCorrection, A::SubmitCorrection, Role::Management),
            Err(ContractError::RoleNotAllowed { .. })
        ));
    }

    #[test]
    fn send_protocol_returns_the_approved_protocol_to_the_client_loop() {
        assert_eq!(
            go(S::ProtocolApproved, A::SendProtocol, Role::Admin),
            Ok(S::Sent)
        );
        assert!(matches!(
            go(S::ProtocolApproved, A::SendProtocol, Role::Manager),
            Err(ContractError::RoleNotAllowed { .. })
        ));
        // …and round again: the client may return another protocol.
        assert_eq!(
            go(S::Sent, A::ReceiveProtocol, Role::Manager),
            Ok(S::ProtocolReceived)
        );
    }

    #[test]
    fn attach_signed_scan_moves_sent_to_signed_by_client() {
        for role in [Role::Manager, Role::Admin, Role::Management] {
            assert_eq!(
                go(S::Sent, A::AttachSignedScan, role),
                Ok(S::SignedByClient),
                "{role:?}"
            );
        }
        assert!(matches!(
            go(S::Sent, A::AttachSignedScan, Role::Accountant),
            Err(ContractError::RoleNotAllowed { .. })
        ));
    }

    #[test]
    fn attach_signed_scan_guard_scan_attached() {
        let facts = ContractFacts {
            scan_attached: false,
            ..all_facts()
        };
        let e = contract_transition(S::Sent, A::AttachSignedScan, Role::Manager, &facts)
            .expect_err("no scan");
        assert_eq!(e, ContractError::GuardsFailed(vec![G::ScanAttached]));
        assert_eq!(
            e.to_string(),
            "Приложите скан договора, подписанного клиентом"
        );
    }

    #[test]
    fn confirm_signed_is_the_admins() {
        assert_eq!(
            go(S::SignedByClient, A::ConfirmSigned, Role::Admin),
            Ok(S::Signed)
        );
        let e = go(S::SignedByClient, A::ConfirmSigned, Role::Manager).expect_err("manager");
        assert_eq!(
            e.to_string(),
            "Роль «Менеджер» не может это сделать; могут: Администратор"
        );
    }

    #[test]
    fn confirm_signed_guard_counterparty_approved() {
        let facts = ContractFacts {
            counterparty_approved: false,
            ..all_facts()
        };
        assert_eq!(
            contract_transition(S::SignedByClient, A::ConfirmSigned, Role::Admin, &facts),
            Err(ContractError::GuardsFailed(vec![G::CounterpartyApproved]))
        );
    }

    #[test]
    fn confirm_signed_guard_requisites_checked() {
        let facts = ContractFacts {
            requisites_checked: false,
            ..all_facts()
        };
        assert_eq!(
            contract_transition(S::SignedByClient, A::ConfirmSigned, Role::Admin, &facts),
            Err(ContractError::GuardsFailed(vec![G::RequisitesChecked]))
        );
    }

    #[test]
    fn every_failing_guard_is_reported_at_once() {
        let e = contract_transition(
            S::SignedByClient,
            A::ConfirmSigned,
            Role::Admin,
            &ContractFacts::default(),
        )
        .expect_err("nothing done");
        assert_eq!(
            e,
            ContractError::GuardsFailed(vec![G::CounterpartyApproved, G::RequisitesChecked])
        );
        assert_eq!(
            e.to_string(),
            "Контрагент не одобрен администратором; Реквизиты контрагента не проверены"
        );
    }

    #[test]
    fn not_agreed_ends_any_open_contract_as_not_signed() {
        for status in S::ALL.iter().copied().filter(|s| !s.is_final()) {
            assert_eq!(
                go(status, A::NotAgreed, Role::Manager),
                Ok(S::NotSigned),
                "{status:?}"
            );
        }
    }

    #[test]
    fn not_agreed_guard_comment_given_as_the_reason() {
        let facts = ContractFacts {
            comment_given: false,
            ..all_facts()
        };
        assert_eq!(
            contract_transition(S::Sent, A::NotAgreed, Role::Manager, &facts),
            Err(ContractError::GuardsFailed(vec![G::CommentGiven]))
        );
    }

    #[test]
    fn nothing_moves_a_final_contract() {
        for status in [S::Signed, S::NotSigned] {
            for action in A::ALL {
                assert_eq!(
                    go(status, *action, Role::Admin),
                    Err(ContractError::NotAllowed {
                        status,
                        action: *action
                    }),
                    "{status:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn an_action_no_row_names_from_the_status_is_not_allowed() {
        let e = go(S::Draft, A::ConfirmSigned, Role::Admin).expect_err("draft");
        assert_eq!(
            e,
            ContractError::NotAllowed {
                status: S::Draft,
                action: A::ConfirmSigned
            }
        );
        assert_eq!(
            e.to_string(),
            "Действие «Подтвердить подписание» недоступно для договора в статусе «Черновик»"
        );
        assert!(
            matches!(
                go(S::Sent, A::ConfirmSigned, Role::Admin),
                Err(ContractError::NotAllowed { .. })
            ),
            "the admin cannot skip the client's scan"
        );
    }

    #[test]
    fn the_table_allows_exactly_its_rows() {
        // Every (status, action) pair: allowed for some role iff a row names it.
        let mut allowed = 0;
        for status in S::ALL {
            for action in A::ALL {
                let by_table = CONTRACT_TRANSITIONS
                    .iter()
                    .any(|r| r.action == *action && r.from.matches(*status));
                let by_anyone = Role::ALL
                    .iter()
                    .any(|role| go(*status, *action, *role).is_ok());
                assert_eq!(by_table, by_anyone, "{status:?} {action:?}");
                allowed += usize::from(by_table);
            }
        }
        assert_eq!(
            allowed,
            8 + 6,
            "eight single rows and not_agreed from six open statuses"
        );
    }

    #[test]
    fn every_status_is_reachable_from_draft() {
        let mut reached = vec![S::Draft];
        let mut i = 0;
        while i < reached.len() {
            let from = reached[i];
            for r in CONTRACT_TRANSITIONS.iter().filter(|r| r.from.matches(from)) {
                if !reached.contains(&r.to) {
                    reached.push(r.to);
                }
            }
            i += 1;
        }
        reached.sort();
        assert_eq!(reached, S::ALL);
    }

    #[test]
    fn the_happy_path_and_the_protocol_loop_reach_signed() {
        let path = [
            (A::Send, Role::Manager),
            (A::ReceiveProtocol, Role::Manager),
            (A::ReturnProtocol, Role::Management),
            (A::SubmitCorrection, Role::Admin),
            (A::ApproveProtocol, Role::Management),
            (A::SendProtocol, Role::Admin),
            (A::AttachSignedScan, Role::Manager),
            (A::ConfirmSigned, Role::Admin),
        ];
        let end = path
            .iter()
            .try_fold(S::Draft, |s, (a, role)| go(s, *a, *role));
        assert_eq!(end, Ok(S::Signed));
    }

    #[test]
    fn actions_offered_follow_the_table_and_the_role() {
        assert_eq!(
            contract_actions(S::Sent, Role::Manager),
            [A::ReceiveProtocol, A::AttachSignedScan, A::NotAgreed]
        );
        assert_eq!(
            contract_actions(S::ProtocolReceived, Role::Management),
            [A::ApproveProtocol, A::ReturnProtocol, A::NotAgreed]
        );
        assert!(contract_actions(S::Signed, Role::Admin).is_empty());
        assert!(contract_actions(S::Draft, Role::Warehouse).is_empty());
    }

    #[test]
    fn a_signed_contract_is_valid_until_its_last_day_inclusive() {
        assert!(is_valid_on(
            S::Signed,
            Some(d(2026, 12, 31)),
            d(2026, 12, 31)
        ));
        assert!(!is_valid_on(
            S::Signed,
            Some(d(2026, 12, 31)),
            d(2027, 1, 1)
        ));
        assert!(is_valid_on(S::Signed, None, d(2030, 1, 1)), "open-ended");
    }

    #[test]
    fn an_unsigned_contract_is_never_valid() {
        for status in S::ALL.iter().copied().filter(|s| *s != S::Signed) {
            assert!(!is_valid_on(status, None, d(2026, 6, 1)), "{status:?}");
        }
    }

    #[test]
    fn a_current_contract_of_the_needed_kind_skips_to_invoicing() {
        let today = d(2026, 11, 30);
        let contracts = [
            (ContractKind::TileSupply, S::Signed, Some(d(2026, 6, 30))),
            (ContractKind::TileSupplyInstallation, S::Sent, None),
            (ContractKind::Commissioning, S::Signed, None),
        ];
        assert!(
            !skips_to_invoicing(&contracts, ContractKind::TileSupply, today),
            "expired"
        );
        assert!(
            !skips_to_invoicing(&contracts, ContractKind::TileSupplyInstallation, today),
            "not signed"
        );
        assert!(skips_to_invoicing(
            &contracts,
            ContractKind::Commissioning,
            today
        ));
        assert!(!skips_to_invoicing(&[], ContractKind::TileSupply, today));
        assert!(skips_to_invoicing(
            &contracts,
            ContractKind::TileSupply,
            d(2026, 6, 30)
        ));
    }
}
