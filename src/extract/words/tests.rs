//! Unit tests of the words reader.

use std::sync::OnceLock;

use super::*;

fn words() -> &'static NumberWords {
    static WORDS: OnceLock<NumberWords> = OnceLock::new();
    WORDS.get_or_init(|| NumberWords::new(&Lexicon::builtin()).expect("patterns compile"))
}

/// The phrase read where `at` first occurs in `text`.
fn read_at(text: &str, at: &str) -> Option<WordNumber> {
    let start = text.find(at).unwrap_or_else(|| panic!("{at:?} not in {text:?}"));
    words().read(text, start)
}

/// The phrase read at the start of `text`: its text, value and half unit.
fn phrase(text: &str) -> (String, f64, f64) {
    let found = words().read(text, 0).unwrap_or_else(|| panic!("{text:?} should read"));
    (text[..found.end].to_string(), found.value.expect("a value"), found.half_unit)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Reads `text` from its start: the whole of `expect_text`, worth `value`, give or take `half`.
#[track_caller]
fn reads(text: &str, expect_text: &str, value: f64, half: f64) {
    let (t, v, h) = phrase(text);
    assert_eq!(t, expect_text, "{text:?}");
    assert!(close(v, value), "{text:?}: value {v}, expected {value}");
    assert!(close(h, half), "{text:?}: half unit {h}, expected {half}");
}

#[track_caller]
fn share(text: &str, expect_text: &str, value: f64, half: f64) {
    reads(text, expect_text, value, half);
    assert!(words().read(text, 0).unwrap().fraction, "{text:?} should be a share");
}

#[track_caller]
fn nothing_at(text: &str, at: &str) {
    let found = read_at(text, at);
    assert!(found.is_none(), "{text:?} at {at:?}: {found:?}");
}

#[test]
fn cardinals_in_words() {
    reads("eighty", "eighty", 80.0, 0.5);
    reads("sixty-three", "sixty-three", 63.0, 0.5);
    reads("thirty five people", "thirty five", 35.0, 0.5);
    reads("twelve", "twelve", 12.0, 0.5);
    reads("zero", "zero", 0.0, 0.5);
    reads("naught", "naught", 0.0, 0.5);
    reads("one hundred and six", "one hundred and six", 106.0, 0.5);
    reads("one hundred and forty-seven", "one hundred and forty-seven", 147.0, 0.5);
    reads("one hundred and twenty", "one hundred and twenty", 120.0, 0.5);
    reads("Three hundred  and  thirty one", "Three hundred  and  thirty one", 331.0, 0.5);
    reads("twelve hundred seats", "twelve hundred", 1200.0, 50.0);
    reads("a hundred days", "a hundred", 100.0, 0.5);
    reads("a thousand", "a thousand", 1000.0, 500.0);
    reads("a million people", "a million", 1e6, 5e5);
    reads("7 thousand 2 hundred and 0 were", "7 thousand 2 hundred", 7200.0, 50.0);
    reads("three hundred and zero", "three hundred", 300.0, 0.5);
}

#[test]
fn scales_and_groups() {
    reads("two hundred thousand", "two hundred thousand", 200_000.0, 50_000.0);
    reads("two hundred and two thousand", "two hundred and two thousand", 202_000.0, 500.0);
    reads("five hundred million", "five hundred million", 5e8, 5e7);
    reads("eleven trillion four hundred", "eleven trillion four hundred", 11e12 + 400.0, 50.0);
    reads("twenty-one trillion and three hundred", "twenty-one trillion and three hundred", 21e12 + 300.0, 50.0);
    reads(
        "three million four thousand five hundred and six",
        "three million four thousand five hundred and six",
        3_004_506.0,
        0.5,
    );
    reads("two thousand million", "two thousand million", 2e9, 5e8);
    reads("nine bn", "nine bn", 9e9, 5e8);
    assert_eq!(words().read("nine bn", 0).unwrap().lexicon, ["scales: bn"]);
}

#[test]
fn and_continues_only_a_smaller_number() {
    reads("five and six", "five", 5.0, 0.5);
    reads("one hundred and the rest", "one hundred", 100.0, 0.5);
    reads("6 hundred and 5 hundred", "6 hundred", 600.0, 0.5);
    reads("six hundred and four hundred", "six hundred", 600.0, 0.5);
    reads("five million and three million", "five million", 5e6, 5e5);
    reads("two and a half", "two and a half", 2.5, 0.25);
    let between = read_at("between one and two", "one").unwrap();
    assert_eq!((between.end, between.value), (11, Some(1.0)));
}

#[test]
fn digits_and_words_mixed() {
    reads("3 hundred and 21 seats", "3 hundred and 21", 321.0, 0.5);
    reads("4 thousand 3 hundred and 21", "4 thousand 3 hundred and 21", 4321.0, 0.5);
    reads("4 thousand 3 hundred", "4 thousand 3 hundred", 4300.0, 50.0);
    reads("322 hundred", "322 hundred", 32_200.0, 50.0);
    reads("2.12 hundred", "2.12 hundred", 212.0, 0.5);
    reads("1.5 million", "1.5 million", 1.5e6, 50_000.0);
    assert_eq!(words().read("4.1 billion", 0).unwrap().value, Some(4.1e9), "snapped to its unit");
    // Digits before a scale keep their written precision, as figures.rs reads them.
    reads("20 million", "20 million", 2e7, 5e5);
    reads("3 dzs", "3 dzs", 36.0, 0.5);
    reads("3 dozen eggs", "3 dozen", 36.0, 0.5);
    reads("1 crore voters", "1 crore", 1e7, 5e6);
    reads("1 lakh", "1 lakh", 1e5, 5e4);
    reads("5 crore 20 lakh", "5 crore 20 lakh", 5.2e7, 5e4);
    reads("3 and a half", "3 and a half", 3.5, 0.25);
    assert_eq!(words().read("1 crore voters", 0).unwrap().lexicon, ["number_scales: crore"]);
    assert_eq!(words().read("30 billion dollars", 0).unwrap().lexicon, ["scales: billion"]);
}

#[test]
fn digits_alone_are_the_finders() {
    assert!(words().read("4000 people", 0).is_none());
    assert!(words().read("4000 3 hundred", 0).is_none());
    assert!(words().read("3 and 4", 0).is_none());
    assert!(words().read("12 out of 10", 0).is_none());
    reads("4000 3 hundred"[5..].trim(), "3 hundred", 300.0, 0.5);
}

#[test]
fn dozens_that_have_a_value() {
    reads("a dozen", "a dozen", 12.0, 0.5);
    reads("two dozen roses", "two dozen", 24.0, 0.5);
    reads("half a dozen", "half a dozen", 6.0, 3.0);
    reads("half-dozen", "half-dozen", 6.0, 3.0);
    reads("dozen people", "dozen", 12.0, 0.5);
    reads("one and a half dozen", "one and a half dozen", 18.0, 3.0);
    reads("a half dozen", "a half dozen", 6.0, 3.0);
    let some = read_at("some dozen people", "dozen").unwrap();
    assert_eq!(some.value, Some(12.0));
}

#[test]
fn shares_in_words() {
    share("a half", "a half", 0.5, 0.25);
    share("one half of it", "one half", 0.5, 0.25);
    share("a third of voters", "a third", 1.0 / 3.0, 1.0 / 6.0);
    share("two-thirds of members", "two-thirds", 2.0 / 3.0, 1.0 / 6.0);
    share("two thirds", "two thirds", 2.0 / 3.0, 1.0 / 6.0);
    share("a quarter of the staff", "a quarter", 0.25, 0.125);
    share("three quarters", "three quarters", 0.75, 0.125);
    share("three-quarters of", "three-quarters", 0.75, 0.125);
    share("a fifth.", "a fifth", 0.2, 0.1);
    share("three fifths", "three fifths", 0.6, 0.1);
    share("twenty-three fifths", "twenty-three fifths", 4.6, 0.1);
    share("one twenty-fifth", "one twenty-fifth", 0.04, 0.02);
    share("five twenty-firsts", "five twenty-firsts", 5.0 / 21.0, 0.5 / 21.0);
    share("an eighth of", "an eighth", 0.125, 0.0625);
    share("a hundredth of a second", "a hundredth", 0.01, 0.005);
    share("a fifth more", "a fifth", 0.2, 0.1);
    let most = read_at("more than half the voters", "half").unwrap();
    assert_eq!((most.value, most.fraction), (Some(0.5), true));
    assert_eq!(read_at("cut in half.", "half").unwrap().value, Some(0.5));
    assert_eq!(read_at("Of 460 patients, half received the drug", "half").unwrap().value, Some(0.5));
    share("a third voted against", "a third", 1.0 / 3.0, 1.0 / 6.0);
    share("a fifth went abroad", "a fifth", 0.2, 0.1);
}

#[test]
fn shares_with_a_whole_part_or_a_scale() {
    reads("one and a half", "one and a half", 1.5, 0.25);
    reads("three and a fifth", "three and a fifth", 3.2, 0.1);
    reads("forty two and a third", "forty two and a third", 42.0 + 1.0 / 3.0, 1.0 / 6.0);
    reads("five and three quarters", "five and three quarters", 5.75, 0.125);
    reads("one and a half million", "one and a half million", 1.5e6, 250_000.0);
    reads("five and a half million voters", "five and a half million", 5.5e6, 250_000.0);
    reads("half million", "half million", 5e5, 2.5e5);
    reads("half a million", "half a million", 5e5, 2.5e5);
    reads("a half million", "a half million", 5e5, 2.5e5);
    reads("quarter million", "quarter million", 2.5e5, 1.25e5);
    reads("a quarter-million", "a quarter-million", 2.5e5, 1.25e5);
    reads("a quarter of a million", "a quarter of a million", 2.5e5, 1.25e5);
    reads("nine million and two thirds", "nine million and two thirds", 9e6 + 2e6 / 3.0, 1e6 / 6.0);
    reads("four million and three fifths", "four million and three fifths", 4.6e6, 1e5);
    reads("seven billion and three quarters", "seven billion and three quarters", 7.75e9, 1.25e8);
    reads("four billion and three quarters million", "four billion and three quarters million", 4e9 + 7.5e5, 1.25e5);
    for text in ["one and a half", "one and a half million", "half a million"] {
        assert!(!words().read(text, 0).unwrap().fraction, "{text} is an amount, not a share");
    }
}

#[test]
fn ordinals_periods_and_times_are_not_shares() {
    nothing_at("One said the plan would fail", "One");
    nothing_at("the third quarter", "third");
    nothing_at("the third quarter", "quarter");
    nothing_at("seeking a third term", "a third");
    nothing_at("a fifth straight year", "a fifth");
    nothing_at("a third-party candidate", "a third");
    nothing_at("in the second half of 2023", "half");
    nothing_at("the other half", "half");
    nothing_at("at half-time", "half");
    nothing_at("half past ten", "half");
    nothing_at("a half point cut", "a half");
    nothing_at("$5bn a quarter", "a quarter");
    nothing_at("twice a quarter", "a quarter");
    nothing_at("£200 a quarter", "a quarter");
    nothing_at("in the 2nd half of", "half");
    assert_eq!(read_at("In 2021 a quarter of firms", "a quarter").unwrap().value, Some(0.25));
    nothing_at("ten million a quarter", "a quarter");
    let firms = read_at("too little, and a quarter of firms", "a quarter").unwrap();
    assert_eq!((firms.value, firms.fraction), (Some(0.25), true));
    nothing_at("the one hundred and ninth", "one");
    reads("three and third place", "three", 3.0, 0.5);
    nothing_at("twenty-first century", "twenty");
    // Shares of a large cardinal are beyond this reader: nothing rather than the cardinal.
    nothing_at("one hundred forty-fifths", "one");
    nothing_at("five hundred fifths", "five");
    reads("two hundred seconds", "two hundred", 200.0, 0.5);
    nothing_at("a Fourth of July parade", "a Fourth");
    // "seconds" is never a denominator: "two seconds" is a time of two.
    let seconds = words().read("two seconds", 0).unwrap();
    assert_eq!((seconds.end, seconds.value, seconds.fraction), (3, Some(2.0), false));
    // "two quarters" alone is most often two periods.
    let periods = words().read("two quarters in a row", 0).unwrap();
    assert_eq!((periods.end, periods.fraction), (3, false));
    share("two quarters of it", "two quarters", 0.5, 0.125);
    // "one fifth-grader" is one pupil.
    let pupil = words().read("one fifth-grader", 0).unwrap();
    assert_eq!((pupil.end, pupil.value), (3, Some(1.0)));
}

#[test]
fn ratios() {
    share("one in five adults", "one in five", 0.2, 0.1);
    share("1 in twenty-one", "1 in twenty-one", 1.0 / 21.0, 0.5 / 21.0);
    share("3 out of 10", "3 out of 10", 0.3, 0.05);
    share("one out of three", "one out of three", 1.0 / 3.0, 1.0 / 6.0);
    share("2 out of 5 said", "2 out of 5", 0.4, 0.1);
    share("one in every four", "one in every four", 0.25, 0.125);
    share("one in a million", "one in a million", 1e-6, 5e-7);
    share("one over three", "one over three", 1.0 / 3.0, 1.0 / 6.0);
    share("1 over 21.", "1 over 21", 1.0 / 21.0, 0.5 / 21.0);
    share("3000 over 4", "3000 over 4", 750.0, 0.125);
    // Times, years and scores are no ratios.
    reads("three in five days", "three", 3.0, 0.5);
    reads("two in 2022", "two", 2.0, 0.5);
    reads("four in one attack", "four", 4.0, 0.5);
    assert!(words().read("5 over 12 months", 0).is_none());
    assert!(words().read("3 in 5 minutes", 0).is_none());
    // "three out of eight hundreds" is no share of eight.
    assert_eq!(words().read("three out of eight hundreds", 0).unwrap().value, Some(3.0));
}

#[test]
fn decimals_in_words() {
    reads("one point five million", "one point five million", 1.5e6, 50_000.0);
    reads("four hundred point zero seven", "four hundred point zero seven", 400.07, 0.005);
    reads("twenty-one point nine", "twenty-one point nine", 21.9, 0.05);
    // Not digit by digit, or no digits at all: no decimal.
    assert!(words().read("four hundred point sixty-two", 0).is_none());
    let lead = read_at("a two point lead", "two").unwrap();
    assert_eq!((lead.value, lead.end), (Some(2.0), "a two".len()));
    let idiom = read_at("At one point five people were hurt", "one");
    assert!(idiom.is_none(), "{idiom:?}");
}

#[test]
fn signs() {
    reads("minus five", "minus five", -5.0, 0.5);
    reads("negative ninety", "negative ninety", -90.0, 0.5);
    reads("minus 5 degrees", "minus 5", -5.0, 0.5);
    reads("negative one over 40", "negative one over 40", -0.025, 0.0125);
    nothing_at("plus or minus three points", "minus");
    nothing_at("ten minus two", "minus");
    nothing_at("a negative impact", "negative");
}

#[test]
fn vague_amounts() {
    let vague = |text: &str| {
        let found = words().read(text, 0).unwrap_or_else(|| panic!("{text:?} should read"));
        assert_eq!((found.value, found.form, found.half_unit), (None, Form::Vague, 0.0), "{text:?}");
        (text[..found.end].to_string(), found.fraction, found.lexicon)
    };
    assert_eq!(vague("dozens of people").0, "dozens");
    assert_eq!(vague("dozens of people").2, ["vague_amounts: dozens"]);
    assert_eq!(vague("several hundred homes").0, "several hundred");
    assert_eq!(vague("several hundred thousand").0, "several hundred thousand");
    assert_eq!(vague("hundreds of thousands of people").0, "hundreds of thousands");
    assert_eq!(vague("hundreds of thousands of people").2, ["vague_amounts: hundreds of thousands"]);
    assert_eq!(vague("tens of thousands marched").0, "tens of thousands");
    assert_eq!(vague("a few million").0, "a few million");
    assert_eq!(vague("a few million").2, ["vague_amounts: a few", "scales: million"]);
    assert_eq!(vague("a handful of").0, "a handful");
    assert_eq!(vague("a couple of weeks").0, "a couple");
    assert_eq!(vague("a couple of hundred").0, "a couple of hundred");
    assert_eq!(vague("scores of homes").0, "scores");
    assert_eq!(vague("several").0, "several");
    assert_eq!(vague("thousands were").0, "thousands");
    assert_eq!(
        vague("the majority of members"),
        ("the majority".into(), true, vec!["vague_shares: the majority".into()])
    );
    assert!(!vague("millions").1);
    assert!(words().read("a couple from Leeds", 0).is_none());
    assert!(words().read("test scores rose", 5).is_none());
    nothing_at("five hundreds", "hundreds");
}

#[test]
fn one_as_a_pronoun_is_not_a_number() {
    for (text, at) in [
        ("no one came", "one"),
        ("they help one another", "one"),
        ("anyone can", "one"),
        ("someone said", "one"),
        ("one of the largest", "one"),
        ("One of them", "One"),
        ("the one you mentioned", "one"),
        ("this one is better", "one"),
        ("which one won", "one"),
        ("That one looks better", "one"),
        ("the only one left", "one"),
        ("a big one.", "one"),
        ("one can only guess", "one"),
        ("one who knows", "one"),
        ("one's own", "one"),
        ("one by one", "one"),
        ("at one point the", "one"),
        ("One day, she said", "One"),
        ("it will happen one day.", "one"),
        ("a one-off payment", "one"),
    ] {
        nothing_at(text, at);
    }
    for (text, at) in [
        ("one person died", "one"),
        ("Police said one man was hurt", "one"),
        ("This year one official resigned", "one"),
        ("the toll rose to one", "one"),
        ("only one survived", "one"),
        ("One child was injured", "One"),
        ("said that one man died", "one"),
        ("one day later", "one"),
    ] {
        assert_eq!(read_at(text, at).and_then(|w| w.value), Some(1.0), "{text:?}");
    }
}

#[test]
fn names_references_years_scores_and_times_are_not_numbers() {
    for (text, at) in [
        ("won Formula One titles", "One"),
        ("the Big Four banks", "Four"),
        ("version two shipped", "two"),
        ("on page one", "one"),
        ("from day one.", "one"),
        ("net zero by 2050", "zero"),
        ("back to square one", "one"),
        ("in nineteen eighty-four", "nineteen"),
        ("in nineteen eighty-four", "eighty"),
        ("in twenty twenty-two", "twenty"),
        ("they won two-nil", "two"),
        ("a one-two finish", "one"),
        ("five six seven", "six"),
        ("at five o'clock", "five"),
        ("at ten past nine", "ten"),
        ("at six pm", "six"),
        ("a ten-fold rise", "ten"),
        ("no two cases", "two"),
        ("five millions", "five"),
        ("five hundreds", "five"),
        ("Ten Downing Street said", "Ten"),
        ("at Five Elms Road", "Five"),
    ] {
        nothing_at(text, at);
    }
    // "four three-pointers" is four of them.
    let shots = read_at("included four three-pointers", "four").unwrap();
    assert_eq!((shots.value, shots.end), (Some(4.0), "included four".len()));
    // A compound adjective keeps its number; the word after the hyphen is not read.
    let deal = read_at("a two-year deal", "two").unwrap();
    assert_eq!((deal.value, deal.end), (Some(2.0), 5));
    let year = read_at("Last year two people died", "two").unwrap();
    assert_eq!(year.value, Some(2.0));
}

#[test]
fn odd_text_never_panics() {
    for text in ["one dayé", "one day", "one", "a", "an ½", "half a", "two and", "one in", "3 out of", "minus", "é one"]
    {
        for (i, _) in text.char_indices() {
            let _ = words().read(text, i);
            let _ = digit_fraction(text, i);
        }
    }
}

#[test]
fn ends_fall_after_the_last_number_word() {
    let text = "twenty-one people and three hundred and ";
    assert_eq!(words().read(text, 0).unwrap().end, "twenty-one".len());
    let start = text.find("three").unwrap();
    assert_eq!(words().read(text, start).unwrap().end, start + "three hundred".len());
    assert!(words().read("twenty-one", 3).is_none(), "not a word start");
    assert!(words().read("a b", 10).is_none());
}

#[test]
fn first_words_pattern_finds_phrase_starts_but_not_articles() {
    let re = regex::Regex::new(words().first_words_pattern()).unwrap();
    let starts = |text: &str| re.find_iter(text).map(|m| m.start()).collect::<Vec<_>>();
    assert!(starts("a cat and an apple on the mat").is_empty());
    assert!(starts("anyone, someone, phone, tone").is_empty());
    let text = "a dozen eggs, one hundred and six, several cars, a half, an eighth, 3 hundred, 1 in 5, minus 40";
    let found: Vec<&str> = starts(text).into_iter().map(|s| &text[s..s + 3]).collect();
    assert_eq!(found, ["a d", "one", "six", "sev", "a h", "an ", "3 h", "1 i", "min"]);
    for text in [
        "Twenty",
        "a Dozen",
        "Half",
        "dozens",
        "the majority",
        "tens of thousands",
        "negative 5",
        "2.5 million",
        "3 and a half",
    ] {
        assert_eq!(starts(text), [0], "{text}");
    }
    assert!(starts("minus the cost").is_empty());
    assert!(starts("5 in the morning").is_empty());
    // Years, periods and spans of time are not asked about.
    assert!(starts("shrank to 7,400 in 2021-22").is_empty());
    assert!(starts("in the third quarter, each quarter").is_empty());
    assert_eq!(starts("spent 500 over two years"), ["spent 500 over ".len()], "at \"two\", not at 500");
    assert_eq!(starts("a quarter-million, quarter million"), [0, 19]);
    assert_eq!(starts("1 in 1,000 and 9 out of 10"), [0, 15]);
    for text in re.find_iter("22 hundred, eleven, a quarter").map(|m| m.as_str()) {
        assert!(!text.is_empty());
    }
}

#[test]
fn fractions_in_digits() {
    let frac = |text: &str| {
        let f = digit_fraction(text, 0).unwrap_or_else(|| panic!("{text:?} should read"));
        (text[..f.end].to_string(), f.value.unwrap(), f.half_unit, f.fraction)
    };
    assert_eq!(frac("3/4 of"), ("3/4".into(), 0.75, 0.125, true));
    assert_eq!(frac("2 1/4 miles"), ("2 1/4".into(), 2.25, 0.125, false));
    assert_eq!(frac("5  3/8"), ("5  3/8".into(), 5.375, 0.0625, false));
    assert_eq!(frac("½"), ("½".into(), 0.5, 0.25, true));
    assert_eq!(frac("2½ times"), ("2½".into(), 2.5, 0.25, false));
    assert_eq!(frac("¾"), ("¾".into(), 0.75, 0.125, true));
    let (_, two_thirds, _, _) = frac("⅔ of");
    assert!(close(two_thirds, 2.0 / 3.0));
    assert_eq!(frac("⅞").1, 0.875);
    for text in ["3/4/2023", "24/7", "9/11", "50/50", "01/02", "1/2023", "3/4ths", "x3/4", "2022 1/3", "7"] {
        assert!(digit_fraction(text, 0).is_none(), "{text}");
    }
    assert!(digit_fraction("the 3/4", 4).is_some());
    assert!(digit_fraction("v3/4", 1).is_none());
}
