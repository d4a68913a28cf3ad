"""The compiled-playbook cache: used when the bytes are known, rebuilt when stale or corrupt."""

from __future__ import annotations

from cmkit.decide.cache import load_decider
from cmkit.decide.engine import Message
from tests.conftest import FR_PLAYBOOK
from tests.decide.builders import isolated_cache  # noqa: F401 (fixture)


def entries(folder):
    return sorted(folder.glob("*.marshal")) if folder.exists() else []


def test_a_second_load_reads_the_cache_and_decides_alike(isolated_cache, tmp_path):
    copy = tmp_path / "p.yaml"
    copy.write_bytes(FR_PLAYBOOK.read_bytes())
    first = load_decider(copy).decide(Message("Où est mon colis ?", channel="twitter"))
    assert len(entries(isolated_cache)) == 1
    second = load_decider(copy).decide(Message("Où est mon colis ?", channel="twitter"))
    assert first == second


def test_an_edited_playbook_is_never_read_from_a_stale_entry(isolated_cache, tmp_path):
    copy = tmp_path / "p.yaml"
    copy.write_bytes(FR_PLAYBOOK.read_bytes())
    assert load_decider(copy).decide(Message("colis")).action == "answer"
    copy.write_text(FR_PLAYBOOK.read_text(encoding="utf-8").replace("    action: answer\n    respond_within: 2h", "    action: decline\n    respond_within: 2h"), encoding="utf-8")
    assert load_decider(copy).decide(Message("colis")).action == "decline"
    assert len(entries(isolated_cache)) == 2


def test_a_corrupt_entry_is_ignored_and_rewritten(isolated_cache, tmp_path):
    load_decider(FR_PLAYBOOK)
    (entry,) = entries(isolated_cache)
    entry.write_bytes(b"\x00garbage")
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).topic == "livraison"
    assert entry.read_bytes() != b"\x00garbage"
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).topic == "livraison"


def test_an_unwritable_cache_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).topic == "livraison"


def test_no_cache_when_asked(isolated_cache, monkeypatch):
    monkeypatch.setenv("CMKIT_NO_CACHE", "1")
    load_decider(FR_PLAYBOOK)
    assert entries(isolated_cache) == []
