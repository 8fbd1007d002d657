"""Fixtures for the unit tests."""

import pytest

from plugins.clean.core import load_rules


@pytest.fixture(scope="module")
def rules():
    """The cleaning stage's built-in rules (no site-specific boilerplate.yaml)."""
    return load_rules(None)
