//! Key dates of a country's review, computed from the Working Group date
//! with the approximate offsets the guide teaches, and the same dates as an
//! iCalendar file. The offsets are approximate: pages say so.

use serde::Serialize;
use time::Date;

/// One step of the timeline, relative to the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Milestone {
    /// Also the UI string key of its name (`date_<id>`) and description (`date_<id>_when`).
    pub id: &'static str,
    /// Months from the review (negative: before it).
    pub months: i32,
    /// Days added after the months.
    pub days: i32,
    /// Only the review itself falls on a known day; the other steps are
    /// shown as the month they fall in (and put in calendars on their
    /// estimate, named as approximate).
    pub exact: bool,
    /// The phase whose pages are about it: the step links to its page.
    pub phase: &'static str,
}

/// The milestones, in order. Approximate by nature: deadlines and sessions
/// are set by OHCHR and the Council for each cycle.
pub const MILESTONES: &[Milestone] = &[
    Milestone { id: "submission", months: -7, days: 0, exact: false, phase: "preparation" },
    Milestone { id: "lobbying", months: -1, days: 0, exact: false, phase: "review" },
    Milestone { id: "review", months: 0, days: 0, exact: true, phase: "review" },
    Milestone { id: "draft_report", months: 0, days: 3, exact: false, phase: "review" },
    Milestone { id: "adoption", months: 4, days: 0, exact: false, phase: "review" },
    Milestone { id: "mid_term", months: 31, days: 0, exact: false, phase: "follow-up" },
    Milestone { id: "next_review", months: 54, days: 0, exact: false, phase: "preparation" },
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyDate {
    pub id: &'static str,
    /// YYYY-MM-DD for the review, YYYY-MM (its month) for the other steps.
    pub date: String,
    pub months: i32,
    pub days: i32,
    pub exact: bool,
}

/// `date` moved by whole months, the day clamped to the month's length.
pub fn add_months(date: Date, months: i32) -> Date {
    let index = date.year() * 12 + (date.month() as i32 - 1) + months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let month = time::Month::try_from(month as u8).expect("1..=12");
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).expect("valid date")
}

/// The day `milestone` falls on, or is estimated to, for a review on `review`.
fn estimate(review: Date, milestone: &Milestone) -> Date {
    add_months(review, milestone.months) + time::Duration::days(milestone.days.into())
}

pub fn timeline(review: Date) -> Vec<KeyDate> {
    MILESTONES
        .iter()
        .map(|milestone| {
            let date = estimate(review, milestone);
            let date = if milestone.exact { iso(date) } else { iso(date)[..7].to_string() };
            KeyDate { id: milestone.id, date, months: milestone.months, days: milestone.days, exact: milestone.exact }
        })
        .collect()
}

/// YYYY-MM-DD.
pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month() as u8, date.day())
}

/// What a calendar file says besides its dates.
pub struct CalendarText<'a> {
    /// The calendar's name.
    pub title: &'a str,
    /// The toolkit, in each event's UID (the site's id).
    pub site: &'a str,
    /// Each step's name and when it happens, in the reader's language.
    pub names: &'a [(String, String)],
    /// The name of an approximate step: `{step}` and the word for it.
    pub approximate: &'a str,
    /// When the dates were made: DTSTAMP, and SEQUENCE (minutes since
    /// 1970), which grows with it, so that a calendar takes a file made
    /// after a date changed as an update of the events it has.
    pub made: time::OffsetDateTime,
}

