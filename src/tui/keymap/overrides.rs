//! The config's `[keys]` overrides applied to the key table.
//!
//! An override gives an action new keys wherever the table binds it while browsing (the
//! tabs, the help overlay, and "everywhere" for actions bound only there). The search box
//! keeps its own keys, so letters always type. An override naming an unknown action, a key
//! that cannot be read, or a key another action already holds where both apply, is reported
//! at its `path:line:col` and not applied: a half-applied override would leave two actions
//! on one key.

use crossterm::event::Event;

use super::{Binding, Key, Keymap, Mode, key_of};
use crate::config::KeyOverride;
use crate::data::DataError;
use crate::tui::action::Tab;

/// Modes that are active together (a tab's keys, browsing and everywhere; the help
/// overlay and everywhere): one key must mean one action within each group.
fn groups() -> Vec<Vec<Mode>> {
    let mut groups: Vec<Vec<Mode>> = Tab::ALL
        .iter()
        .map(|&t| vec![Mode::Tab(t), Mode::Browse, Mode::Global])
        .collect();
    groups.push(vec![Mode::Help, Mode::Global]);
    groups.push(vec![Mode::Reader, Mode::Global]);
    groups.push(vec![Mode::Search, Mode::Global]);
    groups.push(vec![Mode::Picker, Mode::Global]);
    groups.push(vec![Mode::Naming, Mode::Global]);
    groups
}

/// Reads one key in the key-script syntax (`x`, `<C-d>`, `<PgDn>`).
fn parse_key(spec: &str) -> Result<Key, String> {
    // A control or bidi character would become part of the key's label, which the help
    // overlay and the status bar draw on the terminal: `<C-\u001b>` must not print an ESC.
    if spec.chars().any(crate::text::is_unsafe) {
        return Err(format!(
            "{:?} holds a control character; name keys as <Tab>, <Esc>, <C-x>",
            crate::text::sanitize(spec)
        ));
    }
    let events = crate::tui::screen::parse_keys(spec).map_err(|e| e.to_string())?;
    match events.as_slice() {
        [event @ Event::Key(_)] => match key_of(event) {
            Some((key, _)) => Ok(key),
            None => Err(format!("{spec:?} is not a key aipx can bind")),
        },
        [] => Err("an empty key".into()),
        _ => Err(format!(
            "{spec:?} is several keys; write one key per string"
        )),
    }
}

/// Applies `overrides` to `keymap` in order, reporting each one that cannot be applied.
pub fn apply(mut keymap: Keymap, overrides: &[KeyOverride]) -> (Keymap, Vec<DataError>) {
    let mut problems = Vec::new();
    for o in overrides {
        match one(&keymap, o) {
            Ok(next) => keymap = next,
            Err(message) => problems.push(o.problem(format!("keys.{}: {message}", o.action))),
        }
    }
    (keymap, problems)
}

