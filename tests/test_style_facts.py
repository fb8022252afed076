"""What one entry says of the list's style (`style._entry_style`), worked out with fewer steps
(issue 29): the layout's links unpacked, a paper's fields picked from a table of their tuples."""

from __future__ import annotations

from awesomelint.read import read
from awesomelint.style import _paper_fields, entry_layout

LIST = """# Papers

- **Gamma Rays.** Ann Lee, Bo Chen. ICML 2021. [[paper](https://arxiv.org/abs/2101.00001)] [[code](https://github.com/a/g)]
- [Delta Waves](https://arxiv.org/abs/2101.00002) - ICML 2022.
- **Epsilon Nets.** *Bo Chen, Ann Lee.* ICML 2023.
- [Zeta](https://zeta.example.com) - A tool, see [its guide](https://guide.example.com).
- **Eta Maps.** ICML 2024.

  [[paper](https://arxiv.org/abs/2101.00004)]
"""


def test_layouts_name_each_field_once_and_a_run_of_links_once() -> None:
    gamma, delta, epsilon, zeta, eta = read(LIST).iter_entries()
    assert entry_layout(gamma) == "title authors venue link"  # two links in a row: one `link`
    assert entry_layout(delta) == "title venue"  # the link around the title is the title's
    assert entry_layout(epsilon) == "title authors venue"
    assert entry_layout(zeta) == "title description"  # a description's links are prose
    assert entry_layout(eta) == "title venue | link"  # a paragraph of its own


def test_a_papers_fields_are_those_it_has_in_their_order() -> None:
    gamma, delta, epsilon, _, eta = read(LIST).iter_entries()
    assert _paper_fields(gamma) == ("title", "venue", "year", "authors", "link")
    assert _paper_fields(delta) == ("title", "venue", "year", "link")
    assert _paper_fields(epsilon) == ("title", "venue", "year", "authors")
    assert _paper_fields(eta) == ("title", "venue", "year", "link")
    # (each set of fields one tuple, shared by the papers that have it)
    assert _paper_fields(gamma) is _paper_fields(gamma)
