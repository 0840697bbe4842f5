//! Recommendations: the UPR matrix of a State's recommendations, from
//! `data/recommendations.csv` (or `.yaml`, `.json`). Per language: a matrix
//! page (`recommendations/`) grouped by theme as OHCHR's are, which readers
//! filter, sort, assess, export and print (`recommendations.js`); a page
//! per theme; charts made at build time; the data as CSV; and the shortcode
//! `{{ recommendations(theme="...", response="noted") }}` that shows a
//! subset inside a page (and a handout).

mod charts;
mod columns;
mod conventions;
mod csv_cells;
pub mod data;
mod dates;
mod embed;
mod filters;
mod lints;
mod read;
mod rows;
mod spreadsheet;
mod state_names;
mod states;
mod table;
mod themes;
mod values;
mod view;
mod word;

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::engine::error::{Error, Result};
use crate::engine::feature::document::Document;
use crate::engine::feature::{
    value, ContextMap, Declaration, Feature, GeneratedPage, LanguageContext, LoadContext, PageKind, Script,
};
use crate::engine::i18n::{ui, UiStrings};
use crate::engine::markdown::shortcodes::{Call, ShortcodeError};
use crate::engine::markdown::MarkdownOptions;
use crate::engine::output::{Contents, OutputFile, Sink};
use crate::engine::report::{CheckContext, CheckReport};
use crate::engine::templates::THEME_OUTPUT_DIR;

use data::Data;
use view::{Labels, ThemeView};

/// Where the matrix is published; theme pages are under it.
pub const SLUG: &str = "recommendations";
/// The name of the data as CSV, beside the matrix page.
const CSV_NAME: &str = "recommendations.csv";
/// Above this many rows the matrix page holds no row: each theme's
/// heading links to its page (the full table, without JavaScript), and the
/// script shows the rows a filter matches from the data script, which then
/// carries each row's HTML. A page of 10,000 rows is 7 MB and 280,000
/// elements: a browser takes 10 to 20 s to open it.
pub const LARGE: usize = 1_000;

/// What templates see on the matrix page and on a theme's page.
#[derive(Serialize)]
struct PageView {
    /// On a theme's page: the theme.
    theme: Option<ThemeView>,
    themes: Vec<ThemeView>,
    groups: Vec<PageGroup>,
    total: usize,
    /// The choices of each filter (the matrix page only).
    filters: Option<Vec<filters::Filter>>,
    charts: Vec<charts::Chart>,
    /// The matrix of a large data set: its rows come from the data script.
    large: bool,
    /// Some recommendation has a target date: the matrix sorts by it.
    dated: bool,
    /// Whether a recommendation has a status or an assessment: without one
    /// the status column, its filter, order and chart are left out.
    has_status: bool,
    /// How many columns the table has, for headings that span them all.
    columns: usize,
    /// On a large matrix, the cell of the reader's assessment that the
    /// script adds to each row it shows.
    own_cell: Option<String>,
    /// From the site's root: the data script, the CSV, the matrix.
    data_href: String,
    csv_href: String,
    matrix_href: String,
}

/// A group of the table: a theme's heading and its rows, as HTML.
#[derive(Serialize)]
struct PageGroup {
    slug: String,
    name: String,
    count: usize,
    html: String,
    /// The theme's page, from the site's root (a large matrix links to it).
    href: Option<String>,
    /// Whether the data has statuses: the handouts' and the PDF's matrix
    /// leave the column out where it would say "Unknown" on every row.
    has_status: bool,
}

/// The rows of one language, each as HTML, in the order of the data file.
struct LanguageRows {
    html: Vec<String>,
}

/// Recommendations whose text a language lacks, as `check --format json` reports them.
#[derive(Serialize)]
struct Untranslated {
    /// Where their translations go.
    file: String,
    untranslated: usize,
    total: usize,
}

/// The UI strings the matrix's script shows.
const SCRIPT_STRINGS: &[&str] = &[
    "rec_shown",
    "rec_show_all",
    "rec_assess",
    "rec_imported",
    "rec_import_failed",
    "rec_import_left_out",
    "rec_saved",
    "rec_no_match",
    "rec_csv_recommendation",
    "rec_csv_state",
    "rec_csv_position",
    "rec_csv_theme",
    "rec_csv_assessment",
    "rec_csv_persons",
    "rec_csv_sdgs",
    "rec_responsible",
    "rec_planned_action",
    "rec_indicator",
    "rec_target_date",
    "rec_group_shown",
    "rec_print_filters",
    "rec_print_filter",
    "rec_print_and",
    "rec_print_no_filter",
    "rec_import_from",
    "rec_import_from_saved",
    "rec_import_unnamed",
    "rec_import_new",
    "rec_import_newer",
    "rec_import_older",
    "rec_import_same",
    "rec_import_more",
    "rec_import_nothing",
    "rec_import_instead",
    "rec_import_yours",
    "rec_import_undone",
    "save_failed",
];

