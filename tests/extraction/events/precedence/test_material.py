"""Material acts the words around the verb decide, on whole sentences (invented sentences)."""

from __future__ import annotations


import pytest


from .._docs import mentions_of


def _mentions(text, nlp, knowledge):
    return [(m.actor.text, m.action.cameo) for m in mentions_of(text, nlp, knowledge)]


@pytest.mark.parametrize("text, expected", [
    # a ban on travel or trade is an embargo (163), not an administrative ban (172)
    ("The president banned travel from Brazil in May.", ("president", "163")),
    # taking part in a protest is the protest
    ("Hundreds of supporters attended the rally in the capital.", ("supporters", "141")),
    # a vehicle driven into people is an assault with an unsophisticated weapon (180)
    ("He drove his car into a crowd of protesters.", ("He", "180")),
    # an order to hold someone in custody detains
    ("The judge ordered the suspect remain in custody until March.", ("judge", "173")),
    # a prisoner is an actor: the by-agent of a passive shooting
    ("The guard was shot by a prisoner.", ("prisoner", "193")),
    # clearing a protest camp is repression (175)
    ("Police cleared the protest camp on Monday.", ("Police", "175")),
    # a conviction with imprisonment in the same sentence is 173; a jury is a court
    ("A jury convicted the mayor of fraud, and he received a five-year prison sentence.", ("jury", "173")),
    ("A jury convicted the mayor of fraud.", ("jury", "116")),
    # what was seen happening happened: the participle on the object of a perception verb
    ("Footage showed a group of protesters throwing stones at police.", ("protesters", "145")),
    # the crime a person confesses to, or is accused of as a gerund, is that person's act
    ("Omar confessed to killing his neighbour.", ("Omar", "180")),
    ("The man is accused of shooting two people.", ("man", "193")),
    # a verb that only starts an act does not join it to the verb before it
    ("A man grabbed a knife and began to stab people.", ("man", "180")),
    # an arrest is 173 whoever is arrested (the codebook's 175 is force, not detention)
    ("Police arrested 30 protesters in the capital.", ("Police", "173")),
    # firing a firearm is shooting
    ("Police discharged their firearms.", ("Police", "193")),
    # heavy bombing is aerial (195), not a planted bomb (183)
    ("The town was retaken following heavy bombing.", ("", "195")),
    # turning oneself in is a surrender (080), not handing something over
    ("The suspect in Leeds turned herself in at a police station on Monday.", ("suspect in Leeds", "080")),
    ("The two men in Lyon handed themselves over to police.", ("two men in Lyon", "080")),
    # "X comes after Y did Z": the after-clause is the news
    ("The move comes after the European Union sanctioned Iran last week.", ("European Union", "163")),
])
def test_material_words_around_the_verb_give_the_code(text, expected, nlp, knowledge):
    assert expected in _mentions(text, nlp, knowledge)


@pytest.mark.parametrize("text, expected", [
    # violence that broke out where people protest is a riot, with no actor named
    ("The marches were calm, but clashes with counter-protesters broke out at night.", ("", "145")),
    ("Violence broke out in the town.", ("", "190")),
])
def test_material_outbreaks_are_agentless(text, expected, nlp, knowledge):
    found = _mentions(text, nlp, knowledge)
    assert expected in found
    assert all(actor == "" for actor, _ in found)


@pytest.mark.parametrize("text", [
    # what a shooting caused is not done by the one shot
    "The police shooting of a young man sparked riots and looting in the city.",
])
def test_material_what_an_event_caused_has_no_actor_inside_the_cause(text, nlp, knowledge):
    assert ("", "145") in _mentions(text, nlp, knowledge)
    assert all(not (cameo == "145" and actor) for actor, cameo in _mentions(text, nlp, knowledge))


