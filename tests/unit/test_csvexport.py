"""CSV twins of the JSON downloads: spreadsheet-safe, Excel-readable, deterministic."""

import csv
import io

import pytest

from plugins.pages.csvexport import EXPORT_COLUMNS, cell, csv_bytes, csv_for, csv_name, csv_text, write_csv


def read_back(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_file_starts_with_a_utf8_bom_for_excel():
    data = csv_bytes([{"title": "عنوان"}])
    assert data.startswith(b"\xef\xbb\xbf") and "عنوان".encode("utf-8") in data


def test_rows_read_back_with_lists_joined_by_semicolons():
    rows = [{"id": "a1", "title": "عنوان, مع فاصلة", "people": ["sergey-lavrov", "bashar-al-assad"], "date": None}]
    assert read_back(csv_bytes(rows)) == [["id", "title", "people", "date"],
                                          ["a1", "عنوان, مع فاصلة", "sergey-lavrov;bashar-al-assad", ""]]


def test_multiline_text_is_quoted_and_lines_end_with_crlf():
    text = csv_text([{"text": "فقرة أولى\n\nفقرة ثانية"}])
    assert text == 'text\r\n"فقرة أولى\n\nفقرة ثانية"\r\n'


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_get_an_apostrophe(value):
    assert cell(value) == "'" + value


def test_formula_inside_a_joined_list_is_neutralised_too():
    assert cell(["=cmd", "b"]) == "'=cmd;b"


def test_ordinary_text_and_numbers_are_unchanged():
    assert [cell("2025-07-31"), cell(-5), cell(2.5), cell(True), cell("سوريا")] == ["2025-07-31", "-5", "2.5",
                                                                                     "true", "سوريا"]


def test_lists_of_objects_and_items_with_semicolons_become_json():
    assert cell([{"text": "أمس", "value": "2025-07-30"}]) == '[{"text": "أمس", "value": "2025-07-30"}]'
    assert cell(["a;b", "c"]) == '["a;b", "c"]'


def test_dict_values_become_one_column_per_key():
    rows = [{"id": "a", "extra": {"source_repo": "x/y", "rank": 3}}, {"id": "b", "extra": {"country": "لبنان"}}]
    assert read_back(csv_bytes(rows)) == [["id", "extra.source_repo", "extra.rank", "extra.country"],
                                          ["a", "x/y", "3", ""], ["b", "", "", "لبنان"]]


def test_given_columns_come_first_and_an_empty_export_keeps_its_header():
    assert read_back(csv_for("people.json", [])) == [list(EXPORT_COLUMNS["people.json"])]


def test_same_rows_give_the_same_bytes():
    rows = [{"id": str(i), "people": ["x", "y"], "extra": {"k": i}} for i in range(50)]
    assert csv_bytes(rows) == csv_bytes([dict(r) for r in rows])


def test_documents_that_are_not_tables_get_no_csv():
    assert csv_for("report.json", {"counts": {}}) is None and csv_for("x.json", [1, 2]) is None


def test_csv_name_and_write(tmp_path):
    target = tmp_path / csv_name("articles.json")
    write_csv(target, [{"id": "a"}])
    assert target.name == "articles.csv" and read_back(target.read_bytes()) == [["id"], ["a"]]


def test_lone_surrogate_never_raises():
    assert csv_bytes([{"t": "x\ud800"}]).endswith(b"x?\r\n")
