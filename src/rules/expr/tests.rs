//! Tests of the assertion language: parsing, precedence, interval and unit
//! semantics, blame for a `Never`, every parse error with its offset, and that no
//! input makes it panic.

use super::*;

/// A stated figure: `x` give or take `half`, unitless.
fn figure(x: f64, half: f64) -> Value {
    Value::plain(Interval::around(x, half))
}

/// A whole number as prose states it: ±0.5.
fn about(x: f64) -> Value {
    figure(x, 0.5)
}

fn point(x: f64) -> Value {
    Value::plain(Interval::point(x))
}

/// An environment binding `name` or `name.field` to values; anything else is unbound.
fn bind(bindings: &[(&str, Value)]) -> impl Fn(&str, Option<&str>) -> Option<Value> + use<> {
    let bindings: Vec<(String, Value)> = bindings.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    move |name: &str, field: Option<&str>| {
        let key = match field {
            Some(field) => format!("{name}.{field}"),
            None => name.to_string(),
        };
        bindings.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())
    }
}

fn parsed(text: &str) -> Expr {
    parse(text).unwrap_or_else(|e| panic!("`{text}` should parse: {e}"))
}

fn truth(text: &str, bindings: &[(&str, Value)]) -> Truth {
    parsed(text).evaluate(&bind(bindings)).truth
}

fn error(text: &str) -> (usize, String) {
    match parse(text) {
        Ok(_) => panic!("`{text}` should not parse"),
        Err(e) => (e.offset, e.message),
    }
}

/// The value computed for the step quoting `text`.
fn step_value(outcome: &Outcome, text: &str) -> StepValue {
    let step = outcome.steps.iter().find(|s| s.text == text);
    step.unwrap_or_else(|| panic!("no step `{text}` in {:?}", outcome.steps)).value.clone()
}

fn number_step(expr: &str, step: &str, bindings: &[(&str, Value)]) -> Value {
    match step_value(&parsed(expr).evaluate_traced(&bind(bindings)), step) {
        StepValue::Number(value) => value,
        other => panic!("`{step}` is not a number: {other:?}"),
    }
}

fn assert_close(got: Interval, lo: f64, hi: f64) {
    assert!((got.lo - lo).abs() < 1e-9 && (got.hi - hi).abs() < 1e-9, "got {got}, expected [{lo}, {hi}]");
}

#[test]
fn the_running_example_meets_or_contradicts() {
    let killed_wounded = [("killed", about(130.0)), ("wounded", about(45.0))];
    let with_total = |total: f64| {
        let mut bindings = killed_wounded.to_vec();
        bindings.push(("total", about(total)));
        truth("killed + wounded == total", &bindings)
    };
    assert_eq!(with_total(175.0), Truth::Sometimes);
    assert_eq!(with_total(176.0), Truth::Sometimes, "174–176 meets 175.5–176.5");
    assert_eq!(with_total(180.0), Truth::Never);
}

#[test]
fn precedence_from_or_down_to_unary_minus() {
    assert_eq!(truth("1 + 2 * 3 == 7", &[]), Truth::Always);
    assert_eq!(truth("(1 + 2) * 3 == 9", &[]), Truth::Always);
    assert_eq!(truth("10 - 4 - 3 == 3", &[]), Truth::Always, "`-` associates to the left");
    assert_eq!(truth("12 / 3 / 2 == 2", &[]), Truth::Always, "`/` associates to the left");
    assert_eq!(truth("-2 * 3 == -6", &[]), Truth::Always);
    assert_eq!(truth("- (2 + 3) == -5", &[]), Truth::Always);
    assert_eq!(truth("2 - -3 == 5", &[]), Truth::Always);
    // `not` binds tighter than `and`, looser than comparisons.
    assert_eq!(truth("not 1 > 2 and 2 > 1", &[]), Truth::Always);
    // `and` binds tighter than `or`: false or (true and false).
    assert_eq!(truth("1 > 2 or 2 > 1 and 3 > 4", &[]), Truth::Never);
    assert_eq!(truth("(1 > 2 or 2 > 1) and 3 < 4", &[]), Truth::Always);

    let steps = parsed("a + b * c == d").evaluate_traced(&bind(&[])).steps;
    let texts: Vec<&str> = steps.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["b * c", "a + b * c", "a + b * c == d"], "innermost first");
}

