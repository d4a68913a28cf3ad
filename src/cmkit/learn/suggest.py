"""`cmkit suggest`: keywords to add and remove, learned from a labelled history.

The method is deterministic and explainable — no hidden model decides; what
it proposes are ordinary keywords the consultant reads and accepts or rejects:

1. Decide every row with the playbook as it is, and note which topics each row
   matches and which topic decides it.
2. For each topic, in file order, gather the words and phrases of one to three
   words of its rows (after the matcher's own normalisation: case, accents and
   punctuation ignored), leaving out phrases that begin or end with a small
   word (`le`, `the`…) and single words shorter than three letters.
3. A candidate's `hits` are the rows of that topic it appears in, its
   `false_hits` the rows labelled otherwise (another topic, or none). It
   qualifies with at least `min_support` hits and a precision
   `hits / (hits + false_hits)` of at least `min_precision` on the rows.
4. Greedily, the qualifying candidate that makes the topic decide the most
   rows it does not decide yet (the spec's precedence applied: a topic with a
   less severe action than one already matched gains nothing), minus the rows
   it would take from the topic that rightly decides them, is proposed; ties go
   to fewer false hits, then to the shorter and more general phrase, then to the
   alphabet. It stops when no candidate gains a row, or at `max_per_topic`.
5. A keyword already written in a topic of another action is not proposed,
   unless this topic's action wins over that one anyway (spec step 4).
6. A current keyword is proposed for removal when it matches more rows of
   other labels than of its own topic (at least `min_support` of them) and
   the rows only it catches are fewer than those it misleads.
7. Finally, the amended playbook decides the rows again: a topic whose
   additions lower the action accuracy or add a dangerous miss (an expected
   escalation or crisis decided answer, moderate or decline) has them
   withdrawn. `matching.stems: true` is proposed when it raises the topic
   accuracy on the rows without lowering the action accuracy.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cmkit.decide.normalize import normalize

if TYPE_CHECKING:
    from cmkit.model.playbook import Playbook

#: Words that say nothing of a topic, French and English (articles, pronouns, auxiliaries,
#: common verbs and adverbs, politeness, chat words): a proposed phrase never begins or
#: ends with one, and is never one alone. Written folded (no accents), as the matcher compares.
STOPWORDS = frozenset(
    """
    a ai aie aient aies ait alors as au aucun aucune aupres auquel aura aurai auraient aurais aurait
    auras aurez auriez aurons auront aussi autre autres aux avaient avais avait avant avec avez aviez
    avions avoir avons ayant bah ben bcp beaucoup bien bon bonjour bonne bonsoir c ca car ce ceci cela
    celle celles celui cependant certain certaine certains ces cet cette ceux chaque chez ci coucou
    comme comment d dans de deja depuis des desormais deux devant devez devrait dire dis dit dites
    doit donc dont du elle elles en encore entre es est et etaient etais etait etant ete etes etre eu
    eue eues eux faire fais fait faites faut fois font fut gens hein hier ici il ils j je jusqu jusque
    l la le les leur leurs lol lui m ma madame mais mal me meme memes merci mes mien mienne moi moins
    mon monsieur mr mme n ne ni non nos notre nous nouveau nouvelle o on ont ou oui par parce pareil
    pas peu peut peuvent peux plus plutot pour pourquoi pourrait pouvez pouvoir pq pr puis qu quand
    que quel quelle quelles quels qui quoi rien s sa sans se sera serait ses si sien sienne soit sommes
    son sont souvent stp suis super sur svp t ta tant te tes toi ton toujours tous tout toute toutes
    tres trop tu un une unes uns va vais vas veut veux via voici voila vois voit vont vos votre vous
    vraiment vu y xd mdr ptdr bjr slt salut cc ok okay
    about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each even every few for
    from further get gets getting got had has have having he hello her here hers herself hey hi him
    himself his how i if in into is it its itself just know like me more most much my myself no nor
    not now of off on once one only or other our ours ourselves out over own please really same she
    should so some still such than thank thanks that the their theirs them themselves then there
    these they this those through to too under until up us very was we well were what when where
    which while who whom why will with would yes yet you your yours yourself yourselves guys lol pls
    thx im dont cant wont didnt doesnt isnt its ive youre thats theres whats
    """.split()
)
SEVERITY = ("escalate", "moderate", "answer", "decline")
#: The actions that take a message out of the CM's hands.
_UP = frozenset({"escalate", "crisis"})


@dataclass(frozen=True)
class Row:
    """One labelled message: its text, what a careful CM decided, and how the playbook decides it."""

    line: int
    text: str
    expect_topic: str | None  # "none" for no topic; None when the row names no topic
    expect_action: str | None
    decided_topic: str | None
    decided_action: str | None
    matched: tuple[str, ...]
    #: (topic id, keyword or pattern as written) for each trigger that fired
    fired: frozenset[tuple[str, str]] = frozenset()
    #: the row could not be decided (triage's `error`): nothing is learned from it
    failed: bool = False


@dataclass(frozen=True)
class Proposal:
    """A keyword to add or remove, with the rows that justify it."""

    keyword: str
    hits: int
    false_hits: int

    def as_json(self) -> dict[str, Any]:
        return {"keyword": self.keyword, "hits": self.hits, "false_hits": self.false_hits}


@dataclass
class Suggestions:
    """Per topic id: keywords to add and to remove; and whether to turn stems on."""

    add: dict[str, list[Proposal]] = field(default_factory=dict)
    remove: dict[str, list[Proposal]] = field(default_factory=dict)
    stems: bool | None = None  # True: propose `matching.stems: true`; None: no proposal
    before: dict[str, float | None] = field(default_factory=dict)  # accuracies on the rows, as they are
    after: dict[str, float | None] = field(default_factory=dict)  # and with every proposal applied

    def as_json(self) -> dict[str, Any]:
        topics = {}
        for topic in dict.fromkeys([*self.add, *self.remove]):
            adds, removes = self.add.get(topic, []), self.remove.get(topic, [])
            if adds or removes:
                topics[topic] = {"add": [p.as_json() for p in adds], "remove": [p.as_json() for p in removes]}
        out: dict[str, Any] = {"topics": topics}
        out["stems"] = self.stems
        out["accuracy"] = {"before": self.before, "after": self.after}
        return out

    def empty(self) -> bool:
        return not any(self.add.values()) and not any(self.remove.values()) and not self.stems


@dataclass
class Settings:
    """The guards against over-fitting (documented in docs/learn.md)."""

    min_support: int = 2
    min_precision: float = 0.8
    max_per_topic: int = 12
    max_words: int = 3
    #: A topic the CM answers alone (answer, moderate, decline) takes a keyword only with
    #: this many hits and none on a row that should have gone up (escalate or crisis): such a
    #: keyword turns messages the default would escalate into answers, the dangerous miss.
    min_support_alone: int = 3
    #: A keyword is proposed for removal only when it misleads at least this many rows (and
    #: twice the rows it rightly catches): on a quarter's history, two rows are an anecdote.
    min_misleading: int = 3


#: Decides the rows of these indices (all rows when None) with a (possibly amended)
#: playbook: returns them with their decided fields filled, in the same order.
Decide = Callable[["Playbook", "Sequence[int] | None"], list[Row]]


def suggest(playbook: Playbook, rows: Sequence[Row], decide: Decide, settings: Settings | None = None) -> Suggestions:
    """Proposals for `playbook` learned from `rows` (already decided by `decide`)."""
    settings = settings or Settings()
    labelled = [r for r in rows if r.expect_topic is not None and not r.failed]
    result = Suggestions(before=_accuracies(rows))
    if not labelled:
        result.after = result.before
        return result
    topics = {t.id: t for t in playbook.topics}
    order = {t.id: i for i, t in enumerate(playbook.topics)}
    keys = _Keys(playbook)
    index, surfaces = _phrase_index([r.text for r in labelled], settings.max_words, keys)
    claimed = _claimed_keywords(playbook, keys)
    matched = [set(r.matched) for r in labelled]
    deciding = [r.decided_topic for r in labelled]

    for topic in playbook.topics:
        mine = {i for i, r in enumerate(labelled) if r.expect_topic == topic.id}
        if not mine:
            continue
        own = {keys.phrase(k.rstrip("*")) for k in topic.keywords}
        proposals: list[Proposal] = []
        for _ in range(settings.max_per_topic):
            best = _best_candidate(
                topic.id, topics, order, mine, index, matched, deciding, labelled, own, claimed, settings, keys
            )
            if best is None:
                break
            phrase, rows_hit, hits, false_hits = best
            proposals.append(Proposal(_written(surfaces[phrase], rows_hit & mine), hits, false_hits))
            own.add(phrase)
            for i in rows_hit:
                matched[i].add(topic.id)
                deciding[i] = _decides(matched[i], topics, order)
        if proposals:
            result.add[topic.id] = proposals
        removals = _removals(topic, mine, labelled, settings)
        if removals:
            result.remove[topic.id] = removals

    after = decide(amend(playbook, result), None)
    if _worse(_accuracies(after), result.before):
        _withdraw_harmful(playbook, rows, decide, result, keys)
        after = decide(amend(playbook, result), None)
    result.after = _accuracies(after)
    stems_on = _with_stems(amend(playbook, result))
    if stems_on is not None and not playbook.matching.stems:
        with_stems = _accuracies(decide(stems_on, None))
        if _better(with_stems, result.after):
            result.stems = True
            result.after = with_stems
    return result


# -- candidates ----------------------------------------------------------------------


class _Keys:
    """How the matcher will compare words: normalised, and stemmed when the playbook turns
    `matching.stems` on (then « moisies » and « moisi » are one candidate, with the support of
    both, as the engine will match them)."""

    def __init__(self, playbook: Playbook) -> None:
        self.stem = None
        if playbook.matching.stems:
            from cmkit.decide.phrases import stemmer

            self.stem = stemmer(playbook.organization.language)

    def words(self, text: str) -> tuple[list[str], list[str]]:
        """The text's words as written (normalised) and as compared (stemmed or not)."""
        surface = normalize(text).split()
        return surface, (self.stem(surface) if self.stem and surface else surface)

    def phrase(self, text: str) -> str:
        return " ".join(self.words(text)[1])


