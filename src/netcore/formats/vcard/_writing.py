"""Writing contacts as vCard 2.1, 3.0 and 4.0 (private)."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, cast

from netcore._files import PathOrFile, write_bytes
from netcore.errors import UnsupportedFormatError
from netcore.formats._vcard_text import (
    APPLE_NO_YEAR,
    escape,
    escape_join,
    format_date,
    format_timestamp,
    parse_date,
    parse_timestamp,
)
from netcore.formats.contentline import Component, Params
from netcore.formats.contentline._records import _encoding_of, new_property
from netcore.formats.contentline._writing import write_lines
from netcore.formats.vcard._common import (
    _COMPONENT,
    _TOKEN,
    _URL_LIKE,
    SHADOWED,
    VERSIONS,
    derive_formatted_name,
    label_needs_group,
    safe_extension_head,
)
from netcore.formats.vcard._media import (
    MEDIA_EXTENSIONS,
    OCTET,
    data_uri,
    inline_params,
    to_written_form,
    type_param,
)
from netcore.formats.vcard._transfer import written_21
from netcore.model import (
    Contact,
    Name,
    PartialDate,
    PropertyForm,
    Url,
)

__all__: list[str] = []

# --------------------------------------------------------------------------- writing


# One property as the writer makes it: (group, name, parameters, value), the value vCard
# text; for jCard (``unescaped``) a text property's value may instead be the list of its
# values after the type element, unescaped (strings, or lists of strings in a structured
# component), as jCard holds them.
Line = tuple[str | None, str, Params, str]
JLine = tuple[str | None, str, Params, str | list[Any]]


class _Writer:
    """One contact's properties, each appended to ``lines`` as it is made.

    :func:`dumps` hands the lines to the content-line layer's ``write_lines`` (which checks
    each head and folds), :func:`contact_to_component` makes a ``Property`` of each, and
    ``jcard.dumps`` a jCard property: the same properties in the same order each time.
    """

    __slots__ = (
        "contact",
        "forms",
        "jcard",
        "labelled",
        "lines",
        "next_group",
        "put",
        "taken",
        "v",
        "v21",
    )

    def __init__(self, version: str, contact: Contact, unescaped: bool = False) -> None:
        self.v = version
        self.v21 = version == "2.1"
        self.lines: list[JLine] = []
        self.put = self.lines.append
        # jCard (4.0 only): text properties handed over unescaped, not as vCard text.
        self.jcard = unescaped
        self.contact = contact
        # The groups already taken (never given to a new itemN): found on the first new
        # group, as most cards need none (their records keep the groups they were read in).
        self.taken: set[str] | None = None
        self.next_group = 1
        # group (lower case) -> the label written with it, for modelled properties
        self.labelled: dict[str, str | None] = {}
        # (name, index) -> the contact's PropertyForm of that property (most have none)
        self.forms = {(f.name, f.index): f for f in contact.forms} if contact.forms else _NO_FORMS

    def group(self) -> str:
        taken = self.taken
        if taken is None:
            taken = self.taken = {g.lower() for g in _groups_of(self.contact)}
        while f"item{self.next_group}" in taken:
            self.next_group += 1
        g = f"item{self.next_group}"
        taken.add(g)
        return g

    def text_params(self, value: str) -> Params:
        if self.v == "2.1" and (not value.isascii() or "\n" in value or "\r" in value):
            return (("CHARSET", ("UTF-8",)), ("ENCODING", ("QUOTED-PRINTABLE",)))
        return ()

    def add(
        self,
        name: str,
        value: str | list[Any],
        params: Params = (),
        *,
        label: str | None = None,
        raw: bool = False,
        group: str | None = None,
    ) -> str | None:
        """Append a property; returns the group it was written in."""
        if not raw and self.v21:
            params = params + self.text_params(value)  # type: ignore[arg-type]  # 2.1: text
        if group is None and label is None:  # the common case of modelled_group
            self.put((None, name, params, value))
            return None
        group, write_label = self.modelled_group(group, label)
        self.put((group, name, params, value))
        if write_label and label is not None:
            self.put_label(group, label)
        return group

    def put_in(self, group: str | None, name: str, value: str, params: Params) -> None:
        """A text property written in a given group, as it is (no label, no new group)."""
        if self.v21:
            params = params + self.text_params(value)
        self.put((group, name, params, value))

    def put_label(self, group: str | None, label: str) -> None:
        lab = self.text(label)
        self.put((group, "X-ABLabel", self.text_params(lab), lab))

    def unescaped(self, name: str, index: int = 0, params: Params = ()) -> bool:
        """Whether a text property is written unescaped (jCard) rather than as vCard text.

        Not when a :class:`PropertyForm` of it may write its text as read, nor when its
        own parameters name a value type (``VALUE``: jCard's type element, which decides
        how the text is read).
        """
        if not self.jcard:
            return False
        if (name, index) in self.forms:
            return False
        return not params or not any(k.upper() == "VALUE" for k, _ in params)

    def plain_text(self, name: str, value: str, index: int = 0) -> None:
        """A TEXT property held in a plain field (FN, TITLE, ROLE, NOTE)."""
        if (name, index) not in self.forms:  # no form: add_plain's first case
            if self.jcard:
                self.put((None, name, (), [_lf(value)]))
                return
            text = escape(value, self.v, structured=not self.v21)
            self.put((None, name, self.text_params(text) if self.v21 else (), text))
            return
        self.add_plain(name, self.text(value), index=index)

    def plain_list(self, name: str, items: tuple[str, ...]) -> None:
        """A comma-separated TEXT list held in a plain field (NICKNAME, CATEGORIES)."""
        if self.jcard and self.unescaped(name):
            self.put((None, name, (), [_lf(x) for x in items]))
        else:
            self.add_plain(name, escape_join(items, ",", self.v))

    def modelled_group(self, group: str | None, label: str | None) -> tuple[str | None, bool]:
        """The group a modelled property is written in, and whether its label is due.

        The record's own group is kept (so ``item2.ADR`` and its ``item2.X-ABADR`` stay
        together) unless another property already took it with another label; a
        labelled property without a group gets a fresh ``itemN``.
        """
        if group is not None:
            key = group.lower()
            if key not in self.labelled:
                self.labelled[key] = label
                return group, True
            if self.labelled[key] == label:
                return group, False
        if label is None:
            return None, False
        fresh = self.group()
        self.labelled[fresh] = label
        return fresh, True

    def typed(self, types: tuple[str, ...], preferred: bool) -> Params:
        key = (self.v, types, preferred)
        params = _TYPED.get(key)
        if params is None:
            params = self._typed(types, preferred)
            if len(_TYPED) >= 1024:
                _TYPED.clear()
            _TYPED[key] = params
        return params

    def _typed(self, types: tuple[str, ...], preferred: bool) -> Params:
        if self.v == "2.1":
            # 2.1 writes types as bare parameters (TEL;CELL;PREF); a type that is not a
            # plain token (it holds ':' or ';', say) is written as TYPE="..." instead.
            out: list[tuple[str, tuple[str, ...]]] = [
                (t.upper(), ()) if _TOKEN.match(t) else ("TYPE", (t,)) for t in types
            ]
            if preferred:
                out.append(("PREF", ()))
            return tuple(out)
        values = list(types)
        if preferred and self.v == "3.0":
            values.append("pref")
        params: list[tuple[str, tuple[str, ...]]] = []
        if values:
            params.append(("TYPE", tuple(values)))
        if preferred and self.v == "4.0":
            params.append(("PREF", ("1",)))
        return tuple(params)

    def add_plain(
        self,
        name: str,
        value: str,
        params: Params = (),
        *,
        raw: bool = False,
        index: int = 0,
        given: Callable[[str, Params], bool] | None = None,
        own_only: bool = False,
    ) -> None:
        """Add a property held in a plain field, as its :class:`PropertyForm` says.

        The form's group and parameters are added (none the writer writes itself); its
        written text replaces ``value`` while ``given(text, params)`` says it still
        denotes the field's value, and then only the form's parameters are written.
        ``own_only``: a form whose text no longer applies adds no parameter at all (its
        parameters all describe that text: a photo's type).
        """
        form = self.forms.get((name, index))
        if form is None:  # add(name, value, params, raw=raw), inline: the common case
            if not raw and self.v21:
                params = params + self.text_params(value)
            self.put((None, name, params, value))
            return
        if form.text is not None and given is not None and given(form.text, form.params):
            self.add(name, form.text, form.params, raw=True, group=form.group)
            return
        if form.text is not None and own_only:
            self.add(name, value, params, raw=raw, group=form.group)
            return
        mine = {k.upper() for k, _ in params}
        if form.text is not None:
            mine |= _FORM_OF_TEXT  # they describe the written text, which is not used
        extra = tuple(p for p in form.params if p[0].upper() not in mine)
        self.add(name, value, params + extra, raw=raw, group=form.group)

    def esc(self, value: str, structured: bool = True) -> str:
        return escape(value, self.v, structured=structured)

    def text(self, value: str) -> str:
        r"""A TEXT value: ``,`` ``;`` and ``\\`` escaped in 3.0/4.0 (RFC 2426, RFC 6350 3.4)."""
        return escape(value, self.v, structured=self.v != "2.1")


def _lf(value: str) -> str:
    r"""Text as jCard holds it: each CR LF, CR and LF one LF (the vCard escape ``\n``)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def _lf_items(items: tuple[str, ...]) -> Any:
    """The jCard value of one structured component that may hold a list (``N``'s)."""
    if len(items) == 1:
        return _lf(items[0])
    return [_lf(x) for x in items] if items else ""


# The forms of a contact that has none (never written to).
_NO_FORMS: dict[tuple[str, int], PropertyForm] = {}

# Parameters that describe a written date's text: dropped with a text no longer written.
_FORM_OF_TEXT = frozenset({"VALUE", "X-APPLE-OMIT-YEAR"})

# Type parameters as written, by (version, types, preferred): shared by every contact.
_TYPED: dict[tuple[str, tuple[str, ...], bool], Params] = {}


def _groups_of(contact: Contact) -> Iterable[str]:
    """Every group a contact's properties already carry (never given to a new ``itemN``)."""
    carried: list[Any] = [
        *contact.extensions,
        *contact.emails,
        *contact.phones,
        *contact.addresses,
        *contact.organizations,
        *contact.urls,
        *contact.impps,
        *contact.social_profiles,
        *contact.related,
    ]
    if contact.name is not None:
        carried.append(contact.name)
    return (x.group for x in carried if x.group)


def _write_date(w: _Writer, name: str, value: date | PartialDate | None) -> None:
    if value is None:
        return
    text, omit = format_date(value, w.v)
    params: Params = (("X-APPLE-OMIT-YEAR", (APPLE_NO_YEAR,)),) if omit else ()
    if (name, 0) not in w.forms:
        w.put((None, name, params, text))  # add_plain's case without a form, inline
        return

    def given(written: str, form_params: Params) -> bool:
        if w.v == "4.0" and written.startswith(APPLE_NO_YEAR) and isinstance(value, PartialDate):
            return False  # Apple's year 1604 means no year in 2.1/3.0 only: 4.0 has --MMDD
        omit_year = next(
            (vs[0] for k, vs in form_params if k.upper() == "X-APPLE-OMIT-YEAR" and vs), None
        )
        return parse_date(written, omit_year) == value

    w.add_plain(name, text, params, raw=True, given=given)


def contact_to_component(contact: Contact, *, version: str = "4.0") -> Component:
    """Build the ``VCARD`` component that :func:`dumps` writes for ``contact``.

    Args:
        contact: The contact.
        version: ``"2.1"``, ``"3.0"`` or ``"4.0"``.

    Returns:
        The component (properties in netcore's order, extensions last).

    Raises:
        UnsupportedFormatError: An unknown version.

    Examples:
        >>> from netcore.model import Contact
        >>> [p.name for p in contact_to_component(Contact(uid="u", formatted_name="A")).properties]
        ['VERSION', 'FN', 'N', 'UID']
    """
    if version not in VERSIONS:
        raise UnsupportedFormatError(f"vCard version must be one of {VERSIONS}, got {version!r}")
    props = tuple(
        [new_property(g, n, p, v, None, None) for g, n, p, v in write_properties(contact, version)]
    )
    return Component("VCARD", props, ())


def write_properties(contact: Contact, version: str) -> list[Line]:
    """Every property of ``contact`` in ``version``, in netcore's order, as vCard text."""
    w = _Writer(version, contact)
    for part in _PARTS:
        part(w, contact)
    return cast(list[Line], w.lines)  # without jcard, every value is text


def write_jcard_properties(contact: Contact) -> list[JLine]:
    """:func:`write_properties` in 4.0 for jCard: text properties' values unescaped.

    The text properties a jCard holds unescaped (``VERSION``, ``FN``, ``N``,
    ``NICKNAME``, ``ADR``, ``TEL``, ``EMAIL``, ``ORG``, ``TITLE``, ``ROLE``,
    ``CATEGORIES``, ``NOTE``) come as the list of their jCard values, each line break one
    LF, instead of escaped vCard text; one whose form writes its text as read, or whose
    parameters name a value type, still comes as vCard text (a string).
    """
    w = _Writer("4.0", contact, unescaped=True)
    for part in _PARTS:
        part(w, contact)
    return w.lines


def _write_names(w: _Writer, contact: Contact) -> None:
    v = w.v
    if w.jcard:
        w.put((None, "VERSION", (), [v]))
    else:
        w.add("VERSION", v, raw=True)
    fn = contact.formatted_name or (derive_formatted_name(contact) if v != "2.1" else "")
    if fn or v != "2.1":
        w.plain_text("FN", fn)
    name = contact.name or Name()  # written in every version, empty when there is none
    if w.jcard and w.unescaped("N", params=name.params):
        values = [
            _lf(name.family),
            _lf(name.given),
            _lf_items(name.additional),
            _lf_items(name.prefixes),
            _lf_items(name.suffixes),
        ]
        w.add("N", [values], name.params, group=name.group)
    else:
        text = escape_join((name.family, name.given), ";", v)
        if name.additional or name.prefixes or name.suffixes:
            comps = [
                text,
                escape_join(name.additional, ",", v),
                escape_join(name.prefixes, ",", v),
                escape_join(name.suffixes, ",", v),
            ]
            text = ";".join(comps)
        else:
            text += ";;;"  # three empty components
        w.add("N", text, name.params, group=name.group)
    if contact.nicknames:
        w.plain_list("NICKNAME", contact.nicknames)


def _write_photo(w: _Writer, contact: Contact) -> None:
    photo = contact.photo
    if photo is None:
        return
    v = w.v
    if photo.data is not None:
        b64 = base64.b64encode(photo.data).decode("ascii")
        mt = photo.media_type
        if v == "4.0":
            # A data: URI names a type: a photo without one is written as octet-stream,
            # and one that is octet-stream says so again in MEDIATYPE (RT-codecs-17).
            explicit: Params = (("MEDIATYPE", (mt,)),) if mt == OCTET else ()
            w.add("PHOTO", data_uri(mt, b64), explicit, raw=True)
            return
        p: Params = inline_params(mt, v)
        if mt == OCTET:  # said again, as in 4.0's MEDIATYPE
            p += (type_param(mt, v),)
        w.add("PHOTO", b64, p, raw=True)
    elif photo.uri is not None:
        # VALUE in every version (4.0's default, written all the same): a URI read
        # without one is written as given, by its PropertyForm.
        p = (("VALUE", ("URL" if v == "2.1" else "uri",)),)
        if photo.media_type and v == "4.0":
            p += (("MEDIATYPE", (photo.media_type,)),)
        elif photo.media_type:  # the form inline photos take too: TYPE=GIF (3.0), GIF (2.1)
            p += (type_param(photo.media_type, v),)
        value = w.esc(photo.uri, structured=False)
        # A form (a URI read without VALUE) is written as given while the URI is the same.
        w.add_plain("PHOTO", value, p, given=lambda written, _: written == value, own_only=True)


def _write_dates(w: _Writer, contact: Contact) -> None:
    _write_date(w, "BDAY", contact.birthday)
    _write_date(w, "ANNIVERSARY", contact.anniversary)
    if contact.gender is not None:
        w.add_plain("GENDER", w.esc(contact.gender, structured=False))


def _write_addresses(w: _Writer, contact: Contact) -> None:
    v = w.v
    addresses = contact.addresses
    # 2.1/3.0: the LABELs the reader would give to another address without a group
    grouped = (
        label_needs_group([(frozenset(a.types), a.formatted is not None) for a in addresses])
        if v != "4.0" and len(addresses) > 1
        else None
    )
    for i, adr in enumerate(addresses):
        parts = [
            adr.po_box,
            adr.extended,
            adr.street,
            adr.locality,
            adr.region,
            adr.postal_code,
            adr.country,
        ]
        params = w.typed(adr.types, adr.preferred)
        if v == "4.0" and adr.formatted is not None:
            params += (("LABEL", (adr.formatted.replace("\\", "\\\\"),)),)
        if adr.params:
            params += adr.params
        value: str | list[Any]
        if w.jcard and w.unescaped("ADR", params=adr.params):
            value = [[_lf(x) for x in parts]]
        else:
            value = escape_join(parts, ";", v)
        if grouped is not None and grouped[i]:
            # written in the ADR's group (a fresh itemN when it has none), which the
            # reader pairs before the types
            group = w.add("ADR", value, params, label=adr.label, group=adr.group or w.group())
            w.put_in(group, "LABEL", w.text(adr.formatted or ""), w.typed(adr.types, adr.preferred))
            continue
        w.add("ADR", value, params, label=adr.label, group=adr.group)
        if v != "4.0" and adr.formatted is not None:
            w.add("LABEL", w.text(adr.formatted), w.typed(adr.types, adr.preferred))


def _write_reachable(w: _Writer, contact: Contact) -> None:
    v = w.v
    structured = v != "2.1"  # 3.0/4.0: "," and ";" escaped in TEL, as readers take it as text
    value: str | list[str]
    for tel in contact.phones:
        number = tel.number
        params = w.typed(tel.types, tel.preferred)
        if tel.params:
            params += tel.params
        # the reader drops one leading "tel:" (a tel URI); a number that itself starts so
        # gets a second one, and reads back as it was
        prefix = "tel:" if number[:4].lower() == "tel:" else ""
        if w.jcard and w.unescaped("TEL", params=tel.params):
            value = [prefix + _lf(number)]
        else:
            value = prefix + escape(number, v, structured=structured)
        w.add("TEL", value, params, label=tel.label, group=tel.group)
    for em in contact.emails:
        params = w.typed(em.types, em.preferred)
        if em.params:
            params += em.params
        if w.jcard and w.unescaped("EMAIL", params=em.params):
            value = [_lf(em.address)]
        else:
            value = escape(em.address, v, structured=False)
        w.add("EMAIL", value, params, label=em.label, group=em.group)
    for pname, items in (("IMPP", contact.impps), ("X-SOCIALPROFILE", contact.social_profiles)):
        for url in items:
            _write_url(w, pname, url)


def _write_url(w: _Writer, pname: str, url: Url) -> None:
    params = w.typed(url.types, url.preferred)
    if url.service is not None:
        params += (("X-SERVICE-TYPE", (url.service,)),)
    if url.params:
        params += url.params
    value = escape(url.value, w.v, structured=False)
    w.add(pname, value, params, label=url.label, group=url.group)


def _write_work(w: _Writer, contact: Contact) -> None:
    v = w.v
    orgs = contact.organizations
    last_title = last_role = -1
    for i, o in enumerate(orgs):
        if o.title is not None:
            last_title = i
        if o.role is not None:
            last_role = i
    for org in orgs:
        if w.jcard and w.unescaped("ORG", params=org.params):
            # one component is a string, several an array (jCard's ORG; RFC 7095 3.4.1)
            if org.units:
                value: list[Any] = [[_lf(org.name), *[_lf(x) for x in org.units]]]
            else:
                value = [_lf(org.name)]
            w.add("ORG", value, org.params, group=org.group)
            continue
        comps = (org.name, *org.units) if org.units else (org.name,)
        w.add("ORG", escape_join(comps, ";", v), org.params, group=org.group)
    for i in range(last_title + 1):
        w.plain_text("TITLE", orgs[i].title or "", index=i)
    for i in range(last_role + 1):
        w.plain_text("ROLE", orgs[i].role or "", index=i)
    if contact.categories:
        w.plain_list("CATEGORIES", contact.categories)
    if contact.note is not None:
        w.plain_text("NOTE", contact.note)


def _write_links(w: _Writer, contact: Contact) -> None:
    for rel in contact.related:
        params = w.typed(rel.types, False)
        if (
            w.v != "2.1"
            and not _URL_LIKE.match(rel.value)
            and not any(k.upper() == "VALUE" for k, _ in rel.params)
        ):
            params += (("VALUE", ("text",)),)
        params += rel.params
        w.add("RELATED", w.esc(rel.value), params, label=rel.label, group=rel.group)
    for url in contact.urls:
        _write_url(w, "URL", url)
    if contact.kind is not None:
        w.add_plain("KIND", w.esc(contact.kind, structured=False))


def _write_identity(w: _Writer, contact: Contact) -> None:
    w.add_plain("UID", escape(contact.uid, w.v, structured=False))
    revision = contact.revision
    if revision is not None and ("REV", 0) not in w.forms:  # add_plain without a form
        if w.jcard:  # what jCard makes of the basic text: the extended form
            w.put((None, "REV", (), [format_timestamp(revision, extended=True)]))
        else:
            w.put((None, "REV", (), format_timestamp(revision)))
    elif revision is not None:
        w.add_plain(
            "REV",
            format_timestamp(revision),
            raw=True,
            given=lambda written, _: parse_timestamp(written)[0] == revision,
        )
    if contact.cadence_days is not None:
        w.add("X-NETCORE-CADENCE-DAYS", str(contact.cadence_days), raw=True)


def _write_extensions(w: _Writer, contact: Contact) -> None:
    if not contact.extensions:
        return
    # An address without formatted text would take a LABEL extension as its label.
    free = any(adr.formatted is None for adr in contact.addresses)
    shadowed = SHADOWED if free else frozenset()
    for ext in contact.extensions:
        name, params = safe_extension_head(ext.name, ext.params, shadowed)
        value = ext.value
        if params and w.v != "2.1" and _encoding_of(params) == "quoted-printable":
            # RFC 2426 and RFC 6350 define no quoted-printable: the value (already decoded
            # when read) is written as plain text, without ENCODING and CHARSET.
            params = tuple(
                (k, vs)
                for k, vs in params
                if k.upper() not in ("ENCODING", "CHARSET")
                and not (not vs and k.upper() == "QUOTED-PRINTABLE")
            )
        if ("\n" in value or "\r" in value) and (
            not params or _encoding_of(params) != "quoted-printable"
        ):
            value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
        written = None
        if ext.name.upper() in MEDIA_EXTENSIONS:
            # Inline data is held as a data: URI: base64 with ENCODING and TYPE in 2.1/3.0.
            written = to_written_form(ext.name.upper(), params, value, w.v)
        if written is None and w.v == "2.1" and name.upper() not in _COMPONENTS:
            # Text in the model form: quoted-printable again where it needs it (not a
            # component netcore keeps verbatim, which reads back as written).
            written = written_21(params, value, w.text_params)
        if written is not None:
            value, params = written
        w.put((ext.group, name, params, value))


# Extensions holding a nested component as netcore keeps it (``_Builder._child``).
_COMPONENTS = frozenset({"AGENT", _COMPONENT})

# The parts of a card in the order netcore writes them.
_PARTS: tuple[Callable[[_Writer, Contact], None], ...] = (
    _write_names,
    _write_photo,
    _write_dates,
    _write_addresses,
    _write_reachable,
    _write_work,
    _write_links,
    _write_identity,
    _write_extensions,
)


def dumps(contacts: Iterable[Contact] | Contact, *, version: str = "4.0") -> str:
    """Write contacts as vCard text of ``version``.

    Args:
        contacts: One contact or several.
        version: ``"2.1"``, ``"3.0"`` or ``"4.0"``.

    Returns:
        The text, CRLF line endings, folded at 75 octets. A lone surrogate in a value
        (which no UTF-8 file can hold) is written as U+FFFD REPLACEMENT CHARACTER, so the
        text always encodes as UTF-8 (see :func:`netcore.formats.contentline.serialize`).

    Raises:
        UnsupportedFormatError: An unknown version.

    Examples:
        >>> from netcore.model import Contact
        >>> dumps(Contact(uid="u", formatted_name="Zoë"), version="2.1").splitlines()[2]
        'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB'
    """
    if version not in VERSIONS:
        raise UnsupportedFormatError(f"vCard version must be one of {VERSIONS}, got {version!r}")
    if isinstance(contacts, Contact):
        contacts = (contacts,)
    # Each line written as it is made, by the content-line layer's one rule for a line
    # (head check, escaping of parameters, folding): the text serialize() would write for
    # contact_to_component(c), without building the component first.
    out: list[str] = []
    for c in contacts:
        out.append(_BEGIN)
        write_lines(out, write_properties(c, version))
        out.append(_END)
    return "".join(out)


_BEGIN = "BEGIN:VCARD\r\n"
_END = "END:VCARD\r\n"


def dump(
    contacts: Iterable[Contact] | Contact, path_or_file: PathOrFile, *, version: str = "4.0"
) -> None:
    r"""Write contacts to a path (atomically) or a binary file object, UTF-8 encoded.

    Examples:
        >>> import io
        >>> from netcore.model import Contact
        >>> buf = io.BytesIO()
        >>> dump(Contact(uid="u", formatted_name="A"), buf, version="3.0")
        >>> buf.getvalue().startswith(b"BEGIN:VCARD\r\nVERSION:3.0")
        True
    """
    write_bytes(dumps(contacts, version=version).encode("utf-8"), path_or_file)
