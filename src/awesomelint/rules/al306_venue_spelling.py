from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..entry_facts import crowded
from ..model import Entry, Venue

# Words that qualify a venue without naming another one: `EMNLP 2022 Findings`, `CVPR 2023 (Oral)`.
# (A workshop has a name of its own: `INFOCOM Workshops` and `Workshop on X at ACL` are two venues.)
_QUALIFIER = re.compile(r"\b(findings|oral|spotlight|poster)\b", re.IGNORECASE)
_GLUED_YEAR = re.compile(r"(?<=[A-Za-z])(?=(?:19|20)\d{2}\b)")  # `ACL2023`: AL301's concern, not the form's
_YEAR = re.compile(r"(?<![\w'])(?:'\d{2}|(?:19|20)\d{2})(?!\w)")
_MARKUP = re.compile(r"[*_\[\]]+")
_ABBREVIATED = re.compile(r"\b[A-Z][a-z]*\.\s+$")
_GENERIC = frozenset(
    {"workshop", "workshops", "findings", "conference", "journal", "transactions", "proceedings", "of", "on"}
)


@rule(
    "AL306",
    "venue-spelling",
    "A known venue written in another case (`Arxiv`: once for the list, however often), or one "
    "qualified venue written several ways (`EMNLP 2022 Findings`, `Findings of EMNLP 2022`)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("venues", "consistency"),
)
def venue_spelling(ctx: Context) -> Iterator[Diagnostic]:
    # (when known, only the entries a finding can be about: a miscased venue's, or one qualified as
    # another entry's venue is)
    spelling = functools.partial(_spelling, ctx, {})
    entries = crowded(ctx.document, "venue spellings", spelling)
    written = [
        (entry, entry.venue)
        for entry in (ctx.document.iter_entries() if entries is None else entries)
        if entry.venue is not None and not entry.venue.in_badge and not _in_link_text(entry, entry.venue)
    ]
    yield from _miscasings(ctx, [venue for _, venue in written])
    yield from _qualified_forms(ctx, written)


def _miscasings(ctx: Context, venues: list[Venue]) -> Iterator[Diagnostic]:
    """One finding per miscased spelling, at its first use, with a fix for every use."""
    uses: dict[str, list[Venue]] = {}
    text = ctx.document.text
    miscased: dict[str, bool] = {}  # (by name: a list writes a few hundred names, each many times)
    for venue in venues:
        name = venue.name.text
        if name not in miscased:
            right = ctx.settings.venues.miscasing(name)
            miscased[name] = right is not None and not _only_generic_words(name, right)
        if not miscased[name]:
            continue
        if _ABBREVIATED.search(text, max(0, venue.name.span.start - 12), venue.name.span.start):
            continue  # `Int. J. Comput. Vis.`: the end of an abbreviated journal name, no venue of its own
        uses.setdefault(name, []).append(venue)
    for name, found in uses.items():
        right = ctx.settings.venues.miscasing(name) or name
        canonical = ctx.settings.venues.canonical_name(name)
        habit = ctx.style.venue_spellings.get(canonical) if canonical else None
        if habit is not None and habit.value.casefold() == name.casefold():
            right = habit.value  # of the right casings (`Interspeech`, `INTERSPEECH`), the list's
        count = f"{len(found)} entries write" if len(found) > 1 else "one entry writes"
        message = f"`{name}` is `{right}` written in another case ({count} it)"
        edits = [Edit(v.name.span.start, v.name.span.end, right) for v in found]
        yield ctx.report(found[0].name.span, message, ctx.fix(f"write `{right}` ({len(found)}x)", *edits))


def _spelling(ctx: Context, known: dict[str, bool], entry: Entry) -> tuple[tuple[str, str], ...]:
    """What the findings pair the entry's venue by: its miscased name (held twice: a finding even
    alone) and its qualifier. (``known``: whether each name is miscased, as this run found it: a
    list writes a few hundred names, each many times.)"""
    venue = entry.venue
    if venue is None or venue.in_badge or _in_link_text(entry, venue):
        return ()
    name = venue.name.text
    miscased = known.get(name)
    if miscased is None:
        right = ctx.settings.venues.miscasing(name)
        miscased = known[name] = right is not None and not _only_generic_words(name, right)
    form = _form(venue)
    return (
        *((("miscased", name),) * 2 if miscased else ()),
        *((("qualified", form[0]),) if form is not None else ()),
    )


def _in_link_text(entry: Entry, venue: Venue) -> bool:
    """A venue read from a link's text (`[arxiv](...)`): a label, written as labels are."""
    name = venue.name.span
    return any(link.span.start < name.start and name.end < link.url_span.start for link in entry.links)


def _only_generic_words(name: str, right: str) -> bool:
    """Whether the cases differ only in words any venue may have (`ICLR workshop`)."""
    differ = [w for w, r in zip(name.split(), right.split(), strict=False) if w != r]
    return bool(differ) and all(w.casefold() in _GENERIC for w in differ)


def _form(venue: Venue) -> tuple[str, str] | None:
    """The qualifier and how the venue is written around it: `V Y (Q)`, `Q of V Y`, `V Q Y`."""
    return _written_form(venue.raw) if venue.year is not None else None


@functools.lru_cache(maxsize=2**14)  # lists write a few hundred venues, each many times, on each run
def _written_form(raw: str) -> tuple[str, str] | None:
    text = _MARKUP.sub("", raw).strip().rstrip(".,;:").strip()
    qualifiers = _QUALIFIER.findall(text)
    if len(qualifiers) != 1:
        return None
    shape = _YEAR.sub("Y", _QUALIFIER.sub("Q", _GLUED_YEAR.sub(" ", text)))
    shape = re.sub(r"[^\sYQ(),:'-]+(?:\s+[^\sYQ(),:'-]+)*", "V", shape)
    shape = re.sub(r"\bV\s+of\s+V\b|\bof\s+V\b", "of V", shape)
    return qualifiers[0].casefold(), " ".join(shape.split())


def _qualified_forms(ctx: Context, written: list[tuple[Entry, Venue]]) -> Iterator[Diagnostic]:
    """Each qualified venue written unlike the list's first (and most common) way for that qualifier."""
    forms: dict[str, dict[str, list[Venue]]] = {}
    for _, venue in written:
        found = _form(venue)
        if found is not None:
            forms.setdefault(found[0], {}).setdefault(found[1], []).append(venue)
    for shapes in forms.values():
        if len(shapes) < 2:
            continue
        # the most common shape wins; between equals, the one the list wrote first
        usual = max(shapes.values(), key=len)
        example = usual[0]
        for shape_uses in shapes.values():
            if shape_uses is usual:
                continue
            for venue in shape_uses:
                message = (
                    f"`{_MARKUP.sub('', venue.raw).strip()}` is written unlike "
                    f"`{_MARKUP.sub('', example.raw).strip()}` (line {example.span.start_line}, "
                    f"{len(usual)} of {sum(map(len, shapes.values()))} such venues)"
                )
                yield ctx.report(venue.span, message, related=example.span)
