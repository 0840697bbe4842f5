//! Navigation by phase: the cycle drawn as SVG, pages per audience, and the
//! key dates of a country's review with their calendar file (checked
//! against RFC 5545's rules).

use crate::common;

use common::Site;

#[test]
fn the_cycle_marks_the_current_phase_and_mirrors_in_arabic() {
    let site = Site::copy("basic");
    site.build_ok();
    let section = site.page("review/index.html");
    assert!(section.contains("<svg class=\"cycle-svg\""), "{section}");
    assert!(section.contains("<g class=\"cycle-phase phase-review is-current\" style=\"--phase: #7b3a8c\"><a href=\"../review/index.html\" aria-current=\"true\">"), "{section}");
    let home = site.page("index.html");
    assert!(home.contains("<svg class=\"cycle-svg\"") && !home.contains("is-current"), "no phase is current at home");
    let x_of = |html: &str, phase: &str| -> usize {
        let group = &html[html.find(&format!("cycle-phase phase-{phase}")).unwrap()..];
        let cx = &group[group.find("cx=\"").unwrap() + 4..];
        cx[..cx.find('"').unwrap()].parse().unwrap()
    };
    assert!(x_of(&home, "preparation") < x_of(&home, "follow-up"));
    let arabic = site.page("ar/index.html");
    assert!(x_of(&arabic, "preparation") > x_of(&arabic, "follow-up"), "right to left in Arabic");
    assert!(
        arabic.contains("<text class=\"cycle-label\" x=\"375\" y=\"84\" text-anchor=\"middle\">الإعداد</text>"),
        "{arabic}"
    );
}

#[test]
fn audience_badges_lead_to_a_page_per_audience() {
    let site = Site::copy("basic");
    site.build_ok();
    let page = site.page("preparation/report/index.html");
    assert!(page.contains("<li><a href=\"../../audience/nhri/index.html\">NHRIs</a></li>"), "{page}");
    let nhri = site.page("audience/nhri/index.html");
    assert!(nhri.contains("<title>For NHRIs · Fixture toolkit</title>"), "{nhri}");
    assert!(nhri.contains("<a href=\"../../preparation/report/index.html\">Stakeholder report</a>"), "{nhri}");
    assert!(!nhri.contains("Interactive dialogue"), "only pages for that audience");
    let french = site.page("fr/audience/cso/index.html");
    assert!(french.contains("<h1>Public : Société civile</h1>"), "{french}");
    assert!(!site.public().join("audience/media").exists(), "no page for an audience no page speaks to");
}

#[test]
fn key_dates_follow_the_review_date_and_go_into_a_calendar() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write("uprkit.yaml", format!("{config}review_date: 2027-05-04\n"));
    site.build_ok();
    let page = site.page("key-dates/index.html");
    assert!(page.contains("data-review-date=\"2027-05-04\""));
    // The review falls on its day; the other steps around a month, and each
    // step links to its phase (the fixture names no page for it).
    for (step, shown, phase) in [
        ("submission", "around <time datetime=\"2026-10\">October 2026</time>", "preparation"),
        ("review", "<time datetime=\"2027-05-04\">4 May 2027</time>", "review"),
        ("adoption", "around <time datetime=\"2027-09\">September 2027</time>", "review"),
        ("mid_term", "around <time datetime=\"2029-12\">December 2029</time>", "follow-up"),
    ] {
        let row = &page[page.find(&format!("<tr class=\"timeline-{step}\"")).unwrap()..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert!(row.contains(&format!("<td data-date>{shown}</td>")), "{step}: {row}");
        if site.public().join(phase).exists() {
            assert!(row.contains(&format!("<a href=\"../{phase}/index.html\">")), "{step}: {row}");
        }
    }
    assert!(page.contains("approximate"), "the page says the dates are approximate");
    assert!(
        page.contains("data-calendar href=\"../key-dates/upr-key-dates.ics\" download=\"upr-key-dates.ics\">"),
        "{page}"
    );
    let calendar = site.page("key-dates/upr-key-dates.ics");
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 7);
    assert!(calendar.contains("DTSTART;VALUE=DATE:20270504\r\nDTEND;VALUE=DATE:20270505\r\n"));
    assert!(calendar.contains("SUMMARY:Review in the Working Group (interactive dialogue)\r\n"));
    let french = site.page("fr/key-dates/upr-key-dates.ics");
    assert!(french.contains("SUMMARY:Examen par le Groupe de travail (dialogue interactif)\r\n"), "{french}");
}

