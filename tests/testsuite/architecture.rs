//! The shape of the code, kept by a test: the engine never names a feature,
//! no two rooms (an engine module, a feature folder) depend on each other in
//! a cycle, every source file says what it owns in a `//!` line, and no file
//! grows past ~500 lines unless it is one cohesive thing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Files allowed past the line limit, with the reason.
const LONG_FILES: &[(&str, &str)] = &[];
const MAX_LINES: usize = 500;
/// Hooks of the Feature trait allowed one user, each with the reason: none.
const SINGLE_USER_HOOKS: &[&str] = &[];

struct Source {
    /// Relative to `src/`, with `/`.
    path: String,
    text: String,
}

fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "rs"))
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| Source {
            path: path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/"),
            text: std::fs::read_to_string(&path).unwrap(),
        })
        .collect()
}

/// The code of a file: without comments (doc links name other modules
/// without depending on them) and without its unit tests (kept at the end,
/// by habit).
fn code(text: &str) -> String {
    let text = text.find("#[cfg(test)]").map_or(text, |at| &text[..at]);
    text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The room a file belongs to: `engine/<module>`, `features/<feature>`, or
/// the file itself at the top (`main.rs`, `cli.rs`).
fn room_of(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [layer @ ("engine" | "features"), "mod.rs"] => layer.to_string(),
        [layer @ ("engine" | "features"), module, ..] => format!("{layer}/{}", module.trim_end_matches(".rs")),
        _ => path.trim_end_matches(".rs").to_string(),
    }
}

/// The rooms a file's code refers to through `crate::engine::x` or `crate::features::x`.
fn uses(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for layer in ["engine", "features"] {
        let needle = format!("crate::{layer}::");
        let mut rest = text;
        while let Some(at) = rest.find(&needle) {
            rest = &rest[at + needle.len()..];
            let module: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let module = if module.is_empty() || module.chars().next().unwrap().is_uppercase() {
                layer.to_string()
            } else {
                format!("{layer}/{module}")
            };
            found.insert(module);
        }
        // `crate::features::{a, b}` and `crate::features::registry` name the layer's root.
        if text.contains(&format!("crate::{layer}::{{")) {
            found.insert(layer.to_string());
        }
    }
    found
}

#[test]
fn the_engine_never_names_a_feature() {
    for source in sources().iter().filter(|s| s.path.starts_with("engine/")) {
        assert!(
            !code(&source.text).contains("crate::features"),
            "src/{} refers to a feature: the engine reaches features only through the Feature trait",
            source.path
        );
    }
}

#[test]
fn rooms_depend_on_each_other_without_cycles() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for source in sources() {
        if source.path.ends_with("/tests.rs") {
            continue;
        }
        let room = room_of(&source.path);
        let targets = uses(&code(&source.text));
        let entry = graph.entry(room.clone()).or_default();
        entry.extend(targets.into_iter().filter(|target| *target != room));
    }
    // Depth-first search; a node met again while on the stack closes a cycle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("an import cycle between rooms: {}", cycle.join(" → "));
        }
    }
    // The graph is not empty by accident: the pipeline uses the feature seam.
    assert!(graph["engine/pipeline"].contains("engine/feature"), "{graph:#?}");
    assert!(graph["features/handouts"].contains("engine/feature"), "{graph:#?}");
}

#[test]
fn no_feature_imports_another_or_sees_how_the_build_is_scheduled() {
    for source in sources().iter().filter(|s| s.path.starts_with("features/") && s.path != "features/mod.rs") {
        if source.path.ends_with("/tests.rs") {
            continue;
        }
        let room = room_of(&source.path);
        let code = code(&source.text);
        for used in uses(&code).into_iter().filter(|used| used.starts_with("features")) {
            assert_eq!(
                used, room,
                "src/{} uses {used}: a feature reaches others only through the engine (a document part, a LoadContext file)",
                source.path
            );
        }
        for word in ["BuildContext", "Scope", "downcast", ".get::<"] {
            assert!(
                !code.contains(word) || (word == ".get::<" && code.contains(".data.get::<")),
                "src/{} names `{word}`: features see one language (LanguageContext), never the build's turns, and never downcast each other",
                source.path
            );
        }
    }
}

#[test]
fn every_hook_of_the_feature_trait_has_more_than_one_user() {
    let sources = sources();
    let seam = sources.iter().find(|s| s.path == "engine/feature/mod.rs").expect("the seam");
    let trait_body = &seam.text[seam.text.find("pub trait Feature").unwrap()..];
    let trait_body = &trait_body[..trait_body.find("\n}\n").unwrap()];
    let hooks: Vec<&str> = trait_body
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("fn "))
        .map(|rest| rest.split(['(', '<']).next().unwrap())
        .filter(|name| *name != "name")
        .collect();
    assert!(hooks.len() <= 10, "the Feature trait has {} hooks: {hooks:?}", hooks.len());
    for hook in hooks {
        let users: BTreeSet<String> = sources
            .iter()
            .filter(|s| s.path.starts_with("features/") && code(&s.text).contains(&format!("fn {hook}(")))
            .map(|s| room_of(&s.path))
            .collect();
        assert!(
            users.len() > 1 || SINGLE_USER_HOOKS.contains(&hook),
            "the hook `{hook}` has {} user(s): {users:?}; fold it into another",
            users.len()
        );
    }
}