fn one(keymap: &Keymap, o: &KeyOverride) -> Result<Keymap, String> {
    let action = keymap
        .bindings
        .iter()
        .map(|b| b.action)
        .find(|a| a.name() == Some(o.action.as_str()))
        .ok_or_else(|| {
            let mut names: Vec<&str> = keymap
                .bindings
                .iter()
                .filter_map(|b| b.action.name())
                .collect();
            names.sort_unstable();
            names.dedup();
            format!("unknown action (known: {})", names.join(", "))
        })?;
    let keys = o
        .keys
        .iter()
        .map(|k| parse_key(k))
        .collect::<Result<Vec<Key>, String>>()?;
    // The modes the action is rebound in: each mode it has a binding in, except the search
    // box, and except "everywhere" when it is bound anywhere else too (Ctrl-C stays).
    let mut modes: Vec<Mode> = Vec::new();
    for b in keymap.bindings.iter().filter(|b| b.action == action) {
        if !modes.contains(&b.mode) {
            modes.push(b.mode);
        }
    }
    let elsewhere = modes.iter().any(|m| *m != Mode::Global);
    // The name box keeps its keys as the search box does, so every letter types.
    modes.retain(|m| {
        let own_keys = matches!(m, Mode::Search | Mode::Naming);
        let all_but_global = elsewhere && *m == Mode::Global;
        !(own_keys || all_but_global)
    });
    if modes.is_empty() {
        return Err("is a search-box key, which cannot be rebound".into());
    }
    let mut bindings: Vec<Binding> = Vec::new();
    for b in &keymap.bindings {
        if b.action == action && modes.contains(&b.mode) {
            // The first binding in each mode is replaced by the new keys; the rest go.
            if bindings
                .iter()
                .any(|x| x.action == action && x.mode == b.mode)
            {
                continue;
            }
            for (i, &key) in keys.iter().enumerate() {
                bindings.push(Binding {
                    key,
                    hint: if i == 0 { b.hint } else { None },
                    ..*b
                });
            }
        } else {
            bindings.push(*b);
        }
    }
    for group in groups() {
        for b in bindings
            .iter()
            .filter(|b| b.action == action && group.contains(&b.mode))
        {
            let taken = bindings
                .iter()
                .find(|x| x.action != action && x.key == b.key && group.contains(&x.mode));
            if let Some(x) = taken {
                return Err(format!(
                    "{} is already bound to {} ({}); not applied",
                    b.key.label(),
                    x.action.name().unwrap_or("typing"),
                    x.mode.title()
                ));
            }
        }
    }
    Ok(Keymap { bindings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;

    fn overrides(text: &str) -> Vec<KeyOverride> {
        let (config, problems) = crate::config::parse("c.toml", text);
        assert_eq!(problems, vec![]);
        config.keys
    }

    #[test]
    fn an_override_replaces_the_keys_of_its_action_while_browsing() {
        let (keys, problems) = Keymap::with_overrides(&overrides(
            "[keys]\nquit = \"x\"\npage_down = [\"<C-f>\", \"<PgDn>\"]\n",
        ));
        assert_eq!(problems, vec![]);
        assert_eq!(keys.keys_for(Action::Quit, Mode::Browse), "x");
        assert_eq!(keys.keys_for(Action::Quit, Mode::Help), "x");
        assert_eq!(
            keys.keys_for(Action::Quit, Mode::Global),
            "Ctrl-C",
            "the way out stays"
        );
        assert_eq!(keys.keys_for(Action::PageDown, Mode::Browse), "Ctrl-F/PgDn");
        assert!(
            keys.hints(&[Mode::Browse, Mode::Global])
                .contains(&("x".into(), "quit"))
        );
    }

    #[test]
    fn conflicts_unknown_actions_and_bad_keys_are_reported_not_applied() {
        let text = "[keys]\nquit = \"j\"\nfly = \"x\"\nhelp = \"<Nope>\"\ndown = \"ab\"\n";
        let (keys, problems) = Keymap::with_overrides(&overrides(text));
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 4, "{shown:#?}");
        assert!(shown[0].starts_with("c.toml:2:1: keys.quit: j is already bound to down"));
        assert!(shown[1].starts_with("c.toml:3:1: keys.fly: unknown action"));
        assert!(shown[2].starts_with("c.toml:4:1: keys.help:"));
        assert!(shown[3].contains("several keys"));
        assert_eq!(
            keys.keys_for(Action::Quit, Mode::Browse),
            "q",
            "left as it was"
        );
    }

    #[test]
    fn a_key_holding_a_control_character_is_refused_so_no_label_prints_one() {
        let text = "[keys]\nview = \"<C-\\u0007>\"\nhelp = \"\\u001b\"\ncopy = \"\\u202e\"\n";
        let (keys, problems) = Keymap::with_overrides(&overrides(text));
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        for p in &shown {
            assert!(p.contains("holds a control character"), "{p}");
            assert!(!p.chars().any(crate::text::is_unsafe), "{p:?}");
        }
        for action in [Action::CycleView, Action::ToggleHelp, Action::Copy] {
            for mode in [
                Mode::Browse,
                Mode::Tab(Tab::Programs),
                Mode::Tab(Tab::Calendar),
            ] {
                let label = keys.keys_for(action, mode);
                assert!(!label.chars().any(crate::text::is_unsafe), "{label:?}");
            }
        }
    }
}
