#!/bin/sh
# Cross-build Confide for 64-bit Windows from Linux with mingw-w64, and pack
# dist/Confide-windows-amd64.zip: Confide.exe (the desktop app, made by
# `fyne package -os windows`: GUI subsystem, the icon and a version block
# from FyneApp.toml) and confidectl.exe (the command line, a console
# program). make package-windows installs mingw-w64 and zip first.
# Usage: .ci/package-windows.sh   (run from anywhere)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
TAGS=sqlite_fts5
FYNE_VERSION=v1.7.4
CC=x86_64-w64-mingw32-gcc
# The fyne command is built for this machine, so before GOOS is set.
GOBIN="$root/bin" go install "fyne.io/tools/cmd/fyne@$FYNE_VERSION"
export CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC

stage=$(mktemp -d)
trap 'rm -rf "$stage" "$root/cmd/confide/FyneApp.toml" "$root/cmd/confide/Confide.exe"' EXIT

# -trimpath keeps this machine's folders out of the executable, as
# fyne package -release does for Confide.exe.
t=$(date +%s)
go build -tags "$TAGS" -trimpath -ldflags "-s -w" -o "$stage/confidectl.exe" ./cmd/confidectl
echo "built confidectl.exe in $(($(date +%s) - t)) s"

# fyne package reads FyneApp.toml from the folder of the main package; keep
# the one at the root the only source of truth by copying it beside main.
t=$(date +%s)
cp FyneApp.toml cmd/confide/FyneApp.toml
(cd cmd/confide && "$root/bin/fyne" package -os windows -tags "$TAGS" -icon "$root/assets/icon.png" -name Confide -release)
mv cmd/confide/Confide.exe "$stage/Confide.exe"
echo "built Confide.exe in $(($(date +%s) - t)) s"

mkdir -p dist
rm -f dist/Confide-windows-amd64.zip
(cd "$stage" && zip -q -X "$root/dist/Confide-windows-amd64.zip" Confide.exe confidectl.exe)
echo "dist/Confide-windows-amd64.zip:"
unzip -l dist/Confide-windows-amd64.zip
