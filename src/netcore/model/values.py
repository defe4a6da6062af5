"""Small value types: partial dates, and the parts of a contact that several records share.

``PartialDate`` is the one type for a date with parts missing (a birthday without a
year is ``--MM-DD``, never year 1900). Email, phone, address, organization, URL,
related-person, photo and extension records live here so that ``contact.py`` reads as
the list of what a contact holds.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache
from typing import Any, ClassVar, Self

import attrs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from netcore.model._validate import no_control, single_line

__all__ = [
    "Address",
    "Email",
    "Extension",
    "Organization",
    "PartialDate",
    "Phone",
    "Photo",
    "PropertyForm",
    "Record",
    "Related",
    "Url",
]


TEXT_IS_NFC = "netcore.text_is_nfc"
"""Validation-context key: every string in the data is already NFC (private to netcore).

``Contact.model_validate(data, context={TEXT_IS_NFC: True})`` skips the records' NFC
check; only a caller that has proved it passes it (the vCard builder, for a card whose text
is NFC as read and stays NFC through its handlers: see ``formats/vcard/_builder.py``).
"""


class Record(BaseModel):
    """Base of every netcore record: frozen, no unknown fields, bytes as base64 in JSON."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        ser_json_bytes="base64",
        val_json_bytes="base64",
        validate_default=False,
        use_enum_values=False,
    )

    @model_validator(mode="before")
    @classmethod
    def _nfc(cls, data: Any, info: ValidationInfo) -> Any:
        """Text is stored NFC-normalised (``é`` one code point, never ``e`` + accent).

        A reader that has checked a whole card's text (see :data:`TEXT_IS_NFC`) passes
        that in the validation context, and the records of that card skip the check.
        """
        if not isinstance(data, dict):  # a dict subclass is a dict of fields too
            return data
        context = info.context
        if context is not None and context.get(TEXT_IS_NFC):
            return data
        # The common case (every text ASCII or already NFC) is one pass without a call per
        # value: records are built by the thousand when a file is read.
        is_nfc = unicodedata.is_normalized
        fixed: dict[str, Any] | None = None
        for key, value in data.items():
            kind = type(value)
            if kind is str:
                if value.isascii() or is_nfc("NFC", value):
                    continue
            elif kind is tuple or kind is list:
                if not value or type(value[0]) is not str:
                    continue
                if all(type(v) is not str or v.isascii() or is_nfc("NFC", v) for v in value):
                    continue
            else:
                continue
            new = _nfc_value(value)
            if new is not value:
                if fixed is None:
                    fixed = dict(data)
                fixed[key] = new
        return data if fixed is None else fixed


