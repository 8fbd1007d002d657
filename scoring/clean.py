"""Score cleaning, people and dates on the labelled development set (issue 15).

    python -m scoring.clean [--labels scoring/labels/clean.yaml] [--corpus ../shared/corpus] [--details]
                            [--throughput N] [--removals [N]]

The labels (``scoring/labels/clean.yaml``) hold line numbers, kinds, ids and date values only;
the text is read from the corpus at run time and goes through the real pipeline
(``plugins.enrich.enrich``: read -> clean -> dates -> entities), with the manifest's date as the
publication date. Printed: the issue's table (boilerplate lines removed, body text lost, inline
boilerplate removed, people and date mentions precision / recall) and per-publisher rates.

``--throughput N`` (2,000 by default, 0 to skip) times the same ``enrich`` on N corpus articles
drawn with a fixed seed: CPU time of this one process (so per core), no record cache, each
article read from disk and enriched in full. ``--removals`` prints, per publisher family, the
lines removed per article by reason over the whole corpus (or N articles).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plugins.arabic import normalize  # noqa: E402

DEFAULT_LABELS = ROOT / "scoring" / "labels" / "clean.yaml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
# A line counts as removed when the removals recorded for it cover this share of its text
# (hygiene may drop invisible characters, so not all of it).
WHOLE_LINE = 0.9

GOALS = {  # measure -> (goal, higher is better)
    "boilerplate": (0.90, True), "body_lost": (0.01, False), "inline": (0.80, True),
    "people_p": (0.97, True), "people_r": (0.97, True), "dates_p": (0.97, True), "dates_r": (0.95, True),
    "throughput": (2000, True),
}
THROUGHPUT_SEED = 15
FAMILIES = ("Al Arabiya", "BBC Arabic", "CNN Arabic", "France 24", "Sky News", "Jawhara FM", "Al Mayadeen")


def _squash(text: str) -> str:
    """Spelling and spacing folded, for comparing labelled phrases with found ones."""
    return "".join(normalize(text).split())


@dataclass
class Tally:
    articles: int = 0
    bp_total: int = 0
    bp_removed: int = 0
    body_chars: int = 0
    body_lost: int = 0
    inline_total: int = 0
    inline_removed: int = 0
    people_tp: int = 0
    people_fp: int = 0
    people_fn: int = 0
    dates_tp: int = 0
    dates_fp: int = 0
    dates_fn: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        for name in self.__dataclass_fields__:
            if name != "notes":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.notes += other.notes


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _match_dates(found: list[tuple[str, str]], required: list[dict], optional: list[dict]):
    """(true positives, false positives, missed required, unexpected found). A found mention
    matches a label with the same value whose phrase contains it or is contained in it; each
    required label is matched once, an optional one any number of times (it does not count)."""
    def fits(text: str, value: str, label: dict) -> bool:
        a, b = _squash(text), _squash(str(label["text"]))
        return str(label["value"]) == value and (a in b or b in a)

    open_required = list(required)
    tp, unexpected = 0, []
    for text, value in found:
        hit = next((label for label in open_required if fits(text, value, label)), None)
        if hit is not None:
            open_required.remove(hit)
            tp += 1
            continue
        if any(fits(text, value, label) for label in optional):
            continue
        unexpected.append((text, value))
    return tp, len(unexpected), open_required, unexpected


def score_article(entry: dict, record, raw_lines: list[str]) -> Tally:
    t = Tally()
    name = entry["file"]
    removed_by_line: dict[int, list[str]] = defaultdict(list)
    for r in record.removed:
        if r.line is not None:
            removed_by_line[r.line].append(r.text)
    inline = {int(k): [str(s) for s in v] for k, v in (entry.get("inline") or {}).items()}
    kept_text = _squash(record.title + "\n" + record.text)

    for number, kind in (entry.get("lines") or {}).items():
        number = int(number)
        line = raw_lines[number - 1].strip()
        removed = removed_by_line.get(number, [])
        removed_chars = sum(len(r) for r in removed)
        whole = removed_chars >= WHOLE_LINE * len(line)
        if kind.startswith("boilerplate"):
            t.bp_total += 1
            if whole:
                t.bp_removed += 1
            else:
                t.notes.append(f"{name}:{number} kept {kind}: {line[:90]}")
            continue
        # title or body: nothing but its labelled inline boilerplate may go
        allowed = 0
        for sub in inline.get(number, []):
            t.inline_total += 1
            # several cuts may cover one labelled span (a repeated headline, then an address)
            cut = _squash(sub) in _squash(" ".join(removed)) and _squash(sub) not in kept_text
            if cut:
                t.inline_removed += 1
                allowed += len(sub)
            else:
                t.notes.append(f"{name}:{number} inline kept: {sub[:90]}")
        t.body_chars += len(line)
        lost = max(0, removed_chars - allowed)
        if lost > 0.05 * max(1, len(line)) or (whole and line):
            t.body_lost += min(len(line), lost)
            for r in removed:
                t.notes.append(f"{name}:{number} body lost: {r[:90]}")

    if "people" not in entry:
        return t
    expected_people = set(entry.get("people") or [])
    found_people = set(record.people)
    t.people_tp = len(expected_people & found_people)
    t.people_fp = len(found_people - expected_people)
    t.people_fn = len(expected_people - found_people)
    for pid in sorted(found_people - expected_people):
        t.notes.append(f"{name}: person not named: {pid}")
    for pid in sorted(expected_people - found_people):
        t.notes.append(f"{name}: person missed: {pid}")

    if "dates" not in entry:
        return t  # a people-only entry: its dates are not labelled
    dates = entry.get("dates") or {}
    found = [(m.text, m.value) for m in record.date_mentions]
    tp, fp, missed, unexpected = _match_dates(found, dates.get("required") or [], dates.get("optional") or [])
    t.dates_tp, t.dates_fp, t.dates_fn = tp, fp, len(missed)
    for label in missed:
        t.notes.append(f"{name}: date missed: {label['text']} = {label['value']}")
    for text, value in unexpected:
        t.notes.append(f"{name}: date wrong: {text} = {value}")
    return t


def _enricher(corpus: Path, planned_only: bool = False):
    """run(file, date) -> the file's record; with ``planned_only``, (plan(file, date) -> the
    ArticleInput, enrich(item) -> its record), so a timing can leave the planning out."""
    from plugins.enrich import ArticleInput, enrich, load_context
    from plugins.readers.core import PlannedInput

    context = load_context(ROOT / "content" / "data")
    root = corpus / "articles"

    def plan(file: str, date: str | None):
        path = root / file
        planned = PlannedInput(str(path), file, "text", Path(file).stem)
        manifest = {"date": date[:10]} if date else {}
        return ArticleInput(planned, str(root), manifest)

    def run(file: str, date: str | None):
        return enrich(plan(file, date), context)
    return (plan, lambda item: enrich(item, context)) if planned_only else run


def _manifest(corpus: Path) -> dict[str, dict]:
    with open(corpus / "manifest.jsonl", encoding="utf-8") as fh:
        return {row["file"]: row for row in map(json.loads, fh)}


def family(publisher: str) -> str:
    """The ANT wires, Jawhara FM and Al Mayadeen by name; the 14 SaudiNewsNet papers as one."""
    return next((name for name in FAMILIES if name in publisher), "Saudi papers (SaudiNewsNet)")


def throughput(corpus: Path, n: int) -> tuple[int, float, float]:
    """(articles, CPU seconds, wall seconds) for enriching ``n`` corpus articles in this process:
    the read, clean, dates and entities of plugins.enrich.enrich, no record cache. The inputs
    are planned before the clock starts (in a build, planning is not enrichment's either). A
    first pass over 50 other articles warms imports and compiled patterns and is not counted."""
    manifest = _manifest(corpus)
    files = random.Random(THROUGHPUT_SEED).sample(sorted(manifest), min(len(manifest), n + 50))
    plan, enrich = _enricher(corpus, planned_only=True)
    items = [plan(file, manifest[file].get("date")) for file in files]
    for item in items[n:]:
        enrich(item)
    items = items[:n]
    cpu, wall = time.process_time(), time.perf_counter()
    for item in items:
        enrich(item)
    return len(items), time.process_time() - cpu, time.perf_counter() - wall


def removal_rates(corpus: Path, n: int | None = None) -> str:
    """Removed lines per article by reason and publisher family (inline cuts counted apart)."""
    manifest = _manifest(corpus)
    files = sorted(manifest) if not n else sorted(random.Random(THROUGHPUT_SEED).sample(sorted(manifest), n))
    run = _enricher(corpus)
    articles: dict[str, int] = defaultdict(int)
    lines: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cuts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for file in files:
        record = run(file, manifest[file].get("date"))
        fam = family(manifest[file].get("publisher") or "")
        articles[fam] += 1
        raw = (corpus / "articles" / file).read_text(encoding="utf-8").split("\n")
        for r in record.removed:
            whole = r.line is not None and len(r.text) >= WHOLE_LINE * len(raw[r.line - 1].strip())
            (lines if whole else cuts)[fam][r.reason] += 1
    out = [f"Removals per article by reason, {len(files)} corpus articles (whole lines; inline cuts after «|»)", "",
           "| family | articles | lines / article | cuts / article | lines by reason (per article) | cuts by reason |",
           "|---|---:|---:|---:|---|---|"]
    for fam in sorted(articles):
        n_art = articles[fam]

        def per(counts):
            return ", ".join(f"{reason} {count / n_art:.2f}" for reason, count in
                             sorted(counts.items(), key=lambda kv: -kv[1]) if count / n_art >= 0.005) or "—"
        out.append(f"| {fam} | {n_art} | {sum(lines[fam].values()) / n_art:.2f} | "
                   f"{sum(cuts[fam].values()) / n_art:.2f} | {per(lines[fam])} | {per(cuts[fam])} |")
    return "\n".join(out)


def _fmt(value: float | None, percent: bool = True) -> str:
    if value is None:
        return "—"
    return f"{100 * value:.0f}%" if percent else f"{value:.2f}"


def _meets(key: str, value: float | None) -> str:
    if value is None:
        return ""
    goal, higher = GOALS[key]
    return "yes" if (value >= goal if higher else value <= goal) else "no"


def report(total: Tally, by_publisher: dict[str, Tally], n: int) -> str:
    people_p = _ratio(total.people_tp, total.people_tp + total.people_fp)
    people_r = _ratio(total.people_tp, total.people_tp + total.people_fn)
    dates_p = _ratio(total.dates_tp, total.dates_tp + total.dates_fp)
    dates_r = _ratio(total.dates_tp, total.dates_tp + total.dates_fn)
    bp = _ratio(total.bp_removed, total.bp_total)
    lost = _ratio(total.body_lost, total.body_chars)
    inline = _ratio(total.inline_removed, total.inline_total)
    rows = [
        ("boilerplate lines removed", f"{_fmt(bp)} ({total.bp_removed} of {total.bp_total})", "≥ 90%", _meets("boilerplate", bp)),
        ("body text lost", f"{100 * (lost or 0):.2f}% ({total.body_lost} of {total.body_chars} chars)", "≤ 1%", _meets("body_lost", lost)),
        ("inline boilerplate removed", f"{total.inline_removed} of {total.inline_total} ({_fmt(inline)})", "≥ 80%", _meets("inline", inline)),
        ("people precision / recall", f"{_fmt(people_p, False)} / {_fmt(people_r, False)} "
         f"(tp {total.people_tp}, fp {total.people_fp}, fn {total.people_fn})", "≥ 0.97 / ≥ 0.97",
         "yes" if _meets("people_p", people_p) == _meets("people_r", people_r) == "yes" else "no"),
        ("date mentions precision / recall", f"{_fmt(dates_p, False)} / {_fmt(dates_r, False)} "
         f"(tp {total.dates_tp}, fp {total.dates_fp}, fn {total.dates_fn})", "≥ 0.97 / ≥ 0.95",
         "yes" if _meets("dates_p", dates_p) == _meets("dates_r", dates_r) == "yes" else "no"),
    ]
    out = [f"Cleaning, people and dates on {n} labelled articles", "",
           "| measure | now | goal | met |", "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    out += ["", "| publisher | articles | boilerplate removed | body lost | inline removed | people P / R | dates P / R |",
            "|---|---:|---|---|---|---|---|"]
    for publisher in sorted(by_publisher):
        t = by_publisher[publisher]
        out.append(
            f"| {publisher} | {t.articles} | {t.bp_removed}/{t.bp_total} | "
            f"{100 * (_ratio(t.body_lost, t.body_chars) or 0):.1f}% | {t.inline_removed}/{t.inline_total} | "
            f"{_fmt(_ratio(t.people_tp, t.people_tp + t.people_fp), False)} / "
            f"{_fmt(_ratio(t.people_tp, t.people_tp + t.people_fn), False)} | "
            f"{_fmt(_ratio(t.dates_tp, t.dates_tp + t.dates_fp), False)} / "
            f"{_fmt(_ratio(t.dates_tp, t.dates_tp + t.dates_fn), False)} |")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--details", action="store_true", help="list every miss (lines, inline, people, dates)")
    parser.add_argument("--throughput", type=int, default=2000, metavar="N",
                        help="time enrichment on N corpus articles (CPU of one process; 0 skips)")
    parser.add_argument("--removals", type=int, nargs="?", const=0, default=None, metavar="N",
                        help="removed lines per article by reason and publisher family (whole corpus, or N)")
    args = parser.parse_args(argv)

    if not (args.corpus / "manifest.jsonl").is_file():
        print(f"scoring.clean: no corpus at {args.corpus} (needs manifest.jsonl and articles/); nothing scored")
        return 0
    entries = yaml.safe_load(args.labels.read_text(encoding="utf-8"))["articles"]
    wanted = {e["file"] for e in entries}
    dates = {}
    with open(args.corpus / "manifest.jsonl", encoding="utf-8") as fh:
        for row in fh:
            row = json.loads(row)
            if row["file"] in wanted:
                dates[row["file"]] = row.get("date")
    run = _enricher(args.corpus)
    total = Tally()
    by_publisher: dict[str, Tally] = defaultdict(Tally)
    for entry in entries:
        path = args.corpus / "articles" / entry["file"]
        raw_lines = path.read_text(encoding="utf-8").split("\n")
        record = run(entry["file"], dates.get(entry["file"]))
        if not record.built:
            print(f"{entry['file']}: skipped ({record.problem})")
            continue
        t = score_article(entry, record, raw_lines)
        t.articles = 1
        total.add(t)
        publisher = by_publisher[entry.get("publisher") or "?"]
        publisher.add(t)
    print(report(total, by_publisher, len(entries)))
    if args.throughput:
        n, cpu, wall = throughput(args.corpus, args.throughput)
        rate = n / cpu if cpu else float("inf")
        print(f"\nEnrichment throughput: {rate:,.0f} articles/s per core (goal ≥ 2,000: "
              f"{_meets('throughput', rate)}) — {n} corpus articles (seed {THROUGHPUT_SEED}), "
              f"{cpu:.2f} s CPU in one process, {wall:.2f} s wall; read -> clean -> dates -> entities, no cache, "
              f"inputs planned before the clock")
    if args.removals is not None:
        print("\n" + removal_rates(args.corpus, args.removals or None))
    if args.details:
        print("\nMisses:")
        for note in total.notes:
            print("  " + note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
