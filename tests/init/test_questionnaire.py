"""The questionnaire, driven by a scripted `ask`: defaults, flags that skip questions, re-asking."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmkit.scaffold import Answers, Referent
from cmkit.scaffold.questionnaire import (
    format_channels,
    format_open_hours,
    parse_open_hours,
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
        assert len(self.questions) < 500, f"the questionnaire keeps asking: {self.questions[-3:]}"
        answer = self.answers.pop(0) if self.answers else ""
        return answer or (default or "")

    def say(self, text: str) -> None:
        self.said.append(text)


#: What the command line answered, so a test reaches the referents' questions at once.
BUT_REFERENTS = {"name", "language", "preset", "sector", "channels", "hours", "may", "must_not", "document"}


def test_every_default_taken_gives_the_preset():
    script = Script("fr", "local", "Le Fournil")
    answers = run_questionnaire(script.ask, script.say, Answers(name=""), answered=set())
    assert (answers.language, answers.preset, answers.name) == ("fr", "local", "Le Fournil")
    assert answers.channels == {"email": 1440, "google": 1440, "facebook": 240, "instagram": 240, "plateformes": 1440}
    assert answers.timezone == "Europe/Paris" and answers.open_hours == {"tue-sat": "07:00-19:30", "sun": "07:00-13:00"}
    assert answers.referents["gerance"] == Referent(
        name="Claire Fontaine", respond_within=60, backup="associe", email="claire.fontaine@example.org", phone="",
        role="Gérante", on_call=True,
    )
    assert answers.referents["associe"].backup == "" and answers.removed == []
    assert "offrir un café ou un dessert lors de la prochaine visite" in answers.may
    assert (answers.version, answers.author, answers.approved_by) == ("1.0", None, ["gerance"])
    assert script.questions[2] == "Nom de l'organisation\u202f: "  # French questions once French is chosen
    assert any(line.startswith("  local    Commerce de proximité") for line in script.said)  # for whom


def test_flags_skip_their_questions():
    script = Script()
    given_answers = Answers(name="Le Fournil", language="en", preset="saas", sector="bakery", channels={"x": 60})
    answers = run_questionnaire(script.ask, script.say, given_answers, answered=BUT_REFERENTS)
    assert script.questions[:2] == [
        "Referents to remove (ids, comma-separated; Enter for none): ",
        "Referents to add (new ids, comma-separated; Enter for none): ",
    ]
    assert script.questions[2] == "  name: " and "Head of customer support (support)" in script.said
    assert answers.channels == {"x": 60} and answers.sector == "bakery"


def test_referents_are_removed_and_added_freely():
    script = Script("associe", "avocat", "", "", "", "", "", "", "",  # gerance: defaults
                    "", "", "", "", "", "", "",  # responsable
                    "Maître Antoine Blanc", "Avocat", "a.blanc@blanc-avocats.fr", "", "1d",
                    "avocat externe, délai d'un jour convenu", "non", "")
    answers = run_questionnaire(
        script.ask, script.say, Answers(name="N", language="fr", preset="local"), answered=BUT_REFERENTS
    )
    assert answers.removed == ["associe"]
    assert "Ce qui était transmis à «\u00a0associe\u00a0» l'est désormais à «\u00a0gerance\u00a0»." in script.said
    assert list(answers.referents) == ["gerance", "responsable", "avocat"]
    assert answers.referents["gerance"].backup == ""  # its backup was removed
    assert answers.referents["avocat"] == Referent(
        name="Maître Antoine Blanc", respond_within=1440, backup="", email="a.blanc@blanc-avocats.fr", phone="",
        role="Avocat", on_call=False, slow_reason="avocat externe, délai d'un jour convenu",
    )
    assert "  nom\u202f: " in script.questions and "Avocat" not in script.said[0]


def test_renaming_a_referent_asks_for_their_address_instead_of_keeping_the_samples():
    script = Script("", "", "Nadia Haddad", "", "")
    answers = run_questionnaire(
        script.ask, script.say, Answers(name="N", language="fr", preset="local"), answered=BUT_REFERENTS
    )
    assert answers.referents["gerance"].email == ""  # the sample address belonged to the sample name
    assert answers.referents["responsable"].email == "julie.martin@example.org"  # kept name, kept address


@pytest.mark.parametrize(
    ("answer", "refusal"),
    [("-", "'-' is not a person's name"), ("?", "'?' is not a person's name"), ("x", "'x' is not a person's name")],
)
def test_a_name_must_be_a_name(answer, refusal):
    script = Script("", "", answer, "Julie Martin")
    run_questionnaire(script.ask, script.say, Answers(name="N", preset="saas"), answered=BUT_REFERENTS)
    assert f"Answer refused: {refusal}: write their first and last name" in script.said


def test_e_mail_and_phone_are_checked_as_they_are_given():
    script = Script("", "", "", "", "julie@", "julie@kestrel.io", "555 0100", "+1 514 555 0199")
    answers = run_questionnaire(script.ask, script.say, Answers(name="N", preset="saas"), answered=BUT_REFERENTS)
    assert "Answer refused: 'julie@' is not an e-mail address: write it like julie.martin@example.fr" in script.said
    assert any("'555 0100' is not a phone number: write it with its country code" in line for line in script.said)
    first = next(iter(answers.referents.values()))
    assert (first.email, first.phone) == ("julie@kestrel.io", "+1 514-555-0199")


def test_a_refused_answer_is_explained_and_asked_again():
    script = Script("de", "en", "bank", "retail", "", "Northwind", "", "twitter=soon", "twitter=1h", "Mars/Olympus",
                    "", "every day")
    answers = run_questionnaire(script.ask, script.say, Answers(name=""), answered=set())
    assert answers.language == "en" and answers.preset == "retail" and answers.name == "Northwind"
    assert answers.channels == {"twitter": 60}
    refused = [line for line in script.said if line.startswith("Answer refused")]
    assert len(refused) == 6  # de, bank, an empty name, 'soon', the time zone, the hours
    assert "not a duration" in refused[3] and "not a time zone" in refused[4] and "office hours" in refused[5]


def test_a_backup_must_name_a_referent():
    script = Script("", "", "", "", "", "", "", "", "nobody", "-")
    answers = run_questionnaire(script.ask, script.say, Answers(name="N"), answered=BUT_REFERENTS)
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
    assert parse_referent("avocat=Maître Blanc,1d,-,b@blanc.fr,04 72 00 00 00", "fr") == (
        "avocat", Referent("Maître Blanc", 1440, "", "b@blanc.fr", "+33 4 72 00 00 00")
    )
    with pytest.raises(ValueError, match="id=Name"):
        parse_referent("Julie Martin")
    for bad in ("sav=-", "sav=Julie,1h,-,julie", "sav=Julie,1h,-,j@x.fr,12"):
        with pytest.raises(ValueError):
            parse_referent(bad, "fr")


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("mon-fri 09:00-18:00; sat 10:00-12:30", {"mon-fri": "09:00-18:00", "sat": "10:00-12:30"}),
        ("lun-ven 9h-12h, 14h-18h", {"mon-fri": "09:00-12:00, 14:00-18:00"}),
        ("mar-sam=7:00-19:30", {"tue-sat": "07:00-19:30"}),
    ],
)
def test_office_hours_as_people_write_them(text, hours):
    assert parse_open_hours(text) == hours
    assert parse_open_hours(format_open_hours(hours)) == hours
    assert parse_open_hours(format_open_hours(hours, "fr")) == hours
    assert format_open_hours({"tue-sat": "07:00-19:30"}, "fr") == "mar-sam 07:00-19:30"


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters=";\n\r"), min_size=1).map(str.strip).filter(bool), max_size=8))
def test_parse_list_round_trips(items):
    assert parse_list("; ".join(items)) == items


def test_refusals_are_explained_in_the_charters_language():
    script = Script("fr", "locl", "local", "Le Fournil", "", "Instagram=2h", "instagram=2h", "", "", "", "", "", "",
                    "", "", "vite")
    run_questionnaire(script.ask, script.say, Answers(name=""), answered=set())
    refused = [line for line in script.said if line.startswith("Réponse refusée")]
    assert refused[:3] == [
        "Réponse refusée\u202f: «\u00a0locl\u00a0» n'est pas proposé\u202f: choisissez parmi retail, food, saas, public, local",
        "Réponse refusée\u202f: «\u00a0Instagram\u00a0» n'est pas un identifiant\u202f: "
        "lettres minuscules, chiffres, «\u00a0-\u00a0» et «\u00a0_\u00a0»",
        "Réponse refusée\u202f: «\u00a0vite\u00a0» n'est pas un délai\u202f: écrivez-le 45m, 2h, 1d ou 1h30m, un an au plus",
    ]


def test_a_backup_that_closes_a_loop_is_refused_at_once():
    """local: gerance's backup is associe; associe backing up to gerance would loop, so it is asked again."""
    per_referent_before_backup = [""] * 6
    script = Script("", "", *per_referent_before_backup, "", *per_referent_before_backup, "gerance", "-",
                    *per_referent_before_backup, "responsable")
    answers = run_questionnaire(
        script.ask, script.say, Answers(name="N", language="fr", preset="local"), answered=BUT_REFERENTS
    )
    assert answers.referents["associe"].backup == ""
    loop = (
        "Réponse refusée\u202f: avec «\u00a0gerance\u00a0» comme suppléant, "
        "la chaîne des suppléants reviendrait à «\u00a0associe\u00a0»"
    )
    assert script.said.count(loop) == 1
    assert any("reviendrait à «\u00a0responsable\u00a0»" in line for line in script.said)  # itself
    assert answers.referents["responsable"].backup == "gerance"  # the default after the refusal
