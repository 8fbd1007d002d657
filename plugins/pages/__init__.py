"""Stage 6, pages: pure views (``views.py``: records in, page contexts out) and a writer with
one method per page kind (``writer.py``). ``plugins.site`` calls them."""
