//! Frames: reading one sentence's clauses into claims.
//!
//! Most claims read `SUBJECT VERB FIGURE (to/from FIGURE) (in PERIOD)`. Each change
//! or level verb opens a frame that runs to the next verb; inside it, the word
//! before each figure says what the figure is ("by 12%" is the amount, "to $45bn"
//! the level reached, "from $40bn" the level before, "in 2022" the period). Change
//! nouns ("a rise of 20%") and comparatives ("60% higher than €36m") give frames of
//! their own, and a frame that states only an amount lends it to the frame beside
//! it that states only the levels.

use std::ops::Range;

use super::cues::{Cue, CueKind, Cues, Direction};
use super::grammar::{Basis, Clause, ClauseKind, Grammar};
use super::metric::{Subject, subject};
use super::{Amount, Binding, Change, Claim, Confidence, Period, Role, SubjectRule, units_agree};
use crate::extract::{Form, Mention, MentionKind};

mod periods;
mod subject;
mod verbs;

/// Words before a figure that make it the level reached.
const TO_WORDS: &[&str] = &[
    "to",
    "reaching",
    "at",
    "hitting",
    "to a record",
    "to a high of",
    "to a low of",
    "standing at",
    "totalling",
    "coming to",
    "to a total of",
    "to reach",
];
/// Words before a figure that make it the level before.
const FROM_WORDS: &[&str] = &[
    "from",
    "compared with",
    "compared to",
    "versus",
    "vs",
    "than",
    "up from",
    "down from",
    "against",
    "than the",
    "from a",
    "compared with the",
    "compared to the",
    "from the",
    "against the",
];
/// Words before a figure that make it the size of the change.
const AMOUNT_WORDS: &[&str] = &[
    "",
    "by",
    "a further",
    "by a further",
    "another",
    "by another",
    "some",
    "by some",
    "a",
    "an",
    "by an",
    "a whopping",
];
/// Level verbs that, after a change verb, only attach the level it reached.
const ATTACHING_LEVEL_VERBS: &[&str] =
    &["reaching", "hitting", "standing at", "totalling", "coming to", "to reach", "to hit"];
/// Words that say a sentence is about a time of its own.
const TIME_WORDS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "quarter",
    "quarters",
    "decade",
    "week",
    "weeks",
    "ago",
    "later",
    "earlier",
    "since",
    "then",
    "previous",
    "following",
    "next",
    "last",
    "again",
    "before",
    "after",
    "until",
    "now",
    "today",
    "yesterday",
    "annual",
    "annually",
];

/// Punctuation that ends the subject of a clause, read backwards from its verb.
const CLAUSE_PUNCTUATION: &[char] = &[',', ';', ':', '('];
/// Words that end the subject of a clause, read backwards from its verb.
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "while", "whereas", "which", "as", "although", "though", "because", "despite", "after", "when", "if",
    "since", "said", "says", "told", "that",
];

/// Where the clause ending at the end of `before` starts: just past the nearest
/// clause punctuation or clause word, read backwards word by word, so the cost is
/// the length of the subject, not of the sentence. "and" ends a clause only when
/// the verb follows it directly ("…units and rose 25%"); otherwise it joins nouns
/// ("trade between Velmora and Kastrelia rose").
fn clause_start(before: &str) -> usize {
    let mut end = before.len();
    let mut first_word = true;
    while end > 0 {
        let head = before[..end].trim_end();
        if head.is_empty() {
            return 0;
        }
        if head.ends_with(CLAUSE_PUNCTUATION) {
            return head.len();
        }
        let word_start = head
            .rfind(|c: char| c.is_whitespace() || CLAUSE_PUNCTUATION.contains(&c))
            .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
        let word = &head[word_start..];
        if CLAUSE_WORDS.contains(&word) && (word != "and" || first_word) {
            return head.len();
        }
        first_word = false;
        end = word_start;
    }
    0
}

