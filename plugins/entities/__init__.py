"""Entities glue: people, places and organisations of each article from the gazetteers.

Matching runs on the cleaned title and text only. Sets: people, places, organisations
(ids in order of first mention) and entity_mentions (spans into ``text``). Sidecar lists
win over detection.
"""

import logging

from pelican import signals
from pelican.contents import Article

from ..readers.data import data_path
from ..report.core import build_state, report_for
from .gazetteer import load_gazetteer

log = logging.getLogger("arshif.entities")

KIND_KEYS = {"person": "people", "place": "places", "organisation": "organisations"}


def gazetteer_for(settings):
    state = build_state(settings)
    if "gazetteer" not in state:
        gazetteer, warnings = load_gazetteer(data_path(settings))
        for warning in warnings:
            log.warning("%s", warning)
            report_for(settings).warn(warning)
        state["gazetteer"] = gazetteer
    return state["gazetteer"]


def _entities(instance):
    doc = getattr(instance, "arshif_input", None)
    if not isinstance(instance, Article) or doc is None or not hasattr(instance, "text"):
        return
    gazetteer = gazetteer_for(instance.settings)
    found = {"people": [], "places": [], "organisations": []}
    spans = []
    # Title and body are one article for the weak-alias rule; spans are kept for the body.
    offset = len(instance.title) + 2
    for m in gazetteer.find_mentions(instance.title + "\n\n" + instance.text):
        key = KIND_KEYS[m.kind]
        if m.entity_id not in found[key]:
            found[key].append(m.entity_id)
        if m.start >= offset:
            spans.append({"id": m.entity_id, "kind": m.kind, "start": m.start - offset,
                          "end": m.end - offset, "text": m.text})
    for key in found:
        given = doc.given.get(key)
        if given:
            ids = [str(i) for i in (given if isinstance(given, list) else [given])]
            unknown = [i for i in ids if i not in gazetteer.entities]
            for i in unknown:
                message = f"{doc.file}: sidecar {key} id '{i}' is not in the gazetteer; add it to content/data/{key}.yaml"
                log.warning("%s", message)
                report_for(instance.settings).article_warning(doc.file, message)
            found[key] = [i for i in ids if i in gazetteer.entities]
    spans = [s for s in spans if s["id"] in found[KIND_KEYS[s["kind"]]]]
    instance.people, instance.places, instance.organisations = found["people"], found["places"], found["organisations"]
    instance.entity_mentions = spans


def register():
    signals.content_object_init.connect(_entities)
