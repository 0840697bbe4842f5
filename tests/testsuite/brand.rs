//! A toolkit branded from `brand:` in uprkit.yaml: the logo, colour, footer,
//! licence and contact reach every page, the handouts (logo inlined), the
//! zips and the status page; a colour too pale to read is refused.

use crate::common;

use common::{assert_success, stderr, uprkit, Site};

const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\"><circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"#0b6b86\"/></svg>\n";

fn branded(colour: &str) -> Site {
    let site = Site::copy("basic");
    site.write("static/logo.svg", LOGO);
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    site.write(
        "uprkit.yaml",
        format!(
            "{config}brand:\n  organisation: Example Rights Network\n  logo: static/logo.svg\n  color: \"{colour}\"\n  \
             footer: {{ en: Made by Example Rights Network, fr: Réalisé par Example Rights Network }}\n  \
             licence: {{ en: CC BY 4.0, fr: CC BY 4.0 (attribution) }}\n  contact: mailto:upr@example.org\n"
        ),
    );
    site
}

#[test]
fn the_brand_reaches_pages_handouts_zips_and_the_status_page() {
    let site = branded("#5a2d82");
    site.build_ok();
    let home = site.page("index.html");
    // Links in the brand's colour in the light (the system's, unless the
    // reader chose dark, or the reader's choice); in the dark, the theme's
    // lighter blue.
    assert!(
        home.contains(concat!(
            "<style>:root { --brand: #5a2d82; } ",
            "@media (prefers-color-scheme: light) { :root:not([data-theme=\"dark\"]) { --link: #5a2d82; } } ",
            ":root[data-theme=\"light\"] { --link: #5a2d82; }</style>"
        )),
        "{home}"
    );
    assert!(home.contains("<img class=\"site-logo\" src=\"./_uprkit/brand/logo.svg\" alt=\"Example Rights Network\">"));
    assert!(home.contains("<span class=\"brand-licence\">CC BY 4.0</span>"));
    assert!(home.contains("<a class=\"brand-contact\" href=\"mailto:upr@example.org\">Contact</a>"));
    let french = site.page("fr/preparation/report/index.html");
    assert!(french.contains("src=\"../../../_uprkit/brand/logo.svg\""), "a relative path from any depth");
    assert!(french.contains("Réalisé par Example Rights Network") && french.contains("CC BY 4.0 (attribution)"));
    assert_eq!(site.page("_uprkit/brand/logo.svg"), LOGO);
    let handout = site.page("handouts/fr/guide.html");
    assert!(handout.contains("<img class=\"handout-logo\" src=\"data:image/svg+xml;base64,"), "logo inlined");
    assert!(handout.contains("<p class=\"handout-licence\">CC BY 4.0 (attribution)</p>"));
    assert!(handout.contains("<p class=\"handout-organisation\">Example Rights Network</p>"));
    let zip = std::fs::File::open(site.public().join("handouts/fr/site.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(zip).unwrap();
    assert!(archive.by_name("site/_uprkit/brand/logo.svg").is_ok(), "the logo is in the zip");
    let status = site.outside().join("status.html");
    assert_success(&uprkit(site.root(), &["check", "--html", status.to_str().unwrap()]));
    let status = std::fs::read_to_string(status).unwrap();
    assert!(status.contains("Example Rights Network") && status.contains("data:image/svg+xml;base64,"));
}

#[test]
fn a_colour_too_pale_to_read_is_refused_with_a_darker_one() {
    let site = branded("#7fbfff");
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("uprkit.yaml:13: the brand colour #7fbfff and white have a contrast of 1.94:1; text and links need 4.5:1 (WCAG AA)"), "{message}");
    assert!(message.contains("a darker shade of it that passes: `color: \"#"), "{message}");
}

/// The line is WCAG AA's 4.5:1, not a lower one: the greys on either side
/// of it (#777777 is 4.48:1 with white, #767676 4.54:1).
#[test]
fn the_line_is_drawn_at_4_5_to_1() {
    let site = branded("#777777");
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1), "4.48:1 is refused");
    let message = stderr(&output);
    assert!(
        message.contains("the brand colour #777777 and white have a contrast of 4.48:1; text and links need 4.5:1"),
        "{message}"
    );
    assert!(message.contains("a darker shade of it that passes: `color: \"#"), "{message}");
    let site = branded("#767676");
    site.build_ok();
    assert!(site.page("index.html").contains("--brand: #767676;"), "4.54:1 is accepted");
}

#[test]
fn a_logo_outside_the_toolkit_is_refused() {
    let site = branded("#5a2d82");
    std::fs::create_dir_all(site.outside().join("outside")).unwrap();
    std::fs::write(site.outside().join("outside/x.svg"), LOGO).unwrap();
    let absolute = site.outside().join("outside/x.svg");
    let link = site.root().join("static/link.svg");
    std::os::unix::fs::symlink(&absolute, &link).unwrap();
    let config = std::fs::read_to_string(site.root().join("uprkit.yaml")).unwrap();
    for logo in ["../outside/x.svg", absolute.to_str().unwrap(), "static/link.svg"] {
        site.write("uprkit.yaml", config.replace("logo: static/logo.svg", &format!("logo: {logo}")));
        let output = site.build(&[]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{logo}: {message}");
        assert!(message.contains(&format!("the logo `{logo}` is outside the toolkit")), "{message}");
        assert!(message.contains("help: copy it into the toolkit"), "{message}");
        assert!(!site.public().exists(), "nothing built");
    }
}
