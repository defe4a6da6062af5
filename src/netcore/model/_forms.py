r"""The one model form of values that files spell in several ways (private).

Pure functions of the model layer, so that :class:`~netcore.model.Extension` holds a
value in the same form every reader gives, and the readers and writers of
:mod:`netcore.formats` use these same rules (one rule in one place):

* **Transfer encodings**: which encoding parameters name (:func:`encoding_of`).
* **Quoted-printable extensions** (:func:`qp_model_form`): the decoded text in the escaped
  text form (:func:`escape_text`: a line break is ``\n``, a backslash ``\\``), without
  ``ENCODING=QUOTED-PRINTABLE`` (or the bare 2.1 ``QUOTED-PRINTABLE``) and without a
  ``CHARSET`` that names a text codec (the reader applied it).
* **Binary media** ``LOGO``, ``SOUND``, ``KEY`` (:func:`to_model_form`): an inline value
  is ``data:<type/subtype>;base64,<canonical base64>`` (``application/octet-stream`` when
  no type is known) without the parameters that only said how the data was carried
  (``ENCODING``, ``CHARSET``, ``VALUE``, the parameter that named the media type); a URI
  is held without the ``VALUE=uri`` (2.1: ``VALUE=URL``) that only says it is one.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re

from netcore.model.values import Params, media_type_ok

__all__: list[str] = []

URL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
"""What starts a URI: a scheme and ``:`` (the one rule for "this value is a URI")."""


def encoding_of(params: Params) -> str | None:
    """The transfer encoding ``params`` name: ``quoted-printable``, ``base64`` or ``None``.

    ``ENCODING=QUOTED-PRINTABLE`` (or ``QP``), ``ENCODING=BASE64`` (or ``b``), or a bare 2.1
    ``QUOTED-PRINTABLE``, ``BASE64`` or ``B``; the first encoding named wins.
    """
    for pname, values in params:
        key = pname.upper()
        if key == "ENCODING":
            for v in values:
                vk = v.upper()
                if vk in ("QUOTED-PRINTABLE", "QP"):
                    return "quoted-printable"
                if vk in ("BASE64", "B"):
                    return "base64"
        elif not values:
            if key == "QUOTED-PRINTABLE":
                return "quoted-printable"
            if key in ("BASE64", "B"):
                return "base64"
    return None


def escape_text(value: str) -> str:
    r"""Text in the escaped form of an unstructured 3.0/4.0 value: ``\\`` and ``\n``.

    A backslash is ``\\``; CR LF, CR and LF are each one ``\n``.
    """
    if "\\" not in value and "\n" not in value and "\r" not in value:
        return value
    value = value.replace("\\", "\\\\")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


_QP_WORDS = frozenset({"QUOTED-PRINTABLE", "QP"})


def is_qp_param(name: str, values: tuple[str, ...]) -> bool:
    """Whether one parameter only says "quoted-printable"."""
    key = name.upper()
    if not values:
        return key == "QUOTED-PRINTABLE"
    return key == "ENCODING" and any(v.upper() in _QP_WORDS for v in values)


def applicable(charset: tuple[str, ...]) -> bool:
    """Whether the reader could decode with this ``CHARSET`` (a text codec Python knows)."""
    if len(charset) != 1:
        return False
    try:
        codecs.lookup(charset[0])
    except (LookupError, ValueError):  # an unknown name, or one no name can be (a NUL)
        return False
    try:
        b"\0\0\0\0".decode(charset[0])
    except LookupError:  # a codec that is not text (zlib_codec)
        return False
    except ValueError:  # a text codec, which these bytes do not fit
        return True
    return True


def qp_model_form(params: Params, decoded: str) -> tuple[Params, str]:
    """The model form of a quoted-printable extension whose text is ``decoded``."""
    kept = tuple(
        (name, values)
        for name, values in params
        if not is_qp_param(name, values) and not (name.upper() == "CHARSET" and applicable(values))
    )
    return kept, escape_text(decoded)


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
    if encoding_of(params) == "base64":
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
    and 3.0, whose writers add ``VALUE`` again (``to_written_form`` of
    ``netcore.formats.vcard._media``): so the same URI
    reads alike from every version.
    """
    if not params or URL_LIKE.match(value) is None:
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
