import datetime as dt

import pytest
from pydantic import ValidationError

from eventpipe.schemas import (
    TABLES, Action, Actor, EventDate, EventMention, Place, Span, arrow_schema, from_row, to_row, to_table,
)

MENTION_COLUMNS = """doc_id mention_id sentence_index sentence actor_text actor_code actor_country actor_sector action_text
action_lemma cameo cameo_root quad_class goldstein plover target_text target_code target_country target_sector location_text
location_name location_country lat lon geonameid date_start date_end date_granularity date_text date_basis modality
confidence extractor_version run_id actor_span_start actor_span_end action_span_start action_span_end target_span_start
target_span_end location_span_start location_span_end date_span_start date_span_end""".split()


def _mention(**overrides) -> EventMention:
    fields = dict(
        mention_id="m1", doc_id="d1", sentence_index=0, sentence="Iran offered help.", sentence_span=Span(start=0, end=18),
        actor=Actor(text="Iran", code="IRN", country="IRN", span=Span(start=0, end=4)),
        action=Action(text="offered", lemma="offer", cameo="030", root="03", quad_class=1, goldstein=4.0, plover="AGREE", span=Span(start=5, end=12)),
        target=None, location=Place(text="Tehran", name="Tehran", country="IRN", lat=35.7, lon=51.4, geonameid=112931),
        date=EventDate(start=dt.date(2014, 1, 5), end=dt.date(2014, 1, 5), granularity="day", text="on Sunday", basis="relative"),
        confidence=0.8, extractor_version="x", run_id="r", event_month="2014-01",
    )
    return EventMention(**{**fields, **overrides})


def test_arrow_mentions_have_the_documented_columns():
    assert set(MENTION_COLUMNS) <= set(arrow_schema(EventMention).names)


@pytest.mark.parametrize("model", list(TABLES.values()))
def test_arrow_column_names_are_unique(model):
    names = arrow_schema(model).names
    assert len(names) == len(set(names))


def test_arrow_row_round_trips_through_a_table():
    mention = _mention()
    row = to_table([mention], EventMention).to_pylist()[0]
    assert row["cameo_root"] == "03" and row["lat"] == 35.7 and row["target_text"] is None
    assert from_row(EventMention, row) == mention


def test_arrow_missing_optional_nested_model_is_null_columns():
    row = to_row(_mention(location=None))
    assert row["location_name"] is None and row["geonameid"] is None


@pytest.mark.parametrize(
    "bad",
    [dict(modality="maybe"), dict(confidence=1.5), dict(unknown_field=1), dict(sentence_span=Span(start=0, end=1), sentence_index=-1)],
)
def test_arrow_records_refuse_bad_values(bad):
    with pytest.raises(ValidationError):
        _mention(**bad)


def test_arrow_spans_and_dates_must_be_ordered():
    with pytest.raises(ValidationError):
        Span(start=5, end=2)
    with pytest.raises(ValidationError):
        EventDate(start=dt.date(2014, 1, 5), end=dt.date(2014, 1, 1))


def test_view_from_row_has_the_record_fields_and_none_for_absent_parts():
    from eventpipe.schemas import view_from_row

    record = _mention(target=Actor(text="Iraq", code="IRQ", country="IRQ"))
    view = view_from_row(EventMention, to_row(record))
    assert view.target.code == "IRQ" and view.target.span is None
    assert view._fields == tuple(EventMention.model_fields)
    assert view.mention_id == record.mention_id and view.action.cameo == record.action.cameo
    assert view.actor.span == (record.actor.span.start, record.actor.span.end)
    no_target = view_from_row(EventMention, to_row(record.model_copy(update={"target": None})))
    assert no_target.target is None