def _phrase_index(texts: Sequence[str], max_words: int, keys: _Keys) -> tuple[dict[str, set[int]], dict[str, dict[int, str]]]:
    """Every phrase of one to `max_words` words (as compared) -> the rows it appears in, and how
    each row writes it (to propose the form people use)."""
    index: dict[str, set[int]] = defaultdict(set)
    surfaces: dict[str, dict[int, str]] = defaultdict(dict)
    for i, text in enumerate(texts):
        words, compared = keys.words(text)
        for n in range(1, max_words + 1):
            for start in range(len(words) - n + 1):
                gram = words[start : start + n]
                if gram[0] in STOPWORDS or gram[-1] in STOPWORDS:
                    continue
                if n == 1 and (len(gram[0]) < 3 or gram[0].isdigit()):
                    continue
                key = " ".join(compared[start : start + n])
                index[key].add(i)
                surfaces[key].setdefault(i, " ".join(gram))
    return index, surfaces


def _written(forms: dict[int, str], rows: set[int]) -> str:
    """The form most of the topic's rows write a phrase in (ties: alphabetical)."""
    counts = Counter(forms[i] for i in rows if i in forms) or Counter(forms.values())
    return min(counts, key=lambda form: (-counts[form], form))


def _claimed_keywords(playbook: Playbook, keys: _Keys) -> dict[str, set[str]]:
    """Keyword as compared -> the actions of the topics that already have it."""
    claimed: dict[str, set[str]] = defaultdict(set)
    for topic in playbook.topics:
        for keyword in topic.keywords:
            claimed[keys.phrase(keyword.rstrip("*"))].add(topic.action)
    return claimed


