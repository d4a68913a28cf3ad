"""The catalogue finds each sentence without parsing the whole file, and finds the same ones."""

from __future__ import annotations

from pathlib import Path

from cmkit.i18n import _LOCALE, Catalogue, current, language, read_po, set_language


def test_each_sentence_found_alone_is_the_one_the_full_parse_reads():
    text = (Path(_LOCALE) / "fr.po").read_text(encoding="utf-8")
    full = read_po(text)
    for key, msgstr in full.items():
        context, _, msgid = key.rpartition("\x04")
        lazy = Catalogue("fr", text=text)
        assert lazy._entry(msgid, context or None) == msgstr, key
        assert not lazy._parsed, key  # found where it was written, nothing else read


def test_a_wrapped_id_a_fuzzy_entry_and_an_escape():
    text = '''msgid ""
msgstr "Language: fr\\n"

#, fuzzy
msgid "Old"
msgstr "Vieux"

msgid ""
"Wrapped "
"sentence"
msgstr "Phrase "
"coupée"

msgid "Say \\"hi\\""
msgstr "Dites « salut »"

msgid "{count} file"
msgid_plural "{count} files"
msgstr[0] "{count} fichier"
msgstr[1] "{count} fichiers"
'''
    french = Catalogue("fr", text=text)
    assert french("Old") == "Old"
    assert french('Say "hi"') == "Dites « salut »"
    assert french.n("{count} file", "{count} files", 2) == "{count} fichiers"
    assert not french._parsed
    assert french("Wrapped sentence") == "Phrase coupée"
    assert french._parsed
    assert french("Nowhere") == "Nowhere"


def test_the_run_language_set_once_reaches_code_without_a_parameter(monkeypatch):
    for variable in ("CMKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    try:
        set_language("fr")
        assert language(None, "en") == "fr"
        assert current()("interrupted") == "interrompu"
        assert language("en", "fr") == "en"  # a command's own --lang still wins
    finally:
        set_language(None)
    assert current()("interrupted") == "interrupted"


def test_a_real_process_follows_the_system_locale_before_any_playbook(tmp_path):
    """No playbook read yet: the locale decides, and CMKIT_LANG overrides it (cli.md)."""
    import subprocess
    import sys

    missing = tmp_path / "nope.yaml"
    base = {"PATH": "", "NO_COLOR": "1"}
    french = subprocess.run(
        [sys.executable, "-m", "cmkit", "lint", str(missing)],
        capture_output=True, text=True, env={**base, "LANG": "fr_FR.UTF-8"}, timeout=60,
    )
    assert french.returncode == 2
    assert french.stderr == f"erreur\u202f: {missing}: playbook introuvable\n"
    english = subprocess.run(
        [sys.executable, "-m", "cmkit", "lint", str(missing)],
        capture_output=True, text=True, env={**base, "LANG": "fr_FR.UTF-8", "CMKIT_LANG": "en"}, timeout=60,
    )
    assert english.stderr == f"error: {missing}: no such playbook\n"


def test_the_language_a_playbook_declares_is_read_from_its_lines():
    from cmkit.lint.engine import declared_language

    assert declared_language(["cmkit: 1", "organization:", "  name: X", "  language: fr  # français"]) == "fr"
    assert declared_language(["organization:", "  name: X", "topics:", "  language: fr"]) is None
    assert declared_language(["organization: {name: X, language: fr}"]) is None  # flow style: the locale decides


def test_a_context_keeps_two_translations_of_one_english_word_apart():
    text = '''msgctxt "document"
msgid "Answer"
msgstr "Réponse"

msgid "Answer"
msgstr "Répondre"
'''
    french = Catalogue("fr", text=text)
    assert french("Answer") == "Répondre"
    assert french.p("document", "Answer") == "Réponse"
    assert french.p("elsewhere", "Answer") == "Answer"
    assert read_po(text) == {"Answer": "Répondre", "document\x04Answer": "Réponse"}
