"""Building one Contact from one parsed card (private)."""

from __future__ import annotations

import base64
import itertools
import re
import unicodedata
import uuid
from collections.abc import Sequence
from typing import Any

import attrs
from pydantic import ValidationError

from netcore.formats import contentline
from netcore.formats._vcard_text import (
    escape,
    unescape,
)
from netcore.formats.contentline import Component, Params, Property
from netcore.formats.contentline._reading import _decode_bytes as decode_bytes
from netcore.formats.contentline._records import _encoding_of
from netcore.formats.issues import IssueCollector
from netcore.formats.vcard._common import (
    _COMPONENT,
    _LABELLED,
    _UID_NAMESPACE,
    VERSIONS,
    _extension,
    _share,
    _types,
    derive_formatted_name,
    label_needs_group,
    other_params,
    restored_extension_head,
)
from netcore.formats.vcard._mapping import _HANDLERS
from netcore.formats.vcard._transfer import model_form as qp_model_form
from netcore.model import (
    Contact,
    Extension,
    Organization,
    PropertyForm,
)
from netcore.model.values import TEXT_IS_NFC, no_title_if_empty, param_name_ok

__all__: list[str] = []

# Properties whose base64 value is data, not text: decoded by their own handler.
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_TRANSFER_PARAMS = frozenset({"ENCODING", "CHARSET"})
_BARE_B64 = frozenset({"BASE64", "B"})


# Parameters as read -> (whether every name is writable and no ENCODING says base64,
# whether every name and value is ASCII): the cards of a file repeat a few parameter
# tuples (bounded like the content-line head cache).
_PLAIN_PARAMS: dict[Params, tuple[bool, bool]] = {}


def _plain_params(params: Params) -> tuple[bool, bool]:
    plain = all(param_name_ok(name) for name, _ in params) and _encoding_of(params) != "base64"
    ascii = all(name.isascii() and all(v.isascii() for v in vs) for name, vs in params)
    if len(_PLAIN_PARAMS) >= 4096:
        _PLAIN_PARAMS.clear()
    _PLAIN_PARAMS[params] = known = (plain, ascii)
    return known


# The validation context of a card whose text is NFC throughout (see _Builder.build).
_NFC_CARD = {TEXT_IS_NFC: True}