def _rank(action: str) -> int:
    return -1 if action == "crisis" else SEVERITY.index(action) if action in SEVERITY else len(SEVERITY)


def _decides(matched: set[str], topics: dict[str, Any], order: dict[str, int]) -> str | None:
    """The deciding topic among matched ones: a crisis topic first, then the most severe
    action, then file order (spec steps 3 and 4, without the author and audience rules)."""
    if not matched:
        return None
    return min(matched, key=lambda t: (_rank(topics[t].action), order[t]))


def _best_candidate(
    topic_id: str,
    topics: dict[str, Any],
    order: dict[str, int],
    mine: set[int],
    index: dict[str, set[int]],
    matched: list[set[str]],
    deciding: list[str | None],
    labelled: Sequence[Row],
    own: set[str],
    claimed: dict[str, set[str]],
    settings: Settings,
    keys: _Keys,
) -> tuple[str, set[int], int, int] | None:
    action = topics[topic_id].action
    alone = action in ("answer", "moderate", "decline")
    missed = {i for i in mine if deciding[i] != topic_id}
    if not missed:
        return None
    seen: set[str] = set()
    best_key, best = None, None
    for i in sorted(missed):
        for phrase in _phrases_of(labelled[i], index, settings.max_words, keys):
            if phrase in seen or phrase in own:
                continue
            seen.add(phrase)
            rows_hit = index[phrase]
            hits = len(rows_hit & mine)
            false_hits = len(rows_hit) - hits
            if hits < settings.min_support or hits / len(rows_hit) < settings.min_precision:
                continue
            if alone and (hits < settings.min_support_alone or any(labelled[j].expect_action in _UP for j in rows_hit - mine)):
                continue
            others = claimed.get(phrase, set()) - {action}
            if any(_rank(action) >= _rank(other) for other in others):
                continue  # another action claims it and would still win there
            gained = lost = 0
            for j in rows_hit:
                if topic_id in matched[j]:
                    continue
                now = _decides(matched[j] | {topic_id}, topics, order)
                if now != topic_id:
                    continue
                if j in mine:
                    gained += 1
                elif deciding[j] == labelled[j].expect_topic:
                    lost += 1
            if gained - lost < 1:
                continue
            key = (gained - lost, -false_hits, -len(phrase.split()), hits, [-ord(c) for c in phrase])
            if best_key is None or key > best_key:
                best_key, best = key, (phrase, rows_hit, hits, false_hits)
    return best