#[test]
fn arithmetic_operators_over_intervals() {
    let ab = [("a", figure(10.0, 1.0)), ("b", figure(4.0, 1.0))];
    assert_close(number_step("a + b > 0", "a + b", &ab).interval, 12.0, 16.0);
    assert_close(number_step("a - b > 0", "a - b", &ab).interval, 4.0, 8.0);
    assert_close(number_step("a * b > 0", "a * b", &ab).interval, 27.0, 55.0);
    assert_close(number_step("a / b > 0", "a / b", &ab).interval, 1.8, 11.0 / 3.0);
    assert_close(number_step("-a > 0", "-a", &ab).interval, -11.0, -9.0);
    assert_close(number_step("(a - b) * 2 > 0", "(a - b) * 2", &ab).interval, 8.0, 16.0);
}

#[test]
fn functions_over_intervals() {
    let x = [("x", figure(-1.0, 2.0)), ("y", figure(2.0, 0.5)), ("z", figure(0.0, 0.25))];
    assert_close(number_step("abs(x) > 0", "abs(x)", &x).interval, 0.0, 3.0);
    assert_close(number_step("min(x, y) > 0", "min(x, y)", &x).interval, -3.0, 1.0);
    assert_close(number_step("max(x, y, z) > 0", "max(x, y, z)", &x).interval, 1.5, 2.5);
    assert_close(number_step("min(y, z, 5) > 0", "min(y, z, 5)", &x).interval, -0.25, 0.25);
    assert_close(number_step("round(y) > 0", "round(y)", &x).interval, 2.0, 3.0);
    assert_close(number_step("round(7.34567, 2) > 0", "round(7.34567, 2)", &x).interval, 7.35, 7.35);
    assert_close(number_step("round(1234, -2) > 0", "round(1234, -2)", &x).interval, 1200.0, 1200.0);
    assert_eq!(truth("round(33.6) == 34", &[]), Truth::Always);
    assert_eq!(truth("abs(-5) == 5 and max(1, 2) == 2 and min(1, 2) == 1", &[]), Truth::Always);
}

#[test]
fn comparisons_are_always_sometimes_or_never() {
    let a = [("a", figure(10.0, 1.0))];
    let table = [
        ("a < 12", Truth::Always),
        ("a < 11", Truth::Sometimes),
        ("a < 9", Truth::Never),
        ("a < 8.5", Truth::Never),
        ("a <= 11", Truth::Always),
        ("a <= 9", Truth::Sometimes),
        ("a <= 8.9", Truth::Never),
        ("a > 8", Truth::Always),
        ("a > 9", Truth::Sometimes),
        ("a > 11", Truth::Never),
        ("a >= 9", Truth::Always),
        ("a >= 11", Truth::Sometimes),
        ("a >= 11.1", Truth::Never),
        ("a == 10", Truth::Sometimes),
        ("a == 11", Truth::Sometimes),
        ("a == 12", Truth::Never),
        ("a != 12", Truth::Always),
        ("a != 10", Truth::Sometimes),
        ("3 == 3", Truth::Always),
        ("3 != 3", Truth::Never),
        ("3 != 4", Truth::Always),
    ];
    for (text, expected) in table {
        assert_eq!(truth(text, &a), expected, "{text}");
    }
}

