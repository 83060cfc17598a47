# eventpipe: `make run` and `make test` do all the set-up on a fresh machine (Python 3.11 + package registries).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export PREFECT_HOME ?= $(CURDIR)/.prefect

.PHONY: install install-dev run test test-fast lock score bench peers bench-dates clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.lock
	@# Headless Chromium renders the HTML report in tests (Debian package; the test skips without it).
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "note: chromium not installed; the report render test will skip"; }
	touch $@

install: $(VENV)/.installed          ## install the pinned runtime tree + eventpipe (editable)

install-dev: $(VENV)/.installed-dev  ## plus the test tools

run: install                         ## process seeds/, print the events and a sample query
	$(BIN)/eventpipe run
	$(BIN)/eventpipe query "select actor_text, actor_code, action_text, cameo, target_text, target_code, location_name, date_start, modality from mentions order by doc_id, sentence_index"
	$(BIN)/eventpipe query "select actor_code, cameo, target_code, location_name, date_start, num_mentions, num_sources, merge_reason from events order by num_mentions desc limit 10"
	@echo 'Sample query: eventpipe query "select * from daily_dyad_counts"'
	$(BIN)/eventpipe query "select * from daily_dyad_counts limit 10"

test: install-dev                    ## every test, slow ones included
	$(BIN)/pytest -q

test-fast: install-dev               ## skip the slow (engine/server) tests
	$(BIN)/pytest -q -m "not slow"

score: install                       ## score against ../shared/gold
	$(BIN)/python bench/score.py

peers:                               ## java for the HeidelTime peer of bench/dates.py (Debian's default-jre-headless)
	@command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq default-jre-headless)

bench-dates: install-dev peers       ## value F1 of dates vs HeidelTime on ../shared/gold/dev_timex.jsonl
	$(BIN)/python bench/dates.py

lock:                                ## recompile the pinned trees from the *.in files
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile --python-version 3.11 requirements.in -o requirements.lock
	$(BIN)/uv pip compile --python-version 3.11 requirements-dev.in -o requirements-dev.lock

clean:
	rm -rf warehouse/data warehouse/events.duckdb .prefect .pytest_cache
