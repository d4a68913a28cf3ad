"""Each rule, on a playbook broken in exactly the way it exists to catch: right code, line and column."""

from __future__ import annotations

import pytest

from cmkit.lint.engine import lint_file
from cmkit.lint.registry import all_rules
from tests.conftest import EXAMPLE_PLAYBOOKS
from tests.lint.cases_review import CASES as REVIEW_CASES
from tests.lint.playbooks import CLEAN, broken, locate

# (code, playbook text, text at the expected position, which occurrence of it)
CASES = [
    ("E001", "cmkit: 1\ntopics: livraison: colis\n", ": colis", 1),
    ("E002", broken("  respond_within: 30m\n  authors", "  respond_within: 30m\n  respond_within: 1h\n  authors"),
     "respond_within: 1h\n", 1),
    ("E003", broken("action: answer", "action: répondre"), "répondre", 1),
    ("E003", broken("    process: support\n  - id: litige", "    proces: support\n  - id: litige"), "proces:", 1),
    ("E101", broken("escalate_to: sav", "escalate_to: savv"), "savv", 1),
    ("E102", broken("id: adjoint", "id: sav"), "sav,", 2),
    ("E103", broken("    escalate_to: sav\n", ""), "escalate\n", 1),
    ("E104", broken("respond_within: 30m}\n", "respond_within: 30m, backup: dg}\n"), "adjoint}", 1),
    ("W201", broken("statement: Répondre vite, kpi: délai médian}", "statement: Répondre vite}"), "{id: reactivite", 1),
    ("W202", broken("respond_within: 1h, backup: dg", "respond_within: 3h, backup: dg"), "3h", 1),
    ("W203", broken("keywords: [litige, rembours*]", "keywords: [litige, Colis]"), "Colis", 1),
    ("W204", broken(CLEAN[CLEAN.index("crisis:"):CLEAN.index("reporting:")], ""), "cmkit:", 1),
    ("W205", broken(", backup: dg}", "}"), "{id: sav", 1),
    ("W206", broken("    keywords: [colis, livraison]\n", ""), "id: livraison", 1),
    ("W207", broken("label: Litiges", "label: Pas de notre ressort"), "Pas de notre", 1),
    ("W208", broken("    process: support\n  - id: litige", "  - id: litige"), "id: livraison", 1),
    ("W209", broken("    action: answer\n", "    action: answer\n    escalate_to: sav\n"), "sav\n", 1),
    ("W210", broken("respond_within: 2h", "respond_within: 45m"), "sav\n", 1),
    ("W211", broken("{channels: 3,", "{channels: 4,"), "4", 1),
    ("W212", broken("  authors: [journalist]\n  spread: {channels: 3, within: 24h}\n", ""), "crisis:", 1),
    ("W213", broken("[colis, livraison]", "[colis, livraison, Colis]"), "Colis", 1),
    ("W214", broken("    action: answer\n", "    patterns: ['(commande )?\\d*']\n    action: answer\n"), "'(commande", 1),
    ("W215", broken("  must_not: [promettre un remboursement]\n", ""), "autonomy:", 1),
    ("W216", broken("  recipients: [dg, sav]\n", ""), "reporting:", 1),
    ("W231", broken("name: Julie Martin", 'name: "Julie\\e[2J Martin"'), '"Julie', 1),
    ("W232", broken("keywords: [colis, livraison]", "keywords: [c\u043elis, livraison]"), "c\u043elis", 1),
    ("W232", broken("keywords: [colis, livraison]", "keywords: [colis, livr\u200baison]"), "livr\u200baison", 1),
    ("W230", broken("    action: answer\n", "    patterns: ['(\\w+\\s?)+avocat']\n    action: answer\n"), "'(\\w", 1),
    ("I301", broken("  recipients: [dg, sav]\n", "  recipients: [sav]\n").replace(
        ", backup: adjoint}", "}"), "{id: adjoint", 1),
    ("I302", CLEAN[: CLEAN.index("reporting:")], "cmkit:", 1),
    ("W260", broken("keywords: [litige, rembours*]", "keywords: [litige, rembours*, mite*]"), "mite*", 1),
    ("W250", broken("email: julie.martin@fromagerie.fr", "email: julie.martin@example.org"), "julie.martin@", 1),
    ("W251", broken('phone: "+33 1 23 56 78 90", ', ""), "{id: dg", 1),
    ("W252", broken("respond_within: 1h, backup: dg}", "respond_within: 3h, backup: dg}  # cmkit: disable=W202"),
     "# cmkit", 1),
    ("W253", broken("Fontaine, respond_within: 30m}", "Fontaine, respond_within: 30m}  # cmkit: disable=W202 — rien"),
     "# cmkit", 1),
    ("I303", broken('    examples: ["Je veux être remboursée"]\n', ""), "id: litige", 1),
    # hours (revision 1.1)
    ("E110", CLEAN + 'hours:\n  timezone: Europe/Paris\n  open: {mon-fri: "09:00-18:00", fri: "09:00-17:00"}\n',
     'fri: "09:00-17:00"', 1),
    ("E111", CLEAN + "hours:\n  timezone: Europe/Paris\n  open: {}\n", "open:", 1),
    ("W240", CLEAN + "hours:\n  timezone: Europe/Paris\n  holidays: [2026-12-25, 2206-12-25]\n", "2206", 1),
    ("W241", CLEAN + 'hours:\n  timezone: Europe/Paris\n  open: {mon-fri: "09:00-18:00"}\n', "1h}", 1),
    *REVIEW_CASES,
]


