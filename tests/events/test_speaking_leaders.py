from __future__ import annotations

from tieline.pipeline import analyze


def _actors(text: str) -> list[list[str]]:
    a = analyze(text, "2023-05-03", components=("nlp", "dates", "actors", "events"))
    return [[r.name or r.text for r in e.actor] for e in a.events]


def test_a_leader_announcing_his_countrys_intention_is_its_source() -> None:
    got = _actors("French President Emmanuel Macron said on Tuesday that France will cooperate with "
                  "Japan on security.")
    assert any("Emmanuel Macron" in names and "France" in names for names in got), got


def test_a_foreign_speaker_is_not_made_the_source() -> None:
    got = _actors("Japanese Prime Minister Fumio Kishida noted on Tuesday that France intended to continue "
                  "collaborating with Japan.")
    assert got and all("Fumio Kishida" not in names for names in got), got
