//! Quick exit, for readers at risk on watched or shared devices (as the
//! GOV.UK design system's "Exit this page"): `quick_exit: true` (or the
//! address of a neutral site) in uprkit.yaml puts a button on every page,
//! and Shift pressed three times does the same. The page script empties the
//! page and replaces it with the neutral site; while quick exit is on, it
//! also follows the guide's own links in place (`location.replace`), so the
//! guide only ever takes one entry of the tab's history, and leaving leaves
//! none behind. Off by default.

use crate::engine::error::{Diagnostic, Result};
use crate::engine::feature::{value, ContextMap, Declaration, Feature, LanguageContext, LoadContext, Script};
use crate::engine::yaml;

/// Where `quick_exit: true` leads: a site that gives nothing away.
pub const NEUTRAL_SITE: &str = "https://www.wikipedia.org/";

#[derive(Default)]
pub struct QuickExit {
    /// The neutral site, when quick exit is on.
    to: Option<String>,
}

impl Feature for QuickExit {
    fn name(&self) -> &'static str {
        "quick-exit"
    }

    fn declaration(&self) -> Declaration {
        Declaration {
            config_keys: &["quick_exit"],
            script: Script { file: Some("scripts/quick-exit.js"), strings: &[] },
            ..Declaration::NONE
        }
    }

    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        self.to = match cx.config.setting("quick_exit") {
            None => None,
            Some(setting) => match &setting.value {
                yaml::Value::Bool(false) => None,
                yaml::Value::Bool(true) => Some(NEUTRAL_SITE.to_string()),
                yaml::Value::String(url)
                    if ["https://", "http://", "file://"].iter().any(|scheme| url.starts_with(scheme)) =>
                {
                    Some(url.clone())
                }
                _ => {
                    return Err(Diagnostic::new(setting.location.clone(), "`quick_exit` must be `true`, `false` or the address of a website")
                        .with_help(format!("`quick_exit: true` leads to {NEUTRAL_SITE}; or write an address such as `quick_exit: https://www.bbc.com/weather`"))
                        .into())
                }
            },
        };
        Ok(())
    }

    fn site_context(&self, _cx: &LanguageContext, out: &mut ContextMap) {
        out.insert("quick_exit", value(self.to.clone()));
    }
}