@pytest.mark.parametrize(("code", "text", "needle", "occurrence"), CASES, ids=[c[0] for c in CASES])
def test_rule_reports_at_the_offending_place(write, code, text, needle, occurrence):
    findings = lint_file(write("playbook.yaml", text))
    found = [(f.line, f.column) for f in findings if f.code == code]
    expected = locate(text, needle, occurrence)
    assert expected in found, f"{code} expected at {expected}; got {[(f.code, f.line, f.column) for f in findings]}"


def test_the_clean_playbook_has_no_finding(write):
    assert lint_file(write("playbook.yaml", CLEAN)) == []


def test_every_rule_with_a_check_has_a_case():
    cased = {case[0] for case in CASES}
    assert {rule.code for rule in all_rules()} <= cased


@pytest.mark.parametrize("path", EXAMPLE_PLAYBOOKS, ids=lambda p: p.name)
def test_the_example_playbooks_pass_strict(path):
    assert [(f.code, f.line, f.message) for f in lint_file(path)] == []


def test_every_rule_documents_why_with_a_failing_and_a_passing_example():
    for rule in all_rules():
        assert rule.summary and rule.summary.endswith("."), rule.code
        assert "FAIL::" in rule.reason and "PASS::" in rule.reason, rule.code
        assert rule.code[0] == {"error": "E", "warning": "W", "info": "I"}[rule.severity]


def test_a_keyword_conflict_is_reported_once_per_later_occurrence(write):
    text = broken("keywords: [litige, rembours*]", "keywords: [litige, COLIS]")
    text = text.replace("crisis:\n", "  - {id: x, label: X, keywords: [colis], action: answer, process: support}\ncrisis:\n")
    findings = [f for f in lint_file(write("p.yaml", text)) if f.code == "W203"]
    assert [f.line for f in findings] == [locate(text, "COLIS")[0], locate(text, "{id: x")[0]]
    assert "'livraison'" in findings[0].message and "'litige'" in findings[1].message


def test_prefix_keywords_and_accents_compare_as_the_matcher_sees_them(write):
    text = broken("keywords: [litige, rembours*]", "keywords: [litige, Rembours*, remboursé]")
    text = broken("[colis, livraison]", "[colis, livraison, rembourse]", text)
    codes = [(f.code, f.message) for f in lint_file(write("p.yaml", text)) if f.code == "W203"]
    assert len(codes) == 1 and "'remboursé'" in codes[0][1] and "'livraison'" in codes[0][1]


def test_a_forbidden_phrase_must_match_whole_words(write):
    text = broken("label: Litiges", "label: Pas de notre ressortissant")
    assert not [f for f in lint_file(write("p.yaml", text)) if f.code == "W207"]


def test_every_duplicate_key_is_reported_with_its_path(write):
    text = broken("  - {id: twitter, expected_response: 1h}", "  - {id: twitter, expected_response: 1h, id: x}")
    text = broken("    label: Litiges\n", "    label: Litiges\n    label: Autres\n    label: Encore\n", text)
    findings = lint_file(write("p.yaml", text))
    assert [(f.code, f.path, (f.line, f.column)) for f in findings] == [
        ("E002", "channels[0].id", locate(text, "id: x")),
        ("E002", "topics[1].label", locate(text, "label: Autres")),
        ("E002", "topics[1].label", locate(text, "label: Encore")),
    ]
    assert f"first at line {locate(text, 'label: Litiges')[0]}, column 5" in findings[1].message


def test_a_backup_loop_through_oneself_is_reported_once(write):
    text = broken("{id: adjoint, name: Bernard Fontaine, respond_within: 30m}",
                  "{id: adjoint, name: Bernard Fontaine, respond_within: 30m, backup: adjoint}")
    findings = [f for f in lint_file(write("p.yaml", text)) if f.code == "E104"]
    loop = ("contacts[2].backup", "backups form a loop: adjoint → adjoint")
    assert [(f.path, f.message) for f in findings] == [loop]


