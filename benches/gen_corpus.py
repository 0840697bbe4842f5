#!/usr/bin/env python3
"""Generate a large, deterministic multilingual toolkit for benchmarking uprkit.

Usage:
    python3 benches/gen_corpus.py OUT_DIR [--pages-per-language 1000]
                                          [--languages en,fr,es,ar] [--seed N]

Writes OUT_DIR/uprkit.yaml and OUT_DIR/content/ (home page, three phase
sections, N pages per language). See benches/README.md for what each page
contains. Python 3.11 standard library only.

Determinism: every random choice comes from a `random.Random` seeded with a
string built from the fixed seed plus the thing being generated (the page
slug, the language, ...). String seeds are hashed with SHA-512 by `random`, so
output doesn't depend on PYTHONHASHSEED, on the order files are written, or
on which other languages were requested. The same arguments always produce
byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

# Bump this whenever the generated output changes: benches/build.sh keys its
# cached corpus on it (as well as on this file's mtime).
GENERATOR_VERSION = "2"

DEFAULT_SEED = 20240611

# Word-count window every page must land in, and the narrower window the
# generator aims for (so small differences between word-counting methods
# stay inside the outer one).
WORDS_MIN, WORDS_MAX = 650, 750
TARGET_MIN, TARGET_MAX = 685, 715

# Phase sections, in order. Their ids match the `phases:` list in uprkit.yaml.
SECTIONS = ["preparation", "review", "follow-up"]

# ---------------------------------------------------------------------------
# Per-language fixed strings
# ---------------------------------------------------------------------------

LANGUAGE_NAMES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
}

SITE_TITLES = {
    "en": "Benchmark toolkit",
    "fr": "Boîte à outils de référence",
    "es": "Conjunto de herramientas de referencia",
    "ar": "مجموعة أدوات القياس",
}

SECTION_TITLES = {
    "preparation": {"en": "Preparation", "fr": "Préparation", "es": "Preparación", "ar": "الإعداد"},
    "review": {"en": "Review", "fr": "Examen", "es": "Examen", "ar": "الاستعراض"},
    "follow-up": {"en": "Follow-up", "fr": "Suivi", "es": "Seguimiento", "ar": "المتابعة"},
}

# Word used in page titles ("Module 12: ...").
MODULE_WORD = {"en": "Module", "fr": "Module", "es": "Módulo", "ar": "الوحدة"}

# Text of the cross-page link.
SEE_ALSO = {"en": "see also", "fr": "voir aussi", "es": "véase también", "ar": "انظر أيضًا"}

# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------

# Real short function words, mixed in with pseudo words so the prose has a
# natural rhythm. Arabic includes a few forms with diacritics.
FUNCTION_WORDS = {
    "en": "the of and to in for with on by as is are that this from at or each".split(),
    "fr": "le la les de des et à pour dans avec une un sur par qui que est au".split(),
    "es": "el la los las de del y en para con por que una un se es al".split(),
    "ar": ["في", "من", "على", "إلى", "أن", "عن", "مع", "هذا", "هذه", "التي",
           "الذي", "كما", "بين", "حول", "لدى", "مِنْ", "عَلَى", "إِلَى", "فِي"],
}

# Syllable inventories for Latin-script pseudo words: (onsets, nuclei, codas).
# fr and es nuclei carry accented letters so those corpora exercise non-ASCII
# slugs/anchors and UTF-8 handling.
LATIN_SYLLABLES = {
    "en": (
        "b c d f g h l m n p r s t v w br cl st tr pl gr th sh ch".split(),
        "a e i o u ai ea ou io".split(),
        ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk", "ng"],
    ),
    "fr": (
        "b c d f g l m n p r s t v qu ch gn br tr pl cr".split(),
        # plain vowels listed three times so roughly one word in three has an accent
        ("a e i o u " * 3 + "ou ai au eau oi é è ê à ô î û").split(),
        ["", "", "", "n", "r", "s", "t", "l", "x"],
    ),
    "es": (
        "b c d f g l m n p r s t v ch ll ñ br tr pl gr".split(),
        ("a e i o u " * 4 + "ia ue io á é í ó ú").split(),
        ["", "", "", "n", "s", "r", "l", "d"],
    ),
}
# Extra fixed onset+nucleus pairs that only make sense together.
LATIN_SPECIAL = {"en": [], "fr": ["ça", "ço", "çu"], "es": ["güe", "güi"]}

# Arabic pseudo words are built from templates (a root of three consonants
# poured into a pattern, roughly like real Arabic morphology):
#   C = root consonant, m/t = literal م/ت, ^ = initial alif,
#   a/i/u = short vowel (written only as a diacritic), A/I/U = long vowel.
AR_CONSONANTS = list("بتثجحخدذرزسشصضطظعغفقكلمنه")
AR_PATTERNS = ["CaCaC", "CACiC", "maCCUC", "CiCAC", "taCCIC", "CuCUC",
               "maCCaC", "^CtiCAC", "CaCCaC", "muCaCCiC"]
AR_LONG = {"A": "ا", "I": "ي", "U": "و"}
AR_SHORT_MARK = {"a": "\u064e", "i": "\u0650", "u": "\u064f"}  # fatha, kasra, damma
AR_LONG_MARK = {"A": "\u064e", "I": "\u0650", "U": "\u064f"}
AR_SUKUN = "\u0652"
AR_SHADDA = "\u0651"
AR_TANWEEN_FATH = "\u064b"

VOCAB_SIZE = 1500

# Plain YAML scalars that would not be read back as strings; never generate
# these as pseudo words (they appear unquoted in the yaml code blocks).
YAML_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def latin_word(rng: random.Random, lang: str) -> str:
    onsets, nuclei, codas = LATIN_SYLLABLES[lang]
    special = LATIN_SPECIAL[lang]
    parts = []
    for i in range(rng.choice([1, 1, 2, 2, 2, 3, 3, 4])):
        if special and rng.random() < 0.06:
            parts.append(rng.choice(special))
        elif i == 0 and rng.random() < 0.2:
            parts.append(rng.choice(nuclei))  # vowel-initial word
        else:
            parts.append(rng.choice(onsets) + rng.choice(nuclei))
    parts.append(rng.choice(codas))
    return "".join(parts)


def arabic_word(rng: random.Random) -> str:
    pattern = rng.choice(AR_PATTERNS)
    diacritics = rng.random() < 0.2  # about one word in five is vocalised
    out = []
    prefix = rng.random() < 0.35
    if prefix:
        out.append("ال")
    for i, ch in enumerate(pattern):
        nxt = pattern[i + 1] if i + 1 < len(pattern) else ""
        if ch in "Cmt":
            out.append(rng.choice(AR_CONSONANTS) if ch == "C" else {"m": "م", "t": "ت"}[ch])
            if diacritics:
                if nxt == "C":
                    out.append(AR_SUKUN)
                elif nxt in AR_LONG_MARK:
                    out.append(AR_LONG_MARK[nxt])
        elif ch == "^":
            out.append("ا")
        elif ch in AR_LONG:
            out.append(AR_LONG[ch])
        elif ch in AR_SHORT_MARK and diacritics:
            out.append(AR_SHORT_MARK[ch])
    r = rng.random()
    if r < 0.2:
        out.append("ة")
    elif r < 0.3:
        out.append("ات")
    elif diacritics and r < 0.4 and not prefix:
        out.append(AR_TANWEEN_FATH + "ا")  # e.g. ...ًا as in أيضًا
    word = "".join(out)
    if diacritics and rng.random() < 0.3:
        # Add a shadda (doubling mark) after the first root consonant.
        idx = next(i for i in range(2 if prefix else 0, len(word)) if word[i] in AR_CONSONANTS)
        word = word[: idx + 1] + AR_SHADDA + word[idx + 1:]
    return word


def build_vocab(lang: str, seed: int) -> list[str]:
    """VOCAB_SIZE distinct pseudo words for `lang`, in a stable order."""
    rng = random.Random(f"{seed}:vocab:{lang}")
    words: list[str] = []
    seen = set(FUNCTION_WORDS[lang])
    while len(words) < VOCAB_SIZE:
        w = arabic_word(rng) if lang == "ar" else latin_word(rng, lang)
        if len(w) >= 2 and w not in seen and w.lower() not in YAML_SPECIAL:
            seen.add(w)
            words.append(w)
    return words


# ---------------------------------------------------------------------------
# Text generation
# ---------------------------------------------------------------------------


class Text:
    """Random text in one language, driven by one Random instance."""

    def __init__(self, lang: str, vocab: list[str], rng: random.Random):
        self.lang = lang
        self.vocab = vocab
        self.rng = rng
        self.func = FUNCTION_WORDS[lang]
        self.comma = "،" if lang == "ar" else ","

    def content_word(self) -> str:
        # Skewed towards the start of the vocabulary (a rough Zipf shape).
        return self.vocab[int(len(self.vocab) * self.rng.random() ** 2)]

    def words(self, n: int) -> list[str]:
        """Exactly n whitespace-separated tokens of running text."""
        rng = self.rng
        out: list[str] = []
        while len(out) < n:
            if rng.random() < 0.35:
                out.append(rng.choice(self.func))
                continue
            w = self.content_word()
            if self.lang == "fr" and out and out[-1] in ("le", "la", "de") and w[0] in "aeiouéèêàôîû":
                out[-1] = ("d'" if out[-1] == "de" else "l'") + w  # elision: l'atelier
            elif self.lang == "ar" and out and rng.random() < 0.12:
                out.append("و" + w)  # the conjunction "and" attaches to the word
            else:
                out.append(w)
        return out

    def cap(self, s: str) -> str:
        return s if self.lang == "ar" else s[:1].upper() + s[1:]

    def phrase(self, n: int) -> str:
        """n content words, capitalised, no final punctuation (headings, cells)."""
        return self.cap(" ".join(self.content_word() for _ in range(n)))

    def sentence(self, n: int, emphasis: bool = True) -> list[str]:
        """A sentence of n tokens as a token list (last token ends with '.')."""
        toks = self.words(n)
        rng = self.rng
        if n >= 8 and rng.random() < 0.4:
            i = rng.randrange(2, n - 2)
            toks[i] += self.comma
        if emphasis and n >= 4 and rng.random() < 0.25:
            i = rng.randrange(1, n - 1)
            mark = rng.choice(["**", "*", "`"])
            toks[i] = f"{mark}{toks[i]}{mark}"
        toks[0] = self.cap(toks[0])
        toks[-1] += "."
        return toks

    def paragraph_sentences(self, budget: int) -> list[list[str]]:
        """Sentences totalling exactly `budget` tokens (budget >= 4)."""
        sents = []
        left = budget
        while left > 0:
            n = self.rng.randint(7, 18)
            if left - n < 5:  # don't leave a stub: finish the paragraph
                n = left
            sents.append(self.sentence(n))
            left -= n
        return sents


def count_words(text: str) -> int:
    """Whitespace-separated tokens that contain at least one letter or digit.

    Markdown punctuation on its own (`|`, `-`, `##`, `[ ]`) isn't counted."""
    return sum(1 for t in text.split() if any(c.isalnum() for c in t))


