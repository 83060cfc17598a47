"""eventpipe in a notebook: extract events from strings, build a warehouse, query it with SQL.

Run it as a script (`python examples/quickstart.py [WAREHOUSE]`) or cell by cell (# %% cells,
as VS Code, PyCharm and Jupytext read them). The warehouse defaults to a temporary folder.
"""

# %% Extract events from a few sentences: validated EventMention records, no Prefect, no warehouse.
import sys
import tempfile
from pathlib import Path

import eventpipe

print("eventpipe", eventpipe.__version__)
texts = [
    "Iran offered humanitarian aid to Iraq on Monday.",
    "Rebel fighters attacked a police station in Mosul on Sunday.",
]
mentions = eventpipe.extract(texts, published="2014-01-08")
for m in mentions:
    print(f"{m.actor.text!r:>18} {m.action.cameo} {m.target.text if m.target else '-'!r:>16} {m.date.start} {m.modality}")

# %% The records are Pydantic models: fields, JSON, dicts.
first = mentions[0]
print(first.actor.code, first.action.root, first.action.quad_class, first.location.name if first.location else None)
print(first.model_dump_json(include={"mention_id", "sentence", "confidence"}))

# %% Build a warehouse from the seed articles (the same flow `eventpipe run` starts).
warehouse = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "warehouse"
summary = eventpipe.run(str(Path(__file__).resolve().parent.parent / "seeds"), warehouse=str(warehouse))
print(f"run {summary.run.run_id}: {summary.run.documents} documents, {summary.run.mentions} mentions, {summary.run.events} events")

# %% Query it with SQL: a read-only DuckDB connection with every view.
with eventpipe.connect(str(warehouse)) as con:
    print(con.sql("select actor_code, cameo, target_code, date_start, num_mentions from events order by num_mentions desc limit 5"))
    daily = con.sql("select * from daily_dyad_counts").fetchall()
print(len(daily), "rows in daily_dyad_counts")
