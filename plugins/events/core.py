"""Events: curated ones from events.yaml, and automatic ones found as *stories*.

Interface (what the glue calls)::

    build_events(records, curated_entries, *, previous=None, min_articles=2, min_sources=2)
        -> EventsResult(events, article_events, warnings)

* ``records``: ``plugins.record.ArticleRecord`` (built ones are used; title, lead, text,
  date, source, people/places/organisations, date_mentions, entity_mentions are read).
* ``curated_entries``: the list loaded from events.yaml (or None). Bad entries are skipped
  with a warning naming events.yaml and the entry; nothing here raises on curator input.
* ``previous``: the last build's ``events.json`` list (``{id, articles, redirect_from?, ...}``)
  when the glue kept it, else None. It keeps automatic ids stable when clusters change.
* ``EventsResult.events`` is sorted by start date then id; ``article_events`` maps an
  article id to the ids of its events; ``warnings`` are for the curator.
* ``Event`` also carries ``organisations`` and ``sources`` (publishers, first seen first);
  an automatic event's ``EventArticle.how`` is "story" and its ``sentence`` the lead's first
  sentence.

Curated events (``id``, ``title``, ``date`` or ``start``/``end``, ``place``, ``people``,
``description``, ``redirect_from``, ``match``) claim an article when it mentions the event's
day (or a day in its range) and passes the ``match`` rules, or when it was published on
that day and shares a person or place with the event.

Automatic events are stories: clusters of articles that report the same happening.

* Each article with a publication day becomes a TF-IDF vector of its headline (weight 2)
  and lead (weight 1) — normalised Arabic words with proclitics (و ف ب ل ك ال) taken off —
  plus its people, places and organisations. Words a source puts in most of its articles
  (datelines, bylines) and words common across the archive carry no weight.
* Similarities are computed only between articles published within ``WINDOW_DAYS`` of each
  other that share a word, through an inverted index whose posting lists are cut to the
  window; a word that is common inside the window is skipped for that article. So the cost
  grows with the number of articles times a bounded window, not with all pairs.
* Clusters are grown by average linkage on that sparse graph (pairs never compared count
  as 0), so a long chain of loosely related articles does not become one event: two lone
  articles start a story only when close (``SEED_MIN``); clusters merge when their mean
  similarity reaches ``MERGE_MIN`` and their closest pair ``LINK_MIN``. For starting and
  linking, what one word gives beyond ``TOP_SHARE`` of a pair's similarity does not count:
  one shared name or one word of the genre is not one happening. In a cluster of
  more than ``PRUNE_FROM`` articles, a member attached far more loosely than its median
  member (``PRUNE_REL``) is dropped.
* Date mentions never make an event; an article joins a story only through its own words,
  entities and publication day, so a passing mention of a past date joins nothing. "This
  day in history" columns (a lead that opens on a date years back, or the column's formula)
  and anniversary pieces (a headline about «الذكرى السبعين», «بذكرى الاستقلال»)
  never join an automatic event, nor do recurring bulletins (one source's same headline,
  weekday names and numbers aside, on ``BULLETIN_DAYS`` days or more: «نشرة الثامنة»).
* An article's day is the day it reports: a day named at the head of its text (dateline or
  lead: «أمس الثلاثاء») up to ``REPORTED_BACK`` days before publication, else its
  publication day (``reported_day``). Windows and event dates use it.
* A cluster whose members that name people, places or organisations fall into groups with
  none in common (two bombings in two cities on one day) is split into those groups, unless
  the groups' articles are still close in words (``DISJOINT_KEEP``): the gazetteer does not
  name everything, and reactions from different capitals are one story.
* Same-kind happenings in different towns or of different bodies (projectiles on Jazan and
  on Najran, vacancies at two universities) share every word but the name: two members
  whose headlines name places or bodies, none of which the other article names in its
  headline or lead, are two happenings, and a cluster is split by such names
  (``_split_places``). Places come from the entity gazetteer and from the archive's own:
  a word that follows «مدينة», «محافظة», «منطقة» … in ``PLACE_NAME_MIN`` articles and in
  ``PLACE_NAME_SHARE`` of those using it, with its spellings with or without long vowels
  («تورونتو»/«تورنتو»), and, for one article, a headline word its own headline or lead puts
  after such a word (``_towns``: «شهدت محافظة الحائط»; a town in the news once is in no
  gazetteer); bodies are the word after «جامعة», «جمعية», «شركة» …, or a short
  name in guillemets or brackets opening the headline («بناء» تنفق…) whose words the
  other article does not use.
* One actor's meetings with two parties, one donor's relief flights to two places, two
  matches of one round share the actor, the kind and most words; the other party tells them
  apart (``_split_counterparts``, clusters up to ``COUNTERPART_MAX``, after ``_cohere``): a
  headline names it in the ``COUNTERPART_WORDS`` words after a verb or preposition of
  happenings.yaml's ``counterparts`` («يزور مصلحة الجمارك», «يتلقى اتصالا هاتفيا من ملك
  المغرب», «وصول طائرة إغاثة إلى ألبانيا»), up to a function word, by its rarest word. Two
  members whose parties neither article names in the other's headline, lead or body
  opening are two happenings; members naming none go with the closest member that names
  one. (20k: 2 of the judged-rejected events split cleanly, no judged-accepted one changed.)
* In a cluster of up to ``ANCHOR_MAX_SIZE`` articles, members join when their headlines
  share ``HEADLINE_SHARED`` words (a place's two-word name, «حفر الباطن», counting once) or their articles are close (``ANCHOR_CLOSE``): outlets
  reporting one happening title it alike. Each group so joined is a story (two town
  festivals of one week are two), and a piece that joins none (the same person's other
  news) is left out. In clusters of up to ``ANCHOR_ACTOR`` articles (pairs included), the
  words naming the actor (people's names, places, offices: «وكيل إمارة الباحة») do not
  count, and closeness needs a headline word beyond them: one official's two visits or
  one club's two transfers share the actor and nothing of what happened.
* Articles of different days are one happening only when they share what names it
  (``_split_days``, clusters up to ``DAYS_MAX_SIZE``): a word of either headline that the
  other article uses (in its headline or the opening of its lead, ``DAYS_OPENING``), alone
  or with another such headline word, that the archive uses on at most ``DAYS_OTHER`` other
  days within ``DAYS_LOOK`` days around the cluster. Both words of a pair come from the
  headlines: a headline word with any word of the leads' openings is rare together by
  chance in two reports of a genre («انخفاض» with «تداولات»: two days' market closes). A place, an official, a market or a
  genre recur day after day («جازان» and «مقذوف», «ولي العهد» and «يبحث», «الأسهم» and
  «تفتح»: projectiles, receptions and market reports of several days), the boat that sank
  on the Nile does not. A lone word must be rare in every form of its stem (``_family``:
  «أخمدت» rare, «إخماد» not); a pair's headline word may recur on at most
  ``DAYS_PAIR_WORD`` other days and its other word on ``DAYS_PAIR_OTHER`` (two everyday
  words are rare together by chance); words of a person's name («الرائد … آل صمغان», a
  spokesman in every report of his kind) are no evidence. Members of one day stay
  together; two groups of days join when ``DAYS_SHARE`` of the pairs between them have
  such evidence (one coincidental pair does not chain a festival's daily figures or a
  week of front reports) and are at most ``DAYS_GAP`` days apart (a happening's reports
  follow it day after day; a piece days after the last is a series' next item or another
  matter: the next market close, a second bombing in the same city), and the groups so
  made are the stories. A larger cluster is split so when it is a series' days
  (``_series``): ``SERIES_SHARE`` of its members carry a label that heads the series'
  reports around it too («مونديال روسيا: …» over every match of a World Cup, less than
  ``LABEL_OWN`` of its uses within ``LABEL_DAYS`` the cluster's); its parts then pass the
  small stories' rules (core, gate), so a week of a World Cup becomes its matches.
* A story is its core and the members that agree with it, not a chain of pairs each alike
  (``_cohere``): the core is the member whose headline shares words of what happened (not
  the actor's) with most others, and a member stays when it shares ``CORE_SHARED`` such
  words with the core's headline or lead opening; the rest form their own stories so.
* Display gate (``_names_a_happening``, stories up to ``GATE_MAX_SIZE``): each member
  shares with the core ``GATE_ALIKE`` words of what happened, or a headline word that is
  news now (``GATE_BURST`` times as frequent a day as over the ``DAYS_LOOK`` days before,
  and used on at most ``GATE_BEFORE`` of them). Pieces that share only a kind of news the
  archive carries every week (profits, job interviews, weather) or an actor are several
  matters; their articles stay ordinary articles.
* Body openings (``_confirmed``, stories up to ``OPENING_MAX_SIZE``): the projection
  carries the distinct words of each text's first ``OPENING_WORDS`` words (``body_opening``;
  the first paragraph of a shorter text, so a paragraph added at the end changes no
  projection). A member stays when its opening's TF-IDF vector (document frequencies over
  every opening) is ``OPENING_CLOSE`` alike to another member's and ``OPENING_REL`` as alike
  as the story's two most alike reports of different sources: reports of one happening
  retell its particulars; another matter of the same actor shares the actor and the genre.
* Close members (``_close_members``, stories of 3 to ``CLOSE_MAX_SIZE``): each member is
  ``CLOSE_MIN`` alike (headline and lead) to another member, again until none leaves. Average
  linkage lets a third piece join a pair it is loosely alike to on the whole (the player's
  hacked account beside two reports of his injury); two reports of one happening are told
  alike, as two lone articles must be to start a story.
* A story made only of pieces that ask, profile, explain, preview or analyse (``_explains``:
  «لماذا …؟», «من هو …», «تعرف على …», «تحليل: …», a listicle or advice «8 خطوات لـ…»,
  «لمحة عن …») names no happening and is not shown.
* Kinds of happening (``happenings.yaml``, a small curated lexicon read once;
  ``_happening_kinds``): the words by which a headline names a happening (a bombing and its
  toll, a death, a disaster, a wedding), a side step of it (the funeral prayer, condolences,
  the photos released), a reaction to it (condemnations, vows of revenge) or the weather;
  matched without the article or a proclitic («لمقتل», «وتفجير»). A happening named in a
  prepositional phrase («… يزور المصابين في حادث تفجير …», «إدانة دولية لمقتل …») is the
  circumstance of the headline's own news. A story all of whose headlines name the weather
  and no happening (``_forecast``: each outlet words the day's outlook its own way) is not
  shown.
* A cluster is shown when it has ``min_articles`` articles from ``min_sources`` sources.
  A cluster most of whose articles belong to a curated event is folded into that event.
* Title: the headline closest to what the *other* members say (their centroid of headline,
  lead and entity terms), half by the headline's own terms and half by its article's, a
  little less for articles after the cluster's first day (reactions and follow-ups name the
  happening plus their own actor), and less for a headline that names the happening only
  as the context of its own news («بعد الصين.. …», «… بشأن الهجوم على …», «مصدر لـ…:»,
  «… قبيل قمة …», «على هامش …», ``TITLE_ASIDE``); more for a headline alike to the other headlines (``TITLE_MEDOID``: the
  most central report, not a detail the leads recap); real headlines over derived ones,
  plain statements over "video:"/"live:"/"the moment of" labels, questions, profiles and
  explainers («… في سطور», «من هو …», ``TITLE_PROFILE``), previews, analyses and features
  («تعرف على …», «لماذا …», «تحليل:», «محلل … يوضح», listicles and advice «…: 8 خطوات …»,
  «لمحة عن …», ``TITLE_FEATURE``), in a story of
  ``SPEAKER_FROM`` articles anyone's words (``_speaks``: a name, an office or a spokesman
  before the colon, «ماكرون: …», «وزير دفاع إسرائيل: …»; many voices speak about a large
  story, and a label that speaks is no story's name), a guess at what may happen
  («… قد تعقد على الحدود», «قد» outside a quotation) and wire slugs; quotation marks do not
  hide these forms (… ليفربول "يحلم" …). By kinds of happening (``_kind_score``): in a story
  of ``REACTION_FROM`` articles, a headline naming a side step or a reaction scores
  ``TITLE_STEP`` less (not twice with ``TITLE_REACTION``); in one of ``KIND_FROM``, a
  headline that reports the story's kind (named by ``KIND_SHARE`` of its headlines, two at
  least) scores ``TITLE_KIND`` more, unless it gives someone's words or follows a prefix of
  its own («د. فلان: …»), and one that names it only as its circumstance ``TITLE_STEP``
  less: a large story gathers visits, prayers and condemnations, each a step of its own,
  and a reader names it by what happened («استشهاد 12 …», not «أمير عسير يؤدي الصلاة على
  شهداء …»). Never a cut sentence. A large cluster
  (``LABEL_FROM``) is titled by the label its outlets put before a colon («قمة ترامب-كيم:
  …», one label however its words are joined: «قمة ترامب وكيم:») when two members carry it,
  it is mostly this story's around those days (``LABEL_OWN``, ``LABEL_DAYS``: a
  competition's name heads a season of match reports; uses in the label's run of days
  around the story, ``LABEL_GAP`` apart at most, count as the story's: outlets follow
  Khashoggi's disappearance for two weeks, and a long story may be two clusters) and it scores ``TITLE_LABEL_REL`` of
  the best headline's score (a label names the whole story; a headline of a large story
  names one of its steps).
* Id: ``YYYY-MM-DD-xxxxxx``, the (reported) day of the first article and the first 6 hex digits of the
  SHA-1 of the ids of its two founding articles (the earliest two by day, then id). New
  articles that join later leave it unchanged. With ``previous``, a cluster that holds most
  of an old event's articles keeps that event's id; old ids of events that were merged or
  split redirect (``redirect_from``) to the event holding most of their articles.

events.yaml can also act on an automatic event by its id::

    - automatic: 2018-04-14-3fa2c1      # the id shown on the event page / in events.json
      title: ضربات غربية على سوريا        # name it (also: description, place, people)
      merge: [2018-04-15-0b7d9e]         # fold these automatic events into it (they redirect)
      split: [article-id, ...]           # these articles leave it and form their own event
      suppress: true                     # do not publish it
"""

from __future__ import annotations

import datetime as _dt
import functools
import gc
import hashlib
import heapq
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from itertools import chain
from dataclasses import dataclass, field
from pathlib import Path


from ..arabic import normalize
from ..yamlfile import load_yaml