def _phrases_of(row: Row, index: dict[str, set[int]], max_words: int, keys: _Keys) -> Iterable[str]:
    words = keys.words(row.text)[1]
    for n in range(1, max_words + 1):
        for start in range(len(words) - n + 1):
            phrase = " ".join(words[start : start + n])
            if phrase in index:
                yield phrase


# -- removals ----------------------------------------------------------------------


def _removals(topic: Any, mine: set[int], labelled: Sequence[Row], settings: Settings) -> list[Proposal]:
    """Current keywords that mislead more rows than they rightly catch (from what fired).
    A keyword of a topic that goes up (escalate, crisis) is never proposed for removal: what
    it stops catching could fall to an answer."""
    if topic.action in _UP:
        return []
    hit_sets: dict[str, set[int]] = {keyword: set() for keyword in topic.keywords}
    for i, row in enumerate(labelled):
        for topic_id, written in row.fired:
            if topic_id == topic.id and written in hit_sets:
                hit_sets[written].add(i)
    removals = []
    for keyword, rows_hit in hit_sets.items():
        hits = len(rows_hit & mine)
        false_hits = len(rows_hit) - hits
        if false_hits < settings.min_misleading or false_hits < 2 * hits:
            continue
        others = set().union(*(s for k, s in hit_sets.items() if k != keyword))
        only_here = len((rows_hit & mine) - others)
        misled = sum(1 for i in rows_hit - mine if labelled[i].decided_topic == topic.id)
        if only_here < misled:
            removals.append(Proposal(keyword, hits, false_hits))
    return removals


