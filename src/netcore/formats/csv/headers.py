"""The one table of column names netcore knows, per contact field, in English and German.

Every reader uses it: the LinkedIn and Google readers for the columns their own code does
not handle, and the table reader (Outlook, Thunderbird, Windows Live Mail, Apple, Tine 2.0
and any other export) for all columns. A header cell is looked up by :func:`header_key`,
which ignores case, spaces and punctuation and drops umlauts, ``ß`` and U+FFFD, so that
``Straße geschäftlich``, ``Strasse geschäftlich`` is *not* the same (``ss`` stays) but the
mojibake ``Stra\ufffde gesch\ufffdftlich`` of an export that lost its umlauts matches the
correct spelling.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from netcore.errors import UnsupportedFormatError


class Field(NamedTuple):
    """What a column holds: a field ``kind``, vCard ``types``, a phone ``label``, preferred."""

    kind: str
    types: tuple[str, ...] = ()
    label: str | None = None
    preferred: bool = False


NAME_KINDS = frozenset({"given", "family", "additional", "prefix", "suffix"})
ADDRESS_KINDS = frozenset(
    {"street", "street2", "street3", "locality", "region", "postal_code", "country", "po_box"}
)
ORG_KINDS = frozenset({"org", "unit", "title", "role"})
KINDS = (
    NAME_KINDS
    | ADDRESS_KINDS
    | ORG_KINDS
    | {
        "display",
        "nickname",
        "email",
        "phone",
        "url",
        "note",
        "birthday",
        "anniversary",
        "birth_year",
        "birth_month",
        "birth_day",
        "categories",
        "gender",
        "spouse",
        "formatted_address",
        "address",
        "ignore",
    }
)
"""Every field a column can be mapped to (``address`` is a street, or the whole address
when the same address has a street column too; ``ignore`` keeps the cell as an extension
without an issue)."""

_ALIASES = {
    "first": "given",
    "firstname": "given",
    "last": "family",
    "lastname": "family",
    "surname": "family",
    "middle": "additional",
    "name": "display",
    "fn": "display",
    "displayname": "display",
    "mail": "email",
    "tel": "phone",
    "telephone": "phone",
    "mobile": "phone:cell",
    "cell": "phone:cell",
    "fax": "phone:fax",
    "company": "org",
    "organization": "org",
    "organisation": "org",
    "department": "unit",
    "jobtitle": "title",
    "notes": "note",
    "web": "url",
    "website": "url",
    "city": "locality",
    "state": "region",
    "zip": "postal_code",
    "postcode": "postal_code",
    "bday": "birthday",
}

_NOT_KEY = re.compile(r"[^a-z0-9]+")
_DROPPED = str.maketrans("", "", "äöüß\ufffd")


def header_key(column: str) -> str:
    r"""The table's key for a header cell.

    Lower case, with umlauts, ``ß``, U+FFFD and every character but ``a-z0-9`` removed.

    Examples:
        >>> header_key("Straße geschäftlich") == header_key("Stra\ufffde gesch\ufffdftlich")
        True
        >>> header_key("E-Mail 2: Adresse")
        'email2adresse'
    """
    return _NOT_KEY.sub("", column.lower().translate(_DROPPED))


def _phone(*types: str, label: str | None = None) -> Field:
    return Field("phone", types, label)


def _addr(kind: str, *types: str) -> Field:
    return Field(kind, types)


# (field, column names). English first, then German; the products named in a comment.
_TABLE: tuple[tuple[Field, tuple[str, ...]], ...] = (
    (Field("given"), ("First Name", "Given Name", "Firstname", "Forename", "Vorname", "n_given")),
    (Field("family"), ("Last Name", "Family Name", "Surname", "Lastname", "Nachname", "n_family")),
    (
        Field("additional"),
        ("Middle Name", "Additional Name", "2. Vorname", "Weitere Vornamen", "n_middle"),
    ),
    (Field("prefix"), ("Title", "Name Prefix", "Prefix", "Anrede", "n_prefix", "salutation")),
    (Field("suffix"), ("Suffix", "Name Suffix", "Namenszusatz", "n_suffix")),
    (Field("display"), ("Display Name", "Name", "Full Name", "Anzeigename", "n_fn")),
    (Field("nickname"), ("Nickname", "Nick", "Spitzname", "Short Name")),
    (
        Field("email"),
        (
            "E-mail Address",
            "Email Address",
            "Email",
            "E-mail",
            "Primary Email",
            "E-mail 2 Address",
            "E-mail 3 Address",
            "Secondary Email",
            "E-Mail-Adresse",
            "Primäre E-Mail-Adresse",
            "Sekundäre E-Mail-Adresse",
            "E-Mail 2: Adresse",
            "E-Mail 3: Adresse",
            "Email Other",
            "Andere E-Mail",
        ),
    ),
    (Field("email", ("home",)), ("Email Home", "E-mail Home", "Privat E-Mail", "email_home")),
    (Field("email", ("work",)), ("Email Work", "E-mail Work", "Arbeit E-Mail")),
    # Outlook (English and German), Thunderbird, Windows Live Mail, Apple, Tine 2.0
    (_phone(label="Assistant"), ("Assistant's Phone", "Telefon Assistent", "tel_assistent")),
    (
        _phone("work", "fax"),
        ("Business Fax", "Fax geschäftlich", "Fax (geschäftlich)", "Arbeit Fax"),
    ),
    (
        _phone("work"),
        (
            "Business Phone",
            "Business Phone 2",
            "Work Phone",
            "Telefon geschäftlich",
            "Telefon geschäftlich 2",
            "Telefon (geschäftlich)",
            "Tel. dienstlich",
            "Arbeit Telefon",
            "tel_work",
        ),
    ),
    (_phone(label="Callback"), ("Callback", "Rückmeldung")),
    (_phone("car"), ("Car Phone", "Autotelefon", "tel_car")),
    (_phone("work", label="Company Main"), ("Company Main Phone", "Telefon Firma")),
    (
        _phone("home", "fax"),
        ("Home Fax", "Fax privat", "Fax (privat)", "Privat Fax", "tel_fax_home"),
    ),
    (
        _phone("home"),
        (
            "Home Phone",
            "Home Phone 2",
            "Telefon privat",
            "Telefon privat 2",
            "Telefon (privat)",
            "Tel. privat",
            "Privat Telefon",
            "tel_home",
        ),
    ),
    (_phone("isdn"), ("ISDN",)),
    (
        _phone("cell"),
        (
            "Mobile Phone",
            "Mobile Number",
            "Mobile",
            "Mobiltelefon",
            "Mobiltelefon 2",
            "Mobil-Tel.-Nr.",
            "Handy",
            "tel_cell",
        ),
    ),
    (_phone("home", "cell"), ("Home Mobile", "tel_cell_private")),
    (_phone("fax"), ("Other Fax", "Fax Number", "Fax", "Weiteres Fax", "Fax-Nummer", "tel_fax")),
    (
        _phone(),
        (
            "Other Phone",
            "Phone",
            "Telephone",
            "Telefon",
            "Weiteres Telefon",
            "Andere Telefonnummer",
            "tel_other",
        ),
    ),
    (_phone("pager"), ("Pager", "Pager Number", "Pager-Nummer", "Pager Nummer", "tel_pager")),
    (_phone(label="Primary"), ("Primary Phone", "Haupttelefon", "tel_prefer")),
    (_phone("main"), ("Hauptnummer",)),
    (_phone(label="Radio"), ("Radio Phone",)),
    (_phone("textphone"), ("TTY/TDD Phone", "Telefon für Hörbehinderte")),
    (_phone(label="Telex"), ("Telex",)),
    (_phone("video"), ("Phone Video",)),
    (Field("org"), ("Company", "Organization", "Organisation", "Firma", "org_name")),
    (Field("unit"), ("Department", "Abteilung", "org_unit")),
    (
        Field("title"),
        ("Job Title", "Position", "Arbeitstitel", "Berufsbezeichnung", "Jobtitel", "role"),
    ),
    (Field("role"), ("Profession", "Beruf")),
    (
        Field("url"),
        (
            "Web Page",
            "Web Page 1",
            "Web Page 2",
            "Website",
            "Homepage",
            "Webseite",
            "Webseite 1",
            "Webseite 2",
            "url",
            "Website Other",
            "Website Profile",
            "Website Blog",
        ),
    ),
    (
        Field("url", ("home",)),
        ("Personal Web Page", "Website Home Page", "Webseite (privat)", "url_home"),
    ),
    (Field("url", ("work",)), ("Business Web Page", "Website Work", "Webseite (geschäftlich)")),
    (Field("note"), ("Notes", "Note", "Notizen", "Notiz", "Kommentar")),
    (
        Field("birthday"),
        ("Birthday", "Birth Date", "Date of Birth", "Geburtstag", "Geburtsdatum", "bday"),
    ),
    (Field("anniversary"), ("Anniversary", "Jahrestag")),
    (Field("birth_year"), ("Birth Year", "Geburtsjahr")),
    (Field("birth_month"), ("Birth Month", "Geburtsmonat")),
    (Field("categories"), ("Categories", "Kategorien", "Groups", "tags")),
    (Field("gender"), ("Gender", "Geschlecht")),
    (Field("spouse"), ("Spouse", "Partner")),
    # addresses: work
    (_addr("address", "work"), ("Business Address", "Work Address", "Dienstlich: Adresse")),
    (
        _addr("street", "work"),
        (
            "Business Street",
            "Work Street",
            "Straße geschäftlich",
            "Straße (geschäftlich)",
            "Arbeitsadresse Strasse",
            "adr_one_street",
        ),
    ),
    (
        _addr("street2", "work"),
        (
            "Business Street 2",
            "Work Address 2",
            "Straße geschäftlich 2",
            "Dienstlich: Adresse 2",
            "adr_one_street2",
        ),
    ),
    (_addr("street3", "work"), ("Business Street 3", "Straße geschäftlich 3")),
    (
        _addr("locality", "work"),
        (
            "Business City",
            "Work City",
            "Ort geschäftlich",
            "Ort (geschäftlich)",
            "Dienstlich: Ort",
            "Arbeitsadresse Stadt",
            "adr_one_locality",
        ),
    ),
    (
        _addr("region", "work"),
        (
            "Business State",
            "Work State",
            "Region geschäftlich",
            "Bundesland (geschäftlich)",
            "Dienstlich: Bundesland",
            "Arbeitsadresse Bundesland",
            "adr_one_region",
        ),
    ),
    (
        _addr("postal_code", "work"),
        (
            "Business Postal Code",
            "Work ZipCode",
            "Work Zip",
            "Postleitzahl geschäftlich",
            "Postleitzahl (geschäftlich)",
            "Dienstlich: PLZ",
            "Arbeitsadresse PLZ",
            "adr_one_postalcode",
        ),
    ),
    (
        _addr("country", "work"),
        (
            "Business Country/Region",
            "Business Country",
            "Work Country",
            "Land/Region geschäftlich",
            "Land/Region (geschäftlich)",
            "Dienstlich: Land",
            "Arbeitsadresse Land",
            "adr_one_countryname",
        ),
    ),
    (_addr("po_box", "work"), ("Business Address PO Box", "Postfach geschäftlich")),
    # addresses: home
    (_addr("address", "home"), ("Home Address", "Privat: Adresse")),
    (
        _addr("street", "home"),
        (
            "Home Street",
            "Straße privat",
            "Straße (privat)",
            "Privatadresse Strasse",
            "adr_two_street",
        ),
    ),
    (
        _addr("street2", "home"),
        (
            "Home Street 2",
            "Home Address 2",
            "Straße privat 2",
            "Privat: Adresse 2",
            "adr_two_street2",
        ),
    ),
    (_addr("street3", "home"), ("Home Street 3", "Straße privat 3")),
    (
        _addr("locality", "home"),
        (
            "Home City",
            "Ort privat",
            "Ort (privat)",
            "Privat: Ort",
            "Privatadresse Stadt",
            "adr_two_locality",
        ),
    ),
    (
        _addr("region", "home"),
        (
            "Home State",
            "Bundesland/Kanton privat",
            "Bundesland (privat)",
            "Privat: Bundesland",
            "Privatadresse Bundesland",
            "adr_two_region",
        ),
    ),
    (
        _addr("postal_code", "home"),
        (
            "Home Postal Code",
            "Home ZipCode",
            "Home Zip",
            "Postleitzahl privat",
            "Postleitzahl (privat)",
            "Privat: PLZ",
            "Privatadresse PLZ",
            "adr_two_postalcode",
        ),
    ),
    (
        _addr("country", "home"),
        (
            "Home Country/Region",
            "Home Country",
            "Land/Region privat",
            "Land/Region (privat)",
            "Privat: Land",
            "Privatadresse Land",
            "adr_two_countryname",
        ),
    ),
    (_addr("po_box", "home"), ("Home Address PO Box", "Postfach privat")),
    # addresses: other
    (_addr("address"), ("Other Address", "Address")),
    (
        _addr("street"),
        ("Other Street", "Street", "Straße", "Weitere Straße", "Andere Adr. Strasse"),
    ),
    (_addr("street2"), ("Other Street 2", "Weitere Straße 2")),
    (_addr("street3"), ("Other Street 3", "Weitere Straße 3")),
    (
        _addr("locality"),
        ("Other City", "City", "Ort", "Stadt", "Weiterer Ort", "Andere Adr. Stadt"),
    ),
    (
        _addr("region"),
        (
            "Other State",
            "State",
            "Bundesland",
            "Weiteres/r Bundesland/Kanton",
            "Andere Adr. Bundesland",
        ),
    ),
    (
        _addr("postal_code"),
        (
            "Other Postal Code",
            "Zip",
            "Postal Code",
            "PLZ",
            "Weitere Postleitzahl",
            "Andere Adr. PLZ",
        ),
    ),
    (
        _addr("country"),
        (
            "Other Country/Region",
            "Other Country",
            "Country",
            "Land",
            "Weiteres/e Land/Region",
            "Andere Adr. Land",
        ),
    ),
    (_addr("po_box"), ("Other Address PO Box", "Weiteres Postfach")),
)

KNOWN: dict[str, Field] = {header_key(name): field for field, names in _TABLE for name in names}
"""Every known column name (by :func:`header_key`) and the field it holds."""

# Thunderbird's German export writes the day of the month as "Geburtstag" beside the year
# and month columns; alone, "Geburtstag" is a whole date (Outlook, Apple).
DAY_OF_MONTH = frozenset({header_key("Geburtstag"), header_key("Birth Day")})

# Placeholder values of Outlook (English and German) that mean "empty".
PLACEHOLDERS: dict[str, frozenset[str]] = {
    header_key("Priority"): frozenset({"normal"}),
    header_key("Priorität"): frozenset({"normal"}),
    header_key("Sensitivity"): frozenset({"normal"}),
    header_key("Vertraulichkeit"): frozenset({"normal"}),
    header_key("Private"): frozenset({"false"}),
    header_key("Privat"): frozenset({"aus", "false"}),
    header_key("Gender"): frozenset({"unspecified"}),
    header_key("Geschlecht"): frozenset({"keine angabe", "unspecified"}),
}


# Products recognised by name: a layout wins with the most of its marks in the header.
_PRODUCTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "thunderbird",
        ("Primary Email", "Secondary Email", "Display Name", "Web Page 1", "Birth Year"),
    ),
    (
        "thunderbird (German)",
        ("Primäre E-Mail-Adresse", "Anzeigename", "Mobil-Tel.-Nr.", "Webseite 1", "Geburtsjahr"),
    ),
    (
        "outlook",
        ("E-mail Address", "E-mail 2 Address", "Business Street", "Home Street", "Job Title"),
    ),
    (
        "outlook (German)",
        (
            "E-Mail-Adresse",
            "E-Mail 2: Adresse",
            "Weitere Vornamen",
            "Straße geschäftlich",
            "Jahrestag",
        ),
    ),
    (
        "windows live mail (German)",
        (
            "E-Mail-Adresse",
            "Straße (privat)",
            "Ort (privat)",
            "Telefon (geschäftlich)",
            "2. Vorname",
        ),
    ),
    (
        "apple (German)",
        ("Ausspracheform Vorname", "Arbeitsadresse Strasse", "Privat E-Mail", "Arbeit E-Mail"),
    ),
    ("apple", ("First name yomi", "Last name yomi", "Work Street", "Home Street", "Work Email")),
    ("tine 2.0", ("n_given", "n_family", "adr_one_street", "org_name", "tel_work")),
)
_PRODUCT_KEYS = tuple((name, frozenset(header_key(m) for m in marks)) for name, marks in _PRODUCTS)


def product(header: list[str]) -> str:
    """The product whose column names the header shows most (``"generic"`` when none has 2).

    Examples:
        >>> product(["Vorname", "Nachname", "Anzeigename", "Primäre E-Mail-Adresse"])
        'thunderbird (German)'
    """
    keys = {header_key(h) for h in header}
    best, score = "generic", 1
    for name, marks in _PRODUCT_KEYS:
        hits = len(keys & marks)
        if hits > score:
            best, score = name, hits
    return best


def parse_target(target: str) -> Field:
    """A user's ``--columns`` target (``given``, ``email``, ``phone:cell``...) as a field.

    Raises:
        UnsupportedFormatError: The target names no field.

    The type ``pref`` of an e-mail, phone or web-page column marks its value preferred
    (as in vCard 3.0), rather than being kept as a type.

    Examples:
        >>> parse_target("phone:work,fax")
        Field(kind='phone', types=('work', 'fax'), label=None, preferred=False)
        >>> parse_target("email:pref")
        Field(kind='email', types=(), label=None, preferred=True)
    """
    name, _, types = target.strip().lower().partition(":")
    kind = name.strip().replace(" ", "_").replace("-", "_")
    if kind not in KINDS:
        kind, _, alias_types = _ALIASES.get(header_key(name), "?").partition(":")
        types = types or alias_types
    if kind not in KINDS:
        raise UnsupportedFormatError(
            f"unknown field {target.strip()!r} in the column map; expected one of "
            + ", ".join(sorted(KINDS))
        )
    listed = tuple(t.strip() for t in types.split(",") if t.strip())
    if kind in _PREFERABLE and "pref" in listed:
        return Field(kind, tuple(t for t in listed if t != "pref"), preferred=True)
    return Field(kind, listed)


_PREFERABLE = frozenset({"email", "phone", "url"})
"""The kinds whose values carry ``preferred`` (``email:pref``)."""
