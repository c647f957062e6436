//! Unit tests of company mentions.

use super::*;

fn found(text: &str) -> Vec<String> {
    let lex = Lexicon::new(&crate::data::load(None).unwrap());
    let t = Tokens::new(text);
    let names = lex.names(text);
    find(&t, &lex, &names, 0)
        .into_iter()
        .map(|m| match m.who {
            Who::Known(k) => format!("{}={}", &text[m.start..m.end], lex.known[k].symbol),
            Who::New {
                symbol,
                exchange,
                name,
            } => format!("new {exchange}:{symbol} {name}"),
        })
        .collect()
}

#[test]
fn reads_every_tag_form() {
    assert_eq!(found("(NASDAQ: NVDA)"), ["NASDAQ: NVDA=NVDA"]);
    assert_eq!(found("NYSE:TSM"), ["NYSE:TSM=TSM"]);
    assert_eq!(found("(TSE: 9984)"), ["TSE: 9984=9984"]);
    assert_eq!(found("TYO:6702"), ["TYO:6702=6702"]);
    assert_eq!(
        found("(TWSE: 2330, NYSE: TSM)"),
        ["TWSE: 2330=TSM", "NYSE: TSM=TSM"]
    );
    assert_eq!(found("9984.T and 9984 JT"), ["9984.T=9984", "9984 JT=9984"]);
    assert_eq!(found("(KRX: 000660)"), ["KRX: 000660=000660"]);
    assert_eq!(found("(HKEX: 0700)"), ["HKEX: 0700=0700"]);
    assert_eq!(
        found("(Euronext Amsterdam: ASML)"),
        ["Euronext Amsterdam: ASML=ASML"]
    );
    assert_eq!(found("(Xetra: IFX)"), ["Xetra: IFX=IFX"]);
    assert_eq!(found("(NSE: TCS)"), ["NSE: TCS=TCS"]);
    assert_eq!(
        found("(Securities code: 6702)"),
        ["Securities code: 6702=6702"]
    );
    assert_eq!(
        found("Zeta Robotics Inc. (NASDAQ: ZRBT)"),
        ["new NASDAQ:ZRBT Zeta Robotics Inc."]
    );
    assert_eq!(
        found("Kraken Robotics Inc. (TSX-V: PNG)"),
        ["new TSXV:PNG Kraken Robotics Inc."]
    );
    assert_eq!(
        found("Acme United Corp. (NYSE American: ACU)"),
        ["new AMEX:ACU Acme United Corp."]
    );
    assert_eq!(
        found("Zeta Mining Corp. (CSE: ZMC)"),
        ["new CSE:ZMC Zeta Mining Corp."]
    );
}

#[test]
fn a_name_that_starts_in_lower_case_is_found_as_written() {
    assert_eq!(
        found("Hikvision and iFlytek will be among"),
        ["Hikvision=002415", "iFlytek=002230"]
    );
    assert_eq!(found("iFLYTEK said"), ["iFLYTEK=002230"]);
    assert!(found("an iflytek-style plan").is_empty());
}

#[test]
fn a_company_name_inside_a_place_name_is_the_place() {
    assert!(found("HALIFAX, Nova Scotia, Feb. 10 -- the province").is_empty());
    assert_eq!(found("Nova said orders rose."), ["Nova=NVMI"]);
}

#[test]
fn bare_tickers_only_where_unambiguous() {
    assert_eq!(found("For NVDA and MSFT"), ["NVDA=NVDA", "MSFT=MSFT"]);
    assert!(found("AI and IT ON the ARM of 2330 in 2026").is_empty());
    assert!(found("JAPAN BETS ON NVDA AND MSFT FOR AI").is_empty());
    assert!(found("version 2.T and www.example.HK").is_empty());
}

/// A master row with no country or sector.
fn row(
    symbol: &str,
    name: &str,
    exchange: &str,
    size: crate::ingest::lexicon::Size,
) -> crate::ingest::lexicon::Listed {
    crate::ingest::lexicon::Listed {
        symbol: symbol.into(),
        name: name.into(),
        exchange: ex(exchange),
        country: String::new(),
        sector: String::new(),
        size,
    }
}

