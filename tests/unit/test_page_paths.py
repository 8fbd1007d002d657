"""The writer gives each page the SITEURL Pelican's writer would give it (RELATIVE_URLS)."""

from hypothesis import given, settings, strategies as st
from pelican.utils import get_relative_path, path_to_url

from plugins.pages.writer import relative_root

_part = st.sampled_from(["articles", "00012", "page", "2", "index.html", "feed.xml", "", ".", "سوريا"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_part, min_size=1, max_size=6), st.booleans())
def test_the_root_seen_from_a_page_is_pelicans(parts, leading_slash):
    save_as = ("/" if leading_slash else "") + "/".join(parts)
    assert relative_root(save_as) == path_to_url(get_relative_path(save_as))


def test_pages_of_the_site():
    assert relative_root("index.html") == "."
    assert relative_root("articles/00012/index.html") == "../.."
    assert relative_root("articles/page/2/index.html") == "../../.."
