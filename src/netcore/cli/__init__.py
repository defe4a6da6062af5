"""The ``netcore`` command: convert and clean contact files, and see whom you are neglecting.

Every command has ``--help``. Results go to standard output (rich tables on a terminal,
plain text when piped); messages and issues go to standard error. Exit codes: ``0`` ok,
``1`` problems found in the input (strict mode, or a file that cannot be read at all),
``2`` usage error (a bad option, a missing file, an unknown format, contact or event).

Start-up is kept short: importing this module imports typer and nothing else of
weight. Each command's module (and the codecs, scoring, rich and pydantic it needs) is
imported only when that command runs; ``netcore --help`` lists the commands from the
table ``COMMANDS`` below, whose help lines a test keeps equal to the commands' own.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from netcore._version import __version__

if TYPE_CHECKING:
    from typer import _click

__all__ = ["COMMANDS", "CommandEntry", "app", "main"]


class CommandEntry(NamedTuple):
    """Where one ``netcore`` command lives, and the line ``netcore --help`` shows for it.

    Attributes:
        module: The module in ``netcore.cli`` that defines it (imported when it runs).
        attribute: The command's function, or the ``typer.Typer`` of a command group.
        help: The first paragraph of the command's help, shown by ``netcore --help``.
    """

    module: str
    attribute: str
    help: str


COMMANDS: dict[str, CommandEntry] = {
    "convert": CommandEntry(
        "_files",
        "convert",
        "Convert contact files to another format or version; several inputs are concatenated.",
    ),
    "inspect": CommandEntry(
        "_files",
        "inspect",
        "Show what a file holds: its kind, counts, versions, and every issue with its line.",
    ),
    "health": CommandEntry(
        "_scores",
        "health",
        "Rank every contact by relationship health, with its status and the main reason.",
    ),
    "due": CommandEntry(
        "_scores", "due", "Whom to get in touch with now, and why (most urgent first)."
    ),
    "followups": CommandEntry(
        "_scores",
        "followups",
        "Whom to follow up with after an event: people met there with no contact since.",
    ),
    "help": CommandEntry(
        "_report",
        "help_",
        "Whom you can help now: open asks to you, favours you owe, introductions to make.",
    ),
    "report": CommandEntry(
        "_report",
        "report",
        "The network at a glance: layers, health, ties to revive, reciprocity, diversity, events.",
    ),
    "score": CommandEntry(
        "_score",
        "score",
        "Score every contact from Parquet tables, columnar, into a Parquet file of scores.",
    ),
    "import": CommandEntry(
        "_import",
        "import_",
        "Add files to the SQLite store; importing the same file again adds nothing twice.",
    ),
    "dedupe": CommandEntry(
        "_store",
        "dedupe",
        "Find contacts that are probably the same person; --review them or --apply the sure ones.",
    ),
    "schema": CommandEntry(
        "_files",
        "schema",
        "Print the JSON Schema of netcore's network document (what `--to json` writes).",
    ),
    "show": CommandEntry(
        "_book",
        "show",
        "Show everything stored about one person: values, alternates kept, recent interactions.",
    ),
    "search": CommandEntry(
        "_graph",
        "search",
        "Who knows X: people holding every word, best first (relevance x tie strength).",
    ),
    "intro": CommandEntry(
        "_graph",
        "intro",
        "Who can introduce you: the strongest paths to a person, an organisation or a domain.",
    ),
    "relate": CommandEntry(
        "_graph",
        "relate",
        "Say that two stored people know each other (kept in the store; used by `intro`).",
    ),
    "log": CommandEntry("_book", "log", "Log one interaction with a stored person."),
    "set": CommandEntry("_book", "set_", "Set a stored person's keep-in-touch cadence."),
    "export": CommandEntry(
        "_book",
        "export",
        "Write every stored contact in any format the converter writes (JSON: the whole network).",
    ),
    "forget": CommandEntry(
        "_book",
        "forget",
        "Remove a person and everything naming them from the store, for good.",
    ),
    "compact": CommandEntry(
        "_book",
        "compact",
        "Rewrite the store so no freed page still holds deleted data (`forget` does it too).",
    ),
    "mail": CommandEntry(
        "_mail",
        "mail",
        "Read mail headers (never bodies) into interactions, against your contacts or store.",
    ),
    "waiting": CommandEntry(
        "_mail",
        "waiting",
        "Who is waiting on me: messages I have not answered, the longest waiting first.",
    ),
    "birthdays": CommandEntry(
        "_mail",
        "birthdays",
        "Upcoming birthdays, soonest first (birthdays without a year too).",
    ),
    "ledger": CommandEntry(
        "_ledger", "app", "Record favours given and received, and show who owes whom."
    ),
}
"""Every command in ``netcore --help`` order: name -> where it lives and its help line."""


def _build_command(name: str) -> _click.Command:
    """Import command ``name``'s module and build its click command (or group)."""
    entry = COMMANDS[name]
    try:
        module = importlib.import_module(f"netcore.cli.{entry.module}")
    except ImportError as exc:  # one command short of a dependency: the others still run
        typer.echo(
            f"error: this netcore lacks a module it needs ({exc.name or exc}); reinstall netcore",
            err=True,
        )
        raise typer.Exit(2) from None
    target = getattr(module, entry.attribute)
    if isinstance(target, typer.Typer):
        group = typer.main.get_group(target)
        group.name = name
        return group
    return typer.main.get_command_from_info(
        typer.models.CommandInfo(name=name, callback=target),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )


class _LazyCommands(MutableMapping[str, "_click.Command"]):
    """The root's commands: every name of ``COMMANDS``, each built on first look-up."""

    def __init__(self) -> None:
        self._loaded: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        command = self._loaded.get(name)
        if command is None:
            if name not in COMMANDS:
                raise KeyError(name)
            command = self._loaded[name] = _build_command(name)
        return command

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._loaded if name not in COMMANDS)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._loaded

    def loaded(self, name: str) -> _click.Command | None:
        """The command ``name`` if it has been built already, else ``None``."""
        return self._loaded.get(name)


class _Root(TyperGroup):
    """The root command: commands loaded on first use; a usage error is one line (exit 2)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        lazy = _LazyCommands()
        for name, command in self.commands.items():
            lazy[name] = command
        self.commands = lazy
        self._listing = False

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        # While the help is written, a command not loaded yet is stood in for by its name
        # and help line from ``COMMANDS``: ``netcore --help`` imports no command module.
        commands = self.commands
        if self._listing and isinstance(commands, _LazyCommands) and cmd_name in COMMANDS:
            return commands.loaded(cmd_name) or TyperCommand(cmd_name, help=COMMANDS[cmd_name].help)
        return commands.get(cmd_name)

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(self.commands)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(
                args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
            )
        try:
            rv = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        except BrokenPipeError:
            _closed_pipe()
        except typer.Abort:
            from netcore.cli import _common

            _common.err().print("Aborted!", markup=False)
            sys.exit(1)
        except typer.TyperException as exc:  # typer's click errors: usage, bad parameter, ...
            if type(exc).__name__ == "NoArgsIsHelpError":  # ``netcore`` alone: show the help
                exc.show()  # type: ignore[attr-defined]  # click's, via typer
            else:
                from netcore.cli import _common

                _common.fail(" ".join(exc.format_message().split()))
            sys.exit(exc.exit_code)
        # Without standalone mode typer returns the code of a ``typer.Exit`` (``--help``,
        # ``--version``, a command's own exit) and ``None`` after a normal run.
        sys.exit(rv if isinstance(rv, int) else 0)


def _closed_pipe() -> NoReturn:
    """The reader of standard output went away (``netcore health | head -1``): end quietly.

    Python's advice for SIGPIPE: point standard output at ``os.devnull``, so that the
    flush at exit cannot fail again, and exit with 1 as Python does on EPIPE. No
    ``error:`` line: nothing is wrong with the input or the command.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (a test's captured stream)
        pass
    sys.exit(1)


app = typer.Typer(
    cls=_Root,
    name="netcore",
    help="Convert and clean contact files, and see whom you are neglecting.\n\n"
    "Start with: netcore health examples/data --as-of 2026-11-27",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit codes: 0 ok, 1 problems found in the input (strict mode), 2 usage error.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netcore {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Results only: no summaries, issues or progress."),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="List every issue, info-level ones too, instead of a summary."
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    from netcore.cli import _common

    _common.STATE.quiet = quiet
    _common.STATE.verbose = verbose


def main() -> None:
    """Run the ``netcore`` command (the console script's entry point)."""
    app(prog_name="netcore")
