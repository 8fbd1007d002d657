"""Stage 1, read: the input plan (which files are articles, their ids, sidecars, manifests)
and one input file decoded into raw blocks. Pure; ``plugins.enrich`` calls it."""
