"""Issue 13: one model form for an extension, whatever transfer encoding carried it.

A vCard 2.1 extension (``X-...``, or a property netcore does not model such as ``LABEL``
or ``FBURL``) written in quoted-printable is held as a plain 3.0/4.0 extension holds the
same text: the decoded text in its escaped form (a line break as ``\\n``, a backslash as
``\\\\``), without the ``ENCODING`` and ``CHARSET`` parameters that only said how it was
carried. 2.1 writes quoted-printable again where the value needs it (non-ASCII or a line
break); 3.0, 4.0 and jCard write plain text.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcore.formats import jcard, vcard
from netcore.model import Contact, Extension


def _card(version: str, *lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:A\r\nUID:u\r\n{body}END:VCARD\r\n"


def _ext(contact: Contact, name: str) -> Extension:
    [ext] = [e for e in contact.extensions if e.name == name]
    return ext


# "Zeile eins" LF "Zoë" in UTF-8, quoted-printable
QP_21 = _card(
    "2.1", "X-NOTE;TYPE=HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zeile eins=0D=0AZo=C3=AB"
)
MODEL = Extension(name="X-NOTE", value="Zeile eins\\nZoë", params=(("TYPE", ("HOME",)),))


def test_a_quoted_printable_extension_is_held_in_the_plain_model_form() -> None:
    [c] = vcard.loads(QP_21)
    assert _ext(c, "X-NOTE") == MODEL


@pytest.mark.parametrize(
    "text",
    [
        _card("3.0", "X-NOTE;TYPE=HOME:Zeile eins\\nZoë"),
        _card("4.0", "X-NOTE;TYPE=HOME:Zeile eins\\nZoë"),
        _card("2.1", "X-NOTE;TYPE=HOME;QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Zeile eins=0AZo=EB"),
    ],
)
def test_the_same_text_reads_as_the_same_extension_from_every_spelling(text: str) -> None:
    [c] = vcard.loads(text)
    assert _ext(c, "X-NOTE") == MODEL


def test_jcard_reads_the_same_extension() -> None:
    data = json.dumps(
        [
            "vcard",
            [
                ["version", {}, "text", "4.0"],
                ["fn", {}, "text", "A"],
                ["uid", {}, "text", "u"],
                ["x-note", {"type": "HOME"}, "unknown", "Zeile eins\nZoë"],
            ],
        ]
    )
    [c] = jcard.loads(data)
    assert _ext(c, "X-NOTE") == MODEL


def _unfolded_qp(text: str) -> str:
    """The content lines of ``text`` with quoted-printable soft breaks joined."""
    return text.replace("=\r\n", "")


def test_21_writes_quoted_printable_again() -> None:
    [c] = vcard.loads(QP_21)
    text = _unfolded_qp(vcard.dumps(c, version="2.1"))
    expected = "X-NOTE;TYPE=HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zeile eins=0AZo=C3=AB\r\n"
    assert expected in text


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_30_and_40_write_plain_escaped_text(version: str) -> None:
    [c] = vcard.loads(QP_21)
    text = vcard.dumps(c, version=version)
    assert "X-NOTE;TYPE=HOME:Zeile eins\\nZoë\r\n" in text
    assert "QUOTED-PRINTABLE" not in text.upper()


def test_jcard_writes_what_it_writes_for_the_plain_extension() -> None:
    [c] = vcard.loads(QP_21)
    [plain] = vcard.loads(_card("4.0", "X-NOTE;TYPE=HOME:Zeile eins\\nZoë"))
    [prop] = [p for p in json.loads(jcard.dumps(c))[1] if p[0] == "x-note"]
    [plain_prop] = [p for p in json.loads(jcard.dumps(plain))[1] if p[0] == "x-note"]
    assert prop == plain_prop
    assert prop[1] == {"type": "HOME"}


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0", "jcard"])
def test_every_writer_round_trips_the_model_form(version: str) -> None:
    [c] = vcard.loads(QP_21)
    if version == "jcard":
        [back] = jcard.loads(jcard.dumps(c))
    else:
        [back] = vcard.loads(vcard.dumps(c, version=version))
    assert back.extensions == c.extensions


def test_21_to_40_to_21_is_the_same_contact() -> None:
    [c] = vcard.loads(QP_21)
    [via40] = vcard.loads(vcard.dumps(c, version="4.0"))
    [back] = vcard.loads(vcard.dumps(via40, version="2.1"))
    assert via40 == c
    assert back == c


def test_a_backslash_in_quoted_printable_text_is_a_backslash() -> None:
    # 2.1 defines no \n escape: C:\new is a path, held as 3.0/4.0 hold that text.
    [c] = vcard.loads(_card("2.1", "X-PATH;ENCODING=QUOTED-PRINTABLE:C:\\new=0Anext"))
    assert _ext(c, "X-PATH") == Extension(name="X-PATH", value="C:\\\\new\\nnext")
    assert "X-PATH:C:\\\\new\\nnext\r\n" in vcard.dumps(c, version="4.0")
    text21 = _unfolded_qp(vcard.dumps(c, version="2.1"))
    assert "X-PATH;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:C:\\new=0Anext\r\n" in text21
    assert vcard.loads(text21)[0].extensions == c.extensions


def test_ascii_quoted_printable_text_is_written_plain_in_21() -> None:
    [c] = vcard.loads(_card("2.1", "X-CLASS;ENCODING=QUOTED-PRINTABLE:PUBLIC"))
    assert _ext(c, "X-CLASS") == Extension(name="X-CLASS", value="PUBLIC")
    assert "X-CLASS:PUBLIC\r\n" in vcard.dumps(c, version="2.1")


# --------------------------------------------------------------------------- hostile


def test_a_bad_quoted_printable_escape_is_kept_as_text() -> None:
    [c] = vcard.loads(_card("2.1", "X-BAD;ENCODING=QUOTED-PRINTABLE:a=ZZb=C3=AB"))
    assert _ext(c, "X-BAD") == Extension(name="X-BAD", value="a=ZZbë")
    for version in ("2.1", "3.0", "4.0"):
        assert vcard.loads(vcard.dumps(c, version=version))[0].extensions == c.extensions


@pytest.mark.parametrize("after", [[], [""], ["", "X-NEXT:n"]])
def test_a_soft_break_at_the_end_of_the_value(after: list[str]) -> None:
    # The value ends in '=' (a soft break) before END:VCARD or a blank line: it ends there.
    [c] = vcard.loads(_card("2.1", "X-SOFT;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB=", *after))
    assert _ext(c, "X-SOFT") == Extension(name="X-SOFT", value="Zoë")
    assert [e.name for e in c.extensions] == [
        "X-SOFT",
        *(["X-NEXT"] if "X-NEXT:n" in after else []),
    ]
    for version in ("2.1", "3.0", "4.0"):
        assert vcard.loads(vcard.dumps(c, version=version))[0].extensions == c.extensions


@pytest.mark.parametrize("charset", ["X-NOBODY-KNOWS", "zlib_codec"])
def test_a_charset_the_reader_could_not_apply_stays(charset: str) -> None:
    [c] = vcard.loads(_card("2.1", f"X-CS;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:Zo=C3=AB"))
    assert _ext(c, "X-CS") == Extension(name="X-CS", value="Zoë", params=(("CHARSET", (charset,)),))
    text21 = _unfolded_qp(vcard.dumps(c, version="2.1"))
    assert f"X-CS;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:Zo=C3=AB\r\n" in text21
    assert f"X-CS;CHARSET={charset}:Zoë\r\n" in vcard.dumps(c, version="4.0")
    for version in ("2.1", "3.0", "4.0"):
        assert vcard.loads(vcard.dumps(c, version=version))[0].extensions == c.extensions


def test_an_unknown_encoding_stays() -> None:
    [c] = vcard.loads(_card("2.1", "X-8;ENCODING=8BIT:Zoë"))
    assert _ext(c, "X-8") == Extension(name="X-8", value="Zoë", params=(("ENCODING", ("8BIT",)),))
    assert "X-8;ENCODING=8BIT:Zoë\r\n" in vcard.dumps(c, version="2.1")


# --------------------------------------------------------------------------- property


@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_read_from_quoted_printable_survives_every_writer(text: str) -> None:
    data = text.encode("utf-8")
    qp = "".join(f"={b:02X}" for b in data)  # every byte escaped: no soft break, no line end
    [c] = vcard.loads(_card("2.1", f"X-T;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp}"))
    [ext] = c.extensions
    assert ext.params == ()
    for version in ("2.1", "3.0", "4.0"):
        assert vcard.loads(vcard.dumps(c, version=version))[0].extensions == (ext,), version
    assert jcard.loads(jcard.dumps(c))[0].extensions == (ext,)