/// A small master: ordinary words, publishers and real small caps side by side.
fn master_lex() -> Lexicon {
    use crate::ingest::lexicon::Size;
    let master = [
        row(
            "TGT",
            "Target Corporation Common Stock",
            "NYSE",
            Size::Large,
        ),
        row(
            "XYZ",
            "Block, Inc. Class A Common Stock",
            "NYSE",
            Size::Large,
        ),
        row(
            "SNAP",
            "Snap Inc. Class A Common Stock",
            "NYSE",
            Size::Large,
        ),
        row("V", "Visa Inc.", "NYSE", Size::Mega),
        row("ORA", "Orange S.A.", "EPA", Size::Large),
        row("TRI", "Thomson Reuters Corporation", "TSX", Size::Large),
        row("BBG", "Bloomberg Holdings Ltd", "LSE", Size::Small),
        row("NXT", "Next plc", "LSE", Size::Large),
        row("0151", "Kelington Group Berhad", "MYX", Size::Unknown),
        row("1899", "Batu Kawan Berhad", "MYX", Size::Large),
        row("KXS", "Kinaxis Inc.", "TSX", Size::Mid),
        row("7777", "Frontier Dynamics Ltd", "TSE", Size::Micro),
        row("NDAQ", "Nasdaq, Inc. Common Stock", "NASDAQ", Size::Large),
        row("0011", "Hang Seng Bank Limited", "HKEX", Size::Large),
        row(
            "NYT",
            "New York Times Company (The) Common Stock",
            "NYSE",
            Size::Mid,
        ),
        row("TA-PD", "TransAlta Corporation", "TSX", Size::Mid),
        row("TA", "TransAlta Corporation", "TSX", Size::Mid),
        row("DSG", "Descartes Systems Group Inc", "TSX", Size::Mid),
        row("067310", "Hana Micron Inc.", "KOSDAQ", Size::Small),
        row(
            "ROG",
            "Rogers Corporation Common Stock",
            "NYSE",
            Size::Large,
        ),
        row("AIR", "Airbus SE", "EPA", Size::Mega),
        row("SAF", "Safran SA", "EPA", Size::Large),
        row("5263", "Sunway Construction Group Bhd", "MYX", Size::Small),
        row("5211", "Sunway Berhad", "MYX", Size::Large),
        row("7137", "UMS Holdings Berhad", "MYX", Size::Small),
        row("002230", "iFLYTEK Co.,Ltd.", "SZSE", Size::Large),
        row("8802", "Mitsubishi Estate Co., Ltd.", "TSE", Size::Large),
        row("207940", "Samsung Biologics Co.,Ltd.", "KRX", Size::Large),
        row("005935", "Samsung Electronics Co., Ltd.", "KRX", Size::Mega),
        row("3970", "Innovation Inc.", "TSE", Size::Large),
        row(
            "MUFG",
            "Mitsubishi UFJ Financial Group, Inc.",
            "NYSE",
            Size::Mega,
        ),
        row(
            "8306",
            "Mitsubishi UFJ Financial Group, Inc.",
            "TSE",
            Size::Large,
        ),
        row(
            "RCI",
            "Rogers Communication Inc. Common Stock",
            "NYSE",
            Size::Large,
        ),
        row("ALRIB", "Riber S.A.", "EPA", Size::Micro),
        row(
            "SMT",
            "Stars Microelectronics (Thailand) Public Company Limited",
            "SET",
            Size::Small,
        ),
    ];
    Lexicon::with_master(&crate::data::load(None).unwrap(), &master)
}

fn linked(lex: &Lexicon, text: &str) -> Vec<String> {
    let t = Tokens::new(text);
    let names = lex.names(text);
    let countries = linker::countries_in(&t);
    find(&t, lex, &names, countries)
        .into_iter()
        .map(|m| match m.who {
            Who::Known(k) => format!("{}={}", &text[m.start..m.end], lex.known[k].symbol),
            Who::New { symbol, .. } => format!("new {symbol}"),
        })
        .collect()
}

#[test]
fn master_words_and_publishers_are_not_companies() {
    let lex = master_lex();
    for text in [
        "Target investment for 2027 remains high.",
        "Chipmakers Target Record as Investors Ford a Stream of Headlines",
        "Block by block, buyers returned. The Block C hall opens next.",
        "Snap elections will not affect the program.",
        "Visa requirements for engineers will not change.",
        "Orange safety barriers ring the site.",
        "TOKYO (Reuters) - Bloomberg reported that Reuters could not reach them.",
        "It will build a plant in Batu Kawan, Penang, Malaysia.",
        "Frontier Dynamics of supply chains shift.",
        "In the US, the Nasdaq rose 1% and The New York Times reported gains.",
        "In Hong Kong, the Hang Seng fell 2%.",
        "In Malaysia, the firm will expand its Batu Kawan plant.",
        "The Batu Kawan site in Malaysia will double.",
    ] {
        assert!(
            linked(&lex, text).is_empty(),
            "{text}: {:?}",
            linked(&lex, text)
        );
    }
}

