"""`verify` and `add`: paper entries checked against bibliographic records (DBLP, arXiv, Crossref,
Semantic Scholar), and papers added in the list's own style.

Nothing here is imported unless `verify`, `check --verify`, `fix --verify`, `add` or `export` runs.
The rules (AL801-AL807) read the outcome through ``evidence.records`` only, which has no network
code."""
