//! Checks of a definition an admin wrote ([`PipelineDefinition::validate`]) and of an edit
//! against the cards already on the pipeline ([`PipelineDefinition::validate_change`]).

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::error::{FieldError, FieldErrors};
use crate::pipelines::fields::{self, FieldKind};


const NAME_MAX: usize = 100;
const GROUP_MAX: usize = 60;
const TITLE_MAX: usize = 200;
const HOURS_MAX: u32 = 8760;
const DAYS_MAX: u32 = 365;

fn check_code(errs: &mut FieldErrors, path: String, code: &str) {
    if code.is_empty() {
        errs.add(path, FieldError::required());
    } else if !is_code(code) {
        errs.add(
            path,
            FieldError::new(
                "invalid_format",
                "Код: строчные латинские буквы, цифры и «_», начинается с буквы, не длиннее 40 символов",
            ),
        );
    }
}

fn check_text(errs: &mut FieldErrors, path: String, s: &str, max: usize) {
    if s.trim().is_empty() {
        errs.add(path, FieldError::required());
    } else if s.chars().count() > max {
        errs.add(
            path,
            FieldError::new("too_long", format!("Не длиннее {max} символов")),
        );
    }
}

fn check_range(errs: &mut FieldErrors, path: String, n: u32, min: u32, max: u32, unit: &str) {
    if !(min..=max).contains(&n) {
        errs.add(
            path,
            FieldError::new("out_of_range", format!("От {min} до {max} {unit}")),
        );
    }
}

fn check_not_empty<T>(errs: &mut FieldErrors, path: String, list: &[T]) {
    if list.is_empty() {
        errs.add(
            path,
            FieldError::new("required", "Укажите хотя бы одно значение"),
        );
    }
}

fn is_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s.bytes().skip(1).all(|b| b.is_ascii_hexdigit())
}

fn not_allowed(message: impl Into<String>) -> FieldError {
    FieldError::new("not_allowed", message)
}

const DEALS_ONLY: &str = "Запросы в другие отделы и оплата бывают только в воронках сделок";

