//! Pages as a reader sees them, in real headless Chromium (Debian's
//! `chromium`, which `.ci/run` installs): mirrored in Arabic, content first
//! on a phone, and on long pages of the bundled toolkit "On this page" in
//! the margin of a wide screen and a way back to the top (margins.mjs); the
//! colours the reader chooses, kept like their other settings (colours.mjs).
//! These tests fail, never skip, when Chromium is missing.

use crate::common;

use common::Site;

/// Median x of the pixels painted in `colour` (the navigation's phase colour).
fn median_x_of(colour: [u8; 3], (width, _, rgb): &(u32, u32, Vec<u8>)) -> Option<u32> {
    let mut xs: Vec<u32> = rgb
        .chunks(3)
        .enumerate()
        .filter(|(_, p)| p.iter().zip(colour).all(|(&a, b)| a.abs_diff(b) <= 6))
        .map(|(i, _)| i as u32 % width)
        .collect();
    xs.sort_unstable();
    xs.get(xs.len() / 2).copied()
}

#[test]
fn the_arabic_layout_is_mirrored() {
    let site = Site::copy("basic");
    site.build_ok();
    // The current page's link in the navigation is filled with the phase colour.
    let preparation = [0x0b, 0x6b, 0x86];
    let english = common::screenshot(&site.public().join("preparation/report/index.html"), 1280, 800);
    let arabic = common::screenshot(&site.public().join("ar/preparation/report/index.html"), 1280, 800);
    let english_x = median_x_of(preparation, &english).expect("navigation visible in English");
    let arabic_x = median_x_of(preparation, &arabic).expect("navigation visible in Arabic");
    assert!(english_x < 400, "English navigation should be on the left, found at x={english_x}");
    assert!(arabic_x > 880, "Arabic navigation should be on the right, found at x={arabic_x}");
}

#[test]
fn on_a_phone_the_content_comes_first() {
    let site = Site::copy("basic");
    site.build_ok();
    let preparation = [0x0b, 0x6b, 0x86];
    let (width, height, rgb) = common::screenshot(&site.public().join("preparation/report/index.html"), 390, 900);
    // The navigation moves below the article: none of its colour in the first screen
    // except the small phase label above the title.
    let painted = rgb.chunks(3).filter(|p| p.iter().zip(preparation).all(|(&a, b)| a.abs_diff(b) <= 6)).count();
    assert!(painted < 2_000, "{painted} pixels of navigation colour in the first {width}×{height} screen");
}

#[test]
fn long_pages_keep_their_contents_in_the_margin_and_a_way_back_to_the_top() {
    let temp = common::build_bundled();
    let with_quick_exit = Site::copy("basic");
    let config = std::fs::read_to_string(with_quick_exit.root().join("uprkit.yaml")).unwrap();
    with_quick_exit.write("uprkit.yaml", format!("{config}quick_exit: true\n"));
    // A long page with its contents in the margin, under the quick exit's corner.
    let report = std::fs::read_to_string(with_quick_exit.root().join("content/preparation/report.md")).unwrap();
    let paragraph = "Plan the work with the coalition, share the drafts, and keep to the deadline. ".repeat(12);
    let more: String = (1..=8).map(|n| format!("\n## Step {n}\n\n{paragraph}\n")).collect();
    with_quick_exit.write("content/preparation/report.md", format!("{report}{more}"));
    let report = std::fs::read_to_string(with_quick_exit.root().join("content/preparation/report.ar.md")).unwrap();
    let paragraph = "خطّط العمل مع الائتلاف، وشارك المسودات، والتزم بالموعد النهائي. ".repeat(12);
    let more: String = (1..=8).map(|n| format!("\n## الخطوة {n}\n\n{paragraph}\n")).collect();
    with_quick_exit.write("content/preparation/report.ar.md", format!("{report}{more}"));
    with_quick_exit.build_ok();
    let public = temp.path().join("public");
    common::run_browser_script_with("margins.mjs", &[public.as_os_str(), with_quick_exit.public().as_os_str()], 9);
}

#[test]
fn the_reader_chooses_light_or_dark_and_it_is_kept_like_the_other_settings() {
    let temp = common::build_bundled();
    common::run_browser_script("colours.mjs", &temp.path().join("public"), 5);
}
