"""Events: curated ones from events.yaml, plus automatic ones from dated mentions.

An article belongs to an event when
  * it mentions the event's day (or range) in its text and, for a curated event with
    ``match`` rules, also satisfies them; or
  * it was published on the event's day and shares a person or a place with it.
Day (or day-range) mentions that no curated event claims become automatic events once
``min_articles`` articles share them; a single-article mention stays a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..arabic import normalize

_SENTENCE_END = re.compile(r"[.!؟?\n]+")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_RANGE = re.compile(r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$")
EVENT_TITLE_MAX = 90


class EventsError(Exception):
    """A problem in events.yaml; the message names the entry and what to do."""


@dataclass
class ArticleFacts:
    """What the events stage needs of an article (plain data, filled by the glue)."""
    id: str
    date: str | None                      # publication date, ISO at its precision
    text: str
    date_mentions: list[dict]             # [{text, value, start, end}]
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    entity_spans: list[tuple[str, int, int]] = field(default_factory=list)  # (id, start, end)


@dataclass
class EventArticle:
    article_id: str
    sentence: str                         # the sentence about the event (or the lead)
    how: str                              # "mention" | "published"


@dataclass
class Event:
    id: str
    title: str
    date: str                             # "2025-07-31" or "2025-02-23/2025-02-24"
    curated: bool
    place: str | None = None
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    articles: list[EventArticle] = field(default_factory=list)
    description: str | None = None
    redirect_from: list[str] = field(default_factory=list)
    match_keywords: list[str] = field(default_factory=list)
    match_people: list[str] = field(default_factory=list)

    @property
    def start(self) -> str:
        return self.date.split("/")[0]

    @property
    def end(self) -> str:
        return self.date.split("/")[-1]

    def article_ids(self) -> list[str]:
        return [a.article_id for a in self.articles]


def is_event_date(value: str | None) -> bool:
    return bool(value) and bool(_DAY.match(value) or _DAY_RANGE.match(value))


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def parse_curated(entries, where: str = "events.yaml") -> tuple[list[Event], list[str]]:
    """Validate events.yaml entries; bad entries are skipped with a warning."""
    events, warnings, seen = [], [], set()
    if entries is None:
        return [], []
    if not isinstance(entries, list):
        return [], [f"{where}: expected a list of events ('- id: …'), found {type(entries).__name__}"]
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            warnings.append(f"{where}: entry {n} is not a mapping; skipped")
            continue
        ident = str(entry.get("id") or "").strip()
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident):
            warnings.append(f"{where}: entry {n} has no valid id (lower-case ASCII letters, digits, '-'); skipped")
            continue
        if ident in seen:
            warnings.append(f"{where}: duplicate id '{ident}' (entry {n}); the first one is kept")
            continue
        if entry.get("start") and entry.get("end"):
            date = f"{entry['start']}/{entry['end']}"
        else:
            date = str(entry.get("date") or "")
        if not is_event_date(date):
            warnings.append(f"{where}: event '{ident}' needs 'date: YYYY-MM-DD' or 'start'/'end'; skipped")
            continue
        if not entry.get("title"):
            warnings.append(f"{where}: event '{ident}' has no title; skipped")
            continue
        match = entry.get("match") or {}
        seen.add(ident)
        place = entry.get("place")
        events.append(Event(
            id=ident, title=str(entry["title"]), date=date, curated=True,
            place=str(place) if place else None,
            people=_as_list(entry.get("people")),
            places=[str(place)] if place else [],
            description=entry.get("description"),
            redirect_from=_as_list(entry.get("redirect_from")),
            match_keywords=_as_list(match.get("keywords")) if isinstance(match, dict) else [],
            match_people=_as_list(match.get("people")) if isinstance(match, dict) else [],
        ))
    return events, warnings


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds [start, end)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() + (1 if m and m.group(0)[0] in ".!؟?" else 0) if m else len(text)
    return text[left:right].strip()


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text[: m.start() + 1].strip() if m else text.strip()


def _overlaps(value: str, event_date: str) -> bool:
    """A mention value falls on (or inside) the event's day or range."""
    v_start, v_end = value.split("/")[0], value.split("/")[-1]
    e_start, e_end = event_date.split("/")[0], event_date.split("/")[-1]
    if "/" in event_date:
        return e_start <= v_start and v_end <= e_end
    return v_start == e_start and v_end == e_end


