"""Binary media: media types, ``data:`` URIs and inline base64 (private).

The one place for the rules that ``PHOTO`` (held in ``Contact.photo``) and ``LOGO``,
``SOUND`` and ``KEY`` (held as extensions) share:

* which parameter names a media type (``TYPE=PNG``, ``TYPE=image/png``, 2.1's bare
  ``PNG``, 4.0's ``MEDIATYPE``) and how a writer names it again;
* the media type of bytes that declare none (their magic bytes);
* ``data:`` URIs, read and written;
* the **model form** of an inline ``LOGO``, ``SOUND`` or ``KEY``: an extension whose value
  is ``data:<type/subtype>;base64,<canonical base64>`` (``application/octet-stream`` when
  no type is known) and whose parameters are the file's own, without those that only
  said how the data was carried (``ENCODING``, ``CHARSET``, ``VALUE``, the parameter that
  named the media type). Every reader (2.1, 3.0, 4.0, jCard) gives that form, whichever
  way the file spells it, and every writer spells it for its version: 2.1 and 3.0 as
  base64 with ``ENCODING`` and ``TYPE``, 4.0 and jCard as the ``data:`` URI.
"""

from __future__ import annotations

import base64
import binascii
import re

from netcore.formats.contentline import Params
from netcore.formats.contentline._records import _encoding_of
from netcore.formats.vcard._common import _URL_LIKE
from netcore.model.values import media_type_ok

__all__: list[str] = []

OCTET = "application/octet-stream"
"""What a writer names bytes of no known type; read back as no type."""

DATA_URI = re.compile(r"data:([^;,]*)((?:;[^;,]*)*),(.*)\Z", re.DOTALL | re.IGNORECASE)
"""A ``data:`` URI (RFC 2397): media type, ``;parameters``, data."""

# The model form of inline media: a media type as the model holds one (media_type_ok),
# then base64 with its padding (checked as one character class and a length: a repeated
# group of four costs ten times as much on a long value).
_MODEL_HEAD = re.compile(r"data:([^;,]*);base64,")
_BASE64_TEXT = re.compile(r"[A-Za-z0-9+/]*={0,2}")

MEDIA_EXTENSIONS = frozenset({"LOGO", "SOUND", "KEY"})
"""Binary properties held as extensions in the model form above (``PHOTO`` has a field)."""

# Image subtypes read from a TYPE without '/' (``TYPE=JPEG``), and the bare 2.1 types
# (``PHOTO;JPEG``): the writer uses these short forms only for these, else the full type.
IMAGE_SUBTYPES = frozenset(
    {"jpeg", "jpg", "png", "gif", "bmp", "tiff", "tif", "webp", "heic", "heif", "svg+xml"}
)
BARE_IMAGE_TYPES = frozenset({"JPEG", "PNG", "GIF", "BMP", "TIFF", "JPG"})

# The short forms of RFC 2426 and vCard 2.1 for sounds (BASIC, WAVE, AIFF) and keys
# (X509, PGP), by lower-case short name; read as TYPE= or bare, written back as such.
_SHORT: dict[str, dict[str, str]] = {
    "SOUND": {"basic": "audio/basic", "wave": "audio/wav", "aiff": "audio/aiff"},
    "KEY": {"x509": "application/pkix-cert", "pgp": "application/pgp-keys"},
}
_SHORT_OF: dict[str, dict[str, str]] = {
    name: {media: short.upper() for short, media in table.items()} for name, table in _SHORT.items()
}

# Parameters that only say how inline data is carried: dropped from the model form.
_CARRIER = frozenset({"ENCODING", "CHARSET", "VALUE"})
_BARE_CARRIER = frozenset({"BASE64", "B"})
# The VALUE that says a value is a URI: 3.0/4.0 ``uri``, 2.1 ``URL`` (read case-insensitively).
_URI_VALUES = frozenset({"uri", "url"})


