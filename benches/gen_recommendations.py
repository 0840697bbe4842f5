#!/usr/bin/env python3
"""A deterministic synthetic data set of UPR recommendations for benchmarks.

Writes OUT/recommendations.csv (our columns) with N rows over 4 cycles, 24
themes, 60 recommending States, responses, statuses, SDG targets, action
categories and assessments, and OUT/recommendations.LANG.csv with the text
and assessment of every row for each further language (text marked with the
language, so a page shows which it is). The text is made of words, not
copied from anywhere: the data is fictional.

Usage: gen_recommendations.py --rows 10000 --langs en,fr,es,ar --out DIR
"""

import argparse
import csv
import os
import random

VERBS = ["Adopt", "Ensure", "Strengthen", "Consider", "Continue", "Ratify", "Establish", "Repeal", "Amend", "Allocate"]
OBJECTS = ["a national action plan", "legislation", "the independence", "adequate resources", "a specific law",
           "an effective mechanism", "awareness campaigns", "the optional protocol", "data collection", "training"]
TOPICS = ["on violence against women", "for persons with disabilities", "on freedom of the press", "in detention",
          "for children in rural areas", "on access to health care", "for human rights defenders",
          "on non-discrimination", "on the right to education", "for migrants and refugees", "on land rights",
          "for older persons"]
TAILS = ["in line with international standards", "with the participation of civil society",
         "and report on progress at the next review", "within two years", "", ""]
def theme_names(count):
    """`count` themes: Theme A1, A2, A3, B1 ... (24 by default)."""
    return [f"Theme {chr(65 + (i // 3) % 26)}{i // 78 or ''}{i % 3 + 1}" for i in range(count)]
STATES = [f"State {i:02d}" for i in range(1, 61)]
RESPONSES = ["supported"] * 6 + ["noted"] * 3 + ["supported in part"]
STATUSES = ["not implemented", "partially implemented", "fully implemented", "unknown"]
PERSONS = ["women and girls", "children", "persons with disabilities", "journalists", "migrants", "minorities"]
MARKS = {"fr": "[fr] ", "es": "[es] ", "ar": "[ar] ", "ru": "[ru] ", "zh": "[zh] "}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--langs", default="en,fr,es,ar")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--themes", type=int, default=24, help="how many themes (issue 28: 851 in a real export misread)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    themes_all = theme_names(args.themes)
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for n in range(args.rows):
        cycle = 1 + n * 4 // args.rows
        text = " ".join(w for w in [rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TOPICS), rng.choice(TAILS)] if w)
        themes = rng.sample(themes_all, rng.choice([1, 1, 2]))
        goal = rng.randint(1, 17)
        sdgs = [f"{goal}.{rng.randint(1, 9)}"] if rng.random() < 0.7 else []
        rows.append({
            "id": f"R{cycle}-{n + 1:05d}",
            "text": text + ".",
            "recommending_state": rng.choice(STATES),
            "cycle": cycle,
            "session": 10 + cycle * 12,
            "paragraph": f"{100 + cycle}.{n % 300 + 1}",
            "response": rng.choice(RESPONSES),
            "themes": "; ".join(themes),
            "affected_persons": rng.choice(PERSONS) if rng.random() < 0.5 else "",
            "sdg_targets": "; ".join(sdgs),
            "action_category": rng.randint(1, 5),
            "status": rng.choice(STATUSES),
            "assessment": "Progress reported by the coalition in its mid-term report." if rng.random() < 0.3 else "",
            "source": f"A/HRC/{30 + cycle * 8}/{n % 40 + 1} (fictional)",
        })
    with open(os.path.join(args.out, "recommendations.csv"), "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)
    for lang in args.langs.split(",")[1:]:
        with open(os.path.join(args.out, f"recommendations.{lang}.csv"), "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["id", "text", "assessment"])
            mark = MARKS.get(lang, f"[{lang}] ")
            for row in rows:
                writer.writerow([row["id"], mark + row["text"], mark + row["assessment"] if row["assessment"] else ""])


if __name__ == "__main__":
    main()
