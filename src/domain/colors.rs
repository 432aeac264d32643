//! Colours as admins and moderators give them (`#rgb` or `#rrggbb`), and the text colour that
//! reads on each with WCAG AA contrast.

/// A colour as red, green and blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The dark text put on light colours: black, so that one of the two always reaches 4.5:1 (a
/// softer dark grey misses it on mid greys such as #718096).
pub const DARK_TEXT: Rgb = Rgb(0, 0, 0);
/// The light text put on dark colours.
pub const LIGHT_TEXT: Rgb = Rgb(0xff, 0xff, 0xff);

impl Rgb {
    /// `#rgb` or `#rrggbb`; anything else is `None`.
    pub fn parse(raw: &str) -> Option<Rgb> {
        let hex = raw.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |digits: &str| u8::from_str_radix(digits, 16).ok();
        match hex.len() {
            3 => {
                let doubled: Vec<u8> = hex
                    .chars()
                    .map(|c| channel(&format!("{c}{c}")))
                    .collect::<Option<_>>()?;
                Some(Rgb(*doubled.first()?, *doubled.get(1)?, *doubled.get(2)?))
            }
            6 => Some(Rgb(
                channel(hex.get(0..2)?)?,
                channel(hex.get(2..4)?)?,
                channel(hex.get(4..6)?)?,
            )),
            _ => None,
        }
    }

    /// `#rrggbb`, lowercase.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2's relative luminance.
    fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// WCAG 2's contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The text colour that reads best on this one: dark or light, whichever contrasts more
    /// (one of them always reaches 4.5:1, WCAG AA for normal text).
    pub fn text_on(self) -> Rgb {
        if self.contrast(DARK_TEXT) >= self.contrast(LIGHT_TEXT) {
            DARK_TEXT
        } else {
            LIGHT_TEXT
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_forms_and_refuses_the_rest() {
        assert_eq!(Rgb::parse("#2b6cb0"), Some(Rgb(0x2b, 0x6c, 0xb0)));
        assert_eq!(Rgb::parse("#FA0"), Some(Rgb(0xff, 0xaa, 0x00)));
        for bad in [
            " #fa0",
            "purple",
            "#12345",
            "#ggg",
            "2b6cb0",
            "#2b6cb0ff",
            "",
            "#",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgb(0xff, 0xaa, 0).hex(), "#ffaa00");
    }

    #[test]
    fn the_chosen_text_colour_reaches_aa_on_every_background() {
        assert!((Rgb(0, 0, 0).contrast(Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        for r in (0..=255).step_by(5) {
            for g in (0..=255).step_by(5) {
                for b in (0..=255).step_by(5) {
                    let background = Rgb(r, g, b);
                    let ratio = background.contrast(background.text_on());
                    assert!(ratio >= 4.5, "{} gives {ratio}", background.hex());
                }
            }
        }
        assert_eq!(Rgb::parse("#b7791f").map(Rgb::text_on), Some(DARK_TEXT));
        let grey = Rgb(0x71, 0x80, 0x96);
        assert!(grey.contrast(grey.text_on()) >= 4.5);
        assert_eq!(Rgb::parse("#2b6cb0").map(Rgb::text_on), Some(LIGHT_TEXT));
    }
}
