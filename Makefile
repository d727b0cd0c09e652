# sammtui - OWASP SAMM assessments in the terminal.
#
#   make            install missing packages, build ./sammtui
#   make run        install missing packages, build, open the default database
#   make check      install missing packages, build, run every test
#   make asan       the whole suite again, built with ASan + UBSan (build-asan/)
#   make valgrind   the core's unit tests under valgrind memcheck
#   make install / uninstall   (PREFIX, DESTDIR)
#
# V=1 shows the commands.  CFLAGS may be overridden; the flags the project
# needs are added with `override`.

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share/sammtui
PKG_CONFIG ?= pkg-config
INSTALL    ?= install

CFLAGS  ?= -O2 -g
WERROR  ?= -Werror
SAN     ?=
BUILD   ?= build

override CFLAGS  += -std=c11 -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral -Iinclude -Isrc -MMD -MP $(SAN) \
	$(shell $(PKG_CONFIG) --cflags ncursesw sqlite3 2>/dev/null)
override LDFLAGS += $(SAN)
CORE_LIBS := $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3) -lcsv -lm \
	$(shell $(PKG_CONFIG) --libs libzip expat 2>/dev/null || echo -lzip -lexpat)
UI_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)
TEST_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# ./sammtui for the default build, $(BUILD)/sammtui for the others.
BIN := $(if $(filter build,$(BUILD)),sammtui,$(BUILD)/sammtui)

CORE_SRC := $(sort $(wildcard src/core/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UI_SRC   := $(sort $(wildcard src/ui/*.c))
APP_SRC  := src/main.c $(CLI_SRC) $(UI_SRC)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/bundled_model.o $(BUILD)/gen/bundled_toolbox.o
APP_OBJ  := $(APP_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIBSAMM  := $(BUILD)/libsamm.a

.PHONY: all run check check-unit check-cli check-ui asan valgrind deps deps-test deps-valgrind \
	install uninstall clean bench fuzz
all: deps
	$(Q)$(MAKE) --no-print-directory $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

# The bundled model: data/samm-2.0.csv as a byte array, so an installed
# sammtui needs no data path.
$(BUILD)/gen/bundled_model.c: data/samm-2.0.csv
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GEN     $@")
	$(Q){ echo '/* generated from $< by the Makefile: do not edit */'; \
	  echo 'const unsigned char samm_bundled_model[] = {'; \
	  od -An -v -tx1 $< | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '};'; \
	  echo 'const unsigned long samm_bundled_model_len = sizeof samm_bundled_model;'; \
	} > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/bundled_model.o: $(BUILD)/gen/bundled_model.c
	$(Q)$(CC) $(CFLAGS) -Wno-missing-prototypes -Wno-missing-variable-declarations -c -o $@ $<

$(LIBSAMM): $(CORE_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BIN): $(APP_OBJ) $(LIBSAMM)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(APP_OBJ) $(LIBSAMM) $(UI_LIBS) $(CORE_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIBSAMM)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIBSAMM) $(TEST_LIBS) $(CORE_LIBS)

# ---- Packages -----------------------------------------------------------
deps:
	$(Q)sh mk/deps.sh build
deps-test:
	$(Q)sh mk/deps.sh test
deps-valgrind:
	$(Q)sh mk/deps.sh valgrind

# ---- Running and testing --------------------------------------------------
run: all
	./$(BIN)

check: deps-test
	$(Q)$(MAKE) --no-print-directory all-tests
	$(Q)sh tests/run-tests.sh $(BUILD) $(BIN) all

.PHONY: all-tests
all-tests: $(BIN) $(UNIT_BIN)

check-unit: all-tests
	$(Q)sh tests/run-tests.sh $(BUILD) $(BIN) unit
check-cli: all-tests
	$(Q)sh tests/run-tests.sh $(BUILD) $(BIN) cli
check-ui: all-tests
	$(Q)sh tests/run-tests.sh $(BUILD) $(BIN) ui

ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan: deps-test
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan SAN="$(ASAN_FLAGS)" CFLAGS="-O1 -g" all-tests
	$(Q)ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  sh tests/run-tests.sh build-asan build-asan/sammtui all

valgrind: deps-valgrind
	$(Q)$(MAKE) --no-print-directory BUILD=build-vg CFLAGS="-O1 -g" all-tests
	$(Q)VALGRIND="valgrind -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99" \
	  sh tests/run-tests.sh build-vg build-vg/sammtui unit

# ---- Installing -------------------------------------------------------------
install: deps
	$(Q)$(MAKE) --no-print-directory $(BIN)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(BINDIR)/sammtui
	$(INSTALL) -m 644 man/sammtui.1 $(DESTDIR)$(MANDIR)/man1/sammtui.1
	$(INSTALL) -m 644 data/samm-2.0.csv data/LICENSE-CC-BY-SA-4.0.txt data/MODEL-ATTRIBUTION.md \
	  $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sammtui $(DESTDIR)$(MANDIR)/man1/sammtui.1
	rm -f $(DESTDIR)$(DATADIR)/samm-2.0.csv $(DESTDIR)$(DATADIR)/LICENSE-CC-BY-SA-4.0.txt \
	  $(DESTDIR)$(DATADIR)/MODEL-ATTRIBUTION.md
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build build-asan build-vg build-bench build-fuzz sammtui

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Benchmark and fuzzing have their own fragments.
-include mk/bench.mk
-include mk/fuzz.mk
-include mk/toolbox.mk
