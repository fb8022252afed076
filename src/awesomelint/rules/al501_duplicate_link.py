from __future__ import annotations

from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, rule
from ..model import Entry, Link
from ..style import entry_shape
from ._duplicates import duplicates, in_pairing_order, link_identity, names_of


@rule(
    "AL501",
    "duplicate-link",
    "Two different entries share one title or paper link (a link copied from another entry)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("links",),
)
def duplicate_link(ctx: Context) -> Iterator[Diagnostic]:
    repeated = {id(r.entry): r.first for r in duplicates(ctx.document).repeats}
    seen: dict[str, tuple[Entry, Link]] = {}
    for entry in in_pairing_order(ctx.document):
        for link in entry.links:
            if link.role not in ("title", "paper"):
                continue  # code, project and data links may be shared; description links are prose
            identity = link_identity(link)
            if identity is None:
                continue
            first_entry, first_link = seen.setdefault(identity, (entry, link))
            if first_entry is entry or repeated.get(id(entry)) is first_entry:
                continue  # the same entry, or a repeat of the same paper (AL206's concern)
            if names_of(first_entry) & names_of(entry):
                continue  # the same paper under another name (a dataset's name, a model's)
            if entry_shape(first_entry) != entry_shape(entry):
                continue  # a table of benchmarks citing a paper the list also has: a reference
            if (
                "paper" not in (entry.kind, first_entry.kind)
                and entry.section_path != first_entry.section_path
            ):
                continue  # a tool filed under two categories under two names
            other = first_entry.title.text if first_entry.title else "another entry"
            message = (
                f"`{link.url}` is already the {_role(first_link)} link of `{other}` "
                f"(line {first_link.span.start_line}): a link copied from another entry?"
            )
            yield ctx.report(link.url_span, message, related=first_entry.span)


def _role(link: Link) -> str:
    return "title" if link.role == "title" else "paper"
