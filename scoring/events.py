"""Score automatic events (stories) on the labelled development set (issue 16).

    python -m scoring.events [--labels scoring/labels/events.yaml] [--corpus ../shared/corpus]
                             [--scope ant|all] [--sample 30] [--seed 16] [--cache DIR] [--details]

The labels (``scoring/labels/events.yaml``) name corpus files only: ``stories`` (a real
happening and the files that report it) and ``passing`` (files that mention a story only in
passing and must not join it). The text is read from the corpus at run time and goes through
the real pipeline (``plugins.enrich.enrich``, with the manifest's date and publisher), then
``plugins.events.core.build_events`` runs over every article of the scope:

* ``ant`` (default): every ANT multi-source article (five outlets, 2018) in the corpus;
* ``all``: the whole corpus (for timing at 20,000 articles).

Printed: B-cubed precision, recall and F1 over the labelled files (an article in no shown
event is a cluster of its own; a passing file's gold cluster is itself), the time
``build_events`` took, and ``--sample`` random automatic events (id, title, date, number of
articles, sources) for a person to judge. A reader's judgements of such a sample
(``scoring/labels/events_acceptance.yaml``: seed, ids, titles, accept yes/no, why) are re-read
and counted, with how many of the judged events this build still has unchanged. Enriched records are cached (pickled) in
``--cache`` by corpus file and code fingerprint, so a second run only re-clusters.
``--dump FILE`` writes the events (member files, title); ``--against FILE`` (another code
version's dump, same scope) prints the judged events this build removed, split or retitled,
counted by accepted/rejected: what a change costs and gains in readers' verdicts.
``python -m scoring.events_cohesion`` measures, per size band, how well a story's cohesion
orders the judged events (whether showing only stories above a confidence could pay).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_LABELS = ROOT / "scoring" / "labels" / "events.yaml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_JUDGED = ROOT / "scoring" / "labels" / "events_acceptance.yaml"
DEFAULT_CACHE = Path("/tmp") / "arshif-scoring-events"
ANT_REPO = "antcorpus/antcorpus.multisource.data"
GOALS = {"f1": 0.85, "accepted": 0.90}


def _rows(corpus: Path, scope: str) -> list[dict]:
    with open(corpus / "manifest.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if scope == "ant":
        rows = [r for r in rows if r.get("source_repo") == ANT_REPO]
    return rows


def _publisher(name: str | None) -> str | None:
    """«BBC Arabic (bbc.com/arabic)» -> «BBC Arabic»: the publisher as a reader names it."""
    return name.split(" (")[0].strip() if name else None


def enrich_rows(corpus: Path, rows: list[dict], cache: Path | None):
    """ArticleRecords of ``rows`` (cached by file and the pipeline's fingerprint)."""
    from plugins.enrich import ArticleInput, enrich, load_context
    from plugins.readers.core import PlannedInput

    context = load_context(ROOT / "content" / "data")
    root = corpus / "articles"
    cached: dict = {}
    cache_file = None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        cache_file = cache / f"records-{context.fingerprint[:16]}.pkl"
        if cache_file.is_file():
            with open(cache_file, "rb") as fh:
                cached = pickle.load(fh)
    records, fresh = [], 0
    for row in rows:
        record = cached.get(row["file"])
        if record is None:
            manifest = {k: v for k, v in (("date", (row.get("date") or "")[:10]),
                                           ("source", _publisher(row.get("publisher")))) if v}
            planned = PlannedInput(str(root / row["file"]), row["file"], "text", Path(row["file"]).stem)
            record = enrich(ArticleInput(planned, str(root), manifest), context)
            cached[row["file"]] = record
            fresh += 1
        records.append(record)
    if cache_file is not None and fresh:
        with open(cache_file, "wb") as fh:
            pickle.dump(cached, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return records


def load_labels(path: Path) -> tuple[dict[str, str], list[str]]:
    """(file -> story name, passing files)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    story_of = {}
    for story in data.get("stories") or []:
        for f in story["articles"]:
            if f in story_of:
                raise SystemExit(f"{path.name}: {f} is in two stories ({story_of[f]}, {story['name']})")
            story_of[f] = story["name"]
    passing = [p["file"] for p in data.get("passing") or []]
    for f in passing:
        if f in story_of:
            raise SystemExit(f"{path.name}: {f} is both a story member and a passing mention")
    return story_of, passing


def bcubed(gold: dict[str, str], system: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of ``system`` (item -> cluster) against ``gold``."""
    items = list(gold)
    if not items:
        return 0.0, 0.0, 0.0
    by_gold: dict[str, set] = {}
    by_sys: dict[str, set] = {}
    for i in items:
        by_gold.setdefault(gold[i], set()).add(i)
        by_sys.setdefault(system[i], set()).add(i)
    p = r = 0.0
    for i in items:
        both = len(by_gold[gold[i]] & by_sys[system[i]])
        p += both / len(by_sys[system[i]])
        r += both / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def judged_report(path: Path, auto, file_of: dict[str, str], records) -> None:
    """Re-read a reader's judgements (``events_acceptance.yaml``: samples of ids, member
    files, the file whose headline was the title, accept yes/no, why): per sample the share
    accepted, and how many of its events this build still makes alike (same id, members
    and title)."""
    if not path or not path.is_file():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    title_of = {r.id: (r.title or "").strip() for r in records}
    now = {e.id: e for e in auto}
    pooled = [0, 0, 0]   # samples whose every event this build makes as judged; their events; accepted
    for sample in data.get("samples") or []:
        judged = sample.get("events") or []
        if not judged:
            continue
        yes = sum(1 for j in judged if j.get("accept") is True)
        same = 0
        for j in judged:
            e = now.get(j.get("id"))
            # the title is the headline of `title_from`, or the story label it opens with
            if e is not None and sorted(file_of[a] for a in e.article_ids()) == sorted(j.get("articles") or []) \
                    and any(file_of[a] == j.get("title_from") and (title_of.get(a) == e.title or title_of.get(
                        a, "").startswith(e.title + ":")) for a in e.article_ids()):
                same += 1
        print(f"reader acceptance ({path.name}, seed {sample.get('seed')}, {sample.get('code')}): {yes} of "
              f"{len(judged)} ({yes / len(judged):.0%}; goal ≥ {GOALS['accepted']:.0%}); "
              f"{same} of its {len(judged)} events are the same in this build")
        if same == len(judged):
            pooled = [pooled[0] + 1, pooled[1] + len(judged), pooled[2] + yes]
    if pooled[1]:
        print(f"reader acceptance of this build's events (the {pooled[0]} samples whose every event it makes "
              f"as judged): {pooled[2]} of {pooled[1]} ({pooled[2] / pooled[1]:.0%}; goal ≥ {GOALS['accepted']:.0%})")


def snapshot(auto, file_of: dict[str, str], records) -> list[dict]:
    """The automatic events as member files and title (what ``--dump`` writes): ids move
    between code versions, members and titles are what a reader judged."""
    title_of = {r.id: (r.title or "").strip() for r in records}
    return [{"id": e.id, "files": sorted(file_of[a] for a in e.article_ids()), "title": e.title,
             "title_from": [file_of[a] for a in e.article_ids() if title_of.get(a) == e.title]} for e in auto]


def judged_changes(path: Path, before: list[dict], after: list[dict]) -> dict[tuple[str, bool], int]:
    """Which judged events (every sample's latest verdict, matched by member files) a code
    change removed or split, or retitled, between two ``snapshot``s; printed one a line and
    counted by (change, accepted)."""
    verdict: dict[frozenset, dict] = {}
    for sample in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("samples") or []:
        for j in sample.get("events") or []:
            if isinstance(j.get("accept"), bool):
                verdict[frozenset(j.get("articles") or ())] = j
    old = {frozenset(e["files"]): e for e in before}
    new = {frozenset(e["files"]): e for e in after}
    counts: dict[tuple[str, bool], int] = {}
    for key, j in verdict.items():
        if key not in old:
            continue  # not made by the code compared against
        now = new.get(key)
        if now is None:
            change = "removed or split"
        elif now["title"] != old[key]["title"]:
            change = f"retitled «{now['title']}»"
        else:
            continue
        counts[(change.split(" «")[0], j["accept"])] = counts.get((change.split(" «")[0], j["accept"]), 0) + 1
        print(f"  {'accepted' if j['accept'] else 'rejected'} {j.get('id')} ({len(key)} articles) "
              f"«{old[key]['title']}»: {change}")
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring.events", description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scope", choices=("ant", "all"), default="ant")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--details", action="store_true", help="print each labelled story's clusters")
    parser.add_argument("--judged", type=Path, default=DEFAULT_JUDGED,
                        help="a reader's judgements of sampled events (accept yes/no), re-read and counted")
    parser.add_argument("--dump", type=Path, help="write the automatic events (member files, title) as JSON")
    parser.add_argument("--against", type=Path,
                        help="a --dump of other code: print the judged events this build removed, split or retitled")
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.jsonl").is_file():
        print(f"scoring.events: no corpus at {args.corpus} (needs manifest.jsonl and articles/); nothing scored")
        return 0
    from plugins.events.core import build_events

    rows = _rows(args.corpus, args.scope)
    start = time.perf_counter()
    records = enrich_rows(args.corpus, rows, None if args.no_cache else args.cache)
    t_enrich = time.perf_counter() - start
    file_of = {r.id: row["file"] for r, row in zip(records, rows)}
    start, cpu = time.perf_counter(), time.process_time()
    result = build_events(records, None)
    t_events, cpu = time.perf_counter() - start, time.process_time() - cpu
    auto = [e for e in result.events if not e.curated]
    print(f"{len(records)} articles ({args.scope}), enriched or loaded in {t_enrich:.1f} s; "
          f"build_events {t_events:.2f} s ({cpu:.2f} s CPU) -> {len(auto)} automatic events "
          f"({sum(len(e.articles) for e in auto)} articles in them)")

    story_of, passing = load_labels(args.labels)
    gold = {**story_of, **{f: "passing:" + f for f in passing}}
    event_of = {}
    for e in auto:
        for a in e.article_ids():
            event_of.setdefault(file_of[a], e.id)
    missing = [f for f in gold if f not in set(file_of.values())]
    if missing:
        print(f"labelled files outside the scope (ignored): {', '.join(missing)}")
        for f in missing:
            gold.pop(f)
    system = {f: event_of.get(f, "alone:" + f) for f in gold}
    p, r, f1 = bcubed(gold, system)
    stories = len(set(story_of.values()))
    print(f"\nB-cubed over {len(gold)} labelled articles ({stories} stories, {len(passing)} passing mentions): "
          f"precision {p:.3f} · recall {r:.3f} · F1 {f1:.3f} (goal ≥ {GOALS['f1']})")
    wrong_passing = [f for f in passing if f in event_of and any(
        story_of.get(g) for g, ev in system.items() if ev == event_of[f] and g != f)]
    print(f"passing mentions that joined a labelled story's event: {len(wrong_passing)} of {len(passing)}"
          + (f" ({', '.join(wrong_passing)})" if wrong_passing else ""))
    if args.details:
        by_story: dict[str, list[str]] = {}
        for f, s in story_of.items():
            if f in system:  # labelled files outside the scope were set aside above
                by_story.setdefault(s, []).append(f)
        titles = {e.id: e.title for e in auto}
        for s, files in sorted(by_story.items()):
            parts = {}
            for f in sorted(files):
                parts.setdefault(system[f], []).append(f)
            print(f"  {s}: " + " | ".join(f"{k if k in titles else '-'} {v}" for k, v in parts.items()))
            for k in parts:
                if k in titles:
                    others = [file_of[a] for e in auto if e.id == k for a in e.article_ids()]
                    print(f"      {k} «{titles[k]}» {len(others)} articles")

    print(f"build_events CPU per 1,000 articles: {cpu / max(len(records), 1) * 1000:.2f} s")
    judged_report(args.judged, auto, file_of, records)
    events_now = snapshot(auto, file_of, records)
    if args.dump:
        args.dump.write_text(json.dumps(events_now, ensure_ascii=False), encoding="utf-8")
    if args.against and args.judged.is_file():
        before = json.loads(args.against.read_text(encoding="utf-8"))
        print(f"\njudged events changed against {args.against.name} ({len(before)} -> {len(auto)} events):")
        counts = judged_changes(args.judged, before, events_now)
        print("  " + (", ".join(f"{change}: {n} {'accepted' if ok else 'rejected'}"
                                for (change, ok), n in sorted(counts.items())) or "none"))

    rng = random.Random(args.seed)
    sample = sorted(rng.sample(auto, min(args.sample, len(auto))), key=lambda e: (e.start, e.id))
    print(f"\n{len(sample)} random automatic events (seed {args.seed}) to judge:")
    for e in sample:
        print(f"  {e.id}  {e.date}  {len(e.articles)} articles · {', '.join(e.sources)}\n      «{e.title}»")
        if args.details:
            for a in e.article_ids():
                rec = next(x for x in records if x.id == a)
                print(f"        {file_of[a]} {rec.source}: {rec.title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
