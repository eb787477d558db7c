"""Actors read in their story's context (built-in registry, sentences written for these tests):
generic agents and bodies without a country word, new persons placed by their titles and the
story, organisations spelled out by acronyms, and names constrained by "of COUNTRY"."""

from __future__ import annotations

import pytest

from tieline.records import Mention

try:
    from tieline.nlp import load_model

    load_model()
except Exception as exc:  # pragma: no cover - the model ships with the lock file
    pytest.skip(f"spaCy model not available: {exc}", allow_module_level=True)


def _mentions(text: str, published: str = "2024-03-01") -> list[Mention]:
    from tieline.pipeline import analyze

    return analyze(text, published, components=("nlp", "dates", "actors")).mentions


def _one(ms: list[Mention], text: str, after: int = -1) -> Mention:
    got = [m for m in ms if m.text == text and m.start > after]
    assert got, f"no mention {text!r}; have {[(m.text, m.country, m.sector) for m in ms]}"
    return got[0]


def test_agent_takes_the_one_country_of_its_sentence() -> None:
    ms = _mentions("A storm hit Chile and Peru on Monday. In Kenya, police arrested ten men.")
    assert (_one(ms, "police").country, _one(ms, "police").sector) == ("KEN", "COP")


def test_agent_takes_the_country_of_the_paragraph_before_it() -> None:
    ms = _mentions("Kenyan forces entered the border town on Tuesday. Police said three people died.")
    assert _one(ms, "Police").country == "KEN"


def test_two_countries_are_not_guessed_at() -> None:
    ms = _mentions("Talks between Kenya and Uganda ended on Friday. Police in both capitals were on alert.")
    assert _one(ms, "Police").country is None


def test_bare_body_is_the_one_named_before() -> None:
    text = ("Brazil's Senate approved the pension reform on Tuesday, and Argentina's envoy welcomed it. "
            "Critics said the Senate had acted in haste.")
    ms = _mentions(text)
    senate = _one(ms, "Senate", after=20)
    assert (senate.country, senate.sector) == ("BRA", "LEG")


def test_organisation_anchors_a_title() -> None:
    ms = _mentions("Taliban spokesman Ahmad Karimzai denied the report on Monday. Karimzai said it was false.")
    for m in [m for m in ms if m.name == "Ahmad Karimzai"]:
        assert (m.country, m.sector) == ("AFG", "GOV"), m
    assert len([m for m in ms if m.name == "Ahmad Karimzai"]) == 2


def test_unknown_body_of_an_organisation_with_a_country() -> None:
    ms = _mentions("The Taliban Foreign Ministry said the visit was cancelled.")
    m = _one(ms, "Taliban Foreign Ministry")
    assert (m.country, m.sector) == ("AFG", "GOV")


def test_heads_take_the_sector_of_the_body_before_them() -> None:
    ms = _mentions("The Kenyan Military Command said the operation was over.")
    m = [m for m in ms if m.text.endswith("Military Command")]
    assert m and (m[0].country, m[0].sector) == ("KEN", "MIL"), ms


def test_possessors_office_places_a_title() -> None:
    ms = _mentions("President Joe Biden's special envoy, Tom Carrow, arrived in Kabul. Carrow met elders.",
                   "2022-05-01")
    carrow = [m for m in ms if m.name == "Tom Carrow"]
    assert carrow and all((m.country, m.sector) == ("USA", "GOV") for m in carrow), carrow


def test_appointed_by_an_igo() -> None:
    ms = _mentions("The United Nations-appointed special rapporteur Carl Ostby left Kenya on Monday.")
    ostby = [m for m in ms if m.name == "Carl Ostby"]
    assert ostby and all((m.country, m.sector) == (None, "IGO") for m in ostby), ostby


def test_acronym_defined_in_the_story() -> None:
    text = ("Ghana's National Communications Authority (NCA) fined two mobile operators on Monday. "
            "The NCA said more fines would follow.")
    nca = [m for m in _mentions(text) if m.text == "NCA"]
    assert nca and all(m.country == "GHA" for m in nca), nca


