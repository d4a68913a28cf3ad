"""`cmkit test` as text, the way pytest reports: a dot per case, then each failure explained."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from cmkit.decide.cases import CaseResult
from cmkit.i18n import Catalogue, catalogue
from cmkit.i18n.numbers import number


def print_results(
    console: Console, results: list[CaseResult], cases_file: str, playbook: str, lang: str = "en"
) -> None:
    """Dots, failures (expected, got, why), and the count line, in `lang`."""
    _ = catalogue(lang)
    console.print(
        _("{cases} against {playbook}").format(cases=f"[bold]{escape(cases_file)}[/]", playbook=escape(playbook)),
        highlight=False,
        soft_wrap=True,
    )
    console.print("".join("[green].[/]" if r.passed else "[bold red]F[/]" for r in results))
    failures = [r for r in results if not r.passed]
    quote = ("«\u00a0", "\u00a0»") if lang == "fr" else ("“", "”")
    colon = "\u202f:" if lang == "fr" else ":"  # French sets its colon apart
    for result in failures:
        console.print()
        console.print(
            f"[bold red]{_('FAILED')}[/] {escape(cases_file)}:{result.line} {escape(result.name)}{colon} "
            f"{quote[0]}{escape(result.text)}{quote[1]}",
            highlight=False,
            soft_wrap=True,
        )
        for key, expected in result.expected.items():
            got = result.got[key]
            mark = "[red]✗[/]" if got != expected else " "
            line = _("{key}: expected {expected}, got {got}").format(key=key, expected=_show(expected, _), got=_show(got, _))
            console.print(f"  {mark} {line}", highlight=False, soft_wrap=True)
        because = _("because: {why}").format(why=escape(_because(result, lang)))
        console.print(f"    {because}", highlight=False, soft_wrap=True)
    passed = len(results) - len(failures)
    passed_text = _.n("{count} passed", "{count} passed", passed).format(count=number(passed, lang))
    if failures:
        failed_text = _.n("{count} failed", "{count} failed", len(failures)).format(count=number(len(failures), lang))
        summary = f"{failed_text}, {passed_text}"
    else:
        summary = passed_text
    console.print()
    console.print(f"[{'bold red' if failures else 'bold green'}]{summary}[/]")


def _show(value: object, _: Catalogue) -> str:
    """A case's value as the reader says it: a string quoted; in another language than English,
    nothing, yes and no in words (JSON's `null`, `true`, `false` are not French)."""
    import json

    if _.lang != "en" and (value is None or isinstance(value, bool)):
        word = {None: "nothing", True: "yes", False: "no"}[value]
        return escape(_.p("case value", word))
    return escape(json.dumps(value, ensure_ascii=False))


def _because(result: CaseResult, lang: str = "en") -> str:
    _ = catalogue(lang)
    decision = result.decision
    quote = ("«\u00a0", "\u00a0»") if lang == "fr" else ("“", "”")
    fired = "; ".join(_fired(r, quote) for r in decision.reasons)
    parts = [fired or _("no keyword or pattern matched, so the default applies")]
    if decision.crisis_reason:
        parts.append(_("crisis: {reason}").format(reason=decision.crisis_reason))
    return "; ".join(parts)


def _fired(reason, quote: tuple[str, str] = ("“", "”")) -> str:
    """`topic ← “word”` for what a topic matched; a reason of no topic (the watchlist, the
    author, the audience, a tier) is named by its kind: `author ← “journalist”`."""
    what = ", ".join(f"{quote[0]}{m}{quote[1]}" for m in reason.matched)
    if reason.topic is None:
        return f"{reason.kind} ← {what}"
    if reason.kind == "keyword" or reason.kind == "pattern":
        return f"{reason.topic} ← {what}"
    return f"{reason.topic} ({reason.kind}) ← {what}"
