//! Amounts as people read them: grouped thousands and the currency's symbol where it
//! is unambiguous, its ISO 4217 code otherwise.

/// `1234567.891` with 2 decimals → `1,234,567.89`. Negative amounts keep their sign.
pub fn group_thousands(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_owned(), Some(f.to_owned())),
        None => (text, None),
    };
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 && grouped.chars().any(|c| c != '0' && c != ',') { "-" } else { "" };
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The currency's symbol where it is unambiguous.
pub fn symbol(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "CAD" => "CA$",
        "AUD" => "A$",
        "NZD" => "NZ$",
        "BRL" => "R$",
        "MXN" => "MX$",
        _ => return None,
    })
}

/// An amount in `currency` with `decimals` places: `$1,234.50`, `CHF 1,234.50`.
pub fn format_money(value: f64, currency: &str, decimals: usize) -> String {
    let digits = group_thousands(value, decimals);
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest.to_owned()),
        None => ("", digits),
    };
    match symbol(currency) {
        Some(s) => format!("{sign}{s}{digits}"),
        None => format!("{sign}{currency} {digits}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_and_signs_kept() {
        assert_eq!(group_thousands(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(group_thousands(999.0, 0), "999");
        assert_eq!(group_thousands(1000.0, 0), "1,000");
        assert_eq!(group_thousands(-12_345.5, 1), "-12,345.5");
        assert_eq!(group_thousands(-0.001, 2), "0.00");
    }

    #[test]
    fn money_uses_the_symbol_or_the_code() {
        assert_eq!(format_money(1234.5, "USD", 2), "$1,234.50");
        assert_eq!(format_money(-20.0, "EUR", 0), "-€20");
        assert_eq!(format_money(1234.5, "CHF", 2), "CHF 1,234.50");
        assert_eq!(format_money(1500.0, "JPY", 0), "¥1,500");
    }
}
