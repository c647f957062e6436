//! The terminal UI gives the terminal back on every signal that ends it, and on Ctrl-Z, in a
//! real terminal: tmux runs aipx in a pane, the test sends the signal, then reads the pane's
//! modes (alternate screen, mouse tracking, cursor) from tmux and `stty -a` run in the pane
//! after aipx is gone. Skipped, with a message, where tmux is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of its own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, command: &str) -> Option<Tmux> {
        let tmux = Tmux {
            socket: format!("aipx-test-{}-{name}", std::process::id()),
        };
        let started = tmux
            .cmd(&[
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                "120",
                "-y",
                "40",
            ])
            .arg(command)
            .status()
            .ok()?;
        started.success().then_some(tmux)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]).args(args);
        c
    }

    fn out(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `alternate screen, mouse tracking, cursor shown` as tmux sees the pane.
    fn modes(&self) -> String {
        self.out(&[
            "display",
            "-p",
            "-t",
            "t",
            "alt=#{alternate_on} mouse=#{mouse_any_flag} cursor=#{cursor_flag}",
        ])
        .trim()
        .to_string()
    }

    fn screen(&self) -> String {
        self.out(&["capture-pane", "-p", "-t", "t"])
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend(keys);
        assert!(self.cmd(&args).status().unwrap().success());
    }

    /// Waits until `done` holds (polling), or fails after 30 s.
    fn wait(&self, what: &str, done: impl Fn(&Tmux) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]).status();
    }
}

fn tmux_missing() -> bool {
    let missing = Command::new("tmux").arg("-V").output().is_err();
    if missing {
        eprintln!("skipped: tmux is not installed");
    }
    missing
}

/// The pid of the aipx process (the pane runs it under `sh -c`).
fn aipx_pid(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("pid"))
        .unwrap()
        .trim()
        .to_string()
}

/// A pane that records `stty -a`, runs aipx (its pid in `pid`), prints its exit status and
/// records `stty -a` again.
fn pane(name: &str) -> Option<(Tmux, tempfile::TempDir)> {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_aipx"));
    // The user's folders are the test's own: no remembered state or config of the machine's
    // user comes in, and none is left behind.
    let command = format!(
        "stty -a > {d}/before; sh -c 'echo $$ > {d}/pid; exec env {} {} --today 2026-11-21'; \
         echo EXIT=$?; stty -a > {d}/after; sleep 60",
        own_folders(dir.path()),
        bin.display()
    );
    Some((Tmux::start(name, &command)?, dir))
}

/// `XDG_*_HOME=...` assignments pointing aipx's config, data and state into `dir`.
fn own_folders(dir: &Path) -> String {
    let d = dir.display();
    format!("XDG_CONFIG_HOME={d}/config XDG_DATA_HOME={d}/data XDG_STATE_HOME={d}/state")
}

fn ui_shown(t: &Tmux) -> bool {
    t.screen().contains("1 Explore") && t.modes().starts_with("alt=1")
}

#[test]
fn ending_signals_restore_the_terminal_and_end_with_the_signal() {
    if tmux_missing() {
        return;
    }
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let (tmux, dir) = pane(signal).expect("tmux starts");
        tmux.wait("the TUI", ui_shown);
        assert_eq!(tmux.modes(), "alt=1 mouse=1 cursor=0");
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &aipx_pid(dir.path())])
            .status()
            .unwrap();
        assert!(killed.success());
        tmux.wait("stty after aipx", |_| dir.path().join("after").exists());
        tmux.wait("the exit status", |t| t.screen().contains("EXIT="));
        assert_eq!(tmux.modes(), "alt=0 mouse=0 cursor=1", "after SIG{signal}");
        let screen = tmux.screen();
        assert!(
            screen.contains(&format!("EXIT={}", 128 + number)),
            "{signal}: {screen}"
        );
        // `after` is written as soon as stty starts: wait for its last line.
        tmux.wait("stty output", |_| {
            std::fs::read_to_string(dir.path().join("after")).is_ok_and(|s| s.contains("echo"))
        });
        let before = std::fs::read_to_string(dir.path().join("before")).unwrap();
        let after = std::fs::read_to_string(dir.path().join("after")).unwrap();
        assert_eq!(before, after, "stty -a differs after SIG{signal}");
        assert!(
            after.contains(" icanon") && after.contains(" echo "),
            "{after}"
        );
    }
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_fg_redraws() {
    if tmux_missing() {
        return;
    }
    // An interactive shell, for job control.
    let Some(tmux) = Tmux::start("tstp", "bash --norc --noprofile") else {
        panic!("tmux starts");
    };
    let bin = env!("CARGO_BIN_EXE_aipx");
    let dir = tempfile::tempdir().unwrap();
    let folders = own_folders(dir.path());
    tmux.keys(&[&format!("env {folders} {bin} --today 2026-11-21"), "Enter"]);
    tmux.wait("the TUI", ui_shown);
    tmux.keys(&["/nvid"]);
    tmux.wait("the query", |t| t.screen().contains("/ nvid"));
    tmux.keys(&["C-z"]);
    tmux.wait("the shell's Stopped", |t| t.screen().contains("Stopped"));
    assert_eq!(tmux.modes(), "alt=0 mouse=0 cursor=1");
    tmux.keys(&["stty -a | grep -c ' icanon .* echo '", "Enter"]);
    tmux.wait("stty", |t| t.screen().lines().any(|l| l.trim() == "1"));
    tmux.keys(&["fg", "Enter"]);
    // The whole screen is drawn again, with the query typed before the stop.
    tmux.wait("the redrawn TUI", |t| {
        ui_shown(t) && t.screen().contains("/ nvid")
    });
    assert!(
        tmux.screen().contains("NVIDIA Corporation"),
        "{}",
        tmux.screen()
    );
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    tmux.wait("the shell", |t| t.modes() == "alt=0 mouse=0 cursor=1");
}

#[test]
fn mouse_capture_follows_the_config_and_a_real_click_selects_a_row() {
    if tmux_missing() {
        return;
    }
    for mouse in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config/aipx/config.toml");
        std::fs::create_dir_all(config.parent().unwrap()).unwrap();
        std::fs::write(&config, format!("[ui]\nmouse = {mouse}\n")).unwrap();
        let command = format!(
            "exec env {} {} --today 2026-11-21",
            own_folders(dir.path()),
            env!("CARGO_BIN_EXE_aipx")
        );
        let tmux = Tmux::start(&format!("mouse-{mouse}"), &command).unwrap();
        tmux.wait("the UI", ui_shown);
        let modes = format!("alt=1 mouse={} cursor=0", u8::from(mouse));
        assert_eq!(tmux.modes(), modes);
        if mouse {
            // A left click as the terminal reports it (SGR: press, release) on the results'
            // second row, Alphabet's (next catalyst first, ties A to Z): column 6, row 8,
            // counted from 1.
            tmux.keys(&["-l", "\x1b[<0;6;8M\x1b[<0;6;8m"]);
            tmux.wait("the clicked row selected", |t| {
                t.screen().contains("Alphabet Inc.  NASDAQ:GOOGL")
            });
        }
    }
}