#[test]
fn about_equal_within_a_share_or_an_amount() {
    let b = [("a", point(104.0)), ("b", point(100.0))];
    assert_eq!(truth("a ~= b within 5%", &b), Truth::Always);
    assert_eq!(truth("a ~= b within 3%", &b), Truth::Never);
    assert_eq!(truth("a ~= b within 4", &b), Truth::Always);
    assert_eq!(truth("a ~= b within 3.9", &b), Truth::Never);
    // The share is of b's largest magnitude: 5% of 110 reaches 115.5.
    let wide = [("a", point(115.0)), ("b", figure(100.0, 10.0))];
    assert_eq!(truth("a ~= b within 5%", &wide), Truth::Sometimes);
    assert_eq!(truth("a ~= b within 4%", &wide), Truth::Never, "4% of 110 reaches 114.4");
    assert_eq!(truth("not a ~= b within 5%", &wide), Truth::Sometimes);
    // Always needs the share of b's smallest magnitude: 5% of 95 is 4.75, and 100
    // is 5 from 95, so some readings fall outside.
    let near = [("a", point(100.0)), ("b", figure(100.0, 5.0))];
    assert_eq!(truth("a ~= b within 5%", &near), Truth::Sometimes);
    assert_eq!(truth("a ~= b within 6%", &near), Truth::Always);
    // An absolute tolerance with a unit must match the compared unit.
    let mb =
        [("a", Value::with_unit(Interval::point(12.0), "MB")), ("b", Value::with_unit(Interval::point(10.0), "MB"))];
    assert_eq!(truth("a ~= b within 2 MB", &mb), Truth::Always);
    assert_eq!(truth("a ~= b within 1 MB", &mb), Truth::Never);
    assert_eq!(truth("a ~= b within 1 GB", &mb), Truth::Sometimes, "GB vs MB is not compared");
}

#[test]
fn units_must_agree_to_be_compared() {
    let mb = |x: f64| Value::with_unit(Interval::around(x, 0.5), "MB");
    let metres = Value::with_unit(Interval::around(1280.0, 0.5), "m");
    let sizes = [("a", mb(10.0)), ("b", mb(20.0)), ("height", metres)];
    assert_eq!(truth("a == b", &sizes), Truth::Never, "MB against MB compares");
    assert_eq!(truth("a + a == b", &sizes), Truth::Sometimes);
    assert_eq!(truth("a == height", &sizes), Truth::Sometimes, "MB against m is never a finding");
    assert_eq!(truth("a + height > 1e9", &sizes), Truth::Sometimes, "a mixed sum is Unknown");
    assert_eq!(truth("a > 0", &sizes), Truth::Always, "a plain number takes the other's unit");
    assert_eq!(truth("a == 10 MB", &sizes), Truth::Sometimes);
    assert_eq!(truth("a == 30 MB", &sizes), Truth::Never);
    assert_eq!(truth("a == 30 mb", &sizes), Truth::Sometimes, "units are case-sensitive");
    assert_eq!(truth("height == 1280 m", &sizes), Truth::Sometimes);
    assert_eq!(truth("a * 2 == 100 MB", &sizes), Truth::Never, "a plain factor keeps the unit");
    assert_eq!(truth("a * b == 1 MB", &sizes), Truth::Sometimes, "MB·MB is Unknown");
    assert_eq!(truth("b / a == 2", &sizes), Truth::Sometimes, "MB/MB is plain");
    assert_eq!(truth("b / a == 5", &sizes), Truth::Never);
    assert_eq!(truth("b / 2 == 100 MB", &sizes), Truth::Never, "MB / plain is MB");
    assert_eq!(truth("1 / a == 100", &sizes), Truth::Sometimes, "plain / MB is Unknown");
    assert_eq!(truth("min(a, height) == 1", &sizes), Truth::Sometimes);
    assert_eq!(truth("max(a, 3) == 100 MB", &sizes), Truth::Never);
    assert_eq!(number_step("abs(-a) > 0", "abs(-a)", &sizes).unit, Unit::Named("MB".into()));
    assert_eq!(number_step("a + height > 0", "a + height", &sizes).unit, Unit::Unknown);
    assert_eq!(number_step("b / a > 0", "b / a", &sizes).unit, Unit::None);
}

