"""The comments `cmkit init` writes above each section, in the playbook's language.

They explain the charter to the client who reads it, in the words of the
framework it comes from: a process framed before it is trusted (objectives,
scope, handling, autonomy, subsidiarity, support, online style), plugged into
the organisation's processes and reporting to top management.
"""

from __future__ import annotations

HEADER = {
    "fr": """\
Charte de community management — {name}
Secteur : {sector}.
Point de départ : le modèle « {preset} » de cmkit init.

Le community management est un processus que l'on encadre avant de le confier.
Cette charte fixe les objectifs, le périmètre, le traitement de chaque message
(ce que le community manager pousse vers le public, ce qu'il remonte en
interne), son autonomie, la subsidiarité (à qui il s'en remet), le support
(des référents qui répondent à temps) et le style en ligne. Elle se branche sur
les processus existants : marketing, innovation et R&D, service client,
communication de crise.

Relisez chaque section avec les référents concernés, puis vérifiez le fichier :
  cmkit lint --strict""",
    "en": """\
Community management charter — {name}
Sector: {sector}.
Starting point: the "{preset}" preset of cmkit init.

Community management is a process you frame before you trust it. This charter
sets the objectives, the scope, how each message is handled (what the community
manager pushes to the public, what they report inside), their autonomy,
subsidiarity (whom they refer to), support (referents who answer in time) and
the online style. It plugs into the processes the organisation already runs:
marketing, innovation and R&D, customer service, crisis communication.

Review each section with the referents it names, then check the file:
  cmkit lint --strict""",
}

