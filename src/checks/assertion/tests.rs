//! The rule language end to end: a rule's YAML, an article, the findings.

use crate::Engine;
use crate::findings::Finding;
use crate::input::{Document, Format};
use crate::rules::{RuleError, RuleSet};

fn engine(rule: &str) -> Result<Engine, String> {
    let mut set = RuleSet::lexicon_only().map_err(|e| e.to_string())?;
    set.add_file("r.yaml", rule).map_err(|e: RuleError| e.to_string())?;
    Engine::new(set).map_err(|e| e.to_string())
}

fn check(rule: &str, files: &[(&str, &str)]) -> Vec<Finding> {
    let engine = engine(rule).expect("the rule compiles");
    let docs: Vec<Document> =
        files.iter().map(|(path, text)| Document::parse(*path, text.to_string(), Format::Markdown).unwrap()).collect();
    engine.check_documents(&docs)
}

fn messages(rule: &str, text: &str) -> Vec<String> {
    check(rule, &[("a.md", text)]).into_iter().map(|f| f.message).collect()
}

const SUM: &str = r#"
id: sum
scope: sentence
patterns: ["{a:count} apples and {b:count} pears", "{total:count} fruit"]
assert: total == a + b
message: "{a} + {b} is {computed}, not {total}"
"#;

#[test]
fn a_sum_off_by_more_than_rounding_is_reported_and_rounding_is_not() {
    assert_eq!(messages(SUM, "We picked 12 apples and 30 pears, 45 fruit."), ["12 + 30 is 42, not 45"]);
    assert!(messages(SUM, "We picked 12 apples and 30 pears, 42 fruit.").is_empty());
    // "about 40" allows 38 to 42, so 12 + about 30 may well be 41.
    assert!(messages(SUM, "We picked 12 apples and about 30 pears, 41 fruit.").is_empty());
}

#[test]
fn figures_are_combined_only_within_the_scope() {
    assert!(messages(SUM, "We picked 12 apples and 30 pears. That made 45 fruit.").is_empty());
    let paragraph = SUM.replace("scope: sentence", "scope: paragraph");
    assert_eq!(messages(&paragraph, "We picked 12 apples and 30 pears. That made 45 fruit.").len(), 1);
    assert!(messages(&paragraph, "We picked 12 apples and 30 pears.\n\nThat made 45 fruit.").is_empty());
}

#[test]
fn first_compares_every_later_statement_with_the_first() {
    let rule = r#"
id: toll
patterns: ["death toll {...} {toll:count}"]
assert: toll == first.toll
at: toll
message: "the toll is {toll} here but {first.toll} on line {first.toll.line}"
"#;
    let text = "The death toll rose to 57.\n\nBy evening the death toll stood at 57.\n\nThe death toll is now 61.\n";
    let found = check(rule, &[("a.md", text)]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "the toll is 61 here but 57 on line 1");
    assert_eq!(found[0].span.line, 5);
}

#[test]
fn repository_scope_compares_files_in_the_order_given() {
    let rule = r#"
id: limit
scope: repository
patterns: ["upload size is {limit:quantity}"]
assert: limit == first.limit
message: "{limit} here, {first.limit} in {first.limit.file}"
"#;
    let files = [
        ("b.md", "The maximum upload size is 10 MB."),
        ("a.md", "The maximum upload size is 25 MB."),
        ("c.md", "The maximum upload size is 10 MB."),
    ];
    let found = check(rule, &files);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].file.as_str(), found[0].message.as_str()), ("a.md", "25 MB here, 10 MB in b.md"));
    // One document alone has nothing to compare with.
    assert!(check(rule, &files[..1]).is_empty());
}

#[test]
fn figures_in_different_units_are_never_compared() {
    let rule = r#"
id: limit
patterns: ["upload size is {limit:quantity}"]
assert: limit == first.limit
message: "m"
"#;
    assert!(messages(rule, "The upload size is 25 MB. Later: the upload size is 25,600 KB.").is_empty());
    assert_eq!(messages(rule, "The upload size is 25 MB. Later: the upload size is 20 MB.").len(), 1);
}

#[test]
fn selectors_pick_claims_by_metric_and_period() {
    let rule = r#"
id: growth-cap
select:
  - {name: now, role: level, metric: exports}
  - {name: before, role: level, metric: same, period: previous}
assert: now <= before * 1.3
message: "{before.period} {before} to {now.period} {now}"
"#;
    let text = "Exports reached $30 billion in 2021. Exports rose 50% to $45 billion in 2022.";
    assert_eq!(messages(rule, text), ["2021 $30 billion to 2022 $45 billion"]);
    let imports = "Imports reached $30 billion in 2021. Exports rose 50% to $45 billion in 2022.";
    assert!(messages(rule, imports).is_empty());
    let with_where = rule.replace("period: previous}", "}\nwhere: now.period == before.period + 2");
    assert!(messages(&with_where, text).is_empty());
}

#[test]
fn too_many_combinations_leave_a_unit_unchecked_without_panicking() {
    let mut text = String::new();
    for i in 0..150 {
        text.push_str(&format!("{} apples and {} pears, {} fruit; ", i + 1, i + 2, i + 9));
    }
    let rule = SUM.replace("scope: sentence", "scope: document");
    assert!(messages(&rule, &text).is_empty());
}

fn compile_error(rule: &str) -> String {
    engine(rule).expect_err("the rule is refused")
}

