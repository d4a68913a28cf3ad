"""The lint rules themselves, for people: a list, one rule explained, or the Markdown reference.

Everything comes from the rule modules (code, severity, name, docstring), so
the documentation cannot drift from what `cmkit lint` checks.
"""

from __future__ import annotations

from cmkit.i18n import Catalogue, catalogue
from cmkit.lint.registry import Rule

#: what the rules say without a translation: their own docstrings
_ENGLISH = catalogue("en")


def described(rule: Rule, _: Catalogue = _ENGLISH) -> tuple[str, str]:
    """The rule's summary and reason in `_`'s language: its docstring's translation (the
    catalogue's entry with context "rule CODE"), else its own English."""
    doc = _.p(f"rule {rule.code}", rule.doc) if rule.doc else rule.doc
    if doc == rule.doc:
        return rule.summary, rule.reason
    summary, _newline, reason = doc.partition("\n")
    return summary.strip(), reason.strip()


def severity_word(rule: Rule, _: Catalogue = _ENGLISH) -> str:
    """The rule's severity as a reader says it: "warning" (fr: « avertissement »)."""
    return _.p("severity", rule.severity)


def listing(rules: tuple[Rule, ...], _: Catalogue = _ENGLISH) -> str:
    """One line per rule: code, severity, name, what it checks."""
    width = max(len(rule.name) for rule in rules)
    severities = {rule.code: severity_word(rule, _) for rule in rules}
    column = max(len(word) for word in severities.values())
    return "\n".join(
        f"{rule.code}  {severities[rule.code]:<{column}}  {rule.name:<{width}}  {described(rule, _)[0]}" for rule in rules
    )


def explain(rule: Rule, _: Catalogue = _ENGLISH) -> str:
    """The whole documentation of one rule, as `cmkit lint --explain CODE` prints it."""
    summary, reason = described(rule, _)
    for head, words in {"FAIL::": _("This fails:"), "PASS::": _("This passes:")}.items():
        reason = reason.replace(head, words)
    return f"{rule.code} {rule.name} ({severity_word(rule, _)})\n\n{summary}\n\n{reason}\n"


def markdown(rules: tuple[Rule, ...]) -> str:
    """The rules reference for docs/lint.md: a table, then one section per rule."""
    out = ["| code | severity | name | what it checks |", "| --- | --- | --- | --- |"]
    out += [
        f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.severity} | `{r.name}` | {r.summary} |"
        for r in rules
    ]
    for rule in rules:
        out += ["", f"### {rule.code} {rule.name}", "", f"*{rule.severity}* — {rule.summary}", ""]
        out += _examples_fenced(rule.reason)
    return "\n".join(out) + "\n"


_EXAMPLE_HEADS = {"FAIL::": "This fails:", "PASS::": "This passes:"}


def _examples_fenced(reason: str) -> list[str]:
    """The docstring's reST-style `FAIL::` / `PASS::` blocks as fenced YAML blocks."""
    out: list[str] = []
    in_example = False
    for line in reason.splitlines():
        if line.strip() in _EXAMPLE_HEADS:
            if in_example:
                out += ["```", ""]
            out += [_EXAMPLE_HEADS[line.strip()], "", "```yaml"]
            in_example = True
        elif in_example and line.strip():
            out.append(line[4:])
        elif not in_example:
            out.append(line)
    if in_example:
        out.append("```")
    return out


def as_dict(rule: Rule, _: Catalogue = _ENGLISH) -> dict[str, str]:
    """A rule for `--list-rules --format json` (its summary, a sentence for people, in `_`'s language)."""
    return {"code": rule.code, "severity": rule.severity, "name": rule.name, "summary": described(rule, _)[0]}
