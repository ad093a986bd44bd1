//! A pipeline as a mermaid state diagram, for the README beside this file and for admins.

use std::fmt::Write as _;

use crate::pipelines::definition::{
    ANY_OPEN_STAGE, Due, Effect, Guard, PipelineDefinition, StageKind, TaskAssignee,
};
use super::fields;

/// Id of the pseudo-state that stands for `*` (stage codes are lowercase, so it never clashes).
const ANY_ID: &str = "ANY";

impl PipelineDefinition {
    /// The stages and the transition table as a mermaid `stateDiagram-v2`, labelled in Russian:
    /// each arrow lists its guards and the fact it moves on; notes show what entering a stage starts.
    pub fn to_mermaid(&self) -> String {
        let mut out = String::from("stateDiagram-v2\n");
        for s in &self.stages {
            line(
                &mut out,
                format_args!("state \"{}\" as {}", quote(&s.name_ru), s.code),
            );
        }
        if self.transitions.iter().any(|t| t.from == ANY_OPEN_STAGE) {
            line(
                &mut out,
                format_args!("state \"Любая открытая стадия\" as {ANY_ID}"),
            );
        }
        if let Some(first) = self.stages.first() {
            line(&mut out, format_args!("[*] --> {}", first.code));
        }
        for t in &self.transitions {
            let from = if t.from == ANY_OPEN_STAGE {
                ANY_ID
            } else {
                t.from.as_str()
            };
            let label = self.label(t);
            if label.is_empty() {
                line(&mut out, format_args!("{from} --> {}", t.to));
            } else {
                line(&mut out, format_args!("{from} --> {}: {label}", t.to));
            }
        }
        for s in self.stages.iter().filter(|s| s.kind.is_closed()) {
            line(&mut out, format_args!("{} --> [*]", s.code));
        }
        for s in self.stages.iter().filter(|s| !s.on_enter.is_empty()) {
            line(&mut out, format_args!("note right of {}", s.code));
            for e in &s.on_enter {
                line(&mut out, format_args!("    {}", self.effect_ru(e)));
            }
            line(&mut out, format_args!("end note"));
        }
        out
    }

    fn label(&self, t: &super::Transition) -> String {
        let mut parts: Vec<String> = Vec::new();
        for g in &t.guards {
            match g {
                Guard::Roles { roles } => {
                    let names: Vec<&str> = roles.iter().map(|r| r.title_ru()).collect();
                    parts.push(format!("только {}", names.join(", ")));
                }
                Guard::Checklist { items } => parts.extend(items.iter().map(|i| {
                    format!(
                        "✓ {}",
                        self.checklist_item(i)
                            .map_or(i.as_str(), |c| c.name_ru.as_str())
                    )
                })),
                Guard::Fields { fields } => {
                    let names: Vec<String> = fields
                        .iter()
                        .map(|f| format!("«{}»", self.field_name(f)))
                        .collect();
                    parts.push(format!("заполнено {}", names.join(", ")));
                }
                Guard::AnyField { fields } => {
                    let names: Vec<String> = fields
                        .iter()
                        .map(|f| format!("«{}»", self.field_name(f)))
                        .collect();
                    parts.push(format!("заполнено {}", names.join(" или ")));
                }
                Guard::RequestCompleted { request } => {
                    // Said once, by the fact line, when the row also moves on that request.
                    if t.auto_on != Some(super::Fact::request_completed(*request)) {
                        parts.push(format!("запрос «{}» выполнен", request.title_ru()));
                    }
                }
            }
        }
        if let Some(fact) = &t.auto_on {
            let when = if t.manual {
                "вручную или сама"
            } else {
                "только сама"
            };
            parts.push(format!("{when}, когда {}", fact.happened_ru(self)));
        }
        if self.stage(&t.to).is_some_and(|s| s.kind == StageKind::Lost) {
            parts.push("с причиной отказа".to_owned());
        }
        parts
            .iter()
            .map(|p| quote(p))
            .collect::<Vec<_>>()
            .join("<br>")
    }

    fn field_name<'a>(&self, code: &'a str) -> &'a str {
        fields::field(self.kind, code).map_or(code, |f| f.name_ru)
    }

    fn effect_ru(&self, e: &Effect) -> String {
        match e {
            Effect::OpenRequest { request } => {
                format!("запрос «{}» {}", request.title_ru(), request.addressee_ru())
            }
            Effect::CreateTask {
                title_ru,
                assignee,
                due,
                ..
            } => {
                let who = match assignee {
                    TaskAssignee::Responsible => "ответственному".to_owned(),
                    TaskAssignee::Role { role } => format!("роли «{}»", role.title_ru()),
                };
                let when = match due {
                    Due::InHours { hours } => format!("срок {hours} ч"),
                    Due::DaysBeforeField { field, days } => {
                        format!("за {days} дн. до даты «{}»", self.field_name(field))
                    }
                };
                format!("задача «{}» {who}, {when}", quote(title_ru))
            }
        }
    }
}

/// Mermaid labels end at a line break and names sit in double quotes; keep both out.
fn quote(s: &str) -> String {
    s.replace('"', "#quot;").replace(['\n', '\r'], " ")
}

fn line(out: &mut String, args: std::fmt::Arguments<'_>) {
    // Writing to a String cannot fail.
    let _ = writeln!(out, "    {args}");
}

#[cfg(test)]
mod tests {
    use crate::sales::{lead_funnel, tile_deal_funnel};

    #[test]
    fn mermaid_lists_every_stage_and_row() {
        let def = tile_deal_funnel();
        let text = def.to_mermaid();
        assert!(text.starts_with("stateDiagram-v2\n"));
        for s in &def.stages {
            assert!(
                text.contains(&format!("state \"{}\" as {}\n", s.name_ru, s.code)),
                "{}",
                s.code
            );
        }
        let arrows = text
            .lines()
            .filter(|l| l.contains(" --> ") && !l.contains("[*]"))
            .count();
        assert_eq!(arrows, def.transitions.len());
        assert!(text.contains("    ANY --> lost: с причиной отказа\n"));
        assert!(text.contains("    documents_signed --> payment_received: только сама, когда оплата зарегистрирована\n"));
    }

    #[test]
    fn mermaid_labels_show_guards_and_facts() {
        let text = lead_funnel().to_mermaid();
        assert!(text.contains(
            "    received --> in_work: заполнено «Ответственный»<br>вручную или сама, когда задача «Связаться с клиентом по заявке» выполнена\n"
        ));
        assert!(text.contains(
            "заполнено «Вилка цен», «Сведения для КП»<br>заполнено «Клиент согласен на индивидуальное КП» или «Клиент согласен на дизайн-макет»"
        ));
        assert!(text.contains("    note right of received\n        задача «Связаться с клиентом по заявке» ответственному, срок 1 ч\n    end note\n"));
    }
}
