#!/bin/sh
# make test-windows: the Windows package, dist/Confide-windows-amd64.zip,
# run under Wine in a fresh prefix, through the real executables: a vault
# in a folder whose path has a drive letter and spaces, unlocked from
# Wine's Credential Manager; a client and notes with accented text; signing,
# search, verify, a release PDF read back with pdftotext; a backup on
# another drive, opened; the file lock refusing a second opener while the
# desktop app has the vault; the desktop app's --measure-startup check and a
# screenshot of its window. Any step that fails stops the test with exit 1.
#
# Needs an X server (make test-windows runs this under xvfb-run) and the
# packages of make deps-windows. Wine 8.0 lacks ProcessPrng, which every Go
# program loads at start: .ci/windows/processprng.c is built here with
# mingw-w64 and copied into the test's own prefix (see the file).
# Usage: .ci/test-windows.sh [SCREENSHOT.png]   (the window, saved there too)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
zip="$root/dist/Confide-windows-amd64.zip"
shot_out=${1:-}
WINE=${WINE:-/usr/lib/wine/wine64}
WINESERVER=${WINESERVER:-/usr/lib/wine/wineserver}

fail() {
	printf 'test-windows: FAIL: %s\n' "$*" >&2
	exit 1
}
[ -f "$zip" ] || fail "no $zip; run make package-windows first"
[ -n "${DISPLAY:-}" ] || fail "no X server; run it under xvfb-run (make test-windows does)"
[ -x "$WINE" ] || fail "no Wine at $WINE; run make deps-windows"

tmp=$(mktemp -d)
export WINEPREFIX="$tmp/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LC_ALL=C.UTF-8 HOME="$tmp/home"
unset CONFIDE_VAULT LANG LANGUAGE 2>/dev/null || true
mkdir -p "$HOME"
gui_pid=""
cleanup() {
	[ -z "$gui_pid" ] || kill "$gui_pid" 2>/dev/null || true
	"$WINESERVER" -k 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

started=$(date +%s)
last=$started
step() {
	now=$(date +%s)
	printf 'test-windows: [%ss, +%ss] %s\n' "$((now - started))" "$((now - last))" "$*"
	last=$now
}
passed=0
ok() {
	passed=$((passed + 1))
	printf 'test-windows: ok: %s\n' "$*"
}

# wine runs a Windows program with a time limit, so that a hang fails the
# test instead of stalling CI.
wine() { timeout 300 "$WINE" "$@"; }

step "a fresh Wine prefix"
wine wineboot --init >"$tmp/wineboot.log" 2>&1 || fail "wineboot: $(tail -5 "$tmp/wineboot.log")"
c="$WINEPREFIX/drive_c"
[ -d "$c/windows/system32" ] || fail "wineboot made no C:\\windows\\system32"

step "the ProcessPrng shim"
x86_64-w64-mingw32-gcc -shared -O2 -Wall -o "$tmp/bcryptprimitives.dll" .ci/windows/processprng.c -lbcrypt
cp "$tmp/bcryptprimitives.dll" "$c/windows/system32/"

step "unpack the package into C:\\Program Files\\Confide"
app="$c/Program Files/Confide"
mkdir -p "$app"
unzip -q "$zip" -d "$app"
for f in Confide.exe confidectl.exe; do [ -f "$app/$f" ] || fail "the zip has no $f"; done
# Confide.exe is a GUI program (no console window); confidectl.exe is not.
x86_64-w64-mingw32-objdump -p "$app/Confide.exe" | grep -q 'Subsystem.*(Windows GUI)' || fail "Confide.exe is not a GUI-subsystem program"
x86_64-w64-mingw32-objdump -p "$app/confidectl.exe" | grep -q 'Subsystem.*(Windows CUI)' || fail "confidectl.exe is not a console program"
ok "the zip holds Confide.exe (GUI) and confidectl.exe (console)"
# Confide.exe carries its resources: the icon (resource types 3 and 14,
# ICON and GROUP_ICON), the version block (16) and the manifest (24), and
# the version block names FyneApp.toml's version and build.
types=$(x86_64-w64-mingw32-objdump -p "$app/Confide.exe" | sed -n '/^The .rsrc Resource Directory section/,/Resources start/p' |
	sed -n 's/^[0-9a-f]*   Entry: ID: 0x\([0-9a-f]*\),.*/\1/p' | tr '\n' ' ')
for want in 000003 00000e 000010 000018; do
	case " $types" in *" $want "*) ;; *) fail "Confide.exe has no resource of type 0x$want (it has: $types)" ;; esac
