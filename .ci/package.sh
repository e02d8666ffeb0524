#!/bin/sh
# Build the Linux package of the desktop app with `fyne package`, using the
# same build tags as every other build. The result, Confide.tar.xz (with the
# binary, the icon and a .desktop entry from FyneApp.toml), lands in dist/.
# Usage: .ci/package.sh   (run from anywhere; make package calls it)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
FYNE="go run fyne.io/tools/cmd/fyne@v1.7.4"
TAGS=sqlite_fts5
mkdir -p dist
# fyne package reads FyneApp.toml from the folder of the main package; keep
# the one at the root the only source of truth by copying it beside main.
cp FyneApp.toml cmd/confide/FyneApp.toml
trap 'rm -f "$root/cmd/confide/FyneApp.toml"' EXIT
(cd cmd/confide && $FYNE package -os linux -tags "$TAGS" -icon "$root/assets/icon.png" -name Confide -release)
mv cmd/confide/Confide.tar.xz dist/Confide.tar.xz
echo "dist/Confide.tar.xz: unpack it and run 'make user-install' (or 'sudo make install') inside"
