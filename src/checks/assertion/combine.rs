//! Binding and checking: the figures each source binds in a document, grouped by
//! the units of the rule's scope, and every combination of them checked against
//! the assertion.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::bind::{Binding, Bound, Tuple};
use super::figure::Shadow;
use super::{Assertion, Source};
use crate::checks::{Hit, LocatedHit};
use crate::claims::Analysis;
use crate::findings::Related;
use crate::input::Document;
use crate::rules::Scope;
use crate::rules::expr::{Comparison, StepValue, Truth, Value};

/// How many combinations one unit may hold before the rule gives up on it: a
/// bound on work, and a sign that the rule cannot tell which figures belong
/// together there.
const MAX_COMBINATIONS: usize = 10_000;

/// What one document contributes to a rule of `scope: repository`: per source,
/// the figures it binds, with their places in the file resolved.
#[derive(Debug, Clone, Default)]
pub struct Gathered {
    tuples: Vec<Vec<Tuple>>,
}

impl Gathered {
    /// Whether no source bound anything.
    pub fn is_empty(&self) -> bool {
        self.tuples.iter().all(Vec::is_empty)
    }
}

/// Every finding of a rule in one document.
pub fn run(rule: &Assertion, doc: &Document, analysis: &Analysis) -> Vec<Hit> {
    let per_source = bind(rule, doc, analysis);
    // Units hold, per source, the tuples that stand in them.
    let mut units: BTreeMap<usize, Vec<Vec<&Tuple>>> = BTreeMap::new();
    for (s, tuples) in per_source.iter().enumerate() {
        for (unit, tuple) in tuples {
            units.entry(*unit).or_insert_with(|| vec![Vec::new(); rule.sources.len()])[s].push(tuple);
        }
    }
    let mut hits: Vec<Hit> = Vec::new();
    let mut seen = HashSet::new();
    for lists in units.values() {
        check_unit(rule, lists, |found| {
            let hit = to_hit(rule, doc, &found);
            if seen.insert((hit.primary.clone(), hit.values.clone())) {
                hits.push(hit);
            }
        });
    }
    hits
}

/// A document's figures for a rule across documents, located in their file.
pub fn gather(rule: &Assertion, doc: &Document, analysis: &Analysis) -> Gathered {
    let file: Arc<str> = Arc::from(doc.path.as_str());
    let tuples = bind(rule, doc, analysis)
        .into_iter()
        .map(|tuples| {
            tuples
                .into_iter()
                .map(|(_, mut tuple)| {
                    for (_, bound) in &mut tuple {
                        bound.located = Some((file.clone(), doc.span(bound.range.clone())));
                    }
                    tuple
                })
                .collect()
        })
        .collect();
    Gathered { tuples }
}

/// The findings among the figures of every document of a run, in the order the
/// documents were given.
pub fn across(rule: &Assertion, gathered: &[Gathered]) -> Vec<LocatedHit> {
    let mut lists: Vec<Vec<&Tuple>> = vec![Vec::new(); rule.sources.len()];
    for g in gathered {
        for (s, tuples) in g.tuples.iter().enumerate() {
            lists[s].extend(tuples);
        }
    }
    let mut hits: Vec<LocatedHit> = Vec::new();
    let mut seen = HashSet::new();
    check_unit(rule, &lists, |found| {
        let Some(hit) = to_repository_hit(rule, &found) else { return };
        if seen.insert((hit.file.clone(), hit.span.start, hit.values.clone())) {
            hits.push(hit);
        }
    });
    hits
}

