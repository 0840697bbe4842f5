//! Notes for trainers only: a quote that opens with [`MARKER`]. The engine
//! knows the marker (the translators' files keep it, a document's private
//! edition holds the notes); what becomes of a note is the facilitator
//! feature's pass.

/// The marker that opens a note for trainers, as the docs write it (any
/// casing is read as the marker: GitHub's own alert markers are too).
pub const MARKER: &str = "[!FACILITATOR]";

/// Whether `text` starts with the marker, in any casing.
pub fn starts_with_marker(text: &str) -> bool {
    text.as_bytes().get(..MARKER.len()).is_some_and(|start| start.eq_ignore_ascii_case(MARKER.as_bytes()))
}

/// Whether a page's text has a note for trainers (its marker, in any casing).
pub fn has_notes(body: &str) -> bool {
    body.as_bytes().windows(MARKER.len()).any(|window| window.eq_ignore_ascii_case(MARKER.as_bytes()))
}
