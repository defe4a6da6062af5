"""Benchmark of netcore.dedupe: precision, recall and speed on a labelled, generated set.

Run it with ``python benchmarks/dedupe.py`` (``--people`` and ``--duplicates`` make it
smaller; ``--seed`` changes the draw). It prints Markdown tables:

1. precision, recall and F1 at the default threshold, and a threshold curve;
2. the time and peak memory of ``find_duplicates`` on the whole set;
3. the time of 20,000 merges (``merge_into``) in one network.

**The labelled set.** People are generated from name pools of several traditions
(English with nicknames, German with umlauts, Nordic, Russian in Cyrillic or Latin,
Chinese in characters or pinyin), each with a company, an email, a phone and sometimes
a LinkedIn URL, every field sometimes missing. One person in ten takes the full name of
an earlier person (a *namesake*: same name, different company, email and phone, not a
duplicate). Then ``--duplicates`` people get a second record, as another export of the
same person would give it:

* an export type: a phone export (name and phone), a Google export (name, email in
  another case, maybe the phone), a LinkedIn export (structured name, company, profile
  URL), an Outlook export (name, company and a *different* email);
* one to three name perturbations: the other script (Cyrillic <-> Latin, characters <->
  pinyin), ``ü`` written ``ue``, a typo, a nickname, an initial, ``Family, Given``
  order, titles (``Dr.``, ``PhD``, ``MBA``), upper case, NFD.

A planted pair is found when ``find_duplicates`` reports it; a reported pair that is not
planted is a false positive (namesakes are the usual ones).

Memory is the growth of the peak resident set size (``resource.getrusage``) during the
timed call; tracemalloc would slow everything it measures.
"""

# ruff: noqa: RUF001  (Cyrillic names on purpose: the benchmark writes people in their own script)

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime

from anyascii import anyascii

from netcore import (
    Contact,
    Email,
    Interaction,
    InteractionKind,
    Name,
    Network,
    Organization,
    Phone,
    Url,
)
from netcore.dedupe import DEFAULT_THRESHOLD, find_duplicates, merge_into

