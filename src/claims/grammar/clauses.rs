//! Cutting a sentence into clauses: main, subordinate, relative, reporting,
//! coordinated, contributor and quoted, from the word classes of the grammar.

use std::ops::Range;

use super::{Class, Clause, ClauseKind, Grammar, Word, lower_key, words};

impl Grammar {
    /// The clauses of a sentence. `figures` are the sentence-relative ranges of
    /// its figures, which are words of no class; `cues` the ranges of its change
    /// and level words, which are verbs.
    pub fn clauses(&self, text: &str, cues: &[Range<usize>], figures: &[Range<usize>]) -> Vec<Clause> {
        let mut b = Builder { clauses: Vec::new(), kind: ClauseKind::Main, start: 0 };
        let is_cue = |r: &Range<usize>| cues.iter().any(|c| c.start <= r.start && r.start < c.end);
        let is_figure = |r: &Range<usize>| figures.iter().any(|f| f.start <= r.start && r.start < f.end);
        // Where the clause before the current one began, to return to after a
        // clause that ends at a comma ("Sales, which rose in 2022, reached…").
        let mut outer = ClauseKind::Main;
        // About one word in six bytes of prose: sized once rather than grown.
        let mut all: Vec<Word<'_>> = Vec::with_capacity(text.len() / 6 + 4);
        all.extend(words(text));
        let mut in_quote = false;
        let mut i = 0;
        while i < all.len() {
            let w = &all[i];
            let before = &text[all.get(i.wrapping_sub(1)).map_or(0, |p| p.range.end)..w.range.start];
            // A comma inside a figure ("41,200") is no break: one is followed by a space.
            let comma = before.contains(',') && before.ends_with(char::is_whitespace);
            let after_break = i == 0
                || comma
                || before.contains([';', '—', '–', '('])
                || before.contains(':') && before.contains(": ");
            // Quotation marks open and close a clause of their own.
            if before.contains(['"', '“', '”']) {
                let quote_at =
                    all.get(i.wrapping_sub(1)).map_or(0, |p| p.range.end) + before.find(['"', '“', '”']).unwrap_or(0);
                if in_quote {
                    b.open(quote_at, ClauseKind::Main);
                } else {
                    outer = b.kind;
                    b.open(quote_at, ClauseKind::Quoted);
                }
                in_quote = !in_quote;
            } else if after_break
                && i > 0
                && (b.kind == ClauseKind::Relative || b.kind == ClauseKind::Subordinate && b.start == 0)
            {
                // A relative clause, and a subordinate clause that opens the sentence,
                // end at the next break; a trailing subordinate clause runs on
                // ("…, while thefts fell by a third, from 930 to 620").
                let back = if b.kind == ClauseKind::Subordinate { ClauseKind::Main } else { outer };
                b.open(w.range.start, back);
            }
            if in_quote {
                i += 1;
                continue;
            }
            let rest = &text[w.range.start..];
            let key = lower_key(w.text);
            if let Some((_, len)) = self.contributors.find_from(&key, rest) {
                b.open(w.range.start, ClauseKind::Contributor);
                i = skip_to(&all, w.range.start + len);
                continue;
            }
            let (class, len) = match self.phrases.find_from(&key, rest) {
                Some((class, len)) => (Some(*class), len),
                None => (self.words.get(&*key).copied(), w.text.len()),
            };
            let next_verb = |from: usize| {
                all[from..]
                    .iter()
                    .take_while(|n| !text[w.range.end..n.range.start].contains([',', ';', ':']))
                    .take(6)
                    .any(|n| is_cue(&n.range) || self.verb_like(n.text))
            };
            match class {
                // Mid-clause, a subordinator opens a clause only once its clause has its
                // verb: "profit after tax rose" is one clause, "fell as demand weakened" two.
                Some(Class::Subordinator)
                    if next_verb(i + 1)
                        && b.kind != ClauseKind::Contributor
                        && (after_break
                            || all[..i]
                                .iter()
                                .any(|p| p.range.start >= b.start && (is_cue(&p.range) || self.verb_like(p.text)))) =>
                {
                    outer = if b.kind == ClauseKind::Coordinated { ClauseKind::Coordinated } else { ClauseKind::Main };
                    b.open(w.range.start, ClauseKind::Subordinate);
                }
                Some(Class::Relative) if i > 0 => {
                    outer = b.kind;
                    b.open(w.range.start, ClauseKind::Relative);
                }
                Some(Class::Coordinator) if after_break && next_verb(i + 1) => {
                    b.open(w.range.start, ClauseKind::Coordinated);
                }
                Some(Class::Coordinator) if after_break && i > 0 => {
                    // ", and 12% in 2022 to $45 billion": no verb of its own, so it
                    // goes on with the verb before.
                    b.open(w.range.start, ClauseKind::Coordinated);
                }
                // "…climbed 8% to 41m barrels in 2023 and refined products 3% to 12m",
                // "reached 71% in 2019 but only 59% in 2023": a coordinator after the
                // clause's verb and figures, before a figure and no verb, gaps the verb.
                Some(Class::Coordinator)
                    if i > 0
                        && all[..i].iter().any(|p| p.range.start >= b.start && is_cue(&p.range))
                        && all[..i].iter().any(|p| p.range.start >= b.start && is_figure(&p.range))
                        && all[i + 1..]
                            .iter()
                            .take_while(|n| {
                                !is_cue(&n.range)
                                    && !matches!(self.class(n.text), Some(Class::Auxiliary | Class::Reporting))
                            })
                            .take(5)
                            .any(|n| is_figure(&n.range)) =>
                {
                    b.open(w.range.start, ClauseKind::Coordinated);
                }
                Some(Class::Reporting) if len > w.text.len() => {
                    // "according to the ministry": to the next break.
                    b.open(w.range.start, ClauseKind::Reporting);
                }
                Some(Class::Reporting) => {
                    // "she said (on Tuesday) (that) …": the teller, the verb, and the
                    // words up to "that" or to the reported clause's subject report it.
                    let teller = reporting_start(self, &all, i, text);
                    let (teller_start, teller_index) = teller.unwrap_or((w.range.start, i));
                    if teller.is_some() || after_break {
                        if teller_start >= b.start {
                            b.open(teller_start.max(b.start), ClauseKind::Reporting);
                        }
                        let _ = teller_index;
                        // What is reported starts after "that", or after the verb and
                        // any time phrase, at the next word that is not a preposition's.
                        let mut j = i + 1;
                        while j < all.len() && matches!(self.class(all[j].text), Some(Class::Preposition)) {
                            j += 2;
                        }
                        if j < all.len() && self.class(all[j].text) == Some(Class::Relative)
                            || all.get(j).is_some_and(|n| n.text.eq_ignore_ascii_case("that"))
                        {
                            j += 1;
                        }
                        if let Some(n) = all.get(j) {
                            if !text[w.range.end..n.range.start].contains([',', ';']) {
                                b.open(n.range.start, ClauseKind::Main);
                            }
                            i = j;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            i = skip_to(&all, w.range.start + len.max(1));
        }
        b.open(text.len(), ClauseKind::Main);
        b.clauses
    }
}

/// Clauses as they are cut: the finished ones, and the kind and start of the open one.
struct Builder {
    clauses: Vec<Clause>,
    kind: ClauseKind,
    start: usize,
}

impl Builder {
    /// Ends the open clause at `at` (when it holds anything) and opens one of kind `next`.
    fn open(&mut self, at: usize, next: ClauseKind) {
        if at > self.start {
            self.clauses.push(Clause { kind: self.kind, range: self.start..at });
        }
        self.kind = next;
        self.start = at;
    }
}

/// Where the teller of a reporting verb starts: the pronoun or speaker word (and
/// its determiner) just before the verb, as in "she said", "officials said", "the
/// minister told reporters".
fn reporting_start(grammar: &Grammar, all: &[Word<'_>], verb: usize, text: &str) -> Option<(usize, usize)> {
    let prev = verb.checked_sub(1)?;
    let p = &all[prev];
    if text[p.range.end..all[verb].range.start].contains([',', ';', '"', '“', '”']) {
        return None;
    }
    let capitalised_name = p.text.chars().next().is_some_and(char::is_uppercase) && prev > 0;
    if grammar.class(p.text) == Some(Class::Speaker) || capitalised_name {
        let mut first = prev;
        while first > 0
            && matches!(grammar.class(all[first - 1].text), Some(Class::Determiner))
            && !text[all[first - 1].range.end..all[first].range.start].contains(',')
        {
            first -= 1;
        }
        return Some((all[first].range.start, first));
    }
    None
}

/// The index of the first word that starts at or after `at`.
fn skip_to(all: &[Word<'_>], at: usize) -> usize {
    all.partition_point(|w| w.range.start < at)
}