_SENTENCE_END = re.compile(r"[.!؟?\n]+")
_QUOTES = re.compile(r"[\"'«»“”„]")
_QUOTED_SPAN = re.compile(r'"[^"]*"|«[^»]*»|“[^”]*”')
# What may happen («… قد تعقد على الحدود», «قد تدفع …»), the headline's own words, not a quote.
_MAY = re.compile(r"(?:^|\s)قد\s")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_RANGE = re.compile(r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
AUTO_ID = re.compile(r"\d{4}-\d{2}-\d{2}-[0-9a-f]{6}(-\d+)?")
EVENT_TITLE_MAX = 90

# Story detection parameters (measured with scoring/events.py on the labelled ANT 2018 set).
WINDOW_DAYS = 3            # articles further apart in publication are never compared
DECAY = (1.0, 1.0, 0.85, 0.7)  # similarity factor by the gap in days (0..WINDOW_DAYS)
EDGE_MIN = 0.04            # pair similarities below this are not kept
MERGE_MIN = 0.04           # average-linkage threshold for two clusters to merge
LINK_MIN = 0.15            # ... and their closest pair must be at least this similar
PRUNE_REL = 0.5            # a member this far below the cluster's median attachment is dropped
DISJOINT_GROUP = 2         # a cluster splits when two groups this large share no entity
DISJOINT_KEEP = 0.2        # ... unless their articles are this similar on average all the same
HEADLINE_SHARED = 2        # in a small cluster a member's headline shares this many words with another's
ANCHOR_CLOSE = 0.3         # ... or its article is this close to another's
ANCHOR_MAX_SIZE = 20       # ... (clusters up to this size)
ANCHOR_ACTOR = 4           # ... in clusters up to this size, the actor's words (names, offices) do not count
TOP_SHARE = 0.4           # a pair links only by what is beyond this share of one word
PRUNE_FROM = 4             # ... from clusters larger than this (small ones are tight by SEED_MIN)
SEED_MIN = 0.25            # two lone articles start a story only when this similar
WINDOW_POSTINGS_MAX = 100  # a word in more window articles than this says nothing here
COMMON_DF = 0.10         # a word in more than 10% of all dated articles carries no weight
SOURCE_FURNITURE = 0.2     # a word in more than 20% of one source's articles is its furniture
LEAD_TOKENS = 60           # words of the lead used
LEAD_CHARS = 600           # characters of the lead read (enough for LEAD_TOKENS words)
HISTORY_LEAD_CHARS = 120   # a date this early in the text opens the lead
REPORTED_CHARS = 300       # a day named this early in the text may be the day the article reports
REPORTED_BACK = 3          # ... when it is at most this many days before publication
BULLETIN_DAYS = 3          # one source's headline on this many days is a recurring bulletin
HEADLINE_WEIGHT, LEAD_WEIGHT, ENTITY_WEIGHT = 2.0, 1.0, 1.0
TITLE_HEADLINE = 0.5       # title choice: the headline's own closeness to the cluster vs its article's
TITLE_ASIDE = 0.1          # ... less for a headline naming the happening as its context
TITLE_PROFILE = 0.3        # ... less for a profile or explainer («… في سطور», «من هو …»)
TITLE_LATER = 0.03         # ... less per day after the cluster's first day
TITLE_REACTION = 0.15      # ... less for a reaction to the happening («X عن «Y»: …», «X لـCNN: …», «X يندد …»)
REACTION_FROM = 3          # ... in a story of this many articles (in two, a statement is mostly the happening)
SPEAKER_FROM = 8           # ... and anyone's words («ماكرون: …») in a story of this many (many voices speak)
TITLE_MEDOID = 0.25        # ... more by the headline's mean closeness to the other headlines
TITLE_FEATURE = 0.3        # ... less for a preview, analysis or feature («تعرف على», «لماذا», «تحليل:»)
LABEL_FROM = 8             # a cluster this large may be titled by a label its headlines carry,
LABEL_OWN = 0.6            # ... when this share of the label's uses around those days are its own
LABEL_DAYS = 30            # ... (a competition's label heads a season of match reports)
LABEL_GAP = 3              # ... its uses at most this many days apart are one run (``_label_run``)
PLACE_NAME_MIN = 3         # a word after «مدينة», «محافظة» … in this many articles is a place name,
PLACE_NAME_SHARE = 0.1     # ... when this share of the articles using it put it there
PHRASE_MIN = 3             # a word pair in this many headlines ...
PHRASE_SHARE = 0.5         # ... and this share of those using either word, a place's word among them, is one name
QUOTED_MAX = 2             # a quoted name of a headline has at most this many words
PLACE_VARIANT_DF = 2       # a spelling with more or fewer long vowels is the place when at most this times as common
TITLE_LABEL_REL = 0.7      # ... and it scores this share of the best headline's score
SERIES_SHARE = 0.3         # a large cluster this share of whose members carry a series' label is its days
DAYS_MAX_SIZE = 12         # in clusters up to this size, articles of different days join only
DAYS_LOOK = 30             # ... by words that, within this many days around them,
DAYS_OTHER = 1             # ... are used together on at most this many other days
DAYS_TERMS = 8             # ... (among the rarest this many words the two articles share)
DAYS_OPENING = 20          # ... a word of a headline, alone or with one of the headlines or these first words of a lead
DAYS_PAIR_WORD = 12        # ... a pair's headline word recurs on at most this many other days
DAYS_SHARE = 0.5           # ... and day groups join when this share of their pairs does
DAYS_GAP = 2               # ... and they are at most this many days apart
DAYS_PAIR_OTHER = 12       # ... and its other word on at most this many (not an everyday word)
CORE_SHARED = 1            # a member shares this many words of what happened with its story's core
GATE_MAX_SIZE = 12         # a story up to this size is shown only when each member shares with its core
GATE_ALIKE = 4             # ... this many words of what happened (``_agreement``), or a headline word
GATE_BURST = 3             # ... used this many times as often a day as in the DAYS_LOOK days before
GATE_BEFORE = 10           # ... and on at most this many of those days
OPENING_WORDS = 80         # words of the body's opening a report is compared by (``body_opening``)
OPENING_CHARS = 700        # characters read for them (enough for OPENING_WORDS words mostly)
OPENING_MAX_SIZE = 4       # in stories up to this size each member's body opening (``_confirmed``)
OPENING_CLOSE = 0.08       # ... is this alike (TF-IDF cosine of the openings) to another's
OPENING_REL = 0.2          # ... and this share as alike as the story's two most alike
CLOSE_MAX_SIZE = 4         # in stories of 3 up to this size each member (``_close_members``)
CLOSE_MIN = 0.2            # ... is this close (headline and lead) to another member
TITLE_STEP = 0.15          # title choice in a story of REACTION_FROM: less for a headline naming a side step or reaction kind
TITLE_KIND = 0.1           # ... more for one naming the happening kind two members' headlines name, and no side step
KIND_FROM = 8              # ... (the happening's kind, more or less, in stories of this many)
KIND_SHARE = 0.2           # ... the story's kind: named by this share of its headlines (two at least)
HAPPENINGS_PATH = Path(__file__).with_name("happenings.yaml")  # the kinds of happening (``_happening_kinds``)
COUNTERPART_MAX = 12       # in clusters up to this size, members whose headlines name other parties (``_split_counterparts``)
COUNTERPART_WORDS = 3      # ... read in this many words after the verb or preposition

# Function words (normalised) that IDF alone would under-weight in small archives.
_STOPWORDS = frozenset(normalize(w) for w in """
في من على إلى الى عن مع أن إن أنه انه التي الذي الذين اللذين هذا هذه ذلك تلك هناك هنا
بعد قبل خلال منذ حتى حول بين عند لدى ضد دون غير بعض كل أي او أو ثم قد لقد لم لن لا ما
كان كانت يكون تكون ليس هو هي هم هن نحن انا أنا إنه كما مثل عبر وفق نحو أمام امام
قال قالت يقول تقول أعلن اعلن أكد اكد أضاف اضاف وقال وقالت أيضا ايضا اليوم أمس امس آل
""".split())

# Labels that put a media format before the headline; such a headline is a poorer title.
_MEDIA_LABELS = tuple(normalize(w) for w in (
    "شاهد", "فيديو", "بالفيديو", "بالصور", "صور", "مباشر", "عاجل", "إنفوغرافيك", "انفوغرافيك",
    "لحظة", "لحظات"))  # «لحظة استهداف …»: a clip of the moment
# Words that change from one issue of a daily bulletin to the next.
_DAY_WORDS = frozenset(normalize(w) for w in
                       "السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة اليوم غدا أمس".split())
# An anniversary as the headline's subject (normalised: ى -> ي): «الذكرى الأربعين لرحيلها»,
# «في ذكرى رحيله السابعة», «يهنئ بذكرى الاستقلال», «مرور 70 عاما». A bare «في ذكرى النكبة»
# dates a happening of today (a march, a day of mourning) and is not one.
_ORDINALS = ("اولي", "ثانيه", "ثالثه", "رابعه", "خامسه", "سادسه", "سابعه", "ثامنه", "تاسعه", "عاشره",
             "عشرين", "ثلاثين", "اربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين", "مييه", "مئويه", "سنويه")
_ANNIVERSARY = re.compile(
    r"(?:^|\s)(?:(?:[وفلك]?(?:ال)?|لل)ذكري(?:\s+\S+){0,2}?\s+(?:[وفبلك]?ال)?(?:%s|\d+)"
    r"|[و]?بذكري|مرور \S+ (?:عام|عاما|سنه|سنوات|اعوام))(?:\s|$)" % "|".join(_ORDINALS))
# Words that put a place's name after them (normalised, without the article).
_PLACE_TRIGGERS = frozenset(normalize(w) for w in "مدينة محافظة منطقة بلدة قرية ولاية إقليم".split())
# Words that put a body's name after them: «جامعة جازان», «جمعية بناء», «شركة الخضري».
_BODY_TRIGGERS = frozenset(normalize(w) for w in
                           "جامعة جمعية هيئة شركة مستشفى كلية بلدية أمانة مهرجان وزارة محكمة إمارة غرفة نادي".split())
# Titles inside a body's name («جامعة الملك خالد»): the name is the word after them.
_HONORIFICS = frozenset(normalize(w) for w in "الملك الأمير الإمام الشيخ".split()) | frozenset(("ملك", "امير", "امام", "شيخ"))
# Words a person's name follows («الرائد محمد», «آل صمغان», «الدكتور حامد»); «بن» has
# names on both sides. A name is who speaks or acts, not what happened.
_NAME_TITLES = frozenset(normalize(w) for w in """
آل بن ابن بنت الرائد الرايد العقيد العميد اللواء المقدم النقيب الملازم الفريق المشير الدكتور د
المهندس الأستاذ الاستاذ الشيخ الأمير الامير السفير المتحدث الناطق الوزير السيد الرئيس""".split())
_NAME_LINKS = frozenset(normalize(w) for w in "بن ابن بنت".split())
# Who speaks for others (normalised, without the article).
_SPOKESMEN = frozenset(normalize(w) for w in "متحدث ناطق مستشار سفير مسؤول مسؤولون خبير محلل مندوب".split())

# Offices and ranks whose holder is the actor of many pieces (normalised, without the article).
_OFFICES = frozenset(normalize(w) for w in """
أمير إمارة وكيل نائب رئيس وزير وزارة ولي عهد محافظ محافظة أمين أمانة مدير مديرية مساعد ملك خادم
الحرمين سمو معالي سعادة مجلس مدني""".split())

# Words that make the happening the context of a headline's own news: «بشأن …», «على
# خلفية …», «ردا على …», a source quoted («مصدر لـ…»), or a headline opening on «بعد …»,
# «قبل …», «عقب …» («بعد الصين.. زعيم كوريا الشمالية يلتقي …»).
# A profile or explainer about the story's person or place, not the happening: «… في سطور»,
# «من هو …», «ما هي …» (normalised).
_PROFILE = re.compile(r"(?:^|\s)في سطور(?:\s|$)|^(?:من|ما) (?:هو|هي|هم)\s")
# A preview, an analysis or a feature rather than the report of the happening (normalised):
# «تعرف على …», «لماذا …», «كيف …», «ماذا …», «هل …», «تحليل: …», «قراءة في …», «بالأرقام …»,
# «يحلم …» (a player's hopes before a final), an analyst's or expert's piece («محلل … يوضح …»).
_FEATURE = re.compile(r"^(?:تعرف|تعرفوا|لماذا|كيف|ماذا|هل|متي|اين|محلل|خبير)\s|(?:^|\s)(?:تحليل|راي|قراءه في|بالارقام|يحلم|تحلم|تعرف علي"
                      r"|سيناريوهات|توقعات|ماذا بعد|ما الذي|اليك|اليكم)(?:\s|:|$)"
                      # A listicle or advice piece at the head or after a label («…: 8 خطوات لتجهيز الطعام»,
                      # «5 نصائح …») and a glance or overview («لمحة عن …»): evergreen, no happening.
                      r"|(?:^|:|\.\.)\s*(?:(?:ابرز|اهم)\s+)?(?:\d+|ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه|ست|سته|سبع|سبعه|ثمان|ثماني|ثمانيه"
                      r"|تسع|تسعه|عشر|عشره)\s+(?:خطوات|نصايح|طرق|اسباب|اشياء|امور|فوايد|علامات|اخطاء|عادات"
                      r"|حقايق|وسايل|قواعد|اسرار|مفاتيح|معلومات)\s|^(?:لمحه عن|نظره علي|دليلك|نصايح)\s")
# Someone's words about the story (normalised): «خالد بن سلمان عن "كيماوي دوما": …», «سيناتور
# لـCNN: …» — a speaker, then what the words are about or the outlet they were said to, then a
# colon. One reaction among many, not the happening (a label before a colon names no speaker).
_SPEAKER = re.compile(r"^(?:[^:\s]+\s+){1,5}?(?:عن\s+[^:]+|ل[a-z][^:\s]*\s*):")
# A reaction as the headline's verb (normalised): a first comment, criticism, condemnation,
# welcome or praise of what happened. («يرد على» is left out: it mostly names the happening.)
_REACTION = re.compile(r"(?:^|\s)(?:اول تعليق|يعلق علي|تعلق علي|ينتقد|تنتقد|يندد|تندد|يرحب|ترحب|يدين|تدين|يستنكر|تستنكر|يشيد|تشيد)(?:\s|:|$)")
_ASIDE = re.compile(r"^(?:بعد|قبل|عقب)\s|(?:^|\s)[وف]?(?:بشان|خلفيه|ردا|مصدر|مصادر|قبيل|عشيه)(?:\s|$)|(?:^|\s)علي هامش\s")
# "since <day>" names when something began, not the day reported.
_SINCE = re.compile(r"(?:منذ|مُنذ)\s+\S*\s*$")
# "This day in history" formulas.
_WORD = re.compile(r"[^\W_]+")
_HISTORY_FORMULAS = tuple(normalize(w) for w in (
    "في مثل هذا اليوم", "هذا اليوم في التاريخ", "حدث في مثل"))


# --- data -------------------------------------------------------------------------------


@dataclass
class EventArticle:
    article_id: str
    sentence: str                         # the sentence about the event (or the lead)
    how: str                              # "mention" | "published" | "story"


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
    organisations: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # publishers of its articles, first seen first

    @property
    def start(self) -> str:
        return self.date.split("/")[0]

    @property
    def end(self) -> str:
        return self.date.split("/")[-1]

    def article_ids(self) -> list[str]:
        return [a.article_id for a in self.articles]


@dataclass
class EventsResult:
    events: list[Event]
    article_events: dict[str, list[str]]
    warnings: list[str]


@dataclass(frozen=True)
class MentionSource:
    """A date mention as the events stage reads it: its value and offsets, the characters
    before it (a «منذ» there makes it no reported day) and, where a curated event's day
    overlaps it, its sentence."""
    value: str | None
    start: int
    end: int
    before: str
    sentence: str | None


@dataclass(frozen=True)
class EntitySpan:
    id: str
    text: str


@dataclass(frozen=True)
class EventSource:
    """All the events stage reads of an article (``event_source``), and nothing else: the
    stage works on these, so an equal list of them gives an equal result, and a build whose
    edits change none (a paragraph added at the end) can take the last result as it is."""
    id: str
    status: str
    title: str | None
    title_from: str
    date: str | None
    source: str | None
    people: tuple
    places: tuple
    organisations: tuple
    lead: str | None
    first_sentence: str
    date_mentions: tuple
    entity_mentions: tuple
    opening: tuple = ()   # the body opening's distinct words (``body_opening``), sorted


def body_opening(text: str) -> tuple:
    """The distinct normalised words (three letters or more, function words aside) of the
    first OPENING_WORDS words of an article's text, sorted: what two reports of one happening
    share beyond the headline and lead (numbers, names, the thing that happened). A text
    shorter than that gives its first paragraph only, so a paragraph added at the end changes
    this only when it brings a short article past OPENING_WORDS words."""
    if not text:
        return ()
    words = []
    for chars in (OPENING_CHARS, 4 * OPENING_CHARS, len(text)):
        words = _raw_words(text[:chars])
        if chars < len(text) and words:
            words.pop()  # the last word read may be cut
        if len(words) >= OPENING_WORDS or chars >= len(text):
            break
    words = words[:OPENING_WORDS]
    if len(words) < OPENING_WORDS:
        words = _raw_words(text.split("\n\n", 1)[0])
    return tuple(sorted({w for w in words if len(w) >= 3 and w not in _STOPWORDS}))


def event_source(record, curated_days: tuple = ()) -> EventSource:
    """The projection of a record (an ``ArticleRecord`` or anything with its fields) the
    events stage reads; ``curated_days``: the curated events' dates, whose overlapping
    mentions keep their sentence."""
    if isinstance(record, EventSource):
        return record
    text = getattr(record, "text", None) or ""
    mentions = []
    for m in getattr(record, "date_mentions", ()) or ():
        value, start, end = _mention(m)
        sentence = None
        if text and value and any(_overlaps(value, day) for day in curated_days):
            sentence = sentence_around(text, start, end)
        mentions.append(MentionSource(value, start, end, text[max(0, start - 12):start], sentence))
    return EventSource(
        record.id, getattr(record, "status", "built"), getattr(record, "title", None),
        getattr(record, "title_from", "headline"), getattr(record, "date", None),
        getattr(record, "source", None), tuple(getattr(record, "people", ()) or ()),
        tuple(getattr(record, "places", ()) or ()), tuple(getattr(record, "organisations", ()) or ()),
        getattr(record, "lead", None), _first_sentence(text), tuple(mentions),
        tuple(EntitySpan(m.id, m.text or "") for m in getattr(record, "entity_mentions", ()) or ()),
        body_opening(text))


@dataclass
class AutoOverride:
    """An events.yaml entry acting on an automatic event (``automatic: <id>``)."""
    id: str
    entry: int
    title: str | None = None
    description: str | None = None
    place: str | None = None
    people: list[str] = field(default_factory=list)
    merge: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    suppress: bool = False


@dataclass
class Curated:
    events: list[Event]
    overrides: list[AutoOverride]
    warnings: list[str]


# --- events.yaml --------------------------------------------------------------------------


def is_event_date(value: str | None) -> bool:
    """A real day ("2025-07-31") or range ("2025-02-23/2025-02-24", start <= end)."""
    if not value or not (_DAY.match(value) or _DAY_RANGE.match(value)):
        return False
    try:
        days = [_dt.date.fromisoformat(v) for v in value.split("/")]
    except ValueError:
        return False
    return days[0] <= days[-1]


def _date_text(value) -> str:
    """A YAML date value as the curator meant it: strings as written, date objects as ISO."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip() if isinstance(value, (str, int)) else ""


def _text(value) -> str | None:
    """A scalar as text (numbers too); lists, mappings and empty values are None."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    return text or None


def _ids(value, where: str, key: str, warnings: list[str]) -> list[str]:
    """A list of ids (a single id is accepted); anything else is a warning and []."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        text = _text(item)
        if text is None:
            warnings.append(f"{where}: '{key}' should be a list of ids; {item!r} is ignored")
        elif text not in out:
            out.append(text)
    return out


def read_events_yaml(entries, where: str = "events.yaml") -> Curated:
    """Validate events.yaml: curated events and the entries acting on automatic events.
    Bad entries or values are skipped with a warning naming the file and the entry."""
    curated = Curated([], [], [])
    warnings, seen = curated.warnings, set()
    if entries is None:
        return curated
    if not isinstance(entries, list):
        warnings.append(f"{where}: expected a list of events ('- id: …'), found {type(entries).__name__}; "
                        f"the file is ignored")
        return curated
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            warnings.append(f"{where}: entry {n} is not a mapping ('id: …', 'title: …'); skipped")
            continue
        if "automatic" in entry:
            override = _read_override(entry, n, where, warnings)
            if override:
                curated.overrides.append(override)
            continue
        ident = _text(entry.get("id")) or ""
        if not _ID.fullmatch(ident):
            warnings.append(f"{where}: entry {n} has no valid id (lower-case ASCII letters, digits, '-'); skipped")
            continue
        label = f"{where}: event '{ident}' (entry {n})"
        if ident in seen:
            warnings.append(f"{where}: duplicate id '{ident}' (entry {n}); the first one is kept")
            continue
        if entry.get("start") is not None or entry.get("end") is not None:
            date = f"{_date_text(entry.get('start'))}/{_date_text(entry.get('end'))}"
            if date.split("/")[0] == date.split("/")[1]:
                date = date.split("/")[0]
        else:
            date = _date_text(entry.get("date"))
        if not is_event_date(date):
            warnings.append(f"{label}: needs a real 'date: YYYY-MM-DD', or 'start' and 'end' with start "
                            f"not after end (found {date or 'none'!r}); skipped")
            continue
        title = _text(entry.get("title"))
        if not title:
            warnings.append(f"{label}: has no title (a line of text); skipped")
            continue
        match = entry.get("match")
        if match is not None and not isinstance(match, dict):
            warnings.append(f"{label}: 'match' should be a mapping with 'keywords' and/or 'people'; ignored")
            match = None
        match = match or {}
        place = _text(entry.get("place"))
        if entry.get("place") is not None and place is None:
            warnings.append(f"{label}: 'place' should be one place id; ignored")
        description = entry.get("description")
        if description is not None and _text(description) is None:
            warnings.append(f"{label}: 'description' should be text; ignored")
        seen.add(ident)
        curated.events.append(Event(
            id=ident, title=title, date=date, curated=True, place=place,
            people=_ids(entry.get("people"), label, "people", warnings),
            places=[place] if place else [],
            description=_text(description),
            redirect_from=_ids(entry.get("redirect_from"), label, "redirect_from", warnings),
            match_keywords=_ids(match.get("keywords"), label, "match: keywords", warnings),
            match_people=_ids(match.get("people"), label, "match: people", warnings),
        ))
    return curated


def _read_override(entry: dict, n: int, where: str, warnings: list[str]) -> AutoOverride | None:
    ident = _text(entry.get("automatic")) or ""
    if not AUTO_ID.fullmatch(ident):
        warnings.append(f"{where}: entry {n}: 'automatic' should be the id of an automatic event "
                        f"(like 2018-04-14-3fa2c1, shown on its page); skipped")
        return None
    label = f"{where}: automatic event '{ident}' (entry {n})"
    known = {"automatic", "title", "description", "place", "people", "merge", "split", "suppress"}
    for key in entry:
        if key not in known:
            warnings.append(f"{label}: unknown key {key!r} ignored (use: {', '.join(sorted(known))})")
    suppress = entry.get("suppress", False)
    if not isinstance(suppress, bool):
        warnings.append(f"{label}: 'suppress' should be true or false; ignored")
        suppress = False
    out = AutoOverride(id=ident, entry=n, suppress=suppress)
    for key in ("title", "description", "place"):
        if entry.get(key) is not None:
            value = _text(entry[key])
            if value is None:
                warnings.append(f"{label}: '{key}' should be text; ignored")
            setattr(out, key, value)
    out.people = _ids(entry.get("people"), label, "people", warnings)
    out.merge = [i for i in _ids(entry.get("merge"), label, "merge", warnings) if i != ident]
    out.split = _ids(entry.get("split"), label, "split", warnings)
    return out


def parse_curated(entries, where: str = "events.yaml") -> tuple[list[Event], list[str]]:
    """Curated events and warnings (entries acting on automatic events are validated too)."""
    curated = read_events_yaml(entries, where)
    return curated.events, curated.warnings


# --- small text helpers -----------------------------------------------------------------


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds [start, end)."""
    # Sentence ends are found once per text, and a sentence once per span: scanning from 0
    # for every mention, or copying one long sentence for each of its mentions, is quadratic.
    starts, ends = _sentence_marks(text)
    i = bisect_left(starts, start)  # the last run of sentence-final marks that starts before ``start``
    left = min(ends[i - 1], start) if i else 0
    j = bisect_right(ends, end)  # the first run that reaches past ``end``
    if j < len(starts):
        at = max(starts[j], end)
        right = at + (1 if text[at] in ".!؟?" else 0)
    else:
        right = len(text)
    return _stripped(text, left, right)


@functools.lru_cache(maxsize=4)
def _sentence_marks(text: str) -> tuple[list[int], list[int]]:
    marks = [m.span() for m in _SENTENCE_END.finditer(text)]
    return [s for s, _ in marks], [e for _, e in marks]


@functools.lru_cache(maxsize=64)
def _stripped(text: str, left: int, right: int) -> str:
    return text[left:right].strip()


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text[: m.start() + 1].strip() if m else text.strip()


def short_title(sentence: str, limit: int = EVENT_TITLE_MAX) -> str:
    sentence = sentence.strip(" .،,:؛")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" .،,:؛") + "…"


