"""`cmkit drill`: answers from a file or a terminal, scored against the decision engine."""

from __future__ import annotations

import functools
import json
import os
import pty
import select
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.cli.app import app
from cmkit.decide.engine import Decider, Message
from cmkit.drill.questions import draw
from cmkit.drill.session import AnswerError, Given, parse_line, score
from tests.conftest import EN_PLAYBOOK, FR_PLAYBOOK


def _json(runner, *args):
    result = runner.invoke(app, ["drill", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_same_seed_draws_the_same_messages_on_the_same_channels(fr_playbook):
    first = [(q.text, q.channel.id) for q in draw(fr_playbook, seed=7, count=5)]
    assert first == [(q.text, q.channel.id) for q in draw(fr_playbook, seed=7, count=5)]
    assert first != [(q.text, q.channel.id) for q in draw(fr_playbook, seed=8, count=5)]
    assert len(first) == 5


def test_the_expected_answer_is_the_engine_s_on_the_message_s_channel(fr_playbook):
    decider = Decider(fr_playbook)
    for question in draw(fr_playbook, seed=1):
        decision = decider.decide(Message(text=question.text, channel=question.channel.id))
        assert question.expected == {
            "action": decision.action,
            "referent": decision.escalate_to,
            "deadline_minutes": decision.respond_within_minutes,
        }


def test_answers_file_gives_the_documented_json_and_score(runner, write, fr_playbook):
    questions = draw(fr_playbook, seed=5, count=4)
    lines = []
    for i, q in enumerate(questions):
        e = q.expected
        if i == 1:  # a wrong action
            lines.append("decline" if e["action"] != "decline" else "answer")
        elif i == 2 and e["action"] in ("escalate", "crisis"):  # the right action, the wrong referent
            lines.append(f"{e['action']},juridique,1h" if e["referent"] != "juridique" else f"{e['action']},sav")
        else:
            lines.append(",".join([e["action"], e["referent"] or "", f"{e['deadline_minutes'] or 0}m"]))
    answers = write("answers.txt", "\n".join(lines) + "\n")
    data = _json(runner, "-p", str(FR_PLAYBOOK), "--seed", "5", "--count", "4", "--answers", str(answers))
    assert set(data) >= {"score", "questions"}
    assert [q["text"] for q in data["questions"]] == [q.text for q in questions]
    for question in data["questions"]:
        assert set(question) >= {"text", "expected", "given", "right"}
        assert set(question["expected"]) == set(question["given"]) == {"action", "referent", "deadline_minutes"}
    rights = [q["right"] for q in data["questions"]]
    assert rights[0] is True and rights[1] is False and rights[3] is True
    if questions[2].expected["action"] in ("escalate", "crisis"):
        assert rights[2] is False
    assert data["score"] == sum(rights)


def test_french_words_names_and_numbers_are_understood(fr_playbook):
    assert parse_line("Transmettre, Julie Martin, 2 h", fr_playbook) == Given("escalate", "sav", 120)
    assert parse_line("ne pas répondre", fr_playbook) == Given("decline")
    assert parse_line("5,8,30m", fr_playbook) == Given("crisis", "dg", 30)
    with pytest.raises(AnswerError, match="action inconnue 'peut-être'\u202f: choisissez répondre, transmettre"):
        parse_line("peut-être", fr_playbook)  # refused in the playbook's language


def test_right_needs_the_referent_only_where_there_is_one(fr_playbook):
    for question in draw(fr_playbook, seed=2):
        e = question.expected
        assert score(question, Given(e["action"], None, None)).right is (e["action"] not in ("escalate", "crisis"))
        assert score(question, Given(e["action"], e["referent"], 99999)).right  # the deadline is advice, not the score


def test_a_short_answers_file_leaves_the_rest_unanswered(runner, write):
    answers = write("answers.txt", "answer\n")
    data = _json(runner, "-p", str(EN_PLAYBOOK), "--seed", "1", "--count", "3", "--answers", str(answers))
    assert len(data["questions"]) == 3
    assert data["questions"][2]["given"] == {"action": None, "referent": None, "deadline_minutes": None}
    assert data["questions"][2]["right"] is False


def test_a_bad_answers_line_is_one_located_sentence(runner, write):
    answers = write("answers.txt", "answer\n\nescalate,nobody\n")
    result = runner.invoke(app, ["drill", "-p", str(EN_PLAYBOOK), "--count", "3", "--answers", str(answers)])
    assert result.exit_code == 2
    assert f"{answers}:3" in result.stderr and "unknown referent 'nobody'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_text_drill_speaks_the_playbook_s_language(runner, write):
    answers = write("answers.txt", "répondre\n")
    result = runner.invoke(app, ["drill", "-p", str(FR_PLAYBOOK), "--seed", "3", "--count", "1", "--answers", str(answers)])
    assert result.exit_code == 0
    assert "Score\u202f: " in result.stdout and "Pour rejouer ce tirage" in result.stdout


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_answer_line_is_read_or_refused_in_one_sentence(line):
    playbook = _english()
    try:
        given_answer = parse_line(line, playbook)
    except AnswerError as exc:
        assert "\n" not in str(exc)
    else:
        assert given_answer.action is not None


@functools.cache
def _english():
    from cmkit.trusted import load_playbook

    return load_playbook(EN_PLAYBOOK)


def _read_until(fd, wanted: bytes, timeout: float = 20) -> bytes:
    seen, end = b"", time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_a_trainee_drills_at_a_terminal(fr_playbook):
    """Through a pseudo-terminal, as a trainee types: action, referent, deadline; then the score."""
    question = draw(fr_playbook, seed=4, count=1)[0]
    expected = question.expected
    master, slave = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "CMKIT_LANG": "fr"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cmkit", "drill", "-p", str(FR_PLAYBOOK), "--seed", "4", "--count", "1"],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
    )
    os.close(slave)
    try:
        assert b"Action\xe2\x80\xaf? " in _read_until(master, "Action\u202f? ".encode())
        os.write(master, b"peut-etre\n")
        assert "Je n’ai pas compris".encode() in _read_until(master, "Action\u202f? ".encode())
        os.write(master, (expected["action"] + "\n").encode())
        if expected["action"] in ("escalate", "crisis"):
            _read_until(master, "Référent\u202f? ".encode())
            os.write(master, (expected["referent"] + "\n").encode())
        if expected["action"] != "decline":
            _read_until(master, b"? ")
            os.write(master, b"1h\n")
        rest = _read_until(master, b"--seed 4")
        assert "Juste\u202f: ".encode() in rest and "Score\u202f: 1 sur 1".encode() in rest
        assert process.wait(timeout=20) == 0
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
