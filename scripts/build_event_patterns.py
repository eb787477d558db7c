"""Compare the event triggers (src/tieline/events/data/verbs.yaml) with the CAMEO verb dictionary.

The trigger list is curated by hand for precision; this script is the curator's aid.  It reads the
PETRARCH/Phoenix CAMEO verb dictionary (reference/phoenix/CAMEO.2.0.txt, MIT) and the CAMEO to
PLOVER table (reference/plover/CAMEO2PLOVER-2021.txt), maps every verb block's synonyms to a PLOVER
type, and prints

* ``missing``: CAMEO verbs of a PLOVER type that verbs.yaml does not list (candidates to review),
* ``disagree``: verbs whose type in verbs.yaml differs from the one CAMEO gives them by default
  (often on purpose: a frame with a condition, or the PLOVER manual over the table).

Usage: python scripts/build_event_patterns.py [--shared ../shared] [--type CONSULT] [--yaml]
(``--yaml`` prints the missing verbs as verbs.yaml entries, commented out, to paste and edit).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
VERBS_YAML = ROOT / "src" / "tieline" / "events" / "data" / "verbs.yaml"
_HEADER = re.compile(r"^---\s+(?P<name>\S+)\s+\[(?P<code>[^\]]*)\]")
_MAP_LINE = re.compile(r"^(?P<code>\d{2,4}):\s*(?P<type>[A-Z]+)")


def plover_table(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from CAMEO2PLOVER (the last line for a code wins)."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = _MAP_LINE.match(line.strip())
        if m:
            table[m.group("code")] = m.group("type")
    return table


def plover_entries(path: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """CAMEO code -> (PLOVER type, mode, context), from CAMEO2PLOVER (the last line for a code wins).

    The context is the first one listed ("crime; corruption" -> "crime"); empty fields are None.
    """
    table: dict[str, tuple[str, str | None, str | None]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        m = _MAP_LINE.match(line)
        if not m:
            continue
        fields = [f.strip() for f in line.split(":", 1)[1].split(",")]
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        context = fields[2].split(";")[0].strip() if len(fields) > 2 and fields[2] else None
        table[m.group("code")] = (m.group("type"), mode, context or None)
    return table


def plover_of(code: str, table: dict[str, str]) -> str | None:
    code = code.split(":")[0].strip()
    if not code.isdigit():
        return None
    for n in (len(code), 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    return None


def cameo_verbs(path: Path, table: dict[str, str]) -> dict[str, tuple[str, str]]:
    """lemma -> (PLOVER type, CAMEO block name) for the single-word synonyms of each verb block."""
    out: dict[str, tuple[str, str]] = {}
    block: tuple[str, str] | None = None
    in_patterns = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = _HEADER.match(raw)
        if m:
            kind = plover_of(m.group("code"), table)
            block = (kind, m.group("name")) if kind else None
            in_patterns = False
            continue
        line = raw.split("#", 1)[0].strip()
        if block is None or not line:
            continue
        if line.startswith("-"):
            in_patterns = True
            continue
        if in_patterns or line.startswith(("+", "&", "{")):
            continue  # multi-word forms and synonym sets are left to the curator
        word = re.split(r"[\s{\[]", line, maxsplit=1)[0].lower()
        if word.isalpha():
            out.setdefault(word, block)
    return out


def reference_paths(shared: Path) -> tuple[Path, Path] | None:
    """The CAMEO verb dictionary and the CAMEO to PLOVER table under ``shared`` (None, said on
    stderr, when they are missing)."""
    cameo_path = shared / "reference" / "phoenix" / "CAMEO.2.0.txt"
    table_path = shared / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"
    if not cameo_path.exists() or not table_path.exists():
        print(f"reference files not found under {shared}", file=sys.stderr)
        return None
    return cameo_path, table_path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--type", help="only this PLOVER type")
    ap.add_argument("--yaml", action="store_true", help="print missing verbs as commented verbs.yaml entries")
    args = ap.parse_args(argv)
    paths = reference_paths(args.shared)
    if paths is None:
        return 2
    cameo_path, table_path = paths
    table = plover_table(table_path)
    cameo = cameo_verbs(cameo_path, table)
    ours = yaml.safe_load(VERBS_YAML.read_text(encoding="utf-8"))["verbs"]

    def our_types(raw: object) -> set[str]:
        frames = raw if isinstance(raw, list) else [raw]
        return {f if isinstance(f, str) else f["type"] for f in frames}  # type: ignore[index]

    missing: dict[str, list[str]] = defaultdict(list)
    disagree: list[str] = []
    for word, (kind, name) in sorted(cameo.items()):
        if args.type and kind != args.type:
            continue
        if word not in ours:
            missing[kind].append(f"{word} ({name})")
        elif kind not in our_types(ours[word]):
            disagree.append(f"{word}: CAMEO {kind} ({name}), verbs.yaml {sorted(our_types(ours[word]))}")
    for kind in sorted(missing):
        if args.yaml:
            print(f"  # --- {kind}")
            for item in missing[kind]:
                word, name = item.split(" ", 1)
                print(f"  # {word}: {{type: {kind}, conf: 0.6}}  # CAMEO block {name}")
        else:
            print(f"missing {kind} ({len(missing[kind])}): {', '.join(missing[kind])}")
    if not args.yaml:
        print(f"\ndisagree ({len(disagree)}):")
        for d in disagree:
            print("  " + d)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
