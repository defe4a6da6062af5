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

from netcore.formats.contentline import Params
from netcore.model._forms import _BASE64_TEXT, _MODEL_HEAD, _SHORT_OF, URL_LIKE, encoding_of
from netcore.model._forms import BARE_IMAGE_TYPES as BARE_IMAGE_TYPES
from netcore.model._forms import DATA_URI as DATA_URI
from netcore.model._forms import IMAGE_SUBTYPES as IMAGE_SUBTYPES
from netcore.model._forms import MEDIA_EXTENSIONS as MEDIA_EXTENSIONS
from netcore.model._forms import OCTET as OCTET
from netcore.model._forms import base64_data_uri as base64_data_uri
from netcore.model._forms import data_uri as data_uri
from netcore.model._forms import declared_media_type as declared_media_type
from netcore.model._forms import decode_base64 as decode_base64
from netcore.model._forms import sniff as sniff
from netcore.model._forms import to_model_form as to_model_form
from netcore.model.values import media_type_ok

__all__: list[str] = []

# The rules of the model form live in the model (netcore.model._forms), so that
# Extension holds a value in the form every reader gives; the readers and writers of
# this package name them from here.


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
        if encoding_of(params) != "base64":
            return None
        return to_model_form(name, params, value)[0]
    if encoding_of(params) is not None or any(k.upper() == "VALUE" for k, _ in params):
        return None
    m = _MODEL_HEAD.match(value)
    if m is not None and media_type_ok(m.group(1)):
        payload = value[m.end() :]
        if len(payload) % 4 == 0 and _BASE64_TEXT.fullmatch(payload) is not None:
            return payload, inline_params(m.group(1), version, name) + params
    if URL_LIKE.match(value) is not None:  # a URI: 2.1 and 3.0 default to inline data
        return value, (("VALUE", ("URL" if version == "2.1" else "uri",)), *params)
    return None