def _mention(m) -> tuple[str | None, int, int]:
    """(value, start, end) of a date mention (a DateMention or its dict form)."""
    if isinstance(m, dict):
        return m.get("value"), m.get("start", 0), m.get("end", 0)
    return getattr(m, "value", None), getattr(m, "start", 0), getattr(m, "end", 0)


def _day(value: str | None) -> str | None:
    """The publication day of an ISO date at day precision or finer, else None."""
    if not value or len(value) < 10 or not _DAY.match(value[:10]):
        return None
    try:
        _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value[:10]


def _lead(record) -> str:
    record = event_source(record)
    return record.lead or record.first_sentence


# --- curated matching -------------------------------------------------------------------


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
    return _any_keyword(tuple(event.match_keywords), text)


@functools.lru_cache(maxsize=64)
def _any_keyword(keywords: tuple[str, ...], text: str) -> bool:
    # Cached: every mention in one long sentence asks about the same sentence.
    norm = normalize(text)
    return any(normalize(k) in norm for k in keywords)


def _match_curated(records, events: list[Event]) -> None:
    """Mentions of a curated event's day (passing its match rules) and articles published
    that day sharing a person or place join the event."""
    for record in records:
        for m in record.date_mentions:
            value, start, end = _mention(m)
            if not value or not is_event_date(value):
                continue
            sentence = None
            for event in events:
                if not _overlaps(value, event.date):
                    continue
                if event.match_people and not set(event.match_people) & set(record.people):
                    continue
                sentence = m.sentence or ""
                if not _keywords_hit(event, sentence):
                    continue
                if record.id not in event.article_ids():
                    event.articles.append(EventArticle(record.id, sentence, "mention"))
    for record in records:
        day = _day(record.date)
        if not day:
            continue
        for event in events:
            if record.id in event.article_ids() or not _overlaps(day, event.date):
                continue
            if set(event.people) & set(record.people) or set(event.places) & set(record.places):
                event.articles.append(EventArticle(record.id, record.first_sentence, "published"))


# --- story detection --------------------------------------------------------------------


def is_retrospective(record, head: str | None = None) -> bool:
    """A "this day in history" piece: the column's formula in headline or lead, a headline
    that marks an anniversary («في الذكرى الأربعين», «بذكرى الاستقلال», «مرور 70 عاما»), or
    a lead that opens on a day at least a year before the article was published. ``head``
    is the normalised headline and lead when the caller has it."""
    if head is None:
        head = " ".join(_raw_words(f"{record.title or ''} {_lead(record)[:LEAD_CHARS]}"))
    if any(f in head for f in _HISTORY_FORMULAS):
        return True
    if _ANNIVERSARY.search(" ".join(_raw_words(record.title or ""))):
        return True
    published = _day(record.date)
    if not published:
        return False
    for m in record.date_mentions:
        value, start, _ = _mention(m)
        if start > HISTORY_LEAD_CHARS:
            break
        day = _day(value) if value and "/" not in value else None
        if day and int(day[:4]) < int(published[:4]) - 1:
            return True
    return False


# Proclitic groups that end in the article: taken off whenever two letters remain.
_ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")


class _Stemmer:
    """Normalised words without proclitics, so «والرياض», «بالرياض» and «الرياض» meet.
    Forms with the article (وال، بال، لل …) are cut always; a lone و ف ب ل ك only when the
    rest is a word seen at least as often on its own in the archive and is not a function
    word («بسوريا» -> «سوريا», while «وزير», «كوفي» keep their first letter)."""

    def __init__(self, word_lists):
        self.counts = Counter()
        for words in word_lists:
            self.counts.update(words)
        self.memo: dict[str, str] = {}
        self.terms: dict[str, str] = {}  # word -> its term ("" when it does not count)

    def __call__(self, word: str) -> str:
        stem = self.memo.get(word)
        if stem is None:
            stem = self.memo[word] = self._stem(word)
        return stem

    def _stem(self, word: str) -> str:
        bare, article = _bare(word)
        if article:
            return bare
        if len(word) >= 4 and word[0] in "وفبلك":
            rest = word[1:]
            if (self.counts.get(rest, 0) >= max(self.counts.get(word, 0), 1) and rest not in _STOPWORDS
                    and rest[1:] not in _STOPWORDS):
                return rest
        return word


def _raw_words(text: str) -> list[str]:
    """Normalised words (letters and digits; underscores split) of ``text``."""
    return _WORD.findall(normalize(text))


def _terms(words: list[str], stem) -> list[str]:
    """The words that count, stemmed (function words, one letter and short numbers go)."""
    memo, out = stem.terms, []
    for word in words:
        term = memo.get(word)
        if term is None:
            term = ""
            if word not in _STOPWORDS and len(word) >= 2 and not (word.isdigit() and len(word) < 3):
                term = stem(word)
                term = term if term not in _STOPWORDS and len(term) >= 2 else ""
            memo[word] = term
        if term:
            out.append(term)
    return out


