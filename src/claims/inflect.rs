//! Inflections of English verbs, derived from their lemma.
//!
//! The lexicon lists change and level verbs by lemma ("climb", "edge up",
//! "nosedive"); this module derives the forms prose uses ("climbs", "climbed",
//! "climbing"), so that adding a verb is adding one word. Irregular verbs are
//! lexicon data too (`irregular_verbs: {rise: [rose, risen]}`): their listed forms
//! are added to the regular ones, which covers "rises" and "rising" as well; a
//! verb with more than two listed forms ("be: [is, are, was, were, been]") is
//! listed whole, and only its "-ing" form is derived. A phrase inflects its first
//! word: "edge up" gives "edged up".

use foldhash::HashMap;

/// Every form of `lemma`: itself, its third person singular, past, participle
/// and present participle, plus the irregular forms listed for it.
pub fn forms(lemma: &str, irregular: &HashMap<String, Vec<String>>) -> Vec<String> {
    let lemma = lemma.trim();
    let (verb, rest) = match lemma.find(' ') {
        Some(i) => (&lemma[..i], &lemma[i..]),
        None => (lemma, ""),
    };
    let mut out = vec![lemma.to_string()];
    if verb.is_empty() || !verb.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
        return out;
    }
    let lower = verb.to_ascii_lowercase();
    let mut push = |form: String| {
        let phrase = format!("{form}{rest}");
        if !out.contains(&phrase) {
            out.push(phrase);
        }
    };
    let listed = irregular.get(&lower).map_or(&[][..], Vec::as_slice);
    if listed.len() <= 2 {
        push(third_person(&lower));
    }
    push(present_participle(&lower));
    if listed.is_empty() {
        push(past(&lower));
    }
    listed.iter().for_each(|f| push(f.clone()));
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a one-syllable verb ends consonant–vowel–consonant ("drop", "dip"),
/// which doubles its last letter before "-ed" and "-ing". Longer verbs are
/// stressed too variously ("plummet", "rocket") to tell; they do not double.
fn doubles(verb: &str) -> bool {
    let b = verb.as_bytes();
    let vowel_groups = b.windows(2).filter(|w| !is_vowel(w[0]) && is_vowel(w[1])).count()
        + usize::from(b.first().copied().is_some_and(is_vowel));
    if b.len() < 3 || vowel_groups != 1 {
        return false;
    }
    let (x, y, z) = (b[b.len() - 3], b[b.len() - 2], b[b.len() - 1]);
    !is_vowel(x) && is_vowel(y) && !is_vowel(z) && !matches!(z, b'w' | b'x' | b'y')
}

fn third_person(verb: &str) -> String {
    let b = verb.as_bytes();
    let after_consonant = |end: u8| b.len() > 1 && b[b.len() - 1] == end && !is_vowel(b[b.len() - 2]);
    if verb.ends_with(['s', 'x', 'z']) || verb.ends_with("ch") || verb.ends_with("sh") || after_consonant(b'o') {
        format!("{verb}es")
    } else if after_consonant(b'y') {
        format!("{}ies", &verb[..verb.len() - 1])
    } else {
        format!("{verb}s")
    }
}

fn past(verb: &str) -> String {
    let b = verb.as_bytes();
    if verb.ends_with('e') {
        format!("{verb}d")
    } else if b.len() > 1 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2]) {
        format!("{}ied", &verb[..verb.len() - 1])
    } else if doubles(verb) {
        format!("{verb}{}ed", &verb[verb.len() - 1..])
    } else {
        format!("{verb}ed")
    }
}

fn present_participle(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ie") {
        format!("{stem}ying")
    } else if verb.ends_with('e') && !verb.ends_with("ee") && verb.len() > 2 {
        format!("{}ing", &verb[..verb.len() - 1])
    } else if doubles(verb) {
        format!("{verb}{}ing", &verb[verb.len() - 1..])
    } else {
        format!("{verb}ing")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use foldhash::HashMapExt;

    fn regular(lemma: &str) -> Vec<String> {
        forms(lemma, &HashMap::new())
    }

    #[test]
    fn regular_verbs_take_every_form() {
        assert_eq!(regular("climb"), ["climb", "climbs", "climbing", "climbed"]);
        assert_eq!(regular("nosedive"), ["nosedive", "nosedives", "nosediving", "nosedived"]);
        assert_eq!(regular("dip"), ["dip", "dips", "dipping", "dipped"]);
        assert_eq!(regular("plummet"), ["plummet", "plummets", "plummeting", "plummeted"]);
        assert_eq!(regular("ease"), ["ease", "eases", "easing", "eased"]);
        assert_eq!(regular("rally"), ["rally", "rallies", "rallying", "rallied"]);
        assert_eq!(regular("surge"), ["surge", "surges", "surging", "surged"]);
    }

    #[test]
    fn doubling_keeps_to_one_syllable_and_spares_w_x_y() {
        assert_eq!(regular("slip")[3], "slipped");
        assert_eq!(regular("balloon")[3], "ballooned");
        assert_eq!(regular("jump")[3], "jumped");
        assert_eq!(regular("gain")[3], "gained");
        assert_eq!(regular("sag")[2], "sagging");
        assert_eq!(regular("slow")[3], "slowed");
        assert_eq!(regular("relax")[1], "relaxes");
    }

    #[test]
    fn phrases_inflect_their_first_word() {
        assert_eq!(regular("edge up"), ["edge up", "edges up", "edging up", "edged up"]);
        assert_eq!(regular("tick down")[3], "ticked down");
    }

    #[test]
    fn irregular_forms_come_from_the_table() {
        let mut table = HashMap::new();
        table.insert("rise".to_string(), vec!["rose".to_string(), "risen".to_string()]);
        table.insert("go".to_string(), vec!["went".to_string(), "gone".to_string()]);
        table.insert("be".to_string(), ["is", "are", "was", "were", "been"].map(String::from).to_vec());
        assert_eq!(forms("rise", &table), ["rise", "rises", "rising", "rose", "risen"]);
        assert_eq!(forms("go up", &table), ["go up", "goes up", "going up", "went up", "gone up"]);
        // A verb listed whole takes no regular third person or past.
        assert_eq!(forms("be", &table), ["be", "being", "is", "are", "was", "were", "been"]);
    }

    #[test]
    fn words_that_are_not_plain_letters_stay_as_written() {
        assert_eq!(regular("£"), ["£"]);
        assert_eq!(regular("3-fold"), ["3-fold"]);
    }
}
