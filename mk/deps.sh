#!/bin/sh
# deps.sh build|test|valgrind - make sure the Debian packages sammtui needs are
# installed; install the missing ones with apt-get (through sudo when not
# root).  Where there is no apt-get, print what to install and fail.
set -eu

BUILD_PKGS="build-essential pkg-config libncurses-dev libsqlite3-dev libcsv-dev libzip-dev libexpat1-dev"
TEST_PKGS="$BUILD_PKGS libcmocka-dev tmux sqlite3 groff-base libreoffice-calc-nogui python3"
case "${1:-build}" in
build) want=$BUILD_PKGS ;;
test)  want=$TEST_PKGS ;;
valgrind) want="$TEST_PKGS valgrind" ;;
*) echo "usage: $0 build|test|valgrind" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	if command -v dpkg-query >/dev/null 2>&1; then
		st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		case $st in *"install ok installed"*) continue ;; esac
	fi
	missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
	echo "sammtui needs these packages (Debian/Ubuntu names):$missing" >&2
	echo "There is no apt-get here: install their equivalents (ncursesw, sqlite3, libcsv," >&2
	echo "cmocka and tmux for the tests, pkg-config, a C11 compiler and make), then run make again." >&2
	exit 1
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "missing packages:$missing; run as root: apt-get install$missing" >&2
		exit 1
	fi
fi
echo "installing missing packages:$missing"
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	-o DPkg::Lock::Timeout=300 $missing
