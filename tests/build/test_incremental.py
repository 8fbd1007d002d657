"""Rebuilding into the same output folder with the cache gives, file for file, what a clean
build of the same inputs gives: pages whose inputs did not change are kept unwritten, and
nothing of an earlier build is left over (plugins/pages/output.py)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site, copy_content


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture()
def setup(tmp_path):
    """A copy of the sample content and theme, and a builder into one output folder with one cache."""
    content = copy_content(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    out, cache = tmp_path / "output", tmp_path / "cache"

    def build(target: Path = out, cached: bool = True, **settings) -> Path:
        return build_site(content, target, THEME=str(theme), ARSHIF_CACHE_PATH=str(cache) if cached else None,
                          **settings)

    def clean(**settings) -> dict[str, str]:
        target = tmp_path / f"clean-{len(list(tmp_path.glob('clean-*')))}"
        return tree(build(target, cached=False, **settings))
    return content, theme, out, build, clean


def append_paragraph(content: Path) -> Path:
    """The edit the benchmark makes: a paragraph added at the end of one article."""
    article = sorted((content / "articles").glob("*.txt"))[2]
    article.write_text(article.read_text(encoding="utf-8") + "\n\nفقرة جديدة أضافها المحرر في آخر المقال.\n",
                       encoding="utf-8")
    return article


def built_before_and_after_an_append(content: Path, out: Path, build):
    """Build, append a paragraph to one article, build again: (the article, the output's file
    stamps before, after)."""
    build()
    before = stamps(out)
    article = append_paragraph(content)
    build()
    return article, before, stamps(out)


def test_one_edited_article_rewrites_its_pages_only_and_equals_a_clean_build(setup):
    content, _, out, build, clean = setup
    article, before, after = built_before_and_after_an_append(content, out, build)
    assert tree(out) == clean()
    page = f"articles/{article.stem}/index.html"
    assert after[page] != before[page]
    untouched = [f"articles/{p.stem}/index.html" for p in sorted((content / "articles").glob("*.txt")) if p != article]
    assert all(after[p] == before[p] for p in untouched)  # kept, not written again


def test_an_edit_no_list_shows_rewrites_no_list(setup):
    """Pages are keyed by what they show of an article (views.py, ``*_shown``): a paragraph added
    at its end changes its page, its original and the data export, not the lists, entity
    pages and feeds it is in (its card and the sentences quoted from it are unchanged)."""
    content, _, out, build, _ = setup
    article, before, after = built_before_and_after_an_append(content, out, build)
    rewritten = {p for p in after if after[p] != before.get(p) and p.endswith((".html", ".xml"))}
    # the report counts the lines cleaning removed, file by file
    assert rewritten - {"report/index.html"} == {f"articles/{article.stem}/index.html"}
    assert any(f"articles/{article.stem}/" in (out / p).read_text(encoding="utf-8")
               for p in after if p.startswith("people/") and p.endswith("index.html"))  # it is in a list


def test_a_changed_title_rewrites_every_list_it_is_in_and_equals_a_clean_build(setup):
    content, _, out, build, clean = setup
    build()
    sidecar = sorted((content / "articles").glob("*.yaml"))[2]
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "\ntitle: عنوان جديد كتبه المحرر\n", encoding="utf-8")
    build()
    assert tree(out) == clean()
    shown = [p for p in ("articles/index.html", "index.html") if "عنوان جديد كتبه المحرر" in (out / p).read_text(encoding="utf-8")]
    assert shown == ["articles/index.html", "index.html"]
    assert any("عنوان جديد كتبه المحرر" in p.read_text(encoding="utf-8") for p in (out / "people").glob("*/index.html"))


def test_added_articles_move_the_list_navigation_windows_and_equal_a_clean_build(setup):
    """One article a list page: 5 pages show every number; 7 pages elide some (listing.page_window).
    A list page is keyed by its window (listing.Listing.nav), so none is left with the old one."""
    content, _, out, build, clean = setup
    build(ARSHIF_ENTITY_PAGE_SIZE=1)
    gap = '<li class="gap" aria-hidden="true">…</li>'
    assert gap not in (out / "articles" / "index.html").read_text(encoding="utf-8")
    model = sorted((content / "articles").glob("*.txt"))[0]
    for n, title in ((1, "مقال أول أضيف للاختبار"), (2, "مقال ثان أضيف للاختبار")):
        body = model.read_text(encoding="utf-8").split("\n", 1)[1]
        (content / "articles" / f"9{n}_added.txt").write_text(f"{title}\n{body}", encoding="utf-8")
        (content / "articles" / f"9{n}_added.yaml").write_text(f"date: 2024-0{n}-15\n", encoding="utf-8")
    build(ARSHIF_ENTITY_PAGE_SIZE=1)
    assert tree(out) == clean(ARSHIF_ENTITY_PAGE_SIZE=1)
    first = (out / "articles" / "index.html").read_text(encoding="utf-8")
    assert 'href="../articles/page/7/"' in first and 'href="../articles/page/5/"' not in first
    assert first.count(gap) == 1 and 'rel="prev"' not in first and 'rel="next" href="../articles/page/2/"' in first
    middle = (out / "articles" / "page" / "4" / "index.html").read_text(encoding="utf-8")   # of 7: no gap
    assert gap not in middle and '<span aria-current="page">4</span>' in middle
    assert 'rel="prev" href="../../../articles/page/3/"' in middle and 'href="../../../articles/page/7/"' in middle


def test_the_offline_variant_rebuilt_after_an_edit_equals_a_clean_build(setup):
    content, _, out, build, clean = setup
    build(OFFLINE=True)
    article = sorted((content / "articles").glob("*.txt"))[1]
    article.write_text(article.read_text(encoding="utf-8") + "\n\nفقرة جديدة.\n", encoding="utf-8")
    build(OFFLINE=True)
    assert tree(out) == clean(OFFLINE=True)


def test_a_people_yaml_change_leaves_nothing_stale(setup):
    content, _, out, build, clean = setup
    build()
    people = content / "data" / "people.yaml"
    text = people.read_text(encoding="utf-8")
    assert "name: سيرغي لافروف" in text
    people.write_text(text.replace("name: سيرغي لافروف", "name: سيرغي فيكتوروفيتش لافروف"), encoding="utf-8")
    build()
    assert tree(out) == clean()
    assert "سيرغي فيكتوروفيتش لافروف" in (out / "people" / "sergey-lavrov" / "index.html").read_text(encoding="utf-8")


def test_a_template_change_rewrites_every_page_it_renders(setup):
    _, theme, out, build, clean = setup
    build()
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- edited -->\n</body>"), encoding="utf-8")
    build()
    assert tree(out) == clean()
    assert "<!-- edited -->" in (out / "people" / "index.html").read_text(encoding="utf-8")


def test_pages_of_a_removed_article_and_stray_files_are_removed(setup):
    content, _, out, build, clean = setup
    build()
    gone = sorted((content / "articles").glob("*.txt"))[0]
    assert (out / "articles" / gone.stem / "original.txt").exists()
    gone.unlink()
    gone.with_suffix(".yaml").unlink()
    # The output folder is the build's, as when Pelican emptied it first: a file put there by
    # hand goes too, except the names in OUTPUT_RETENTION.
    (out / "people" / "by-hand.html").write_text("x", encoding="utf-8")
    build()
    assert not (out / "articles" / gone.stem).exists()
    assert tree(out) == clean()


def test_a_page_changed_by_hand_is_written_again(setup):
    _, _, out, build, _ = setup
    build()
    page = out / "people" / "sergey-lavrov" / "index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace("لافروف".encode(), "X".encode()))
    build()
    assert page.read_bytes() == good


def test_without_a_cache_every_file_is_written_and_the_sweep_still_runs(setup):
    _, _, out, build, clean = setup
    build(cached=False)
    (out / "stale.html").write_text("x", encoding="utf-8")
    build(cached=False)
    assert tree(out) == clean()


def test_events_are_taken_from_the_last_build_when_no_article_changes_what_they_read(setup, monkeypatch):
    """The events stage reads a projection of each article (events/core.py, EventSource): a
    paragraph added at the end changes none, so the rebuild takes the last result, also right
    after a clean build (its previous events are then that build's own); events.yaml counts."""
    import plugins.site as site

    content, _, out, build, clean = setup
    real, log = site.build_events, out.parent / "build_events-calls"

    def counted(*args, **kwargs):   # a file: the stage may run in a forked process (_EventsAhead)
        with open(log, "a") as fh:
            fh.write("1")
        return real(*args, **kwargs)
    monkeypatch.setattr(site, "build_events", counted)
    calls = lambda: len(log.read_text()) if log.exists() else 0
    build()
    append_paragraph(content)
    build()
    assert calls() == 1
    curated = content / "data" / "events.yaml"
    curated.write_text(curated.read_text(encoding="utf-8") + "- id: added-for-the-test\n  title: حدث أضيف للاختبار\n"
                       "  date: 2025-07-31\n", encoding="utf-8")
    build()
    assert calls() == 2
    assert tree(out) == clean()


def test_after_an_edit_only_the_edited_articles_page_key_and_its_entities_pages_are_made(setup, monkeypatch):
    """pages/writer.py _JobMemo: with everything but one record as last build, the other
    articles' page keys are last build's, and the entities that do not quote the edited article
    and the lists made of cards are not even viewed."""
    from plugins.pages.writer import PageWriter

    content, _, out, build, clean = setup
    build()
    keyed, entities = [], []
    real_key, real_entity = PageWriter._article_key, PageWriter._entity
    monkeypatch.setattr(PageWriter, "_article_key",
                        lambda self, save_as, record: keyed.append(record.file) or real_key(self, save_as, record))
    monkeypatch.setattr(PageWriter, "_entity", lambda self, page: entities.append(page) or real_entity(self, page))
    lists = []
    for name in ("article_lists", "sources", "events", "timeline"):
        real = getattr(PageWriter, name)
        monkeypatch.setattr(PageWriter, name, lambda self, name=name, real=real: lists.append(name) or real(self))
    article = append_paragraph(content)
    build()
    assert set(keyed) == {article.name}
    assert entities and all(any(ap.record.file == article.name for ap in page.appearances) for page in entities)
    assert lists == []   # the edit shows in no card: no list is even viewed
    assert tree(out) == clean()


def test_a_renamed_source_rewrites_the_pages_that_show_it(setup):
    """A source's name is on the cards of its articles: the memo of page keys (_JobMemo)
    holds only while the sources are the same."""
    content, _, out, build, clean = setup
    build()
    sources = content / "data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("name: الثورة\n", "name: جريدة الثورة\n"), encoding="utf-8")
    build()
    assert tree(out) == clean()
    assert "جريدة الثورة" in (out / "sources" / "al-thawra" / "index.html").read_text(encoding="utf-8")


def test_events_worked_out_beside_the_pages_equal_a_clean_build_whether_or_not_they_changed(setup, monkeypatch):
    """site._EventsAhead: when the events must be worked out again, the pages and the search
    are written from the last build's while another process works them out; if they come out
    the same (an unrelated article added) the pages are written once, else a second time,
    and either way the output is a clean build's, with no page left from the first writing."""
    from plugins.pages.output import OutputLedger

    import plugins.site as site

    content, _, out, build, clean = setup
    again = []
    real_again = OutputLedger.again
    monkeypatch.setattr(OutputLedger, "again", lambda self: again.append(1) or real_again(self))
    # The process is started before the read (it reads the last projections meanwhile) and
    # sent its work: nothing is worked out in the build's own process.
    sent, here = [], []
    real_send, real_timed = site.ForkedCall.send, site._with_seconds
    monkeypatch.setattr(site.ForkedCall, "send", lambda self, message: sent.append(1) or real_send(self, message))
    monkeypatch.setattr(site, "_with_seconds", lambda function: here.append(1) or real_timed(function))
    build(ARSHIF_WORKERS=2)   # two workers or more: the events are worked out in another process
    (content / "articles" / "90_weather.txt").write_text(
        "أمطار غزيرة على سواحل المغرب\n\nهطلت أمطار غزيرة على مدن الساحل المغربي وحذرت الأرصاد من "
        "السيول في الأودية.\n", encoding="utf-8")
    (content / "articles" / "90_weather.yaml").write_text("date: 2023-11-02\nsource: هسبريس\n", encoding="utf-8")
    build(ARSHIF_WORKERS=2)
    assert again == [] and tree(out) == clean()
    # A curated event dropped, and a warning more in events.yaml: the pages written from the
    # last build's events are written again, that event's page, written by the first writing,
    # is removed, and the report (data/report.json, compared too) holds each warning once, in
    # a clean build's order: the events' new one, then the pages' own (a redirect_from that
    # is a page's address, warned in both writings).
    curated = content / "data" / "events.yaml"
    entries = curated.read_text(encoding="utf-8").split("\n- id: ")
    dropped = entries.pop().split("\n", 1)[0]
    entries[1] += "\n  redirect_from: [" + entries[2].split("\n", 1)[0] + "]"   # another event's address
    assert (out / "events" / dropped / "index.html").is_file()
    curated.write_text("\n- id: ".join(entries) + "\n", encoding="utf-8")
    build(ARSHIF_WORKERS=2)
    assert again == [1] and tree(out) == clean()
    assert not (out / "events" / dropped).exists()
    # Only the events' warnings change (an entry that is not a mapping): written again, each
    # warning once, the events' before the pages'.
    curated.write_text("\n- id: ".join(entries) + "\n- not an entry\n", encoding="utf-8")
    build(ARSHIF_WORKERS=2)
    assert again == [1, 1] and tree(out) == clean()
    warnings = json.loads((out / "data" / "report.json").read_text(encoding="utf-8"))["warnings"]
    mapping = [w for w in warnings if "not a mapping" in w]
    redirect = [w for w in warnings if "redirect_from" in w]
    assert len(mapping) == 1 and len(redirect) == 1
    assert warnings.index(mapping[0]) < warnings.index(redirect[0])
    assert len(sent) == 3 and here == []
