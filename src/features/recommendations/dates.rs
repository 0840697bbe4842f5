//! A plan's target dates as people write them: ISO dates, months,
//! quarters, years, and day/month/year read in the order the column's
//! dates show (a US spreadsheet's month first).

use std::path::Path;

use super::table::{Cell, Table};
use crate::engine::error::Diagnostic;

/// A plan's target date: as the matrix shows it (`2027-06-30`, `2027-06`
/// or `2027`, the precision the author gave) and the day it falls due (the
/// last day of that month or year), from which a reader's page tells
/// whether it is overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetDate {
    pub written: String,
    pub due: time::Date,
}

/// Which comes first in a date such as 07/12/2026: the day, as most of the
/// world writes it and as a column is read unless it shows otherwise, or
/// the month, as a column from a US spreadsheet shows with 12/31/2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// The two numbers before the year of a date such as 07/12/2026, if it is one.
fn day_and_month(text: &str) -> Option<(u16, u16)> {
    let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [first, second, year] if year.len() == 4 && !first.is_empty() && !second.is_empty() => {
            Some((first.parse().ok()?, second.parse().ok()?))
        }
        _ => None,
    }
}

/// How the dates of one column are written: month first if one of them
/// can only be (12/31/2026), else day first. Two dates that can only be
/// read in opposite orders (31/12/2026 and 12/31/2026) are the indexes of
/// both, the day-first one first: the column cannot be read.
pub fn day_order<'t>(texts: impl Iterator<Item = &'t str>) -> Result<DayOrder, (usize, usize)> {
    let (mut day_first, mut month_first) = (None, None);
    for (index, text) in texts.enumerate() {
        match day_and_month(text) {
            Some((first, second)) if first > 12 && second <= 12 => day_first = day_first.or(Some(index)),
            Some((first, second)) if second > 12 && first <= 12 => month_first = month_first.or(Some(index)),
            _ => {}
        }
    }
    match (day_first, month_first) {
        (Some(day), Some(month)) => Err((day, month)),
        (None, Some(_)) => Ok(DayOrder::MonthFirst),
        _ => Ok(DayOrder::DayFirst),
    }
}

/// "2027-06-30", "2027-06", "2027", "30/06/2027" or "30.06.2027" (in the
/// column's `order`: day first, as the UN and most countries write it,
/// unless a date of the column can only be month first), "Q2 2027";
/// empty: none.
pub fn target_date(text: &str, order: DayOrder) -> Result<Option<TargetDate>, ()> {
    use time::{Date, Month};
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let number = |s: &str| -> Result<u16, ()> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(());
        }
        s.parse().map_err(|_| ())
    };
    let year_of = |s: &str| number(s).and_then(|y| if (1990..=2100).contains(&y) { Ok(i32::from(y)) } else { Err(()) });
    let month_of = |m: u16| u8::try_from(m).ok().and_then(|m| Month::try_from(m).ok()).ok_or(());
    let last_of_month = |year: i32, month: Month| -> Result<Date, ()> {
        Date::from_calendar_date(year, month, month.length(year)).map_err(|_| ())
    };
    let day = |year: i32, month: u16, day: u16| -> Result<TargetDate, ()> {
        let date =
            Date::from_calendar_date(year, month_of(month)?, u8::try_from(day).map_err(|_| ())?).map_err(|_| ())?;
        Ok(TargetDate { written: format!("{year:04}-{month:02}-{day:02}"), due: date })
    };
    let upper = text.to_uppercase();
    let words: Vec<&str> = upper.split_whitespace().collect();
    if let [a, b] = words.as_slice() {
        let (quarter, year) = if a.starts_with('Q') { (a, b) } else { (b, a) };
        if let Some(q) = quarter.strip_prefix('Q').and_then(|q| number(q).ok()).filter(|q| (1..=4).contains(q)) {
            let year = year_of(year)?;
            let due = last_of_month(year, month_of(q * 3)?)?;
            return Ok(Some(TargetDate { written: format!("{year:04}-Q{q}"), due }));
        }
        return Err(());
    }
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let found = match parts.as_slice() {
        [year] => {
            let year = year_of(year)?;
            TargetDate { written: year.to_string(), due: last_of_month(year, Month::December)? }
        }
        [year, month] if text.contains('-') && year.len() == 4 => {
            let (year, month) = (year_of(year)?, number(month)?);
            TargetDate { written: format!("{year:04}-{month:02}"), due: last_of_month(year, month_of(month)?)? }
        }
        [month, year] if year.len() == 4 => {
            let (year, month) = (year_of(year)?, number(month)?);
            TargetDate { written: format!("{year:04}-{month:02}"), due: last_of_month(year, month_of(month)?)? }
        }
        [year, month, d] if year.len() == 4 => day(year_of(year)?, number(month)?, number(d)?)?,
        [first, second, year] if year.len() == 4 => {
            let (first, second, year) = (number(first)?, number(second)?, year_of(year)?);
            match order {
                DayOrder::MonthFirst => day(year, first, second)?,
                DayOrder::DayFirst => day(year, second, first)?,
            }
        }
        _ => return Err(()),
    };
    Ok(Some(found))
}

