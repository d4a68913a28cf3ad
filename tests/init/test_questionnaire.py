"""The questionnaire, driven by a scripted `ask`: defaults, flags that skip questions, re-asking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmkit.scaffold import Answers, Referent
from cmkit.scaffold.questionnaire import (
    format_channels,
    parse_channels,
    parse_list,
    parse_referent,
    run_questionnaire,
)


class Script:
    """Answers questions in order ('' takes the default) and records what was asked and said."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.questions: list[str] = []
        self.said: list[str] = []

    def ask(self, question: str, default: str | None, suffix: str, shown: bool) -> str:
        self.questions.append(question + suffix)
        answer = self.answers.pop(0) if self.answers else ""
        return answer or (default or "")

    def say(self, text: str) -> None:
        self.said.append(text)


def test_every_default_taken_gives_the_preset():
    script = Script("fr", "local", "Le Fournil")
    answers = run_questionnaire(script.ask, script.say, Answers(name=""), answered=set())
    assert (answers.language, answers.preset, answers.name) == ("fr", "local", "Le Fournil")
    assert answers.channels == {"email": 1440, "google": 1440, "facebook": 240, "instagram": 240, "plateformes": 1440}
    assert answers.referents["gerance"] == Referent(name="Claire Fontaine", respond_within=60, backup="associe")
    assert answers.referents["associe"].backup == ""
    assert "offrir un café ou un dessert lors de la prochaine visite" in answers.may
    assert script.questions[2] == "Nom de l'organisation\u00a0: "  # French questions once French is chosen


def test_flags_skip_their_questions():
    script = Script()
    given_answers = Answers(name="Le Fournil", language="en", preset="saas", sector="bakery", channels={"x": 60})
    answered = {"name", "language", "preset", "sector", "channels", "may", "must_not"}
    answers = run_questionnaire(script.ask, script.say, given_answers, answered=answered)
    skipped = ("Langue", "Preset", "Organisation name", "Sector", "Your channels", "What ")
    assert not [question for question in script.questions if question.startswith(skipped)]
    assert script.questions[0].startswith("Head of customer support (support), name")
    assert answers.channels == {"x": 60} and answers.sector == "bakery"


def test_a_refused_answer_is_explained_and_asked_again():
    script = Script("de", "en", "bank", "retail", "", "Northwind", "", "twitter=soon", "twitter=1h")
    answers = run_questionnaire(script.ask, script.say, Answers(name=""), answered=set())
    assert answers.language == "en" and answers.preset == "retail" and answers.name == "Northwind"
    assert answers.channels == {"twitter": 60}
    refused = [line for line in script.said if line.startswith("Answer refused")]
    assert len(refused) == 4  # de, bank, an empty name, 'soon'
    assert "not a duration" in refused[-1]


def test_a_backup_must_name_a_referent():
    answered = {"name", "language", "preset", "sector", "channels", "may", "must_not"}
    script = Script("", "", "nobody", "-")
    answers = run_questionnaire(script.ask, script.say, Answers(name="N"), answered=answered)
    assert answers.referents["customer-care"].backup == ""
    assert any("'nobody' names no referent" in line for line in script.said)


def test_parse_channels_and_back():
    assert parse_channels("email=1d, twitter=1h30m") == {"email": 1440, "twitter": 90}
    assert format_channels({"email": 1440, "twitter": 90}) == "email=1d, twitter=1h30m"
    for bad in ("", "twitter", "Twitter=1h", "twitter=fast"):
        with pytest.raises(ValueError):
            parse_channels(bad)


def test_parse_referent_forms():
    assert parse_referent("sav=Julie Martin") == ("sav", Referent(name="Julie Martin"))
    assert parse_referent("sav=Julie Martin,2h,-") == ("sav", Referent("Julie Martin", 120, ""))
    assert parse_referent("sav=,30m,dg") == ("sav", Referent(None, 30, "dg"))
    with pytest.raises(ValueError, match="id=Name"):
        parse_referent("Julie Martin")


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters=";\n\r"), min_size=1).map(str.strip).filter(bool), max_size=8))
def test_parse_list_round_trips(items):
    assert parse_list("; ".join(items)) == items


def test_refusals_are_explained_in_the_charters_language():
    script = Script("fr", "locl", "local", "Le Fournil", "", "Instagram=2h", "instagram=2h", "", "vite")
    run_questionnaire(script.ask, script.say, Answers(name=""), answered=set())
    refused = [line for line in script.said if line.startswith("Réponse refusée")]
    assert refused[:3] == [
        "Réponse refusée\u00a0: «\u00a0locl\u00a0» n'est pas proposé\u00a0: choisissez parmi retail, saas, public, local",
        "Réponse refusée\u00a0: «\u00a0Instagram\u00a0» n'est pas un identifiant\u00a0: "
        "lettres minuscules, chiffres, «\u00a0-\u00a0» et «\u00a0_\u00a0»",
        "Réponse refusée\u00a0: «\u00a0vite\u00a0» n'est pas un délai\u00a0: écrivez-le 45m, 2h, 1d ou 1h30m, un an au plus",
    ]


def test_a_backup_that_closes_a_loop_is_refused_at_once():
    """local: gerance's backup is associe; associe backing up to gerance would loop, so it is asked again."""
    answered = {"name", "language", "preset", "sector", "channels", "may", "must_not"}
    script = Script("", "", "", "", "", "gerance", "-", "", "", "responsable")
    answers = run_questionnaire(
        script.ask, script.say, Answers(name="N", language="fr", preset="local"), answered=answered
    )
    assert answers.referents["associe"].backup == ""
    loop = (
        "Réponse refusée\u00a0: avec «\u00a0gerance\u00a0» comme suppléant, "
        "la chaîne des suppléants reviendrait à «\u00a0associe\u00a0»"
    )
    assert script.said.count(loop) == 1
    assert any("reviendrait à «\u00a0responsable\u00a0»" in line for line in script.said)  # itself
    assert answers.referents["responsable"].backup == "gerance"  # the default after the refusal