/// Per source, the tuples it binds in a document, each with the unit it stands in.
fn bind(rule: &Assertion, doc: &Document, analysis: &Analysis) -> Vec<Vec<(usize, Tuple)>> {
    let needs_shadow = rule.sources.iter().any(|s| matches!(s, Source::Patterns { .. }));
    let shadow = needs_shadow.then(|| Shadow::new(&doc.prose, &analysis.mentions));
    // The claim each mention belongs to, for its period and metric.
    let mut claim_of = vec![None; analysis.mentions.len()];
    for (c, claim) in analysis.claims.iter().enumerate() {
        for m in claim.mentions() {
            if let Some(slot) = claim_of.get_mut(m) {
                slot.get_or_insert(c);
            }
        }
    }
    let bound = |mention: usize, claim: Option<usize>| {
        let m = &analysis.mentions[mention];
        let claim = claim.or(claim_of[mention]).map(|c| &analysis.claims[c]);
        Bound {
            mention: m.clone(),
            text: doc.prose.get(m.range.clone()).unwrap_or_default().to_string(),
            range: m.range.clone(),
            period: claim.and_then(|c| c.period),
            metric: claim.and_then(|c| c.metric.clone()),
            located: None,
        }
    };
    let unit_of = |offset: usize| match rule.scope {
        Scope::Sentence => analysis.sentences.partition_point(|s| s.end <= offset),
        Scope::Paragraph => doc.blocks.partition_point(|b| b.end <= offset),
        Scope::Document | Scope::Repository => 0,
    };
    rule.sources
        .iter()
        .map(|source| {
            let mut tuples: Vec<(usize, Tuple)> = Vec::new();
            // Alternatives may match the same figures; each set of figures is bound once.
            let mut seen: HashSet<Vec<std::ops::Range<usize>>> = HashSet::new();
            match source {
                Source::Patterns { patterns, names } => {
                    for pattern in patterns {
                        let Some(shadow) = &shadow else { break };
                        for found in pattern.matches(shadow) {
                            let mut tuple: Tuple = Vec::with_capacity(names.len());
                            for ((name, _), &mention) in pattern.names.iter().zip(&found.mentions) {
                                let index = names.iter().copied().find(|&n| rule.names[n] == *name).unwrap_or(0);
                                tuple.push((index, bound(mention, None)));
                            }
                            tuple.sort_by_key(|(n, _)| *n);
                            if seen.insert(tuple.iter().map(|(_, b)| b.range.clone()).collect()) {
                                tuples.push((unit_of(found.range.start), tuple));
                            }
                        }
                    }
                    // In the order they stand, which `first.` relies on.
                    tuples.sort_by_key(|(_, t)| t.iter().map(|(_, b)| b.range.start).min());
                }
                Source::Select { selector, name, .. } => {
                    for (claim, mention) in selector.candidates(analysis) {
                        let b = bound(mention, Some(claim));
                        tuples.push((unit_of(b.range.start), vec![(*name, b)]));
                    }
                }
            }
            tuples
        })
        .collect()
}

/// One combination that makes the assertion false.
struct Found<'a> {
    binding: Binding<'a>,
    failed: Option<Comparison>,
    steps: Vec<String>,
}

