"""pages/jsontext.py writes what json.dumps(..., ensure_ascii=False, indent=1) writes."""

import json
import math

import pytest
from hypothesis import given, settings, strategies as st

from plugins.pages.jsontext import dumps_indented

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                     st.text())
_keys = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                                                         st.dictionaries(_keys, inner, max_size=4)), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(_values)
def test_any_json_value_is_written_as_json_writes_it(value):
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=1)


@settings(max_examples=100, deadline=None)
@given(_values)
def test_a_value_one_level_deep_is_json_text_with_each_line_indented(value):
    expected = json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")
    assert dumps_indented(value, level=1) == expected


def test_subclasses_and_special_numbers_follow_json():
    class Name(str):
        pass

    class Count(int):
        def __repr__(self):
            return "Count!"

    value = {"a": Name("سوريا\n\"x\""), 2: Count(3), 1.5: [math.nan, -math.inf, True], None: (), "e": {}}
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_what_json_cannot_write_fails_as_json_fails():
    with pytest.raises(TypeError):
        dumps_indented({"when": object()})
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): "tuple key"})