/// An iCalendar file with one all-day event per key date: the review's
/// day, and each approximate step on its best estimate (never before the
/// step it follows), named as approximate. Each event's UID is the
/// toolkit's and the step's, the same whatever the date. `uprkit.js` writes
/// the same file in the page from a reader's own date.
pub fn icalendar(review: Date, text: &CalendarText) -> String {
    let mut out =
        String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//uprkit//key dates//EN\r\nCALSCALE:GREGORIAN\r\n");
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", escape(text.title))));
    let made = text.made.to_offset(time::UtcOffset::UTC);
    let stamp =
        format!("{}T{:02}{:02}{:02}Z", iso(made.date()).replace('-', ""), made.hour(), made.minute(), made.second());
    let sequence = made.unix_timestamp().max(0) / 60;
    let mut earliest = None;
    for (milestone, (name, description)) in MILESTONES.iter().zip(text.names) {
        let estimated = estimate(review, milestone);
        let day = earliest.map_or(estimated, |earliest: Date| estimated.max(earliest));
        earliest = Some(day);
        let summary = if milestone.exact { name.clone() } else { text.approximate.replace("{step}", name) };
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&fold(&format!("UID:{}-{}@uprkit", text.site, milestone.id.replace('_', "-"))));
        out.push_str(&format!("DTSTAMP:{stamp}\r\nSEQUENCE:{sequence}\r\n"));
        let (start, end) = (iso(day).replace('-', ""), iso(day + time::Duration::days(1)).replace('-', ""));
        out.push_str(&format!("DTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\n"));
        out.push_str(&fold(&format!("SUMMARY:{}", escape(&summary))));
        out.push_str(&fold(&format!("DESCRIPTION:{}", escape(description))));
        out.push_str("TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// Text values escape `\`, `;`, `,` and newlines (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// Lines longer than 75 octets are folded, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_clamp_to_the_end_of_short_months() {
        assert_eq!(add_months(date!(2027 - 03 - 31), -1), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2027 - 05 - 04), -7), date!(2026 - 10 - 04));
        assert_eq!(add_months(date!(2027 - 05 - 04), 54), date!(2031 - 11 - 04));
    }

    #[test]
    fn the_timeline_follows_the_review_date() {
        let dates = timeline(date!(2027 - 05 - 04));
        let pairs: Vec<(&str, &str)> = dates.iter().map(|d| (d.id, d.date.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("submission", "2026-10"),
                ("lobbying", "2027-04"),
                ("review", "2027-05-04"),
                ("draft_report", "2027-05"),
                ("adoption", "2027-09"),
                ("mid_term", "2029-12"),
                ("next_review", "2031-11"),
            ]
        );
    }

    #[test]
    fn the_calendar_is_valid_icalendar() {
        let names: Vec<(String, String)> =
            MILESTONES.iter().map(|m| (format!("{}, name", m.id), "About; roughly".to_string())).collect();
        let made = time::macros::datetime!(2026-12-07 14:05:09 UTC);
        let text = CalendarText {
            title: "UPR key dates",
            site: "my-guide",
            names: &names,
            approximate: "{step} (approx.)",
            made,
        };
        let ics = icalendar(date!(2027 - 05 - 04), &text);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 7);
        assert!(ics.contains("UID:my-guide-review@uprkit\r\nDTSTAMP:20261207T140509Z\r\nSEQUENCE:29944205\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20270504\r\nDTEND;VALUE=DATE:20270505\r\n"));
        // Approximate steps are a day, on their estimate: a few days after the review.
        assert!(ics.contains("UID:my-guide-draft-report@uprkit\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20270507\r\nDTEND;VALUE=DATE:20270508\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261004\r\nDTEND;VALUE=DATE:20261005\r\n"));
        assert!(ics.contains("SUMMARY:review\\, name\r\n"));
        assert!(ics.contains("SUMMARY:draft_report\\, name (approx.)\r\n"));
        assert!(ics.contains("DESCRIPTION:About\\; roughly\r\n"));
        assert!(ics.lines().all(|line| line.len() <= 75), "{ics}");
    }

    #[test]
    fn a_step_is_never_before_the_one_it_follows() {
        // A review on the 31st: a month before clamps to the 30th, and a
        // step 0 months 0 days after the review would be on it.
        let names: Vec<(String, String)> = MILESTONES.iter().map(|m| (m.id.to_string(), String::new())).collect();
        let made = time::macros::datetime!(2026-12-07 00:00 UTC);
        let text = CalendarText { title: "T", site: "s", names: &names, approximate: "{step}", made };
        let ics = icalendar(date!(2027 - 01 - 31), &text);
        let starts: Vec<&str> = ics.lines().filter_map(|line| line.strip_prefix("DTSTART;VALUE=DATE:")).collect();
        assert!(starts.windows(2).all(|pair| pair[0] <= pair[1]), "{starts:?}");
    }
}
