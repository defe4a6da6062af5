"""Realistic exports of the same people, as a new user would have them (test data).

Four contact exports made by hand in the shapes real tools write: a phone's vCard 3.0,
an Outlook CSV, a Google CSV and LinkedIn's ``Connections.csv``; then a calendar with a
weekly meeting and an interactions CSV naming people by email, phone and name. The same
people appear in several files with differing single values (王芳 is "Wang Fang" in
Google, the Outlook note is long and Google's a one-liner).
"""

from __future__ import annotations

from pathlib import Path

PHONE_VCF = """BEGIN:VCARD\r
VERSION:3.0\r
FN:王芳\r
N:王;芳;;;\r
EMAIL;TYPE=INTERNET:wang.fang@example.cn\r
TEL;TYPE=CELL:+86 138 0013 8000\r
NOTE:Met at the Shanghai fintech summit\r
BDAY:1988-04-12\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Lena Fischer\r
N:Fischer;Lena;;;\r
EMAIL;TYPE=INTERNET:lena.fischer@example.de\r
TEL;TYPE=CELL:+49 151 2345 6789\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Tariq Aziz\r
N:Aziz;Tariq;;;\r
EMAIL;TYPE=INTERNET:tariq@example.ae\r
TEL;TYPE=CELL:+971 50 123 4567\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Sam Okoro\r
N:Okoro;Sam;;;\r
EMAIL;TYPE=INTERNET:sam.okoro@example.ng\r
END:VCARD\r
"""

OUTLOOK_CSV = (
    "First Name,Last Name,E-mail Address,Mobile Phone,Job Title,Company,Notes\r\n"
    "Lena,Fischer,lena.fischer@example.de,+49 151 2345 6789,CTO,Fabrikam,"
    '"Long Outlook note: introduced by Tariq; wants a quarterly catch-up, prefers calls"\r\n'
    "Tariq,Aziz,TARIQ@example.ae,,Partner,Contoso Ventures,Angel investor\r\n"
    "Jonas,Berg,jonas.berg@example.se,+46 70 123 45 67,Engineer,Northwind,\r\n"
)

GOOGLE_CSV = (
    "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,"
    "Phone 1 - Value,Notes,Birthday\r\n"
    "Wang Fang,Fang,Wang,* Other,wang.fang@example.cn,Mobile,+86 138 0013 8000,"
    "PM at Ant,1988-04-12\r\n"
    "Lena Fischer,Lena,Fischer,* Work,lena.fischer@example.de,,,Fabrikam CTO,\r\n"
    "Sam Okoro,Sam,Okoro,* Home,sam.okoro@example.ng,Mobile,+234 803 123 4567,,1990-09-30\r\n"
    "Priscilla Nunes,Priscilla,Nunes,* Work,priscilla@example.br,,,Designer at Tailspin,\r\n"
)

LINKEDIN_CSV = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Lena,Fischer,https://www.linkedin.com/in/lenafischer,lena.fischer@example.de,Fabrikam,CTO,"
    "02 Nov 2026\r\n"
    "Priscilla,Nunes,https://www.linkedin.com/in/pnunes,,Tailspin,Designer,15 Oct 2026\r\n"
)

CALENDAR_ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example Corp.//Outlook 16.0//EN\r
BEGIN:VEVENT\r
UID:weekly-lena@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART:20260105T090000Z\r
DTEND:20260105T093000Z\r
RRULE:FREQ=WEEKLY;BYDAY=MO\r
SUMMARY:Weekly sync\r
ORGANIZER;CN=Me:mailto:me@example.org\r
ATTENDEE;CN=Lena Fischer;PARTSTAT=ACCEPTED:mailto:lena.fischer@example.de\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:summit-dinner@example.org\r
DTSTAMP:20260101T000000Z\r
DTSTART:20261020T190000Z\r
DTEND:20261020T220000Z\r
SUMMARY:Summit dinner\r
ORGANIZER;CN=Me:mailto:me@example.org\r
ATTENDEE;CN=Wang Fang;PARTSTAT=ACCEPTED:mailto:wang.fang@example.cn\r
ATTENDEE;CN=Stranger Danger;PARTSTAT=ACCEPTED:mailto:stranger@example.com\r
END:VEVENT\r
END:VCALENDAR\r
"""

INTERACTIONS_CSV = (
    "date,contact,kind,direction,note,duration_minutes,replied\r\n"
    "2026-11-10,tariq@example.ae,call,inbound,Talked about the seed round,25,\r\n"
    "2026-11-12,+234 803 123 4567,message,outbound,Congrats on the new job,,yes\r\n"
    "2026-11-20,Jonas Berg,video,mutual,Pairing session,60,\r\n"
    "2026-11-21,Nobody Known,email,outbound,Cold intro,,\r\n"
)

CONTACT_FILES = {
    "phone.vcf": PHONE_VCF,
    "outlook.csv": OUTLOOK_CSV,
    "google.csv": GOOGLE_CSV,
    "Connections.csv": LINKEDIN_CSV,
}
"""The four contact exports, in the order a user would import them."""

ACTIVITY_FILES = {"calendar.ics": CALENDAR_ICS, "interactions.csv": INTERACTIONS_CSV}
"""What the user imports later: a calendar and an interactions log."""


def write(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` into ``folder`` (UTF-8) and return their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in files.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        out.append(path)
    return out
