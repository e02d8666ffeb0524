#!/bin/sh
# Build the package of this system with `fyne package`, using the same build
# tags as every other build, into dist/:
# - Linux: Confide.tar.xz, with the desktop app (the icon and a .desktop
#   entry from FyneApp.toml), confidectl (for backups from cron and
#   scripts), and a Makefile whose install and user-install targets put
#   both on the PATH.
# - macOS (with the Xcode command-line tools): Confide-macos-ARCH.zip, with
#   Confide.app and confidectl. Not built or tested on the project's
#   machines, which have no Apple SDK.
# Usage: .ci/package.sh   (run from anywhere; make package calls it)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
FYNE="go run fyne.io/tools/cmd/fyne@v1.7.4"
TAGS=sqlite_fts5
mkdir -p dist
tmp=$(mktemp -d)
# fyne package reads FyneApp.toml from the folder of the main package; keep
# the one at the root the only source of truth by copying it beside main.
cp FyneApp.toml cmd/confide/FyneApp.toml
trap 'rm -rf "$root/cmd/confide/FyneApp.toml" "$root/cmd/confide/Confide.app" "$tmp"' EXIT

if [ "$(uname -s)" = Darwin ]; then
	arch=$(go env GOARCH)
	(cd cmd/confide && $FYNE package -os darwin -tags "$TAGS" -icon "$root/assets/icon.png" -name Confide -release)
	mkdir "$tmp/pkg"
	mv cmd/confide/Confide.app "$tmp/pkg/"
	go build -tags "$TAGS" -trimpath -ldflags "-s -w" -o "$tmp/pkg/confidectl" ./cmd/confidectl
	rm -f "dist/Confide-macos-$arch.zip"
	(cd "$tmp/pkg" && zip -q -r -y "$root/dist/Confide-macos-$arch.zip" Confide.app confidectl)
	echo "dist/Confide-macos-$arch.zip: unzip it, move Confide.app to Applications and confidectl to a folder on your PATH"
	exit 0
fi

(cd cmd/confide && $FYNE package -os linux -tags "$TAGS" -icon "$root/assets/icon.png" -name Confide -release)

# Add confidectl beside confide, and to each of the Makefile's targets. The
# tarball holds one folder (Confide/) with the Makefile and usr/.
mkdir "$tmp/pkg"
tar -xJf cmd/confide/Confide.tar.xz -C "$tmp/pkg"
rm cmd/confide/Confide.tar.xz
mk=$(find "$tmp/pkg" -name Makefile | head -1)
exe=$(find "$tmp/pkg" -path '*/bin/confide' -type f | head -1)
[ -n "$mk" ] && [ -n "$exe" ] || { echo "package.sh: fyne package's tarball has no Makefile or bin/confide" >&2; exit 1; }
top=$(dirname "$mk")
go build -tags "$TAGS" -trimpath -ldflags "-s -w" -o "$(dirname "$exe")/confidectl" ./cmd/confidectl
rel=$(dirname "${exe#"$top/"}")
sed -i \
	-e "s|^\(\tinstall -Dm00755 $rel/\$(Exec) \(.*\)/\$(Exec)\)$|\1\n\tinstall -Dm00755 $rel/confidectl \2/confidectl|" \
	-e "s|^\(\t-rm \(.*\)/bin/\$(Exec)\)$|\1\n\t-rm \2/bin/confidectl|" \
	"$mk"
[ "$(grep -c confidectl "$mk")" -eq 4 ] || { echo "package.sh: could not add confidectl to the package's Makefile" >&2; exit 1; }
(cd "$tmp/pkg" && tar -cJf "$root/dist/Confide.tar.xz" ./*)

# Check the package as a user would install it.
mkdir "$tmp/check" "$tmp/home"
tar -xJf dist/Confide.tar.xz -C "$tmp/check"
chk=$(dirname "$(find "$tmp/check" -name Makefile | head -1)")
make -s -C "$chk" user-install HOME="$tmp/home" >/dev/null
for b in confide confidectl; do
	[ -x "$tmp/home/.local/bin/$b" ] || { echo "package check: make user-install did not install $b" >&2; exit 1; }
done
"$tmp/home/.local/bin/confidectl" help >/dev/null 2>&1
make -s -C "$chk" user-uninstall HOME="$tmp/home" >/dev/null
[ ! -e "$tmp/home/.local/bin/confidectl" ] || { echo "package check: make user-uninstall left confidectl" >&2; exit 1; }
echo "dist/Confide.tar.xz: unpack it and run 'make user-install' (or 'sudo make install') in its confide folder; it installs confide and confidectl"
