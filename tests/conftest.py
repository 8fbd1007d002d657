"""Shared fixtures: the sample archive built once per test session, served on loopback."""

from __future__ import annotations

import functools
import http.server
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every build in the tests has the same date (citations say when the page was read), and
# no test reads or fills the project's own record cache.
os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
SHARED = ROOT.parent / "shared"
SPEC = SHARED / "spec"
CORPUS = SHARED / "corpus"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def run_pelican(content: Path, output: Path, *extra: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """``python -m pelican`` with the project's settings, as a user runs it (own process, own
    logging), output captured."""
    extra = list(extra)
    # Pelican keeps only the last -e list: the cache setting joins the caller's, or stands alone.
    if "-e" in extra:
        extra.insert(extra.index("-e") + 1, "ARSHIF_CACHE_PATH=null")
    else:
        extra += ["-e", "ARSHIF_CACHE_PATH=null"]
    return subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"),
                           "-o", str(output), *extra], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def build_site(content: Path, output: Path, **overrides) -> Path:
    """Build ``content`` into ``output`` with the project's settings, in this process."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(output), "ARSHIF_CACHE_PATH": None, **overrides})
    Pelican(settings).run()
    logging.getLogger().handlers.clear()
    return output


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The sample archive (content/) built into a temporary folder."""
    return build_site(ROOT / "content", tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def export(site) -> dict:
    return {name: json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
            for name in ("articles", "people", "places", "organisations", "events")}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served(site):
    """The built site over http on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="ar")
    pg = context.new_page()
    yield pg
    context.close()


def copy_content(tmp: Path) -> Path:
    """A writable copy of the sample content (articles + data) for tests that add files."""
    target = tmp / "content"
    shutil.copytree(ROOT / "content", target)
    return target
