//! Unit tests of date reading.

use super::*;

fn dates(text: &str, as_of: &str) -> Vec<String> {
    let ctx = Context {
        as_of: crate::model::parse_day(as_of).unwrap(),
        fiscal: FiscalCalendar::Japan,
    };
    let t = Tokens::new(text);
    find(&t, &ctx, &mut (0, 0))
        .into_iter()
        .map(|d| format!("{} '{}'", d.when, &text[d.start..d.end]))
        .collect()
}

#[test]
fn explicit_dates_and_months() {
    assert_eq!(
        dates("on 2026-04-01.", "2026-01-10"),
        ["2026-04-01 '2026-04-01'"]
    );
    assert_eq!(
        dates("on April 1, 2026", "2026-01-10"),
        ["2026-04-01 'April 1, 2026'"]
    );
    assert_eq!(
        dates("on 1 April 2026", "2026-01-10"),
        ["2026-04-01 '1 April 2026'"]
    );
    assert_eq!(
        dates("in early June", "2026-02-10"),
        ["early 2026-06 'early June'"]
    );
    assert_eq!(
        dates("by mid-June 2027", "2026-02-10"),
        ["mid 2027-06 'mid-June 2027'"]
    );
    assert_eq!(dates("it may rise in May", "2026-02-10"), ["2026-05 'May'"]);
    assert_eq!(
        dates("launched in December", "2026-02-10"),
        ["2025-12 'December'"]
    );
    assert_eq!(
        dates("2026年4月1日", "2026-01-10"),
        ["2026-04-01 '2026年4月1日'"]
    );
}

#[test]
fn quarters_halves_years_and_ranges() {
    assert_eq!(
        dates("in Q3 2026 and 3Q27", "2026-01-10"),
        ["2026-Q3 'Q3 2026'", "2027-Q3 '3Q27'"]
    );
    assert_eq!(
        dates("the second half of next year", "2026-01-10"),
        ["2027-H2 'the second half of next year'"]
    );
    assert_eq!(
        dates("by 2027, through 2030", "2026-01-10"),
        ["2027 'by 2027'", "2030 'through 2030'"]
    );
    assert_eq!(
        dates("in late 2025", "2026-01-10"),
        ["late 2025 'late 2025'"]
    );
    assert_eq!(
        dates("over 2026-2030", "2026-01-10"),
        ["2026 '2026'", "2030 '2030'"]
    );
    assert!(
        dates(
            "the 2026 budget, 2,000 GPUs and 1990 units, H100, H20",
            "2026-01-10"
        )
        .is_empty()
    );
}

#[test]
fn fiscal_years_follow_the_calendar() {
    assert_eq!(
        dates("Japan's fiscal 2026 budget", "2025-12-20"),
        ["JP-FY2026 'fiscal 2026'"]
    );
    assert_eq!(
        dates("in early fiscal 2026", "2025-12-20"),
        ["early JP-FY2026 'early fiscal 2026'"]
    );
    assert_eq!(
        dates("METI funds in the fiscal year starting April", "2025-12-20"),
        ["JP-FY2026 'fiscal year starting April'"]
    );
    assert_eq!(
        dates("Congress and the FY2027 request", "2026-03-01"),
        ["US-FY2027 'FY2027'"]
    );
    assert!(dates("the company's fiscal 2027", "2026-03-01").is_empty());
}

#[test]
fn relative_dates_and_weekdays() {
    assert_eq!(dates("next year", "2025-12-20"), ["2026 'next year'"]);
    assert_eq!(
        dates("in April next year", "2025-12-20"),
        ["2026-04 'April next year'"]
    );
    // 2025-03-28 is a Friday: the coming Tuesday is 1 April, the start of JP FY2025.
    assert_eq!(
        dates("fiscal 2025, which starts Tuesday", "2025-03-28"),
        ["JP-FY2025 'fiscal 2025'", "2025-04-01 'Tuesday'"]
    );
    assert_eq!(
        dates("officials said on Wednesday", "2025-03-28"),
        ["2025-03-26 'on Wednesday'"]
    );
    assert_eq!(
        dates("will meet on Wednesday", "2025-03-28"),
        ["2025-04-02 'on Wednesday'"]
    );
}

#[test]
fn reported_future_is_future() {
    // `said ... would` reports a plan: the month after the article's date, not before it.
    assert_eq!(
        dates(
            "The company said holders would vote on December 18.",
            "2026-11-02"
        ),
        ["2026-12-18 'December 18'"]
    );
    assert_eq!(
        dates(
            "It said the campus would get its first tenant in January.",
            "2026-11-10"
        ),
        ["2027-01 'January'"]
    );
    assert_eq!(
        dates("It said the campus opened in January.", "2026-11-10"),
        ["2026-01 'January'"]
    );
}

#[test]
fn a_half_or_quarter_without_a_year_that_is_expected_is_ahead() {
    assert_eq!(
        dates(
            "Makers expect demand to rise in the second half.",
            "2026-03-05"
        ),
        ["2026-H2 'the second half'"]
    );
}
