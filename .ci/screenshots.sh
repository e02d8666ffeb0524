#!/bin/sh
# Real screenshots of Confide's main screens for the README, from the demo
# practice: builds bin/confide and bin/confidectl, makes a demo vault in a
# temporary folder under a temporary HOME, runs the app under Xvfb with
# --screenshots (it shows each screen in turn and captures the window with
# ImageMagick's import), and saves the PNGs in assets/screenshots/.
# Needs: xvfb-run, ImageMagick (make deps-test installs both).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Keep the Go caches warm although HOME changes below.
GOCACHE=$(go env GOCACHE) GOMODCACHE=$(go env GOMODCACHE) GOPATH=$(go env GOPATH)
export GOCACHE GOMODCACHE GOPATH
go build -tags sqlite_fts5 -o bin/confide ./cmd/confide
go build -tags sqlite_fts5 -o bin/confidectl ./cmd/confidectl

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" LANG=en_US.UTF-8
mkdir -p "$HOME"
bin/confidectl --vault "$tmp/vault" init --identity-out "$tmp/device.key" --recovery-out "$tmp/recovery.key" >/dev/null
bin/confidectl --vault "$tmp/vault" --identity "$tmp/device.key" demo
out="$root/assets/screenshots"
mkdir -p "$out"
xvfb-run -a -s "-screen 0 1280x800x24" \
	timeout 120 bin/confide --vault "$tmp/vault" --identity "$tmp/device.key" --screenshots "$out"
ls -l "$out"/*.png
