# The two commands of the quick start: `make run` and `make test`. Each sets up .venv first.
# `make dist` builds the one-folder application dist/kiosk/ from kiosk.spec (needs binutils);
# `make test-deploy` then runs that bundle under cage and X, as a clinic runs it.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint typecheck pytest snapshots bench dist test-deploy clean translations

$(STAMP): pyproject.toml scripts/setup-env.sh
	sh scripts/setup-env.sh
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m kiosk run $(ARGS)

# A library to look at: about 120 generated articles in 8 topics, Spanish for some (the
# benchmark's generator), in out/demo-library; its compiled form goes to out/demo-data.
DEMO := out/demo-library
DEMO_DATA := out/demo-data
$(DEMO)/pack.yaml: bench/_library_pack.py
	$(BIN)/python bench/_library_pack.py $(DEMO) --articles 120

demo: $(STAMP) $(DEMO)/pack.yaml
	$(BIN)/python -m kiosk run --content $(DEMO) --data-dir $(DEMO_DATA) $(ARGS)

test: $(STAMP) lint typecheck pytest

# ruff, then the layers (the contracts in pyproject.toml's [tool.importlinter]).
lint: $(STAMP)
	$(BIN)/ruff check kiosk tests bench
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

# On every core (pytest-xdist); `make pytest PYTEST_ARGS=tests/packs PARALLEL=` runs one package alone.
PARALLEL ?= -n auto
pytest: $(STAMP)
	$(BIN)/python -m pytest $(PARALLEL) $(PYTEST_ARGS)

# Screens of the bundled pack, and the library's from the demo pack, at the three screen
# sizes, for review (out/*.png).
snapshots: $(STAMP) $(DEMO)/pack.yaml
	mkdir -p out
	for size in 1920x1080 1080x1920 1280x800; do \
	  for screen in home article/dual-diagnosis-heroin-depression still-here attract pin staff; do \
	    name=$$(echo $$screen | tr / -); \
	    QT_QPA_PLATFORM=offscreen $(BIN)/python -m kiosk snapshot --screen $$screen \
	      --size $$size --out out/$$name-$$size.png || exit 1; \
	  done; \
	  for screen in home topic/diabetes a-z search; do \
	    name=library-$$(echo $$screen | tr / -); \
	    QT_QPA_PLATFORM=offscreen $(BIN)/python -m kiosk snapshot --content $(DEMO) \
	      --data-dir $(DEMO_DATA) --screen $$screen --size $$size --out out/$$name-$$size.png || exit 1; \
	  done; \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python -m kiosk snapshot --content $(DEMO) --data-dir $(DEMO_DATA) \
	    --screen search --query "diab" --size $$size --out out/library-search-diab-$$size.png || exit 1; \
	done

# The kiosk's own words: collect every translate(...) into the .ts files translators edit (the
# translations they wrote are kept), then compile them to the .qm files the kiosk loads.
LANGUAGES := es
translations: $(STAMP)
	for lang in $(LANGUAGES); do \
	  $(BIN)/pyside6-lupdate -extensions py -no-obsolete -locations none -source-language en \
	    -target-language $$lang kiosk -ts assets/i18n/kiosk_$$lang.ts || exit 1; \
	  $(BIN)/pyside6-lrelease assets/i18n/kiosk_$$lang.ts -qm assets/i18n/kiosk_$$lang.qm || exit 1; \
	done

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py

# The bundle: dist/kiosk/kiosk, with assets/ and the default content/ inside. Built from scratch
# each time (no UPX); scripts/smoke-dist.sh tries it.
dist: $(STAMP)
	rm -rf build/kiosk dist/kiosk
	$(BIN)/pyinstaller --noconfirm --log-level WARN kiosk.spec

# The built bundle as clinics run it (tests/deploy/README.md): under cage (Wayland, Xwayland,
# portrait) and X (openbox, bare), as an ordinary user, and kiosk.service under systemd. Needs
# `make dist` first, and cage grim xwayland xvfb xdotool openbox (.ci/run installs them). Minutes.
test-deploy: $(STAMP)
	@test -x dist/kiosk/kiosk || { echo "dist/kiosk/kiosk is not built: run 'make dist' first" >&2; exit 1; }
	KIOSK_DEPLOY_TESTS=1 $(BIN)/python -m pytest tests/deploy $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache
