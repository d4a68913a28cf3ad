"""The context every format renders: derived tables, language, typography."""

from __future__ import annotations

from cmkit.trusted import load_playbook
from cmkit.render.documents import build_context, default_file_name
from cmkit.render.engine import render
from cmkit.render.typography import NBSP, NNBSP


def test_scope_has_one_row_per_topic_then_the_default(fr_playbook):
    scope = build_context(fr_playbook, "charter")["scope"]
    assert [row["id"] for row in scope[:-1]] == [t.id for t in fr_playbook.topics]
    assert scope[-1]["label"] == "Tout autre message"
    assert scope[-1]["referent"] == fr_playbook.contact(fr_playbook.default.escalate_to).name


def test_crisis_topics_go_to_the_crisis_referent_within_the_crisis_deadline(fr_playbook):
    scope = build_context(fr_playbook, "charter")["scope"]
    crisis_rows = [row for row in scope if row["action"] == "crisis"]
    assert crisis_rows
    head = fr_playbook.contact(fr_playbook.crisis.escalate_to).name
    assert all(row["referent"] == head and row["deadline"] == f"30{NBSP}min" for row in crisis_rows)


def test_chains_follow_backups_from_each_first_referent(fr_playbook):
    chains = build_context(fr_playbook, "charter")["chains"]
    for chain in chains:
        steps = chain["steps"]
        for current, following in zip(steps, steps[1:]):
            assert fr_playbook.contact(current["id"]).backup == following["id"]
        assert fr_playbook.contact(steps[-1]["id"]).backup is None
    assert fr_playbook.crisis.escalate_to in {chain["steps"][0]["id"] for chain in chains}


def test_a_backup_loop_ends_the_chain_instead_of_looping(fr_playbook):
    first, *others = fr_playbook.contacts
    looped = fr_playbook.model_copy(
        update={"contacts": [first.model_copy(update={"backup": first.id}), *others]}  # a loop lint refuses
    )
    chain = next(c for c in build_context(looped, "charter")["chains"] if c["steps"][0]["id"] == first.id)
    assert len(chain["steps"]) == 1


def test_support_flags_a_referent_slower_than_the_most_demanding_public_channel(minimal_playbook):
    support = build_context(load_playbook(minimal_playbook()), "charter")["support"]
    assert "Twitter" in support["note"] and "1\u00a0h" in support["note"]
    ada = next(c for c in support["contacts"] if c["name"] == "Ada Lovelace")
    assert ada["late"] is True and ada["status"].startswith("no: 2\u00a0h against 1\u00a0h (Twitter)")
    backup = next(c for c in support["contacts"] if c["name"] == "Backup Person")
    assert backup["late"] is False and backup["status"] == "—"


def test_french_strings_are_typeset_but_ids_and_patterns_are_not(fr_playbook):
    context = build_context(fr_playbook, "charter")
    assert f"promettre{NBSP}:" in " ".join(t["guidance"] or "" for t in context["scope"])
    assert "’" in context["L"]["intros"]["handling"]
    raw_patterns = [p for t in fr_playbook.topics for p in t.patterns]
    assert [p for row in context["scope"] for p in row["patterns"]] == raw_patterns
    assert all(NNBSP not in p for p in raw_patterns)


def test_exercises_use_examples_or_fall_back_to_a_plain_keyword(minimal_playbook):
    handout = build_context(load_playbook(minimal_playbook()), "handout")
    texts = [e["text"] for e in handout["exercises"]]
    assert sorted(texts) == sorted(["Where is my parcel?", "Hello, I have a question about “money back”: can you help?"])
    assert all(e["channel"] == "On Twitter" for e in handout["exercises"])  # every exercise says where it came


def test_exercises_are_shuffled_with_a_fixed_seed_and_the_key_can_be_left_out(fr_playbook):
    first = build_context(fr_playbook, "handout")
    again = build_context(fr_playbook, "handout")
    texts = [e["text"] for e in first["exercises"]]
    assert texts == [e["text"] for e in again["exercises"]]
    from cmkit.render.typography import french

    in_file_order = [french(x) for t in fr_playbook.topics for x in t.examples]
    assert texts != in_file_order and sorted(texts) == sorted(set(in_file_order))
    trainee = build_context(fr_playbook, "handout", answers=False)
    assert trainee["answer_key"] == [] and not trainee["answers"]
    html = render(fr_playbook, "handout", "html").decode()
    assert 'id="answer-key"' in html
    from cmkit.render.engine import render as render_with

    assert 'id="answer-key"' not in render_with(fr_playbook, "handout", "html", answers=False).decode()


