"""Write the sample data in this folder: invented people, example.org/example.com only.

The output is deterministic (a fixed seed, no clock): running this again rewrites the
same bytes. The files are committed; this script is how they were made.

Run: python examples/data/make_data.py
"""

from __future__ import annotations

import base64
import csv
import io
import quopri
import random
import struct
import unicodedata
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 27)
NS = uuid.UUID("0b6a4f7e-4d8f-4f3e-9a55-6d1c5e2b7a90")


@dataclass
class P:
    """One invented person and how I have been in touch with them."""

    given: str
    family: str
    org: str
    title: str
    domain: str
    file: str  # "4.0" | "3.0" | "2.1"
    group: str  # inner | close | drifting | team | meetup | conf | dormant
    last: int | None = None  # days before AS_OF of the latest logged interaction
    every: int = 30  # days between interactions
    count: int = 0  # interactions in the log
    cadence: int | None = None
    bday: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    related: tuple[tuple[str, str], ...] = ()  # (name of another person, how related)

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def email(self) -> str:
        name = f"{self.given}.{self.family}".lower().replace(" ", "").replace("'", "")
        local = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
        return f"{local}@{self.domain}"

    @property
    def uid(self) -> str:
        return f"urn:uuid:{uuid.uuid5(NS, self.name)}"


