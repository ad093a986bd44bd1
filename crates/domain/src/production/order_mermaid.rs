//! The production order's table as a mermaid state diagram, for `README.md` beside this file.

use std::fmt::Write as _;

use super::order::{OrderState, transitions};

/// The stages and every row of [`transitions`] as a mermaid `stateDiagram-v2`, in Russian: each
/// arrow says the action, who may do it and its guards; a row allowed in several stages is one
/// arrow from each; a payment is an arrow from a stage to itself.
pub fn to_mermaid() -> String {
    let mut out = String::from("stateDiagram-v2\n");
    for s in OrderState::ALL {
        line(
            &mut out,
            format_args!("state \"{}\" as {}", s.name_ru(), s.as_str()),
        );
    }
    for rule in transitions() {
        let who: Vec<&str> = rule.actors.iter().map(|a| a.name_ru()).collect();
        let mut label = format!("{}<br>{}", rule.action.name_ru(), who.join(", "));
        for g in rule.guards {
            label.push_str("<br>");
            label.push_str(g.label_ru());
        }
        if rule.from.is_empty() {
            let to = rule.to.map_or("[*]", OrderState::as_str);
            line(&mut out, format_args!("[*] --> {to}: {label}"));
        }
        for from in rule.from {
            let to = rule.to.unwrap_or(*from);
            line(
                &mut out,
                format_args!("{} --> {}: {label}", from.as_str(), to.as_str()),
            );
        }
    }
    for s in OrderState::ALL.iter().filter(|s| s.is_final()) {
        line(&mut out, format_args!("{} --> [*]", s.as_str()));
    }
    out
}

fn line(out: &mut String, args: std::fmt::Arguments<'_>) {
    // Writing to a String cannot fail.
    let _ = writeln!(out, "    {args}");
}
