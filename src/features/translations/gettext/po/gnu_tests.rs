//! What GNU gettext's tools, Poedit, Weblate and polib write, read back.

use std::path::Path;

use super::*;

fn one(text: &str) -> Entry {
    let catalog = parse(Path::new("x.po"), text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(catalog.entries.len(), 1, "{catalog:?}");
    catalog.entries.into_iter().next().unwrap()
}

#[test]
fn previous_strings_over_several_lines() {
    let entry = one(
        "#, fuzzy\n#| msgctxt \"\"\n#| \"send-\"\n#| \"report\"\n#| msgid \"\"\n#| \"line of a paragraph\\n\"\n#| \"and the next\"\n\
         msgctxt \"send-report\"\nmsgid \"\"\n\"New\\n\"\n\"text\"\nmsgstr \"\"\n\"Nouveau\\n\"\n\"texte\"\n",
    );
    assert_eq!(entry.previous_context.as_deref(), Some("send-report"));
    assert_eq!(entry.previous.as_deref(), Some("line of a paragraph\nand the next"));
    assert_eq!((entry.id.as_str(), entry.translation.as_str()), ("New\ntext", "Nouveau\ntexte"));
}

#[test]
fn obsolete_entries_with_previous_strings_as_msgmerge_and_uprkit_wrote_them() {
    for text in [
        "# a comment\n#, fuzzy\n#~| msgctxt \"c\"\n#~| msgid \"\"\n#~| \"Old \"\n#~| \"text\"\n#~ msgctxt \"c\"\n#~ msgid \"\"\n#~ \"Gone \"\n#~ \"away\"\n#~ msgstr \"Parti\"\n",
        "# a comment\n#, fuzzy\n#~ #| msgctxt \"c\"\n#~ #| msgid \"Old text\"\n#~ msgctxt \"c\"\n#~ msgid \"Gone away\"\n#~ msgstr \"Parti\"\n",
    ] {
        let entry = one(text);
        assert!(entry.obsolete && entry.fuzzy, "{entry:?}");
        assert_eq!(entry.comments, vec!["a comment"]);
        assert_eq!((entry.previous_context.as_deref(), entry.previous.as_deref()), (Some("c"), Some("Old text")));
        assert_eq!((entry.context.as_deref(), entry.id.as_str()), (Some("c"), "Gone away"));
    }
}

#[test]
fn strings_wrapped_by_any_tool_and_contexts_with_escapes() {
    // Poedit and msgcat break after a space, polib before one.
    let entry = one(
        "msgctxt \"a \\\"quoted\\\"\\tcontext\"\nmsgid \"\"\n\"A very long message that goes over the width of seventy-nine characters by a\"\n\" fair margin\"\n\
         msgstr \"\"\n\"Un très long message \"\n\"qui dépasse\"\n",
    );
    assert_eq!(entry.context.as_deref(), Some("a \"quoted\"\tcontext"));
    assert!(entry.id.ends_with("characters by a fair margin"), "{}", entry.id);
    assert_eq!(entry.translation, "Un très long message qui dépasse");
}

#[test]
fn every_escape_msgfmt_accepts() {
    let entry = one("msgid \"a\\a\\b\\f\\v\\t\\r\\\\ \\303\\251 \\x41\\x4a \\101\\1012\"\nmsgstr \"x\"\n");
    assert_eq!(entry.id, "a\u{7}\u{8}\u{c}\u{b}\t\r\\ é AJ AA2");
    for (bad, what) in [("\\q", "`\\q`"), ("\\'", "`\\'`"), ("\\0", "NUL"), ("\\xff", "UTF-8"), ("\\x", "`\\x`")] {
        let error = parse(Path::new("x.po"), &format!("msgid \"a{bad}\"\nmsgstr \"\"\n")).unwrap_err();
        assert!(error.message.contains(what), "{bad}: {}", error.message);
        assert_eq!(error.location.line, Some(1));
    }
}

#[test]
fn an_obsolete_plural_entry_is_skipped_a_live_one_refused() {
    let text = "msgid \"a\"\nmsgstr \"A\"\n\n#~ msgid \"apple\"\n#~ msgid_plural \"apples\"\n#~ msgstr[0] \"pomme\"\n#~ msgstr[1] \"pommes\"\n\n#~ msgid \"b\"\n#~ msgstr \"B\"\n";
    let catalog = parse(Path::new("x.po"), text).unwrap();
    let ids: Vec<&str> = catalog.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, vec!["a", "b"]);
    let error = parse(Path::new("x.po"), "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n").unwrap_err();
    assert_eq!(error.location.line, Some(2));
}

#[test]
fn translators_comments_and_the_header_s_credits() {
    let text = "# French translation.\n# Copyright (C) 2024 UPR Info\n#\n#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n\
                # Check with Marie\n#\n#. paragraph\n#: content/a.md:3\nmsgid \"a\"\nmsgstr \"A\"\n";
    let catalog = parse(Path::new("x.po"), text).unwrap();
    assert_eq!(catalog.header_comments, vec!["French translation.", "Copyright (C) 2024 UPR Info", ""]);
    assert_eq!(catalog.header_value("Language"), Some("fr"));
    assert_eq!(catalog.entries[0].comments, vec!["Check with Marie", ""]);
    assert_eq!(catalog.entries[0].notes, vec!["paragraph"]);
}
