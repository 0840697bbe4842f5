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

test("folding with a map gives, whole or a character at a time, each folded character's source", () => {
  // The map made one character at a time, as a reference.
  const reference = (text) => {
    let out = "";
    const map = [];
    for (let i = 0; i < text.length; i++) {
      for (const c of uprkit.fold(text[i])) { out += c; map.push(i); }
    }
    map.push(text.length);
    return { text: out, map };
  };
  for (const text of ["Révision PÉRIODIQUE", "plain text", "الاستعراض الدوري", "مبكراً الدَّوْرِيُّ", "حقـــوق", "İstanbul Ñandú",
    "한국어 검토", "한\u064e\u064e", "普遍定期审议", "", "Ａ full-width", "e\u0301te\u0301"]) {
    const folded = uprkit.foldWithMap(text);
    const expected = reference(text);
    assert.equal(folded.text, expected.text, text);
    assert.deepEqual(Array.from(folded.map), expected.map, text);
  }
});
