"""Convert the whole CAMEO verb dictionary into the event stage's fallback trigger table.

Reads the PETRARCH/Phoenix CAMEO verb dictionary (``reference/phoenix/CAMEO.2.0.txt``, MIT) and the
CAMEO to PLOVER table (``reference/plover/CAMEO2PLOVER-2021.txt``, parsed by
``scripts/build_event_patterns.py``) and writes ``src/tieline/events/data/cameo_verbs.json``:

* ``verbs``: verb lemma -> ``{"default": event | null, "patterns": [...], "blocks": [[id, prefix]...]}``.
  ``default`` is the code of the synonym (``ASK [020]``) or of its block (``--- ATTACK [190] ---``);
  an event is ``{"code", "type", "mode", "context"}``, with a null type where the code has no PLOVER
  event (``[---]``, 01x statements).  ``blocks`` names the verb blocks whose patterns apply to it.
* ``blocks``: id -> ``{"default", "patterns"}``; a pattern is ``{"before": [[words]...], "after":
  [[words]...], "pp": [i...], "code", "type", "mode", "context"}``: the words before the verb
  (nearest first) and after it (in order), one list of alternatives per position, synonym sets
  (``&FOOD``) expanded, the source/target/compound slots (``$ + % ^``) and the brackets dropped;
  ``pp`` lists the positions of ``after`` that were inside a prepositional phrase ``( )``.  A word
  ending in ``_`` matches exactly; others also match longer words that start with them (TABARI
  stems: ``NEGOTIAT``).  A pattern whose type is null matches to block the verb ("- * STRIKE [---]").
* multi-word verbs (``+CALL_OFF [160]``) are patterns of their first word (``"phrasal": true``), and
  the block's patterns apply to them after the rest of their words (the ``prefix`` in ``blocks``).
* ``forms``: irregular inflections (``{SPED SPEEDING}``) -> lemma, for when the tagger's lemma is off.

CAMEO 02x ("make an appeal or request") is not in CAMEO2PLOVER-2021; the PLOVER manual codes it as
REQUEST like 10x ("demand"), so 02x is read as the 10x code with the same digits (021 -> 101...).
01x (public statements) has no PLOVER event and never fires.  CAMEO 163 (sanctions, embargo) is
SANCTION 'discontinue' as the PLOVER manual says, not the table's COERCE (:data:`OVERRIDES`).  A few
light-verb phrases of news are added in the dictionary's own format (:data:`SUPPLEMENT`).

Usage: python scripts/build_cameo_verbs.py [--shared ../shared] [--out PATH] [--check]
(``--check`` exits 1 when the data file is not what the script would write).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_event_patterns import plover_entries, reference_paths  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "tieline" / "events" / "data" / "cameo_verbs.json"
_HEADER = re.compile(r"^---\s+(?P<name>\S+)\s+\[(?P<code>[^\]]*)\]")
_CODE = re.compile(r"\[(?P<code>[^\]]*)\]")
_SLOTS = frozenset({"$", "+", "%", "^", "*"})
_BE = frozenset({"is", "was", "are", "be", "were", "been", "am"})
Event = dict[str, str | None]

# tieline's additions, in the dictionary's own format, read after it: light-verb phrases of news
# that CAMEO codes as statements (015 "claim responsibility") or lacks (SEAL is not a CAMEO verb).
SUPPLEMENT = """
---  SEAL   [---]  ---
SEAL {SEALS SEALED SEALING}
- * BORDER      [191]
- * {BORDER CROSSING}      [191]
- * OFF &TOWN      [191]
- * CROSSING      [191]
---  UPGRADE_TIES   [---]  ---
UPGRADE
- * TIES      [050]
- * RELATIONS      [050]
---  USE_VETO   [---]  ---
USE
- * VETO      [129]
---  RETALIATE_TRADE   [---]  ---
RETALIATE
- * (WITH TARIFF/SANCTION/DUTIES/LEVY/EMBARGO/BOYCOTT)     [163]
---  CLAIM_RESPONSIBILITY   [---]  ---
CLAIM
- * RESPONSIBILITY (FOR)     [180]
"""


# Where the PLOVER manual overrides the 2021 table: "international (political or economic) sanctions
# are coded as [SANCTION] 'discontinue'" (PLOVER manual, SANCTION), while the table reads CAMEO 163
# "impose embargo, boycott, or sanctions" as COERCE.
OVERRIDES: dict[str, tuple[str, str | None, str | None]] = {"163": ("SANCTION", "discontinue", "economic")}


def _event(code: str, table: dict[str, tuple[str, str | None, str | None]]) -> Event | None:
    """``070`` / ``042:043`` / ``:190`` -> the PLOVER event of the first code, or None."""
    parts = [p.strip() for p in code.split(":")]
    code = next((p for p in parts if p), "")
    if not code.isdigit():
        return None
    look = "10" + code[2:] if code.startswith("02") else code
    for n in (len(look), 4, 3, 2):
        if n <= len(look) and look[:n] in table:
            kind, mode, context = table[look[:n]]
            return {"code": code, "type": kind, "mode": mode, "context": context}
    return None


def _word(raw: str) -> list[str]:
    """One dictionary word -> the words it stands for (``A_B`` is two words; ``X_`` is exact)."""
    exact = raw.endswith("_")
    parts = [p for p in raw.lower().strip("_").split("_") if p]
    if not parts:
        return []
    if exact:
        parts[-1] += "_"
    return parts


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` -> its member words (a multi-word member stands for its last word, the head)."""
    sets: dict[str, list[str]] = {}
    cur: str | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            cur = line.split()[0][1:].upper()
            sets.setdefault(cur, [])
        elif line.startswith("+") and cur:
            words = _word(line[1:].split()[0])
            if words and words[-1] not in sets[cur]:
                sets[cur].append(words[-1])
        elif not line:
            cur = None
    return sets


