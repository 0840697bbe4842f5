//! PDF guides, typeset by uprkit itself: read back as a reader's tools
//! read them (poppler's pdftotext, pdffonts, pdfinfo and pdftohtml), in
//! English, Arabic, Chinese and Russian. Page numbers are found in the
//! text, never written into the test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common;

use common::{assert_success, stderr, uprkit, Site};

/// The bundled toolkit built once for this module's tests.
fn bundled() -> &'static Path {
    static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUILT.get_or_init(common::build_bundled).path()
}

fn guide(lang: &str) -> PathBuf {
    bundled().join(format!("public/handouts/{lang}/guide.pdf"))
}

#[track_caller]
fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|error| panic!("{name} runs (poppler-utils; bash .ci/run installs it): {error}"));
    assert!(output.status.success(), "{name} {}: {}", pdf.display(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `text` without the invisible marks pdftotext adds (direction
/// embeddings around right-to-left text, word joiners).
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| !matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF))
        .collect()
}

/// The text of each sheet, as pdftotext reads it (invisible marks left out).
fn sheets(pdf: &Path) -> Vec<String> {
    let text = clean(&tool("pdftotext", &[], pdf));
    let mut sheets: Vec<String> = text.split('\u{c}').map(String::from).collect();
    if sheets.last().is_some_and(|sheet| sheet.trim().is_empty()) {
        sheets.pop();
    }
    sheets
}

/// The contents' entries: (title, page number), from the sheets after the
/// title page whose lines have dot leaders between a title and a number
/// (the number first when pdftotext reads a right-to-left line so).
fn contents(sheets: &[String]) -> Vec<(String, usize)> {
    let mut entries = Vec::new();
    for sheet in &sheets[1..] {
        let mut found = false;
        for line in sheet.lines() {
            if let Some(entry) = contents_line(line.trim()) {
                entries.push(entry);
                found = true;
            }
        }
        if !found && !entries.is_empty() {
            break;
        }
    }
    entries
}

fn contents_line(line: &str) -> Option<(String, usize)> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let is_dots = |t: &str| !t.is_empty() && t.chars().all(|c| c == '.');
    let first = tokens.iter().position(|t| is_dots(t))?;
    let last = tokens.iter().rposition(|t| is_dots(t))?;
    if tokens[first..=last].iter().filter(|t| is_dots(t)).count() < 3 {
        return None;
    }
    // The page number is beside the leaders, before or after them.
    let is_number = |i: usize| tokens.get(i).is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()));
    let at = if is_number(last + 1) {
        last + 1
    } else if first > 0 && is_number(first - 1) {
        first - 1
    } else {
        return None;
    };
    let title: Vec<&str> = tokens
        .iter()
        .enumerate()
        .filter(|&(i, t)| i != at && !((first..=last).contains(&i) && is_dots(t)))
        .map(|(_, t)| *t)
        .collect();
    (!title.is_empty()).then(|| (title.join(" "), tokens[at].parse().unwrap()))
}

/// Each sheet's runs of text as pdftohtml reads them, with their font
/// size: (words, size). Right-to-left words come as laid out on paper
/// (letters in the order they are drawn), so they are turned back.
fn runs(pdf: &Path) -> Vec<Vec<(Vec<String>, u32)>> {
    let xml = clean(&tool("pdftohtml", &["-xml", "-stdout", "-i", "-q"], pdf));
    let unescape = |text: &str| {
        let mut plain = String::new();
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        plain
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    let attribute = |tag: &str, name: &str| -> String {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[start..start + tag[start..].find('"').unwrap()].to_string()
    };
    let mut sizes = std::collections::HashMap::new();
    let mut pages = Vec::new();
    for page in xml.split("<page ").skip(1) {
        for spec in page.split("<fontspec ").skip(1) {
            sizes.insert(
                attribute(&format!(" {spec}"), "id"),
                attribute(&format!(" {spec}"), "size").parse::<u32>().unwrap(),
            );
        }
        let texts = page
            .split("<text ")
            .skip(1)
            .map(|text| {
                let tag = format!(" {}", &text[..text.find('>').unwrap()]);
                let body = &text[text.find('>').unwrap() + 1..text.find("</text>").unwrap()];
                let words: Vec<String> = unescape(body)
                    .split_whitespace()
                    .map(|word| {
                        if word.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c)) {
                            word.chars().rev().collect()
                        } else {
                            word.to_string()
                        }
                    })
                    .collect();
                (words, sizes[&attribute(&tag, "font")])
            })
            .filter(|(words, _)| !words.is_empty())
            .collect();
        pages.push(texts);
    }
    pages
}