def declared_media_type(name: str, params: Params) -> tuple[str | None, int]:
    """The media type ``params`` declare for a ``name`` property, and that parameter's index.

    The first ``TYPE`` or ``MEDIATYPE`` whose first value holds ``/`` (as written, lower
    case) or is a short form (``JPEG`` for a picture, ``PGP`` for a key, ``BASIC`` for a
    sound), or a bare 2.1 short form (``PHOTO;JPEG``); ``TYPE=WORK`` names none. The index
    is -1 when nothing names a type.
    """
    short = _SHORT.get(name, {})
    for i, (pname, values) in enumerate(params):
        key = pname.upper()
        if key in ("TYPE", "MEDIATYPE") and values:
            v = values[0].strip().lower()
            if "/" in v:
                return v, i
            if v in short:
                return short[v], i
            if not short and v in IMAGE_SUBTYPES:
                return f"image/{v}", i
        elif not values:
            if key.lower() in short:
                return short[key.lower()], i
            if not short and key in BARE_IMAGE_TYPES:
                return f"image/{key.lower()}", i
    return None, -1


def type_param(media_type: str, version: str, name: str = "PHOTO") -> tuple[str, tuple[str, ...]]:
    """The parameter a 2.1 or 3.0 ``name`` property carries its media type in.

    The inverse of :func:`declared_media_type`: ``image/jpeg`` is ``JPEG`` (bare, 2.1) or
    ``TYPE=JPEG`` (3.0); a type the short forms do not cover (``image/x-icon``,
    ``image/svg+xml`` in 2.1) is written whole.
    """
    mt = media_type.lower()
    short = _SHORT_OF.get(name)
    if short is not None:
        word = short.get(mt)
        if word is not None:
            return (word, ()) if version == "2.1" else ("TYPE", (word,))
        return "TYPE", (media_type,)
    sub = mt[6:] if mt.startswith("image/") else ""
    if version == "2.1" and sub.upper() in BARE_IMAGE_TYPES:
        return sub.upper(), ()
    if version != "2.1" and sub in IMAGE_SUBTYPES:
        return "TYPE", (sub.upper(),)
    return "TYPE", (media_type,)