def test_new_person_takes_the_story_country_unless_named_among_others() -> None:
    text = ("NAIROBI, Kenya — Kenyan prosecutors charged businessman Peter Ouma with fraud on Monday. "
            "Ouma denied the charges. His lawyer said clients include reporter Tom Vella, who was "
            "detained in Malta and Italy.")
    ms = _mentions(text)
    assert {m.country for m in ms if m.name == "Peter Ouma"} == {"KEN"}
    assert {m.country for m in ms if m.name == "Tom Vella"} == {None}


def test_of_country_constrains_a_titled_name() -> None:
    ms = _mentions("King Hassan of Morocco received the envoy in 1995.", "1995-06-01")
    m = _one(ms, "Hassan")
    assert m.country == "MAR"


def test_group_members_and_the_group_again() -> None:
    ms = _mentions("Somali forces killed 20 al-Shabab militants on Monday. The militants had attacked a hotel.")
    first = [m for m in ms if m.text.endswith("Shabab militants")]
    again = _one(ms, "militants", after=40)
    assert first and first[0].actor_id == again.actor_id == "org:al-shabaab"
    assert (again.country, again.sector) == ("SOM", "REB")


def test_agent_words_with_double_letters_stand_alone() -> None:
    ms = _mentions("NAIROBI, Kenya — Bodies of four government troops were found near the border.")
    m = _one(ms, "government troops")
    assert (m.country, m.sector) == ("KEN", "MIL")


def test_the_group_is_the_armed_group_named_before() -> None:
    ms = _mentions("Hezbollah claimed the rocket attack on Sunday. In a statement, the group said more would come.")
    m = _one(ms, "group")
    assert (m.actor_id, m.country) == ("org:hezbollah", "LBN")


def test_party_names_of_several_countries_follow_the_story() -> None:
    ms = _mentions("WELLINGTON, New Zealand — Labour lost the vote in New Zealand on Sunday.")
    labour = _one(ms, "Labour")
    assert (labour.country, labour.sector) == ("NZL", "PTY")
    alone = _one(_mentions("Labour won the vote on Sunday, its leader said."), "Labour")
    assert (alone.country, alone.sector) == (None, "PTY")
    assert not [m for m in _mentions("Labour costs rose again in May.") if m.text == "Labour"]


def test_peoples_living_in_another_country() -> None:
    ms = _mentions("Bosnian Croats rallied on Saturday. Ethnic Hungarians in Romania voted on Sunday.")
    croats = _one(ms, "Bosnian Croats")
    assert (croats.country, croats.sector) == ("BIH", "CVL")
    hungarians = _one(ms, "Hungarians")
    assert (hungarians.country, hungarians.sector) == ("ROU", "CVL")
    americans = [m for m in _mentions("Korean Americans voted early.") if m.text.endswith("Americans")]
    assert americans and americans[0].country == "USA"


def test_unknown_state_body_takes_the_story_country() -> None:
    ms = _mentions("LIMA, Peru — The Public Ministry charged two former ministers on Monday.")
    m = _one(ms, "Public Ministry")
    assert (m.country, m.sector) == ("PER", "GOV")


def test_bare_officials_and_president_are_of_the_story_country() -> None:
    ms = _mentions("KYIV, Ukraine — Officials said on Monday that grain exports had resumed. "
                   "The president thanked the port workers.", "2024-03-01")
    officials = _one(ms, "Officials")
    assert (officials.country, officials.sector) == ("UKR", "GOV")
    president = _one(ms, "The president")
    assert (president.actor_id, president.country) == ("person:volodymyr-zelensky", "UKR")


def test_attackers_are_an_armed_agent() -> None:
    from tieline.pipeline import analyze
    a = analyze("Police in Kenya said they killed four attackers near Garissa.", "2024-05-14", doc_id="x")
    m = next(m for m in a.mentions if m.text == "attackers")
    assert m.sector == "UAF"


