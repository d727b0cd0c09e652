# toolbox.mk - the official OWASP SAMM Toolbox template, bundled in the
# binary as a byte array (like the model) for `export --toolbox`.
#
# It is read from TOOLBOX_DATA (beside the model's data folder) and never
# committed: SAMM_spreadsheet-2.0.10.xlsx, CC BY-SA 4.0, OWASP SAMM.  When
# it is missing the array is empty and `export --toolbox` says so.

TOOLBOX_DATA     ?= $(if $(SAMM_DATA),$(dir $(SAMM_DATA))toolbox,../shared/toolbox)
TOOLBOX_TEMPLATE ?= $(TOOLBOX_DATA)/SAMM_spreadsheet-2.0.10.xlsx
TOOLBOX_SRC      := $(wildcard $(TOOLBOX_TEMPLATE))

$(BUILD)/gen/bundled_toolbox.c: $(TOOLBOX_SRC) mk/toolbox.mk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GEN     $@")
	$(Q){ echo '/* generated from $(TOOLBOX_TEMPLATE) by mk/toolbox.mk: do not edit */'; \
	  echo 'const unsigned char samm_bundled_toolbox[] = {'; \
	  if [ -n "$(TOOLBOX_SRC)" ]; then od -An -v -tx1 $(TOOLBOX_SRC) | \
	    sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; fi; \
	  echo '0 };'; \
	  echo 'const unsigned long samm_bundled_toolbox_len = sizeof samm_bundled_toolbox - 1;'; \
	} > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/bundled_toolbox.o: $(BUILD)/gen/bundled_toolbox.c
	$(Q)$(CC) $(CFLAGS) -Wno-missing-prototypes -Wno-missing-variable-declarations -c -o $@ $<