#[test]
fn master_names_link_on_evidence() {
    let lex = master_lex();
    assert_eq!(
        linked(&lex, "Target Corp. said it would add AI checkout."),
        ["Target Corp=TGT"]
    );
    assert_eq!(
        linked(&lex, "Kelington Group Berhad won a RM420 million contract."),
        ["Kelington Group Berhad=0151"]
    );
    // Two capitalised words, with the listing's country named.
    assert_eq!(
        linked(&lex, "Malaysian gas-system maker Kelington Group rose 3%."),
        ["Kelington Group=0151"]
    );
    // One word: a business verb and a mid-sized listing in a country the text names.
    assert_eq!(
        linked(&lex, "In Canada, Kinaxis said orders rose."),
        ["Kinaxis=KXS"]
    );
    assert!(linked(&lex, "Kinaxis said orders rose.").is_empty());
    // One word in a list beside companies stands in for the business verb.
    assert_eq!(
        linked(
            &lex,
            "In Canada, Descartes Systems Group and Kinaxis will run the pilot."
        ),
        ["Descartes Systems Group=DSG", "Kinaxis=KXS"]
    );
    assert_eq!(
        linked(&lex, "Toronto's Kinaxis, and Descartes Systems Group bid."),
        ["Kinaxis=KXS", "Descartes Systems Group=DSG"]
    );
    assert!(linked(&lex, "In Canada, Kinaxis and its rivals bid.").is_empty());
    // A list vouches for a name's business role, not for a common word or a place.
    for text in [
        "In Canada, Kinaxis Inc. and Target will bid.",
        "In Canada, Kinaxis Inc. plans plants in Penang and Batu Kawan.",
    ] {
        assert_eq!(linked(&lex, text), ["Kinaxis Inc=KXS"], "{text}");
    }
    // The common share before a preferred series of the same name.
    assert_eq!(
        linked(&lex, "TransAlta Corporation signed a deal."),
        ["TransAlta Corporation=TA"]
    );
    // A business described in an appositive acts: `Kinaxis, a software maker in Ottawa,`.
    assert_eq!(
        linked(
            &lex,
            "In Canada, Kinaxis, a supply-chain software maker based in Ottawa, said"
        ),
        ["Kinaxis=KXS"]
    );
    // A one-word name that goes on with a capitalised word is part of another name
    // (`Rogers Communications`, never Rogers Corporation).
    assert_eq!(
        linked(&lex, "In the US, Telus and Rogers Communications said"),
        ["Telus=T", "Rogers Communications=RCI"]
    );
    // News drops `Group`; the shorter name is still that company, not `Sunway Berhad`.
    assert_eq!(
        linked(&lex, "In Malaysia, Sunway Construction won a job."),
        ["Sunway Construction=5263"]
    );
    // ... but not down to a short code.
    let ums = linked(&lex, "In Malaysia, UMS and Sunway Berhad rose.");
    assert_eq!(ums, ["Sunway Berhad=5211"]);
    // A company's country tag before `and` is not a place list; Thailand's `Public Company
    // Limited` comes off.
    assert_eq!(
        linked(
            &lex,
            "It works with Renesas Electronics Corporation, Japan and Stars Microelectronics of Thailand."
        ),
        [
            "Renesas Electronics Corporation=6723",
            "Stars Microelectronics=SMT"
        ]
    );
    // A name with a lower-case first letter (`iFlytek`).
    assert_eq!(
        linked(&lex, "In China, iFlytek said it would build a model."),
        ["iFlytek=002230"]
    );
    // French wires: `et` joins a list, `ont` is a verb.
    assert_eq!(
        linked(&lex, "PARIS - Airbus et Safran ont annoncé un partenariat."),
        ["Airbus=AIR", "Safran=SAF"]
    );
    // A curated name inside a longer listed one gives way to it.
    assert_eq!(
        linked(&lex, "SEOUL -- Hana Micron fell 2.3 percent."),
        ["Hana Micron=067310"]
    );
    assert_eq!(linked(&lex, "Micron fell 2.3 percent."), ["Micron=MU"]);
    // Datelines in capitals name their country.
    assert_eq!(
        linked(&lex, "TORONTO -- Descartes Systems Group and Kinaxis bid."),
        ["Descartes Systems Group=DSG", "Kinaxis=KXS"]
    );
    assert_eq!(
        linked(&lex, "Thomson Reuters Corporation (TSX: TRI) said"),
        ["Thomson Reuters Corporation=TRI", "TSX: TRI=TRI"]
    );
}