#[test]
fn every_file_says_what_it_owns_and_stays_readable() {
    for source in sources() {
        if source.path.ends_with("/tests.rs") {
            continue;
        }
        assert!(
            source.text.starts_with("//!"),
            "src/{} does not open with a `//!` line saying what it owns",
            source.path
        );
        let lines = source.text.lines().count();
        let allowed = LONG_FILES.iter().any(|(path, _)| *path == source.path);
        assert!(
            lines <= MAX_LINES || allowed,
            "src/{} has {lines} lines: split it by concern, or list it in LONG_FILES with the reason",
            source.path
        );
    }
}

/// The theme's scripts allowed past the line limit, with the reason.
const LONG_SCRIPTS: &[(&str, &str)] = &[(
    "recommendations.js",
    "one closure over the matrix's table and the reader's assessments; its files part (downloads, a partner's \
     file) is the next to move into a script of its own",
)];

#[test]
fn every_theme_script_says_what_it_is_and_stays_readable() {
    let static_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let mut scripts = 0;
    for entry in walkdir::WalkDir::new(&static_dir).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|ext| ext != "js") {
            continue;
        }
        scripts += 1;
        let name = entry.path().strip_prefix(&static_dir).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).unwrap();
        assert!(
            text.starts_with("/*"),
            "themes/default/static/{name} does not open with a comment saying what it does"
        );
        let lines = text.lines().count();
        let allowed = LONG_SCRIPTS.iter().any(|(path, _)| *path == name);
        assert!(
            lines <= MAX_LINES || allowed,
            "themes/default/static/{name} has {lines} lines: split it by concern, or list it in LONG_SCRIPTS with the reason"
        );
    }
    assert!(scripts >= 10, "the theme's scripts were found ({scripts})");
}

#[test]
fn each_feature_is_one_folder_registered_once() {
    let sources = sources();
    let registry = sources.iter().find(|s| s.path == "features/mod.rs").expect("the registry");
    let folders: BTreeSet<String> = sources
        .iter()
        .filter_map(|s| s.path.strip_prefix("features/"))
        .filter_map(|rest| rest.split_once('/').map(|(folder, _)| folder.to_string()))
        .collect();
    for folder in &folders {
        assert!(registry.text.contains(&format!("pub mod {folder};")), "features/{folder} is not declared");
        let features = &registry.text[..registry.text.find("let outputs").expect("the outputs' list")];
        assert_eq!(
            features.matches(&format!("Box::new({folder}::")).count(),
            1,
            "features/{folder} must be registered exactly once in features::registry"
        );
    }
}

/// Files that name `needle` in their code (comments aside, unit tests included).
fn naming(needle: &str) -> Vec<String> {
    sources()
        .into_iter()
        .filter(|source| {
            source.text.lines().filter(|line| !line.trim_start().starts_with("//")).any(|line| line.contains(needle))
        })
        .map(|source| source.path)
        .collect()
}

#[test]
fn yaml_is_read_and_written_in_one_module() {
    // The message for a YAML mistake is made in one place: `engine::yaml`.
    assert_eq!(naming("serde_yaml"), ["engine/yaml.rs"]);
}

#[test]
fn only_main_ends_the_process() {
    // Deeper code returns its error; main picks the exit code (and so a
    // command can be called from a test, or from `serve`, and return).
    let found = naming("process::exit");
    assert!(found.iter().all(|path| path == "main.rs"), "{found:?} end the process: return an error to main instead");
}

/// The integration tests are threads of one process (`tests/testsuite`):
/// a test that changed the environment or the current folder would change
/// them under every other test running at that moment.
#[test]
fn integration_tests_leave_the_process_alone() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite");
    let forbidden =
        [["env::", "set_var("], ["env::", "remove_var("], ["", "set_current_dir("]].map(|parts| parts.concat());
    let mut read = 0;
    for entry in walkdir::WalkDir::new(&suite).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        read += 1;
        for call in &forbidden {
            assert!(
                !code(&text).contains(call.as_str()),
                "{} calls {call}: give the child process its environment or folder instead",
                entry.path().display()
            );
        }
    }
    assert!(read > 30, "only {read} test files found under {}", suite.display());
}

/// One test binary: a test file beside `tests/testsuite/` would be a binary
/// of its own, linking the whole crate again; one inside it that `main.rs`
/// does not declare would never be compiled, nor run.
#[test]
fn every_integration_test_is_a_module_of_the_testsuite() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let names = |dir: &Path| -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
            .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names(&tests), BTreeSet::new(), "move these into tests/testsuite/ and declare them in its main.rs");
    let main = std::fs::read_to_string(tests.join("testsuite/main.rs")).unwrap();
    let modules = names(&tests.join("testsuite"));
    assert!(modules.len() > 25, "{modules:?}");
    for module in modules.iter().filter(|name| *name != "main") {
        assert!(
            main.contains(&format!("\nmod {module};\n")),
            "tests/testsuite/main.rs does not declare `mod {module};`"
        );
    }
}
