//! Demonstrates that a panic inside a TUI session gives the terminal back: run it in a
//! terminal (`cargo run --example panic_restore`); the panic message prints on a normal
//! screen, echo and the cursor work, and the mouse is released.

fn main() -> std::io::Result<()> {
    let mut session = aipx::tui::run::Session::start(true)?;
    session
        .terminal()
        .draw(|frame| frame.render_widget("about to panic inside the TUI...", frame.area()))?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    panic!("deliberate panic to show the terminal is restored");
}
