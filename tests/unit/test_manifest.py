"""Collection manifests (manifest.jsonl, metadata.csv): one row of given metadata per file."""

import json
import time

import pytest

from plugins.readers.manifest import (CANONICAL, LIST_COLUMNS, MAX_CELL_CHARS, MAX_WARNINGS_PER_KIND,
                                      TEXT_COLUMNS, read_manifests)
from plugins.readers.sidecar import KNOWN_KEYS


def jsonl(folder, *rows, raw_lines=()):
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + list(raw_lines)
    (folder / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def csv_file(folder, text, name="metadata.csv", encoding="utf-8"):
    (folder / name).write_text(text, encoding=encoding)
    return folder


def test_every_mapped_column_is_a_sidecar_key():
    assert set(TEXT_COLUMNS.values()) | set(LIST_COLUMNS.values()) <= KNOWN_KEYS
    assert CANONICAL <= KNOWN_KEYS


def test_jsonl_row_maps_scraper_columns_to_sidecar_keys(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "date": "2025-07-31", "url": "https://example.org/a",
                     "publisher": "الثورة", "category": "سياسة", "title": "عنوان"})
    assert read_manifests(tmp_path).row_for("a.txt") == {
        "date": "2025-07-31", "source_url": "https://example.org/a", "source": "الثورة",
        "section": "سياسة", "title": "عنوان"}


def test_unmapped_columns_are_kept_as_extra_values_as_given(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "source_repo": "x/y", "rank": 3, "tags_en": ["a", "b"]})
    assert read_manifests(tmp_path).row_for("a.txt") == {
        "extra:source_repo": "x/y", "extra:rank": 3, "extra:tags_en": ["a", "b"]}


def test_canonical_column_wins_over_its_alias_which_stays_extra(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "url": "https://old.example/a", "source_url": "https://new.example/a"})
    row = read_manifests(tmp_path).row_for("a.txt")
    assert row["source_url"] == "https://new.example/a"
    assert row["extra:url"] == "https://old.example/a"


def test_empty_and_null_cells_are_absent_so_detection_fills_them(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "category": None, "title": "  ", "date": ""})
    assert read_manifests(tmp_path).row_for("a.txt") == {}


@pytest.mark.parametrize("raw, iso", [
    ("2018-04-10T23:40:03+03:00", "2018-04-10T23:40"),   # not 20:40 UTC
    ("2018-04-10T01:15:00-05:00", "2018-04-10T01:15"),   # not the 10th at 06:15 UTC
    ("2018-04-10T00:30:00+03:00", "2018-04-10T00:30"),   # not the 9th in UTC
    ("2015-07-27T17:10:42", "2015-07-27T17:10"),
    ("2025-07-31 09:05", "2025-07-31T09:05"),
    ("2025-07-31", "2025-07-31"),
    ("2025-07", "2025-07"),
    ("2025", "2025"),
    (2025, "2025"),
])
def test_dates_keep_the_calendar_day_of_the_offset_given_at_their_precision(tmp_path, raw, iso):
    jsonl(tmp_path, {"file": "a.txt", "date": raw})
    assert read_manifests(tmp_path).row_for("a.txt")["date"] == iso


def test_bad_date_is_a_warning_naming_manifest_and_line_and_is_dropped(tmp_path):
    jsonl(tmp_path, {"file": "a.txt"}, {"file": "b.txt", "date": "2025-02-30", "title": "t"})
    manifest = read_manifests(tmp_path)
    assert manifest.row_for("b.txt") == {"title": "t"}
    assert len(manifest.warnings) == 1 and manifest.warnings[0].startswith("manifest.jsonl line 2: date")


def test_jsonl_lists_are_arrays_and_strings_split_on_semicolons(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "people": ["sergey-lavrov", " bashar-al-assad ", ""],
                     "places": "damascus; moscow؛ aleppo"})
    row = read_manifests(tmp_path).row_for("a.txt")
    assert row["people"] == ["sergey-lavrov", "bashar-al-assad"]
    assert row["places"] == ["damascus", "moscow", "aleppo"]


def test_csv_collectionbuilder_style_with_quoted_commas_and_semicolon_lists(tmp_path):
    csv_file(tmp_path, "filename,Title,Date,Source URL,people,location\n"
                       'b.txt,"عنوان، مع فاصلة, and comma",2024-05,https://example.org/b,a-b;c-d,دمشق\n')
    assert read_manifests(tmp_path).row_for("b.txt") == {
        "title": "عنوان، مع فاصلة, and comma", "date": "2024-05", "source_url": "https://example.org/b",
        "people": ["a-b", "c-d"], "extra:location": "دمشق"}


