"""How fast `cmkit triage` decides, against what merely copying the messages costs.

Generates a 200-topic, 2,000-keyword playbook and 100,000 messages, then times,
in the same run and on one core:

- the floor: reading and writing the same JSONL with the json module;
- a straightforward per-topic keyword loop (normalise, then test each keyword);
- cmkit's triage engine and writer, in process, and again on the same records
  without their `at` (so without the per-message `due_at` nor the spread rule);
- the whole `cmkit triage` command, as a process, and again with one record
  out of time order (halfway through the file: the streaming pass stops
  there and the exact two-pass triage takes over);
- first, the issue's workload of text that never repeats (`--real N`, default
  100,000 messages; `--only-real` for this alone), as whole processes against
  a whole-process floor: the default (as many processes as cores), `--jobs 1`,
  `--jobs 2`, and `matching.stems` on, by default and with `--jobs 1`;
- with `--compare SRC`, the same command from another source tree (e.g. the
  code before a change, `git archive` into a folder), in the same run;
- the whole command on `--out-of-order N` records (default 2,000,000) in
  reverse time order, once: its time and its peak memory (the child's maximum
  resident set, by /usr/bin/time), beside the same figures for the same records in time order.

Run: python benchmarks/bench_triage.py [--messages N] [--compare SRC] [--out-of-order N] [--real N] [--only-real]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOPICS, KEYWORDS_PER_TOPIC = 200, 10
REPEAT = 5  # runs of each figure, the best kept: the machine may be shared
CHANNELS = ["email", "twitter", "facebook", "forum", "reviews", "instagram", "blog"]
ACTIONS = ["answer", "answer", "answer", "escalate", "moderate", "decline"]
FILLER = (
    "bonjour je voudrais savoir pourquoi mon la le un une des avec sans pour votre vos merci "
    "hier aujourd'hui encore toujours jamais vraiment très trop peu commande produit service "
    "site page client avis question réponse délai semaine jour heure vite lent bien mal"
).split()


def syllable_word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfglmnprstv") + rng.choice("aeiouéè") for _ in range(rng.randint(2, 4)))


def make_playbook(rng: random.Random) -> tuple[str, list[str]]:
    """A valid playbook as YAML text, and every keyword it holds."""
    keywords: list[str] = []
    lines = [
        "cmkit: 1", "organization: {name: Bench}", "objectives: [{id: o, statement: s, kpi: k}]",
        "channels:", *(f"  - {{id: {c}, expected_response: {rng.choice(['1h', '2h', '1d'])}}}" for c in CHANNELS),
        "contacts:", "  - {id: lead, name: Lead, respond_within: 1h, backup: deputy}", "  - {id: deputy, name: Deputy}",
        "topics:",
    ]
    for index in range(TOPICS):
        words = []
        while len(words) < KEYWORDS_PER_TOPIC:
            word = syllable_word(rng)
            if rng.random() < 0.2:
                word += " " + syllable_word(rng)
            elif rng.random() < 0.2:
                word += "*"
            stem = word.rstrip("*")
            if word not in keywords and not any(filler.startswith(stem) for filler in FILLER):
                words.append(word)  # filler words carry no topic, as in real messages
        keywords.extend(words)
        action = rng.choice(ACTIONS)
        extra = ", escalate_to: lead" if action == "escalate" else ""
        pattern = f", patterns: ['ref-{index:03d}-\\d+']" if index % 20 == 0 else ""
        lines.append(f"  - {{id: t{index}, label: T{index}, action: {action}{extra}, keywords: {json.dumps(words, ensure_ascii=False)}{pattern}}}")
    lines += ["crisis: {escalate_to: deputy, respond_within: 30m, authors: [journalist], followers_at_least: 50000,",
              "         spread: {channels: 3, within: 1h}}"]
    return "\n".join(lines) + "\n", keywords


def make_messages(rng: random.Random, keywords: list[str], count: int) -> str:
    out = io.StringIO()
    start = 1_714_550_400  # 2024-05-01
    for number in range(count):
        words = [rng.choice(FILLER) for _ in range(rng.randint(8, 25))]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            keyword = rng.choice(keywords).rstrip("*")
            words.insert(rng.randrange(len(words) + 1), keyword + (rng.choice(("", "ment", "s")) if rng.random() < 0.3 else ""))
        record = {
            "id": number,
            "text": " ".join(words).capitalize() + rng.choice((" ?", " !", ".", "...")),
            "channel": rng.choice(CHANNELS),
            "author_kind": rng.choice(("customer", "customer", "prospect", "unknown")),
            "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + number * 30)),
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out.getvalue()


VOCABULARY = 20_000


def make_vocabulary(rng: random.Random) -> list[str]:
    """20,000 distinct words made like the keywords: now and then one is a keyword, or starts
    like a prefix keyword, as real words do, so the words that fire rarely repeat."""
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add(syllable_word(rng) + rng.choice(("", "r", "s", "x", "nt")))
    return sorted(words)


def make_real_messages(rng: random.Random, keywords: list[str], vocabulary: list[str], count: int) -> str:
    """The issue's workload: 18 or 19 words from the vocabulary, 60 % with one keyword, so that
    nearly no two messages are alike (as in a real inbox)."""
    out = io.StringIO()
    start = 1_714_550_400  # 2024-05-01
    for number in range(count):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(18, 19))]
        if rng.random() < 0.6:
            words[rng.randrange(len(words))] = rng.choice(keywords).rstrip("*")
        record = {
            "id": number,
            "text": " ".join(words).capitalize() + rng.choice((" ?", " !", ".", "...")),
            "channel": rng.choice(CHANNELS),
            "author_kind": rng.choice(("customer", "customer", "prospect", "unknown")),
            "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + number * 30)),
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out.getvalue()


def real_text(tmp: Path, count: int, env: dict, cores: set[int]) -> None:
    """The issue's workload, whole processes against a whole-process floor, in the same run:
    text that never repeats (18–19 words of a 20,000-word vocabulary, 60 % with a keyword);
    the default (as many processes as cores), --jobs 1 and 2; matching.stems on."""
    rng = random.Random(17)
    playbook_text, keywords = make_playbook(rng)
    (tmp / "real.yaml").write_text(playbook_text, encoding="utf-8")
    stems = playbook_text.replace("organization: {name: Bench}", "organization: {name: Bench}\nmatching: {stems: true}")
    (tmp / "real-stems.yaml").write_text(stems, encoding="utf-8")
    (tmp / "real.jsonl").write_text(make_real_messages(rng, keywords, make_vocabulary(rng), count), encoding="utf-8")
    print(f"\nText that never repeats: {TOPICS} topics, {len(keywords):,} keywords, {count:,} messages of 18–19 words "
          f"from {VOCABULARY:,} words; whole processes taking turns, best of {REPEAT}")
    here = str(Path(__file__).resolve().parent)
    runs = {"floor: json read + write (a process)": [sys.executable, "-c", (
        f"import sys; sys.path.insert(0, {here!r}); from pathlib import Path; import bench_triage as b; "
        f"b.floor(Path({str(tmp / 'real.jsonl')!r}), Path({str(tmp / 'real.floor.jsonl')!r}))")]}
    configurations = (("cmkit triage (default: as many processes as cores)", "real.yaml", None),
                      ("cmkit triage --jobs 1", "real.yaml", "1"),
                      ("cmkit triage --jobs 2", "real.yaml", "2"),
                      ("cmkit triage, matching.stems: true (default)", "real-stems.yaml", None),
                      ("cmkit triage --jobs 1, matching.stems: true", "real-stems.yaml", "1"))
    for label, playbook, jobs in configurations:
        runs[label] = [sys.executable, "-m", "cmkit", "triage", "-p", str(tmp / playbook), str(tmp / "real.jsonl"),
                       "-o", str(tmp / "real.out.jsonl"), *(("--jobs", jobs) if jobs else ())]
        subprocess.run(runs[label], env=env, check=False, stderr=subprocess.DEVNULL)  # warm the compiled-playbook cache
    best = interleaved(runs, env, cores)
    floor_seconds = best["floor: json read + write (a process)"][0]
    for label, (seconds, cpu) in best.items():
        ratio = f"{seconds / floor_seconds:5.2f}× the floor" if label in dict.fromkeys(c[0] for c in configurations) else "(baseline)"
        print(f"{label:<52} {seconds:7.3f} s  {count / seconds:>10,.0f} messages/s  {ratio}  (CPU {cpu:.2f} s)")
    for name, plain, stemmed in (("default", configurations[0][0], configurations[3][0]),
                                 ("--jobs 1", configurations[1][0], configurations[4][0])):
        print(f"matching.stems, {name}: {best[stemmed][0] / best[plain][0] - 1:+.0%} against the same without stems")
    print("target: at least 50,000 messages/s and at most 3× the floor; stems at most 10 % slower")


def interleaved(runs: dict[str, list[str]], env: dict, cores: set[int] | None) -> dict[str, tuple[float, float]]:
    """The best wall-clock time of REPEAT runs of each command, and its CPU time (parent and
    children), the commands taking turns: on a shared machine whose speed drifts over a minute,
    every figure then sees the same moments, and the ratios hold."""
    import resource

    best: dict[str, tuple[float, float]] = {label: (float("inf"), 0.0) for label in runs}
    for _ in range(REPEAT):
        for label, command in runs.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None)
            seconds = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if seconds < best[label][0]:
                best[label] = (seconds, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return best


def floor(source: Path, target: Path) -> None:
    """Read and write the same JSONL with the json module: nothing decided."""
    with source.open(encoding="utf-8") as inp, target.open("w", encoding="utf-8") as out:
        for line in inp:
            out.write(json.dumps(json.loads(line), ensure_ascii=False) + "\n")


def naive(source: Path, target: Path, playbook) -> None:
    """A straightforward decider: for each message, every topic, every keyword."""
    from cmkit.decide.normalize import normalize

    severity = {"crisis": 0, "escalate": 1, "moderate": 2, "answer": 3, "decline": 4}
    topics = [
        (t.id, t.action, [(" " + normalize(k.rstrip("*")) + ("" if k.endswith("*") else " "), k) for k in t.keywords])
        for t in playbook.topics
    ]
    with source.open(encoding="utf-8") as inp, target.open("w", encoding="utf-8") as out:
        for line in inp:
            record = json.loads(line)
            text = " " + normalize(record["text"]) + " "
            reasons = []
            for topic_id, action, keywords in topics:
                matched = [written for needle, written in keywords if needle in text]
                if matched:
                    reasons.append((severity[action], topic_id, action, matched))
            best = min(reasons) if reasons else None
            out.write(json.dumps({
                "id": record.get("id"),
                "action": best[2] if best else "escalate",
                "topic": best[1] if best else None,
                "reasons": [{"topic": r[1], "matched": r[3]} for r in reasons],
            }, ensure_ascii=False) + "\n")


def cmkit_in_process(source: Path, target: Path, playbook) -> None:
    from cmkit.decide.engine import Decider
    from cmkit.decide.triage import triage
    from cmkit.formats.triage_records import JsonlWriter
    from cmkit.i18n import catalogue
    from cmkit.inbox.read import open_source

    decider = Decider(playbook)
    with source.open("rb") as inp, target.open("w", encoding="utf-8") as out:
        writer = JsonlWriter(out)
        for item in triage(decider, open_source(inp, "jsonl", str(source), catalogue("en")).rows):
            writer.write(item)


def timed(label: str, run, count: int, baseline: float | None = None, repeat: int = REPEAT) -> float:
    """The best of `repeat` runs, printed beside the baseline."""
    seconds = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        seconds = min(seconds, time.perf_counter() - started)
    ratio = f"{seconds / baseline:5.2f}× the floor" if baseline else "(baseline)"
    print(f"{label:<44} {seconds:7.3f} s  {count / seconds:>10,.0f} messages/s  {ratio}")
    return seconds


def peak(command: list[str], env: dict, tmp: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one run of `command`.

    Measured by /usr/bin/time, whose child starts from a small process: Linux
    keeps a process's peak across `exec`, so a child forked straight from this
    benchmark (which holds the generated records) would report our size.
    """
    report = tmp / "peak.txt"
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(report), *command], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} failed with {done.returncode}")
    return seconds, int(report.read_text().split()[-1]) / 1024


