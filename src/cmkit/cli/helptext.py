"""How typer shows values: `FILE`, `TEXT`, `N`, `[text|json]` in `--help`, and plain
sentences for a bad value, never Python's type names or pydantic's wording.

Errors: typer 0.2x checks option values with pydantic and prints its first
message as is: "Value error, 'martian' is not one of ...", "Input should be a
valid integer, unable to parse string as an integer". `plain_errors` gives
typer the sentence cmkit would write instead (our own ValueError's text
without the prefix; whole numbers and bounds in words).

Typer 0.2x writes a value's Python type beside each option and argument
(`PLAYBOOK <list[Path]>`, `TEXT <str>`, `--followers <int range>`) and braces
a required argument in the usage line (`{FILE}`): noise for a community
manager, who reads `FILE` and `[text|json]`. This is fixed once, here, for
every command, by giving typer's parameter classes the display click always
had; with a typer that lacks these methods (before 0.2x) nothing is changed.

Language: cmkit's own help is said in the user's language (each command
module's `_ = current()`: CMKIT_LANG, then the locale). typer's own words in
`--help` ("Usage:", "[required]", the help option's line) and its usage errors
(an unknown option, a missing argument…) follow through `localized_words` and
`localized_usage_errors`, which give typer cmkit's catalogue; in English they
change nothing.
"""

from __future__ import annotations

from typing import Any

_NAMES = {"int": "N", "float": "NUMBER", "str": "TEXT", "datetime": "WHEN"}


def _display_type(self: Any, ctx: Any) -> str:
    from typer import core

    if isinstance(self, core.TyperArgument):
        return ""  # an argument's own name (FILE, TEXT, PLAYBOOK...) says what it is
    desc = self.type_descriptor
    if desc.is_choice:
        return "[" + _original(self, ctx).strip("<>") + "]"
    if desc.is_path:
        return "FOLDER" if "templates" in (self.name or "") else "FILE"
    if desc.is_ranged:
        return "N"
    return _NAMES.get(self.bare_type(), "VALUE")


def _usage_display_name(self: Any) -> str:
    name = self.display_name_raw
    if not self.required:
        name = f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


_ORIGINAL: dict[str, Any] = {}


def _original(self: Any, ctx: Any) -> str:
    return _ORIGINAL["display_type"](self, ctx)


def plain_metavars() -> None:
    """Make every command's help name values the way click does (idempotent)."""
    from typer import core

    parameter = getattr(core, "_TyperParameter", None)
    if parameter is None or not hasattr(parameter, "display_type") or "display_type" in _ORIGINAL:
        return
    _ORIGINAL["display_type"] = parameter.display_type
    parameter.display_type = _display_type
    if hasattr(core.TyperArgument, "_usage_display_name"):
        core.TyperArgument._usage_display_name = _usage_display_name


def _error_message(exc: Any) -> str:
    """The first problem of a pydantic ValidationError about one option value, as a plain sentence."""
    from cmkit.formats.safe_text import printable

    errors = exc.errors(include_url=False)
    if not errors:
        return printable(str(exc))
    error = errors[0]
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    got = error.get("input")
    if kind == "value_error" and "error" in ctx:
        text = str(ctx["error"])
    elif kind in ("int_parsing", "int_type", "int_from_float"):
        text = f"{got!r} is not a whole number"
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        word, key = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
                     "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}[kind]
        text = f"{got!r} is out of range: it must be {word} {ctx.get(key)}"
    else:
        text = str(error.get("msg", exc))
        text = text.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return printable(text)


def plain_errors() -> None:
    """Make typer's bad-value errors plain sentences (idempotent; nothing to do before typer 0.2x)."""
    try:
        from typer import _coercion
    except ImportError:
        return
    if hasattr(_coercion, "get_error_msg"):
        _coercion.get_error_msg = _error_message


def _to_translate(what: str) -> Any:
    """The user's catalogue (`current()`: CMKIT_LANG, then the locale) when it is not English and
    `what` has not been given it yet; else None."""
    from cmkit.i18n import current

    _ = current()
    return None if _.lang == "en" or what in _ORIGINAL else _


def localized_words() -> None:
    """typer's own words in `--help` — "Usage:", the sections' titles, "[required]", "default:",
    the help option's line — in the user's language, as cmkit's own help is (`current()`: CMKIT_LANG,
    then the locale); idempotent.

    typer says them through `gettext` (the sections, "required", "default") or
    as plain text in its copy of click ("Usage: ", the help option's line): the
    first are given cmkit's catalogue, the second a method that asks it. In
    English, or with a typer whose internals differ, nothing is changed.
    """
    _ = _to_translate("localized")
    if _ is None:
        return
    try:
        from typer import core
        from typer._click import core as click_core
        from typer._click import formatting
    except ImportError:
        return
    command = getattr(click_core, "Command", None)
    formatter = getattr(formatting, "HelpFormatter", None)
    if not hasattr(core, "_") or not hasattr(command, "get_help_option") or not hasattr(formatter, "write_usage"):
        return
    _ORIGINAL["localized"] = True
    core._ = _  # "Arguments", "Options", "Commands", "required", "default: {default}"
    write_usage, get_help_option = formatter.write_usage, command.get_help_option

    def localized_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    def localized_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    formatter.write_usage = localized_usage
    command.get_help_option = localized_help_option
    try:  # the completion options' lines, read from placeholder functions when the app starts
        from typer import completion
    except ImportError:
        return
    for name in ("_install_completion_placeholder_function", "_install_completion_no_auto_placeholder_function"):
        for info in getattr(getattr(completion, name, None), "__defaults__", None) or ():
            if isinstance(getattr(info, "help", None), str):
                info.help = _(info.help)