def test_the_first_contact_is_on_an_escalation_path_when_default_names_no_one(write):
    no_backup = broken("respond_within: 1h, backup: dg}",
                       "respond_within: 1h}")
    w205 = lambda text: [f.message for f in lint_file(write("p.yaml", text)) if f.code == "W205"]  # noqa: E731
    assert w205(no_backup) == ["'sav' is a referent (topic 'litige') but has no backup"]
    answered = broken("    escalate_to: sav\n    respond_within: 2h\n", "    respond_within: 2h\n", no_backup)
    answered = broken("action: escalate", "action: answer", answered)
    assert w205(answered) == ["'sav' is a referent (the default referent, as there is no `default`) but has no backup"]
    defaulted = broken("crisis:\n", "default: {action: answer}\ncrisis:\n", answered)
    assert w205(defaulted) == []


def test_a_crisis_topic_calls_its_own_referent_only_without_a_crisis_section(write):
    text = broken("action: escalate", "action: crisis")
    codes = {f.code: f for f in lint_file(write("p.yaml", text))}
    assert "'sav' is never called" in codes["W209"].message and "crisis.escalate_to ('dg')" in codes["W209"].message
    without_crisis = broken(CLEAN[CLEAN.index("crisis:"):CLEAN.index("reporting:")], "", text)
    assert "W209" not in {f.code for f in lint_file(write("q.yaml", without_crisis))}


def test_a_missing_section_is_named_by_its_path_and_placed_at_the_top_of_the_file(write):
    text = "# yaml-language-server: $schema=playbook.schema.json\n" + broken(
        CLEAN[CLEAN.index("crisis:"):CLEAN.index("reporting:")], ""
    )
    (finding,) = [f for f in lint_file(write("p.yaml", text)) if f.code == "W204"]
    assert finding.path == "crisis" and (finding.line, finding.column) == (2, 1) == locate(text, "cmkit:")


def test_must_not_may_name_a_forbidden_phrase(write):
    text = broken("  must_not: [promettre un remboursement]", "  must_not: [dire que ce n'est pas de notre ressort]")
    assert "W207" not in {f.code for f in lint_file(write("p.yaml", text))}
    text = broken("  may: [s'excuser]", "  may: [dire que ce n'est Pas de notre RESSORT]")
    assert "W207" in {f.code for f in lint_file(write("q.yaml", text))}


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ("respond_within: 2h", "respond_within: 30", "30\n", "write 30m for minutes or 30h for hours"),
        ("respond_within: 2h", "respond_within: 1.5h", "1.5h", "'1.5h' is not a duration"),
        ("respond_within: 2h", "respond_within: 2H", "2H", "units are lowercase, write 2h"),
        ("respond_within: 2h", "respond_within: 1:30", "1:30", "'1:30' is not a duration"),
        ("respond_within: 2h", "respond_within: ''", "''", "'' is not a duration"),
        ("cmkit: 1", "cmkit: '1'", "'1'", "must be 1; write it without quotes"),
        ("cmkit: 1", "cmkit: 2", "2\n", "cmkit is the number 2, but must be 1"),
        ("{name: Test}", "{name: Test, language: de}", "de}", "must be one of 'fr' or 'en'"),
        ("action: answer", "action: reply", "reply", "topics[0].action is the text 'reply', but must be one of"),
        ("{id: sav, name", "{id: Sav, name", "Sav", "'Sav' is not an id"),
        ("    escalate_to: sav", "    escalte_to: sav", "escalte_to", "did you mean 'escalate_to'?"),
        ("autonomy:", "aut[onomy:", "aut[onomy", "unknown key 'aut[onomy' in the top level; did you mean 'autonomy'?"),
        ("organization: {name: Test}", "organization: {}", "{}", "organization is missing the required key 'name'"),
        ("objectives:\n  - {id: reactivite, statement: Répondre vite, kpi: délai médian}", "objectives: []", "[]",
         "objectives has 0 entries, but needs at least 1"),
        ("  authors: [journalist]", "  authors: [journalist]\n  followers_at_least: .inf", ".inf",
         "crisis.followers_at_least should be a whole number, not the number inf"),
    ],
)
def test_a_wrong_form_is_one_e003_at_the_value_or_key_saying_how_to_fix_it(write, old, new, at, message):
    text = broken(old, new)
    (finding,) = lint_file(write("p.yaml", text))
    assert finding.code == "E003" and message in finding.message
    assert (finding.line, finding.column) == locate(text, at)