/// The events of an iCalendar file, unfolded, as (property, value) lists;
/// panics where the file breaks RFC 5545: lines end with CRLF and hold at
/// most 75 octets, a folded line goes on after one space, each content line
/// is `NAME[;params]:value`, text values escape `\`, `;`, `,` and newlines,
/// components open and close in pairs, and every event has one UID,
/// DTSTAMP (in UTC) and DTSTART, a DTEND after it, and a UID of its own.
#[track_caller]
fn rfc5545_events(ics: &str) -> Vec<Vec<(String, String)>> {
    assert!(ics.ends_with("\r\n"), "the last line ends with CRLF");
    let physical: Vec<&str> = ics[..ics.len() - 2].split("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for line in physical {
        assert!(!line.contains('\n') && !line.contains('\r'), "a bare CR or LF: {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a folded line follows another").push_str(rest),
            None => lines.push(line.to_string()),
        }
    }
    let (mut open, mut events, mut uids) = (Vec::new(), Vec::new(), std::collections::BTreeSet::new());
    for line in lines {
        let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("no colon: {line:?}"));
        let property = name.split(';').next().unwrap();
        assert!(
            !property.is_empty() && property.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
            "a property name: {line:?}"
        );
        if ["SUMMARY", "DESCRIPTION", "X-WR-CALNAME"].contains(&property) {
            let mut chars = value.chars();
            while let Some(c) = chars.next() {
                assert!(c != ';' && c != ',', "unescaped {c:?} in {line:?}");
                if c == '\\' {
                    assert!(matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')), "a bad escape in {line:?}");
                }
            }
        }
        match property {
            "BEGIN" => {
                open.push(value.to_string());
                if value == "VEVENT" {
                    events.push(Vec::new());
                }
            }
            "END" => assert_eq!(open.pop().as_deref(), Some(value), "{value} closes what it did not open"),
            _ if open.last().map(String::as_str) == Some("VEVENT") => {
                events.last_mut().unwrap().push((name.to_string(), value.to_string()))
            }
            _ => {}
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
    for event in &events {
        let one = |key: &str| {
            let found: Vec<&String> =
                event.iter().filter(|(name, _)| name.split(';').next() == Some(key)).map(|(_, v)| v).collect();
            assert_eq!(found.len(), 1, "one {key} in {event:?}");
            found[0].clone()
        };
        let stamp = one("DTSTAMP");
        assert!(stamp.len() == 16 && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T', "DTSTAMP in UTC: {stamp}");
        assert!(one("DTEND") > one("DTSTART"), "{event:?}");
        assert!(uids.insert(one("UID")), "a UID of its own: {event:?}");
    }
    events
}

/// The value of `key` in `event`.
fn property(event: &[(String, String)], key: &str) -> String {
    event.iter().find(|(name, _)| name.split(';').next() == Some(key)).map(|(_, v)| v.clone()).unwrap_or_default()
}

#[test]
fn the_calendar_is_valid_icalendar_whose_events_a_new_date_updates() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    let build = |date: &str, epoch: &str| {
        site.write("uprkit.yaml", format!("{config}review_date: {date}\n"));
        let output = assert_cmd::Command::cargo_bin("uprkit")
            .unwrap()
            .current_dir(site.root())
            .env("SOURCE_DATE_EPOCH", epoch)
            .args(["build", "-q"])
            .output()
            .unwrap();
        common::assert_success(&output);
        (rfc5545_events(&site.page("key-dates/upr-key-dates.ics")), site.page("ar/key-dates/upr-key-dates.ics"))
    };
    let (events, arabic) = build("2027-05-04", "1796652309");
    rfc5545_events(&arabic);
    let step = |events: &[Vec<(String, String)>], id: &str| {
        let uid = format!("fixture-toolkit-{id}@uprkit");
        events.iter().find(|event| property(event, "UID") == uid).unwrap_or_else(|| panic!("{uid}: {events:?}")).clone()
    };
    // The draft report, "a few days after the review": a day, after it, and said to be approximate.
    let draft = step(&events, "draft-report");
    assert_eq!((property(&draft, "DTSTART"), property(&draft, "DTEND")), ("20270507".into(), "20270508".into()));
    assert_eq!(property(&draft, "SUMMARY"), "Draft report of the Working Group (approximate date)");
    let review = step(&events, "review");
    assert_eq!(property(&review, "SUMMARY"), "Review in the Working Group (interactive dialogue)");
    assert!(arabic.contains("(تاريخ تقريبي)"), "{arabic}");
    // Stamped when made, not with the review's date.
    assert_eq!(property(&review, "DTSTAMP"), "20261207T140509Z");
    let starts: Vec<String> = events.iter().map(|event| property(event, "DTSTART")).collect();
    assert!(starts.windows(2).all(|pair| pair[0] <= pair[1]), "no step before the one it follows: {starts:?}");
    // Another date, set later: the same events, a later SEQUENCE, so calendars update them.
    let (moved, _) = build("2027-11-09", "1796738709");
    let uids = |events: &[Vec<(String, String)>]| events.iter().map(|event| property(event, "UID")).collect::<Vec<_>>();
    assert_eq!(uids(&moved), uids(&events));
    let sequence = |event: &[(String, String)]| property(event, "SEQUENCE").parse::<u64>().unwrap();
    assert!(sequence(&step(&moved, "review")) > sequence(&review));
    assert_eq!(property(&step(&moved, "review"), "DTSTART"), "20271109");
}

#[test]
fn key_dates_go_into_a_page_and_onto_paper_with_a_shortcode() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write(
        "uprkit.yaml",
        format!("{config}review_date: 2027-05-04\nkey_date_pages:\n  submission: preparation/report.md\n"),
    );
    let dialogue = std::fs::read_to_string(site.root().join("content/review/dialogue.md")).unwrap();
    site.write("content/review/dialogue.md", format!("{dialogue}\n{{{{ key_dates(caption=\"Our review\") }}}}\n"));
    site.build_ok();
    let page = site.page("review/dialogue/index.html");
    let embed = &page[page.find("<figure class=\"key-dates-embed\">").expect("the timeline in the page")..];
    let embed = &embed[..embed.find("</figure>").unwrap()];
    assert!(embed.contains("<figcaption>Our review</figcaption>"), "{embed}");
    assert!(embed.contains("<time datetime=\"2027-05-04\">4 May 2027</time>"), "{embed}");
    assert!(embed.contains("around <time datetime=\"2026-10\">October 2026</time>"), "{embed}");
    // Links from this page: to the page about a step, and to the key dates page.
    assert!(embed.contains("<a href=\"../../preparation/report/index.html\">"), "{embed}");
    assert!(embed.contains("<a href=\"../../key-dates/index.html\">"), "{embed}");
    assert!(embed.contains("approximate"), "{embed}");
    // On paper: the same timeline, its step's page inside the handout, no link to a page it lacks.
    let handout = site.page("handouts/en/guide.html");
    let printed = &handout[handout.find("<figure class=\"key-dates-embed\">").expect("the timeline on paper")..];
    let printed = &printed[..printed.find("</figure>").unwrap()];
    assert!(printed.contains("<time datetime=\"2027-05-04\">4 May 2027</time>"), "{printed}");
    assert!(printed.contains("<a href=\"#p-preparation--report\">"), "{printed}");
    assert!(!printed.contains("key-dates/index.html"), "{printed}");
    // In French, in French.
    let french = site.page("fr/review/dialogue/index.html");
    assert!(french.contains("4 mai 2027"), "{french}");

    site.write("content/review/dialogue.md", format!("{dialogue}\n{{{{ key_dates(captoin=\"x\") }}}}\n"));
    let message = common::stderr(&site.build(&[]));
    assert!(message.contains("content/review/dialogue.md:") && message.contains("captoin"), "{message}");
}

