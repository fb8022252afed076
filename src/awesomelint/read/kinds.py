"""What an entry is (a paper or a resource) and what each of its links is for (its role).

Decided from what the entry carries, after its fields are read: a paper shows paper evidence (a
venue or a year, authors, or a link to a paper host or labelled as the paper); anything else (a
repository, a tool, a dataset, a course, another list) is a resource.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from urllib.parse import SplitResult

from ..model import Entry, EntryKind, Link, LinkRole, Section
from ..urls import split_url

# Hosts whose pages are papers (or a paper's abstract page), by registered domain.
PAPER_HOSTS = frozenset(
    {
        "arxiv.org",
        "openreview.net",
        "aclanthology.org",
        "aclweb.org",
        "doi.org",
        "dl.acm.org",
        "ieeexplore.ieee.org",
        "proceedings.neurips.cc",
        "papers.nips.cc",
        "neurips.cc",
        "proceedings.mlr.press",
        "jmlr.org",
        "openaccess.thecvf.com",
        "cv-foundation.org",
        "ecva.net",
        "link.springer.com",
        "sciencedirect.com",
        "semanticscholar.org",
        "biorxiv.org",
        "medrxiv.org",
        "ssrn.com",
        "researchgate.net",
        "ojs.aaai.org",
        "aaai.org",
        "ijcai.org",
        "nature.com",
        "science.org",
        "sciencemag.org",
        "pnas.org",
        "ncbi.nlm.nih.gov",
        "academic.oup.com",
        "onlinelibrary.wiley.com",
        "tandfonline.com",
        "mdpi.com",
        "frontiersin.org",
        "isca-speech.org",
        "isca-archive.org",
        "roboticsproceedings.org",
        "citeseerx.ist.psu.edu",
        "papers.ssrn.com",
        "techrxiv.org",
        "preprints.org",
        "researchsquare.com",
        "iclr.cc",
        "icml.cc",
        "cvpr.thecvf.com",
        "usenix.org",
        "vldb.org",
        "ceur-ws.org",
        "hal.science",
        "hal.archives-ouvertes.fr",
    }
)
CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org"})
VIDEO_HOSTS = frozenset({"youtube.com", "youtu.be", "bilibili.com", "vimeo.com"})
DATA_HOSTS = frozenset({"kaggle.com"})

# Label words (lower case, brackets and punctuation stripped) -> role.
_LABEL_ROLES: dict[str, LinkRole] = {
    **dict.fromkeys(
        ["paper", "pdf", "arxiv", "abs", "abstract", "openreview", "acl", "doi", "article", "preprint"],
        "paper",
    ),
    **dict.fromkeys(
        [
            "code",
            "github",
            "repo",
            "repository",
            "source",
            "implementation",
            "official",
            "pytorch",
            "tensorflow",
            "jax",
            "gitlab",
            "octocat",  # `[:octocat:](url)`, GitHub's emoji
        ],
        "code",
    ),
    **dict.fromkeys(
        [
            "project",
            "website",
            "homepage",
            "page",
            "site",
            "demo",
            "blog",
            "web",
            "home",
            "webpage",
            "hf",
            "huggingface",
            "model",
            "models",
            "checkpoint",
            "weights",
            "slides",
            "poster",
            "bibtex",
            "docs",
        ],
        "project",
    ),
    **dict.fromkeys(["data", "dataset", "datasets", "benchmark", "leaderboard"], "data"),
    **dict.fromkeys(["video", "talk", "youtube", "bilibili", "recording"], "video"),
}
_WORD = re.compile(r"[a-z]+")


def host_of(url: str) -> str:
    """The URL's host, lower-cased and without ``www.`` (empty when it has none)."""
    return _host(split_url(url.strip()))


def _host(parts: SplitResult | None) -> str:
    return _host_of_netloc(parts.netloc) if parts else ""


