#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so the OS
# keyring tests exercise the real Secret Service (what a Linux desktop provides) and never
# touch the keyring of the person or machine running them.
#
#   sh scripts/with-keyring.sh vitest run
#
# Without dbus-run-session or gnome-keyring-daemon (Debian: apt-get install dbus
# gnome-keyring) the command runs as it is and the keyring tests skip with a reason —
# unless KNOTWORK_REQUIRE_KEYRING=1 (CI), where they fail.
set -eu

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon not found; running without a private keyring" >&2
  exec "$@"
fi

# Only the keyring daemon gets a temporary HOME: it keeps its keyring files under
# $XDG_DATA_HOME/keyrings and its control socket under $XDG_RUNTIME_DIR. The command keeps
# the real HOME (npm caches, config) and talks to the daemon over the session bus alone.
keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/knotwork-keyring.XXXXXX")
chmod 700 "$keyring_home"
cleanup() { rm -rf "$keyring_home"; }
trap cleanup EXIT INT TERM

status=0
dbus-run-session -- sh -c '
  keyring_home=$1
  shift
  # The password unlocks (and first creates) the login keyring; it guards nothing real.
  printf test | HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' sh "$keyring_home" "$@" || status=$?
exit "$status"
