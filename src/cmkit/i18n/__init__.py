"""Every sentence cmkit prints, in the language of the playbook (or the user's).

Why gettext's conventions, without its machinery: the message id is the
English sentence itself, and each other language is one `.po` file in
`locale/` (`fr.po`), the format every translator's tool (Poedit, Weblate,
Lokalize) opens; a third language is a new file, not a code change. We read
the `.po` text ourselves instead of compiling `.mo` files with Babel or
msgfmt, so that nothing is generated at build time and nothing stale can be
shipped; the file is parsed once per process, and only when the language is
not English (English needs no catalogue: the ids are the sentences).

Use::

    from cmkit.i18n import catalogue
    _ = catalogue(lang)
    _("{count} messages decided")                    # a sentence
    _.n("{count} message decided", "{count} messages decided", count).format(count=count)

Sentences keep `{placeholders}` for what varies (str.format), so a
translation may move them. `tests/test_i18n.py` fails when a sentence used
in the code has no French translation.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from functools import lru_cache

LANGUAGES: tuple[str, ...] = ("en", "fr")
#: A plain path, not pathlib: `cmkit check` starts without importing it for English.
_LOCALE = os.path.join(os.path.dirname(__file__), "locale")

#: The `--lang` of this run, set once by the CLI (`set_language`), so that code deep
#: below a command (the loader's errors, lint rules) speaks it without a parameter.
_override: str | None = None


#: The language the file being validated declares (`organization.language`), while it is:
#: its problems are reported in it, as the rest of what cmkit says about that playbook.
_reading: str | None = None


@contextlib.contextmanager
def reading(declared: object) -> Iterator[None]:
    """While validating a document that declares `declared` as its language, speak it
    (after `--lang` and `CMKIT_LANG`, before the system locale)."""
    global _reading
    before, _reading = _reading, declared if isinstance(declared, str) else None
    try:
        yield
    finally:
        _reading = before


def set_language(explicit: str | None) -> str | None:
    """Make `explicit` (a `--lang` value, or None to clear) win over everything in `language()`;
    return the one it replaces, for a caller that puts it back.

    Called by a command with its `--lang` before it loads anything; an unknown
    code is ignored, as `language()` ignores it.
    """
    global _override
    previous, _override = _override, explicit
    return previous


def language(explicit: str | None = None, playbook: str | None = None) -> str:
    """The language a command speaks: `--lang` (given here or set once by `set_language`),
    then `CMKIT_LANG`, then the playbook's `organization.language` (or, without one, that of
    the file being validated: `reading`), then (without a playbook) the system locale, then
    English."""
    for candidate in (explicit, _override, os.environ.get("CMKIT_LANG"), playbook or _reading):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    if playbook is None:
        for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(variable)
            if value:
                code = value.strip().lower()[:2]
                return code if code in LANGUAGES else "en"
    return "en"


class Catalogue:
    """The sentences of one language: `_(msgid)` and `_.n(singular, plural, count)`.

    Built from a `.po` text, it parses nothing up front: a command says a few dozen
    sentences out of hundreds, so each is found in the text when first asked for
    (one `str.find`) and only its own entry is read. An id the search cannot find
    as written (a translator's tool may wrap a long msgid over lines) makes the
    whole file be parsed once, so nothing is ever missed.
    """

    def __init__(self, lang: str, entries: dict[str, str | tuple[str, ...]] | None = None, text: str = "") -> None:
        self.lang = lang
        self._text = "\n" + text.replace("\r\n", "\n") + "\n\n"
        self._entries: dict[str, str | tuple[str, ...]] = {} if entries is None else entries
        self._parsed = entries is not None or not text

    def _entry(self, msgid: str, context: str | None = None) -> str | tuple[str, ...] | None:
        key = msgid if context is None else f"{context}{_CONTEXT}{msgid}"
        if key in self._entries or self._parsed:
            return self._entries.get(key)
        line = f'msgid "{_quote(msgid)}"\n'
        needle = f'\n{line}' if context is None else f'\nmsgctxt "{_quote(context)}"\n{line}'
        at = self._text.find(needle)
        while at >= 0:
            start = self._text.rfind("\n\n", 0, at) + 1
            end = self._text.find("\n\n", at)
            block = read_po(self._text[start:end])
            if key in block or len(block) == 0:  # this entry, or this entry marked fuzzy
                found = block.get(key)
                self._entries[key] = found if found is not None else ""  # fuzzy: untranslated
                return found
            at = self._text.find(needle, at + 1)  # the same msgid under a context: look further
        self.read_all()  # not written on one line: read the whole file, once
        return self._entries.get(key)

    def read_all(self) -> None:
        """Parse the whole file now: cheaper than finding hundreds of sentences one by one."""
        if not self._parsed:
            self._entries.update(read_po(self._text))
            self._parsed = True

    def p(self, context: str, msgid: str) -> str:
        """`msgid` as used in `context` (gettext's msgctxt): for one English word that a
        language says two ways, such as the documents' "Answer" (« Réponse », « Répondre »)."""
        found = self._entry(msgid, context)
        return found if isinstance(found, str) and found else msgid

    def __call__(self, msgid: str) -> str:
        found = self._entry(msgid)
        return found if isinstance(found, str) and found else msgid

    def n(self, singular: str, plural: str, count: int) -> str:
        """The form for `count` (French: 0 and 1 take the singular; English: only 1)."""
        found = self._entry(singular)
        many = count > 1 if self.lang == "fr" else count != 1
        if isinstance(found, tuple) and len(found) == 2 and all(found):
            return found[1] if many else found[0]
        return plural if many else singular

    def has(self, msgid: str) -> bool:
        """Whether this language translates `msgid` (English has every sentence)."""
        return self.lang == "en" or bool(self._entry(msgid))


@lru_cache(maxsize=None)
def catalogue(lang: str) -> Catalogue:
    """The catalogue of `lang` (English, or an unknown language, speaks the ids)."""
    path = os.path.join(_LOCALE, f"{lang}.po")
    if lang == "en" or not os.path.isfile(path):
        return Catalogue("en", {})
    with open(path, encoding="utf-8") as file:
        return Catalogue(lang, text=file.read())


def os_reason(error: OSError, _: Catalogue) -> str:
    """Why a file could not be opened, in `_`'s language: the system's own words (`strerror`)
    are English whatever the language, so the usual cases are said here."""
    import errno

    reasons = {
        errno.ENOENT: _("no such file"),
        errno.EISDIR: _("it is a folder"),
        errno.ENOTDIR: _("a part of its path is not a folder"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.ENAMETOOLONG: _("the name is too long"),
        errno.ENOSPC: _("no space left on the disk"),
        errno.EROFS: _("the disk is read-only"),
    }
    return reasons.get(error.errno) or error.strerror or str(error)


def current() -> Catalogue:
    """The catalogue of this run before any playbook is read: `--lang` (`set_language`),
    `CMKIT_LANG`, the system locale, English. For sentences said by code that has no
    playbook in hand, such as the loader's errors."""
    return catalogue(language(None, None))


def read_po(text: str) -> dict[str, str | tuple[str, ...]]:
    """The entries of a `.po` file: msgid -> msgstr, or -> (msgstr[0], msgstr[1]) for plurals.

    Handles what translators' tools write: comments, `msgctxt` (the key is then
    context + "\x04" + msgid, as in gettext's catalogues), strings
    continued over several lines, escapes, and `#, fuzzy` entries (left out, as
    gettext does). The header entry (empty msgid) is left out.
    """
    entries: dict[str, str | tuple[str, ...]] = {}
    fields: dict[str, str] = {}
    current: str | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal fields, current, fuzzy
        msgid = fields.get("msgid")
        if msgid and "msgctxt" in fields:
            msgid = f"{fields['msgctxt']}{_CONTEXT}{msgid}"
        if msgid and not fuzzy:
            if "msgid_plural" in fields:
                entries[msgid] = (fields.get("msgstr[0]", ""), fields.get("msgstr[1]", ""))
            else:
                entries[msgid] = fields.get("msgstr", "")
        fields, current, fuzzy = {}, None, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in line:
                if "msgid" in fields:
                    flush()
                fuzzy = True
            continue
        if line.startswith('"') and current is not None:
            fields[current] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid" and "msgid" in fields:
            flush()
        current = keyword
        fields[keyword] = _unquote(rest.strip())
    flush()
    return entries


#: gettext's separator between a context and its msgid, in the key of an entry that has one.
_CONTEXT = "\x04"

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _quote(text: str) -> str:
    """`text` as a `.po` string writes it between its quotes."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _unquote(quoted: str) -> str:
    body = quoted[1:-1] if len(quoted) >= 2 and quoted[0] == quoted[-1] == '"' else quoted
    if "\\" not in body:
        return body
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)
