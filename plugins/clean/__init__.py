"""Stage 2, clean: raw blocks -> title, lead, body blocks, source, section, dateline, and
every removed line with its reason. Pure; ``plugins.enrich`` calls ``core.clean_article``."""