def test_answer_key_is_the_decision_engine_s(minimal_playbook):
    from cmkit.decide.engine import Decider, Message

    playbook = load_playbook(minimal_playbook())
    handout = build_context(playbook, "handout")
    decider = Decider(playbook)
    for exercise, answer in zip(handout["exercises"], handout["answer_key"]):
        decision = decider.decide(Message(text=exercise["text"], channel="tw"))
        assert answer["action"] == decision.action
    parcel = next(a for a in handout["answer_key"] if a["text"] == "Where is my parcel?")
    assert parcel["verdict"] == "Escalate to Ada Lovelace"
    assert parcel["why"] == (
        "The message is about “Parcels” (“parcel”): the charter says “Escalate to Ada Lovelace”. "
        "Response time on Twitter: 1\u00a0h."
    )


def test_sentences_are_joined_with_their_spaces_and_lists_read_as_prose(en_playbook, fr_playbook):
    tone = build_context(en_playbook, "charter")["tone"]
    assert tone["summary"] == "You address people informally, in a casual tone. Emoji are welcome."
    reporting = build_context(fr_playbook, "charter")["reporting"]
    assert reporting["sentence"].startswith("Bilan hebdomadaire adressé à ")
    assert reporting["sentence"].endswith(" et Camille Moreau.")
    triggers = build_context(fr_playbook, "charter")["crisis"]["triggers"]
    assert f"un message sur «{NBSP}Intoxication ou rappel de produit{NBSP}» ou «{NBSP}Presse et médias{NBSP}»" in triggers


def test_a_row_without_its_own_deadline_gives_each_channel_s_as_a_duration(fr_playbook):
    scope = {row["id"]: row for row in build_context(fr_playbook, "charter")["scope"]}
    assert scope["remboursement"]["deadline"].startswith("1\u00a0h (X / Twitter), 2\u00a0h (Page Facebook)")
    assert scope["remboursement"]["deadline"].endswith("1\u00a0jour (autres canaux)")
    assert scope["politique"]["deadline"] == "—"  # decline: no deadline at all


def test_the_answer_key_shows_what_a_pattern_found_not_the_pattern(fr_playbook):
    key = build_context(fr_playbook, "handout")["answer_key"]
    why = " ".join(answer["why"] for answer in key)
    assert "«\u00a0Commande n°482913\u00a0»" in why
    assert "\\d" not in why and "rembours*" not in why and "«\u00a0remboursée\u00a0»" in why


def test_empty_sections_say_so_instead_of_showing_a_bare_heading(write):
    bare = load_playbook(
        write(
            "bare.yaml",
            "cmkit: 1\norganization: {name: Solo, language: fr}\nobjectives: [{id: o, statement: Exister}]\n"
            "contacts: [{id: me, name: Sam}]\ntopics: [{id: t, label: Tout, action: answer}]\n",
        )
    )
    context = build_context(bare, "charter")
    assert context["autonomy"]["empty"] and context["tone"]["empty"] and not context["integration"]
    text = render(bare, "charter", "md").decode()
    sections = text.split("\n## ")[1:]
    assert all(len([line for line in s.splitlines()[1:] if line.strip()]) > 1 for s in sections), sections
    assert text.count("La charte ne le précise pas encore.") == 4  # autonomy, style, integration, reporting


def test_the_onboarding_guide_lists_only_referents_who_receive_something(fr_playbook):
    who = build_context(fr_playbook, "onboarding")["who_to_call"]
    names = {c["name"] for c in who}
    assert fr_playbook.contact("sav").name in names
    assert fr_playbook.contact("sav-adjoint").name not in names  # only ever a backup
    assert all(c["receives"] for c in who)


def test_default_file_names_follow_the_organisation_and_the_language(fr_playbook, en_playbook):
    assert default_file_name(fr_playbook, "charter", "pdf") == "maison-dupuis-charte.pdf"
    assert default_file_name(fr_playbook, "onboarding", "md") == "maison-dupuis-guide-integration.md"
    assert default_file_name(en_playbook, "charter", "pdf") == "kestrel-charter.pdf"
    assert default_file_name(en_playbook, "handout", "docx") == "kestrel-handout.docx"