SECTIONS = {
    "fr": {
        "cmkit": "Version du format cmkit : ne pas modifier.",
        "organization": (
            "Qui parle, et à qui rend compte le community management. Le community\n"
            "manager prend la parole au nom de l'organisation : il lui faut un accès\n"
            "direct à la direction générale."
        ),
        "document": (
            "Suivi du document : version, date, rédacteur et validation (approved_by :\n"
            "les référents qui ont validé la charte). Chaque document produit par\n"
            "cmkit render les reprend."
        ),
        "hours": (
            "Les heures d'ouverture : un référent qui n'est pas d'astreinte (on_call)\n"
            "répond pendant ces heures ; le public, lui, attend sa réponse à toute heure."
        ),
        "objectives": (
            "Pourquoi nous faisons du community management, et comment nous le mesurons.\n"
            "Sans indicateur (kpi) ni cible (target), impossible de mesurer la valeur\n"
            "ajoutée du dispositif et de le défendre devant la direction."
        ),
        "channels": (
            "Où nous écoutons et où nous parlons. expected_response est le délai de réponse\n"
            "que le public attend sur le canal. En 24 heures, une réclamation restée sans\n"
            "réponse passe de l'e-mail à l'avis client, au tweet, au groupe Facebook, au\n"
            "blog… puis au journaliste."
        ),
        "tone": (
            "Le style en ligne : comment le community manager s'exprime. La confiance\n"
            "vient d'abord, puis la sympathie, et enfin la co-création. Les formules de\n"
            "« forbidden » ne s'écrivent jamais, pas même dans cette charte."
        ),
        "autonomy": (
            "Ce que le community manager peut faire seul (may) et ce qu'il ne fait jamais\n"
            "sans validation (must_not). Sa parole engage l'organisation : l'autonomie se\n"
            "donne explicitement, et s'élargit à mesure que la confiance s'installe."
        ),
        "contacts": (
            "Subsidiarité et support : les référents à qui le community manager remonte\n"
            "un message, le délai dans lequel ils s'engagent à lui répondre\n"
            "(respond_within) et leur suppléant (backup). Un référent plus lent que le\n"
            "délai attendu sur un canal public laisse le community manager sans réponse\n"
            "devant le public. Remplacez les noms d'exemple par ceux de vos référents."
        ),
        "topics": (
            "Le périmètre : chaque sujet, les mots-clés qui le reconnaissent et son\n"
            "traitement. action : answer (répondre), escalate (remonter au référent),\n"
            "moderate (modérer), decline (ne pas s'engager), crisis (alerter la cellule\n"
            "de crise). push : ce que le community manager apporte au public ; report :\n"
            "la remontée d'information vers le marketing, l'innovation ou le service\n"
            "client. Un mot-clé finissant par * couvre toutes les terminaisons\n"
            "(rembours* : remboursé, remboursement). À gravité égale, le premier sujet du\n"
            "fichier l'emporte."
        ),
        "default": "Un message qui ne correspond à aucun sujet : dans le doute, on remonte.",
        "matching": (
            "Comment les mots-clés se reconnaissent : avec stems: true, un mot-clé reconnaît\n"
            "aussi les autres formes du mot (fièvre, fièvres ; rembourser, remboursé)."
        ),
        "crisis": (
            "Quand un message devient une crise, et qui la prend en main. Trois signaux :\n"
            "qui écrit (un journaliste), son audience, et un même sujet qui gagne\n"
            "plusieurs canaux en peu de temps."
        ),
        "reporting": (
            "Le reporting : mesurer la valeur ajoutée du community management et la\n"
            "rendre visible à la direction, au rythme choisi."
        ),
    },
    "en": {
        "cmkit": "Version of the cmkit format: do not change.",
        "organization": (
            "Who speaks, and whom community management reports to. The community manager\n"
            "speaks for the organisation, so they need a direct line to top management."
        ),
        "document": (
            "Document control: version, date, author and sign-off (approved_by: the\n"
            "referents who approved the charter). Every document cmkit render makes\n"
            "carries them."
        ),
        "hours": (
            "Office hours: a referent who is not on call (on_call) answers within these\n"
            "hours; the public expects its answer at any hour."
        ),
        "objectives": (
            "Why we do community management, and how we measure it. Without an indicator\n"
            "(kpi) and a target, nobody can measure the value it adds or defend it in\n"
            "front of the management team."
        ),
        "channels": (
            "Where we listen and where we speak. expected_response is how fast the public\n"
            "expects an answer there. Within 24 hours an unanswered complaint moves from\n"
            "email to a review, a tweet, a Facebook group, a blog post... then a journalist."
        ),
        "tone": (
            "The online style: how the community manager speaks. Trust comes first, then\n"
            "sympathy, then co-creation. The phrases under \"forbidden\" are never written,\n"
            "not even in this charter."
        ),
        "autonomy": (
            "What the community manager may do alone (may) and never does without sign-off\n"
            "(must_not). Their word commits the organisation: autonomy is granted\n"
            "explicitly, and widens as trust grows."
        ),
        "contacts": (
            "Subsidiarity and support: the referents the community manager passes a message\n"
            "to, how fast they commit to answer the community manager (respond_within) and\n"
            "who stands in for them (backup). A referent slower than what the public expects\n"
            "on a public channel leaves the community manager with nothing to say. Replace\n"
            "the sample names with your own referents."
        ),
        "topics": (
            "The scope: each topic, the keywords that recognise it and how it is handled.\n"
            "action: answer, escalate (to the referent), moderate, decline (do not engage),\n"
            "crisis (alert the crisis team). push: what the community manager brings to\n"
            "the public; report: what they pass up to marketing, innovation or customer\n"
            "service. A keyword ending in * covers every ending (refund* matches refunded,\n"
            "refunds). Between two topics of equal severity, the first in the file wins."
        ),
        "default": "A message that matches no topic: when in doubt, escalate.",
        "matching": (
            "How keywords are recognised: with stems: true, a keyword also matches the\n"
            "other forms of its word (refund, refunded; delivery, deliveries)."
        ),
        "crisis": (
            "When a message becomes a crisis, and who takes it over. Three signals: who\n"
            "writes (a journalist), how large their audience is, and one topic spreading\n"
            "over several channels in a short time."
        ),
        "reporting": (
            "Reporting: measure the value community management adds and make it visible\n"
            "to management, at the chosen rhythm."
        ),
    },
}


def comment_block(text: str) -> str:
    """`text` as YAML comment lines (blank lines stay a bare `#`)."""
    return "\n".join(f"# {line}".rstrip() for line in text.splitlines()) + "\n"
