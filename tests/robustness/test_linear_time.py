"""Every text stage costs time linear in the size of its input, whatever the text looks like.

A scraper can hand the build anything: a megabyte of dots, one «word» of a million letters, a
line of nothing but dates. Each case feeds one stage one shape of text at 100 KB and at 1 MB
and asserts the megabyte costs at most RATIO times the 100 KB (CPU time, the better of two
runs for the small size). Linear work costs 10x; quadratic work costs 100x. Each case runs in a
forked child whose CPU the kernel limits to that budget (RLIMIT_CPU), so a regression fails in
seconds instead of stalling the suite. Not a timed test: only the ratio is asserted.
"""

from __future__ import annotations

import gc
import json
import math
import os
import random
import re
import resource
import signal
import time
import traceback
from pathlib import Path

import pytest

from plugins.arabic import tokens
from plugins.clean.core import clean_article, load_rules
from plugins.dates.core import find_date_mentions, parse_date_value
from plugins.entities.gazetteer import load_gazetteer
from plugins.events.core import build_events
from plugins.pages.body import body_html, sanitize_body
from plugins.record import ArticleRecord, DateMention
from plugins.search.records import excerpt_text
from plugins.search.tokens import index_tokens

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "content" / "data"
SMALL, LARGE = 100_000, 1_000_000
RATIO = 20
FLOOR = 0.01  # seconds: a smaller 100 KB time is timer and cache noise, not a base to multiply
SMALL_LIMIT = 20  # seconds of CPU for 100 KB (linear stages take well under one)

# --- shapes of text -----------------------------------------------------------------------

# One character of each class a text can hold.
CLASSES = {
    "arabic_letter": "ب", "latin_letter": "a", "digit": "7", "arabic_digit": "٣", "space": " ",
    "newline": "\n", "dot": ".", "arabic_comma": "،", "question": "؟", "open_paren": "(",
    "close_paren": ")", "quote": "«", "dash": "-", "slash": "/", "underscore": "_",
    "tatweel": "\u0640", "fatha": "\u064e", "rlm": "\u200f", "rlo": "\u202e", "alm": "\u061c",
    "nul": "\u0000", "emoji": "😀",
}

# Units repeated to the size: words, clitics, names, dates of every family, and the marks
# around them. Dates come on one line and one per paragraph, since some costs grow with the
# length of a line (a sentence), others with the number of lines.
_DATES = ("في 15 أكتوبر 2024 و14 رجب 1446 هـ ويوم الخميس الماضي، اليوم أمس غداً بعد غد عام 2024 "
          "و2025 قبل ثلاثة أيام 12/3/2024 الشهر الماضي ")
UNITS = {
    "words": "كلمة عربية ",
    "clitics_names_titles": "والبالكتاب وللوزير سيرغي لافروف الرئيس السوري الانتقالي الشرع سيرغي ",
    "dates_one_line": _DATES,
    "dated_paragraphs": "وصل الوزير يوم الخميس 15 أكتوبر الماضي إلى دمشق في زيارة رسمية.\n",
    "date_every_family_per_line": _DATES.replace(" و", "\nو"),
    "years_glued": "2024a",
    "digit_dots": "1.2.",
    "marks": "«كلمة» \u200fنص\u202e بَُِّ (سانا) ",
    "dateline": "دمشق - 15 أكتوبر 2024 (سانا)\n",
}


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _random_mix(size: int) -> str:
    """Every class and unit at once, in a fixed random order."""
    rnd = random.Random(12)
    pieces = list(CLASSES.values()) + list(UNITS.values())
    out, n = [], 0
    while n < size:
        piece = rnd.choice(pieces) * rnd.choice((1, 1, 2, 5))
        out.append(piece)
        n += len(piece)
    return "".join(out)[:size]


