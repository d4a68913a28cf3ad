"""Jinja2 for the text formats (md, html): shipped templates, or the user's own, sandboxed.

A user's `--templates DIR` mirrors the shipped layout (`DIR/html/charter.html.j2`,
`DIR/md/onboarding.md.j2`...) and comes first, so one template, or one partial
such as `html/style.css.j2`, can be replaced alone. Every template, shipped or
not, runs in a SandboxedEnvironment with StrictUndefined: a template cannot
reach Python internals, and a misspelt variable is an error, not a blank.
HTML is autoescaped (a `<script>` in a playbook shows as text); Markdown
escapes every value it prints unless a template marks it `|verbatim`.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from cmkit.errors import CmkitError, UsageError

EXTENSIONS = {"md": "md.j2", "html": "html.j2"}

_ASCII_BLANKS = re.compile(r"[ \t\r\n]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def builtin_templates() -> Path:
    """The templates shipped as package data."""
    return Path(str(files("cmkit") / "templates"))


class Verbatim(str):
    """Markdown written by a template itself, printed without escaping."""


def _one_line(text: str) -> str:
    """Line breaks and runs of blanks become one space; no-break spaces stay as they are."""
    return _ASCII_BLANKS.sub(" ", text).strip(" ")


def markdown_escape(value: object) -> str:
    """A playbook value made inert in Markdown: one line, no markup characters."""
    if value is None:
        return ""
    if isinstance(value, Verbatim):
        return value
    text = _one_line(str(value))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def mermaid_label(value: object) -> Verbatim:
    """Text inside a quoted Mermaid label, where only quotes and angle brackets are special."""
    text = _one_line(str(value or ""))
    for char, entity in (('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, entity)
    return Verbatim(text)


@functools.lru_cache(maxsize=8)
def environment(kind: str, user_templates: Path | None) -> SandboxedEnvironment:
    """The sandboxed environment for `kind` (md or html), the user's folder first.

    Cached, so a process rendering many documents compiles each template once;
    Jinja's loader still reloads a template whose file changed.
    """
    folders = []
    if user_templates is not None:
        user_folder = user_templates / kind
        if not user_folder.is_dir():
            raise UsageError(
                f"no {kind} templates in {user_templates}: expected a folder {user_folder} "
                f"holding e.g. charter.{EXTENSIONS[kind]} (copy {builtin_templates() / kind} to start)"
            )
        folders.append(str(user_folder))
    folders.append(str(builtin_templates() / kind))
    options: dict = {
        "loader": jinja2.FileSystemLoader(folders),
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if kind == "html":
        env = SandboxedEnvironment(autoescape=True, **options)
    else:
        env = SandboxedEnvironment(autoescape=False, finalize=markdown_escape, **options)
        env.filters["verbatim"] = Verbatim
        env.filters["mermaid"] = mermaid_label
    return env


def render_text(kind: str, document: str, context: dict, user_templates: Path | None) -> str:
    """Render `document` as `kind`; any template problem is one located sentence."""
    name = f"{document}.{EXTENSIONS[kind]}"
    env = environment(kind, user_templates)
    try:
        text = env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise CmkitError(f"template error: {exc.message}", file=exc.filename or name, line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise UsageError(f"template {exc.name} not found") from None
    except (jinja2.UndefinedError, SecurityError) as exc:
        file, line = _template_position(exc, name)
        raise CmkitError(f"template error: {exc}", file=file, line=line) from None
    except RecursionError as exc:
        file, line = _template_position(exc, name)
        raise CmkitError(
            "template error: the template includes itself or a macro calls itself without end", file=file, line=line
        ) from None
    except (jinja2.TemplateError, ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        # a template is code the user wrote: its runtime errors ({{ 1/0 }}, {{ 1 + 'a' }}, the
        # sandbox's range limit) are theirs to fix, so they get one located sentence, not a traceback
        file, line = _template_position(exc, name)
        message = " ".join(str(exc).split()) or type(exc).__name__
        raise CmkitError(f"template error: {message}", file=file, line=line) from None
    if kind == "md":
        text = _BLANK_RUNS.sub("\n\n", text).lstrip("\n")
    return text


def _template_position(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """Where in the template a runtime error happened, from Jinja's rewritten traceback."""
    tb = exc.__traceback__
    found: tuple[str, int | None] = (fallback, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(tuple(EXTENSIONS.values())):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
