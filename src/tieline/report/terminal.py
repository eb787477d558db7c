"""Text for a terminal: nothing from an article may drive it.

An article title holding ``ESC ] 0 ; … BEL`` would set the window title, and the same family of
sequences writes hyperlinks or the clipboard in some terminals.  :func:`safe` removes every
control sequence (CSI, OSC, DCS, SOS, PM, APC, in their 7-bit and 8-bit forms, and two-byte
escapes) and every other C0/C1 control character but newline and tab.
"""

from __future__ import annotations

import re

# A string sequence (OSC, DCS, SOS, PM, APC) runs to its terminator (BEL or ST) or, unterminated,
# to the end of the text: a terminal would swallow that much too.
_STRING = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
_CSI = r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
_ESCAPE = r"\x1b[ -/]*[0-~]?"
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_SEQUENCES = re.compile(f"{_STRING}|{_CSI}|{_ESCAPE}|{_CONTROL}")


def safe(text: str) -> str:
    """``text`` without terminal control sequences and control characters (newline and tab kept;
    a carriage return is dropped, since it could overwrite what a line shows)."""
    return _SEQUENCES.sub("", text)
