"""Reading an author line: the names, whether it ends with "et al.", and how they are separated.

Lists write authors as `Jane Doe, John Roe`, `Jane Doe et al.`, BibTeX's `Doe, Jane and Roe, John`,
a reference's `Hinton, Geoffrey E., Simon Osindero, and Yee-Whye Teh`, a single name or handle, or a
company (`Acme Co., Ltd.`). Text that is not a list of names (a venue and date, a sentence) is not
read as one.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

# `et al.` (also written `et. al.`, or `et l.` with its period), and BibTeX's `and others`.
_ET_AL = re.compile(r"(?:[,\s]*\bet\.?\s*(?:al\b\.?|l\.)|,?\s+and\s+others\b\.?)\s*$", re.IGNORECASE)
_ET_AL_ENDS = ("al", "al.", "l.", "others", "others.")  # how a line that _ET_AL matches ends
_ASCII_DIGIT = re.compile(r"[0-9]")  # an ASCII line's digits (`str.isdigit` takes others too: `²`)
_ET_AL_THEN = re.compile(r"(?P<et_al>\bet\.?\s*al\b\.?)\s+\S(?:\S*\s*){0,3}$", re.IGNORECASE)
# A nickname or an affiliation in parentheses: `Yi R. (May) Fu`, `Wei Zhang (Tsinghua University)`.
_NICKNAME = re.compile(r"\s*\([^()]{1,60}\)")
# Marks after a name: equal contribution or correspondence (`Jane Doe*`, `\*`, `†`), affiliation
# numbers (`Wei Zhang1`, `Li Wang1,2`, `¹`).
_MARKED = re.compile(r"[*†‡§¶#♠♣♦♥✉¹²³⁴⁵⁶⁷⁸⁹⁰0-9]")  # cheap: most lines have no mark at all
# Each alternative opens with its character, the letter before it checked after (a pattern that
# starts with a look-behind is tried at every position of the line).
_MARKS = re.compile(
    r"(?:[*†‡§¶#♠♣♦♥✉](?<=[^\W\d_.\\][*†‡§¶#♠♣♦♥✉])|\\\*(?<=[^\W\d_.]\\\*)"
    r"|[¹²³⁴⁵⁶⁷⁸⁹⁰](?<=[^\W\d_.][¹²³⁴⁵⁶⁷⁸⁹⁰])"
    r"|\d(?<=[a-z]\d)\d?(?:,\d{1,2})*(?=\s*(?:[,;&]|\band\b|\.?$)))+"
)
# Affiliation marks are one or two digits: no mark removes a number of three digits or more
# (`Author375`, a year), and a line that keeps one is not a list of names.
_NUMBER = re.compile(r"\d{3}")
_INITIAL_AT_END = re.compile(r"\b[A-Z]\.$")
_TEAM = re.compile(r"^[^\W\d_][\w\-. ]{0,30}:\s+(?=\S)")
# A one-word author that is an organisation or a handle: `DeepSeek-AI`, `OpenAI`, `NVIDIA`, `@karpathy`.
_ORGANISATION = re.compile(r"^(?:@[\w\-.]+|[A-Z][\w]*(?:-[A-Z][\w]*)+|[A-Z][a-z]+[A-Z][\w]*|[A-Z]{2,})\.?$")
_INITIAL = re.compile(r"^[A-Z]\.(?:\s?-?[A-Z]\.)*\s+[A-Z]")
# Initials alone (`P.`, `P.O.`, `J.-P.`), which follow the surname in `Pinheiro, P.O., Collobert, R.`.
_INITIALS = re.compile(r"^[A-Z]\.(?:\s?-?[A-Z]\.)*$")
# A surname and a given name joined by a comma and no space, `Shen,Zhiqiang`, in a list whose names
# are separated by a comma and a space (`Shen,Zhiqiang, He,Zhankui, and Xue Xiangyang`).
_GLUED_PAIR = re.compile(r"^([^\W\d_][\w'’\-]*),([^\W\d_][\w'’\-]*)$")
_GLUED_COMMA = re.compile(r",(?<=[^\W\d_],)[^\W\d_]")  # opens with the comma, which the search skips to
_AND = re.compile(r"\s+(?:and|&)\s+")
_NAME_PARTS = re.compile(r"[\s.]+")
_BETWEEN_PAIRS = re.compile(r",\s+(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
# Between names: `;`, `,` (and `, and`, `, &`), ` and `, ` & `, with the spaces around them. Each case opens
# with its first character, which the split skips to (`\s*;|...` was tried at every position).
_SPLIT = re.compile(
    r"[\s;,](?:(?<=;)\s*|(?<=,)\s*(?:and\s+|&\s*)?"
    r"|(?<=\s)(?:\s*;\s*|\s*,\s*(?:and\s+|&\s*)?|\s*(?:and|&)\s+))"
)
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "di",
        "du",
        "la",
        "le",
        "del",
        "della",
        "dos",
        "das",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "ten",
        "y",
        "zu",
        "af",
    ]
)
_PROSE = frozenset(
    ["a", "an", "the", "of", "for", "with", "to", "in", "on", "via", "from", "by", "is", "are", "and", "or"]
)
_COMPANY = frozenset(
    ["ltd", "ltd.", "inc", "inc.", "llc", "gmbh", "co", "co.", "corp", "corp.", "plc", "s.a.", "ag"]
)
# An initial (`K.`, `J.-P.`), a capitalised word (`Yee-Whye`, `O'Neil`, `McDonald`), a name with a
# glued initial (`J.Smith`, `Anna.B`, `Stan.Z.Li`), or a handle.
_NAME_WORD = re.compile(
    r"^(?:(?:[A-Z]\.)+[A-Z][^\W\d_]+|[A-Z][^\W\d_]*(?:\.[A-Z][^\W\d_]*)+\.?|[A-Z](?:\.?[A-Z])*\.?(?:-[A-Z]\.?)*|[^\W\d_][^\W\d_'’\-.]*(?:['’\-][^\W\d_]+)*['’]?\.?|@[\w\-.]+)$"
)


@functools.lru_cache(maxsize=8192)  # the same given names and surnames come back in every list
def _name_word(word: str) -> bool:
    return _NAME_WORD.match(word) is not None


class Names(NamedTuple):
    names: tuple[str, ...]
    et_al: bool
    separator: str
    inverted: bool = False  # written surname first (`Doe, Jane`), as a reference writes them


# Most names are capitalised words of letters, single-spaced (`Jane Doe`, `Ming-Wei Chang`, `Piotr
# Dollár`): each such word is a name word, so the name passes `_is_name`'s word-by-word test at once.
_PLAIN_NAME = re.compile(r"[A-Z][^\W\d_]*(?:-[^\W\d_]+)*(?: [A-Z][^\W\d_]*(?:-[^\W\d_]+)*){0,5}")


@functools.lru_cache(maxsize=8192)  # asked twice of each name of a line, and names come back
def _is_name(name: str, lower_case: bool = False) -> bool:
    """Whether ``name`` reads as a person's name; ``lower_case`` accepts one written all in lower case
    (`wei zhang`), as a line of capitalised names may hold."""
    if not lower_case and _PLAIN_NAME.fullmatch(name):
        return True
    words = name.split()
    if not 1 <= len(words) <= 6 or (len(words) > 1 and "@" in name):
        return False  # a handle is one word: `(@Jane Doe, ...)` tags a group, it names no author
    if lower_case:  # all of it in lower case, two or three words of letters, no word of prose
        return 2 <= len(words) <= 3 and all(
            word.isalpha() and word.islower() and word not in _PROSE for word in words
        )
    capitalised = 0
    for word in words:
        if word in _PARTICLES:  # written in lower case (`van`, `de`, `y`); `Y` is an initial
            continue
        if not _name_word(word):
            return False
        if word[:1].isupper() or word.startswith("@") or not word[:1].isalpha() or not word.isascii():
            capitalised += 1
        else:
            return False
    return capitalised > 0


def _joined_companies(names: list[str]) -> list[str]:
    """`Acme Co., Ltd.` is one name: a company suffix joins the name before it."""
    if min(map(len, names[1:]), default=6) > 5:
        return names  # no name as short as a company suffix (`Ltd.`, `GmbH`): most lines
    joined: list[str] = []
    for name in names:
        if joined and name.lower() in _COMPANY:
            joined[-1] = f"{joined[-1]}, {name}"
        else:
            joined.append(name)
    return joined


def _glued_pairs(body: str) -> list[str] | None:
    """`Shen,Zhiqiang, He,Zhankui, and Xue Xiangyang` as names in their usual order, or None when
    the list holds fewer than two names or no surname joined to its given name by a bare comma."""
    if ", " not in body or _GLUED_COMMA.search(body) is None:
        return None
    parts = _BETWEEN_PAIRS.split(body)
    pairs = [_GLUED_PAIR.match(part) for part in parts]
    if len(parts) < 2 or any(pair is None and "," in part for pair, part in zip(pairs, parts, strict=True)):
        return None
    return [part if pair is None else f"{pair[2]} {pair[1]}" for pair, part in zip(pairs, parts, strict=True)]


@functools.lru_cache(maxsize=4096)  # a list repeats short lines (`Local Demo`, `Python`) and author lines
def read_names(text: str, plain: bool = False, placed: bool = False) -> Names | None:
    """The names in ``text``, or None when it does not read as an author list. ``plain`` is for
    text outside emphasis, where a single word is never taken for a name. ``placed`` is for plain
    text that stands where a reference puts its authors, right before the title, venue or date
    (`Wang, Xiaojie. NeurIPS 2018`, `Le, Quoc V. "Title"`): there one name alone is read when it is
    written surname first, and two surnames when `&` or `and` joins them (`Miles & Mikolajczyk.`)."""
    body = " ".join(text.split())
    if "(" in body:
        body = _NICKNAME.sub("", body)  # `Yi R. (May) Fu`
    number = _NUMBER.search(body)
    before = body[: number.start()] if number is not None else ""
    if number is not None and (plain or ":" not in body) and "l" not in before and "L" not in before:
        return None  # the number stays: no team's name before it and no `et al.` (any case) cut it off
    if _MARKED.search(body):
        body = _MARKS.sub("", body)  # `Jane Doe*`, `Wei Zhang1`
    team = _TEAM.match(body)
    if team is not None and not plain:
        body = body[team.end() :]  # `Kimi Team: Yifan Bai, ...`: the names follow the team's
    said = "al" in body or "others" in body or "et l." in body  # cheap: most lines end with no "et al."
    tail = _ET_AL_THEN.search(body) if said else None
    if tail is not None:
        body = body[: tail.end("et_al")]  # `Jane Doe et al. arXiv.`: a venue may follow the names
    if not body or (_ASCII_DIGIT.search(body) if body.isascii() else any(map(str.isdigit, body))):
        return None
    # (the search only where the line ends as `et al` ends: most lines name no `al` there)
    et_al = said and body.rstrip()[-7:].casefold().endswith(_ET_AL_ENDS) and bool(_ET_AL.search(body))
    # an emphasis marker the list left unpaired is no part of a name (`..., Ngai Wong._`)
    body = (_ET_AL.sub("", body) if et_al else body).strip(" ,;_")
    # a period ends the names (`Zhang, Zizhao. et al.`) unless it is an initial's; the initial, if
    # any, stands at the end: the search starts there
    initial = _INITIAL_AT_END.search(body, max(len(body) - 2, 0))
    body = body.removesuffix(".") if initial is None else body
    if not body:
        return None
    separator = ";" if ";" in body else ","
    # spaces are single spaces here: the split on `and` is needed only where one stands
    parts = _AND.split(body) if " and " in body or " & " in body else [body]
    inverted = False  # written surname first
    if len(parts) >= 2 and all(part.count(",") == 1 for part in parts):
        # BibTeX order: `Doe, Jane and Roe, John`, `Doe, Jane & Roe, John`
        names = [" ".join(reversed([p.strip() for p in part.split(",")])) for part in parts]
        separator, inverted = "and", True
    elif (glued := _glued_pairs(body)) is not None:
        names, inverted = glued, True
    else:
        names = [name.strip().removeprefix("and ").strip() for name in _SPLIT.split(body)]
        names = _joined_companies([name for name in names if name])
        if len(names) >= 2 and len(names) % 2 == 0 and all(map(_INITIALS.match, names[1::2])):
            # each surname followed by its initials: `Pinheiro, P.O., Collobert, R., Dollar, P.`
            names = [f"{names[i + 1]} {names[i]}" for i in range(0, len(names), 2)]
            inverted = True
        elif (  # one surname first (`Hinton, Geoffrey E., ...`), not a name with glued initials
            len(names) >= 2
            and len(names[0].split()) == 1
            and "." not in names[0]
            and 1 <= len(names[1].split()) <= 3
            and body[len(names[0]) :].startswith(",")  # a comma, not `&` (`Miles & Mikolajczyk`)
            and all(len(name.split()) >= 2 for name in names[2:])
        ):
            # A reference's inverted first author: `Hinton, Geoffrey E., Simon Osindero, ...`
            names = [f"{names[1]} {names[0]}", *names[2:]]
            inverted = True
    valid = 0  # the names that read as one, or hold a comma (a loop: a generator costs a third more)
    for name in names:
        if "," in name or _is_name(name.rstrip(".")):
            valid += 1
    if (
        valid < len(names)  # (else every name reads as one, or holds a comma, which no lower-case name does)
        and (not plain or placed)
        and (valid or len(names) >= 3)
        and 2 * sum(len(name.split()) >= 2 for name in names) >= len(names)
    ):
        # a name written all in lower case among capitalised ones (`Jane Doe, li wang`), or in a line of
        # three names or more all in lower case, is a name
        valid += sum(
            not _is_name(name.rstrip(".")) and _is_name(name.rstrip("."), lower_case=True) for name in names
        )
    # A long author line may hold a name written unusually (`Dong shu`, `Ting liu`): most must read
    # as names, not every one; in plain text, which is more often prose, all but one of five or more.
    if plain:
        lenient = len(names) >= 5 and valid >= len(names) - 1
    else:
        lenient = len(names) >= 3 and valid >= 0.75 * len(names)
    if not names or (valid < len(names) and not lenient):
        return None
    joined = placed and len(names) == 2 and "," not in body  # `Miles & Mikolajczyk`
    if (
        plain
        and not et_al
        and not joined
        and any(len(_NAME_PARTS.split(name.strip("."))) < 2 for name in names)
    ):
        return None
    if plain and not et_al and len(names) < 2 and not _INITIAL.match(names[0]) and not (placed and inverted):
        return None  # in plain text, one name alone is more often a label (`Local Demo`) than `R. Girshick`
    if len(names) == 1 and len(names[0].split()) == 1 and not et_al and not _ORGANISATION.match(names[0]):
        return None  # one word alone is a label more often than an author (not `DeepSeek-AI`, `@handle`)
    return Names(tuple(names), et_al, separator, inverted)
