//! What passes keep of a page's rendering ([`PageData`]): checklist items,
//! text for search; compared after an edit to know which features' pages
//! and files it made stale.

use std::any::{Any, TypeId};

/// Data passes attach to a page's rendering, one value per type, with the
/// name of the feature whose pass attached it.
#[derive(Default)]
pub struct PageData(Vec<Datum>);

struct Datum {
    id: TypeId,
    owner: &'static str,
    value: Box<dyn Any + Send + Sync>,
    same: fn(&dyn Any, &dyn Any) -> bool,
}

impl PageData {
    /// Keeps `value`, attached by the pass of `owner`, in place of any of its type.
    pub(super) fn keep<T: Any + Send + Sync + PartialEq>(&mut self, owner: &'static str, value: T) {
        fn same<T: Any + PartialEq>(a: &dyn Any, b: &dyn Any) -> bool {
            a.downcast_ref::<T>().zip(b.downcast_ref::<T>()).is_some_and(|(a, b)| a == b)
        }
        let id = TypeId::of::<T>();
        self.0.retain(|datum| datum.id != id);
        self.0.push(Datum { id, owner, value: Box::new(value), same: same::<T> });
    }

    pub fn get<T: Any + Send + Sync>(&self) -> Option<&T> {
        let id = TypeId::of::<T>();
        self.0.iter().find(|datum| datum.id == id).and_then(|datum| datum.value.downcast_ref())
    }

    /// The features whose data differs between `self` and `other` (one of
    /// them has it and the other not, or it changed).
    pub fn changed_owners(&self, other: &PageData) -> Vec<&'static str> {
        let mut owners = Vec::new();
        for datum in &self.0 {
            let same = other.0.iter().find(|theirs| theirs.id == datum.id).is_some_and(|theirs| {
                theirs.owner == datum.owner && (datum.same)(datum.value.as_ref(), theirs.value.as_ref())
            });
            if !same {
                owners.push(datum.owner);
            }
        }
        for theirs in &other.0 {
            if !self.0.iter().any(|datum| datum.id == theirs.id) {
                owners.push(theirs.owner);
            }
        }
        owners
    }
}

impl std::fmt::Debug for PageData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PageData({} values)", self.0.len())
    }
}