ENGLISH_GIVEN = [
    "robert",
    "william",
    "elizabeth",
    "margaret",
    "james",
    "john",
    "michael",
    "catherine",
    "richard",
    "thomas",
    "jennifer",
    "patricia",
    "daniel",
    "susan",
    "joseph",
    "sarah",
    "charles",
    "karen",
    "christopher",
    "nancy",
    "matthew",
    "lisa",
    "anthony",
    "betty",
    "mark",
    "sandra",
    "donald",
    "ashley",
    "steven",
    "emily",
    "paul",
    "donna",
    "andrew",
    "michelle",
    "joshua",
    "carol",
    "kenneth",
    "amanda",
    "kevin",
    "melissa",
    "brian",
    "deborah",
    "george",
    "stephanie",
    "timothy",
    "rebecca",
    "ronald",
    "laura",
    "edward",
    "helen",
    "jason",
    "sharon",
    "jeffrey",
    "cynthia",
]
GERMAN_GIVEN = [
    "jürgen",
    "jörg",
    "björn",
    "günter",
    "käthe",
    "lüder",
    "moritz",
    "andreas",
    "sören",
    "ute",
    "gerhard",
    "jürg",
    "hannelore",
    "bärbel",
    "dörte",
]
GERMAN_SYLLABLES = [
    "mül",
    "bröh",
    "köh",
    "schä",
    "krä",
    "böh",
    "jä",
    "kö",
    "hö",
    "wöl",
    "dür",
    "fröh",
    "lüd",
    "grü",
    "hüb",
]
GERMAN_ENDINGS = ["ler", "mann", "er", "berg", "feld", "scheid", "hof", "ke", "ner"]
NORDIC_GIVEN = [
    "søren",
    "åsa",
    "bjørn",
    "ødegaard",
    "åke",
    "mærta",
    "jens",
    "kjærsti",
    "sølvi",
    "ørjan",
]
NORDIC_SYLLABLES = [
    "sør",
    "bjør",
    "ås",
    "løv",
    "kjær",
    "øde",
    "æs",
    "hå",
    "bå",
    "fjel",
    "strø",
    "dæl",
    "vå",
    "gry",
    "holm",
]
NORDIC_ENDINGS = ["en", "sen", "berg", "stad", "gård", "vik", "dal"]
RUSSIAN = [
    ("Ольга", "Olga"),
    ("Дмитрий", "Dmitry"),
    ("Наталья", "Natalya"),
    ("Сергей", "Sergey"),
    ("Алексей", "Alexey"),
    ("Екатерина", "Ekaterina"),
    ("Михаил", "Mikhail"),
    ("Андрей", "Andrey"),
    ("Татьяна", "Tatyana"),
    ("Ирина", "Irina"),
    ("Павел", "Pavel"),
    ("Светлана", "Svetlana"),
]
RUSSIAN_STEMS = [
    ("Смир", "Smir"),
    ("Кузн", "Kuzn"),
    ("Сок", "Sok"),
    ("Ив", "Iv"),
    ("Поп", "Pop"),
    ("Волк", "Volk"),
    ("Мор", "Mor"),
    ("Бел", "Bel"),
    ("Гор", "Gor"),
    ("Крас", "Kras"),
    ("Орл", "Orl"),
    ("Нов", "Nov"),
    ("Лебед", "Lebed"),
    ("Сем", "Sem"),
    ("Фед", "Fed"),
]
RUSSIAN_MIDDLES = [("", ""), ("ан", "an"), ("ен", "en"), ("ик", "ik"), ("ол", "ol")]
RUSSIAN_ENDINGS = [("ов", "ov"), ("ова", "ova"), ("ин", "in"), ("ина", "ina"), ("енко", "enko")]
CHINESE_FAMILY = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
]
CHINESE_GIVEN = [
    ("芳", "Fang"),
    ("伟", "Wei"),
    ("敏", "Min"),
    ("静", "Jing"),
    ("强", "Qiang"),
    ("磊", "Lei"),
    ("勇", "Yong"),
    ("军", "Jun"),
    ("秀", "Xiu"),
    ("英", "Ying"),
    ("建", "Jian"),
    ("国", "Guo"),
    ("华", "Hua"),
    ("明", "Ming"),
    ("丽", "Li"),
    ("平", "Ping"),
    ("海", "Hai"),
    ("东", "Dong"),
    ("雪", "Xue"),
    ("梅", "Mei"),
]
CHINESE_FAMILY += [(ch, anyascii(ch)) for ch in "孙马朱胡郭何高林罗郑"]
CHINESE_GIVEN += [
    (ch, anyascii(ch))
    for ch in "文斌志刚红玉兰桂云飞鹏超宇浩然子涵欣怡佳琪俊杰思雨晨阳婷倩振宁博文"
]
NICKNAMES = {
    "robert": "bob",
    "william": "bill",
    "elizabeth": "liz",
    "margaret": "peggy",
    "james": "jim",
    "john": "jack",
    "michael": "mike",
    "catherine": "kate",
    "richard": "dick",
    "thomas": "tom",
    "daniel": "dan",
    "joseph": "joe",
    "charles": "charlie",
    "christopher": "chris",
    "matthew": "matt",
    "anthony": "tony",
    "steven": "steve",
    "andrew": "andy",
    "edward": "ted",
    "timothy": "tim",
    "kenneth": "ken",
    "jennifer": "jenny",
    "rebecca": "becky",
    "deborah": "debbie",
}
SYLLABLES = [
    "al",
    "bar",
    "ber",
    "bro",
    "cal",
    "car",
    "dan",
    "del",
    "den",
    "don",
    "el",
    "far",
    "fen",
    "gar",
    "har",
    "hol",
    "kel",
    "ken",
    "lan",
    "lor",
    "mar",
    "mer",
    "mor",
    "nor",
    "ran",
    "ren",
    "ros",
    "sal",
    "sel",
    "son",
    "stan",
    "ter",
    "tor",
    "val",
    "wel",
    "win",
    "wood",
]
ENDINGS = [
    "ton",
    "ley",
    "ford",
    "man",
    "son",
    "er",
    "well",
    "by",
    "wick",
    "field",
    "ridge",
    "worth",
]


