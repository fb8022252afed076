"""The HTTP machinery that the link checker and `verify` share: politeness gates per host,
Retry-After and time bounds, the HTTP/1.1 transport, and the small JSON cache files both keep."""
