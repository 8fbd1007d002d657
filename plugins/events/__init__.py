"""Stage 5, events: curated events (events.yaml) and stories found across the records.
Pure; ``plugins.site`` calls ``core.build_events`` once every record is made."""
