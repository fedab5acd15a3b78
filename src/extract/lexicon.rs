//! Lexicons: the words extraction reads figures with, loaded from YAML.
//!
//! Change verbs, scale words, currencies, qualifiers and the like are data, so
//! that rule authors can extend them without touching Rust. The built-in lexicon
//! is `rules/lexicons/english.yaml`, embedded in the binary; further files of the
//! same shape are merged into it, list by list.

use serde::Deserialize;

/// Everything extraction and claim binding know about the language of figures.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Lexicon {
    pub scales: Vec<ScaleWord>,
    pub currencies: Vec<Currency>,
    /// Cents and pence.
    pub minor_units: Vec<MinorUnit>,
    /// Units of measure ("km", "MB", "tonnes").
    pub units: Vec<UnitWords>,
    /// What an amount may be stated per ("share" of "$5 per share").
    pub per_units: Vec<String>,
    /// Currency words that are money only after a scale word ("30 million
    /// pounds"): after a bare count they are as often a weight or a tally.
    pub money_after_scale_only: Vec<String>,
    pub qualifiers: Vec<QualifierWords>,
    pub approximate_tolerance: Option<f64>,
    pub near_tolerance: Option<f64>,
    /// Change verbs by lemma ("rise", "edge up"): their inflections are derived.
    pub change_verbs: Directed,
    /// Words that state a change as they are written, not inflected ("up 12%").
    pub change_adverbs: Directed,
    /// The forms of irregular verbs that regular rules miss ("rise: [rose, risen]").
    pub irregular_verbs: std::collections::BTreeMap<String, Vec<String>>,
    pub factor_verbs: Vec<FactorWords>,
    pub change_nouns: Directed,
    pub comparatives: Directed,
    /// Level verbs by lemma ("reach", "stand at").
    pub level_verbs: Vec<String>,
    /// Level verbs whose object is the metric ("handled 4.2 million passengers"), by lemma.
    pub object_level_verbs: Vec<String>,
    /// The word classes clause and noun-phrase reading use.
    pub grammar: GrammarWords,
    pub fractions: Vec<FractionWords>,
    pub fraction_tolerance: Option<f64>,
    /// Scale words only number phrases read ("two dozen", "5 lakh"), beside `scales`.
    pub number_scales: Vec<ScaleWord>,
    /// Amounts stated without a value ("dozens", "several", "tens of thousands").
    pub vague_amounts: Vec<String>,
    /// Shares stated without a value ("the majority", "a minority").
    pub vague_shares: Vec<String>,
}

/// A word that multiplies the figure before it ("billion").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleWord {
    pub word: String,
    pub factor: f64,
    /// Counts only when written against the digits ("52m").
    #[serde(default)]
    pub attached: bool,
    /// Counts only for an amount of money ("£52m", not "the 100m final").
    #[serde(default)]
    pub money_only: bool,
    /// Counts only in the case written here: "M" after a space ("$40 M") is a
    /// scale, but "m" after a space is as often metres.
    #[serde(default)]
    pub exact_case: bool,
}

/// A currency: its ISO code, the symbols before an amount, the symbols and words after it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub code: String,
    #[serde(default)]
    pub symbols: Vec<String>,
    /// Symbols that may also follow the amount ("5 €", "100元").
    #[serde(default)]
    pub after: Vec<String>,
    /// Names in the singular ("dollar", "Swiss franc"), read with the plural
    /// [`plural`] derives ("dollars", "Swiss francs").
    #[serde(default)]
    pub names: Vec<String>,
    /// Words read as written, with no plural derived: codes ("usd"), words that
    /// are their own plural ("yen", "rand"), and plurals the rule would get wrong
    /// ("kronor", "zlotys").
    #[serde(default)]
    pub words: Vec<String>,
}

impl Currency {
    /// Every word the currency is written with after an amount: its names, their
    /// plurals, and its words.
    pub fn all_words(&self) -> impl Iterator<Item = String> + '_ {
        let names = self.names.iter().flat_map(|n| [n.trim().to_string(), plural(n)]);
        names.chain(self.words.iter().cloned())
    }
}

/// The plural of a name: its last word takes "s", or "ies" in place of a "y"
/// after a consonant ("peseta" → "pesetas", "Swiss franc" → "Swiss francs").
pub fn plural(name: &str) -> String {
    let name = name.trim();
    match name.strip_suffix('y') {
        Some(stem) if stem.ends_with(|c: char| c.is_ascii_alphabetic() && !"aeiouAEIOU".contains(c)) => {
            format!("{stem}ies")
        }
        _ => format!("{name}s"),
    }
}

/// A currency's minor unit ("cents" of USD, 100 to the dollar).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinorUnit {
    pub words: Vec<String>,
    /// The code of the currency it divides.
    pub of: String,
    pub per: f64,
}

/// A unit of measure and the ways it is written after a figure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitWords {
    /// How the unit is reported ("km").
    pub unit: String,
    pub words: Vec<String>,
    /// Also counts when written against the digits ("300km").
    #[serde(default)]
    pub attached: bool,
}

