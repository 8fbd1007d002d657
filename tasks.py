"""Arshif's tasks (invoke). `invoke --list` shows them; README.md documents each."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT.parent / "shared" / "corpus"
PY = sys.executable


def _pelican_cmd(content, output, settings="pelicanconf.py", strict=False, extra=None):
    cmd = [PY, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)]
    if strict:
        extra = {**(extra or {}), "ARSHIF_STRICT": True}
    for key, value in (extra or {}).items():
        cmd += ["-e", f"{key}={json.dumps(value)}"]
    return cmd


@task(help={"content": "archive folder (articles/ and data/)", "output": "where the site is written",
            "strict": "fail the build on any warning (bad input, unknown ids, ...)"})
def build(c, content="content", output="output", strict=False):
    """Build the archive into OUTPUT (hosted variant), with its search index."""
    result = subprocess.run(_pelican_cmd(content, output, strict=strict), cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)
    print(f"\nBuilt {output}/. To browse it: invoke serve   then open http://127.0.0.1:8000/")


@task(help={"output": "the built site", "port": "port on 127.0.0.1"})
def serve(c, output="output", port=8000):
    """Serve the built site on http://127.0.0.1:PORT/ (loopback only)."""
    print(f"Serving {output}/ at http://127.0.0.1:{port}/  (Ctrl+C to stop)")
    subprocess.run([PY, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(output)], cwd=ROOT)


