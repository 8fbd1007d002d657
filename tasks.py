"""Arshif's tasks (invoke). `invoke --list` shows them; README.md documents each."""

from __future__ import annotations

import json
import os
import re
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
            "strict": "fail the build on any warning (bad input, unknown ids, ...)",
            "scheduler": "a Dask scheduler address (tcp://host:8786): enrich the articles on that cluster",
            "workers": "local processes that enrich articles (0 = one per core)"})
def build(c, content="content", output="output", strict=False, scheduler="", workers=0):
    """Build the archive into OUTPUT (hosted variant), with its search index."""
    extra = {}
    if scheduler:
        extra["ARSHIF_SCHEDULER"] = scheduler
    if workers:
        extra["ARSHIF_WORKERS"] = int(workers)
    result = subprocess.run(_pelican_cmd(content, output, strict=strict, extra=extra), cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)
    print(f"\nBuilt {output}/. To browse it: {_invoke()} serve   then open http://127.0.0.1:8000/\n"
          f"(or, to read it from disk with search: {_invoke()} zip, unzip dist/*.zip, open index.html)")


def _invoke() -> str:
    """How to call invoke again: the virtual environment's, when the build ran from one."""
    here = Path(sys.executable).parent / "invoke"
    try:
        return str(here.relative_to(Path.cwd())) if here.exists() else "invoke"
    except ValueError:
        return str(here) if here.exists() else "invoke"


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
    from plugins.enrich import ArticleInput, load_context
    from plugins.entities.suggest import format_suggestions_yaml, suggest_names
    from plugins.mapping import enrich_all
    from plugins.readers.core import plan_inputs
    from plugins.readers.manifest import read_manifests

    content = Path(content)
    data = content / "data"
    context = load_context(data)
    gazetteer = context.gazetteer
    articles = content / "articles"
    manifest = read_manifests(articles)
    plan = plan_inputs(articles, manifest.slugs())
    items = [ArticleInput(p, str(articles.resolve()), manifest.row_for(p.file) or {}) for p in plan.inputs]
    records, _, _ = enrich_all(items, context)  # the build's own pipeline, without its cache
    texts = []
    for record in records:
        if not record.built:
            print(f"# skipped: {record.problem}", file=sys.stderr)
            continue
        texts.append(record.title + "\n\n" + record.text)
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


_ZIP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_ZIP_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def zip_entry_name(name: str) -> str:
    """A zip entry name that cannot escape the folder it is unzipped into (zip-slip)."""
    parts = name.split("/")
    if not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"refusing zip entry name {name!r}")
    return name


def write_zip(site_dir: Path, zip_path: Path, folder: str, sitename: str) -> None:
    """Deterministic zip (sorted entries, fixed timestamps and permissions), written to a
    temporary file and renamed into place, so a zip that exists is always complete."""
    import zipfile

    zip_path.parent.mkdir(parents=True, exist_ok=True)
    entries = sorted(p for p in site_dir.rglob("*") if p.is_file())
    tmp = zip_path.with_name(f".{zip_path.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        def add(name, data):
            info = zipfile.ZipInfo(zip_entry_name(name), date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data, compresslevel=9)

        add("اقرأني.html", README_AR.format(sitename=sitename, folder=folder).encode("utf-8"))
        for path in entries:
            add(f"{folder}/{path.relative_to(site_dir).as_posix()}", path.read_bytes())
    with zipfile.ZipFile(tmp) as zf:  # read it back: a truncated write fails here, not at a reader's
        bad = zf.testzip()
        if bad is not None:
            raise SystemExit(f"zip check failed at {bad}; nothing was written")
    os.replace(tmp, zip_path)


@task(help={"content": "archive folder", "dist": "where the zip is written",
            "name": "ASCII name of the site in the zip's file name (letters, digits, - and _)",
            "date": "date in the file name, YYYY-MM-DD (default today, UTC)"})
def zip(c, content="content", dist="dist", name="arshif", date=""):  # noqa: A001 - the task is called zip
    """Build the offline variant (opens from disk, search included) as dist/NAME-offline-DATE.zip."""
    import datetime

    date = date or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    if not _ZIP_NAME.fullmatch(name):
        raise SystemExit(f"--name {name!r}: use ASCII letters, digits, '-' and '_' only (at most 64)")
    if not _ZIP_DATE.fullmatch(date):
        raise SystemExit(f"--date {date!r}: use YYYY-MM-DD")
    folder = f"{name}-offline-{date}"
    dist_dir = (ROOT / dist).resolve()
    site_dir = dist_dir / folder
    shutil.rmtree(site_dir, ignore_errors=True)
    result = subprocess.run(_pelican_cmd(content, site_dir, extra={"OFFLINE": True}), cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)
    zip_path = dist_dir / f"{folder}.zip"
    sys.path.insert(0, str(ROOT))
    from plugins.search.offline import OFFLINE_DIR, OfflineBundleError, verify_offline_bundle

    try:  # the wrapped search index is checked again right before it is packed
        verify_offline_bundle(site_dir / OFFLINE_DIR)
    except OfflineBundleError as err:
        raise SystemExit(f"offline search index is broken, no zip written: {err}") from None
    write_zip(site_dir, zip_path, folder, "أرشيف")
    print(f"\nWrote {zip_path} ({zip_path.stat().st_size / 1e6:.1f} MB). Unzip it and open {folder}/index.html")


# --- measurements ----------------------------------------------------------------------

@task(help={"articles": "how many corpus articles (the first N of ../shared/corpus)",
            "scale": "smaller sizes for the growth curve, comma-separated ('' for none)",
            "dask": "also build through a Dask LocalCluster of two workers",
            "search": "also run the known-item search test and first-search figures",
            "keep": "keep the benchmark's folders under this directory"})
def bench(c, articles=2000, scale="2000,5000,10000", dask=True, search=True, keep=""):
    """Build N corpus articles with Arshif, stock Pelican and stock Pagefind; print time and
    memory, incremental rebuild, growth exponent, Dask, zip size and search figures."""
    sys.path.insert(0, str(ROOT))
    from scoring import bench as bench_run

    sizes = [int(x) for x in str(scale).split(",") if x.strip()]
    bench_run.run(int(articles), sizes, dask=dask, search=search, keep=Path(keep) if keep else None)


@task(help={"only": "one scorer: clean, events or search"})
def score(c, only=""):
    """Quality on the labelled sets built from ../shared/corpus (labels only; text read at run time)."""
    import importlib

    sys.path.insert(0, str(ROOT))
    status = 0
    for name in ([only] if only else ["clean", "events"]):
        try:
            module = importlib.import_module(f"scoring.{name}")
        except ImportError as err:
            print(f"scoring.{name}: not available ({err})")
            continue
        print(f"\n== {name} ==")
        status |= int(module.main([]) or 0)
    sys.exit(status)
