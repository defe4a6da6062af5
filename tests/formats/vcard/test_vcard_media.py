"""LOGO, SOUND and KEY: one model form for inline data, each version's spelling written.

RT-codecs3-10: a 3.0 ``LOGO;ENCODING=b;TYPE=PNG:`` written as 4.0 or jCard kept the
3.0-only ``ENCODING=b``, so a 4.0 reader took the base64 for a URI. Every reader now holds
inline data as an extension whose value is a ``data:`` URI (the form 4.0 and jCard write),
whichever way the file spells it; 2.1 and 3.0 writers spell it as base64 with
``ENCODING`` and ``TYPE`` again.
"""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from netcore.formats import jcard, vcard
from netcore.model import Contact, Extension, Photo

# Four bytes that are no known image: the type comes from the parameters, not the bytes.
_B64 = "AAECAw=="
_GIF = f"data:image/gif;base64,{_B64}"


def _card(version: str, *lines: str) -> str:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\nUID:u\r\nFN:Acme\r\n{body}END:VCARD\r\n"


def _jcard(*props: list[object]) -> str:
    card = [["version", {}, "text", "4.0"], ["fn", {}, "text", "Acme"], ["uid", {}, "uri", "u"]]
    return json.dumps(["vcard", [*card, *props]])


def _lines(text: str, name: str) -> list[str]:
    return [line for line in text.split("\r\n") if line.split(";")[0].split(":")[0] == name]


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    "text",
    [
        _card("2.1", f"LOGO;GIF;BASE64:{_B64}"),
        _card("2.1", f"LOGO;GIF;B:{_B64}"),
        _card("2.1", f"LOGO;ENCODING=BASE64;TYPE=GIF:{_B64}"),
        _card("3.0", f"LOGO;ENCODING=b;TYPE=GIF:{_B64}"),
        _card("3.0", f"LOGO;TYPE=image/gif;ENCODING=B:{_B64}"),
        _card("3.0", f'LOGO;ENCODING=b;TYPE="GIF":{_B64}'),
        _card("3.0", f"LOGO;VALUE=binary;ENCODING=b;TYPE=gif:{_B64}"),
        _card("3.0", f"LOGO;VALUE=uri:data:image/gif;base64,{_B64}"),
        _card("4.0", f"LOGO:data:image/gif;base64,{_B64}"),
        _card("4.0", f"LOGO:DATA:IMAGE/GIF;BASE64,{_B64}"),
        _card("4.0", "LOGO:data:image/gif;base64,AAECAw"),  # padding left out
    ],
    ids=[
        "2.1 bare BASE64",
        "2.1 bare B",
        "2.1 ENCODING=BASE64",
        "3.0 ENCODING=b TYPE=GIF",
        "3.0 TYPE=image/gif ENCODING=B",
        "3.0 quoted TYPE",
        "3.0 VALUE=binary",
        "3.0 VALUE=uri data URI",
        "4.0 data URI",
        "4.0 data URI in capitals",
        "4.0 data URI without padding",
    ],
)
def test_every_spelling_of_an_inline_logo_reads_as_one_model_form(text: str) -> None:
    parsed = vcard.loads(text)
    assert parsed.issues == []
    assert parsed[0].extensions == (Extension(name="LOGO", value=_GIF),)


@pytest.mark.parametrize(
    "prop",
    [
        ["logo", {}, "uri", _GIF],
        ["logo", {"encoding": "b", "type": "GIF"}, "binary", _B64],
        ["logo", {"encoding": "b", "type": "image/gif"}, "uri", _B64],
    ],
    ids=["data URI", "binary with ENCODING=b", "ENCODING=b with a uri type"],
)
def test_jcard_reads_an_inline_logo_as_the_same_model_form(prop: list[object]) -> None:
    parsed = jcard.loads(_jcard(prop))
    assert parsed[0].extensions == (Extension(name="LOGO", value=_GIF),)


def test_group_and_other_parameters_are_kept_and_the_carriers_are_not() -> None:
    text = _card("3.0", f"item1.LOGO;ENCODING=b;X-FOO=bar;TYPE=GIF;CHARSET=UTF-8:{_B64}")
    ext = vcard.loads(text)[0].extensions[0]
    assert ext == Extension(name="LOGO", value=_GIF, group="item1", params=(("X-FOO", ("bar",)),))


