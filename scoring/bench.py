"""The benchmark behind ``invoke bench``: Arshif against stock Pelican and stock Pagefind on
the same corpus articles, in one run.

    invoke bench --articles 20000 [--scale 2000,5000,10000] [--no-dask] [--no-search]

What it prints, each figure measured here (nothing estimated):
- wall time and peak memory (PSS) of the whole process tree (the build, its enrichment workers and
  the Pagefind runs, summed while they run) for: Arshif hosted from a cold cache, Arshif
  after editing one article (incremental, warm cache), the offline variant, stock Pelican,
  stock Pagefind over stock Pelican's pages;
- the ratio to stock Pelican, output and zip sizes;
- cold hosted builds at each ``--scale`` size and the fitted exponent of time against size;
- the same build through a Dask ``LocalCluster`` of two worker processes, and whether its
  output is byte-identical to the local build;
- the known-item search test and first-search bytes/time (``scoring.search``), when present;
- the seconds each stage took in the cold hosted build.

The corpus is copied into a temporary folder with its own ``manifest.jsonl`` (dates, sources,
sections come from it, as a real collection's would); nothing is written under the project.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
PY = sys.executable


# --- measuring a process tree ------------------------------------------------------------------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _pss_kb(pid: int) -> int:
    """A process's proportional set size: its private memory plus its share of pages it
    shares (forked workers share most of the build's memory; summing their RSS would count
    it once per worker). Falls back to RSS where smaps_rollup is missing."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path, encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def tree_memory_mb(root_pid: int) -> float:
    """Memory of a process and all its descendants, now (MB, PSS summed)."""
    tree = _children()
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo.extend(tree.get(pid, []))
    return total / 1024


def _figure(name: str, value) -> str:
    """A stage's seconds (or a count, e.g. the merge's word parts) as the bench prints it."""
    return f"{name} {value:.1f}" if isinstance(value, float) else f"{name} {value}"


# Reading a process's PSS (smaps_rollup) walks its page tables under its memory-map lock,
# 7-19 ms for a build process: sampled every 50 ms, the reads made a headline rebuild of
# 7.8-8.7 s take 9.9-10.4 s (its page faults waited on them); every 250 ms, 8.6-10.0 s, within
# this machine's swings. The build's memory peaks are plateaus of seconds (page writers, a
# Pagefind shard), which a quarter second does not miss.
SAMPLE_SECONDS = 0.25


