//! Finding a page's message in a PO file: the same msgctxt and msgid; the
//! same msgid whose context a tool dropped (translate-toolkit's po2xliff
//! drops msgctxt); each also once whitespace is normalised, so that PO
//! files made while messages kept their source's line breaks still match.

use std::collections::HashMap;

use super::blocks::normalise;
use super::po::Entry;

type Key = (Option<String>, String);

pub struct Lookup {
    exact: HashMap<Key, usize>,
    normalised: HashMap<Key, usize>,
}

impl Lookup {
    /// The index of `entries`, of those for which `wanted` holds.
    pub fn new(entries: &[Entry], wanted: impl Fn(&Entry) -> bool) -> Lookup {
        let mut exact = HashMap::new();
        let mut normalised = HashMap::new();
        for (i, entry) in entries.iter().enumerate().filter(|(_, entry)| wanted(entry)) {
            exact.insert((entry.context.clone(), entry.id.clone()), i);
            normalised.entry((entry.context.clone(), normalise(&entry.id))).or_insert(i);
        }
        Lookup { exact, normalised }
    }

    /// The entry of the same message: its text as written, or normalised.
    pub fn same(&self, context: Option<&str>, id: &str) -> Option<usize> {
        let context = context.map(String::from);
        self.exact
            .get(&(context.clone(), id.to_string()))
            .or_else(|| self.normalised.get(&(context, normalise(id))))
            .copied()
    }

    /// The entry of the same text without a context.
    pub fn without_context(&self, id: &str) -> Option<usize> {
        self.same(None, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_message_written_before_or_without_its_context() {
        let entries = vec![
            Entry { id: "Over\ntwo  lines".into(), ..Entry::default() },
            Entry { context: Some("c".into()), id: "Checked".into(), ..Entry::default() },
            Entry { id: "Dropped context".into(), obsolete: true, ..Entry::default() },
        ];
        let lookup = Lookup::new(&entries, |entry| !entry.obsolete);
        assert_eq!(lookup.same(None, "Over two lines"), Some(0));
        assert_eq!(lookup.same(Some("c"), "Checked"), Some(1));
        assert_eq!(lookup.same(None, "Checked"), None);
        assert_eq!(lookup.without_context("Over two lines"), Some(0));
        assert_eq!(lookup.same(None, "Dropped context"), None, "not among those wanted");
    }
}