/// Binds the claims of every sentence, in document order.
pub fn bind(
    cues: &Cues,
    grammar: &Grammar,
    prose: &str,
    sentences: &[Range<usize>],
    mentions: &[Mention],
    published: Option<jiff::civil::Date>,
) -> Vec<Claim> {
    let mut claims: Vec<Claim> = Vec::new();
    let mut first_mention = 0;
    // One scan of the whole prose is far cheaper than five regex searches per sentence.
    let mut all_cues = cues.find(prose);
    let mut first_cue = 0;
    for (index, sentence) in sentences.iter().enumerate() {
        while first_cue < all_cues.len() && all_cues[first_cue].range.start < sentence.start {
            first_cue += 1;
        }
        let in_this = all_cues[first_cue..].partition_point(|c| c.range.start < sentence.end);
        let sentence_cues = &mut all_cues[first_cue..][..in_this];
        while first_mention < mentions.len() && mentions[first_mention].range.start < sentence.start {
            first_mention += 1;
        }
        // Claims are made of single figures: not ranges, vague amounts or shares
        // ("a third" is read from the words by the fraction frame).
        let in_sentence: Vec<usize> = (first_mention..mentions.len())
            .take_while(|&i| mentions[i].range.end <= sentence.end)
            .filter(|&i| is_single_figure(&mentions[i]))
            .collect();
        // Claims need a figure; most sentences of prose have none worth reading for cues.
        if !in_sentence.iter().any(|&i| !mentions[i].kind.is_temporal()) {
            continue;
        }
        // Sentences are disjoint, so each cue is read by one sentence at most: its
        // text is moved there, not copied.
        let local_cues: Vec<Cue> = sentence_cues
            .iter_mut()
            .filter(|c| c.range.end <= sentence.end)
            .map(|c| Cue {
                kind: c.kind.clone(),
                range: c.range.start - sentence.start..c.range.end - sentence.start,
                text: std::mem::take(&mut c.text),
            })
            .collect();
        let text = &prose[sentence.clone()];
        let cue_ranges: Vec<Range<usize>> = local_cues.iter().map(|c: &Cue| c.range.clone()).collect();
        let figure_ranges: Vec<Range<usize>> = in_sentence
            .iter()
            .filter(|&&i| !mentions[i].kind.is_temporal())
            .map(|&i| mentions[i].range.start - sentence.start..mentions[i].range.end - sentence.start)
            .collect();
        let clauses = grammar.clauses(text, &cue_ranges, &figure_ranges);
        let reader = SentenceReader {
            cues,
            grammar,
            prose,
            sentence: sentence.clone(),
            index,
            mentions,
            in_sentence,
            local_cues,
            clauses,
            published,
        };
        // Only the sentence just before can lend its metric to "it"; stop looking past it.
        let previous = claims
            .iter()
            .rev()
            .take_while(|c| c.sentence + 1 >= index)
            .position(|c| c.sentence + 1 == index && c.metric.is_some())
            .map(|back| claims.len() - 1 - back);
        let mut read = reader.read(previous.map(|p| &claims[p]));
        // The items under "…, due to:" are contributors to the change before them.
        if index > 0 && lists_contributors(grammar, prose, &sentences[index - 1], &claims) {
            for claim in &mut read {
                claim.binding.component = true;
            }
        }
        claims.extend(read);
    }
    claims
}

struct SentenceReader<'a> {
    cues: &'a Cues,
    grammar: &'a Grammar,
    prose: &'a str,
    sentence: Range<usize>,
    index: usize,
    mentions: &'a [Mention],
    in_sentence: Vec<usize>,
    /// The sentence's cues, in sentence-relative offsets.
    local_cues: Vec<Cue>,
    /// The sentence's clauses, in order, covering it.
    clauses: Vec<Clause>,
    /// The publication date: the year of a quarter, half or month named without
    /// one when nothing before names it.
    published: Option<jiff::civil::Date>,
}

