"""Known-item search test and first-search cost: Arshif's search against stock Pagefind (issue 14).

    python -m scoring.search --hosted SITE --stock STOCK_SITE [--offline OFFLINE_SITE]
                             [--corpus ../shared/corpus] [--sample 200] [--seed 14]

``SITE`` is a built Arshif site (hosted variant), ``STOCK_SITE`` stock Pelican's output of the
same corpus articles (``<stem>.html``) with a Pagefind index made by the ``pagefind`` CLI. The
stock index must be Arabic (``--force-language ar``, Pagefind's Snowball stemmer); when it is
not, one is built beside it into ``pagefind-ar/``. Both sites are served on 127.0.0.1 and
searched in Debian's headless Chromium.

Known-item test: ``--sample`` articles of the site, drawn with ``--seed``; for each, a query of
the two rarest content words of its headline (by document frequency over the site's articles),
in headline order, once **as written** and once **as a reader types** them (no hamza on alef,
ه for a final ة, ي for a final ى, without an attached و/ف or the ب/ك/ل before ال). Scored:
recall@1, recall@10 and MRR (reciprocal rank within the first 10) for Arshif's
``window.arshif.search`` and for stock Pagefind's ``search`` (its first 10 results).

First search: for a few queries, each in ``--repeat`` fresh browser contexts, the bytes of
every search file the search page fetches from its load on (preloads included) to the results
of the first page (10 results with their excerpts), as stored (a local server sends files as
they are), split by kind (engine: Pagefind's module and WebAssembly; our js: Arshif's search
scripts; page table; index chunks; fragments; excerpt texts; filters), and the median time
from the search call, once the page has loaded and its network is idle, to the results;
offline from ``file://`` too when ``--offline`` is given. Stock Pagefind is counted the same
way, its module imported and initialised in the call (it has no page of its own).

The corpus text is read at run time; nothing of it is stored here.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import subprocess
import sys
import threading
import unicodedata
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from statistics import median
from urllib.parse import quote, unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
FIRST_QUERIES = ["لافروف", "الرئيس السوري", "موسكو", "وزير الخارجية", "العقوبات الأمريكية", "ولي العهد",
                 "الأمم المتحدة"]
GOALS = {"recall@10": 0.99, "mrr": 0.90}

# Function words that carry no topic: never "content words" of a headline.
STOPWORDS = set("""
في من على إلى الى عن مع بعد قبل بين حتى منذ خلال عند لدى نحو ضد دون غير سوى أو او ثم بل لا لم لن ما ماذا
هل قد كان كانت يكون تكون أن ان إن إنه انه أنه التي الذي الذين اللذين اللتين هذا هذه ذلك تلك هناك هنا كل
بعض أي اي أمام امام وراء فوق تحت حول عبر لدى كما كيف متى أين اين لماذا إذا اذا يتم تم عام جديد جديدة
""".split())


# --- queries ----------------------------------------------------------------------------

def _plain(word: str) -> str:
    """Without diacritics and tatweel (what a reader never types)."""
    return "".join(c for c in unicodedata.normalize("NFC", word)
                   if not ("\u0610" <= c <= "\u061a" or "\u064b" <= c <= "\u065f" or c in "\u0670\u0640"))


def reader_form(word: str, counts: Counter | None = None) -> str:
    """The word as a reader types it: no hamza on alef, ه for a final ة, ي for a final ى,
    without an attached و/ف, and without the ب/ك/ل before ال (ل+ال written لل becomes ال).
    و/ف count as attached before ال, or, given ``counts`` (how often each written form
    occurs in the archive), when the rest is written alone at least as often (وحميميم ->
    حميميم, but وزير stays)."""
    w = _plain(word)
    if w[:1] in ("و", "ف") and len(w) > 3:
        rest = w[1:]
        if (rest.startswith(("ال", "بال", "كال", "لل")) and len(w) > 4) or (counts and counts[rest] >= max(1, counts[w])):
            w = rest
    if w.startswith(("بال", "كال")) and len(w) > 4:
        w = w[1:]
    elif w.startswith("لل") and len(w) > 3:
        w = "ال" + w[2:]
    w = w.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if w.endswith("ة"):
        w = w[:-1] + "ه"
    if w.endswith("ى"):
        w = w[:-1] + "ي"
    return w


def _words(text: str) -> list[str]:
    from plugins.arabic import tokens

    return [t.text for t in tokens(text)]


def _key(word: str) -> str:
    """A word's identity for document frequency: folded, proclitics off."""
    from plugins.search.tokens import query_term

    return query_term(word)


