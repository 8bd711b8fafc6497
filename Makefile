# Two commands do everything: `make serve` and `make test`. Both create .venv and install pinned dependencies.
# Each target calls `python -m commonroom` (hooks/commonroom/__main__.py), which also works without make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The generator: mkdocs (the default), or zensical (MkDocs' successor, tried as a canary: make build ENGINE=zensical,
# after make test has installed it).
ENGINE ?= mkdocs
export NO_MKDOCS_2_WARNING := 1
# This folder's own build code first, even if the virtual environment was set up from another copy of the kit.
export PYTHONPATH := $(CURDIR)/hooks

# SITE=DIR builds an organisation's own site: its folder laid over the kit, written to DIR/site.
SITE ?=
SITE_ARG := $(if $(SITE),--site $(SITE))

.PHONY: serve build offline test test-fast check check-links new-site migrate update report clean

$(VENV)/.site-deps: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@ $(VENV)/.site-deps

## serve: preview the site at http://127.0.0.1:8000 (rebuilds when you save a file)
serve: $(VENV)/.site-deps
	$(PY) -m commonroom serve $(SITE_ARG) --dev-addr 127.0.0.1:8000

## build: write the site to site/, or SITE's to SITE/site (through a scratch folder, so a failed build leaves the old site whole)
build: $(VENV)/.site-deps
	$(PY) -m commonroom build --engine $(ENGINE) $(if $(SITE),--site $(SITE),--site-dir site)

## check: the data, every link inside the site and the site's promises, without a browser (make check SITE=our-hub)
check: $(VENV)/.site-deps
	$(PY) -m commonroom check $(SITE_ARG)

## new-site: write a starter folder for an organisation's own site (make new-site DIR=our-hub)
new-site: $(VENV)/.site-deps
	@test -n "$(DIR)" || { echo "Say where: make new-site DIR=our-hub"; exit 2; }
	$(PY) -m commonroom new-site $(DIR)

## migrate: move a copy of the kit edited the old way into a site's folder (make migrate FROM=../old-hub DIR=our-hub)
migrate: $(VENV)/.site-deps
	@test -n "$(FROM)" -a -n "$(DIR)" || { echo "Say from where and to where: make migrate FROM=../old-hub DIR=our-hub"; exit 2; }
	$(PY) -m commonroom migrate $(FROM) --to $(DIR)

## update: move the kit to its newest release after trying each site with it (make update SITE="our-hub other-hub";
## FROM=wheel, folder or index address for the package instead of this checkout's release tags)
update: $(VENV)/.site-deps
	@test -n "$(SITE)" || { echo "Say which site: make update SITE=our-hub"; exit 2; }
	$(PY) -m commonroom update $(foreach s,$(SITE),--site $(s)) $(if $(FROM),--from $(FROM))

## offline: write site-offline.zip, a copy to unzip and open from disk (common-room/index.html), no web server needed
offline: $(VENV)/.site-deps
	rm -rf .offline-build site-offline.zip
	$(PY) -m commonroom build --offline --site-dir .offline-build/common-room || { rm -rf .offline-build; exit 1; }
	cd .offline-build && $(abspath $(PY)) -m zipfile -c ../site-offline.zip common-room
	rm -rf .offline-build

## test: build the site and run the whole test suite in two processes (TEST_WORKERS=0: one); the tests check that build
TEST_WORKERS ?= 2
## test SITE=DIR: build DIR's site once and run the tests that hold for any site on it (browser checks skip without Chromium)
test: $(VENV)/.test-deps
ifeq ($(SITE),)
	$(MAKE) build
	COMMONROOM_BUILT_SITE=$(CURDIR)/site $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder tests
else
	$(PY) -m commonroom test --site $(SITE) -- -n $(TEST_WORKERS) --dist loadgroup
endif

## test-fast: build the site and run the quick checks (no browser, Java or extra builds): for editing pages and data
test-fast: $(VENV)/.test-deps
	$(MAKE) build
	COMMONROOM_BUILT_SITE=$(CURDIR)/site $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup -m "not browser and not slow" tests

## check-links: fetch every web address in data/ and docs/ once; list what is gone, moved or not answering (needs internet)
check-links: $(VENV)/.test-deps
	PYTHONPATH=hooks $(PY) -m commonroom.linkcheck --data data --docs docs --output report/link-check.json

## report: write report/index.html for maintainers (due dates, who checked what, link results, routes); never published
report: $(VENV)/.site-deps
	rm -rf .report-build
	$(PY) -m commonroom build --no-strict --quiet --site-dir .report-build || { rm -rf .report-build; exit 1; }
	PYTHONPATH=hooks $(PY) -m commonroom.maintainers --data data --site .report-build --published site --links report/link-check.json --output report/index.html
	rm -rf .report-build

clean:
	rm -rf site .site.building .offline-build site-offline.zip .pytest_cache .report-build .commonroom