PEOPLE: list[P] = [
    # inner circle: in touch every week or two
    P(
        "Inês",
        "Duarte",
        "Northwind Analytics",
        "Staff Engineer",
        "example.org",
        "4.0",
        "inner",
        last=3,
        every=9,
        count=30,
        cadence=14,
        bday="--04-12",
        related=(("Ana Ribeiro", "friend"),),
    ),
    P(
        "Tomás",
        "Ferreira",
        "Northwind Analytics",
        "Engineering Manager",
        "example.org",
        "4.0",
        "inner",
        last=6,
        every=12,
        count=24,
        cadence=14,
        bday="1988-09-30",
    ),
    P(
        "Priya",
        "Raman",
        "Fabrikam",
        "Principal Data Scientist",
        "example.com",
        "3.0",
        "inner",
        last=2,
        every=10,
        count=28,
        cadence=21,
    ),
    P(
        "Kwame",
        "Mensah",
        "Tailspin Labs",
        "CTO",
        "example.com",
        "4.0",
        "inner",
        last=12,
        every=14,
        count=18,
        cadence=30,
        bday="--11-02",
        related=(("Chen Wei", "friend"),),
    ),
    P(
        "Hannah",
        "Berg",
        "Contoso",
        "Product Lead",
        "example.com",
        "2.1",
        "inner",
        last=20,
        every=16,
        count=15,
        cadence=30,
    ),
    # close: monthly, mostly on time
    P(
        "Lucas",
        "Moreau",
        "Wide World Importers",
        "Solutions Architect",
        "example.com",
        "4.0",
        "close",
        last=25,
        every=35,
        count=8,
    ),
    P(
        "Aiko",
        "Tanaka",
        "Adatum",
        "Research Engineer",
        "example.org",
        "3.0",
        "close",
        last=30,
        every=40,
        count=7,
    ),
    P(
        "Mateo",
        "García",
        "Litware",
        "Developer Advocate",
        "example.org",
        "4.0",
        "close",
        last=18,
        every=30,
        count=9,
    ),
    P(
        "Sofia",
        "Rossi",
        "Proseware",
        "Head of Data",
        "example.com",
        "2.1",
        "close",
        last=40,
        every=45,
        count=6,
    ),
    P(
        "Daniel",
        "Cohen",
        "Woodgrove Bank",
        "Quant Developer",
        "example.com",
        "3.0",
        "close",
        last=15,
        every=28,
        count=10,
        related=(("Lars Eriksen", "friend"),),
    ),
    # drifting: used to be close, quiet for a while
    P(
        "Elena",
        "Popescu",
        "Fourth Coffee",
        "Founder",
        "example.org",
        "4.0",
        "drifting",
        last=95,
        every=30,
        count=9,
        cadence=30,
    ),
    P(
        "Jonas",
        "Lindqvist",
        "Alpine Ski House",
        "Platform Engineer",
        "example.com",
        "3.0",
        "drifting",
        last=120,
        every=25,
        count=8,
    ),
    P(
        "Amara",
        "Okafor",
        "Margie's Travel",
        "Recruiter",
        "example.org",
        "2.1",
        "drifting",
        last=150,
        every=40,
        count=5,
    ),
    P(
        "Ravi",
        "Kulkarni",
        "Lucerne Publishing",
        "Editor",
        "example.com",
        "4.0",
        "drifting",
        last=80,
        every=20,
        count=10,
        cadence=21,
    ),
    P(
        "Chloé",
        "Martin",
        "Blue Yonder Airlines",
        "Data Engineer",
        "example.com",
        "3.0",
        "drifting",
        last=200,
        every=30,
        count=6,
    ),
    # the platform team: the weekly sync
    P(
        "Oliver",
        "Hughes",
        "Northwind Analytics",
        "SRE",
        "example.org",
        "4.0",
        "team",
        last=9,
        every=20,
        count=6,
    ),
    P(
        "Mei",
        "Lin",
        "Northwind Analytics",
        "Backend Engineer",
        "example.org",
        "4.0",
        "team",
        last=16,
        every=25,
        count=5,
    ),
    P("Farid", "Haddad", "Northwind Analytics", "Data Engineer", "example.org", "3.0", "team"),
    P("Grace", "O'Neill", "Northwind Analytics", "QA Lead", "example.org", "2.1", "team"),
    # meetup regulars
    P(
        "Bruno",
        "Carvalho",
        "Python Porto",
        "Organiser",
        "example.org",
        "4.0",
        "meetup",
        last=35,
        every=60,
        count=4,
    ),
    P(
        "Leila",
        "Nasser",
        "Graphic Design Institute",
        "Data Visualisation Lead",
        "example.com",
        "3.0",
        "meetup",
    ),
    P(
        "Pedro",
        "Santos",
        "Trey Research",
        "ML Engineer",
        "example.com",
        "4.0",
        "meetup",
        last=70,
        every=60,
        count=3,
    ),
    P("Marta", "Nowak", "VanArsdel", "Backend Developer", "example.com", "3.0", "meetup"),
    P("Yusuf", "Demir", "Humongous Insurance", "Actuary", "example.com", "2.1", "meetup"),
    P(
        "Clara",
        "Schmidt",
        "Wingtip Toys",
        "Frontend Lead",
        "example.com",
        "4.0",
        "meetup",
        last=100,
        every=90,
        count=2,
    ),
    P("Nikhil", "Rao", "Coho Winery", "Data Analyst", "example.com", "3.0", "meetup"),
    P("Julia", "Kowalski", "School of Fine Art", "Lecturer", "example.org", "4.0", "meetup"),
    # met at PyData Lisbon (18-19 Nov 2026)
    P("Ana", "Ribeiro", "Datum Corporation", "Staff Data Scientist", "example.com", "4.0", "conf"),
    P(
        "Samuel",
        "Adeyemi",
        "Relecloud",
        "Head of ML",
        "example.com",
        "4.0",
        "conf",
        last=5,
        every=10,
        count=1,
    ),
    P("Emma", "Johansson", "Southridge Video", "Analytics Engineer", "example.com", "3.0", "conf"),
    P("Marco", "Bianchi", "Consolidated Messenger", "Platform Lead", "example.com", "2.1", "conf"),
    P(
        "Fatima",
        "Zahra",
        "City Power & Light",
        "Data Engineer",
        "example.org",
        "4.0",
        "conf",
        last=4,
        every=10,
        count=1,
    ),
    P("Lars", "Eriksen", "Acme Corp", "CTO", "example.com", "3.0", "conf"),
    P("Noor", "Hassan", "Bellows College", "PhD Student", "example.org", "4.0", "conf"),
    P("Diego", "Torres", "Tailwind Traders", "Developer", "example.com", "2.1", "conf"),
    P("Zoe", "Papadopoulos", "Munson's Pickles", "Data Lead", "example.com", "3.0", "conf"),
    P("Kenji", "Watanabe", "Fabrikam", "Research Scientist", "example.com", "4.0", "conf"),
    P("Olga", "Ivanova", "Litware", "Engineering Director", "example.org", "2.1", "conf"),
    # dormant: no contact this year
    P(
        "Robert",
        "Fischer",
        "Contoso",
        "Former colleague",
        "example.com",
        "2.1",
        "dormant",
        last=420,
        every=60,
        count=3,
    ),
    P(
        "Isabel",
        "Navarro",
        "Adventure Works",
        "Consultant",
        "example.com",
        "4.0",
        "dormant",
        last=380,
        every=90,
        count=2,
    ),
    P(
        "Thomas",
        "Dubois",
        "Wide World Importers",
        "Sales Engineer",
        "example.com",
        "3.0",
        "dormant",
        last=500,
        every=60,
        count=2,
    ),
    P(
        "Ayesha",
        "Siddiqui",
        "Proseware",
        "Product Manager",
        "example.com",
        "2.1",
        "dormant",
        last=330,
        every=60,
        count=2,
    ),
    P("Michael", "Byrne", "Trey Research", "Data Scientist", "example.com", "4.0", "dormant"),
    P("Sara", "Lindgren", "Alpine Ski House", "Designer", "example.com", "3.0", "dormant"),
    P("Vítor", "Almeida", "Woodgrove Bank", "Risk Analyst", "example.com", "2.1", "dormant"),
    P("Laura", "Weber", "Adatum", "Scrum Master", "example.org", "4.0", "dormant"),
    P(
        "Omar",
        "Farouk",
        "Tailspin Labs",
        "Founder",
        "example.com",
        "3.0",
        "dormant",
        last=610,
        every=30,
        count=2,
    ),
    P("Eva", "Horvat", "Lucerne Publishing", "Translator", "example.org", "2.1", "dormant"),
    P("Hugo", "Lambert", "Fourth Coffee", "Barista trainer", "example.org", "4.0", "dormant"),
    P("Nadia", "Petrova", "Graphic Design Institute", "Professor", "example.org", "3.0", "dormant"),
    P("Ben", "Carter", "Margie's Travel", "Travel Agent", "example.com", "2.1", "dormant"),
    P("Rosa", "Jiménez", "Coho Winery", "Sommelier", "example.com", "4.0", "dormant"),
    P("Ethan", "Walsh", "Acme Corp", "Sales Director", "example.com", "3.0", "dormant"),
    P("Chen", "Wei", "Acme Corp", "Cloud Architect", "example.com", "4.0", "dormant"),
    P("Maya", "Levi", "Bellows College", "Postdoc", "example.org", "3.0", "dormant"),
    P("Arjun", "Mehta", "City Power & Light", "Grid Analyst", "example.org", "2.1", "dormant"),
    P("Sven", "Olsen", "Acme Corp", "Platform Engineer", "example.com", "4.0", "dormant"),
    P("Lina", "Haddad", "Contoso", "HR Partner", "example.com", "3.0", "dormant"),
]

