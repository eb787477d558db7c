"""Country and sector accuracy of ``tieline actors show`` on the actor dev set.

The set (tests/actors/fixtures/actor_devset.jsonl) is the project's own: names taken from the
Phoenix dictionaries' entries and news-like sentences written for it, each with the country
(ISO-3, null for IGOs/NGOs) and the sector expected on its date.  Items with a ``context``
are answered in that context where the code supports it (older code: the name alone).

Usage: python bench/actor_devset.py [FILE] [--errors]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "actors" / "fixtures" / "actor_devset.jsonl"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    from tieline.api import show_actors

    t0 = time.perf_counter()
    answers = list(show_actors(items))
    secs = time.perf_counter() - t0
    n = len(items)
    c_ok = s_ok = both = none = 0
    errors = []
    for it, ans in zip(items, answers, strict=True):
        country, sector = ans.get("country"), ans.get("sector")
        if not (ans.get("actor_id") or country or sector):
            none += 1
        ok_c = country == it["country"]
        ok_s = sector == it["sector"]
        c_ok += ok_c
        s_ok += ok_s
        both += ok_c and ok_s
        if not (ok_c and ok_s):
            errors.append(f"  {it['id']} {it['name']!r}: got {country}/{sector}, want {it['country']}/{it['sector']}")
    print(f"actor dev set: {n} names  country {c_ok / n:.3f}  sector {s_ok / n:.3f}  both {both / n:.3f}  "
          f"no answer {none}  ({secs:.1f}s)")
    if "--errors" in argv:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