def test_a_nationality_just_before_a_body_is_its_country() -> None:
    from tieline.pipeline import analyze
    a = analyze("A Brazilian Senate committee passed legislation targeting Venezuela.", "2024-05-14", doc_id="x")
    m = next(m for m in a.mentions if m.text == "Senate")
    assert m.country == "BRA"


def test_family_name_first_and_a_subject_the_tagger_took_for_a_noun() -> None:
    from tieline.pipeline import analyze
    a = analyze("North Korean leader Kim Jong Un tested a missile. Trump met with Kim for the first time in "
                "Singapore.", "2019-12-12", doc_id="x")
    kims = [m for m in a.mentions if m.text == "Kim"]
    assert kims and all(m.actor_id == "person:kim-jong-un" for m in kims)
    assert any(m.text == "Trump" and m.country == "USA" for m in a.mentions)
    assert not analyze("Energy prices rose. Trump cards were played.", "2019-12-12", doc_id="x").mentions


def test_people_of_a_country_are_its_civilians() -> None:
    ms = _mentions("The envoy said the people of Peru deserve an answer on Monday.")
    m = _one(ms, "people of Peru")
    assert (m.country, m.sector) == ("PER", "CVL")


def test_acronym_at_a_sentence_start_before_a_noun_is_still_the_group() -> None:
    ms = _mentions("Ministers met in Ottawa on Friday. G7 members pledged more support.")
    assert _one(ms, "G7").actor_id == "igo:g7"


def test_short_name_refers_back_to_the_organisation() -> None:
    ms = _mentions("The Asian Development Bank approved a loan to Ghana on Monday. "
                   "Officials said the Bank would monitor it.")
    bank = _one(ms, "Bank", after=10)
    assert (bank.actor_id, bank.country, bank.sector) == ("igo:adb", None, "IGO")


def test_agent_in_apposition_to_a_named_group_is_that_group() -> None:
    ms = _mentions("Colombian troops clashed with the rebel militia, the ELN, on Sunday.")
    assert _one(ms, "militia").actor_id == "org:eln"


def test_gunmen_are_the_one_armed_group_the_story_names() -> None:
    ms = _mentions("Gunmen attacked a checkpoint in northern Mali on Sunday. JNIM later claimed the attack.")
    m = _one(ms, "Gunmen")
    assert (m.actor_id, m.country, m.sector) == ("org:jnim", "MLI", "REB")
    ms = _mentions("Gunmen attacked a checkpoint in northern Mali on Sunday. JNIM and ISWAP were blamed.")
    assert _one(ms, "Gunmen").actor_id is None  # two groups: not guessed


def test_target_of_a_measure_does_not_own_the_body() -> None:
    ms = _mentions("Brazilian lawmakers debated the bill on Monday. Measures against Venezuela are pending in "
                   "Congress.")
    m = _one(ms, "Congress")
    assert (m.country, m.sector) == ("BRA", "LEG")


def test_body_before_the_noun_of_its_act() -> None:
    ms = _mentions("A Kenyan court ruling on Friday freed the activist.")
    m = _one(ms, "Kenyan court")
    assert (m.country, m.sector) == ("KEN", "JUD")


def test_expert_at_an_institute_is_not_of_the_country_studied() -> None:
    ms = _mentions("Jane Holm, a Russian expert at the Baltic Policy Institute, said the talks would fail. "
                   "Moscow rejected the offer.")
    assert _one(ms, "Jane Holm").country is None
    ms = _mentions("Tom Reyes, a Peruvian analyst, said the talks would fail.")
    assert _one(ms, "Tom Reyes").country == "PER"


def test_the_world_body_is_the_united_nations() -> None:
    ms = _mentions("The decision drew criticism from the world body on Monday.")
    assert _one(ms, "world body").actor_id == "igo:un"


