//! Data scripts: what the build hands the page script, as a file
//! `window.<name> = <JSON>;` that a `<script src>` loads, also from
//! `file://`, where `fetch` cannot read a file. Every data script is
//! written here, with one escaping rule, so that no text of an author's
//! (a title holding `</script>`, a line separator) can end the script or
//! the JSON early, whether the file is loaded or inlined in a page.
//!
//! The values are keyed objects (`{"title": ...}`), never positional
//! arrays: the readers in `themes/default/static/scripts/` name the fields
//! they use, and `tests/js/` checks the built files have them.

use serde::Serialize;

/// `window.<name> = <value as JSON>;` and a newline.
pub fn data_script<T: Serialize + ?Sized>(name: &str, value: &T) -> String {
    format!("window.{name} = {};\n", script_json(value))
}

/// `value` as JSON safe inside a `<script>` element and a `.js` file: `<`,
/// `>` and `&` written as `\u003c`, `\u003e`, `\u0026` (no `</script>`,
/// `<!--` or entity), and U+2028 and U+2029, which older JavaScript reads as
/// line ends, as `\u2028` and `\u2029`. JSON.parse and a script read the
/// same value.
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("data scripts serialize: keys are strings");
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_an_author_writes_ends_the_script() {
        let value = serde_json::json!({ "t": "a </script><!-- & \u{2028}\u{2029} \"q\"" });
        let script = data_script("uprkitTest", &value);
        assert_eq!(
            script,
            "window.uprkitTest = {\"t\":\"a \\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\\"q\\\"\"};\n"
        );
        // Still the same value for a JSON reader.
        let json = script.trim_start_matches("window.uprkitTest = ").trim_end_matches(";\n");
        assert_eq!(serde_json::from_str::<serde_json::Value>(json).unwrap(), value);
    }
}
