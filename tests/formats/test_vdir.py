from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.errors import ParseError, RecordConflictError, UnsupportedFormatError
from netcore.formats import vcard, vdir
from netcore.model import Contact, Email, Name
from netcore.testing import contacts

_SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{16}\.vcf$")
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def _card(uid: str, fn: str) -> bytes:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{fn}\r\nEND:VCARD\r\n".encode()


def test_round_trip_through_a_folder(tmp_path: Path) -> None:
    people = [
        Contact(
            uid="urn:uuid:1",
            formatted_name="Ada Lovelace",
            name=Name(given="Ada", family="Lovelace"),
            emails=(Email(address="ada@example.org"),),
        ),
        Contact(uid="urn:uuid:2", formatted_name="Grace Hopper"),
    ]
    paths = vdir.dump_dir(people, tmp_path)
    assert [p.parent for p in paths] == [tmp_path, tmp_path]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)
    loaded = vdir.load_dir(tmp_path)
    expected = vcard.loads(vcard.dumps(people, version="3.0"))

    def comparable(cs: list[Contact]) -> list[dict[str, object]]:
        return sorted((c.model_dump(exclude={"source"}) for c in cs), key=lambda d: str(d["uid"]))

    assert comparable(loaded) == comparable(expected)
    assert [c.emails for c in loaded if c.uid == "urn:uuid:1"] == [
        (Email(address="ada@example.org"),)
    ]
    assert all(p.read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n") for p in paths)


@pytest.mark.parametrize(
    ("uid", "fn"),
    [
        ("../../etc/passwd", "../../etc/passwd"),
        ("a/b\\c", "C:\\Windows\\system32"),
        ("CON", "CON"),
        ("nul.txt", "NUL"),
        ("x", ".."),
        ("y", ""),
        ("z" * 5000, "Ö" * 5000),
        ("emoji", "🙂🙂"),
        ("dots", "..."),
    ],
)
def test_file_names_are_safe_whatever_the_uid_and_name(tmp_path: Path, uid: str, fn: str) -> None:
    (path,) = vdir.dump_dir([Contact(uid=uid, formatted_name=fn)], tmp_path)
    assert path.parent == tmp_path
    assert _SAFE.match(path.name), path.name
    assert path.name.split(".")[0] not in _WINDOWS_RESERVED
    assert len(path.name) <= 62
    assert path.name.endswith(hashlib.sha256(uid.encode()).hexdigest()[:16] + ".vcf")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_rewriting_overwrites_and_a_renamed_contact_leaves_no_stale_file(tmp_path: Path) -> None:
    ada = Contact(uid="u1", formatted_name="Ada Byron")
    other = tmp_path / "notes.vcf"
    other.write_bytes(_card("foreign", "Not Ours"))
    (first,) = vdir.dump_dir([ada], tmp_path)
    (again,) = vdir.dump_dir([ada], tmp_path)
    assert first == again
    (renamed,) = vdir.dump_dir(
        [ada.model_copy(update={"formatted_name": "Ada Lovelace"})], tmp_path
    )
    assert renamed != first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([renamed.name, "notes.vcf"])
    assert b"FN:Ada Lovelace" in renamed.read_bytes()


def test_duplicate_uids_or_a_bad_version_write_nothing(tmp_path: Path) -> None:
    with pytest.raises(RecordConflictError):
        vdir.dump_dir(
            [Contact(uid="u", formatted_name="A"), Contact(uid="u", formatted_name="B")],
            tmp_path / "new",
        )
    assert not (tmp_path / "new").exists()
    with pytest.raises(UnsupportedFormatError):
        vdir.dump_dir([Contact(uid="u")], tmp_path / "new", version="5.0")
    assert not (tmp_path / "new").exists()


def test_load_dir_skips_hidden_other_and_nested_files(tmp_path: Path) -> None:
    (tmp_path / "b.vcf").write_bytes(_card("b", "Bea"))
    (tmp_path / "A.VCF").write_bytes(_card("a", "Al"))
    (tmp_path / ".b.vcf.tmp").write_bytes(_card("tmp", "Half Written"))
    (tmp_path / ".hidden.vcf").write_bytes(_card("hidden", "Hidden"))
    (tmp_path / "readme.txt").write_bytes(b"not a card")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.vcf").write_bytes(_card("c", "Nested"))
    loaded = vdir.load_dir(tmp_path)
    assert [c.uid for c in loaded] == ["a", "b"]
    assert loaded.issues == []


def test_a_broken_file_is_an_issue_naming_it(tmp_path: Path) -> None:
    (tmp_path / "good.vcf").write_bytes(_card("g", "Good"))
    (tmp_path / "bad.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut off\r\n")
    loaded = vdir.load_dir(tmp_path)
    assert "g" in [c.uid for c in loaded]
    assert loaded.errors
    assert all(i.source == str(tmp_path / "bad.vcf") for i in loaded.errors)
    with pytest.raises(ParseError):
        vdir.load_dir(tmp_path, strict=True)


def test_missing_folder_is_misuse(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        vdir.load_dir(tmp_path / "nope")


def test_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    vdir.dump_dir([Contact(uid=str(i), formatted_name=f"P {i}") for i in range(20)], tmp_path)
    assert all(_SAFE.match(p.name) for p in tmp_path.iterdir())
    assert len(list(tmp_path.iterdir())) == 20


@given(st.lists(contacts(), max_size=5, unique_by=lambda c: c.uid))
def test_any_contacts_get_safe_distinct_names_and_load_back(people: list[Contact]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paths = vdir.dump_dir(people, folder)
        assert len(set(paths)) == len(people)
        assert all(p.parent == folder and _SAFE.match(p.name) for p in paths)
        loaded = vdir.load_dir(folder)
        assert sorted(c.uid for c in loaded) == sorted(c.uid for c in people)
