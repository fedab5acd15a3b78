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
    fn text(&self) -> &str {
        &self.prose[self.sentence.clone()]
    }

    /// Whether a preposition follows the cue: "handled by", "sold in".
    fn opens_qualifier(&self, cue: &Cue) -> bool {
        super::grammar::words(&self.text()[cue.range.end..])
            .next()
            .is_some_and(|w| self.grammar.class(w.text) == Some(super::grammar::Class::Preposition))
    }

    /// Mentions whose start lies in `range` (sentence-relative).
    fn mentions_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let base = self.sentence.start;
        self.in_sentence
            .iter()
            .copied()
            .filter(move |&i| (base + range.start..base + range.end).contains(&self.mentions[i].range.start))
    }

    /// The mentions in `region`, each with the words that lead up to it from the
    /// mention before (or the region's start): what connects it to its verb.
    fn leads(&self, region: Range<usize>) -> Vec<(usize, String)> {
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
    fn local(&self, i: usize) -> Range<usize> {
        let r = &self.mentions[i].range;
        r.start - self.sentence.start..r.end - self.sentence.start
    }

    fn read(&self, previous: Option<&Claim>) -> Vec<Claim> {
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
        lend_amounts(&mut claims, self.mentions);
        claims
    }

    /// The period mention `i` names. A time counted from another ("the following
    /// year", "a year earlier") is counted from `context`, the period of the
    /// sentence or of the claim before; without one it names none.
    fn period(&self, i: usize, context: Option<Period>) -> Option<Period> {
        let m = &self.mentions[i];
        if let Some(p) = period_of(m, context) {
            return Some(p);
        }
        // "in the second quarter" in an article of August 2024 is 2024's, once the
        // quarter has begun by then; before it, the words may mean last year's or a
        // forecast for this year's, so they name none.
        if context.is_none()
            && let Some(date) = self.published
            && let Some(p) = period_of(m, Some(Period::Year(i32::from(date.year()))))
        {
            return p.begins_by(date).then_some(p);
        }
        let relative = m.form == Form::Relative || m.kind == MentionKind::Duration && m.note.is_some();
        if !relative || m.time.as_deref().is_some_and(|t| !t.starts_with('P')) {
            return None;
        }
        let text = self.prose.get(m.range.clone())?;
        self.grammar.counted_from(text, context?)
    }

    /// A lead without the level noun that ends it: "to an average of" is "to",
    /// "reaching a record" is "reaching", "a high of" is "".
    fn without_level_noun(&self, lead: &str) -> String {
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
    fn only_function_words(&self, lead: &str) -> bool {
        lead.split(' ').all(|w| self.grammar.class(w).is_some() || w == "only" || w == "then" || w == "just")
    }

    /// Whether a claim stands in a subordinate clause that opens its sentence.
    fn is_fronted(&self, claim: &Claim) -> bool {
        let at = claim.cue.start.saturating_sub(self.sentence.start);
        let ci = self.clause_of(at);
        ci == 0 && self.clauses[0].kind == ClauseKind::Subordinate
    }

    /// "was $54m in 2023, compared with $61m in 2022": a level followed in its
    /// clause by a figure a comparing word leads is a change from that figure,
    /// of no stated size.
    fn comparisons(&self, claims: &mut [Claim]) {
        let used: Vec<usize> = claims.iter().flat_map(Claim::mentions).collect();
        for claim in claims.iter_mut().filter(|c| c.role == Role::Level) {
            let Some(level) = claim.level else { continue };
            let end = self.clauses[self.clause_of(self.local(level).start)].range.end;
            let Some((from, lead)) =
                self.leads(self.local(level).end..end).into_iter().find(|(i, _)| !self.mentions[*i].kind.is_temporal())
            else {
                continue;
            };
            if !FROM_WORDS.contains(&lead.as_str())
                || used.contains(&from)
                || !units_agree(&self.mentions[from], &self.mentions[level])
            {
                continue;
            }
            let (a, b) = (self.mentions[level].value.unwrap_or(0.0), self.mentions[from].value.unwrap_or(0.0));
            let direction = if a >= b { Direction::Up } else { Direction::Down };
            claim.role = Role::Change;
            claim.change = Some(Change { direction, amount: None, from: Some(from) });
            claim.binding.frame = "comparison";
        }
    }

    /// "a net profit of €54m in 2023", "revenue of $4.2bn for 2023": a figure no
    /// claim uses, led by "of" after a noun phrase, is a level of that phrase.
    fn of_levels(&self, claims: &mut Vec<Claim>, context: Option<Period>, sentence_period: Option<Period>) {
        let used: Vec<usize> = claims.iter().flat_map(Claim::mentions).collect();
        let text = self.text();
        for &i in &self.in_sentence {
            let m = &self.mentions[i];
            if !is_level_kind(m.kind) || used.contains(&i) {
                continue;
            }
            let local = self.local(i);
            let ci = self.clause_of(local.start);
            let clause = &self.clauses[ci];
            let Some(before) = text[clause.range.start..local.start].trim_end().strip_suffix(" of") else { continue };
            // The phrase runs back to the clause start, the figure before, or a verb.
            let floor = self
                .mentions_in(clause.range.start..local.start)
                .filter(|&j| j != i)
                .map(|j| self.local(j).end)
                .chain(self.local_cues.iter().filter(|c| c.range.end <= local.start).map(|c| c.range.end))
                .filter(|&e| e >= clause.range.start)
                .max()
                .unwrap_or(clause.range.start);
            let phrase_start = floor.min(clause.range.start + before.len());
            let phrase = &text[phrase_start..clause.range.start + before.len()];
            let mut phrase = &phrase[clause_start(phrase)..];
            // "… and a dividend of €0.45": the coordinator is no part of the phrase.
            if let Some(first) = super::grammar::words(phrase).next()
                && self.grammar.class(first.text) == Some(super::grammar::Class::Coordinator)
            {
                phrase = &phrase[first.range.end..];
            }
            let words: Vec<&str> = super::grammar::words(phrase).map(|w| w.text).collect();
            let Some(head) = words.last() else { continue };
            // A plain noun phrase only: "built at a cost of $900m" and "the collapse
            // of a block of 120 flats" put the figure in a qualifier, not a level.
            let qualifier_or_verb = words.iter().any(|w| {
                *w != "of" && self.grammar.class(w) == Some(super::grammar::Class::Preposition)
                    || self.grammar.is_verb_form(w)
            });
            if qualifier_or_verb
                || self.grammar.class(head).is_some()
                || self.grammar.is_level_noun(head)
                || self.grammar.is_verb_form(head)
            {
                continue;
            }
            let metric = super::metric::normalise(phrase);
            if metric.words.is_empty() || metric.words.len() > 4 {
                continue;
            }
            let cue =
                Cue { kind: CueKind::LevelVerb, range: local.start.saturating_sub(3)..local.start, text: "of".into() };
            let mut claim = self.new_claim(Role::Level, &cue);
            claim.level = Some(i);
            claim.metric = Some(metric);
            claim.confidence = Confidence::High;
            claim.binding = Binding {
                frame: "of-level",
                clause: Some(clause.kind),
                subject: SubjectRule::Stated,
                component: clause.kind == ClauseKind::Contributor,
                basis: None,
            };
            // The time right after the figure, before any other figure, dates it.
            claim.period = self
                .leads(local.end..clause.range.end)
                .into_iter()
                .take_while(|(j, _)| self.mentions[*j].kind.is_temporal())
                .find(|(_, lead)| !FROM_WORDS.contains(&lead.as_str()) && !self.grammar.is_span_start(lead))
                .and_then(|(j, _)| self.period(j, context))
                .or(sentence_period.filter(|_| clause.kind != ClauseKind::Reporting));
            claims.push(claim);
        }
        claims.sort_by_key(|c| c.cue.start);
    }

    /// The index of the clause that holds sentence offset `at`.
    fn clause_of(&self, at: usize) -> usize {
        self.clauses.partition_point(|c| c.range.end <= at).min(self.clauses.len().saturating_sub(1))
    }

    /// The coordinated clause right after clause `ci` when it holds no verb of its
    /// own and cue `k` is the last opener of clause `ci`.
    fn gapped(&self, ci: usize, openers: &[&Cue], k: usize) -> Option<usize> {
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
    fn basis(&self, clause: &Clause, cue: &Cue, end: usize) -> Option<Basis> {
        if !matches!(
            cue.kind,
            CueKind::ChangeVerb(_) | CueKind::FactorVerb(_) | CueKind::ChangeNoun(_) | CueKind::Comparative(_)
        ) {
            return None;
        }
        self.grammar.basis_in(&self.text()[clause.range.start..end.max(cue.range.end)])
    }

    /// "handled 4.2 million passengers", "reported sales of $4bn": the object
    /// names the metric, as its counted noun or as the noun phrase before "of".
    fn bind_object(&self, claim: &mut Claim, cue: &Cue) {
        let text = self.text();
        let of_phrase = claim.level.and_then(|l| {
            let between = &text[cue.range.end..self.local(l).start];
            let phrase = between.trim_end().strip_suffix(" of")?;
            let metric = super::metric::normalise(phrase);
            (!metric.words.is_empty() && metric.words.len() <= 4).then_some(metric)
        });
        // A counted noun names the metric ("4.2 million passengers"); a unit of
        // measure ("3.4 million tonnes") does not say of what.
        let noun = claim
            .level
            .filter(|&l| self.mentions[l].kind == MentionKind::Number)
            .and_then(|l| self.mentions[l].unit.as_deref())
            .filter(|u| !self.grammar.is_measure_unit(u));
        claim.metric = of_phrase.or_else(|| noun.map(super::metric::normalise).filter(|m| !m.words.is_empty()));
        claim.confidence = if claim.metric.is_some() { Confidence::High } else { Confidence::None };
        claim.binding.subject = if claim.metric.is_some() { SubjectRule::Object } else { SubjectRule::None };
    }

    /// The period of a time stated in `range` (sentence-relative) before a verb,
    /// when exactly one is stated.
    fn period_before(&self, range: Range<usize>, context: Option<Period>) -> Option<Period> {
        let mut periods = self.mentions_in(range).filter_map(|i| self.period(i, context));
        let first = periods.next()?;
        periods.next().is_none().then_some(first)
    }

    /// Whether the sentence states a time of its own: a temporal mention, or words
    /// such as "the following year" or "then" that extraction may not read yet (such
    /// a sentence keeps no period rather than a wrong one).
    fn names_a_time(&self) -> bool {
        self.in_sentence.iter().any(|&i| self.mentions[i].kind.is_temporal())
            || self
                .text()
                .split(|c: char| !c.is_alphabetic())
                .any(|w| TIME_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w)))
    }

    /// A year stated before the first verb ("In 2022, exports rose…") holds for the
    /// whole sentence.
    fn sentence_period(&self, before: usize, context: Option<Period>) -> Option<Period> {
        let in_main = |i: &usize| {
            let at = self.local(*i).start;
            self.clauses[self.clause_of(at)].kind == ClauseKind::Main
        };
        let mut periods = self.mentions_in(0..before).filter(in_main).filter_map(|i| self.period(i, context));
        let first = periods.next()?;
        periods.next().is_none().then_some(first)
    }

    /// A change verb's frame over `region`: the amount, the level reached, the
    /// level before and the period, each told by the words that lead to it.
    fn verb_frame(
        &self,
        cue: &Cue,
        direction: Direction,
        factor: Option<f64>,
        region: Range<usize>,
        context: Option<Period>,
    ) -> Option<Claim> {
        let mut claim = self.new_claim(Role::Change, cue);
        claim.binding.frame = "change verb";
        let mut change = Change { direction, amount: None, from: None };
        if let Some(f) = factor {
            let tolerance = self.cues.fraction_tolerance;
            let factor = crate::interval::Interval::new(f * (1.0 - tolerance), f * (1.0 + tolerance));
            change.amount =
                // "was halved": the factor verb alone is the amount's text.
                Some(Amount::Factor {
                    factor,
                    text: cue.text.rsplit(' ').next().unwrap_or(&cue.text).to_string(),
                    range: self.absolute(cue.range.clone()),
                });
        }
        // "3% higher", "$2m lower": a figure just before a change word that is not a verb.
        if self.cues.is_adverb(&cue.text)
            && let Some(i) = self.mentions_in(0..cue.range.start).last()
            && self.text()[self.local(i).end..cue.range.start].trim().is_empty()
        {
            change.amount = match self.mentions[i].kind {
                MentionKind::Percent => Some(Amount::Percent(i)),
                MentionKind::Points => Some(Amount::Points(i)),
                MentionKind::Number | MentionKind::Money => Some(Amount::Absolute(i)),
                _ => None,
            };
        }
        // "up 14% on 2022's $3.5bn": a time led by a from-word dates the level after it.
        let mut from_pending = false;
        // "from 4.6m tonnes in 2021 to 4.1m in 2022": a time right after the level
        // before is that level's, not the change's.
        let mut after_from = false;
        let mut in_span = false;
        let end = region.end;
        for (i, lead) in self.leads(region.clone()) {
            let m = &self.mentions[i];
            let lead = self.without_level_noun(&lead);
            if m.kind.is_temporal() {
                if FROM_WORDS.contains(&lead.as_str()) || lead == "on" {
                    from_pending = true;
                } else if self.grammar.is_span_start(&lead) {
                    // "between 2019 and 2023": neither end is the change's period.
                    in_span = true;
                } else if claim.period.is_none() && !after_from && !in_span && !lead.ends_with("to") {
                    claim.period = self.period(i, context);
                }
                in_span = in_span && !(lead == "and" || lead == "to" || lead.is_empty());
                continue;
            }
            after_from = false;
            if !is_level_kind(m.kind) && !matches!(m.kind, MentionKind::Percent | MentionKind::Points) {
                continue;
            }
            let pending = std::mem::take(&mut from_pending) && (lead.is_empty() || lead == "'s" || lead == "’s");
            if TO_WORDS.contains(&lead.as_str()) || ATTACHING_LEVEL_VERBS.iter().any(|v| lead.ends_with(v)) {
                if claim.level.is_none() && is_level_kind(m.kind) {
                    claim.level = Some(i);
                }
            } else if pending || FROM_WORDS.contains(&lead.as_str()) || lead == "on" && change.amount.is_some() {
                if change.from.is_none() && is_level_kind(m.kind) {
                    change.from = Some(i);
                    after_from = true;
                }
            } else if change.amount.is_none() && claim.level.is_none() && change.from.is_none() {
                let by = lead.ends_with("by") || AMOUNT_WORDS.contains(&lead.as_str());
                change.amount = match m.kind {
                    MentionKind::Percent if by || lead.len() < 12 => Some(Amount::Percent(i)),
                    MentionKind::Points if by || lead.len() < 12 => Some(Amount::Points(i)),
                    MentionKind::Number | MentionKind::Money if by => Some(Amount::Absolute(i)),
                    _ => None,
                };
            }
        }
        if change.amount.is_none() {
            change.amount = self.fraction_amount(region.start..end, direction);
        }
        claim.change = Some(change);
        Some(claim)
    }

    /// "cut by a third", "reduced by half": a fraction of the earlier level.
    fn fraction_amount(&self, region: Range<usize>, direction: Direction) -> Option<Amount> {
        let text = &self.text()[region.clone()];
        // ASCII lower case keeps every byte where it was, so `at` indexes `text` too.
        let lower = text.to_ascii_lowercase();
        let at = lower.find("by ")?;
        // Only when nothing but words stand between the verb and "by".
        if self.mentions_in(region.start..region.start + at).next().is_some() {
            return None;
        }
        let after = at + 3;
        let (len, fraction) = self.cues.fraction_at(&text[after..])?;
        let factor = match direction {
            Direction::Up => fraction + crate::interval::Interval::point(1.0),
            Direction::Down => crate::interval::Interval::point(1.0) - fraction,
        };
        let range = self.absolute(region.start + at..region.start + after + len);
        Some(Amount::Factor { factor, text: text[at..after + len].to_string(), range })
    }

    fn level_frame(&self, cue: &Cue, end: usize, context: Option<Period>) -> Option<Claim> {
        self.level_frame_over(cue, cue.range.end..end, context)
    }

    /// A level verb's frame over `region`: the first figure with nothing but a
    /// level noun between ("reached a record $61bn"), and the time after it.
    fn level_frame_over(&self, cue: &Cue, region: Range<usize>, context: Option<Period>) -> Option<Claim> {
        let mut claim = self.new_claim(Role::Level, cue);
        claim.binding.frame = "level verb";
        let object = self.cues.is_object_level(&cue.text);
        let text = self.text();
        let gapped = region.start != cue.range.end;
        for (i, lead) in self.leads(region) {
            let m = &self.mentions[i];
            let lead = self.without_level_noun(&lead);
            let bare = lead.is_empty() || gapped && self.only_function_words(&lead);
            if m.kind.is_temporal() {
                if claim.period.is_none() && claim.level.is_some() && !self.grammar.is_span_start(&lead) {
                    claim.period = self.period(i, context);
                }
            } else if claim.level.is_some() {
                // The next figure ("…, compared with $61m in 2022") dates its own level.
                break;
            } else if claim.level.is_none() && is_level_kind(m.kind) && (bare || object && lead.ends_with(" of")) {
                // "was 3% higher at …": the figure is the amount of the change after it.
                let local = self.local(i);
                let before_adverb = self
                    .local_cues
                    .iter()
                    .any(|c| c.range.start >= local.end && text[local.end..c.range.start].trim().is_empty());
                if before_adverb {
                    return None;
                }
                claim.level = Some(i);
            }
        }
        claim.level.is_some().then_some(claim)
    }

    /// "a rise of 20%", "a 20% rise", "an increase of 1,400".
    fn noun_frame(&self, cue: &Cue, direction: Direction, end: usize) -> Option<Claim> {
        let text = self.text();
        let before = text[..cue.range.start].trim_end();
        let stated_before = self
            .mentions_in(0..cue.range.start)
            .filter(|&i| {
                self.local(i).end == before.len()
                    || text.get(self.local(i).end..cue.range.start).is_some_and(|gap| gap.trim() == "-")
            })
            .last();
        let after_of = self.mentions_in(cue.range.end..end).next().filter(|&i| {
            let lead = lead_words(&text[cue.range.end..self.local(i).start]);
            lead == "of" || lead == "of some" || lead == "of about"
        });
        let i = stated_before.or(after_of)?;
        let amount = match self.mentions[i].kind {
            MentionKind::Percent => Amount::Percent(i),
            MentionKind::Points => Amount::Points(i),
            MentionKind::Number | MentionKind::Money => Amount::Absolute(i),
            _ => return None,
        };
        let mut claim = self.new_claim(Role::Change, cue);
        claim.binding.frame = "change noun";
        let mut change = Change { direction, amount: Some(amount), from: None };
        // "a 9% rise in sales, to €740m, from €680m in 2023": the levels and the
        // period after the noun, read as a change verb's are.
        let after = after_of.map_or(cue.range.end, |i| self.local(i).end);
        for (j, lead) in self.leads(after..end) {
            let m = &self.mentions[j];
            if m.kind.is_temporal() {
                if claim.period.is_none() && !FROM_WORDS.contains(&lead.as_str()) && !lead.ends_with("to") {
                    claim.period = self.period(j, None);
                }
            } else if is_level_kind(m.kind) && lead.ends_with("to") && claim.level.is_none() {
                claim.level = Some(j);
            } else if is_level_kind(m.kind) && FROM_WORDS.contains(&lead.as_str()) && change.from.is_none() {
                change.from = Some(j);
            }
        }
        claim.change = Some(change);
        // The noun's "in"/"of" complement names what changed: "a rise in sales".
        if let Some(metric) = self.complement(after, end) {
            claim.metric = Some(metric);
            claim.confidence = Confidence::High;
            claim.binding.subject = SubjectRule::Complement;
        }
        Some(claim)
    }

    /// The noun phrase after "in" or "of" at `from` ("in the price of newsprint"),
    /// up to the next figure or break.
    fn complement(&self, from: usize, end: usize) -> Option<super::Metric> {
        let text = &self.text()[from..end];
        let rest = text.trim_start();
        let skip = text.len() - rest.len();
        let body = rest.strip_prefix("in ").or_else(|| rest.strip_prefix("of "))?;
        let body_start = from + skip + (rest.len() - body.len());
        let stop = self.mentions_in(body_start..end).next().map_or(end, |i| self.local(i).start);
        let phrase = &self.text()[body_start..stop];
        let phrase = &phrase[..phrase.find([',', ';', ':', '(']).unwrap_or(phrase.len())];
        // Up to the first preposition that is not "of": "sales to Europe" is sales.
        let mut cut = phrase.len();
        for w in super::grammar::words(phrase) {
            if w.text != "of" && self.grammar.class(w.text) == Some(super::grammar::Class::Preposition) {
                cut = w.range.start;
                break;
            }
        }
        let metric = super::metric::normalise(&phrase[..cut]);
        (!metric.words.is_empty() && metric.words.len() <= 5).then_some(metric)
    }

    /// "€48m, 60% higher than the €36m it made a year earlier".
    fn comparative_frame(&self, cue: &Cue, direction: Direction, end: usize) -> Option<Claim> {
        let text = self.text();
        let amount_index = self.mentions_in(0..cue.range.start).last()?;
        // A mention that reaches into the cue ("no more than 12" and the cue "more") is not before it.
        if text.get(self.local(amount_index).end..cue.range.start).is_none_or(|gap| gap.trim() != "") {
            return None;
        }
        let amount = match self.mentions[amount_index].kind {
            MentionKind::Percent => Amount::Percent(amount_index),
            _ => return None,
        };
        let from = self.mentions_in(cue.range.end..end).next().filter(|&i| {
            let lead = lead_words(&text[cue.range.end..self.local(i).start]);
            (lead.is_empty() || lead == "the" || lead == "a") && is_level_kind(self.mentions[i].kind)
        })?;
        let to = self
            .mentions_in(0..self.local(amount_index).start)
            .filter(|&i| is_level_kind(self.mentions[i].kind) && self.mentions[i].unit == self.mentions[from].unit)
            .last()?;
        let mut claim = self.new_claim(Role::Change, cue);
        claim.binding.frame = "comparative";
        claim.level = Some(to);
        claim.change = Some(Change { direction, amount: Some(amount), from: Some(from) });
        Some(claim)
    }

    fn new_claim(&self, role: Role, cue: &Cue) -> Claim {
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

    fn absolute(&self, range: Range<usize>) -> Range<usize> {
        self.sentence.start + range.start..self.sentence.start + range.end
    }

    /// The subject before a verb, from `floor` (the clause start, or the previous
    /// verb of the same clause): the noun phrase it names, or what an empty subject
    /// stands for in its clause.
    fn subject_text(&self, floor: usize, verb_start: usize) -> &str {
        use super::grammar::Class;
        let text = self.text();
        let mut start = clause_start(&text[floor..verb_start]) + floor;
        // "analysts expect sales to fall": the subject is what the reporting verb governs.
        if let Some(verb) = super::grammar::words(&text[start..verb_start])
            .filter(|w| self.grammar.class(w.text) == Some(Class::Reporting))
            .last()
        {
            start += verb.range.end;
        }
        // "helped by a 3% drop": the contributor phrase is no part of the subject.
        if let Some(len) = self.grammar.contributor_len(&text[start..verb_start]) {
            start += len;
        }
        // The word that opens a clause ("After hitting…", "as demand weakened",
        // "but imports fell") is no part of its subject.
        if let Some(first) = super::grammar::words(&text[start..verb_start]).next()
            && matches!(
                self.grammar.class(first.text),
                Some(Class::Subordinator | Class::Coordinator | Class::Relative)
            )
        {
            start += first.range.end;
        }
        // A figure or date before the verb ends the subject ("In 2022 exports rose"),
        // unless it stands in a phrase that qualifies the subject's noun ("trade
        // between the two countries rose").
        if let Some(last) = self
            .mentions_in(start..verb_start)
            .filter(|&i| !self.in_qualifier(&text[start..self.local(i).start]))
            .last()
        {
            start = start.max(self.local(last).end);
        }
        &text[start..verb_start]
    }

    /// A subject without a verb the lexicon does not know at its end ("shares
    /// closed" before "3% higher"): a noun phrase does not end in a participle.
    fn without_trailing_verb<'t>(&self, subject: &'t str) -> &'t str {
        let mut trimmed = subject.trim_end();
        // "expect it to reach": the infinitive's "to" is no part of the subject.
        if let Some(rest) = trimmed.strip_suffix(" to") {
            trimmed = rest;
        }
        // "By June it had fallen": a pronoun that ends the subject is the subject.
        if let Some(last) = super::grammar::words(trimmed).last()
            && last.range.start > 0
            && last.range.end == trimmed.len()
            && self.grammar.class(last.text) == Some(super::grammar::Class::Pronoun)
        {
            return &trimmed[last.range.start..];
        }
        let (mut before_last, mut last) = (None, None);
        for w in super::grammar::words(trimmed) {
            before_last = last.replace(w);
        }
        // A subject's last word in "-ing" is a verb only after an auxiliary ("sales
        // were falling"); otherwise it is a noun that names the metric ("research
        // spending", "mortgage lending").
        match last {
            Some(w)
                if w.range.end == trimmed.len()
                    && w.range.start > 0
                    && self.grammar.is_verb_form(w.text)
                    && (!w.text.ends_with("ing")
                        || before_last
                            .is_some_and(|b: super::grammar::Word<'_>| self.grammar.is_auxiliary(b.text))) =>
            {
                &trimmed[..w.range.start]
            }
            _ => subject,
        }
    }

    /// Whether a figure after `before` stands in a prepositional phrase that
    /// follows a noun: the last word of a class before it is a preposition, and a
    /// word that is not a preposition or determiner stands before that.
    fn in_qualifier(&self, before: &str) -> bool {
        let words: Vec<&str> = super::grammar::words(before).map(|w| w.text).collect();
        let mut k = words.len();
        let possessive = |w: &str| w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'");
        while k > 0
            && (self.grammar.class(words[k - 1]) == Some(super::grammar::Class::Determiner) || possessive(words[k - 1]))
        {
            k -= 1;
        }
        k >= 2
            && self.grammar.class(words[k - 1]) == Some(super::grammar::Class::Preposition)
            && words[..k - 1].iter().any(|w| self.grammar.class(w).is_none())
    }

    fn bind_metric(
        &self,
        claim: &mut Claim,
        floor: usize,
        cue: &Cue,
        clause: usize,
        earlier: &[Claim],
        previous: Option<&Claim>,
    ) {
        if claim.metric.is_some() {
            return;
        }
        let carried_here = earlier.iter().rev().find(|c| c.metric.is_some());
        let kind = self.clauses[clause].kind;
        // "Shares closed 3% higher": the subject stands before the amount.
        let mut verb_start = cue.range.start;
        if self.cues.is_adverb(&cue.text)
            && let Some(Amount::Percent(i) | Amount::Points(i) | Amount::Absolute(i)) =
                claim.change.as_ref().and_then(|c| c.amount.as_ref())
            && self.local(*i).end <= cue.range.start
        {
            verb_start = self.local(*i).start.max(floor);
        }
        let subject_words = self.without_trailing_verb(self.subject_text(floor, verb_start));
        // A noun phrase holds no auxiliary but the ones that end it before the cue
        // ("demand had held up"): "they had turned their heating (down)" is a
        // clause whose verb the lexicon does not know, not a metric.
        let words: Vec<super::grammar::Word<'_>> = super::grammar::words(subject_words).collect();
        let is_auxiliary = |w: &super::grammar::Word<'_>| self.grammar.is_auxiliary(w.text);
        let before_auxiliaries = words.iter().rposition(|w| !is_auxiliary(w)).map_or(0, |i| i + 1);
        let read = if words[..before_auxiliaries].iter().any(is_auxiliary) {
            Subject::Unknown
        } else {
            subject(subject_words)
        };
        let (metric, confidence, rule) = match read {
            // "…, while Sarnland's climbed 25%": a possessive alone names the entity
            // of the metric before, whose noun it leaves out.
            Subject::Phrase(metric) if metric.words.is_empty() => match carried_here.and_then(|c| c.metric.as_ref()) {
                Some(before) => (
                    Some(super::Metric { words: before.words.clone(), names: metric.names }),
                    Confidence::Medium,
                    SubjectRule::Elided,
                ),
                None => (None, Confidence::None, SubjectRule::None),
            },
            Subject::Phrase(metric) => (Some(metric), Confidence::High, SubjectRule::Stated),
            // "The brewer, which was founded in 1987, …": the relative clause's subject
            // is the noun before it, and so is that of the clause that resumes after it.
            Subject::Elided if kind == ClauseKind::Relative || self.resumes_after_relative(clause) => {
                match self.antecedent(clause) {
                    Some(metric) => (Some(metric), Confidence::High, SubjectRule::Antecedent),
                    None => (None, Confidence::None, SubjectRule::None),
                }
            }
            // "After hitting $1.8bn in 2022, sales fell…": a fronted clause with no
            // subject of its own has the main clause's.
            Subject::Elided if kind == ClauseKind::Subordinate && floor == self.clauses[clause].range.start => {
                match self.main_subject_after(clause) {
                    Some(metric) => (Some(metric), Confidence::High, SubjectRule::MainClause),
                    None => (None, Confidence::None, SubjectRule::None),
                }
            }
            Subject::Elided if floor > 0 => match carried_here {
                Some(c) => (c.metric.clone(), c.confidence, SubjectRule::Elided),
                None => (None, Confidence::None, SubjectRule::None),
            },
            Subject::Pronoun if floor == 0 || carried_here.is_none() || self.clauses[clause].range.start == floor => {
                match previous.filter(|_| carried_here.is_none() || floor == 0) {
                    Some(c) => (c.metric.clone(), Confidence::Medium.min(c.confidence), SubjectRule::Pronoun),
                    None => match carried_here {
                        Some(c) => (c.metric.clone(), Confidence::Medium.min(c.confidence), SubjectRule::Pronoun),
                        None => (None, Confidence::None, SubjectRule::None),
                    },
                }
            }
            _ => (None, Confidence::None, SubjectRule::None),
        };
        claim.metric = metric;
        claim.confidence = if claim.metric.is_some() { confidence } else { Confidence::None };
        claim.binding.subject = if claim.metric.is_some() { rule } else { SubjectRule::None };
    }

    /// Whether clause `ci` goes on with the clause before a relative clause.
    fn resumes_after_relative(&self, ci: usize) -> bool {
        ci >= 2 && self.clauses[ci - 1].kind == ClauseKind::Relative
    }

    /// The noun phrase a relative clause refers to: the end of the clause before it.
    fn antecedent(&self, ci: usize) -> Option<super::Metric> {
        let relative = if self.clauses[ci].kind == ClauseKind::Relative { ci } else { ci - 1 };
        let before = self.clauses.get(relative.checked_sub(1)?)?;
        let text = &self.text()[before.range.clone()];
        match subject(&text[clause_start(text)..]) {
            Subject::Phrase(metric) if !metric.words.is_empty() => Some(metric),
            _ => None,
        }
    }

    /// The subject of the first verb of the main clause after clause `ci`.
    fn main_subject_after(&self, ci: usize) -> Option<super::Metric> {
        let main = self.clauses[ci + 1..].iter().find(|c| c.kind == ClauseKind::Main)?;
        let verb = self.local_cues.iter().find(|c| main.range.contains(&c.range.start))?;
        match subject(self.subject_text(main.range.start, verb.range.start)) {
            Subject::Phrase(metric) if !metric.words.is_empty() => Some(metric),
            _ => None,
        }
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
/// amount after a level takes that level: "reached $45bn, up 12%".
fn lend_amounts(claims: &mut Vec<Claim>, mentions: &[Mention]) {
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