/// The toolkit's recommendations, if it has a data file.
#[derive(Default)]
pub struct Recommendations {
    data: Option<Data>,
    /// The language of the data file's text.
    default_lang: String,
}

impl Recommendations {
    fn themes(&self, build: &LanguageContext, lang: &str) -> Vec<ThemeView> {
        let data = self.data.as_ref().expect("themes of loaded data");
        let labels = Labels::new(&build.theme.strings[lang]).with_names(&data.theme_map, lang);
        view::themes(data, &labels, |slug| build.site.urls.page(&format!("{SLUG}/{slug}"), lang))
    }

    /// Every row of the language at `language` as HTML, without the cell
    /// of the reader's assessment.
    fn rows(&self, build: &LanguageContext, language: usize) -> LanguageRows {
        let site_language = &build.site.languages[language];
        let lang = &site_language.lang;
        self.rows_in(
            lang,
            site_language.language.direction.as_str(),
            &build.config.default_language().code,
            &build.theme.strings[lang],
        )
    }

    /// The same, for the language `lang`, written in the direction `dir`.
    fn rows_in(&self, lang: &str, dir: &'static str, default_lang: &str, strings: &UiStrings) -> LanguageRows {
        let data = self.data.as_ref().expect("rows of loaded data");
        let labels = Labels::new(strings).with_names(&data.theme_map, lang);
        let row_strings = rows::RowStrings::new(strings, lang, dir, data.has_status);
        LanguageRows {
            html: data
                .rows
                .iter()
                .map(|rec| rows::row_html(&view::row(data, rec, lang, default_lang, &labels), &row_strings))
                .collect(),
        }
    }

    /// The matrix's groups (a theme's heading, its rows as HTML), in the
    /// matrix's order; `own` adds the cell of the reader's assessment.
    fn groups(&self, language_rows: &LanguageRows, labels: &Labels, own: Option<&str>) -> Vec<PageGroup> {
        let data = self.data.as_ref().expect("groups of loaded data");
        let has_status = data.has_status;
        view::theme_groups(data)
            .into_iter()
            .map(|(slug, indexes)| {
                let first = &data.rows[indexes[0]];
                let name = first.themes.first().map_or_else(|| labels.no_theme(), |t| labels.theme(t));
                let mut html = String::new();
                for &i in &indexes {
                    let row = &language_rows.html[i];
                    match own {
                        Some(cell) => {
                            html.push_str(row.strip_suffix("</tr>\n").unwrap_or(row));
                            html.push_str(cell);
                        }
                        None => html.push_str(row),
                    }
                }
                PageGroup { slug: slug.to_string(), name, count: indexes.len(), html, href: None, has_status }
            })
            .collect()
    }