def out_of_order(tmp: Path, count: int, env: dict, compare: Path | None) -> None:
    """The whole command on `count` records in time order, then the same in reverse time order
    (and from the `compare` source tree, when given)."""
    rng = random.Random(count)
    words = "colis perdu bonjour merci recette concours biscuits remboursement idée magasin".split()
    channels = ["email", "twitter", "facebook", "instagram", "avis", "blogs"]
    playbook = Path(__file__).resolve().parent.parent / "playbooks" / "maison-dupuis.fr.yaml"
    lines = []
    start = 1_772_400_000
    for number in range(count):
        moment = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + number * 30))
        lines.append(json.dumps({"id": number, "text": " ".join(rng.choice(words) for _ in range(6)),
                                 "channel": rng.choice(channels), "at": moment}, ensure_ascii=False) + "\n")
    (tmp / "ordered.jsonl").write_text("".join(lines), encoding="utf-8")
    lines.reverse()
    (tmp / "reversed.jsonl").write_text("".join(lines), encoding="utf-8")
    del lines
    print(f"\n{count:,} timestamped records, the French example playbook (spread: 3 channels within 24h), once each")
    base = None
    runs = [("in time order", "ordered", env), ("in reverse time order", "reversed", env)]
    if compare:
        other = {**env, "PYTHONPATH": str(compare.resolve())}
        runs += [(f"in time order, from {compare}", "ordered", other), (f"in reverse time order, from {compare}", "reversed", other)]
    (tmp / "one.jsonl").write_text('{"text": "colis"}\n', encoding="utf-8")
    for _, _, environment in runs:  # the compiled-playbook cache warm for every tree, as in daily use
        subprocess.run([sys.executable, "-m", "cmkit", "triage", "-p", str(playbook), str(tmp / "one.jsonl")],
                       env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    for label, name, environment in runs:
        command = [sys.executable, "-m", "cmkit", "triage", "-p", str(playbook), str(tmp / f"{name}.jsonl"),
                   "-o", str(tmp / f"{name}.out.jsonl")]
        seconds, megabytes = peak(command, environment, tmp)
        base = base or (seconds, megabytes)
        ratio = "(baseline)" if base == (seconds, megabytes) else f"{seconds / base[0]:5.2f}× the time, {megabytes / base[1]:5.2f}× the memory"
        print(f"{label:<44} {seconds:7.1f} s  peak {megabytes:7.1f} MB  {ratio}")
    print("target: peak at most 200 MB whatever the order")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--compare", type=Path, help="another source tree's src/ folder, timed in the same run")
    parser.add_argument("--out-of-order", type=int, default=2_000_000, help="records for the memory figure (0: skip)")
    parser.add_argument("--real", type=int, default=100_000, help="messages of the text that never repeats (0: skip)")
    parser.add_argument("--only-real", action="store_true", help="only the text that never repeats")
    args = parser.parse_args()
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_setaffinity") else set()
    if cores:
        os.sched_setaffinity(0, {min(cores)})  # one core, but for --jobs 2
    rng = random.Random(20240501)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if args.real:
            real_text(tmp, args.real, {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}, cores)
        if args.only_real:
            return
        playbook_text, keywords = make_playbook(rng)
        (tmp / "playbook.yaml").write_text(playbook_text, encoding="utf-8")
        (tmp / "in.jsonl").write_text(make_messages(rng, keywords, args.messages), encoding="utf-8")
        from cmkit.trusted import load_playbook

        playbook = load_playbook(tmp / "playbook.yaml")
        n = args.messages
        print(f"{len(playbook.topics)} topics, {len(keywords):,} keywords, {n:,} messages, one core, best of {REPEAT}\n")
        base = timed("floor: json read + write", lambda: floor(tmp / "in.jsonl", tmp / "floor.jsonl"), n)
        timed("straightforward per-topic keyword loop", lambda: naive(tmp / "in.jsonl", tmp / "naive.jsonl", playbook), n, base, repeat=1)
        timed("cmkit triage engine + writer (in process)", lambda: cmkit_in_process(tmp / "in.jsonl", tmp / "out.jsonl", playbook), n, base)
        untimed = "".join(line.split(', "at": ')[0] + "}\n" for line in (tmp / "in.jsonl").read_text(encoding="utf-8").splitlines())
        (tmp / "untimed.jsonl").write_text(untimed, encoding="utf-8")
        timed("  the same, records without `at` (no due_at)", lambda: cmkit_in_process(tmp / "untimed.jsonl", tmp / "out.jsonl", playbook), n, base)
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}
        command = [sys.executable, "-m", "cmkit", "triage", "-p", str(tmp / "playbook.yaml"), str(tmp / "in.jsonl"), "-o", str(tmp / "cli.jsonl")]
        subprocess.run(command, env=env, check=True, stderr=subprocess.DEVNULL)  # warm the compiled-playbook cache
        timed("cmkit triage command (whole process)", lambda: subprocess.run(command, env=env, check=True, stderr=subprocess.DEVNULL), n, base)
        lines = (tmp / "in.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
        lines.insert(len(lines) // 2, lines.pop(0))  # one record out of time order: the exact, two-pass triage
        (tmp / "late.jsonl").write_text("".join(lines), encoding="utf-8")
        late = [*command[:-3], str(tmp / "late.jsonl"), *command[-2:]]
        timed("  the same, one record out of time order", lambda: subprocess.run(late, env=env, check=True, stderr=subprocess.DEVNULL), n, base)
        if args.compare:
            other = {**env, "PYTHONPATH": str(args.compare.resolve())}
            subprocess.run(command, env=other, check=True, stderr=subprocess.DEVNULL)
            timed(f"cmkit triage command from {args.compare}", lambda: subprocess.run(command, env=other, check=True, stderr=subprocess.DEVNULL), n, base)
            timed("  the same, one record out of time order", lambda: subprocess.run(late, env=other, check=True, stderr=subprocess.DEVNULL), n, base)
        print("\ntarget: at least 50,000 messages/s and at most 3× the floor")
        if args.out_of_order:
            out_of_order(tmp, args.out_of_order, env, args.compare)


if __name__ == "__main__":
    main()
