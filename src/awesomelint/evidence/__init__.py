"""What the network found, as plain data for the rules and the fixer: link results and link keys
(``links``), bibliographic records and verifications (``records``) and how records are matched with
entries (``matching``), and the options that say how the link checker and `verify` ask
(``link_options``, ``verify_options``). Nothing here touches the network: the link checker
(``links/``), `verify` (``verify/``) and their HTTP machinery (``net/``) do, and `check` imports none
of them unless it is asked to fetch."""

CACHE_FOLDER = ".awesomelint-cache"  # beside the configuration; holds links.json and records.json
