//! A workshop's deck (`uprkit handout --slides --workshop NAME`): the
//! pages of the workshop's sequence in the document, each once, and the
//! plan of its slides as JSON in the handout, from which `slides.js` makes
//! a slide for each day, session, activity and break, and of each page the
//! section the workshop uses.

use crate::engine::error::{Error, Result};
use crate::engine::feature::document::{Document, Sequence};
use crate::engine::site::LanguageSite;

/// The entries of the sequence's pages, in its order.
pub(super) fn pages(language: &LanguageSite, sequence: &Sequence) -> Vec<usize> {
    sequence.pages.iter().map(|slug| language.index_of(slug).expect("the workshop's pages are the site's")).collect()
}

/// The handout with the order of its slides, for slides.js.
pub(super) fn with_plan(html: &str, sequence: &Sequence) -> String {
    let plan = sequence.plan.replace("</", "<\\/");
    html.replacen("</main>", &format!("</main>\n<script type=\"application/json\" id=\"deck-plan\">{plan}</script>"), 1)
}

/// The workshop `name` of the document, or a usage error naming the workshops.
pub(super) fn sequence<'d>(document: &'d Document, name: &str) -> Result<&'d Sequence> {
    if !document.problems.is_empty() {
        return Err(Error::Content(document.problems.clone()));
    }
    match document.sequences.iter().find(|sequence| sequence.name == name) {
        Some(sequence) => Ok(sequence),
        None => {
            let known: Vec<&str> = document.sequences.iter().map(|sequence| sequence.name.as_str()).collect();
            Err(Error::Usage(if known.is_empty() {
                format!("no workshop `{name}`: the toolkit has no workshops/ folder")
            } else {
                format!("no workshop `{name}` in workshops/ (its workshops: {})", known.join(", "))
            }))
        }
    }
}