def yaml_str(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def front_matter(fields: list[tuple[str, str]]) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields) + "---\n\n"


# ---------------------------------------------------------------------------
# Corpus layout
# ---------------------------------------------------------------------------


@dataclass
class Page:
    number: int       # global page number, 1-based
    slug: str         # page-0001
    section: str      # preparation / review / follow-up
    weight: int       # position inside its section, 1-based
    link_to: str      # slug of another page in the same section


def plan_pages(n: int, seed: int) -> list[Page]:
    """Split pages 1..n into three contiguous, near-equal sections."""
    width = max(4, len(str(n)))
    base, extra = divmod(n, len(SECTIONS))
    pages: list[Page] = []
    number = 1
    for s_idx, section in enumerate(SECTIONS):
        count = base + (1 if s_idx < extra else 0)
        slugs = [f"page-{number + i:0{width}d}" for i in range(count)]
        for i, slug in enumerate(slugs):
            # The link target depends only on the slug, so every translation
            # of a page links to the same page.
            rng = random.Random(f"{seed}:link:{slug}")
            j = rng.randrange(count - 1)
            target = slugs[j + 1 if j >= i else j]  # any page of the section but this one
            pages.append(Page(number + i, slug, section, i + 1, target))
        number += count
    return pages


def lang_file(stem: str, lang: str, default_lang: str) -> str:
    return f"{stem}.md" if lang == default_lang else f"{stem}.{lang}.md"