#[test]
fn without_a_review_date_the_page_asks_for_one() {
    let site = Site::copy("basic");
    site.build_ok();
    let page = site.page("key-dates/index.html");
    assert!(page.contains("data-no-date>Enter the date of your country"), "{page}");
    assert!(!page.contains("<time datetime"));
    assert!(!site.public().join("key-dates/upr-key-dates.ics").exists());
}

#[test]
fn key_date_pages_name_the_page_about_each_step() {
    let site = Site::copy("basic");
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write(
        "uprkit.yaml",
        format!("{config}review_date: 2027-05-04\nkey_date_pages:\n  submission: preparation/report.md\n"),
    );
    site.build_ok();
    let page = site.page("key-dates/index.html");
    let row = &page[page.find("<tr class=\"timeline-submission\"").unwrap()..];
    assert!(row[..row.find("</tr>").unwrap()].contains("<a href=\"../preparation/report/index.html\">"), "{row}");
    let french = site.page("fr/key-dates/index.html");
    assert!(french.contains("<a href=\"../../fr/preparation/report/index.html\">"), "{french}");

    site.write("uprkit.yaml", format!("{config}key_date_pages:\n  submision: preparation/report.md\n"));
    let output = site.build(&[]);
    let message = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(message.contains("`submision` is not a step of the key dates"), "{message}");
    assert!(message.contains("the steps are submission, lobbying"), "{message}");
    site.write("uprkit.yaml", format!("{config}key_date_pages:\n  submission: preparation/nope.md\n"));
    let message = common::stderr(&site.build(&[]));
    assert!(message.contains("uprkit.yaml:") && message.contains("no page content/preparation/nope.md"), "{message}");
}

#[test]
fn a_phase_card_shows_its_section_s_summary_else_the_theme_s_words() {
    let site = Site::copy("basic");
    site.write(
        "content/preparation/_index.md",
        "---\ntitle: Preparation\nphase: preparation\nweight: 10\nsummary: Our own words for getting ready.\n---\n\nPages about preparing for the review.\n",
    );
    site.write(
        "content/preparation/_index.fr.md",
        "---\ntitle: Préparation\nsummary: Nos mots pour se préparer.\n---\n\nLes pages sur la préparation.\n",
    );
    site.build_ok();
    let home = site.page("index.html");
    assert!(home.contains("Our own words for getting ready."), "the section's summary: {home}");
    assert!(home.contains("Lobbying the States, the interactive dialogue"), "no summary: the theme's words");
    assert!(site.page("fr/index.html").contains("Nos mots pour se préparer."), "in the reader's language");
    // Arabic has no translation of the section: the theme's Arabic words, not the English summary.
    assert!(!site.page("ar/index.html").contains("Our own words"), "no English on the Arabic home page");
}