/// The sheet (1-based) where `title` is first a heading, after sheet
/// `after`: runs of text in letters well above the text's size (a long
/// title wraps), whose words are the title's.
fn sheet_of_heading(sheets: &[Vec<(Vec<String>, u32)>], title: &str, after: usize) -> Option<usize> {
    // The text's size: the size of most words.
    let mut counts = std::collections::HashMap::new();
    for (words, size) in sheets.iter().flatten() {
        *counts.entry(*size).or_insert(0) += words.len();
    }
    let text_size = counts.into_iter().max_by_key(|&(_, n)| n).unwrap().0;
    // pdftotext and pdftohtml each garble a word with an Arabic mark
    // (shadda) in their own way: such words are left out of the comparison.
    let marked = |word: &str| word.chars().any(|c| ('\u{064b}'..='\u{065f}').contains(&c) || c == '\u{0670}');
    let mut wanted: Vec<String> = title.split_whitespace().filter(|w| !marked(w)).map(str::to_string).collect();
    wanted.sort();
    let matches = |words: &[&String]| {
        let mut words: Vec<String> = words.iter().filter(|w| !marked(w)).map(|w| w.to_string()).collect();
        words.sort();
        words == wanted || words.concat() == wanted.concat()
    };
    sheets.iter().enumerate().skip(after).find_map(|(i, runs)| {
        let big: Vec<bool> = runs.iter().map(|(_, size)| f64::from(*size) >= f64::from(text_size) * 1.2).collect();
        (0..runs.len())
            .filter(|&start| big[start])
            .any(|start| {
                let mut words: Vec<&String> = Vec::new();
                (start..runs.len()).take_while(|&j| big[j]).any(|j| {
                    words.extend(&runs[j].0);
                    matches(&words)
                })
            })
            .then_some(i + 1)
    })
}

/// Words on a sheet (in Chinese, two characters count as a word).
fn words(sheet: &str) -> usize {
    sheet
        .split_whitespace()
        .map(|token| {
            let han = token.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
            if han > 0 {
                han.div_ceil(2)
            } else {
                1
            }
        })
        .sum()
}

