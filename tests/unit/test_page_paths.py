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


# The links every page prints: the ``href`` global (a function, for speed) prints what the
# macro it replaced printed, hosted and offline, whatever the SITEURL and path.
_MACRO = ("{% macro href(url) -%}{{ SITEURL }}/{{ url }}{% if OFFLINE and (url == '' or url.endswith('/')) %}"
          "index.html{% endif %}{%- endmacro %}{{ href(url) }}|{{ href2(url) }}")
_url = st.sampled_from(["", "search/", "articles/00012/", "people/x/feed.xml", "events/2018-06-12-ab12cd/",
                        "a<b>/", "\u202esearch/", "سوريا/"])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([".", "..", "../..", "https://example.org/archive", "a&b"]), _url, st.booleans())
def test_the_href_global_prints_what_the_macro_printed(site_url, url, offline):
    from jinja2 import Environment
    from plugins.pages.safety import visible
    from plugins.site import _href

    env = Environment(autoescape=True, finalize=visible)
    env.globals["href2"] = _href
    macro, function = env.from_string(_MACRO).render(SITEURL=site_url, OFFLINE=offline, url=url).split("|")
    assert function == macro
    assert function.endswith("index.html") == (offline and url.endswith("/") or offline and url == "")