/// Qualifier phrases and what they do to a figure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifierWords {
    pub words: Vec<String>,
    pub means: Qualifier,
    /// The words follow the figure ("500 or more") instead of preceding it.
    #[serde(default)]
    pub after: bool,
}

/// What a qualifier does to the interval of the figure it precedes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// "about": widened by the approximate tolerance.
    Approximate,
    /// "nearly": a little under the figure.
    JustBelow,
    /// "just over": a little over the figure.
    JustAbove,
    /// "more than": an open lower bound.
    Above,
    /// "at least": a closed lower bound.
    AtLeast,
    /// "less than": an open upper bound.
    Below,
    /// "up to": a closed upper bound.
    AtMost,
}

/// Words for going up and words for going down.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Directed {
    pub up: Vec<String>,
    pub down: Vec<String>,
}

/// Closed word classes, and the phrases that mark a clause's relation to the
/// claim beside it. Binding reads sentences by these, not by phrase lists.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GrammarWords {
    pub determiners: Vec<String>,
    /// Prepositions: a phrase they begin after a noun qualifies it ("trade with Norland").
    pub prepositions: Vec<String>,
    /// Words that open a subordinate clause ("as demand weakened", "after hitting…").
    pub subordinators: Vec<String>,
    /// Words that open a relative clause ("which was founded in 1987").
    pub relatives: Vec<String>,
    /// Words that join two clauses ("…, while imports fell").
    pub coordinators: Vec<String>,
    /// Words that stand for a metric named before ("it", "the figure").
    pub pronouns: Vec<String>,
    /// Words that stand for a person or body, never a metric ("she", "officials").
    pub speakers: Vec<String>,
    /// Auxiliary and linking verbs: part of the clause, never of the metric.
    pub auxiliaries: Vec<String>,
    /// Verbs that report speech, by lemma ("say", "tell"): what follows is a clause of its own.
    pub reporting_verbs: Vec<String>,
    /// Phrases that attribute a claim ("according to"): their phrase is no part of it.
    pub reporting_phrases: Vec<String>,
    /// Phrases after which a change is a contributor to another ("due to", "driven by").
    pub contributors: Vec<String>,
    /// Phrases that state a change on another basis than the levels beside it.
    pub bases: Vec<String>,
    /// Bases that mean the change is against the same period a year before
    /// ("year on year"): neutral for yearly figures.
    pub year_on_year: Vec<String>,
    /// Words that count a time back from another the text names ("the previous year").
    pub earlier: Vec<String>,
    /// Words that count a time on from another the text names ("the following year").
    pub later: Vec<String>,
    /// Nouns that name how a level is reported, not what: "to an average of £198,000",
    /// "a record $61 billion", "a high of 9.8%".
    pub level_nouns: Vec<String>,
    /// Words before a time that make it a span's start or end ("since 2016"), not a period.
    pub span_words: Vec<String>,
}

impl GrammarWords {
    fn merge(&mut self, other: GrammarWords) {
        self.determiners.extend(other.determiners);
        self.prepositions.extend(other.prepositions);
        self.subordinators.extend(other.subordinators);
        self.relatives.extend(other.relatives);
        self.coordinators.extend(other.coordinators);
        self.pronouns.extend(other.pronouns);
        self.speakers.extend(other.speakers);
        self.auxiliaries.extend(other.auxiliaries);
        self.reporting_verbs.extend(other.reporting_verbs);
        self.reporting_phrases.extend(other.reporting_phrases);
        self.contributors.extend(other.contributors);
        self.bases.extend(other.bases);
        self.year_on_year.extend(other.year_on_year);
        self.earlier.extend(other.earlier);
        self.later.extend(other.later);
        self.level_nouns.extend(other.level_nouns);
        self.span_words.extend(other.span_words);
    }
}

/// Verbs that state a change as a multiple ("doubled").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorWords {
    pub words: Vec<String>,
    pub factor: f64,
}

/// Fractions written as words ("a third").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FractionWords {
    pub words: Vec<String>,
    pub value: f64,
}

/// The built-in lexicon's YAML, as embedded in the binary.
pub const BUILTIN_LEXICON: &str = include_str!("../../rules/lexicons/english.yaml");

impl Lexicon {
    /// The built-in English lexicon.
    pub fn builtin() -> Lexicon {
        // The embedded file is tested to parse (see the tests below), so failure here
        // would be a build defect, not an input error; fall back to empty rather than panic.
        serde_yaml::from_str(BUILTIN_LEXICON).unwrap_or_default()
    }

