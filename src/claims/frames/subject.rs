//! The subject of a frame: the noun phrase before its verb, cut at clause
//! words, figures, participles and reporting verbs, and, when the clause
//! states none, the metric it takes from an antecedent, the main clause, the
//! clause before or the sentence before.

use super::*;

impl SentenceReader<'_> {
    /// Whether a preposition follows the cue: "handled by", "sold in".
    pub(super) fn opens_qualifier(&self, cue: &Cue) -> bool {
        crate::claims::grammar::words(&self.text()[cue.range.end..])
            .next()
            .is_some_and(|w| self.grammar.class(w.text) == Some(crate::claims::grammar::Class::Preposition))
    }

    /// The subject before a verb, from `floor` (the clause start, or the previous
    /// verb of the same clause): the noun phrase it names, or what an empty subject
    /// stands for in its clause.
    pub(super) fn subject_text(&self, floor: usize, verb_start: usize) -> &str {
        use crate::claims::grammar::Class;
        let text = self.text();
        let mut start = clause_start(&text[floor..verb_start]) + floor;
        // "analysts expect sales to fall": the subject is what the reporting verb governs.
        if let Some(verb) = crate::claims::grammar::words(&text[start..verb_start])
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
        if let Some(first) = crate::claims::grammar::words(&text[start..verb_start]).next()
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
    pub(super) fn without_trailing_verb<'t>(&self, subject: &'t str) -> &'t str {
        let mut trimmed = subject.trim_end();
        // "expect it to reach": the infinitive's "to" is no part of the subject.
        if let Some(rest) = trimmed.strip_suffix(" to") {
            trimmed = rest;
        }
        // "By June it had fallen": a pronoun that ends the subject is the subject.
        if let Some(last) = crate::claims::grammar::words(trimmed).last()
            && last.range.start > 0
            && last.range.end == trimmed.len()
            && self.grammar.class(last.text) == Some(crate::claims::grammar::Class::Pronoun)
        {
            return &trimmed[last.range.start..];
        }
        let (mut before_last, mut last) = (None, None);
        for w in crate::claims::grammar::words(trimmed) {
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
                            .is_some_and(|b: crate::claims::grammar::Word<'_>| self.grammar.is_auxiliary(b.text))) =>
            {
                &trimmed[..w.range.start]
            }
            // The infinitive's "to", when there was one, stays cut.
            _ if trimmed.len() < subject.trim_end().len() => trimmed,
            _ => subject,
        }
    }

    /// Whether a figure after `before` stands in a prepositional phrase that
    /// follows a noun: the last word of a class before it is a preposition, and a
    /// word that is not a preposition or determiner stands before that.
    pub(super) fn in_qualifier(&self, before: &str) -> bool {
        let words: Vec<&str> = crate::claims::grammar::words(before).map(|w| w.text).collect();
        let mut k = words.len();
        let possessive = |w: &str| w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'");
        while k > 0
            && (self.grammar.class(words[k - 1]) == Some(crate::claims::grammar::Class::Determiner)
                || possessive(words[k - 1]))
        {
            k -= 1;
        }
        k >= 2
            && self.grammar.class(words[k - 1]) == Some(crate::claims::grammar::Class::Preposition)
            && words[..k - 1].iter().any(|w| self.grammar.class(w).is_none())
    }

    pub(super) fn bind_metric(
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
        let words: Vec<crate::claims::grammar::Word<'_>> = crate::claims::grammar::words(subject_words).collect();
        let is_auxiliary = |w: &crate::claims::grammar::Word<'_>| self.grammar.is_auxiliary(w.text);
        let before_auxiliaries = words.iter().rposition(|w| !is_auxiliary(w)).map_or(0, |i| i + 1);
        let read = if words[..before_auxiliaries].iter().any(is_auxiliary) {
            Subject::Unknown
        } else if self.grammar.is_pronoun(subject_words) {
            // "Analysts expect them to rise": the lexicon's pronouns, objects too.
            Subject::Pronoun
        } else {
            subject(subject_words)
        };
        let (metric, confidence, rule) = match read {
            // "…, while Sarnland's climbed 25%": a possessive alone names the entity
            // of the metric before, whose noun it leaves out.
            Subject::Phrase(metric) if metric.words.is_empty() => match carried_here.and_then(|c| c.metric.as_ref()) {
                Some(before) => (
                    Some(crate::claims::Metric { words: before.words.clone(), names: metric.names }),
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
    pub(super) fn resumes_after_relative(&self, ci: usize) -> bool {
        ci >= 2 && self.clauses[ci - 1].kind == ClauseKind::Relative
    }

    /// The noun phrase a relative clause refers to: the end of the clause before it.
    pub(super) fn antecedent(&self, ci: usize) -> Option<crate::claims::Metric> {
        let relative = if self.clauses[ci].kind == ClauseKind::Relative { ci } else { ci - 1 };
        let before = self.clauses.get(relative.checked_sub(1)?)?;
        let text = &self.text()[before.range.clone()];
        match subject(&text[clause_start(text)..]) {
            Subject::Phrase(metric) if !metric.words.is_empty() => Some(metric),
            _ => None,
        }
    }

    /// The subject of the first verb of the main clause after clause `ci`.
    pub(super) fn main_subject_after(&self, ci: usize) -> Option<crate::claims::Metric> {
        let main = self.clauses[ci + 1..].iter().find(|c| c.kind == ClauseKind::Main)?;
        let verb = self.local_cues.iter().find(|c| main.range.contains(&c.range.start))?;
        match subject(self.subject_text(main.range.start, verb.range.start)) {
            Subject::Phrase(metric) if !metric.words.is_empty() => Some(metric),
            _ => None,
        }
    }
}
