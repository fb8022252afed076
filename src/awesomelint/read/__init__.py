"""The reader: the text of a list -> its typed tree (DESIGN.md steps 1-2), in stages, one module each:

1. ``source``: a file's bytes -> text (decoding, with a clear reason when it cannot be read);
2. ``tokens``: text -> markdown-it's tokens, with the exact position of every inline piece;
3. ``blocks``: tokens -> blocks and sections (headings, lists, tables, HTML, tables of contents);
4. ``entries``: where in those blocks an entry starts and where it ends; ``kinds`` says whether it is a
   paper or a resource and what each of its links is for;
5. ``fields``: an entry's title, authors, venue, date and links (helped by ``title``, ``authors``,
   ``dates`` and ``badges``).

``read(text) -> Document`` runs them all. The model imports nothing of the reader.
"""

from __future__ import annotations

from .blocks import forget_reading, read, reading

__all__ = ["forget_reading", "read", "reading"]