#[test]
fn percent_literals_are_shares() {
    let share = [("share", figure(0.25, 0.005))];
    assert_eq!(truth("share == 25%", &share), Truth::Sometimes);
    assert_eq!(truth("share == 30%", &share), Truth::Never);
    assert_eq!(truth("5% == 0.05", &[]), Truth::Always);
}

#[test]
fn number_literals_and_their_units() {
    assert_eq!(truth("1_000 == 1e3 and 1.5e-1 == 0.15 and 2E+2 == 200", &[]), Truth::Always);
    let em = [("width", Value::with_unit(Interval::point(5.0), "em"))];
    assert_eq!(truth("width == 5em", &em), Truth::Always, "an `e` without digits starts a unit");
    assert_eq!(truth("width == 5 em", &em), Truth::Always);
    assert_eq!(truth("width == -5 em", &em), Truth::Never);
    assert_eq!(truth("width > 2 and width < 9", &em), Truth::Always, "keywords are never units");
    let literal = parsed("x == 10 MB").evaluate(&bind(&[("x", point(11.0))])).failed.unwrap();
    assert_eq!((literal.right_text.as_str(), literal.right.to_string()), ("10 MB", "10 MB".to_string()));
    assert!(!literal.right_computes, "a literal with a unit does not compute");
    let negative = parsed("x == -3").evaluate(&bind(&[("x", point(11.0))])).failed.unwrap();
    assert_eq!((negative.right_text.as_str(), negative.right_computes), ("-3", false));
}

#[test]
fn dividing_by_what_may_be_zero_compares_as_sometimes() {
    let ab = [("a", about(10.0)), ("b", figure(0.0, 1.0))];
    assert_eq!(truth("a / b == 5", &ab), Truth::Sometimes);
    // A divisor that names a figure is not folded: `b - b` is -2 to 2, not 0.
    assert_eq!(truth("a / (b - b) > 1e300", &ab), Truth::Sometimes);
    assert_eq!(truth("a / (0 * b) > 1e300", &ab), Truth::Sometimes);
    assert_eq!(number_step("a / b > 0", "a / b", &ab).interval, Interval::unbounded());
    // The trace says which divisor may be 0, and only for a divisor that may.
    let traced = parsed("a / (b + 0) > 0 and a / a > 0").evaluate_traced(&bind(&ab));
    let divisors: Vec<_> = traced.steps.iter().map(|s| s.zero_divisor.clone()).collect();
    assert_eq!(divisors.iter().flatten().collect::<Vec<_>>(), [&("(b + 0)".to_string(), figure(0.0, 1.0))]);
}

#[test]
fn not_and_or_truth_tables() {
    // One comparison of each truth, with `s` a figure that may or may not be 1.
    let s = [("s", figure(1.0, 1.0))];
    let of = |t: Truth| match t {
        Truth::Always => "1 == 1",
        Truth::Sometimes => "s == 1",
        Truth::Never => "1 == 2",
    };
    use Truth::{Always as A, Never as N, Sometimes as S};
    for t in [A, S, N] {
        assert_eq!(truth(&format!("not {}", of(t)), &s), t.negate(), "not {t:?}");
    }
    let and = [[A, S, N], [S, S, N], [N, N, N]];
    let or = [[A, A, A], [A, S, S], [A, S, N]];
    for (i, left) in [A, S, N].into_iter().enumerate() {
        for (j, right) in [A, S, N].into_iter().enumerate() {
            let (l, r) = (of(left), of(right));
            assert_eq!(truth(&format!("{l} and {r}"), &s), and[i][j], "{left:?} and {right:?}");
            assert_eq!(truth(&format!("{l} or {r}"), &s), or[i][j], "{left:?} or {right:?}");
        }
    }
    assert_eq!(truth("not not 1 == 2", &s), N);
}

