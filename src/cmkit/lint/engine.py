"""Run the rules over a playbook file and return located findings (plain data, no printing)."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cmkit.errors import LoadError
from cmkit.lint.finding import Finding, Flag
from cmkit.lint.registry import Rule, all_rules, rule
from cmkit.loading.yamlnodes import Document, DuplicateKeys, format_path, parse_yaml, read_text, source_lines
from cmkit.model.playbook import Playbook


def _place(flag: Flag, found_by: Rule, playbook: Playbook) -> Finding:
    source = playbook.source
    where = flag.path if flag.at is None else flag.at
    position = source.key_at(where) if flag.at_key else source.value_at(where)
    anchors = tuple(sorted({position.line, source.key_at(where).line}))
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
        anchors=anchors,
    )


def lint_playbook(playbook: Playbook, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """The findings of every rule with a check, in file order."""
    findings = []
    for current in all_rules() if rules is None else rules:
        if current.check is not None:
            findings.extend(_place(flag, current, playbook) for flag in current.check(playbook))
    return sorted(findings, key=lambda f: (f.line, f.column, f.code))


def _load_finding(error: LoadError, file: str) -> Finding:
    assert error.code is not None
    found_by = rule(error.code)
    return Finding(
        code=error.code,
        severity=found_by.severity,
        message=error.message,
        file=file,
        line=error.line or 1,
        column=error.column or 1,
        path=error.path,
        rule=found_by.name,
        anchors=(error.line or 1,),
    )


@dataclass
class FileResult:
    """What linting one file gave: its findings, its lines (to show them in context), or why it was not read."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    unreadable: str | None = None  # the one-line reason when the file could not be read at all
    suppressed: list[Finding] = field(default_factory=list)  # silenced by an inline exception
    language: str | None = None  # the file's `organization.language`, as written, when it says one


@dataclass
class LintReport:
    """The results of one `cmkit lint` run, file by file, in the order given."""

    files: list[FileResult]

    @property
    def findings(self) -> list[Finding]:
        return [finding for result in self.files for finding in result.findings]

    @property
    def suppressed(self) -> list[Finding]:
        """The findings inline exceptions silenced: never counted, listed by --show-suppressed."""
        return [finding for result in self.files for finding in result.suppressed]

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def unreadable(self) -> list[FileResult]:
        return [result for result in self.files if result.unreadable is not None]

    def failed(self, *, strict: bool) -> bool:
        """Whether the findings fail the run: any error, or any warning under --strict (info never does)."""
        return bool(self.count("error") or (strict and self.count("warning")))


#: Top-level keys of cmkit's other files, and the command that reads them.
_OTHER_KINDS = {"cases": "cmkit test", "events": "cmkit simulate"}


def _refuse_other_kinds(document: Document) -> None:
    """A case file or a scenario linted by mistake gets one sentence naming it, not a dozen E003s."""
    from cmkit.i18n import current

    data = document.data
    if not isinstance(data, dict) or "cmkit" in data:
        return
    _ = current()
    sentences = {
        "cases": _("this is a test-case file (it has `{key}:`), not a playbook; run `{command}`"),
        "events": _("this is a scenario (it has `{key}:`), not a playbook; run `{command}`"),
    }
    for key, command in _OTHER_KINDS.items():
        if key in data:
            where = document.source.key_at((key,))
            raise LoadError(
                sentences[key].format(key=key, command=f"{command} {shlex.quote(document.source.file)}"),
                line=where.line,
                column=where.column,
                code="E001",
            )


def _audit(path: Path | str, rules: Sequence[Rule]) -> tuple[list[Finding], list[Finding], str]:
    """Load one file and run `rules` on it: the findings to report, those an inline exception
    silenced, and the file's text (to show them in context).

    Raise LoadError only when the file cannot be read at all.
    """
    from cmkit.i18n import language
    from cmkit.lint.inline import apply

    file = str(path)
    try:
        text = read_text(Path(path), kind="playbook")
    except LoadError as error:
        if error.code is None:  # missing or unreadable: the command cannot run
            raise
        return [_load_finding(error, file)], [], ""
    found, lang = _findings(text, file, rules)
    codes = {r.code for r in rules}
    found = [f for f in found if f.code in codes]  # load problems come whatever the selection
    known = {r.code for r in all_rules()}
    active, suppressed = apply(found, source_lines(text), file, codes, known, language(None, lang or None))
    return active, suppressed, text


def _findings(text: str, file: str, rules: Sequence[Rule]) -> tuple[list[Finding], str]:
    """Every finding for the text (load problems, or the rules' findings), and its language if it loaded."""
    from cmkit.loading.load import InvalidDocument, validate_document

    try:
        document = parse_yaml(text, file)
        _refuse_other_kinds(document)
        playbook = validate_document(document, Playbook)
    except DuplicateKeys as duplicates:
        return [_load_finding(error, file) for error in duplicates.each], ""
    except LoadError as error:
        if error.code is None:  # missing or unreadable: the command cannot run
            raise
        return [_load_finding(error, file)], ""
    except InvalidDocument as invalid:
        return [
            _load_finding(
                LoadError(
                    p.message, line=p.position.line, column=p.position.column, code="E003", path=format_path(p.path)
                ),
                file,
            )
            for p in invalid.problems
        ], ""
    return lint_playbook(playbook, rules), playbook.organization.language


def lint_file(path: Path | str, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Every finding for one file: load problems (E001-E003) or the rules' findings.

    A file that does not parse or validate cannot be audited further, so the
    load problems are all it gets; raise LoadError only when it cannot be read.
    """
    return _audit(path, tuple(all_rules() if rules is None else rules))[0]


def lint_paths(paths: Iterable[Path | str], rules: Iterable[Rule] | None = None) -> LintReport:
    """Lint several files; one that cannot be read is recorded, and the others are still linted."""
    selected = tuple(all_rules() if rules is None else rules)
    results = []
    for path in paths:
        try:
            findings, suppressed, text = _audit(path, selected)
        except LoadError as error:
            results.append(FileResult(str(path), unreadable=str(error)))
            continue
        lines = source_lines(text)
        results.append(FileResult(str(path), findings, lines, suppressed=suppressed, language=declared_language(lines)))
    return LintReport(results)


def declared_language(lines: Sequence[str]) -> str | None:
    """The `language:` a playbook's `organization` declares, read from its lines without
    validating (so that a file with load errors is still reported in its own language)."""
    inside = False
    for line in lines:
        if line.startswith("organization:"):
            inside = True
        elif inside and line[:1] not in ("", " ", "#"):
            return None
        elif inside and line.strip().startswith("language:"):
            value = line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"")
            return value or None
    return None