def _keywords_hit(event: Event, text: str) -> bool:
    if not event.match_keywords:
        return True
    norm = normalize(text)
    return any(normalize(k) in norm for k in event.match_keywords)


def _entities_in(article: ArticleFacts, start: int, end: int) -> tuple[list[str], list[str]]:
    people_ids = set(article.people)
    place_ids = set(article.places)
    people, places = [], []
    for ident, s, e in article.entity_spans:
        if s >= start and e <= end:
            if ident in people_ids and ident not in people:
                people.append(ident)
            elif ident in place_ids and ident not in places:
                places.append(ident)
    return people, places


def short_title(sentence: str, limit: int = EVENT_TITLE_MAX) -> str:
    sentence = sentence.strip(" .،,:؛")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" .،,:؛") + "…"


def _join_by_publication_day(articles: list[ArticleFacts], events: list[Event]) -> None:
    """Articles published on an event's day that share its people or places join it."""
    for article in articles:
        if not article.date or len(article.date) < 10:
            continue
        day = article.date[:10]
        for event in events:
            if article.id in event.article_ids() or not _overlaps(day, event.date):
                continue
            if set(event.people) & set(article.people) or set(event.places) & set(article.places):
                event.articles.append(EventArticle(article.id, _first_sentence(article.text), "published"))


def build_events(articles: list[ArticleFacts], curated: list[Event], min_articles: int = 2) -> list[Event]:
    """All events, curated first then automatic, each with its articles; sorted by date."""
    events = [Event(**{**e.__dict__, "articles": [], "people": list(e.people), "places": list(e.places)})
              for e in curated]
    unclaimed: dict[str, list[tuple[ArticleFacts, dict]]] = {}

    for article in articles:
        for mention in article.date_mentions:
            value = mention.get("value")
            if not is_event_date(value):
                continue
            sentence = sentence_around(article.text, mention["start"], mention["end"])
            claimed = False
            for event in events:
                if not _overlaps(value, event.date):
                    continue
                if event.match_people and not set(event.match_people) & set(article.people):
                    continue
                if not _keywords_hit(event, sentence):
                    continue
                claimed = True
                if article.id not in event.article_ids():
                    event.articles.append(EventArticle(article.id, sentence, "mention"))
            if not claimed:
                unclaimed.setdefault(value, []).append((article, mention))

    automatic = []
    for value, hits in unclaimed.items():
        article_ids = []
        for article, _ in hits:
            if article.id not in article_ids:
                article_ids.append(article.id)
        if len(article_ids) < min_articles:
            continue
        event = Event(id=value.replace("/", "--"), title="", date=value, curated=False)
        best_sentence, best_score = "", -1
        for article, mention in hits:
            if article.id in event.article_ids():
                continue
            sentence = sentence_around(article.text, mention["start"], mention["end"])
            s_start = article.text.find(sentence)
            people, places = _entities_in(article, s_start, s_start + len(sentence))
            for p in people:
                if p not in event.people:
                    event.people.append(p)
            for p in places:
                if p not in event.places:
                    event.places.append(p)
            event.articles.append(EventArticle(article.id, sentence, "mention"))
            # The most telling sentence names people and places and is not too long.
            score = 3 * len(people) + 2 * len(places) - len(sentence) / 200
            if score > best_score:
                best_sentence, best_score = sentence, score
        event.title = short_title(best_sentence)
        automatic.append(event)

    _join_by_publication_day(articles, events + automatic)
    all_events = [e for e in events if e.articles or e.curated] + automatic
    all_events.sort(key=lambda e: (e.start, e.end, e.id))
    return all_events
