SHELL := /bin/bash
.DEFAULT_GOAL := help

# The embedded default: a CertCentral simulator on loopback, its state under .state/.
SIM_PORT        ?= 18443
SIM_URL         := http://127.0.0.1:$(SIM_PORT)
SIM_STATE       := $(CURDIR)/.state/simulator.json
SIM_PID         := $(CURDIR)/.state/simulator.pid
SIM_KEY         ?= sim-key
EXAMPLE         := examples/client-certificates
STACK           ?= dev
PULUMI_ENV      = export PULUMI_BACKEND_URL=$(BACKEND) PULUMI_CONFIG_PASSPHRASE=embedded-default && source scripts/pulumi-env.sh &&
# The engine `make engine` recorded (scripts/pulumi-env.sh); the local backend and
# passphrase are for the embedded default only.
BACKEND         := file://$(CURDIR)/.state/backend

.PHONY: help install build engine sdks sim sim-start sim-stop up down test test-crash test-unit test-engine test-reliability bench bench-many-stacks schema clean

help:
	@echo "make up      - order the example's certificates from the simulator through the real Pulumi engine"
	@echo "make down    - destroy the example stack (revokes) and stop the simulator"
	@echo "make test    - type-check, then both jest projects: unit and engine"
	@echo "make test-unit   - the unit project only: no Pulumi engine, seconds (the inner loop)"
	@echo "make test-engine - the engine project only: end to end, reliability and gen-sdk through the real engine"
	@echo "make test-crash  - the crash suite only: the engine kill -9ed at seeded points of up and destroy, then the recovery of docs/interrupted-runs.md (CRASH_SEED=n)"
	@echo "make test-reliability - faults, bad input and secrets, at the provider and through the real engine, with tables of figures"
	@echo "make sim     - run the CertCentral simulator in the foreground (SIM_PORT=$(SIM_PORT))"
	@echo "make engine  - choose the Pulumi engine (a pulumi on PATH, or one built into .tools/bin, cached) and record it in .tools/engine.json"
	@echo "make schema  - regenerate schema.json from the zod schemas"
	@echo "make sdks    - generate the Node.js and Python SDKs of schema.json into .state/sdks (Node.js compiled)"
	@echo "make bench   - benchmarks"
	@echo "make bench-many-stacks - three stacks of 150 on one key with DigiCert's own rate limits"

# npm ci wipes node_modules: re-link the package to itself afterwards, so that the
# serialized providers' require("pulumi-digicert/...") resolves inside this checkout.
# npm ci also runs the package's `prepare`, which builds the product (tsconfig.build.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	ln -sfn .. node_modules/pulumi-digicert
	touch $@

install: node_modules/.installed

# The product and the rig (simulator, tools, engine/engine-env.ts, benchmark) into bin/. tsc -b reuses the
# product build when it is up to date (npm ci's prepare just made it), so it compiles once.
build: install
	npx tsc -b tsconfig.dev.json

engine:
	bash scripts/engine.sh

sim: build
	node bin/simulator/main.js --port $(SIM_PORT) --state $(SIM_STATE) --api-key $(SIM_KEY)

# Starts the simulator in the background unless one already answers on SIM_PORT.
sim-start: build
	@mkdir -p .state
	@if curl -sf $(SIM_URL)/__admin/settings >/dev/null 2>&1; then \
	  echo "simulator already running on $(SIM_URL)"; \
	else \
	  nohup node bin/simulator/main.js --port $(SIM_PORT) --state $(SIM_STATE) --api-key $(SIM_KEY) \
	    > .state/simulator.log 2>&1 & echo $$! > $(SIM_PID); \
	  for i in $$(seq 1 50); do curl -sf $(SIM_URL)/__admin/settings >/dev/null 2>&1 && break; sleep 0.1; done; \
	  curl -sf $(SIM_URL)/__admin/settings >/dev/null || { cat .state/simulator.log; exit 1; }; \
	  echo "simulator started on $(SIM_URL) (state $(SIM_STATE))"; \
	fi

sim-stop:
	@if [ -f $(SIM_PID) ]; then kill $$(cat $(SIM_PID)) 2>/dev/null || true; rm -f $(SIM_PID); echo "simulator stopped"; fi

# Selects or creates the stack and points it at the simulator.
stack: build engine sim-start
	@mkdir -p .state/backend
	@$(PULUMI_ENV) cd $(EXAMPLE) && \
	  (pulumi stack select $(STACK) 2>/dev/null || pulumi stack init $(STACK)) && \
	  pulumi config set digicert:baseUrl $(SIM_URL)/services/v2 && \
	  pulumi config set --secret digicert:apiKey $(SIM_KEY)

up: stack
	@$(PULUMI_ENV) cd $(EXAMPLE) && \
	  pulumi up --yes --skip-preview --non-interactive && pulumi stack output

down: build engine sim-start
	@$(PULUMI_ENV) cd $(EXAMPLE) && \
	  if pulumi stack select $(STACK) 2>/dev/null; then pulumi destroy --yes --non-interactive; fi
	@$(MAKE) --no-print-directory sim-stop

# Type-check first, then both jest projects (jest.config.js).
test: build engine
	npm test

test-unit: build
	npx jest --selectProjects unit

test-engine: build engine
	npx jest --selectProjects engine

# The crash suite alone (it is part of the engine project, so of `make test` too).
test-crash: build engine
	npx jest test/engine/crash --selectProjects engine

test-reliability: build engine
	npx jest test/reliability test/engine/reliability

bench: build engine
	node bin/bench/run.js

# #33's case with DigiCert's own windows: three stacks of 150 orders with CT status, one key,
# up and destroy at once through the engine (about 15 minutes; figures in .state/reliability/).
bench-many-stacks: build engine
	MANY_STACKS_SCALE=1 npx jest test/engine/reliability/many-stacks.test.ts --selectProjects engine

schema: build
	node bin/tools/schema/main.js

# The SDKs generated from schema.json, for the native plugin (docs/dev/generated-sdks.md).
sdks: build engine
	bash scripts/gen-sdks.sh

clean:
	rm -rf bin .state
