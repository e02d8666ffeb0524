#!/bin/sh
# Cross-build Confide for 64-bit Windows from Linux with mingw-w64, and pack
# dist/Confide-windows-amd64.zip: Confide.exe (the desktop app: GUI
# subsystem, with the icon, a manifest and a version block from
# FyneApp.toml) and confidectl.exe (the command line, a console program).
# make package-windows installs mingw-w64 and zip first.
#
# Both are built by one `go build`, so that they share Go's build cache:
# SQLite's C code compiles once for both, OpenGL's and the window system's
# alongside it, and a warm build only links. (fyne package -release would
# build Confide.exe with its own CGO_CFLAGS, compiling every C package
# again.) The icon, manifest and version block are a resource object
# (.syso) made by go-winres, which go build links into Confide.exe.
# Usage: .ci/package-windows.sh   (run from anywhere)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
TAGS=sqlite_fts5
WINRES_VERSION=v0.3.3
CC=x86_64-w64-mingw32-gcc

# The version block's version is FyneApp.toml's Version and Build: 0.1.0.1.
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
name=$(sed -n 's/^Name *= *"\(.*\)"/\1/p' FyneApp.toml)
case "$version.$build" in
[0-9]*.[0-9]*.[0-9]*.[0-9]*) ;;
*) echo "package-windows: FyneApp.toml needs Version = \"X.Y.Z\" and Build = N (found \"$version\" and \"$build\")" >&2; exit 1 ;;
esac

# go-winres is built for this machine, so before GOOS is set.
GOBIN="$root/bin" go install "github.com/tc-hib/go-winres@$WINRES_VERSION"

stage=$(mktemp -d)
syso="$root/cmd/confide/rsrc_windows_amd64.syso"
trap 'rm -rf "$stage" "$syso"' EXIT
(cd "$stage" && "$root/bin/go-winres" simply --arch amd64 --out rsrc \
	--icon "$root/assets/icon.png" --manifest gui \
	--product-name "$name" --file-description "$name" --original-filename "$name.exe" \
	--product-version "$version.$build" --file-version "$version.$build")
mv "$stage/rsrc_windows_amd64.syso" "$syso"

export CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC
# -trimpath keeps this machine's folders out of the executables; the
# release tag builds Fyne in release mode, as fyne package -release does;
# -H=windowsgui makes Confide.exe a GUI program, which opens no console.
t=$(date +%s)
go build -tags "$TAGS,release" -trimpath \
	-ldflags="-s -w" -ldflags="./cmd/confide=-s -w -H=windowsgui" \
	-o "$stage/" ./cmd/confide ./cmd/confidectl
mv "$stage/confide.exe" "$stage/Confide.exe"
echo "built Confide.exe and confidectl.exe in $(($(date +%s) - t)) s"

mkdir -p dist
rm -f dist/Confide-windows-amd64.zip
(cd "$stage" && zip -q -X "$root/dist/Confide-windows-amd64.zip" Confide.exe confidectl.exe)
echo "dist/Confide-windows-amd64.zip:"
unzip -l dist/Confide-windows-amd64.zip
