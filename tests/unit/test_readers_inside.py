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
