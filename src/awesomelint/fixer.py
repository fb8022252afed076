"""The fixer (DESIGN.md step 6): apply fixes to a fixpoint, prove the list is the same list, write
atomically.

Fixes are plain data (text edits). Each pass runs the rules that can fix something on the text,
takes every applicable fix whose edits overlap no fix already taken, applies them, and runs them
again, until nothing fixable is left; the other rules run once, on the result. Before the result is
accepted, a semantic guard re-parses it and compares it with the input entry by entry.
"""

from __future__ import annotations

import bisect
import contextlib
import errno
import glob
import itertools
import operator
import os
import re
import stat
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from .diagnostic import Applicability, ChangesLink, Diagnostic, Edit, Fix, Intent, StartsEntry
from .engine import Checked, Settings, rerun_rules, split_for_fixing, with_the_rest
from .entry_facts import moved_entries
from .evidence.links import link_key
from .model import Document, Entry, Link
from .read import forget_reading, read, reading
from .read.blocks import references
from .read.reread import Change, read_edited
from .read.source import InputError, SourceFile
from .render import EditedSection
from .rules._duplicates import normalized_url
from .text import BOM
from .venues import INTERCHANGEABLE_PREPRINTS

if TYPE_CHECKING:
    from .evidence.links import LinkResult
    from .evidence.records import Verifications

MAX_PASSES = 12


class FixError(Exception):
    """The fixer could not produce a trustworthy result; nothing was written."""


@dataclass
class FixResult:
    original: str
    text: str
    fixed: Counter[str] = field(default_factory=Counter)  # rule code -> findings fixed
    remaining: list[Diagnostic] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)  # fixes left out: the guard refused them
    passes: int = 0

    @property
    def changed(self) -> bool:
        return self.text != self.original


