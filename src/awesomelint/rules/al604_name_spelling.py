from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter
from typing import Final, NamedTuple

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..entry_facts import each_fact, fact, folded, keeps_facts
from ..model import Document, Entry
from ._classic import MIN_SHARE, Item, item_of
from ._prose import blank

# A word standing alone: not part of an identifier, a path, a domain or a handle (`github.com`,
# `go-github`, `@github` are not prose). `Node.js` is one word.
# (its first letter before the look behind it: a pattern that starts with a letter is searched for
# quickly)
_WORD = re.compile(r"[A-Za-z](?<![\w./@#:\\-].)[A-Za-z0-9]*(?:\.js)?(?![\w/@\\-]|\.\w)")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_MIN_OCCURRENCES = 5
_MIN_PROPER = 10  # a capitalised common noun in a few titles (`Gaussian Mixture Model`) is no name
_LINK_TEXT = re.compile(r"\[[^\[\]\n]*\]")  # a link's text names something as its owner writes it
_TOKEN = re.compile(r"[^\W_]+")  # the fixer's guard compares an entry's words, split so


# A word of a description, at offsets from its entry: (start, end, as written, key, whether it starts
# a sentence: a capital there says nothing about the name). A plain tuple: a list has tens of
# thousands of words. The key is what the spellings of one name share: `nodejs`, `node.js` and
# `NodeJS` are one.
_Word = tuple[int, int, str, str, bool]
_START: Final = 0
_END: Final = 1
_WRITTEN: Final = 2
_KEY: Final = 3

_AFTER_SENTENCE = frozenset(".!?:;([\"'“‘*_-–—|")
# Runs of letters and digits: each word is one of them (a cheap look for words before the scan).
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+(?:\.js)?")


def _distinctive(word: str) -> bool:
    """Spelled in a way a plain word is not: `GitHub`, `macOS`, `JSON`, `Node.js`, `Mac OS` (not
    `Web Page`: capitals that start words are a title's)."""
    return any(char.isupper() for part in word.split() for char in part[1:]) or "." in word


def _proper(word: str) -> bool:
    """A capitalised word (`Docker`): a name only if the list capitalises it inside sentences."""
    return len(word) >= 3 and word[0].isupper() and word[1:].islower()


def _acceptable(majority: str, form: str) -> bool:
    """An all-capitals name (`JSON`) written all lower case is often a file type or an identifier;
    the plural of an acronym (`IDs`) in capitals is another acronym (`IDS`); one word in lower case
    where the list writes two (`httprouter`, `HTTP router`) is a package's name."""
    plural = majority.endswith("s") and majority[:-1].isupper() and form.isupper()
    identifier = form.islower() and " " in majority and " " not in form
    return plural or identifier or (majority.isupper() and form.islower())


_Pairs = list[tuple[_Word, _Word, str]]
_KEY_OF = itemgetter(_KEY)  # (of a word)
_JOINED_KEY = itemgetter(2)  # (of a pair)


def _prose(text: str, item: Item) -> str:
    """The prose of a classic item's description, link texts blanked too (their words name
    something as its owner writes it)."""
    prose = blank(text[item.description_start : item.description_end])
    return _LINK_TEXT.sub(lambda link: " " * len(link[0]), prose) if "[" in prose else prose


def _words_of(
    document: Document, entry: Entry, finding_starts: frozenset[str] | None = None
) -> tuple[list[_Word], _Pairs] | None:
    """The words of the entry's description and its pairs of words, at offsets from the entry
    (a fact of the entry: see `entry_facts`); None when the entry is no classic item with a
    description, or (with ``finding_starts``, in a run that keeps no facts) when none of its words
    is one of them. A plain run works them out for the count and again for the check: kept between
    the two, every word of the list was the peak of `check`'s memory (+20 MiB at 20,000 real
    entries); looked for first, as runs of letters, most descriptions need no second scan."""
    item = item_of(document, entry)
    if item is None or item.description_end <= item.description_start:
        return None
    text = document.text
    if (
        finding_starts is not None
        and not keeps_facts(document)
        and finding_starts.isdisjoint(_ALNUM_RUN.findall(_prose(text, item)))
    ):
        return None
    return fact(document, "prose words", entry, functools.partial(_item_words, text, item))