# ---------------------------------------------------------------------------
# Page bodies
# ---------------------------------------------------------------------------


def render_page(page: Page, lang: str, vocab: list[str], seed: int) -> tuple[str, int]:
    """Return (file text, body word count) for one page in one language."""
    # Structure (heading count/levels, where the blocks go) depends only on
    # the slug, so translations share a shape; the words depend on the language.
    srng = random.Random(f"{seed}:structure:{page.slug}")
    t = Text(lang, vocab, random.Random(f"{seed}:text:{page.slug}:{lang}"))
    rng = t.rng

    n_headings = srng.randint(4, 6)
    levels = [2]  # the page title is the h1; start at h2 and never skip a level
    for _ in range(n_headings - 1):
        levels.append(3 if srng.random() < 0.4 else 2)
    intro_paras = srng.randint(1, 2)
    paras_per_heading = [srng.randint(1, 2) for _ in range(n_headings)]
    # One heading each for the task list, the table and the code block.
    task_at, table_at, code_at = srng.sample(range(n_headings), 3)
    total_paras = intro_paras + sum(paras_per_heading)
    link_para, footnote_para = srng.sample(range(total_paras), 2)

    # --- fixed blocks -----------------------------------------------------
    headings: list[str] = []
    while len(headings) < n_headings:  # unique headings => unique anchors
        h = t.phrase(rng.randint(2, 5))
        if h not in headings:
            headings.append(h)

    tasks = "\n".join(f"- [ ] {t.phrase(rng.randint(3, 7))}" for _ in range(5))

    header = [t.phrase(rng.randint(1, 2)) for _ in range(3)]
    rows = [[t.phrase(rng.randint(1, 3)), t.phrase(rng.randint(1, 2)), str(rng.randint(5, 120))]
            for _ in range(4)]
    table = "\n".join(
        ["| " + " | ".join(header) + " |", "| --- | --- | ---: |"]
        + ["| " + " | ".join(r) + " |" for r in rows]
    )

    n_lines = rng.randint(5, 10)
    code_lines = [
        f"session: {page.section}-{page.number}",
        f"language: {lang}",
        f"duration: {rng.randint(2, 12) * 15}",
        "steps:",
    ] + [f"  - {t.content_word()} {t.content_word()}" for _ in range(n_lines - 4)]
    code = "```yaml\n" + "\n".join(code_lines) + "\n```"

    footnote_def = "[^1]: " + " ".join(t.sentence(rng.randint(8, 14), emphasis=False))

    fixed_words = (sum(count_words(h) for h in headings) + count_words(tasks)
                   + count_words(table) + count_words(code) + count_words(footnote_def)
                   + len(SEE_ALSO[lang].split()))

    # --- prose ------------------------------------------------------------
    target = rng.randint(TARGET_MIN, TARGET_MAX)
    budget = target - fixed_words
    # Split the prose budget over the paragraphs with some jitter.
    weights = [rng.uniform(0.6, 1.4) for _ in range(total_paras)]
    shares = [max(12, int(budget * w / sum(weights))) for w in weights]
    shares[-1] += budget - sum(shares)  # exact total (last share stays large)
    paragraphs: list[str] = []
    for p_idx, share in enumerate(shares):
        sents = t.paragraph_sentences(share)
        if p_idx == link_para:
            s = sents[rng.randrange(len(sents))]
            s[-1] = s[-1][:-1] + f" ([{SEE_ALSO[lang]}]({page.link_to}.md))."
        if p_idx == footnote_para:
            s = sents[rng.randrange(len(sents))]
            s[-1] = s[-1][:-1] + "[^1]."
        paragraphs.append(" ".join(" ".join(s) for s in sents))

    # --- assemble ---------------------------------------------------------
    blocks: list[str] = paragraphs[:intro_paras]  # body starts with prose
    p = intro_paras
    for h_idx, heading in enumerate(headings):
        blocks.append("#" * levels[h_idx] + " " + heading)
        for k in range(paras_per_heading[h_idx]):
            blocks.append(paragraphs[p])
            p += 1
            if k == 0:  # blocks go after the first paragraph under a heading
                if h_idx == task_at:
                    blocks.append(tasks)
                if h_idx == table_at:
                    blocks.append(table)
                if h_idx == code_at:
                    blocks.append(code)
    blocks.append(footnote_def)
    body = "\n\n".join(blocks) + "\n"

    # --- front matter -----------------------------------------------------
    title_words = t.phrase(rng.randint(2, 5))
    if page.number % 3 == 0:  # every third title has a colon (must be quoted)
        title = f"{MODULE_WORD[lang]} {page.number}: {title_words}"
    else:
        title = title_words
    summary_toks = t.sentence(rng.randint(14, 24), emphasis=False)
    if rng.random() < 0.3:
        summary_toks[2] += ":"
    fm = front_matter([
        ("title", yaml_str(title)),
        ("weight", str(page.weight)),
        ("summary", yaml_str(" ".join(summary_toks))),
    ])
    words = count_words(body)
    if not WORDS_MIN <= words <= WORDS_MAX:
        raise AssertionError(f"{page.slug}.{lang}: {words} words (bug in generator)")
    return fm + body, words