def _families(rng: random.Random, n: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        parts = rng.sample(SYLLABLES, rng.choice((2, 2, 3)))
        out.add(("".join(parts) + rng.choice(ENDINGS)).title())
    return sorted(out)


@dataclass
class Person:
    given: str
    family: str
    latin: tuple[str, str] | None  # the Latin spelling when the name is in another script
    chinese: bool = False
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    profile: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _full(given: str, family: str, chinese: bool) -> str:
    return f"{family}{given}" if chinese else f"{given} {family}"


def _draw_name(rng: random.Random, families: list[str]) -> Person:
    kind = rng.random()
    if kind < 0.75:
        return Person(rng.choice(ENGLISH_GIVEN).title(), rng.choice(families), None)
    if kind < 0.85:
        family = "".join(rng.sample(GERMAN_SYLLABLES, rng.choice((2, 3)))) + rng.choice(
            GERMAN_ENDINGS
        )
        if rng.random() < 0.2:
            family += "-" + (rng.choice(GERMAN_SYLLABLES) + rng.choice(GERMAN_ENDINGS)).title()
        return Person(rng.choice(GERMAN_GIVEN).title(), family.title(), None)
    if kind < 0.9:
        family = "".join(rng.sample(NORDIC_SYLLABLES, rng.choice((2, 3)))) + rng.choice(
            NORDIC_ENDINGS
        )
        return Person(rng.choice(NORDIC_GIVEN).title(), family.title(), None)
    if kind < 0.95:
        (gc_, gl) = rng.choice(RUSSIAN)
        parts = (
            rng.choice(RUSSIAN_STEMS),
            rng.choice(RUSSIAN_MIDDLES),
            rng.choice(RUSSIAN_MIDDLES),
            rng.choice(RUSSIAN_ENDINGS),
        )
        fc, fl = "".join(p[0] for p in parts), "".join(p[1] for p in parts)
        if rng.random() < 0.5:
            return Person(gc_, fc, (gl, fl))
        return Person(gl, fl, (gc_, fc))
    fc, fl = rng.choice(CHINESE_FAMILY)
    chars = rng.sample(CHINESE_GIVEN, rng.choice((1, 2, 2)))
    gc_, gl = "".join(c for c, _ in chars), "".join(p for _, p in chars).title()
    if rng.random() < 0.5:
        return Person(gc_, fc, (gl, fl), chinese=True)
    return Person(gl, fl, (gc_, fc), chinese=False)


def _ascii(text: str) -> str:
    return "".join(ch for ch in anyascii(text).lower() if ch.isalnum())


def make_people(rng: random.Random, n: int) -> list[Person]:
    families = _families(rng, 30_000)
    companies = [f"{rng.choice(SYLLABLES).title()}{rng.choice(ENDINGS)} {i}" for i in range(2000)]
    people: list[Person] = []
    for i in range(n):
        namesake = bool(people) and rng.random() < 0.1
        if namesake:
            twin = rng.choice(people)
            p = Person(twin.given, twin.family, twin.latin, twin.chinese)
            # the namesakes: same name, different company and email
            twin.company = twin.company or rng.choice(companies)
            twin.email = twin.email or f"{_ascii(twin.given)}.{i}@twin.example"
        else:
            p = _draw_name(rng, families)
        latin_given = _ascii(p.latin[0] if p.latin and not p.given.isascii() else p.given)
        latin_family = _ascii(p.latin[1] if p.latin and not p.family.isascii() else p.family)
        if namesake or rng.random() < 0.85:
            p.company = rng.choice(companies)
        if namesake or rng.random() < 0.9:
            domain = "mail.example" if p.company is None else f"c{hash(p.company) % 10**6}.example"
            p.email = f"{latin_given}.{latin_family}{i}@{domain}"
        if rng.random() < 0.7:
            p.phone = f"+44 20 {7000 + i // 10000:04d} {i % 10000:04d}"
        if rng.random() < 0.3:
            p.profile = f"https://www.linkedin.com/in/{latin_given}-{latin_family}-{i}"
        people.append(p)
    return people


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeioun") + word[i + 1 :]


def _perturb_name(rng: random.Random, p: Person) -> tuple[str, str, str]:
    """(given, family, how) of a re-typed name."""
    given, family = p.given, p.family
    hows = []
    for _ in range(rng.randint(1, 3)):
        choice = rng.randrange(9)
        if choice == 0 and p.latin is not None:
            given, family = p.latin
            hows.append("script")
        elif choice == 1 and any(ch in "äöüÄÖÜ" for ch in given + family):
            table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ü": "Ue", "Ö": "Oe"})
            given, family = given.translate(table), family.translate(table)
            hows.append("ue")
        elif choice == 2 and given.isascii():
            family = _typo(rng, family) if rng.random() < 0.5 else family
            given = _typo(rng, given) if family == p.family else given
            hows.append("typo")
        elif choice == 3 and given.lower() in NICKNAMES:
            given = NICKNAMES[given.lower()].title()
            hows.append("nickname")
        elif choice == 4 and given.isascii() and len(given) > 1:
            given = given[0] + "."
            hows.append("initial")
        elif choice == 5:
            given, family = given.upper(), family.upper()
            hows.append("upper")
        elif choice == 6:
            given = unicodedata.normalize("NFD", given)
            family = unicodedata.normalize("NFD", family)
            hows.append("nfd")
        elif choice == 7:
            hows.append("titles")
        elif choice == 8:
            hows.append("swapped")
    return given, family, "+".join(hows)


def _contact(uid: str, p: Person) -> Contact:
    return Contact(
        uid=uid,
        formatted_name=_full(p.given, p.family, p.chinese),
        emails=(Email(address=p.email),) if p.email else (),
        phones=(Phone(number=p.phone),) if p.phone else (),
        organizations=(Organization(name=p.company),) if p.company else (),
        social_profiles=(Url(value=p.profile),) if p.profile else (),
    )


def _duplicate(rng: random.Random, uid: str, p: Person) -> Contact:
    given, family, how = _perturb_name(rng, p)
    chinese = all(ord(ch) > 0x3000 for ch in given + family)  # written in characters
    fn = _full(given, family, chinese)
    if "titles" in how:
        fn = (
            f"{rng.choice(['Dr.', 'Prof.', 'Mr.', 'Ms.'])} {fn} {rng.choice(['PhD', 'MBA', 'CFA'])}"
        )
    if "swapped" in how and not chinese:
        fn = f"{family}, {given}"
    export = rng.randrange(4)
    emails: tuple[Email, ...] = ()
    phones: tuple[Phone, ...] = ()
    orgs: tuple[Organization, ...] = ()
    profiles: tuple[Url, ...] = ()
    name = None
    if export == 0 and p.phone:  # phone export
        phones = (Phone(number=p.phone.replace(" ", "")),)
    elif export == 1 and p.email:  # Google
        emails = (Email(address=p.email.upper()),)
        phones = (Phone(number=p.phone),) if p.phone and rng.random() < 0.5 else ()
    elif export == 2 and (p.company or p.profile):  # LinkedIn
        family_field = f"{family}, PhD" if "titles" in how else family
        name = Name(given=given, family=family_field)
        fn = ""
        orgs = (Organization(name=p.company),) if p.company else ()
        profiles = (Url(value=p.profile.replace("www.", "uk.")),) if p.profile else ()
    elif export == 3 and p.company:  # Outlook: work account, another address
        orgs = (Organization(name=p.company.upper()),)
        emails = (Email(address=f"{_ascii(given)}.{rng.randrange(10**6)}@home.example"),)
    elif p.email:
        emails = (Email(address=p.email),)
    elif p.phone:
        phones = (Phone(number=p.phone),)
    else:
        orgs = (Organization(name=p.company),) if p.company else ()
    return Contact(
        uid=uid,
        formatted_name=fn,
        name=name,
        emails=emails,
        phones=phones,
        organizations=orgs,
        social_profiles=profiles,
    )


def make_set(people: int, duplicates: int, seed: int) -> tuple[list[Contact], set[tuple[str, str]]]:
    """The contacts (people plus duplicates, shuffled) and the planted pairs (sorted uids)."""
    rng = random.Random(seed)
    base = make_people(rng, people)
    contacts = [_contact(f"p{i:06d}", p) for i, p in enumerate(base)]
    planted: set[tuple[str, str]] = set()
    for n, i in enumerate(rng.sample(range(people), duplicates)):
        uid = f"d{n:06d}"
        contacts.append(_duplicate(rng, uid, base[i]))
        planted.add((f"p{i:06d}", uid) if f"p{i:06d}" < uid else (uid, f"p{i:06d}"))
    rng.shuffle(contacts)
    return contacts, planted


def peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def quality(
    scored: list[tuple[tuple[str, str], float]], planted: set[tuple[str, str]], threshold: float
) -> tuple[float, float, float, int]:
    found = {pair for pair, s in scored if s >= threshold}
    tp = len(found & planted)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(planted) if planted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(found)


def merge_benchmark(merges: int) -> tuple[float, float]:
    net = Network()
    net.add_contacts(
        Contact.model_construct(uid=f"{side}{i}", formatted_name=f"Person {i}")
        for i in range(merges)
        for side in "ab"
    )
    at = datetime(2026, 1, 1, tzinfo=UTC)
    net.log_many(
        Interaction.model_construct(
            id=f"i{side}{i}", at=at, contact_uids=(f"{side}{i}",), kind=InteractionKind.CALL
        )
        for i in range(merges)
        for side in "ab"
    )
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(merges):
        merge_into(net, f"a{i}", f"b{i}")
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=95_000)
    parser.add_argument("--duplicates", type=int, default=5_000)
    parser.add_argument("--merges", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()

    contacts, planted = make_set(args.people, args.duplicates, args.seed)
    gc.collect()
    before = peak_mib()
    start, cpu = time.perf_counter(), time.process_time()
    matches = find_duplicates(contacts)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    grown = peak_mib() - before
    curve_matches = find_duplicates(contacts, threshold=0.5)
    scored = [(m.uids, m.score) for m in curve_matches]

    print(
        f"## dedupe on {len(contacts):,} contacts ({args.people:,} people, "
        f"{len(planted):,} planted duplicates, seed {args.seed})\n"
    )
    print("| threshold | reported | precision | recall | F1 |")
    print("|---:|---:|---:|---:|---:|")
    for t in (0.5, 0.6, 0.65, 0.7, DEFAULT_THRESHOLD, 0.8, 0.85, 0.9, 0.95):
        p, r, f1, n = quality(scored, planted, t)
        mark = " (default)" if t == DEFAULT_THRESHOLD else ""
        print(f"| {t:.2f}{mark} | {n:,} | {p:.4f} | {r:.4f} | {f1:.4f} |")
    missed = sorted(planted - {m.uids for m in matches})
    print(
        f"\n`find_duplicates` at the default threshold: {elapsed:.2f} s ({cpu:.2f} s CPU), "
        f"{len(matches):,} pairs, peak memory +{grown:.0f} MiB"
    )
    by_uid = {c.uid: c for c in contacts}
    for a, b in missed[:5]:
        print(f"- missed: {by_uid[a].display_name!r} / {by_uid[b].display_name!r}")
    merge_time, merge_cpu = merge_benchmark(args.merges)
    print(
        f"\n{args.merges:,} merges (`merge_into`, one interaction each side): "
        f"{merge_time:.2f} s ({merge_cpu:.2f} s CPU)"
    )


if __name__ == "__main__":
    main()
