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
ARSHIF_DATA_PATH = None          # None: <PATH>/data
ARSHIF_EVENT_MIN_ARTICLES = 2    # articles that must share a dated mention for an automatic event
ARSHIF_ENTITY_PAGE_SIZE = 50    # articles per page on a person/place/organisation page
ARSHIF_SEARCH = True             # build the Pagefind index
ARSHIF_STRICT = False            # True: any skipped input or warning fails the build (exit 1)
ARSHIF_DIGITS = "western"        # or "arabic-indic": how the site writes numbers and dates
OFFLINE = False                  # True in the offline (zip) variant: links name index.html

THEME = str(ROOT / "theme")
THEME_STATIC_DIR = "theme"
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

PLUGINS = [
    "plugins.report",
    "plugins.readers",
    "plugins.clean",
    "plugins.dates",
    "plugins.entities",
    "plugins.events",
    "plugins.pages",
    "plugins.search",
]

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
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
