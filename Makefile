# Confide. `make run` starts the app, `make test` runs every test; both
# install the system packages they need on Debian/Ubuntu (apt-get), and say
# what to install elsewhere.

GO      ?= go
TAGS    := sqlite_fts5
GOFLAGS := -tags=$(TAGS)
BIN     := bin

# Packages each step needs (Debian/Ubuntu names).
BUILD_PKGS := ca-certificates gcc libc6-dev pkg-config libgl-dev libx11-dev \
	libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
RUN_PKGS   := libgl1-mesa-dri
TEST_PKGS  := xvfb xauth x11-utils xdotool dbus-daemon gnome-keyring poppler-utils imagemagick libgl1-mesa-dri
# Cross-building for Windows (mingw-w64 for cgo, zip for the package), and
# running the Windows build under Wine for its smoke test (xwininfo, xdotool
# and ImageMagick to find, drive and capture its window).
WINDOWS_PKGS := gcc-mingw-w64-x86-64 zip unzip wine64 xvfb xauth x11-utils xdotool poppler-utils imagemagick libgl1-mesa-dri

# A fresh HOME per test run gives a fresh login keyring; the Go caches
# stay where they are so that warm builds stay warm.
GOCACHE_DIR     = $(shell $(GO) env GOCACHE)
GOMODCACHE_DIR  = $(shell $(GO) env GOMODCACHE)
GOPATH_DIR      = $(shell $(GO) env GOPATH)

# Fuzzing runs a fixed number of inputs, not a wall-clock time: a time budget
# trips a race in Go 1.26's fuzz coordinator (go.dev/issue/75804) that fails
# the run with "context deadline exceeded" and no failing input.
FUZZEXECS ?= 50000
# The learned tagger's fuzz target decodes whole texts and slows as its
# corpus grows: 10000 inputs take seconds, 50000 about a minute.
FUZZTAGEXECS ?= 10000
CRASH_ITERATIONS ?= 100

.PHONY: cgo-note go-check package screenshots run build test unit-test integration-test fuzz bench eval-disguise crash-long deps-build deps-test deps-run clean vet package-windows test-windows deps-windows

run: deps-build deps-run build
	$(BIN)/confide

# The C parts (SQLite, OpenGL, the window system) compile once into Go's
# build cache, which takes a while; say so before a long silence.
CGO_PKGS := github.com/mattn/go-sqlite3 github.com/go-gl/glfw/v3.3/glfw github.com/go-gl/gl/v2.1/gl

cgo-note:
	@if $(GO) list $(GOFLAGS) -f '{{.Stale}}' $(CGO_PKGS) 2>/dev/null | grep -q true; then \
		echo "First build on this machine: compiling SQLite and OpenGL (C code, through cgo)."; \
		echo "This takes about 10 minutes on 2 cores and prints nothing meanwhile; later builds take seconds."; \
	fi

build: cgo-note
	$(GO) build $(GOFLAGS) -o $(BIN)/confide ./cmd/confide
	$(GO) build $(GOFLAGS) -o $(BIN)/confidectl ./cmd/confidectl

# Every test: unit tests, then the real Secret Service, crash, smoke and
# fuzz tests inside a private D-Bus session and X server.
test: deps-build deps-test build vet
	@echo "Running every test: unit tests, then the real keyring, crash, window and fuzz tests (about 10 minutes)."
	@home=$$(mktemp -d); trap 'rm -rf "$$home"' EXIT; \
	export HOME="$$home" GOCACHE="$(GOCACHE_DIR)" GOMODCACHE="$(GOMODCACHE_DIR)" GOPATH="$(GOPATH_DIR)" \
		LANG=en_US.UTF-8 CONFIDE_CRASH_ITERATIONS=$(CRASH_ITERATIONS) CONFIDE_BIN="$(CURDIR)/$(BIN)"; \
	xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -ec '\
		printf test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; \
		$(GO) test $(GOFLAGS),realkeyring,smoke -count=1 ./...'
	$(MAKE) --no-print-directory fuzz

vet: cgo-note
	$(GO) vet $(GOFLAGS) ./...

