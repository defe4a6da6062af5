r"""The lossless content-line layer shared by vCard 2.1, 3.0, 4.0 (and iCalendar pre-checks).

A content line is ``[group "."] name *(";" param) ":" value``. This module turns bytes or
text into :class:`Component` trees (``BEGIN:X`` ... ``END:X``, of any name, nested
components becoming children) of :class:`Property` records, and writes them back.
Nothing is interpreted beyond what every version shares:

* **Text**: UTF-8 (a BOM is skipped), UTF-16 or UTF-32, with a BOM or without one
  (recognised by the zero bytes around a first ASCII character, as Mac OS X Address Book
  writes UTF-16; the rule every reader shares, in ``netcore.formats._encoding``). A
  UTF-16 or UTF-32 file appended to a UTF-8 one is read as such from its ``BEGIN`` line.
* **Line endings**: CRLF, LF, CR CR LF and lone CR all end a physical line.
* **Structure**: ``BEGIN:X`` while an ``X`` is open (and not right after an empty 2.1
  ``AGENT`` property) starts the next ``X``: the open one had no ``END`` (an issue).
* **Unfolding** happens on the raw bytes, so a fold that splits a UTF-8 sequence is
  joined before decoding. A continuation line starts with a space or a TAB; one such
  character is removed (RFC 6350 section 3.2).
* **vCard 2.1 quirks**: quoted-printable soft line breaks (``=`` at the end of a line; the
  next line is taken verbatim, a leading space included, as RFC 2045 says), base64 blocks
  whose lines are not indented and that end at a blank line, bare parameters
  (``TEL;CELL;PREF``), and values continued by a backslash at the end of the line (kept as
  the escape ``\n``, with a warning).
* **Parameters** are an ordered tuple of ``(name, values)`` pairs, exactly as written: a
  bare parameter has no values, ``TYPE=`` has one empty value, a quoted value is one
  value even when it holds ``,``, ``;`` or ``:``. RFC 6868 caret escapes (``^n``, ``^^``,
  ``^'``) are decoded.
* **Values** are text. ``ENCODING=QUOTED-PRINTABLE`` values are decoded, then turned into
  text with their ``CHARSET`` (UTF-8 first, then the declared charset, then
  windows-1252, then Latin-1, which never fails); bytes outside quoted-printable are
  decoded the same way. Base64 values stay base64 text (whitespace removed). Backslash
  escapes are *not* undone here: which characters are escaped depends on the property
  and the version, so that is the job of :mod:`netcore.formats.vcard`. The parameters
  are kept, so :func:`serialize` writes quoted-printable and base64 back as they were.

Every physical line ends up in a :class:`Property`, a ``BEGIN``/``END`` line of a
:class:`Component`, or an :class:`~netcore.formats.issues.Issue` (blank lines between
components are ignored). Limits (:class:`Limits`) bound line length, component size,
property count and nesting; going past one is an issue, or a
:class:`~netcore.errors.LimitExceededError` in strict mode. Hostile input cannot flood the
issues: a content line dropped for its length is one issue however many physical lines
it spans, and components nested too deep are one issue per top-level component (plus one
summary counting any further such subtrees in it). Input that is not valid UTF-8 is
reported once, at its first such line.

Examples:
    >>> cards = parse(b"BEGIN:VCARD\r\nVERSION:3.0\r\nitem1.TEL;TYPE=CELL,VOICE:+1 555\r\n"
    ...               b"END:VCARD\r\n")
    >>> prop = cards[0].properties[1]
    >>> prop.group, prop.name, prop.params, prop.value
    ('item1', 'TEL', (('TYPE', ('CELL', 'VOICE')),), '+1 555')
    >>> serialize(cards).splitlines()[2]
    'item1.TEL;TYPE=CELL,VOICE:+1 555'
"""

from netcore.formats.contentline._reading import parse
from netcore.formats.contentline._records import DEFAULT_LIMITS as DEFAULT_LIMITS
from netcore.formats.contentline._records import Component, Limits, Params, Property
from netcore.formats.contentline._streaming import iter_components
from netcore.formats.contentline._writing import digest_text, serialize
from netcore.formats.issues import Issue as Issue

__all__ = [
    "Component",
    "Limits",
    "Params",
    "Property",
    "digest_text",
    "iter_components",
    "parse",
    "serialize",
]
