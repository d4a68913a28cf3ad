"""With a French playbook (or `--lang fr`), what cmkit prints holds no English word of its own.

The list of English words is built from the catalogue's message ids (the English
sentences), less the words French shares (« message », « public », « playbook »:
any word that also appears in a French translation) and the format's own keys
(written in backticks, as paths or as codes). What the charter's author wrote —
labels, ids, quoted text — is theirs, not cmkit's, so the words of the playbook
file are never counted. A command whose output is not converted yet fails here.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from cmkit.cli.app import app
from cmkit.i18n import _LOCALE
from tests.conftest import EN_PLAYBOOK, FR_PLAYBOOK
from tests.decide.builders import isolated_cache  # noqa: F401 (fixture)
from tests.test_i18n import _sentences

#: what a sentence names rather than says: keys in backticks, placeholders, paths, options, and
#: names in capitals (a `--help` metavar such as FIELD=COLUMN, an acronym)
_FORMAT_WORDS = re.compile(r"`[^`]*`|\{[^}]*\}|\S*[\[\]_./]\S*|--\S+|\b[A-Z][A-Z0-9]+\b")
_AUTHORS_WORDS = re.compile(r"--\S+|`[^`]*`|'[^']*'|«[^»]*»|“[^”]*”|\"[^\"]*\"|\S*[\[\]_./]\S*")


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ’']+", text) if len(w) >= 3}


@cache
def english_words() -> frozenset[str]:
    """Words of cmkit's English sentences that French never uses."""
    english: set[str] = set()
    for _file, _line, msgid in _sentences():
        english |= _words(_FORMAT_WORDS.sub(" ", msgid))
    french_text = "\n".join(
        line for line in (Path(_LOCALE) / "fr.po").read_text(encoding="utf-8").splitlines() if line.startswith("msgstr")
    )
    return frozenset(english - _words(_FORMAT_WORDS.sub(" ", french_text)))


def english_in(output: str, *sources: Path) -> set[str]:
    """The English words of cmkit's own in `output`, the author's words (quoted, or in `sources`) aside."""
    authors = set().union(*(_words(source.read_text(encoding="utf-8")) for source in sources))
    return (_words(_AUTHORS_WORDS.sub(" ", output)) & english_words()) - authors


def test_the_list_of_english_words_is_real():
    words = english_words()
    assert {"referent", "tightened", "because", "expected", "missing"} <= words
    assert not {"playbook", "message", "public"} & words  # shared with French, never counted


def _flawed(source: Path, tmp_path: Path, name: str) -> Path:
    """A copy of `source` that lint and diff have plenty to say about."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.pop("reporting", None)
    for contact in data["contacts"]:
        contact.pop("backup", None)
    data["objectives"][0].pop("kpi", None)
    data["topics"][0].pop("process", None)
    data["topics"][0]["keywords"] = [*data["topics"][0].get("keywords", []), *data["topics"][0].get("keywords", [])[:1]]
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _revised(source: Path, tmp_path: Path) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    new = copy.deepcopy(data)
    new["topics"][0]["action"] = "moderate" if data["topics"][0]["action"] != "moderate" else "answer"
    new["topics"].pop()
    new["contacts"][0]["respond_within"] = "3h"
    new["autonomy"]["may"].append("x")
    new["channels"][0]["expected_response"] = "5m"
    new["contacts"].append({"id": "nouveau", "name": "Nouveau", "respond_within": "1h"})
    path = tmp_path / "v2.yaml"
    path.write_text(yaml.safe_dump(new, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _cases(playbook: Path, tmp_path: Path) -> Path:
    data = yaml.safe_load(playbook.read_text(encoding="utf-8"))
    topic = data["topics"][0]
    path = tmp_path / "cases.yaml"
    text = f"playbook: {playbook}\ncases:\n"
    text += f"  - text: zzz\n    expect: {{action: crisis}}\n"
    text += f"  - id: wrong\n    text: {topic['keywords'][0]}\n    expect: {{action: crisis, topic: nope}}\n"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("playbook", "extra"), [(FR_PLAYBOOK, []), (EN_PLAYBOOK, ["--lang", "fr"])], ids=["fr", "en+lang-fr"])
def test_lint_diff_test_and_check_speak_french_only(runner, isolated_cache, tmp_path, monkeypatch, playbook, extra):
    monkeypatch.delenv("CMKIT_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    flawed = _flawed(playbook, tmp_path, "flawed.yaml")
    revised = _revised(playbook, tmp_path)
    cases = _cases(playbook, tmp_path)
    message = yaml.safe_load(playbook.read_text(encoding="utf-8"))["topics"][0]["keywords"][0]
    runs = {
        "lint": (["lint", "--strict", str(flawed), *extra], (flawed,), 1),
        "diff": (["diff", str(playbook), str(revised), *extra], (playbook, revised), 1),
        "test": (["test", str(cases), *extra], (playbook, cases), 1),
        "check": (["check", "-p", str(playbook), "--verbose", *extra, f"{message} ?"], (playbook,), 0),
    }
    for command, (argv, sources, code) in runs.items():
        result = runner.invoke(app, argv, env={"NO_COLOR": "1", "COLUMNS": "120"})
        assert result.exit_code == code, (command, result.stdout, result.stderr)
        assert len(result.stdout.splitlines()) > 3, (command, result.stdout)  # there was something to say
        found = english_in(result.stdout + result.stderr, *sources)
        assert not found, f"{command} printed English words {sorted(found)}:\n{result.stdout}"


def test_an_english_playbook_speaks_english(runner, isolated_cache, tmp_path, monkeypatch):
    """The check above is not vacuous: the same runs in English hold the listed words."""
    monkeypatch.delenv("CMKIT_LANG", raising=False)
    flawed = _flawed(EN_PLAYBOOK, tmp_path, "flawed.yaml")
    result = runner.invoke(app, ["lint", str(flawed)], env={"NO_COLOR": "1"})
    assert english_in(result.stdout, flawed)


def test_a_french_playbook_that_does_not_load_is_told_so_in_french(runner, tmp_path, monkeypatch):
    """Its validation problems (E003) speak the language it declares, before anything else loads."""
    monkeypatch.delenv("CMKIT_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    text = FR_PLAYBOOK.read_text(encoding="utf-8").replace("respond_within: 2h", "respond_within: 2 h", 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("  name: ", "  nom: ", 1), encoding="utf-8")
    result = runner.invoke(app, ["lint", str(broken)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert "n’est pas une durée" in result.stdout and "clé inconnue 'nom'" in result.stdout
    assert not english_in(result.stdout, broken)
    check = runner.invoke(app, ["diff", str(broken), str(FR_PLAYBOOK)])
    assert check.exit_code == 2 and check.stderr.startswith("erreur\u202f: ")
    english = runner.invoke(app, ["lint", str(broken), "--lang", "en"], env={"NO_COLOR": "1"})
    assert "is not a duration" in english.stdout