class _Builder:
    """Collects the fields of one contact while walking the card's properties.

    It runs in one of two modes with the same handlers:

    * **lazy** (the fast path): handlers collect plain dicts and the whole contact is
      validated once by ``Contact.model_validate``: pydantic-core validates the nested
      records in one call, far cheaper than one Python-level constructor call per
      property. Good cards (nearly all of them) take this path only.
    * **eager** (the reference): every record is constructed as its property is read, so
      that a value the model refuses goes to ``extensions`` with an issue, property by
      property. The lazy path falls back to it, after dropping the issues it recorded,
      whenever the one-shot validation fails, so the result is the same either way.
    """

    def __init__(
        self,
        comp: Component,
        issues: IssueCollector,
        source: str | None,
        *,
        eager: bool,
        from_jcard: bool = False,
    ) -> None:
        self.comp = comp
        # Read from jCard: value types are explicit there, a missing VALUE says nothing.
        self.from_jcard = from_jcard
        self.issues = issues
        self.source = source
        self.eager = eager
        self.version = "2.1"
        self.f: dict[str, Any] = {}
        # Records in eager mode, their keyword dicts in lazy mode.
        self.emails: list[Any] = []
        self.phones: list[Any] = []
        self.addresses: list[Any] = []
        self.orgs: list[dict[str, Any]] = []
        self.titles: list[str | None] = []
        self.roles: list[str | None] = []
        self.title_props: list[Property] = []
        self.role_props: list[Property] = []
        self.urls: list[Any] = []
        self.impps: list[Any] = []
        self.socials: list[Any] = []
        self.related: list[Any] = []
        self.nicknames: list[str] = []
        self.categories: list[str] = []
        self.extensions: list[Any] = []
        # (property name, index) -> how a property held in a plain field was written
        self.forms: dict[tuple[str, int], PropertyForm] = {}
        # LABEL properties, each with the number of extensions read before it: one that
        # no address takes goes back to that place (RT-codecs4-3).
        self.labels: list[tuple[Property, int]] = []
        self.label_map: dict[str, str] = {}
        # X-ABLabel properties read as labels, and the groups whose label a record took
        self.label_props: list[Property] = []
        self.labels_used: set[str] = set()
        # groups (lower case) whose LABEL went to the ADR of the group
        self.label_groups: set[str] = set()
        self.groups_modelled: set[str] = set()
        # group (lower case) -> how many properties other than X-ABLabel it holds
        self.group_sizes: dict[str, int] = {}
        # Whether every text the records take from the card is NFC (see build()).
        self.nfc = False

    def record(self, cls: type[Any], kw: dict[str, Any]) -> Any:
        """``cls(**kw)`` in eager mode; ``kw`` itself, validated later, in lazy mode."""
        return cls(**kw) if self.eager else kw

    def extension(self, prop: Property) -> Any:
        name, params = restored_extension_head(prop.name, prop.params)
        if name != prop.name:
            prop = attrs.evolve(prop, name=name, params=params)
        if prop.params and _encoding_of(prop.params) == "quoted-printable":
            # One model form whatever carried it: the decoded text as 3.0/4.0 hold it.
            params, value = qp_model_form(prop.params, prop.value)
            prop = attrs.evolve(prop, params=params, value=value)
        if self.eager:
            ext = _extension(prop)
            if ext.name != prop.name:
                self.issues.warning(
                    "property name or group cannot be written back as it is; kept as "
                    "X-NETCORE-BAD-NAME with the original in X-ORIGINAL-NAME",
                    line=prop.line,
                    property=prop.name,
                )
            return ext
        return prop  # its fields are read only when the contact is validated (_fields)

    def _prepared(self, key: str, prop: Property) -> Property:
        """``prop`` with writable parameters and, for a modelled text property, text."""
        params = prop.params
        try:
            known = _PLAIN_PARAMS.get(params)
        except TypeError:  # pragma: no cover - parameters built by hand with lists
            known = (False, False)
        if known is None:
            known = _plain_params(params)
        plain, ascii = known
        if not ascii:
            self.nfc = False
        if plain:  # every name writable, no base64: nothing to do (the common case)
            return prop
        prop = self._writable_params(prop)
        if key in _HANDLERS and key not in _BINARY and prop.encoding == "base64":
            prop = self._base64_text(prop)
        return prop

    def _base64_text(self, prop: Property) -> Property:
        """A base64-encoded text property (``FN;CHARSET=UTF-8;ENCODING=B:``) decoded.

        Some phone exports encode names this way (RT-codecs2-10). The bytes are read as
        UTF-8, else the ``CHARSET``, else windows-1252; the encoding parameter is dropped.
        """
        try:
            data = base64.b64decode(prop.value + "=" * (-len(prop.value) % 4), validate=True)
        except ValueError:
            self.issues.warning(
                "base64 text value is not valid base64; kept as written",
                line=prop.line,
                property=prop.name,
            )
            return prop
        charset = prop.param("CHARSET")
        text = decode_bytes(data, charset[0] if charset else None)[0]
        if not text.isascii():
            self.nfc = False
        params = tuple(
            (n, v)
            for n, v in prop.params
            if n.upper() not in _TRANSFER_PARAMS and not (n.upper() in _BARE_B64 and not v)
        )
        return attrs.evolve(prop, value=text, params=params)

    def _writable_params(self, prop: Property) -> Property:
        """``prop`` without the parameters no content line can carry (RT-codecs2-6).

        A parameter name with ``: ; = , "`` or a control character (``TY,PE=work``) is
        refused by the model and by every writer: dropped here, with a warning, so that
        the property is read as what it is and the contact can be written back.
        """
        bad = dict.fromkeys(name for name, _ in prop.params if not param_name_ok(name))
        if not bad:
            return prop
        named = ", ".join(repr(name[:40]) for name in itertools.islice(bad, 5))
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        self.issues.warning(
            f"parameter name that no vCard can carry dropped: {named}{more}",
            line=prop.line,
            property=prop.name,
        )
        params = tuple((n, v) for n, v in prop.params if param_name_ok(n))
        return attrs.evolve(prop, params=params)

    def keep_form(
        self,
        prop: Property,
        name: str,
        index: int = 0,
        *,
        text: str | None = None,
        own: Params = (),
    ) -> None:
        """Keep how ``prop`` (held in a plain field) was written, where the writer would not.

        Its group, its parameters but the transfer ones (``ENCODING``, ``CHARSET``) and
        ``own`` (those the writer writes itself for the value), and ``text``, the value
        as written where it differs from the writer's own form.
        """
        if text is None and prop.group is None and not prop.params:
            return  # the common case: nothing to keep
        params = other_params(prop, typed=False)
        if own and text is None:
            params = tuple(p for p in params if p not in own)
        if prop.group is None and not params and text is None:
            return
        try:
            form = PropertyForm(name=name, index=index, group=prop.group, params=params, text=text)
        except ValidationError:
            return  # a group or parameter no property can carry: the value alone is kept
        self.forms[(name, index)] = form

    def _refused(self, prop: Property, exc: ValidationError) -> None:
        """``prop``'s value, refused by the model, kept in extensions with a warning."""
        first = exc.errors()[0].get("msg", "invalid value") if exc.errors() else ""
        self._warn(prop, f"value not accepted ({first})")

    def _warn(self, prop: Property, message: str) -> None:
        self.issues.warning(f"{message}; kept in extensions", line=prop.line, property=prop.name)
        self.extensions.append(self.extension(prop))

    def text(self, prop: Property) -> str:
        return unescape(prop.value, self.version)

    def build(self) -> Contact:
        comp = self.comp
        props = comp.properties
        keys = [prop.name.upper() for prop in props]
        # Whether all the text the records take is NFC, checked once for the card (the
        # records' own NFC check is then skipped: see TEXT_IS_NFC). Values (as read:
        # transfer encodings undone) here, joined by LF, which composes with nothing, so
        # the whole is NFC exactly when each value is; names and groups ASCII; parameters
        # ASCII (in _prepared: types are lower-cased, which only ASCII keeps NFC for
        # certain); base64-decoded text ASCII (_base64_text); KIND's lower-cased value
        # ASCII (_mapping._kind). The handlers keep a value NFC: unescaping only deletes
        # a backslash before ASCII punctuation (a character that composes with nothing)
        # or turns ``\n`` into LF, so it never brings a letter next to a combining mark;
        # splitting cuts at ASCII punctuation, stripping removes white space at the ends.
        # A nested card is text of its own (never skipped); the source is the caller's.
        values = "\n".join([prop.value for prop in props])
        self.nfc = (
            not comp.children
            and (self.source is None or unicodedata.is_normalized("NFC", self.source))
            and "".join([prop.name + (prop.group or "") for prop in props]).isascii()
            and (values.isascii() or unicodedata.is_normalized("NFC", values))
        )
        self._scan(keys, props)
        handlers = _HANDLERS
        groups_modelled = self.groups_modelled
        for key, prop in zip(keys, props, strict=True):
            if prop.params:
                prop = self._prepared(key, prop)
            handler = handlers.get(key)
            if handler is not None:
                try:
                    handler(self, prop)
                except ValidationError as exc:
                    if prop.group:  # the record was refused: its label is not taken
                        self.labels_used.discard(prop.group.lower())
                    self._refused(prop, exc)
            elif key == "X-ABLABEL" and prop.group and prop.group.lower() in groups_modelled:
                self.label_props.append(prop)  # the label of the property in its group
            else:
                self.extensions.append(self.extension(prop))
        for prop in self.label_props:
            if prop.group and prop.group.lower() not in self.labels_used:
                # its property went to extensions (a value the model refuses): kept too
                self.extensions.append(self.extension(prop))
        for child in comp.children:
            self._child(child)
        if self.labels:
            self._attach_labels()
        self._leave_writers_groups()
        return self._finish()

    def _scan(self, keys: list[str], props: Sequence[Property]) -> None:
        """First pass: the version, the ``X-ABLabel`` labels and the size of every group."""
        labels = self.label_map
        groups_modelled = self.groups_modelled
        sizes = self.group_sizes
        for key, prop in zip(keys, props, strict=True):
            group = prop.group
            if key == "VERSION":
                v = prop.value.strip()
                if v in VERSIONS:
                    self.version = v
            elif key == "X-ABLABEL" and group:
                labels.setdefault(group.lower(), _share(unescape(prop.value, "3.0")))
            if group and key in _LABELLED:
                groups_modelled.add(group.lower())
            if group and key != "X-ABLABEL":
                sizes[group.lower()] = sizes.get(group.lower(), 0) + 1

    def _child(self, child: Component) -> None:
        """A component nested in the card, kept verbatim in extensions."""
        text = escape(contentline.digest_text(child).replace("\r\n", "\n"), "3.0")
        if child.name.upper() == "VCARD":  # a 2.1 AGENT: the card of someone else
            self.extensions.append(self.record(Extension, {"name": "AGENT", "value": text}))
            return
        self.issues.warning(
            f"{child.name} component inside a vCard is not part of the card; kept "
            f"verbatim in extensions as {_COMPONENT}",
            line=child.line,
            property="BEGIN",
        )
        self.extensions.append(self.record(Extension, {"name": _COMPONENT, "value": text}))

    def group_of(self, prop: Property) -> str | None:
        """The group a modelled property's record keeps: the file's own (see below)."""
        return prop.group

    def _is_carrier(self, group: str, label_due: bool = False) -> bool:
        """An ``itemN`` group holding only one labelled property and its label lines.

        Its label lines: its ``X-ABLabel`` and, for an address, the ``LABEL`` it took by
        group when ``label_due`` (the writer would write that ``LABEL`` in the group:
        :func:`~netcore.formats.vcard._common.label_needs_group`). A group with such a
        ``LABEL`` and no ``X-ABLabel`` is a carrier too.
        """
        key = group.lower()
        size = self.group_sizes.get(key, 0)
        if key in self.label_groups:
            if not label_due:
                return False
            size -= 1
        elif key not in self.label_map:
            return False
        return size <= 1 and _ITEM.match(key) is not None

    def _leave_writers_groups(self) -> None:
        """Drop the label groups the writer would give again, exactly as the file names them.

        An ``itemN`` group holding only a labelled property and its ``X-ABLabel`` is the
        label's carrier (any other group is kept: one shared with another property, as
        Apple's ``item2.ADR`` with ``item2.X-ABADR``, or named otherwise). The file's
        own names are kept (Apple numbers ``item1.EMAIL`` before ``item2.TEL``; the
        writer puts TEL first), unless every carrier is named exactly as the writer names
        the groups of labelled records that have none: ``item1``, ``item2``, ... in
        writing order, skipping every other group of the card. Then the records keep no
        group, so that a labelled record written by netcore reads back as it was; either
        way the same text is written again.
        """
        carriers: list[tuple[list[Any], int, str]] = []
        eager = self.eager
        due: list[bool] = []
        if self.label_groups:
            due = label_needs_group(
                [
                    (frozenset(a.types), a.formatted is not None)
                    if eager
                    else (frozenset(a.get("types", ())), a.get("formatted") is not None)
                    for a in self.addresses
                ]
            )
        # The labelled records in the order the writer writes them.
        for records in (
            self.addresses, self.phones, self.emails, self.impps,
            self.socials, self.related, self.urls,
        ):  # fmt: skip
            for i, rec in enumerate(records):
                group = rec.group if eager else rec.get("group")
                if group and self._is_carrier(
                    group, records is self.addresses and bool(due) and due[i]
                ):
                    carriers.append((records, i, group))
        if not carriers:
            return
        own = {g.lower() for _, _, g in carriers}
        taken = {p.group.lower() for p in self.comp.properties if p.group} - own
        n = 1
        for _, _, group in carriers:
            while f"item{n}" in taken:
                n += 1
            if group != f"item{n}":
                return  # the file's own names: kept
            n += 1
        for records, i, _ in carriers:
            if eager:
                records[i] = records[i].model_copy(update={"group": None})
            else:
                records[i]["group"] = None

    def label(self, prop: Property) -> str | None:
        if prop.group:
            key = prop.group.lower()
            label = self.label_map.get(key)
            if label is not None:
                self.labels_used.add(key)
            return label
        return None

    def _attach_labels(self) -> None:
        """Give each 2.1/3.0 ``LABEL`` to its address (``Address.formatted``).

        A ``LABEL`` in a group that holds exactly one ``ADR`` goes to that address while
        it has no formatted text; any other goes to the first address with the same types
        that has none yet (:func:`~netcore.formats.vcard._common.label_needs_group` is
        the writer's side of this rule). A ``LABEL`` no address takes stays an extension.
        """
        eager = self.eager
        # The addresses still without a formatted text, by their set of types, in order:
        # each LABEL takes the first of its set (one pass over each, not LABEL x ADR).
        free: dict[frozenset[str], list[int]] = {}
        # group (lower case) -> its only address (None: the group holds more than one)
        by_group: dict[str, int | None] = {}
        for i, adr in enumerate(self.addresses):
            if eager:
                formatted, adr_types, group = adr.formatted, adr.types, adr.group
            else:  # the fields at their defaults are left out (_mapping._carried)
                formatted = adr.get("formatted")
                adr_types, group = adr.get("types", ()), adr.get("group")
            if group:
                key = group.lower()
                by_group[key] = None if key in by_group else i
            if formatted is None:
                free.setdefault(frozenset(adr_types), []).append(i)
        for queue in free.values():
            queue.reverse()  # pop() from the end gives the first address
        taken: set[int] = set()  # addresses given a LABEL (skipped in the queues)
        kept: list[tuple[int, Any]] = []  # (place, extension) of the LABELs no ADR takes
        for prop, place in self.labels:
            text = self.text(prop)
            target: int | None = None
            waiting: list[int] | None = None
            if prop.group:
                target = by_group.get(prop.group.lower())
                if target is not None and (target in taken or not self._free(target)):
                    target = None
            if target is None:
                types, _ = _types(prop)
                waiting = free.get(frozenset(types))
                while waiting and waiting[-1] in taken:
                    waiting.pop()
                target = waiting.pop() if waiting else None
            if target is None:
                kept.append((place, self.extension(prop)))
                continue
            if eager:
                # Validated (model_copy would skip the model's rules: a control character
                # kept, text not NFC): a text the model refuses stays a LABEL extension.
                adr = self.addresses[target]
                try:
                    kw = {k: getattr(adr, k) for k in adr.model_fields_set}
                    kw["formatted"] = text
                    self.addresses[target] = type(adr)(**kw)
                except ValidationError as exc:
                    if waiting is not None:
                        waiting.append(target)  # still free
                    self._refused(prop, exc)
                    kept.append((place, self.extensions.pop()))  # the one _refused added
                    continue
            else:
                self.addresses[target]["formatted"] = text
            taken.add(target)
            if prop.group and waiting is None:
                self.label_groups.add(prop.group.lower())
        if kept:
            self._put_back(kept)

    def _free(self, i: int) -> bool:
        """Whether address ``i`` was read without a formatted text (an ADR LABEL parameter)."""
        adr = self.addresses[i]
        return (adr.formatted if self.eager else adr.get("formatted")) is None

    def _put_back(self, kept: list[tuple[int, Any]]) -> None:
        """Insert extensions at their places (ascending), in one pass over the list."""
        old = self.extensions
        merged: list[Any] = []
        done = 0
        for place, ext in kept:
            merged.extend(old[done:place])
            done = max(done, place)
            merged.append(ext)
        merged.extend(old[done:])
        old[:] = merged

    def _trailing_empty_titles(self, count: int) -> int:
        """How many organizations the card gives, trailing empty TITLEs and ROLEs left out.

        An empty TITLE or ROLE past the last ORG and the last non-empty TITLE and ROLE
        (``TITLE:`` alone) is kept in extensions: it says nothing an organization could
        hold, so it is written back as it was read instead of being lost.
        """
        kept: list[Property] = []
        while count > len(self.orgs):
            i = count - 1
            title = self.titles[i] if i < len(self.titles) else None
            role = self.roles[i] if i < len(self.roles) else None
            if no_title_if_empty(title) is not None or no_title_if_empty(role) is not None:
                break
            for name, props in (("TITLE", self.title_props), ("ROLE", self.role_props)):
                if i < len(props):
                    kept.append(props[i])
                    self.forms.pop((name, i), None)
            count -= 1
        if kept:  # in the card's order (found last first): a round trip keeps them in place
            if all(p.line is not None for p in kept):
                kept.sort(key=lambda p: p.line or 0)
            else:  # a component built by hand, without line numbers: first found, last
                kept.reverse()
            self.extensions.extend(self.extension(p) for p in kept)
        return count

    def _finish(self) -> Contact:
        f = self.f
        orgs: list[Any] = []
        count = self._trailing_empty_titles(max(len(self.orgs), len(self.titles), len(self.roles)))
        for i in range(count):
            base = self.orgs[i] if i < len(self.orgs) else {}
            title = self.titles[i] if i < len(self.titles) else None
            role = self.roles[i] if i < len(self.roles) else None
            kw = dict(base)
            # An empty TITLE or ROLE is none: model.values.no_title_if_empty, applied here
            # to the values read (the trailing empty ones go to extensions above).
            if no_title_if_empty(title) is not None:
                kw["title"] = title
            if no_title_if_empty(role) is not None:
                kw["role"] = role
            orgs.append(self.record(Organization, kw))
        uid = f.pop("uid", None)
        if not uid:
            digest = contentline.digest_text(self.comp)
            uid = f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, digest)}"
            self.issues.info(
                f"card has no UID; derived {uid} from its content", line=self.comp.line
            )
        # Only the fields the card gives: a field left out takes its default without
        # being validated (as in _mapping._carried), so an empty one costs nothing.
        data: dict[str, Any] = {"uid": uid}
        for key, items in (
            ("nicknames", self.nicknames),
            ("emails", self.emails),
            ("phones", self.phones),
            ("addresses", self.addresses),
            ("organizations", orgs),
            ("urls", self.urls),
            ("impps", self.impps),
            ("social_profiles", self.socials),
            ("categories", self.categories),
            ("related", self.related),
        ):
            if items:
                data[key] = tuple(items)
        if self.extensions:
            # A generator: thousands of extensions never hold a dict of fields each at once.
            data["extensions"] = (_fields(ext) for ext in self.extensions)
        if self.forms:
            data["forms"] = tuple(self.forms.values())
        if self.source is not None:
            data["source"] = self.source
        data.update(f)
        if self.eager:
            contact = Contact(**data)
        else:
            contact = Contact.model_validate(data, context=_NFC_CARD if self.nfc else None)
        if not contact.formatted_name:
            derived = derive_formatted_name(contact)
            if derived:
                contact = contact.model_copy(update={"formatted_name": derived})
        return contact


def _fields(ext: Any) -> Any:
    """An extension as the model reads it: a property kept lazily becomes its fields now."""
    if isinstance(ext, Property):
        return {"name": ext.name, "value": ext.value, "group": ext.group, "params": ext.params}
    return ext


_ITEM = re.compile(r"item[0-9]+\Z")


def _build(
    comp: Component, issues: IssueCollector, source: str | None, *, from_jcard: bool = False
) -> Contact:
    """The contact of one card: the lazy path, or the eager one when validation fails."""
    mark = len(issues.issues)
    try:
        return _Builder(comp, issues, source, eager=False, from_jcard=from_jcard).build()
    except ValidationError:
        # Some value is refused by the model: redo the card property by property so that
        # exactly the refused ones go to extensions, with the issues of that pass only.
        del issues.issues[mark:]
    return _Builder(comp, issues, source, eager=True, from_jcard=from_jcard).build()
