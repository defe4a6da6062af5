"""Building one Contact from one parsed card (private)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import attrs
from pydantic import ValidationError

from netcore.formats import contentline
from netcore.formats._vcard_text import (
    escape,
    unescape,
)
from netcore.formats.contentline import Component, Property
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
    restored_extension_head,
)
from netcore.formats.vcard._mapping import _HANDLERS
from netcore.model import (
    Contact,
    Extension,
    Organization,
)

__all__: list[str] = []


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
        self, comp: Component, issues: IssueCollector, source: str | None, *, eager: bool
    ) -> None:
        self.comp = comp
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
        self.urls: list[Any] = []
        self.impps: list[Any] = []
        self.socials: list[Any] = []
        self.related: list[Any] = []
        self.nicknames: list[str] = []
        self.categories: list[str] = []
        self.extensions: list[Any] = []
        self.labels: list[Property] = []
        self.label_map: dict[str, str] = {}
        self.groups_modelled: set[str] = set()
        # group (lower case) -> how many properties other than X-ABLabel it holds
        self.group_sizes: dict[str, int] = {}

    def record(self, cls: type[Any], kw: dict[str, Any]) -> Any:
        """``cls(**kw)`` in eager mode; ``kw`` itself, validated later, in lazy mode."""
        return cls(**kw) if self.eager else kw

    def extension(self, prop: Property) -> Any:
        name, params = restored_extension_head(prop.name, prop.params)
        if name != prop.name:
            prop = attrs.evolve(prop, name=name, params=params)
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
        return {"name": prop.name, "value": prop.value, "group": prop.group, "params": prop.params}

    def _warn(self, prop: Property, message: str) -> None:
        self.issues.warning(f"{message}; kept in extensions", line=prop.line, property=prop.name)
        self.extensions.append(self.extension(prop))

    def text(self, prop: Property) -> str:
        return unescape(prop.value, self.version)

    def build(self) -> Contact:
        comp = self.comp
        props = comp.properties
        keys = [prop.name.upper() for prop in props]
        labels = self.label_map
        groups_modelled = self.groups_modelled
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
                sizes = self.group_sizes
                sizes[group.lower()] = sizes.get(group.lower(), 0) + 1
        handlers = _HANDLERS
        for key, prop in zip(keys, props, strict=True):
            handler = handlers.get(key)
            if handler is not None:
                try:
                    handler(self, prop)
                except ValidationError as exc:
                    first = exc.errors()[0].get("msg", "invalid value") if exc.errors() else ""
                    self._warn(prop, f"value not accepted ({first})")
            elif key == "X-ABLABEL" and prop.group and prop.group.lower() in groups_modelled:
                continue  # read as the label of the property in its group
            else:
                self.extensions.append(self.extension(prop))
        for child in comp.children:
            text = escape(contentline.digest_text(child).replace("\r\n", "\n"), "3.0")
            if child.name.upper() == "VCARD":  # a 2.1 AGENT: the card of someone else
                self.extensions.append(self.record(Extension, {"name": "AGENT", "value": text}))
                continue
            self.issues.warning(
                f"{child.name} component inside a vCard is not part of the card; kept "
                f"verbatim in extensions as {_COMPONENT}",
                line=child.line,
                property="BEGIN",
            )
            self.extensions.append(self.record(Extension, {"name": _COMPONENT, "value": text}))
        if self.labels:
            self._attach_labels()
        return self._finish()

    def group_of(self, prop: Property) -> str | None:
        """The group a modelled property's record keeps.

        A group named ``itemN`` that holds only this property and its ``X-ABLabel`` is
        the label's carrier, which the writer makes again: not kept, so that a labelled
        record reads back as it was written. Any other group is kept: one shared with
        another property (Apple's ``item2.ADR`` with ``item2.X-ABADR``) or named otherwise
        (``workemail.EMAIL``).
        """
        group = prop.group
        if group is None or prop.name.upper() not in _LABELLED:
            return group  # ORG and N keep any group: their X-ABLabel stays an extension
        key = group.lower()
        if key in self.label_map and self.group_sizes.get(key, 0) <= 1 and _ITEM.match(key):
            return None
        return group

    def label(self, prop: Property) -> str | None:
        if prop.group:
            return self.label_map.get(prop.group.lower())
        return None

    def _attach_labels(self) -> None:
        eager = self.eager
        # The addresses still without a formatted text, by their set of types, in order:
        # each LABEL takes the first of its set (one pass over each, not LABEL x ADR).
        free: dict[frozenset[str], list[int]] = {}
        for i, adr in enumerate(self.addresses):
            formatted, adr_types = (
                (adr.formatted, adr.types) if eager else (adr["formatted"], adr["types"])
            )
            if formatted is None:
                free.setdefault(frozenset(adr_types), []).append(i)
        for queue in free.values():
            queue.reverse()  # pop() from the end gives the first address
        for prop in self.labels:
            text = self.text(prop)
            types, _ = _types(prop)
            waiting = free.get(frozenset(types))
            target = waiting.pop() if waiting else None
            if target is None:
                self.extensions.append(self.extension(prop))
                continue
            if eager:
                self.addresses[target] = self.addresses[target].model_copy(
                    update={"formatted": text}
                )
            else:
                self.addresses[target]["formatted"] = text

    def _finish(self) -> Contact:
        f = self.f
        orgs: list[Any] = []
        count = max(len(self.orgs), len(self.titles), len(self.roles))
        for i in range(count):
            base = self.orgs[i] if i < len(self.orgs) else {}
            title = self.titles[i] if i < len(self.titles) else None
            role = self.roles[i] if i < len(self.roles) else None
            orgs.append(
                self.record(Organization, {**base, "title": title or None, "role": role or None})
            )
        uid = f.pop("uid", None)
        if not uid:
            digest = contentline.digest_text(self.comp)
            uid = f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, digest)}"
            self.issues.info(
                f"card has no UID; derived {uid} from its content", line=self.comp.line
            )
        data = {
            "uid": uid,
            "nicknames": tuple(self.nicknames),
            "emails": tuple(self.emails),
            "phones": tuple(self.phones),
            "addresses": tuple(self.addresses),
            "organizations": tuple(orgs),
            "urls": tuple(self.urls),
            "impps": tuple(self.impps),
            "social_profiles": tuple(self.socials),
            "categories": tuple(self.categories),
            "related": tuple(self.related),
            "extensions": tuple(self.extensions),
            "source": self.source,
            **f,
        }
        contact = Contact(**data) if self.eager else Contact.model_validate(data)
        if not contact.formatted_name:
            derived = derive_formatted_name(contact)
            if derived:
                contact = contact.model_copy(update={"formatted_name": derived})
        return contact


_ITEM = re.compile(r"item[0-9]+\Z")


def _build(comp: Component, issues: IssueCollector, source: str | None) -> Contact:
    """The contact of one card: the lazy path, or the eager one when validation fails."""
    mark = len(issues.issues)
    try:
        return _Builder(comp, issues, source, eager=False).build()
    except ValidationError:
        # Some value is refused by the model: redo the card property by property so that
        # exactly the refused ones go to extensions, with the issues of that pass only.
        del issues.issues[mark:]
    return _Builder(comp, issues, source, eager=True).build()