def test_agents_named_with_an_igo_are_its_own_later_too() -> None:
    ms = _mentions("Top diplomats from the Group of Seven met in Quebec on Friday. "
                   "The diplomats said in a joint statement that they back the ceasefire.")
    for m in [m for m in ms if m.text == "diplomats"]:
        assert (m.actor_id, m.country, m.sector) == ("igo:g7", None, "IGO")
    assert len([m for m in ms if m.text == "diplomats"]) == 2
    ms = _mentions("Soldiers from Kenya arrived in Haiti on Monday.")
    assert (_one(ms, "Soldiers").country, _one(ms, "Soldiers").sector) == ("KEN", "MIL")


def test_rights_groups_take_no_country_from_the_story() -> None:
    ms = _mentions("A court in Guatemala City jailed the editor on Monday. Rights groups said the case was political.")
    m = _one(ms, "Rights groups")
    assert (m.country, m.sector) == (None, "HRI")


def test_an_organisation_the_government_owns_is_of_its_country() -> None:
    ms = _mentions("Officials in Nairobi met on Monday. A statement posted by the government's Harambee Media Service "
                   "said so.")
    assert _one(ms, "Harambee Media Service").country == "KEN"


def test_opposition_to_something_is_a_stance() -> None:
    ms = _mentions("Ministers in Tokyo reiterated their opposition to any change. The opposition boycotted the vote.")
    got = [m for m in ms if m.text == "opposition"]
    assert len(got) == 1 and got[0].start > 60 and (got[0].country, got[0].sector) == ("JPN", "OPP")


def test_a_definite_agent_named_before_keeps_that_country() -> None:
    ms = _mentions("Kenyan government soldiers cleared the road on Monday. Uganda sent aid, and Tanzania did too. "
                   "A statement by the government said the road was open.")
    m = _one(ms, "government", after=40)
    assert (m.country, m.sector) == ("KEN", "GOV")


def test_apposition_needs_an_armed_agent_or_the_groups_own_sector() -> None:
    ms = _mentions("Restrictions imposed on women, the Taliban said on Monday, are temporary.")
    assert _one(ms, "women").actor_id is None


def test_the_army_is_not_a_rebel_group_named_army() -> None:
    ms = _mentions("The Kachin Independence Army seized a base in Myanmar on Monday. The army said it would retake it.")
    army = _one(ms, "army", after=40)
    assert army.actor_id != "org:kachin-independence-army" and army.sector == "MIL"


def test_a_noun_after_the_place_of_origin_is_not_named_with_it() -> None:
    ms = _mentions("A report based on intelligence from U.N. member states was released in Geneva on Monday.")
    assert all(m.actor_id != "igo:un" for m in ms if m.text == "intelligence")


def test_militants_of_another_named_group_are_not_the_story_group() -> None:
    ms = _mentions("JNIM attacked a base in Mali on Monday. Later, Ansaroul Islam militants ambushed a convoy in Mali.")
    assert _one(ms, "militants").actor_id != "org:jnim"


def test_an_analyst_without_an_organisation_keeps_the_story_country() -> None:
    text = ("KHARTOUM, Sudan — Sudan's government dissolved the council on Monday. Sudan's army backed it. "
            "Political analyst Hamid Osman thinks the timing matters.")
    ms = _mentions(text)
    assert _one(ms, "Hamid Osman").country == "SDN"


def test_a_title_from_the_agents_dictionary_gives_a_new_persons_sector() -> None:
    ms = _mentions("Kenyan officials met on Monday. Energy Secretary Wanjiru Kamau said prices would fall.")
    assert _one(ms, "Wanjiru Kamau").sector == "GOV"


def test_a_country_title_reaches_a_name_that_begins_with_a_known_name() -> None:
    # the registry knows a "Hassan"; the title belongs to the whole new name after it
    ms = _mentions("Somali President Hassan Abdi Warsame opened the conference in Mogadishu on Monday.")
    m = _one(ms, "Hassan Abdi Warsame")
    assert (m.country, m.sector) == ("SOM", "GOV")


def test_a_year_in_an_earlier_sentence_does_not_unseat_a_sitting_leader() -> None:
    text = "Whisky has crossed the Atlantic free of duties since 1997. Trump said the new duties would stay."
    ms = _mentions(text, "2025-04-07")
    assert (_one(ms, "Trump").country, _one(ms, "Trump").sector) == ("USA", "GOV")