/// Checks every combination of one unit's tuples, calling `report` once for each
/// figure the assertion rules out in every pairing of it.
fn check_unit<'a>(rule: &'a Assertion, lists: &[Vec<&'a Tuple>], mut report: impl FnMut(Found<'a>)) {
    let first = rule.first_source.and_then(|s| lists[s].first().copied());
    let ranges: Vec<std::ops::Range<usize>> = lists
        .iter()
        .enumerate()
        // With `first.`, its source runs over the statements after the first.
        .map(|(s, list)| if Some(s) == rule.first_source { 1.min(list.len())..list.len() } else { 0..list.len() })
        .collect();
    if ranges.iter().any(|r| r.is_empty()) {
        return;
    }
    let total = ranges.iter().try_fold(1usize, |acc, r| acc.checked_mul(r.len()));
    if total.is_none_or(|t| t > MAX_COMBINATIONS) {
        return;
    }
    // A figure that some pairing in its unit makes consistent is not reported for
    // the pairings that do not: the rule cannot tell which figures belong together.
    let mut explained: HashSet<Anchor> = HashSet::new();
    let mut failures: Vec<(Anchor, Box<Found<'a>>)> = Vec::new();
    let mut choice: Vec<usize> = ranges.iter().map(|r| r.start).collect();
    'combinations: loop {
        let tuples: Vec<&Tuple> = choice.iter().enumerate().map(|(s, &i)| lists[s][i]).collect();
        match check_combination(rule, &tuples, first) {
            Verdict::Skipped => {}
            Verdict::Holds(anchor) => {
                explained.insert(anchor);
            }
            Verdict::Fails(anchor, found) => failures.push((anchor, found)),
        }
        // The next combination, last source fastest.
        let mut s = choice.len();
        loop {
            if s == 0 {
                break 'combinations;
            }
            s -= 1;
            choice[s] += 1;
            if choice[s] < ranges[s].end {
                break;
            }
            choice[s] = ranges[s].start;
        }
    }
    // One finding per figure: the pairing whose figures stand nearest to it, the
    // likeliest to be the one the article meant.
    let mut best: Vec<(usize, Box<Found<'a>>)> = Vec::new();
    let mut slot_of: HashMap<Anchor, usize> = HashMap::new();
    for (anchor, found) in failures {
        if explained.contains(&anchor) {
            continue;
        }
        let distance = found.binding.bound.iter().map(|(_, b)| b.range.start.abs_diff(anchor.0.start)).sum();
        match slot_of.get(&anchor) {
            Some(&slot) if distance < best[slot].0 => best[slot] = (distance, found),
            Some(_) => {}
            None => {
                slot_of.insert(anchor, best.len());
                best.push((distance, found));
            }
        }
    }
    for (_, found) in best {
        report(*found);
    }
}

/// The figure an assertion is about (the rule's `at:`, else the first name it
/// uses), by place: where it is, and in which file.
type Anchor = (std::ops::Range<usize>, Option<Arc<str>>);

/// What one combination of figures says.
enum Verdict<'a> {
    /// Not a combination to check: a figure twice, a selector relation or the
    /// `where:` condition not met.
    Skipped,
    /// The assertion may hold.
    Holds(Anchor),
    /// No values the figures allow make it true.
    Fails(Anchor, Box<Found<'a>>),
}

fn check_combination<'a>(rule: &'a Assertion, tuples: &[&'a Tuple], first: Option<&'a Tuple>) -> Verdict<'a> {
    let bound: Vec<(usize, &Bound)> = tuples.iter().flat_map(|t| t.iter().map(|(n, b)| (*n, b))).collect();
    // One figure never stands for two names.
    for (i, (_, a)) in bound.iter().enumerate() {
        if bound[i + 1..].iter().any(|(_, b)| b.range == a.range && b.located == a.located) {
            return Verdict::Skipped;
        }
    }
    let binding = Binding { names: &rule.names, bound, first };
    for source in &rule.sources {
        if let Source::Select { selector, name, previous: Some(previous) } = source {
            let (Some(this), Some(before)) = (binding.get(&rule.names[*name]), binding.get(&rule.names[*previous]))
            else {
                return Verdict::Skipped;
            };
            if !selector.relates(this, before) {
                return Verdict::Skipped;
            }
        }
    }
    if let Some(condition) = &rule.condition
        && condition.evaluate(&binding).truth != Truth::Always
    {
        return Verdict::Skipped;
    }
    let outcome = rule.assertion.evaluate(&binding);
    let anchor = binding
        .get(&rule.names[rule.anchor])
        .map_or((0..0, None), |b| (b.range.clone(), b.located.as_ref().map(|(file, _)| file.clone())));
    if outcome.truth != Truth::Never {
        return Verdict::Holds(anchor);
    }
    // Only a finding needs its arithmetic, so only a finding pays for the trace.
    let traced = rule.assertion.evaluate_traced(&binding);
    // Computed values are shown like the figure they are compared with.
    let prefer = outcome.failed.as_ref().and_then(|c| {
        let named = |text: &str| match text.trim().strip_prefix("first.") {
            Some(name) => binding.first(name),
            None => binding.get(text.trim()),
        };
        named(&c.right_text).or_else(|| named(&c.left_text))
    });
    let steps = traced
        .steps
        .iter()
        .map(|step| {
            let shown = match &step.value {
                StepValue::Number(value) => render(&binding, value, prefer),
                StepValue::Truth(truth) => truth.to_string(),
            };
            match &step.zero_divisor {
                // Say why a quotient is unbounded: the divisor may be 0.
                Some((divisor, value)) => {
                    let divisor_shown = render(&binding, value, None);
                    format!("{} = {shown}, since `{divisor}` may be 0 ({divisor_shown})", step.text)
                }
                None => format!("{} = {shown}", step.text),
            }
        })
        .collect();
    Verdict::Fails(anchor, Box::new(Found { binding, failed: outcome.failed, steps }))
}

/// The figure a finding points at: the rule's `at:`, else the first name of the
/// failed comparison, else the first bound.
fn primary<'a>(rule: &Assertion, found: &Found<'a>) -> (usize, &'a Bound) {
    if let Some(at) = rule.at
        && let Some(&(n, b)) = found.binding.bound.iter().find(|(n, _)| *n == at)
    {
        return (n, b);
    }
    let sides = found.failed.as_ref().map(|c| [c.left_text.as_str(), c.right_text.as_str()]);
    for side in sides.iter().flatten() {
        let named = found.binding.bound.iter().filter(|(n, _)| mentions_name(side, &rule.names[*n]));
        if let Some(&(n, b)) = named.min_by_key(|(n, _)| side.find(rule.names[*n].as_str())) {
            return (n, b);
        }
    }
    found.binding.bound[0]
}

/// Whether `text` refers to `name` as a whole word (not `first.name`).
fn mentions_name(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && before != Some('.') && !word(after)
    })
}

/// The message's values: every bound name, `first.` names, and the two sides of
/// the failed comparison.
fn values(
    rule: &Assertion,
    found: &Found<'_>,
    line_of: &dyn Fn(&Bound) -> (String, usize),
) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for (n, b) in &found.binding.bound {
        let (file, line) = line_of(b);
        b.message_values(&rule.names[*n], line, &file, &mut values);
    }
    for (n, b) in found.binding.first.into_iter().flatten() {
        let (file, line) = line_of(b);
        b.message_values(&format!("first.{}", rule.names[*n]), line, &file, &mut values);
    }
    if let Some(c) = &found.failed {
        let left = side_text(rule, found, &c.left_text, &c.left, &c.right_text);
        let right = side_text(rule, found, &c.right_text, &c.right, &c.left_text);
        let (computed, expected) = if left_is_computed(c) { (&left, &right) } else { (&right, &left) };
        values.insert("computed".into(), computed.clone());
        values.insert("expected".into(), expected.clone());
        values.insert("left".into(), left);
        values.insert("right".into(), right);
    }
    values
}