def _content(word: str) -> bool:
    plain = _plain(word)
    return (len(plain) >= 3 and not plain.isdigit() and plain not in STOPWORDS
            and reader_form(plain) not in STOPWORDS and any("\u0621" <= c <= "\u064a" for c in plain))


def known_items(articles: list[dict], texts: dict[str, str], sample: int, seed: int) -> list[dict]:
    """[{url, file, written, typed}] for ``sample`` articles drawn with ``seed``; the query is
    the headline's two rarest content words (ties: the earlier word)."""
    df: Counter = Counter()
    counts: Counter = Counter()
    for text in texts.values():
        words = _words(text)
        df.update({_key(w) for w in words})
        counts.update(_plain(w) for w in words)
    rng = random.Random(seed)
    pool = sorted(articles, key=lambda a: a["file"])
    rng.shuffle(pool)
    items = []
    for article in pool:
        headline = texts[article["file"]].split("\n", 1)[0]
        words = [w for w in _words(headline) if _content(w)]
        distinct = list(dict.fromkeys(words))
        if len(distinct) < 2:
            continue
        rare = sorted(range(len(distinct)), key=lambda i: (df[_key(distinct[i])], i))[:2]
        chosen = [_plain(distinct[i]) for i in sorted(rare)]
        items.append({"url": article["url"], "file": article["file"], "written": " ".join(chosen),
                      "typed": " ".join(reader_form(w, counts) for w in chosen)})
        if len(items) == sample:
            break
    return items


# --- serving and browsing ------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


# Stock Pagefind as its own UI uses it: import, init, search, then the first 10 results' data.
STOCK_JS = """async ([q, base]) => {
  const t = performance.now();
  if (!window.__pf) { window.__pf = await import(base + "pagefind.js"); await window.__pf.options({noWorker: true}); await window.__pf.init(); }
  const r = await window.__pf.search(q);
  const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  return [performance.now() - t, data.map(d => d.url), r.results.length];
}"""
# The moment the first result is added to the page (an init script: runs before the page's own).
SHOWN_AT = """new MutationObserver(function (changes, observer) {
  if (document.querySelector("#results li.result")) { window.__shownAt = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});"""
ARSHIF_JS = """async ([q]) => {
  const t = performance.now();
  const r = await window.arshif.search(q, {limit: 10});
  return [performance.now() - t, r.map(x => x.url), r.total];
}"""


def _norm_url(url: str) -> str:
    return url.split("?")[0].split("#")[0].lstrip("/").removesuffix("index.html")


KINDS = ["engine", "our js", "page table", "index chunks", "fragments", "excerpt texts", "filters"]
# Arshif's own search scripts (the search page's UI script, like stock Pagefind's UI, is not counted).
OUR_JS = ("/theme/js/search.js", "/theme/js/arabic-search.js", "/theme/js/offline-pagefind.js")


def _kind(url: str) -> str | None:
    """Which part of a search a fetched file is, or None when it is not a search file."""
    name = url.split("?")[0]
    if name.endswith(OUR_JS):
        return "our js"
    if "/pagefind" not in name:
        return None
    name = name.removesuffix(".js") if "/files/" in name else name  # offline: files/<index file>.js
    for suffix, kind in ((".pf_fragment", "fragments"), (".pf_index", "index chunks"), (".pf_meta", "page table"),
                         (".pf_filter", "filters"), (".pf_text", "excerpt texts")):
        if name.endswith(suffix):
            return kind
    return "engine"


def _file_bytes(root: Path, base: str, url: str) -> int:
    """Size of a fetched file as stored (a local server sends it as it is)."""
    if url.startswith("file://"):
        path = Path(unquote(urlparse(url).path))
    else:
        path = root / unquote(url[len(base):].split("?")[0])
    return path.stat().st_size if path.is_file() else 0