#[test]
fn mistakes_in_a_rule_are_refused_where_they_stand() {
    let unknown = compile_error("id: x\npatterns: [\"{total:count} in all\"]\nassert: totl > 0\nmessage: m\n");
    assert_eq!(unknown, "r.yaml:3:9: `totl` is not bound by this rule's patterns or selectors; did you mean `total`?");
    let field = compile_error("id: x\npatterns: [\"{total:count} in all\"]\nassert: total.lo > 0\nmessage: m\n");
    assert!(field.starts_with("r.yaml:3:9: `total` has no field `lo`; did you mean `low`?"), "{field}");
    let clash = compile_error(
        "id: x\npatterns: [\"{a:count} and {b:count}\", \"{a:count} only\"]\nassert: a > b\nmessage: m\n",
    );
    assert!(clash.contains("bound by another pattern"), "{clash}");
    let nothing = compile_error("id: x\nassert: 1 > 0\nmessage: m\n");
    assert!(nothing.contains("binds no figures"), "{nothing}");
    let at = compile_error("id: x\npatterns: [\"{a:count} x\"]\nassert: a > 0\nat: b\nmessage: m\n");
    assert!(at.starts_with("r.yaml:4:5:"), "{at}");
    let placeholder = compile_error("id: x\npatterns: [\"{a:count} x\"]\nassert: a > 0\nmessage: \"{a} and {b}\"\n");
    assert!(placeholder.starts_with("r.yaml:4:19: placeholder `{b}`"), "{placeholder}");
    let kind_keys = compile_error("id: x\nkind: change-mismatch\nmessage: m\npatterns: [\"{a:count}\"]\n");
    assert!(
        kind_keys.starts_with("r.yaml:4:11: `patterns` belongs to rules written in the rule language"),
        "{kind_keys}"
    );
    let twice = compile_error("id: x\nselect:\n  - name: a\n  - name: b\n  - name: a\nassert: a == b\nmessage: m\n");
    assert!(twice.starts_with("r.yaml:5:11: `a` is bound twice"), "{twice}");
    let firsts = compile_error(
        "id: x\npatterns: [\"{a:count} x\", \"{b:count} y\"]\nassert: a == first.a\nwhere: first.b > 0\nmessage: m\n",
    );
    assert!(firsts.starts_with("r.yaml:4:8: `first.` names must all come from one"), "{firsts}");
    let unit = compile_error("id: x\npatterns: [\"{a:count} x\", \"{b:count} y\"]\nassert: a == 2 b\nmessage: m\n");
    assert!(unit.starts_with("r.yaml:3:16: `b` after a number reads as a unit"), "{unit}");
    let no_assert = compile_error("id: x\nkind: assert\nmessage: m\n");
    assert!(no_assert.contains("needs an `assert:`"), "{no_assert}");
}

#[test]
fn years_have_their_number_and_durations_their_unit() {
    let founded = r#"
id: founded
patterns: ["founded in {year:year}"]
assert: year == 1990
message: "{year}"
"#;
    assert_eq!(messages(founded, "The firm was founded in 1995."), ["1995"]);
    assert!(messages(founded, "The firm was founded in 1990.").is_empty());
    let lasting = r#"
id: lasting
patterns: ["lasts {t:duration}"]
assert: t == first.t
message: "{t} after {first.t}"
"#;
    // Hours and minutes are not compared without a conversion; days with days are.
    assert!(messages(lasting, "The trial lasts 2 hours. The hearing lasts 120 minutes.").is_empty());
    assert_eq!(messages(lasting, "The trial lasts 14 days. The appeal lasts 9 days."), ["9 days after 14 days"]);
}

#[test]
fn computed_is_the_articles_figure_and_expected_the_reference() {
    let house = r#"
id: seats
patterns: ["{seats:count} seats"]
assert: seats == 48
message: "{computed} / {expected} / {seats.low} / {seats.value}"
"#;
    assert_eq!(messages(house, "It has 46 seats."), ["46 / 48 / 45.5 / 45.5 to 46.5"]);
}

#[test]
fn a_figure_some_pairing_explains_is_not_reported() {
    let paragraph = SUM.replace("scope: sentence", "scope: paragraph");
    // Two baskets in one paragraph: each total fits one pair of parts, so the rule
    // cannot tell that the other pairings are wrong, and says nothing.
    let two = "We picked 12 apples and 30 pears, 42 fruit. Then 5 apples and 7 pears, 12 fruit.";
    assert!(messages(&paragraph, two).is_empty());
    // A total that no pairing explains is still reported, once, with the parts
    // that stand nearest to it.
    let wrong = "We picked 12 apples and 30 pears, 42 fruit. Then 5 apples and 7 pears, 15 fruit.";
    assert_eq!(messages(&paragraph, wrong), ["5 + 7 is 12, not 15"]);
}

#[test]
fn explain_says_when_a_quotient_is_unbounded_because_its_divisor_may_be_zero() {
    let rule = r#"
id: margin
patterns: ["{margin:percent} margin on {income:money} income and {revenue:money} revenue, {staff:count} staff"]
assert: margin == income / revenue and staff > 100
message: m
"#;
    let found = check(rule, &[("a.md", "A 12% margin on $3 million income and $0 revenue, 50 staff.")]);
    assert_eq!(found.len(), 1, "`staff > 100` fails");
    // "$0" is -$0.5 to $0.5, so the margin could be anything: `--explain` says why.
    let step = found[0].explain.iter().find(|l| l.starts_with("income / revenue ="));
    assert_eq!(step.map(String::as_str), Some("income / revenue = -∞–∞, since `revenue` may be 0 (-$0.5 to $0.5)"));
}
