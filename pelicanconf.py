"""Arshif's Pelican settings for the sample archive (and the defaults for any archive).

Every ARSHIF_* setting is documented in README.md ("Settings")."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # the pipeline is the ``plugins`` package beside this file
    sys.path.insert(0, str(ROOT))

SITENAME = "أرشيف"
SITE_DESCRIPTION = "أرشيف مفتوح للأخبار العربية: مقالات منظّفة، وأشخاص وأماكن وأحداث، وبحث يفهم العربية."
SITEURL = ""
AUTHOR = "Arshif"
DEFAULT_LANG = "ar"
TIMEZONE = "UTC"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = []
STATIC_PATHS = []
IGNORE_FILES = [".*", "**/.*"]   # hidden files are never read; the build report lists them
# Every ARSHIF_* setting, with its default and meaning, is declared once in plugins/settings.py
# (README "Settings" lists them); override any of them below this line.
from plugins.settings import DEFAULTS  # noqa: E402

globals().update(DEFAULTS)

THEME = str(ROOT / "theme")
THEME_STATIC_DIR = "theme"
from plugins.pages.safety import visible  # noqa: E402

# finalize: no printed text carries bidi overrides or invisible marks (plugins/pages/safety.py).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "finalize": visible}

# One plugin: the build as a table of contents (read -> clean -> dates -> entities -> events
# -> pages -> search -> report); see plugins/site.py.
# Imported here, not named: Pelican logs a plugin that fails to import and builds an empty
# site with exit 0; an import error must stop the build instead.
from plugins import site as arshif_site  # noqa: E402

PLUGINS = [arshif_site]
# Arshif reads every article input itself (any letter case, sidecars, manifests); Pelican's
# own readers would read .md/.html/.rst files a second time, so they are all switched off.
READERS = {ext: None for ext in ("md", "markdown", "mkd", "mdown", "html", "htm", "rst", "txt")}

# Stable, id-based, directory-style URLs.
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ""
RELATIVE_URLS = True
# Pelican's own listings are replaced by Arshif's pages.
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TAG_FEED_ATOM = None
DEFAULT_PAGINATION = False
# Not emptied first: unchanged pages are kept, and files no stage produced are removed at the
# end of the build (plugins/pages/output.py), the same rule as emptying it first.
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
