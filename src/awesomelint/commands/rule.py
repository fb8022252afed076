"""`awesomelint rule`."""

from __future__ import annotations

import click

from ..engine import all_rules, rule_by_selector
from ._session import fail


@click.command("rule")
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every rule.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    help="Format of --all.",
)
def rule_command(code: str | None, show_all: bool, output_format: str) -> None:
    """Print the documentation of rule CODE (a code or a name), or list every rule with --all."""
    from ..docs import rule_doc, rule_table

    if (show_all or code is None) and output_format == "markdown":
        click.echo(rule_table())
        return
    if show_all or code is None:
        rows = sorted(all_rules(), key=lambda r: r.code)
        click.echo(f"{'code':<6}  {'name':<20}  {'severity':<8}  {'fix':<6}  summary")
        for r in rows:
            click.echo(f"{r.code:<6}  {r.name:<20}  {r.severity.label:<8}  {r.fix.value:<6}  {r.summary}")
        return
    found = rule_by_selector(code)
    if found is None:
        fail(f"unknown rule `{code}`; `awesomelint rule --all` lists them")
    click.echo(rule_doc(found).rstrip("\n"))