impl SentenceReader<'_> {
    pub(super) fn text(&self) -> &str {
        &self.prose[self.sentence.clone()]
    }

    /// Mentions whose start lies in `range` (sentence-relative).
    pub(super) fn mentions_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let base = self.sentence.start;
        self.in_sentence
            .iter()
            .copied()
            .filter(move |&i| (base + range.start..base + range.end).contains(&self.mentions[i].range.start))
    }

    /// The mentions in `region`, each with the words that lead up to it from the
    /// mention before (or the region's start): what connects it to its verb.
    pub(super) fn leads(&self, region: Range<usize>) -> Vec<(usize, String)> {
        let text = self.text();
        let mut cursor = region.start;
        let mut out = Vec::new();
        for i in self.mentions_in(region).collect::<Vec<_>>() {
            let local = self.local(i);
            out.push((i, lead_words(&text[cursor.min(local.start)..local.start])));
            cursor = local.end;
        }
        out
    }

    /// Sentence-relative range of a mention.
    pub(super) fn local(&self, i: usize) -> Range<usize> {
        let r = &self.mentions[i].range;
        r.start - self.sentence.start..r.end - self.sentence.start
    }

    pub(super) fn read(&self, previous: Option<&Claim>) -> Vec<Claim> {
        let text = self.text();
        let all_cues = &self.local_cues;
        let seen_change_verb = |at: usize| {
            all_cues
                .iter()
                .any(|c| c.range.start < at && matches!(c.kind, CueKind::ChangeVerb(_) | CueKind::FactorVerb(_)))
        };
        // Frame openers: verbs, except level verbs that merely attach a level to a change.
        let openers: Vec<&Cue> = all_cues
            .iter()
            .filter(|c| match c.kind {
                CueKind::LevelVerb => {
                    !(ATTACHING_LEVEL_VERBS.contains(&c.text.as_str()) && seen_change_verb(c.range.start))
                }
                _ => true,
            })
            .collect();
        // A year stated in the main clause before the first verb holds for the
        // sentence; a sentence that names no time at all goes on in the period of
        // the one before.
        let carried = previous.and_then(|p| p.period).filter(|_| !self.names_a_time());
        let sentence_period =
            self.sentence_period(openers.first().map_or(text.len(), |c| c.range.start), carried).or(carried);
        let context_period = sentence_period.or(previous.and_then(|p| p.period));
        let mut claims: Vec<Claim> = Vec::new();
        // Whether each opener so far made a claim.
        let mut framed: Vec<bool> = Vec::with_capacity(openers.len());
        for (k, cue) in openers.iter().enumerate() {
            let ci = self.clause_of(cue.range.start);
            let clause = &self.clauses[ci];
            let next = openers.get(k + 1).map_or(text.len(), |next| next.range.start);
            let end = next.min(clause.range.end);
            let claim = match cue.kind {
                CueKind::ChangeVerb(direction) => {
                    self.verb_frame(cue, direction, None, cue.range.end..end, context_period)
                }
                CueKind::FactorVerb(factor) => {
                    let direction = if factor >= 1.0 { Direction::Up } else { Direction::Down };
                    self.verb_frame(cue, direction, Some(factor), cue.range.end..end, context_period)
                }
                CueKind::LevelVerb => self.level_frame(cue, end, context_period),
                CueKind::ChangeNoun(direction) => self.noun_frame(cue, direction, end),
                CueKind::Comparative(direction) => self.comparative_frame(cue, direction, end),
            };
            let Some(mut claim) = claim else {
                framed.push(false);
                continue;
            };
            framed.push(true);
            claim.binding.clause = Some(clause.kind);
            let same_clause = |p: usize| self.clause_of(openers[p].range.start) == ci;
            // A cue before this one in its clause ends the subject, unless it made no
            // claim of its own and a preposition follows it: then it is a participle
            // in the subject ("passengers carried by the airline rose…", "goods
            // shipped to Asia fell…"), not a verb with its object.
            let subject_start = match k.checked_sub(1) {
                Some(p) if same_clause(p) && (framed[p] || !self.opens_qualifier(openers[p])) => openers[p].range.end,
                _ => clause.range.start,
            };
            self.bind_metric(&mut claim, subject_start, cue, ci, &claims, previous);
            if cue.kind == CueKind::LevelVerb && self.cues.is_object_level(&cue.text) {
                self.bind_object(&mut claim, cue);
            }
            if claim.period.is_none() {
                claim.period = self.period_before(clause.range.start..cue.range.start, context_period);
            }
            // The sentence's period holds in every clause but the one that reports it.
            if claim.period.is_none() && clause.kind != ClauseKind::Reporting {
                claim.period = sentence_period;
            }
            claim.binding.basis = self.basis(clause, cue, end);
            claim.binding.component |= clause.kind == ClauseKind::Contributor;
            claims.push(claim);
            // ", and 12% in 2022 to $45 billion": a coordinated clause with no verb of
            // its own states a second claim of the same kind, of its own subject
            // when it names one ("and refined products 3% to 12m barrels").
            if let Some(gapped) = self.gapped(ci, &openers, k) {
                let region = self.clauses[gapped].range.clone();
                let second = match cue.kind {
                    CueKind::ChangeVerb(d) => self.verb_frame(cue, d, None, region.clone(), context_period),
                    CueKind::FactorVerb(f) => {
                        let d = if f >= 1.0 { Direction::Up } else { Direction::Down };
                        self.verb_frame(cue, d, Some(f), region.clone(), context_period)
                    }
                    CueKind::LevelVerb => self.level_frame_over(cue, region.clone(), context_period),
                    _ => None,
                };
                if let Some(mut second) = second
                    && let Some(first_figure) =
                        second.mentions().into_iter().find(|&i| !self.mentions[i].kind.is_temporal())
                {
                    let first = claims.last().expect("just pushed");
                    let own = subject(self.subject_text(region.start, self.local(first_figure).start));
                    match own {
                        Subject::Phrase(metric) if !metric.words.is_empty() => {
                            second.metric = Some(metric);
                            second.confidence = Confidence::High;
                            second.binding.subject = SubjectRule::Stated;
                        }
                        _ => {
                            second.metric = first.metric.clone();
                            second.confidence = first.confidence;
                            second.binding.subject = SubjectRule::Elided;
                        }
                    }
                    if second.period.is_none() {
                        second.period = first.period;
                    }
                    second.binding.frame = "gapped";
                    second.binding.clause = Some(ClauseKind::Coordinated);
                    claims.push(second);
                }
            }
        }
        self.comparisons(&mut claims);
        self.of_levels(&mut claims, context_period, sentence_period);
        // A clause that states no time of its own is in the time of the claim
        // before it in the sentence ("…to 14.2 TWh in 2022, while coal generation
        // retreated 9%"), unless that claim stands in a fronted clause of its own.
        for k in 1..claims.len() {
            if claims[k].period.is_none() && claims[k].binding.clause != Some(ClauseKind::Reporting) {
                let before =
                    claims[..k].iter().rev().find(|c| c.period.is_some() && !self.is_fronted(c)).and_then(|c| c.period);
                if !self.is_fronted(&claims[k]) {
                    claims[k].period = before;
                }
            }
        }
        lend_amounts(&mut claims, self.mentions, self.prose);
        claims
    }

    /// A lead without the level noun that ends it: "to an average of" is "to",
    /// "reaching a record" is "reaching", "a high of" is "".
    pub(super) fn without_level_noun(&self, lead: &str) -> String {
        let mut words: Vec<&str> = lead.split(' ').filter(|w| !w.is_empty()).collect();
        let of = words.last() == Some(&"of");
        let noun_at = words.len().wrapping_sub(1 + usize::from(of));
        if words.get(noun_at).is_some_and(|w| self.grammar.is_level_noun(w)) {
            words.truncate(noun_at);
            if words.last().is_some_and(|w| self.grammar.class(w) == Some(super::grammar::Class::Determiner)) {
                words.pop();
            }
            return words.join(" ");
        }
        lead.to_string()
    }

    /// Whether every word of `lead` is a function word ("but only", "and then to").
    pub(super) fn only_function_words(&self, lead: &str) -> bool {
        lead.split(' ').all(|w| self.grammar.class(w).is_some() || w == "only" || w == "then" || w == "just")
    }

    /// Whether a claim stands in a subordinate clause that opens its sentence.
    pub(super) fn is_fronted(&self, claim: &Claim) -> bool {
        let at = claim.cue.start.saturating_sub(self.sentence.start);
        let ci = self.clause_of(at);
        ci == 0 && self.clauses[0].kind == ClauseKind::Subordinate
    }

    /// The index of the clause that holds sentence offset `at`.
    pub(super) fn clause_of(&self, at: usize) -> usize {
        self.clauses.partition_point(|c| c.range.end <= at).min(self.clauses.len().saturating_sub(1))
    }

    /// The coordinated clause right after clause `ci` when it holds no verb of its
    /// own and cue `k` is the last opener of clause `ci`.
    pub(super) fn gapped(&self, ci: usize, openers: &[&Cue], k: usize) -> Option<usize> {
        let next = ci + 1;
        let clause = self.clauses.get(next)?;
        if clause.kind != ClauseKind::Coordinated {
            return None;
        }
        let opener_in = |c: &Clause| openers.iter().any(|o| c.range.contains(&o.range.start));
        let last_of_clause = openers.get(k + 1).is_none_or(|o| !self.clauses[ci].range.contains(&o.range.start));
        (last_of_clause && !opener_in(clause) && !self.local_cues.iter().any(|c| clause.range.contains(&c.range.start)))
            .then_some(next)
    }

    /// The basis the change of a frame is stated on, from the words of its clause
    /// up to the frame's end ("like-for-like sales rose 3%", "rose 3% in real terms").
    pub(super) fn basis(&self, clause: &Clause, cue: &Cue, end: usize) -> Option<Basis> {
        if !matches!(
            cue.kind,
            CueKind::ChangeVerb(_) | CueKind::FactorVerb(_) | CueKind::ChangeNoun(_) | CueKind::Comparative(_)
        ) {
            return None;
        }
        self.grammar.basis_in(&self.text()[clause.range.start..end.max(cue.range.end)])
    }

    pub(super) fn new_claim(&self, role: Role, cue: &Cue) -> Claim {
        Claim {
            role,
            metric: None,
            confidence: Confidence::None,
            period: None,
            sentence: self.index,
            cue: self.absolute(cue.range.clone()),
            cue_text: cue.text.clone(),
            level: None,
            change: None,
            binding: Binding::default(),
        }
    }

    pub(super) fn absolute(&self, range: Range<usize>) -> Range<usize> {
        self.sentence.start + range.start..self.sentence.start + range.end
    }
}

