"""Every preset, in both languages, makes a charter that passes `lint --strict` as it is."""

from __future__ import annotations

import pytest
import yaml

from cmkit.cli.app import app
from cmkit.decide.engine import Decider, Message
from cmkit.lint.engine import lint_file
from cmkit.trusted import load_playbook
from cmkit.scaffold import LANGUAGES, PRESETS, Answers, load_preset, scaffold

ALL = [(preset, language) for preset in PRESETS for language in LANGUAGES]


@pytest.mark.parametrize(("preset", "language"), ALL)
def test_no_input_init_passes_lint_strict(runner, tmp_path, preset, language):
    path = tmp_path / f"{preset}.{language}.yaml"
    result = runner.invoke(
        app, ["init", str(path), "--no-input", "--name", "Atelier Nord", "--lang", language, "--preset", preset]
    )
    assert result.exit_code == 0, result.stderr
    assert lint_file(path) == []
    playbook = load_playbook(path)
    assert playbook.organization.name == "Atelier Nord"
    assert playbook.organization.language == language


@pytest.mark.parametrize(("preset", "language"), ALL)
def test_preset_covers_the_framework(preset, language):
    """A preset is a whole charter: crisis, reporting, escalations with backups, every process."""
    data = load_preset(preset, language)
    assert data["organization"]["language"] == language
    assert data["crisis"]["escalate_to"] and data["reporting"]["metrics"]
    assert data["autonomy"]["may"] and data["autonomy"]["must_not"]
    actions = {topic["action"] for topic in data["topics"]}
    assert {"answer", "escalate", "moderate", "decline", "crisis"} <= actions
    assert {"support", "marketing", "innovation", "crisis"} <= {topic.get("process") for topic in data["topics"]}
    assert all(topic.get("keywords") for topic in data["topics"])


#: What almost every message says around its real content; a preset keyword that fires on these
#: sends ordinary requests to the wrong topic (once: `avoir`, `attente`, `merci`, `malade`).
EVERYDAY = {
    "fr": "Bonjour, je voudrais avoir une information, merci d'avance. Dans l'attente de votre réponse, "
          "bonne journée ! Je suis malade de ne pas savoir.",
    "en": "Hello, I would like to have some information, thank you. I am waiting for your answer, "
          "have a nice day! I feel sick about not knowing.",
}


@pytest.mark.parametrize(("preset", "language"), ALL)
def test_everyday_words_match_no_topic(tmp_path, preset, language):
    path = tmp_path / "p.yaml"
    path.write_text(scaffold(Answers(name="Atelier Nord", language=language, preset=preset)), encoding="utf-8")
    decision = Decider(load_playbook(path)).decide(Message(EVERYDAY[language]))
    assert decision.topics == ()


@pytest.mark.parametrize(("preset", "language"), ALL)
def test_decline_topics_carry_nothing_to_push(preset, language):
    """`decline` means the CM does not engage: a topic that brings something to the public is an answer."""
    topics = load_preset(preset, language)["topics"]
    assert all(not topic.get("push") for topic in topics if topic["action"] == "decline")


@pytest.mark.parametrize("preset", PRESETS)
def test_both_languages_of_a_preset_have_the_same_shape(preset):
    french, english = load_preset(preset, "fr"), load_preset(preset, "en")
    for section in ("objectives", "channels", "contacts", "topics"):
        assert len(french[section]) == len(english[section]), section
    assert [t["action"] for t in french["topics"]] == [t["action"] for t in english["topics"]]


def test_generated_text_carries_the_modeline_and_a_comment_per_section():
    text = scaffold(Answers(name="Atelier Nord", language="fr", preset="local"))
    assert text.startswith("# yaml-language-server: $schema=playbook.schema.json\n")
    for section in ("organization", "objectives", "channels", "tone", "autonomy", "contacts", "topics", "crisis", "reporting"):
        before = text.split(f"\n{section}:\n", 1)[0]
        assert before.rstrip().splitlines()[-1].startswith("# "), section
    assert "subsidiarité" in text.lower() and "valeur ajoutée" in text


def test_french_comments_use_french_typography():
    text = scaffold(Answers(name="Atelier Nord", language="fr", preset="retail"))
    comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "«\u00a0retail\u00a0»" in comments
    assert " :" not in comments.replace("\u00a0:", "")  # every colon after a word has its non-breaking space


def test_english_comments_are_english():
    text = scaffold(Answers(name="Northwind", language="en", preset="saas"))
    assert "Subsidiarity and support" in text and "référent" not in text


def test_generated_yaml_keeps_the_presets_meaning():
    answers = Answers(name="Atelier Nord", language="en", preset="public")
    data = yaml.safe_load(scaffold(answers))
    preset = load_preset("public", "en")
    assert data["topics"] == preset["topics"]
    assert data["contacts"] == preset["contacts"]


def test_custom_schema_location_goes_in_the_modeline():
    text = scaffold(Answers(name="X", schema="https://example.org/playbook.schema.json"))
    assert text.splitlines()[0] == "# yaml-language-server: $schema=https://example.org/playbook.schema.json"