# Conference attendees netcore has no contact for (they turn up in `netcore followups`).
STRANGERS = [
    ("Rui Gomes", "rui.gomes@example.com"),
    ("Alice Moreno", "alice.moreno@example.org"),
    ("Hiro Sato", "hiro.sato@example.com"),
]


def fold(line: str) -> list[str]:
    """Fold a content line at 75 octets (RFC 6350 3.2), never inside a UTF-8 sequence."""
    out: list[str] = []
    raw = line
    limit = 75
    while len(raw.encode()) > limit:
        cut = limit
        while len(raw[:cut].encode()) > limit:
            cut -= 1
        out.append(raw[:cut])
        raw = " " + raw[cut:]
        limit = 75
    out.append(raw)
    return out


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def phone(i: int) -> str:
    return f"+44 20 7946 0{100 + i:03d}"


def vcard40(p: P, i: int) -> list[str]:
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"UID:{p.uid}",
        f"FN:{p.name}",
        f"N:{p.family};{p.given};;;",
        f"EMAIL;TYPE=work;PREF=1:{p.email}",
        f"TEL;TYPE=cell;VALUE=uri:tel:{phone(i).replace(' ', '-')}",
        f"ORG:{p.org}",
        f"TITLE:{p.title}",
    ]
    if p.bday:
        lines.append(f"BDAY:{p.bday}")
    if p.cadence:
        lines.append(f"X-NETCORE-CADENCE-DAYS:{p.cadence}")
    if p.group in {"inner", "team"}:
        lines.append("CATEGORIES:work,python")
    for name, how in p.related:  # RFC 6350 RELATED, by uid
        lines.append(f"RELATED;TYPE={how}:urn:uuid:{uuid.uuid5(NS, name)}")
    if i % 4 == 0:
        lines.append(f"URL;TYPE=work:https://{p.domain}/people/{p.email.split('@')[0]}")
    if i % 5 == 0:
        lines.append(
            f"NOTE:{p.given} and I first met through {p.org}; ask about the "
            "migration to the new data platform and how the hiring went."
        )
    lines.append("END:VCARD")
    return [folded for line in lines for folded in fold(line)]


