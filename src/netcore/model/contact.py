"""The contact record and its name."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import Field, SerializerFunctionWrapHandler, field_validator, model_serializer

from netcore.model._validate import aware, non_empty_id, single_line
from netcore.model.values import (
    Address,
    Email,
    Extension,
    Organization,
    Params,
    PartialDate,
    Phone,
    Photo,
    PropertyForm,
    Record,
    Related,
    Url,
    _Carried,
)

__all__ = ["Contact", "Name"]


class Name(_Carried):
    """A structured name in the five components of vCard's N.

    Examples:
        >>> Name(family="Lovelace", given="Ada", prefixes=("Countess",)).given
        'Ada'
    """

    family: str = ""
    given: str = ""
    additional: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    group: str | None = None
    params: Params = ()
    """Parameters of the ``N`` property netcore does not model (``SORT-AS``, ``LANGUAGE``,
    ``ALTID``, ``TYPE``)."""

    def is_empty(self) -> bool:
        """True when every component is empty."""
        return not (self.family or self.given or self.additional or self.prefixes or self.suffixes)


def _new_uid() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


class Contact(Record):
    """A person (or organization, group, place) in someone's network.

    Every field a vCard 4.0 carries and netcore models has a field here; everything else
    read from a file is kept verbatim in :attr:`extensions`, so that writing the contact
    back loses nothing. Multi-valued fields are tuples in the order the source gave.

    Attributes:
        uid: Stable identifier; a new ``urn:uuid:`` when not given.
        formatted_name: The name as the person wants it shown (vCard FN); may be empty.
        cadence_days: How often you want to be in touch, in days (keep-in-touch target);
            ``None`` lets scoring use the contact's Dunbar tier.
        extensions: Every property netcore does not model, kept as written.
        forms: How the properties held in plain fields (NOTE, BDAY, ...) were written:
            their groups, unmodelled parameters and date forms (see :class:`PropertyForm`).
        source: Where the record came from (a file name, ``linkedin``, ...).

    Examples:
        >>> c = Contact(uid="ada", formatted_name="Ada Lovelace",
        ...             emails=(Email(address="ada@example.org"),))
        >>> c.model_copy(update={"cadence_days": 30}).cadence_days
        30
    """

    uid: str = Field(default_factory=_new_uid)
    formatted_name: str = ""
    name: Name | None = None
    nicknames: tuple[str, ...] = ()
    emails: tuple[Email, ...] = ()
    phones: tuple[Phone, ...] = ()
    addresses: tuple[Address, ...] = ()
    organizations: tuple[Organization, ...] = ()
    urls: tuple[Url, ...] = ()
    impps: tuple[Url, ...] = ()
    social_profiles: tuple[Url, ...] = ()
    birthday: date | PartialDate | None = None
    anniversary: date | PartialDate | None = None
    gender: str | None = None
    kind: str | None = None
    categories: tuple[str, ...] = ()
    note: str | None = None
    related: tuple[Related, ...] = ()
    photo: Photo | None = None
    revision: datetime | None = None
    cadence_days: int | None = Field(default=None, ge=1, le=36_500)
    extensions: tuple[Extension, ...] = ()
    forms: tuple[PropertyForm, ...] = ()
    source: str | None = None

    @model_serializer(mode="wrap")
    def _without_empty_forms(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Left out while empty: documents and store rows (and their content hashes)
        # written before forms existed stay the same.
        data: dict[str, Any] = handler(self)
        if "forms" in data and not data["forms"]:
            del data["forms"]
        return data

    def form(self, name: str, index: int = 0) -> PropertyForm | None:
        """How property ``name`` (the ``index``-th of that name) was written, if known.

        Examples:
            >>> Contact(uid="u", forms=(PropertyForm(name="NOTE", group="g"),)).form("NOTE")
            PropertyForm(name='NOTE', index=0, group='g', params=(), text=None)
        """
        for f in self.forms:
            if f.name == name and f.index == index:
                return f
        return None

    @field_validator("uid")
    @classmethod
    def _check_uid(cls, value: str) -> str:
        return non_empty_id(value, "a contact uid")

    @field_validator("formatted_name")
    @classmethod
    def _check_fn(cls, value: str) -> str:
        return single_line(value, "formatted_name")

    @field_validator("birthday", "anniversary", mode="before")
    @classmethod
    def _no_datetime(cls, value: object) -> object:
        if isinstance(value, datetime):
            raise ValueError("a birthday or anniversary is a date or a PartialDate, not a datetime")
        return value

    @field_validator("forms")
    @classmethod
    def _check_forms(cls, value: tuple[PropertyForm, ...]) -> tuple[PropertyForm, ...]:
        # One form per property, held in one order (by name, then index) whatever order
        # they were read or given in, so that contacts compare by content.
        keys = [(f.name, f.index) for f in value]
        if len(set(keys)) != len(keys):
            raise ValueError("forms: one PropertyForm per property name and index")
        if keys == sorted(keys):
            return value
        return tuple(sorted(value, key=lambda f: (f.name, f.index)))

    @field_validator("revision")
    @classmethod
    def _check_revision(cls, value: datetime | None) -> datetime | None:
        return None if value is None else aware(value, "revision")

    @property
    def display_name(self) -> str:
        """The name to show: FN, N, the organization, the first email or phone; else the uid."""
        if self.formatted_name.strip():
            return self.formatted_name
        if self.name is not None and not self.name.is_empty():
            parts = [
                *self.name.prefixes,
                self.name.given,
                *self.name.additional,
                self.name.family,
                *self.name.suffixes,
            ]
            return " ".join(p for p in parts if p)
        if self.organizations and self.organizations[0].name:
            return self.organizations[0].name
        if self.emails:
            return self.emails[0].address
        if self.phones and self.phones[0].number.strip():
            return self.phones[0].number
        return self.uid
