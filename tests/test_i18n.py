"""The catalogue: every sentence the code speaks through `cmkit.i18n` has its French."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cmkit.i18n import catalogue, language, read_po
from tests.conftest import ROOT

SRC = ROOT / "src" / "cmkit"


def _sentences() -> list[tuple[str, int, str]]:
    """(file, line, msgid) for every `_("…")` and `_.n("…", "…", n)` call with literal text."""
    found = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            is_call = isinstance(func, ast.Name) and func.id == "_"
            is_plural = isinstance(func, ast.Attribute) and func.attr == "n" and isinstance(func.value, ast.Name) and func.value.id == "_"
            first = node.args[0]
            if (is_call or is_plural) and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((str(path.relative_to(ROOT)), node.lineno, first.value))
    return found


def test_every_sentence_of_the_code_is_in_the_french_catalogue():
    french = catalogue("fr")
    missing = [f"{file}:{line}: {msgid!r}" for file, line, msgid in _sentences() if not french.has(msgid)]
    assert not missing, "add these to src/cmkit/i18n/locale/fr.po:\n" + "\n".join(missing)


def test_every_word_of_the_documents_is_in_the_french_catalogue():
    """The documents' words (cmkit.render.i18n, English) have their French in the same catalogue."""
    from cmkit.render.i18n import EN

    french = catalogue("fr")
    missing = []

    def walk(value, path):
        if isinstance(value, str):
            if not french._entry(value, f"document: {path}"):
                missing.append(f"document: {path}: {value!r}")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk(item, f"{path}.{i}")

    walk(EN, "")
    assert not missing, "add these to src/cmkit/i18n/locale/fr.po (msgctxt, msgid):\n" + "\n".join(missing)


def test_plural_forms_follow_each_language():
    assert catalogue("fr").n("{count} message decided", "{count} messages decided", 1) == "{count} message décidé"
    assert catalogue("fr").n("{count} message decided", "{count} messages decided", 0) == "{count} message décidé"
    assert catalogue("fr").n("{count} message decided", "{count} messages decided", 3) == "{count} messages décidés"
    assert catalogue("en").n("{count} message decided", "{count} messages decided", 0) == "{count} messages decided"


def test_a_po_file_as_translators_tools_write_it():
    text = '''
# comment
msgid ""
msgstr "Language: fr\\n"

#, fuzzy
msgid "Old"
msgstr "Vieux"

msgid "Two "
"lines"
msgstr "Deux "
"lignes \\"quoted\\""
'''
    assert read_po(text) == {"Two lines": 'Deux lignes "quoted"'}


@pytest.mark.parametrize(
    ("explicit", "env", "playbook", "locale", "expected"),
    [
        ("fr", "en", "en", "en_US.UTF-8", "fr"),
        (None, "fr", "en", "en_US.UTF-8", "fr"),
        (None, None, "fr", "en_US.UTF-8", "fr"),
        (None, None, None, "fr_FR.UTF-8", "fr"),
        (None, None, None, "de_DE.UTF-8", "en"),
        (None, None, "en", "fr_FR.UTF-8", "en"),
    ],
)
def test_which_language_a_command_speaks(monkeypatch, explicit, env, playbook, locale, expected):
    for variable in ("CMKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    if env:
        monkeypatch.setenv("CMKIT_LANG", env)
    monkeypatch.setenv("LANG", locale)
    assert language(explicit, playbook) == expected


def test_the_french_catalogue_is_well_formed():
    """Each msgid once, each with its translation (a merge can garble a .po file)."""
    from cmkit.i18n import _LOCALE

    text = (Path(_LOCALE) / "fr.po").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if "msgid " in b]
    # each msgid once in its context (msgctxt): the documents may say one English word two ways
    ids = [
        tuple(line for line in block.splitlines() if line.startswith(("msgctxt ", "msgid "))) for block in blocks
    ]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for block in blocks:
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        assert sum(line.startswith("msgid ") for line in lines) == 1, block
        assert any(line.startswith("msgstr") for line in lines), block


def test_why_a_file_cannot_be_read_is_said_in_the_language():
    """The system's own reasons (`strerror`) are English: the usual ones are said in French."""
    import errno

    from cmkit.i18n import os_reason

    french = catalogue("fr")
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"), french) == "ce fichier n’existe pas"
    assert os_reason(IsADirectoryError(errno.EISDIR, "Is a directory"), french) == "c’est un dossier"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied"), catalogue("en")) == "permission denied"
    assert os_reason(OSError(errno.EIO, "Input/output error"), french) == "Input/output error"  # not known: as the system says it


def test_a_yaml_error_is_said_in_french_and_kept_as_pyyaml_says_it_in_english():
    """PyYAML's own words (problem and context) come through the catalogue (msgctxt "yaml")."""
    from cmkit.errors import LoadError
    from cmkit.i18n import set_language
    from cmkit.loading.yamlnodes import parse_yaml

    said = {}
    for lang in ("fr", "en"):
        before = set_language(lang)
        try:
            parse_yaml("organization: {name: X\nlanguage: fr\n", "pb.yaml")
        except LoadError as exc:
            said[lang] = str(exc)
        finally:
            set_language(before)
    assert "il manque une «\u202f,\u202f» ou l’«\u202f}\u202f» qui ferme le dictionnaire" in said["fr"]
    assert "(un dictionnaire entre accolades\u202f: début ligne 1, colonne 15)" in said["fr"]
    assert "did not find expected ',' or '}' (while parsing a flow mapping opened at line 1, column 15)" in said["en"]


def test_a_line_that_is_not_json_says_why_in_french_and_whole_in_english():
    """The json module's reason, said in French; in English as the module says it, whole (a reason
    holding a colon, "Expecting ':' delimiter", was cut at it)."""
    from cmkit.inbox.read import _json_fallback

    assert str(_json_fallback(b'{"a" 1}', "refused", catalogue("fr"))) == "JSON invalide (il manque un «\u202f:\u202f»)"
    assert str(_json_fallback(b'{"a" 1}', "refused", catalogue("en"))) == "not valid JSON (Expecting ':' delimiter)"
    assert str(_json_fallback(b'{"a": 1,}', "refused", catalogue("fr"))).startswith("JSON invalide (")
