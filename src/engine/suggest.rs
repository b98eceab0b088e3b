//! L3 — "did you mean …?": the closest known name to a mistyped one.

/// The candidate closest to `name` by edit distance (case-insensitive), when close enough to
/// be a plausible typo; a candidate that starts with `name` wins over distance.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let wanted = name.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let lower = candidate.to_lowercase();
        let distance = if lower.starts_with(&wanted) && !wanted.is_empty() {
            0
        } else {
            edit_distance(&wanted, &lower)
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    let limit = (wanted.chars().count() / 3).max(2);
    best.filter(|(d, _)| *d <= limit)
        .map(|(_, c)| c.to_string())
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current[j + 1] = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let names = ["InputObject", "NoEnumerate"];
        assert_eq!(
            closest("InputObjet", names.into_iter()),
            Some("InputObject".into())
        );
        assert_eq!(closest("Zzzzzzz", names.into_iter()), None);
        assert_eq!(
            closest("write-outptu", ["Write-Output", "Write-Host"].into_iter()),
            Some("Write-Output".into())
        );
    }
}
