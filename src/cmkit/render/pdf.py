"""PDF through typst's Python binding: no LaTeX, no browser, no system fonts.

The context goes in as JSON through `sys.inputs`, so playbook text is read
as data by the template and never parsed as typst markup. Only the fonts
embedded in the typst package are used (Libertinus Serif for text), so the
PDF looks the same on a CI machine without any font installed. Those fonts
have no emoji, so emoji are left out of the PDF rather than printed as empty
boxes (the other formats keep them).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from cmkit.errors import CmkitError
from cmkit.render.documents import map_strings
from cmkit.render.templating import builtin_templates


#: Emoji and the joiners that build them, with the space before them: no embedded font draws them.
_EMOJI = re.compile(r"[ \u00a0]?[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+")


def without_emoji(value):
    """The context with emoji removed from every string."""
    return map_strings(value, lambda text: _EMOJI.sub("", text))


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
            sys_inputs={"data": json.dumps(without_emoji(context), ensure_ascii=False)},
            ignore_system_fonts=True,
            font_paths=[],
        )
    except typst.TypstError as exc:
        message = " ".join(str(exc).split())
        raise CmkitError(f"cannot typeset the PDF: {message}", file=str(source)) from None
    return pdf
