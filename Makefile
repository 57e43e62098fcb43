# rolegate: `make demo` serves the demo, `make server` the server example, `make test` runs every test.
SHELL := /bin/bash
PORT ?= 8080

.PHONY: setup pkg demo server test bench fuzz

setup:
	@scripts/setup.sh

pkg: setup
	scripts/build-pkg.sh

demo: pkg
	rm -rf www/pkg && cp -r pkg www/pkg
	node scripts/serve.mjs www $(PORT)

# The server example (examples/server/, see its README): SQLite in
# examples/server/data/ (seeded on first run), PostgreSQL when DATABASE_URL
# is set; on PORT when given (`make server PORT=4000`), else 3000.
SERVER_PORT = $(if $(filter file,$(origin PORT)),3000,$(PORT))
server: pkg
	mkdir -p examples/server/node_modules
	rm -rf examples/server/node_modules/rolegate && ln -s ../../../pkg examples/server/node_modules/rolegate
	cd examples/server && PORT=$(SERVER_PORT) node main.js

test: setup
	scripts/test.sh

bench: pkg
	@# (Re)installs bench/'s packages when missing or older than its lock file.
	@if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then \
	  (cd bench && npm ci --no-audit --no-fund); fi
	node bench/run.mjs

# Fuzzes snapshot loading and checks for FUZZ_SECONDS (default 600).
FUZZ_SECONDS ?= 600
fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)