def test_csv_saved_by_excel_with_bom_and_semicolon_delimiter(tmp_path):
    csv_file(tmp_path, "file;title;date\r\na.txt;عنوان;2025-01-02\r\n", encoding="utf-8-sig")
    assert read_manifests(tmp_path).row_for("a.txt") == {"title": "عنوان", "date": "2025-01-02"}


def test_csv_sep_line_names_the_delimiter(tmp_path):
    csv_file(tmp_path, "sep=\t\nfile\ttitle\na.txt\tعنوان\n")
    manifest = read_manifests(tmp_path)
    assert manifest.row_for("a.txt") == {"title": "عنوان"} and manifest.warnings == []


def test_csv_in_windows_1256_is_read(tmp_path):
    csv_file(tmp_path, "file,title,source\na.txt,الحكومة السورية تعلن,صحيفة الثورة\n", encoding="cp1256")
    assert read_manifests(tmp_path).row_for("a.txt")["source"] == "صحيفة الثورة"


def test_csv_without_file_column_is_one_warning(tmp_path):
    csv_file(tmp_path, "name,title\na.txt,x\n")
    manifest = read_manifests(tmp_path)
    assert len(manifest) == 0 and len(manifest.warnings) == 1
    assert manifest.warnings[0].startswith("metadata.csv line 1: no 'file' column")


def test_csv_warning_lines_count_line_breaks_inside_quoted_cells(tmp_path):
    csv_file(tmp_path, 'file,lead,date\na.txt,"first\nsecond",2025\nb.txt,x,never\n')
    manifest = read_manifests(tmp_path)
    assert manifest.row_for("a.txt")["lead"] == "first\nsecond"
    assert manifest.warnings[0].startswith("metadata.csv line 4: date")


def test_unclosed_quote_is_named(tmp_path):
    rows = "".join(f"f{i}.txt,t\n" for i in range(MAX_WARNINGS_PER_KIND + 10))
    csv_file(tmp_path, 'file,title\na.txt,"never closed\n' + rows)
    assert any("quote" in w and w.startswith("metadata.csv line 2") for w in read_manifests(tmp_path).warnings)


def test_row_without_file_is_a_warning(tmp_path):
    jsonl(tmp_path, {"title": "orphan"}, {"file": "", "title": "x"})
    manifest = read_manifests(tmp_path)
    assert [w.split(":")[0] for w in manifest.warnings] == ["manifest.jsonl line 1", "manifest.jsonl line 2"]
    assert all("no 'file' value" in w for w in manifest.warnings)


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.txt", "a/../../b.txt", "C:\\x\\a.txt", 7])
def test_file_outside_the_folder_is_refused(tmp_path, path):
    jsonl(tmp_path, {"file": path, "title": "x"})
    manifest = read_manifests(tmp_path)
    assert len(manifest) == 0 and len(manifest.warnings) == 1


def test_file_paths_are_posix_and_nfc(tmp_path):
    decomposed = "sub\\ا\u0653.txt"  # alef + combining madda, Windows separator
    jsonl(tmp_path, {"file": "./" + decomposed, "title": "x"})
    assert read_manifests(tmp_path).row_for("sub/\u0622.txt") == {"title": "x"}


def test_duplicate_row_warns_and_the_first_is_used(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "title": "first"}, {"file": "a.txt", "title": "second"})
    manifest = read_manifests(tmp_path)
    assert manifest.row_for("a.txt") == {"title": "first"}
    assert manifest.warnings == [manifest.warnings[0]] and "line 2: a second row for a.txt (the first is " \
        "manifest.jsonl line 1" in manifest.warnings[0]


def test_jsonl_is_read_before_csv_and_a_file_in_both_is_a_duplicate(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "title": "from jsonl"})
    csv_file(tmp_path, "file,title\na.txt,from csv\nb.txt,only csv\n")
    manifest = read_manifests(tmp_path)
    assert manifest.read == ["manifest.jsonl", "metadata.csv"]
    assert manifest.row_for("a.txt")["title"] == "from jsonl" and manifest.row_for("b.txt")["title"] == "only csv"
    assert len(manifest.warnings) == 1 and manifest.warnings[0].startswith("metadata.csv line 2: a second row")


def test_malformed_lines_are_warnings_and_the_rest_is_read(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "title": "ok"}, raw_lines=["{not json", "[1, 2]", '"text"', "[" * 100_000])
    manifest = read_manifests(tmp_path)
    assert manifest.row_for("a.txt") == {"title": "ok"}
    assert [w.split(":")[0] for w in manifest.warnings] == [f"manifest.jsonl line {n}" for n in (2, 3, 4, 5)]


