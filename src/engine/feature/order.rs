//! The order of the features' passes, from what each says must run before
//! it ([`Pass::after`](super::Pass::after)), as mdBook orders its
//! preprocessors: passes that depend on nothing between them keep the
//! order of the registry.

use super::Feature;

/// Indexes into `list` of the features with a pass, each after the passes
/// it names. A name no registered pass has is ignored (that feature is not
/// in this build); a cycle is a mistake in the features and panics.
pub(super) fn passes(list: &[Box<dyn Feature>]) -> Vec<usize> {
    let with_pass: Vec<(usize, &'static str, &'static [&'static str])> = list
        .iter()
        .enumerate()
        .filter_map(|(index, feature)| feature.pass().map(|pass| (index, feature.name(), pass.after())))
        .collect();
    let known = |name: &str| with_pass.iter().any(|(_, other, _)| *other == name);
    let mut placed: Vec<usize> = Vec::with_capacity(with_pass.len());
    let mut names: Vec<&'static str> = Vec::with_capacity(with_pass.len());
    while placed.len() < with_pass.len() {
        let next = with_pass.iter().find(|(index, _, after)| {
            !placed.contains(index) && after.iter().all(|name| !known(name) || names.contains(name))
        });
        let Some(&(index, name, _)) = next else {
            let left: Vec<&str> =
                with_pass.iter().filter(|(index, _, _)| !placed.contains(index)).map(|(_, name, _)| *name).collect();
            panic!("the passes of {} wait for each other (see their `after`)", left.join(", "));
        };
        placed.push(index);
        names.push(name);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::feature::Pass;
    use crate::engine::markdown::{PageRender, Spanned};

    struct Named(&'static str, &'static [&'static str]);

    impl Pass for Named {
        fn after(&self) -> &'static [&'static str] {
            self.1
        }
        fn run<'e>(&self, _page: &mut PageRender<'_>, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
            events
        }
    }

    impl Feature for Named {
        fn name(&self) -> &'static str {
            self.0
        }
        fn pass(&self) -> Option<&dyn Pass> {
            Some(self)
        }
    }

    fn order(list: Vec<Named>) -> Vec<&'static str> {
        let names: Vec<&'static str> = list.iter().map(|named| named.0).collect();
        let boxed: Vec<Box<dyn Feature>> = list.into_iter().map(|named| Box::new(named) as Box<dyn Feature>).collect();
        passes(&boxed).into_iter().map(|index| names[index]).collect()
    }

    #[test]
    fn a_pass_runs_after_those_it_names_whatever_the_registry_order() {
        let list = vec![Named("glossary", &["checklists"]), Named("search", &["checklists"]), Named("checklists", &[])];
        assert_eq!(order(list), ["checklists", "glossary", "search"]);
    }

    #[test]
    fn passes_that_name_none_keep_the_registry_order_and_unknown_names_are_ignored() {
        let list = vec![Named("b", &["not-registered"]), Named("a", &[])];
        assert_eq!(order(list), ["b", "a"]);
    }

    #[test]
    #[should_panic(expected = "wait for each other")]
    fn a_cycle_is_a_mistake() {
        order(vec![Named("a", &["b"]), Named("b", &["a"])]);
    }
}
