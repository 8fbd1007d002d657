"""Settings for publishing on a web host: the same site; set SITEURL for absolute feed links."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = ""  # e.g. "https://archive.example.org"; links stay relative either way
