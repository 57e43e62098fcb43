# rolegate: `make demo` serves the demo, `make test` runs every test.
SHELL := /bin/bash
PORT ?= 8080

.PHONY: setup pkg demo test bench fuzz

setup:
	@scripts/setup.sh

pkg: setup
	scripts/build-pkg.sh

demo: pkg
	rm -rf www/pkg && cp -r pkg www/pkg
	node scripts/serve.mjs www $(PORT)

test: setup
	scripts/test.sh

bench: pkg
	@if [ -f bench/run.mjs ]; then \
	  if [ -f bench/package.json ] && [ ! -d bench/node_modules ]; then (cd bench && npm install --no-audit --no-fund); fi; \
	  node bench/run.mjs; \
	else echo "bench/run.mjs does not exist yet"; fi

# Fuzzes snapshot loading and checks for FUZZ_SECONDS (default 600).
FUZZ_SECONDS ?= 600
fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)
