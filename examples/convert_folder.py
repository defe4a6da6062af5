"""Convert a folder of contact files into one file of another format.

Every vCard (2.1, 3.0 or 4.0), jCard and contacts CSV in the folder is read, the issues
are counted per file, and all contacts are written as one vCard 3.0 file (or the format
given with --to).

Run: python examples/convert_folder.py [FOLDER] [-o OUT] [--to FORMAT]
(FORMAT: vcard4, vcard3, vcard21, jcard, json, csv-google or csv-outlook)
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from netcore import Contact, io

DATA = Path(__file__).resolve().parent / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DATA)
    parser.add_argument("-o", "--output", type=Path, default=None)
    parser.add_argument("--to", choices=io.OUTPUT_FORMATS, default="vcard3")
    args = parser.parse_args()

    contacts: list[Contact] = []
    for path in io.expand_paths([args.folder]):
        kind = io.detect(path.read_bytes(), path.name)
        if kind not in {io.FileKind.VCARD, io.FileKind.JCARD, io.FileKind.CSV}:
            continue  # calendars, interaction logs and ledgers are not contact files
        loaded = io.load(path)
        versions = ", ".join(f"{v} x{n}" for v, n in loaded.versions.items()) or kind.value
        print(
            f"{path.name}: {len(loaded.contacts)} contacts ({versions}), "
            f"{len(loaded.issues)} issue(s)"
        )
        contacts.extend(loaded.contacts)

    output = args.output or Path(tempfile.mkdtemp()) / "all-contacts.vcf"
    fmt = io.save(output, contacts, fmt=args.to)
    size = output.stat().st_size
    print(f"wrote {len(contacts)} contacts to {output} as {fmt} ({size} bytes)")


if __name__ == "__main__":
    main()