# -- checking the whole -------------------------------------------------------------------


def amend(playbook: Playbook, suggestions: Suggestions) -> Playbook:
    """A copy of `playbook` with the proposals applied (the model, not the file)."""
    topics = []
    for topic in playbook.topics:
        removed = {p.keyword for p in suggestions.remove.get(topic.id, [])}
        keywords = [k for k in topic.keywords if k not in removed]
        keywords += [p.keyword for p in suggestions.add.get(topic.id, [])]
        topics.append(topic.model_copy(update={"keywords": keywords}))
    amended = playbook.model_copy(update={"topics": topics})
    amended._source = playbook._source
    return amended


def _with_stems(playbook: Playbook) -> Playbook | None:
    if playbook.organization.language not in ("fr", "en"):
        return None
    stemmed = playbook.model_copy(update={"matching": playbook.matching.model_copy(update={"stems": True})})
    stemmed._source = playbook._source
    return stemmed


def _accuracies(rows: Sequence[Row]) -> dict[str, float | None]:
    def accuracy(pairs: list[tuple[str, str]]) -> float | None:
        return sum(a == b for a, b in pairs) / len(pairs) if pairs else None

    actions = [(r.expect_action, r.decided_action or "none") for r in rows if r.expect_action]
    topics = [(r.expect_topic, r.decided_topic or "none") for r in rows if r.expect_topic is not None]
    dangerous = sum(
        1
        for r in rows
        if r.expect_action in ("escalate", "crisis") and r.decided_action in ("answer", "moderate", "decline")
    )
    return {"action": accuracy(actions), "topic": accuracy(topics), "dangerous": float(dangerous)}


def _better(new: dict[str, float | None], old: dict[str, float | None]) -> bool:
    return (
        (new["topic"] or 0) > (old["topic"] or 0)
        and (new["action"] or 0) >= (old["action"] or 0)
        and (new["dangerous"] or 0) <= (old["dangerous"] or 0)
    )


def _worse(figures: dict[str, float | None], baseline: dict[str, float | None]) -> bool:
    """Lower action accuracy, or more dangerous misses, than before."""
    return (figures["action"] or 0) < (baseline["action"] or 0) or (figures["dangerous"] or 0) > (
        baseline["dangerous"] or 0
    )


def _withdraw_harmful(playbook: Playbook, rows: Sequence[Row], decide: Decide, result: Suggestions, keys: _Keys) -> None:
    """Withdraw, topic by topic, the additions and removals that lower the action accuracy or
    add a dangerous miss. Only the rows a topic's change can touch are decided again: those
    its added phrases appear in, and those its removed keywords fired on."""
    texts = [f" {keys.phrase(row.text)} " for row in rows]
    for kind in ("add", "remove"):
        changes: dict[str, list[Proposal]] = getattr(result, kind)
        for topic_id in list(changes):
            keywords = {p.keyword for p in changes[topic_id]}
            if kind == "add":
                compared = {keys.phrase(k) for k in keywords}
                touched = [i for i, text in enumerate(texts) if any(f" {k} " in text for k in compared)]
            else:
                touched = [i for i, row in enumerate(rows) if any((topic_id, k) in row.fired for k in keywords)]
            trial = Suggestions(**{kind: {topic_id: changes[topic_id]}})
            redecided = dict(zip(touched, decide(amend(playbook, trial), touched)))
            figures = _accuracies([redecided.get(i, row) for i, row in enumerate(rows)])
            if _worse(figures, result.before):
                del changes[topic_id]