def test_a_type_from_the_bytes_when_the_card_names_none() -> None:
    # "iVBORw0KGgo=" is the PNG signature: read as image/png, as a photo is.
    exts = vcard.loads(_card("3.0", "LOGO;ENCODING=b:iVBORw0KGgo=", f"KEY;ENCODING=b:{_B64}"))[
        0
    ].extensions
    assert [e.value for e in exts] == [
        "data:image/png;base64,iVBORw0KGgo=",
        f"data:application/octet-stream;base64,{_B64}",
    ]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        (f"KEY;TYPE=PGP;ENCODING=b:{_B64}", f"data:application/pgp-keys;base64,{_B64}"),
        (f"KEY;X509;ENCODING=BASE64:{_B64}", f"data:application/pkix-cert;base64,{_B64}"),
        (f"SOUND;TYPE=BASIC;ENCODING=b:{_B64}", f"data:audio/basic;base64,{_B64}"),
        (f"SOUND;WAVE;BASE64:{_B64}", f"data:audio/wav;base64,{_B64}"),
        (f"SOUND;TYPE=audio/ogg;ENCODING=b:{_B64}", f"data:audio/ogg;base64,{_B64}"),
    ],
)
def test_short_types_of_keys_and_sounds(line: str, value: str) -> None:
    ext = vcard.loads(_card("3.0", line))[0].extensions[0]
    assert (ext.value, ext.params) == (value, ())


def test_a_type_that_names_no_media_type_is_kept_as_a_parameter() -> None:
    ext = vcard.loads(_card("3.0", f"KEY;TYPE=work;ENCODING=b:{_B64}"))[0].extensions[0]
    assert ext == Extension(
        name="KEY",
        value=f"data:application/octet-stream;base64,{_B64}",
        params=(("TYPE", ("work",)),),
    )
    written = vcard.dumps(vcard.loads(_card("3.0", f"KEY;TYPE=work;ENCODING=b:{_B64}")))
    assert _lines(written, "KEY") == [f"KEY;TYPE=work:data:application/octet-stream;base64,{_B64}"]


def test_a_uri_is_held_without_its_value_uri_and_text_as_it_was() -> None:
    # 4.0 and jCard need no VALUE=uri (their default), 2.1 and 3.0 do (theirs is inline
    # data): the model holds a URI without it, so that each version reads it alike.
    text = _card(
        "3.0",
        "LOGO;VALUE=uri:http://example.org/logo.png",
        "SOUND;X-IRMC-N;CHARSET=SHIFT_JIS:Yamada",
        "KEY;TYPE=work;VALUE=URI:http://example.org/key.asc",
    )
    parsed = vcard.loads(text)
    assert parsed[0].extensions == (
        Extension(name="LOGO", value="http://example.org/logo.png"),
        Extension(
            name="SOUND", value="Yamada", params=(("X-IRMC-N", ()), ("CHARSET", ("SHIFT_JIS",)))
        ),
        Extension(name="KEY", value="http://example.org/key.asc", params=(("TYPE", ("work",)),)),
    )
    assert parsed.issues == []
    written = {v: vcard.dumps(parsed, version=v) for v in vcard.VERSIONS}
    assert _lines(written["3.0"], "KEY") == ["KEY;VALUE=uri;TYPE=work:http://example.org/key.asc"]
    assert _lines(written["4.0"], "KEY") == ["KEY;TYPE=work:http://example.org/key.asc"]
    for version in vcard.VERSIONS:
        assert list(vcard.loads(written[version])) == list(parsed)
    assert list(jcard.loads(jcard.dumps(parsed))) == list(parsed)


def test_a_uri_read_from_4_0_stays_a_uri_in_2_1_and_3_0() -> None:
    # 4.0's default for these properties is a URI, 2.1's and 3.0's inline data: the
    # older versions say VALUE=uri (2.1: VALUE=URL) so the URI is not read as base64.
    parsed = vcard.loads(_card("4.0", "LOGO:http://example.org/logo.png", "SOUND:CID:part8"))
    assert parsed[0].extensions == (
        Extension(name="LOGO", value="http://example.org/logo.png"),
        Extension(name="SOUND", value="CID:part8"),
    )
    written = {v: vcard.dumps(parsed, version=v) for v in vcard.VERSIONS}
    assert _lines(written["2.1"], "LOGO") == ["LOGO;VALUE=URL:http://example.org/logo.png"]
    assert _lines(written["3.0"], "LOGO") == ["LOGO;VALUE=uri:http://example.org/logo.png"]
    assert _lines(written["3.0"], "SOUND") == ["SOUND;VALUE=uri:CID:part8"]
    assert _lines(written["4.0"], "LOGO") == ["LOGO:http://example.org/logo.png"]