class Engine:
    """One site in one browser: runs queries and reports ranks, bytes and times."""

    def __init__(self, browser, label, root: Path, base: str, page_url: str, js: str, pagefind_base: str):
        self.browser, self.label, self.root, self.base = browser, label, root, base
        self.page_url, self.js, self.pagefind_base = page_url, js, pagefind_base
        self.page = None

    def _open(self):
        context = self.browser.new_context()
        page = context.new_page()
        page.goto(self.page_url)
        if self.js is ARSHIF_JS:
            page.wait_for_function("window.arshif && window.ArshifArabic")
        return context, page

    def run(self, query: str) -> list[str]:
        if self.page is None:
            self.context, self.page = self._open()
        _, urls, _ = self.page.evaluate(self.js, [query, self.pagefind_base])
        return [_norm_url(u) for u in urls]

    def first_search(self, query: str) -> dict:
        """A reader's first search in a fresh browser: every search file the page fetches from
        its load on (preloads included) to the first page of results. ``ms`` is the time
        from the search call, once the page has loaded and its network is idle, to the results."""
        context = self.browser.new_context()
        page = context.new_page()
        fetched = []
        page.on("requestfinished", lambda r: fetched.append(r.url))
        page.goto(self.page_url)
        if self.js is ARSHIF_JS:
            page.wait_for_function("window.arshif && window.ArshifArabic")
        page.wait_for_load_state("networkidle")
        ms, _, total = page.evaluate(self.js, [query, self.pagefind_base])
        context.close()
        by_kind: Counter = Counter()
        for url in fetched:
            kind = _kind(url)
            if kind:
                by_kind[kind] += _file_bytes(self.root, self.base, url)
        link_ms, link_bytes = self.deep_link(query) if self.js is ARSHIF_JS else (None, None)
        return {"ms": ms, "total": total, "bytes": sum(by_kind.values()), "by_kind": dict(by_kind),
                "link_ms": link_ms, "link_bytes": link_bytes}

    def deep_link(self, query: str) -> tuple[float, int]:
        """(milliseconds, bytes): from navigating to a link to the search page with the query
        (search/?q=…) in a fresh browser, where nothing is loaded beforehand, to its first
        result on screen (noted by the page itself, as the result is added); and every search
        file the page fetched until its network is idle (the filter indexes it loads after
        the results included)."""
        context = self.browser.new_context()
        page = context.new_page()
        page.add_init_script(SHOWN_AT)
        fetched = []
        page.on("requestfinished", lambda r: fetched.append(r.url))
        page.goto(self.page_url + ("index.html" if self.page_url.endswith("/") and self.base == "file://" else "")
                  + "?q=" + quote(query))
        page.wait_for_selector("#results li.result", timeout=60000)
        page.wait_for_load_state("networkidle")
        ms = page.evaluate("window.__shownAt")
        context.close()
        return ms, sum(_file_bytes(self.root, self.base, url) for url in fetched if _kind(url))

    def close(self):
        if self.page is not None:
            self.context.close()
            self.page = None


def _stock_pagefind(stock: Path) -> str:
    """The stock site's Arabic Pagefind folder (built into pagefind-ar/ when the CLI ran
    without --force-language ar)."""
    entry = stock / "pagefind" / "pagefind-entry.json"
    if entry.is_file() and "ar" in json.loads(entry.read_text(encoding="utf-8")).get("languages", {}):
        return "pagefind"
    if not (stock / "pagefind-ar" / "pagefind-entry.json").is_file():
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(stock), "--force-language", "ar",
                        "--output-subdir", "pagefind-ar", "--quiet"], check=True)
    return "pagefind-ar"


def _stock_url(url: str) -> str:
    """Arshif's articles/<id>/ as stock Pelican writes it: <id>.html."""
    return url.rstrip("/").split("/")[-1] + ".html"


