"""The link checker (DESIGN.md step 7): fetching (``checker``), the address guard, bodies and page
titles, and the cache. What it finds, and its options, are plain data in ``evidence``."""