#[track_caller]
fn check_numbered_contents(lang: &str) {
    let pdf = guide(lang);
    assert!(pdf.is_file(), "a build writes {}", pdf.display());
    let sheets = sheets(&pdf);
    let laid_out = runs(&pdf);
    let total = sheets.len();
    assert!(total > 10, "{lang}: {total} sheets");
    let entries = contents(&sheets);
    assert!(entries.len() >= 15, "{lang}: the contents list the pages: {entries:?}");
    // The sheets the contents fill.
    let contents_end = sheets.iter().position(|s| s.contains(&entries.last().unwrap().0)).unwrap() + 1;
    let mut entries = entries;
    // The contents are in reading order: each heading is looked for from
    // the previous one's sheet on (a page may have a section of the same name).
    let mut from = contents_end;
    for (title, page) in &mut entries {
        // A right-to-left line with a number in its title ("البند 6") may
        // come out of pdftotext with that number and the page's swapped.
        let mut readings = vec![(title.clone(), *page)];
        for word in title.split_whitespace().filter(|w| w.chars().all(|c| c.is_ascii_digit())) {
            readings.push((title.replacen(word, &page.to_string(), 1), word.parse().unwrap()));
        }
        let found: Vec<(String, usize, Option<usize>)> = readings
            .into_iter()
            .map(|(title, page)| {
                let at = sheet_of_heading(&laid_out, &title, from);
                (title, page, at)
            })
            .collect();
        let (right, said, at) = found
            .iter()
            .find(|(_, page, at)| *at == Some(*page))
            .or_else(|| found.iter().find(|(_, _, at)| at.is_some()))
            .unwrap_or_else(|| panic!("{lang}: `{title}` is not a heading of any sheet after the contents"))
            .clone();
        let at = at.unwrap();
        assert_eq!(said, at, "{lang}: the contents say `{right}` is on p. {said}; it is on p. {at}");
        (*title, *page) = (right, said);
        from = at - 1;
    }
    // Every sheet after the title page carries "n / total".
    for (i, sheet) in sheets.iter().enumerate().skip(1) {
        let number = format!("{} / {total}", i + 1);
        let reversed = format!("{total} / {}", i + 1);
        assert!(
            sheet.contains(&number) || sheet.contains(&reversed),
            "{lang}: sheet {} lacks `{number}`:\n{sheet}",
            i + 1
        );
    }
    // No near-empty sheet, but the title page, the contents' last sheet,
    // the last one, and those before a part that starts a sheet (a phase,
    // the recommendations, the glossary).
    let starts: Vec<usize> = entries.iter().map(|(_, page)| *page).collect();
    for (i, sheet) in sheets.iter().enumerate().skip(1) {
        let n = i + 1;
        if n == total || n == contents_end || n == 1 {
            continue;
        }
        let before_a_part = starts.contains(&(n + 1))
            && sheets[n]
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .take(4)
                .any(|l| entries.iter().any(|(t, _)| t == l));
        if words(sheet) < 40 {
            assert!(before_a_part, "{lang}: sheet {n} holds {} words:\n{sheet}", words(sheet));
        }
    }
}

#[test]
fn the_english_guide_has_contents_whose_page_numbers_are_right() {
    check_numbered_contents("en");
}

#[test]
fn the_arabic_guide_has_contents_whose_page_numbers_are_right() {
    check_numbered_contents("ar");
    let text = sheets(&guide("ar")).join("\n");
    assert!(text.contains("الاستعراض"), "Arabic text extracts as Arabic, in reading order");
}

#[test]
fn the_chinese_guide_has_contents_whose_page_numbers_are_right() {
    check_numbered_contents("zh");
    let text = sheets(&guide("zh")).join("\n");
    assert!(text.contains("普遍定期审议"), "Chinese text extracts as Chinese");
}

#[test]
fn the_russian_guide_has_contents_whose_page_numbers_are_right() {
    check_numbered_contents("ru");
}

#[test]
fn every_font_is_embedded_and_none_is_type_3() {
    for lang in ["en", "ar", "zh", "ru"] {
        let listing = tool("pdffonts", &[], &guide(lang));
        let rows: Vec<&str> = listing.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{lang}: fonts listed");
        for row in rows {
            assert!(!row.contains("Type 3"), "{lang}: a Type 3 font: {row}");
            // name type encoding emb sub uni object ID: emb is the 4th column from the end but two.
            let columns: Vec<&str> = row.split_whitespace().collect();
            let emb = columns[columns.len() - 5];
            assert_eq!(emb, "yes", "{lang}: a font not embedded: {row}");
        }
    }
}