# --------------------------------------------------------------------------- writing


def _acme(*extensions: Extension) -> Contact:
    return Contact(uid="u", formatted_name="Acme", extensions=extensions)


@pytest.mark.parametrize(
    ("version", "line"),
    [
        ("2.1", f"LOGO;ENCODING=BASE64;GIF:{_B64}"),
        ("3.0", f"LOGO;ENCODING=b;TYPE=GIF:{_B64}"),
        ("4.0", f"LOGO:data:image/gif;base64,{_B64}"),
    ],
)
def test_each_version_writes_the_model_form_in_its_own_spelling(version: str, line: str) -> None:
    written = vcard.dumps(_acme(Extension(name="LOGO", value=_GIF)), version=version)
    assert _lines(written, "LOGO") == [line]
    assert "ENCODING" not in written or version != "4.0"


def test_jcard_writes_the_data_uri() -> None:
    doc = json.loads(jcard.dumps(_acme(Extension(name="LOGO", value=_GIF))))
    assert ["logo", {}, "uri", _GIF] in doc[1]


@pytest.mark.parametrize(
    ("version", "line"),
    [
        ("2.1", f"KEY;ENCODING=BASE64;PGP:{_B64}"),
        ("3.0", f"KEY;ENCODING=b;TYPE=PGP:{_B64}"),
        ("4.0", f"KEY:data:application/pgp-keys;base64,{_B64}"),
    ],
)
def test_a_key_is_written_with_its_short_type(version: str, line: str) -> None:
    ext = Extension(name="KEY", value=f"data:application/pgp-keys;base64,{_B64}")
    assert _lines(vcard.dumps(_acme(ext), version=version), "KEY") == [line]


def test_an_extension_built_in_3_0_spelling_is_written_as_a_data_uri_in_4_0() -> None:
    ext = Extension(name="LOGO", value=_B64, params=(("ENCODING", ("b",)), ("TYPE", ("GIF",))))
    assert _lines(vcard.dumps(_acme(ext)), "LOGO") == [f"LOGO:data:image/gif;base64,{_B64}"]
    assert ["logo", {}, "uri", _GIF] in json.loads(jcard.dumps(_acme(ext)))[1]


def test_3_0_to_4_0_to_3_0_gives_back_the_start() -> None:
    start = _card(
        "3.0",
        f"item1.LOGO;ENCODING=b;TYPE=GIF;X-FOO=bar:{_B64}",
        "item1.X-ABLabel:brand",
        f"KEY;ENCODING=b;TYPE=PGP:{_B64}",
        f"SOUND;ENCODING=b;TYPE=BASIC:{_B64}",
        f"KEY;ENCODING=b:{_B64}",
        "LOGO;VALUE=uri:http://example.org/logo.png",
    )
    first = vcard.loads(start)
    via_4 = vcard.loads(vcard.dumps(first, version="4.0"))
    back = vcard.loads(vcard.dumps(via_4, version="3.0"))
    assert list(via_4) == list(first)
    assert list(back) == list(first)
    assert list(jcard.loads(jcard.dumps(first))) == list(first)
    written = vcard.dumps(back, version="3.0")
    assert _lines(written, "item1.LOGO") == [f"item1.LOGO;ENCODING=b;TYPE=GIF;X-FOO=bar:{_B64}"]
    assert _lines(written, "KEY")[0] == f"KEY;ENCODING=b;TYPE=PGP:{_B64}"


def test_2_1_round_trip_through_4_0() -> None:
    first = vcard.loads(_card("2.1", f"LOGO;GIF;BASE64:{_B64}", f"SOUND;WAVE;BASE64:{_B64}"))
    assert list(vcard.loads(vcard.dumps(first, version="4.0"))) == list(first)
    assert list(vcard.loads(vcard.dumps(first, version="2.1"))) == list(first)