#[test]
fn unbound_and_undefined_values_are_never_findings() {
    assert_eq!(truth("missing == 5", &[]), Truth::Sometimes);
    assert_eq!(truth("missing + 1 < 0", &[]), Truth::Sometimes);
    assert_eq!(truth("1 == 2 or missing == 5", &[]), Truth::Sometimes);
    assert_eq!(truth("1 == 2 and missing == 5", &[]), Truth::Never);
    let nan = [("x", Value::plain(Interval { lo: f64::NAN, hi: f64::NAN }))];
    assert_eq!(truth("x == 5", &nan), Truth::Sometimes, "NaN is read as unbounded");
    let infinite = [("x", point(f64::INFINITY)), ("y", point(f64::NEG_INFINITY))];
    assert_eq!(truth("x + y == 5", &infinite), Truth::Sometimes, "∞ - ∞ is unbounded");
    assert_eq!(truth("x ~= x within 5%", &infinite), Truth::Sometimes);
}

#[test]
fn unbounded_figures_compare() {
    let more_than = [("n", Value::plain(Interval::new(150_000.0, f64::INFINITY)))];
    assert_eq!(truth("n > 100000", &more_than), Truth::Always);
    assert_eq!(truth("n < 100000", &more_than), Truth::Never);
    assert_eq!(truth("n == 200000", &more_than), Truth::Sometimes);
}

#[test]
fn references_in_source_order_with_offsets() {
    let expr = parsed("a.period == b.period and total > a.low + 1 MB and total < 2");
    let refs: Vec<(String, Option<String>, usize)> =
        expr.references().into_iter().map(|r| (r.name, r.field, r.offset)).collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        refs,
        [
            ("a".into(), some("period"), 0),
            ("b".into(), some("period"), 12),
            ("total".into(), None, 25),
            ("a".into(), some("low"), 33),
            ("total".into(), None, 50),
        ]
    );
    assert_eq!(expr.text(), "a.period == b.period and total > a.low + 1 MB and total < 2");
    let fields = [("a.period", point(2023.0)), ("b.period", point(2024.0))];
    assert_eq!(truth("a.period == b.period", &fields), Truth::Never);
    assert_eq!(parsed("é + x == 1").references()[1].offset, 5, "offsets are in bytes");
}

#[test]
fn the_failed_comparison_is_blamed() {
    let bindings = [("killed", about(130.0)), ("wounded", about(45.0)), ("total", about(180.0))];
    let outcome = parsed("total > 0 and killed + wounded == total").evaluate(&bind(&bindings));
    assert_eq!(outcome.truth, Truth::Never);
    assert!(outcome.steps.is_empty(), "steps are only recorded when traced");
    let failed = outcome.failed.expect("a Never blames a comparison");
    assert_eq!(failed.op, "==");
    assert_eq!(failed.left_text, "killed + wounded");
    assert_eq!(failed.left, Value::plain(Interval::new(174.0, 176.0)));
    assert!(failed.left_computes);
    assert_eq!(failed.right_text, "total");
    assert_eq!(failed.right, about(180.0));
    assert!(!failed.right_computes);

    // The first Never side of an `and` is blamed.
    let both = parsed("1 > 2 and 3 > 4").evaluate(&bind(&[])).failed.unwrap();
    assert_eq!((both.left_text.as_str(), both.right_text.as_str()), ("1", "2"));
    let second = parsed("1 < 2 and (3) > round(4)").evaluate(&bind(&[])).failed.unwrap();
    assert_eq!((second.left_text.as_str(), second.right_text.as_str()), ("(3)", "round(4)"));
    assert!(!second.left_computes && second.right_computes);

    // A comparison under `not` fails by holding.
    let negated = parsed("not a == 5").evaluate(&bind(&[("a", point(5.0))])).failed.unwrap();
    assert_eq!(negated.op, "not ==");
    assert_eq!(negated.left, point(5.0));

    let fine = parsed("killed + wounded == 175").evaluate(&bind(&bindings));
    assert_eq!(fine.truth, Truth::Sometimes);
    assert!(fine.failed.is_none());
}

