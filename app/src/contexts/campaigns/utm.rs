//! Tagging a post's links, pure: the campaign's UTM parameters per platform, the
//! web links of a text and each link with the parameters set. The publish job
//! and the composer's preview both run it (it compiles for the browser too), so
//! the address a person sees before posting is the one that goes out.

use super::types::Utm;

/// A name as `utm_campaign` carries it: "Holiday Blend 2026" → "holiday-blend-2026".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The parameters a link gets on `platform` (its `as_str`): the campaign's, with
/// the platform as the source and `social` as the medium unless it names them.
pub fn utm_for(utm: &Utm, campaign_name: &str, platform: &str) -> Vec<(&'static str, String)> {
    let or = |value: &str, default: String| {
        if value.trim().is_empty() { default } else { value.trim().to_owned() }
    };
    let mut params = vec![
        ("utm_source", or(&utm.source, platform.to_owned())),
        ("utm_medium", or(&utm.medium, "social".to_owned())),
        ("utm_campaign", or(&utm.campaign, slug(campaign_name))),
    ];
    if !utm.term.trim().is_empty() {
        params.push(("utm_term", utm.term.trim().to_owned()));
    }
    if !utm.content.trim().is_empty() {
        params.push(("utm_content", utm.content.trim().to_owned()));
    }
    params
}

/// Whether `link` is a web address (`http` or `https`, any case).
fn is_web(link: &str) -> bool {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `link` with `params` set: its query's `utm_*` pairs replaced, its other pairs
/// (re-encoded as `application/x-www-form-urlencoded`) and fragment kept. Only
/// web links are tagged; anything else comes back as it is.
pub fn tag_url(link: &str, params: &[(&'static str, String)]) -> String {
    if !is_web(link) {
        return link.to_owned();
    }
    let (before_fragment, fragment) = match link.split_once('#') {
        Some((head, fragment)) => (head, Some(fragment)),
        None => (link, None),
    };
    let (base, query) = before_fragment.split_once('?').unwrap_or((before_fragment, ""));
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if !key.starts_with("utm_") {
            serializer.append_pair(&key, &value);
        }
    }
    for (key, value) in params {
        serializer.append_pair(key, value);
    }
    let mut out = format!("{base}?{}", serializer.finish());
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// The web links in `text` (http and https), as byte ranges.
pub fn links_in(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    finder.links(text).filter(|l| is_web(l.as_str())).map(|l| l.start()..l.end()).collect()
}

/// `text` with each web link replaced by `replace(link)`.
pub fn rewrite_links(text: &str, mut replace: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in links_in(text) {
        out.push_str(&text[at..range.start]);
        out.push_str(&replace(&text[range.clone()]));
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_get_the_campaigns_parameters_with_the_platform_as_source() {
        let utm = Utm { term: "beans".into(), ..Utm::default() };
        let params = utm_for(&utm, "Holiday Blend 2026!", "instagram");
        assert_eq!(
            tag_url("https://northwind.example/shop?ref=x&utm_source=old#top", &params),
            "https://northwind.example/shop?ref=x&utm_source=instagram&utm_medium=social&utm_campaign=holiday-blend-2026&utm_term=beans#top"
        );
        let named = Utm { source: "newsletter".into(), medium: "email".into(), ..Utm::default() };
        let params = utm_for(&named, "Spring", "facebook");
        assert_eq!(params[0], ("utm_source", "newsletter".to_owned()));
        assert_eq!(params[1], ("utm_medium", "email".to_owned()));
        assert_eq!(tag_url("mailto:hi@example.com", &params), "mailto:hi@example.com");
    }

    #[test]
    fn every_web_link_in_a_text_is_rewritten_and_nothing_else() {
        let text = "New blend: https://northwind.example/blend. Also http://x.example/a?b=1 and hi@example.com";
        let out = rewrite_links(text, |l| format!("<{l}>"));
        assert_eq!(
            out,
            "New blend: <https://northwind.example/blend>. Also <http://x.example/a?b=1> and hi@example.com"
        );
        assert_eq!(rewrite_links("no links here", |_| "x".into()), "no links here");
    }

    #[test]
    fn a_link_without_a_query_gets_one_and_odd_characters_are_encoded() {
        let params = utm_for(&Utm { content: "a b&c".into(), ..Utm::default() }, "Spring", "x");
        assert_eq!(
            tag_url("HTTPS://northwind.example/menu", &params),
            "HTTPS://northwind.example/menu?utm_source=x&utm_medium=social&utm_campaign=spring&utm_content=a+b%26c"
        );
        assert_eq!(slug("  Holiday -- Blend "), "holiday-blend");
    }
}
