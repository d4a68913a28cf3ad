"""Every preset, in both languages, makes a charter that passes `lint --strict` as it is."""

from __future__ import annotations

import pytest
import yaml

from cmkit.cli.app import app
from cmkit.decide.engine import Decider, Message
from cmkit.lint.engine import lint_file
from cmkit.model.placeholders import is_draft
from cmkit.trusted import load_playbook
from cmkit.scaffold import LANGUAGES, PRESETS, Answers, load_preset, scaffold

ALL = [(preset, language) for preset in PRESETS for language in LANGUAGES]


@pytest.mark.parametrize(("preset", "language"), ALL)
def test_no_input_init_is_a_draft_until_its_placeholders_are_filled(runner, tmp_path, preset, language):
    path = tmp_path / f"{preset}.{language}.yaml"
    result = runner.invoke(
        app, ["init", str(path), "--no-input", "--name", "Atelier Nord", "--lang", language, "--preset", preset]
    )
    assert result.exit_code == 0, result.stderr
    findings = lint_file(path)
    assert findings and {f.code for f in findings} == {"W250"}  # only the sample addresses
    assert all("example.org" in f.message for f in findings)
    path.write_text(path.read_text(encoding="utf-8").replace("@example.org", "@atelier-nord.fr"), encoding="utf-8")
    assert lint_file(path) == []
    playbook = load_playbook(path)
    assert playbook.organization.name == "Atelier Nord"
    assert playbook.organization.language == language
    assert not is_draft(playbook)


@pytest.mark.parametrize(("preset", "language"), ALL)
def test_a_preset_ships_what_the_handout_and_review_need(tmp_path, preset, language):
    """Examples on every topic (decided as that topic), model replies, a holding statement,
    `detect` on every `must_not`, channel lengths and office hours."""
    path = tmp_path / "p.yaml"
    path.write_text(scaffold(Answers(name="Atelier Nord", language=language, preset=preset)), encoding="utf-8")
    playbook = load_playbook(path)
    decider = Decider(playbook)
    for topic in playbook.topics:
        assert len(topic.examples) >= 2, topic.id
        assert [decider.decide(Message(example)).topic for example in topic.examples] == [topic.id] * len(topic.examples)
    answered = [topic for topic in playbook.topics if topic.action == "answer"]
    assert answered and all(topic.reply and topic.reply.endswith("{signature}") for topic in answered)
    assert playbook.crisis.holding_statement and playbook.crisis.holding_statement.endswith("{signature}")
    assert all(not isinstance(item, str) and item.detect for item in playbook.autonomy.must_not)
    assert any(channel.max_length for channel in playbook.channels)
    assert playbook.hours and playbook.hours.week() != [[]] * 7
    assert playbook.document and playbook.document.approved_by == [playbook.crisis.escalate_to]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_food_preset_covers_food_safety(language):
    data = load_preset("food", language)
    decider_text = scaffold(Answers(name="Atelier Nord", language=language, preset="food"))
    assert decider_text
    actions = {topic["id"]: topic["action"] for topic in data["topics"]}
    crisis = [topic_id for topic_id, action in actions.items() if action == "crisis"]
    assert len(crisis) == 2  # symptoms after eating, and the press
    labels = " ".join(topic["label"].lower() for topic in data["topics"])
    for words in ({"fr": "allergènes", "en": "allergens"}, {"fr": "corps étrangers", "en": "foreign bodies"},
                  {"fr": "rappels", "en": "recalls"}, {"fr": "symptômes", "en": "symptoms"}):
        assert words[language] in labels


def test_list_presets_says_whom_each_is_for(runner):
    english = runner.invoke(app, ["init", "--list-presets", "--lang", "en"])
    assert english.exit_code == 0
    assert [line.split()[0] for line in english.stdout.splitlines()] == list(PRESETS)
    assert "allergens" in english.stdout
    french = runner.invoke(app, ["init", "--list-presets", "--lang", "fr"])
    assert "allergènes" in french.stdout and "Commerces et boutiques en ligne" in french.stdout


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
    assert data["autonomy"] == preset["autonomy"] and data["crisis"] == preset["crisis"]


def test_custom_schema_location_goes_in_the_modeline():
    text = scaffold(Answers(name="X", schema="https://example.org/playbook.schema.json"))
    assert text.splitlines()[0] == "# yaml-language-server: $schema=https://example.org/playbook.schema.json"
