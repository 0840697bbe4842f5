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
    // Runs of bytes between the few that need escaping are copied whole,
    // found with memchr's vectorised search: a big guide's search index is
    // megabytes, remade after each edit in `serve`. Each search goes over
    // the text once (a row's HTML has many `<`: searching again from each
    // made a matrix of 3,000 recommendations take a minute).
    let bytes = json.as_bytes();
    let mut safe = String::with_capacity(json.len() + 64);
    let mut ascii = memchr::memchr3_iter(b'<', b'>', b'&', bytes).peekable();
    let mut line_ends = memchr::memchr_iter(0xE2, bytes).peekable();
    let mut start = 0;
    loop {
        let at = match (ascii.peek(), line_ends.peek()) {
            (Some(&a), Some(&l)) if l < a => line_ends.next(),
            (Some(_), _) => ascii.next(),
            (None, Some(_)) => line_ends.next(),
            (None, None) => None,
        };
        let Some(at) = at else { break };
        let (escaped, width) = match bytes[at] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            // U+2028 and U+2029 in UTF-8: E2 80 A8 and E2 80 A9.
            _ if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0xA8) => ("\\u2028", 3),
            _ if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0xA9) => ("\\u2029", 3),
            // Another character starting with E2 (a curly quote, a dash).
            _ => continue,
        };
        safe.push_str(&json[start..at]);
        safe.push_str(escaped);
        start = at + width;
    }
    safe.push_str(&json[start..]);
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each byte is searched once: a value with many `<` and no line
    /// separator (a big matrix's rows) is as quick as its size says.
    #[test]
    fn many_escapes_are_each_found_once() {
        let row = "<td>a & b</td>".repeat(20_000);
        let json = script_json(&row);
        assert_eq!(json.matches("\\u003c").count(), 40_000);
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), row);
    }

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
        // Other characters that start with the same byte as U+2028 stay.
        let quotes = serde_json::json!("“CSO” – <b>\u{2029}");
        assert_eq!(script_json(&quotes), "\"“CSO” – \\u003cb\\u003e\\u2029\"");
    }
}
