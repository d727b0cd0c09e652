#!/bin/sh
# fetch-libcsv.sh DIR - put libcsv's own source (Debian's libcsv 3.0.3) in
# DIR/src so that the fuzz targets compile it with the sanitizers and the
# fuzzer's coverage (the system -lcsv is not instrumented).  libcsv is
# LGPL-2.1: it is fetched at build time and never committed.
#
# Uses the archive apt is already configured with (read at run time) and a private apt state in
# DIR, so the system's apt configuration is left alone.  Prints nothing on
# success beyond apt's own chatter; exits non-zero when the source cannot be
# had (the Makefile then falls back to -lcsv).
set -u
DIR=$1
[ -f "$DIR/src/libcsv.c" ] && [ -f "$DIR/src/csv.h" ] && exit 0
mkdir -p "$DIR/lists/partial" || exit 1
cd "$DIR" || exit 1
suite=$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-}")
[ -n "$suite" ] || exit 1
# The first archive the machine's own apt configuration names for $suite:
# deb822 stanzas in sources.list.d/*.sources, else one-line sources.list.
uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v s="$suite" '
	/^URIs:/ { u = $2 }
	/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s && u != "") { print u; exit } }
	/^$/ { u = "" }')
[ -n "$uri" ] || uri=$(awk -v s="$suite" '$1 == "deb" && $0 ~ " " s " " {
	for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; exit } }' \
	/etc/apt/sources.list 2>/dev/null)
if [ -z "$uri" ]; then
	echo "fetch-libcsv: no apt source for $suite in /etc/apt; falling back to -lcsv" >&2
	exit 1
fi
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" > src.list
A="-o Dir::Etc::sourcelist=$PWD/src.list -o Dir::Etc::sourceparts=- -o Dir::State::Lists=$PWD/lists -o APT::Sandbox::User=root"
apt-get -qq $A update || exit 1
apt-get -qq $A source --download-only libcsv || exit 1
dsc=$(ls libcsv_*.dsc 2>/dev/null | head -n 1)
[ -n "$dsc" ] || exit 1
rm -rf src
dpkg-source -x "$dsc" src > /dev/null 2>&1 || exit 1
[ -f src/libcsv.c ] && [ -f src/csv.h ]
