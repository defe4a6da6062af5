"""The ``netcore`` command: convert and clean contact files, and see whom you are neglecting.

Every command has ``--help``. Results go to standard output (rich tables on a terminal,
plain text when piped); messages and issues go to standard error. Exit codes: ``0`` ok,
``1`` problems found in the input (strict mode, or a file that cannot be read at all),
``2`` usage error (a bad option, a missing file, an unknown format, contact or event).

Each command imports the codecs and scoring it needs when it runs, so that one missing
piece never breaks ``netcore --help`` or the other commands.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from netcore._version import __version__
from netcore.cli import (
    _book,
    _common,
    _files,
    _import,
    _ledger,
    _mail,
    _report,
    _scores,
    _store,
)

__all__ = ["app", "main"]


class _OneLineErrors(TyperGroup):
    """The root command: a usage error is one ``error:`` line (exit 2), not a usage box."""

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
        except typer.Abort:
            _common.err().print("Aborted!", markup=False)
            sys.exit(1)
        except typer.TyperException as exc:  # typer's click errors: usage, bad parameter, ...
            if type(exc).__name__ == "NoArgsIsHelpError":  # ``netcore`` alone: show the help
                exc.show()  # type: ignore[attr-defined]  # click's, via typer
            else:
                _common.fail(" ".join(exc.format_message().split()))
            sys.exit(exc.exit_code)
        # Without standalone mode typer returns the code of a ``typer.Exit`` (``--help``,
        # ``--version``, a command's own exit) and ``None`` after a normal run.
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=_OneLineErrors,
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
    _common.STATE.quiet = quiet
    _common.STATE.verbose = verbose


app.command("convert")(_files.convert)
app.command("inspect")(_files.inspect)
app.command("health")(_scores.health)
app.command("due")(_scores.due)
app.command("followups")(_scores.followups)
app.add_typer(_ledger.app, name="ledger")
app.command("help")(_report.help_)
app.command("report")(_report.report)
app.command("import")(_import.import_)
app.command("dedupe")(_store.dedupe)
app.command("schema")(_files.schema)
app.command("show")(_book.show)
app.command("search")(_book.search)
app.command("log")(_book.log)
app.command("set")(_book.set_)
app.command("export")(_book.export)
app.command("forget")(_book.forget)
app.command("compact")(_book.compact)
_mail.register(app)


def main() -> None:
    """Run the ``netcore`` command (the console script's entry point)."""
    app(prog_name="netcore")
