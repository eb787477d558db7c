"""How story summaries read: the share without a finite verb or without a resolved actor, and a sample.

    python bench/summaries.py STORE.duckdb [--relink] [--sample 10] [--seed 1] [--show bad]

A summary "has a verb" when its clause (after the date) parses with a finite verb (VBZ, VBP, VBD or
a modal), so "Pakistan: accusation" and "Request to X" do not.  The tagger misreads many headline
verbs as nouns after a name ("European Union sanctions X", "Donald Trump levies tariffs": NNS); such
a clause counts when, with its subject of names replaced by "It" or "They", the word after the pronoun
tags as a finite verb (``--strict-tagger``: the bare clause only, the measure before).  It "has a resolved actor" when its subject
(the words before that verb) names an actor the store resolved somewhere (a mention or event
participant with an actor id or a country): "Pakistani officials say" does not, "The prime ministers
of India and Mauritius sign" does.  ``--relink`` first drops the store's stories and links them again from
the stored events (the stories stage only, no re-parse of the articles), so a change to
``tieline.stories`` is measured in seconds.
"""

from __future__ import annotations

import argparse
import random
import re
from typing import Any

from tieline.api import Tieline
from tieline.nlp import load_model
from tieline.store import open_store

FINITE = {"VBZ", "VBP", "VBD", "MD"}


def relink(app: Tieline) -> int:
    app.store.execute("UPDATE events SET story_id = NULL")
    app.store.execute("DELETE FROM stories")
    return app.link_stories()


def clause(summary: str) -> str:
    return summary.split(" — ", 1)[1] if " — " in summary else summary


NAME_GLUE = {"and", ",", "of", "the", "-", "'s", "’s"}


def retagged_verb(nlp: Any, doc: Any, names: set[str]) -> bool:
    """A finite verb after a subject of names that the tagger misread out of context ("European Union
    sanctions X", "Donald Trump levies tariffs": NNS): the clause with that subject replaced by a pronoun
    ("It sanctions X", "They kill civilians") has one right after it.  The subject must be names only
    (capitalized words, "and", "of") and hold a resolved one, so "Pakistan: accusation" and "Request to
    X" still have no verb."""
    for k in range(1, min(8, len(doc) - 1)):
        prefix = doc[:k]
        if not all(t.text[:1].isupper() or t.lower_ in NAME_GLUE for t in prefix) or doc[k - 1].lower_ in NAME_GLUE:
            continue
        if not any(f" {n} " in f" {prefix.text.lower()} " for n in names):
            continue
        rest = doc[k:].text
        for pron in ("It", "They"):
            redo = nlp(f"{pron} {rest}")
            if len(redo) > 1 and redo[1].tag_ in FINITE:
                return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db")
    ap.add_argument("--relink", action="store_true", help="link the stories again first")
    ap.add_argument("--sample", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", choices=["bad", "all"], help="list the summaries without verb or actor (or all)")
    ap.add_argument("--strict-tagger", action="store_true",
                    help="count a verb only where the tagger sees one in the bare clause (the old measure)")
    args = ap.parse_args()
    with Tieline(open_store(args.db)) as app:
        if args.relink:
            print(f"relinked: {relink(app)} stories")
        stories = app.store.stories()
        rows = app.store.query("SELECT DISTINCT name FROM mentions WHERE name IS NOT NULL "
                               "AND (actor_id IS NOT NULL OR country IS NOT NULL)")
        names = {r["name"].lower() for r in rows if r["name"]}
        for s in stories:
            names |= {(r.name or "").lower() for r in s.actor + s.recipient if r.name and (r.actor_id or r.country)}
        names.discard("")
    nlp = load_model()
    texts = [clause(s.summary or "") for s in stories]
    docs = list(nlp.pipe(texts))
    no_verb, no_actor, tagger = [], [], 0
    for s, text, doc in zip(stories, texts, docs, strict=True):
        finite = next((t for t in doc if t.tag_ in FINITE), None)
        if finite is None:
            if args.strict_tagger or not retagged_verb(nlp, doc, names):
                no_verb.append(s)
            else:
                tagger += 1
        # the subject: the words before the finite verb (the whole clause when there is none)
        subject = " " + re.sub(r"[^\w\s'’.-]", " ", (text[:finite.idx] if finite is not None else text).lower()) + " "
        if not any(f" {n} " in subject for n in names):
            no_actor.append(s)
    bad = {s.id for s in no_verb} | {s.id for s in no_actor}
    n = len(stories) or 1
    print(f"stories {len(stories)}: without a verb {len(no_verb)}, without a resolved actor {len(no_actor)}, "
          f"either {len(bad)} ({100 * len(bad) / n:.1f}%); verbs found only after a pronoun stands in for "
          f"the named subject: {tagger}")
    if args.show:
        for s in stories:
            if args.show == "all" or s.id in bad:
                tag = ("V" if s in no_verb else "-") + ("A" if s in no_actor else "-")
                print(f"  {tag} {s.summary}")
    print(f"{args.sample} random summaries (seed {args.seed}):")
    for s in random.Random(args.seed).sample(stories, min(args.sample, len(stories))):
        print(f"  {s.summary}")


if __name__ == "__main__":
    main()