/// Whether `sentence` ends in a colon after a contributor phrase or a change
/// ("…increased $5.2m, due to:"), so that what follows lists the parts of it.
fn lists_contributors(grammar: &Grammar, prose: &str, sentence: &Range<usize>, claims: &[Claim]) -> bool {
    let text = prose[sentence.clone()].trim_end();
    text.ends_with(':')
        && (grammar.clauses(text, &[], &[]).iter().any(|c| c.kind == ClauseKind::Contributor)
            || claims.iter().rev().take_while(|c| sentence.contains(&c.cue.start)).any(|c| c.role == Role::Change))
}

/// A frame that states only an amount lends it to the frame beside it that states
/// only the levels: "cut by a third, reducing departures from 90 to 75"; a bare
/// amount after a level takes that level: "reached $45bn, up 12%". A semicolon
/// between the two ends the lending: "fell from 7.4% to 5.9%; prices saw a drop
/// of 1.5%" states two changes.
fn lend_amounts(claims: &mut Vec<Claim>, mentions: &[Mention], prose: &str) {
    let mut k = 0;
    while k < claims.len() {
        let amount_only = |c: &Claim| {
            c.role == Role::Change
                && c.level.is_none()
                && c.change.as_ref().is_some_and(|ch| ch.amount.is_some() && ch.from.is_none())
        };
        let levels_only = |c: &Claim| {
            c.role == Role::Change
                && c.level.is_some()
                && c.change.as_ref().is_some_and(|ch| ch.amount.is_none() && ch.from.is_some())
        };
        if amount_only(&claims[k]) {
            let direction = claims[k].change.as_ref().map(|c| c.direction);
            let partner = [k.wrapping_sub(1), k + 1].into_iter().find(|&p| {
                claims.get(p).is_some_and(|c| {
                    levels_only(c)
                        && c.change.as_ref().map(|ch| ch.direction) == direction
                        && compatible_amount(&claims[k], c, mentions)
                        && !separated_by_semicolon(prose, c, &claims[k])
                })
            });
            if let Some(p) = partner {
                let amount = claims[k].change.as_mut().and_then(|c| c.amount.take());
                if let Some(ch) = claims[p].change.as_mut() {
                    ch.amount = amount;
                }
                claims.remove(k);
                continue;
            }
        }
        // "was $96m, up 14% from $77m": a change with an amount and no level of its
        // own, right after a level with no subject between, is a change to that level.
        let takes_level_before = |c: &Claim| {
            c.role == Role::Change
                && c.level.is_none()
                && matches!(c.binding.subject, SubjectRule::Elided | SubjectRule::None)
                && c.change.as_ref().is_some_and(|ch| ch.amount.is_some())
        };
        if k > 0 && takes_level_before(&claims[k]) && claims[k - 1].role == Role::Level && claims[k - 1].level.is_some()
        {
            claims[k].level = claims[k - 1].level;
            claims[k].metric = claims[k - 1].metric.clone();
            claims[k].confidence = claims[k - 1].confidence;
            claims[k].binding.subject = claims[k - 1].binding.subject;
            claims[k].period = claims[k].period.or(claims[k - 1].period);
        }
        k += 1;
    }
}