def _item_words(text: str, item: Item, _entry: Entry) -> tuple[list[_Word], _Pairs]:
    """The words and pairs of words of a classic item's description."""
    own = set(item.entry.title.text.split()) if item.entry.title else set()
    words: list[_Word] = []
    capitalised: list[int] = []  # the indexes of the capitalised words
    capital_end = -2  # where the last word kept ends, when it is capitalised
    # The prose split at its words: what comes before each word, then the word (no match object
    # per word; a list has tens of thousands).
    pieces = _WORD_SPLIT.split(_prose(text, item))
    end = item.description_start - item.entry.span.start
    for index in range(1, len(pieces), 2):
        before, written = pieces[index - 1].rstrip(), pieces[index]
        start = end + len(pieces[index - 1])
        end = start + len(written)
        if written in own:
            continue  # the item's own name, as its owner writes it (`Package sqlite is ...`)
        # At a sentence's start: the prose's, or after what ends a sentence or opens a quote, or
        # after a capitalised word (a capital there is a title's: `Linear Discriminant Analysis`).
        initial = (before[-1] in _AFTER_SENTENCE if before else index == 1) or start - 1 == capital_end
        key = written.lower()  # (a word is ASCII: its lower case is its case fold)
        if written[0].isupper():
            capitalised.append(len(words))
            capital_end = end
        else:
            capital_end = -2
        words.append((start, end, written, key.replace(".", "") if "." in key else key, initial))
    return words, _pairs(words, capitalised)


def _pairs(words: list[_Word], capitalised: list[int]) -> _Pairs:
    """Adjacent words one space apart whose first is capitalised (of the words at the indexes
    ``capitalised``: only such a pair is counted or looked up) and their joined key, unless a third
    capitalised one follows (`Mac OS X` is a name of its own, not `Mac OS` and an X)."""
    pairs = []
    for index in capitalised:
        if index + 1 == len(words):
            break  # (the last word)
        first, second = words[index], words[index + 1]
        if second[_START] != first[_END] + 1:
            continue
        third = words[index + 2] if index + 2 < len(words) else None
        if third is not None and third[_START] == second[_END] + 1 and third[_WRITTEN][0].isupper():
            continue
        pairs.append((first, second, first[_KEY] + second[_KEY]))
    return pairs


# What an entry adds to the list's count of spellings: each word as (key, spelling, whether it
# starts a sentence), and each pair of words that starts with a capital (`Stack Overflow`) as
# (joined key, the two words, None).
_Use = tuple[str, str, bool | None]
_KEY_OF_USE = itemgetter(0)
_USE_OF_WORD = itemgetter(_KEY, _WRITTEN, 4)  # (a word's key, spelling and whether it starts a sentence)
_COUNTED = "name spellings"


def _uses(document: Document, entry: Entry) -> tuple[_Use, ...]:
    found = _words_of(document, entry)
    if found is None:
        return ()
    words, pairs = found
    uses: list[_Use] = list(map(_USE_OF_WORD, words))  # (made in C: a list has tens of thousands)
    uses += [(key, f"{first[_WRITTEN]} {second[_WRITTEN]}", None) for first, second, key in pairs]
    return tuple(uses)


class _Forms(NamedTuple):
    """How often the list writes each spelling of one name (only spellings it writes): as a word,
    as a word inside a sentence, and as two words (counted only where the name is also one word)."""

    words: dict[str, int]
    inside: dict[str, int]
    apart: dict[str, int]


_UNDECIDED = ("", 0, 0)  # forms tied at the top, the first written decides (see `_decided`)
_Names = tuple[dict[str, _Forms], dict[str, tuple[str, int, int]]]  # forms and decisions, by key


def _added(forms: _Forms | None, uses: Counter[_Use], sign: int) -> _Forms:
    """A copy of ``forms`` with ``uses`` (of its name) added, or taken away with ``sign`` -1."""
    words, inside, apart = (dict(f) for f in forms) if forms is not None else ({}, {}, {})
    for (_, written, initial), times in uses.items():
        for counts, counted in (
            (words, initial is not None),
            (inside, initial is False),
            (apart, initial is None),
        ):
            if counted:
                left = counts.get(written, 0) + sign * times
                if left:
                    counts[written] = left
                else:
                    del counts[written]
    return _Forms(words, inside, apart)


def _by_key(uses: Counter[_Use]) -> dict[str, Counter[_Use]]:
    by_key: dict[str, Counter[_Use]] = {}
    for use, times in uses.items():
        if times:  # (a count kept up to date may hold a zero)
            by_key.setdefault(use[0], Counter())[use] = times
    return by_key