done
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml).$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
x86_64-w64-mingw32-strings -el "$app/Confide.exe" | grep -q -x "$version" || fail "Confide.exe's version block does not say $version"
ok "Confide.exe has its icon, manifest and version block ($version)"

APP='C:\Program Files\Confide'
VAULT='C:\My Practice\Confide vault'
vault="$c/My Practice/Confide vault"
mkdir -p "$c/My Practice"
# D: stands for a USB stick.
mkdir -p "$tmp/usb/Backups"
ln -s "$tmp/usb" "$WINEPREFIX/dosdevices/d:"

ctl() { wine "$APP\\confidectl.exe" --vault "$VAULT" "$@"; }

# wait_for WHAT CMD...: run CMD once a second until it succeeds, at most 120
# times; then fail, naming WHAT.
wait_for() {
	what=$1
	shift
	tries=0
	until "$@"; do
		[ -z "$gui_pid" ] || kill -0 "$gui_pid" 2>/dev/null || fail "Confide.exe stopped while waiting for $what: $(tail -20 "$tmp/gui.log")"
		tries=$((tries + 1))
		[ "$tries" -lt 120 ] || fail "gave up waiting for $what; last: $(cat "$tmp/err" 2>/dev/null)"
		sleep 1
	done
}

# refused EXE [ARGS]: confidectl status cannot open the vault because
# another process has it locked (and not for any other reason).
refused() {
	if wine "$@" status >"$tmp/out" 2>"$tmp/err"; then return 1; fi
	grep -q 'the vault is open in another window or process' "$tmp/err"
}

# The desktop app runs in the background, its output in gui.out and gui.log.
start_gui() {
	"$WINE" "$APP\\Confide.exe" "$@" >"$tmp/gui.out" 2>"$tmp/gui.log" &
	gui_pid=$!
}

# stop_gui closes the app's window, as a user would, and waits for it to
# quit cleanly, with no "Fyne error" logged.
stop_gui() {
	wine taskkill /IM Confide.exe >/dev/null 2>&1 || fail "taskkill could not ask Confide.exe to close"
	wait_for "Confide.exe to quit after its window was closed" gui_gone
	wait "$gui_pid" || fail "Confide.exe exited non-zero: $(tail -20 "$tmp/gui.log")"
	gui_pid=""
	if grep -q 'Fyne error' "$tmp/gui.log"; then fail "Fyne error: $(grep -A3 'Fyne error' "$tmp/gui.log")"; fi
}
gui_gone() { ! kill -0 "$gui_pid" 2>/dev/null; }

# app_window prints the X window of Confide.exe's main window.
app_window() {
	xwininfo -root -tree | grep '("confide.exe" ' | grep -v '"GLFW message window"\|"Default IME"' | awk '{print $1}' | head -1
}

# drawn_window waits until the app's window shows something (anti-aliased
# text and icons: a hundred colours and more, where an undrawn window has
# one or two), then prints its id.
drawn_window() {
	wait_for "a drawn Confide window" window_drawn
	cat "$tmp/wid"
}
window_drawn() {
	w=$(app_window) && [ -n "$w" ] && import -window "$w" "$tmp/shot.png" 2>/dev/null &&
		[ "$(convert "$tmp/shot.png" -format '%k' info:)" -ge 50 ] && echo "$w" >"$tmp/wid"
}

