"""Shared by the cleaning tests: text in, cleaned article out."""

from plugins.clean.core import clean_article


def clean(text, rules, **kw):
    """Clean ``text`` as a .txt input (one raw block per line)."""
    raw = [{"text": t, "kind": "line", "line": n} for n, t in enumerate(text.split("\n"), 1)]
    return clean_article(raw, rules, **kw)
