#!/bin/sh
# deps.sh build|test|valgrind - make sure the packages sammtui needs are
# installed (`make deps`, `make run`, `make check`).  On Debian and Ubuntu
# the missing ones are installed with apt-get (through sudo when not root).
# Elsewhere nothing is installed: when pkg-config and the compiler find
# every library it says so and succeeds, else it names what is missing.
# A plain `make` never runs this.
set -eu

# Debian package names, one list per use; extend a list to add a package.
BUILD_PKGS="build-essential pkg-config libncurses-dev libsqlite3-dev libcsv-dev \
libzip-dev libexpat1-dev"
TEST_PKGS="libcmocka-dev tmux sqlite3 groff-base chromium tidy python3 \
libreoffice-calc-nogui locales"
VALGRIND_PKGS="valgrind"

case "${1:-build}" in
build) want=$BUILD_PKGS ;;
test)  want="$BUILD_PKGS $TEST_PKGS" ;;
valgrind) want="$BUILD_PKGS $TEST_PKGS $VALGRIND_PKGS" ;;
*) echo "usage: $0 build|test|valgrind" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	# Not Debian: check the libraries and tools the way the build finds them.
	PC=${PKG_CONFIG:-pkg-config}
	lack=
	for m in ncursesw sqlite3 libzip expat; do
		"$PC" --exists "$m" 2>/dev/null || lack="$lack $m"
	done
	printf '#include <csv.h>\nint main(void) { return csv_init(0, 0); }\n' |
		${CC:-cc} -x c -o /dev/null - -lcsv >/dev/null 2>&1 || lack="$lack libcsv"
	if [ "${1:-build}" != build ]; then
		"$PC" --exists cmocka 2>/dev/null || lack="$lack cmocka"
		for t in tmux sqlite3; do command -v $t >/dev/null 2>&1 || lack="$lack $t"; done
	fi
	[ "${1:-build}" = valgrind ] && { command -v valgrind >/dev/null 2>&1 || lack="$lack valgrind"; }
	[ -z "$lack" ] && exit 0
	echo "sammtui needs:$lack (not found through $PC or the compiler)." >&2
	echo "There is no apt-get here: install them with the system's package manager, then run make again." >&2
	exit 1
fi

missing=
for p in $want; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case $st in *"install ok installed"*) continue ;; esac
	missing="$missing $p"
done
[ -z "$missing" ] && exit 0

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