def _nfc_text(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _nfc_value(value: Any) -> Any:
    """``value`` with its text NFC: a string, or strings in a tuple or list (one level)."""
    if isinstance(value, str):
        return _nfc_text(value)
    if isinstance(value, tuple | list) and value and isinstance(value[0], str):
        items = [_nfc_text(v) if isinstance(v, str) else v for v in value]
        if any(a is not b for a, b in zip(items, value, strict=True)):
            return type(value)(items)
    return value


_PARTIAL_RE = re.compile(
    r"""^(?:
        --(?P<md_m>\d{2})-?(?P<md_d>\d{2})      # --MM-DD or --MMDD
      | (?P<ym_y>\d{4})-(?P<ym_m>\d{2})         # YYYY-MM
      | (?P<y_y>\d{4})                          # YYYY
      | ---(?P<d_d>\d{2})                       # ---DD
      | --(?P<m_m>\d{2})                        # --MM
    )$""",
    re.VERBOSE,
)


@attrs.frozen(slots=True, order=False)
class PartialDate:
    """A calendar date with parts missing, as ISO 8601 / RFC 6350 write it.

    Allowed shapes: month and day (``--03-15``, a birthday without a year), year and
    month (``2019-03``), year alone (``2019``), month alone (``--03``) and day alone
    (``---15``). A full date is a :class:`datetime.date`, never a ``PartialDate``.
    The day must exist in its month; 29 February is allowed when no year says otherwise.

    In JSON a ``PartialDate`` is its ISO string.

    Examples:
        >>> PartialDate.parse("--0315")
        PartialDate(year=None, month=3, day=15)
        >>> str(PartialDate(month=2, day=29))
        '--02-29'
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        y, m, d = self.year, self.month, self.day
        shape = (y is not None, m is not None, d is not None)
        if shape not in {
            (False, True, True),
            (True, True, False),
            (True, False, False),
            (False, True, False),
            (False, False, True),
        }:
            raise ValueError(
                "a PartialDate is month+day, year+month, year, month or day; "
                f"got year={y}, month={m}, day={d} (a full date is a datetime.date)"
            )
        if y is not None and not 1 <= y <= 9999:
            raise ValueError(f"year must be 1..9999, got {y}")
        if m is not None and not 1 <= m <= 12:
            raise ValueError(f"month must be 1..12, got {m}")
        if d is not None:
            last = 31 if m is None else calendar.monthrange(2000, m)[1]  # 2000: leap year
            if not 1 <= d <= last:
                raise ValueError(f"day {d} does not exist in month {m}")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read an ISO 8601 / RFC 6350 partial date (``--MM-DD``, ``--MMDD``, ``YYYY-MM``, ...).

        Raises:
            ValueError: ``text`` is not one of the partial shapes.
        """
        match = _PARTIAL_RE.match(text.strip())
        if match is None:
            raise ValueError(f"not a partial date: {text!r} (expected --MM-DD, YYYY-MM or YYYY)")
        g = match.groupdict()

        def num(key: str) -> int | None:
            v = g.get(key)
            return int(v) if v is not None else None

        if g["md_m"] is not None:
            return cls(month=num("md_m"), day=num("md_d"))
        if g["ym_y"] is not None:
            return cls(year=num("ym_y"), month=num("ym_m"))
        if g["y_y"] is not None:
            return cls(year=num("y_y"))
        if g["d_d"] is not None:
            return cls(day=num("d_d"))
        return cls(month=num("m_m"))

    def __str__(self) -> str:
        y, m, d = self.year, self.month, self.day
        if y is not None and m is not None:
            return f"{y:04d}-{m:02d}"
        if y is not None:
            return f"{y:04d}"
        if m is not None and d is not None:
            return f"--{m:02d}-{d:02d}"
        if m is not None:
            return f"--{m:02d}"
        return f"---{d:02d}"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def from_str(value: str) -> PartialDate:
            return cls.parse(value)

        from_str_schema = core_schema.chain_schema(
            [core_schema.str_schema(), core_schema.no_info_plain_validator_function(from_str)]
        )
        return core_schema.json_or_python_schema(
            json_schema=from_str_schema,
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(cls), from_str_schema]
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "title": "PartialDate",
            "description": "ISO 8601 partial date: --MM-DD, YYYY-MM, YYYY, --MM or ---DD",
            "pattern": r"^(--\d{2}-?\d{2}|\d{4}-\d{2}|\d{4}|---\d{2}|--\d{2})$",
        }


_GROUP = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$")
_PARAM_NAME_BAD = re.compile(r'[:;=,"\x00-\x1f\x7f]')

Params = tuple[tuple[str, tuple[str, ...]], ...]
"""Parameters as written: ordered ``(name, values)`` pairs, ``values`` empty for a bare one."""


def group_ok(group: str) -> bool:
    """Whether ``group`` is a vCard group (the one rule): ``[A-Za-z0-9-]+`` pieces, dotted.

    Examples:
        >>> group_ok("item1"), group_ok("a.b"), group_ok("a b")
        (True, True, False)
    """
    return bool(_GROUP.match(group))


def check_group(value: str | None) -> str | None:
    """A vCard group: letters, digits and ``-`` in dot-separated pieces, or ``None``."""
    if value is not None and not group_ok(value):
        raise ValueError(f"a group is letters, digits and '-' (dot-separated pieces): {value!r}")
    return value


def param_name_ok(name: str) -> bool:
    """Whether a content line can carry ``name`` as a parameter name (the one rule).

    Args:
        name: A parameter name as read or to be written.

    Returns:
        ``False`` for an empty name or one with ``: ; = , "`` or a control character.

    Examples:
        >>> param_name_ok("X-COUCHDB-UUID"), param_name_ok("TY,PE")
        (True, False)
    """
    return bool(name) and not _PARAM_NAME_BAD.search(name)


