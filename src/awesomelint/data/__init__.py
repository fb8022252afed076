"""The built-in data tables (venues, heading typos) as Python modules: a regular install keeps them
byte-compiled, so a run loads them without parsing (TOML cost six milliseconds a start, the time a
pre-commit hook pays on every run)."""
