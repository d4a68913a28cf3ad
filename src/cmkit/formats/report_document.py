"""`report --format md|html|pdf`: a document for the charter's `reporting.recipients`.

One context, built here in the playbook's language, feeds three templates
under `templates/report/`; the charts are the same SVG in each (inline in
HTML, a data URI image in Markdown, placed by typst in the PDF). The
objectives of the charter stand beside what the journal measures of them:
an objective whose `kpi` speaks of deadlines or answers gets the share in
time and the median, one that speaks of crises the number of crises, one
that speaks of volume the number of messages; the others say the journal
does not measure them (docs/report.md).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from cmkit.clock import Clock, spoken, spoken_day
from cmkit.formats.report_charts import ACTION_COLOURS, horizontal_bars, volume_per_day
from cmkit.formats.report_json import ranked
from cmkit.i18n import catalogue
from cmkit.model.playbook import Playbook
from cmkit.report.engine import Report

#: Words of a `kpi` that say which figure of the journal measures it (normalised, accents off).
_MEASURES = {
    "deadline": ("delai", "deadline", "temps", "time", "repon", "respon", "reactiv", "sla"),
    "crises": ("crise", "crisis", "crises"),
    "volume": ("volume", "nombre de messages", "number of messages", "messages traites", "messages handled"),
}
TOPICS_SHOWN = 10
#: Crises listed in a document, in time order (the JSON lists them all): a month of a real
#: crisis is a handful; hundreds are a journal to read with --format json, not a report.
CRISES_SHOWN = 25


def _templates() -> Path:
    from cmkit.render.templating import builtin_templates

    return builtin_templates() / "report"


def _measured(kpi: str | None, report: Report, lang: str) -> str | None:
    """What the journal measures of an objective whose indicator is `kpi`, or None."""
    from cmkit.decide.normalize import normalize
    from cmkit.formats.report_text import percent
    from cmkit.render.typography import human_duration

    _ = catalogue(lang)
    words = normalize(kpi or "")
    if any(w in words for w in _MEASURES["deadline"]) and report.totals.with_deadline:
        said = _("{share} in time ({in_time} of {with_deadline})").format(
            share=percent(report.share_in_time, lang), in_time=report.totals.in_time,
            with_deadline=report.totals.with_deadline,
        )
        if report.median_minutes is not None:
            said += ", " + _("median {duration}").format(duration=human_duration(report.median_minutes, lang))
        return said
    if any(w in words for w in _MEASURES["crises"]):
        count = len(report.totals.crises)
        return _.n("{count} crisis", "{count} crises", count).format(count=count)
    if any(w in words for w in _MEASURES["volume"]):
        count = report.totals.messages
        return _.n("{count} message", "{count} messages", count).format(count=count)
    return None


def context(report: Report, playbook: Playbook, clock: Clock, lang: str) -> dict:
    """Everything the templates show, as plain data, every sentence already in `lang`."""
    from cmkit.formats.report_text import percent
    from cmkit.render.typography import TYPESETTERS, human_duration

    _ = catalogue(lang)
    typeset = TYPESETTERS.get(lang, TYPESETTERS["en"])
    t = report.totals
    start = report.start if report.start is not None else t.first
    end = report.end if report.end is not None else t.last

    def moment(at):
        return "—" if at is None else spoken(clock.localize(at).astimezone(clock.zone), lang)

    recipients = [playbook.contact(i) for i in (playbook.reporting.recipients if playbook.reporting else [])]
    names = [c.name + (f" ({c.role})" if c.role else "") for c in recipients if c is not None]
    action_names = {a: _(a) for a in ACTION_COLOURS}
    topics = {topic.id: topic.label for topic in playbook.topics}
    referents = sorted(t.referents.items(), key=lambda item: (-(item[1][2] / item[1][0] if item[1][0] else 0), item[0]))
    ranked_topics = list(ranked(t.by_topic).items())
    charts = {
        "volume": volume_per_day(report.per_day(), action_names, lambda d: spoken_day(d, lang).rsplit(" ", 1)[0],
                                 _("Messages per day, by action")),
        "referents": horizontal_bars(
            [(playbook.contact(r).name if playbook.contact(r) else r, (kept / due if due else 0),
              f"{percent(kept / due if due else None, lang)} ({kept}/{due})") for r, (due, _a, kept) in referents],
            _("Deadlines kept, by referent"), largest=1, colour="#009E73",
        ),
        "topics": horizontal_bars(
            [(topics.get(name, _("no topic") if name == "none" else name), count, str(count))
             for name, count in ranked_topics[:TOPICS_SHOWN]],
            _("Topics, most frequent first"),
        ),
    }
    return {
        "lang": lang,
        "organization": typeset(playbook.organization.name),
        "title": _("Community management report — {organization}").format(organization=playbook.organization.name),
        "to": typeset(_("For {names}").format(names=", ".join(names))) if names else None,
        "period": _("From {start} to {end}").format(start=moment(start), end=moment(end)),
        "summary": [
            _.n("{count} message", "{count} messages", t.messages).format(count=t.messages),
            _("{share} answered in time").format(share=percent(report.share_in_time, lang)),
            _("median time to answer: {duration}").format(
                duration=human_duration(report.median_minutes, lang) if report.median_minutes is not None else "—"),
            _.n("{count} crisis", "{count} crises", len(t.crises)).format(count=len(t.crises)),
        ] + ([_.n("{count} error, not counted", "{count} errors, not counted", report.errors).format(count=report.errors)]
             if report.errors else []),
        "labels": {
            "volume": _("Volume"), "deadlines": _("Deadlines"), "topics": _("Topics"), "objectives": _("Objectives"),
            "crises": _("Crises"), "channel": _("Channel"), "action": _("Action"), "messages": _("Messages"),
            "objective": _("Objective"), "kpi": _("Indicator"), "target": _("Target"),
            "measured": _("Measured in this period"), "referent": _("Referent"), "in_time": _("In time"),
            "answered": _("Answered"), "line": _("Journal line"), "topic": _("Topic"), "at": _("Time"),
            "not_measured": _("not measured by the journal"), "no_crisis": _("No crisis in this period."),
        },
        "by_action": [{"name": action_names.get(a, a) if a != "none" else _("no action"), "count": c}
                      for a, c in ranked(t.by_action).items()],
        "by_channel": [{"name": ch if ch != "none" else _("no channel"), "count": c} for ch, c in ranked(t.by_channel).items()],
        "referents": [
            {"name": playbook.contact(r).name if playbook.contact(r) else r, "with_deadline": due, "answered": answered,
             "in_time": kept, "share": percent(kept / due if due else None, lang)}
            for r, (due, answered, kept) in referents
        ],
        "objectives": [
            {"statement": typeset(o.statement), "kpi": typeset(o.kpi) if o.kpi else "—", "target": o.target or "—",
             "measured": _measured(o.kpi, report, lang)}
            for o in playbook.objectives
        ],
        "crises": [
            {"line": line, "topic": topics.get(topic or "", topic or "—"), "at": moment(at)}
            for line, topic, _text, at in sorted(t.crises, key=lambda crisis: crisis[3])[:CRISES_SHOWN]
        ],
        "crises_more": _.n(
            "and {count} more crisis, listed with the others by cmkit report --format json",
            "and {count} more crises, listed with the others by cmkit report --format json",
            len(t.crises) - CRISES_SHOWN,
        ).format(count=len(t.crises) - CRISES_SHOWN) if len(t.crises) > CRISES_SHOWN else None,
        "charts": charts,
        "charts_uri": {k: "data:image/svg+xml;base64," + base64.b64encode(v.encode()).decode() for k, v in charts.items()},
    }


def render_document(kind: str, report: Report, playbook: Playbook, clock: Clock, lang: str) -> str | bytes:
    """The report as `md`, `html` (text) or `pdf` (bytes)."""
    data = context(report, playbook, clock, lang)
    if kind == "pdf":
        return _pdf(data)
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from cmkit.render.templating import Verbatim, markdown_escape

    options = {"loader": jinja2.FileSystemLoader(str(_templates())), "undefined": jinja2.StrictUndefined,
               "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
    if kind == "html":
        env = SandboxedEnvironment(autoescape=True, **options)
    else:
        env = SandboxedEnvironment(autoescape=False, finalize=markdown_escape, **options)
        env.filters["verbatim"] = Verbatim
    return env.get_template(f"report.{kind}.j2").render(data)


def _pdf(data: dict) -> bytes:
    import typst

    from cmkit.errors import CmkitError
    from cmkit.render.pdf import without_emoji

    source = _templates() / "report.typ"
    try:
        return typst.compile(
            str(source), root=str(source.parent),
            sys_inputs={"data": json.dumps(without_emoji(data), ensure_ascii=False)},
            ignore_system_fonts=True, font_paths=[],
        )
    except typst.TypstError as exc:
        raise CmkitError("cannot typeset the PDF: " + " ".join(str(exc).split()), file=str(source)) from None