@dataclass
class _Doc:
    index: int
    record: object
    day: str
    ordinal: int
    source: str
    terms: dict[str, float]     # raw weights before IDF
    vector: dict[str, float] = field(default_factory=dict)
    head: tuple[str, ...] = ()  # the headline's terms
    label: tuple[str, ...] = ()  # the terms of its story label («قمة ترامب-كيم: …»), if any
    label_text: str = ""        # the label, normalised
    label_shown: str = ""       # ... as written
    names: frozenset = frozenset()  # place names of headline and lead from the archive's own gazetteer
    places: frozenset = frozenset()       # ... and the gazetteer's places of the article
    head_places: frozenset = frozenset()  # the places its headline names
    phrases: frozenset = frozenset()      # the fixed phrases of its headline («حفر الباطن»)
    opening: frozenset = frozenset()      # the first DAYS_OPENING terms of its lead
    proper: frozenset = frozenset()       # terms of people's names (never a happening's evidence)
    body: frozenset = frozenset()         # the terms of its body's opening (``body_opening``)


def reported_day(record) -> str | None:
    """The day an article reports: a day named at the head of its text (dateline or lead)
    up to REPORTED_BACK days before publication, else the publication day. Later days
    (announcements), older ones (background) and days deep in the text are not it."""
    record = event_source(record)
    published = _day(record.date)
    if not published:
        return None
    pub = _dt.date.fromisoformat(published)
    best = None
    for m in record.date_mentions:
        value, start, _ = _mention(m)
        if start > REPORTED_CHARS or not value or len(value) != 10 or (best and start >= best[0]):
            continue
        day = _day(value)
        since = _SINCE.search(m.before) if m.before else None
        if day and not since and 0 <= (pub - _dt.date.fromisoformat(day)).days <= REPORTED_BACK:
            best = (start, day)
    return best[1] if best else published


def _without_bulletins(dated: list) -> list:
    """Drop recurring bulletins: a headline one source gives on BULLETIN_DAYS or more days
    («نشرة الثامنة», «طقس», «موجز أخبار» once weekday names and numbers are set aside) is
    a column, not a report of a happening, like "this day in history"."""
    days: dict[tuple[str, str], set[str]] = defaultdict(set)
    keys = []
    for record, day, title, _ in dated:
        key = " ".join(w for w in title if not w.isdigit() and w not in _DAY_WORDS)
        keys.append(((record.source or "").strip(), key))
        if key:
            days[keys[-1]].add(day)
    return [item for item, key in zip(dated, keys) if len(days.get(key, ())) < BULLETIN_DAYS]


def _dated(record) -> tuple | None:
    """(record, reported day, headline words, lead words) of an article stories are made
    of; None for one with no day or a retrospective piece. Each article's own: a process
    may work it out ahead of the rest (``prepared``)."""
    day = reported_day(record)
    if not day:
        return None
    title = _raw_words(record.title or "")
    lead = _raw_words(_lead(record)[:LEAD_CHARS])[:LEAD_TOKENS]
    return None if is_retrospective(record, " ".join(title + lead)) else (record, day, title, lead)


def prepared(projections) -> dict:
    """What ``build_events`` works out of each projection (``EventSource``) on its own, by
    its id, worked out ahead (before the other projections are known): ``build_events``
    takes it for each projection that is the very one here."""
    return {p.id: (p, _dated(p)) for p in projections}


def _documents(records, ahead: dict | None = None) -> list[_Doc]:
    dated = []
    for record in records:
        kept = ahead.get(record.id) if ahead else None
        item = kept[1] if kept is not None and kept[0] is record else _dated(record)
        if item is not None:
            dated.append(item)
    dated = _without_bulletins(dated)
    stem = _Stemmer(words for _, _, title, lead in dated for words in (title, lead))
    texts = [(_terms(title, stem), _terms(lead, stem)) for _, _, title, lead in dated]
    records_kept = [record for record, _, _, _ in dated]
    places = _Places([head + lead for head, lead in texts])
    docs = []
    for i, ((record, day, title, lead), (head, lead_terms)) in enumerate(zip(dated, texts)):
        terms: dict[str, float] = {}
        for word in lead_terms:
            terms[word] = LEAD_WEIGHT
        for word in head:
            terms[word] = HEADLINE_WEIGHT
        label_text, label = _label(record.title or "", stem)
        for kind in ("people", "places", "organisations"):
            for ident in getattr(record, kind, ()) or ():
                terms["@" + ident] = ENTITY_WEIGHT
        known = places.memo  # looked up here: a call per word costs more than the lookup
        names = frozenset(filter(None, (known[t] if t in known else places(t) for t in set(head).union(lead_terms))))
        towns = _towns([stem.terms.get(w, "") for w in title + lead])  # a dropped word breaks «محافظة X»
        lead_bodies = _bodies(lead_terms)
        docs.append(_Doc(i, record, day, _dt.date.fromisoformat(day).toordinal(),
                         (record.source or "").strip(), terms, head=tuple(dict.fromkeys(head)),
                         label=label, label_text=" ".join(_raw_words(label_text)), label_shown=label_text,
                         names=names, opening=frozenset(lead_terms[:DAYS_OPENING]),
                         proper=_proper_terms(title + lead, stem),
                         body=_body_terms(getattr(record, "opening", ()) or (), stem),
                         places=names | towns | {"@" + p for p in record.places or ()} | _bodies(head) | lead_bodies,
                         head_places=_headline_places(record, set(filter(None, map(places, head))))
                         | _bodies(head) | _quoted(record.title or "", stem)
                         | {"#" + _skeleton(t) for t in head if "#" + _skeleton(t) in towns}))
    # A fixed phrase counts once when it names a place: one of its words is in the archive's
    # gazetteer, or in a place mention of an article whose headline uses it.
    candidates = _fixed_phrases([head for head, _ in texts])
    phrases = {(a, b) for a, b in candidates if places(a) or places(b)}
    place_words = set()
    for record, (head, _) in zip(records_kept, texts):
        if record.places and any(b in candidates and b not in phrases for b in zip(head, head[1:])):
            for m in getattr(record, "entity_mentions", ()) or ():
                if m.id in record.places:
                    place_words.update(_spaced_words(m.text or "").split())
    phrases |= {(a, b) for a, b in candidates
                if {a, b, stem(a), stem(b)} & place_words}
    for d, (head, _) in zip(docs, texts):
        d.phrases = frozenset(b for b in zip(head, head[1:]) if b in phrases)
    return docs


def _body_terms(words: tuple, stem) -> frozenset:
    """The terms of a body opening's words (``_terms``), most already in the stemmer's memo."""
    known = stem.terms
    try:
        return frozenset(filter(None, map(known.__getitem__, words)))
    except KeyError:
        _terms([w for w in words if w not in known], stem)  # fills the memo
        return frozenset(filter(None, map(known.__getitem__, words)))


def _fixed_phrases(heads: list[list[str]]) -> set[tuple[str, str]]:
    """Word pairs that headlines use as one name («حفر الباطن»): the pair in PHRASE_MIN
    headlines or more, and in PHRASE_SHARE of the headlines using either word (an event's
    word, «زلزال», «قمة», is used with many places)."""
    words = Counter(chain.from_iterable(map(set, heads)))
    pairs = Counter(chain.from_iterable({b for b in zip(h, h[1:])} for h in heads))
    return {(a, b) for (a, b), n in pairs.items()
            if n >= PHRASE_MIN and n >= PHRASE_SHARE * max(words[a], words[b])}


def _proper_terms(words: list[str], stem) -> frozenset:
    """The terms of a headline and lead in a person's name as Arabic news writes it: after
    a rank or title, around «بن», after «آل» («الرائد محمد بن حسن آل صمغان»). A spokesman
    or an official is named in every report of their kind, on whatever day; what happened
    tells two days' reports of one happening from two happenings. (Places are not here: a
    town that is in the news once, Münster, does name its happening; one that recurs fails
    the recurrence test.)"""
    picked = []
    for k, w in enumerate(words):
        if w in _NAME_LINKS:
            picked.extend(words[max(0, k - 1):k + 3])  # «حامد بن مالح الشمري»
        elif w in _NAME_TITLES:
            picked.extend(words[k + 1:k + 2])
    return frozenset(t for t in _terms(picked, stem) if t not in _NAME_TITLES)


def _towns(terms: list[str]) -> frozenset:
    """The places an article itself names by a word after «محافظة», «بلدة», «مدينة» …
    («شهدت محافظة الحائط»): a town in the news once is in no gazetteer, the archive's
    own included, but its reports say what it is. "#" + skeleton, as ``_Places``. ``terms``
    are the text's words as terms, "" for a word that is none: «المنطقة التي شهدت» names no
    town «شهدت»."""
    if _PLACE_TRIGGERS.isdisjoint(terms):
        return frozenset()
    return frozenset("#" + _skeleton(terms[k + 1]) for k in range(len(terms) - 1)
                     if terms[k] in _PLACE_TRIGGERS and terms[k + 1] and terms[k + 1] not in _PLACE_TRIGGERS
                     and not terms[k + 1].isdigit())


def _bodies(terms: list[str]) -> set[str]:
    """The bodies a text names by a word after «جامعة», «جمعية», «شركة» … (a title such as
    «الملك» in «جامعة الملك خالد» is passed over): "%جامعه:دمم". Job offers, earnings or
    festivals of different bodies share every other word. The name is its skeleton
    (``_skeleton``): «تشيلسي» and «تشلسي» are one club."""
    out = set()
    if _BODY_TRIGGERS.isdisjoint(terms):
        return out
    for k, t in enumerate(terms[:-1]):
        if t in _BODY_TRIGGERS:
            name = terms[k + 1]
            if (name in _HONORIFICS or name in _PLACE_TRIGGERS) and k + 2 < len(terms):
                name = terms[k + 2]  # «جامعة الملك خالد», «أمانة منطقة الرياض»
            if name not in _BODY_TRIGGERS:
                out.add(f"%{t}:{_skeleton(name)}")
    return out


# Guillemets and brackets: plain quotes opening a headline are mostly words quoted for effect
# («"كلمات مؤثرة" قالها…»), not a body's name.
_QUOTED = re.compile(r"«([^»]{2,40})»|\(([^)]{2,40})\)")


def _quoted(title: str, stem) -> set[str]:
    """A short quoted name opening a headline («بناء» تنفق…, (آباء) تنفق…, «المياه الوطنية»
    تطلق…): the Saudi press quotes there the body a piece is about (quotes further on are
    mostly someone's words). "«" + its terms."""
    m = _QUOTED.match(title.strip())
    if not m:
        return set()
    terms = _terms(_raw_words(next(g for g in m.groups() if g)), stem)
    if 1 <= len(terms) <= QUOTED_MAX and not all(t.isdigit() for t in terms):
        return {"«" + " ".join(terms)}
    return set()


def _headline_places(record, named: set[str]) -> frozenset:
    """The places a headline names: the archive's place names among its words, and the
    gazetteer's places whose mention in the text is written in it."""
    out = set(named)
    kept = record.places or ()
    if kept:
        title = f" {' '.join(_raw_words(record.title or ''))} "
        for m in getattr(record, "entity_mentions", ()) or ():
            if m.id in kept and "@" + m.id not in out:
                text = _spaced_words(m.text or "")
                if text.strip() and text in title:
                    out.add("@" + m.id)
    return frozenset(out)


@functools.lru_cache(maxsize=4096)
def _spaced_words(text: str) -> str:
    return f" {' '.join(_raw_words(text))} "


@functools.lru_cache(maxsize=1 << 16)   # pure, and asked ~25 times per distinct word (``_actor_word``)
def _skeleton(name: str) -> str:
    """A name without its long vowels after the first letter: the id of a place however an
    outlet spells it («تورونتو»/«تورنتو», «كابول»/«كابل»). Fewer than three letters left
    tell too little («يورو» would be «ير»): such a name is its own id, spelled one way."""
    short = name[:1] + re.sub("[اوي]", "", name[1:])
    return short if len(short) >= 3 else name


def _vowel_variant(short: str, long: str) -> bool:
    """``long`` is ``short`` with long vowels (ا و ي) added: «كابل» and «كابول», not «جنون»
    and «جنين» (a vowel replaced)."""
    if len(long) <= len(short):
        return False
    k = 0
    for ch in long:
        if k < len(short) and ch == short[k]:
            k += 1
        elif ch not in "اوي":
            return False
    return k == len(short)


class _Places:
    """The archive's own gazetteer: a word that follows «مدينة», «محافظة», «منطقة» … in
    PLACE_NAME_MIN articles' headlines and leads, and in PLACE_NAME_SHARE of the articles
    that use it at all, names a place (Jazan, Najran, Shabwa, Toronto), wherever it then
    appears, and so do its spellings with or without long vowels; words that merely can
    follow them («المنطقة الواقعة») are used far more without. The entity gazetteer names
    countries and capitals; the towns that tell two same-kind happenings apart are mostly
    not in it. Calling it with a term gives the place's id ("#" + skeleton) or None."""

    def __init__(self, texts: list[list[str]]):
        df = Counter(chain.from_iterable(map(set, texts)))
        seen = Counter(chain.from_iterable(
            {terms[k + 1] for k in range(len(terms) - 1) if terms[k] in _PLACE_TRIGGERS
             and terms[k + 1] not in _PLACE_TRIGGERS} for terms in texts))
        self.names = {t for t, n in seen.items()
                      if n >= PLACE_NAME_MIN and n >= PLACE_NAME_SHARE * df[t] and not t.isdigit()}
        self.df = df
        self.by_skeleton: dict[str, list[str]] = defaultdict(list)
        for t in self.names:
            self.by_skeleton[_skeleton(t)].append(t)
        self.memo: dict[str, str | None] = {}

    def __call__(self, term: str) -> str | None:
        if term in self.memo:
            return self.memo[term]
        key = _skeleton(term)
        # A spelling far more common than the name is another word («راس» is not «الرس»).
        hit = term in self.names or any((_vowel_variant(term, p) or _vowel_variant(p, term))
                                         and self.df[term] <= PLACE_VARIANT_DF * self.df[p]
                                         for p in self.by_skeleton.get(key, ()))
        self.memo[term] = out = "#" + key if hit else None
        return out


def _weigh(docs: list[_Doc]) -> None:
    """TF-IDF weights, L2-normalised; common words and each source's furniture dropped."""
    n = len(docs)
    df = Counter()
    by_source = defaultdict(Counter)
    source_size = Counter(d.source for d in docs)
    for d in docs:
        df.update(d.terms.keys())
        by_source[d.source].update(d.terms.keys())
    common = max(COMMON_DF * n, 3)
    # Each term's IDF once (None: too common to count), and each source's furniture.
    idf = {t: (None if c > common and n >= 50 else math.log((n + 1) / c)) for t, c in df.items()}
    furniture = {source: ({t for t, c in counts.items() if c > SOURCE_FURNITURE * source_size[source]}
                          if source and source_size[source] >= 20 else frozenset())
                 for source, counts in by_source.items()}
    for d in docs:
        dropped = furniture[d.source]
        vec = {}
        for term, weight in d.terms.items():
            factor = idf[term]
            if factor is not None and term not in dropped:
                vec[term] = weight * factor
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        d.vector = {t: v / norm for t, v in vec.items()}