def vcard30(p: P, i: int, photo: bool) -> list[str]:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//macOS 14.5//EN",
        f"N:{p.family};{p.given};;;",
        f"FN:{p.name}",
        f"ORG:{p.org};",
        f"TITLE:{p.title}",
        f"item1.EMAIL;type=INTERNET;type=pref:{p.email}",
        "item1.X-ABLabel:_$!<Other>!$_",
        f"item2.TEL;type=pref:{phone(i)}",
        "item2.X-ABLabel:mobile (work)" if i % 2 else "item2.X-ABLabel:_$!<Mobile>!$_",
    ]
    if i % 3 == 0:
        lines += [
            f"item3.URL;type=pref:https://{p.domain}/{p.given.lower()}",
            "item3.X-ABLabel:_$!<HomePage>!$_",
        ]
    if i % 4 == 1:
        lines += [
            f"item4.ADR;type=WORK:;;{10 + i} Harbour Street;Porto;;4000-{100 + i};Portugal",
            "item4.X-ABLabel:_$!<Work>!$_",
            "item4.X-ABADR:pt",
        ]
    if p.cadence:
        lines.append(f"X-NETCORE-CADENCE-DAYS:{p.cadence}")
    for n, (name, how) in enumerate(p.related, start=5):  # Apple's related names
        lines += [f"item{n}.X-ABRELATEDNAMES:{name}", f"item{n}.X-ABLabel:_$!<{how.title()}>!$_"]
    if i % 5 == 2:
        lines.append(
            f"NOTE:Introduced by a friend at {p.org}. Interested in data contracts\\, "
            "streaming pipelines and mentoring junior engineers."
        )
    if photo:
        data = base64.b64encode(png(8, 8, (70, 130, 180))).decode()
        lines.append(f"PHOTO;ENCODING=b;TYPE=PNG:{data}")
    lines += [f"UID:{p.uid}", "X-ABShowAs:PERSON" if i % 7 else "X-ABShowAs:COMPANY", "END:VCARD"]
    return [folded for line in lines for folded in fold(line)]


def qp(text: str) -> str:
    """Quoted-printable as Outlook writes it: CRLF in a value is =0D=0A; long lines soft-break."""
    encoded = quopri.encodestring(text.replace("\n", "\r\n").encode("utf-8"))
    out = encoded.decode("ascii").replace("=\r\n", "\0").replace("=\n", "\0")
    return out.replace("\r\n", "=0D=0A").replace("\n", "=0D=0A").replace("\0", "=\r\n")