def _fold(uses: Counter[_Use]) -> _Names:
    """The forms of each name, in one pass over the uses (as `_added` adds them), and the decisions
    of the names written with a capital inside sentences or after their first letter, or a period,
    at least once: a name never written so has no spelling (none of its forms is distinctive, none
    capitalised inside a sentence)."""
    forms: dict[str, _Forms] = {}
    maybe_names: set[str] = set()
    for (key, written, initial), times in uses.items():
        if not times:
            continue  # (a count kept up to date may hold a zero)
        name = forms.get(key)
        if name is None:
            name = forms[key] = _Forms({}, {}, {})
        counts = name.apart if initial is None else name.words
        counts[written] = counts.get(written, 0) + times
        if initial is False:
            name.inside[written] = name.inside.get(written, 0) + times
        if (initial is False and written[0].isupper()) or not written[1:].islower() or "." in written:
            maybe_names.add(key)
    decisions = {
        key: found for key, counted in forms.items() if key in maybe_names and (found := _decided(counted))
    }
    return forms, decisions


def _refold(names: _Names, came_in: Counter[_Use], went_out: Counter[_Use]) -> _Names:
    """``names`` with the uses that came in added and those that went out taken away; the
    decisions of the names they touch made again (the earlier dicts are left as they were)."""
    forms, decisions = dict(names[0]), dict(names[1])
    for uses, sign in ((came_in, 1), (went_out, -1)):
        for key, counted in _by_key(uses).items():
            forms[key] = _added(forms.get(key), counted, sign)
    for key in {use[0] for use in chain(came_in, went_out)}:
        decisions.pop(key, None)
        if not any(forms[key]):
            del forms[key]
        elif found := _decided(forms[key]):
            decisions[key] = found
    return forms, decisions


def _decided(forms: _Forms, best: str | None = None) -> tuple[str, int, int] | None:
    """The spelling at least 80% of a name's occurrences use: one with capitals a plain word lacks
    (at least 5 occurrences), or one capitalised inside sentences (at least 10). ``best``: the
    name's most frequent spelling; without it, `_UNDECIDED` when spellings with and without such
    capitals tie for the most and the one written first decides (as it decides a tie in a count of
    the whole list)."""
    if not forms.words:
        return None  # (two words count only where the name is also written as one)
    counts = forms.words | forms.apart if forms.apart else forms.words
    if best is None:
        most = max(counts.values())
        tied = [written for written, times in counts.items() if times == most]
        if len(tied) > 1 and len({_distinctive(written) for written in tied}) > 1:
            # a distinctive one first has no 80%: nothing; another lets the capitalised one decide
            return _UNDECIDED if _capitalised(forms.inside) is not None else None
        best = tied[0]
    if not _distinctive(best):
        return _capitalised(forms.inside)
    total = sum(counts.values())
    return (
        (best, counts[best], total)
        if total >= _MIN_OCCURRENCES and counts[best] >= MIN_SHARE * total
        else None
    )


def _capitalised(inside: dict[str, int]) -> tuple[str, int, int] | None:
    """The capitalised spelling (`Docker`) at least 80% of at least 10 occurrences inside sentences use."""
    if not inside or not _proper(best := max(inside, key=inside.__getitem__)):
        return None
    total = sum(inside.values())
    return (best, inside[best], total) if total >= _MIN_PROPER and inside[best] >= MIN_SHARE * total else None


def _first_written(document: Document, key: str, forms: _Forms) -> str:
    """Of the spellings of ``key`` tied for the most, the one the list writes first (as one word
    before as two)."""
    counts = forms.words | forms.apart
    most = max(counts.values())
    tied = {written for written, times in counts.items() if times == most}
    found = [of_entry for entry in document.iter_entries() if (of_entry := _words_of(document, entry))]
    for words, _ in found:
        for word in words:
            if word[_KEY] == key and word[_WRITTEN] in tied:
                return word[_WRITTEN]
    return next(
        joined
        for _, pairs in found
        for first, second, joined_key in pairs
        if joined_key == key and (joined := f"{first[_WRITTEN]} {second[_WRITTEN]}") in tied
    )


class _Spellings:
    """The list's spellings (key -> the spelling of the name, with its count and the count of all
    spellings), and the words of the list that a finding starts with: a spelling of a name other
    than the list's, or the first of two words written for one (`Git Hub`). Equal when the
    spellings are: the findings of an entry depend on them alone."""

    __slots__ = ("by_key", "finding_starts")

    def __init__(self, by_key: dict[str, tuple[str, int, int]], finding_starts: frozenset[str]) -> None:
        self.by_key = by_key
        self.finding_starts = finding_starts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Spellings) and self.by_key == other.by_key

    __hash__ = None  # type: ignore[assignment]  # (mutable dicts inside)


