"""One entry point for every document and format: playbook in, file bytes out.

The CLI calls `render`; it never writes anything itself, so a failure
anywhere (a template error, a PDF compile error) leaves no file behind.
"""

from __future__ import annotations

from pathlib import Path

from cmkit.errors import UsageError
from cmkit.model.playbook import Playbook
from cmkit.render.documents import DOCUMENTS, build_context

FORMATS = ("md", "html", "pdf", "docx")


def render(
    playbook: Playbook, document: str, fmt: str, user_templates: Path | None = None, *, answers: bool = True
) -> bytes:
    """The bytes of `document` (charter, onboarding, handout) as `fmt` (md, html, pdf, docx);
    `answers=False` leaves out the handout's answer key."""
    if document not in DOCUMENTS:
        raise UsageError(f"unknown document {document!r}: choose one of {', '.join(DOCUMENTS)}")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if user_templates is not None and not user_templates.is_dir():
        raise UsageError(f"--templates {user_templates}: no such folder")
    context = build_context(playbook, document, answers=answers)
    if fmt in ("md", "html"):
        from cmkit.render.templating import render_text

        return render_text(fmt, document, context, user_templates).encode("utf-8")
    if fmt == "pdf":
        from cmkit.render.pdf import render_pdf

        return render_pdf(document, context, user_templates)
    from cmkit.render.docx import render_docx

    return render_docx(document, context)