def vcard21(p: P, i: int) -> list[str]:
    lines = ["BEGIN:VCARD", "VERSION:2.1"]
    if p.name.isascii():
        lines += [f"N:{p.family};{p.given}", f"FN:{p.name}"]
    else:
        lines += [
            f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(p.family + ';' + p.given)}",
            f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(p.name)}",
        ]
    lines += [
        f"ORG:{p.org}",
        f"TITLE:{p.title}",
        f"TEL;WORK;VOICE:{phone(i)}",
        f"EMAIL;PREF;INTERNET:{p.email}",
    ]
    if i % 2 == 0:
        street = f"Rua das Flores {20 + i}, 2º andar"
        lines.append(
            "ADR;WORK;PREF;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
            + qp(f";;{street};Lisboa;;1200-{190 + i};Portugal")
        )
    if i % 3 == 0:
        note = (
            f"Met {p.given} at a {p.org} partner day.\nPrefers a phone call to email; "
            "follow up about the joint webinar and the data-sharing agreement."
        )
        lines.append(f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{qp(note)}")
    lines += [
        f"X-MS-OL-DEFAULT-POSTAL-ADDRESS:{2 if i % 2 == 0 else 0}",
        f"UID:{p.uid}",
        "REV:20260102T101010Z",
        "END:VCARD",
    ]
    return lines


def write_vcards() -> None:
    for version, name in (
        ("4.0", "contacts-4.0.vcf"),
        ("3.0", "contacts-3.0-apple.vcf"),
        ("2.1", "contacts-2.1-outlook.vcf"),
    ):
        lines: list[str] = []
        for i, p in enumerate(PEOPLE):
            if p.file != version:
                continue
            if version == "4.0":
                lines += vcard40(p, i)
            elif version == "3.0":
                lines += vcard30(p, i, photo=p.given == "Priya")
            else:
                lines += vcard21(p, i)
        if version == "2.1":
            # The same person exported twice, from two address books (for `netcore dedupe`).
            dup = next(p for p in PEOPLE if p.given == "Priya")
            lines += [
                "BEGIN:VCARD",
                "VERSION:2.1",
                f"N:{dup.family};{dup.given}",
                f"FN:{dup.name}",
                f"ORG:{dup.org}",
                f"EMAIL;INTERNET:{dup.email.upper()}",
                f"TEL;CELL:{phone(PEOPLE.index(dup))}",
                f"UID:{uuid.uuid5(NS, 'outlook:' + dup.name)}",
                "END:VCARD",
            ]
        (HERE / name).write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def stamp(d: datetime) -> str:
    return d.strftime("%Y%m%dT%H%M%SZ")


def attendee(name: str, email: str, status: str = "ACCEPTED") -> str:
    return f'ATTENDEE;CN="{name}";ROLE=REQ-PARTICIPANT;PARTSTAT={status}:mailto:{email}'


def vevent(
    uid: str,
    title: str,
    start: datetime,
    minutes: int,
    people: list[tuple[str, str, str]],
    category: str,
    location: str = "",
    extra: list[str] | None = None,
    organizer: tuple[str, str] | None = None,
) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp(start)}",
        f"DTSTART:{stamp(start)}",
        f"DTEND:{stamp(start + timedelta(minutes=minutes))}",
        f"SUMMARY:{title}",
        f"CATEGORIES:{category}",
    ]
    if location:
        lines.append(f"LOCATION:{location}")
    if organizer is not None:  # my own invitations carry no ORGANIZER: I am not a contact
        lines.append(f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}")
    lines += [attendee(n, e, s) for n, e, s in people]
    lines += extra or []
    lines.append("END:VEVENT")
    return [folded for line in lines for folded in fold(line)]


