#!/usr/bin/env python3
"""Watch-mode benchmark: how long from saving a page to the rebuilt page
being served by `uprkit serve`, on the generated corpus, against a full
build of the same corpus in the same run: an edit to the text, an edit to
the title (shown on other pages too), and an edit to a template partial.

Usage: python3 benches/serve.py [RUNS=15]
Needs the release binary and the corpus of benches/build.sh
(/dev/shm/uprkit-bench/site): run `bash benches/build.sh 1` first.
"""
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from serving import free_port, get

REPO = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("UPRKIT_BIN", REPO / "target" / "release" / "uprkit"))
SITE = Path("/dev/shm/uprkit-bench/site")
PAGE = SITE / "content" / "review" / "page-0400.md"
URL_PATH = "/review/page-0400/index.html"
NEIGHBOUR_PATH = "/review/page-0401/index.html"
PARTIAL = SITE / "templates" / "partials" / "pager.html"
CHILDREN = SITE / "templates" / "partials" / "children.html"


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    if not BINARY.exists() or not PAGE.exists():
        print("run `bash benches/build.sh 1` first (release binary and corpus)", file=sys.stderr)
        return 1
    original = PAGE.read_text(encoding="utf-8")

    full = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([str(BINARY), "build", "--root", str(SITE), "--output", "/dev/shm/uprkit-bench/serve-full", "-q"],
                       check=True)
        full.append(time.perf_counter() - start)

    port = free_port()
    server = subprocess.Popen([str(BINARY), "serve", "--root", str(SITE), "--port", str(port), "-q"])
    try:
        deadline = time.time() + 60
        while True:
            try:
                get(port, "/")
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        def timed(write, marker, path=URL_PATH):
            start = time.perf_counter()
            write()
            while marker not in get(port, path):
                if time.perf_counter() - start > 30:
                    raise TimeoutError("the edit was never served")
                time.sleep(0.002)
            elapsed = time.perf_counter() - start
            time.sleep(0.3)  # let the handouts catch up and the watcher settle
            return elapsed

        latencies = []
        for run in range(runs):
            marker = f"Edited for the benchmark, run {run}."
            latencies.append(timed(lambda: PAGE.write_text(original + "\n" + marker + "\n", encoding="utf-8"), marker))
        titles = []
        title_line = next(line for line in original.splitlines() if line.startswith("title:"))
        for run in range(max(3, runs // 3)):
            marker = f"Retitled {run}"
            # The new title shows on the page's neighbours too.
            titles.append(timed(lambda: PAGE.write_text(original.replace(title_line, f"title: {marker}", 1), encoding="utf-8"),
                                marker, NEIGHBOUR_PATH))
        # A partial every page uses (the pager), and one only section pages use.
        templates, section_templates = [], []
        PARTIAL.parent.mkdir(parents=True, exist_ok=True)
        pager = (REPO / "themes/default/templates/partials/pager.html").read_text(encoding="utf-8")
        children = (REPO / "themes/default/templates/partials/children.html").read_text(encoding="utf-8")
        for run in range(max(3, runs // 3)):
            marker = f"pager-run-{run}"
            templates.append(timed(lambda: PARTIAL.write_text(pager.replace('class="pager"', f'class="pager {marker}"'), encoding="utf-8"),
                                   marker))
        for run in range(max(3, runs // 3)):
            marker = f"children-run-{run}"
            section_templates.append(timed(
                lambda: CHILDREN.write_text(children.replace('class="children"', f'class="children {marker}"'), encoding="utf-8"),
                marker, "/review/index.html"))
    finally:
        PAGE.write_text(original, encoding="utf-8")
        for partial in (PARTIAL, CHILDREN):
            if partial.exists():
                partial.unlink()
        server.terminate()
        server.wait()

    edit = statistics.median(latencies)
    build = statistics.median(full)
    print(f"edit → served: median {edit * 1000:.0f} ms over {runs} edits "
          f"(min {min(latencies) * 1000:.0f}, max {max(latencies) * 1000:.0f})")
    print(f"full build:    median {build * 1000:.0f} ms over {len(full)} builds")
    print(f"ratio:         {build / edit:.1f}× faster than a full build")
    print(f"new title → served on the next page: median {statistics.median(titles) * 1000:.0f} ms over {len(titles)} edits")
    print(f"partial on every page (pager) → served: median {statistics.median(templates) * 1000:.0f} ms over {len(templates)} edits")
    print(f"partial on section pages (children) → served: median {statistics.median(section_templates) * 1000:.0f} ms "
          f"over {len(section_templates)} edits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
