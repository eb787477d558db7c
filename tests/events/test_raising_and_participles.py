"""Raising verbs, quantity nouns, participles on noun triggers, traded goods and deep frame words
(our own sentences, run through the whole pipeline)."""

from tieline.pipeline import analyze


def _events(text: str, published: str = "2024-05-14"):
    return analyze(text, published, doc_id="r").events


def test_a_passive_raising_verb_keeps_the_subject_as_actor() -> None:
    evs = _events("Prime Minister Narendra Modi is expected to visit Japan and Australia in late May.")
    e = next(e for e in evs if e.event in ("AGREE", "CONSULT"))
    assert {r.country for r in e.actor} == {"IND"}
    assert {r.country for r in e.recipient} == {"JPN", "AUS"}
    assert e.certainty == "planned"


def test_a_passive_trigger_itself_still_takes_its_agent() -> None:
    evs = _events("Ukraine was attacked by Russia on Sunday.")
    e = next(e for e in evs if e.event == "ASSAULT")
    assert {r.country for r in e.actor} == {"RUS"}
    assert {r.country for r in e.recipient} == {"UKR"}


def test_warnings_in_a_series_demanding_a_change_are_a_threat_to_the_one_asked() -> None:
    evs = _events("Pyongyang issued a series of warnings demanding that Seoul change its policy.")
    e = next(e for e in evs if e.event == "THREATEN")
    assert {r.country for r in e.actor} == {"PRK"}
    assert {r.country for r in e.recipient} == {"KOR"}


def test_tariffs_on_goods_from_a_country_target_that_country() -> None:
    evs = _events("On Monday, Biden levied 10% tariffs on lumber imports from Canada.")
    e = next(e for e in evs if e.event == "SANCTION")
    assert {r.country for r in e.actor} == {"USA"}
    assert {r.country for r in e.recipient} == {"CAN"}


def test_ordered_back_to_prison_is_coercion_not_a_meeting() -> None:
    evs = _events("A Kenyan judge ordered opposition leader Raila Odinga back to prison this week.")
    assert [e.event for e in evs] == ["COERCE"]
    assert evs[0].mode == "arrest"


def test_a_definite_act_noun_points_back_to_its_author() -> None:
    evs = _events("A recent resolution in the U.S. Congress called for a probe. "
                  "On Wednesday Pakistan rejected the resolution.")
    e = next(e for e in evs if e.event == "REJECT")
    assert {r.country for r in e.actor} == {"PAK"}
    assert {r.country for r in e.recipient} == {"USA"}


def test_a_document_acts_for_whoever_passed_it() -> None:
    evs = _events("On Monday the Canadian parliament passed a resolution condemning India. "
                  "India's government rejected the resolution on Wednesday.")
    accuse = next(e for e in evs if e.event == "ACCUSE")
    assert ({r.country for r in accuse.actor}, {r.country for r in accuse.recipient}) == ({"CAN"}, {"IND"})
    assert accuse.date == "2024-05-13"
    reject = next(e for e in evs if e.event == "REJECT")
    assert ({r.country for r in reject.actor}, {r.country for r in reject.recipient}) == ({"IND"}, {"CAN"})


def test_an_unowned_act_noun_takes_no_guess() -> None:
    evs = _events("Brazil rejected the proposal on Monday.")
    e = next(e for e in evs if e.event == "REJECT")
    assert not e.recipient


def test_talks_with_a_partner_reported_by_a_side_have_the_speaker_as_party() -> None:
    evs = _events("Egypt said on Monday that negotiations with Israel over the crossing had resumed.")
    e = next(e for e in evs if e.event == "CONSULT")
    assert {r.country for r in e.actor} == {"EGY"}
    assert {r.country for r in e.recipient} == {"ISR"}


def test_talks_that_progress_are_talks() -> None:
    evs = _events("Kenya said Sunday that discussions with the International Monetary Fund on a "
                  "new loan are progressing well.")
    e = next(e for e in evs if e.event == "CONSULT")
    assert {r.country for r in e.actor} == {"KEN"}


def test_failing_talks_are_no_sanction_and_a_venue_is_no_party() -> None:
    evs = _events("Iran and the US failed to reach a deal in Oman.")
    assert all(e.event != "SANCTION" for e in evs)
    assert all("OMN" not in {r.country for r in e.recipient} for e in evs)