def test_the_corpus_outlook_key_survives_a_4_0_round_trip(corpus_dir: object) -> None:
    # ez-vcard's Outlook 2003 card carries a 2.1 "KEY;X509;ENCODING=BASE64:" certificate
    # folded over many lines: the L1 measure reported it changed (tools/fidelity.py).
    from pathlib import Path

    data = (Path(str(corpus_dir)) / "vcard/ez-vcard/outlook-2003.vcf").read_bytes()
    first = vcard.loads(data)
    again = vcard.loads(vcard.dumps(list(first), version="4.0"))
    keys = [e for e in first[0].extensions if e.name == "KEY"]
    assert len(keys) == 1
    assert keys[0].value.startswith("data:application/pkix-cert;base64,MIIDITCCAoqgAwIBAgIQT52W")
    assert [e for e in again[0].extensions if e.name == "KEY"] == keys


# --------------------------------------------------------------------------- hostile


def test_a_data_uri_without_base64_is_a_uri_kept_as_written() -> None:
    uri = "data:image/svg+xml,%3Csvg%2F%3E"
    parsed = vcard.loads(_card("4.0", f"LOGO:{uri}"))
    assert parsed[0].extensions == (Extension(name="LOGO", value=uri),)
    assert parsed.issues == []
    for version, head in (("2.1", "LOGO;VALUE=URL"), ("3.0", "LOGO;VALUE=uri"), ("4.0", "LOGO")):
        written = vcard.dumps(parsed, version=version)
        assert _lines(written, "LOGO") == [f"{head}:{uri}"]
        assert list(vcard.loads(written)) == list(parsed)


def test_a_data_uri_with_a_bad_media_type_is_kept_with_an_issue() -> None:
    text = _card("4.0", f"LOGO:data:ima ge/gif;base64,{_B64}")
    parsed = vcard.loads(text)
    assert parsed[0].extensions == (Extension(name="LOGO", value=f"data:ima ge/gif;base64,{_B64}"),)
    assert [(i.line, i.property) for i in parsed.issues] == [(5, "LOGO")]
    assert "media type" in parsed.issues[0].message


def test_a_type_parameter_that_is_no_media_type_is_kept_not_put_in_the_uri() -> None:
    parsed = vcard.loads(_card("3.0", f'LOGO;ENCODING=b;TYPE="ima ge/gif":{_B64}'))
    ext = parsed[0].extensions[0]
    assert ext.value == f"data:application/octet-stream;base64,{_B64}"
    assert ext.params == (("TYPE", ("ima ge/gif",)),)
    assert list(vcard.loads(vcard.dumps(parsed))) == list(parsed)


@pytest.mark.parametrize("version", vcard.VERSIONS)
def test_a_line_break_in_type_cannot_write_a_second_property(version: str) -> None:
    # RFC 6868 ^n is a line break in the parameter value.
    parsed = vcard.loads(_card("3.0", f'LOGO;ENCODING=b;TYPE="x^nX-EVIL:1":{_B64}'))
    ext = parsed[0].extensions[0]
    assert ext.params == (("TYPE", ("x\nX-EVIL:1",)),)
    written = vcard.dumps(parsed, version=version)
    assert not any(line.startswith("X-EVIL") for line in written.split("\r\n"))
    assert list(vcard.loads(written)) == list(parsed)


def test_a_line_break_in_a_jcard_type_cannot_write_a_second_property() -> None:
    parsed = jcard.loads(
        _jcard(["logo", {"encoding": "b", "type": "x\r\nX-EVIL:1"}, "binary", _B64])
    )
    assert parsed[0].extensions[0].value == f"data:application/octet-stream;base64,{_B64}"
    for version in vcard.VERSIONS:
        written = vcard.dumps(parsed, version=version)
        assert not any(line.startswith("X-EVIL") for line in written.split("\r\n"))


@pytest.mark.parametrize(
    "line",
    ["LOGO;ENCODING=b;TYPE=GIF:not*base64!", "LOGO;ENCODING=b;TYPE=GIF:AAECA"],
    ids=["outside the alphabet", "one character too many"],
)
def test_base64_that_does_not_decode_is_kept_with_an_issue(line: str) -> None:
    parsed = vcard.loads(_card("3.0", line))
    value = line.split(":", 1)[1]
    assert parsed[0].extensions == (
        Extension(name="LOGO", value=value, params=(("ENCODING", ("b",)), ("TYPE", ("GIF",)))),
    )
    assert [(i.line, i.property) for i in parsed.issues] == [(5, "LOGO")]
    assert "not valid base64" in parsed.issues[0].message
    # Written back as it was, in every version: nothing is lost.
    for version in ("3.0", "4.0"):
        assert _lines(vcard.dumps(parsed, version=version), "LOGO") == [line]