@functools.lru_cache(maxsize=4096)  # a list links to few hosts, each many times
def _host_of_netloc(netloc: str) -> str:
    """The host an address's network location names (what `hostname` reads of it), without ``www.``."""
    return (SplitResult("", netloc, "", "", "").hostname or "").removeprefix("www.")


def _in(host: str, domains: frozenset[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or a subdomain of one."""
    while host:
        if host in domains:
            return True
        _, _, host = host.partition(".")
    return False


@functools.lru_cache(maxsize=2**14)  # asked of each link by its role, its entry's fields and kind
def is_paper_url(url: str) -> bool:
    """A link to a paper host, or straight to a PDF."""
    parts = split_url(url.strip())
    return parts is not None and (_in(_host(parts), PAPER_HOSTS) or parts.path.lower().endswith(".pdf"))


@functools.lru_cache(maxsize=2**13)  # most labels are a few role words, each asked of many times
def label_role(label: str) -> LinkRole | None:
    """The role a link's label names (``[[Paper]]``, ``Pytorch Code``), or None for other labels."""
    words = _WORD.findall(label.lower())
    if not words or len(words) > 3:
        return None
    for word in words:
        if word in _LABEL_ROLES:
            return _LABEL_ROLES[word]
    return None


# Labels that call a link an address and name nothing (`[[URL](u)]`).
_ADDRESS_LABELS = frozenset(["url", "link", "html", "www", "web page", "webpage"])


def is_link_word(label: str) -> bool:
    """A label that names the link's role or calls it an address (`[code]`, `[[URL]]`): the label
    of an entry's own link, never its title."""
    return label_role(label) is not None or label.strip("[]() ").casefold() in _ADDRESS_LABELS


def link_role(entry: Entry, link: Link) -> LinkRole:
    """The link's role in ``entry`` (its fields already read). A link labelled by its role
    (`[[code](u)]`) is the entry's wherever it stands; other links inside the description are the
    description's."""
    title = entry.title.span if entry.title else None
    if title is not None and link.span.start <= title.start and title.end <= link.span.end:
        return "title"
    named = label_role(link.label)
    if named is not None:
        return named
    description = entry.description.span if entry.description else None
    if description is not None and description.start <= link.span.start < description.end:
        return "description"
    if is_paper_url(link.url):
        return "paper"
    host = host_of(link.url)
    if _in(host, CODE_HOSTS):
        return "code"
    if _in(host, VIDEO_HOSTS):
        return "video"
    if _in(host, DATA_HOSTS):
        return "data"
    return "other"


def entry_kind(entry: Entry) -> EntryKind:
    """``paper`` when the entry carries paper evidence (a venue, authors, a link labelled as the
    paper, or a title that links to a page of a paper host), else ``resource``. A title linked
    straight to a PDF elsewhere is a document (a book, slides, a guide), and one linked to a paper
    host's front page (`papers.nips.cc/`) is a site: neither is evidence of a paper by itself."""
    return "paper" if _paper_evidence(entry) else "resource"


def _paper_evidence(entry: Entry) -> bool:
    if entry.venue is not None or entry.authors is not None:
        return True
    return any(
        link.role == "paper" or (link.role == "title" and _paper_page(link.url)) for link in entry.links
    ) and not _names_several_works(entry.links)


def _names_several_works(links: Sequence[Link]) -> bool:
    """Two or more links to papers, each labelled with a name of its own, and no link labelled as the
    entry's title or by its role (`**Fact Edits** | [AlphaQA](arxiv), [BetaSet](arxiv)`): the entry
    names a group of works, not one paper."""
    if len(links) < 2 or links[0].role == "title":
        return False  # most entries: one link, or the title's link first
    return (
        sum(link.role == "paper" for link in links) > 1
        and len({link.label.strip().casefold() for link in links}) == len(links)
        and all(
            link.role != "title" and _WORD.search(link.label.lower()) and label_role(link.label) is None
            for link in links
        )
    )


def _pdf_only(entry: Entry) -> bool:
    """Whether the entry's only sign of a paper is its title linked straight to a PDF off the paper
    hosts: a paper in a paper list, a book or a guide in a list of resources."""
    if _paper_evidence(entry):  # not the kind, which settling sets: this stays true once settled
        return False
    return any(link.role == "title" and is_paper_url(link.url) for link in entry.links)


def settle_kinds(sections: Sequence[Section], top: Sequence[Entry]) -> tuple[int, int]:
    """Decide the entries whose title links only to a PDF by the entries around them: a paper where
    most of their section's other entries (else the list's) are papers, else a resource. Returns the
    list's `paper_count` (settling leaves it as it was)."""
    groups = [top, *(node.entries for section in sections for node in section.walk())]
    # each entry's test once (it reads every link's address), not once per majority it counts in
    pdf_only = {id(entry) for entries in groups for entry in entries if _pdf_only(entry)}
    count = _decided_count([entry for entries in groups for entry in entries], pdf_only)
    overall = majority_of(*count)
    for entries in groups:
        settle_group(entries, overall, pdf_only)
    return count


def settle_group(entries: Sequence[Entry], overall: bool | None, pdf_only: set[int] | None = None) -> None:
    """Settle the PDF-only entries of one section, by its majority, else by ``overall`` (the list's).
    ``pdf_only``: the ids of the entries that `_pdf_only` holds for, when already known."""
    if pdf_only is None:
        pdf_only = {id(entry) for entry in entries if _pdf_only(entry)}
    undecided = [entry for entry in entries if id(entry) in pdf_only]
    if not undecided:
        return
    local = paper_majority(entries, pdf_only)
    papers = local if local is not None else overall
    for entry in undecided:
        entry.kind = "paper" if papers else "resource"


def paper_majority(entries: Sequence[Entry], pdf_only: set[int] | None = None) -> bool | None:
    """Whether most entries that carry their own evidence are papers; None when none does.
    ``pdf_only``: the ids of the entries that `_pdf_only` holds for, when already known."""
    if pdf_only is None:
        pdf_only = {id(entry) for entry in entries if _pdf_only(entry)}
    return majority_of(*_decided_count(entries, pdf_only))


def _decided_count(entries: Sequence[Entry], pdf_only: set[int]) -> tuple[int, int]:
    """`paper_count` of ``entries``, with the ids of those that `_pdf_only` holds for known."""
    decided = [entry.kind == "paper" for entry in entries if id(entry) not in pdf_only]
    return sum(decided), len(decided)


PAPER_COUNT = "read.paper_count"  # where a document keeps its `paper_count` (in `Document.derived`)


def paper_count(entries: Iterable[Entry]) -> tuple[int, int]:
    """How many of the entries that carry their own evidence are papers, and how many carry it: a
    sum over entries (a list's count after an edit is the one before, less the entries gone, plus
    those come)."""
    decided = [entry.kind == "paper" for entry in entries if not _pdf_only(entry)]
    return sum(decided), len(decided)


def majority_of(papers: int, decided: int) -> bool | None:
    """`paper_majority` from a `paper_count`."""
    return papers * 2 > decided if decided else None


@functools.lru_cache(maxsize=2**13)  # asked of each title link once for its kind, again in settling
def _paper_page(url: str) -> bool:
    """A page of a paper host that may be a paper's: not its front page, nor a page whose path is only
    words and years (`icml.cc/2015/`, `neurips.cc/Conferences/2023`: a conference's or journal's)."""
    parts = split_url(url.strip())
    if parts is None or not _in(_host(parts), PAPER_HOSTS) or not parts.path.strip("/"):
        return False
    return bool(parts.query) or not _SITE_PATH.fullmatch(parts.path)


# A path of words and years only, which names a site's section rather than a document.
_SITE_PATH = re.compile(r"(?:/+(?:(?:19|20)\d\d|[^\W\d]+(?:[-_][^\W\d]+)*))*/*")