def test_the_bloc_is_the_union_named_before_it() -> None:
    ms = _mentions("The EU imposed duties on steel on Monday. The 27-nation bloc said talks would go on. "
                   "Hamas rejected the plan. The bloc urged restraint.")
    assert [m.actor_id for m in ms if m.text.endswith("bloc")] == ["igo:eu", "igo:eu"]


def test_europe_stands_for_the_union_the_story_names_but_not_as_a_place() -> None:
    ms = _mentions("The EU raised duties on steel on Monday. Europe quickly retaliated against Washington. "
                   "Tourism in Europe slowed.")
    europe = [m for m in ms if m.text == "Europe"]
    assert [m.actor_id for m in europe] == ["igo:eu"] and europe[0].start < 70


def test_a_then_title_is_the_office_held_at_the_time_told() -> None:
    ms = _mentions("In 2005 then-President Mwai Kibaki of Kenya opened the new parliament.", "2024-05-01")
    m = _one(ms, "Mwai Kibaki")
    assert (m.country, m.sector) == ("KEN", "GOV")
    ms = _mentions("Former President Mwai Kibaki of Kenya opened a school.", "2015-05-01")
    assert _one(ms, "Mwai Kibaki").sector is None


def test_a_name_the_model_took_for_an_organisation_is_a_person_by_its_apposition() -> None:
    ms = _mentions("Kimberly Westbrook Strach, the board's director, said the count was complete.")
    m = _one(ms, "Kimberly Westbrook Strach")
    assert m.kind == "person" and (m.actor_id or "").startswith("person:")


def test_the_judge_is_the_judge_named_before() -> None:
    ms = _mentions("A Kenyan court heard the case on Monday. Judge Amina Otieno ordered a recess. "
                   "Later the judge said the defence had been warned.")
    assert _one(ms, "the judge").actor_id == _one(ms, "Amina Otieno").actor_id
    ms = _mentions("A Kenyan court in Nairobi heard the case on Monday. The judge ordered a recess.")
    m = _one(ms, "The judge")
    assert (m.kind, m.country, m.sector) == ("person", "KEN", "JUD")


def test_a_city_the_registry_does_not_hold_places_the_agents_of_its_sentence() -> None:
    ms = _mentions("Kenya's opposition called a strike on Monday. Meanwhile soldiers arrested dozens of "
                   "people in Yangon. Police in Texas detained two men.")
    assert _one(ms, "soldiers").country == "MMR"
    assert _one(ms, "Police").country == "USA"


def test_a_pronoun_agrees_with_the_gender_of_a_first_name() -> None:
    ms = _mentions("Ghanaian envoy Tunde Bello met Kenyan envoy Wanjiru Kamau in Accra on Monday. "
                   "She said the talks went well.")
    assert _one(ms, "She").actor_id == _one(ms, "Wanjiru Kamau").actor_id


def test_a_name_after_a_countrys_possessive_is_a_person_of_that_country() -> None:
    ms = _mentions("Kenya's Wanjiru Kamau met the minister on Monday. Kamau said she was pleased.")
    m = _one(ms, "Wanjiru Kamau")
    assert m.kind == "person" and m.country == "KEN"
    assert _one(ms, "Kamau", after=m.start + 3).actor_id == m.actor_id


def test_an_alias_that_only_begins_a_longer_name_is_not_that_body() -> None:
    """"the Alliance" is NATO; "the Alliance of Baltic Ports" is another organisation."""
    longer = _mentions("The Alliance of Baltic Ports, based in Gdansk, was fined by Warsaw on Monday.")
    assert not any(m.actor_id == "igo:nato" for m in longer)
    plain = _mentions("NATO leaders met in Vilnius, and Moscow warned the Alliance on Monday.")
    assert any(m.actor_id == "igo:nato" and m.text == "Alliance" for m in plain)