def _similarities(docs: list[_Doc], postings=None) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
    """Cosine similarities of articles published within WINDOW_DAYS, through an inverted
    index whose posting lists only hold the window (docs come sorted by day); and for each
    pair, the similarity that may link them (``links``): what one word gives beyond
    TOP_SHARE of the pair's similarity does not count there, so one shared name («الحريري»)
    or one word of the genre («دهس», «انفجار») does not make two articles one story."""
    # term -> [(doc, weight)]; left whole for the caller (``_Recurrence`` reads it)
    postings = defaultdict(list) if postings is None else postings
    low: dict[str, int] = defaultdict(int)  # where each posting list's window starts
    ordinal = [d.ordinal for d in docs]
    edges, links = {}, {}
    for d in docs:
        i, oldest = d.index, d.ordinal - WINDOW_DAYS
        scores: dict[int, float] = {}
        top: dict[int, float] = {}   # the largest part of each score (same keys as ``scores``)
        for term, w in d.vector.items():
            plist = postings[term]
            lo = start = low[term]
            while lo < len(plist) and ordinal[plist[lo][0]] < oldest:
                lo += 1
            if lo != start:
                low[term] = lo
            if len(plist) - lo <= WINDOW_POSTINGS_MAX:
                for j, wj in (plist[lo:] if lo else plist):
                    part = w * wj
                    score = scores.get(j)
                    if score is None:
                        scores[j] = top[j] = part
                    else:
                        scores[j] = score + part
                        if part > top[j]:
                            top[j] = part
            plist.append((i, w))
        for j, score in scores.items():
            decay = DECAY[d.ordinal - ordinal[j]]
            if score * decay >= EDGE_MIN:
                edges[(j, i)] = score * decay
                # one word's share above TOP_SHARE does not count towards linking
                links[(j, i)] = (score - max(0.0, top[j] - TOP_SHARE * score)) * decay
    return edges, links


def _average_linkage(n: int, edges: dict[tuple[int, int], float],
                     links: dict[tuple[int, int], float]) -> list[list[int]]:
    """Agglomerative clustering with average linkage over a sparse graph (missing pairs
    count as 0): merge the closest pair of clusters while their mean similarity is at
    least MERGE_MIN and their closest articles at least LINK_MIN. A merge touches only
    the neighbours of the two clusters."""
    size = [1] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    total: dict[int, dict[int, float]] = defaultdict(dict)   # summed similarity between clusters
    best: dict[int, dict[int, float]] = defaultdict(dict)    # closest pair between clusters
    for (a, b), s in edges.items():
        total[a][b] = total[b][a] = s
        best[a][b] = best[b][a] = links[(a, b)]
    heap = [(-s, a, b) for (a, b), s in edges.items()
            if s >= max(MERGE_MIN, LINK_MIN, SEED_MIN) and links[(a, b)] >= SEED_MIN]
    heapq.heapify(heap)
    alive = set(range(n))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        if abs(total[a].get(b, 0.0) / (size[a] * size[b]) + neg) > 1e-12:
            continue  # stale entry: a newer one for this pair is in the heap
        if size[a] < size[b]:
            a, b = b, a
        alive.discard(b)  # b merges into a
        members[a].extend(members.pop(b))
        for c, s in total.pop(b).items():
            link = best[b][c]
            total[c].pop(b, None)
            best[c].pop(b, None)
            if c == a:
                continue
            total[a][c] = total[c][a] = total[a].get(c, 0.0) + s
            best[a][c] = best[c][a] = max(best[a].get(c, 0.0), link)
        best.pop(b)
        total[a].pop(b, None)
        best[a].pop(b, None)
        size[a] += size[b]
        for c, s in total[a].items():
            avg = s / (size[a] * size[c])
            if avg >= MERGE_MIN and best[a][c] >= LINK_MIN:  # size[a] > 1: no longer a lone pair
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    return [sorted(m) for m in members.values()]


def _prune(cluster: list[int], edges: dict[tuple[int, int], float]) -> list[int]:
    """Drop, one by one, members whose mean similarity to the rest is under PRUNE_REL of the
    cluster's median member: an article attached by one loose link is not the story."""
    members = set(cluster)
    total = {i: 0.0 for i in members}
    for i in cluster:
        for j in cluster:
            if i < j and (i, j) in edges:
                total[i] += edges[(i, j)]
                total[j] += edges[(i, j)]
    while len(members) > PRUNE_FROM:
        ranked = sorted(members, key=lambda i: (total[i], i))
        weakest, median = ranked[0], total[ranked[len(ranked) // 2]]
        if total[weakest] >= PRUNE_REL * median:
            break
        members.discard(weakest)
        for j in members:
            total[j] -= edges.get((min(weakest, j), max(weakest, j)), 0.0)
    return sorted(members)


@functools.cache
def _happenings() -> dict:
    """happenings.yaml, read once (the project's YAML reader, ``yamlfile``)."""
    return load_yaml(HAPPENINGS_PATH.read_text(encoding="utf-8"), HAPPENINGS_PATH.name) or {}


@functools.cache
def _happening_lexicon() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], tuple[str, str]]]:
    """happenings.yaml's kinds: a word's form -> (kind, role), and the same for two words
    that follow each other («الصلاة على»). Forms are normalised, without the article."""
    data = _happenings()
    singles: dict[str, tuple[str, str]] = {}
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for kind, entry in (data.get("kinds") or {}).items():
        for word in entry.get("words") or ():
            forms = tuple(_bare(w)[0] for w in normalize(str(word)).split("_"))
            if len(forms) == 1:
                singles[forms[0]] = (kind, entry["role"])
            else:
                pairs[forms[:2]] = (kind, entry["role"])
    return singles, pairs


def _bare(word: str) -> tuple[str, str]:
    """A normalised word without the article and its proclitics («وبالتفجير» -> «تفجير»),
    and the proclitic letters taken off."""
    for prefix in _ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):], prefix
    return word, ""


# A happening named inside a prepositional phrase is the circumstance of the headline's own
# news («… يزور المصابين في حادث تفجير …», «إدانة دولية لمقتل …», «… بعد الهجوم على …»).
_PREPOSITIONS = frozenset(normalize(w) for w in
                          "في على عن من إلى بعد عقب إثر جراء بسبب حول بشأن ضد خلال منذ".split())


def _happening_kinds(title: str) -> frozenset:
    """The kinds of happening a headline names (happenings.yaml), as (kind, role) pairs; a
    happening's word in a prepositional phrase (after a preposition, one word between at
    most, or with «ب»/«ل» on it) has the role "context". Words are matched without their
    article or one proclitic letter («لمقتل», «وتفجير»)."""
    singles, pairs = _happening_lexicon()
    words = _raw_words(_QUOTES.sub(" ", title))
    found = set()
    for i, word in enumerate(words):
        form, clitic = _bare(word)
        hit = singles.get(form)
        if hit is None and not clitic and len(word) >= 4 and word[0] in "وفبلك":
            form, clitic = word[1:], word[0]
            hit = singles.get(form)
        if hit is None and i + 1 < len(words):
            hit = pairs.get((form, _bare(words[i + 1])[0]))
        if hit is None:
            continue
        if hit[1] == "happening" and (clitic.lstrip("وف")[:1] in ("ب", "ل")
                                      or any(w in _PREPOSITIONS for w in words[max(i - 2, 0):i])):
            hit = (hit[0], "context")
        found.add(hit)
    return frozenset(found)


def _kind_score(kinds: frozenset, shared: set[str], members: int, speaks: bool, reacts: bool) -> float:
    """A headline's title score for the kind of happening it names, in a story of
    REACTION_FROM or more: a side step (the funeral prayer, the photos released) or a
    reaction (a condemnation, a vow of revenge) is not the happening (TITLE_STEP less). In
    a story of KIND_FROM or more, the happening's own kind (``shared``: the story's), named
    as what the headline reports, is the story as a reader names it (TITLE_KIND more, not
    for someone's words: ``speaks``); named only as the circumstance of the headline's own
    news («أمين عسير يزور المصابين في حادث تفجير …»), the headline is a side step too.
    ``reacts``: ``_title_score`` already took TITLE_REACTION off (it is not taken twice)."""
    roles = {role for _, role in kinds}
    if roles & {"step", "reaction"}:
        return 0.0 if reacts else -TITLE_STEP
    if members < KIND_FROM:
        return 0.0
    if any(kind in shared for kind, role in kinds if role == "happening"):
        return 0.0 if speaks else TITLE_KIND
    if any(kind in shared for kind, role in kinds if role == "context"):
        return -TITLE_STEP
    return 0.0


def _title_score(doc: _Doc, centrality: float, members: int = 1) -> float:
    title = normalize(doc.record.title or "").strip()
    score = centrality
    if getattr(doc.record, "title_from", "headline") in ("lead", "file", "none") or title.endswith(("…", "...")):
        score -= 1.0
    if title.startswith(_MEDIA_LABELS):
        score -= 0.5
    if "؟" in title or "?" in title:
        score -= 0.3
    if " / " in title:  # a wire service's slugs («عام / … / إضافة أولى»)
        score -= 0.3
    words = len(title.split())
    if words < 4 or words > 16:  # a bare label, or a sentence rather than a headline
        score -= 0.15
    if _MAY.search(_QUOTED_SPAN.sub(" ", title)):  # a preview of what may happen
        score -= TITLE_FEATURE
    # Quotation marks do not hide a headline's form (… ليفربول "يحلم" بإحراز …).
    title = " ".join(_QUOTES.sub(" ", title).split())
    # A headline that names the happening only as the context of its own news («… بشأن
    # الهجوم على حافلة صعدة», «بعد الصين.. …», «مصدر قضائي لـCNN: …») is a step of the story.
    if _PROFILE.search(title):
        score -= TITLE_PROFILE
    if _FEATURE.search(title):
        score -= TITLE_FEATURE
    if _ASIDE.search(title):
        score -= TITLE_ASIDE
    # In a story of several articles, the others' words about the happening (an official's,
    # a senator's to an outlet, a country's condemnation) are reactions; the headline that
    # reports the happening itself is the title a reader would write.
    if members >= REACTION_FROM and (_SPEAKER.match(title) or _REACTION.search(title)
                                     or members >= SPEAKER_FROM and _speaks(title, doc)):
        score -= TITLE_REACTION
    return score


def _speaks(title: str, doc: _Doc) -> bool:
    """A (normalised) headline that gives someone's words: «ماكرون: …», «وزير دفاع إسرائيل:
    …», «نايف بن ثنيان: …» — a name, an office or a spokesman before the colon. A place before
    it is a dateline («اليمن: …»), a phrase a story's label («اختفاء جمال خاشقجي: …»)."""
    head, colon, _ = title.partition(":")
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in head.split()]
    if not colon or not 1 <= len(words) <= 10:
        return False
    first = words[0]
    if first in _OFFICES or first.removesuffix("ه") in _OFFICES or first in _SPOKESMEN or first in _HONORIFICS:
        return True  # «وزير الخارجية البحريني بعد الصواريخ الإسرائيلية على سوريا: …»
    if len(words) > 4:
        return False
    if len(words) >= 2 and words[1] in _NAME_LINKS:  # «نايف بن ثنيان»
        return True
    if len(words) != 1 or "#" + _skeleton(first) in doc.names:
        return False
    people = set(getattr(doc.record, "people", ()) or ())
    return not any(normalize(m.text).removeprefix("ال") == first
                   for m in getattr(doc.record, "entity_mentions", ()) or () if m.id not in people)


def _headline_vector(d: _Doc) -> dict[str, float]:
    """The headline's own terms and the entities it names, weighted as in the article."""
    title = normalize(d.record.title or "")
    named = {"@" + m.id for m in getattr(d.record, "entity_mentions", ()) or ()
             if getattr(m, "text", "") and normalize(m.text) in title}
    vec = {t: d.vector[t] for t in (*d.head, *named) if t in d.vector}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _cluster_title(docs: list[_Doc], label_days: dict[tuple[str, ...], list[int]] | None = None) -> str:
    """The headline closest to what the *other* members say (the centroid of their headline,
    lead and entity vectors): the story as most of its articles tell it, not the one detail
    a single article is about. In a large cluster, outlets that follow a story for days
    label its headlines («اختفاء جمال خاشقجي: …», «قمة ترامب-كيم: …»): a label that two or
    more members carry and that the days' other articles do not («مونديال روسيا:» heads
    every match report) is the story's own name, and the title unless a headline is
    clearly closer to what the articles say."""
    centroid: dict[str, float] = defaultdict(float)
    for d in docs:
        for t, w in d.vector.items():
            centroid[t] += w
    best, best_score = None, None
    first, last = min(d.ordinal for d in docs), max(d.ordinal for d in docs)
    scored: dict[str, list[float]] = {}
    shown: dict[str, str] = {}
    heads = {d.record.id: _headline_vector(d) for d in docs}
    # A label two members carry is the story's («الحرب في سوريا: …»); a prefix of one
    # headline is mostly a speaker («خطباء مساجد أملج: …», see ``own`` below).
    labels = Counter(d.label for d in docs if d.label)
    kinds = {d.record.id: _happening_kinds(d.record.title or "") for d in docs} if len(docs) >= REACTION_FROM else {}
    # The story's kinds: those KIND_SHARE of its headlines name, as their report or their
    # context (an embassy's opening is not the death toll three of its headlines name).
    named = Counter(kind for k in kinds.values() for kind in {kind for kind, role in k
                                                               if role in ("happening", "context")})
    shared = {kind for kind, n in named.items() if n >= max(2, KIND_SHARE * len(docs))}
    for d in sorted(docs, key=lambda d: d.record.id):
        others = {t: w - d.vector.get(t, 0.0) for t, w in centroid.items()} if len(docs) > 1 else centroid
        size = math.sqrt(sum(w * w for w in others.values())) or 1.0
        headline = sum(w * others.get(t, 0.0) for t, w in heads[d.record.id].items()) / size
        article = sum(w * others.get(t, 0.0) for t, w in d.vector.items()) / size
        # The most central headline: the one the other headlines are told most alike (a
        # side detail, a preview or a profile shares the story's leads, not its headlines).
        medoid = (sum(_dot(heads[d.record.id], heads[o.record.id]) for o in docs if o is not d)
                  / (len(docs) - 1)) if len(docs) > 1 else 0.0
        # Reactions and follow-ups come after the happening and name it plus their own actor.
        later = min(d.ordinal - first, 3) * TITLE_LATER
        score = _title_score(d, TITLE_HEADLINE * headline + (1 - TITLE_HEADLINE) * article - later
                             + TITLE_MEDOID * medoid, len(docs))
        if kinds:
            title = " ".join(_QUOTES.sub(" ", normalize(d.record.title or "")).split())
            # Someone's words, or a headline after a prefix of its own («د. فلان: …»), are
            # not the report the bonus is for.
            own = ":" in title and not (d.label and labels[d.label] >= 2)
            speaks = bool(_SPEAKER.match(title) or _speaks(title, d))
            reacts = bool(_SPEAKER.match(title) or _REACTION.search(title)
                          or len(docs) >= SPEAKER_FROM and _speaks(title, d))
            score += _kind_score(kinds[d.record.id], shared, len(docs), own or speaks, reacts)
        if best_score is None or score > best_score + 1e-9:
            best, best_score = d.record.title.strip(), score
        if d.label and label_days is not None and len(docs) >= LABEL_FROM \
                and not _speaks(normalize(d.label_shown) + ":", d):  # «نائب خادم الحرمين:» speaks
            label = sum(w * others.get(t, 0.0) for t, w in _unit({t: d.vector[t] for t in d.label if t in d.vector}).items())
            scored.setdefault(d.label, []).append(TITLE_HEADLINE * label / size
                                                  + (1 - TITLE_HEADLINE) * article - later)
            shown.setdefault(d.label, d.label_shown)
    candidates = []
    for key, scores in scored.items():
        days = label_days.get(key, [])
        around = bisect_right(days, last + LABEL_DAYS) - bisect_left(days, first - LABEL_DAYS)
        if len(scores) >= 2 and _label_run(days, first, last) >= LABEL_OWN * around:
            candidates.append((max(scores), key))
    if candidates:
        score, key = max(candidates)
        if score >= TITLE_LABEL_REL * best_score:
            best = shown[key]
    return best or short_title(_lead(min(docs, key=lambda d: d.record.id).record))


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _label(title: str, stem) -> tuple[str, tuple[str, ...]]:
    """A headline's story label («قمة ترامب-كيم» in «قمة ترامب-كيم: ما هي الأطعمة…») and its
    terms, or ("", ()) when it has none, it is a media label («فيديو:»), a lone word (a
    country: «تركيا:»), or longer than a label is."""
    head, colon, _ = title.partition(":")
    head = head.strip(" .،-–")
    words = _raw_words(head)
    if not colon or not 2 <= len(words) <= 6 or " ".join(words).startswith(_MEDIA_LABELS):
        return "", ()
    terms = tuple(dict.fromkeys(_terms(words, stem)))
    return (head, terms) if len(terms) >= 2 else ("", ())


