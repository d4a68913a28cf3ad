"""Every code block of docs/api.md runs, from the project's root, as a reader would paste it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S)


def test_the_page_has_examples() -> None:
    assert len(BLOCKS) >= 5
    assert any(block.startswith("# recipe: dask") for block in BLOCKS)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{n}" for n in range(len(BLOCKS))])
def test_example_runs(block: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if block.startswith("# recipe: dask") and importlib.util.find_spec("dask") is None:
        pytest.skip("Dask is not installed (pip install 'dask[bag]'): cmkit does not depend on it")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.chdir(ROOT)
    exec(compile(block, "docs/api.md", "exec"), {"__name__": "docs_api"})  # noqa: S102 - our own page
