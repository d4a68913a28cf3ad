"""The cache trusts nothing it did not write itself (issue 10, High 1 and 2).

Each test is an attack from the issue: a playbook saved between two reads, a
folder someone else controls, an entry planted under a computable name, a
FIFO, a well-formed entry of the wrong shape, a relative XDG_CACHE_HOME.
"""

from __future__ import annotations

import marshal
import os
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmkit.decide import cache
from cmkit.decide.cache import cache_dir, load_decider
from cmkit.decide.engine import Message
from tests.conftest import FR_PLAYBOOK
from tests.decide.builders import isolated_cache  # noqa: F401 (fixture)

ANSWER = "    action: answer\n    respond_within: 2h"
DECLINE = "    action: decline\n    respond_within: 2h"


def _copy(tmp_path, text=None):
    copy = tmp_path / "p.yaml"
    copy.write_text(text if text is not None else FR_PLAYBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


def _entries(folder):
    return sorted(folder.glob("*.marshal")) if folder.exists() else []


@pytest.fixture
def no_hang():
    """Fail, rather than hang the suite, if a read blocks."""
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("the cache blocked")))
    signal.alarm(10)
    yield
    signal.alarm(0)


def test_a_playbook_saved_between_two_reads_cannot_poison_the_old_text(isolated_cache, tmp_path, monkeypatch):
    original = FR_PLAYBOOK.read_text(encoding="utf-8")
    edited = original.replace(ANSWER, DECLINE)
    copy = _copy(tmp_path, original)
    real_read = cache.read_bounded

    def read_then_save(path, limit, **kw):
        content = real_read(path, limit, **kw)
        if path == copy:
            copy.write_text(edited, encoding="utf-8")  # the user saves while check starts
        return content

    with monkeypatch.context() as patch:
        patch.setattr(cache, "read_bounded", read_then_save)
        assert load_decider(copy).decide(Message("colis")).action == "answer"  # the bytes read
    assert load_decider(copy).decide(Message("colis")).action == "decline"  # the saved file
    _copy(tmp_path, original)
    assert load_decider(copy).decide(Message("colis")).action == "answer"  # the old text, from its entry
    assert len(_entries(isolated_cache)) == 2


def _plant(folder, content: bytes, data: dict, *, key: bytes | None = None) -> None:
    name = f"{cache._name(content)}{cache._SUFFIX}"
    payload = marshal.dumps(data)
    tag = cache._tag(key, name, payload) if key else b"\x00" * cache._TAG_BYTES
    (folder / name).write_bytes(cache._MAGIC + tag + payload)


def _poison(isolated_cache) -> dict:
    from cmkit.decide.engine import playbook_data
    from cmkit.trusted import load_playbook

    data = playbook_data(load_playbook(FR_PLAYBOOK))
    for topic in data["topics"]:
        topic["action"] = "decline"
    return data


def test_a_planted_entry_under_the_computable_name_is_a_miss(isolated_cache):
    load_decider(FR_PLAYBOOK)  # the folder and its key exist
    for entry in _entries(isolated_cache):
        entry.unlink()
    _plant(isolated_cache, FR_PLAYBOOK.read_bytes(), _poison(isolated_cache))
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).action == "answer"


def test_an_entry_tagged_for_another_playbook_is_a_miss(isolated_cache):
    key = cache._user_key(cache.trusted_folder())
    name_of_other = f"{cache._name(b'other playbook')}{cache._SUFFIX}"
    payload = marshal.dumps(_poison(isolated_cache))
    entry = isolated_cache / f"{cache._name(FR_PLAYBOOK.read_bytes())}{cache._SUFFIX}"
    entry.write_bytes(cache._MAGIC + cache._tag(key, name_of_other, payload) + payload)
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).action == "answer"


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o757])
def test_a_folder_writable_by_others_is_not_used(isolated_cache, mode):
    isolated_cache.mkdir(parents=True)
    isolated_cache.chmod(mode)
    _plant(isolated_cache, FR_PLAYBOOK.read_bytes(), _poison(isolated_cache))
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).action == "answer"
    assert len(_entries(isolated_cache)) == 1 and not (isolated_cache / "key").exists()


def test_a_folder_owned_by_someone_else_is_not_used(isolated_cache, monkeypatch):
    isolated_cache.mkdir(parents=True, mode=0o700)
    monkeypatch.setattr(cache.os, "geteuid", lambda: os.getuid() + 4242)
    load_decider(FR_PLAYBOOK)
    assert _entries(isolated_cache) == [] and not (isolated_cache / "key").exists()


def test_a_symlinked_folder_is_not_used(isolated_cache, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    isolated_cache.parent.mkdir(parents=True)
    isolated_cache.symlink_to(elsewhere)
    load_decider(FR_PLAYBOOK)
    assert list(elsewhere.iterdir()) == []


def test_a_key_readable_by_others_is_not_trusted(isolated_cache):
    load_decider(FR_PLAYBOOK)
    (isolated_cache / "key").chmod(0o644)
    assert cache._user_key(isolated_cache) is None
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).topic == "livraison"


def test_a_fifo_entry_does_not_hang(isolated_cache, no_hang):
    load_decider(FR_PLAYBOOK)
    (entry,) = _entries(isolated_cache)
    entry.unlink()
    os.mkfifo(entry)
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).topic == "livraison"


def test_a_symlinked_entry_is_a_miss_and_replaced_not_followed(isolated_cache, tmp_path):
    load_decider(FR_PLAYBOOK)
    (entry,) = _entries(isolated_cache)
    target = tmp_path / "victim"
    target.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(target)
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).topic == "livraison"
    assert not entry.is_symlink()


def test_a_well_formed_entry_of_the_wrong_shape_is_a_miss_not_a_traceback(isolated_cache):
    key = cache._user_key(cache.trusted_folder())
    _plant(isolated_cache, FR_PLAYBOOK.read_bytes(), {"topics": [1, 2], "contacts": ["x"]}, key=key)
    assert load_decider(FR_PLAYBOOK).decide(Message("colis")).topic == "livraison"


def test_a_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "cmkit"
    load_decider(FR_PLAYBOOK)
    assert not (tmp_path / "relative-cache").exists()


def test_a_device_as_playbook_is_refused_in_one_sentence(isolated_cache):
    from cmkit.errors import LoadError

    with pytest.raises(LoadError, match="device"):
        load_decider("/dev/zero")


_EXPECTED: dict[str, tuple] = {}
_TEXTS = ["colis", "Où est mon colis ?", "je vais porter plainte, avocat", "bonjour"]


def _decisions(decider):
    return [decider.decide(Message(text)) for text in _TEXTS]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=400), with_magic=st.booleans(), with_tag=st.booleans())
def test_random_bytes_as_an_entry_never_crash_and_never_change_a_decision(isolated_cache, junk, with_magic, with_tag):
    if "fresh" not in _EXPECTED:
        os.environ.pop("CMKIT_NO_CACHE", None)
        _EXPECTED["fresh"] = tuple(_decisions(load_decider(FR_PLAYBOOK)))
    folder = cache.trusted_folder()
    key = cache._user_key(folder)
    name = f"{cache._name(FR_PLAYBOOK.read_bytes())}{cache._SUFFIX}"
    raw = junk
    if with_magic:
        tag = cache._tag(key, name, junk) if with_tag else junk[:cache._TAG_BYTES].ljust(cache._TAG_BYTES, b"\0")
        raw = cache._MAGIC + tag + junk
    (folder / name).write_bytes(raw)
    assert tuple(_decisions(load_decider(FR_PLAYBOOK))) == _EXPECTED["fresh"]
