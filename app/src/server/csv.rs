//! Writing CSV files people download (RFC 4180): a cell with a comma, quote or
//! line break is quoted, and a cell a spreadsheet would run as a formula (`=`,
//! `+`, `-`, `@` first) is prefixed with `'`, so an activity description cannot
//! become a formula in the reader's spreadsheet.

/// A server function's answer as a CSV file download named `file` (the name is
/// made of ASCII letters, digits, `-` and `.` by the caller).
pub fn download(
    file: &str,
    body: String,
) -> leptos::server_fn::codec::TextStream<crate::error::AppError> {
    use axum::http::{HeaderValue, header};
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
            response.insert_header(header::CONTENT_DISPOSITION, value);
        }
    }
    leptos::server_fn::codec::TextStream::new(futures::stream::once(async move { Ok(body) }))
}

/// One line of cells, ending in `\n`.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = cells.iter().map(|c| cell(c.as_ref())).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

fn cell(text: &str) -> String {
    let text = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_when_needed_and_never_formulas() {
        assert_eq!(row(&["a", "b c"]), "a,b c\n");
        assert_eq!(row(&["Renamed \"Roasters\", again"]), "\"Renamed \"\"Roasters\"\", again\"\n");
        assert_eq!(row(&["=HYPERLINK(\"x\")"]), "\"'=HYPERLINK(\"\"x\"\")\"\n");
        assert_eq!(row(&["-1"]), "'-1\n");
        assert_eq!(row(&["two\nlines"]), "\"two\nlines\"\n");
    }
}
