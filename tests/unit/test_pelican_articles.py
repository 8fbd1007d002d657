"""Pelican's own article generator reads nothing in an Arshif build (its readers are switched
off in pelicanconf.py: the read stage reads the inputs), so it is not left to walk them."""

from pathlib import Path

from pelican.readers import Readers
from pelican.settings import read_settings

from plugins.site import _no_pelican_articles

ROOT = Path(__file__).resolve().parents[2]


class _Generator:
    def __init__(self, settings):
        self.readers = Readers(settings)
        self.walked = 0

    def get_files(self, *args, **kwargs):
        self.walked += 1
        return {"articles/00001.md"}


def test_the_article_generator_walks_no_input_when_no_reader_can_read_one():
    generator = _Generator(read_settings(str(ROOT / "pelicanconf.py")))
    _no_pelican_articles(generator)
    assert generator.get_files(["articles"]) == set() and generator.walked == 0


def test_it_still_walks_them_when_a_reader_is_switched_on():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    settings["READERS"] = {}   # Pelican's defaults: Markdown, reST, HTML
    generator = _Generator(settings)
    _no_pelican_articles(generator)
    assert generator.get_files(["articles"]) == {"articles/00001.md"} and generator.walked == 1
