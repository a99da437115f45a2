//! Keyword terms for mention search: the portable replacement for a `$text` index.
//!
//! A text becomes its set of terms: Unicode-normalized (NFKD, accents dropped),
//! lower-cased, split on anything that is not a letter or digit, stop words and
//! one-letter words dropped, then stemmed with the Snowball English stemmer, so
//! "Roasting", "roasted" and "roasts" all become `roast`. The same function runs
//! on the stored text and on the query, so they meet.

use std::collections::BTreeSet;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "i",
    "in", "is", "it", "its", "of", "on", "or", "our", "so", "that", "the", "their", "this", "to",
    "was", "we", "were", "will", "with", "you", "your",
];

/// The distinct search terms of `texts`, sorted.
pub fn search_terms<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut terms = BTreeSet::new();
    for text in texts {
        let folded: String = text.nfkd().filter(|c| !is_combining_mark(*c)).collect();
        for word in folded.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() < 2 || STOP_WORDS.contains(&word) {
                continue;
            }
            terms.insert(stemmer.stem(word).into_owned());
        }
    }
    terms.into_iter().collect()
}

/// `text` in runs, those whose words are among the search terms of `query`
/// marked `true` (the same folding and stemming, so "Roasted" is marked for
/// "roasting"). Without searchable words, the whole text unmarked.
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    let wanted = search_terms([query]);
    if wanted.is_empty() {
        return vec![(text.to_owned(), false)];
    }
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut push = |piece: &str, hit: bool| match runs.last_mut() {
        Some(last) if last.1 == hit => last.0.push_str(piece),
        _ => runs.push((piece.to_owned(), hit)),
    };
    let mut rest = text;
    while !rest.is_empty() {
        let word_len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        if word_len == 0 {
            let gap = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
            push(&rest[..gap], false);
            rest = &rest[gap..];
            continue;
        }
        let word = &rest[..word_len];
        let hit = search_terms([word]).first().is_some_and(|t| wanted.contains(t));
        push(word, hit);
        rest = &rest[word_len..];
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::{highlight, search_terms};

    #[test]
    fn stems_and_lowercases_so_word_forms_meet() {
        assert_eq!(search_terms(["Roasting"]), search_terms(["roasted"]));
        assert_eq!(search_terms(["ROASTS"]), vec!["roast".to_owned()]);
    }

    #[test]
    fn drops_accents_stop_words_and_punctuation() {
        assert_eq!(
            search_terms(["The café's new espresso!"]),
            vec!["cafe".to_owned(), "espresso".to_owned(), "new".to_owned()]
        );
    }

    #[test]
    fn combines_fields_without_duplicates() {
        let terms = search_terms(["Loving the cold brew", "brewing, brews"]);
        assert_eq!(terms, vec!["brew".to_owned(), "cold".to_owned(), "love".to_owned()]);
    }

    #[test]
    fn highlights_the_searched_words_in_any_form() {
        let runs = highlight("Roasted beans, the BEST roast!", "roasting best");
        assert_eq!(
            runs,
            vec![
                ("Roasted".to_owned(), true),
                (" beans, the ".to_owned(), false),
                ("BEST".to_owned(), true),
                (" ".to_owned(), false),
                ("roast".to_owned(), true),
                ("!".to_owned(), false),
            ]
        );
        assert_eq!(highlight("Plain text", "the"), vec![("Plain text".to_owned(), false)]);
        let text = "Café crème, #coldbrew";
        let joined: String = highlight(text, "cafe").into_iter().map(|(t, _)| t).collect();
        assert_eq!(joined, text, "nothing lost");
    }

    #[test]
    fn empty_text_has_no_terms() {
        assert!(search_terms(["", " -- !"]).is_empty());
    }
}
