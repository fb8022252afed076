"""`verify` and `add`: paper entries checked against bibliographic records (DBLP, arXiv, Crossref,
Semantic Scholar), and papers added in the list's own style.

Nothing here is imported unless `verify`, `check --verify`, `fix --verify` or `add` runs. The rules
(AL801-AL806) read the outcome through ``record.Verifications`` only, which has no dependencies."""
