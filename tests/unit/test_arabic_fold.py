"""The offset-keeping fold of plugins.arabic.text: its one-byte fast path against the plain one."""


def test_the_one_byte_fold_is_the_plain_fold_for_every_text():
    # _keep_offsets folds a text of the Arabic Windows code page with one byte table: pinned
    # against the plain fold on every character of the code page, and on mixed texts (some
    # outside it, which take the plain path).
    import random
    from plugins.arabic.text import _ONE_BYTE_FOLD, _keep_offsets, _keep_offsets_plain
    assert _ONE_BYTE_FOLD is not None  # else the fast path is never taken (nor tested)
    page = [bytes([b]).decode("cp1256", "ignore") for b in range(256)]
    page = [c for c in page if c]
    for char in page:
        assert _keep_offsets(char) == _keep_offsets_plain(char), hex(ord(char))
    extra = ["٣", "۴", "ی", "ک", "\u06d6", "😀", "\u200d", "É"]
    rng = random.Random(7)
    for n in range(300):
        chars = page + (extra if n % 2 else [])
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(0, 60)))
        assert _keep_offsets(text) == _keep_offsets_plain(text)
        assert len(_keep_offsets(text)) == len(text)
    assert _keep_offsets("أَحْمَد ABC ـ ٢٠") == _keep_offsets_plain("أَحْمَد ABC ـ ٢٠")


def test_the_one_byte_normalize_is_the_plain_normalize_for_every_text():
    # normalize (diacritics and tatweel dropped, letters folded, lower case) through one byte
    # table and a delete set: pinned against the plain one as the fold above.
    import random
    from plugins.arabic.text import _ONE_BYTE_NORMALIZE, _normalize_plain, normalize
    assert _ONE_BYTE_NORMALIZE is not None
    page = [bytes([b]).decode("cp1256", "ignore") for b in range(256)]
    page = [c for c in page if c]
    for char in page:
        assert normalize(char) == _normalize_plain(char), hex(ord(char))
    extra = ["٣", "۴", "ی", "ک", "\u06d6", "😀", "\u200d", "É", "İ", "Σ"]
    rng = random.Random(11)
    for n in range(300):
        chars = page + (extra if n % 2 else [])
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(0, 60)))
        assert normalize(text) == _normalize_plain(text)
    assert normalize("إِنَّ ـ الأمـم ABC Œ") == _normalize_plain("إِنَّ ـ الأمـم ABC Œ") == "ان  الامم abc œ"