/// Whether a semicolon stands between two claims of one sentence.
fn separated_by_semicolon(prose: &str, a: &Claim, b: &Claim) -> bool {
    let (first, second) = if a.cue.start <= b.cue.start { (a, b) } else { (b, a) };
    prose.get(first.cue.end..second.cue.start).is_some_and(|between| between.contains(';'))
}

/// An absolute amount can only move levels of its own unit.
fn compatible_amount(amount_claim: &Claim, level_claim: &Claim, mentions: &[Mention]) -> bool {
    match amount_claim.change.as_ref().and_then(|c| c.amount.as_ref()) {
        Some(Amount::Absolute(i)) => level_claim.level.is_some_and(|l| units_agree(&mentions[*i], &mentions[l])),
        _ => true,
    }
}

fn is_single_figure(m: &Mention) -> bool {
    m.kind.is_temporal() || m.value.is_some() && m.form == Form::Plain && m.unit.as_deref() != Some("share")
}

fn is_level_kind(kind: MentionKind) -> bool {
    matches!(kind, MentionKind::Number | MentionKind::Money | MentionKind::Percent)
}

/// The period a time mention names; a quarter, half or month stated without its
/// year ("in the second quarter") takes the year of `context`.
fn period_of(m: &Mention, context: Option<Period>) -> Option<Period> {
    match m.kind {
        MentionKind::Year => m.year().map(Period::Year),
        MentionKind::Period | MentionKind::Date => Period::parse(m.time.as_deref()?, context.map(Period::year)),
        _ => None,
    }
}