@task
def clean(c):
    """Remove build outputs (output/, dist/)."""
    for folder in ("output", "dist"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@task(help={"k": "only tests matching this pytest expression"})
def test(c, k=""):
    """Run the whole test suite (unit, build, browser)."""
    cmd = [PY, "-m", "pytest", "-q"] + (["-k", k] if k else [])
    sys.exit(subprocess.run(cmd, cwd=ROOT).returncode)


@task(help={"content": "archive folder (articles/ and data/)", "limit": "how many suggestions at most"})
def suggest(c, content="content", limit=40):
    """Propose people not yet in people.yaml, found through titles («وزير الخارجية الروسي …»).
    Prints YAML to review and paste; nothing is published by itself."""
    sys.path.insert(0, str(ROOT))
    from plugins.clean.core import clean_article, load_rules
    from plugins.entities.gazetteer import load_gazetteer
    from plugins.entities.suggest import format_suggestions_yaml, suggest_names
    from plugins.readers.core import InputError, plan_inputs, read_input

    content = Path(content)
    data = content / "data"
    rules = load_rules(data / "boilerplate.yaml" if (data / "boilerplate.yaml").is_file() else None)
    gazetteer, _ = load_gazetteer(data)
    texts = []
    for path_name in plan_inputs([content / "articles"]).ids:
        try:
            doc = read_input(Path(path_name), root=content)
        except InputError as err:
            print(f"# skipped: {err}", file=sys.stderr)
            continue
        cleaned = clean_article(doc.raw_blocks, rules, curated=doc.format == "markdown")
        texts.append((cleaned.title or "") + "\n\n" + "\n\n".join(b.text for b in cleaned.blocks))
    suggestions = suggest_names(texts, gazetteer)[: int(limit)]
    print(f"# {len(suggestions)} names from {len(texts)} articles, not yet in {data / 'people.yaml'}.")
    print("# Review each, give it a permanent ASCII id, then paste it into people.yaml.\n")
    print(format_suggestions_yaml(suggestions))


# --- offline zip ----------------------------------------------------------------------

README_AR = """<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>اقرأني</title></head>
<body>
<h1>{sitename}: نسخة للقراءة دون اتصال</h1>
<p>هذا الأرشيف يعمل من جهازك مباشرة، دون إنترنت ودون خادم.</p>
<ol>
<li>فُكّ ضغط الملف كاملًا في مجلد (لا تفتحه من داخل الملف المضغوط).</li>
<li>افتح المجلد <code>{folder}</code> ثم انقر مرتين على <code>index.html</code>.</li>
<li>يعمل التنقل والبحث كما في الموقع المنشور، في أي متصفح حديث.</li>
</ol>
<p>البيانات الكاملة بصيغة JSON في المجلد <code>{folder}/data/</code>.</p>
</body></html>
"""
# A fixed timestamp for every zip entry, so the same input gives the same bytes.
ZIP_TIMESTAMP = (2000, 1, 1, 0, 0, 0)


def write_zip(site_dir: Path, zip_path: Path, folder: str, sitename: str) -> None:
    """Deterministic zip: sorted entries, fixed timestamps and permissions."""
    import zipfile

    zip_path.parent.mkdir(parents=True, exist_ok=True)
    entries = sorted(p for p in site_dir.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        def add(name, data):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data, compresslevel=9)

        add("اقرأني.html", README_AR.format(sitename=sitename, folder=folder).encode("utf-8"))
        for path in entries:
            add(f"{folder}/{path.relative_to(site_dir).as_posix()}", path.read_bytes())


@task(help={"content": "archive folder", "dist": "where the zip is written",
            "name": "ASCII name of the site in the zip's file name", "date": "date in the file name (default today, UTC)"})
def zip(c, content="content", dist="dist", name="arshif", date=""):  # noqa: A001 - the task is called zip
    """Build the offline variant (opens from disk, search included) as dist/NAME-offline-DATE.zip."""
    import datetime

    date = date or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    folder = f"{name}-offline-{date}"
    site_dir = ROOT / dist / folder
    shutil.rmtree(site_dir, ignore_errors=True)
    result = subprocess.run(_pelican_cmd(content, site_dir, extra={"OFFLINE": True}), cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)
    zip_path = ROOT / dist / f"{folder}.zip"
    write_zip(site_dir, zip_path, folder, "أرشيف")
    print(f"\nWrote {zip_path.relative_to(ROOT)} ({zip_path.stat().st_size / 1e6:.1f} MB). "
          f"Unzip it and open {folder}/index.html")


# --- benchmark --------------------------------------------------------------------------

# Runs `python -m pelican ARGS` and reports, at exit, the peak memory of the Python process
# itself and of the largest process it started (the Pagefind service), separately.
_RSS_WRAPPER = (
    "import atexit, resource, runpy, sys\n"
    "def report():\n"
    "    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "    sys.stderr.write(f'\\nARSHIF_RSS {me} {kids}\\n')\n"
    "atexit.register(report)\n"
    "sys.argv = ['pelican'] + sys.argv[1:]\n"
    "runpy.run_module('pelican', run_name='__main__')\n"
)


def _measure(cmd, cwd=ROOT):
    """Wall time (s), peak memory of the build process and of its largest child (MB)."""
    if cmd[:3] == [PY, "-m", "pelican"]:
        cmd = [PY, "-c", _RSS_WRAPPER] + cmd[3:]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        out = proc.stdout.decode("utf-8", "replace")
        raise SystemExit(f"benchmark build failed (exit {proc.returncode}):\n{out[-3000:]}\n{err[-3000:]}")
    found = [line.split() for line in err.splitlines() if line.startswith("ARSHIF_RSS")]
    me, kids = (int(found[-1][1]), int(found[-1][2])) if found else (0, 0)
    return wall, me / 1024, kids / 1024


def _corpus_articles(n):
    manifest = {}
    with open(CORPUS / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            manifest[row["file"]] = row
    files = sorted((CORPUS / "articles").glob("*.txt"))[:n]
    return [(f, manifest.get(f.name, {})) for f in files]


def _prepare_bench(articles, tmp: Path):
    arshif = tmp / "arshif" / "content"
    (arshif / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "data", arshif / "data")
    stock = tmp / "stock" / "content"
    stock.mkdir(parents=True)
    for path, row in articles:
        text = path.read_text(encoding="utf-8")
        shutil.copyfile(path, arshif / "articles" / path.name)
        date = (row.get("date") or "")[:10]
        if date:
            (arshif / "articles" / f"{path.stem}.yaml").write_text(f"date: {date}\n", encoding="utf-8")
        title, _, body = text.partition("\n")
        # Stock Pelican reads the same article as Markdown with its title and date.
        (stock / f"{path.stem}.md").write_text(
            f"Title: {title.strip() or path.stem}\nDate: {date or '2000-01-01'}\nSlug: {path.stem}\n\n{body}",
            encoding="utf-8")
    stock_conf = tmp / "stock" / "pelicanconf.py"
    stock_conf.write_text("SITENAME = 'stock'\nPATH = 'content'\nTIMEZONE = 'UTC'\nPLUGINS = []\n"
                          "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
                          "AUTHOR_FEED_RSS = None\nTRANSLATION_FEED_ATOM = None\n", encoding="utf-8")
    return arshif, stock, stock_conf


@task(help={"articles": "how many corpus articles (the first N of ../shared/corpus)"})
def bench(c, articles=2000):
    """Build N corpus articles with Arshif and with stock Pelican; print time and memory."""
    if not (CORPUS / "manifest.jsonl").exists():
        raise SystemExit(f"benchmark needs the corpus at {CORPUS}")
    chosen = _corpus_articles(int(articles))
    with tempfile.TemporaryDirectory(prefix="arshif-bench-") as tmp_name:
        tmp = Path(tmp_name)
        arshif, stock, stock_conf = _prepare_bench(chosen, tmp)
        rows = []
        out, offline = tmp / "arshif" / "output", tmp / "arshif" / "offline"
        rows.append(("Arshif, hosted (full pipeline + Pagefind)", *_measure(_pelican_cmd(arshif, out))))
        rows.append(("Arshif, offline variant", *_measure(_pelican_cmd(arshif, offline, extra={"OFFLINE": True}))))
        rows.append(("stock Pelican (Markdown, no plugins, default theme)",
                     *_measure([PY, "-m", "pelican", str(stock), "-s", str(stock_conf),
                                "-o", str(tmp / "stock" / "output")], cwd=tmp / "stock")))
        zip_path = tmp / "offline.zip"
        write_zip(offline, zip_path, "arshif-offline", "أرشيف")
        print(f"\nBenchmark: {len(chosen)} articles from ../shared/corpus ({os.cpu_count()} cores)\n")
        print(f"{'build':<55}{'wall s':>9}{'peak MB':>10}{'child MB':>10}{'articles/s':>12}")
        for name, w, me, kids in rows:
            print(f"{name:<55}{w:>9.1f}{me:>10.0f}{kids:>10.0f}{len(chosen) / w:>12.0f}")
        print("(peak MB: the Python build process; child MB: its largest child, the Pagefind service)")
        print(f"\nArshif (hosted) / stock Pelican wall time: {rows[0][1] / rows[2][1]:.2f}x")
        hosted_bytes = _tree_bytes(out)
        print(f"Hosted output: {hosted_bytes / 1e6:.1f} MB, of which Pagefind index {_tree_bytes(out / 'pagefind') / 1e6:.1f} MB")
        print(f"Offline zip: {zip_path.stat().st_size / 1e6:.1f} MB = {zip_path.stat().st_size / hosted_bytes:.2f}x "
              f"the hosted output (unzipped {_tree_bytes(offline) / 1e6:.1f} MB)")
        _bench_search(out, offline)
        _bench_stages(chosen)


def _tree_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


BENCH_QUERIES = ["موسكو", "العقوبات", "وزير الخارجية"]


def _bench_search(hosted: Path, offline: Path):
    """First query in a fresh browser: bytes transferred and time, hosted over http and
    offline from file://, in Debian's headless Chromium."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(hosted)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"]
    js = "async q => { const t = performance.now(); const r = await window.arshif.search(q, {limit: 10}); return [performance.now() - t, r.total]; }"
    print("\nFirst query in a fresh browser (results list of 10, as the search page shows):")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            for query in BENCH_QUERIES:
                for label, url in (("hosted", base + "search/"), ("offline", (offline / "search" / "index.html").as_uri())):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(url)
                    page.wait_for_function("window.arshif")
                    fetched = []  # everything search loads: engine, index, results
                    page.on("requestfinished", lambda r: fetched.append(r.url))
                    ms, total = page.evaluate(js, query)
                    extra = ""
                    if label == "hosted":
                        raw, gz = _bytes_fetched(hosted, base, fetched)
                        fixed = sum(_bytes_fetched(hosted, base, [u])[1] for u in fetched
                                    if u.endswith((".pf_meta", "wasm.unknown.pagefind", "pagefind.js", "pagefind-entry.json")))
                        extra = (f", {raw / 1e3:.0f} KB fetched, {gz / 1e3:.0f} KB as a gzip-serving host sends it, "
                                 f"of which Pagefind's engine and page table {fixed / 1e3:.0f} KB")
                    print(f"  {label:<8} «{query}»: {ms:.0f} ms, {total} results{extra}")
                    context.close()
            browser.close()
    finally:
        server.shutdown()


def _bytes_fetched(root: Path, base: str, urls: list[str]) -> tuple[int, int]:
    """Bytes of the files behind ``urls`` as served, and as a gzip-serving host sends them."""
    import gzip

    raw = gz = 0
    for url in urls:
        path = root / url[len(base):].split("?")[0]
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            gz += min(len(data), len(gzip.compress(data, 6)))
    return raw, gz


def _bench_stages(chosen):
    """Throughput of the pure cores on the same articles, one core, in this process."""
    sys.path.insert(0, str(ROOT))
    from plugins.clean.core import clean_article, load_rules
    from plugins.dates.core import find_date_mentions, parse_date_value
    from plugins.entities.gazetteer import load_gazetteer

    rules = load_rules(ROOT / "content" / "data" / "boilerplate.yaml")
    gazetteer, _ = load_gazetteer(ROOT / "content" / "data")
    texts = []
    start = time.perf_counter()
    for path, row in chosen:
        blocks = [{"text": line, "kind": "line", "line": i} for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)]
        result = clean_article(blocks, rules)
        texts.append(((result.title or "") + "\n\n" + "\n\n".join(b.text for b in result.blocks), row.get("date")))
    t_clean = time.perf_counter() - start
    start = time.perf_counter()
    for text, date in texts:
        find_date_mentions(text, parse_date_value((date or "")[:10]) if date else None)
    t_dates = time.perf_counter() - start
    start = time.perf_counter()
    for text, _ in texts:
        gazetteer.find_mentions(text)
    t_entities = time.perf_counter() - start
    n = len(texts)
    print(f"\nStage throughput (one core, articles/s): clean {n / t_clean:.0f} · dates {n / t_dates:.0f} · "
          f"entities {n / t_entities:.0f}")