def _overlaps(edit: Edit, other: Edit) -> bool:
    if edit.start == edit.end and other.start == other.end:
        return edit.start == other.start  # (which of two insertions at one point goes first?)
    if edit.start == edit.end or other.start == other.end:
        # An insertion conflicts with an edit that replaces around it. At either end of the replaced
        # text it is no conflict: it lands before or after what replaces it, as it would land in a
        # later pass.
        insertion, replaced = (edit, other) if edit.start == edit.end else (other, edit)
        return replaced.start < insertion.start < replaced.end
    return edit.start < other.end and other.start < edit.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (offsets into ``text``)."""
    parts: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[cursor : edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)


def _applicable(diagnostic: Diagnostic, unsafe: bool) -> Fix | None:
    fix = diagnostic.fix
    if fix is None or fix.applicability is Applicability.NONE:
        return None
    if fix.applicability is Applicability.UNSAFE and not unsafe:
        return None
    return fix


class _Taken:
    """Edits already chosen, sorted by position: none overlaps another, so a new edit need only be
    compared with its neighbours (a bisect, not a scan of every edit taken)."""

    def __init__(self) -> None:
        self._edits: list[Edit] = []
        self._starts: list[int] = []

    def overlaps(self, edit: Edit) -> bool:
        index = max(bisect.bisect_left(self._starts, edit.start) - 1, 0)
        while index < len(self._edits) and self._starts[index] <= edit.end:
            if _overlaps(edit, self._edits[index]):
                return True
            index += 1
        return False

    def add(self, edit: Edit) -> None:
        index = bisect.bisect_right(self._starts, edit.start)
        self._starts.insert(index, edit.start)
        self._edits.insert(index, edit)


def _choose(text: str, diagnostics: Sequence[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """Fixes to apply together in one pass: each whole, none overlapping another, none a no-op.
    The first finding wins a conflict; the loser is fixed in a later pass if still needed."""
    taken = _Taken()
    chosen: list[Diagnostic] = []
    for diagnostic in diagnostics:
        fix = _applicable(diagnostic, unsafe)
        if fix is None or all(text[e.start : e.end] == e.replacement for e in fix.edits):
            continue
        edits: Sequence[Edit] = fix.edits
        if len(edits) > 1:  # (most fixes make one edit)
            edits = sorted(edits, key=lambda e: (e.start, e.end))
            if any(_overlaps(a, b) for a, b in itertools.pairwise(edits)):
                continue
        if any(taken.overlaps(edit) for edit in edits):
            continue
        for edit in edits:
            taken.add(edit)
        chosen.append(diagnostic)
    return chosen


class Refusal(NamedTuple):
    """A fix the guard would not apply (it is left out; its finding remains for a person)."""

    diagnostic: Diagnostic
    reason: str


# Which fixes are at fault for a problem the checks found, and why.
_Fault = tuple[list[Diagnostic], str]


def _touching(chosen: Sequence[Diagnostic], low: int, high: int) -> list[Diagnostic]:
    """The fixes with an edit in ``[low, high]`` of the text they edit (an insertion at either end
    counts)."""
    return [
        d for d in chosen if d.fix is not None and any(e.start <= high and e.end >= low for e in d.fix.edits)
    ]


# A link reference definition (`[label]: url`) changes how links read anywhere in the list.
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)


def _changed_stretches(
    before: str,
    after: str,
    boundaries: tuple[Sequence[int], Sequence[int]],
    replaced: Sequence[tuple[int, int]],
    inserted: Sequence[tuple[int, int]],
) -> set[int] | None:
    """The stretches between entry starts whose text the edits changed; None (all of them) when an
    edit touches a link reference definition. A stretch whose text is the same reads the same: its
    blocks are what they were (the entry guard has the same entries in the same places), and so
    are the links in it when the reference definitions are."""
    for text, spans in ((before, replaced), (after, inserted)):
        if "]:" not in text:
            continue  # (most lists define no reference)
        for start, end in spans:
            low, high = text.rfind("\n", 0, start) + 1, text.find("\n", end) + 1 or len(text)
            if text.find("]:", low, high) >= 0 and _REFERENCE_DEFINITION.search(text[low:high]):
                return None
    old, new = [0, *boundaries[0], len(before)], [0, *boundaries[1], len(after)]
    return {
        index
        for index in range(len(old) - 1)
        if old[index + 1] - old[index] != new[index + 1] - new[index]  # (most edits change the length)
        or before[old[index] : old[index + 1]] != after[new[index] : new[index + 1]]
    }


def _edited_sections(document: Document, edits: Sequence[Edit]) -> list[EditedSection] | None:
    """The sections whose own text the sorted ``edits`` change (from the line after a heading
    written with `#` to the next such heading), when the edits change nothing else and these hold
    at most a third of the text: then they alone are read again and compared (reading the whole
    text again costs less than reading most of it a section at a time)."""
    text = document.text
    if not edits or "\r" in text or text.startswith(BOM):
        return None
    headings = sorted(
        start
        for start in (section.span.start for section in document.iter_sections())
        if text.startswith("#", start) and text[start - 1 : start] in ("", "\n")
    )
    sections: list[EditedSection] = []
    shift, covered = 0, 0
    for edit in edits:
        index = bisect.bisect_right(headings, edit.start) - 1
        start = text.find("\n", headings[index]) + 1 if index >= 0 else 0
        end = headings[index + 1] if index + 1 < len(headings) else len(text)
        if index < 0 or start == 0 or not (start <= edit.start and edit.end <= end):
            return None
        if not sections or sections[-1].old_start != start:
            covered += end - start
            if 3 * covered > len(text):
                return None  # (as soon as it is known)
            sections.append(EditedSection(start, end, start + shift, end + shift, [], []))
        sections[-1].replaced.append((edit.start, edit.end))
        sections[-1].inserted.append((edit.start + shift, edit.start + shift + len(edit.replacement)))
        shift += len(edit.replacement) - (edit.end - edit.start)
        sections[-1] = sections[-1]._replace(new_end=end + shift)
    return sections


def _rendering_faults(
    before: Document,
    after: Document,
    chosen: Sequence[Diagnostic],
    edits: Sequence[Edit],
    edited: Sequence[EditedSection] | None = None,
) -> list[_Fault]:
    """Safe fixes must leave what a reader sees alone outside the spans they replace (render.py). A
    change is traced to the fixes in the stretch of text (from one entry to the next) where it is.
    ``edits`` are the fixes' edits, sorted. With the ``edited`` sections (all the text the fixes
    changed), only those are compared."""
    from .render import changed_rendering, changed_rendering_in

    replaced, inserted, shift = [], [], 0
    for edit in edits:
        replaced.append((edit.start, edit.end))
        inserted.append((edit.start + shift, edit.start + shift + len(edit.replacement)))
        shift += len(edit.replacement) - (edit.end - edit.start)
    starts = [sorted(map(_SPAN_START, document.iter_entries())) for document in (before, after)]
    boundaries = (starts[0], starts[1]) if len(starts[0]) == len(starts[1]) else ([], [])
    readings = (reading(before), reading(after))
    only = _changed_stretches(before.text, after.text, boundaries, replaced, inserted)
    if only is not None and len(only) > len(boundaries[0]):
        only = None  # every stretch changed: no need to ask
    defined = references(before) if edited is not None else None
    found = None
    if edited is not None and defined is not None:
        found = changed_rendering_in(before.source, after.source, edited, defined, boundaries, only)
    if found is None:
        found = changed_rendering(before.text, after.text, replaced, inserted, readings, boundaries, only)
    faults: list[_Fault] = []
    for segment, problem in found:
        if segment is None:
            faults.append((list(chosen), problem))
            continue
        low = boundaries[0][segment - 1] if segment else 0
        high = boundaries[0][segment] - 1 if segment < len(boundaries[0]) else len(before.text)
        faults.append((_touching(chosen, low, high) or list(chosen), problem))
    return faults


def _faults(
    before: Document,
    after: Document,
    chosen: Sequence[Diagnostic],
    edits: Sequence[Edit],
    settings: Settings,
    links: Mapping[str, LinkResult] | None,
    records: Verifications | None,
    edited: Sequence[EditedSection] | None = None,
) -> list[_Fault]:
    """What is wrong with ``after``, the text of ``before`` with ``chosen`` fixes applied (their
    ``edits``, sorted), each with the fixes that can be at fault: those in the entry or stretch of
    text where the problem is, or all of them when it is not in one place. ``edited``: the sections
    the fixes changed, when they changed nothing else (`_edited_sections`)."""
    faults: list[_Fault] = []
    entries = list(before.iter_entries())
    intents = [intent for d in chosen if d.fix for intent in d.fix.intents]
    for problem in _entry_problems(before, after, settings, links, records, intents):
        entry = entries[problem.entry] if problem.entry is not None else None
        if entry is not None:
            suspects = _touching(chosen, entry.span.start, entry.span.end)
        elif problem.counted:
            suspects = _entry_count_suspects(before, after, chosen, edits)
        else:  # text between entries (where a fix started one), or the whole list
            suspects = [d for d in chosen if any(_touching([d], low, high) for low, high in problem.places)]
        faults.append((_blamed(suspects, problem) or suspects or list(chosen), problem.message))
    if not faults and all(d.fix is not None and d.fix.applicability is Applicability.SAFE for d in chosen):
        faults = _rendering_faults(before, after, chosen, edits, edited)
    return faults


def _refusal_key(diagnostic: Diagnostic) -> tuple[str, int, tuple[str, ...]]:
    """A refused fix as a later pass finds it again: its rule, where its first edit starts (moved
    as other fixes land, `_moved`) and what it writes."""
    assert diagnostic.fix is not None
    edits = sorted(diagnostic.fix.edits, key=lambda e: (e.start, e.end))
    return diagnostic.code, edits[0].start, tuple(e.replacement for e in edits)


def _moved(offsets: Sequence[int], edits: Sequence[Edit], after_insertions: bool = True) -> list[int]:
    """Where the ascending ``offsets`` of a text are once the sorted ``edits`` are applied to it: an
    insertion at an offset lands before it (or after it, without ``after_insertions``); an offset
    inside a replaced span moves to the replacement's start."""
    moved, shift, index = [], 0, 0
    for offset in offsets:
        while index < len(edits) and (
            edits[index].end < offset
            or (edits[index].end == offset and (after_insertions or edits[index].start < offset))
        ):
            shift += len(edits[index].replacement) - (edits[index].end - edits[index].start)
            index += 1
        inside = index < len(edits) and edits[index].start < offset
        moved.append(edits[index].start + shift if inside else offset + shift)
    return moved