    fn page(
        &self,
        build: &LanguageContext,
        language: usize,
        theme: Option<&ThemeView>,
        language_rows: &LanguageRows,
        themes: &[ThemeView],
        by_theme: &HashMap<&str, Vec<usize>>,
    ) -> GeneratedPage {
        let data = self.data.as_ref().expect("pages of loaded data");
        let site_language = &build.site.languages[language];
        let lang = &site_language.lang;
        let strings = &build.theme.strings[lang];
        let labels = Labels::new(strings).with_names(&data.theme_map, lang);
        let large = theme.is_none() && data.rows.len() > LARGE;
        // The rows of the page: a theme's (main theme or not), or all.
        let selection: Vec<usize> = match theme {
            Some(theme) => by_theme.get(theme.slug.as_str()).cloned().unwrap_or_default(),
            None => (0..data.rows.len()).collect(),
        };
        let own_cell = format!(
            "<td class=\"rec-own\" data-rec-own><span data-rec-own-text></span><span class=\"rec-own-date\" data-rec-own-date></span><button type=\"button\" class=\"button button-small\" data-rec-assess>{}</button></td>\n</tr>\n",
            crate::engine::templates::escape(&ui(strings, "rec_assess"))
        );
        let groups = match theme {
            // A theme's page lists its recommendations together, main theme or not.
            Some(theme) => {
                let mut group = PageGroup {
                    slug: theme.slug.clone(),
                    name: theme.name.clone(),
                    count: 0,
                    html: String::new(),
                    href: None,
                    has_status: data.has_status,
                };
                // "Recommended before" links to rows of the matrix, one folder up.
                let up = format!("href=\"{}#rec-", build.site.urls.href("../index.html"));
                for &i in &selection {
                    group.count += 1;
                    group.html.push_str(&language_rows.html[i].replace("href=\"#rec-", &up));
                }
                vec![group]
            }
            // A large matrix: each group links to its theme's page.
            None if large => self
                .groups(&LanguageRows { html: vec![String::new(); data.rows.len()] }, &labels, None)
                .into_iter()
                .map(|group| {
                    let href = themes.iter().find(|t| t.slug == group.slug).map(|t| t.href.clone());
                    PageGroup { href: href.or_else(|| Some(build.site.urls.file(SLUG, lang, CSV_NAME))), ..group }
                })
                .collect(),
            // The matrix: grouped by main theme, with the reader's own column.
            None => self.groups(language_rows, &labels, Some(&own_cell)),
        };
        let rtl = site_language.language.direction.as_str() == "rtl";
        let filters = theme.is_none().then(|| filters::filters(data, themes, &labels));
        let has_status = data.has_status;
        // The text, the State, the response and the themes; the status; the
        // reader's own (on the matrix, which has the filters that show it).
        let own = filters.as_ref().is_some_and(|f| !f.is_empty());
        let page = PageView {
            theme: theme.cloned(),
            total: groups.iter().map(|g| g.count).sum(),
            filters,
            columns: 4 + usize::from(has_status) + usize::from(own),
            charts: charts::charts(
                &selection.iter().map(|&i| &data.rows[i]).collect::<Vec<_>>(),
                theme,
                themes,
                &labels,
                rtl,
            ),
            groups,
            large,
            dated: data.rows.iter().any(|r| r.target_date.is_some()),
            has_status,
            own_cell: large.then(|| own_cell.trim_end().trim_end_matches("</tr>").trim_end().to_string()),
            // A theme's page lists no other theme: with hundreds of themes,
            // every page listing every theme grows as their square.
            themes: if theme.is_some() { Vec::new() } else { themes.to_vec() },
            data_href: format!("{THEME_OUTPUT_DIR}/recommendations.{lang}.js"),
            csv_href: build.site.urls.file(SLUG, lang, CSV_NAME),
            matrix_href: build.site.urls.page(SLUG, lang),
        };
        let matrix_title = ui(strings, "recommendations");
        let (slug, title, description) = match theme {
            Some(theme) => (
                format!("{SLUG}/{}", theme.slug),
                format!("{} · {matrix_title}", theme.name),
                ui(strings, "rec_theme_intro").replace("{count}", &page.total.to_string()),
            ),
            None => (SLUG.to_string(), matrix_title, ui(strings, "rec_intro")),
        };
        GeneratedPage::new(build, slug, "recommendations", title)
            .described(description)
            .with("recommendations", value(page))
    }
}