def score(ranked_lists: list[list[str]], targets: list[str]) -> dict:
    ranks = [(lst.index(t) + 1 if t in lst else None) for lst, t in zip(ranked_lists, targets)]
    n = len(targets) or 1
    return {"recall@1": sum(r == 1 for r in ranks) / n,
            "recall@10": sum(r is not None and r <= 10 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r is not None and r <= 10) / n,
            "misses": [i for i, r in enumerate(ranks) if r is None or r > 10]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring.search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosted", type=Path, help="built Arshif site (hosted variant)")
    parser.add_argument("--stock", type=Path, help="stock Pelican output of the same articles")
    parser.add_argument("--offline", type=Path, help="built Arshif offline variant (file:// timing)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--details", action="store_true", help="print each miss")
    parser.add_argument("--only", choices=["known", "first"], help="run only the known-item test or the first search")
    parser.add_argument("--repeat", type=int, default=3,
                        help="first searches per query and site, each in a fresh browser (median time reported)")
    parser.add_argument("--no-stock", action="store_true", help="Arshif alone (stock figures are not run)")
    args = parser.parse_args(argv)
    if not (args.hosted and (args.stock or args.no_stock)):
        print("scoring.search compares two built sites: `invoke bench --articles N` builds both and runs it, "
              "or pass --hosted SITE --stock STOCK_SITE (see python -m scoring.search --help).")
        return 2

    from playwright.sync_api import sync_playwright

    articles = json.loads((args.hosted / "data" / "articles.json").read_text(encoding="utf-8"))
    items = []
    if args.only != "first":
        texts = {a["file"]: (args.corpus / "articles" / a["file"]).read_text(encoding="utf-8")
                 for a in articles if (args.corpus / "articles" / a["file"]).is_file()}
        articles = [a for a in articles if a["file"] in texts]
        items = known_items(articles, texts, args.sample, args.seed)

    results = {}
    first = {}
    with served(args.hosted) as hosted_base, served(args.stock or args.hosted) as stock_base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        engines = [(Engine(browser, "Arshif", args.hosted, hosted_base, hosted_base + "search/", ARSHIF_JS, ""),
                    _norm_url)]
        if not args.no_stock:
            stock_dir = _stock_pagefind(args.stock)
            # Any page of the stock site will do to run its Pagefind from: the smallest (its
            # index.html lists every article and takes long to load at 20,000).
            stock_page = min(args.stock.glob("*.html"), key=lambda f: f.stat().st_size).name
            engines.append((Engine(browser, "stock Pagefind", args.stock, stock_base, stock_base + stock_page,
                                   STOCK_JS, stock_base + stock_dir + "/"), _stock_url))
        if args.offline:
            offline = Engine(browser, "Arshif offline", args.offline, "file://",
                             (args.offline / "search" / "index.html").as_uri(), ARSHIF_JS, "")
        for engine, to_target in engines if items else ():
            for form in ("written", "typed"):
                lists = [engine.run(item[form]) for item in items]
                results[(engine.label, form)] = score(lists, [to_target(i["url"]) for i in items])
                if args.details:
                    for i in results[(engine.label, form)]["misses"]:
                        print(f"  miss {engine.label} {form}: {items[i]['file']} «{items[i][form]}» top: {lists[i][:3]}")
            engine.close()
        if args.only != "known":
            for engine in [e for e, _ in engines] + ([offline] if args.offline else []):
                for query in FIRST_QUERIES:
                    runs = [engine.first_search(query) for _ in range(max(1, args.repeat))]
                    first[(engine.label, query)] = {**runs[0], "ms": median(r["ms"] for r in runs),
                                                    "ms_all": [r["ms"] for r in runs],
                                                    "link_ms": median(r["link_ms"] for r in runs)
                                                    if runs[0]["link_ms"] is not None else None}
        browser.close()

    if results:
        print(f"Known-item search: {len(items)} articles of {len(articles)} (seed {args.seed}); query = the headline's "
              f"two rarest content words")
        print(f"{'engine':<16}{'query form':<20}{'recall@1':>10}{'recall@10':>11}{'MRR':>8}")
        for (label, form), s in results.items():
            name = "as written" if form == "written" else "as a reader types"
            print(f"{label:<16}{name:<20}{s['recall@1']:>10.3f}{s['recall@10']:>11.3f}{s['mrr']:>8.3f}")
    if first:
        print(f"\nFirst search in a fresh browser, from the page's load (10 results with excerpts; every search "
              f"file, as stored; ms: median of {max(1, args.repeat)} from the call to the results, KB = 1000 bytes):")
        print("(link ms: from opening search/?q=… in a fresh browser to the first result on screen, engine "
              "load included; link KB: every search file that page fetched, the filters it loads after the "
              "results included)")
        print(f"{'query':<22}{'engine':<16}{'ms':>7}{'KB':>8}  " + "  ".join(KINDS) + f"{'link ms':>9}{'link KB':>9}")
        for (label, query), f in first.items():
            split = "  ".join(f"{f['by_kind'].get(k, 0) / 1e3:>{len(k)}.1f}" for k in KINDS)
            link = (f"{f['link_ms']:>9.0f}{f['link_bytes'] / 1e3:>9.1f}" if f.get("link_ms") is not None
                    else f"{'-':>9}{'-':>9}")
            print(f"{query:<22}{label:<16}{f['ms']:>7.0f}{f['bytes'] / 1e3:>8.1f}  {split}{link}")
        for query in FIRST_QUERIES if not args.no_stock else ():
            a, s = first[("Arshif", query)], first[("stock Pagefind", query)]
            print(f"  «{query}»: Arshif {a['bytes'] / max(s['bytes'], 1):.2f}x stock's bytes, "
                  f"{a['ms'] / max(s['ms'], 1):.2f}x its time; {a['total']} vs {s['total']} results")
    if results:
        ok = all(results[("Arshif", f)]["recall@10"] >= GOALS["recall@10"] and results[("Arshif", f)]["mrr"] >= GOALS["mrr"]
                 for f in ("written", "typed"))
        print(f"\nGoal (recall@10 >= {GOALS['recall@10']}, MRR >= {GOALS['mrr']}, both forms): {'met' if ok else 'not met'}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