impl PipelineDefinition {
    /// Checks the whole definition and reports every problem under a dotted path
    /// (`stages[3].code`, `transitions[2].guards[0].items[1]`).
    ///
    /// Codes: `required`, `too_long`, `invalid_format`, `out_of_range`, `duplicate`,
    /// `unknown_stage`, `unknown_field`, `unknown_checklist_item`, `unknown_task`, `not_allowed`,
    /// `too_few_stages`, `won_stage_required`, `lost_stage_required`, `won_unreachable`,
    /// `unreachable`, `no_way_out`, `auto_cycle`.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        self.validate_stages(&mut errs);
        self.validate_transitions(&mut errs);
        self.validate_graph(&mut errs);
        errs.into_result()
    }

    fn validate_stages(&self, errs: &mut FieldErrors) {
        if self.stages.len() < 3 {
            errs.add(
                "stages",
                FieldError::new(
                    "too_few_stages",
                    "В воронке должно быть не меньше трёх стадий",
                ),
            );
        }
        if let Some(first) = self.stages.first()
            && first.kind.is_closed()
        {
            errs.add(
                "stages[0].kind",
                not_allowed("Первая стадия должна быть открытой: с неё начинается каждая карточка"),
            );
        }
        if !self.stages.iter().any(|s| s.kind == StageKind::Won) {
            errs.add(
                "stages",
                FieldError::new(
                    "won_stage_required",
                    "Нужна хотя бы одна стадия успешного завершения",
                ),
            );
        }
        if !self.stages.iter().any(|s| s.kind == StageKind::Lost) {
            errs.add(
                "stages",
                FieldError::new("lost_stage_required", "Нужна хотя бы одна стадия отказа"),
            );
        }

        let mut stage_codes = BTreeSet::new();
        let mut item_codes = BTreeSet::new();
        for (i, stage) in self.stages.iter().enumerate() {
            let at = |field: &str| format!("stages[{i}].{field}");
            check_code(errs, at("code"), &stage.code);
            if !stage_codes.insert(stage.code.as_str()) {
                errs.add(
                    at("code"),
                    FieldError::new(
                        "duplicate",
                        format!("Стадия с кодом «{}» уже есть", stage.code),
                    ),
                );
            }
            check_text(errs, at("name_ru"), &stage.name_ru, NAME_MAX);
            check_text(errs, at("name_en"), &stage.name_en, NAME_MAX);
            if !is_color(&stage.color) {
                errs.add(
                    at("color"),
                    FieldError::new("invalid_format", "Цвет в формате #RRGGBB"),
                );
            }
            if let Some(group) = &stage.group {
                check_text(errs, at("group"), group, GROUP_MAX);
            }
            if let Some(hours) = stage.stuck_after_hours {
                check_range(errs, at("stuck_after_hours"), hours, 1, HOURS_MAX, "часов");
            }
            if stage.kind.is_closed() {
                if !stage.checklist.is_empty() {
                    errs.add(
                        at("checklist"),
                        not_allowed("У закрытой стадии нет чек-листа"),
                    );
                }
                if !stage.on_enter.is_empty() {
                    errs.add(
                        at("on_enter"),
                        not_allowed("Закрытая стадия ничего не запускает"),
                    );
                }
            }
            for (j, item) in stage.checklist.iter().enumerate() {
                let at = |field: &str| format!("stages[{i}].checklist[{j}].{field}");
                check_code(errs, at("code"), &item.code);
                if !item_codes.insert(item.code.as_str()) {
                    errs.add(
                        at("code"),
                        FieldError::new(
                            "duplicate",
                            format!("Пункт чек-листа с кодом «{}» уже есть", item.code),
                        ),
                    );
                }
                check_text(errs, at("name_ru"), &item.name_ru, NAME_MAX);
                check_text(errs, at("name_en"), &item.name_en, NAME_MAX);
            }
            for (j, effect) in stage.on_enter.iter().enumerate() {
                self.validate_effect(errs, &format!("stages[{i}].on_enter[{j}]"), effect);
            }
        }
    }

    fn validate_effect(&self, errs: &mut FieldErrors, path: &str, effect: &Effect) {
        match effect {
            Effect::OpenRequest { .. } => {
                if self.kind != PipelineKind::Deal {
                    errs.add(format!("{path}.request"), not_allowed(DEALS_ONLY));
                }
            }
            Effect::CreateTask {
                code,
                title_ru,
                title_en,
                kind: _,
                assignee: _,
                due,
                carry_over: _,
            } => {
                check_code(errs, format!("{path}.code"), code);
                check_text(errs, format!("{path}.title_ru"), title_ru, TITLE_MAX);
                check_text(errs, format!("{path}.title_en"), title_en, TITLE_MAX);
                match due {
                    Due::InHours { hours } => check_range(
                        errs,
                        format!("{path}.due.hours"),
                        *hours,
                        1,
                        HOURS_MAX,
                        "часов",
                    ),
                    Due::DaysBeforeField { field, days } => {
                        match fields::field(self.kind, field) {
                            None => errs.add(format!("{path}.due.field"), unknown_field(field)),
                            Some(f) if f.kind != FieldKind::Date => errs.add(
                                format!("{path}.due.field"),
                                FieldError::new(
                                    "invalid_value",
                                    format!("Поле «{}» — не дата", f.name_ru),
                                ),
                            ),
                            Some(_) => {}
                        }
                        check_range(errs, format!("{path}.due.days"), *days, 0, DAYS_MAX, "дней");
                    }
                }
            }
        }
    }

    fn validate_transitions(&self, errs: &mut FieldErrors) {
        let first = self.stages.first().map(|s| s.code.as_str());
        let mut pairs = BTreeSet::new();
        for (i, row) in self.transitions.iter().enumerate() {
            let at = |field: &str| format!("transitions[{i}].{field}");
            let from = (row.from != ANY_OPEN_STAGE).then(|| self.stage(&row.from));
            match from {
                Some(None) => errs.add(at("from"), unknown_stage(&row.from)),
                Some(Some(s)) if s.kind.is_closed() => errs.add(
                    at("from"),
                    not_allowed(format!(
                        "Из закрытой стадии «{}» карточки не переходят",
                        s.name_ru
                    )),
                ),
                _ => {}
            }
            let to = self.stage(&row.to);
            if to.is_none() {
                errs.add(at("to"), unknown_stage(&row.to));
            } else if Some(row.to.as_str()) == first {
                errs.add(
                    at("to"),
                    not_allowed("В первую стадию карточки не возвращаются"),
                );
            } else if row.from == row.to {
                errs.add(
                    at("to"),
                    FieldError::new("invalid_value", "Переход в ту же стадию не нужен"),
                );
            }
            if !pairs.insert((row.from.as_str(), row.to.as_str())) {
                errs.add(
                    format!("transitions[{i}]"),
                    FieldError::new(
                        "duplicate",
                        format!("Переход «{}» → «{}» уже есть", row.from, row.to),
                    ),
                );
            }

            match &row.auto_on {
                None if !row.manual => errs.add(
                    at("auto_on"),
                    FieldError::new(
                        "required",
                        "Переход, который нельзя сделать вручную, должен наступать по событию",
                    ),
                ),
                None => {}
                Some(fact) => {
                    match fact.kind() {
                        FactKind::PaymentReceived
                        | FactKind::RequestCompleted(_)
                        | FactKind::Finance(_)
                        | FactKind::Production(_)
                            if self.kind != PipelineKind::Deal =>
                        {
                            errs.add(at("auto_on"), not_allowed(DEALS_ONLY));
                        }
                        // A lead's only document is its typical offer.
                        FactKind::Documents(d)
                            if self.kind != PipelineKind::Deal && d != DocumentFact::OfferSent =>
                        {
                            errs.add(at("auto_on"), not_allowed(DEALS_ONLY));
                        }
                        FactKind::TaskCompleted(code) if self.task_title_ru(code).is_none() => errs
                            .add(
                                at("auto_on"),
                                FieldError::new(
                                    "unknown_task",
                                    format!("Ни одна стадия не ставит задачу с кодом «{code}»"),
                                ),
                            ),
                        _ => {}
                    }
                    if row.from == ANY_OPEN_STAGE {
                        errs.add(
                            at("auto_on"),
                            not_allowed(
                                "Автоматический переход начинается с конкретной стадии, не с «*»",
                            ),
                        );
                    }
                    if to.is_some_and(|s| s.kind == StageKind::Lost) {
                        errs.add(
                            at("auto_on"),
                            not_allowed(
                                "В стадию отказа карточку переводит человек: нужна причина отказа",
                            ),
                        );
                    }
                }
            }

            for (j, guard) in row.guards.iter().enumerate() {
                self.validate_guard(errs, &format!("transitions[{i}].guards[{j}]"), guard);
            }
        }
    }

    fn validate_guard(&self, errs: &mut FieldErrors, path: &str, guard: &Guard) {
        match guard {
            Guard::Roles { roles } => check_not_empty(errs, format!("{path}.roles"), roles),
            Guard::Checklist { items } => {
                check_not_empty(errs, format!("{path}.items"), items);
                for (k, item) in items.iter().enumerate() {
                    if self.checklist_item(item).is_none() {
                        errs.add(
                            format!("{path}.items[{k}]"),
                            FieldError::new(
                                "unknown_checklist_item",
                                format!("В воронке нет пункта чек-листа «{item}»"),
                            ),
                        );
                    }
                }
            }
            Guard::Fields { fields: names } | Guard::AnyField { fields: names } => {
                check_not_empty(errs, format!("{path}.fields"), names);
                for (k, name) in names.iter().enumerate() {
                    if fields::field(self.kind, name).is_none() {
                        errs.add(format!("{path}.fields[{k}]"), unknown_field(name));
                    }
                }
            }
            Guard::RequestCompleted { .. } => {
                if self.kind != PipelineKind::Deal {
                    errs.add(format!("{path}.request"), not_allowed(DEALS_ONLY));
                }
            }
        }
    }

    /// Reachability, ways out of every open stage, and no loops of automatic moves.
    fn validate_graph(&self, errs: &mut FieldErrors) {
        let Some(first) = self.stages.first() else {
            return;
        };
        let reached = self.reachable_from(&first.code);
        for (i, stage) in self.stages.iter().enumerate().skip(1) {
            if !reached.contains(stage.code.as_str()) {
                errs.add(
                    format!("stages[{i}]"),
                    FieldError::new(
                        "unreachable",
                        format!(
                            "В стадию «{}» нельзя попасть из «{}»",
                            stage.name_ru, first.name_ru
                        ),
                    ),
                );
            }
        }
        let won = self.stages.iter().filter(|s| s.kind == StageKind::Won);
        if won.clone().next().is_some() && !won.clone().any(|s| reached.contains(s.code.as_str())) {
            errs.add(
                "stages",
                FieldError::new(
                    "won_unreachable",
                    "Ни одна стадия успешного завершения не достижима из первой",
                ),
            );
        }
        for (i, stage) in self.stages.iter().enumerate() {
            if !stage.kind.is_closed() && self.next_stages(&stage.code).next().is_none() {
                errs.add(
                    format!("stages[{i}]"),
                    FieldError::new(
                        "no_way_out",
                        format!("Из стадии «{}» нет ни одного перехода", stage.name_ru),
                    ),
                );
            }
        }
        if let Some(i) = self.auto_cycle() {
            errs.add(
                format!("transitions[{i}].auto_on"),
                FieldError::new(
                    "auto_cycle",
                    "Автоматические переходы образуют цикл: карточка будет ходить по кругу",
                ),
            );
        }
    }

    /// Codes of the stages a card in open stage `from` can go to (rows naming it and `*` rows).
    fn next_stages<'a>(&'a self, from: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.transitions
            .iter()
            .filter(move |t| (t.from == from || t.from == ANY_OPEN_STAGE) && t.to != from)
            .map(|t| t.to.as_str())
            .filter(|to| self.stage(to).is_some())
    }

    fn reachable_from<'a>(&'a self, start: &'a str) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::from([start]);
        let mut todo = vec![start];
        while let Some(code) = todo.pop() {
            if self.stage(code).is_none_or(|s| s.kind.is_closed()) {
                continue;
            }
            for next in self.next_stages(code) {
                if seen.insert(next) {
                    todo.push(next);
                }
            }
        }
        seen
    }

    /// Index of a row on a loop of automatic rows, if there is one.
    fn auto_cycle(&self) -> Option<usize> {
        let auto: Vec<(usize, &Transition)> = self
            .transitions
            .iter()
            .enumerate()
            .filter(|(_, t)| t.auto_on.is_some() && t.from != ANY_OPEN_STAGE)
            .collect();
        // A row is on a loop when following automatic rows from its target leads back to its source.
        auto.iter().find_map(|&(i, row)| {
            let mut seen = BTreeSet::from([row.to.as_str()]);
            let mut todo = vec![row.to.as_str()];
            while let Some(code) = todo.pop() {
                if code == row.from {
                    return Some(i);
                }
                for (_, t) in auto.iter().filter(|(_, t)| t.from == code) {
                    if seen.insert(t.to.as_str()) {
                        todo.push(t.to.as_str());
                    }
                }
            }
            None
        })
    }

    /// Checks an edit of a pipeline that already has cards: `next` must be valid, keep the
    /// pipeline kind, keep every stage listed in `stages_in_use` and not change its kind.
    pub fn validate_change(
        &self,
        next: &PipelineDefinition,
        stages_in_use: &BTreeSet<String>,
    ) -> Result<(), FieldErrors> {
        let mut errs = match next.validate() {
            Ok(()) => FieldErrors::new(),
            Err(e) => e,
        };
        if next.kind != self.kind {
            errs.add(
                "kind",
                not_allowed("Тип воронки (лиды или сделки) менять нельзя"),
            );
        }
        for code in stages_in_use {
            if next.stage(code).is_none() {
                errs.add(
                    "stages",
                    FieldError::new(
                        "stage_in_use",
                        format!(
                            "Стадию «{}» нельзя удалить: в ней есть карточки",
                            self.stage_name_ru(code)
                        ),
                    ),
                );
            }
        }
        let old_kinds: BTreeMap<&str, StageKind> = self
            .stages
            .iter()
            .map(|s| (s.code.as_str(), s.kind))
            .collect();
        for (i, stage) in next.stages.iter().enumerate() {
            let changed = old_kinds
                .get(stage.code.as_str())
                .is_some_and(|k| *k != stage.kind);
            if changed && stages_in_use.contains(&stage.code) {
                errs.add(
                    format!("stages[{i}].kind"),
                    FieldError::new(
                        "stage_in_use",
                        format!(
                            "Тип стадии «{}» нельзя менять, пока в ней есть карточки",
                            stage.name_ru
                        ),
                    ),
                );
            }
        }
        errs.into_result()
    }
}

