"""Stage 4, entities: people, places and organisations from the curated gazetteers, with
their mention spans. Pure; ``plugins.enrich`` calls ``gazetteer.Gazetteer.find_mentions``."""
