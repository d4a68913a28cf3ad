"""The draft links to a domain the charter does not know.

What the CM « pousse » to the public is the organisation's own information
(the framework: « quelle information pousser »): a link to a domain that
appears nowhere in the charter (its `push` items, guidance, replies,
contacts' addresses) may be a typo, a competitor, or a phishing look-alike.
Subdomains of a known domain are known.

FAIL::

    topics: [{id: livraison, push: ["https://suivi.maison-dupuis.fr"], ...}]
    draft: "Suivez-le sur https://maison-dupuls.fr/suivi"
PASS::

    topics: [{id: livraison, push: ["https://suivi.maison-dupuis.fr"], ...}]
    draft: "Suivez-le sur https://suivi.maison-dupuis.fr/123"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cmkit.review.engine import Draft
from cmkit.review.finding import Hit

CODE = "R202"
SEVERITY = "warning"
NAME = "unknown-link"

_LINK = re.compile(r"\b(?:https?://|www\.)[^\s<>\"«»]+", re.IGNORECASE)
_HOST = re.compile(r"^(?:https?://)?([^/:?#\s]+)", re.IGNORECASE)
_DOMAIN = re.compile(r"(?<![\w.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w-])", re.IGNORECASE)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def known_domains(draft: Draft) -> frozenset[str]:
    """Every domain named anywhere in the playbook (URLs, addresses, plain `example.org`)."""
    cached = draft._cache.get(CODE)
    if cached is None:
        found = set()
        for text in _strings(draft.playbook.model_dump(mode="json", exclude_none=True)):
            for match in _DOMAIN.finditer(text.replace("@", " ")):
                found.add(match.group().lower().removeprefix("www."))
        cached = draft._cache[CODE] = frozenset(found)
    return cached  # type: ignore[return-value]


def _known(host: str, known: frozenset[str]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in known)


def check(draft: Draft) -> Iterator[Hit]:
    _ = draft._
    for match in _LINK.finditer(draft.text):
        link = match.group().rstrip(".,;:!?)»")
        host_match = _HOST.match(link)
        if host_match is None:
            continue
        host = host_match.group(1).lower().removeprefix("www.")
        if _known(host, known_domains(draft)):
            continue
        yield Hit(
            match.start(),
            match.start() + len(link),
            _("a link to {domain}, a domain the charter does not name").format(domain=host),
            _("check the address; if the link is right, add it to the topic's push items"),
        )
