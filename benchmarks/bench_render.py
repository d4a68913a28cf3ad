"""How long `cmkit render` takes for the largest example's charter, against baselines in the same run.

Baselines: a bare Jinja2 render of a table with as many rows as the charter
has table rows (md/html), and typst compiling a one-line document (pdf).
Targets (issue 4): md/html under 1 s, pdf under 3 s.

    python benchmarks/bench_render.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import jinja2
import typst

from cmkit.trusted import load_playbook
from cmkit.render.engine import render

PLAYBOOKS = sorted((Path(__file__).resolve().parent.parent / "playbooks").glob("*.yaml"))
REPEAT = 5


def first_run(action) -> float:
    """The first run, in seconds: templates compiled, fonts loaded, nothing cached."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def best_of(action) -> float:
    """The median of a few warm runs, in seconds (after one warm-up run)."""
    action()
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def _empty_docx() -> None:
    import io

    import docx

    docx.Document().save(io.BytesIO())


def main() -> None:
    largest = max(PLAYBOOKS, key=lambda p: p.stat().st_size)
    playbook = load_playbook(largest)
    rows = len(playbook.topics) + len(playbook.contacts) + len(playbook.channels) + len(playbook.objectives)
    table = jinja2.Environment(autoescape=True).from_string(
        "<table>{% for r in rows %}<tr><td>{{ r }}</td><td>{{ r }}</td></tr>{% endfor %}</table>"
    )
    one_line = Path(tempfile.mkdtemp()) / "one-line.typ"
    one_line.write_text("Hello.")
    baselines = {
        "md": ("bare Jinja2 table", best_of(lambda: table.render(rows=[f"row {i}" for i in range(rows)]))),
        "html": ("bare Jinja2 table", best_of(lambda: table.render(rows=[f"row {i}" for i in range(rows)]))),
        "pdf": ("typst one-line doc", best_of(lambda: typst.compile(str(one_line), ignore_system_fonts=True))),
        "docx": ("empty python-docx doc", best_of(_empty_docx)),
    }
    targets = {"md": 1.0, "html": 1.0, "pdf": 3.0, "docx": 3.0}
    print(f"charter of {largest.name} ({len(playbook.topics)} topics, {len(playbook.contacts)} contacts)")
    cold = {fmt: first_run(lambda fmt=fmt: render(playbook, "charter", fmt)) for fmt in targets}
    print(f"{'format':<6} {'first run':>10} {'warm':>10} {'target':>7} {'baseline':>10}  {'ratio':>6}  baseline is")
    for fmt, (label, baseline) in baselines.items():
        seconds = best_of(lambda fmt=fmt: render(playbook, "charter", fmt))
        verdict = "ok" if max(seconds, cold[fmt]) < targets[fmt] else "TOO SLOW"
        print(
            f"{fmt:<6} {cold[fmt] * 1000:>8.1f}ms {seconds * 1000:>8.1f}ms {targets[fmt]:>6.0f}s"
            f" {baseline * 1000:>8.2f}ms  {seconds / baseline:>5.0f}x  {label}  [{verdict}]"
        )


if __name__ == "__main__":
    main()