#: typer's usage errors whose text is English whatever the language, as patterns, and the sentence
#: cmkit says for each (its placeholders are the pattern's groups)
_USAGE_SENTENCES = (
    (r"(?P<message>.*)\. Did you mean (?P<options>.*)\?", "{message} (did you mean {options}?)"),
    (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", "unexpected extra argument(s): {args}"),
    (r"Option (?P<option>'[^']*') requires an argument\.", "option {option} needs a value"),
    (r"Option (?P<option>'[^']*') requires (?P<count>\d+) arguments\.", "option {option} needs {count} values"),
    (r"Option (?P<option>'[^']*') does not take a value\.", "option {option} takes no value"),
    (r"Argument (?P<name>'[^']*') takes (?P<count>\d+) values\.", "argument {name} takes {count} values"),
    (r"(?P<value>'.*') is not one of (?P<choices>.*)\.", "{value} is not one of {choices}"),
    (r"(?P<value>'.*') is not a whole number", "{value} is not a whole number"),
    (r"(?P<value>'.*') is out of range: it must be (?P<bound>at least|more than|at most|less than) (?P<limit>\S+)",
     "{value} is out of range: it must be {bound} {limit}"),
)
#: the words of a range's bound in `_USAGE_SENTENCES`, said in the user's language too
USAGE_BOUNDS = ("at least", "more than", "at most", "less than")


def localized_usage_errors() -> None:
    """typer's usage errors (an unknown option, a missing argument, a bad value) in the user's
    language: its usage line, the hint to ask for help, then one `error:` line as cmkit's own
    errors are written; idempotent. In English, or with a typer whose internals differ,
    typer's own text stays."""
    _ = _to_translate("usage errors")
    if _ is None:
        return
    try:
        from typer._click import exceptions
    except ImportError:
        return
    if not hasattr(exceptions, "UsageError") or not hasattr(exceptions.UsageError, "show"):
        return
    _ORIGINAL["usage errors"] = True

    def show(self: Any, file: Any = None) -> None:
        import sys

        from cmkit.cli.plain import error_line

        if self.ctx is not None:
            print(self.ctx.get_usage(), file=sys.stderr)
            if self.ctx.command.get_help_option(self.ctx) is not None:
                print(_("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]), file=sys.stderr)
            print(file=sys.stderr)
        error_line(_quoted(usage_error_sentence(self, _), _.lang))

    exceptions.UsageError.show = show


def usage_error_sentence(error: Any, _: Any) -> str:
    """What a typer usage error says, in `_`'s language (its own English when it is not known)."""
    from typer._click import exceptions

    if isinstance(error, exceptions.NoSuchOption):
        sentence = _("unknown option {option}").format(option=error.option_name)
        if error.possibilities:
            sentence += " " + _("(did you mean {options}?)").format(options=", ".join(sorted(error.possibilities)))
        return sentence
    if isinstance(error, exceptions.MissingParameter):
        name = _parameter(error)
        if (error.param_type or getattr(error.param, "param_type_name", "")) == "argument":
            return _("missing argument {name}").format(name=name)
        return _("missing option {name}").format(name=name)
    message = _sentence(error.message, _)
    if isinstance(error, exceptions.BadParameter):
        name = _parameter(error)
        return (_("invalid value for {name}: {reason}").format(name=name, reason=message) if name
                else _("invalid value: {reason}").format(reason=message))
    return message


def _sentence(message: str, _: Any) -> str:
    """`message` said in `_`'s language when it is one of `_USAGE_SENTENCES`, else as it is."""
    import re

    for pattern, sentence in _USAGE_SENTENCES:
        found = re.fullmatch(pattern, message)
        if found:
            values = found.groupdict()
            if "bound" in values:
                values["bound"] = _(values["bound"])
            return _(sentence).format(**values)
    return message


def _parameter(error: Any) -> str:
    """The option or argument a typer error is about ('--jobs', 'FILE'), or ''."""
    hint = error.param_hint
    if hint is None and error.param is not None:
        hint = error.param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    return hint or ""


def _quoted(sentence: str, lang: str) -> str:
    """typer's 'quotes' around a name or a value as the language writes them (« --jobs »)."""
    if lang != "fr":
        return sentence
    import re

    return re.sub(r"'([^'\n]*)'", "«\u00a0\\1\u00a0»", sentence)