fn unknown_stage(code: &str) -> FieldError {
    FieldError::new("unknown_stage", format!("В воронке нет стадии «{code}»"))
}

fn unknown_field(code: &str) -> FieldError {
    FieldError::new("unknown_field", format!("У карточки нет поля «{code}»"))
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::sales::{lead_funnel, tile_deal_funnel};

    /// (path, code) of every problem, in the order reported.
    fn problems(def: &PipelineDefinition) -> Vec<(String, &'static str)> {
        match def.validate() {
            Ok(()) => vec![],
            Err(e) => e.0.into_iter().map(|(p, e)| (p, e.code)).collect(),
        }
    }

    fn has(def: &PipelineDefinition, path: &str, code: &str) -> bool {
        problems(def).iter().any(|(p, c)| p == path && *c == code)
    }

    fn row(from: &str, to: &str) -> Transition {
        Transition {
            from: from.to_owned(),
            to: to.to_owned(),
            manual: true,
            auto_on: None,
            guards: vec![],
        }
    }

    fn index(def: &PipelineDefinition, code: &str) -> usize {
        def.stages
            .iter()
            .position(|s| s.code == code)
            .expect("stage exists")
    }

    fn row_index(def: &PipelineDefinition, from: &str, to: &str) -> usize {
        def.transitions
            .iter()
            .position(|t| t.from == from && t.to == to)
            .expect("row exists")
    }

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn task(code: &str) -> Effect {
        Effect::CreateTask { carry_over: false, kind: crate::pipelines::TaskKind::Call,
            code: code.to_owned(),
            title_ru: "Позвонить".to_owned(),
            title_en: "Call".to_owned(),
            assignee: TaskAssignee::Role {
                role: Role::Logistician,
            },
            due: Due::InHours { hours: 2 },
        }
    }

    #[test]
    fn built_in_funnels_are_valid() {
        assert_eq!(problems(&lead_funnel()), vec![]);
        assert_eq!(problems(&tile_deal_funnel()), vec![]);
    }

    #[test]
    fn built_in_funnels_round_trip_through_json() {
        for def in [lead_funnel(), tile_deal_funnel()] {
            let json = serde_json::to_string(&def).expect("serialises");
            let back: PipelineDefinition = serde_json::from_str(&json).expect("parses");
            assert_eq!(back, def);
        }
    }

    #[test]
    fn definitions_serialise_in_the_documented_shape() {
        let def = tile_deal_funnel();
        let json = serde_json::to_value(&def).expect("serialises");
        assert_eq!(json["kind"], "deal");
        assert_eq!(
            json["stages"][0]["on_enter"],
            serde_json::json!([
                {"type": "open_request", "request": "delivery_cost"},
                {"type": "create_task", "code": "prepare_offer", "title_ru": "Подготовить индивидуальное КП",
                 "title_en": "Prepare the individual offer", "kind": "task", "assignee": {"type": "responsible"},
                 "due": {"type": "in_hours", "hours": 24}, "carry_over": true},
            ])
        );
        // A stored definition from before task kinds reads as a plain task.
        let old = serde_json::json!({"type": "create_task", "code": "x", "title_ru": "Х", "title_en": "X",
            "assignee": {"type": "responsible"}, "due": {"type": "in_hours", "hours": 1}});
        let Effect::CreateTask { kind, .. } = serde_json::from_value::<Effect>(old).expect("parses") else { panic!("a task") };
        assert_eq!(kind, crate::pipelines::TaskKind::Task);
        assert_eq!(json["stages"][0]["kind"], "open");
        assert_eq!(json["stages"][0]["group"], "КП");
        let payment = row_index(&def, "documents_signed", "payment_received");
        assert_eq!(
            json["transitions"][payment],
            serde_json::json!({"from": "documents_signed", "to": "payment_received", "manual": false,
                               "auto_on": "payment_received", "guards": []})
        );
        assert_eq!(
            json["transitions"][0]["guards"],
            serde_json::json!([{"type": "request_completed", "request": "delivery_cost"}])
        );
        let due = serde_json::to_value(Due::DaysBeforeField {
            field: "promised_payment_date".to_owned(),
            days: 1,
        })
        .expect("serialises");
        assert_eq!(
            due,
            serde_json::json!({"type": "days_before_field", "field": "promised_payment_date", "days": 1})
        );
        let guards = serde_json::to_value(vec![
            Guard::Roles {
                roles: vec![Role::Accountant],
            },
            Guard::AnyField {
                fields: strings(&["a"]),
            },
        ])
        .expect("serialises");
        assert_eq!(
            guards,
            serde_json::json!([{"type": "roles", "roles": ["accountant"]}, {"type": "any_field", "fields": ["a"]}])
        );
        let assignee = serde_json::to_value(TaskAssignee::Role {
            role: Role::Designer,
        })
        .expect("serialises");
        assert_eq!(
            assignee,
            serde_json::json!({"type": "role", "role": "designer"})
        );
    }

    #[test]
    fn optional_parts_of_a_definition_have_defaults() {
        let stage: Stage = serde_json::from_value(
            serde_json::json!({"code": "a", "name_ru": "А", "name_en": "A", "color": "#000000"}),
        )
        .expect("parses");
        assert_eq!(stage.kind, StageKind::Open);
        assert_eq!((stage.group, stage.stuck_after_hours), (None, None));
        assert!(stage.checklist.is_empty() && stage.on_enter.is_empty());
        let row: Transition =
            serde_json::from_value(serde_json::json!({"from": "a", "to": "b"})).expect("parses");
        assert_eq!(
            row,
            Transition {
                from: "a".to_owned(),
                to: "b".to_owned(),
                manual: true,
                auto_on: None,
                guards: vec![]
            }
        );
        let bad_fact = serde_json::json!({"from": "a", "to": "b", "auto_on": "paid"});
        assert!(serde_json::from_value::<Transition>(bad_fact).is_err());
    }

    #[test]
    fn definition_needs_at_least_three_stages() {
        let mut def = lead_funnel();
        def.stages.truncate(2);
        assert!(has(&def, "stages", "too_few_stages"));
    }

    #[test]
    fn first_stage_must_be_open() {
        let mut def = lead_funnel();
        def.stages[0].kind = StageKind::Won;
        assert!(has(&def, "stages[0].kind", "not_allowed"));
    }

    #[test]
    fn definition_needs_a_won_and_a_lost_stage() {
        let mut def = lead_funnel();
        def.stages.retain(|s| !s.kind.is_closed());
        let p = problems(&def);
        assert!(
            p.contains(&("stages".to_owned(), "won_stage_required")),
            "{p:?}"
        );
        assert!(
            p.contains(&("stages".to_owned(), "lost_stage_required")),
            "{p:?}"
        );
    }

    #[test]
    fn stage_codes_names_colours_and_limits_are_checked() {
        type Breakage = fn(&mut Stage);
        let cases: [(&str, Breakage, &str); 12] = [
            (
                "stages[1].code",
                |s| s.code = "InWork".to_owned(),
                "invalid_format",
            ),
            (
                "stages[1].code",
                |s| s.code = "1st".to_owned(),
                "invalid_format",
            ),
            (
                "stages[1].code",
                |s| s.code = "a".repeat(41),
                "invalid_format",
            ),
            ("stages[1].code", |s| s.code = String::new(), "required"),
            (
                "stages[1].name_ru",
                |s| s.name_ru = "  ".to_owned(),
                "required",
            ),
            (
                "stages[1].name_en",
                |s| s.name_en = "x".repeat(101),
                "too_long",
            ),
            (
                "stages[1].color",
                |s| s.color = "blue".to_owned(),
                "invalid_format",
            ),
            (
                "stages[1].color",
                |s| s.color = "#12345g".to_owned(),
                "invalid_format",
            ),
            (
                "stages[1].group",
                |s| s.group = Some("г".repeat(61)),
                "too_long",
            ),
            (
                "stages[1].group",
                |s| s.group = Some(String::new()),
                "required",
            ),
            (
                "stages[1].stuck_after_hours",
                |s| s.stuck_after_hours = Some(0),
                "out_of_range",
            ),
            (
                "stages[1].stuck_after_hours",
                |s| s.stuck_after_hours = Some(8761),
                "out_of_range",
            ),
        ];
        for (path, break_it, code) in cases {
            let mut def = lead_funnel();
            break_it(&mut def.stages[1]);
            assert!(has(&def, path, code), "{path} {code}: {:?}", problems(&def));
        }
        let mut def = lead_funnel();
        def.stages[1].code = "a".repeat(40);
        def.stages[1].name_ru = "я".repeat(100);
        def.stages[1].group = Some("г".repeat(60));
        def.stages[1].stuck_after_hours = Some(8760);
        assert!(
            !problems(&def)
                .iter()
                .any(|(p, _)| p.starts_with("stages[1].")),
            "{:?}",
            problems(&def)
        );
    }

    #[test]
    fn stage_codes_are_unique() {
        let mut def = lead_funnel();
        def.stages[2].code = "in_work".to_owned();
        assert!(has(&def, "stages[2].code", "duplicate"));
    }

    #[test]
    fn checklist_codes_are_unique_across_the_pipeline() {
        let mut def = lead_funnel();
        let item = def.stages[1].checklist[0].clone();
        def.stages[2].checklist.push(item);
        assert!(has(&def, "stages[2].checklist[0].code", "duplicate"));
        def.stages[2].checklist[0].code = "Bad code".to_owned();
        def.stages[2].checklist[0].name_en = String::new();
        assert!(has(&def, "stages[2].checklist[0].code", "invalid_format"));
        assert!(has(&def, "stages[2].checklist[0].name_en", "required"));
    }

    #[test]
    fn closed_stages_have_no_rows_checklist_or_effects() {
        let mut def = lead_funnel();
        let won = index(&def, "converted");
        def.stages[won].checklist = def.stages[1].checklist.drain(..).collect();
        def.stages[won].on_enter.push(task("celebrate"));
        def.transitions.push(row("converted", "lost"));
        let last = def.transitions.len() - 1;
        assert!(has(
            &def,
            &format!("stages[{won}].checklist"),
            "not_allowed"
        ));
        assert!(has(&def, &format!("stages[{won}].on_enter"), "not_allowed"));
        assert!(has(
            &def,
            &format!("transitions[{last}].from"),
            "not_allowed"
        ));
    }

    #[test]
    fn rows_name_existing_stages() {
        let mut def = lead_funnel();
        def.transitions.push(row("nowhere", "lost"));
        def.transitions.push(row("in_work", "elsewhere"));
        def.transitions.push(row("in_work", ANY_OPEN_STAGE));
        let n = def.transitions.len();
        assert!(has(
            &def,
            &format!("transitions[{}].from", n - 3),
            "unknown_stage"
        ));
        assert!(has(
            &def,
            &format!("transitions[{}].to", n - 2),
            "unknown_stage"
        ));
        assert!(has(
            &def,
            &format!("transitions[{}].to", n - 1),
            "unknown_stage"
        ));
    }

    #[test]
    fn a_row_never_leads_to_its_own_stage() {
        let mut def = lead_funnel();
        def.transitions.push(row("surveyed", "surveyed"));
        let last = def.transitions.len() - 1;
        assert!(has(
            &def,
            &format!("transitions[{last}].to"),
            "invalid_value"
        ));
    }

    #[test]
    fn duplicate_rows_are_refused() {
        let mut def = lead_funnel();
        def.transitions.push(row("in_work", "typical_offer_sent"));
        let last = def.transitions.len() - 1;
        assert_eq!(
            problems(&def),
            [(format!("transitions[{last}]"), "duplicate")]
        );
    }

    #[test]
    fn nothing_leads_back_to_the_first_stage() {
        let mut def = lead_funnel();
        def.transitions.push(row("in_work", "received"));
        def.transitions.push(row(ANY_OPEN_STAGE, "received"));
        let n = def.transitions.len();
        assert!(has(
            &def,
            &format!("transitions[{}].to", n - 2),
            "not_allowed"
        ));
        assert!(has(
            &def,
            &format!("transitions[{}].to", n - 1),
            "not_allowed"
        ));
    }

    #[test]
    fn a_star_row_may_lead_to_an_open_stage() {
        let mut def = lead_funnel();
        def.transitions
            .push(row(ANY_OPEN_STAGE, "typical_offer_sent"));
        assert_eq!(problems(&def), vec![]);
    }

    #[test]
    fn unreachable_stage_is_refused() {
        let mut def = lead_funnel();
        def.transitions.retain(|t| t.to != "offer_received");
        let i = index(&def, "offer_received");
        assert!(has(&def, &format!("stages[{i}]"), "unreachable"));
    }

    #[test]
    fn a_won_stage_must_be_reachable() {
        let mut def = lead_funnel();
        def.transitions.retain(|t| t.to != "converted");
        let p = problems(&def);
        assert!(
            p.contains(&("stages".to_owned(), "won_unreachable")),
            "{p:?}"
        );
        assert!(
            p.contains(&(
                format!("stages[{}]", index(&def, "converted")),
                "unreachable"
            )),
            "{p:?}"
        );
    }

    #[test]
    fn every_open_stage_needs_a_way_out() {
        let mut def = lead_funnel();
        def.transitions
            .retain(|t| t.from != ANY_OPEN_STAGE && t.from != "offer_received");
        let p = problems(&def);
        assert!(
            p.contains(&(
                format!("stages[{}]", index(&def, "offer_received")),
                "no_way_out"
            )),
            "{p:?}"
        );
        // With the `*` row back, every open stage has a way out again (to «Отказ»).
        def.transitions.push(row(ANY_OPEN_STAGE, "lost"));
        assert_eq!(problems(&def), vec![]);
    }

    #[test]
    fn guards_name_existing_checklist_items_and_fields() {
        let mut def = lead_funnel();
        let i = row_index(&def, "in_work", "surveyed");
        def.transitions[i].guards = vec![
            Guard::Checklist {
                items: strings(&["got_objections", "sang_a_song"]),
            },
            Guard::Fields {
                fields: strings(&["price_range", "counterparty"]),
            },
            Guard::AnyField {
                fields: strings(&["nope"]),
            },
            Guard::Checklist { items: vec![] },
        ];
        assert_eq!(
            problems(&def),
            [
                (
                    format!("transitions[{i}].guards[0].items[1]"),
                    "unknown_checklist_item"
                ),
                (
                    format!("transitions[{i}].guards[1].fields[1]"),
                    "unknown_field"
                ),
                (
                    format!("transitions[{i}].guards[2].fields[0]"),
                    "unknown_field"
                ),
                (format!("transitions[{i}].guards[3].items"), "required"),
            ]
        );
    }

    #[test]
    fn roles_guard_needs_a_role() {
        let mut def = lead_funnel();
        def.transitions[0]
            .guards
            .push(Guard::Roles { roles: vec![] });
        assert_eq!(
            problems(&def),
            [("transitions[0].guards[1].roles".to_owned(), "required")]
        );
    }

    #[test]
    fn requests_and_payments_are_for_deal_pipelines_only() {
        let mut def = lead_funnel();
        def.stages[1].on_enter.push(Effect::OpenRequest {
            request: RequestKind::Design,
        });
        def.transitions[1].guards.push(Guard::RequestCompleted {
            request: RequestKind::Design,
        });
        def.transitions[2].auto_on = Some(Fact::payment_received());
        def.transitions[3].auto_on = Some(Fact::request_completed(RequestKind::DeliveryCost));
        assert_eq!(
            problems(&def),
            [
                ("stages[1].on_enter[0].request".to_owned(), "not_allowed"),
                ("transitions[1].guards[1].request".to_owned(), "not_allowed"),
                ("transitions[2].auto_on".to_owned(), "not_allowed"),
                ("transitions[3].auto_on".to_owned(), "not_allowed"),
            ]
        );
        def.kind = PipelineKind::Deal;
        assert!(
            !problems(&def).iter().any(|(_, c)| *c == "not_allowed"),
            "{:?}",
            problems(&def)
        );
    }

    #[test]
    fn a_task_fact_needs_a_task_with_that_code() {
        let mut def = lead_funnel();
        def.transitions[1].auto_on = Some(Fact::task_completed("second_call"));
        assert_eq!(
            problems(&def),
            [("transitions[1].auto_on".to_owned(), "unknown_task")]
        );
        def.stages[1].on_enter.push(task("second_call"));
        assert_eq!(problems(&def), vec![]);
    }

    #[test]
    fn a_row_closed_to_people_needs_a_fact() {
        let mut def = lead_funnel();
        def.transitions[1].manual = false;
        assert_eq!(
            problems(&def),
            [("transitions[1].auto_on".to_owned(), "required")]
        );
    }

    #[test]
    fn automatic_rows_start_from_a_named_stage_and_never_lose() {
        let mut def = tile_deal_funnel();
        let star = row_index(&def, ANY_OPEN_STAGE, "lost");
        def.transitions[star].auto_on = Some(Fact::payment_received());
        let p = problems(&def);
        assert_eq!(
            p,
            [
                (format!("transitions[{star}].auto_on"), "not_allowed"),
                (format!("transitions[{star}].auto_on"), "not_allowed")
            ]
        );
    }

    #[test]
    fn automatic_rows_do_not_loop() {
        let mut def = tile_deal_funnel();
        def.transitions.push(Transition {
            auto_on: Some(Fact::request_completed(RequestKind::Design)),
            ..row("delivery_cost_received", "offer_sent")
        });
        assert!(problems(&def).iter().all(|(_, c)| *c != "auto_cycle"));
        def.transitions.push(Transition {
            auto_on: Some(Fact::request_completed(RequestKind::Design)),
            ..row("offer_sent", "delivery_cost_received")
        });
        assert!(
            problems(&def).iter().any(|(_, c)| *c == "auto_cycle"),
            "{:?}",
            problems(&def)
        );
    }

    #[test]
    fn due_dates_name_a_date_field_and_stay_in_range() {
        let mut def = tile_deal_funnel();
        let due = |field: &str, days| Effect::CreateTask { carry_over: false, kind: crate::pipelines::TaskKind::Task,
            code: "remind".to_owned(),
            title_ru: "Напомнить".to_owned(),
            title_en: "Remind".to_owned(),
            assignee: TaskAssignee::Responsible,
            due: Due::DaysBeforeField {
                field: field.to_owned(),
                days,
            },
        };
        let hours = |hours| Effect::CreateTask { carry_over: false, kind: crate::pipelines::TaskKind::Task,
            code: "call".to_owned(),
            title_ru: "Позвонить".to_owned(),
            title_en: "Call".to_owned(),
            assignee: TaskAssignee::Responsible,
            due: Due::InHours { hours },
        };
        def.stages[2].on_enter = vec![
            due("promised_payment_date", 0),
            due("expected_revenue", 1),
            due("no_such_field", 1),
            due("promised_payment_date", 366),
            hours(0),
            hours(8761),
            hours(8760),
        ];
        assert_eq!(
            problems(&def),
            [
                (
                    "stages[2].on_enter[1].due.field".to_owned(),
                    "invalid_value"
                ),
                (
                    "stages[2].on_enter[2].due.field".to_owned(),
                    "unknown_field"
                ),
                ("stages[2].on_enter[3].due.days".to_owned(), "out_of_range"),
                ("stages[2].on_enter[4].due.hours".to_owned(), "out_of_range"),
                ("stages[2].on_enter[5].due.hours".to_owned(), "out_of_range"),
            ]
        );
    }

    #[test]
    fn task_codes_and_titles_are_checked() {
        let mut def = lead_funnel();
        def.stages[0].on_enter = vec![Effect::CreateTask { carry_over: false, kind: crate::pipelines::TaskKind::Task,
            code: "First call".to_owned(),
            title_ru: "з".repeat(201),
            title_en: " ".to_owned(),
            assignee: TaskAssignee::Responsible,
            due: Due::InHours { hours: 1 },
        }];
        let p = problems(&def);
        for expected in [
            ("stages[0].on_enter[0].code", "invalid_format"),
            ("stages[0].on_enter[0].title_ru", "too_long"),
            ("stages[0].on_enter[0].title_en", "required"),
        ] {
            assert!(
                p.contains(&(expected.0.to_owned(), expected.1)),
                "{expected:?} in {p:?}"
            );
        }
        def.stages[0].on_enter = vec![task("first_call")];
        if let Some(Effect::CreateTask { title_ru, .. }) = def.stages[0].on_enter.first_mut() {
            *title_ru = "з".repeat(200);
        }
        assert_eq!(problems(&def), vec![]);
    }

    #[test]
    fn validation_reports_every_problem() {
        let mut def = lead_funnel();
        def.stages[1].color = "red".to_owned();
        def.stages[2].name_ru = String::new();
        def.transitions[0].guards.push(Guard::Fields {
            fields: strings(&["inn"]),
        });
        assert_eq!(
            problems(&def),
            [
                ("stages[1].color".to_owned(), "invalid_format"),
                ("stages[2].name_ru".to_owned(), "required"),
                (
                    "transitions[0].guards[1].fields[0]".to_owned(),
                    "unknown_field"
                ),
            ]
        );
    }

    fn in_use(codes: &[&str]) -> BTreeSet<String> {
        codes.iter().map(|c| (*c).to_owned()).collect()
    }

    fn change_problems(
        old: &PipelineDefinition,
        next: &PipelineDefinition,
        used: &[&str],
    ) -> Vec<(String, &'static str)> {
        match old.validate_change(next, &in_use(used)) {
            Ok(()) => vec![],
            Err(e) => e.0.into_iter().map(|(p, e)| (p, e.code)).collect(),
        }
    }

    #[test]
    fn validate_change_refuses_removing_a_stage_with_cards() {
        let old = lead_funnel();
        let mut next = old.clone();
        next.stages.retain(|s| s.code != "offer_received");
        next.transitions
            .retain(|t| t.from != "offer_received" && t.to != "offer_received");
        assert_eq!(change_problems(&old, &next, &["received"]), vec![]);
        assert_eq!(
            change_problems(&old, &next, &["received", "offer_received"]),
            [("stages".to_owned(), "stage_in_use")]
        );
        let err = old
            .validate_change(&next, &in_use(&["offer_received"]))
            .expect_err("refused");
        assert_eq!(
            err.0[0].1.message,
            "Стадию «КП получено» нельзя удалить: в ней есть карточки"
        );
    }

    #[test]
    fn validate_change_keeps_the_kind_of_a_stage_with_cards() {
        let old = lead_funnel();
        let mut next = old.clone();
        let lost = index(&next, "lost");
        next.stages[lost].kind = StageKind::Won;
        next.stages.push(Stage {
            code: "lost_for_good".to_owned(),
            ..old.stages[lost].clone()
        });
        next.transitions.push(row(ANY_OPEN_STAGE, "lost_for_good"));
        assert_eq!(change_problems(&old, &next, &["received"]), vec![]);
        assert_eq!(
            change_problems(&old, &next, &["lost"]),
            [(format!("stages[{lost}].kind"), "stage_in_use")]
        );
    }

    #[test]
    fn validate_change_keeps_the_pipeline_kind() {
        let old = lead_funnel();
        // A lead funnel read as a deal funnel: its lead-only fields fail too, and the kind is refused.
        let next = PipelineDefinition {
            kind: PipelineKind::Deal,
            ..old.clone()
        };
        let p = change_problems(&old, &next, &[]);
        assert!(p.contains(&("kind".to_owned(), "not_allowed")), "{p:?}");
        let deal = tile_deal_funnel();
        assert_eq!(
            change_problems(&deal, &old, &[]),
            [("kind".to_owned(), "not_allowed")]
        );
    }

    #[test]
    fn validate_change_validates_the_new_definition() {
        let old = lead_funnel();
        let mut next = old.clone();
        next.stages[1].color = "red".to_owned();
        assert_eq!(
            change_problems(&old, &next, &[]),
            [("stages[1].color".to_owned(), "invalid_format")]
        );
    }

    #[test]
    fn adding_a_stage_keeps_cards_valid() {
        let old = tile_deal_funnel();
        let mut next = old.clone();
        let at = index(&next, "offer_sent");
        next.stages.insert(
            at,
            Stage {
                code: "offer_approved".to_owned(),
                name_ru: "КП согласовано руководством".to_owned(),
                name_en: "Offer approved".to_owned(),
                color: "#228be6".to_owned(),
                group: Some("КП".to_owned()),
                kind: StageKind::Open,
                checklist: vec![],
                stuck_after_hours: Some(24),
                on_enter: vec![],
            },
        );
        let old_row = row_index(&next, "delivery_cost_received", "offer_sent");
        next.transitions[old_row].to = "offer_approved".to_owned();
        next.transitions.push(Transition {
            guards: vec![Guard::Roles {
                roles: vec![Role::Management],
            }],
            ..row("offer_approved", "offer_sent")
        });
        let every_stage: Vec<&str> = old.stages.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(change_problems(&old, &next, &every_stage), vec![]);
    }
}

