# Two commands on a fresh machine: `make demo` deploys into a local sandbox, `make test` runs every test.
.PHONY: build demo test test-engine deps release install uninstall sandbox sandbox-down

PREFIX ?= /usr/local
# Where `make sandbox` keeps its sandbox: a stable folder, so `make sandbox-down` finds it again.
DIR ?= $(patsubst %/,%,$(or $(TMPDIR),/tmp))/deploy-sandbox

# The binary operators install. On Linux the Swift runtime and Foundation are linked in, so it runs where
# Swift is not installed. It has its own scratch folder: linked differently, it would otherwise rebuild
# everything each time it follows a plain `swift build -c release`.
RELEASE_DIR := .build/install
RELEASE_FLAGS := -c release --scratch-path $(RELEASE_DIR) $(if $(filter Linux,$(shell uname -s)),--static-swift-stdlib)
RELEASE_BIN := $(RELEASE_DIR)/release/deploy
COMPLETIONS := $(RELEASE_DIR)/completions/deploy.bash $(RELEASE_DIR)/completions/_deploy \
	$(RELEASE_DIR)/completions/deploy.fish

# A completion script that failed to generate is not left behind, empty, to be installed.
.DELETE_ON_ERROR:

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

# The lane on a real container engine and registry (root; installs Debian's docker.io, docker-registry,
# busybox-static and skopeo where missing). Not part of `make test`: it takes minutes of builds on its own.
test-engine: deps
	bash scripts/install-engine.sh
	swift build --build-tests
	SANDBOX_ENGINE=real swift test --skip-build --filter RealEngine

# Built (and the completions generated) only when the sources are newer, so that `sudo make install` after
# `make release` copies files and never runs swift as root in the tree.
release: $(RELEASE_BIN) $(COMPLETIONS)

$(RELEASE_BIN): Package.swift $(shell find Sources -type f)
	swift build $(RELEASE_FLAGS)
	@touch "$@"

# The binary writes its own completions, so they always match its flags.
$(RELEASE_DIR)/completions/deploy.bash: $(RELEASE_BIN)
	@mkdir -p "$(@D)"
	"$(RELEASE_BIN)" completions bash >"$@"
$(RELEASE_DIR)/completions/_deploy: $(RELEASE_BIN)
	@mkdir -p "$(@D)"
	"$(RELEASE_BIN)" completions zsh >"$@"
$(RELEASE_DIR)/completions/deploy.fish: $(RELEASE_BIN)
	@mkdir -p "$(@D)"
	"$(RELEASE_BIN)" completions fish >"$@"

install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
		"$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 0755 "$(RELEASE_BIN)" "$(DESTDIR)$(PREFIX)/bin/deploy"
	install -m 0644 "$(RELEASE_DIR)/completions/deploy.bash" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/deploy"
	install -m 0644 "$(RELEASE_DIR)/completions/_deploy" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_deploy"
	install -m 0644 "$(RELEASE_DIR)/completions/deploy.fish" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/deploy.fish"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/deploy" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/deploy" \
		"$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_deploy" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/deploy.fish"

# A sandbox that stays up, to run deploy by hand; it prints what to type next.
sandbox: deps
	bash sandbox/sandbox.sh up "$(DIR)"

sandbox-down:
	bash sandbox/sandbox.sh down "$(DIR)"
