"""Generated journals (triage output completed with `answered_at`) and a playbook to report on them."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

PLAYBOOK = """\
cmkit: 1
organization: {name: Maison Test, language: fr}
objectives:
  - {id: reactivite, statement: Répondre vite au public, kpi: part des messages traités dans le délai, target: "90 %"}
  - {id: image, statement: Protéger la réputation}
channels:
  - {id: twitter, expected_response: 1h}
  - {id: email, public: false, expected_response: 1d}
contacts:
  - {id: sav, name: Julie Martin, respond_within: 2h, backup: dg}
  - {id: dg, name: Claire Dupuis, on_call: true}
topics:
  - {id: livraison, label: Livraison, keywords: [colis], action: answer}
  - {id: litige, label: Litiges, keywords: [litige], action: escalate, escalate_to: sav, respond_within: 4h}
crisis: {escalate_to: dg, respond_within: 30m, authors: [journalist]}
hours:
  timezone: Europe/Paris
  open: {mon-fri: "09:00-18:00"}
reporting:
  frequency: FREQUENCY
  recipients: [dg, sav]
  metrics: [messages traités]
"""

ACTIONS = [
    ("answer", "livraison", None, 60),
    ("answer", None, None, None),
    ("escalate", "litige", "sav", 240),
    ("escalate", None, "dg", 120),
    ("crisis", "litige", "dg", 30),
    ("decline", None, None, None),
    ("moderate", "livraison", None, 60),
]


def _time_text(rng: random.Random, at: datetime) -> str:
    """`at` written as triage may meet it: with the Paris offset, in UTC with Z, or naive (Paris)."""
    form = rng.randrange(3)
    if form == 0:
        return at.isoformat(timespec="seconds")
    if form == 1:
        return at.astimezone(ZoneInfo("UTC")).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return at.replace(tzinfo=None).isoformat(timespec="seconds")


def records(count: int, seed: int = 7, start: datetime = datetime(2026, 3, 16, tzinfo=PARIS), days: int = 45) -> list[dict]:
    """`count` records in time order-ish over `days` days (the clocks change on 29 March)."""
    rng = random.Random(seed)
    out = []
    for number in range(1, count + 1):
        at = start + timedelta(seconds=rng.randrange(days * 86400))
        at = at.astimezone(PARIS)
        record: dict = {"line": number, "id": f"m{number}", "at": _time_text(rng, at)}
        if rng.random() < 0.04:
            record["error"] = "the record has no text"
            out.append(record)
            continue
        action, topic, referent, within = rng.choice(ACTIONS)
        record.update(
            channel=rng.choice(["twitter", "email", None]),
            action=action,
            topic=topic,
            topics=[topic] if topic else [],
            escalate_to=referent,
            respond_within_minutes=within,
            crisis=action == "crisis",
            tier=None,
            due_at=None,
        )
        if within is not None and rng.random() < 0.5:
            record["due_at"] = (at + timedelta(minutes=within + rng.choice([0, 0, 600, 2880]))).isoformat(timespec="seconds")
        if action != "decline" and rng.random() < 0.8:
            wait = timedelta(seconds=rng.choice([0, 30, 90, rng.randrange(6 * 3600), rng.randrange(3 * 86400)]))
            record["answered_at"] = _time_text(rng, (at + wait).astimezone(PARIS))
        out.append(record)
    return out


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def csv_text(rows: list[dict], delimiter: str = ",") -> str:
    columns = ["line", "id", "at", "channel", "action", "topic", "topics", "escalate_to", "respond_within_minutes",
               "crisis", "tier", "due_at", "error", "answered_at"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column)
            if isinstance(value, list):
                value = ";".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            cells.append("" if value is None else str(value))
        writer.writerow(cells)
    return buffer.getvalue()