#[test]
fn a_longer_listed_name_beats_a_curated_one_inside_it() {
    let lex = master_lex();
    assert_eq!(
        linked(
            &lex,
            "In Tokyo, Mitsubishi Estate said it will build a campus."
        ),
        ["Mitsubishi Estate=8802"]
    );
    assert_eq!(
        linked(&lex, "Samsung Biologics rose 2% in Seoul."),
        ["Samsung Biologics=207940"]
    );
    // Longer only by its legal form: the curated company stays.
    assert_eq!(
        linked(
            &lex,
            "Samsung Electronics Co., Ltd. said it will invest in Korea."
        ),
        ["Samsung Electronics Co., Ltd.=005930"]
    );
}

#[test]
fn a_name_after_another_capitalised_word_ends_that_name() {
    let lex = master_lex();
    // `SK Innovation` is not `Innovation Inc.`, wherever it stands.
    assert!(linked(&lex, "In Japan, SK Innovation said it will merge units.").is_empty());
    assert!(linked(&lex, "SK Innovation said it will merge units in Japan.").is_empty());
    // A word opening the sentence, a month or a dateline is not part of the name.
    assert_eq!(
        linked(&lex, "In Japan. Chipmaker Innovation said profit rose."),
        ["Innovation=3970"]
    );
    assert_eq!(
        linked(&lex, "In Japan, in March Innovation said profit rose."),
        ["Innovation=3970"]
    );
}

#[test]
fn an_adr_does_not_beat_the_home_listing() {
    let lex = master_lex();
    assert_eq!(
        linked(
            &lex,
            "TOKYO - Mitsubishi UFJ Financial Group said it will lend."
        ),
        ["Mitsubishi UFJ Financial Group=8306"]
    );
}

#[test]
fn an_adverb_may_stand_before_the_verb() {
    let lex = master_lex();
    assert_eq!(
        linked(&lex, "In Canada, Kinaxis also said orders rose."),
        ["Kinaxis=KXS"]
    );
}

#[test]
fn a_person_or_an_auxiliary_alone_is_not_enough_for_one_word() {
    use crate::ingest::lexicon::Size;
    let master = [
        row("GHC", "Graham Holdings Company", "NYSE", Size::Large),
        row("DSY", "Discovery Limited", "JSE", Size::Large),
    ];
    let lex = Lexicon::with_master(&crate::data::load(None).unwrap(), &master);
    assert!(linked(&lex, "In Washington, Graham said he would vote no.").is_empty());
    assert!(linked(&lex, "Discovery was slow, the US said.").is_empty());
    assert_eq!(
        linked(&lex, "Discovery said profit rose, the US said."),
        ["Discovery=DSY"]
    );
}

#[test]
fn accents_fold_to_the_listed_spelling() {
    use crate::ingest::lexicon::Size;
    let master = [
        row("DUE", "Durr Aktiengesellschaft", "XETRA", Size::Mid),
        row("ACA", "Credit Agricole S.A.", "EPA", Size::Mid),
    ];
    let lex = Lexicon::with_master(&crate::data::load(None).unwrap(), &master);
    assert_eq!(
        linked(
            &lex,
            "In Germany, Dürr rose 2% and Crédit Agricole fell in Paris."
        ),
        ["Dürr=DUE", "Crédit Agricole=ACA"]
    );
}

#[test]
fn a_curated_name_does_not_take_a_longer_company_s_place() {
    // Without a master that knows the longer name, the short one is not that company.
    assert!(found("Samsung Heavy Industries Co. won an LNG carrier order.").is_empty());
    assert!(found("Keppel DC REIT is eyeing new projects.").is_empty());
    // A longer name the lexicon knows is that company.
    assert_eq!(
        found("Toyota Industries shares rose."),
        ["Toyota Industries=6201"]
    );
    assert_eq!(
        found("Daikin Industries Ltd said so."),
        ["Daikin Industries=6367"]
    );
    assert_eq!(
        found("Toray Industries said so."),
        ["Toray Industries=3402"]
    );
    // Its own legal form and group word, or a product, leave it the company.
    assert_eq!(
        found("Samsung Electronics Co., Ltd. said so."),
        ["Samsung Electronics Co., Ltd.=005930"]
    );
    assert_eq!(found("Keppel Corporation Limited said so."), ["Keppel=BN4"]);
    assert_eq!(
        found("Nvidia Blackwell Ultra chips will ship."),
        ["Nvidia=NVDA"]
    );
}