#[test]
fn traced_steps_carry_values_and_truths() {
    let outcome = parsed("abs(a - b) < 1").evaluate_traced(&bind(&[("a", point(3.0)), ("b", point(1.0))]));
    let shown: Vec<String> = outcome.steps.iter().map(|s| format!("{} = {}", s.text, s.value)).collect();
    assert_eq!(shown, ["a - b = 2", "abs(a - b) = 2", "abs(a - b) < 1 = never true"]);
    assert_eq!(outcome.truth, Truth::Never);
}

#[test]
fn values_display_for_humans() {
    let shown = |v: Value| v.to_string();
    assert_eq!(shown(point(33.6)), "33.6");
    assert_eq!(shown(point(175.0)), "175");
    assert_eq!(shown(point(0.25)), "0.25");
    assert_eq!(shown(point(33.600000001)), "33.6");
    assert_eq!(shown(point(0.1 + 0.2)), "0.3");
    assert_eq!(shown(point(0.0001234)), "0.0001234");
    assert_eq!(shown(point(-0.0)), "0");
    assert_eq!(shown(Value::plain(Interval::new(174.0, 176.0))), "174–176");
    assert_eq!(shown(Value::plain(Interval::new(150_000.0, f64::INFINITY))), "150000–∞");
    assert_eq!(shown(Value::plain(Interval::unbounded())), "-∞–∞");
    assert_eq!(shown(Value::with_unit(Interval::point(10.0), "MB")), "10 MB");
    assert_eq!(shown(Value { interval: Interval::point(1.0), unit: Unit::Unknown }), "1");
}

