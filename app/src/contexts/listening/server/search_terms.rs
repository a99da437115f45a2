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

#[cfg(test)]
mod tests {
    use super::search_terms;

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
    fn empty_text_has_no_terms() {
        assert!(search_terms(["", " -- !"]).is_empty());
    }
}