#[test]
fn a_name_written_in_capitals_is_the_word_in_a_title_or_beside_it() {
    assert!(found("Screen Applicants for Export-Control Compliance").is_empty());
    assert!(found("Screen makers said applicants must screen suppliers.").is_empty());
    assert_eq!(found("Screen said its orders rose."), ["Screen=7735"]);
    assert_eq!(
        found("SCREEN Holdings Co., Ltd. joined the panel."),
        ["SCREEN Holdings Co., Ltd.=7735"]
    );
}

#[test]
fn bursa_tags_name_the_stock_by_its_short_name() {
    assert_eq!(
        found("Inari Amertron Bhd (KLSE: INARI) plans to spend more."),
        ["Inari Amertron=0166", "KLSE: INARI=0166"]
    );
    assert_eq!(
        found("Its shares (KLSE: FRONTKN) rose."),
        ["KLSE: FRONTKN=0128"]
    );
    assert_eq!(found("(KLSE: VITROX)"), ["KLSE: VITROX=0097"]);
    // A short name no Bursa company answers to is no symbol.
    assert!(found("QES Group Bhd (KLSE: QES) closed flat.").is_empty());
    // A Bursa code stays a code.
    assert_eq!(found("(KLSE: 0166)"), ["KLSE: 0166=0166"]);
}

#[test]
fn a_master_word_in_a_hyphenated_compound_is_no_company() {
    let lex = master_lex();
    assert!(
        linked(
            &lex,
            "METI Approves Additional Support for Rapidus and Next-Generation Memory Projects"
        )
        .iter()
        .all(|m| !m.ends_with("=NXT"))
    );
    assert_eq!(
        linked(&lex, "In London, Next said its sales rose."),
        ["Next=NXT"]
    );
}

#[test]
fn a_curated_name_going_on_into_its_own_full_name_stays() {
    assert_eq!(
        found("YTL Power International Bhd and Genetec Technology Bhd rose."),
        ["YTL Power=6742", "Genetec=0104"]
    );
}

#[test]
fn an_ordinary_word_is_a_company_only_where_the_text_says_so() {
    let lex = master_lex();
    // An appositive that calls it an operator, closed by its comma: even beside the colour.
    assert_eq!(
        linked(
            &lex,
            "PARIS - Orange, the historical operator, will connect it. Orange and blue panels."
        ),
        ["Orange=ORA"]
    );
    // A sentence that opens with the word goes on as a clause: no appositive.
    assert!(linked(&lex, "In London, Next, the Group will publish offers.").is_empty());
    // The curated `Apple` is the fruit before a noun, the company before a business verb.
    assert!(found("Apple orchards around Quincy supply fruit.").is_empty());
    assert!(found("Apple Growers Lose Ground as Data Centers Expand").is_empty());
    assert_eq!(found("Apple said sales rose."), ["Apple=AAPL"]);
    assert!(found("Apple is the state's main fruit.").is_empty());
    assert_eq!(
        found("Apple, Microsoft and Nvidia rose."),
        ["Apple=AAPL", "Microsoft=MSFT", "Nvidia=NVDA"]
    );
}

#[test]
fn a_plural_name_finds_its_singular_listing() {
    let lex = master_lex();
    assert_eq!(
        linked(&lex, "OTTAWA - Rogers Communications Inc. will host it."),
        ["Rogers Communications Inc=RCI"]
    );
}

#[test]
fn a_business_noun_before_a_name_or_a_french_perfect_after_it_is_a_verb() {
    let lex = master_lex();
    assert_eq!(
        linked(
            &lex,
            "À Paris, le fabricant d'équipements Riber a remporté une commande."
        ),
        ["Riber=ALRIB"]
    );
    assert_eq!(
        linked(&lex, "À Paris, Riber a également remporté une commande."),
        ["Riber=ALRIB"]
    );
    assert!(linked(&lex, "In Paris, Riber products are sold.").is_empty());
    assert!(linked(&lex, "In London, the group Next phase begins.").is_empty());
}

