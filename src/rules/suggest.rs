//! "Did you mean": turns serde's list of expected names into the one the author
//! most likely meant.

/// Rewrites "unknown field `mesage`, expected one of `id`, `message`, …" (and the
/// same for variants) as "unknown field `mesage`, did you mean `message`?" when one
/// expected name is close; otherwise leaves the message as it is.
pub fn did_you_mean(message: &str) -> String {
    let Some((head, expected)) = message.split_once(", expected ") else { return message.to_string() };
    let Some(unknown) = backticked(head).next() else { return message.to_string() };
    match closest(unknown, backticked(expected)) {
        Some(name) => format!("{head}, did you mean `{name}`?"),
        None => message.to_string(),
    }
}

/// The candidate nearest to `word`, if near enough to be a slip of the keyboard.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Jaro-Winkler weighs a shared beginning, which is how names are mistyped or
    // shortened ("warn" for "warning", "mesage" for "message").
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|&(similarity, _)| similarity >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Every `name` between backticks in `text`.
fn backticked(text: &str) -> impl Iterator<Item = &str> {
    text.split('`').skip(1).step_by(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_close_name_is_suggested() {
        let serde = "unknown field `mesage`, expected one of `id`, `kind`, `message`, `help`";
        assert_eq!(did_you_mean(serde), "unknown field `mesage`, did you mean `message`?");
        let variant = "severity: unknown variant `warn`, expected one of `info`, `warning`, `error`";
        assert_eq!(did_you_mean(variant), "severity: unknown variant `warn`, did you mean `warning`?");
    }

    #[test]
    fn a_far_name_keeps_the_list() {
        let serde = "unknown field `colour`, expected one of `id`, `kind`";
        assert_eq!(did_you_mean(serde), serde);
        assert_eq!(did_you_mean("missing field `id`"), "missing field `id`");
    }
}