#[test]
fn the_pdf_is_tagged_titled_and_has_bookmarks_for_its_headings() {
    let pdf = guide("en");
    let info = tool("pdfinfo", &[], &pdf);
    assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "tagged PDF:\n{info}");
    assert!(info.lines().any(|l| l.starts_with("Title:") && l.contains("UPR")), "a title:\n{info}");
    // pdftohtml -xml writes the outline (the bookmarks) as <item>s.
    let xml = tool("pdftohtml", &["-xml", "-stdout", "-i", "-q"], &pdf);
    let outline: Vec<String> = xml
        .split("<item")
        .skip(1)
        .filter_map(|item| item.split_once('>').map(|(_, rest)| rest.split('<').next().unwrap_or_default().to_string()))
        .map(|title| title.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\""))
        .collect();
    let sheets = sheets(&pdf);
    for (title, _) in contents(&sheets) {
        assert!(outline.iter().any(|item| item.trim() == title), "no bookmark for `{title}`: {outline:?}");
    }
    // Bookmarks go deeper than the contents: every heading has one.
    assert!(outline.len() > contents(&sheets).len(), "{outline:?}");
}

#[test]
fn the_downloads_list_the_pdfs_with_their_sizes() {
    let public = bundled().join("public");
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(home.contains("data-size-of=\"handouts/en/guide.pdf\""), "the home page offers the PDF");
    let sizes = std::fs::read_to_string(public.join("_uprkit/downloads.js")).unwrap();
    assert!(sizes.contains("\"handouts/ar/guide.pdf\":"), "{sizes}");
    assert!(sizes.contains("\"handouts/en/review.pdf\":"), "one per phase: {sizes}");
    let zip = zip::ZipArchive::new(std::fs::File::open(public.join("handouts/fr/site.zip")).unwrap()).unwrap();
    assert!(zip.file_names().any(|name| name.ends_with("handouts/fr/guide.pdf")), "the zip holds the PDF");
}

/// A toolkit of two pages in English, the second far enough to be on
/// another sheet, the first linking to it.
fn linked_site() -> Site {
    let site = Site::init(&["--minimal"]);
    let filler = "The delegation reads every stakeholder report before the review. ".repeat(60);
    site.write(
        "content/preparation/_index.md",
        format!("---\ntitle: Getting ready\nphase: preparation\nweight: 1\n---\n\nBefore anything, read [the final steps](../follow-up/_index.md).\n\n{filler}\n"),
    );
    site
}

#[test]
fn a_link_to_another_part_prints_the_page_it_is_on() {
    let site = linked_site();
    site.build_ok();
    let pdf = site.public().join("handouts/en/guide.pdf");
    let sheets = sheets(&pdf);
    let text = sheets.join("\n");
    let at = text.find("the final steps").expect("the link's text is printed");
    let after = &text[at..];
    let number: usize = after
        .split_once("(p. ")
        .and_then(|(_, rest)| rest.split(')').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("a page number after the link: {}", &after[..after.len().min(80)]));
    let entries = contents(&sheets);
    let (title, _) = entries.iter().find(|(_, page)| *page == number).expect("a part starts on that page");
    let heading = sheet_of_heading(&runs(&pdf), title, 2).unwrap();
    assert_eq!(heading, number, "`{title}`");
    assert!(entries.iter().any(|(t, page)| *page == number && t.to_lowercase().contains("follow")), "{entries:?}");
}

#[test]
fn a_participants_pdf_never_holds_a_facilitator_note_and_the_facilitators_edition_does() {
    const MARKER: &str = "FACILITATORONLY7319";
    let site = Site::init(&["--minimal"]);
    site.write(
        "content/review/_index.md",
        format!("---\ntitle: The review\nphase: review\nweight: 2\n---\n\nWatch the webcast.\n\n> [!facilitator]\n> Ask who has watched one: {MARKER}.\n\nAfter the note.\n"),
    );
    site.build_ok();
    for pdf in ["handouts/en/guide.pdf", "handouts/en/review.pdf"] {
        let path = site.public().join(pdf);
        assert!(!sheets(&path).join("\n").contains(MARKER), "{pdf}: text");
        // The file itself: bookmarks and metadata are plain strings.
        let raw = std::fs::read(&path).unwrap();
        assert!(!raw.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()), "{pdf}: bytes");
    }
    let out = site.outside().join("facilitator.pdf");
    assert_success(&uprkit(site.root(), &["handout", "--pdf", "--facilitator", "-o", out.to_str().unwrap()]));
    let text = sheets(&out).join("\n");
    assert!(text.contains(MARKER), "the facilitator edition has the note");
    assert!(text.contains("Facilitator edition"), "and says what it is");
}