    /// Adds every entry of `other`; scalar settings in `other` win when present.
    pub fn merge(&mut self, other: Lexicon) {
        self.scales.extend(other.scales);
        self.currencies.extend(other.currencies);
        self.minor_units.extend(other.minor_units);
        self.units.extend(other.units);
        self.per_units.extend(other.per_units);
        self.money_after_scale_only.extend(other.money_after_scale_only);
        self.qualifiers.extend(other.qualifiers);
        self.approximate_tolerance = other.approximate_tolerance.or(self.approximate_tolerance);
        self.near_tolerance = other.near_tolerance.or(self.near_tolerance);
        self.change_verbs.up.extend(other.change_verbs.up);
        self.change_verbs.down.extend(other.change_verbs.down);
        self.change_adverbs.up.extend(other.change_adverbs.up);
        self.change_adverbs.down.extend(other.change_adverbs.down);
        for (lemma, forms) in other.irregular_verbs {
            self.irregular_verbs.entry(lemma).or_default().extend(forms);
        }
        self.factor_verbs.extend(other.factor_verbs);
        self.change_nouns.up.extend(other.change_nouns.up);
        self.change_nouns.down.extend(other.change_nouns.down);
        self.comparatives.up.extend(other.comparatives.up);
        self.comparatives.down.extend(other.comparatives.down);
        self.level_verbs.extend(other.level_verbs);
        self.object_level_verbs.extend(other.object_level_verbs);
        self.grammar.merge(other.grammar);
        self.fractions.extend(other.fractions);
        self.fraction_tolerance = other.fraction_tolerance.or(self.fraction_tolerance);
        self.number_scales.extend(other.number_scales);
        self.vague_amounts.extend(other.vague_amounts);
        self.vague_shares.extend(other.vague_shares);
    }
}

/// A regex alternation of `words`, longest first so that "more than" beats "more",
/// each escaped and with internal spaces matching any run of white space.
pub(crate) fn alternation<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.into_iter().filter(|w| !w.trim().is_empty()).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let escaped: Vec<String> = words.iter().map(|w| regex::escape(w.trim()).replace(' ', r"\s+")).collect();
    escaped.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses_and_is_not_empty() {
        let parsed: Lexicon = serde_yaml::from_str(BUILTIN_LEXICON).expect("built-in lexicon parses");
        assert!(parsed.scales.iter().any(|s| s.word == "billion" && s.factor == 1e9));
        assert!(parsed.scales.iter().any(|s| s.word == "M" && s.money_only && s.exact_case && !s.attached));
        assert!(parsed.currencies.iter().any(|c| c.code == "EUR" && c.symbols == ["€"]));
        let words = |code: &str| -> Vec<String> {
            parsed.currencies.iter().filter(|c| c.code == code).flat_map(Currency::all_words).collect()
        };
        assert!(words("ESP").contains(&"pesetas".to_string()) && words("FIM").contains(&"markkas".to_string()));
        assert!(words("USD").contains(&"US dollars".to_string()) && words("JPY") == ["yen", "Japanese yen"]);
        assert!(parsed.change_verbs.up.iter().any(|w| w == "rise"));
        assert!(parsed.change_verbs.down.iter().any(|w| w == "fall"));
        assert_eq!(parsed.approximate_tolerance, Some(0.05));
        assert!(parsed.number_scales.iter().any(|s| s.word == "dozen" && s.factor == 12.0));
        assert!(parsed.vague_amounts.iter().any(|w| w == "tens of thousands"));
        assert!(parsed.vague_shares.iter().any(|w| w == "the majority"));
    }

    #[test]
    fn plurals_of_names_are_derived() {
        assert_eq!(plural("peseta"), "pesetas");
        assert_eq!(plural("markka"), "markkas");
        assert_eq!(plural("escudo"), "escudos");
        assert_eq!(plural("Swiss franc"), "Swiss francs");
        assert_eq!(plural("penny"), "pennies");
        assert_eq!(plural("money"), "moneys");
        let usd: Currency = serde_yaml::from_str("{ code: USD, names: [dollar, US dollar], words: [usd] }").unwrap();
        let words: Vec<String> = usd.all_words().collect();
        assert_eq!(words, ["dollar", "dollars", "US dollar", "US dollars", "usd"]);
        // Words are read as written: no plural of "yen" or of a code.
        let yen: Currency = serde_yaml::from_str("{ code: JPY, words: [yen] }").unwrap();
        assert_eq!(yen.all_words().collect::<Vec<_>>(), ["yen"]);
    }

    #[test]
    fn merge_adds_and_overrides_scalars() {
        let mut base = Lexicon::builtin();
        let extra: Lexicon =
            serde_yaml::from_str("change_verbs: {up: [ballooned]}\nfraction_tolerance: 0.2\n").unwrap();
        let before = base.change_verbs.up.len();
        base.merge(extra);
        assert_eq!(base.change_verbs.up.len(), before + 1);
        assert_eq!(base.fraction_tolerance, Some(0.2));
        assert_eq!(base.approximate_tolerance, Some(0.05));
        let vague: Lexicon = serde_yaml::from_str("vague_amounts: [a great many]\n").unwrap();
        let before = base.vague_amounts.len();
        base.merge(vague);
        assert_eq!(base.vague_amounts.len(), before + 1);
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let err = serde_yaml::from_str::<Lexicon>("change_verb: {up: [x]}\n").unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }

    #[test]
    fn alternation_puts_longer_phrases_first() {
        let words = vec!["more".to_string(), "more than".to_string(), "a.b".to_string()];
        assert_eq!(alternation(&words), r"more\s+than|more|a\.b");
    }
}