def _shapes() -> dict:
    shapes = {}
    for name, ch in CLASSES.items():
        # Half a run, a letter, half a run: a run that something follows, and one that ends
        # the text (each has made a pattern rescan it from every position).
        shapes[f"run_of_{name}"] = lambda n, ch=ch: ch * (n // 2) + "ب" + ch * (n - n // 2 - 1)
    for name, unit in UNITS.items():
        shapes[name] = lambda n, unit=unit: _repeat(unit, n)
    shapes["random_mix"] = _random_mix
    return shapes


SHAPES = _shapes()
RUNS = [name for name in SHAPES if name.startswith("run_of_")]
# Every stage meets every run; the units each meets are those that give it work to do.
CASES = {
    "clean": RUNS + ["words", "dateline", "marks", "random_mix"],
    "dates": RUNS + ["dates_one_line", "years_glued", "random_mix"],
    "entities": RUNS + ["words", "clitics_names_titles", "dated_paragraphs", "marks", "random_mix"],
    "body": RUNS + ["words", "dated_paragraphs", "marks", "random_mix"],
    "search": RUNS + ["clitics_names_titles", "random_mix"],
    "events": ["dates_one_line", "dated_paragraphs", "random_mix"],
}

# --- stages -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stages():
    rules = load_rules(DATA / "boilerplate.yaml")
    gazetteer, _ = load_gazetteer(DATA)
    published = parse_date_value("2025-01-15")
    urls = {entity_id: f"/e/{entity_id}/" for entity_id in gazetteer.entities}
    ids = list(urls)

    head = ["خبر عن الاقتصاد", "فقرة أولى طويلة بما يكفي لتكون نص المقال الحقيقي في هذا الخبر."]

    def clean(text):
        """Below a headline and a lead, where every body and tail pass looks at it."""
        lines = head + text.split("\n")
        clean_article([{"text": line, "kind": "line", "line": i} for i, line in enumerate(lines, 1)], rules)

    def body_input(text):
        """Paragraphs with a mention on every word: entities (a few dozen ids, so most are
        not first mentions) and dates alternately."""
        paragraphs = [p for p in text.split("\n") if p] or [""]
        joined = "\n\n".join(paragraphs)
        entity_mentions, date_mentions = [], []
        for i, token in enumerate(tokens(joined)):
            if i % 2:
                date_mentions.append({"start": token.start, "end": token.end, "value": "2024-10-15"})
            else:
                entity_mentions.append({"id": ids[i % len(ids)], "kind": "person",
                                        "start": token.start, "end": token.end})
        return [{"kind": "p", "text": p} for p in paragraphs], entity_mentions, date_mentions

    def body(prepared):
        blocks, entity_mentions, date_mentions = prepared
        sanitize_body(body_html(blocks, entity_mentions, date_mentions, urls))

    curated_events = [{"id": "october", "title": "حدث", "date": "2024-10-15",
                       "match": {"keywords": ["الوزير", "كلمة لا ترد"]}}]

    def events_input(text):
        """Two articles with the same text, a dated mention at every «15 أكتوبر»."""
        mentions = tuple(DateMention(m.group(), "2024-10-15", m.start(), m.end())
                         for m in re.finditer(r"15 أكتوبر(?: 2024)?", text))
        return [ArticleRecord(id=f"a{i}", file=f"a{i}.txt", format="text", title="وصل الوزير إلى دمشق",
                              lead=text[:300], source=f"s{i}", text=text, date="2025-01-15",
                              date_mentions=mentions) for i in (1, 2)]

    return {
        "clean": (None, clean),
        "dates": (None, lambda text: find_date_mentions(text, published)),
        "entities": (None, gazetteer.find_mentions),
        "body": (body_input, body),
        "search": (None, lambda text: (index_tokens(text), excerpt_text(text))),
        "events": (events_input, lambda records: build_events(records, curated_events)),
    }


def _cpu(fn, arg) -> float:
    start = time.process_time()
    fn(arg)
    return time.process_time() - start


def _limit_cpu(seconds: float) -> None:
    """From now on this process may use about ``seconds`` more CPU; past that the kernel
    stops it (SIGXCPU), even inside one long C call such as a regex search, where a Python
    signal handler would never run."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(time.process_time() + seconds) + 1, hard))


def _in_child(job) -> tuple[dict, bool]:
    """``job(report)`` in a forked child, so that a stage that never ends can be stopped;
    ``report(key, value)`` sends JSON values back. Returns (what was reported, finished)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        os.close(read)
        signal.alarm(600)  # and never blocks forever without using CPU either (a lock held at fork)
        code = 1
        try:
            with os.fdopen(write, "w", buffering=1) as out:
                job(lambda key, value: print(json.dumps([key, value]), file=out))
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read) as inp:
        reported = dict(json.loads(line) for line in inp)
    _, status = os.waitpid(pid, 0)
    return reported, os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def check_linear(fn, make, prepare=None):
    small_input, large_input = make(SMALL), make(LARGE)
    if prepare is not None:
        small_input, large_input = prepare(small_input), prepare(large_input)

    def job(report):
        # The collector would also walk whatever earlier tests left alive: not this input's cost.
        gc.collect()
        gc.disable()
        _limit_cpu(SMALL_LIMIT)
        small = min(_cpu(fn, small_input) for _ in range(2))
        report("small", small)
        _limit_cpu(RATIO * max(small, FLOOR))
        report("large", _cpu(fn, large_input))

    got, finished = _in_child(job)
    assert "small" in got, f"100 KB took over {SMALL_LIMIT} s of CPU (or failed: see the captured stderr)"
    budget = RATIO * max(got["small"], FLOOR)
    assert finished and got.get("large", budget + 1) <= budget, (
        f"1 MB took over {budget:.2f} s of CPU, more than {RATIO}x the {got['small']:.3f} s of 100 KB: "
        f"not linear")