def write_calendar(rng: random.Random) -> int:
    by = {p.given: p for p in PEOPLE}
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//netcore examples//EN",
        "CALSCALE:GREGORIAN",
    ]
    count = 0
    # the conference
    conf = [p for p in PEOPLE if p.group == "conf"] + [by["Inês"], by["Bruno"]]
    people = [(p.name, p.email, "ACCEPTED") for p in conf]
    people += [(n, e, "ACCEPTED") for n, e in STRANGERS]
    people[-1] = (people[-1][0], people[-1][1], "TENTATIVE")
    lines += vevent(
        "pydata-lisbon-2026@example.org",
        "PyData Lisbon 2026",
        datetime(2026, 11, 18, 9),
        2 * 24 * 60 - 16 * 60,
        people,
        "Conference",
        "Lisbon Congress Centre",
    )
    count += 1
    # monthly meetups, January to November
    regulars = [p for p in PEOPLE if p.group == "meetup"]
    for month in range(1, 12):
        day = datetime(2026, month, 1, 18, 30)
        day += timedelta(days=(3 - day.weekday()) % 7 + 7)  # second Thursday
        who = rng.sample(regulars, 4)
        lines += vevent(
            f"python-porto-2026-{month:02d}@example.org",
            "Python Porto meetup",
            day,
            150,
            [(p.name, p.email, "ACCEPTED") for p in who],
            "Meetup",
            "Porto Digital Hub",
            organizer=(by["Bruno"].name, by["Bruno"].email),
        )
        count += 1
    # one-to-one coffees
    coffee_people = [p for p in PEOPLE if p.group in {"close", "drifting", "inner"}]
    for n in range(20):
        p = coffee_people[n % len(coffee_people)]
        day = datetime(2026, 1, 8, 10) + timedelta(days=16 * n + rng.randrange(3))
        if (AS_OF - day.date()).days < (p.last or 0):
            day = datetime.combine(AS_OF - timedelta(days=(p.last or 0) + 7), datetime.min.time())
            day = day.replace(hour=10)
        lines += vevent(
            f"coffee-{n:02d}@example.org",
            f"Coffee with {p.given}",
            day,
            45,
            [(p.name, p.email, "ACCEPTED")],
            "Meeting",
            "Café Majestic",
        )
        count += 1
    # the weekly team sync, with two weeks off
    team = [p for p in PEOPLE if p.group == "team"]
    lines += vevent(
        "platform-sync@example.org",
        "Platform team weekly sync",
        datetime(2026, 1, 6, 9, 30),
        30,
        [(p.name, p.email, "ACCEPTED") for p in team],
        "Meeting",
        "Video call",
        [
            "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T235959Z",
            "EXDATE:20260407T093000Z,20260811T093000Z",
        ],
    )
    count += 1
    # a training and a team dinner
    trainees = [by[g] for g in ("Oliver", "Mei", "Farid", "Mateo", "Daniel", "Aiko")]
    lines += vevent(
        "k8s-workshop-2026@example.org",
        "Kubernetes for data teams workshop",
        datetime(2026, 3, 17, 9),
        7 * 60,
        [(p.name, p.email, "ACCEPTED") for p in trainees]
        + [(by["Jonas"].name, by["Jonas"].email, "DECLINED")],
        "Training",
    )
    count += 1
    lines += vevent(
        "summer-dinner-2026@example.org",
        "Team summer dinner",
        datetime(2026, 7, 3, 19),
        180,
        [(p.name, p.email, "ACCEPTED") for p in [*team, by["Tomás"], by["Inês"]]],
        "Social",
        "Cervejaria Ramiro",
    )
    count += 1
    # a small roundtable at Acme Corp (who knows whom: met at a small event)
    table = [by[g] for g in ("Oliver", "Tomás")] + [
        p for p in PEOPLE if p.given in ("Sven", "Lars")
    ]
    lines += vevent(
        "k8s-roundtable-2026@example.org",
        "Kubernetes operators roundtable at Acme Corp",
        datetime(2026, 10, 6, 16),
        90,
        [(p.name, p.email, "ACCEPTED") for p in table],
        "Meetup",
        "Acme Corp, Porto office",
    )
    count += 1
    # a few more one-off meetings in the autumn
    for n, g in enumerate(("Kwame", "Hannah", "Lucas", "Mateo", "Sofia")):
        p = by[g]
        day = datetime.combine(AS_OF - timedelta(days=(p.last or 30) + 3), datetime.min.time())
        lines += vevent(
            f"review-{n}@example.org",
            f"Quarterly review with {p.given}",
            day.replace(hour=14),
            60,
            [(p.name, p.email, "ACCEPTED")],
            "Meeting",
        )
        count += 1
    lines.append("END:VCALENDAR")
    (HERE / "calendar.ics").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return count