def _elements(text: str, synsets: dict[str, list[str]]) -> tuple[list[list[str]], list[int]]:
    """Pattern words -> one list of alternative words per position, and the positions that are
    inside a prepositional phrase ``( )`` (the others belong to the verb's own phrase)."""
    out: list[list[str]] = []
    pp: list[int] = []
    depth = 0
    for tok in re.sub(r"([(){}])", r" \1 ", text).split():
        if tok == "(":
            depth += 1
            continue
        if tok == ")":
            depth = max(depth - 1, 0)
            continue
        if tok in _SLOTS or tok in "{}":
            continue
        first = len(out)
        if tok.startswith("&"):
            members = synsets.get(tok[1:].upper())
            if members:
                out.append(list(members))
            continue
        alts = [_word(a) for a in tok.split("/") if a]
        alts = [a for a in alts if a]
        if not alts:
            continue
        if len(alts) == 1:
            out.extend([w] for w in alts[0])
        else:  # "BOMBING/EXPLOSION": one position, several heads
            out.append([a[-1] for a in alts])
        if depth:
            pp.extend(range(first, len(out)))
    return out, pp


def convert(cameo: Path, table_path: Path) -> dict[str, object]:
    table = {**plover_entries(table_path), **OVERRIDES}
    lines = cameo.read_text(encoding="utf-8", errors="replace").splitlines() + SUPPLEMENT.splitlines()
    synsets = read_synsets(lines)
    verbs: dict[str, dict[str, object]] = {}
    forms: dict[str, str] = {}
    blocks: list[tuple[Event | None, list[tuple[str, list[str], Event | None]], list[dict[str, object]]]] = []
    started = False
    cur: tuple[Event | None, list[tuple[str, list[str], Event | None]], list[dict[str, object]]] | None = None
    for raw in lines:
        if raw.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if not started:
            continue
        m = _HEADER.match(raw)
        if m:
            cur = (_event(m.group("code"), table), [], [])
            blocks.append(cur)
            continue
        line = raw.split("#", 1)[0].strip()
        if cur is None or not line:
            continue
        code_m = _CODE.search(line)
        if line.startswith("-"):
            body = line[1:]
            if code_m is None:
                continue
            body = body[:code_m.start() - 1]
            if "*" not in body:
                continue
            before_s, after_s = body.split("*", 1)
            ev = _event(code_m.group("code"), table)
            before = list(reversed(_elements(before_s, synsets)[0]))
            after, pp = _elements(after_s, synsets)
            if not before and not after and ev is None:
                continue
            cur[2].append({"before": before, "after": after, "pp": pp, **_blank(ev)})
            continue
        # a synonym: WORD {INFLECTIONS} [code] or +MULTI_WORD {...} [code]
        own = _event(code_m.group("code"), table) if code_m else cur[0]
        head = re.split(r"[\s{\[]", line, maxsplit=1)[0]
        words = _word(head.lstrip("+"))
        if not words or words[0].rstrip("_") in _BE or not words[0].rstrip("_").isalpha():
            continue
        lemma = words[0].rstrip("_")
        infl = re.search(r"\{([^}]*)\}", line)
        if infl:
            for form in re.split(r"[\s,]+", infl.group(1)):
                fw = _word(form.lstrip("+"))
                if fw and fw[0].rstrip("_").isalpha() and fw[0].rstrip("_") != lemma:
                    forms.setdefault(fw[0].rstrip("_"), lemma)
        cur[1].append((lemma, [w.rstrip("_") for w in words[1:]], own))
    out_blocks: list[dict[str, object]] = []
    for default, synonyms, pats in blocks:
        if not synonyms:
            continue
        seen: set[str] = set()
        uniq = []
        for p in pats:  # one copy of each pattern, the first one kept
            key = json.dumps([p["before"], p["after"]])
            if key not in seen:
                seen.add(key)
                uniq.append(p)
        bi = len(out_blocks)
        out_blocks.append({"default": default, "patterns": uniq})
        for lemma, rest, own in synonyms:
            entry = verbs.setdefault(lemma, {"default": None, "patterns": [], "blocks": []})
            if rest:  # "call off": a pattern of "call", and the block's patterns after "off"
                entry["patterns"].append({"before": [], "after": [[w] for w in rest], "pp": [], "phrasal": True,
                                          **_blank(own)})  # type: ignore[attr-defined]
            elif entry["default"] is None and own is not None:
                entry["default"] = own
            if uniq:
                entry["blocks"].append([bi, rest])  # type: ignore[attr-defined]
    return {
        "source": "CAMEO.2.0.txt (Open Event Data Alliance, MIT) via CAMEO2PLOVER-2021.txt",
        "generated_by": "scripts/build_cameo_verbs.py",
        "verbs": dict(sorted(verbs.items())),
        "forms": dict(sorted(forms.items())),
        "blocks": {str(i): b for i, b in enumerate(out_blocks)},
    }


def _blank(ev: Event | None) -> Event:
    return ev if ev is not None else {"code": None, "type": None, "mode": None, "context": None}


def _dump(data: dict[str, object]) -> str:
    """JSON with one verb (and one form) a line, so that a diff shows what changed."""
    def one(x: object) -> str:
        return json.dumps(x, separators=(",", ":"), ensure_ascii=False)

    out = ["{"]
    for key, value in data.items():
        if isinstance(value, dict):
            body = ",\n".join(f"{one(k)}:{one(v)}" for k, v in value.items())
            out.append(f"{one(key)}:{{\n{body}\n}},")
        else:
            out.append(f"{one(key)}:{one(value)},")
    out[-1] = out[-1].rstrip(",")
    return "\n".join(out) + "\n}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="fail when the data file is out of date")
    args = ap.parse_args(argv)
    paths = reference_paths(args.shared)
    if paths is None:
        return 2
    data = convert(*paths)
    text = _dump(data)
    n_verbs = len(data["verbs"])  # type: ignore[arg-type]
    n_pats = sum(len(b["patterns"]) for b in data["blocks"].values()) + sum(  # type: ignore[union-attr]
        len(v["patterns"]) for v in data["verbs"].values())  # type: ignore[union-attr]
    n_default = sum(v["default"] is not None for v in data["verbs"].values())  # type: ignore[union-attr]
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text + "\n"
        print("up to date" if same else f"{args.out} is out of date: rerun scripts/build_cameo_verbs.py")
        return 0 if same else 1
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{n_verbs} verbs ({n_default} with a PLOVER default), {n_pats} patterns -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
