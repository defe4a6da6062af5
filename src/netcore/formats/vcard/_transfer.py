r"""Quoted-printable extensions: one model form, each writer its spelling (private).

A vCard 2.1 extension (``X-...``, or a property netcore does not model such as ``LABEL``
or ``FBURL``) may be carried in quoted-printable. Its **model form** is the one a plain
3.0/4.0 extension with the same text has: the decoded text in the escaped text form the
model holds (:func:`netcore.formats._vcard_text.escape` without structure: a line break
is ``\n``, a backslash ``\\``), without the parameters that only said how it was
carried: ``ENCODING=QUOTED-PRINTABLE`` (or the bare ``QUOTED-PRINTABLE``) and a
``CHARSET`` that the reader applied. A ``CHARSET`` that names no text codec (the reader
could not apply it) stays; so does an ``ENCODING`` other than quoted-printable or base64.

Writers: 2.1 writes quoted-printable again (``CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE``,
the same rule as for modelled text) where the text needs it, non-ASCII or a line break;
3.0, 4.0 and jCard write the model form as plain text.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from netcore.formats._vcard_text import escape, unescape
from netcore.formats.contentline import Params
from netcore.formats.contentline._records import _encoding_of

__all__: list[str] = []

_QP_WORDS = frozenset({"QUOTED-PRINTABLE", "QP"})


def _is_qp_param(name: str, values: tuple[str, ...]) -> bool:
    key = name.upper()
    if not values:
        return key == "QUOTED-PRINTABLE"
    return key == "ENCODING" and any(v.upper() in _QP_WORDS for v in values)


def _applicable(charset: tuple[str, ...]) -> bool:
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


def model_form(params: Params, decoded: str) -> tuple[Params, str]:
    """The model form of an extension read from quoted-printable (``decoded`` its text)."""
    kept = tuple(
        (name, values)
        for name, values in params
        if not _is_qp_param(name, values)
        and not (name.upper() == "CHARSET" and _applicable(values))
    )
    return kept, escape(decoded, "4.0", structured=False)


def written_21(
    params: Params, value: str, text_params: Callable[[str], Params]
) -> tuple[str, Params] | None:
    """How 2.1 writes an extension in the model form, or ``None`` to write it as it is.

    ``text_params`` is the 2.1 writer's rule for text (``CHARSET=UTF-8`` and
    ``ENCODING=QUOTED-PRINTABLE`` where it holds non-ASCII or a line break, else nothing),
    applied to the text the value stands for. Written as it is: a value that already
    names an encoding, one that :func:`model_form` would not give again from its text,
    one with a ``CHARSET`` the reader applies (8-bit text, as read). A ``CHARSET`` the
    reader could not apply is kept instead of ``UTF-8``, and the text is written as
    UTF-8, which the reader tries first.
    """
    if _encoding_of(params) is not None or any(name.upper() == "ENCODING" for name, _ in params):
        return None
    text = unescape(value, "4.0")
    added = text_params(text)
    if not added or escape(text, "4.0", structured=False) != value:
        # Nothing to encode, or a value not in the model form (``\,`` or a lone
        # backslash, as a plain 2.1 or 3.0 file wrote it): reading quoted-printable back
        # would not give it again, so it is written as it is.
        return None
    charsets = [values for name, values in params if name.upper() == "CHARSET"]
    if charsets:
        if any(_applicable(values) for values in charsets):
            return None  # 8-bit text in a charset the reader applies: kept that way
        added = tuple(p for p in added if p[0].upper() != "CHARSET")
    return text, params + added
