r"""Quoted-printable extensions: one model form, each writer its spelling (private).

A vCard 2.1 extension (``X-...``, or a property netcore does not model such as ``LABEL``
or ``FBURL``) may be carried in quoted-printable. Its **model form** is the one a plain
3.0/4.0 extension with the same text has: the decoded text in the escaped text form the
model holds (:func:`netcore.model._forms.escape_text`: a line break
is ``\n``, a backslash ``\\``), without the parameters that only said how it was
carried: ``ENCODING=QUOTED-PRINTABLE`` (or the bare ``QUOTED-PRINTABLE``) and a
``CHARSET`` that the reader applied. A ``CHARSET`` that names no text codec (the reader
could not apply it) stays; so does an ``ENCODING`` other than quoted-printable or base64.

Writers: 2.1 writes quoted-printable again (``CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE``,
the same rule as for modelled text) where the text needs it, non-ASCII or a line break;
3.0, 4.0 and jCard write the model form as plain text.
"""

from __future__ import annotations

from collections.abc import Callable

from netcore.formats._vcard_text import unescape
from netcore.formats.contentline import Params
from netcore.model._forms import applicable, encoding_of, escape_text, qp_model_form

__all__: list[str] = []

model_form = qp_model_form  # the reader names the model's rule from here

# The model form itself (model_form) is a rule of the model (netcore.model._forms), which
# Extension applies to a value built by hand; the reader uses the same function.


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
    if encoding_of(params) is not None or any(name.upper() == "ENCODING" for name, _ in params):
        return None
    text = unescape(value, "4.0")
    added = text_params(text)
    if not added or escape_text(text) != value:
        # Nothing to encode, or a value not in the model form (``\,`` or a lone
        # backslash, as a plain 2.1 or 3.0 file wrote it): reading quoted-printable back
        # would not give it again, so it is written as it is.
        return None
    charsets = [values for name, values in params if name.upper() == "CHARSET"]
    if charsets:
        if any(applicable(values) for values in charsets):
            return None  # 8-bit text in a charset the reader applies: kept that way
        added = tuple(p for p in added if p[0].upper() != "CHARSET")
    return text, params + added
