"""A channel alias names another channel too.

`aliases` let messages exported by other tools (« FB », « Page Facebook »)
find their channel; an alias that is also another channel's id or alias
sends those messages to whichever channel comes first, with its
`expected_response` — the framework's « délais compatibles avec les
attentes du public » then counts on the wrong clock. Aliases compare with
case and surrounding spaces ignored.

FAIL::

    channels:
      - {id: facebook, aliases: [FB]}
      - {id: groupe-facebook, aliases: [fb]}
PASS::

    channels:
      - {id: facebook, aliases: [FB]}
      - {id: groupe-facebook, aliases: [Groupe FB]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W223"
SEVERITY = "warning"
NAME = "channel-alias-clash"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    owner: dict[str, str] = {channel.id.casefold(): channel.id for channel in playbook.channels}
    for i, channel in enumerate(playbook.channels):
        for a, alias in enumerate(channel.aliases):
            key = alias.strip().casefold()
            other = owner.setdefault(key, channel.id)
            if other != channel.id:
                yield Flag(
                    ("channels", i, "aliases", a),
                    _(
                        "alias \u201c{alias}\u201d of {channel} already names channel {other}, "
                        "so its messages go to {other}"
                    ).format(alias=alias, channel=channel.id, other=other),
                    _("give each channel its own aliases"),
                )