def _label_days(docs: list[_Doc]) -> dict[tuple[str, ...], list[int]]:
    """For each headline label (by its terms: «قمة ترامب-كيم» and «قمة ترامب وكيم» are one
    label), the sorted days of the articles that carry it."""
    days: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for d in docs:
        if d.label:
            days[d.label].append(d.ordinal)
    for v in days.values():
        v.sort()
    return days


def _label_run(days: list[int], first: int, last: int) -> int:
    """The uses of a label (``days``, sorted) in its run of days around a story's days: the
    days it heads reports on at most LABEL_GAP apart. A story its outlets follow for weeks
    («اختفاء جمال خاشقجي: …» day after day) may be two clusters, both of its run; a
    competition's name heads separate match days («دوري أبطال أوروبا: …» at the semi-finals,
    then at the final)."""
    lo, hi = bisect_left(days, first), bisect_right(days, last)
    if lo == hi:
        return 0
    while lo > 0 and days[lo] - days[lo - 1] <= LABEL_GAP:
        lo -= 1
    while hi < len(days) and days[hi] - days[hi - 1] <= LABEL_GAP:
        hi += 1
    return hi - lo


def _shared(docs: list[_Doc], kind: str) -> list[str]:
    """Entities named by at least two members (or the only member), most named first."""
    counts = Counter(i for d in docs for i in dict.fromkeys(getattr(d.record, kind, ()) or ()))
    need = 2 if len(docs) > 1 else 1
    return [i for i, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= need]


def _auto_id(docs: list[_Doc]) -> str:
    founders = sorted(docs, key=lambda d: (d.day, d.record.id))[:2]
    digest = hashlib.sha1("|".join(d.record.id for d in founders).encode("utf-8")).hexdigest()[:6]
    return f"{founders[0].day}-{digest}"


def _story(docs: list[_Doc], label_days: dict[tuple[str, ...], list[int]] | None = None) -> Event:
    docs = sorted(docs, key=lambda d: (d.day, d.record.id))
    days = [d.day for d in docs]
    date = days[0] if days[0] == days[-1] else f"{days[0]}/{days[-1]}"
    places = _shared(docs, "places")
    return Event(
        id=_auto_id(docs), title=_cluster_title(docs, label_days), date=date, curated=False,
        place=places[0] if places else None,
        people=_shared(docs, "people"), places=places, organisations=_shared(docs, "organisations"),
        articles=[EventArticle(d.record.id, short_title(_first_sentence(_lead(d.record)), 300), "story")
                  for d in docs],
        sources=list(dict.fromkeys(d.source for d in docs if d.source)),
    )


def _stories(docs: list[_Doc]) -> list[Event]:
    """Every cluster of two or more of ``docs`` as an automatic Event (not yet filtered)."""
    docs.sort(key=lambda d: (d.ordinal, d.record.id))
    for i, d in enumerate(docs):
        d.index = i
    _weigh(docs)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    edges, links = _similarities(docs, postings)
    clusters = [_prune(c, edges) for c in _average_linkage(len(docs), edges, links)]
    clusters = [part for c in clusters for part in _split_disjoint(c, docs, edges)]
    clusters = [part for c in clusters for part in _split_places(c, docs, edges)]
    clusters = [part for c in clusters for part in _anchored(c, docs, edges)]
    recurrence = _Recurrence(docs, postings)
    label_days = _label_days(docs)
    clusters = [part for c in clusters
                for part in _split_days(c, docs, recurrence, _series(c, docs, label_days))]
    clusters = [part for c in clusters for part in _cohere(c, docs, edges)]
    clusters = [part for c in clusters for part in _split_counterparts(c, docs, edges, postings)]
    clusters = [c for c in clusters if _names_a_happening(c, docs, edges, recurrence)]
    vectors = _opening_vectors(docs, {i for c in clusters if 2 <= len(c) <= OPENING_MAX_SIZE for i in c})
    sources = {i: docs[i].source for i in vectors}
    clusters = [c for c in (_close_members(_confirmed(c, vectors, sources), edges) for c in clusters)
                if len(c) >= 2 and not all(_explains(docs[i]) for i in c)
                and not all(_forecast(docs[i]) for i in c)]
    return [_story([docs[i] for i in c], label_days) for c in clusters if len(c) >= 2]


def _opening_vectors(docs: list[_Doc], wanted: set[int]) -> dict[int, dict[str, float]]:
    """TF-IDF vectors (L2-normalised) of the body openings of ``wanted`` docs, with document
    frequencies over every doc's opening (linear in the docs). A word of the headline or
    lead that ``_weigh`` left out (common in the archive, a source's byline or dateline)
    carries nothing here either, nor a word in more than COMMON_DF of the openings."""
    n = len(docs)
    df = Counter(chain.from_iterable(d.body for d in docs))
    common = max(COMMON_DF * n, 3) if n >= 50 else n
    vectors = {}
    for i in wanted:
        d = docs[i]
        terms, kept = d.terms, d.vector
        vec = {t: math.log((n + 1) / df[t]) for t in d.body
               if df[t] <= common and (t in kept or t not in terms)}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[i] = {t: v / norm for t, v in vec.items()}
    return vectors


def _confirmed(cluster: list[int], vectors: dict[int, dict[str, float]], sources: dict[int, str]) -> list[int]:
    """In a story of up to OPENING_MAX_SIZE articles, the members whose body opening is alike
    (cosine of ``_opening_vectors``) to another member's: at least OPENING_CLOSE, and at
    least OPENING_REL as alike as the story's two most alike reports from different sources.
    Two reports of one happening tell its particulars (numbers, names, the thing that
    happened) in their first lines; a second matter of the same actor or place (the IMF's aid
    to a country and air strikes there; two offices' job interviews) shares the actor and the
    genre's words, far less than the two reports share. A member alike to none leaves the
    story (a story left with one member is none); two pieces of one source set no bar (an
    outlet's boilerplate opens both). Articles without an opening are not judged so."""
    if len(cluster) > OPENING_MAX_SIZE:
        return cluster

    def cosine(x: int, y: int) -> float | None:
        a, b = vectors[x], vectors[y]
        if not a or not b:
            return None
        if len(a) > len(b):
            a, b = b, a
        return sum(w * b.get(t, 0.0) for t, w in a.items())

    def alike_to_another(kept: list[int]) -> list[int]:
        alike = {(x, y): cosine(x, y) for x in kept for y in kept if x < y}
        tightest = max((c for (x, y), c in alike.items() if c is not None and sources[x] != sources[y]),
                       default=0.0)
        least = max(OPENING_CLOSE, OPENING_REL * tightest)
        return [x for x in kept if any(c is None or c >= least for (a, b), c in alike.items() if x in (a, b))]
    return _until_none_leaves(cluster, alike_to_another)


def _until_none_leaves(cluster: list[int], staying) -> list[int]:
    """``staying(members)`` (the members that stay) again and again, until none leaves or one
    member is left: a member that leaves may have been the one another stayed for."""
    kept = list(cluster)
    while len(kept) >= 2:
        left = staying(kept)
        if len(left) == len(kept):
            break
        kept = left
    return kept


def _explains(d: _Doc) -> bool:
    """A headline that asks, profiles, explains, previews or analyses («لماذا تعترف …؟»,
    «من هو …», «تعرف على …», «تحليل: …») rather than reports: a story made only of such
    pieces names no happening (two outlets' background on one subject) and is not shown."""
    title = normalize(d.record.title or "")
    return "؟" in title or "?" in title or bool(_PROFILE.search(title) or _FEATURE.search(title))


def _forecast(d: _Doc) -> bool:
    """A headline that names the weather and no happening (happenings.yaml's "forecast"
    kind: «سماء غائمة …», «هطول أمطار رعدية على …», «الأرصاد تتوقع …»): every day's outlook,
    worded differently by each outlet, is no story; rain that floods or kills names its
    happening too."""
    roles = {role for _, role in _happening_kinds(d.record.title or "")}
    return "forecast" in roles and not roles & {"happening", "context"}


def _close_members(cluster: list[int], edges) -> list[int]:
    """In a story of 3 to CLOSE_MAX_SIZE articles, the members close to another member: at
    least CLOSE_MIN alike in headline and lead (``edges``), again until none leaves. Average
    linkage lets a third piece join a pair it is loosely alike to on the whole (the same
    player's hacked account beside two reports of his injury, another aid shipment to the
    same port); two reports of one happening are told alike, as two lone articles must be to
    start a story (SEED_MIN). A story left with one member is none; pairs are not judged
    here (a pair's closeness already made it)."""
    if not 3 <= len(cluster) <= CLOSE_MAX_SIZE:
        return cluster
    return _until_none_leaves(cluster, lambda kept: [
        x for x in kept if any(edges.get((min(x, y), max(x, y)), 0.0) >= CLOSE_MIN for y in kept if y != x)])


def _what(d: _Doc) -> frozenset:
    """The headline's words that say what happened: weighted terms that are not the actor's
    (a person's name, a place, an office, a body's kind)."""
    return frozenset(t for t in d.head if t in d.vector and not _actor_word(t, d))


def _context(d: _Doc) -> frozenset:
    """The weighted terms of a headline and the opening of its lead."""
    return frozenset(t for t in chain(d.head, d.opening) if t in d.vector)


def _agreement(x: _Doc, y: _Doc) -> int:
    """How many words of what happened two articles share: a word of either headline that
    the other's headline or lead opening uses, neither article's actor word, a place's
    two-word name counting once."""
    shared = {t for t in (_what(x) & _context(y)) | (_what(y) & _context(x))
              if not _actor_word(t, x) and not _actor_word(t, y)}
    return len(shared) - sum(1 for a, b in x.phrases | y.phrases if a in shared and b in shared)


def _cohere(cluster: list[int], docs: list[_Doc], edges) -> list[list[int]]:
    """A story is its core and the members that agree with it, not a chain of pairs each
    alike: the core is the member whose headline shares most of what happened with the
    others (``_agreement``), and a member stays only when its headline and the core's
    share CORE_SHARED such words. The members left out form their own stories the same
    way, or leave the event. (Two words, not one, would also drop the reactions a large
    story gathers, each titled by its own actor: measured, recall fell by a twentieth.)"""
    if len(cluster) < 2:
        return [cluster]
    words = {}
    for x in cluster:
        for y in cluster:
            if x < y:
                words[(x, y)] = words[(y, x)] = _agreement(docs[x], docs[y])
    parts, rest = [], list(cluster)
    while len(rest) >= 2:
        def centrality(x):
            return (sum(words[(x, y)] >= CORE_SHARED for y in rest if y != x),
                    sum(words[(x, y)] for y in rest if y != x),
                    sum(edges.get((min(x, y), max(x, y)), 0.0) for y in rest if y != x), -x)
        core = max(rest, key=centrality)
        star = [core] + [y for y in rest if y != core and words[(core, y)] >= CORE_SHARED]
        if len(star) < 2:
            break
        parts.append(sorted(star))
        rest = [y for y in rest if y not in star]
    return parts


def _names_a_happening(cluster: list[int], docs: list[_Doc], edges, recurrence) -> bool:
    """The display gate: a story of up to GATE_MAX_SIZE articles is shown only when each
    member tells it like its core (the member sharing most headline words with the
    others): GATE_ALIKE words of what happened in common (``_agreement``), or one shared
    headline word that is news now: used GATE_BURST times as often a day over the story's
    days as over the DAYS_LOOK days before them, and not on more than GATE_BEFORE of those
    days (in any of its forms; words of people's names aside). What happened has such a
    word (the boat that sank, a town struck, a summit's day); a kind of news (half-year
    profits, job interviews, a charity's Ramadan spending) and an actor (a club, an emir)
    are in the news every week, and pieces that share only those are several matters.
    The articles of a story not shown stay ordinary articles."""
    if len(cluster) > GATE_MAX_SIZE:
        return True
    lo = min(docs[i].ordinal for i in cluster)
    hi = max(docs[i].ordinal for i in cluster)
    shared = {}
    for x in cluster:
        for y in cluster:
            if x < y:
                shared[(x, y)] = shared[(y, x)] = _told_alike(docs[x], docs[y])
    core = max(cluster, key=lambda x: (sum(len(shared[(x, y)]) for y in cluster if y != x),
                                       sum(edges.get((min(x, y), max(x, y)), 0.0) for y in cluster if y != x), -x))

    def news_now(t: str) -> bool:
        return (recurrence.burst(t, lo, hi) >= GATE_BURST
                and recurrence.days_before(t, lo, GATE_BEFORE) <= GATE_BEFORE)

    return all(_agreement(docs[core], docs[y]) >= GATE_ALIKE or any(map(news_now, shared[(core, y)]))
               for y in cluster if y != core)