#[test]
fn a_curated_name_s_first_word_names_it_in_its_country() {
    let lex = Lexicon::new(&crate::data::load(None).unwrap());
    let short = |text: &str| {
        let t = Tokens::new(text);
        let names = lex.names(text);
        let countries = linker::countries_in(&t);
        find(&t, &lex, &names, countries)
            .into_iter()
            .map(|m| text[m.start..m.end].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        short("In India we prefer Kaynes over Dixon."),
        ["Kaynes", "Dixon"]
    );
    // Not without its country, not as a person or inside another name.
    assert!(short("We prefer Dixon.").is_empty());
    assert!(short("In India, Mr Dixon said he would sell.").is_empty());
    assert!(short("In India, Jane Dixon spoke.").is_empty());
    assert!(short("In India, Dixon Ticonderoga pencils sold.").is_empty());
    assert!(short("In India, sales rose, said Dixon, an analyst.").is_empty());
    // Opening a sentence, only with a business verb.
    assert!(short("In India. Reliance on imports is high.").is_empty());
    assert_eq!(short("In India. Dixon said sales rose."), ["Dixon"]);
    // Before a lower-case noun it describes the noun.
    assert!(short("In Taiwan, Delta variant cases and Lattice structures.").is_empty());
    assert_eq!(short("In India, Dixon shares rose."), ["Dixon"]);
}

#[test]
fn a_hong_kong_stock_code_is_a_hong_kong_listing() {
    assert_eq!(found("(Stock Code: 1347)"), ["Stock Code: 1347=1347"]);
    assert_eq!(
        found("Hong Kong Exchanges: (Stock Code: 02513)"),
        ["new HKEX:02513 02513"]
    );
    assert_eq!(
        found("(Securities code: 6702)"),
        ["Securities code: 6702=6702"]
    );
}

#[test]
fn a_bank_s_holding_a_cross_listing_and_gulf_legal_forms() {
    use crate::ingest::lexicon::Size;
    let mut dbs = row("D05", "DBS Group Holdings Ltd", "SGX", Size::Mega);
    dbs.sector = "Financials".into();
    let mut bank = row("1234", "Example Bank Berhad", "MYX", Size::Mid);
    bank.sector = "Financials".into();
    let mut holding = row("5678", "Example Group Holdings Berhad", "MYX", Size::Mid);
    holding.sector = "Financials".into();
    let master = [
        dbs,
        bank,
        holding,
        row("HUT", "Hut 8 Corp. Common Stock", "NASDAQ", Size::Mid),
        row("ORDS", "Ooredoo Q.P.S.C.", "QSE", Size::Unknown),
        row("BSE", "BSE Limited", "NSE", Size::Mid),
    ];
    let lex = Lexicon::with_master(&crate::data::load(None).unwrap(), &master);
    // `DBS Bank` is the listed holding company's bank; a bank listed under its own name
    // keeps it.
    assert_eq!(
        linked(&lex, "a green loan from DBS Bank, the lender said."),
        ["DBS Bank=D05"]
    );
    assert_eq!(
        linked(&lex, "Example Bank said on Monday it would lend more."),
        ["Example Bank=1234"]
    );
    // The Nasdaq listing of the curated Toronto `Hut 8 Corp.` is that company.
    let hut = linked(
        &lex,
        "Hut 8 Corp. (Nasdaq: HUT) (TSX: HUT) today said it signed.",
    );
    assert!(hut.iter().all(|h| h.ends_with("=HUT")), "{hut:?}");
    let k = lex.listing(ex("NASDAQ"), "HUT").unwrap();
    assert_eq!(lex.listing(ex("TSX"), "HUT"), Some(k));
    // `Q.P.S.C.` is a legal form; Qatar names the country of a one-word name.
    assert_eq!(
        linked(&lex, "Qatar's Ooredoo said it would spend more."),
        ["Ooredoo=ORDS"]
    );
    // An Indian filing's addressee is the exchange, not a company.
    assert!(linked(&lex, "To,\nBSE Limited\nScrip Code: 500408").is_empty());
}

#[test]
fn a_taiwanese_company_code_is_no_tokyo_one() {
    let lex = Lexicon::new(&crate::data::load(None).unwrap());
    let t = Tokens::new("Company code: 2330\nCompany name: Taiwan Semiconductor");
    let names = lex.names(t.text);
    let taiwan = linker::country_bit("TW");
    let found: Vec<String> = find(&t, &lex, &names, taiwan)
        .into_iter()
        .map(|m| match m.who {
            Who::Known(k) => lex.known[k].symbol.clone(),
            Who::New { .. } => "new".into(),
        })
        .collect();
    assert_eq!(found, ["TSM", "TSM"]);
    let t = Tokens::new("Company code: 3680");
    assert!(find(&t, &lex, &lex.names(t.text), taiwan).is_empty());
}
