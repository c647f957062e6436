//! The shipped universe (`assets/universe.csv`, compiled in) as the securities master's
//! companies: what serves as the master when nothing is imported.

use crate::model::{Entity, Listing, Origin};

/// The universe's listed companies as master companies, in file order: each with its
/// listings (primary first, as the universe gives them), names, country and sector, an id
/// `EXCHANGE:SYMBOL` as an imported company has. A row listed again (the same listing) adds
/// its names to the first; a unit with no listing of its own (`Amazon Web Services`, `JASM`)
/// is a name of its listed parent, as ingest reads it.
pub fn companies() -> Vec<Entity> {
    let rows = crate::ingest::universe::companies();
    let mut out: Vec<Entity> = Vec::new();
    // The company holding each listing, by `EXCHANGE:SYMBOL`.
    let mut holder: rustc_hash::FxHashMap<String, usize> = Default::default();
    let form = |l: &Listing| format!("{}:{}", l.exchange, l.symbol);
    let add = |e: &mut Entity, names: &mut dyn Iterator<Item = &String>| {
        for name in names {
            if *name != e.name && !e.aliases.contains(name) {
                e.aliases.push(name.clone());
            }
        }
    };
    for row in rows.iter().filter(|r| !r.listings.is_empty()) {
        let i = match row.listings.iter().find_map(|l| holder.get(&form(l))) {
            Some(&i) => {
                add(&mut out[i], &mut std::iter::once(&row.name));
                i
            }
            None => {
                let primary = &row.listings[0];
                out.push(Entity {
                    id: form(primary),
                    name: row.name.clone(),
                    listings: Vec::new(),
                    aliases: Vec::new(),
                    country: row.country.clone(),
                    sector: row.sector.clone(),
                    parent: None,
                    summary: String::new(),
                    sources: Vec::new(),
                    origin: Origin::default(),
                });
                out.len() - 1
            }
        };
        for l in &row.listings {
            if let std::collections::hash_map::Entry::Vacant(free) = holder.entry(form(l)) {
                free.insert(i);
                out[i].listings.push(l.clone());
            }
        }
        add(&mut out[i], &mut row.aliases.iter());
    }
    for unit in &rows {
        if let Some(&i) = unit.parent.as_ref().and_then(|p| holder.get(&form(p))) {
            add(
                &mut out[i],
                &mut std::iter::once(&unit.name).chain(&unit.aliases),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(all: &'a [Entity], id: &str) -> &'a Entity {
        all.iter().find(|e| e.id == id).unwrap()
    }

    #[test]
    fn each_listing_is_one_company_with_its_names() {
        let all = companies();
        let mut seen = std::collections::HashSet::new();
        for e in &all {
            assert!(!e.listings.is_empty(), "{} has no listing", e.id);
            for l in &e.listings {
                let l = format!("{}:{}", l.exchange, l.symbol);
                assert!(seen.insert(l.clone()), "{l} is held twice");
            }
        }
        let toyota = find(&all, "TSE:7203");
        assert_eq!(toyota.name, "Toyota Motor Corporation");
        let venues: Vec<String> = toyota
            .listings
            .iter()
            .map(|l| format!("{}:{}", l.exchange, l.symbol))
            .collect();
        assert_eq!(
            venues,
            ["TSE:7203", "NYSE:TM"],
            "the ADR after the home listing"
        );
        assert!(toyota.aliases.contains(&"Toyota".to_string()));
        assert_eq!(
            (toyota.country.as_str(), toyota.sector.as_str()),
            ("JP", "Autos")
        );
        // A unit is a name of its listed parent.
        let amazon = all
            .iter()
            .find(|e| e.listings.iter().any(|l| l.symbol == "AMZN"))
            .unwrap();
        assert!(amazon.aliases.contains(&"AWS".to_string()), "{amazon:?}");
    }
}
