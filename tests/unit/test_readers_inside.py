"""``readers.core.inside`` answers without resolving links when the path is plainly under the
root; it must give what resolving both gives, whatever links stand where."""

import os

import pytest

from plugins.readers.core import _plainly_under, inside


def _resolved(path, root) -> bool:
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


@pytest.fixture
def tree(tmp_path):
    """root/ with a file, a folder, links inside and out, and a link to root itself."""
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("a")
    (root / "sub" / "b.txt").write_text("b")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s")
    (root / "out.txt").symlink_to(outside / "secret.txt")
    (root / "in.txt").symlink_to(root / "a.txt")
    (root / "outdir").symlink_to(outside)
    (root / "subdir").symlink_to(root / "sub")
    (tmp_path / "alias").symlink_to(root)
    return tmp_path


CASES = [
    ("root/a.txt", "root"), ("root/sub/b.txt", "root"), ("root/out.txt", "root"), ("root/in.txt", "root"),
    ("root/outdir/secret.txt", "root"), ("root/subdir/b.txt", "root"), ("root/missing.txt", "root"),
    ("root/../outside/secret.txt", "root"), ("root/./a.txt", "root"), ("root//a.txt", "root"),
    ("alias/a.txt", "root"), ("root/a.txt", "alias"), ("alias/out.txt", "alias"), ("alias/a.txt", "alias"),
    ("root", "root"), ("root/", "root"), ("outside/secret.txt", "root"), ("rootx/a.txt", "root"),
    ("root/a.txt", "root/"), ("root/sub/b.txt", "root/sub"), ("root/subdir/b.txt", "root/sub"),
]


@pytest.mark.parametrize("path, root", CASES)
def test_inside_is_what_resolving_both_paths_says(tree, path, root):
    p, r = f"{tree}/{path}", f"{tree}/{root}"
    assert inside(p, r) == _resolved(p, r)


def test_the_shortcut_answers_only_for_plain_names_without_links(tree):
    assert _plainly_under(f"{tree}/root/sub/b.txt", f"{tree}/root")
    assert _plainly_under(f"{tree}/alias/a.txt", f"{tree}/alias")  # a link in the root itself is fine
    for path in ("root/out.txt", "root/subdir/b.txt", "root/missing.txt", "root/../outside/secret.txt",
                 "root/./a.txt", "root//a.txt", "root"):
        assert not _plainly_under(f"{tree}/{path}", f"{tree}/root"), path
    assert not _plainly_under("root/a.txt", "root")  # relative: left to realpath


@pytest.mark.parametrize("path, root", CASES)
def test_read_bytes_reads_what_is_inside_and_refuses_what_is_not(tree, path, root):
    # read_bytes reuses the shortcut's stat of the file: same answers as inside() + a plain read.
    from plugins.readers.core import InputError, read_bytes
    p, r = f"{tree}/{path}", f"{tree}/{root}"
    if not inside(p, r) or not os.path.isfile(p):
        with pytest.raises(InputError):
            read_bytes(p, "x", r)
    else:
        with open(p, "rb") as fh:
            assert read_bytes(p, "x", r) == fh.read()


@pytest.mark.parametrize("length", [0, 1, 5000, 70_000, 200_000])
@pytest.mark.parametrize("stale", [None, 0, -1, 1, 3])
def test_read_all_gives_the_whole_file_whatever_size_the_stat_said(tmp_path, length, stale):
    # The size comes from a stat taken before the read; the file may have changed since.
    from plugins.readers.core import _read_all
    path = tmp_path / "f.bin"
    data = bytes(range(256)) * (length // 256) + bytes(length % 256)
    path.write_bytes(data)
    said = length if stale is None else max(0, length + stale if stale else 0)
    assert _read_all(str(path), said) == data