# RFC 6838 type/subtype: restricted-name characters only (no delimiter, no space).
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*")


def media_type_ok(value: str) -> bool:
    """Whether ``value`` is a media type as netcore holds one (the one rule).

    ``type/subtype`` of RFC 6838 restricted-name characters (no parameters, no space):
    what :attr:`Photo.media_type` holds and what a ``data:`` URI of a ``LOGO``, ``SOUND``
    or ``KEY`` extension names.

    Examples:
        >>> media_type_ok("image/png"), media_type_ok("PNG"), media_type_ok("image/p ng")
        (True, False, False)
    """
    return _MEDIA_TYPE.fullmatch(value) is not None


def check_params(value: Params) -> Params:
    """Parameters any content line can carry.

    A name without ``: ; = , "`` or control characters; values without NUL (line breaks
    are written as RFC 6868 ``^n``).
    """
    for name, _values in value:
        if not param_name_ok(name):
            raise ValueError(f"a parameter name must be a token: {name!r}")
    return check_param_values(value)


def check_param_values(value: Params) -> Params:
    """Parameter values any content line can carry: without NUL (the one rule).

    No vCard writer can carry a NUL in a parameter value (RFC 6868 has no escape for it),
    so the model refuses it; the readers replace it with U+FFFD and report it.
    """
    for name, values in value:
        if any("\x00" in v for v in values):
            raise ValueError(f"a parameter value must not hold NUL: {name}={values!r}")
    return value


