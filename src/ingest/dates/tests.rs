//! Unit tests of date reading.

use super::*;

fn dates(text: &str, as_of: &str) -> Vec<String> {
    dates_with(text, as_of, Some(FiscalCalendar::Japan))
}

fn dates_with(text: &str, as_of: &str, fiscal: Option<FiscalCalendar>) -> Vec<String> {
    let ctx = Context {
        as_of: crate::model::parse_day(as_of).unwrap(),
        fiscal,
        countries: 0,
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

#[test]
fn quarters_named_by_month_and_calendar_years() {
    assert_eq!(
        dates("to be paid in the March quarter of 2027.", "2026-08-18"),
        ["2027-Q1 'the March quarter of 2027'"]
    );
    assert_eq!(
        dates(
            "due to open in the second half of calendar 2027",
            "2026-08-18"
        ),
        ["2027-H2 'the second half of calendar 2027'"]
    );
    assert!(dates("June quarter results beat forecasts", "2026-08-18").is_empty());
}

#[test]
fn a_fiscal_year_named_by_its_end() {
    assert_eq!(
        dates(
            "Tokyo makers raise plans for the fiscal year ending March 2027.",
            "2026-07-22"
        ),
        ["JP-FY2026 'fiscal year ending March 2027'"]
    );
    // Another month ends a company's own year: not modelled, and no month to watch.
    assert!(dates("for the fiscal year ending June 2027.", "2026-07-22").is_empty());
    // Results or earnings for such a year are a reporting period, its last day no event.
    for text in [
        "The impact on the consolidated results for the fiscal year ending March 31, 2027 is minor.",
        "no material impact on earnings per share for the financial year ending 31 March 2027.",
        "contribute to the earnings of the Group for the financial years ending 31 December 2026 and 2027.",
        "Forecast of consolidated results for the fiscal year ending March 31, 2027",
    ] {
        assert!(dates(text, "2026-11-10").is_empty(), "{text}");
    }
    // Its quarters are the calendar quarters it says, whoever's year it is.
    assert_eq!(
        dates_with(
            "will start operation in the fourth quarter of the fiscal year ending March 31, 2027.",
            "2026-11-10",
            None
        ),
        ["2027-Q1 'the fourth quarter of the fiscal year ending March 31, 2027'"]
    );
    assert_eq!(
        dates_with(
            "in the first half of the fiscal year ending June 30, 2027",
            "2026-05-10",
            None
        ),
        ["2026-H2 'the first half of the fiscal year ending June 30, 2027'"]
    );
    // `its fourth quarter ended Oct. 25`: the day it ended, not the quarter.
    assert_eq!(
        dates(
            "results for its fourth quarter ended Oct. 25, 2026.",
            "2026-11-19"
        ),
        ["2026-10-25 'Oct. 25, 2026'"]
    );
}

#[test]
fn what_money_or_a_period_is_for_is_no_date() {
    // The year a budget or a dividend is for; `next quarter's` as `next year's`.
    assert!(
        dates(
            "a capital budget of NT$28.6 billion for next year",
            "2026-11-12"
        )
        .is_empty()
    );
    assert!(dates("The board proposes no dividend for 2026.", "2026-11-12").is_empty());
    assert!(dates("Next quarter's guidance was good.", "2026-11-26").is_empty());
    assert!(dates("ahead of next month's central bank meeting", "2026-11-26").is_empty());
    assert!(dates("the year-end dividend is planned at ¥96", "2026-11-10").is_empty());
    // Events due in that year still are.
    assert_eq!(
        dates(
            "18 tech listings were in the pipeline for next year.",
            "2026-11-12"
        ),
        ["2027 'next year'"]
    );
    assert!(!dates("by year-end.", "2026-11-12").is_empty());
}

#[test]
fn a_period_still_open_after_a_verb_in_the_past_is_history() {
    assert!(
        dates(
            "up to 1,500億円 from METI, approved in FY2026",
            "2026-11-13"
        )
        .is_empty()
    );
    assert_eq!(
        dates("The plant will open in FY2027.", "2026-11-13"),
        ["JP-FY2027 'FY2027'"]
    );
}

#[test]
fn a_company_s_own_fiscal_quarter_is_not_modelled() {
    // A results outlook in a paragraph that names neither Japan nor the US.
    assert!(
        dates_with(
            "In the first quarter of fiscal 2027, Applied expects net revenue to be about $7.3 billion.",
            "2026-11-19",
            Some(FiscalCalendar::Us)
        )
        .is_empty()
    );
    // The Pentagon's is the US federal year.
    assert_eq!(
        dates_with(
            "The work is due to start in the first quarter of fiscal 2027, a Pentagon spokesperson said.",
            "2026-11-12",
            Some(FiscalCalendar::Us)
        ),
        ["2026-Q4 'the first quarter of fiscal 2027'"]
    );
}

#[test]
fn a_fiscal_year_start_is_a_catalyst_only_when_something_is_due_by_it() {
    assert_eq!(
        dates(
            "which the Diet is expected to pass before the fiscal year starts on April 1.",
            "2026-03-04"
        ),
        ["2026-04-01 'April 1'"]
    );
    assert!(
        dates_with(
            "The department's fiscal year begins on Oct. 1.",
            "2026-11-12",
            Some(FiscalCalendar::Us)
        )
        .is_empty()
    );
}

#[test]
fn indian_and_australian_fiscal_years_are_not_japan_s() {
    // India's FY27 (April 2026 to March 2027) after a cue is the year it ends in, as
    // `2026-27` is; history once it has ended; never a period (`FY27 guidance`).
    assert_eq!(
        dates("India will pay incentives starting in FY27.", "2026-07-22"),
        ["2027 'FY27'"]
    );
    assert_eq!(
        dates(
            "In India, Dixon will begin production in FY2028.",
            "2026-11-24"
        ),
        ["2028 'FY2028'"]
    );
    assert!(dates("India paid incentives in FY26.", "2026-07-22").is_empty());
    assert!(dates("FY27 guidance of A$1.6 billion reaffirmed", "2026-07-22").is_empty());
    assert_eq!(
        dates("Japan will pay incentives starting in FY27.", "2026-07-22"),
        ["JP-FY2027 'FY27'"]
    );
}

#[test]
fn tense_after_be_and_done_this_year() {
    // `will be held`: the participle after `be` is to come.
    assert_eq!(
        dates("a conference will be held on Nov. 20.", "2026-10-28"),
        ["2026-11-20 'Nov. 20'"]
    );
    assert!(dates("it had won orders this year.", "2026-09-14").is_empty());
    assert_eq!(
        dates("it will ship later this year.", "2026-09-14"),
        ["2026 'later this year'"]
    );
}

#[test]
fn german_day_with_a_full_stop() {
    assert_eq!(
        dates("FRANKFURT, 3. November 2026 (dpa-AFX)", "2026-11-03"),
        ["2026-11-03 '3. November 2026'"]
    );
}

#[test]
fn german_halves_quarters_months_and_cues() {
    assert_eq!(
        dates(
            "die im ersten Halbjahr 2028 in Betrieb gehen soll",
            "2026-11-03"
        ),
        ["2028-H1 'im ersten Halbjahr 2028'"]
    );
    assert_eq!(
        dates(
            "soll bis Ende März 2027 veröffentlicht werden",
            "2026-11-03"
        ),
        ["late 2027-03 'Ende März 2027'"]
    );
    assert_eq!(
        dates("Investitionen bis 2030.", "2026-11-03"),
        ["2030 '2030'"]
    );
    assert_eq!(
        dates("im dritten Quartal 2027", "2026-11-03"),
        ["2027-Q3 'im dritten Quartal 2027'"]
    );
    // `Mai` is a month only where German dates it; a person is not.
    assert!(dates("Mai Tran said so.", "2026-11-03").is_empty());
    assert_eq!(
        dates("am 3. Mai 2027", "2026-11-03"),
        ["2027-05-03 '3. Mai 2027'"]
    );
}

#[test]
fn fiscal_quarters_are_calendar_quarters() {
    // India's FY27 runs April 2026 to March 2027: its Q3 is October-December 2026.
    assert_eq!(
        dates("Indian chips will ship in Q3 FY27.", "2026-11-17"),
        ["2026-Q4 'Q3 FY27'"]
    );
    // The US federal fiscal 2027 starts in October 2026.
    assert_eq!(
        dates(
            "work starts in the first quarter of fiscal 2027, the Pentagon said",
            "2026-11-12"
        ),
        ["2026-Q4 'the first quarter of fiscal 2027'"]
    );
    // Japan's FY2027 starts in April 2027; its second half is no calendar half.
    assert_eq!(
        dates("Japan: pilot line in Q2 FY2027.", "2026-11-20"),
        ["2027-Q3 'Q2 FY2027'"]
    );
    assert_eq!(
        dates(
            "Japan: pilot line in the second half of FY2027.",
            "2026-11-20"
        ),
        ["JP-FY2027 'the second half of FY2027'"]
    );
    // Australia's FY27 starts in July 2026: its first half is the second half of 2026.
    assert_eq!(
        dates("ASX-listed miners expect it in H1 FY27.", "2026-08-01"),
        ["2026-H2 'H1 FY27'"]
    );
    // An Indian half of the year is no calendar half: no date.
    assert!(dates("three more fabs in India by H1 FY28.", "2026-11-17").is_empty());
    // A reporting period is no date.
    assert!(dates("India's Q3 FY27 results", "2026-11-17").is_empty());
    assert!(dates("Next event: Q4 2026 and full-year earnings", "2026-11-05").is_empty());
}

#[test]
fn fiscal_years_of_no_named_calendar_are_no_date() {
    assert!(
        dates_with(
            "approve the aid in the coming fiscal year",
            "2026-12-02",
            None
        )
        .is_empty()
    );
    assert!(dates_with("invest by FY2028", "2026-12-02", None).is_empty());
    assert_eq!(
        dates_with(
            "invest by FY2028",
            "2026-12-02",
            Some(FiscalCalendar::Japan)
        ),
        ["JP-FY2028 'FY2028'"]
    );
}

#[test]
fn a_fiscal_year_written_by_its_two_years_is_one_date() {
    assert_eq!(
        dates("output of ₹25 lakh crore by 2030-31", "2026-08-12"),
        ["2031 'by 2030-31'"]
    );
    assert_eq!(
        dates("a rate filing in 2026/27", "2026-11-09"),
        ["2027 '2026/27'"]
    );
    // Ended in March 2026: history.
    assert!(dates("up from $130 billion in 2025-26", "2026-11-17").is_empty());
    // A range of calendar years stays two years.
    assert_eq!(
        dates("between 2027-2030", "2026-11-17"),
        ["2027 '2027'", "2030 '2030'"]
    );
    assert_eq!(
        dates("Mass production: 2027 onward", "2026-11-20"),
        ["2027 '2027'"]
    );
}

#[test]
fn present_perfect_is_done() {
    assert!(
        dates(
            "Gamuda has secured jobs worth RM2.1 bil this year.",
            "2026-11-27"
        )
        .is_empty()
    );
    assert_eq!(
        dates(
            "TNB would complete it, while Gamuda will win jobs this year.",
            "2026-11-27"
        ),
        ["2026 'this year'"]
    );
}

#[test]
fn seasons_latter_halves_this_month_and_calendar_years() {
    assert_eq!(
        dates(
            "Construction is expected to begin in spring 2027.",
            "2026-12-01"
        ),
        ["2027 'spring 2027'"]
    );
    assert_eq!(
        dates(
            "it would begin operation in the latter half of next year.",
            "2026-12-01"
        ),
        ["2027-H2 'the latter half of next year'"]
    );
    assert_eq!(
        dates(
            "The ministry is set to announce it later this month.",
            "2026-12-01"
        ),
        ["2026-12 'later this month'"]
    );
    assert_eq!(
        dates(
            "expects the fab to start output in calendar 2028.",
            "2026-11-19"
        ),
        ["2028 'calendar 2028'"]
    );
    assert_eq!(
        dates(
            "Hong Kong stocks climbed on Thursday, led by technology names, after Beijing pledged fresh support.",
            "2026-11-26"
        ),
        ["2026-11-26 'on Thursday'"]
    );
}

#[test]
fn definitions_and_possessives_of_years_are_no_dates() {
    assert!(
        dates(
            "The department's fiscal year begins on Oct. 1.",
            "2026-06-01"
        )
        .is_empty()
    );
    assert_eq!(
        dates(
            "It must pass before the fiscal year starts on April 1.",
            "2026-02-01"
        ),
        ["2026-04-01 'April 1'"]
    );
    assert!(
        dates(
            "It set the direction of next year's economic policy.",
            "2026-12-12"
        )
        .is_empty()
    );
    assert_eq!(
        dates("It will open next year.", "2026-12-12"),
        ["2027 'next year'"]
    );
}

#[test]
fn french_halves_and_cues() {
    assert_eq!(
        dates(
            "La ligne doit entrer en production au second semestre 2027.",
            "2026-11-17"
        ),
        ["2027-H2 'au second semestre 2027'"]
    );
    assert_eq!(
        dates("La pleine capacité est attendue d'ici 2029.", "2026-11-17"),
        ["2029 '2029'"]
    );
}
