"""PDF through typst's Python binding: no LaTeX, no browser, no system fonts.

The context goes in as JSON through `sys.inputs`, so playbook text is read
as data by the template and never parsed as typst markup. Only the fonts
embedded in the typst package are used (Libertinus Serif for text), so the
PDF looks the same on a CI machine without any font installed. Those fonts
have no emoji, and no pip package ships a colour emoji font typst can use,
so each emoji is written as its Unicode name in brackets (`[emoji: rocket]`)
rather than dropped or printed as an empty box (the other formats keep them).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from cmkit.errors import CmkitError
from cmkit.render.documents import map_strings
from cmkit.render.templating import builtin_templates


#: Emoji and the joiners that build them: no font embedded in typst draws them.
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D\U0001F3FB-\U0001F3FF]+")
_INVISIBLE = {0xFE0F, 0x200D, *range(0x1F3FB, 0x1F400)}  # presentation selector, joiner, skin tones
_EMOJI_WORD = {"fr": "émoji", "en": "emoji"}


def _emoji_in_words(match: re.Match, lang: str) -> str:
    """`🚀` → `[emoji: rocket]`: a PDF never drops a character silently (an exercise's 🚀 may be
    the very spam cue a trainee must spot); Unicode's own name says what it was."""
    names = [unicodedata.name(ch, "").lower() for ch in match.group(0) if ord(ch) not in _INVISIBLE]
    names = [n for n in names if n]
    if not names:
        return ""
    return f"[{_EMOJI_WORD.get(lang, 'emoji')}\u00a0: {', '.join(names)}]" if lang == "fr" else f"[emoji: {', '.join(names)}]"


def without_emoji(value, lang: str = "en"):
    """The context with each emoji written as its name, in brackets."""
    return map_strings(value, lambda text: _EMOJI.sub(lambda m: _emoji_in_words(m, lang), text))


def _with_logo_bytes(context: dict) -> dict:
    """typst reads no base64: the logo goes in as the array of its bytes, which `bytes()` takes."""
    logo = context.get("brand", {}).get("logo")
    if not logo:
        return context
    import base64

    data = list(base64.b64decode(logo["base64"]))
    return {**context, "brand": {**context["brand"], "logo": {"format": logo["format"], "bytes": data}}}


def template_path(document: str, user_templates: Path | None) -> Path:
    """The user's `typst/<document>.typ` when they supplied one, else the shipped one."""
    if user_templates is not None:
        candidate = user_templates / "typst" / f"{document}.typ"
        if candidate.is_file():
            return candidate
    return builtin_templates() / "typst" / f"{document}.typ"


def render_pdf(document: str, context: dict, user_templates: Path | None) -> bytes:
    """Compile the document's typst template with the context; a compile error is one sentence."""
    import typst

    source = template_path(document, user_templates)
    try:
        pdf = typst.compile(
            str(source),
            root=str(source.parent),
            sys_inputs={"data": json.dumps(_with_logo_bytes(without_emoji(context, context.get("lang", "en"))), ensure_ascii=False)},
            ignore_system_fonts=True,
            font_paths=[],
        )
    except typst.TypstError as exc:
        message = " ".join(str(exc).split())
        raise CmkitError(f"cannot typeset the PDF: {message}", file=str(source)) from None
    return pdf