@pytest.mark.parametrize("text", [
    # "exploded" said of what is no device or weapon
    "The fish population exploded after the dam was built.",
    # "demonstrate" with an object shows something
    "The ruling demonstrated a deep ignorance of the technology.",
    # force against a natural force is no act of anyone's
    "Firefighters battled the wildfire for three days.",
    "Crews fought the blaze at the warehouse through the night.",
    # an explosion whose named cause is an accident's
    "A gas leak caused an explosion that killed two workers.",
    "The blast was caused by a gas cylinder.",
    # a natural force is no actor, also as a plural the tagger took for a name
    "Landslides blocked the main road to the village.",
    # bans and closures made because of a disease are no political act
    "The authorities closed schools and banned public gatherings because of the outbreak.",
    "The government banned gatherings to curb the spread of the virus.",
])
def test_material_figurative_verbs_of_force_and_protest_are_no_event(text, nlp, knowledge):
    assert [c for _, c in _mentions(text, nlp, knowledge) if c[:2] >= "14"] == []


@pytest.mark.parametrize("text", ["Police opened fire on the protesters.", "Rebels set fire to the police station."])
def test_material_fire_as_the_means_of_an_attack_stays_an_attack(text, nlp, knowledge):
    assert [c for _, c in _mentions(text, nlp, knowledge) if c[:2] >= "17"]


def test_material_a_bomb_that_exploded_stays_a_bombing(nlp, knowledge):
    assert any(cameo.startswith("183") for _, cameo in _mentions("A bomb exploded near the market.", nlp, knowledge))


def test_material_a_sentence_received_after_a_named_conviction_is_not_a_second_event(nlp, knowledge):
    found = _mentions("A jury convicted the mayor of fraud, and he received a five-year prison sentence.", nlp, knowledge)
    assert [m for m in found if m[1] == "173"] == [("jury", "173")]


def test_material_a_political_charge_as_a_gerund_is_the_accusation_alone(nlp, knowledge):
    found = _mentions("The government has accused the rebels of violating the ceasefire.", nlp, knowledge)
    assert [c for _, c in found if c.startswith("19")] == []


def test_material_whom_an_act_of_force_hit_is_never_its_actor(nlp, knowledge):
    found = _mentions("The bombing of the embassy killed five guards.", nlp, knowledge)
    assert found and all("embassy" != actor for actor, _ in found)


def test_material_what_happened_when_violence_broke_out_is_news_too(nlp, knowledge):
    found = _mentions("Violence broke out on Saturday when several thousand people rallied in the capital.", nlp, knowledge)
    assert ("several thousand people", "141") in found and ("", "145") in found


def test_material_each_of_two_sentenced_did_the_crime(nlp, knowledge):
    found = _mentions("The judge sentenced Omar and Leila Haddad to life in prison for torturing their children.", nlp, knowledge)
    assert ("Omar", "1822") in found and ("Leila Haddad", "1822") in found


def test_material_an_absolute_with_phrase_tells_an_event(nlp, knowledge):
    found = _mentions("Other cities had similar protests, with 20 thousand workers protesting in the capital in May.", nlp, knowledge)
    assert ("20 thousand workers", "141") in found


def test_material_an_allegation_and_the_act_alleged_are_both_coded(nlp, knowledge):
    found = _mentions("Police alleged the accused performed two attacks.", nlp, knowledge)
    assert ("Police", "1121") in found and ("accused", "180") in found


def test_material_an_outbreak_that_only_times_another_event_is_background(nlp, knowledge):
    found = _mentions("The United States sent rockets to the Iraqi army as soon as the clashes erupted.", nlp, knowledge)
    assert ("", "190") not in found


@pytest.mark.parametrize("text", [
    # a closure or a blockade made ahead of or after a disaster or an accident is no political act
    "Authorities in Manila closed schools ahead of the typhoon.",
    "Police in Dover closed the road after the crash.",
    "Police in Leeds blocked the road following the flood.",
])
def test_material_closures_for_a_disaster_or_an_accident_are_no_event(text, nlp, knowledge):
    assert [c for _, c in _mentions(text, nlp, knowledge) if c[:2] >= "14"] == []


def test_material_a_closure_after_a_protest_stays_an_act(nlp, knowledge):
    assert ("Police", "1723") in _mentions("Police closed the road after the protest.", nlp, knowledge)


@pytest.mark.parametrize("text", [
    # the harm an accident or a disaster did, told as a participle after it, is no one's act
    "The ferry capsized off Lesbos on Monday, killing at least 18 passengers.",
    "The bus overturned near Quito, killing 12 people.",
    "The storm hit the coast of Luzon, killing 20.",
])
def test_material_harm_trailing_an_accident_is_no_act(text, nlp, knowledge):
    assert [c for _, c in _mentions(text, nlp, knowledge) if c[:2] >= "14"] == []