#[test]
fn every_error_says_where_and_what() {
    let cases: &[(&str, usize, &str)] = &[
        ("", 0, "empty assertion; write a comparison such as `total == a + b`"),
        ("   ", 3, "empty assertion; write a comparison such as `total == a + b`"),
        ("a +", 3, "expected a value after `+`"),
        ("a + ) == b", 4, "expected a value after `+`, found `)`"),
        ("a == ", 4, "expected a value after `==`"),
        ("(a + b == c", 0, "unclosed `(` opened here"),
        ("x == min(a, b", 8, "unclosed `(` opened here"),
        ("(a b) == c", 3, "unexpected `b` after `a`; expected an operator or `)`"),
        ("x == min(a b)", 11, "unexpected `b` after `a`; expected `,` or `)`"),
        ("x == min(a, )", 12, "expected a value after `,`, found `)`"),
        ("a == b)", 6, "unexpected `)`: it closes no `(`"),
        (") == a", 0, "unexpected `)`: it closes no `(`"),
        ("* a == b", 0, "an assertion starts with a value, not `*`"),
        ("a == b c", 7, "unexpected `c` after `b`; expected an operator such as `+`, `==` or `and`"),
        ("a = b", 2, "`=` is not an operator; write `==`"),
        ("!a", 0, "`!` is not an operator; write `!=` or `not`"),
        ("a < b && b < c", 6, "`&&` is not an operator; write `and`"),
        ("a < b || b < c", 6, "`||` is not an operator; write `or`"),
        ("a ~ b", 2, "`~` is not an operator; write `~=` with a tolerance: `a ~= b within 5%`"),
        ("a # b", 2, "unexpected character `#`"),
        ("a == .5", 5, "a number starts with a digit: write `0.5`, not `.5`"),
        ("a == 1__000", 5, "misplaced `_` in `1__000`; `_` only separates groups of digits, as in `1_000`"),
        ("a == 1e999", 5, "`1e999` is too large a number"),
        ("a ~= b", 2, "`~=` needs a tolerance: `a ~= b within 5%`"),
        ("a ~= b within", 13, "expected a tolerance after `within`, such as `5%` or `2 MB`"),
        ("a ~= b within c", 14, "expected a tolerance after `within`, such as `5%` or `2 MB`"),
        ("a == b within 5%", 7, "`within` only follows `~=`: write `a ~= b within 5%`, not `a == b within ...`"),
        ("x < y < z", 6, "`x < y < z`: comparisons do not chain; write `x < y and y < z`"),
        (
            "a + 1 <= b == c * 2",
            11,
            "`a + 1 <= b == c * 2`: comparisons do not chain; write `a + 1 <= b and b == c * 2`",
        ),
        ("a < b < )", 6, "`a < b < c`: comparisons do not chain; write `a < b and b < c`"),
        ("sqrt(a) == 2", 0, "unknown function `sqrt`; functions are abs, min, max, round"),
        ("abs(a, b) == 2", 0, "`abs` takes one value: `abs(x)`"),
        ("min(a) == 2", 0, "`min` needs at least two values: `min(a, b)`"),
        ("max() == 2", 0, "`max` needs at least two values: `max(a, b)`"),
        (
            "round() == 2",
            0,
            "`round` takes a value and optionally a number of decimal digits: `round(x)` or `round(x, 1)`",
        ),
        ("round(a, b) == 2", 9, "the digits of `round` must be a whole number from -15 to 15, as in `round(x, 1)`"),
        ("round(a, 1.5) == 2", 9, "the digits of `round` must be a whole number from -15 to 15, as in `round(x, 1)`"),
        ("a. == 2", 3, "expected a field name after `.`, as in `a.period`"),
        ("x == a.", 7, "expected a field name after `.`, as in `a.period`"),
        ("a.b.c == 2", 3, "a reference has at most one field, as in `a.b`"),
        ("a % b == 2", 2, "`%` must follow a number, as in `5%`"),
        ("a == %", 5, "`%` must follow a number, as in `5%`"),
        ("killed + wounded", 0, "an assertion must compare, e.g. `total == a + b`"),
        ("  (a)", 2, "an assertion must compare, e.g. `total == a + b`"),
        ("a and b > 1", 0, "`and` joins comparisons, but `a` is a number; compare it, as in `a > 0`"),
        ("a > 1 or b + 1", 9, "`or` joins comparisons, but `b + 1` is a number; compare it, as in `b + 1 > 0`"),
        ("not a", 4, "`not` joins comparisons, but `a` is a number; compare it, as in `a > 0`"),
        ("(a > 1) + 2 == 3", 0, "`+` works on numbers, but `(a > 1)` is a comparison"),
        ("-(a > 1) == 3", 1, "`-` works on numbers, but `(a > 1)` is a comparison"),
        ("(a > 1) == (b > 2)", 0, "`==` works on numbers, but `(a > 1)` is a comparison"),
        ("abs(a > 1) == 3", 4, "`abs` works on numbers, but `a > 1` is a comparison"),
        ("é = 1", 3, "`=` is not an operator; write `==`"),
        ("a / 0 == 5", 4, "division by `0`: the rule could never report; divide by a value that is not zero"),
        ("a == b / 0%", 9, "division by `0%`: the rule could never report; divide by a value that is not zero"),
        ("a / -0 > 1", 4, "division by `-0`: the rule could never report; divide by a value that is not zero"),
        (
            "a == b / (2 - 2)",
            9,
            "division by `(2 - 2)`, which is always 0: the rule could never report; divide by a value that is not zero",
        ),
        (
            "a == b * 3 / round(min(0.4, 2) * abs(-1))",
            13,
            "division by `round(min(0.4, 2) * abs(-1))`, which is always 0: the rule could never report; divide by a value that is not zero",
        ),
        (
            "a > 1 and b < c / (2 MB - 2 MB) / 2",
            18,
            "division by `(2 MB - 2 MB)`, which is always 0: the rule could never report; divide by a value that is not zero",
        ),
    ];
    for &(text, offset, message) in cases {
        assert_eq!(error(text), (offset, message.to_string()), "parsing `{text}`");
    }
}

