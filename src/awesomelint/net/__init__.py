"""The HTTP machinery that the link checker and `verify` share: politeness gates per host,
Retry-After and time bounds, and the small JSON cache files both keep."""

CACHE_FOLDER = ".awesomelint-cache"  # beside the configuration; holds links.json and records.json