def test_wrong_types_are_warnings_not_values(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "title": {"ar": "x"}, "source": True, "people": [{"id": 1}, "ok"],
                     "section": 12})
    manifest = read_manifests(tmp_path)
    assert manifest.row_for("a.txt") == {"people": ["ok"], "section": "12"}
    assert len(manifest.warnings) == 3


def test_non_http_source_url_is_refused(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "url": "javascript:alert(1)"})
    manifest = read_manifests(tmp_path)
    assert manifest.row_for("a.txt") == {} and "http(s)" in manifest.warnings[0]


def test_huge_cell_is_ignored_with_a_warning(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "title": "x" * (MAX_CELL_CHARS + 1), "lead": "kept"})
    manifest = read_manifests(tmp_path)
    assert manifest.row_for("a.txt") == {"lead": "kept"} and "characters long" in manifest.warnings[0]


def test_invisible_and_bidi_characters_are_removed_from_values(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "title": "\u202eعنوان\u200f\u00a0 جديد\u0000", "source": "x\ny"})
    row = read_manifests(tmp_path).row_for("a.txt")
    assert row == {"title": "عنوان جديد", "source": "x y"}


def test_lone_surrogates_from_json_escapes_become_writable(tmp_path):
    (tmp_path / "manifest.jsonl").write_text('{"file": "a.txt", "title": "x\\ud800y", "k": ["\\udfff"]}\n')
    row = read_manifests(tmp_path).row_for("a.txt")
    json.dumps(row, ensure_ascii=False).encode("utf-8")  # would raise on a lone surrogate
    assert row["title"] == "x?y"


def test_binary_manifest_is_one_warning(tmp_path):
    (tmp_path / "manifest.jsonl").write_bytes(bytes(range(256)) * 40)
    manifest = read_manifests(tmp_path)
    assert len(manifest) == 0 and len(manifest.warnings) == 1 and "manifest.jsonl" in manifest.warnings[0]


def test_manifest_names_in_any_letter_case(tmp_path):
    csv_file(tmp_path, "file,title\na.txt,x\n", name="Metadata.CSV")
    assert read_manifests(tmp_path).row_for("a.txt") == {"title": "x"}


def test_no_manifest_is_an_empty_manifest_without_coverage_warnings(tmp_path):
    manifest = read_manifests(tmp_path)
    assert not manifest and manifest.row_for("a.txt") is None and manifest.check_coverage(["a.txt"]) == []


def test_coverage_names_files_in_no_row_and_rows_for_no_file(tmp_path):
    jsonl(tmp_path, {"file": "a.txt"}, {"file": "gone.txt"})
    coverage = read_manifests(tmp_path).check_coverage(["a.txt", "new.txt"])
    assert len(coverage) == 2
    assert coverage[0].startswith("new.txt: in no row of manifest.jsonl")
    assert coverage[1].startswith("manifest.jsonl line 2: names gone.txt")


def test_coverage_warnings_are_capped_with_a_count(tmp_path):
    jsonl(tmp_path, {"file": "a.txt"})
    files = ["a.txt"] + [f"{i:03d}.txt" for i in range(MAX_WARNINGS_PER_KIND + 7)]
    coverage = read_manifests(tmp_path).check_coverage(files)
    assert len(coverage) == MAX_WARNINGS_PER_KIND + 1 and "7 more article files" in coverage[-1]


def test_repeated_warnings_of_one_kind_are_summed_up(tmp_path):
    jsonl(tmp_path, *[{"file": f"{i}.txt", "date": "soon"} for i in range(MAX_WARNINGS_PER_KIND + 5)])
    warnings = read_manifests(tmp_path).warnings
    assert len(warnings) == MAX_WARNINGS_PER_KIND + 1 and "5 more warnings" in warnings[-1]


def test_slugs_for_the_input_plan(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "slug": "my-id"}, {"file": "b.txt", "objectid": "obj-2"}, {"file": "c.txt"})
    assert read_manifests(tmp_path).slugs() == {"a.txt": "my-id", "b.txt": "obj-2"}


def test_row_for_returns_a_copy(tmp_path):
    jsonl(tmp_path, {"file": "a.txt", "people": ["x"]})
    manifest = read_manifests(tmp_path)
    manifest.row_for("a.txt")["people"].append("y")
    assert manifest.row_for("a.txt") == {"people": ["x"]}


