r"""Two rules about text that leaves netcore, shared by the CSV writers and the CLI.

* :func:`safe_cell`, the spreadsheet formula guard (and :func:`unguard`, its inverse for
  readers): a cell a spreadsheet would run as a formula gets one leading ``'``.
* :func:`visible`, what the CLI prints: control characters (C0, DEL, C1) and the Unicode
  bidirectional controls are shown as escapes (ESC as the four characters ``\x1b``), so
  that no name, organisation, property name or message can drive the terminal (colour,
  title, hyperlinks, clipboard: ESC, CSI, OSC 0/8/52) or reorder what is shown.

This module sits at the bottom of the layers (beside ``errors`` and ``_files``): the
CLI uses it without importing a codec.
"""

from __future__ import annotations

import re

__all__ = ["safe_cell", "unguard", "visible"]

# A formula trigger (= + - @) after any leading quotes, spaces (Unicode ones too: NBSP,
# U+3000, the BOM and the zero-width ones a spreadsheet may trim) and control characters,
# or a control character (TAB, CR, NUL, ESC...) among the leading spaces.
_SPACE = r" \u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
_TRIGGER = re.compile(rf"'*(?:[{_SPACE}\x00-\x1f\x7f]*[=+\-@]|[{_SPACE}]*[\x00-\x1f\x7f])")

# C0 controls, DEL, C1 controls (U+009B is a one-character CSI), and the bidi controls.
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe_cell(value: str) -> str:
    r"""``value`` made safe for a spreadsheet: a would-be formula cell gets a ``'`` prefix.

    A cell is guarded when, after any leading ``'``, it starts with a control character
    (TAB, CR, NUL, ESC...), or with ``=``, ``+``, ``-`` or ``@`` after any spaces and
    control characters (a spreadsheet may drop those and run the rest; Unicode spaces
    such as NBSP, U+3000, the BOM and the zero-width spaces count as spaces). It gets one
    leading ``'``, which :func:`unguard` (and so ``netcore.formats.csv.loads``) strips
    again. Use it for any CSV written from contact data. (netcore's CSV writers leave
    alone what they formatted themselves: dates such as a year-less birthday
    ``--11-02``, and a phone column's bare phone number.)

    Examples:
        >>> print(safe_cell('=HYPERLINK("http://x.example")'), safe_cell("Ada"))
        '=HYPERLINK("http://x.example") Ada
        >>> safe_cell("\x00=1+1")
        "'\x00=1+1"
    """
    return "'" + value if _TRIGGER.match(value) else value


def unguard(cell: str) -> str:
    """Undo :func:`safe_cell`: remove one ``'`` before what the guard would have guarded.

    Examples:
        >>> unguard("'=1+1"), unguard("'quoted"), unguard(safe_cell("'=x"))
        ('=1+1', "'quoted", "'=x")
    """
    return cell[1:] if cell.startswith("'") and _TRIGGER.match(cell, 1) else cell


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_json(match: re.Match[str]) -> str:
    char = match.group()
    return char if char == "\n" else f"\\u{ord(char):04x}"  # JSON's own line breaks stay


def visible(text: str, *, json: bool = False) -> str:
    r"""``text`` with every control character shown as an escape, for a terminal.

    Args:
        text: A name, a cell, a message.
        json: ``text`` is JSON being printed: write the escapes as JSON's ``\u001b``,
            so the document stays valid and reads back to the same value (its line
            breaks, which JSON never puts inside a string, stay).

    Examples:
        >>> print(visible("Ada\x1b]0;owned\x07 Lovelace"))
        Ada\x1b]0;owned\x07 Lovelace
        >>> print(visible("tab\there, RLO\u202e"))
        tab\x09here, RLO\u202e
        >>> print(visible('"\x9b"', json=True))
        "\u009b"
    """
    shown = _UNSAFE.sub(_escape_json if json else _escape, text)
    # A lone surrogate (a file name that is not UTF-8, a JSON escape) cannot be printed.
    return _SURROGATE.sub("\ufffd", shown) if _SURROGATE.search(shown) else shown
