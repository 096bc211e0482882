# Two commands on a fresh machine: `make demo` deploys into a local sandbox, `make test` runs every test.
.PHONY: build demo test deps

build:
	swift build

deps:
	bash scripts/install-test-deps.sh

demo: deps
	bash sandbox/demo.sh

# The unit tests first, then the end-to-end ones, whose two lanes would take both cores from the unit tests.
test: deps
	swift build --build-tests
	swift test --skip EndToEnd
	swift test --filter EndToEnd
