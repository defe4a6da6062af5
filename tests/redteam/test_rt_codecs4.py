"""Red team, codecs round 4 (issue 13): defects found by hand, each a test.

Every test states what a demanding user expects from the documented behaviour
(docs/formats.md); a test is marked ``xfail(strict=True)`` while the defect named in its
reason is open (then the marker goes, the assertion stays).
"""

from __future__ import annotations

import io

import pytest

from netcore.formats import jcard, vcard
from netcore.model import Contact, Email, Extension, Organization, Url


def _card(version: str, *lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\nUID:u\r\nFN:A\r\n{body}END:VCARD\r\n"


def _written(contact: Contact, version: str) -> list[Contact]:
    if version == "jcard":
        return list(jcard.loads(jcard.dumps([contact])))
    return list(vcard.loads(vcard.dumps([contact], version=version)))


PNG = "iVBORw0KGgo="


def test_2_1_value_url_data_uri_is_held_in_the_model_form() -> None:
    """RT-codecs4-1: a 2.1 ``LOGO;VALUE=URL:data:...;base64,...`` keeps ``VALUE=URL``.

    docs/formats.md ("Logos, sounds and keys"): inline data is held as a ``data:`` URI
    without the parameters that only said how it was carried (``VALUE`` among them), and a
    URI is held without the ``VALUE=uri`` (2.1: ``VALUE=URL``) that only says it is one.
    The reader took 2.1's ``VALUE=URL`` for a ``VALUE=text``-like "no URI" and kept the
    parameter, so the same logo read from 2.1 and from 3.0/4.0 were two different
    contacts, and the jCard writer turned it into a ``url`` value type with a
    ``VALUE=url`` parameter. Minimal input: ``LOGO;VALUE=URL:data:image/png;base64,...``.
    """
    from_21 = vcard.loads(_card("2.1", f"LOGO;VALUE=URL:data:image/png;base64,{PNG}"))[0]
    from_40 = vcard.loads(_card("4.0", f"LOGO:data:image/png;base64,{PNG}"))[0]
    assert from_21.extensions == from_40.extensions
    assert from_21.extensions == (Extension(name="LOGO", value=f"data:image/png;base64,{PNG}"),)


def test_undecodable_data_uri_logo_survives_2_1() -> None:
    """RT-codecs4-1 (second face): a 4.0 logo whose ``data:`` URI does not decode.

    It is kept as written with a WARNING (documented); the 2.1 writer then writes it as a
    URI with ``VALUE=URL``, which the 2.1 reader kept as a parameter: 4.0 -> 2.1 -> model
    was not the contact read. Minimal input: ``LOGO:data:image/png;base64,A`` (4.0).
    """
    read = vcard.loads(_card("4.0", "LOGO:data:image/png;base64,A"))
    assert [i.severity.name for i in read.issues] == ["WARNING"]
    contact = read[0]
    for version in ("2.1", "3.0", "4.0", "jcard"):
        assert _written(contact, version)[0].extensions == contact.extensions, version


_QP = (("ENCODING", ("QUOTED-PRINTABLE",)),)


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0", "jcard"])
def test_hand_built_quoted_printable_extension_round_trips(version: str) -> None:
    """RT-codecs4-2: ``Extension(..., params=(("ENCODING", ("QUOTED-PRINTABLE",)),))``.

    docs/formats.md: "a value built by hand with ENCODING=QUOTED-PRINTABLE is held
    decoded", and there is "one model form for a quoted-printable extension" (decoded
    text in the escaped form, without ``ENCODING``). The model keeps the parameter, and
    every writer drops it (3.0/4.0/jCard) or the reader drops it (2.1), so
    ``loads(dumps(c)) == c`` holds in no version for such a contact. Minimal input:
    ``Extension(name="X-NOTE", value="Zoë", params=_QP)``.
    """
    contact = Contact(
        uid="u1",
        formatted_name="Ann",
        extensions=(Extension(name="X-NOTE", value="Zoë", params=_QP),),
    )
    assert _written(contact, version)[0].extensions == contact.extensions


def test_hand_built_quoted_printable_extension_means_one_text_in_every_version() -> None:
    """RT-codecs4-2 (second face): the same contact converts to different text.

    The value of a quoted-printable extension is held decoded (documented), so its
    ``\\n`` is a backslash and an ``n``: 2.1 writes it as such (read back as the escaped
    ``\\\\n``), 3.0, 4.0 and jCard write the value as escaped text, where ``\\n`` is a
    line break. 2.1 -> model and 3.0 -> model are then two different notes. Minimal
    input: ``Extension(name="X-NOTE", value="a\\\\nb", params=_QP)``.
    """
    contact = Contact(
        uid="u1",
        formatted_name="Ann",
        extensions=(Extension(name="X-NOTE", value="a\\nb", params=_QP),),
    )
    values = {
        v: _written(contact, v)[0].extensions[0].value for v in ("2.1", "3.0", "4.0", "jcard")
    }
    assert len(set(values.values())) == 1, values


_VERSIONS = ["2.1", "3.0", "4.0", "jcard"]


@pytest.mark.parametrize("version", _VERSIONS)
def test_label_extension_keeps_its_place(version: str) -> None:
    """RT-codecs4-3: ``loads(dumps(c)) == c`` fails for two plain extensions.

    An extension named ``LABEL`` (documented: kept, read back as the extension) comes
    back after every other extension, so the contact read is not the contact written
    (``Contact.extensions`` is an ordered tuple; the store hashes it). Minimal input:
    ``extensions=(Extension(name="LABEL", value="x"), Extension(name="X-A", value="y"))``.
    """
    contact = Contact(
        uid="u",
        formatted_name="A",
        extensions=(Extension(name="LABEL", value="x"), Extension(name="X-A", value="y")),
    )
    assert _written(contact, version)[0].extensions == contact.extensions


@pytest.mark.parametrize("version", _VERSIONS)
def test_empty_title_and_role_round_trip(version: str) -> None:
    """RT-codecs4-4: ``Organization(name="Acme", title="", role="")`` loses its empty strings.

    The writers write ``TITLE:`` and ``ROLE:``; the reader maps them to ``None``, which is
    not in the documented list of what a round trip does not keep. Minimal input: an
    organization with ``title=""``.
    """
    contact = Contact(
        uid="u",
        formatted_name="A",
        organizations=(Organization(name="Acme", title="", role=""),),
    )
    assert _written(contact, version)[0].organizations == contact.organizations


@pytest.mark.parametrize("version", _VERSIONS)
def test_parameter_without_values_is_not_read_as_a_type(version: str) -> None:
    """RT-codecs4-5: ``Email(..., params=(("X-P", ()),))`` comes back with ``types=("x-p",)``.

    The model accepts a parameter with no values in a record's ``params`` (the kept,
    unmodelled parameters); the writers write it as a bare name (``EMAIL;X-P:``), which
    every reader takes for a 2.1 type. The contact changes meaning (a new type, a lost
    parameter). Minimal input: ``Email(address="a@b.c", params=(("X-P", ()),))``.
    """
    contact = Contact(
        uid="u", formatted_name="A", emails=(Email(address="a@b.c", params=(("X-P", ()),)),)
    )
    assert _written(contact, version)[0].emails == contact.emails


@pytest.mark.parametrize("types", [("a,b",), (" work",), (" ",)])
@pytest.mark.parametrize("version", _VERSIONS)
def test_types_are_held_as_every_reader_reads_them(version: str, types: tuple[str, ...]) -> None:
    """RT-codecs4-6: types with a comma or surrounding blanks change in a round trip.

    docs/formats.md: "Types are held as every reader reads them, in the model too:
    lower-case, each once ... so ``loads(dumps(c)) == c``". The readers split a TYPE value
    at commas, strip each piece and drop empty ones; the model only lower-cases and
    de-duplicates, so ``types=("a,b",)`` comes back ``("a", "b")``, ``(" work",)`` as
    ``("work",)`` and ``(" ",)`` as ``()``. Minimal input: ``Email(types=("a,b",))``.
    """
    contact = Contact(uid="u", formatted_name="A", emails=(Email(address="a@b.c", types=types),))
    assert _written(contact, version)[0].emails == contact.emails


def _revalidates(contact: Contact) -> bool:
    try:
        Contact.model_validate_json(contact.model_dump_json())
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_label_the_model_refuses_is_not_attached_to_the_address(version: str) -> None:
    """RT-codecs4-7: a ``LABEL`` with a control character gave a contact the model refuses.

    A card whose ``LABEL`` holds a NUL or an ESC was read with that text as the
    address's ``formatted`` (the builder set it with ``model_copy``, which validates
    nothing), a value ``Address`` refuses: the contact's own JSON does not load again
    (netcore documents, the store), 4.0 (the default output of ``netcore convert``)
    raises ``UnsupportedFormatError``, and the 2.1/3.0 writers write the NUL. Bad input
    must be kept and reported, as a ``FN`` the model refuses is: in extensions, with a
    WARNING naming the line. Minimal input: ``LABEL:a<NUL>b`` after ``ADR:;;x;;;;``.
    """
    text = _card(version, "ADR:;;x;;;;", "LABEL:a\x00b")
    read = vcard.loads(text)
    contact = read[0]
    assert _revalidates(contact)
    assert contact.addresses[0].formatted is None
    assert [(e.name, e.value) for e in contact.extensions] == [("LABEL", "a\x00b")]
    assert [(i.severity.name, i.line) for i in read.issues] == [("WARNING", 6)]
    vcard.dumps([contact], version="4.0")  # writable again


def test_label_is_nfc_when_another_property_is_refused() -> None:
    """RT-codecs4-7 (second face): text is NFC, even on the reader's slow path.

    docs/formats.md: "text is stored in Unicode NFC". When any value of a card is refused
    (here an ``EMAIL`` without ``@``), the card is read again record by record, and that
    path attached the LABEL text without the model's NFC rule: ``U+212B`` (ANGSTROM
    SIGN) stayed instead of ``U+00C5``. Minimal input: ``LABEL:\\u212b``, ``ADR:;;x;;;;``,
    ``EMAIL:\\n``.
    """
    text = _card("3.0", "ADR:;;x;;;;", "LABEL:\u212b", "EMAIL:\\n")
    contact = vcard.loads(text)[0]
    assert contact.addresses[0].formatted == "\u00c5"


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_property_folded_before_its_colon_is_not_swallowed_by_a_backslash(version: str) -> None:
    """RT-codecs4-8: a note ending in a backslash ate the next property (silent loss).

    The reader continues a value that ends in a backslash onto a next line without a
    colon (2.1 writers that break a value with a backslash and a bare newline). It looked
    at the physical line, so a property whose name and parameters are folded before its
    colon (netcore's own writers fold at 75 octets, anywhere in the line) was read as
    part of the value before it: ``Contact(note="C:\\\\")`` with a URL carrying a long
    parameter came back with the URL inside the note, in every version, with a warning
    about a backslash continuation. Minimal input: ``NOTE:C:\\\\`` then
    ``URL;X-P=<80 a>:http://x.example/`` folded before the colon.
    """
    url = Url(value="http://x.example/", params=(("X-P", ("a" * 80,)),))
    contact = Contact(uid="u", formatted_name="A", note="C:\\", urls=(url,))
    text = vcard.dumps([contact], version=version)
    assert "\r\n " in text.split("URL;", 1)[1].split(":", 1)[0]  # folded before the colon
    whole = vcard.loads(text)
    streamed = list(vcard.iter_load(io.BytesIO(text.encode("utf-8"))))
    for back in (whole[0], streamed[0]):
        assert back.note == "C:\\"
        assert back.urls == (url,)
    assert not whole.issues


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
@pytest.mark.parametrize(
    "note",
    [
        "x" * 70 + "BEGIN:VCARD",  # the fold falls right before BEGIN:VCARD
        "x" * 70 + "END:VCARD",
        "x" * 69 + " BEGIN:VCARD",  # a blank before it: the indent of a structure line
        "x" * 70 + "BEGIN:" + "a" * 68 + "y",  # a middle piece that is BEGIN:<name>
        "é" * 35 + "BEGIN:VCARD",  # folded by octets (UTF-8)
    ],
    ids=["begin", "end", "blank", "middle", "utf8"],
)
def test_folding_never_writes_a_structure_line(version: str, note: str) -> None:
    """RT-codecs4-9: a value folded right before ``BEGIN:VCARD`` split the card in two.

    docs/formats.md: an indented line holding nothing but ``BEGIN:<name>`` or
    ``END:<name>`` is a structure line (both readers cut cards by this rule), and
    "writing cannot inject". The plain (not quoted-printable) fold cut lines at 75 octets
    wherever that fell, so a text ending in ``BEGIN:VCARD`` at the fold was written as
    the line `` BEGIN:VCARD``: one contact read back as two, the first without its UID
    and the rest of its properties (a note, a name from another person's file is enough).
    Minimal input: ``Contact(note="x" * 70 + "BEGIN:VCARD")``, any version.
    """
    contact = Contact(uid="u", formatted_name="A", note=note)
    text = vcard.dumps([contact], version=version)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    whole = list(vcard.loads(text))
    streamed = list(vcard.iter_load(io.BytesIO(text.encode("utf-8"))))
    assert [c.note for c in whole] == [note]
    assert [c.note for c in streamed] == [note]
    assert whole[0].uid == "u"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_trailing_empty_titles_keep_their_order(version: str) -> None:
    """RT-codecs4-10: two trailing empty ``ROLE`` lines swap places at every round trip.

    An empty TITLE or ROLE past the last organization is kept in extensions (documented
    in the builder); they were appended last one first, so a card with ``ROLE:`` and
    ``ROLE;X-P=1:`` read, written and read again is not the contact read (and a third
    round swaps them back). Minimal input: ``ROLE:`` then ``ROLE;X-P=1:``.
    """
    read = vcard.loads(_card(version, "ROLE:", "ROLE;X-P=1:"))[0]
    assert [e.params for e in read.extensions] == [(), (("X-P", ("1",)),)]
    assert _written(read, version)[0].extensions == read.extensions


@pytest.mark.parametrize(
    "line", ["EMAIL;GROUP=item7:a@b.c", "X-A;GROUP=g:v", "h.X-A;GROUP=g:v", "X-A;GROUP=a b:v"]
)
def test_parameter_named_group_survives_jcard(line: str) -> None:
    """RT-codecs4-11: vCard -> jCard turns a ``GROUP`` parameter into the property's group.

    jCard (RFC 7095 section 3.5) carries a property's group as the ``group`` member of its
    parameter object, the same object that holds the parameters by lower-case name. A
    vCard parameter named ``GROUP`` (any name is kept, docs/formats.md) is written there
    too: read back, it is the group (``EMAIL;GROUP=item7:`` becomes ``item7.EMAIL``, a
    label carrier), it replaces the real group, or it is dropped with a warning about an
    invalid group; the parameter itself is lost. Minimal input: ``X-A;GROUP=g:v`` (4.0).
    """
    contact = vcard.loads(_card("4.0", line))[0]
    back = _written(contact, "jcard")[0]
    assert back.emails == contact.emails
    assert back.extensions == contact.extensions


@pytest.mark.parametrize("name", ["GROUP", "Group", "X-NETCORE-GROUP", "X-NETCORE-X-NETCORE-GROUP"])
def test_group_like_parameter_escape_is_one_to_one(name: str) -> None:
    """RT-codecs4-11 fix: the escape of a GROUP parameter is one to one.

    The jCard writer puts ``x-netcore-`` before a parameter named GROUP with any number
    of such prefixes; the reader takes one off. So a parameter literally named
    ``X-NETCORE-GROUP`` is not confused with an escaped ``GROUP``, and the group member
    stays the group.
    """
    contact = vcard.loads(_card("4.0", f"h.X-A;{name}=g:v"))[0]
    text = jcard.dumps([contact])
    assert '"group": "h"' in text or '"group":"h"' in text
    back = jcard.loads(text)[0]
    assert back.extensions == contact.extensions
    assert back.extensions[0].params == ((name, ("g",)),)


def test_escaped_group_parameter_read_from_a_jcard() -> None:
    """A jCard written elsewhere with ``x-netcore-group`` reads as a ``GROUP`` parameter."""
    doc = '["vcard", [["version", {}, "text", "4.0"], ["uid", {}, "text", "u"],'
    doc += ' ["fn", {}, "text", "A"],'
    doc += ' ["x-a", {"group": "h", "x-netcore-group": "g"}, "unknown", "v"]]]'
    read = jcard.loads(doc)
    assert not read.issues
    assert read[0].extensions == (
        Extension(name="X-A", group="h", value="v", params=(("GROUP", ("g",)),)),
    )


@pytest.mark.parametrize(
    "extension",
    [
        Extension(name="LOGO", value=f"data:IMAGE/PNG;base64,{PNG}"),
        Extension(name="LOGO", value="data:image/png;base64,iVBO Rw0KGgo="),
        Extension(name="LOGO", value="http://x.example/a.png", params=(("VALUE", ("uri",)),)),
        Extension(name="KEY", value="AAAA", params=(("ENCODING", ("b",)),)),
    ],
    ids=["upper-media-type", "blank-in-base64", "value-uri", "3.0-spelling"],
)
@pytest.mark.parametrize("version", ["3.0", "4.0", "jcard"])
def test_hand_built_media_extension_round_trips(version: str, extension: Extension) -> None:
    """RT-codecs4-12: ``loads(dumps(c)) == c`` fails for media extensions built by hand.

    docs/formats.md ("Logos, sounds and keys"): every reader gives one model form (a
    lower-case ``data:<type>;base64,<canonical base64>`` URI; a URI without
    ``VALUE=uri``). The model accepts other spellings (as it does not for types, which
    it lower-cases "so that loads(dumps(c)) == c"), and each comes back changed:
    ``data:IMAGE/PNG`` as ``data:image/png``, base64 with a blank without it, a
    ``VALUE=uri`` parameter dropped, 3.0's ``ENCODING=b`` as a ``data:`` URI. Minimal
    input: ``Extension(name="LOGO", value="data:IMAGE/PNG;base64,iVBORw0KGgo=")``.
    """
    contact = Contact(uid="u", formatted_name="A", extensions=(extension,))
    assert _written(contact, version)[0].extensions == contact.extensions


def test_model_form_of_a_hand_built_extension_is_the_readers_form() -> None:
    """RT-codecs4-2/-12 fix: the model gives the form the 2.1 and 3.0 readers give."""
    qp = Extension(
        name="X-NOTE", value="Zo\u00eb\nx", params=(("CHARSET", ("UTF-8",)), *_QP, ("X-K", ("v",)))
    )
    read_qp = vcard.loads(
        _card("2.1", "X-NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE;X-K=v:Zo=C3=AB=0D=0Ax")
    )
    assert qp == read_qp[0].extensions[0]
    assert qp.params == (("X-K", ("v",)),)
    key = Extension(name="KEY", value="AAAA", params=(("ENCODING", ("b",)), ("TYPE", ("PGP",))))
    read_key = vcard.loads(_card("3.0", "KEY;ENCODING=b;TYPE=PGP:AAAA"))
    assert key == read_key[0].extensions[0]
    assert key.value == "data:application/pgp-keys;base64,AAAA"


def test_media_extension_that_no_reader_brings_to_the_model_form_is_kept() -> None:
    """Base64 that does not decode is kept as it is (the readers keep it with a WARNING)."""
    ext = Extension(name="LOGO", value="data:image/png;base64,A")
    assert ext.value == "data:image/png;base64,A"
    bad = Extension(name="KEY", value="A!", params=(("ENCODING", ("b",)),))
    assert (bad.value, bad.params) == ("A!", (("ENCODING", ("b",)),))
