#!/usr/bin/env python3
"""What an edit costs `uprkit serve` besides its latency: the CPU time the
server spends after each single-page edit (until it is idle again, the
handouts made after the reload included), and its peak memory, on the
peer kit's corpus with uprkit's defaults (handouts on).

Usage: python3 benches/serve_cost.py [EDITS=7]
Environment:
  UPRKIT_BIN  the binary (default target/release/uprkit)
  CORPUS      a corpus made by ../shared/bench/gen_corpus.py --format uprkit
              (default /dev/shm/uprkit-peer/corpus-1000-en-fr-es-ar/uprkit,
              which benches/zola.sh makes: 1,000 pages in each of en, fr,
              es, ar, 4,016 pages in all). It is copied, never edited.

Prints, per edit, the time from the save to the edited page served, and the
CPU time (user + system, from /proc/PID/stat) the server used from the save
until it had been idle for a second; then the medians, the memory after the
first build (and its peak) and the peak (VmHWM) at the end.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from serving import free_port, get

REPO = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("UPRKIT_BIN", REPO / "target" / "release" / "uprkit"))
CORPUS = Path(os.environ.get("CORPUS", "/dev/shm/uprkit-peer/corpus-1000-en-fr-es-ar/uprkit"))
WORK = Path(f"/dev/shm/uprkit-serve-cost-{os.getpid()}")
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def memory_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def settle(pid: int, quiet: float = 1.0) -> float:
    """Waits until the process used no CPU for `quiet` seconds; its CPU time then."""
    last, since = cpu_seconds(pid), time.perf_counter()
    while time.perf_counter() - since < quiet:
        time.sleep(0.05)
        now = cpu_seconds(pid)
        if now != last:
            last, since = now, time.perf_counter()
    return last


def main() -> int:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    if not BINARY.exists() or not (CORPUS / "uprkit.yaml").exists():
        print(f"need {BINARY} and a corpus at {CORPUS} (run benches/zola.sh once)", file=sys.stderr)
        return 1
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.copytree(CORPUS, WORK, ignore=shutil.ignore_patterns("public"))
    pages = sorted((WORK / "content" / "review").glob("page-*[0-9].md"))
    page = pages[len(pages) // 2]
    url = f"/review/{page.stem}/index.html"
    original = page.read_text(encoding="utf-8")
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([str(BINARY), "serve", "--root", str(WORK), "--port", str(port), "-q"])
    try:
        while True:
            try:
                get(port, url, timeout=30)
                break
            except OSError:
                if time.perf_counter() - started > 120:
                    raise
                time.sleep(0.05)
        settle(server.pid)
        first = time.perf_counter() - started
        after_build = memory_kib(server.pid, "VmRSS")
        build_peak = memory_kib(server.pid, "VmHWM")
        latencies, cpus = [], []
        for run in range(edits):
            marker = f"Edited for the benchmark, run {run}."
            before = cpu_seconds(server.pid)
            start = time.perf_counter()
            page.write_text(original + "\n" + marker + "\n", encoding="utf-8")
            while marker not in get(port, url, timeout=30):
                if time.perf_counter() - start > 60:
                    raise TimeoutError("the edit was never served")
                time.sleep(0.002)
            latencies.append(time.perf_counter() - start)
            cpus.append(settle(server.pid) - before)
            print(f"edit {run}: served in {latencies[-1] * 1000:.0f} ms, CPU {cpus[-1] * 1000:.0f} ms", flush=True)
        peak = memory_kib(server.pid, "VmHWM")
        now = memory_kib(server.pid, "VmRSS")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(WORK, ignore_errors=True)
    print(f"first build and serve: {first:.1f} s (to idle), RSS then {after_build / 1024:.0f} MiB, "
          f"peak so far {build_peak / 1024:.0f} MiB")
    print(f"edit → served: median {statistics.median(latencies) * 1000:.0f} ms over {edits} edits")
    print(f"CPU per edit:  median {statistics.median(cpus) * 1000:.0f} ms "
          f"(min {min(cpus) * 1000:.0f}, max {max(cpus) * 1000:.0f})")
    print(f"memory:        peak {peak / 1024:.0f} MiB, at the end {now / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