def test_reading_scales_linearly_with_rows(tmp_path):
    """4,000 rows cost about ten times 400 (no quadratic step); a ratio, not a timing."""
    def cost(n):
        folder = tmp_path / str(n)
        folder.mkdir()
        jsonl(folder, *[{"file": f"{i:05d}.txt", "date": "2018-04-10T12:40:03+00:00", "publisher": "BBC Arabic",
                         "url": f"http://example.org/{i}", "title": f"عنوان رقم {i}", "category": "middleEast",
                         "source_repo": "x/y"} for i in range(n)])
        best = float("inf")
        for _ in range(5):  # CPU time of this process, best of five: other work on the machine counts little
            t = time.process_time()
            assert len(read_manifests(folder)) == n
            best = min(best, time.process_time() - t)
        return best

    assert cost(4_000) / cost(400) < 20


def test_a_cached_read_is_the_read_and_follows_every_change(tmp_path, monkeypatch):
    """read_manifests(folder, cache): the same Manifest as a plain read, parsed again only when
    a manifest file (or the set of them) changes; a damaged memo is read again."""
    import plugins.readers.manifest as module

    articles, cache = tmp_path / "articles", tmp_path / "cache"
    articles.mkdir()
    jsonl(articles, {"file": "a.txt", "date": "2025-07-31"}, {"file": "b.txt", "date": "bad"},
          raw_lines=["not json"])
    parsed = []
    real = module._read_manifests
    monkeypatch.setattr(module, "_read_manifests", lambda folder, *reuse: parsed.append(folder) or real(folder, *reuse))

    def same(a, b):
        return (a.rows, a.lines, a.warnings, a.read) == (b.rows, b.lines, b.warnings, b.read)
    assert same(read_manifests(articles, cache), real(articles)) and len(parsed) == 1
    assert same(read_manifests(articles, cache), real(articles)) and len(parsed) == 1   # kept
    csv_file(articles, "file,title\nc.txt,عنوان\n")
    assert same(read_manifests(articles, cache), real(articles)) and len(parsed) == 2   # a file added
    assert read_manifests(articles, cache).row_for("c.txt") == {"title": "عنوان"}
    jsonl(articles, {"file": "a.txt", "date": "2025-08-01"})
    assert read_manifests(articles, cache).row_for("a.txt") == {"date": "2025-08-01"}  # a file changed
    (articles / "metadata.csv").unlink()
    assert same(read_manifests(articles, cache), real(articles))
    (cache / "manifests.pickle").write_bytes(b"damaged")
    assert same(read_manifests(articles, cache), real(articles))


def test_a_changed_manifest_parses_only_its_changed_lines_and_reads_as_a_fresh_read(tmp_path, monkeypatch):
    """A title corrected in a 20,000-line manifest: the other lines' rows come from the last
    read (by a hash of each line), the result is a plain read's, and lines that warned are
    read again, so they warn again, with their new line numbers."""
    import plugins.readers.manifest as module

    articles, cache = tmp_path / "articles", tmp_path / "cache"
    articles.mkdir()
    rows = [{"file": f"{n}.txt", "title": f"عنوان {n}", "date": "2025-07-31"} for n in range(6)]
    bad = {"file": "bad.txt", "date": "not a date"}
    jsonl(articles, *rows, bad, raw_lines=["not json"])
    read_manifests(articles, cache)
    parsed = []
    real_loads = module.json.loads
    monkeypatch.setattr(module.json, "loads", lambda text, **kw: parsed.append(text) or real_loads(text, **kw))
    rows[2]["title"] = "عنوان مصحح"
    jsonl(articles, {"file": "new.txt", "title": "جديد"}, *rows, bad, raw_lines=["not json"])
    cached = read_manifests(articles, cache)
    # parsed: the new row, the corrected one and the two lines that warned
    assert sorted(parsed) == sorted([json.dumps(r, ensure_ascii=False) for r in ({"file": "new.txt", "title": "جديد"},
                                                                                 rows[2], bad)] + ["not json"])
    fresh = module._read_manifests(articles)
    assert (cached.rows, cached.lines, cached.warnings) == (fresh.rows, fresh.lines, fresh.warnings)
    assert cached.row_for("2.txt")["title"] == "عنوان مصحح" and cached.lines["5.txt"] == "manifest.jsonl line 7"
    assert any("line 8" in w for w in cached.warnings) and any("line 9" in w for w in cached.warnings)


def test_file_keys_of_plain_names_are_those_the_rules_give():
    """file_key's fast path for names already plain gives what its rules give."""
    from hypothesis import given, settings, strategies as st

    from plugins.readers.manifest import _key_by_the_rules as _file_key_by_the_rules, file_key

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet="ab9._-/\\: \x00~\u0301\u00e9ا", max_size=10))
    def check(value):
        assert file_key(value) == _file_key_by_the_rules(value)
    check()
    for value in ("00001.txt", "sub/00002.txt", "./a.txt", "a/./b", "a/../b", "..", "a//b", "a/", "C:/x", " a"):
        assert file_key(value) == _file_key_by_the_rules(value)