def measure(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, peak MB of the whole process tree, sampled every SAMPLE_SECONDS)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, **(env or {})})
    peak = 0.0
    output: list[bytes] = []
    reader = threading.Thread(target=lambda: output.append(proc.stdout.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = max(peak, tree_memory_mb(proc.pid))
        time.sleep(SAMPLE_SECONDS)
    wall = time.perf_counter() - start
    reader.join()
    if proc.returncode != 0:
        raise SystemExit(f"benchmark step failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                         f"{b''.join(output).decode('utf-8', 'replace')[-4000:]}")
    return wall, peak


# --- preparing the inputs ----------------------------------------------------------------------

def corpus_rows(n: int) -> list[dict]:
    rows = []
    with open(CORPUS / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
    rows.sort(key=lambda r: r["file"])
    return rows[:n]


def prepare_arshif(rows: list[dict], target: Path) -> Path:
    """An archive folder: the articles, the corpus's own manifest rows, the sample data."""
    articles = target / "articles"
    articles.mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "data", target / "data")
    with open(articles / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            shutil.copyfile(CORPUS / "articles" / row["file"], articles / row["file"])
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return target


def retitled(manifest: str, rows: list[dict]) -> str:
    """The manifest with words added to the headline of one article that has one there
    (a third of the way into the rows)."""
    titled = [row["file"] for row in rows if row.get("title")]
    if not titled:
        return manifest
    target = titled[len(titled) // 3]
    lines = manifest.splitlines(keepends=True)
    for k, line in enumerate(lines):
        row = json.loads(line)
        if row["file"] == target:
            row["title"] += " وسط ترقب واسع"
            lines[k] = json.dumps(row, ensure_ascii=False) + "\n"
    return "".join(lines)


def prepare_stock(rows: list[dict], target: Path) -> tuple[Path, Path]:
    """Stock Pelican's input: the same articles as Markdown with their title and date."""
    content = target / "content"
    content.mkdir(parents=True)
    for row in rows:
        text = (CORPUS / "articles" / row["file"]).read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        date = (row.get("date") or "2000-01-01")[:10]
        stem = Path(row["file"]).stem
        (content / f"{stem}.md").write_text(
            f"Title: {title.strip() or stem}\nDate: {date}\nSlug: {stem}\n\n{body}", encoding="utf-8")
    conf = target / "pelicanconf.py"
    conf.write_text("SITENAME = 'stock'\nPATH = 'content'\nTIMEZONE = 'UTC'\nPLUGINS = []\n"
                    "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
                    "AUTHOR_FEED_RSS = None\nTRANSLATION_FEED_ATOM = None\n", encoding="utf-8")
    return content, conf


def arshif_cmd(content: Path, output: Path, cache: Path, **extra) -> list[str]:
    cmd = [PY, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
           "-e", f"ARSHIF_CACHE_PATH={json.dumps(str(cache))}", "ARSHIF_PROGRESS=false"]
    for key, value in extra.items():
        cmd.append(f"{key}={json.dumps(value)}")
    return cmd


def tree_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fit_exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(time) against log(articles)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


# --- the run ----------------------------------------------------------------------------------

def run(n: int, scale: list[int], dask: bool = True, search: bool = True, keep: Path | None = None) -> None:
    if not (CORPUS / "manifest.jsonl").exists():
        raise SystemExit(f"the benchmark needs the corpus at {CORPUS}")
    rows = corpus_rows(n)
    n = len(rows)
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="arshif-bench-", dir=keep))
    try:
        _run(rows, n, scale, dask, search, tmp)
    finally:
        if keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"\n(kept the benchmark's folders in {tmp})")


def _run(rows, n, scale, dask, search, tmp: Path) -> None:
    content = prepare_arshif(rows, tmp / "arshif")
    stock_content, stock_conf = prepare_stock(rows, tmp / "stock")
    hosted, offline, cache = tmp / "out-hosted", tmp / "out-offline", tmp / "cache"
    table: list[tuple[str, float, float]] = []

    def arshif(label, output, cache_dir, env=None, **extra):
        wall, peak = measure(arshif_cmd(content, output, cache_dir, **extra), ROOT, env)
        table.append((label, wall, peak))
        return wall, peak

    def timed(label, name):
        """``arshif`` into the hosted folder with the warm cache, and the stage timings the
        build wrote (``ARSHIF_TIMINGS_FILE``): stages, then the search's steps indented."""
        path = tmp / f"timings{name}.json"
        wall, peak = arshif(label, hosted, cache, env={"ARSHIF_TIMINGS_FILE": str(path)})
        timings = json.loads(path.read_text()) if path.exists() else {}
        stages = {**timings.get("stages", {}), **{f"  {k}": v for k, v in timings.get("search", {}).items()}}
        return wall, peak, stages, timings

    print(f"Benchmark: {n} articles of ../shared/corpus, {os.cpu_count()} cores "
          f"(Python {sys.version.split()[0]})", flush=True)
    cold, cold_peak, stages, _ = timed("Arshif hosted, cold cache (enrich + every page + search)", "")
    hosted_digest = tree_digest(hosted)
    # Incremental: one article edited, everything else from the cache.
    edited = content / "articles" / rows[len(rows) // 2]["file"]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nفقرة أضيفت لقياس إعادة البناء.\n", encoding="utf-8")
    incremental, _, incremental_stages, _ = timed("Arshif hosted, one article edited (warm cache)", "-incremental")
    # And one headline edited (in the manifest, where the corpus keeps it): what the events
    # read, and the article's title words in the search index.
    manifest = content / "articles" / "manifest.jsonl"
    manifest_text = manifest.read_text(encoding="utf-8")
    manifest.write_text(retitled(manifest_text, rows), encoding="utf-8")
    headline, _, headline_stages, timings = timed("Arshif hosted, one headline edited (warm cache)", "-headline")
    beside = timings.get("events beside the pages") or {}
    manifest.write_text(manifest_text, encoding="utf-8")
    arshif("Arshif offline variant (warm cache)", offline, cache, OFFLINE=True)
    stock_out = tmp / "stock" / "output"
    wall, peak = measure([PY, "-m", "pelican", str(stock_content), "-s", str(stock_conf), "-o", str(stock_out)],
                         tmp / "stock")
    table.append(("stock Pelican (Markdown, no plugins, default theme)", wall, peak))
    stock_wall = wall
    wall, peak = measure([PY, "-m", "pagefind", "--site", str(stock_out), "--force-language", "ar"], tmp / "stock")
    table.append(("stock Pagefind over stock Pelican's pages", wall, peak))

    print(f"\n{'build':<60}{'wall s':>9}{'peak MB':>10}{'articles/s':>12}")
    for label, wall, peak in table:
        print(f"{label:<60}{wall:>9.1f}{peak:>10.0f}{n / wall:>12.0f}")
    print("(peak MB: the whole process tree at its largest — build, workers, Pagefind — as PSS: memory "
          "that forked workers share with the build is counted once)")
    print(f"\nArshif hosted (cold) / stock Pelican wall time: {cold / stock_wall:.2f}x"
          f"   (goal <= 1.0x);   peak memory {cold_peak / 1024:.2f} GB (goal <= 2 GB)")
    print(f"Incremental rebuild after editing one article: {incremental:.1f} s = {incremental / cold:.0%} of the "
          f"cold build (goal <= 10%)")
    if stages:
        print("Stage seconds in the cold build: " + ", ".join(_figure(k, v) for k, v in stages.items()))
    if incremental_stages:
        print("Stage seconds after the edit: " + ", ".join(_figure(k, v) for k, v in incremental_stages.items()))
    print(f"Rebuild after editing one headline: {headline:.1f} s = {headline / cold:.0%} of the cold build")
    if headline_stages:
        print("Stage seconds after the headline edit: " +
              ", ".join(_figure(k, v) for k, v in headline_stages.items()))
    if beside:
        how = ("written again: the events changed" if beside["pages written again"]
               else "written once: the events came out as the last build's")
        print(f"  (the events were worked out beside the pages in {beside['seconds']:.1f} s; the pages and "
              f"the search were {how})")

    hosted_bytes = tree_bytes(hosted)
    zip_path = tmp / "offline.zip"
    sys.path.insert(0, str(ROOT))
    from tasks import write_zip

    write_zip(offline, zip_path, "arshif-offline", "أرشيف")
    stock_bytes = tree_bytes(stock_out)
    print(f"Hosted output {hosted_bytes / 1e6:.0f} MB (search index {tree_bytes(hosted / 'pagefind') / 1e6:.0f} MB); "
          f"stock Pelican + Pagefind {stock_bytes / 1e6:.0f} MB")
    print(f"Offline zip {zip_path.stat().st_size / 1e6:.0f} MB = {zip_path.stat().st_size / hosted_bytes:.2f}x the "
          f"hosted output (goal <= 1.5x)")

    points = []
    for size in sorted(s for s in scale if s < n):
        sub = tmp / f"scale-{size}"
        prepare_arshif(rows[:size], sub)
        wall, _ = measure(arshif_cmd(sub, tmp / f"scale-out-{size}", tmp / f"scale-cache-{size}"), ROOT)
        points.append((size, wall))
        shutil.rmtree(tmp / f"scale-out-{size}", ignore_errors=True)
    points.append((n, cold))
    if len(points) > 1:
        print("\nCold hosted build as the archive grows: " +
              ", ".join(f"{size:,}: {wall:.1f} s" for size, wall in points) +
              f"; fitted exponent {fit_exponent(points):.2f} (goal <= 1.1)")

    if search:
        try:
            from scoring import search as search_score
        except ImportError:
            print("\n(scoring/search.py is not there: no search figures)")
        else:
            print()
            search_score.main(["--hosted", str(hosted), "--offline", str(offline), "--stock", str(stock_out),
                               "--corpus", str(CORPUS)])
    if dask:
        edited_back = content / "articles" / rows[len(rows) // 2]["file"]
        shutil.copyfile(CORPUS / "articles" / rows[len(rows) // 2]["file"], edited_back)
        wall, digest = dask_build(content, tmp)
        print(f"\nDask LocalCluster (2 worker processes), cold cache: {wall:.1f} s; output "
              f"{'byte-identical to' if digest == hosted_digest else 'DIFFERENT from'} the local build")


def dask_build(content: Path, tmp: Path) -> tuple[float, str]:
    """A cold build whose enrichment runs on a LocalCluster of two worker processes."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp / "out-dask"
        start = time.perf_counter()
        measure(arshif_cmd(content, out, tmp / "cache-dask", ARSHIF_SCHEDULER=cluster.scheduler_address), ROOT)
        return time.perf_counter() - start, tree_digest(out)