/// The order of the dates of `cells` (a column of `table`, read from
/// `source`), and the error where the column has dates that can only be
/// day first and others that can only be month first.
pub(super) fn column_order(source: &Path, table: &Table, cells: &[&Cell]) -> (DayOrder, Option<Diagnostic>) {
    match day_order(cells.iter().map(|cell| cell.text.as_str())) {
        Ok(order) => (order, None),
        Err((day, month)) => {
            let (day, month) = (cells[day], cells[month]);
            let problem = Diagnostic::new(
                table.cell_at(source, month),
                format!(
                    "`{}` has the month first, but `{}` ({}) has the day first: the dates of the column cannot all be read",
                    month.text,
                    day.text,
                    table.cell_at(source, day)
                ),
            )
            .with_help("write every target date as year-month-day (2027-06-30), or all with the day first (30/06/2027)");
            (DayOrder::DayFirst, Some(problem))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_dates_are_read_as_people_write_them() {
        let read = |text: &str| {
            let order = day_order(std::iter::once(text)).unwrap_or_default();
            target_date(text, order).map(|d| d.map(|d| (d.written, d.due.to_string())))
        };
        assert_eq!(read("2027-06-30"), Ok(Some(("2027-06-30".into(), "2027-06-30".into()))));
        assert_eq!(read(" 2027-6 "), Ok(Some(("2027-06".into(), "2027-06-30".into()))));
        assert_eq!(read("2028"), Ok(Some(("2028".into(), "2028-12-31".into()))));
        assert_eq!(read("30/06/2027"), Ok(Some(("2027-06-30".into(), "2027-06-30".into()))));
        assert_eq!(read("06/30/2027"), Ok(Some(("2027-06-30".into(), "2027-06-30".into()))));
        assert_eq!(read("1.2.2027"), Ok(Some(("2027-02-01".into(), "2027-02-01".into()))));
        assert_eq!(read("02/2028"), Ok(Some(("2028-02".into(), "2028-02-29".into()))));
        assert_eq!(read("Q2 2027"), Ok(Some(("2027-Q2".into(), "2027-06-30".into()))));
        assert_eq!(read("2027 q4"), Ok(Some(("2027-Q4".into(), "2027-12-31".into()))));
        assert_eq!(read(""), Ok(None));
        for wrong in ["soon", "2027-13", "31/02/2027", "27", "end of 2027", "2027-06-30-1", "Q5 2027"] {
            assert_eq!(read(wrong), Err(()), "{wrong}");
        }
    }

    /// A column is read in one order: a US spreadsheet's 07/12/2026 beside
    /// its 12/31/2026 is 12 July; beside 31/12/2026, 7 December; a column
    /// with both kinds cannot be read.
    #[test]
    fn a_column_s_dates_are_read_in_the_order_its_dates_show() {
        let us = ["07/12/2026", "12/31/2026", "7/1/2027", "2027-06-30", ""];
        let order = day_order(us.iter().copied());
        assert_eq!(order, Ok(DayOrder::MonthFirst));
        let read = |text: &str| target_date(text, order.unwrap()).unwrap().unwrap().written;
        assert_eq!(
            us[..4].iter().map(|d| read(d)).collect::<Vec<_>>(),
            ["2026-07-12", "2026-12-31", "2027-07-01", "2027-06-30"]
        );
        let world = ["07/12/2026", "31/12/2026", "7/1/2027"];
        let order = day_order(world.iter().copied());
        assert_eq!(order, Ok(DayOrder::DayFirst));
        let read = |text: &str| target_date(text, order.unwrap()).unwrap().unwrap().written;
        assert_eq!(world.iter().map(|d| read(d)).collect::<Vec<_>>(), ["2026-12-07", "2026-12-31", "2027-01-07"]);
        assert_eq!(day_order(["07/12/2026", "31/12/2026", "12/31/2026"].into_iter()), Err((1, 2)));
        // Month first, a day-first date that cannot be one is an error.
        assert_eq!(target_date("31/06/2027", DayOrder::MonthFirst), Err(()));
    }
}
