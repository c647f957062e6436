//! Selection arithmetic shared by every list: clamped steps and the visible window.

/// Moves `selected` by `delta` rows within `0..len`; returns whether it changed.
pub fn step(selected: &mut usize, len: usize, delta: isize) -> bool {
    let before = *selected;
    *selected = if len == 0 {
        0
    } else {
        selected.saturating_add_signed(delta).min(len - 1)
    };
    *selected != before
}

/// Sets `selected` to `to`, clamped to `0..len`; returns whether it changed.
pub fn set(selected: &mut usize, len: usize, to: usize) -> bool {
    let before = *selected;
    *selected = to.min(len.saturating_sub(1));
    *selected != before
}

/// First visible row so that `selected` stays in view, centred once the list scrolls.
///
/// Pure in its inputs, so drawing needs no scroll state of its own.
pub fn window(selected: usize, len: usize, height: usize) -> usize {
    if len <= height || height == 0 {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_in_bounds() {
        let mut s = 0;
        assert!(!step(&mut s, 5, -1));
        assert!(step(&mut s, 5, 3));
        assert_eq!(s, 3);
        step(&mut s, 5, 10);
        assert_eq!(s, 4);
        step(&mut s, 0, 1);
        assert_eq!(s, 0);
        assert!(set(&mut s, 3, 99));
        assert_eq!(s, 2);
    }

    #[test]
    fn window_keeps_the_selection_visible() {
        assert_eq!(window(3, 5, 10), 0);
        assert_eq!(window(0, 50, 10), 0);
        assert_eq!(window(20, 50, 10), 15);
        assert_eq!(window(49, 50, 10), 40);
        for sel in 0..50 {
            let top = window(sel, 50, 7);
            assert!(top <= sel && sel < top + 7);
        }
    }
}
