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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = ROOT / "playbooks" / "maison-dupuis.fr.yaml"
MESSAGE = "Bonjour, ma commande n°482913 n'est toujours pas arrivée, je veux être remboursée !"


def median_ms(command: list[str], env: dict, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    python = sys.executable
    check = [python, "-m", "cmkit", "check", "-p", str(PLAYBOOK), "--channel", "twitter", MESSAGE]
    workdir = tempfile.mkdtemp()
    stemmed = Path(workdir) / "stems.yaml"  # the same playbook, with stems on
    stemmed.write_text(PLAYBOOK.read_text(encoding="utf-8") + "\nmatching: {stems: true}\n", encoding="utf-8")
    check_stems = [python, "-m", "cmkit", "check", "-p", str(stemmed), "--channel", "twitter", MESSAGE]
    fields = ["--author", "@leparisien", "--at", "2026-03-06T17:30", "--engagement", "12"]
    through_typer = [
        python, "-c",
        "import sys; from cmkit.cli.app import main; sys.argv = ['cmkit', *sys.argv[1:]]; main()",
        *check[3:],
    ]
    with tempfile.TemporaryDirectory() as cache:
        warm = {**os.environ, "XDG_CACHE_HOME": cache}
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
        baseline = None
        for label, command, env in rows:
            ms = median_ms(command, env, args.runs)
            baseline = baseline or ms
            print(f"{label:<50} {ms:7.1f} ms  {ms / baseline:5.2f}×")
    print("\ntarget: `cmkit check` (cached, stems off and on) at most 4× `python -c pass`")


if __name__ == "__main__":
    main()
