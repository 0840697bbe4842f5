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
    /// shown (and put in calendars) as the month they fall in.
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

pub fn timeline(review: Date) -> Vec<KeyDate> {
    MILESTONES
        .iter()
        .map(|milestone| {
            let date = add_months(review, milestone.months) + time::Duration::days(milestone.days.into());
            let date = if milestone.exact { iso(date) } else { iso(date)[..7].to_string() };
            KeyDate { id: milestone.id, date, months: milestone.months, days: milestone.days, exact: milestone.exact }
        })
        .collect()
}

/// YYYY-MM-DD.
pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month() as u8, date.day())
}

/// An iCalendar file with one all-day event per key date: the review's day,
/// and for the approximate steps the whole month they fall in. `names`
/// gives each event's title and description in the reader's language.
/// Deterministic: the same review date gives the same file. `uprkit.js`
/// writes the same file in the page from a reader's own date.
pub fn icalendar(review: Date, names: &[(String, String)], calendar_name: &str) -> String {
    let mut out =
        String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//uprkit//key dates//EN\r\nCALSCALE:GREGORIAN\r\n");
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", escape(calendar_name))));
    let stamp = format!("{}T000000Z", iso(review).replace('-', ""));
    for (key_date, (summary, description)) in timeline(review).iter().zip(names) {
        let (start, end) = span(key_date);
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&format!("UID:{}-{}@uprkit\r\n", start, key_date.id.replace('_', "-")));
        out.push_str(&format!("DTSTAMP:{stamp}\r\n"));
        out.push_str(&format!("DTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\n"));
        out.push_str(&fold(&format!("SUMMARY:{}", escape(summary))));
        out.push_str(&fold(&format!("DESCRIPTION:{}", escape(description))));
        out.push_str("TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// First day and the day after the last, as YYYYMMDD: the day of an exact
/// date, the month of an approximate one.
fn span(key_date: &KeyDate) -> (String, String) {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    if key_date.exact {
        let date = Date::parse(&key_date.date, format).expect("we wrote it");
        return (iso(date).replace('-', ""), iso(date + time::Duration::days(1)).replace('-', ""));
    }
    let first = Date::parse(&format!("{}-01", key_date.date), format).expect("we wrote it");
    (iso(first).replace('-', ""), iso(add_months(first, 1)).replace('-', ""))
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
            MILESTONES.iter().map(|m| (format!("{}, approx.", m.id), "About; roughly".to_string())).collect();
        let ics = icalendar(date!(2027 - 05 - 04), &names, "UPR key dates");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 7);
        assert!(ics.contains("DTSTART;VALUE=DATE:20270504\r\nDTEND;VALUE=DATE:20270505\r\n"));
        // Approximate steps span their month; December ends in January.
        assert!(ics.contains("DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261101\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20291201\r\nDTEND;VALUE=DATE:20300101\r\n"));
        assert!(ics.contains("SUMMARY:review\\, approx.\r\n"));
        assert!(ics.contains("DESCRIPTION:About\\; roughly\r\n"));
        assert!(ics.lines().all(|line| line.len() <= 75), "{ics}");
    }
}