def render_index(title: str, extra: list[tuple[str, str]], t: Text, words: int) -> str:
    fm = front_matter([("title", yaml_str(title))] + extra)
    paras = []
    for share in (words // 2, words - words // 2):
        paras.append(" ".join(" ".join(s) for s in t.paragraph_sentences(share)))
    return fm + "\n\n".join(paras) + "\n"


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def site_config(langs: list[str], handouts: bool) -> str:
    lines = ["title: Benchmark toolkit", f"default_language: {langs[0]}", "languages:"]
    lines += [f"  {l}: {{ name: {LANGUAGE_NAMES[l]} }}" for l in langs]
    lines += ["phases:"] + [f"  - id: {s}" for s in SECTIONS]
    # The build targets measure the site (pages, search index); handouts
    # (single-file guides and zips) are measured separately with --handouts.
    lines += [f"handouts: {'true' if handouts else 'false'}"]
    return "\n".join(lines) + "\n"


def prepare_out_dir(out: Path) -> None:
    """Create OUT_DIR, or clear a previous corpus from it.

    Refuses to touch a non-empty directory that doesn't look like a corpus
    this script wrote, so a typo can't wipe something else."""
    if out.exists() and any(out.iterdir()):
        cfg = out / "uprkit.yaml"
        ours = cfg.is_file() and cfg.read_text(encoding="utf-8").startswith("title: Benchmark toolkit\n")
        if not ours:
            sys.exit(f"gen_corpus: {out} is not empty and is not a benchmark corpus; refusing to write")
        shutil.rmtree(out / "content", ignore_errors=True)
    (out / "content").mkdir(parents=True, exist_ok=True)


def write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)  # bytes: LF line endings on every platform
    return len(data)


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path, help="directory to write the toolkit into")
    ap.add_argument("--pages-per-language", type=int, default=1000,
                    help="pages per language, spread over the three sections (default 1000, min 6)")
    ap.add_argument("--languages", default="en,fr,es,ar",
                    help="comma-separated language codes; the first is the default language "
                         f"(known: {','.join(LANGUAGE_NAMES)})")
    ap.add_argument("--handouts", action="store_true",
                    help="also build the offline handouts (single-file guides and zips)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=argparse.SUPPRESS)
    ap.add_argument("--version", action="version", version=f"gen_corpus {GENERATOR_VERSION}")
    args = ap.parse_args(argv)
    args.langs = [l.strip() for l in args.languages.split(",") if l.strip()]
    unknown = [l for l in args.langs if l not in LANGUAGE_NAMES]
    if unknown:
        ap.error(f"unknown language(s) {','.join(unknown)}; known: {','.join(LANGUAGE_NAMES)}")
    if not args.langs or len(set(args.langs)) != len(args.langs):
        ap.error("--languages must list at least one language, without duplicates")
    if args.pages_per_language < 2 * len(SECTIONS):
        ap.error("--pages-per-language must be at least 6 (each section needs two pages to link)")
    return args


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    out: Path = args.out_dir
    langs: list[str] = args.langs
    default = langs[0]
    seed = args.seed
    prepare_out_dir(out)
    content = out / "content"

    total_bytes = write(out / "uprkit.yaml", site_config(langs, args.handouts))
    n_files = 1
    vocabs = {l: build_vocab(l, seed) for l in langs}

    # Home page and section index pages, in every language.
    for lang in langs:
        t = Text(lang, vocabs[lang], random.Random(f"{seed}:home:{lang}"))
        total_bytes += write(content / lang_file("_index", lang, default),
                             render_index(SITE_TITLES[lang], [], t, 120))
        n_files += 1
        for weight, section in enumerate(SECTIONS, start=1):
            t = Text(lang, vocabs[lang], random.Random(f"{seed}:section:{section}:{lang}"))
            extra = [("phase", section), ("weight", str(weight))]
            total_bytes += write(content / section / lang_file("_index", lang, default),
                                 render_index(SECTION_TITLES[section][lang], extra, t, 80))
            n_files += 1

    # Pages.
    pages = plan_pages(args.pages_per_language, seed)
    counts: list[int] = []
    for page in pages:
        for lang in langs:
            text, words = render_page(page, lang, vocabs[lang], seed)
            total_bytes += write(content / page.section / lang_file(page.slug, lang, default), text)
            counts.append(words)
            n_files += 1

    print(f"gen_corpus {GENERATOR_VERSION}: wrote {n_files} files ({total_bytes / 1e6:.1f} MB) to {out}: "
          f"{len(pages)} pages x {len(langs)} languages ({','.join(langs)}); "
          f"words/page min {min(counts)} mean {sum(counts) / len(counts):.0f} max {max(counts)}")


if __name__ == "__main__":
    main(sys.argv[1:])
