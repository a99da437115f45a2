//! The `Link` response header (RFC 8288 §3), which platforms use for "next page":
//! `<URI>; rel="next", <URI>; rel="previous"`. A URI sits inside `<…>` and may
//! hold commas; a parameter's value is a token or a quoted string, which may hold
//! commas and semicolons too, so the header is read character by character, never
//! split on commas.

/// The target of the first link whose `rel` (case-insensitive, one of its
/// space-separated relation types) is `rel`.
pub fn target(header: &str, rel: &str) -> Option<String> {
    links(header).into_iter().find_map(|(uri, params)| {
        params
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("rel"))
            .any(|(_, value)| value.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case(rel)))
            .then_some(uri)
    })
}

/// Every link of the header: its URI and its parameters (name, unquoted value).
/// A malformed tail ends the list; what came before it is kept.
pub fn links(header: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut chars = header.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        if chars.next() != Some('<') {
            return out;
        }
        let uri: String = chars.by_ref().take_while(|c| *c != '>').collect();
        let mut params = Vec::new();
        loop {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            if chars.next_if_eq(&';').is_none() {
                break;
            }
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let mut name = String::new();
            while let Some(c) =
                chars.next_if(|c| !matches!(c, '=' | ';' | ',') && !c.is_whitespace())
            {
                name.push(c);
            }
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let mut value = String::new();
            if chars.next_if_eq(&'=').is_some() {
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
                if chars.next_if_eq(&'"').is_some() {
                    while let Some(c) = chars.next() {
                        match c {
                            '"' => break,
                            '\\' => value.extend(chars.next()),
                            c => value.push(c),
                        }
                    }
                } else {
                    while let Some(c) =
                        chars.next_if(|c| !matches!(c, ';' | ',') && !c.is_whitespace())
                    {
                        value.push(c);
                    }
                }
            }
            if !name.is_empty() {
                params.push((name, value));
            }
        }
        out.push((uri, params));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_link_is_picked_by_rel_not_by_position() {
        // As Shopify sends it on a middle page (previous first).
        let header = r#"<https://x.myshopify.com/admin/api/2024-10/orders.json?limit=3&page_info=eyJw>; rel="previous", <https://x.myshopify.com/admin/api/2024-10/orders.json?limit=3&page_info=eyJu>; rel="next""#;
        assert_eq!(
            target(header, "next").as_deref(),
            Some("https://x.myshopify.com/admin/api/2024-10/orders.json?limit=3&page_info=eyJu")
        );
        assert_eq!(target(header, "NEXT").as_deref(), target(header, "next").as_deref());
        assert_eq!(target(r#"<https://x/a>; rel="previous""#, "next"), None);
    }

    #[test]
    fn commas_inside_uris_and_quoted_values_do_not_split_links() {
        let header = r#"<https://x.example/orders.json?fields=id,created_at&page_info=a,b>; title="one, two; three"; rel="next", <https://x.example/first>; rel=first"#;
        assert_eq!(
            target(header, "next").as_deref(),
            Some("https://x.example/orders.json?fields=id,created_at&page_info=a,b")
        );
        assert_eq!(target(header, "first").as_deref(), Some("https://x.example/first"));
        let params = &links(header)[0].1;
        assert!(params.contains(&("title".into(), "one, two; three".into())));
    }

    #[test]
    fn several_relation_types_and_escapes_are_read() {
        let header = r#"<https://x.example/p2>; rel="next last"; title="a \"quoted\" word""#;
        assert_eq!(target(header, "last").as_deref(), Some("https://x.example/p2"));
        assert_eq!(links(header)[0].1[1].1, r#"a "quoted" word"#);
        assert!(links("garbage").is_empty());
        assert_eq!(links("<https://x.example/a>; rel=next, garbage").len(), 1);
    }
}
