r"""vCard 2.1, 3.0 and 4.0 to and from :class:`~netcore.model.Contact`.

Reading goes through :mod:`netcore.formats.contentline` (every line kept, every quirk of
the three versions understood) and maps the properties netcore models; every other
property, and every modelled one whose value cannot be read (an email without ``@``, a
birthday that is not a date), goes to ``Contact.extensions`` verbatim, with an issue.
Apple's ``itemN.X-ABLabel`` becomes the ``label`` of the property in the same group.

Details worth knowing:

* **uid**: a card without ``UID`` gets ``urn:uuid:`` + a UUID 5 of the card's own
  content lines, so the same input always gives the same uid.
* **formatted_name**: a card without ``FN`` gets one derived from ``N`` (prefixes, given,
  additional, family, suffixes), else the first ``ORG``, else the first email.
* ``ORG``, ``TITLE`` and ``ROLE`` pair up in order into ``Organization`` records.
* ``LABEL`` (2.1/3.0) attaches to the ``ADR`` of its group when that group holds one
  ``ADR``, else to the first ``ADR`` with the same types (the writer puts a ``LABEL``
  in its ``ADR``'s group when the types would give it to another address); the 4.0
  ``LABEL`` parameter of ``ADR`` is read too. Both fill ``Address.formatted``.
* Dates: ``YYYYMMDD``, ``YYYY-MM-DD``, date-times (the time is dropped), ``--MMDD``, ISO
  partial dates, and Apple's ``X-APPLE-OMIT-YEAR`` / year 1604 for "no year".
* ``PHOTO`` accepts base64 (``ENCODING=b``/``BASE64``), ``data:`` URIs and URLs; a
  second photo is an extension; a ``data:`` URI whose data is not valid base64 (any
  character outside the alphabet but whitespace), or a base64 value that cannot be
  decoded, is kept verbatim in extensions with a warning. A nested 2.1 ``AGENT`` card becomes an
  ``AGENT`` extension holding the escaped card text; any other nested component (a
  ``VEVENT``, say) becomes an ``X-NETCORE-COMPONENT`` extension holding its escaped text,
  with a warning naming its ``BEGIN`` line.
* ``LOGO``, ``SOUND`` and ``KEY`` are extensions; inline data (base64 in any version's
  spelling, or a base64 ``data:`` URI) is held as a ``data:`` URI with the photo's
  media-type rules, written as base64 with ``ENCODING`` and ``TYPE`` in 2.1/3.0.
* Types are read case-insensitively and kept lowercase; ``pref`` (type or ``PREF=1``)
  becomes ``preferred``. Other parameters of modelled properties are not kept.
* ``cadence_days`` is written as ``X-NETCORE-CADENCE-DAYS`` and read back.
* An extension carried in quoted-printable (2.1) is held as a plain 3.0/4.0 extension
  with the same text is (decoded, escaped, without ``ENCODING`` and an applied
  ``CHARSET``); 2.1 writes quoted-printable again where the text needs it.

Writing follows each version: 2.1 writes bare type parameters and quoted-printable
with ``CHARSET=UTF-8`` for non-ASCII text or line breaks, and ends base64 with a blank
line; 3.0 writes ``TYPE=``, ``ENCODING=b`` photos and Apple's omitted year for
birthdays without one; 4.0 writes ``TYPE=``, ``PREF=1``, ``data:`` URIs and ``--MMDD``.
``FN`` is always written in 3.0 and 4.0 (derived when empty) and ``N`` in 2.1/3.0.

What a round trip ``loads(dumps(c, version=v))`` does not give back unchanged:

* every version: ``source`` (the reader sets it from its own argument); an empty
  ``formatted_name`` comes back derived; a phone's ``e164`` is recomputed from the number;
  group names of unlabelled properties and parameters other than types, pref, label,
  ``X-SERVICE-TYPE`` and (4.0) the ADR ``LABEL`` are not kept;
* every version: a ``Name`` whose components are all empty comes back as ``None`` (both
  are written as an empty ``N``, which 2.1 and 3.0 require); ``revision`` keeps its
  instant but not sub-second precision.

Examples:
    >>> from netcore.model import Contact, Email
    >>> text = dumps([Contact(uid="u1", formatted_name="Ada",
    ...                       emails=(Email(address="ada@example.org", label="Lab"),))])
    >>> print(text.replace("\r\n", "\n"), end="")
    BEGIN:VCARD
    VERSION:4.0
    FN:Ada
    N:;;;;
    item1.EMAIL:ada@example.org
    item1.X-ABLabel:Lab
    UID:u1
    END:VCARD
    >>> loads(text)[0].emails[0].label
    'Lab'
"""

from netcore.formats.vcard._common import VERSIONS, derive_formatted_name
from netcore.formats.vcard._interop import from_vobject, to_vobject
from netcore.formats.vcard._reading import contact_from_component, iter_load, load, loads
from netcore.formats.vcard._writing import contact_to_component, dump, dumps

__all__ = [
    "VERSIONS",
    "contact_from_component",
    "contact_to_component",
    "derive_formatted_name",
    "dump",
    "dumps",
    "from_vobject",
    "iter_load",
    "load",
    "loads",
    "to_vobject",
]