def test_material_harm_trailing_an_attack_stays_the_attack(nlp, knowledge):
    found = _mentions("Rebels attacked the town near Goma, killing 12 people.", nlp, knowledge)
    assert any(cameo[:2] == "19" for _, cameo in found)


def test_material_taking_a_weapon_in_hand_is_no_seizure(nlp, knowledge):
    found = _mentions("A man in Leeds grabbed a knife and stabbed two guards.", nlp, knowledge)
    assert ("man in Leeds", "180") in found
    assert [c for _, c in found if c.startswith("171")] == []


def test_material_weapons_taken_from_someone_stay_a_seizure(nlp, knowledge):
    found = _mentions("Police in Kabul seized weapons from the militants.", nlp, knowledge)
    assert any(cameo.startswith("171") for _, cameo in found)


@pytest.mark.parametrize("text, expected", [
    # taking or holding people hostage or captive is abduction (181), not a seizure of property (171)
    ("Gunmen in Borno took 20 villagers hostage on Monday.", ("Gunmen in Borno", "181")),
    ("Gunmen in Borno took dozens of the villagers there hostage.", ("Gunmen in Borno", "181")),
    ("The rebels in Kivu held three soldiers captive.", ("rebels in Kivu", "181")),
    ("Two aid workers were taken hostage in Mali.", ("", "181")),
])
def test_material_hostage_taking_is_abduction(text, expected, nlp, knowledge):
    assert expected in _mentions(text, nlp, knowledge)


def test_material_hostages_taken_after_a_seizure_are_an_event_of_their_own(nlp, knowledge):
    found = _mentions("Rebels in Kivu seized the mine, taking 40 workers hostage.", nlp, knowledge)
    assert {c[:3] for _, c in found} >= {"171", "181"}


@pytest.mark.parametrize("text", [
    # firing someone from a post is a dismissal, no shooting
    "President Vale fired his national security adviser on Friday.",
    "The company in Seoul fired 300 workers in March.",
    "The governor of Ohio fired Ann Vale, the state health director.",
])
def test_material_firing_someone_from_a_post_is_no_force(text, nlp, knowledge):
    assert [c for _, c in _mentions(text, nlp, knowledge) if c[:2] >= "14"] == []


def test_material_firing_weapons_stays_force(nlp, knowledge):
    assert any(c[:2] == "19" for _, c in _mentions("Soldiers in Gao fired rockets at the rebels.", nlp, knowledge))


@pytest.mark.parametrize("text", [
    # a vehicle that hit a thing had an accident
    "A passenger train in Bihar hit a tractor at a level crossing, killing four.",
])
def test_material_a_vehicle_hitting_a_thing_is_an_accident(text, nlp, knowledge):
    assert [c for _, c in _mentions(text, nlp, knowledge) if c[:2] >= "14"] == []


@pytest.mark.parametrize("text, expected", [
    # a court, a judge or a jury that rules or finds decides the case (116)
    ("A court in Lyon ruled that the mayor had broken the law.", ("court in Lyon", "116")),
    ("Judge Ann Vale found that the company had misled investors.", ("Judge Ann Vale", "116")),
])
def test_material_a_court_ruling_is_a_decision_on_the_case(text, expected, nlp, knowledge):
    assert expected in _mentions(text, nlp, knowledge)


def test_material_finding_of_no_court_is_no_ruling(nlp, knowledge):
    assert _mentions("Scientists in Oslo found that the drug works.", nlp, knowledge) == []


@pytest.mark.parametrize("text", [
    "Thousands of fans in Porto attended the concert on Saturday.",
    "Hundreds of students attended the concert in Leeds.",
])
def test_material_attending_a_private_gathering_is_no_visit(text, nlp, knowledge):
    assert _mentions(text, nlp, knowledge) == []


def test_material_attending_a_summit_stays_an_act(nlp, knowledge):
    assert any(c[:2] == "04" for _, c in _mentions("The president of Peru attended the summit in Lima.", nlp, knowledge))
