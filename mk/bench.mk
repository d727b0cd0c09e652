# mk/bench.mk - `make bench`: build with optimisation in build-bench/ and
# run the benchmark (bench/), which prints a table and writes it to
# build-bench/bench.txt.  Included by the Makefile.
#
#   make bench                       all sizes, 7 runs per figure
#   make bench BENCH_ARGS="--runs 11 --sizes large"
#   make bench BENCH_ARGS="--sizes wide"    the screens at scale only

BENCH_BUILD := build-bench
BENCH_SRC   := $(sort $(wildcard bench/*.c))
BENCH_OBJ   := $(BENCH_SRC:%.c=$(BUILD)/%.o)
BENCH_PROG  := $(BUILD)/bench/sammbench
# The cached databases are named after a checksum of the generator, so
# editing bench/gen.c regenerates them.
BENCH_GEN_ID := $(shell cksum < bench/gen.c 2>/dev/null | cut -d' ' -f1)
BENCH_ARGS  ?=

$(BUILD)/bench/gen.o: CPPFLAGS += -DBENCH_GEN_ID='"$(BENCH_GEN_ID)"'

$(BENCH_PROG): $(BENCH_OBJ) $(LIBSAMM)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(BENCH_OBJ) $(LIBSAMM) $(CORE_LIBS) -lutil

.PHONY: bench-prog
bench-prog: $(BIN) $(BENCH_PROG)

bench:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BENCH_BUILD) CFLAGS="-O2 -g" bench-prog
	$(Q)$(BENCH_BUILD)/bench/sammbench --bin $(BENCH_BUILD)/sammtui \
	  --dir $(BENCH_BUILD)/data --out $(BENCH_BUILD)/bench.txt \
	  --ui-built $(if $(wildcard src/ui/*.c),1,0) $(BENCH_ARGS)
