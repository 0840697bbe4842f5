//! Readers' reports: `feedback:` in uprkit.yaml (a web address or a
//! `mailto:`) gives every page a "Report a problem with this page" link
//! that carries the page's title and address, so whoever reads the report
//! knows which page it is about without asking. A `mailto:` gets them as
//! the subject and body, a web address as the query parameters `title`
//! and `url`. Off when unset.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::engine::error::{Diagnostic, Result};
use crate::engine::feature::{value, ContextMap, Declaration, Feature, LanguageContext, LoadContext, PageInput};
use crate::engine::yaml;

/// What a query's value keeps as it is: RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

#[derive(Default)]
pub struct Feedback {
    to: Option<Destination>,
}

/// Where reports go.
#[derive(Debug, PartialEq)]
enum Destination {
    Mail(String),
    Web(String),
}

impl Destination {
    /// Reads the setting: a `mailto:` with an address, or an http(s) address with a host.
    fn parse(text: &str) -> Option<Destination> {
        let text = text.trim();
        if let Some(address) = text.strip_prefix("mailto:") {
            return (!address.is_empty() && !address.starts_with('?')).then(|| Destination::Mail(text.to_string()));
        }
        let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        (!host.is_empty() && !text.contains(char::is_whitespace)).then(|| Destination::Web(text.to_string()))
    }

    /// The link for a page titled `title` at `address`.
    fn link(&self, title: &str, address: &str) -> String {
        let encode = |text: &str| utf8_percent_encode(text, QUERY_VALUE).to_string();
        let (base, names) = match self {
            Destination::Mail(to) => (to.as_str(), ("subject", "body")),
            Destination::Web(to) => (to.as_str(), ("title", "url")),
        };
        // The query goes before a fragment, after any query already there.
        let (base, fragment) = base.split_once('#').map_or((base, None), |(base, fragment)| (base, Some(fragment)));
        let join = if base.contains('?') { "&" } else { "?" };
        let mut link = format!("{base}{join}{}={}&{}={}", names.0, encode(title), names.1, encode(address));
        if let Some(fragment) = fragment {
            link.push('#');
            link.push_str(fragment);
        }
        link
    }
}

impl Feature for Feedback {
    fn name(&self) -> &'static str {
        "feedback"
    }

    fn declaration(&self) -> Declaration {
        Declaration { config_keys: &["feedback"], ..Declaration::NONE }
    }

    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        // A reload after the line was removed leaves no link.
        self.to = None;
        let Some(setting) = cx.config.setting("feedback") else { return Ok(()) };
        let destination = match &setting.value {
            yaml::Value::Null => return Ok(()),
            yaml::Value::String(text) => Destination::parse(text),
            _ => None,
        };
        let Some(destination) = destination else {
            return Err(Diagnostic::new(
                setting.location.clone(),
                "`feedback` must be a web address (http:// or https://) or a mailto: address",
            )
            .with_help(
                "write where readers' reports go, such as `feedback: mailto:guide@example.org` or `feedback: \
                 https://example.org/report`",
            )
            .into());
        };
        self.to = Some(destination);
        Ok(())
    }

    fn page_context(&self, cx: &LanguageContext, page: &PageInput, out: &mut ContextMap) {
        let Some(to) = &self.to else { return };
        // The address readers know the page by: on the web where it is published, else its path in the guide.
        let address = match &cx.config.base_url {
            Some(base) => format!("{base}/{}", page.href),
            None => page.href.to_string(),
        };
        out.insert("feedback_href", value(to.link(page.title, &address)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_web_and_mail_addresses_only() {
        assert_eq!(Destination::parse("mailto:a@example.org"), Some(Destination::Mail("mailto:a@example.org".into())));
        assert_eq!(Destination::parse("https://example.org/r"), Some(Destination::Web("https://example.org/r".into())));
        for bad in ["ftp://example.org", "https://", "mailto:", "example.org", "https://example.org/a b", "yes"] {
            assert_eq!(Destination::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn links_carry_the_title_and_address_encoded() {
        let mail = Destination::Mail("mailto:guide@example.org".into());
        assert_eq!(
            mail.link("Rights & wrongs?", "https://example.org/a b/index.html"),
            "mailto:guide@example.org?subject=Rights%20%26%20wrongs%3F&body=https%3A%2F%2Fexample.org%2Fa%20b%2Findex.html"
        );
        let web = Destination::Web("https://example.org/report?from=guide#form".into());
        assert_eq!(
            web.link("تحالف", "x/index.html"),
            "https://example.org/report?from=guide&title=%D8%AA%D8%AD%D8%A7%D9%84%D9%81&url=x%2Findex.html#form"
        );
    }
}
