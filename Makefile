# medround — the two commands a newcomer needs are `make run` and `make test`.
# Both install what is missing first (Debian/Ubuntu: apt-get, with sudo only when not root).

SHELL := /bin/bash
GO ?= go
TAGS := migrated_fynedo
DATA ?= $(CURDIR)/.demo-data
# Fyne reads its locale from LANG and logs an error for "C" and "C.UTF-8"
# (not a language); a UK home gets British English.
ifeq ($(filter-out C C.% POSIX,$(filter %UTF-8 %utf8,$(LANG))),)
export LANG := en_GB.UTF-8
endif

# Debian packages: cgo and the X11/GL headers Fyne needs, plus what the smoke test,
# the screenshots, the barcode benchmark and the PostgreSQL central store tests use
# (a real server, started by internal/central/pgstore/pgtest from these binaries).
BUILD_PKGS := gcc libgl1-mesa-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev pkg-config
TEST_PKGS  := xvfb x11-apps xdotool imagemagick zint zxing-cpp-tools poppler-utils postgresql
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps deps-build deps-test ctl app vet lint bench bench-scan soak dist clean

run: deps-build app ctl
	@[ -f "$(DATA)/medround.db" ] || ./bin/medroundctl --data "$(DATA)" demo
	@[ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || { echo "make run: no display (DISPLAY is not set); run it in a desktop session, or see ../shared/tools/shoot for Xvfb"; exit 1; }
	./bin/medround --data "$(DATA)"

test: deps vet
	CGO_ENABLED=0 $(GO) build -o bin/medroundctl ./cmd/medroundctl
	CGO_ENABLED=0 $(GO) build -o bin/medround-central ./cmd/medround-central
	$(GO) test -race -tags $(TAGS) -timeout 8m ./...
	$(GO) build -tags $(TAGS) -o bin/medround ./cmd/medround
	bash cmd/medround/testdata/smoke.sh bin/medround bin/medroundctl

deps: deps-build deps-test

deps-build:
	@bash .ci/apt-install $(BUILD_PKGS)
	@command -v $(GO) >/dev/null || { echo "Go is missing: install Go 1.26 (see README)"; exit 1; }

deps-test:
	@bash .ci/apt-install $(TEST_PKGS)

vet:
	$(GO) vet -tags $(TAGS) ./...
	@bad=$$(gofmt -l cmd internal assets tools); [ -z "$$bad" ] || { echo "gofmt needed:"; echo "$$bad"; exit 1; }

# staticcheck from the Go module proxy, pinned so its findings do not drift.
lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags $(TAGS) ./...

ctl:
	CGO_ENABLED=0 $(GO) build -o bin/medroundctl ./cmd/medroundctl
	CGO_ENABLED=0 $(GO) build -o bin/medround-central ./cmd/medround-central

app:
	$(GO) build -tags $(TAGS) -o bin/medround ./cmd/medround

bench: deps
	$(GO) test -run '^$$' -bench . -benchtime 1x -tags $(TAGS) ./internal/... ./tools/... | tee bench.txt

bench-scan: deps ctl
	./bin/medroundctl decode --bench ../shared/corpus/barcodes
	./bin/medroundctl decode --bench internal/barcode/testdata/zint
	./bin/medroundctl decode --bench internal/barcode/testdata/frames

soak: deps
	MEDROUND_SOAK_CYCLES=500 $(GO) test -run Kill -timeout 30m ./internal/store/

# dist: what a home installs. The version is `git describe` (a tag such as v0.1.0,
# else the commit after the app version in FyneApp.toml), stamped into every binary.
# The Linux package is made by Fyne's own packager (desktop file and icon from
# FyneApp.toml); Windows is cross-built with Debian's MinGW-w64.
# Android needs the Android NDK, which is not packaged here (see README).
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
VERSION ?= $(shell v=$$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null) || v="v$$(sed -n 's/^ *Version = "\(.*\)"/\1/p' FyneApp.toml)-g$$(git describe --always --dirty)"; echo "$$v")
DIST_PKGS := gcc-mingw-w64-x86-64

dist: deps-build
	@bash .ci/apt-install $(DIST_PKGS)
	GOBIN=$(CURDIR)/bin $(GO) install $(FYNE_TOOL)
	bash .ci/dist $(VERSION) $(TAGS)

clean:
	rm -rf bin dist .demo-data bench.txt
