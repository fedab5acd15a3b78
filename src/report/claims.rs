//! The `factlint claims` report: every mention and every claim the engine read.
//!
//! JSON schema (version 1, stable):
//!
//! ```text
//! {"version":1,"file":"a.md","date":"2023-04-06"|null,
//!  "mentions":[{"kind","text","span":{start,end,line,column,end_line,end_column},
//!               "value","low","high","unit","qualifier",
//!               "form"?,"per"?,"lexicon"?,"note"?}],
//!  "claims":[{"role","metric","confidence","period","cue","mentions":[indices],
//!             "direction","amount","from","to",
//!             "binding":{"frame","clause","subject","component"?,"basis"?}}]}
//! ```
//!
//! `kind` is one of number, money, percent, points, multiplier, ordinal, year, date,
//! period, weekday, duration, age. Numeric `value`s are plain numbers in their unit
//! (money in currency units, "35%" as 35); temporal values are ISO 8601 strings.
//! `low`/`high` bound what the stated precision and qualifier allow (null when
//! unbounded or temporal). The optional keys appear only when they say something:
//! `form` is range, vague or relative (a relative time's value is null when there
//! is no publication date); `per` is what an amount is per ("share"); `lexicon`
//! lists the lexicon entries that read the mention ("scales: billion"); `note`
//! says why a reading may be wrong. In a claim, `mentions`, `amount`, `from` and `to` are
//! indices into `mentions`; `metric` is the normalised phrase, or null when the
//! claim could not be bound. `binding` says how the claim was read: `frame` (change
//! verb, level verb, change noun, comparative, gapped), `clause` (main,
//! subordinate, relative, reporting, coordinated, contributor, quoted),
//! `subject` (how the metric was found: stated, pronoun, elided, antecedent,
//! main-clause, object, none), `component` (a contributor to another change,
//! never compared as a whole one) and `basis` (constant currency, year on year…).

use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::claims::{Amount, Analysis, Claim};
use crate::extract::{Form, Mention, MentionKind};
use crate::input::{Document, Span};

#[derive(Serialize)]
struct ClaimsReport<'a> {
    version: u32,
    file: &'a str,
    date: Option<String>,
    mentions: Vec<MentionOut<'a>>,
    claims: Vec<ClaimOut>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    kind: crate::extract::MentionKind,
    text: &'a str,
    span: Span,
    value: Value,
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<&'a str>,
    qualifier: Option<crate::extract::Qualifier>,
    #[serde(skip_serializing_if = "is_plain")]
    form: Form,
    #[serde(skip_serializing_if = "Option::is_none")]
    per: Option<&'a str>,
    #[serde(skip_serializing_if = "<[Arc<str>]>::is_empty")]
    lexicon: &'a [Arc<str>],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

fn is_plain(form: &Form) -> bool {
    *form == Form::Plain
}

#[derive(Serialize)]
struct ClaimOut {
    role: crate::claims::Role,
    metric: Option<String>,
    confidence: crate::claims::Confidence,
    period: Option<String>,
    cue: String,
    mentions: Vec<usize>,
    direction: Option<crate::claims::Direction>,
    amount: Option<Value>,
    from: Option<usize>,
    to: Option<usize>,
    binding: BindingOut,
}

/// How a claim was bound: what a user reads to see why it was or was not compared.
#[derive(Serialize)]
struct BindingOut {
    frame: &'static str,
    clause: Option<crate::claims::ClauseKind>,
    subject: crate::claims::SubjectRule,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    component: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<String>,
}

fn mention_out<'a>(doc: &'a Document, m: &'a Mention) -> MentionOut<'a> {
    let value = match (&m.time, m.value) {
        // A duration is a time too: "P18M", with its count in `low`/`high`.
        (Some(t), _) if m.kind.is_temporal() || m.kind == MentionKind::Duration || m.value.is_none() => {
            Value::from(t.as_str())
        }
        (_, Some(v)) => Value::from(v),
        _ => Value::Null,
    };
    MentionOut {
        kind: m.kind,
        text: doc.prose.get(m.range.clone()).unwrap_or_default(),
        span: doc.span(m.range.clone()),
        value,
        low: m.low(),
        high: m.high(),
        unit: m.unit.as_deref(),
        qualifier: m.qualifier,
        form: m.form,
        per: m.per.as_deref(),
        lexicon: &m.lexicon,
        note: m.note.as_deref(),
    }
}

fn claim_out(doc: &Document, c: &Claim) -> ClaimOut {
    let change = c.change.as_ref();
    let amount = change.and_then(|ch| ch.amount.as_ref()).map(|a| match a {
        Amount::Percent(i) | Amount::Points(i) | Amount::Absolute(i) => Value::from(*i),
        Amount::Factor { text, factor, .. } => serde_json::json!({"text": text, "low": factor.lo, "high": factor.hi}),
    });
    ClaimOut {
        role: c.role,
        metric: c.metric.as_ref().map(|m| m.key()),
        confidence: c.confidence,
        period: c.period.map(|p| p.to_string()),
        cue: doc.prose.get(c.cue.clone()).unwrap_or_default().to_string(),
        mentions: c.mentions(),
        direction: change.map(|ch| ch.direction),
        amount,
        from: change.and_then(|ch| ch.from),
        to: if change.is_some() { c.level } else { None },
        binding: BindingOut {
            frame: c.binding.frame,
            clause: c.binding.clause,
            subject: c.binding.subject,
            component: c.binding.component,
            basis: c.binding.basis.as_ref().map(|b| match b {
                crate::claims::Basis::YearOnYear => "year on year".to_string(),
                crate::claims::Basis::Other(name) => name.clone(),
            }),
        },
    }
}

