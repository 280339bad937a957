# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format messages vendor lock clean

$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

# Sets up everything on a fresh machine and serves the demo kommun (SQLite, tasks in process).
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Exempelkommun serveras på http://$(HOST):$(PORT)/ – logga in med en demoanvändare ovan."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# axe-core for the browser tests comes from npm; without npm the browser tests say so.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm saknas: webbläsartesterna kräver axe-core (npm ci)"; fi

# The whole suite. With DATABASE_URL set it runs on that database (CI: PostgreSQL).
test: install node_modules/axe-core/axe.min.js
	$(BIN)/python manage.py check
	DATABASE_URL=sqlite://:memory: $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Collect new UI strings into locale/sv/LC_MESSAGES/django.po and compile it (needs gettext).
messages: install
	$(BIN)/python manage.py makemessages --locale sv --no-obsolete --add-location file \
		--ignore '.venv/*' --ignore 'node_modules/*' --ignore 'staticfiles/*'
	$(BIN)/python manage.py compilemessages --locale sv --ignore '.venv/*'

vendor: node_modules/axe-core/axe.min.js
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js

# Regenerate the pinned versions after changing pyproject.toml.
lock:
	rm -rf /tmp/styrmodell-lock && $(PYTHON) -m venv /tmp/styrmodell-lock
	/tmp/styrmodell-lock/bin/pip install --quiet ".[dev]"
	/tmp/styrmodell-lock/bin/pip freeze --exclude styrmodell > requirements.lock

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
