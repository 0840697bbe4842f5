//! Colours and their contrast, as WCAG 2.1 measures it: relative luminance
//! of sRGB colours, and the ratio of two of them.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    /// `#rgb` or `#rrggbb`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        let digits: Vec<u8> = match hex.len() {
            3 => hex.chars().map(|c| c.to_digit(16).map(|d| (d * 17) as u8)).collect::<Option<_>>()?,
            6 => (0..3).map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok()).collect::<Option<_>>()?,
            _ => return None,
        };
        Some(Rgb(digits[0], digits[1], digits[2]))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance, 0 (black) to 1 (white).
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// The contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// The same hue made darker, step by step, until its contrast with white
/// reaches `ratio`.
pub fn darker_to(colour: Rgb, ratio: f64) -> Rgb {
    let mut factor = 1.0;
    loop {
        let scale = |c: u8| (f64::from(c) * factor).round() as u8;
        let darker = Rgb(scale(colour.0), scale(colour.1), scale(colour.2));
        if contrast(darker, Rgb::WHITE) >= ratio || factor <= 0.0 {
            return darker;
        }
        factor -= 0.01;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_known_values() {
        assert!((contrast(Rgb(0, 0, 0), Rgb::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Rgb::parse("#777").unwrap(), Rgb::WHITE) - 4.48).abs() < 0.01);
        assert!((contrast(Rgb::parse("#0b6b86").unwrap(), Rgb::WHITE) - 6.07).abs() < 0.05);
        assert_eq!(Rgb::parse("#0B6B86"), Some(Rgb(11, 107, 134)));
        assert_eq!(Rgb::parse("blue"), None);
    }

    #[test]
    fn the_suggested_shade_passes_and_keeps_the_hue() {
        let pale = Rgb::parse("#7fbfff").unwrap();
        let dark = darker_to(pale, 4.5);
        assert!(contrast(dark, Rgb::WHITE) >= 4.5);
        assert!(dark.2 > dark.0, "still blue: {}", dark.hex());
    }
}
