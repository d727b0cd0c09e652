# mk/fuzz.mk - `make fuzz`: build the libFuzzer targets of tests/fuzz/ with
# clang -fsanitize=fuzzer,address,undefined in build-fuzz/ and run each one
# for FUZZ_SECONDS seconds on a copy of its seed corpus.  Included by the
# Makefile.
#
#   make fuzz                          every target, 60 s each
#   make fuzz FUZZ_SECONDS=10 FUZZ_TARGETS="model value"
#
# The core sources and libcsv's own source (fetched at build time into
# build-fuzz/libcsv, never committed; LGPL-2.1) are compiled into each
# target so that the fuzzer sees and instruments the CSV parser too.  When
# the fetch fails it falls back to the system -lcsv with a warning.
# Ends with "N passed, M failed": one pass per target that ran its time
# without a finding.  Crashes are kept in build-fuzz/findings/<target>/.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
FUZZ_CC      ?= clang

fuzz: $(BUILD)/gen/bundled_model.c
	$(Q)FUZZ_SECONDS="$(FUZZ_SECONDS)" FUZZ_TARGETS="$(FUZZ_TARGETS)" FUZZ_CC="$(FUZZ_CC)" \
	  FUZZ_GEN="$(BUILD)/gen/bundled_model.c" \
	  sh tests/fuzz/run.sh build-fuzz
