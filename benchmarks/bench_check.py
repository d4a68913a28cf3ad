"""How long `cmkit check` takes, whole process, against starting Python itself.

Each figure is the median of several runs, measured in the same run as its
baseline (`python -c pass`), and printed as a ratio. Target: at most 4× for a
cached playbook, with `matching.stems` off and on (revision 1.1), with the
message fields of revision 1.1 (`--author`, `--at`) and the text verdict.

Run: python benchmarks/bench_check.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = ROOT / "playbooks" / "maison-dupuis.fr.yaml"
MESSAGE = "Bonjour, ma commande n°482913 n'est toujours pas arrivée, je veux être remboursée !"


def run_ms(command: list[str], env: dict) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) milliseconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def medians_ms(rows: list[tuple[str, list[str], dict]], runs: int) -> list[tuple[float, float]]:
    """The median wall and CPU time of each row, the rows taken in turn in every round: on
    a shared machine the load changes from second to second, and interleaving gives every
    row (and the baseline) the same share of it. CPU time is what the process itself
    costs, whatever else the machine runs; wall time is what a user waits."""
    times: list[list[tuple[float, float]]] = [[] for _ in rows]
    for _ in range(runs):
        for index, (_label, command, env) in enumerate(rows):
            times[index].append(run_ms(command, env))
    return [(statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for t in times]


PLAIN = Path(tempfile.mkdtemp()) / "no-stems.yaml"


def _with_stems(text: str, on: bool) -> str:
    """The playbook's text with `matching.stems` set, whether or not it already has a `matching`."""
    import re

    value = "true" if on else "false"
    if re.search(r"(?m)^matching:", text):
        text = re.sub(r"(?m)^(matching:\s*\n(?:[ \t]+.*\n)*?[ \t]+stems:)\s*\S+", rf"\1 {value}", text)
        return re.sub(r"(?m)^matching:\s*\{[^}]*\}", f"matching: {{stems: {value}}}", text)
    return text + f"\nmatching: {{stems: {value}}}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    python = sys.executable
    check = [python, "-m", "cmkit", "check", "-p", str(PLAIN), "--channel", "twitter", MESSAGE]
    workdir = tempfile.mkdtemp()
    stemmed = Path(workdir) / "stems.yaml"  # the same playbook, with stems on (and off below)
    stemmed.write_text(_with_stems(PLAYBOOK.read_text(encoding="utf-8"), True), encoding="utf-8")
    PLAIN.write_text(_with_stems(PLAYBOOK.read_text(encoding="utf-8"), False), encoding="utf-8")
    check_stems = [python, "-m", "cmkit", "check", "-p", str(stemmed), "--channel", "twitter", MESSAGE]
    fields = ["--author", "@leparisien", "--at", "2026-03-06T17:30", "--engagement", "12"]
    through_typer = [
        python, "-c",
        "import sys; from cmkit.cli.app import main; sys.argv = ['cmkit', *sys.argv[1:]]; main()",
        *check[3:],
    ]
    with tempfile.TemporaryDirectory() as cache:
        # as installed: bytecode written once and reused (a shell may have turned it off)
        environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        warm = {**environ, "XDG_CACHE_HOME": cache}
        for command in (check, check_stems):
            subprocess.run(command, env=warm, check=True, stdout=subprocess.DEVNULL)  # fill the cache
        cold = {**warm, "CMKIT_NO_CACHE": "1"}
        rows = [
            ("python -c pass (baseline)", [python, "-c", "pass"], warm),
            ("python -c 'import typer'", [python, "-c", "import typer"], warm),
            ("cmkit check, cached playbook", check, warm),
            ("cmkit check, cached, stems on", check_stems, warm),
            ("cmkit check, cached, stems on, --author --at", [*check_stems[:-1], *fields, MESSAGE], warm),
            ("cmkit check, cached, --format json", [*check[:-1], "--format", "json", MESSAGE], warm),
            ("cmkit check, no cache (YAML + pydantic + lint)", check, cold),
            ("cmkit check through typer, cached playbook", through_typer, warm),
        ]
        medians = medians_ms(rows, args.runs)
        (base_wall, base_cpu) = medians[0]
        print(f"{'':<50} {'wall':>10} {'':>6}   {'CPU':>10}")
        for (label, _command, _env), (wall, cpu) in zip(rows, medians):
            print(f"{label:<50} {wall:7.1f} ms {wall / base_wall:5.2f}×   {cpu:7.1f} ms {cpu / base_cpu:5.2f}×")
    print("\ntarget: `cmkit check` (cached, stems off and on) at most 4× `python -c pass`")


if __name__ == "__main__":
    main()