def _told_alike(x: _Doc, y: _Doc) -> set[str]:
    """Weighted words of either headline that the other's headline or lead opening uses,
    not words of a person's name."""
    hx = {t for t in x.head if t in x.vector}
    hy = {t for t in y.head if t in y.vector}
    return {t for t in (hx & _context(y)) | (hy & _context(x)) if t not in x.proper and t not in y.proper}


def _series(cluster: list[int], docs: list[_Doc], label_days: dict[tuple[str, ...], list[int]]) -> bool:
    """A large cluster that is a series' days, not one story: SERIES_SHARE of its members
    carry a label that heads the series' other reports around them too («مونديال روسيا: …»
    over every match of a World Cup: less than LABEL_OWN of its uses within LABEL_DAYS are
    the cluster's). A story's own label («أزمة السعودية وكندا: …») is mostly its own."""
    if len(cluster) <= DAYS_MAX_SIZE:
        return False
    first = min(docs[i].ordinal for i in cluster)
    last = max(docs[i].ordinal for i in cluster)
    own = Counter(docs[i].label for i in cluster if docs[i].label)
    series = set()
    for label, n in own.items():
        days = label_days.get(label, [])
        around = bisect_right(days, last + LABEL_DAYS) - bisect_left(days, first - LABEL_DAYS)
        if n < LABEL_OWN * around:
            series.add(label)
    return sum(own[label] for label in series) >= SERIES_SHARE * len(cluster)


def _split_days(cluster: list[int], docs: list[_Doc], recurrence: "_Recurrence",
                series: bool = False) -> list[list[int]]:
    """Articles of different days are one happening only when they share what names it:
    words (or a pair of words) that the archive does not use together on other days
    around it. A place, an official, a market or a genre («جازان» and «مقذوف», «ولي العهد»
    and «يبحث», «الأسهم» and «تفتح») recur day after day; the boat that sank on the Nile,
    the 943 fridges, a named inquiry do not. Members of one day stay together; groups of
    days join through such evidence, and the groups so made are the stories. A larger
    cluster is split so only when it is a series' days (``_series``)."""
    if len(cluster) > DAYS_MAX_SIZE and not series or len({docs[i].ordinal for i in cluster}) < 2:
        return [cluster]
    lo = min(docs[i].ordinal for i in cluster)
    hi = max(docs[i].ordinal for i in cluster)
    by_day: dict[int, list[int]] = defaultdict(list)
    for i in cluster:
        by_day[docs[i].ordinal].append(i)
    # Days join as groups (closest first): DAYS_SHARE of the pairs between two groups must
    # share what names a happening, so one coincidental pair does not chain a series, and
    # the groups must be at most DAYS_GAP days apart.
    groups = [sorted(g) for _, g in sorted(by_day.items())]
    same = {(x, y): recurrence.same_happening(docs[x], docs[y], lo, hi)
            for x in cluster for y in cluster if x < y and docs[x].ordinal != docs[y].ordinal}
    while len(groups) > 1:
        best = None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                if min(abs(docs[x].ordinal - docs[y].ordinal) for x in groups[a] for y in groups[b]) > DAYS_GAP:
                    continue
                pairs = [same.get((min(x, y), max(x, y)), False) for x in groups[a] for y in groups[b]]
                share = sum(pairs) / len(pairs)
                if share >= DAYS_SHARE and (best is None or share > best[0]):
                    best = (share, a, b)
        if best is None:
            break
        _, a, b = best
        groups[a] = sorted(groups[a] + groups.pop(b))
    return groups


# Light affixes for a word's family (the forms of one stem): «أخمدت»/«إخماد»/«أخمد»,
# «سندات»/«سند», «إلكترونياً»/«الإلكترونية». Longest first; cut while three letters remain.
_FAMILY_SUFFIXES = ("تين", "تان", "يات", "ات", "ون", "ين", "ان", "يه", "يا", "ها", "هم", "هن", "كم", "نا",
                    "ه", "ي", "ت", "ا")
_FAMILY_PREFIXES = ("است", "مست", "ت", "ي", "ن", "م", "ا")
_NO_LONG_VOWELS = str.maketrans("", "", "اوي")


@functools.lru_cache(maxsize=1 << 18)
def _family(term: str) -> str:
    """A key shared by the forms of one stem: up to two suffixes and one prefix cut (three
    letters kept), then the long vowels after the first letter dropped. It joins forms too
    eagerly at times (it only counts how often a kind of word recurs, so erring that way
    makes joining days stricter, never looser). Numbers are their own family."""
    if term.isdigit():
        return term
    w = term
    for _ in range(2):
        for suf in _FAMILY_SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[:-len(suf)]
                break
        else:
            break
    for pre in _FAMILY_PREFIXES:
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            w = w[len(pre):]
            break
    short = w[:1] + w[1:].translate(_NO_LONG_VOWELS)
    return short if len(short) >= 3 else w


class _Recurrence:
    """Which days around a span use given words together (headline and lead terms that
    carry weight), through the similarity pass's per-term lists of (article, weight) in
    day order; a single word is counted with every form of its family (``_family``)."""

    def __init__(self, docs: list[_Doc], postings: dict[str, list[tuple[int, float]]]):
        self.docs = docs
        self.postings = postings
        self.ordinals: dict[str, list[int]] = {}
        self.memo: dict[tuple, int] = {}
        self.kin: dict[str, list[str]] = defaultdict(list)  # family -> its terms
        for t in postings:
            self.kin[_family(t)].append(t)
        self.family_ords: dict[str, list[int]] = {}

    def _ords(self, term: str) -> list[int]:
        ords = self.ordinals.get(term)
        if ords is None:
            docs = self.docs
            ords = self.ordinals[term] = [docs[j].ordinal for j, _ in self.postings[term]]
        return ords

    def _family_ords(self, term: str) -> list[int]:
        key = _family(term)
        ords = self.family_ords.get(key)
        if ords is None:
            kin = self.kin.get(key) or [term]
            ords = self._ords(kin[0]) if len(kin) == 1 else sorted(chain.from_iterable(map(self._ords, kin)))
            self.family_ords[key] = ords
        return ords

    def other_days(self, terms: tuple[str, ...], lo: int, hi: int) -> int:
        """Days within DAYS_LOOK of [lo, hi], but not next to it, with an article using all
        ``terms`` (counted up to DAYS_OTHER + 1)."""
        key = (terms, lo, hi)
        if key in self.memo:  # the pairs of one cluster ask about the same words and span
            return self.memo[key]
        self.memo[key] = out = self._other_days(terms, lo, hi)
        return out

    def _other_days(self, terms: tuple[str, ...], lo: int, hi: int) -> int:
        rarest = min(terms, key=lambda t: len(self.postings[t]))
        plist, ords = self.postings[rarest], self._ords(rarest)
        seen = set()
        for k in range(bisect_left(ords, lo - DAYS_LOOK), bisect_right(ords, hi + DAYS_LOOK)):
            o = ords[k]
            if lo - 1 <= o <= hi + 1 or o in seen:
                continue
            vec = self.docs[plist[k][0]].vector
            if all(t in vec for t in terms):
                seen.add(o)
                if len(seen) > DAYS_OTHER:
                    break
        return len(seen)

    def family_days(self, term: str, lo: int, hi: int, most: int) -> int:
        """Days within DAYS_LOOK of [lo, hi], but not next to it, with an article using a
        form of ``term``'s family (counted up to ``most`` + 1)."""
        key = ("~", term, lo, hi, most)
        if key in self.memo:
            return self.memo[key]
        ords = self._family_ords(term)
        seen = set()
        for k in range(bisect_left(ords, lo - DAYS_LOOK), bisect_right(ords, hi + DAYS_LOOK)):
            o = ords[k]
            if not lo - 1 <= o <= hi + 1:
                seen.add(o)
                if len(seen) > most:
                    break
        self.memo[key] = len(seen)
        return len(seen)

    def burst(self, term: str, lo: int, hi: int) -> float:
        """How much more often a form of ``term``'s family is used a day in [lo, hi] than
        in the DAYS_LOOK days before it (the day before aside; one use added there, so a
        word new to the archive is not infinitely bursty)."""
        key = ("^", term, lo, hi)
        if key not in self.memo:
            ords = self._family_ords(term)
            inside = bisect_right(ords, hi) - bisect_left(ords, lo)
            before = bisect_left(ords, lo - 1) - bisect_left(ords, lo - DAYS_LOOK)
            self.memo[key] = (inside / (hi - lo + 1)) / ((before + 1) / (DAYS_LOOK - 1))
        return self.memo[key]

    def days_before(self, term: str, lo: int, most: int) -> int:
        """Days in the DAYS_LOOK days before ``lo`` (the day before aside) with an article
        using a form of ``term``'s family (counted up to ``most`` + 1)."""
        key = ("<", term, lo, most)
        if key not in self.memo:
            ords, seen = self._family_ords(term), set()
            for k in range(bisect_left(ords, lo - DAYS_LOOK), bisect_left(ords, lo - 1)):
                seen.add(ords[k])
                if len(seen) > most:
                    break
            self.memo[key] = len(seen)
        return self.memo[key]

    def word_days(self, term: str, lo: int, hi: int, most: int) -> int:
        """Days within DAYS_LOOK of [lo, hi], but not next to it, with an article using
        ``term`` (counted up to ``most`` + 1)."""
        key = ("=", term, lo, hi, most)
        if key not in self.memo:
            ords, seen = self._ords(term), set()
            for k in range(bisect_left(ords, lo - DAYS_LOOK), bisect_right(ords, hi + DAYS_LOOK)):
                if not lo - 1 <= ords[k] <= hi + 1:
                    seen.add(ords[k])
                    if len(seen) > most:
                        break
            self.memo[key] = len(seen)
        return self.memo[key]

    def _evidence(self, terms: tuple[str, ...], lo: int, hi: int) -> bool:
        return (self.other_days(terms, lo, hi) <= DAYS_OTHER
                and (len(terms) > 1 or self.family_days(terms[0], lo, hi, DAYS_OTHER) <= DAYS_OTHER))

    def same_happening(self, x: _Doc, y: _Doc, lo: int, hi: int) -> bool:
        """Whether a word of either headline that the other article uses, alone or with
        another such headline word, is rare on other days around them (alone: in any of its
        forms). Words of people's names are no evidence (a spokesman is in every report
        of his kind), and a pair's words must not be common on other days: a genre's word
        («مقذوف») and any word of one report are rare together by chance. Both words of a
        pair are headline words: two days' reports of a genre share many words of their
        leads' openings, and one headline word with one of those is a coincidence one day
        in a month («انخفاض» and «تداولات»: two days' market closes), not a happening."""
        heads = set(x.head).union(y.head)
        opening = heads.union(x.opening, y.opening)
        proper = x.proper | y.proper
        named = sorted((t for t in x.vector if t in y.vector and t in opening and t in heads and t not in proper),
                       key=lambda t: (len(self.postings[t]), t))[:DAYS_TERMS]
        for t in named:
            if self._evidence((t,), lo, hi):
                return True
        for a in named:
            if self.word_days(a, lo, hi, DAYS_PAIR_WORD) > DAYS_PAIR_WORD:
                continue
            for b in named:
                if a < b and self.word_days(b, lo, hi, DAYS_PAIR_OTHER) <= DAYS_PAIR_OTHER \
                        and self._evidence((a, b), lo, hi):
                    return True
        return False


def _anchored(cluster: list[int], docs: list[_Doc], edges) -> list[list[int]]:
    """Members join when their headlines share HEADLINE_SHARED words or their articles are
    close (ANCHOR_CLOSE): outlets reporting one happening title it alike. The groups so
    joined are the stories (several town festivals of one week are several); a piece
    that joins none is related coverage (the same person's other news) and is left out.
    Clusters larger than ANCHOR_MAX_SIZE stay whole: reactions are titled every which way.
    In a cluster of up to ANCHOR_ACTOR articles, words naming the actor (``_actor_word``)
    are not counted, and closeness needs a headline word beyond them too: one official's
    two visits, one club's two transfers share the actor's name and title, all of their
    lead's opening included, and nothing of what happened."""
    if len(cluster) < 2 or len(cluster) > ANCHOR_MAX_SIZE:
        return [cluster]
    actor = len(cluster) <= ANCHOR_ACTOR
    heads = {i: {t for t in docs[i].head if not (actor and _actor_word(t, docs[i]))} for i in cluster}
    links = _Links(cluster)
    for x in cluster:
        for y in cluster:
            if x >= y:
                continue
            shared = _shared_words(docs[x], docs[y], heads)
            if shared >= HEADLINE_SHARED or (edges.get((x, y), 0.0) >= ANCHOR_CLOSE and (shared or not actor)):
                links.join(x, y)
    return [sorted(g) for g in links.groups(cluster).values() if len(g) >= 2]


class _Links:
    """Union-find over a cluster's members: the groups that links between members make.
    A group is keyed by its root member (callers break ties by it)."""

    def __init__(self, members):
        self.parent = {i: i for i in members}

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, x: int, y: int) -> None:
        self.parent[self.root(x)] = self.root(y)

    def groups(self, members) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = defaultdict(list)
        for i in members:
            groups[self.root(i)].append(i)
        return groups


def _actor_word(term: str, doc: _Doc) -> bool:
    """A headline word that names who acts or where, not what happened: a person's name,
    a place, an office or a body's kind («وكيل إمارة الباحة», «أمير عسير», «محافظ …»)."""
    return (term in doc.proper or term in _OFFICES or term in _PLACE_TRIGGERS or term in _BODY_TRIGGERS
            or term in _HONORIFICS or "#" + _skeleton(term) in doc.names)


def _shared_words(x: _Doc, y: _Doc, heads) -> int:
    """Words two headlines share, a place's two-word name both use («حفر الباطن») counting
    once: a town's name alone does not make two pieces one happening."""
    shared = heads[x.index] & heads[y.index]
    return len(shared) - sum(1 for a, b in x.phrases & y.phrases if a in shared and b in shared)


def _split_disjoint(cluster: list[int], docs: list[_Doc], edges) -> list[list[int]]:
    """Two happenings that share only the day and the genre's words (two bombings, two
    matches of one round) name different people, places and organisations: when the
    members that name any fall into groups with no entity in common, each group is its
    own story, and a member naming none goes with the group it is closest to."""
    if len(cluster) < 2:
        return [cluster]
    named = {i: {t for t in docs[i].vector if t.startswith("@")} | docs[i].names for i in cluster}
    holders = [i for i in cluster if named[i]]
    links = _Links(holders)
    owner: dict[str, int] = {}
    for i in holders:
        for e in named[i]:
            if e in owner:
                links.join(i, owner[e])
            else:
                owner[e] = i
    groups = links.groups(holders)
    if sum(len(g) >= DISJOINT_GROUP for g in groups.values()) < 2:
        return [cluster]
    parts = {r: list(g) for r, g in groups.items()}
    for i in cluster:
        if named[i]:
            continue
        near = max(parts, key=lambda r: (sum(edges.get((min(i, j), max(i, j)), 0.0) for j in groups[r]), -r))
        parts[near].append(i)
    # Groups that still say the same words (one attack, condemned by different capitals)
    # stay together: the gazetteer does not name everything.
    pieces = [sorted(p) for p in parts.values()]
    merged = True
    while merged and len(pieces) > 1:
        merged = False
        for x in range(len(pieces)):
            for y in range(x + 1, len(pieces)):
                if _mean_similarity(pieces[x], pieces[y], edges) >= DISJOINT_KEEP:
                    pieces[x] = sorted(pieces[x] + pieces.pop(y))
                    merged = True
                    break
            if merged:
                break
    return pieces


