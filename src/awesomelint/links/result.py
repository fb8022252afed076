"""What checking one URL found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Verdict = Literal["ok", "broken", "redirected", "unverifiable", "skipped"]


@dataclass
class LinkResult:
    url: str
    verdict: Verdict
    reason: str = ""
    status: int | None = None
    final_url: str | None = None
    chain: list[tuple[int, str]] = field(default_factory=list)  # (status, location) of each redirect
    titles: list[str] = field(default_factory=list)  # citation_title, og:title, <title> of an HTML page
    attempts: int = 0
    bytes_read: int = 0
    cached: bool = False

    def to_cache(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "status": self.status,
            "final_url": self.final_url,
            "chain": [list(hop) for hop in self.chain],
            "titles": self.titles,
        }

    @classmethod
    def from_cache(cls, url: str, entry: dict[str, Any]) -> LinkResult:
        verdict = entry["verdict"]
        if verdict not in ("ok", "redirected"):
            raise ValueError(verdict)
        return cls(
            url=url,
            verdict=verdict,
            reason="cached",
            status=int(entry["status"]),
            final_url=str(entry["final_url"]) if entry.get("final_url") else None,
            chain=[(int(status), str(location)) for status, location in entry.get("chain", [])],
            titles=[str(title) for title in entry.get("titles", [])],
            cached=True,
        )