#[test]
fn nesting_is_bounded_not_a_stack_overflow() {
    let deep = format!("{}a{} == 1", "(".repeat(10_000), ")".repeat(10_000));
    let (offset, message) = error(&deep);
    assert_eq!(offset, parser::MAX_DEPTH);
    assert!(message.contains("nests more than 64 levels"), "{message}");
    assert!(parse(&format!("{}1 == 1", "not ".repeat(10_000))).is_err());
    assert!(parse(&format!("{}1 == 1", "-".repeat(10_000))).is_err());
    assert!(parse(&format!("{} == 1", ["a"; 10_000].join(" + "))).is_err());
    let wide = format!("min({}) > 0", (0..100_000).map(|i| format!("n{i}")).collect::<Vec<_>>().join(", "));
    let started = std::time::Instant::now();
    assert_eq!(parsed(&wide).references().len(), 100_000);
    assert!(started.elapsed().as_secs() < 5, "parsing is not quadratic in the number of names");
    let nested_ok = format!("{}a{} == 1", "(".repeat(30), ")".repeat(30));
    assert_eq!(truth(&nested_ok, &[("a", point(1.0))]), Truth::Always);
}

/// A small deterministic generator, so that failures reproduce.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn no_input_makes_it_panic() {
    let seeds = [
        "killed + wounded == total",
        "a.period == b.period and not (x ~= y within 5%) or z < 1e6",
        "round(abs(a - b) / max(c, 1 MB, d), 2) >= 25% and min(a, b) != -3.5",
        "x ~= 10 MB within 2 MB or (t > 0 and 1_000 <= u * -v)",
        "é.ü == 1 and ∑ < 2",
    ];
    let pieces = [
        "(", ")", "+", "-", "*", "/", "==", "=", "~=", "<", ">=", "!", "%", ".", ",", " ", "and", "or", "not",
        "within", "1e", "1_", "0", "9e999", "abs(", "round(", "x", "é", "\u{0}", "MB",
    ];
    let env = bind(&[
        ("a", point(0.0)),
        ("b", Value::plain(Interval::unbounded())),
        ("x", Value::plain(Interval { lo: f64::NAN, hi: 1.0 })),
        ("killed", point(f64::INFINITY)),
    ]);
    let mut random = Xorshift(0x9e37_79b9_7f4a_7c15);
    let mut tried = 0;
    let mut check = |text: &str| {
        tried += 1;
        match parse(text) {
            Ok(expr) => {
                let outcome = expr.evaluate_traced(&env);
                for step in &outcome.steps {
                    let _ = step.value.to_string();
                }
            }
            Err(e) => {
                assert!(e.offset <= text.len() && text.is_char_boundary(e.offset), "`{text}`: {e:?}");
                assert!(!e.message.is_empty());
            }
        }
    };
    for seed in seeds {
        for (cut, _) in seed.char_indices() {
            check(&seed[..cut]);
            check(&seed[cut..]);
        }
        for _ in 0..400 {
            let mut text = seed.to_string();
            for _ in 0..1 + random.below(3) {
                let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let at = boundaries[random.below(boundaries.len())];
                match random.below(3) {
                    0 => text.insert_str(at, pieces[random.below(pieces.len())]),
                    1 => {
                        let to = boundaries[random.below(boundaries.len())].max(at);
                        text.replace_range(at..to, "");
                    }
                    _ => {
                        let to = boundaries[random.below(boundaries.len())].max(at);
                        let moved = text[at..to].to_string();
                        text.replace_range(at..to, "");
                        text.push_str(&moved);
                    }
                }
            }
            check(&text);
        }
    }
    for _ in 0..2000 {
        let text: String = (0..random.below(12)).map(|_| pieces[random.below(pieces.len())]).collect();
        check(&text);
    }
    assert!(tried > 4000);
}

#[test]
fn a_parsed_assertion_is_shared_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Expr>();
}