def _entry_count_suspects(
    before: Document, after: Document, chosen: Sequence[Diagnostic], edits: Sequence[Edit]
) -> list[Diagnostic]:
    """When the fixed list holds more or fewer entries: the fixes in the entries whose start the
    sorted ``edits`` (of the ``chosen`` fixes) did not carry to an entry start, and in those where
    a new entry starts."""
    old = sorted(before.iter_entries(), key=_SPAN_START)
    starts = [entry.span.start for entry in old]
    lows, highs = _moved(starts, edits, after_insertions=False), _moved(starts, edits)
    new_starts = sorted(entry.span.start for entry in after.iter_entries())
    places = []
    for entry, low, high in zip(old, lows, highs, strict=True):
        found = bisect.bisect_left(new_starts, low)
        if found == len(new_starts) or new_starts[found] > high:
            places.append((entry.span.start, entry.span.end))  # gone, or grown into another
    for start in new_starts:
        index = bisect.bisect_right(lows, start) - 1
        if index < 0 or start > highs[index]:  # a new entry, within the old entry before it
            low, high = (old[index].span.start, old[index].span.end) if index >= 0 else (0, len(before.text))
            places.append((low, high))
    return [d for d in chosen if any(_touching([d], low, high) for low, high in places)]


def _apply_checked(
    document: Document,
    chosen: Sequence[Diagnostic],
    settings: Settings,
    links: Mapping[str, LinkResult] | None,
    records: Verifications | None,
) -> tuple[Document | None, list[Diagnostic], list[Edit], list[Refusal]]:
    """Apply ``chosen`` to ``document``, leaving out each fix the checks refuse. Returns the fixed
    document (None if no fix was applied), the fixes applied, their edits (sorted) and those
    refused. Where a problem
    has several suspects, the later half waits for the next pass and the rest is tried again, so a
    fix is refused only when it is at fault alone."""
    pending, refused = list(chosen), list[Refusal]()
    earlier, written = document, list[Edit]()  # the text of the attempt before, and its edits
    while pending:
        edits = sorted((e for d in pending if d.fix for e in d.fix.edits), key=lambda e: (e.start, e.end))
        text = apply_edits(document.text, edits)
        safe = all(d.fix is not None and d.fix.applicability is Applicability.SAFE for d in pending)
        edited = _edited_sections(document, edits) if safe else None
        if safe and edited is None:
            # the rendering guard compares markdown-it's readings of the whole texts: kept, and
            # the paragraphs the edits left alone taken from the document's
            fixed = read(text, keep_reading=True, earlier=reading(document), changes=_changes([], edits))
        else:  # only the sections where this attempt's text differs from the one before are read
            fixed = read_edited(earlier, text, _changes(written, edits))
        faults = _faults(document, fixed, pending, edits, settings, links, records, edited)
        if not faults:
            return fixed, pending, edits, refused
        if earlier is not document:
            forget_reading(earlier)
        earlier, written = fixed, edits
        left_out: set[int] = set()
        for suspects, reason in faults:
            if len(suspects) == 1:
                if id(suspects[0]) not in left_out:  # one refusal per fix, with its first reason
                    refused.append(Refusal(suspects[0], reason))
                left_out.add(id(suspects[0]))
            else:
                left_out.update(id(d) for d in suspects[(len(suspects) + 1) // 2 :])
        pending = [d for d in pending if id(d) not in left_out]
    return None, [], [], refused


def _changes(written: Sequence[Edit], edits: Sequence[Edit]) -> list[Change]:
    """The changes that turn a text into the next attempt's, both made from one text by sorted
    edits: the text by ``written`` (none: it is that text), the next by ``edits``, some of them.
    In the offsets of the text: an edit left out now is written back."""
    if not written:
        return [Change(e.start, e.end, len(e.replacement)) for e in edits]
    kept = {id(edit) for edit in edits}
    changes, shift = [], 0
    for edit in written:
        length = len(edit.replacement)
        if id(edit) not in kept:
            changes.append(Change(edit.start + shift, edit.start + shift + length, edit.end - edit.start))
        shift += length - (edit.end - edit.start)
    return changes


def fix_text(
    text: str,
    settings: Settings | None = None,
    unsafe: bool = False,
    links: Mapping[str, LinkResult] | None = None,
    document: Document | None = None,
    scope: Callable[[str, Document], Callable[[list[Diagnostic]], list[Diagnostic]]] | None = None,
    records: Verifications | None = None,
    report: bool = True,
) -> FixResult:
    """Fix everything fixable in ``text`` (``document`` is its parse, when the caller has it).
    A fix the guard refuses is left out and listed in ``refused``; the others are applied. Raise
    FixError only if the result as a whole cannot be trusted. ``scope`` limits each pass to the
    findings its filter keeps for that pass's text (`fix --since`: those in what the change
    introduced). Without ``report`` what remains is not looked for (``remaining`` is empty): the
    rules that cannot fix anything do not run at all (an editor's fix, which wants the text)."""
    settings = settings or Settings()
    result = FixResult(original=text, text=text)
    before = document if document is not None else read(text, keep_reading=True)
    document = before
    refused_keys: set[tuple[str, int, tuple[str, ...]]] = set()
    intended = _Intended(before)
    # (the rules that cannot fix anything run once, on the result: a pass's fixes do not need them)
    fixing, rest = split_for_fixing(settings, unsafe, before) or (settings, None)
    checked: Checked | None = None  # each pass's rules run again only where the pass before edited
    for _ in range(MAX_PASSES):
        in_scope = scope(result.text, document) if scope is not None else None  # before the rules
        checked = rerun_rules(document, fixing, links, records, checked.earlier if checked else None)
        diagnostics = checked.findings
        if in_scope is not None:
            diagnostics = in_scope(diagnostics)
        fixed = None
        while fixed is None:
            candidates = [
                d
                for d in diagnostics
                if not refused_keys or d.fix is None or _refusal_key(d) not in refused_keys
            ]
            chosen = _choose(result.text, candidates, unsafe)
            if not chosen:
                break
            document.source.forget_lines()  # (the rules are done with this text's lines)
            fixed, applied, edits, refused = _apply_checked(document, chosen, settings, links, records)
            refused_keys.update(_refusal_key(refusal.diagnostic) for refusal in refused)
            result.refused.extend(refused)
        if fixed is None:
            if rest is not None and report:
                diagnostics = with_the_rest(document, checked, rest, links, records)
                diagnostics = in_scope(diagnostics) if in_scope is not None else diagnostics
            result.remaining = diagnostics if report else []
            break
        result.passes += 1
        places = sorted(refused_keys, key=lambda key: key[1])  # moved in one walk over the edits
        moved = _moved([start for _, start, _ in places], edits)
        refused_keys = {(code, start, writes) for (code, _, writes), start in zip(places, moved, strict=True)}
        intended.add(applied, edits, fixed, settings, links, records)
        forget_reading(document)
        result.text = fixed.text
        result.fixed.update(d.code for d in applied)
        document = fixed
    else:
        raise FixError(f"fixes did not settle after {MAX_PASSES} passes; please report this list")
    forget_reading(document)
    intended.check(document, settings, links, records)
    result.refused.sort(key=lambda refusal: refusal.diagnostic.span.start)  # in the list's order
    return result


# -- the semantic guard -------------------------------------------------------------------------------


class _Intended:
    """The final guard: the result compared with the input, with what the applied fixes declared
    they change moved back to the input's offsets. A pass that starts entries ends one comparison
    and begins the next, so that a later fix to a started entry is compared with that entry."""

    def __init__(self, start: Document) -> None:
        self.start = start
        self.passes: list[list[Edit]] = []  # the edits of each pass since ``start``, sorted
        self.starts: list[Intent] = []  # in the offsets of ``start``
        self.links: dict[int, ChangesLink] = {}  # by where the address starts

    def add(
        self,
        applied: Sequence[Diagnostic],
        edits: list[Edit],
        fixed: Document,
        settings: Settings,
        links: Mapping[str, LinkResult] | None,
        records: Verifications | None,
    ) -> None:
        """Record a pass: its ``applied`` fixes, their sorted ``edits`` and the ``fixed`` result."""
        intents = sorted((i for d in applied if d.fix for i in d.fix.intents), key=lambda i: i.at)
        for earlier in reversed(self.passes):
            offsets = _moved_back([intent.at for intent in intents], earlier)
            intents = [intent._replace(at=at) for intent, at in zip(intents, offsets, strict=True)]
        for intent in intents:
            known = self.links.get(intent.at)
            if not isinstance(intent, ChangesLink):
                self.starts.append(intent)
            elif known is not None and _link_key(known.new) == _link_key(intent.old):
                self.links[intent.at] = known._replace(new=intent.new)  # the same link changed again
            else:
                self.links[intent.at] = intent
        self.passes.append(edits)
        if any(isinstance(intent, StartsEntry) for intent in intents):
            self.check(fixed, settings, links, records)

    def check(
        self,
        document: Document,
        settings: Settings,
        links: Mapping[str, LinkResult] | None,
        records: Verifications | None,
    ) -> None:
        """Compare ``document`` with the text before the passes recorded since the last check."""
        if len(self.passes) > 1:  # a single pass was compared with its own input
            guard(self.start, document, settings, links, records, [*self.starts, *self.links.values()])
        self.start, self.passes, self.starts, self.links = document, [], [], {}


def _moved_back(offsets: Sequence[int], edits: Sequence[Edit]) -> list[int]:
    """Where the ascending ``offsets`` of the text the sorted ``edits`` wrote were before them (the
    inverse of `_moved`): an offset inside written text goes to the start of what it replaced."""
    moved, shift, index = [], 0, 0
    for offset in offsets:
        while index < len(edits) and edits[index].start + shift + len(edits[index].replacement) <= offset:
            shift += len(edits[index].replacement) - (edits[index].end - edits[index].start)
            index += 1
        inside = index < len(edits) and edits[index].start + shift < offset
        moved.append(edits[index].start if inside else offset - shift)
    return moved


def _venue_key(entry: Entry, settings: Settings) -> tuple[str, int | None] | None:
    if entry.venue is None:
        return None
    name = entry.venue.name.text
    canonical = settings.venues.canonical_name(name) or " ".join(name.split())
    if canonical in INTERCHANGEABLE_PREPRINTS:
        canonical = "arXiv"  # AL302 may unify CoRR and arXiv, and nothing else
    return canonical.casefold(), entry.year


def _link_key(url: str) -> str:
    return normalized_url(url) or url.strip()


def _describe(entry: Entry) -> str:
    title = entry.title.text if entry.title else "(untitled)"
    return f"entry `{title}` (line {entry.span.start_line})"


_START = operator.attrgetter("start")
_URL_START = operator.attrgetter("url_span.start")
_SPAN_START = operator.attrgetter("span.start")
_VISIBLE = re.compile(r"[^\ufeff \t\r\n]")  # what a text left empty by the fixes may not hold
_WORD = re.compile(r"[^\W_]+")  # letters and digits: markup, punctuation and spacing are not words


def _words(text: str, entry: Entry, changing: Sequence[str]) -> Counter[str]:
    """The words of an entry as written, apart from its marker, its link addresses (compared as
    links) and the ``changing`` fields, which the other checks compare: `venue` (its name and
    year, not what else the venue's markup holds), `title`, `authors`. Case is not compared here
    (a fix may write `Python` for `python`): the title and the authors are compared exactly."""
    return Counter(map(str.casefold, _word_list(text, entry, changing)))


def _fields(entry: Entry) -> tuple[object, ...]:
    """What the guard compares of an entry (its title, authors, link addresses, venue and year), as
    read: equal for two entries that the checks of `_entry_problems` find alike."""
    venue, date = entry.venue, entry.date
    return (
        entry.title.text if entry.title else None,
        entry.authors.names if entry.authors else None,
        [link.url for link in entry.links],
        (venue.raw, venue.name.text, venue.year.text if venue.year else None) if venue else None,
        date.text if date else None,
    )


def _word_list(text: str, entry: Entry, changing: Sequence[str]) -> list[str]:
    """The words `_words` counts, in order and as written."""
    return _WORD.findall(_compared_text(text, entry, changing))


def _compared_text(text: str, entry: Entry, changing: Sequence[str]) -> str:
    """The entry's text that `_words` takes its words from: the parts between the cuts, each ended
    by a space (no word runs across a cut)."""
    cut = [entry.marker_span, *(link.url_span for link in entry.links)]
    venue = entry.venue
    if "venue" in changing and venue is not None:
        cut += [venue.name.span] + ([venue.year.span] if venue.year is not None else [])
    if "title" in changing and entry.title is not None:
        cut.append(entry.title.span)
    if "authors" in changing and entry.authors is not None:
        cut.append(entry.authors.span)
    cut.sort(key=_START)
    parts = []
    cursor, end = entry.span.start, entry.span.end
    for span in cut:
        start = span.start
        if start >= cursor:
            parts.append(text[cursor : start if start < end else end])
        if span.end > cursor:
            cursor = span.end
    parts.append(text[cursor:end])
    return " ".join(parts)


class _Problem(NamedTuple):
    """How a fixed list does not hold the same entries: the entry (its index in the list before,
    None for the whole list), what changed, and where in the text before (``places``) or with
    what words written in (``added``), to tell which of an entry's fixes did it."""

    entry: int | None
    message: str
    places: tuple[tuple[int, int], ...] = ()
    added: frozenset[str] = frozenset()
    counted: bool = False  # the entries are more or fewer


def _blamed(suspects: Sequence[Diagnostic], problem: _Problem) -> list[Diagnostic]:
    """The suspects whose edits replace one of the problem's places or write one of its words."""
    return [
        d
        for d in suspects
        if d.fix is not None
        and any(
            any((e.start < end and start < e.end) or start <= e.start < end for start, end in problem.places)
            or not problem.added.isdisjoint(map(str.casefold, _WORD.findall(e.replacement)))
            for e in d.fix.edits
        )
    ]


def _changed_field(
    a: Entry,
    group: Sequence[Entry],
    settings: Settings,
    records: Verifications | None,
    link_keys: Callable[[Sequence[Link], bool], list[str]],
) -> tuple[_Problem | None, list[str]]:
    """Whether the first field of entry ``a`` that the fixed ``group`` (its entry, then those split
    off it) changes unexplained is a problem; and the fields the words compared leave out."""
    b = group[0]
    checks = (
        ("title", a.title.text if a.title else None, b.title.text if b.title else None),
        ("authors", a.authors.names if a.authors else None, b.authors.names if b.authors else None),
        ("links", link_keys(a.links, True), [key for part in group for key in link_keys(part.links, False)]),
        ("venue", _venue_key(a, settings), _venue_key(b, settings)),
    )
    changing: list[str] = []
    for name, old_value, new_value in checks:
        if old_value == new_value:
            changing += [name] if name == "venue" else []  # another spelling of the same venue
        elif records and records.explains(name, a, b, settings.venues):
            changing.append(name)
        elif len(group) > 1 and name in ("authors", "venue"):
            continue  # read apart from the entry that ran into it (every word is compared below)
        else:
            change = f"{old_value!r} -> {new_value!r}"
            message = f"{_describe(a)}: the fix would change its {name} ({change})"
            return _Problem(None, message, _field_places(a, name)), changing
    return None, changing


def _entry_problems(
    before: Document,
    after: Document,
    settings: Settings,
    links: Mapping[str, LinkResult] | None = None,
    records: Verifications | None = None,
    intents: Sequence[Intent] = (),
) -> list[_Problem]:
    """How ``after`` does not hold the same entries as ``before``, apart from the changes the fixes
    declared (``intents``, in the offsets of ``before``): an entry a fix starts is taken from the
    text of the entry it splits, or from text in no entry; a link a fix changes reads as declared."""
    changed = {intent.at: intent for intent in intents if isinstance(intent, ChangesLink)}

    def link_keys(of: Sequence[Link], declared: bool = False) -> list[str]:
        keys = []
        for link in of:
            result = links.get(link_key(link.url) or "") if links else None
            final = result.final_url if result is not None and result.verdict == "redirected" else None
            intent = changed.get(link.url_span.start) if declared else None
            if intent is not None and _link_key(intent.old) == _link_key(link.url):
                final = intent.new
            keys.append(_link_key(final or link.url))
        return keys

    if _VISIBLE.search(after.text) is None and before.text.strip():  # (no copy of a text that is not empty)
        return [_Problem(None, "the fixes would leave the file empty")]
    old, new = list(before.iter_entries()), list(after.iter_entries())
    starts = sorted(intent.at for intent in intents if isinstance(intent, StartsEntry))
    if len(new) != len(old) + len(starts):
        message = f"the fixed list would have {len(new)} entries instead of {len(old) + len(starts)}"
        return [_Problem(None, message, counted=True)]
    groups, started = _paired(before, old, new, starts)
    problems = _started_problems(before, after, started, link_keys)
    moved = _moved_alone(after, old, groups, changed)
    for index in itertools.compress(range(len(old)), map(operator.not_, moved)):
        a, group = old[index], groups[index]
        b = group[0]
        alone = len(group) == 1 and _links_unchanged(a, changed)
        if alone and _fields(a) == _fields(b):
            changing = ["venue"]  # read alike: the checks below would find each field the same
        else:
            problem, changing = _changed_field(a, group, settings, records, link_keys)
            if problem is not None:
                problems.append(problem._replace(entry=index))
                continue
        if (
            len(group) == 1
            and before.text[a.span.start : a.span.end] == after.text[b.span.start : b.span.end]
        ):
            continue
        old_text, new_text = _compared_text(before.text, a, changing), _compared_text(after.text, b, changing)
        if len(group) == 1 and old_text == new_text:
            continue  # the same text where words are compared (a fix changed a field compared above)
        old_list, new_list = _WORD.findall(old_text), _WORD.findall(new_text)
        if len(group) == 1 and old_list == new_list:
            continue  # the same words in the same order (a fix changed the spacing or the markup)
        old_words = Counter(map(str.casefold, old_list))
        new_words = Counter(map(str.casefold, new_list))
        for part in group[1:]:  # split off: every word of it was the entry's, its number too
            new_words += _words(after.text, part, ()) + _marker_words(after.text, part)
        lost, added = old_words - new_words, new_words - old_words
        if lost or added:
            written = [_as_written(before.text, a, word) for word in lost]
            written += [_as_written(after.text, b, word) for word in added]
            shown = ", ".join(f"`{word}`" for word in written[:4])
            message = f"{_describe(a)}: the fix would lose or change words ({shown})"
            places = tuple(
                (found.start(), found.end())
                for found in _WORD.finditer(before.text, a.span.start, a.span.end)
                if found[0].casefold() in lost
            )
            problems.append(_Problem(index, message, places, frozenset(added)))
    return problems


def _moved_alone(
    after: Document, old: Sequence[Entry], groups: Sequence[list[Entry]], changed: Mapping[int, ChangesLink]
) -> list[bool]:
    """Whether each entry before is alone in its group and the entry after is it moved: the same
    text, read into the same fields (most entries of a pass: left out of the comparison at once),
    and no link of it is one a fix says it changed."""
    moved = moved_entries(after)  # the entries the reader took from an earlier reading, moved
    firsts = [group[0] if len(group) == 1 else None for group in groups]
    alone = list(map(operator.is_, map(moved.get, map(id, firsts)), old))
    if changed:
        for index in itertools.compress(range(len(old)), alone):
            alone[index] = _links_unchanged(old[index], changed)
    return alone


def _links_unchanged(entry: Entry, changed: Mapping[int, ChangesLink]) -> bool:
    """Whether no link of ``entry`` is one a fix says it changed (by where its address starts)."""
    return not changed or changed.keys().isdisjoint(map(_URL_START, entry.links))


class _Started(NamedTuple):
    """An entry a fix declared it starts: where (an offset before the fixes), the entry, the index of
    the entry it splits (None: it was in no entry) and the text between the entries around it."""

    at: int
    entry: Entry
    holder: int | None
    low: int
    high: int


def _paired(
    before: Document, old: Sequence[Entry], new: Sequence[Entry], starts: Sequence[int]
) -> tuple[list[list[Entry]], list[_Started]]:
    """The entries of the fixed list for each entry before (its own first, then those split off it)
    and those the fixes declared they start. Without declared starts the lists pair as they read."""
    if not starts:
        return [[entry] for entry in new], []
    groups: list[list[Entry]] = [[] for _ in old]
    started: list[_Started] = []
    fresh = iter(sorted(new, key=_SPAN_START))
    pending = iter(starts)
    at, low = next(pending, None), 0
    for index in sorted(range(len(old)), key=list(map(_SPAN_START, old)).__getitem__):
        entry = old[index]
        while at is not None and at < entry.span.start:  # text that was in no entry
            started.append(_Started(at, next(fresh), None, low, entry.span.start))
            at = next(pending, None)
        groups[index].append(next(fresh))
        while at is not None and at < entry.span.end:  # split off this entry
            split = next(fresh)
            groups[index].append(split)
            started.append(_Started(at, split, index, entry.span.start, entry.span.end))
            at = next(pending, None)
        low = entry.span.end
    while at is not None:
        started.append(_Started(at, next(fresh), None, low, len(before.text)))
        at = next(pending, None)
    return groups, started


class _Addresses:
    """The link addresses of a text, to leave out of the words compared (a fix may change them)."""

    def __init__(self, document: Document) -> None:
        self.text = document.text
        self.links = sorted(document.links, key=_URL_START)

    def words(self, low: int, high: int) -> Counter[str]:
        """The words of ``text[low:high]`` outside link addresses."""
        words: Counter[str] = Counter()
        cursor = low
        for link in self.between(low, high):
            words.update(map(str.casefold, _WORD.findall(self.text, cursor, link.url_span.start)))
            cursor = link.url_span.end
        words.update(map(str.casefold, _WORD.findall(self.text, cursor, high)))
        return words

    def between(self, low: int, high: int) -> list[Link]:
        """The links whose address is in ``text[low:high]`` (those from ``low`` on that end by
        ``high``, up to the first that does not)."""
        links, found = self.links, []
        index = bisect.bisect_left(links, low, key=_URL_START)
        while index < len(links) and links[index].url_span.end <= high:
            found.append(links[index])
            index += 1
        return found

    def line_words(self, at: int) -> Counter[str]:
        """The words of the line holding ``at``; from ``at`` on when text comes before it on the line
        (an entry split off in the middle of a line)."""
        end = self.text.find("\n", at)
        start = self.text.rfind("\n", 0, at) + 1
        return self.words(at if self.text[start:at].strip() else start, len(self.text) if end < 0 else end)


def _started_problems(
    before: Document,
    after: Document,
    started: Sequence[_Started],
    link_keys: Callable[[Sequence[Link], bool], list[str]],
) -> list[_Problem]:
    """Whether each entry a fix declared it starts starts there, on the line that was there (its
    words the same, addresses apart), and, when no entry held that line, holds only words and links
    of the text between the entries around it. A split is compared with the entry it came from."""
    if not started:
        return []
    old, new = _Addresses(before), _Addresses(after)
    problems = []
    for at, entry, holder, low, high in started:
        line = before.source.original_span(at, at).start_line
        if old.line_words(at) != new.line_words(entry.span.start):
            message = f"the entry the fix starts on line {line} would not hold that line's words"
            problems.append(_Problem(holder, message, ((at, at),)))
        elif holder is None:
            words = _words(after.text, entry, ()) + _marker_words(after.text, entry)
            keys = Counter(link_keys(old.between(low, high), True))
            if words - old.words(low, high) or Counter(link_keys(entry.links, False)) - keys:
                message = (
                    f"the entry the fix starts on line {line} would hold words or links that were not there"
                )
                problems.append(_Problem(None, message, ((low, high),)))
    return problems


def _marker_words(text: str, entry: Entry) -> Counter[str]:
    return Counter(map(str.casefold, _WORD.findall(text, entry.marker_span.start, entry.marker_span.end)))


def _as_written(text: str, entry: Entry, word: str) -> str:
    """The first spelling of the (case-folded) ``word`` in the entry."""
    found = (match[0] for match in _WORD.finditer(text, entry.span.start, entry.span.end))
    return next((spelled for spelled in found if spelled.casefold() == word), word)


def _field_places(entry: Entry, name: str) -> tuple[tuple[int, int], ...]:
    """Where the field ``name`` of ``entry`` is written."""
    spans = {
        "title": [entry.title.span] if entry.title else [],
        "authors": [entry.authors.span] if entry.authors else [],
        "links": [link.span for link in entry.links],
        "venue": [entry.venue.span] if entry.venue else [],
    }[name]
    return tuple((span.start, span.end) for span in spans)


def guard(
    before: Document,
    after: Document,
    settings: Settings,
    links: Mapping[str, LinkResult] | None = None,
    records: Verifications | None = None,
    intents: Sequence[Intent] = (),
) -> None:
    """Raise FixError unless ``after`` holds the same entries as ``before``: same titles, authors and
    links (a link may become the final URL of its permanent redirect), venues equal after the
    intended canonicalisation, and every other word of each entry kept. With ``records``, a field
    may also become what the paper's record says (`fix --verify --unsafe-fixes`); ``intents`` (in
    the offsets of ``before``) are the other changes the fixes declared (entries started, links
    changed)."""
    problems = _entry_problems(before, after, settings, links, records, intents)
    if problems:
        raise FixError(f"{problems[0].message}; nothing was written")


# -- writing ------------------------------------------------------------------------------------------


_STALE_TEMPORARY = 600.0  # seconds after which a temporary file beside a list is a killed run's


def write_fixed(source: SourceFile, text: str, before_commit: Callable[[], None] | None = None) -> None:
    """Replace the file with ``text``, or raise InputError (one line) and leave it untouched.

    - Writable is what the kernel says (the file and its folder, for this process), not mode bits.
    - Concurrent `fix` runs exclude each other with an advisory lock on the file; any other writer is
      caught by comparing inode, size, modification time and content just before the rename.
    - The new file keeps the mode, the owner and group (where permitted) and extended attributes; a
      file with other hard links is rewritten in place, so every name keeps the same content.
    - A symbolic link is followed: its target is rewritten. A temporary file left by a killed run is
      removed. ``before_commit`` runs just before the final check (tests use it to write in between).
    """
    path = source.path.resolve()
    name = source.path
    try:
        with path.open("rb") as locked:
            _lock(locked, name)
            status = os.fstat(locked.fileno())
            _check_writable(path, status, name)
            if locked.read() != source.data:
                raise _changed_error(name)
            _remove_stale_temporaries(path)
            data = text.encode("utf-8")
            _commit(path, data, status, source, before_commit, name)
    except OSError as error:
        raise InputError(
            f"{name}: cannot be written ({error.strerror or error}); the file is untouched"
        ) from None


def _lock(handle: BinaryIO, name: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: the final comparison still guards against other writers
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(f"{name}: another fix is writing this file; run the fix again after it") from None


def _may(path: Path, mode: int) -> bool:
    """What the kernel allows this process (its effective user, where the platform can tell)."""
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)


def _check_writable(path: Path, status: os.stat_result, name: Path) -> None:
    """The kernel's own test for this process; and a file without any write bit is read-only even
    for root, who could write it: marking a file so is a request to leave it alone."""
    if not _may(path, os.W_OK) or not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise InputError(f"{name}: the file is read-only; make it writable to fix it (nothing was written)")
    if status.st_nlink <= 1 and not _may(path.parent, os.W_OK | os.X_OK):
        raise InputError(
            f"{name}: its folder is not writable, so the file cannot be replaced (nothing was written)"
        )


def _unchanged(path: Path, status: os.stat_result, source: SourceFile) -> bool:
    now = path.stat()
    return (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) == (
        status.st_ino,
        status.st_dev,
        status.st_size,
        status.st_mtime_ns,
    ) and path.read_bytes() == source.data


def _changed_error(name: Path) -> InputError:
    return InputError(f"{name}: changed on disk while being fixed; run the fix again (nothing was written)")


def _commit(
    path: Path,
    data: bytes,
    status: os.stat_result,
    source: SourceFile,
    before_commit: Callable[[], None] | None,
    name: Path,
) -> None:
    """Write ``data`` over ``path`` if the file is still what was read: by renaming a finished
    temporary file over it, or in place when the file has other hard links."""
    temporary = None if status.st_nlink > 1 else _temporary_copy(path, data, status)
    try:
        if before_commit is not None:
            before_commit()
        if not _unchanged(path, status, source):
            raise _changed_error(name)
        if temporary is None:
            with path.open("r+b") as stream:
                stream.write(data)
                stream.truncate()
                stream.flush()
                os.fsync(stream.fileno())
        elif _exchange(temporary, path):
            # The old file is now at the temporary name: a write that landed on it after the check
            # above shows there, and the exchange is undone so that the file keeps that write.
            if not _unchanged(Path(temporary), status, source):
                _exchange(temporary, path)
                raise _changed_error(name)
        else:
            os.replace(temporary, path)
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise
    if temporary is not None:
        Path(temporary).unlink(missing_ok=True)  # the old file, after an exchange


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(first: str | Path, second: Path) -> bool:
    """Swap two names at once (Linux's renameat2 with RENAME_EXCHANGE); False where the kernel, the
    C library or the file system cannot (then the caller renames as before)."""
    if sys.platform != "linux":
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library older than glibc 2.28
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # no exchange here
    raise OSError(code, os.strerror(code))


def _temporary_copy(path: Path, data: bytes, status: os.stat_result) -> str:
    """A finished file beside ``path`` holding ``data``, with its mode, owner and attributes."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        _keep_owner_and_attributes(path, temporary, status)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _keep_owner_and_attributes(path: Path, temporary: str, status: os.stat_result) -> None:
    # Only root may give a file away (an owner only to their own groups); the mode is kept regardless.
    with contextlib.suppress(PermissionError, AttributeError):
        os.chown(temporary, status.st_uid, status.st_gid)
    if not hasattr(os, "listxattr"):
        return
    try:
        for attribute in os.listxattr(path):
            os.setxattr(temporary, attribute, os.getxattr(path, attribute))
    except OSError:
        pass  # a file system without extended attributes, or one we may not copy


def _remove_stale_temporaries(path: Path) -> None:
    cutoff = time.time() - _STALE_TEMPORARY
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass
