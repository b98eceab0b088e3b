//! L2 — "did you mean": the accepted name closest to a misspelt one (case-insensitive edit
//! distance), for the desired-state document's schema errors.

/// The accepted name closest to `name`, when it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, accepted: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    let (distance, best) = accepted
        .iter()
        .map(|candidate| {
            (
                edit_distance(&lower, &candidate.to_ascii_lowercase()),
                *candidate,
            )
        })
        .min_by_key(|(distance, _)| *distance)?;
    let limit = (name.chars().count() / 3).max(2);
    (distance <= limit).then_some(best)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let best = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
            current.push(best);
        }
        previous = current;
    }
    previous[b.len()]
}

/// `unknown field 'X' in WHERE; did you mean 'Y'? Accepted: A, B, C`.
pub fn unknown_field(field: &str, place: &str, accepted: &[&str]) -> String {
    let hint = closest(field, accepted)
        .map(|best| format!(" Did you mean '{best}'?"))
        .unwrap_or_default();
    format!(
        "unknown field '{field}' in {place}.{hint} Accepted: {}.",
        accepted.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_field() {
        let accepted = ["RequireTls", "SenderDomains", "Comment"];
        assert_eq!(closest("RequireTLs", &accepted), Some("RequireTls"));
        assert_eq!(closest("SenderDomain", &accepted), Some("SenderDomains"));
        assert_eq!(closest("Bogus", &accepted), None);
        let message = unknown_field("RequireTsl", "InboundConnectors[0]", &accepted);
        assert!(message.contains("Did you mean 'RequireTls'?"), "{message}");
        assert!(message.contains("Accepted: RequireTls, SenderDomains, Comment."));
    }
}
