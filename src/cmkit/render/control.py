"""Document control: what a signed charter carries on its cover, in its footer and in its file.

Published charters show their version, date, author and approval ("Mis à
jour le 26/04/2022") and a signature block; revision 1.1 writes them in
`document`. This module turns that section, and the draft state of a
scaffold, into plain data for every format, and fixes the one date a
reproducible file may carry: `document.date`, else `SOURCE_DATE_EPOCH`,
else none at all (two renders of one playbook give the same bytes).
"""

from __future__ import annotations

import base64
import os
from datetime import UTC, date, datetime
from pathlib import Path

from cmkit.errors import CmkitError

from cmkit.model.placeholders import is_draft
from cmkit.model.playbook import Playbook


def human_date(day: date | None, labels: dict) -> str | None:
    """`30 novembre 2026` / `30 November 2026`: a date as a reader writes it, never as ISO."""
    if day is None:
        return None
    number = labels["first_day"] if day.day == 1 else str(day.day)  # « 1er janvier »
    return labels["date"].format(day=number, month=labels["months"][day.month - 1], year=day.year)


def build_date(playbook: Playbook) -> datetime | None:
    """The one timestamp a rendered file may carry: the charter's own date, else the build's.

    `SOURCE_DATE_EPOCH` (reproducible-builds.org) is honoured when the
    playbook has no `document.date`; without either, files carry no date.
    """
    document = playbook.document
    if document is not None and document.date is not None:
        return datetime(document.date.year, document.date.month, document.date.day, tzinfo=UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isascii() and epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def control(playbook: Playbook, labels: dict) -> dict:
    """The document-control block: cover lines, footer words, approval rows, draft state."""
    document = playbook.document
    names = labels["control"]
    approvers = []
    if document is not None:
        for contact_id in document.approved_by:
            contact = playbook.contact(contact_id)
            if contact is not None:
                approvers.append({"name": contact.name, "role": contact.role or ""})
    lines: list[dict] = []
    if document is not None:
        values = {
            "version": document.version,
            "date": human_date(document.date, labels),
            "author": document.author,
            "approved_by": ", ".join(
                f"{a['name']} ({a['role']})" if a["role"] else a["name"] for a in approvers
            )
            or None,
            "review_by": human_date(document.review_by, labels),
        }
        lines = [{"label": names[key], "value": value} for key, value in values.items() if value]
    version = document.version if document is not None else None
    date_text = human_date(document.date if document is not None else None, labels)
    footer = " · ".join(
        part for part in (labels["footer_version"].format(version=version) if version else None, date_text) if part
    )
    build = build_date(playbook)
    draft = is_draft(playbook)
    return {
        "lines": lines,
        "footer": footer or None,
        "approvers": approvers,
        "version": version,
        "author": document.author if document is not None else None,
        "date_iso": build.strftime("%Y-%m-%dT%H:%M:%SZ") if build else None,
        "date_parts": [build.year, build.month, build.day] if build else None,
        "draft": draft,
        "draft_mark": labels["draft"] if draft else None,
    }


#: The accent colour of every document when the playbook names none.
DEFAULT_COLOR = "#8a3b12"
#: A logo is a small picture on a cover: more than this is not a logo.
MAX_LOGO_BYTES = 2 * 1024 * 1024
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))


def brand(playbook: Playbook) -> dict:
    """The accent colour and the logo (format and base64 bytes) of `document.brand`.

    The logo path is read from the playbook's folder; a missing, unreadable,
    oversized or unknown file is one sentence naming it, before any output.
    """
    document = playbook.document
    chosen = document.brand if document is not None else None
    color = (chosen.color if chosen and chosen.color else DEFAULT_COLOR).lower()
    logo = None
    if chosen is not None and chosen.logo:
        logo = _logo(playbook, chosen.logo)
    return {"color": color, "logo": logo}


def _logo(playbook: Playbook, written: str) -> dict:
    here = Path(playbook.source.file).parent if playbook.source.file != "<playbook>" else Path.cwd()
    path = here / written
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError as exc:
        raise CmkitError(f"cannot read the logo {path}: {exc.strerror or exc}", file=playbook.source.file) from None
    if len(data) > MAX_LOGO_BYTES:
        raise CmkitError(f"the logo {path} is larger than 2 MB: use a smaller image", file=playbook.source.file)
    kind = next((name for signature, name in _SIGNATURES if data.startswith(signature)), None)
    if kind is None and b"<svg" in data[:4096]:
        kind = "svg"
    if kind is None:
        raise CmkitError(f"the logo {path} is not a PNG, JPEG or SVG file", file=playbook.source.file)
    return {"format": kind, "base64": base64.b64encode(data).decode("ascii")}