def _spellings(ctx: Context) -> _Spellings:
    """The list's spellings (kept up to date entry by entry between runs)."""
    document = ctx.document
    forms, decisions = folded(document, _COUNTED, functools.partial(_uses, document), _fold, _refold)
    spelling = {}
    starts: set[str] = set()
    for key, found in decisions.items():
        if found is _UNDECIDED:
            decided = _decided(forms[key], _first_written(document, key, forms[key]))
            if decided is None:
                continue
            found = decided
        spelling[key] = found
        starts.update(written for written in forms[key].words if written != found[0])
        starts.update(written.split(" ")[0] for written in forms[key].apart)
    return _Spellings(spelling, frozenset(starts))


def _spelled(spellings: _Spellings) -> dict[str, str]:
    """Each name's spelling: whether a word is found misspelt depends on these alone (the counts show
    in the message)."""
    return {key: found[0] for key, found in spellings.by_key.items()}


def _changed_names(before: _Spellings, now: _Spellings) -> frozenset[object]:
    """The names (keys) whose spelling differs between the two runs (their counts show in messages only)."""
    earlier, spelling = _spelled(before), _spelled(now)
    return frozenset(key for key in earlier.keys() | spelling.keys() if earlier.get(key) != spelling.get(key))


def _holding(document: Document, changed: frozenset[object]) -> list[Entry]:
    """The entries whose descriptions write one of the ``changed`` names (keys), as a word or as two."""
    uses_of = each_fact(document, _COUNTED, functools.partial(_uses, document))
    return [entry for entry, uses in uses_of if uses and not changed.isdisjoint(map(_KEY_OF_USE, uses))]


@entry_rule(
    "AL604",
    "name-spelling",
    "A name spelled unlike the list's own usage (`Github` where the list writes `GitHub`)",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("text", "spelling"),
    tally=_spellings,
    cites_counts=True,
    decisive=_spelled,
    changed=lambda _, before, __, now: _changed_names(before, now),
    holds=lambda ctx, changed: _holding(ctx.document, changed),
)
def name_spelling(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    spellings: _Spellings = ctx.tally
    spelling = spellings.by_key
    found = _words_of(ctx.document, entry, spellings.finding_starts) if spelling else None
    if found is None:
        return ()
    words, listed = found
    if spelling.keys().isdisjoint(map(_KEY_OF, words)) and spelling.keys().isdisjoint(
        map(_JOINED_KEY, listed)
    ):
        return ()  # no word or pair of words of a name the list has a spelling for (most entries)
    text, at = ctx.document.text, entry.span.start
    byline = entry.authors.span if entry.authors else None
    # Each occurrence of a name the list has a spelling for: one word, or two (`Git Hub`, `Mac OS`).
    # (only a pair that joins into a name the list has a spelling for is looked up below)
    following = {id(first): (second, key) for first, second, key in listed if key in spelling}
    reported: list[Diagnostic] = []
    for word in words:
        word_start, word_end, word_text, key, initial = word
        if key in spelling:
            best = spelling[key][0]
            if initial and _proper(best) and word_text.lower() == best.lower():
                continue  # `docker` or `Docker` at a sentence's start: the capital is the sentence's
            start, end = at + word_start, at + word_end
        elif (
            (pair := following.get(id(word))) is not None
            and word_text[0].isupper()
            and _distinctive(spelling[pair[1]][0])
        ):
            # (only a name with capitals inside is written split, `Git Hub`: `Inc` has no two-word form)
            start, end, key = at + word_start, at + pair[0][_END], pair[1]
        else:
            continue
        best, count, total = spelling[key]
        written = text[start:end]
        if written == best or _acceptable(best, written) or (byline and byline.start <= start < byline.end):
            continue  # (a person's name in an author line is spelled as its owner spells it)
        message = f"`{written}`: this list writes `{best}` in {count} of {total} places"
        # Only a change of case is certain to keep the words: `Node JS` -> `Node.js`, `Open API`
        # -> `OpenAPI` join or split words, which may be the list's own phrase (an open API).
        same_words = _TOKEN.findall(written.casefold()) == _TOKEN.findall(best.casefold())
        fix = ctx.fix(f"write `{best}`", Edit(start, end, best)) if same_words else None
        reported.append(ctx.report(ctx.span(start, end), message, fix))
    return reported
