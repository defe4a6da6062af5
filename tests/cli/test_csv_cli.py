"""``netcore convert`` on CSV inputs: ``--columns``, and never "0 contacts" with exit 0."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from netcore.cli import app

runner = CliRunner()


def _convert(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["convert", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_unknown_columns_exit_1_naming_them_and_how_to_map(tmp_path: Path) -> None:
    src = tmp_path / "crm.csv"
    src.write_text("kunde_vor,kunde_nach\nAda,Lovelace\n", encoding="utf-8")
    code, _, err = _convert(str(src), "-o", str(tmp_path / "out.vcf"))
    assert code == 1
    assert "'kunde_vor', 'kunde_nach'" in err
    assert "--columns" in err
    assert not (tmp_path / "out.vcf").exists()


def test_columns_option_maps_what_detection_misses(tmp_path: Path) -> None:
    src = tmp_path / "crm.csv"
    src.write_text(
        "kunde_vor,kunde_nach,mail_adr,fax_nr\nAda,Lovelace,ada@example.org,+44 20 7946 0000\n",
        encoding="utf-8",
    )
    code, out, _ = _convert(
        str(src),
        "-o",
        "-",
        "--columns",
        "kunde_vor=given,kunde_nach=family,mail_adr=email,fax_nr=phone:work,fax",
    )
    assert code == 0
    assert "N:Lovelace;Ada;;;" in out
    assert "EMAIL:ada@example.org" in out
    assert 'TEL;TYPE="work,fax"' in out or "TEL;TYPE=work,fax" in out


def test_bad_columns_option_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("Name,Email\nAda,ada@example.org\n", encoding="utf-8")
    code, _, err = _convert(str(src), "-o", "-", "--columns", "Name=shoe_size")
    assert code == 2
    assert "shoe_size" in err


def test_header_only_csv_does_not_write_zero_contacts_with_exit_0(tmp_path: Path) -> None:
    src = tmp_path / "empty.csv"
    src.write_text("First Name,Last Name,E-mail Address\n", encoding="utf-8")
    code, _, err = _convert(str(src), "-o", str(tmp_path / "out.vcf"))
    assert code == 1
    assert "no contact" in err
    assert not (tmp_path / "out.vcf").exists()


def test_tab_separated_export_named_txt_is_read_as_csv(tmp_path: Path) -> None:
    src = tmp_path / "export.txt"
    src.write_text(
        "First Name\tLast Name\tPrimary Email\nAda\tLovelace\tada@example.org\n", "utf-8"
    )
    code, out, err = _convert(str(src), "-o", "-")
    assert code == 0, err
    assert "EMAIL:ada@example.org" in out
    other = tmp_path / "notes.txt"
    other.write_text("just some words\n", "utf-8")
    code, _, err = _convert(str(other), "-o", "-")
    assert code == 2
    assert "cannot tell what this file holds" in err
