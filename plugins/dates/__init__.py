"""Stage 3, dates: the publication date and every date the text mentions, resolved to ISO.
Pure; ``plugins.enrich`` calls ``core``; pages call ``core.format_date_ar`` / ``hijri_ar``."""