def inline_params(
    media_type: str | None, version: str, name: str = "PHOTO"
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``ENCODING`` (``b`` in 3.0, ``BASE64`` in 2.1) and the type of inline data in 2.1/3.0."""
    params: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("ENCODING", ("b" if version == "3.0" else "BASE64",)),
    )
    if media_type and media_type != OCTET:
        params += (type_param(media_type, version, name),)
    return params


def data_uri(media_type: str | None, b64: str) -> str:
    """The ``data:`` URI of base64 data; no type is written as ``application/octet-stream``."""
    return f"data:{media_type or OCTET};base64,{b64}"


_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)


def sniff(data: bytes, declared: str | None) -> str | None:
    """The media type of inline bytes: as declared, else from the file's magic bytes.

    ``application/octet-stream`` (what a writer puts for "unknown") counts as undeclared,
    so that data read without a type reads back the same after a 4.0 round trip.
    """
    if declared and declared != OCTET:
        return declared
    for magic, media in _MAGIC:
        if data.startswith(magic):
            return media
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def base64_data_uri(uri: str) -> tuple[str, str] | None:
    """``(declared media type, payload)`` of a base64 ``data:`` URI, else ``None``.

    The media type is lower-cased (empty when the URI names none); the payload is the
    base64 text as written. A ``data:`` URI with parameters other than ``base64``
    (``;charset=``, ``;name=``) or without ``base64`` is no inline data here: it is a
    URI, kept as one.
    """
    m = DATA_URI.match(uri)
    if m is None or m.group(2).strip().lower() != ";base64":
        return None
    return m.group(1).strip().lower(), m.group(3)


def decode_base64(text: str) -> bytes | None:
    """The bytes of base64 ``text`` (white space and missing padding allowed), else ``None``.

    A character outside the base64 alphabet is an error, never skipped (which would lose
    the value).
    """
    payload = "".join(text.split())
    try:
        return base64.b64decode(payload + "=" * (-len(payload) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def to_model_form(
    name: str, params: Params, value: str
) -> tuple[tuple[str, Params] | None, str | None]:
    """The model form of one ``LOGO``, ``SOUND`` or ``KEY`` property as read.

    Args:
        name: The property name in capitals.
        params: Its parameters as read.
        value: Its value as read.

    Returns:
        ``(form, problem)``. ``form`` is ``(value, params)`` of the model form for inline
        data (base64 with ``ENCODING``, or a base64 ``data:`` URI) and for a URI with
        ``VALUE=uri`` (held without it), ``None`` for what is kept as it is (text, a URI
        without ``VALUE``, base64 that does not decode). ``problem`` says why inline data
        could not be read (its base64 does not decode, its ``data:`` URI names no valid
        media type): the reader makes it an issue; the value is kept, never dropped.
    """
    if _encoding_of(params) == "base64":
        data = decode_base64(value)
        if data is None:
            return None, f"{name} is not valid base64"
        declared, at = declared_media_type(name, params)
        if declared is not None and not media_type_ok(declared):
            declared, at = None, -1  # not a media type: kept as one of the file's parameters
        media = sniff(data, declared) or OCTET
    else:
        found = base64_data_uri(value.strip())
        if found is None:
            return _uri_form(params, value), None
        if any(
            k.upper() == "VALUE" and vs and vs[0].lower() not in _URI_VALUES for k, vs in params
        ):
            return None, None  # VALUE=text (or another type) says this is no URI
        declared_text, payload = found
        if declared_text and not media_type_ok(declared_text):
            return _uri_form(params, value), f"{name} data: URI names no valid media type"
        data = decode_base64(payload)
        if data is None:
            return _uri_form(params, value), f"{name} data: URI is not valid base64"
        media = sniff(data, declared_text or None) or OCTET
        at = -1
    kept = tuple(
        (k, vs)
        for i, (k, vs) in enumerate(params)
        if i != at and k.upper() not in _CARRIER and not (not vs and k.upper() in _BARE_CARRIER)
    )
    return (data_uri(media, base64.b64encode(data).decode("ascii")), kept), None


def _uri_form(params: Params, value: str) -> tuple[str, Params] | None:
    """A URI held without the ``VALUE=uri`` (2.1: ``VALUE=URL``) that only says it is one.

    A URI is the default of 4.0 and jCard for these properties, inline data that of 2.1
    and 3.0, whose writers add ``VALUE`` again (:func:`to_written_form`): so the same URI
    reads alike from every version.
    """
    if not params or _URL_LIKE.match(value) is None:
        return None
    at = next(
        (
            i
            for i, (k, vs) in enumerate(params)
            if k.upper() == "VALUE" and len(vs) == 1 and vs[0].lower() in _URI_VALUES
        ),
        -1,
    )
    if at < 0:
        return None
    return value, params[:at] + params[at + 1 :]


def to_written_form(
    name: str, params: Params, value: str, version: str
) -> tuple[str, Params] | None:
    """How a ``version`` writer spells a ``LOGO``, ``SOUND`` or ``KEY`` extension.

    The model form is base64 with ``ENCODING`` and ``TYPE`` in 2.1 and 3.0 and stays the
    ``data:`` URI in 4.0; an extension built in 3.0's spelling (``ENCODING=b``) is written
    as the ``data:`` URI in 4.0. Any other URI gets ``VALUE=uri`` (2.1: ``VALUE=URL``) in
    2.1 and 3.0, whose default is inline data. ``None``: written as it is (text, data that
    does not decode).
    """
    if version == "4.0":
        if _encoding_of(params) != "base64":
            return None
        return to_model_form(name, params, value)[0]
    if _encoding_of(params) is not None or any(k.upper() == "VALUE" for k, _ in params):
        return None
    m = _MODEL_HEAD.match(value)
    if m is not None and media_type_ok(m.group(1)):
        payload = value[m.end() :]
        if len(payload) % 4 == 0 and _BASE64_TEXT.fullmatch(payload) is not None:
            return payload, inline_params(m.group(1), version, name) + params
    if _URL_LIKE.match(value) is not None:  # a URI: 2.1 and 3.0 default to inline data
        return value, (("VALUE", ("URL" if version == "2.1" else "uri",)), *params)
    return None