#[test]
fn a_script_no_font_has_is_an_error_naming_page_language_and_fix() {
    let fc = Command::new("fc-list").arg(":lang=ta").output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if let Ok(fonts) = &fc {
        assert!(fonts.trim().is_empty(), "this test needs a machine without a Tamil font; found:\n{fonts}");
    }
    let site = Site::init(&["--minimal"]);
    site.write(
        "content/review/_index.md",
        "---\ntitle: The review\nphase: review\nweight: 2\n---\n\nIn Tamil: தமிழ் நாடு.\n",
    );
    // A build still makes the site and the PDFs without the page, and
    // says, at the page's file, why the others are missing.
    let output = site.build(&[]);
    assert_success(&output);
    let warning = stderr(&output);
    assert!(
        warning.contains("warning: content/review/_index.md: handouts/en/guide.pdf: no font has the Tamil characters of page `review`, in English (`en`)")
            && warning.contains("the PDF is left out")
            && warning.contains("fonts"),
        "{warning}"
    );
    assert_eq!(warning.matches("no font has").count(), 1, "said once, for the guide and its phase: {warning}");
    assert!(!site.public().join("handouts/en/guide.pdf").exists());
    assert!(!site.public().join("handouts/en/review.pdf").exists());
    assert!(site.public().join("handouts/en/preparation.pdf").exists(), "a phase without the page has its PDF");
    assert!(site.public().join("handouts/en/guide.html").exists());
    // Asked for, the PDF is an error.
    let out = site.outside().join("guide.pdf");
    let output = uprkit(site.root(), &["handout", "--pdf", "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("page `review`") && message.contains("English") && message.contains("apt install"),
        "{message}"
    );
    assert!(!out.exists());
}

/// An emoji no font has is no reason to go without the PDFs: they are
/// made, with a box in its place, and the page is named once, whatever
/// the number of languages and PDFs that show it.
#[test]
fn an_emoji_no_font_has_leaves_the_pdfs_made_and_is_said_once() {
    let fc =
        Command::new("fc-list").arg(":charset=1f389").output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if let Ok(fonts) = &fc {
        assert!(fonts.trim().is_empty(), "this test needs a machine without an emoji font; found:\n{fonts}");
    }
    let site = Site::init(&["--minimal", "--languages", "en,fr"]);
    site.write("content/review/workshop.md", "---\ntitle: \"Workshop 🎉\"\n---\n\nWell done 🎉.\n");
    let output = site.build(&[]);
    assert_success(&output);
    let warning = stderr(&output);
    assert!(
        warning.contains("warning: content/review/workshop.md: no font has the emoji characters of page `review/workshop`, in English (`en`): 🎉; the PDFs show a box in their place"),
        "{warning}"
    );
    assert_eq!(warning.matches("no font has").count(), 1, "{warning}");
    for lang in ["en", "fr"] {
        for name in ["guide", "review"] {
            let pdf = site.public().join(format!("handouts/{lang}/{name}.pdf"));
            assert!(sheets(&pdf).join("\n").contains("Well done"), "{lang}/{name}.pdf");
        }
    }
}

#[test]
fn letter_paper_and_no_pdfs_are_settings() {
    let site = Site::init(&["--minimal"]);
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}paper: letter\n"));
    site.build_ok();
    let info = tool("pdfinfo", &[], &site.public().join("handouts/en/guide.pdf"));
    assert!(info.contains("612 x 792 pts"), "US Letter:\n{info}");
    // On the command line, A4 again.
    let out = site.outside().join("a4.pdf");
    assert_success(&uprkit(site.root(), &["handout", "--pdf", "--paper", "a4", "-o", out.to_str().unwrap()]));
    assert!(tool("pdfinfo", &[], &out).contains("595.276 x 841.89 pts"), "A4");
    site.write("uprkit.yaml", format!("{config}pdf: false\n"));
    site.build_ok();
    assert!(!site.public().join("handouts/en/guide.pdf").exists());
    assert!(!std::fs::read_to_string(site.public().join("index.html")).unwrap().contains(".pdf"));
    site.write("uprkit.yaml", format!("{config}paper: tabloid\n"));
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("`paper` must be `a4` or `letter`"), "{}", stderr(&output));
}