fuzz:
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzJournal$$' -fuzztime=$(FUZZEXECS)x ./vault
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzRecord$$' -fuzztime=$(FUZZEXECS)x ./vault
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzMeta$$' -fuzztime=$(FUZZEXECS)x ./vault
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzDetect$$' -fuzztime=$(FUZZEXECS)x ./notes/disguise
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzDetectJSONLines$$' -fuzztime=$(FUZZEXECS)x ./notes/disguise
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzDisguise$$' -fuzztime=$(FUZZEXECS)x ./notes/disguise
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzTag$$' -fuzztime=$(FUZZTAGEXECS)x ./notes/disguise/tagger

# The figures, with their baselines, and the desktop app's cold start under
# a private X server.
bench: deps-build deps-test build
	xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/confidectl bench --app $(BIN)/confide $(BENCHFLAGS)

# Power loss at random: CRASH_CUTS sessions on a simulated disk, each cut
# at a random operation, every write not followed by an fsync lost (half
# of them torn instead); the figures are in the last line. make test cuts
# one scripted session at every operation.
CRASH_CUTS ?= 10000
crash-long:
	CONFIDE_POWERLOSS_CUTS=$(CRASH_CUTS) $(GO) test $(GOFLAGS) -count=1 -timeout 6h -run '^TestPowerLossAtRandom$$' -v ./vault

# The detector's figures on each evaluation set on its own: the shared
# development set beside the repository (per style, with and without the
# client's known identifiers), the hand-written set and the synthetic set.
# It fails when the development set or the hand-written set falls below its
# gate; without ../shared it says so and scores the repository's own sets.
DEID_DEV ?= $(abspath $(CURDIR)/../shared/data/deid-dev/therapy-dev.jsonl)
eval-disguise:
	@if [ -f "$(DEID_DEV)" ]; then echo "development set: $(DEID_DEV)"; \
	else echo "development set not found at $(DEID_DEV): scoring the hand-written and synthetic sets only"; fi
	CONFIDE_DEID_DEV="$(DEID_DEV)" $(GO) test $(GOFLAGS) -count=1 -run '^TestEvaluation$$' -v ./notes/disguise/

# The identifier detector's learned tagger (notes/disguise/tagger): clones
# the public corpora it is trained on (CC BY 4.0, at pinned commits; see
# assets/detector/MODEL_CARD.md) into CORPORA unless they are there, trains,
# and writes assets/detector/tagger.bin.gz and FIGURES.md. Needs network
# access to GitHub once, or the corpora placed in CORPORA by hand; the
# committed model is what the app uses, so `make test` needs neither.
CORPORA     ?= $(HOME)/.cache/confide/corpora
CORPORA_GIT ?= https://github.com/{owner}/{name}.git
.PHONY: train-detector
train-detector: go-check
	$(GO) run ./cmd/train-detector -corpora "$(CORPORA)" -fetch "$(CORPORA_GIT)"

deps-build: go-check
	@./.ci/install-packages $(BUILD_PKGS)

# Go itself: Debian's packaged Go is too old for this module, so say where
# to get it rather than install the wrong one.
go-check:
	@command -v $(GO) >/dev/null 2>&1 || { echo "Confide needs Go 1.26 or later: install it from https://go.dev/dl and run make again." >&2; exit 1; }
deps-run:
	@./.ci/install-packages $(RUN_PKGS)
deps-test:
	@./.ci/install-packages $(TEST_PKGS)
deps-windows: go-check
	@./.ci/install-packages $(WINDOWS_PKGS)

# This system's package, with fyne package and the same build tags: on Linux
# dist/Confide.tar.xz (confide and confidectl), on macOS
# dist/Confide-macos-ARCH.zip (Confide.app and confidectl).
package: deps-build
	./.ci/package.sh

# The Windows package, cross-built with mingw-w64:
# dist/Confide-windows-amd64.zip with Confide.exe and confidectl.exe.
package-windows: deps-windows
	./.ci/package-windows.sh

# The Windows package under Wine, in a fresh prefix and a private X server:
# the daily work through confidectl.exe and the desktop app's window.
# WINDOWS_SHOT=assets/screenshots/windows.png also keeps the window's picture.
test-windows: package-windows
	xvfb-run -a -s "-screen 0 1280x800x24" ./.ci/test-windows.sh $(WINDOWS_SHOT)

# The README's screenshots, from the demo practice in a real window under Xvfb.
screenshots: deps-build deps-test
	./.ci/screenshots.sh

clean:
	rm -rf $(BIN) dist
