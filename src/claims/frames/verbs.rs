//! The frames a cue opens: a change verb with its amount and levels, a level
//! verb, a change noun, a comparative, an object that names the metric, and
//! levels stated with "of" ("revenue of $4bn") or compared ("60% higher than €36m").

use super::*;

impl SentenceReader<'_> {
    /// "was $54m in 2023, compared with $61m in 2022": a level followed in its
    /// clause by a figure a comparing word leads is a change from that figure,
    /// of no stated size.
    pub(super) fn comparisons(&self, claims: &mut [Claim]) {
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
    pub(super) fn of_levels(&self, claims: &mut Vec<Claim>, context: Option<Period>, sentence_period: Option<Period>) {
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
            if let Some(first) = crate::claims::grammar::words(phrase).next()
                && self.grammar.class(first.text) == Some(crate::claims::grammar::Class::Coordinator)
            {
                phrase = &phrase[first.range.end..];
            }
            let words: Vec<&str> = crate::claims::grammar::words(phrase).map(|w| w.text).collect();
            let Some(head) = words.last() else { continue };
            // A plain noun phrase only: "built at a cost of $900m" and "the collapse
            // of a block of 120 flats" put the figure in a qualifier, not a level.
            let qualifier_or_verb = words.iter().any(|w| {
                *w != "of" && self.grammar.class(w) == Some(crate::claims::grammar::Class::Preposition)
                    || self.grammar.is_verb_form(w)
            });
            if qualifier_or_verb
                || self.grammar.class(head).is_some()
                || self.grammar.is_level_noun(head)
                || self.grammar.is_verb_form(head)
            {
                continue;
            }
            let metric = crate::claims::metric::normalise(phrase);
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

    /// "handled 4.2 million passengers", "reported sales of $4bn": the object
    /// names the metric, as its counted noun or as the noun phrase before "of".
    pub(super) fn bind_object(&self, claim: &mut Claim, cue: &Cue) {
        let text = self.text();
        let of_phrase = claim.level.and_then(|l| {
            let between = &text[cue.range.end..self.local(l).start];
            let phrase = between.trim_end().strip_suffix(" of")?;
            let metric = crate::claims::metric::normalise(phrase);
            (!metric.words.is_empty() && metric.words.len() <= 4).then_some(metric)
        });
        // A counted noun names the metric ("4.2 million passengers"); a unit of
        // measure ("3.4 million tonnes") does not say of what.
        let noun = claim
            .level
            .filter(|&l| self.mentions[l].kind == MentionKind::Number)
            .and_then(|l| self.mentions[l].unit.as_deref())
            .filter(|u| !self.grammar.is_measure_unit(u));
        claim.metric = of_phrase.or_else(|| noun.map(crate::claims::metric::normalise).filter(|m| !m.words.is_empty()));
        claim.confidence = if claim.metric.is_some() { Confidence::High } else { Confidence::None };
        claim.binding.subject = if claim.metric.is_some() { SubjectRule::Object } else { SubjectRule::None };
    }

    /// A change verb's frame over `region`: the amount, the level reached, the
    /// level before and the period, each told by the words that lead to it.
    pub(super) fn verb_frame(
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
    pub(super) fn fraction_amount(&self, region: Range<usize>, direction: Direction) -> Option<Amount> {
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

    pub(super) fn level_frame(&self, cue: &Cue, end: usize, context: Option<Period>) -> Option<Claim> {
        self.level_frame_over(cue, cue.range.end..end, context)
    }

    /// A level verb's frame over `region`: the first figure with nothing but a
    /// level noun between ("reached a record $61bn"), and the time after it.
    pub(super) fn level_frame_over(&self, cue: &Cue, region: Range<usize>, context: Option<Period>) -> Option<Claim> {
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
    pub(super) fn noun_frame(&self, cue: &Cue, direction: Direction, end: usize) -> Option<Claim> {
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
    pub(super) fn complement(&self, from: usize, end: usize) -> Option<crate::claims::Metric> {
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
        for w in crate::claims::grammar::words(phrase) {
            if w.text != "of" && self.grammar.class(w.text) == Some(crate::claims::grammar::Class::Preposition) {
                cut = w.range.start;
                break;
            }
        }
        let metric = crate::claims::metric::normalise(&phrase[..cut]);
        (!metric.words.is_empty() && metric.words.len() <= 5).then_some(metric)
    }

    /// "€48m, 60% higher than the €36m it made a year earlier".
    pub(super) fn comparative_frame(&self, cue: &Cue, direction: Direction, end: usize) -> Option<Claim> {
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
}