KINDS = ["email", "message", "call", "video", "meeting"]
NOTES = {
    "email": [
        "Sent the article on data contracts",
        "Thanks for the intro",
        "Shared slides",
        "Asked about the opening on their team",
        "Quarterly catch-up email",
    ],
    "message": [
        "Quick check-in",
        "Congratulated on the launch",
        "Shared a meetup link",
        "Asked for a book tip",
    ],
    "call": ["Caught up on the reorg", "Talked through a design review", "Career chat"],
    "video": ["Pairing on the pipeline", "Walked through the dashboard", "Mock interview"],
    "meeting": ["Lunch near the office", "Walk by the river", "Drinks after work"],
}


def write_interactions(rng: random.Random) -> int:
    rows: list[list[str]] = []
    for p in PEOPLE:
        if p.last is None or p.count == 0:
            continue
        for k in range(p.count):
            days = p.last + k * p.every + (rng.randrange(3) if k else 0)
            when = AS_OF - timedelta(days=days)
            kind = rng.choice(KINDS)
            outbound = rng.random() < (0.8 if p.group == "drifting" else 0.5)
            direction = "outbound" if outbound else rng.choice(["inbound", "mutual"])
            replied = ""
            if kind in {"email", "message"} and direction == "outbound":
                replied = "no" if p.group == "drifting" and k < 2 else "yes"
            duration = (
                str(rng.choice([15, 30, 45, 60])) if kind in {"call", "video", "meeting"} else ""
            )
            contact = p.email if k % 3 or p.given == "Priya" else p.name
            at = f"{when.isoformat()}T{9 + rng.randrange(9):02d}:{rng.choice(['00', '30'])}:00Z"
            rows.append([at, contact, kind, direction, rng.choice(NOTES[kind]), duration, replied])
    # after the conference: followed up with two people (the rest show in `netcore followups`)
    rows.sort(key=lambda r: r[0])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["date", "contact", "kind", "direction", "note", "duration_minutes", "replied"])
    w.writerows(rows)
    (HERE / "interactions.csv").write_text(buf.getvalue(), encoding="utf-8")
    return len(rows)


LEDGER = [
    (
        "2026-02-10",
        "Inês Duarte",
        "received",
        "introduction",
        "1",
        "Introduced me to the Fabrikam data team",
    ),
    (
        "2026-03-02",
        "priya.raman@example.com",
        "given",
        "advice",
        "1",
        "Reviewed her conference talk",
    ),
    (
        "2026-03-20",
        "Kwame Mensah",
        "received",
        "job_lead",
        "2",
        "Told me about the CTO office role",
    ),
    (
        "2026-04-15",
        "tomas.ferreira@example.org",
        "given",
        "recommendation",
        "1.5",
        "LinkedIn recommendation",
    ),
    ("2026-05-05", "Elena Popescu", "received", "referral", "2", "Referred a client to me"),
    ("2026-05-28", "Lucas Moreau", "given", "introduction", "1", "Introduced him to Kwame"),
    ("2026-06-11", "Sofia Rossi", "received", "advice", "1", "Advice on negotiating the offer"),
    ("2026-06-30", "Hannah Berg", "given", "favour", "0.5", "Lent my conference pass"),
    (
        "2026-07-14",
        "ravi.kulkarni@example.com",
        "received",
        "recommendation",
        "1.5",
        "Wrote a book blurb",
    ),
    ("2026-08-01", "Daniel Cohen", "given", "job_lead", "2", "Passed on the Woodgrove opening"),
    ("2026-08-19", "Jonas Lindqvist", "received", "favour", "1", "Hosted me in Stockholm"),
    ("2026-09-03", "Mateo García", "given", "advice", "1", "Feedback on his first talk"),
    ("2026-09-22", "Aiko Tanaka", "received", "gift", "0.5", "Sent a book from Tokyo"),
    (
        "2026-10-08",
        "priya.raman@example.com",
        "received",
        "introduction",
        "1",
        "Introduced me to Samuel Adeyemi",
    ),
    ("2026-10-21", "Bruno Carvalho", "received", "favour", "1", "A speaking slot at the meetup"),
    ("2026-11-05", "Inês Duarte", "given", "advice", "1", "Helped plan her team's roadmap"),
    ("2026-11-12", "Chloé Martin", "received", "referral", "1", "Referred me for a workshop"),
    ("2026-11-20", "Samuel Adeyemi", "received", "advice", "0.5", "Tips on ML hiring"),
    # one-way exchanges, for the report's reciprocity outliers
    ("2026-10-12", "Daniel Cohen", "given", "advice", "1", "Reviewed his pitch deck"),
    ("2026-04-02", "Jonas Lindqvist", "received", "advice", "1", "Advice on the Stockholm office"),
]


