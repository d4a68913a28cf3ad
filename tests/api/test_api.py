"""cmkit.api: the same decisions as `cmkit triage`, as dicts; bad records in their place; the spread split."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.api import CmkitError, Decider, Message, decide_many, load_playbook

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOK = ROOT / "playbooks" / "maison-dupuis.fr.yaml"
WORDS = ("colis perdu remboursement intoxication salmonelle journaliste merci recette biscuits "
         "prélevé deux fois litige avis bonjour").split()
CHANNELS = ("email", "twitter", "Page Facebook", "instagram", "avis", "blogs", "nowhere")


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _records(seed: int, count: int) -> list[dict]:
    rng = random.Random(seed)
    start = datetime(2026, 3, 2, 8, 0)
    records = []
    for number in range(count):
        record = {"id": number, "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))),
                  "channel": rng.choice(CHANNELS),
                  "at": (start + timedelta(minutes=17 * number)).strftime("%Y-%m-%dT%H:%M:%SZ")}
        if rng.random() < 0.2:
            record["author_kind"] = rng.choice(("journaliste", "client", "influencer"))
        if rng.random() < 0.1:
            del record["text"]
        records.append(record)
    return records


def _triaged(records: list[dict], tmp_path: Path) -> list[dict]:
    from cmkit.cli.triage_fast import run

    inbox, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inbox.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    run(inbox, output=out, playbook=PLAYBOOK)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        del line["line"]
    return lines


def test_decide_many_equals_triage_record_for_record(tmp_path: Path) -> None:
    records = _records(1, 300)
    expected = _triaged(records, tmp_path)
    assert list(decide_many(PLAYBOOK, records)) == expected
    assert any(d.get("crisis") and "channels" in (d.get("crisis_reason") or "") for d in expected)  # spread ran
    assert any("error" in d for d in expected)


def test_distributed_spread_equals_streaming_spread(tmp_path: Path) -> None:
    """watched_topics + spreading (any order) + decide(spreading=...) is triage's result."""
    records = _records(2, 300)
    decider = Decider(PLAYBOOK)
    events: dict[str, list] = {}
    for record in reversed(records):  # the group-by sees messages in any order
        for topic in decider.watched_topics(record):
            events.setdefault(topic, []).append((record["id"], record["at"], decider.decide(record)["channel"]))
    spread: dict[int, list[str]] = {}
    for topic, group in events.items():
        for record_id in decider.spreading(group):
            spread.setdefault(record_id, []).append(topic)
    assert spread, "the records should make a topic spread"
    decisions = [Decider(PLAYBOOK).decide(r, spread.get(r["id"], ())) for r in records]
    assert decisions == list(decide_many(PLAYBOOK, records))


def test_one_message_as_dict_or_message() -> None:
    decider = Decider(load_playbook(PLAYBOOK))
    as_dict = decider.decide({"text": "Mon colis est perdu", "channel": "Page Facebook", "author_kind": "cliente"})
    as_message = decider.decide(Message("Mon colis est perdu", channel="facebook", author_kind="customer"))
    assert as_dict == as_message
    assert as_dict["channel"] == "facebook" and as_dict["topic"] == "livraison"


def test_bad_records_come_back_in_their_place() -> None:
    decisions = list(decide_many(PLAYBOOK, [{"id": 1, "text": "colis"}, {"id": 2}, {"id": 3, "text": "colis", "channel": "fax"},
                                            {"id": 4, "text": "colis", "at": "hier"}]))
    assert [d["id"] for d in decisions] == [1, 2, 3, 4]
    assert "error" not in decisions[0]
    assert [set(d) for d in decisions[1:]] == [{"id", "error"}] * 3


def test_a_missing_playbook_is_a_cmkit_error(tmp_path: Path) -> None:
    with pytest.raises(CmkitError, match="nowhere.yaml"):
        load_playbook(tmp_path / "nowhere.yaml")


def test_decisions_of_one_decider_do_not_leak_between_messages() -> None:
    """The memo keys on what decides: the author's kind of one message never shows on another's."""
    from cmkit.decide.engine import Decider as Engine
    from cmkit.trusted import load_playbook as load

    engine = Engine(load(PLAYBOOK))
    first = engine.decide(Message("colis perdu", channel="email", author_kind="customer"))
    second = engine.decide(Message("colis perdu", channel="email", author_kind="prospect"))
    assert (first.author_kind, second.author_kind) == ("customer", "prospect")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
                          st.sampled_from(("email", "twitter", "facebook"))), max_size=30))
def test_a_shared_decider_decides_like_a_fresh_one(messages: list) -> None:
    """Memoised decisions (by verdict, matches added after) equal those of a decider that saw nothing."""
    shared = Decider(PLAYBOOK)
    for words, channel in messages:
        record = {"text": " ".join(words), "channel": channel}
        assert shared.decide(record) == Decider(PLAYBOOK).decide(record)