/// The last few words before a figure, lower case, punctuation dropped: what
/// connects it to its verb.
///
/// Built in one pass into one string: this runs for every figure of every
/// sentence with a claim, and cleaning, splitting and joining cost three
/// allocations a figure. Every known phrase it returns is a tail of all the words.
fn lead_words(text: &str) -> String {
    // The words are the runs of these characters, one space apart.
    let mut all = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '-' || c == '\'' {
            if gap && !all.is_empty() {
                all.push(' ');
            }
            gap = false;
            all.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    // Where the last three words start, the last first.
    let mut starts = [0usize; 3];
    let mut tail = 0;
    if !all.is_empty() {
        let mut spaces = all.rmatch_indices(' ').map(|(i, _)| i + 1);
        while tail < starts.len() {
            starts[tail] = spaces.next().unwrap_or(0);
            tail += 1;
            if starts[tail - 1] == 0 {
                break;
            }
        }
    }
    // Longest known phrase that ends the text wins; otherwise the whole short tail.
    for &start in starts[..tail].iter().rev() {
        let phrase = &all[start..];
        if TO_WORDS.contains(&phrase) || FROM_WORDS.contains(&phrase) || ATTACHING_LEVEL_VERBS.contains(&phrase) {
            return phrase.to_string();
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_words_find_the_connector() {
        assert_eq!(lead_words(" in 2022, reaching "), "reaching");
        assert_eq!(lead_words(" compared with "), "compared with");
        assert_eq!(lead_words(" on the year at "), "at");
        assert_eq!(lead_words(" by "), "by");
        assert_eq!(lead_words(" "), "");
        assert_eq!(lead_words(", from "), "from");
        assert_eq!(lead_words(" in 2022, Up  to "), "to");
        assert_eq!(lead_words("Compared (With) "), "compared with");
        assert_eq!(lead_words(" the firm's — Q3 – figure "), "the firm's q3 figure");
        // Only ASCII letters are lowered, as before.
        assert_eq!(lead_words("Über 5 Bn, "), "Über 5 bn");
    }

    #[test]
    fn clauses_start_after_the_nearest_boundary() {
        fn start(before: &str) -> &str {
            &before[clause_start(before)..]
        }
        assert_eq!(start("In 2022, exports "), " exports ");
        assert_eq!(start("Trade between Velmora and Kastrelia "), "Trade between Velmora and Kastrelia ");
        assert_eq!(start("to 120,000 units and "), " ");
        assert_eq!(start("the chief executive said demand "), " demand ");
        assert_eq!(start("prices fell (although exports "), " exports ");
        assert_eq!(start("Exports "), "Exports ");
        assert_eq!(start(""), "");
    }
}