impl Feature for Recommendations {
    fn name(&self) -> &'static str {
        "recommendations"
    }

    fn declaration(&self) -> Declaration {
        Declaration {
            pages: &[PageKind { slug: SLUG, data_key: "recommendations" }],
            // The matrix's script is its page's own.
            script: Script { file: None, strings: SCRIPT_STRINGS },
            shortcodes: &["recommendations"],
            ..Declaration::NONE
        }
    }

    fn load(&mut self, cx: &mut LoadContext) -> Result<()> {
        self.data = data::load(cx.config).map_err(Error::Content)?;
        self.default_lang = cx.config.default_language().code.clone();
        let read = self.data.as_ref().map(|data| data.files_read.clone()).unwrap_or_default();
        cx.warnings.extend(lints::unread_files(cx.config, &read));
        if let Some(data) = &self.data {
            cx.warnings.extend(data.warnings.iter().cloned());
            cx.warnings.extend(lints::sample_note(cx.config, data));
        }
        Ok(())
    }

    fn site_context(&self, cx: &LanguageContext, out: &mut ContextMap) {
        let href = self.data.is_some().then(|| cx.site.urls.page(SLUG, cx.lang()));
        out.insert("recommendations_href", value(href));
    }

    /// The matrix, and a page per theme.
    fn pages(&self, cx: &LanguageContext) -> Result<Vec<GeneratedPage>> {
        if self.data.is_none() {
            return Ok(Vec::new());
        }
        let rows = self.rows(cx, cx.index);
        // The themes once per language: each page needs them.
        let themes = self.themes(cx, cx.lang());
        let data = self.data.as_ref().expect("loaded data");
        // Each theme's rows, in the order of the data, found in one pass.
        let mut by_theme: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, rec) in data.rows.iter().enumerate() {
            for slug in &rec.theme_slugs {
                let rows = by_theme.entry(slug.as_str()).or_default();
                // Two names of one slug ("Women's rights", "Womens rights"): the row once.
                if rows.last() != Some(&i) {
                    rows.push(i);
                }
            }
        }
        let mut pages = vec![self.page(cx, cx.index, None, &rows, &themes, &by_theme)];
        for theme in &themes {
            pages.push(self.page(cx, cx.index, Some(theme), &rows, &themes, &by_theme));
        }
        Ok(pages)
    }

    /// The rows for the page script, and the matrix as a spreadsheet.
    fn files(&self, cx: &LanguageContext, sink: &dyn Sink) -> Result<()> {
        let Some(data) = &self.data else { return Ok(()) };
        let (lang, default) = (cx.lang(), &cx.config.default_language().code);
        let labels = Labels::new(cx.strings).with_names(&data.theme_map, lang);
        // A large matrix's rows are shown from the script: it carries their HTML.
        let rows = (data.rows.len() > LARGE).then(|| self.rows(cx, cx.index).html);
        sink.put(OutputFile {
            path: format!("{THEME_OUTPUT_DIR}/recommendations.{lang}.js"),
            contents: Contents::Bytes(view::script(data, lang, default, &labels, rows.as_deref()).into_bytes()),
        })?;
        sink.put(OutputFile {
            path: cx.site.urls.file(SLUG, lang, CSV_NAME),
            contents: Contents::Bytes(table::csv(data, lang, &labels)),
        })
    }

    /// The whole guide's document prints the matrix, grouped by main theme.
    fn document(&self, cx: &LanguageContext, document: &mut Document) {
        document.matrix = self.data.as_ref().and_then(|_| {
            let dir = cx.language.language.direction.as_str();
            let rows = self.rows_in(cx.lang(), dir, &cx.config.default_language().code, cx.strings);
            let data = self.data.as_ref().expect("loaded data");
            let labels = Labels::new(cx.strings).with_names(&data.theme_map, cx.lang());
            serde_json::to_value(self.groups(&rows, &labels, None)).ok()
        });
    }

    fn shortcode(
        &self,
        call: &Call,
        page: &MarkdownOptions,
    ) -> std::result::Result<Map<String, Value>, ShortcodeError> {
        embed::data(self.data.as_ref(), &self.default_lang, call, page)
    }

    fn check(&self, check: &CheckContext, report: &mut CheckReport) {
        // The key is always there, for templates and scripts.
        for status in &mut report.languages {
            status.findings.entry("recommendations_untranslated").or_default();
        }
        if let Some(data) = &self.data {
            for (language, status) in check.site.languages[1..].iter().zip(&mut report.languages) {
                let lang = &language.lang;
                let untranslated = data.rows.iter().filter(|r| !r.text_in(lang).1).count();
                if untranslated == 0 {
                    continue;
                }
                let file = format!("{}/{}.{lang}.csv", data::DATA_DIR, data::STEM);
                let line = format!(
                    "recommendations  {untranslated} of {} not translated: add their text to {file} (columns id, text, assessment)",
                    data.rows.len()
                );
                let finding = Untranslated { file, untranslated, total: data.rows.len() };
                status.add_finding("recommendations_untranslated", value(finding), line);
            }
            if data.numbered_rows {
                report.lint.push(format!(
                    "{}: the rows have no `id` or `paragraph` column, so they are known by their number (row-1, row-2, ...): add an `id` column before translating them or assessing them, or a new row in the middle will mix them up",
                    data.source.display()
                ));
            }
            report.lint.extend(data.lints.iter().cloned());
            report.lint.extend(lints::many_themes(data));
            report.lint.extend(themes::near_duplicates(&data.rows, data.theme_map.source.as_deref()));
            if !data.ignored_columns.is_empty() {
                report.lint.push(format!(
                    "{}: columns left out (no field of a recommendation takes them): {}",
                    data.source.display(),
                    data.ignored_columns.join(", ")
                ));
            }
        }
    }
}