def test_a_data_uri_whose_base64_does_not_decode_is_kept_with_an_issue() -> None:
    parsed = vcard.loads(_card("4.0", "LOGO:data:image/gif;base64,not*base64!"))
    assert parsed[0].extensions == (
        Extension(name="LOGO", value="data:image/gif;base64,not*base64!"),
    )
    assert [(i.line, i.property) for i in parsed.issues] == [(5, "LOGO")]
    written = vcard.dumps(parsed, version="3.0")
    assert _lines(written, "LOGO") == ["LOGO;VALUE=uri:data:image/gif;base64,not*base64!"]
    assert _lines(vcard.dumps(parsed), "LOGO") == ["LOGO:data:image/gif;base64,not*base64!"]
    assert list(vcard.loads(written)) == list(parsed)


def test_a_photo_is_read_and_written_as_before() -> None:
    # PHOTO shares the media rules: its field, not an extension.
    parsed = vcard.loads(_card("3.0", f"PHOTO;ENCODING=b;TYPE=GIF:{_B64}"))
    assert parsed[0].photo is not None
    assert (parsed[0].photo.media_type, parsed[0].extensions) == ("image/gif", ())
    assert _lines(vcard.dumps(parsed, version="4.0"), "PHOTO") == [f"PHOTO:{_GIF}"]


def test_a_photo_data_uri_with_other_parameters_is_kept_as_a_uri() -> None:
    # The one data: URI rule: only ";base64" makes inline data; a ";name=" parameter
    # would be lost by decoding, so the URI is kept whole (PHOTO and LOGO alike).
    uri = f"data:image/gif;name=a.gif;base64,{_B64}"
    parsed = vcard.loads(_card("4.0", f"PHOTO:{uri}", f"LOGO:{uri}"))
    assert parsed[0].photo is not None
    assert parsed[0].photo.uri == uri
    assert parsed[0].extensions == (Extension(name="LOGO", value=uri),)


# --------------------------------------------------------------------------- property


_SPELLINGS = {
    # media type -> the TYPE parameter 3.0 writes for it (None: no TYPE)
    "LOGO": {"image/gif": "GIF", "image/svg+xml": "SVG+XML", "image/x-icon": "image/x-icon"},
    "SOUND": {"audio/basic": "BASIC", "audio/ogg": "audio/ogg"},
    "KEY": {"application/pgp-keys": "PGP", "application/pkix-cert": "X509"},
}


@given(
    name=st.sampled_from(sorted(_SPELLINGS)),
    data=st.binary(max_size=40),
    pick=st.integers(0, 2),
    start=st.sampled_from(["2.1", "3.0", "4.0", "jcard"]),
)
def test_any_inline_media_reads_alike_from_every_version(
    name: str, data: bytes, pick: int, start: str
) -> None:
    media = sorted(_SPELLINGS[name])[pick % len(_SPELLINGS[name])]
    b64 = base64.b64encode(data).decode("ascii")
    expected = Extension(name=name, value=f"data:{media};base64,{b64}", group="g1")
    if start == "jcard":
        parsed = jcard.loads(_jcard([name.lower(), {"group": "g1"}, "uri", expected.value]))
    else:
        line = {
            "2.1": f"g1.{name};ENCODING=BASE64;TYPE={media}:{b64}",
            "3.0": f"g1.{name};ENCODING=b;TYPE={_SPELLINGS[name][media]}:{b64}",
            "4.0": f"g1.{name}:{expected.value}",
        }[start]
        parsed = vcard.loads(_card(start, line))
    assert parsed.issues == []
    assert parsed[0].extensions == (expected,)
    for version in vcard.VERSIONS:
        assert list(vcard.loads(vcard.dumps(parsed, version=version))) == list(parsed)
    assert list(jcard.loads(jcard.dumps(parsed))) == list(parsed)


def test_a_media_type_with_a_trailing_line_break_is_refused() -> None:
    # The one media-type rule (model.values.media_type_ok) matches the whole text: the
    # former pattern's "$" let "image/png\n" through, which no data: URI can carry.
    with pytest.raises(ValidationError):
        Photo(data=b"x", media_type="image/png\n")
    ext = Extension(name="LOGO", value=f"data:image/gif\n;base64,{_B64}")
    written = vcard.dumps(_acme(ext), version="3.0")
    assert "ENCODING" not in written  # not the model form: written as the URI it is
