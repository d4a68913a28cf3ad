"""`cmkit test` as text, the way pytest reports: a dot per case, then each failure explained."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from cmkit.decide.cases import CaseResult


def print_results(console: Console, results: list[CaseResult], cases_file: str, playbook: str) -> None:
    """Dots, failures (expected, got, why), and the count line."""
    console.print(f"[bold]{escape(cases_file)}[/] against {escape(playbook)}", highlight=False, soft_wrap=True)
    console.print("".join("[green].[/]" if r.passed else "[bold red]F[/]" for r in results))
    failures = [r for r in results if not r.passed]
    for result in failures:
        console.print()
        console.print(
            f"[bold red]FAILED[/] {escape(cases_file)}:{result.line} {escape(result.name)}: "
            f"“{escape(result.text)}”",
            highlight=False,
            soft_wrap=True,
        )
        for key, expected in result.expected.items():
            got = result.got[key]
            mark = "[red]✗[/]" if got != expected else " "
            console.print(f"  {mark} {key}: expected {_show(expected)}, got {_show(got)}", highlight=False, soft_wrap=True)
        console.print(f"    because: {escape(_because(result))}", highlight=False, soft_wrap=True)
    passed = len(results) - len(failures)
    summary = f"{len(failures)} failed, {passed} passed" if failures else f"{passed} passed"
    console.print()
    console.print(f"[{'bold red' if failures else 'bold green'}]{summary}[/]")


def _show(value: object) -> str:
    import json

    return escape(json.dumps(value, ensure_ascii=False))


def _because(result: CaseResult) -> str:
    decision = result.decision
    fired = "; ".join(_fired(r) for r in decision.reasons)
    parts = [fired or "no keyword or pattern matched, so the default applies"]
    if decision.crisis_reason:
        parts.append(f"crisis: {decision.crisis_reason}")
    return "; ".join(parts)


def _fired(reason) -> str:
    """`topic ← “word”` for what a topic matched; a reason of no topic (the watchlist, the
    author, the audience, a tier) is named by its kind: `author ← “journalist”`."""
    what = ", ".join(f"“{m}”" for m in reason.matched)
    if reason.topic is None:
        return f"{reason.kind} ← {what}"
    if reason.kind == "keyword" or reason.kind == "pattern":
        return f"{reason.topic} ← {what}"
    return f"{reason.topic} ({reason.kind}) ← {what}"