/// Writes the claims report of one document as JSON.
pub fn write_json(out: &mut dyn Write, doc: &Document, analysis: &Analysis) -> io::Result<()> {
    let report = ClaimsReport {
        version: 1,
        file: &doc.path,
        date: doc.publication_date.map(|d| d.to_string()),
        mentions: analysis.mentions.iter().map(|m| mention_out(doc, m)).collect(),
        claims: analysis.claims.iter().map(|c| claim_out(doc, c)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    writeln!(out)
}

/// Writes the claims report of one document for people: one line per mention,
/// then one line per claim, with the fields of the JSON report.
pub fn write_human(out: &mut dyn Write, doc: &Document, analysis: &Analysis) -> io::Result<()> {
    let date = doc.publication_date.map_or("none".to_string(), |d| d.to_string());
    writeln!(out, "{} (publication date: {date})", doc.path)?;
    writeln!(out, "mentions:")?;
    for (i, m) in analysis.mentions.iter().enumerate() {
        let o = mention_out(doc, m);
        let bounds = match (o.low, o.high) {
            (None, None) if m.value.is_none() => String::new(),
            (lo, hi) => format!(
                " [{}, {}]",
                lo.map_or("-inf".to_string(), |v| v.to_string()),
                hi.map_or("inf".to_string(), |v| v.to_string())
            ),
        };
        let unit = o.unit.map(|u| format!(" {u}")).unwrap_or_default();
        let qualifier = o.qualifier.map(|q| format!(" ({q:?})")).unwrap_or_default();
        let mut extra = String::new();
        if o.form != Form::Plain {
            extra.push_str(&format!(" {:?}", o.form));
        }
        if let Some(per) = o.per {
            extra.push_str(&format!(" per {per}"));
        }
        if !o.lexicon.is_empty() {
            extra.push_str(&format!(" via {}", o.lexicon.join("; ")));
        }
        if let Some(note) = o.note {
            extra.push_str(&format!(" (note: {note})"));
        }
        writeln!(
            out,
            "  [{i}] {}:{} {:?} {:?} = {}{unit}{bounds}{qualifier}{extra}",
            o.span.line, o.span.column, o.kind, o.text, o.value
        )?;
    }
    writeln!(out, "claims:")?;
    for c in &analysis.claims {
        let o = claim_out(doc, c);
        let metric = o.metric.unwrap_or_else(|| "(unbound)".to_string());
        let period = o.period.unwrap_or_else(|| "-".to_string());
        let mut parts = vec![format!("{:?} of {metric:?} ({:?}) in {period}, cue {:?}", o.role, o.confidence, o.cue)];
        if !o.mentions.is_empty() {
            let list: Vec<String> = o.mentions.iter().map(usize::to_string).collect();
            parts.push(format!("mentions [{}]", list.join(", ")));
        }
        if let Some(d) = o.direction {
            parts.push(format!("{d:?}"));
        }
        if let Some(a) = o.amount {
            parts.push(format!("amount {a}"));
        }
        if let Some(f) = o.from {
            parts.push(format!("from [{f}]"));
        }
        if let Some(t) = o.to {
            parts.push(format!("to [{t}]"));
        }
        let b = &o.binding;
        // The JSON spellings, with spaces: "main clause", "subject main clause".
        let words = |v: Value| v.as_str().unwrap_or("-").replace('-', " ");
        let clause = words(serde_json::to_value(b.clause).unwrap_or_default());
        let subject = words(serde_json::to_value(b.subject).unwrap_or_default());
        let mut how = format!("{} frame in a {clause} clause, subject {subject}", b.frame);
        if b.component {
            how.push_str(", a contributor");
        }
        if let Some(basis) = &b.basis {
            how.push_str(&format!(", basis {basis}"));
        }
        parts.push(format!("({how})"));
        writeln!(out, "  {}", parts.join(", "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;
    use crate::input::Format;

    #[test]
    fn human_claims_show_the_json_fields() {
        let src = "Exports were $30 billion in 2021. In 2022 exports rose 50% to $45 billion.\n";
        let doc = Document::parse("t.md", src.to_string(), Format::Markdown).unwrap();
        let analysis = Engine::builtin().unwrap().analyse(&doc);
        let (mut json, mut human) = (Vec::new(), Vec::new());
        write_json(&mut json, &doc, &analysis).unwrap();
        write_human(&mut human, &doc, &analysis).unwrap();
        let json: Value = serde_json::from_slice(&json).unwrap();
        let human = String::from_utf8(human).unwrap();
        let lines: Vec<&str> = human.lines().skip_while(|l| *l != "claims:").skip(1).collect();
        let claims = json["claims"].as_array().unwrap();
        assert_eq!(lines.len(), claims.len(), "{human}");
        assert!(claims.iter().any(|c| !c["to"].is_null()), "no change claim with a level: {json}");
        assert!(claims.iter().any(|c| c["direction"].is_null()), "no level claim: {json}");
        for (line, claim) in lines.iter().zip(claims) {
            let index = |key: &str| claim[key].as_u64().map(|i| format!("{key} [{i}]"));
            for key in ["from", "to"] {
                match index(key) {
                    Some(field) => assert!(line.contains(&field), "{line:?} lacks {field:?}: {claim}"),
                    None => assert!(!line.contains(&format!(", {key} [")), "{line:?}: {claim}"),
                }
            }
            let mentions: Vec<String> =
                claim["mentions"].as_array().unwrap().iter().map(|m| m.as_u64().unwrap().to_string()).collect();
            assert!(line.contains(&format!("mentions [{}]", mentions.join(", "))), "{line:?}: {claim}");
            assert!(!line.contains("level ["), "{line:?}");
        }
    }
}
