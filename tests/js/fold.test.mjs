// Folding: the one function the site search and the recommendations
// matrix both search with (uprkit.fold).
import { test } from "node:test";
import assert from "node:assert/strict";
import { core } from "./theme.mjs";

const { uprkit } = core();

test("Latin diacritics and case fold away", () => {
  assert.equal(uprkit.fold("Éducation À L'ÉCOLE"), "education a l'ecole");
  assert.equal(uprkit.fold("Ñandú São Tomé"), "nandu sao tome");
});

test("Arabic folds alef variants, taa marbuta, alef maksura, tatweel and harakat", () => {
  // أ إ آ ٱ are all ا; ة is ه; ى is ي; tatweel and harakat go.
  assert.equal(uprkit.fold("أإآٱ"), "اااا");
  assert.equal(uprkit.fold("المراجعة"), "المراجعه");
  assert.equal(uprkit.fold("مستشفى"), "مستشفي");
  assert.equal(uprkit.fold("حقـــوق"), "حقوق");
  assert.equal(uprkit.fold("الدَّوْرِيُّ"), "الدوري");
  // What a reader types finds what the guide writes, either way round.
  assert.equal(uprkit.fold("الإستعراض الدوري الشامل"), uprkit.fold("الاستعراض الدورى الشامل"));
});

test("folding keeps where each folded character came from", () => {
  const text = "Révision périodique";
  const folded = uprkit.foldWithMap(text);
  assert.equal(folded.text, "revision periodique");
  const at = folded.text.indexOf("periodique");
  assert.equal(text.slice(folded.map[at], folded.map[at + "periodique".length]), "périodique");
  assert.equal(folded.map.length, folded.text.length + 1);
});
