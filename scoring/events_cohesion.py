"""How well a story's cohesion tells the events readers accept from those they reject (issue 16).

    python -m scoring.events_cohesion [--scope all|ant] [--corpus ../shared/corpus] [--cache DIR]

Runs ``build_events`` as ``scoring.events`` does and, for every automatic story it makes,
measures its cohesion: the mean and least pairwise similarity of its members (headline, lead
and entities, as clustered), the mean and least pairwise likeness of their body openings, and
each member's best link to another member. The stories a reader judged
(``scoring/labels/events_acceptance.yaml``, matched by their member files, since ids move
between code versions) are split into accepted and rejected, and for each measure and size
band it prints the AUC (the chance that an accepted story is more cohesive than a rejected
one; 0.5 is no better than chance). Used to weigh "show only stories above a confidence":
a measure that orders the judged stories well by size band is worth a threshold (measure its
cost with ``scoring.events``); one that only orders them by size would hide the large
stories that hold most of the labelled articles.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scoring import events as scorer  # noqa: E402

BANDS = (("2", 2, 2), ("3-4", 3, 4), ("5-12", 5, 12), (">12", 13, 10 ** 9))


def _cosine(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def cohesion(records) -> list[tuple[list, dict]]:
    """(member docs, measures) of every automatic story ``build_events`` makes: the
    similarities and the stories are caught as the stage makes them."""
    from plugins.events import core

    seen: dict = {}
    stories: list = []
    similarities, story = core._similarities, core._story

    def catching_similarities(docs, *args, **kwargs):
        edges, links = similarities(docs, *args, **kwargs)
        seen.update(docs=docs, edges=edges)
        return edges, links

    def catching_story(docs, *args, **kwargs):
        event = story(docs, *args, **kwargs)
        stories.append((list(docs), event))
        return event

    core._similarities, core._story = catching_similarities, catching_story
    try:
        result = core.build_events(records, None)
    finally:
        core._similarities, core._story = similarities, story
    shown = {e.id for e in result.events if not e.curated}
    docs, edges = seen["docs"], seen["edges"]
    members = [m for m, e in stories if e.id in shown]
    vectors = core._opening_vectors(docs, {d.index for m in members for d in m})
    out = []
    for m in members:
        ids = [d.index for d in m]
        pairs = [(x, y) for x in ids for y in ids if x < y]
        sims = [edges.get(p, 0.0) for p in pairs]
        opens = [_cosine(vectors[x], vectors[y]) for x, y in pairs]
        best = [max(edges.get((min(x, y), max(x, y)), 0.0) for y in ids if y != x) for x in ids]
        out.append((m, {"mean similarity": sum(sims) / len(sims), "least similarity": min(sims),
                        "mean opening": sum(opens) / len(opens), "least opening": min(opens),
                        "least best link": min(best), "sources per article": len({d.source for d in m}) / len(m)}))
    return out


def auc(pairs: list[tuple[float, bool]]) -> float | None:
    yes = [v for v, ok in pairs if ok]
    no = [v for v, ok in pairs if not ok]
    if not yes or not no:
        return None
    return sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in yes for b in no) / (len(yes) * len(no))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring.events_cohesion", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=scorer.DEFAULT_CORPUS)
    parser.add_argument("--scope", choices=("ant", "all"), default="all")
    parser.add_argument("--cache", type=Path, default=scorer.DEFAULT_CACHE)
    parser.add_argument("--judged", type=Path, default=scorer.DEFAULT_JUDGED)
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.jsonl").is_file():
        print(f"scoring.events_cohesion: no corpus at {args.corpus}; nothing measured")
        return 0
    rows = scorer._rows(args.corpus, args.scope)
    records = scorer.enrich_rows(args.corpus, rows, args.cache)
    file_of = {r.id: row["file"] for r, row in zip(records, rows)}
    verdict: dict[frozenset, bool] = {}
    for sample in (yaml.safe_load(args.judged.read_text(encoding="utf-8")) or {}).get("samples") or []:
        for e in sample.get("events") or []:
            if isinstance(e.get("accept"), bool):
                verdict[frozenset(e.get("articles") or ())] = e["accept"]  # the latest judgement
    measured = cohesion(records)
    judged = [(m, v, verdict[k]) for m, v in measured
              if (k := frozenset(file_of[d.record.id] for d in m)) in verdict]
    print(f"{len(measured)} automatic events ({args.scope}); {len(judged)} of them judged with these members "
          f"({sum(1 for *_, ok in judged if not ok)} rejected)")
    names = list(measured[0][1]) if measured else []
    print("AUC (accepted more cohesive than rejected), by size band: " + " · ".join(
        f"{label} ({sum(1 for m, _, ok in judged if lo <= len(m) <= hi and ok)}/"
        f"{sum(1 for m, _, ok in judged if lo <= len(m) <= hi and not ok)})" for label, lo, hi in BANDS))
    for name in names:
        cells = []
        for label, lo, hi in BANDS:
            a = auc([(v[name], ok) for m, v, ok in judged if lo <= len(m) <= hi])
            cells.append(f"{label} {a:.2f}" if a is not None else f"{label} -")
        whole = auc([(v[name], ok) for _, v, ok in judged])
        print(f"  {name:20s} all {whole:.2f} · " + " · ".join(cells) if whole is not None else f"  {name}: -")
    return 0


if __name__ == "__main__":
    sys.exit(main())