#[test]
fn a_broken_image_and_an_svg_with_a_script_give_a_clear_result() {
    let site = Site::init(&["--minimal"]);
    site.write("content/review/broken.png", b"\x89PNG\r\n\x1a\nthis is not an image");
    site.write(
        "content/review/drawing.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><script>alert('x')</script><circle cx=\"20\" cy=\"20\" r=\"15\" fill=\"teal\"/></svg>",
    );
    site.write(
        "content/review/_index.md",
        "---\ntitle: The review\nphase: review\nweight: 2\n---\n\n![A drawing](drawing.svg)\n\nText after.\n",
    );
    site.build_ok();
    let pdf = site.public().join("handouts/en/guide.pdf");
    let raw = std::fs::read(&pdf).unwrap();
    assert!(!raw.windows(5).any(|w| w == b"alert"), "the SVG's script is not in the PDF");
    site.write(
        "content/review/_index.md",
        "---\ntitle: The review\nphase: review\nweight: 2\n---\n\n![A map](broken.png)\n\nText after.\n",
    );
    // The site is built; the PDF is not, and the warning names the image.
    let output = site.build(&[]);
    assert_success(&output);
    assert!(stderr(&output).contains("A map"), "{}", stderr(&output));
    // Asked for, it is an error that names it.
    let out = site.outside().join("guide.pdf");
    let output = uprkit(site.root(), &["handout", "--pdf", "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("A map") && stderr(&output).contains("review"), "{}", stderr(&output));
}

#[test]
fn author_text_is_never_typst_code() {
    let site = Site::init(&["--minimal"]);
    site.write(
        "content/review/_index.md",
        "---\ntitle: \"#set page(width: 1cm) \\\" ] ) *x*\"\n---\n\nA #pagebreak() and $x$ and x < y > z and @ref and // not a comment \\ \"quote\" #\"lit\".\n",
    );
    site.build_ok();
    let text = sheets(&site.public().join("handouts/en/guide.pdf")).join("\n");
    assert!(text.contains("#pagebreak() and $x$ and x < y > z and @ref and // not a comment"), "{text}");
    assert!(text.contains("#set page(width: 1cm)"), "{text}");
}

#[test]
fn a_matrix_too_long_to_print_is_a_notice_and_the_pdf_is_still_made() {
    let site = Site::copy("basic");
    let mut csv = String::from("State under Review;Recommendation;Recommending State;Session;Cycle;Response;Issues\n");
    for n in 0..10_000 {
        csv.push_str(&format!(
            "Testland;Ratify treaty number {n} of the region;Southport;46;4;Accepted;Right to health\n"
        ));
    }
    site.write("data/recommendations.csv", csv);
    site.build_ok();
    let text = sheets(&site.public().join("handouts/en/guide.pdf")).join("\n");
    assert!(text.contains("10000 recommendations: too many to print here"), "{}", &text[..text.len().min(3000)]);
    assert!(!text.contains("Ratify treaty number 9999"), "the rows are not typeset");
}

/// Builds `site` with its PDFs kept in `cache`.
#[track_caller]
fn build_with_cache(site: &Site, cache: &Path) {
    let output = assert_cmd::Command::cargo_bin("uprkit")
        .expect("binary built")
        .current_dir(site.root())
        .env("UPRKIT_CACHE_DIR", cache)
        .arg("build")
        .output()
        .expect("runs");
    assert_success(&output);
}

/// The kept PDFs: name and bytes.
fn kept(cache: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut entries: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(cache.join("pdf"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    entries.sort();
    entries
}

/// The built PDFs: path in the site and bytes.
fn built_pdfs(site: &Site) -> Vec<(String, Vec<u8>)> {
    let dir = site.public().join("handouts/en");
    let mut pdfs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "pdf"))
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect();
    pdfs.sort();
    pdfs
}

#[test]
fn a_pdf_made_from_the_same_text_is_taken_from_the_cache_and_an_edit_typesets_only_what_it_touches() {
    let site = Site::init(&["--minimal"]);
    let cache = site.outside().join("cache");
    build_with_cache(&site, &cache);
    let first = built_pdfs(&site);
    assert_eq!(
        first.len(),
        4,
        "the guide and one per phase: {:?}",
        first.iter().map(|(name, _)| name).collect::<Vec<_>>()
    );
    let entries = kept(&cache);
    assert_eq!(entries.len(), first.len(), "each PDF is kept once");

    // What the cache holds is what the build writes: two kept PDFs swapped
    // are written swapped (so a build reads them, and typesets nothing).
    let (a, b) = (&entries[0], &entries[1]);
    std::fs::write(&a.0, &b.1).unwrap();
    std::fs::write(&b.0, &a.1).unwrap();
    build_with_cache(&site, &cache);
    let swapped = built_pdfs(&site);
    assert_ne!(swapped, first, "the kept files were used");
    std::fs::write(&a.0, &a.1).unwrap();
    std::fs::write(&b.0, &b.1).unwrap();

    // A kept file cut short (a full disk) is not a PDF: typeset again, and kept whole.
    for (path, bytes) in &entries {
        std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
    }
    build_with_cache(&site, &cache);
    assert_eq!(built_pdfs(&site), first, "the same PDFs, typeset again");
    assert_eq!(kept(&cache), entries, "and kept whole again");

    // An edit to the review page: the guide and the review phase's PDF are new; the others are kept.
    let page = std::fs::read_to_string(site.root().join("content/review/_index.md")).unwrap();
    site.write("content/review/_index.md", format!("{page}\nOne more sentence about the webcast.\n"));
    build_with_cache(&site, &cache);
    let edited = built_pdfs(&site);
    let changed: Vec<&str> =
        edited.iter().zip(&first).filter(|(new, old)| new.1 != old.1).map(|(new, _)| new.0.as_str()).collect();
    assert_eq!(changed, ["guide.pdf", "review.pdf"]);
    assert_eq!(kept(&cache).len(), first.len() + 2, "two PDFs typeset and kept");
    assert!(sheets(&site.public().join("handouts/en/review.pdf")).join("\n").contains("One more sentence"));
}

#[test]
fn a_guide_of_more_than_300_pages_gets_pdfs_only_when_asked_and_says_so() {
    let site = Site::copy("basic");
    for n in 1..=300 {
        site.write(
            &format!("content/preparation/step-{n}.md"),
            format!("---\ntitle: Step {n}\n---\n\nText of step {n}.\n"),
        );
    }
    let output = site.build_ok();
    let said = stderr(&output);
    assert!(said.contains("no PDF guides: the guide has"), "{said}");
    assert!(said.contains("write `pdf: true` in uprkit.yaml"), "{said}");
    assert!(site.public().join("handouts/en/guide.html").is_file(), "the HTML handouts are still made");
    assert!(!site.public().join("handouts/en/guide.pdf").exists());
    // No page links to the PDFs that were not made.
    let home = site.page("index.html");
    assert!(home.contains("handouts/en/guide.html") && !home.contains(".pdf"), "{home}");
    // Said not to want them: nothing to say.
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}pdf: false\n"));
    let said = stderr(&site.build_ok());
    assert!(!said.contains("no PDF guides"), "{said}");
}
