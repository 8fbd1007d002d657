"""Stage 7, search: the Pagefind index of the records (hosted) and its ``file://`` capable
twin (offline). ``plugins.site`` drives ``build.SearchBuild``."""
