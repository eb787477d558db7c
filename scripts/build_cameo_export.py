"""Write the table behind ``tieline export --format cameo``: CAMEO codes and the PLOVER -> CAMEO mapping.

Reads ``reference/cameo/cameo-codes.csv`` (CAMEO event codes with names and Goldstein scores, as
compiled by Andreas Beger, MIT licence, 2022) and ``reference/plover/CAMEO2PLOVER-2021.txt`` (the
CAMEO to PLOVER conversion table of the PLOVER manual, Draft 0.8, Philip Schrodt) and writes
``src/tieline/report/data/cameo.json``:

* ``codes``: every CAMEO code -> [name, root code, Goldstein score];
* ``plover``: every PLOVER type -> its ``default`` CAMEO code and the ``codes`` the conversion table
  gives it, each with the PLOVER mode and context it reads (the table inverted);
* ``preferred``: (type, mode, context) triples whose CAMEO code is chosen here rather than by the
  general rule, each with the reason (:data:`PREFERRED`).

The mapping is not one to one: the table sends many CAMEO codes to one PLOVER type, and several
PLOVER types share a CAMEO root (CONCEDE and RETREAT in 08; COERCE and ASSAULT in 17-19; ACCUSE in 09
and 11).  The export picks, for an event's (type, mode, context), the most general code whose mode
and context match (:func:`tieline.report.cameo.cameo_code`); the README lists the defaults.
CAMEO 01 (statements) and 02 (appeals) are not in the table: no PLOVER type maps to them.

Usage: python scripts/build_cameo_export.py [--shared ../shared] [--out PATH] [--check]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_event_patterns import plover_entries  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tieline" / "report" / "data" / "cameo.json"
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# The code an event of a PLOVER type gets when its mode and context name nothing more specific: the
# generic code of the type's main CAMEO root (where a type spans several roots, the one its PLOVER
# manual section describes first).
DEFAULTS = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
    "CONCEDE": "080", "RETREAT": "084", "REQUEST": "100", "ACCUSE": "112", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
    "ASSAULT": "190",
}

# Where the general rule would pick a code that news rarely means.  Keys are "TYPE|mode|context"
# ("" for none); values are [code, reason].
PREFERRED: dict[str, list[str]] = {
    "SANCTION|discontinue|economic": ["163", "the coder reads 'imposed sanctions' (CAMEO 163) as SANCTION "
                                      "discontinue economic, as the PLOVER manual says; 1621 is cutting aid"],
    "SANCTION|discontinue|": ["163", "sanctions and tariffs are what 'discontinue' means in news"],
    "ASSAULT||": ["190", "conventional military force; 180 (unconventional violence) needs a mode"],
    "ASSAULT||military": ["190", "conventional military force"],
    "ACCUSE|disapprove|": ["111", "criticize or denounce, CAMEO's reading of a disapproval"],
    "COERCE|restrict|diplomatic": ["163", "the table's own reading of CAMEO 163"],
    "RETREAT|withdraw|military": ["0874", "troops pulling back: retreat militarily, not 0872 (ease a blockade)"],
    "MOBILIZE|troops|military": ["154", "mobilize armed forces, not 152 (raise alert status)"],
    "ASSAULT|assassinate|": ["186", "an assassination; 185 is an attempt"],
    "MOBILIZE|troops|": ["154", "mobilize armed forces, not 152 (raise alert status)"],
}

LICENCE = """cameo-codes.csv: MIT License. Copyright (c) 2022 Andreas Beger. Permission is hereby granted, free \
of charge, to any person obtaining a copy of this software and associated documentation files (the \
"Software"), to deal in the Software without restriction, including without limitation the rights to \
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to \
permit persons to whom the Software is furnished to do so, subject to the following conditions: The \
above copyright notice and this permission notice shall be included in all copies or substantial \
portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR \
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR \
PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY \
CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, \
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""


def read_codes(path: Path) -> dict[str, list[object]]:
    codes: dict[str, list[object]] = {}
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"].strip()
            goldstein = row["goldstein"].strip()
            codes[code] = [row["name"].strip(), row["root_code"].strip(),
                           float(goldstein) if goldstein not in ("", "NA") else None]
    return dict(sorted(codes.items()))


def invert(table: dict[str, tuple[str, str | None, str | None]],
           codes: dict[str, list[object]]) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for kind in PLOVER_TYPES:
        rows = sorted([code, mode, context] for code, (t, mode, context) in table.items()
                      if t == kind and len(code) >= 3 and code in codes)
        default = DEFAULTS[kind]
        if default not in codes:
            raise SystemExit(f"default CAMEO code {default} of {kind} is not in cameo-codes.csv")
        out[kind] = {"default": default, "roots": sorted({str(r[0])[:2] for r in rows} | {default[:2]}),
                     "codes": rows}
    return out


def build(shared: Path) -> dict[str, object]:
    codes_path = shared / "reference" / "cameo" / "cameo-codes.csv"
    table_path = shared / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"
    for p in (codes_path, table_path):
        if not p.exists():
            raise SystemExit(f"reference file not found: {p} (give --shared)")
    codes = read_codes(codes_path)
    plover = invert(plover_entries(table_path), codes)
    for key, (code, _why) in PREFERRED.items():
        if code not in codes:
            raise SystemExit(f"preferred code {code} for {key} is not in cameo-codes.csv")
    return {
        "source": "cameo-codes.csv (Andreas Beger, 2022, MIT licence) and CAMEO2PLOVER-2021.txt "
                  "(PLOVER manual Draft 0.8, Open Event Data Alliance), inverted",
        "generated_by": "scripts/build_cameo_export.py",
        "licence": LICENCE,
        "codes": codes,
        "plover": plover,
        "preferred": PREFERRED,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="fail when the data file is out of date")
    args = ap.parse_args(argv)
    text = json.dumps(build(args.shared), ensure_ascii=False, indent=1) + "\n"
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} is out of date: rerun scripts/build_cameo_export.py")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(json.loads(text)['codes'])} CAMEO codes, {len(PLOVER_TYPES)} PLOVER types -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