# Asks and offers: (date asked, contact, direction, kind, weight, note, type, topic, state,
# closed on). direction says who would do the favour: "given" is me (they asked me, or I
# offered), "received" is them (I asked them, or they offered).
ASKS = [
    # they asked me, still open: a close contact three weeks ago, a new face yesterday
    (
        "2026-11-06",
        "priya.raman@example.com",
        "given",
        "introduction",
        "1",
        "Wants to meet someone who has hired data engineers",
        "ask",
        "data engineering hiring",
        "open",
        "",
    ),
    (
        "2026-11-26",
        "Fatima Zahra",
        "given",
        "job_lead",
        "1",
        "Looking for her next role after the conference",
        "ask",
        "product design roles",
        "open",
        "",
    ),
    (
        "2026-10-30",
        "Kwame Mensah",
        "given",
        "advice",
        "1",
        "Joining a non-profit board",
        "ask",
        "board governance",
        "open",
        "",
    ),
    (
        "2026-11-10",
        "Ravi Kulkarni",
        "given",
        "introduction",
        "1",
        "Moving his publishing platform to containers",
        "ask",
        "kubernetes",
        "open",
        "",
    ),
    # they offered, still open: each matches someone's ask (an introduction to make)
    (
        "2026-11-02",
        "Oliver Hughes",
        "received",
        "advice",
        "1",
        "Happy to talk anyone through our cluster migration",
        "offer",
        "Kubernetes",
        "open",
        "",
    ),
    (
        "2026-11-15",
        "Daniel Cohen",
        "received",
        "job_lead",
        "1",
        "Woodgrove is hiring designers",
        "offer",
        "product design roles",
        "open",
        "",
    ),
    # closed: one fulfilled, one declined
    (
        "2026-09-01",
        "Sofia Rossi",
        "given",
        "advice",
        "1",
        "Feedback on her conference talk",
        "ask",
        "conference talks",
        "fulfilled",
        "2026-09-10",
    ),
    (
        "2026-07-01",
        "Amara Okafor",
        "given",
        "referral",
        "1",
        "A referral to a travel client",
        "ask",
        "travel industry",
        "declined",
        "2026-07-08",
    ),
    # I asked them: one open, one fulfilled; and an offer of mine
    (
        "2026-10-20",
        "Elena Popescu",
        "received",
        "introduction",
        "1",
        "An introduction to fintech founders she knows",
        "ask",
        "fintech founders",
        "open",
        "",
    ),
    (
        "2026-08-10",
        "Hannah Berg",
        "received",
        "advice",
        "1",
        "How to pitch a PyCon talk",
        "ask",
        "conference talks",
        "fulfilled",
        "2026-08-20",
    ),
    (
        "2026-10-05",
        "Mateo García",
        "given",
        "recommendation",
        "1",
        "A recommendation for his first conference talk",
        "offer",
        "conference talks",
        "open",
        "",
    ),
]


def write_ledger() -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    favour_columns = ["date", "contact", "direction", "kind", "weight", "note"]
    w.writerow([*favour_columns, "type", "topic", "state", "closed_on"])
    rows = [(*row, "", "", "", "") for row in LEDGER] + ASKS
    rows.sort(key=lambda r: r[0])  # stable: a favour stays before an ask of the same day
    w.writerows(rows)
    (HERE / "ledger.csv").write_text(buf.getvalue(), encoding="utf-8")


def main() -> None:
    rng = random.Random(2026)
    write_vcards()
    events = write_calendar(rng)
    rows = write_interactions(rng)
    write_ledger()
    print(
        f"{len(PEOPLE) + 1} vCards (one a duplicate), {events} events, {rows} interactions, "
        f"{len(LEDGER)} favours and {len(ASKS)} asks and offers in {HERE}"
    )


if __name__ == "__main__":
    main()
