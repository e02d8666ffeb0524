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
TEST_PKGS  := xvfb xauth x11-utils dbus-daemon gnome-keyring poppler-utils imagemagick libgl1-mesa-dri
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
CRASH_ITERATIONS ?= 100

.PHONY: go-check package package-windows test-windows deps-windows screenshots run build test unit-test integration-test fuzz bench eval-disguise deps-build deps-test deps-run clean vet

run: deps-build deps-run build
	$(BIN)/confide

build:
	$(GO) build $(GOFLAGS) -o $(BIN)/confide ./cmd/confide
	$(GO) build $(GOFLAGS) -o $(BIN)/confidectl ./cmd/confidectl

# Every test: unit tests, then the real Secret Service, crash, smoke and
# fuzz tests inside a private D-Bus session and X server.
test: deps-build deps-test vet build
	@home=$$(mktemp -d); trap 'rm -rf "$$home"' EXIT; \
	export HOME="$$home" GOCACHE="$(GOCACHE_DIR)" GOMODCACHE="$(GOMODCACHE_DIR)" GOPATH="$(GOPATH_DIR)" \
		LANG=en_US.UTF-8 CONFIDE_CRASH_ITERATIONS=$(CRASH_ITERATIONS) CONFIDE_BIN="$(CURDIR)/$(BIN)"; \
	xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- sh -ec '\
		printf test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; \
		$(GO) test $(GOFLAGS),realkeyring,smoke -count=1 ./...'
	$(MAKE) --no-print-directory fuzz

vet:
	$(GO) vet $(GOFLAGS) ./...

fuzz:
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzJournal$$' -fuzztime=$(FUZZEXECS)x ./vault
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzRecord$$' -fuzztime=$(FUZZEXECS)x ./vault
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzMeta$$' -fuzztime=$(FUZZEXECS)x ./vault
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzDetect$$' -fuzztime=$(FUZZEXECS)x ./notes/disguise
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzDetectJSONLines$$' -fuzztime=$(FUZZEXECS)x ./notes/disguise
	$(GO) test $(GOFLAGS) -run='^$$' -fuzz='^FuzzDisguise$$' -fuzztime=$(FUZZEXECS)x ./notes/disguise

# The figures, with their baselines, and the desktop app's cold start under
# a private X server.
bench: deps-build deps-test build
	xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/confidectl bench --app $(BIN)/confide $(BENCHFLAGS)

eval-disguise:
	$(GO) test $(GOFLAGS) -count=1 -run '^TestEvaluation$$' -v ./notes/disguise/

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
