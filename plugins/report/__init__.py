"""Stage 8, report: what was built, skipped and warned, and what a curator should do next.
Pure; ``plugins.site`` fills it from the records and writes it."""
