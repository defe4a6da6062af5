"""Start-up: ``import netcore.cli`` and ``netcore --help`` import typer and nothing heavy.

Every command module is imported only when its command runs; ``netcore --help`` lists the
commands from ``netcore.cli.COMMANDS``, whose help lines must stay the commands' own.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from netcore.cli import COMMANDS, CommandEntry, app

HEAVY = ("rich", "polars", "networkx", "phonenumbers", "pydantic", "attrs", "icalendar")

# Prints the top-level packages and netcore's modules imported after the code in {code}.
PROBE = (
    "import sys\n"
    "{code}\n"
    "mods = sorted(m for m in sys.modules\n"
    "              if m.split('.')[0] in {heavy} or m.startswith('netcore'))\n"
    "sys.__stdout__.write('\\n' + __import__('json').dumps(mods) + '\\n')\n"
)


def _imported(code: str, *args: str) -> list[str]:
    script = PROBE.format(code=code, heavy=HEAVY)
    proc = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.stdout.strip(), proc.stderr
    mods: list[str] = json.loads(proc.stdout.strip().splitlines()[-1])
    return mods


def test_import_netcore_cli_imports_nothing_heavy() -> None:
    mods = _imported("import netcore.cli")
    assert not [m for m in mods if m.split(".")[0] in HEAVY], mods
    assert set(mods) <= {"netcore", "netcore._version", "netcore.cli", "netcore.errors"}, mods


def test_import_netcore_leaves_the_model_for_first_use() -> None:
    mods = _imported("import netcore")
    assert "pydantic" not in mods
    assert "netcore.model" not in mods


def test_the_first_record_asked_for_brings_the_model_in() -> None:
    import netcore

    assert netcore.Contact is sys.modules["netcore.model"].Contact
    assert netcore.Contact(uid="a", formatted_name="A").formatted_name == "A"
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = netcore.no_such_name  # type: ignore[attr-defined]


@pytest.mark.parametrize("args", [["--help"], ["--version"]], ids=repr)
def test_help_and_version_import_no_command_module(args: list[str]) -> None:
    code = (
        "from netcore.cli import main\n"
        "sys.argv = ['netcore'] + sys.argv[1:]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    mods = _imported(code, *args)
    assert not [m for m in mods if m.startswith("netcore.cli._")], mods
    assert not [m for m in mods if m.split(".")[0] in ("pydantic", "phonenumbers", "attrs")], mods


def test_one_command_imports_its_own_module_only() -> None:
    code = (
        "from netcore.cli import main\n"
        "sys.argv = ['netcore', 'schema', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    mods = _imported(code)
    assert "netcore.cli._files" in mods
    assert "netcore.cli._mail" not in mods
    assert "netcore.cli._ledger" not in mods


def test_every_help_line_is_the_commands_own() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    assert list(group.commands) == list(COMMANDS)
    for name, entry in COMMANDS.items():
        command = group.commands[name]
        own = (command.short_help or command.help or "").split("\n\n")[0]
        assert " ".join(own.split()) == entry.help, name


def _help(group: typer.core.TyperGroup, capsys: pytest.CaptureFixture[str]) -> str:
    ctx = typer.Context(group, info_name="netcore")
    group.format_help(ctx, ctx.make_formatter())
    return capsys.readouterr().out


def test_help_from_the_table_is_the_help_of_the_loaded_commands(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    from_table = _help(group, capsys)
    for name in COMMANDS:
        group.commands[name]  # builds the real command
    loaded = _help(group, capsys)
    assert "birthdays" in from_table
    assert "Record favours given and received" in from_table
    assert from_table == loaded


def test_a_mistyped_command_still_gets_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["helth"])
    assert result.exit_code == 2
    assert "Did you mean 'health'" in result.stderr


def test_an_unknown_command_is_none_not_an_import() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    ctx = typer.Context(group, info_name="netcore")
    assert group.get_command(ctx, "no-such-command") is None
    assert "no-such-command" not in group.commands


def test_a_command_whose_module_cannot_be_imported_fails_in_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(COMMANDS, "broken", CommandEntry("_no_such_module", "run", "Broken."))
    result = CliRunner().invoke(app, ["broken"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: this netcore lacks a module it needs (netcore.cli._no_such_module); "
        "reinstall netcore"
    ]
    assert CliRunner().invoke(app, ["--help"]).exit_code == 0