def _split_places(cluster: list[int], docs: list[_Doc], edges) -> list[list[int]]:
    """Same-kind happenings in different towns (projectiles on Jazan and on Najran, two
    fronts of one offensive, vacancies of two towns' offices, dust storms in two towns
    their leads call «محافظة …») are titled by their towns:
    two members whose headlines name places, neither of which the other article names
    anywhere, report different happenings. Members are grouped by compatible headline
    places; a member whose headline names none goes with the group it is closest to, and a
    lone member whose town no other names leaves the event."""
    holders = [i for i in cluster if docs[i].head_places]
    if len(holders) < 2:
        return [cluster]
    links = _Links(holders)
    for x in holders:
        for y in holders:
            if x < y and (_names_in(docs[x].head_places, docs[y]) or _names_in(docs[y].head_places, docs[x])):
                links.join(x, y)
    groups = links.groups(holders)
    if len(groups) < 2:
        return [cluster]
    for i in cluster:
        if not docs[i].head_places:
            near = max(groups, key=lambda r: (sum(edges.get((min(i, j), max(i, j)), 0.0) for j in groups[r]
                                                  if docs[j].head_places), -r))
            groups[near].append(i)
    return [sorted(g) for g in groups.values()]


@functools.cache
def _counterpart_lexicon() -> tuple[frozenset, dict[str, frozenset]]:
    """happenings.yaml's ``counterparts``, read once (normalised): the verbs whose object is
    the other party, and each preposition with the words that make it introduce one."""
    data = _happenings().get("counterparts") or {}
    direct = frozenset(normalize(str(w)) for w in data.get("direct") or ())
    after = {normalize(str(p)): frozenset(normalize(str(w)) for w in words or ())
             for p, words in (data.get("after") or {}).items()}
    return direct, after


_CLAUSE = re.compile(r"\.\.|[:،؛\-–]")


def _counterpart(d: _Doc) -> list[str]:
    """The terms by which a headline names the other party of its meeting, call, visit,
    match or delivery (happenings.yaml's ``counterparts``): up to COUNTERPART_WORDS weighted
    words after such a verb or preposition, until a function word («… يلتقي ترامب في 20
    مارس» gives «ترامب»); the first such party of the headline, or none."""
    direct, after = _counterpart_lexicon()
    for clause in _CLAUSE.split(normalize(d.record.title or "")):
        words = _raw_words(clause)
        for i, word in enumerate(words):
            if not (word in direct or (word in after and any(w in after[word] for w in words[max(0, i - 3):i]))):
                continue
            party = []
            for w in words[i + 1:i + 1 + COUNTERPART_WORDS]:
                if w in _STOPWORDS or w in direct or w in after:
                    break
                term = next((t for t in (w, _bare(w)[0], w[1:] if w[:1] in "وفبلك" else "") if t in d.vector), None)
                if term and not term.isdigit():
                    party.append(term)
            if party:
                return party
    return []


def _split_counterparts(cluster: list[int], docs: list[_Doc], edges, postings) -> list[list[int]]:
    """One actor's meetings with two parties, one donor's flights to two places, two matches
    of one round (the housing minister with the labour minister and at the customs; relief
    planes to Aden and to Albania) share the actor, the kind and most words: what tells
    them apart is the other party. Two members of a cluster of up to COUNTERPART_MAX whose
    headlines name other parties (``_counterpart``, each by its rarest word in the archive),
    neither of which the other article names in its headline, lead or body opening, report
    different happenings. Members are grouped by compatible parties; a member whose
    headline names none goes with the group of the member it is closest to. Two reports of
    one meeting both name its party somewhere in their first lines."""
    if not 2 <= len(cluster) <= COUNTERPART_MAX:
        return [cluster]
    party = {}
    for i in cluster:
        words = _counterpart(docs[i])
        if words:
            party[i] = min(words, key=lambda t: (len(postings.get(t, ())), t))
    holders = sorted(party)
    if len(holders) < 2:
        return [cluster]

    def names(term: str, d: _Doc) -> bool:
        return term in d.terms or term in d.body
    links = _Links(holders)
    for x in holders:
        for y in holders:
            if x < y and (names(party[x], docs[y]) or names(party[y], docs[x])):
                links.join(x, y)
    groups = links.groups(holders)
    if len(groups) < 2:
        return [cluster]
    for i in cluster:
        if i not in party:  # the closest holder, not the larger group: a sum favours the larger
            near = max(groups, key=lambda r: (max(edges.get((min(i, j), max(i, j)), 0.0) for j in groups[r] if j in party), -r))
            groups[near].append(i)
    return [sorted(g) for g in groups.values()]


def _names_in(names, doc: _Doc) -> bool:
    """Whether ``doc`` names one of ``names``: a place or body it names, or a quoted name
    all of whose words it uses (outlets quote a body's name in headlines only)."""
    for n in names:
        if n in doc.places:
            return True
        if n.startswith("«") and all(t in doc.terms for t in n[1:].split()):
            return True
    return False


def _mean_similarity(a: list[int], b: list[int], edges) -> float:
    """Mean similarity of the pairs between ``a`` and ``b`` (within ``a`` when a is b)."""
    total, pairs = 0.0, 0
    for x in a:
        for y in b:
            if (a is b and x >= y) or x == y:
                continue
            total += edges.get((min(x, y), max(x, y)), 0.0)
            pairs += 1
    return total / pairs if pairs else 1.0


def find_stories(records) -> list[Event]:
    """Every cluster of two or more articles as an automatic Event (not yet filtered)."""
    return _stories(_documents(records))


# --- stable ids ---------------------------------------------------------------------------


def _inherit_ids(stories: list[Event], previous) -> set[str]:
    """Keep the ids of the last build: a story holding most of an old automatic event's
    articles takes its id; other old ids redirect to the story holding most of theirs.
    Returns the automatic ids the last build published."""
    if not previous or not isinstance(previous, list):
        return set()
    old = []
    for item in previous:
        if not isinstance(item, dict) or item.get("curated") is True:
            continue
        ident = item.get("id")
        arts = item.get("articles")
        if not isinstance(ident, str) or not AUTO_ID.fullmatch(ident) or not isinstance(arts, list):
            continue
        redirects = [r for r in item.get("redirect_from") or [] if isinstance(r, str)]
        old.append((ident, {a for a in arts if isinstance(a, str)}, redirects))
    where = {}
    for k, story in enumerate(stories):
        for a in story.article_ids():
            where[a] = k
    votes = []
    for ident, arts, redirects in old:
        held = Counter(where[a] for a in arts if a in where)
        for k, count in held.items():
            votes.append((-count, ident, k, count * 2 > len(arts)))
    votes.sort()
    taken_story, placed = set(), set()
    by_id = {ident: (arts, redirects) for ident, arts, redirects in old}
    new_ids = {}
    for _, ident, k, majority in votes:
        if majority and k not in taken_story and ident not in placed:
            taken_story.add(k)
            placed.add(ident)
            new_ids[k] = ident
    for k, ident in new_ids.items():
        stories[k].id = ident
        stories[k].redirect_from.extend(by_id[ident][1])
    for _, ident, k, _ in votes:
        if ident in placed:
            continue
        placed.add(ident)
        if stories[k].id != ident:
            stories[k].redirect_from.extend([ident] + by_id[ident][1])
    return {ident for ident, _, _ in old}


def _unique_ids(events: list[Event]) -> None:
    taken = set()
    for e in events:
        ident, n = e.id, 2
        while ident in taken:
            ident, n = f"{e.id}-{n}", n + 1
        e.id = ident
        taken.add(ident)
        e.redirect_from = [r for r in dict.fromkeys(e.redirect_from) if r != e.id]


# --- overrides -----------------------------------------------------------------------------


def _apply_overrides(stories: list[Event], overrides: list[AutoOverride], docs_by_id, where: str,
                     warnings: list[str], forced: set[int]) -> list[Event]:
    by_id = {e.id: e for e in stories}
    redirect = {r: e.id for e in stories for r in e.redirect_from}
    suppressed = set()

    def find(ident):
        ident = redirect.get(ident, ident)
        return by_id.get(ident)

    for o in overrides:
        label = f"{where}: automatic event '{o.id}' (entry {o.entry})"
        event = find(o.id)
        if event is None:
            warnings.append(f"{label}: this build has no automatic event with that id (its articles may "
                            f"have changed); the entry is ignored — check events.json for the current id")
            continue
        for other_id in o.merge:
            other = find(other_id)
            if other is None:
                warnings.append(f"{label}: cannot merge '{other_id}': this build has no automatic event "
                                f"with that id; ignored")
                continue
            if other is event:
                continue
            known = set(event.article_ids())
            event.articles.extend(a for a in other.articles if a.article_id not in known)
            event.articles.sort(key=lambda a: (docs_by_id[a.article_id].day, a.article_id))
            event.redirect_from.extend([other.id] + other.redirect_from)
            for r in [other.id] + other.redirect_from:
                redirect[r] = event.id
            _refresh_story(event, docs_by_id)
            del by_id[other.id]
        if o.split:
            moved = [a for a in event.articles if a.article_id in o.split]
            missing = [i for i in o.split if i not in {a.article_id for a in moved}]
            if missing:
                warnings.append(f"{label}: 'split' names articles that are not in this event: "
                                f"{', '.join(missing)}; they are ignored")
            if moved and len(moved) < len(event.articles):
                event.articles = [a for a in event.articles if a.article_id not in o.split]
                piece = _story([docs_by_id[a.article_id] for a in moved])
                forced.add(id(piece))  # the curator made it: shown whatever its size
                _refresh_story(event, docs_by_id)
                while piece.id in by_id:
                    piece.id += "-2"
                by_id[piece.id] = piece
            elif moved:
                warnings.append(f"{label}: 'split' would take every article out of the event; ignored")
        if o.title:
            event.title = o.title
        if o.description:
            event.description = o.description
        if o.place:
            event.place = o.place
            if o.place not in event.places:
                event.places.insert(0, o.place)
        for p in o.people:
            if p not in event.people:
                event.people.append(p)
        if o.suppress:
            suppressed.add(event.id)
    return [e for e in by_id.values() if e.id not in suppressed]


def _refresh_story(event: Event, docs_by_id) -> None:
    """Recompute dates, entities and sources after articles moved (id and title stay)."""
    docs = [docs_by_id[a.article_id] for a in event.articles]
    fresh = _story(docs)
    event.date = fresh.date
    event.people = list(dict.fromkeys(event.people + fresh.people)) if event.curated else fresh.people
    event.places, event.organisations, event.sources = fresh.places, fresh.organisations, fresh.sources
    event.place = event.place if event.place in event.places else fresh.place


# --- the stage ----------------------------------------------------------------------------


def event_sources(records, curated_entries, where: str = "events.yaml") -> list[EventSource]:
    """The built records as the events stage reads them (``event_source``): ``build_events``
    of these equals ``build_events`` of the records."""
    return _projected(records, read_events_yaml(curated_entries, where).events)


def curated_days(curated_entries, where: str = "events.yaml") -> tuple:
    """The curated events' dates: with a record, all that its projection depends on."""
    return tuple(e.date for e in read_events_yaml(curated_entries, where).events)


def _projected(records, curated: list) -> list[EventSource]:
    days = tuple(e.date for e in curated)
    return [event_source(r, days) for r in records if getattr(r, "status", "built") == "built"]


def build_events(records, curated_entries, *, previous=None, min_articles: int = 2,
                 min_sources: int = 2, where: str = "events.yaml", ahead: dict | None = None) -> EventsResult:
    """Curated and automatic events with their articles; see the module docstring.
    ``ahead``: ``prepared`` of (some of) the projections, the same result sooner."""
    # Many small dicts and tuples are made here and none form cycles; the cyclic collector
    # would rescan every record of the archive again and again (cost growing faster than
    # the archive), so it pauses for this stage and resumes as it was.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build_events(records, curated_entries, previous, min_articles, min_sources, where, ahead)
    finally:
        if paused:
            gc.enable()


def _build_events(records, curated_entries, previous, min_articles, min_sources, where, ahead) -> EventsResult:
    curated = read_events_yaml(curated_entries, where)
    records = _projected(records, curated.events)
    warnings = list(curated.warnings)
    events = [Event(**{**e.__dict__, "articles": [], "people": list(e.people), "places": list(e.places),
                       "redirect_from": list(e.redirect_from)}) for e in curated.events]
    _match_curated(records, events)

    docs = _documents(records, ahead)
    docs_by_id = {d.record.id: d for d in docs}
    stories = _stories(docs)
    published = _inherit_ids(stories, previous)
    _unique_ids(stories)

    # A curated event with an automatic event's id takes that story's place.
    curated_by_id = {e.id: e for e in events}
    kept = []
    for story in stories:
        owner = curated_by_id.get(story.id)
        if owner is not None:
            warnings.append(f"{where}: event '{owner.id}' has the id of an automatic event; the curated "
                            f"entry takes its place and its {len(story.articles)} articles (to only rename "
                            f"the automatic event, write 'automatic: {owner.id}' with 'title:' instead)")
            _absorb(owner, story, published)
            continue
        kept.append(story)
    forced: set[int] = set()
    stories = _apply_overrides(kept, curated.overrides, docs_by_id, where, warnings, forced)

    # A story most of whose articles a curated event already holds is that event.
    shown = []
    for story in stories:
        ids = set(story.article_ids())
        owner = max(events, key=lambda e: (len(ids & set(e.article_ids())), e.id), default=None)
        if owner is not None and len(ids & set(owner.article_ids())) * 2 >= len(ids):
            _absorb(owner, story, published)
            continue
        if id(story) in forced or (len(story.articles) >= min_articles and len(story.sources) >= min_sources):
            shown.append(story)
    events = [e for e in events] + shown
    _unique_ids(events)
    events.sort(key=lambda e: (e.start, e.end, e.id))
    article_events: dict[str, list[str]] = {}
    for event in events:
        for a in event.article_ids():
            article_events.setdefault(a, []).append(event.id)
    return EventsResult(events, article_events, warnings)


def _absorb(owner: Event, story: Event, published: set[str]) -> None:
    """``owner`` (curated) takes the story's articles; its published ids redirect there."""
    known = set(owner.article_ids())
    owner.articles.extend(a for a in story.articles if a.article_id not in known)
    old = ([story.id] if story.id in published else []) + story.redirect_from
    owner.redirect_from.extend(r for r in old if r != owner.id)