@pytest.mark.parametrize("stage,shape", [(stage, shape) for stage, shapes in CASES.items() for shape in shapes])
def test_stage_is_linear(stages, stage, shape):
    prepare, fn = stages[stage]
    check_linear(fn, SHAPES[shape], prepare)


# --- curator patterns ---------------------------------------------------------------------

CATASTROPHIC = "^(ا|اا)+$"  # on «ااا…ا!» every split of the run is tried: 2^n steps


def test_a_catastrophic_curator_pattern_does_not_hang(tmp_path):
    """A boilerplate.yaml pattern that backtracks without end costs one time limit and a
    warning naming the file and the pattern; the lines it was tried on are kept."""
    site = tmp_path / "boilerplate.yaml"
    site.write_text(f"drop_patterns:\n  site_junk:\n    - '{CATASTROPHIC}'\n", encoding="utf-8")
    rules = load_rules(site)
    trap = "ا" * 80 + "!"
    lines = ["خبر عن الاقتصاد", "فقرة أولى طويلة بما يكفي لتكون نص المقال الحقيقي في هذا الخبر.", *[trap] * 30]
    blocks = [{"text": line, "kind": "line", "line": i} for i, line in enumerate(lines, 1)]

    def job(report):
        _limit_cpu(120)
        for n in (1, 2):
            article = clean_article(blocks, rules)
            report(f"warnings{n}", article.warnings)
            report(f"kept{n}", sum(block.text == trap for block in article.blocks))
            report(f"dropped{n}", sum(r.reason == "site_junk" for r in article.removed))

    got, finished = _in_child(job)
    assert finished, "cleaning with a catastrophic curator pattern did not finish"
    assert len(got["warnings1"]) == 1
    warning = got["warnings1"][0]
    assert "boilerplate.yaml" in warning and CATASTROPHIC in warning
    assert str(tmp_path) not in warning  # the report is public: no absolute path
    assert got["warnings2"] == []  # given up once, not once per article
    assert got["kept1"] == got["kept2"] == 30 and got["dropped1"] == got["dropped2"] == 0


def test_a_curator_pattern_still_removes_lines(tmp_path):
    """The bound changes nothing for a sound pattern (same file, same syntax)."""
    site = tmp_path / "boilerplate.yaml"
    site.write_text("drop_patterns:\n  newsletter:\n    - '^اشترك (في|فى) نشرتنا\\b'\n", encoding="utf-8")
    rules = load_rules(site)
    lines = ["خبر عن الاقتصاد", "فقرة أولى طويلة بما يكفي لتكون نص المقال الحقيقي في هذا الخبر.",
             "اشترك في نشرتنا الأسبوعية", "فقرة ثانية طويلة بما يكفي لتكون جزءا من نص المقال أيضا."]
    article = clean_article([{"text": line, "kind": "line", "line": i} for i, line in enumerate(lines, 1)], rules)
    assert [(r.text, r.reason) for r in article.removed] == [("اشترك في نشرتنا الأسبوعية", "newsletter")]
    assert article.warnings == []