step "the default vault folder is under %APPDATA%"
appdata=$(wine cmd /c echo %APPDATA% | tr -d '\r')
case "$appdata" in [A-Z]:\\*) ;; *) fail "cmd printed APPDATA as '$appdata'" ;; esac
if wine "$APP\\confidectl.exe" status >"$tmp/out" 2>"$tmp/err"; then fail "status with no vault exited 0"; fi
grep -qF "there is no vault in $appdata\\Confide " "$tmp/err" || fail "status with no vault: $(cat "$tmp/err")"
ok "confidectl looks for the vault in $appdata\\Confide"

step "first run: Confide.exe creates the vault in %APPDATA%\\Confide, its key in the Credential Manager"
appdata_unix="$c/$(printf '%s' "${appdata#C:\\}" | tr '\\' /)"
[ -d "$appdata_unix" ] || fail "APPDATA $appdata is not $appdata_unix"
start_gui
wid=$(drawn_window)
# The welcome screen: Tab to "Unlock with this computer's keyring" (chosen
# already), past "Ask for a passphrase", to "Create my vault"; Space taps it.
xdotool windowfocus --sync "$wid"
for k in Tab Tab Tab space; do
	xdotool key "$k"
	sleep 0.3
done
wait_for "Confide.exe to create $appdata\\Confide\\vault.json" test -f "$appdata_unix/Confide/vault.json"
# On the recovery key screen the app holds the new vault.
wait_for "confidectl to be refused the vault the app holds" refused "$APP\\confidectl.exe"
stop_gui
wine "$APP\\confidectl.exe" status >"$tmp/out" 2>"$tmp/err" || fail "status of the vault the app created: $(cat "$tmp/err")"
gid=$(sed -n 's/^vault  *\([^ ]*\) .*/\1/p' "$tmp/out")
grep -qF "($appdata\\Confide)" "$tmp/out" || fail "status: $(cat "$tmp/out")"
wine reg query 'HKCU\Software\Wine\Credential Manager' /s 2>&1 | tr -d '\r' >"$tmp/creds"
grep -q "Generic: confide:$gid$" "$tmp/creds" || fail "no credential for vault $gid in Wine's Credential Manager: $(cat "$tmp/creds")"
if grep -rlq AGE-SECRET-KEY- "$appdata_unix/Confide"; then fail "a secret key was written into the vault folder"; fi
ok "Confide.exe created vault $gid in $appdata\\Confide; confidectl unlocks it from the Credential Manager"

step "init: the device key goes to the Credential Manager"
ctl --json init --recovery-out 'C:\My Practice\recovery key.txt' >"$tmp/init.json" 2>"$tmp/err" || fail "init: $(cat "$tmp/err")"
vid=$(sed -n 's/.*"vault_id": *"\([^"]*\)".*/\1/p' "$tmp/init.json")
[ -n "$vid" ] || fail "init printed no vault_id: $(cat "$tmp/init.json")"
for f in vault.json vault.age journal; do [ -f "$vault/$f" ] || fail "init wrote no $f"; done
[ ! -e "$vault/passphrase.age" ] || fail "init wrote passphrase.age, though the key should be in the keyring"
if grep -rlq AGE-SECRET-KEY- "$vault"; then fail "a secret key was written into the vault folder"; fi
grep -q AGE-SECRET-KEY- "$c/My Practice/recovery key.txt" || fail "the recovery key file holds no key"
wine reg query 'HKCU\Software\Wine\Credential Manager' /s 2>&1 | tr -d '\r' >"$tmp/creds" || fail "reg query: $(cat "$tmp/creds")"
grep -q "Generic: confide:$vid$" "$tmp/creds" || fail "no credential for vault $vid in Wine's Credential Manager: $(cat "$tmp/creds")"
ctl status >"$tmp/out" 2>"$tmp/err" || fail "status unlocking from the keyring: $(cat "$tmp/err")"
grep -q "$vid" "$tmp/out" || fail "status does not name vault $vid: $(cat "$tmp/out")"
ok "vault $vid created in $VAULT, unlocked from the Credential Manager"

step "client add"
cid=$(ctl client add --name 'Zoë Niño' --preferred 'Zoë' 2>"$tmp/err" | tr -d '\r') || fail "client add: $(cat "$tmp/err")"
echo "$cid" | grep -Eqx 'c-[0-9a-f]{16}' || fail "client add printed '$cid', not a client id"
ctl client list >"$tmp/out" || fail "client list"
grep -q "$cid.*Zoë Niño" "$tmp/out" || fail "client list: $(cat "$tmp/out")"
ok "client $cid, Zoë Niño"

step "a note with accented text, from a Windows (CRLF) file"
mkdir -p "$c/My Practice/Session notes"
printf 'Zoë came in early. The café downstairs was closed, so we met upstairs.\r\nShe talked about her niño starting school.\r\nPlan: continue weekly.\r\n' >"$c/My Practice/Session notes/Zoë 2026-11-20.txt"
nid=$(ctl note add --client "$cid" --kind progress --date 2026-11-20 --start 10:00 --duration 50 --service-code 90834 \
	--file 'C:\My Practice\Session notes\Zoë 2026-11-20.txt' 2>"$tmp/err" | tr -d '\r') || fail "note add: $(cat "$tmp/err")"
echo "$nid" | grep -Eqx 'n-[0-9a-f]{16}' || fail "note add printed '$nid', not a note id"
ctl --json note show "$nid" >"$tmp/note.json" || fail "note show"
grep -q 'The café downstairs was closed' "$tmp/note.json" || fail "the note lost its accented text: $(cat "$tmp/note.json")"
if grep -q '\\r' "$tmp/note.json"; then fail "the note kept CR line endings: $(cat "$tmp/note.json")"; fi
ok "note $nid kept Zoë, café, niño and lost the CRs"

step "import a folder of Notepad files (UTF-8 with BOM, CRLF)"
mkdir -p "$c/My Practice/Old notes"
printf '\357\273\277Intake. Zoë prefers Spanish at home with her niño.\r\nNo risk noted.\r\n' >"$c/My Practice/Old notes/2026-10-02 intake.txt"
ctl --json import 'C:\My Practice\Old notes' --client "$cid" --kind intake >"$tmp/import.json" 2>"$tmp/err" || fail "import: $(cat "$tmp/err")"
iid=$(sed -n 's/.*"id": *"\(n-[0-9a-f]*\)".*/\1/p' "$tmp/import.json")
[ -n "$iid" ] || fail "import printed no note id: $(cat "$tmp/import.json")"
ctl --json note show "$iid" >"$tmp/note.json" || fail "note show $iid"
grep -q '"Intake. Zoë prefers Spanish at home with her niño.\\nNo risk noted.' "$tmp/note.json" || fail "the imported note: $(cat "$tmp/note.json")"
ok "imported note $iid without the BOM and the CRs"

step "sign"
ctl note sign "$nid" >"$tmp/out" 2>"$tmp/err" || fail "note sign: $(cat "$tmp/err")"
grep -q "^signed $nid[: ].*sha256:[0-9a-f]\{64\}" "$tmp/out" || fail "note sign printed: $(cat "$tmp/out")"
ok "signed $nid"

step "search"
ctl --json search café >"$tmp/search.json" 2>"$tmp/err" || fail "search: $(cat "$tmp/err")"
grep -q "\"note_id\": *\"$nid\"" "$tmp/search.json" || fail "search café did not find $nid: $(cat "$tmp/search.json")"
grep -q '"client_name": *"Zoë Niño"' "$tmp/search.json" || fail "search hit without the client's name: $(cat "$tmp/search.json")"
ok "search café finds $nid"

step "verify"
ctl verify >"$tmp/out" 2>"$tmp/err" || fail "verify exited non-zero: $(cat "$tmp/err")"
grep -q '^ok' "$tmp/out" || fail "verify printed: $(cat "$tmp/out")"
ok "verify: $(head -1 "$tmp/out" | tr -d '\r')"

step "a release PDF, read back with pdftotext"
mkdir -p "$c/My Practice/Releases"
ctl release --client "$cid" --request client --recipient 'Zoë Niño' --purpose "the client's own copy" \
	--out 'C:\My Practice\Releases\Zoë Niño, records.pdf' >"$tmp/out" 2>"$tmp/err" || fail "release: $(cat "$tmp/err")"
pdf="$c/My Practice/Releases/Zoë Niño, records.pdf"
[ -f "$pdf" ] || fail "release wrote no PDF: $(cat "$tmp/out")"
pdftotext -layout "$pdf" "$tmp/release.txt" || fail "pdftotext cannot read the release"
for want in 'Zoë Niño' 'The café downstairs was closed' 'her niño starting school'; do
	grep -qF "$want" "$tmp/release.txt" || fail "the release PDF lacks '$want'"
done
ok "the release PDF holds Zoë Niño, café and niño"

step "backup to D:, and open the backup"
BACKUP='D:\Backups\Confide 2026-11'
ctl backup "$BACKUP" >"$tmp/out" 2>"$tmp/err" || fail "backup: $(cat "$tmp/err")"
grep -q 'verified' "$tmp/out" || fail "backup printed: $(cat "$tmp/out")"
wine "$APP\\confidectl.exe" --vault "$BACKUP" client list >"$tmp/out" 2>"$tmp/err" || fail "opening the backup: $(cat "$tmp/err")"
grep -q "$cid.*Zoë Niño" "$tmp/out" || fail "the backup does not list the client: $(cat "$tmp/out")"
wine "$APP\\confidectl.exe" --vault "$BACKUP" --json note show "$nid" >"$tmp/note.json" 2>"$tmp/err" || fail "the backup's note: $(cat "$tmp/err")"
grep -q 'The café downstairs was closed' "$tmp/note.json" || fail "the backup's note: $(cat "$tmp/note.json")"
ok "the backup in $BACKUP opens and lists Zoë Niño"

step "a synthetic practice for the desktop app"
ctl demo >"$tmp/out" 2>"$tmp/err" || fail "demo: $(cat "$tmp/err")"
# The app lists the active clients.
clients=$(ctl client list | grep -c '^c-[0-9a-f]* *active ')
[ "$clients" -gt 1 ] || fail "client list after demo: $clients active clients"

step "the desktop app: --measure-startup"
wine "$APP\\Confide.exe" --vault "$VAULT" --measure-startup >"$tmp/measure.out" 2>"$tmp/measure.log" || fail "Confide.exe --measure-startup exited non-zero: $(tail -20 "$tmp/measure.log")"
grep -q "\"clients_listed\":$clients[,}]" "$tmp/measure.out" || fail "--measure-startup printed: $(cat "$tmp/measure.out"); log: $(tail -20 "$tmp/measure.log")"
if grep -q 'Fyne error' "$tmp/measure.log"; then fail "Fyne error: $(grep -A3 'Fyne error' "$tmp/measure.log")"; fi
ok "--measure-startup: $(tr -d '\r' <"$tmp/measure.out")"

step "the desktop app holds the vault: a second opener is refused (LockFileEx)"
start_gui --vault "$VAULT"
wait_for "confidectl to be refused the vault the app holds" refused "$APP\\confidectl.exe" --vault "$VAULT"
ok "while Confide.exe has the vault, confidectl is refused: the vault is open in another window or process"

step "a screenshot of the window"
wid=$(drawn_window)
xdotool mousemove --window "$wid" 700 100 # over the heading: no row highlighted
sleep 2                                   # the list and the panels finish drawing
import -window "$wid" "$tmp/shot.png"
ok "screenshot $(identify -format '%wx%h' "$tmp/shot.png"), $(convert "$tmp/shot.png" -format '%k' info:) colours"
[ -z "$shot_out" ] || cp "$tmp/shot.png" "$shot_out"

step "closing the window closes the vault"
stop_gui
ctl verify >"$tmp/out" 2>"$tmp/err" || fail "verify after the app closed: $(cat "$tmp/err")"
ok "the app quit, and the vault verifies: $(head -1 "$tmp/out" | tr -d '\r')"

step "done"
echo "$passed passed, 0 failed"