class _Carried(Record):
    """A record read from one vCard property, with that property's group and parameters.

    ``group`` and ``params`` hold what netcore does not model (``X-COUCHDB-UUID``,
    ``PID``, ``GEO``, ``SORT-AS``, ``LANGUAGE``, ...), so that writing it back loses
    nothing.

    Both default to empty and are left out of the record's JSON while empty, so documents
    and store rows written before they existed load, and hash, as before.
    """

    _check_group = field_validator("group", check_fields=False)(
        classmethod(lambda cls, v: check_group(v))
    )
    _check_params = field_validator("params", check_fields=False)(
        classmethod(lambda cls, v: check_params(v) if v else v)  # most records carry none
    )

    @model_serializer(mode="wrap")
    def _without_empty_carry(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("group", 0) is None:
            del data["group"]
        if "params" in data and not data["params"]:
            del data["params"]
        return data


class _Preferable(_Carried):
    """A carried record with types and a preferred mark (email, phone, address, URL)."""

    @model_validator(mode="before")
    @classmethod
    def _pref_type(cls, data: Any) -> Any:
        # A "pref" type is the preferred mark, as every reader reads it (RT-codecs3-11):
        # Email(types=("work", "pref")) is Email(types=("work",), preferred=True).
        if isinstance(data, dict):
            data = bare_params_as_types(data)
            types = data.get("types")
            if not types or (type(types) is tuple and _known(_NO_PREF, types) is not None):
                return data  # none, or a tuple of types already seen without "pref"
            if any(isinstance(t, str) and "pref" in type_names(t) for t in types):
                kept = (n for t in types for n in (type_names(t) if isinstance(t, str) else (t,)))
                data = {**data, "types": tuple(n for n in kept if n != "pref")}
                data["preferred"] = True
            elif type(types) is tuple:
                _remember(_NO_PREF, types, types)
        return data


def bare_params_as_types(data: Any) -> Any:
    """A record's parameter without values is a type, as every reader reads it.

    vCard 2.1 writes types as bare parameter names (``TEL;CELL``), and the readers read
    every parameter without a value that way; a record with types holds it so too
    (RT-codecs4-5): ``Email(params=(("X-P", ()),))`` is ``Email(types=("x-p",))``, and
    ``PREF`` without a value is the preferred mark. The type rule (:func:`type_names`) then
    applies to the name.

    Args:
        data: The input given to a record with types (before validation).

    Returns:
        ``data`` itself when no parameter is bare, else a copy with the bare ones moved
        to the end of ``types``.

    Examples:
        >>> Email(address="a@b.c", params=(("X-P", ()), ("X-Q", ("1",)))).types
        ('x-p',)
    """
    if not isinstance(data, dict):
        return data  # a record or another input: pydantic handles it
    params = data.get("params")
    if not params or not isinstance(params, tuple | list):
        return data
    if not any(_bare(p) for p in params):
        return data
    bare = tuple(p[0] for p in params if _bare(p))
    types = data.get("types") or ()
    if isinstance(types, str) or not isinstance(types, tuple | list):
        return data  # not types: the field reports it
    return {
        **data,
        "params": tuple(p for p in params if not _bare(p)),
        "types": (*types, *bare),
    }


def _bare(param: Any) -> bool:
    return (
        isinstance(param, tuple | list)
        and len(param) == 2
        and isinstance(param[0], str)
        and isinstance(param[1], tuple | list)
        and not param[1]
    )


# Types tuples already looked at: the records of a file repeat a few (``("work",)``,
# ``("cell", "voice")``), so each is looked at once. Bounded: cleared when full.
_NO_PREF: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # tuples without a "pref" type
_CLEAN_TYPES: dict[tuple[str, ...], tuple[str, ...]] = {}  # as given -> as kept (valid)


def _known(cache: dict[tuple[Any, ...], tuple[Any, ...]], key: tuple[Any, ...]) -> Any:
    try:
        return cache.get(key)
    except TypeError:  # an item that cannot be hashed: never cached
        return None


def _remember(
    cache: dict[tuple[Any, ...], tuple[Any, ...]], key: tuple[Any, ...], value: tuple[Any, ...]
) -> None:
    try:
        if len(cache) >= 4096:
            cache.clear()
        cache[key] = value
    except TypeError:  # an item that cannot be hashed: never cached
        pass


def type_names(value: str) -> list[str]:
    """The types one written type value names: the one type rule, readers and model alike.

    A value is cut at commas (``TYPE=work,voice``), each piece stripped of surrounding
    white space and lower-cased; empty pieces name no type (RT-codecs4-6).

    Args:
        value: One ``TYPE`` value (or a 2.1 bare parameter name, or a model type).

    Returns:
        The types it names, in order (repeats kept: the caller keeps each once).

    Examples:
        >>> type_names("Work, VOICE,,"), type_names(" ")
        (['work', 'voice'], [])
    """
    if value.islower() and "," not in value and value.strip() == value:
        return [value]  # the common case: already one clean type
    return [t for t in (piece.strip().lower() for piece in value.split(",")) if t]


def _clean_types(values: tuple[str, ...]) -> tuple[str, ...]:
    """Types as every reader reads them: :func:`type_names` of each, each once."""
    kept: tuple[str, ...] | None = _known(_CLEAN_TYPES, values)
    if kept is not None:
        return kept
    for v in values:
        single_line(v, "a type")
    if all(v.islower() and "," not in v and v.strip() == v for v in values) and len(
        set(values)
    ) == len(values):
        kept = values  # what the readers give: no new tuple
    else:
        cleaned = tuple(dict.fromkeys(t for v in values for t in type_names(v)))
        kept = values if cleaned == values else cleaned
    _remember(_CLEAN_TYPES, values, kept)
    return kept


class Email(_Preferable):
    """An email address as written, with its types and label.

    Addresses compare case-insensitively in lookups (:attr:`normalized`), but the
    record keeps the spelling it was given.

    Examples:
        >>> Email(address="Ada@Example.org", types=("work",)).normalized
        'ada@example.org'
    """

    address: str
    types: tuple[str, ...] = ()
    preferred: bool = False
    label: str | None = None
    group: str | None = None
    params: Params = ()

    _check_types = field_validator("types")(classmethod(lambda cls, v: _clean_types(v)))

    @field_validator("address")
    @classmethod
    def _check_address(cls, value: str) -> str:
        single_line(value, "an email address")
        local, at, domain = value.strip().rpartition("@")
        if not at or not local or not domain:
            raise ValueError(f"an email address needs a local part, '@' and a domain: {value!r}")
        return value

    @staticmethod
    def normalize(address: str) -> str:
        """The one email key: stripped, NFC, case-folded (then NFC again).

        An address typed in NFC and one pasted in NFD (``é`` as one code point or as ``e``
        plus a combining accent) give the same key. Only addresses are case-folded; names
        never are (``casefold`` turns ``ß`` into ``ss``).

        Examples:
            >>> Email.normalize(" Jose\u0301@Example.org") == "jos\u00e9@example.org"
            True
        """
        address = address.strip()
        if address.isascii():
            return address.lower()
        return unicodedata.normalize("NFC", unicodedata.normalize("NFC", address).casefold())

    @property
    def normalized(self) -> str:
        """The address's key (:meth:`normalize`): the key netcore matches on."""
        return Email.normalize(self.address)


_E164 = re.compile(r"^\+[1-9]\d{1,14}$")
_PHONE_SEPARATORS = re.compile(r"[\s().\-/]")


class Phone(_Preferable):
    """A phone number exactly as written, with its E.164 form where one is known.

    :attr:`e164` is computed from the number on first use, never while a file is read:
    an international number (``+`` first) that ``phonenumbers`` finds valid gives its
    E.164 form; otherwise a number that is already ``+`` and digits with the usual
    separators gives those digits. A source that knows better (a CSV file read with a
    region) passes ``e164=`` explicitly, which is kept as given.

    In JSON the record carries ``e164`` (the computed or the given form), as it always did.

    Examples:
        >>> Phone(number="+44 (20) 7946-0958").e164
        '+442079460958'
        >>> Phone(number="020 7946 0958", e164="+442079460958").e164
        '+442079460958'
    """

    number: str
    e164_given: str | None = Field(default=None, alias="e164")
    """The E.164 form a source gave explicitly (``e164=`` when built), or ``None``."""
    types: tuple[str, ...] = ()
    preferred: bool = False
    label: str | None = None
    group: str | None = None
    params: Params = ()

    _check_types = field_validator("types")(classmethod(lambda cls, v: _clean_types(v)))

    @field_validator("number")
    @classmethod
    def _check_number(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a phone number must not be empty")
        return single_line(value, "a phone number")

    @field_validator("e164_given")
    @classmethod
    def _check_e164(cls, value: str | None) -> str | None:
        if value is not None and not _E164.match(value):
            raise ValueError(f"e164 must be '+' and 2 to 15 digits: {value!r}")
        return value

    @property
    def e164(self) -> str | None:
        """The number in E.164 form (``+`` and up to 15 digits), or ``None`` when unknown.

        The given form when there is one, else derived from :attr:`number` (cached by
        number, so the ``phonenumbers`` look-up runs once per distinct number).
        """
        given = self.e164_given
        return given if given is not None else e164_of(self.number)

    @model_serializer(mode="wrap")
    def _without_empty_carry(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        out: dict[str, Any] = {}
        for key, value in data.items():
            if key in ("e164_given", "e164"):
                continue
            out[key] = value
            if key == "number":
                out["e164"] = self.e164
        if out.get("group", 0) is None:
            del out["group"]
        if "params" in out and not out["params"]:
            del out["params"]
        return out

    def _key(self) -> tuple[Any, ...]:
        return (self.number, self.types, self.preferred, self.label, self.group, self.params)

    def __eq__(self, other: object) -> bool:
        """Equal when every field is, ``e164`` compared as computed (given or derived)."""
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Phone)
        return self._key() == other._key() and self.e164 == other.e164

    def __hash__(self) -> int:
        """Hash of the fields but ``e164`` (equal phones hash alike)."""
        return hash(self._key())


@lru_cache(maxsize=8192)
def phone_key(number: str, e164: str | None = None) -> str:
    """The one key phone numbers are matched by: the E.164 form, else the digits.

    ``e164`` is the form already known (``Phone.e164``); without it the form is derived
    as :func:`e164_of` derives it. Lookup (``Network.find``, ``resolve``) and search
    compare phones by this key, so ``+44 20 7946 0132`` and ``+442079460132`` are one.

    Examples:
        >>> phone_key("+44 20 7946 0132"), phone_key("020 7946 0132")
        ('+442079460132', '02079460132')
    """
    if e164 is None:
        e164 = e164_of(number)
    return e164 if e164 is not None else _NON_DIGITS.sub("", number)


_NON_DIGITS = re.compile(r"\D")


@lru_cache(maxsize=8192)
def e164_of(number: str) -> str | None:
    """The E.164 form of ``number`` as :attr:`Phone.e164` derives it (cached, bounded).

    An international number (``+`` first) that ``phonenumbers`` finds valid gives its
    E.164 form; otherwise a number of ``+`` and digits with the usual separators gives
    those; otherwise ``None``. ``phonenumbers`` is imported on first use only.

    Examples:
        >>> e164_of("+1 202 555 0143"), e164_of("020 7946 0958")
        ('+12025550143', None)
    """
    if number.startswith("+"):
        import phonenumbers  # heavy (tens of ms): imported on first use

        try:
            parsed = phonenumbers.parse(number, None)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    candidate = _PHONE_SEPARATORS.sub("", number)
    return candidate if _E164.match(candidate) else None


class Address(_Preferable):
    """A postal address in the seven components of vCard's ADR, plus its label text.

    Examples:
        >>> Address(street="1 Main St", locality="Springfield", country="USA").country
        'USA'
    """

    po_box: str = ""
    extended: str = ""
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    types: tuple[str, ...] = ()
    preferred: bool = False
    label: str | None = None
    formatted: str | None = None
    """The address as one block of text (vCard LABEL), where the source gave one."""
    group: str | None = None
    params: Params = ()

    _check_types = field_validator("types")(classmethod(lambda cls, v: _clean_types(v)))

    @field_validator(
        "po_box", "extended", "street", "locality", "region", "postal_code", "country", "formatted"
    )
    @classmethod
    def _check_text(cls, value: str | None) -> str | None:
        return None if value is None else no_control(value, "an address component")


class Organization(_Carried):
    """An organization with its units, and the person's title and role there.

    Examples:
        >>> Organization(name="ACME", units=("R&D",), title="Engineer").title
        'Engineer'
    """

    name: str = ""
    units: tuple[str, ...] = ()
    title: str | None = None
    """The title; an empty one is no title (``None``): see :func:`no_title_if_empty`."""
    role: str | None = None
    """The role; an empty one is no role (``None``), as for ``title``."""
    group: str | None = None
    """The group of the ``ORG`` property."""
    params: Params = ()
    """Parameters of the ``ORG`` property (``TITLE`` and ``ROLE`` keep none)."""

    _empty_title = field_validator("title", "role", mode="before")(
        classmethod(lambda cls, v: no_title_if_empty(v))
    )


def no_title_if_empty(value: Any) -> Any:
    """An empty title or role is none: the one rule of the model and the vCard readers.

    vCard cannot tell an empty ``TITLE`` from a missing one: the writers write ``TITLE:``
    for an organization without a title that comes before one with a title (titles are
    matched to organizations by position), and the readers read it as no title. So the
    model holds ``title=""`` as ``None`` too (RT-codecs4-4), and a round trip keeps it.

    Args:
        value: A title or role as given (any type: the field checks it afterwards).

    Returns:
        ``None`` for an empty string, else ``value`` unchanged.

    Examples:
        >>> Organization(name="Acme", title="", role="").title is None
        True
    """
    return None if value == "" else value


class Url(_Preferable):
    """A URI with its types and label: used for web pages, IMPP handles and social profiles.

    Examples:
        >>> Url(value="https://example.org", label="blog").value
        'https://example.org'
    """

    value: str
    types: tuple[str, ...] = ()
    preferred: bool = False
    label: str | None = None
    service: str | None = None
    """The service name where the source gave one (``X-SERVICE-TYPE``, social network type)."""
    group: str | None = None
    params: Params = ()

    _check_types = field_validator("types")(classmethod(lambda cls, v: _clean_types(v)))

    @field_validator("value")
    @classmethod
    def _check_value(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a URL must not be empty")
        return single_line(value, "a URL")


class Related(_Carried):
    """Another person related to the contact (RFC 6350 RELATED; Apple's related names).

    ``value`` is a URI (``urn:uuid:...``, ``mailto:...``) or free text (a name).

    Examples:
        >>> Related(value="Jane Doe", types=("spouse",)).types
        ('spouse',)
    """

    value: str
    types: tuple[str, ...] = ()
    label: str | None = None
    group: str | None = None
    params: Params = ()

    _check_types = field_validator("types")(classmethod(lambda cls, v: _clean_types(v)))

    @model_validator(mode="before")
    @classmethod
    def _bare_params(cls, data: Any) -> Any:
        return bare_params_as_types(data)


class Photo(Record):
    """A picture of the contact: inline bytes or a URI, exactly one of them.

    Examples:
        >>> Photo(uri="https://example.org/a.jpg").uri
        'https://example.org/a.jpg'
    """

    data: bytes | None = None
    uri: str | None = None
    media_type: str | None = None

    @field_validator("media_type")
    @classmethod
    def _check_media_type(cls, value: str | None) -> str | None:
        if value is not None and not media_type_ok(value):
            raise ValueError(f"a media type is type/subtype (image/jpeg): {value!r}")
        return value

    @model_validator(mode="after")
    def _one_of(self) -> Self:
        if (self.data is None) == (self.uri is None):
            raise ValueError("a Photo holds exactly one of data and uri")
        return self


class PropertyForm(Record):
    """How one property held in a plain field of :class:`~netcore.model.Contact` was written.

    FN, NICKNAME, TITLE, ROLE, NOTE, CATEGORIES, GENDER, KIND, UID, BDAY, ANNIVERSARY and
    REV are held as plain values (text, a date); their group, the parameters netcore
    does not model (``LANGUAGE``, ``ALTID``, ``PID``, ...) and, for a date or timestamp,
    the lexical form given (``19531015T231000Z`` for a birthday read as 15 October 1953)
    are kept here, so that writing the contact back loses nothing. A writer uses
    :attr:`text` only while it still denotes the field's value.

    Examples:
        >>> PropertyForm(name="NOTE", params=(("LANGUAGE", ("en",)),)).params
        (('LANGUAGE', ('en',)),)
    """

    name: str
    """The property name in capitals (``NOTE``, ``BDAY``)."""
    index: int = Field(default=0, ge=0)
    """Which property of that name: 0 the first (TITLE and ROLE come one per organization)."""
    group: str | None = None
    params: Params = ()
    text: str | None = None
    """The value as written, where it is a form of its own (dates and timestamps only)."""

    _NAME: ClassVar[re.Pattern[str]] = re.compile(r"^[A-Z0-9-]+$")

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        if not cls._NAME.match(value):
            raise ValueError(f"a property name is capitals, digits and '-': {value!r}")
        return value

    @field_validator("group")
    @classmethod
    def _check_group(cls, value: str | None) -> str | None:
        return check_group(value)

    @field_validator("params")
    @classmethod
    def _check_params(cls, value: Params) -> Params:
        return check_params(value)

    @field_validator("text")
    @classmethod
    def _check_text(cls, value: str | None) -> str | None:
        return None if value is None else single_line(value, "a written form")

    @model_serializer(mode="wrap")
    def _without_defaults(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        for key, empty in (("index", 0), ("group", None), ("params", ()), ("text", None)):
            if key in data and (data[key] == empty or data[key] == []):
                del data[key]
        return data


class Extension(Record):
    """A property netcore does not model, kept verbatim so that nothing is lost.

    ``params`` is an ordered tuple of ``(name, values)`` pairs exactly as written and
    ``value`` the value in its written (escaped) text form. A value some reader would give
    in one model form is held in that form (docs/formats.md): a quoted-printable value
    as escaped text without ``ENCODING``; inline ``LOGO``, ``SOUND`` or ``KEY`` data as a
    canonical base64 ``data:`` URI.

    Examples:
        >>> Extension(name="X-PHONETIC-FIRST-NAME", value="Jon").name
        'X-PHONETIC-FIRST-NAME'
    """

    name: str
    value: str
    group: str | None = None
    params: Params = ()

    # RFC 6350 names are letters, digits and '-', but real exports also hold '_', '/', even
    # spaces or '=' (``X-messaging/xmpp-All``); netcore keeps them as written and refuses
    # only what cannot stand in a name on a content line: the ':' ';' '.' delimiters and
    # control characters (CR and LF among them).
    # A name may not start with a space or TAB either (the line would continue the one
    # before it). Groups are letters, digits and '-', in dot-separated pieces.
    _NAME: ClassVar[re.Pattern[str]] = re.compile(r"^[^:;.\s\x00-\x1f\x7f][^:;.\x00-\x1f\x7f]*$")
    _STRUCTURE: ClassVar[frozenset[str]] = frozenset({"BEGIN", "END"})

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        if not cls._NAME.match(value):
            raise ValueError(
                "a property name must not be empty, start with a space nor hold control "
                f"characters or any of : ; . (it would break the content line): {value!r}"
            )
        return value

    @field_validator("group")
    @classmethod
    def _check_group(cls, value: str | None) -> str | None:
        return check_group(value)

    @model_validator(mode="before")
    @classmethod
    def _one_model_form(cls, data: Any) -> Any:
        # The one model form of an extension's value (netcore.model._forms), the form every
        # reader gives, so that loads(dumps(c)) == c for a value built by hand too:
        # * a quoted-printable value is decoded text: it is held in the escaped text form
        #   without the parameters that only said how it was carried;
        # * inline LOGO, SOUND or KEY data is one canonical base64 data: URI, a URI is held
        #   without VALUE=uri;
        # * else the value is the written text form, where a line break is the \n escape,
        #   so CR LF, CR and LF are each stored as that escape (so that CR/LF can never
        #   start a line of their own when it is written).
        if not isinstance(data, dict):  # a dict subclass is a dict of fields too
            return data
        value = data.get("value")
        if type(value) is not str:
            return data
        raw = data.get("params", ())
        name = data.get("name")
        media = type(name) is str and name.upper() in _forms.MEDIA_EXTENSIONS
        params = _plain_params(raw) if raw and (media or _names_encoding(raw)) else None
        if params is not None and _forms.encoding_of(params) == "quoted-printable":
            params, value = _forms.qp_model_form(params, value)
            return {**data, "params": params, "value": value}
        if "\r" in value or "\n" in value:
            value = value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
        if media and (params is not None or not raw):
            form = _forms.to_model_form(str(name).upper(), params or (), value)[0]
            if form is not None:
                value, params = form
                data = {**data, "params": params}
        return data if value is data["value"] else {**data, "value": value}

    @field_validator("params")
    @classmethod
    def _check_params(cls, value: Params) -> Params:
        # Names are kept as written (the writers refuse those no line can carry); a NUL
        # in a value is refused here, as in every record's params.
        return check_param_values(value)

    @model_validator(mode="after")
    def _not_structure(self) -> Self:
        # BEGIN and END without a group would open or close a card when written.
        if self.group is None and self.name.rstrip(" \t").upper() in self._STRUCTURE:
            raise ValueError(f"{self.name!r} is a structure line, not a property name")
        return self


def _names_encoding(params: Any) -> bool:
    """Whether ``params`` may name a transfer encoding (a cheap test before the full one)."""
    return isinstance(params, tuple | list) and any(
        isinstance(item, tuple | list)
        and item
        and type(item[0]) is str
        and item[0].upper() in _ENCODING_NAMES
        for item in params
    )


_ENCODING_NAMES = frozenset({"ENCODING", "QUOTED-PRINTABLE", "BASE64", "B"})


def _plain_params(params: Any) -> Params | None:
    """``params`` as a tuple of ``(str, tuple[str, ...])`` pairs, else ``None``.

    ``None`` for anything that is not parameters (the field validator says why).
    """
    if not isinstance(params, tuple | list):
        return None
    out: list[tuple[str, tuple[str, ...]]] = []
    for item in params:
        if not isinstance(item, tuple | list) or len(item) != 2:
            return None
        name, values = item
        if type(name) is not str or not isinstance(values, tuple | list):
            return None
        if not all(type(v) is str for v in values):
            return None
        out.append((name, tuple(values)))
    return tuple(out)


# Last: _forms builds on this module (Params, media_type_ok); Extension uses it when called.
from netcore.model import _forms  # noqa: E402
