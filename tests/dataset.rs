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
    // Article 000 (early 2026): the next catalyst after the December launch comes with
    // Japan's fiscal year and then the June meeting in Washington.
    assert_eq!(
        next(&ix, e, "2026-05-15").as_deref(),
        Some("sovereign-ai-phase1")
    );
    assert_eq!(
        next(&ix, e, "2026-08-01").as_deref(),
        Some("sovereign-ai-funding-start")
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
        Some("sovereign-ai-phase1")
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
    assert_eq!(
        next(&ix, e, "2026-11-21").as_deref(),
        Some("sovereign-ai-funding-start")
    );
    assert_eq!(
        next(&ix, e, "2027-06-01").as_deref(),
        Some("sovereign-ai-robot-pilots")
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
            Some("sovereign-ai-funding-start")
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
