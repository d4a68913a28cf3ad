"""Run the rules over a playbook file and return located findings (plain data, no printing)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cmkit.errors import LoadError
from cmkit.lint.finding import Finding, Flag
from cmkit.lint.registry import Rule, all_rules, rule
from cmkit.loading.yamlnodes import format_path, load_document
from cmkit.model.playbook import Playbook


def _place(flag: Flag, found_by: Rule, playbook: Playbook) -> Finding:
    source = playbook.source
    position = source.key_at(flag.path) if flag.at_key else source.value_at(flag.path)
    return Finding(
        code=found_by.code,
        severity=found_by.severity,
        message=flag.message,
        file=source.file,
        line=position.line,
        column=position.column,
        path=format_path(flag.path),
        hint=flag.hint,
        rule=found_by.name,
    )


def lint_playbook(playbook: Playbook, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """The findings of every rule with a check, in file order."""
    findings = []
    for current in all_rules() if rules is None else rules:
        if current.check is not None:
            findings.extend(_place(flag, current, playbook) for flag in current.check(playbook))
    return sorted(findings, key=lambda f: (f.line, f.column, f.code))


def _load_finding(error: LoadError, file: str, code: str, path: str = "") -> Finding:
    found_by = rule(code)
    return Finding(
        code=code,
        severity=found_by.severity,
        message=error.message,
        file=file,
        line=error.line or 1,
        column=error.column or 1,
        path=path,
        rule=found_by.name,
    )


def lint_file(path: Path | str, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Every finding for one file: load problems (E001-E003) or the rules' findings.

    A file that does not parse or validate cannot be audited further, so the
    load problems are all it gets; raise LoadError only when it cannot be read.
    """
    from cmkit.loading.load import InvalidDocument, validate_document

    file = str(path)
    try:
        document = load_document(path, kind="playbook")
        playbook = validate_document(document, Playbook)
    except LoadError as error:
        if error.code is None:  # missing or unreadable: the command cannot run
            raise
        return [_load_finding(error, file, error.code)]
    except InvalidDocument as invalid:
        return [
            _load_finding(
                LoadError(p.message, line=p.position.line, column=p.position.column),
                file,
                "E003",
                format_path(p.path),
            )
            for p in invalid.problems
        ]
    return lint_playbook(playbook, rules)
