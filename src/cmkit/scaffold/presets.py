"""The sector presets shipped as package data: `cmkit/presets/<preset>.<language>.yaml`.

Each preset is a complete, valid playbook for a fictional organisation of its
sector, so a test can load and lint it as it is; `cmkit init` replaces the
organisation, channels, referents and autonomy with the consultant's answers.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from cmkit.errors import UsageError

#: Preset names, in the order the questionnaire offers them.
PRESETS = ("retail", "food", "saas", "public", "local")
LANGUAGES = ("fr", "en")


def for_whom(preset: str, language: str) -> str:
    """The one line that tells a consultant which client the preset fits (`init --list-presets`)."""
    from cmkit.i18n import catalogue

    _ = catalogue(language)
    lines = {
        "retail": _("Shops and online stores: orders, deliveries, returns, promotions."),
        "food": _("Food and consumer goods: food safety, allergens, foreign bodies, recalls, symptoms."),
        "saas": _("Online software: outages, bugs, billing, accounts and data security."),
        "public": _("Local authorities and public services: requests, reports, elections, emergencies."),
        "local": _("A neighbourhood business (restaurant, bakery, craftsperson): reviews, bookings, opening hours."),
    }
    return lines[preset]


def load_preset(preset: str, language: str) -> dict[str, Any]:
    """The preset's playbook as plain data."""
    if preset not in PRESETS:
        raise UsageError(f"no preset {preset!r}: choose one of {', '.join(PRESETS)}")
    if language not in LANGUAGES:
        raise UsageError(f"no language {language!r}: choose one of {', '.join(LANGUAGES)}")
    resource = resources.files("cmkit").joinpath("presets", f"{preset}.{language}.yaml")
    return yaml.safe_load(resource.read_text(encoding="utf-8"))
