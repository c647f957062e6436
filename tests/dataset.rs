//! The curated dataset against the articles: the six tickers traders ask for first, their
//! programs, amounts and next catalyst, plus the completeness of the entity list.

use aipx::index::{Index, Resolution};
use aipx::model::*;
use chrono::NaiveDate;

fn index() -> Index {
    Index::new(aipx::data::load(None).expect("embedded dataset is valid"))
}

fn day(s: &str) -> NaiveDate {
    parse_day(s).unwrap()
}

fn entity(index: &Index, typed: &str) -> EntityId {
    match index.resolve(typed) {
        Resolution::Found(e) => e,
        other => panic!("{typed} resolves to {other:?}"),
    }
}

/// (program id, role, direction, amounts shown for the exposure as "money" strings).
fn exposures(index: &Index, e: EntityId) -> Vec<(String, Role, Direction, Vec<String>)> {
    let mut out: Vec<_> = index
        .exposures_of(e)
        .map(|x| {
            let p = index.program(x.program);
            let money = x
                .funding
                .iter()
                .map(|&l| p.funding[l].money.to_string())
                .collect();
            (p.id.clone(), x.role, x.direction, money)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn next(index: &Index, e: EntityId, today: &str) -> Option<String> {
    index
        .next_catalyst(e, day(today))
        .map(|c| index.catalyst(c).id.clone())
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn nvda_genesis_member_and_sovereign_gpu_supplier() {
    let ix = index();
    let e = entity(&ix, "NVDA");
    assert_eq!(
        exposures(&ix, e),
        [
            (
                "genesis-mission".into(),
                Role::Member,
                Direction::Tailwind,
                s(&["$1B"])
            ),
            (
                "jp-sovereign-ai".into(),
                Role::Supplier,
                Direction::Tailwind,
                s(&["¥1T ($6.34B)"])
            ),
        ]
    );
    // Article 000 (early 2026): with Japan's fiscal year under way, the next thing to
    // happen is the June meeting in Washington; the windows in progress do not hide it.
    assert_eq!(
        next(&ix, e, "2026-05-15").as_deref(),
        Some("genesis-japan-signing")
    );
    // After June only the year-long FY2026 window is running: the 2027 pilots open first.
    assert_eq!(
        next(&ix, e, "2026-08-01").as_deref(),
        Some("sovereign-ai-robot-pilots")
    );
    assert_eq!(
        next(&ix, e, "2027-04-01").as_deref(),
        Some("sovereign-ai-robot-pilots")
    );
}

#[test]
fn msft_genesis_tailwind_but_sovereign_ai_mixed() {
    let ix = index();
    let e = entity(&ix, "MSFT");
    let x = exposures(&ix, e);
    assert_eq!(x.len(), 2);
    assert_eq!(
        (x[0].0.as_str(), x[0].2),
        ("genesis-mission", Direction::Tailwind)
    );
    assert_eq!(
        (x[1].0.as_str(), x[1].1, x[1].2),
        ("jp-sovereign-ai", Role::Competitor, Direction::Mixed)
    );
    let june = ix
        .catalysts_of(e)
        .iter()
        .map(|&c| ix.catalyst(c))
        .find(|c| c.id == "genesis-japan-signing")
        .expect("June Genesis meeting");
    assert_eq!(june.date.label(), "early Jun 2026");
    assert_eq!(june.date.range(), (day("2026-06-01"), day("2026-06-10")));
    assert_eq!(
        next(&ix, e, "2026-05-20").as_deref(),
        Some("genesis-japan-signing")
    );
}

#[test]
fn softbank_leads_sovereign_ai_with_its_own_capital() {
    let ix = index();
    let e = entity(&ix, "9984");
    assert_eq!(
        exposures(&ix, e),
        [(
            "jp-sovereign-ai".into(),
            Role::Lead,
            Direction::Tailwind,
            s(&["¥1T ($6.34B)", "¥2T ($12.7B)", "$5.3B"])
        )]
    );
    // The FY2026 funding window is in progress until 31 March 2027; the 2027 pilots open on
    // 1 January, so they are next.
    assert_eq!(
        next(&ix, e, "2026-11-21").as_deref(),
        Some("sovereign-ai-robot-pilots")
    );
    assert_eq!(
        next(&ix, e, "2027-06-01").as_deref(),
        Some("sovereign-ai-robot-pilots")
    );
    assert_eq!(
        next(&ix, e, "2028-01-01").as_deref(),
        Some("sovereign-ai-funding-end")
    );
    let arm = ix.entity(entity(&ix, "ARM"));
    assert_eq!(arm.parent, Some(e), "Arm's listed parent is SoftBank");
}

#[test]
fn fujitsu_and_sakura_are_in_the_sovereign_ai_consortium() {
    let ix = index();
    for (ticker, role) in [("6702", Role::Member), ("3778", Role::Supplier)] {
        let e = entity(&ix, ticker);
        let x = exposures(&ix, e);
        assert_eq!(x.len(), 1, "{ticker}");
        assert_eq!(
            (x[0].0.as_str(), x[0].1, x[0].2),
            ("jp-sovereign-ai", role, Direction::Tailwind)
        );
        assert_eq!(
            x[0].3,
            s(&["¥1T ($6.34B)"]),
            "{ticker} sees the program's public money"
        );
        assert_eq!(
            next(&ix, e, "2026-11-21").as_deref(),
            Some("sovereign-ai-robot-pilots")
        );
    }
}

#[test]
fn tsmc_leads_kumamoto_and_competes_with_rapidus() {
    let ix = index();
    let e = entity(&ix, "TSM");
    let x = exposures(&ix, e);
    let roles: Vec<(&str, Role, Direction)> = x.iter().map(|x| (x.0.as_str(), x.1, x.2)).collect();
    assert_eq!(
        roles,
        [
            ("rapidus-2nm", Role::Competitor, Direction::Headwind),
            ("tsmc-kumamoto", Role::Lead, Direction::Tailwind),
        ]
    );
    assert_eq!(
        next(&ix, e, "2026-11-21").as_deref(),
        Some("rapidus-2nm-volume")
    );
    let c = ix.catalyst(ix.next_catalyst(e, day("2026-11-21")).unwrap());
    assert_eq!(c.date.label(), "2027");
}

#[test]
fn meti_budget_nests_rapidus_inside_chips_and_ai() {
    let ix = index();
    let p = ix.program(ix.program_by_id("meti-fy2026").unwrap());
    let line = |id: &str| p.funding.iter().position(|l| l.id == id).unwrap();
    let (total, chips, rapidus, ai) = (
        line("total"),
        line("chips-ai"),
        line("rapidus"),
        line("ai-infra"),
    );
    assert_eq!(p.funding[total].money.to_string(), "¥3.07T");
    assert_eq!(p.funding[chips].money.to_string(), "¥1.23T ($7.9B)");
    assert_eq!(p.funding[chips].parent, Some(total));
    assert_eq!(p.funding[rapidus].money.to_string(), "¥150B");
    assert_eq!(p.funding[rapidus].parent, Some(chips));
    assert_eq!(p.funding[ai].money.to_string(), "¥387.3B");
    assert_eq!(p.depth(rapidus), 2);
    let start = ix
        .data()
        .catalysts
        .iter()
        .find(|c| c.id == "meti-fy2026-start")
        .unwrap();
    assert_eq!(start.date, When::Day(day("2026-04-01")));
}

#[test]
fn rapidus_mass_production_is_2027() {
    let ix = index();
    let e = entity(&ix, "rapidus");
    assert!(!ix.entity(e).is_listed());
    let c = ix
        .catalysts_of(e)
        .iter()
        .map(|&c| ix.catalyst(c))
        .find(|c| c.kind == CatalystKind::Production)
        .unwrap();
    assert_eq!(
        c.date,
        When::Year {
            year: 2027,
            part: None
        }
    );
}

#[test]
fn every_company_the_articles_name_is_listed_correctly() {
    let ix = index();
    for (typed, exchange, symbol) in [
        ("NVDA", "NASDAQ", "NVDA"),
        ("MSFT", "NASDAQ", "MSFT"),
        ("SoftBank", "TSE", "9984"),
        ("Fujitsu", "TSE", "6702"),
        ("Sakura Internet", "TSE", "3778"),
        ("TSMC", "NYSE", "TSM"),
        ("NTT", "TSE", "9432"),
        ("Alphabet", "NASDAQ", "GOOGL"),
        ("Google", "NASDAQ", "GOOGL"),
        ("Arm", "NASDAQ", "ARM"),
        ("Amazon", "NASDAQ", "AMZN"),
        ("Tokyo Electron", "TSE", "8035"),
        ("Renesas", "TSE", "6723"),
        ("Fanuc", "TSE", "6954"),
        ("Yaskawa", "TSE", "6506"),
        ("Kawasaki Heavy Industries", "TSE", "7012"),
        ("Shin-Etsu Chemical", "TSE", "4063"),
        ("Sumitomo Chemical", "TSE", "4005"),
        ("Synopsys", "NASDAQ", "SNPS"),
        ("Cadence", "NASDAQ", "CDNS"),
        ("Sony", "TSE", "6758"),
        ("IBM", "NYSE", "IBM"),
        ("Samsung", "KRX", "005930"),
        ("ABB", "SIX", "ABBN"),
    ] {
        let e = ix.entity(entity(&ix, typed));
        let l = e
            .primary()
            .unwrap_or_else(|| panic!("{typed} should be listed"));
        assert_eq!(
            (l.exchange.code(), l.symbol.as_str()),
            (exchange, symbol),
            "{typed}"
        );
    }
    for unlisted in ["Rapidus", "OpenAI", "Preferred Networks", "imec"] {
        assert!(!ix.entity(entity(&ix, unlisted)).is_listed(), "{unlisted}");
    }
}

#[test]
fn quote_widget_tickers_are_not_entities() {
    let ix = index();
    for furniture in ["AAPL", "AMD", "BAC", "META", "ORCL", "TSLA"] {
        assert_eq!(ix.resolve(furniture), Resolution::NotFound, "{furniture}");
    }
}

#[test]
fn every_record_cites_a_source_file_that_exists() {
    let ix = index();
    let data = ix.data();
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    for s in &data.sources {
        assert!(s.file.ends_with(".txt"), "{}", s.file);
        if shared.is_dir() {
            assert!(
                shared.join(&s.file).is_file(),
                "{} not in ../shared/seeds",
                s.file
            );
        }
    }
    assert_eq!(data.sources.len(), 5, "all five articles are used");
    assert!(data.entities.iter().all(|e| !e.sources.is_empty()));
    assert!(data.programs.iter().all(|p| !p.sources.is_empty()));
    assert!(data.exposures.iter().all(|x| !x.sources.is_empty()));
    assert!(data.catalysts.iter().all(|c| !c.sources.is_empty()));
    for (i, _) in data.sources.iter().enumerate() {
        let id = SourceId(i as u32);
        assert!(
            data.entities.iter().any(|e| e.sources.contains(&id)),
            "source {i} unused"
        );
    }
}

#[test]
fn funding_lines_say_when_the_money_is_spent() {
    let ix = index();
    let line = |program: &str, id: &str| {
        let p = ix.program(ix.program_by_id(program).unwrap());
        p.funding.iter().find(|l| l.id == id).unwrap().when_label()
    };
    assert_eq!(line("jp-sovereign-ai", "gov"), "JP FY2026 – JP FY2030");
    assert_eq!(line("meti-fy2026", "rapidus"), "JP FY2026");
    assert_eq!(
        line("genesis-mission", "us-japan"),
        "combined, spread over five years"
    );
}

fn catalyst<'a>(ix: &'a Index, id: &str) -> &'a Catalyst {
    ix.data()
        .catalysts
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no catalyst {id}"))
}

fn program(ix: &Index, id: &str) -> ProgramId {
    ix.program_by_id(id)
        .unwrap_or_else(|| panic!("no program {id}"))
}

#[test]
fn the_sovereign_ai_window_closes_on_the_last_day_of_jp_fy2030() {
    let ix = index();
    let end = catalyst(&ix, "sovereign-ai-funding-end");
    let fy2030: When = "JP-FY2030".parse().unwrap();
    assert_eq!(end.date, When::Day(fy2030.end()));
    assert_eq!(end.date.start(), day("2031-03-31"));
    // The same day the five-year funding line's period ends.
    let p = ix.program(program(&ix, "jp-sovereign-ai"));
    let gov = p.funding.iter().find(|l| l.id == "gov").unwrap();
    assert_eq!(gov.period.unwrap().1.end(), end.date.end());
}

#[test]
fn every_deadline_is_dated_at_the_end_of_its_period_not_its_start() {
    // A deadline dated by a whole period would count down to the period's first day.
    let ix = index();
    for c in ix
        .data()
        .catalysts
        .iter()
        .filter(|c| c.kind == CatalystKind::Deadline)
    {
        assert_eq!(
            c.date.precision(),
            Precision::Day,
            "{} is a deadline dated {} (a window): date it on the period's last day",
            c.id,
            c.date
        );
    }
}

#[test]
fn countdowns_never_claim_more_precision_than_the_date() {
    let ix = index();
    let today = day("2026-11-30");
    for c in &ix.data().catalysts {
        let countdown = c.date.countdown(today);
        let text = countdown.long();
        if c.date.precision() != Precision::Day {
            // A window never gets a single-day count: it names both ends, says it is in
            // progress, or that it ended.
            assert!(
                text.contains('–') || text.starts_with("now") || text.starts_with("ended"),
                "{}: {text}",
                c.id
            );
        }
        // What "ago" counts from agrees with days_until_end.
        if let Timing::Past(d) = countdown.timing() {
            assert_eq!(d, -countdown.days_until_end, "{}", c.id);
            assert!(text.contains(&format!("{d} day")), "{}: {text}", c.id);
        }
    }
}

#[test]
fn links_no_source_supports_are_gone_and_readings_are_marked_inferred() {
    let ix = index();
    let basis_of = |typed: &str, program_id: &str| {
        let e = entity(&ix, typed);
        ix.exposures_of(e)
            .find(|x| ix.program(x.program).id == program_id)
            .map(|x| (x.role, x.basis))
    };
    // The source ties Arm to SoftBank, not to the sovereign-AI program.
    assert_eq!(basis_of("ARM", "jp-sovereign-ai"), None);
    // The source names TSMC and Samsung only as the rivals behind Japan's lost share.
    assert_eq!(
        basis_of("005930.KS", "rapidus-2nm"),
        Some((Role::Competitor, Basis::Inferred))
    );
    assert_eq!(
        basis_of("TSM", "rapidus-2nm"),
        Some((Role::Competitor, Basis::Inferred))
    );
    // Genesis verticals are named as exposed, not as partners or suppliers of the program.
    for typed in [
        "rapidus", "6723", "8035", "SNPS", "CDNS", "6954", "6506", "7012", "4063", "4005",
    ] {
        assert_eq!(
            basis_of(typed, "genesis-mission"),
            Some((Role::Thematic, Basis::Stated)),
            "{typed}"
        );
    }
    // Named consortium members and vendors are stated.
    for typed in ["9984", "NVDA", "6702", "9432", "3778"] {
        assert_eq!(
            basis_of(typed, "jp-sovereign-ai").map(|b| b.1),
            Some(Basis::Stated),
            "{typed}"
        );
    }
}

#[test]
fn metis_budget_and_its_april_start_reach_the_listed_names_the_sources_tie_to_it() {
    let ix = index();
    let meti = program(&ix, "meti-fy2026");
    let listed: Vec<&str> = ix
        .exposures_to(meti)
        .map(|x| ix.entity(x.entity))
        .filter(|e| e.is_listed())
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        listed,
        ["IBM"],
        "IBM backs Rapidus, whose ¥150B line is in the budget"
    );
    let ibm = entity(&ix, "IBM");
    let x = ix.exposures_of(ibm).find(|x| x.program == meti).unwrap();
    assert_eq!(x.basis, Basis::Inferred);
    let lines: Vec<&str> = x
        .funding
        .iter()
        .map(|&l| ix.program(meti).funding[l].id.as_str())
        .collect();
    assert_eq!(lines, ["rapidus"]);
    let start = ix
        .catalysts_of(ibm)
        .iter()
        .copied()
        .find(|&c| ix.catalyst(c).id == "meti-fy2026-start")
        .expect("1 April catalyst on IBM's calendar");
    assert_eq!(ix.link(ibm, start), Some(Link::Program(meti)));
}

#[test]
fn program_status_follows_its_dated_catalysts() {
    let ix = index();
    let meti = program(&ix, "meti-fy2026");
    // Before 1 April 2026 the budget was a cabinet draft; afterwards it is running.
    assert_eq!(ix.program_status(meti, day("2026-03-01")), Status::Proposed);
    assert_eq!(ix.program_status(meti, day("2026-04-01")), Status::Active);
    assert_eq!(ix.program_status(meti, day("2026-11-30")), Status::Active);
    // The sovereign-AI program was announced under a plan adopted in late 2025.
    let sovereign = program(&ix, "jp-sovereign-ai");
    assert_eq!(
        ix.program_status(sovereign, day("2025-10-01")),
        Status::Announced
    );
    assert_eq!(
        ix.program_status(sovereign, day("2026-11-30")),
        Status::Active
    );
    // No program whose budget or launch has happened still reads proposed or announced.
    let today = day("2026-11-30");
    for (i, p) in ix.data().programs.iter().enumerate() {
        let id = ProgramId(i as u32);
        let happened = ix.catalysts_of_program(id).iter().any(|&c| {
            let c = ix.catalyst(c);
            matches!(c.kind, CatalystKind::Budget | CatalystKind::Launch) && c.date.end() <= today
        });
        if happened {
            assert_eq!(ix.program_status(id, today), Status::Active, "{}", p.id);
        }
    }
}

#[test]
fn company_money_is_the_companys_and_projections_are_targets() {
    let ix = index();
    let softbank = entity(&ix, "9984");
    let p = ix.program(program(&ix, "jp-sovereign-ai"));
    for id in ["softbank-dc", "abb-robotics"] {
        let line = p.funding.iter().find(|l| l.id == id).unwrap();
        assert_eq!(line.kind, FundingKind::Private, "{id}");
        assert_eq!(line.owner, Some(softbank), "{id} is SoftBank's own money");
        assert!(!line.is_program_money(), "{id}");
        assert_eq!(
            line.parent, None,
            "{id} is not an allocation inside public money"
        );
    }
    let gov = p.funding.iter().find(|l| l.id == "gov").unwrap();
    assert!(gov.is_program_money());
    let revival = ix.program(program(&ix, "jp-chip-revival"));
    for line in &revival.funding {
        assert_eq!(
            line.kind,
            FundingKind::Target,
            "{} is a projection",
            line.id
        );
    }
    // Every line has a kind, and no public line belongs to a company.
    for p in &ix.data().programs {
        for line in &p.funding {
            assert!(
                line.owner.is_none() || line.kind == FundingKind::Private,
                "{}",
                line.id
            );
        }
    }
}
