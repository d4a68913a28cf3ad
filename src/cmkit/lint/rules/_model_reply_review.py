"""What W217 and W218 share: a review finding of a model reply, said as a lint finding."""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook
from cmkit.review.replies import review_model_replies


def flags(playbook: Playbook, severities: frozenset[str]) -> Iterator[Flag]:
    """One Flag per review finding of these severities in the playbook's model replies."""
    _ = catalogue(language(None, playbook.organization.language))
    for path, finding in review_model_replies(playbook, severities):
        where = " " + _("\u201c{text}\u201d").format(text=finding.match) if finding.match else ""
        if finding.severity == "error":
            sentence = _("the model reply breaks its own charter ({code}{where}): {message}")
        else:
            sentence = _("the model reply needs another look ({code}{where}): {message}")
        yield Flag(path, sentence.format(code=finding.code, where=where, message=finding.message), finding.hint)