/// Which side of a failed comparison is `{computed}`: the side that computes;
/// else the side that is not a literal or a first statement (`seats == 48`,
/// `limit == first.limit`: the article's figure is what was computed, the other
/// what was expected of it); else the left.
fn left_is_computed(c: &Comparison) -> bool {
    if c.left_computes != c.right_computes {
        return c.left_computes;
    }
    let reference = |text: &str| {
        let text = text.trim();
        !text.starts_with("first.") && text.starts_with(|ch: char| ch.is_alphabetic() || ch == '_')
    };
    reference(&c.left_text) || !reference(&c.right_text)
}

/// One side of a comparison for a message: a single name as the article wrote it;
/// a computed value in the style of a figure it is compared with.
fn side_text(rule: &Assertion, found: &Found<'_>, text: &str, value: &Value, other: &str) -> String {
    let text = text.trim();
    let lookup = |name: &str| match name.strip_prefix("first.") {
        Some(rest) => found.binding.first(rest),
        None => found.binding.get(name),
    };
    if let Some(b) = lookup(text) {
        return b.text.clone();
    }
    let like = lookup(other.trim())
        .or_else(|| found.binding.bound.iter().find(|(n, _)| mentions_name(text, &rule.names[*n])).map(|(_, b)| *b));
    match like {
        Some(b) if value.interval.is_bounded() => b.describe(value.interval.mid()),
        _ => value.to_string(),
    }
}

/// A value for `--explain`, in the style of `prefer` (the figure it is compared
/// with), else of a bound figure of the same unit.
fn render(binding: &Binding<'_>, value: &Value, prefer: Option<&Bound>) -> String {
    let figures = binding.bound.iter().map(|(_, b)| *b).chain(binding.first.into_iter().flatten().map(|(_, b)| b));
    prefer.into_iter().chain(figures).find_map(|b| b.render(value)).unwrap_or_else(|| value.to_string())
}

/// The arithmetic of a finding: what each name stands for, then each step.
fn explain(rule: &Assertion, found: &Found<'_>) -> Vec<String> {
    let mut lines = Vec::new();
    let named = found.binding.bound.iter().map(|(n, b)| (rule.names[*n].clone(), *b));
    let firsts = found.binding.first.into_iter().flatten().map(|(n, b)| (format!("first.{}", rule.names[*n]), b));
    for (name, b) in named.chain(firsts) {
        if let Some(v) = b.value(None) {
            let read = b.render(&v).unwrap_or_else(|| v.to_string());
            lines.push(format!("{name} = {}, read as {read}", b.text));
        }
    }
    lines.extend(found.steps.iter().cloned());
    lines
}

fn to_hit(rule: &Assertion, doc: &Document, found: &Found<'_>) -> Hit {
    let (name, primary) = primary(rule, found);
    let line_of = |b: &Bound| (doc.path.clone(), doc.span(b.range.clone()).line);
    let related = found
        .binding
        .bound
        .iter()
        .filter(|(n, _)| *n != name)
        .map(|(n, b)| (rule.names[*n].clone(), b.range.clone()))
        .chain(
            found
                .binding
                .first
                .into_iter()
                .flatten()
                .map(|(n, b)| (format!("first.{}", rule.names[*n]), b.range.clone())),
        )
        .collect();
    Hit {
        primary: primary.range.clone(),
        label: rule.names[name].clone(),
        related,
        values: values(rule, found, &line_of),
        help: None,
        explain: explain(rule, found),
    }
}

fn to_repository_hit(rule: &Assertion, found: &Found<'_>) -> Option<LocatedHit> {
    let (name, primary) = primary(rule, found);
    let (file, span) = primary.located.clone()?;
    let line_of = |b: &Bound| b.located.as_ref().map_or((String::new(), 0), |(f, s)| (f.to_string(), s.line));
    // Related figures in other files are named in the message; a span is only
    // meaningful in the finding's own file.
    let related = found
        .binding
        .bound
        .iter()
        .map(|&(n, b)| (rule.names[n].clone(), b))
        .chain(found.binding.first.into_iter().flatten().map(|(n, b)| (format!("first.{}", rule.names[*n]), b)))
        .filter(|(_, b)| !std::ptr::eq(*b, primary))
        .filter_map(|(label, b)| {
            let (f, s) = b.located.as_ref()?;
            (*f == file).then_some(Related { label, span: *s })
        })
        .collect();
    Some(LocatedHit {
        file: file.to_string(),
        span,
        label: rule.names[name].clone(),
        related,
        values: values(rule, found, &line_of),
        explain: explain(rule, found),
    })
}
