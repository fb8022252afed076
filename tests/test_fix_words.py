"""`fix` keeps every word of every entry (issue 24): on every corpus list, safe and unsafe, each
entry's words are the same before and after apart from what a fix is for (a venue's spelling), no
anchor that resolved stops resolving, and a refused fix never blocks the others. The words are
counted here on their own terms, not with the fixer's guard."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

import pytest
from hypothesis import HealthCheck, given, settings

from awesomelint import parse
from awesomelint.diagnostic import Applicability, Diagnostic
from awesomelint.fixer import fix_text
from awesomelint.model import Document, Entry
from awesomelint.rules._anchors import fragment, targets

from .strategies import paper_list
from .test_corpus import CORPUS, EXPECTED

_WORD = re.compile(r"[^\W_]+")  # letters and digits, in any script


def _entry_words(text: str, entry: Entry) -> Counter[str]:
    """The words of an entry as written, without its list marker and its link addresses."""
    kept = list(text[entry.span.start : entry.span.end])
    for span in (entry.marker_span, *(link.url_span for link in entry.links)):
        for offset in range(max(span.start, entry.span.start), min(span.end, entry.span.end)):
            kept[offset - entry.span.start] = " "
    return Counter(word.casefold() for word in _WORD.findall("".join(kept)))  # a fix may recase


def _paired(before: Document, after: Document) -> list[tuple[Entry, Entry, list[Entry]]]:
    """Each entry before with its entry after and the entries a fix started out of its text (a line
    glued to its bullet is an item of its own once fixed), paired by their titles. An entry started
    from text in no entry (a heading) is paired with none: it loses nothing."""
    old, new = list(before.iter_entries()), list(after.iter_entries())
    if len(old) == len(new):
        return [(a, b, []) for a, b in zip(old, new, strict=True)]
    titles = [[e.title.text if e.title else "" for e in entries] for entries in (old, new)]
    pairs: list[tuple[Entry, Entry, list[Entry]]] = []
    for kind, low, high, new_low, new_high in SequenceMatcher(None, *titles, autojunk=False).get_opcodes():
        assert kind != "delete" and high - low <= new_high - new_low, f"entries lost at {old[low].span}"
        pairs += [(old[low + k], new[new_low + k], []) for k in range(high - low)]
        for started in new[new_low + high - low : new_high]:
            if not pairs:
                continue
            a, b, split = pairs[-1]
            left = _entry_words(before.text, a) - _entry_words(after.text, b)
            for earlier in split:
                left -= _started_words(after.text, earlier)
            if not _started_words(after.text, started) - left:
                split.append(started)  # its words were the entry's above
    return pairs


def _started_words(text: str, entry: Entry) -> Counter[str]:
    """An entry's words with its number (a word of the entry it was split from)."""
    marker = text[entry.marker_span.start : entry.marker_span.end]
    return _entry_words(text, entry) + Counter(word.casefold() for word in _WORD.findall(marker))


def _lost_words(before: Document, after: Document) -> list[str]:
    """Entries whose words changed beyond their venue as written (the one thing a fix may respell,
    its year's value kept: `ACL23` -> `ACL 2023`)."""
    problems = []
    for a, b, split in _paired(before, after):
        had, has = _entry_words(before.text, a), _entry_words(after.text, b)
        for started in split:
            has += _started_words(after.text, started)
        lost, added = had - has, has - had
        respelled = Counter(_WORD.findall(a.venue.raw.casefold())) if a.venue else Counter()
        respelled_to = Counter(_WORD.findall(b.venue.raw.casefold())) if b.venue else Counter()
        if lost - respelled or added - respelled_to or a.year != b.year:
            problems.append(f"line {a.span.start_line}: lost {dict(lost)}, added {dict(added)}")
    return problems


def _resolving(document: Document) -> set[str]:
    resolved = targets(document)
    return {fragment(anchor) for anchor in document.anchors if fragment(anchor) in resolved}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus folder ../shared/corpus is not here")
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("name", [item["file"] for item in EXPECTED], ids=lambda name: name.split("__")[0])
def test_fixing_a_real_list_keeps_every_word_and_refuses_fix_by_fix(name: str, unsafe: bool) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    before = parse(text)
    result = fix_text(text, unsafe=unsafe, document=parse(text))
    after = parse(result.text)
    assert _lost_words(before, after) == []
    assert _resolving(before) <= _resolving(after)

    # What is still fixable is what was refused: a refusal blocked no other fix.
    def what(diagnostic: Diagnostic) -> tuple[str, tuple[str, ...]]:  # not where: a refusal's text is earlier
        assert diagnostic.fix is not None
        return diagnostic.code, tuple(edit.replacement for edit in diagnostic.fix.edits)

    refused = {what(d) for d, _ in result.refused}
    applied = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    still = {
        what(d)
        for d in result.remaining
        if d.fix is not None
        and d.fix.applicability in applied
        and any(result.text[e.start : e.end] != e.replacement for e in d.fix.edits)
    }
    assert still <= refused


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paper_list(defects=True))
def test_fix_keeps_every_word_of_every_entry_and_settles(generated: tuple[str, list[object]]) -> None:
    text, _ = generated
    for unsafe in (False, True):
        result = fix_text(text, unsafe=unsafe)
        assert _lost_words(parse(text), parse(result.text)) == []
        assert fix_text(result.text, unsafe=unsafe).text == result.text
