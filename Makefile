# memscope: build, run, test. `make help` lists the targets.
# Quiet by default; `make V=1` shows the commands.

BUILD ?= build
CC ?= cc
PKGS := ncursesw json-c inih libzstd
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lncursesw -ltinfo -ljson-c -linih -lzstd)
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)

# CFLAGS, CPPFLAGS, LDFLAGS and LDLIBS are the user's, from the environment
# or the command line, and are never changed here: a sub-make gets them as
# they came (appending to them doubled every flag there, and made the
# sub-make's build/config differ, rebuilding everything). memscope's own
# flags go around them in the MS_ ones.
CFLAGS ?= -O2 -g
MS_CFLAGS := $(CFLAGS) -std=gnu11 -Wall -Wextra -Werror \
	  -Wno-unused-parameter -Wshadow -Wformat=2 -Wstrict-prototypes \
	  -D_FORTIFY_SOURCE=2 -fstack-protector-strong
MS_CPPFLAGS = -I. -MMD -MP -DMS_VERSION=\"$(VERSION)\" $(PKG_CFLAGS) $(CPPFLAGS)
MS_LDFLAGS := $(LDFLAGS)
MS_LDLIBS = $(PKG_LIBS) -lm $(LDLIBS)

ifeq ($(SAN),1)
BUILD := build/asan
MS_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	  -fno-sanitize-recover=all $(filter-out -O2 -D_FORTIFY_SOURCE=2,$(MS_CFLAGS))
MS_CPPFLAGS := $(filter-out -D_FORTIFY_SOURCE=2,$(MS_CPPFLAGS))
MS_LDFLAGS += -fsanitize=address,undefined
endif

# make FUZZ=1: clang with libFuzzer's coverage, ASan and UBSan, in
# build/fuzz (tests/fuzz/; make fuzz runs it)
ifeq ($(FUZZ),1)
BUILD := build/fuzz
CC := clang
# clang-only warnings about idioms gcc's -Werror build accepts ({ NULL }
# sentinels, "--flag" + 2, vasprintf of libbpf's format) are not errors here
MS_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	  -fno-omit-frame-pointer -fno-sanitize-recover=all \
	  $(filter-out -O2 -D_FORTIFY_SOURCE=2,$(MS_CFLAGS)) \
	  -Wno-missing-field-initializers -Wno-format-nonliteral \
	  -Wno-string-plus-int
MS_CPPFLAGS := $(filter-out -D_FORTIFY_SOURCE=2,$(MS_CPPFLAGS))
MS_LDFLAGS += -fsanitize=address,undefined
endif

ifneq ($(V),1)
Q := @
endif

LIB_SRC := $(filter-out app/main.c,$(wildcard model/*.c store/*.c out/*.c app/*.c)) \
	   $(wildcard probes/*.c probes/*/*.c exp/*.c)

# The BPF backend (probes/bpf): *.bpf.c -> build/bpf/*.bpf.o -> *.skel.h.
# Built when clang, bpftool and libbpf are installed (deps.sh); without them
# probes/bpf/nobpf.c says so at run time and the rest builds as before.
BPF_OUT := build/bpf
BPFTOOL ?= $(or $(shell command -v bpftool 2>/dev/null),$(wildcard /usr/sbin/bpftool))
BPF_CC ?= clang
LLVM_STRIP ?= llvm-strip
HAVE_BPF ?= $(if $(and $(BPFTOOL),$(shell command -v $(BPF_CC) 2>/dev/null),$(shell pkg-config --exists libbpf 2>/dev/null && echo y)),1,0)
BPF_PROG_SRC := $(wildcard probes/bpf/*.bpf.c)
BPF_USER_SRC := $(filter-out $(BPF_PROG_SRC) probes/bpf/nobpf.c \
		probes/bpf/kallsyms.c probes/bpf/timens.c probes/bpf/pcmap.c,$(wildcard probes/bpf/*.c))
BPF_SKELS := $(BPF_PROG_SRC:probes/bpf/%.bpf.c=$(BPF_OUT)/%.skel.h)
BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
	      -I$(BPF_OUT) -Iprobes/bpf
ifeq ($(HAVE_BPF),1)
LIB_SRC := $(filter-out $(BPF_PROG_SRC) probes/bpf/nobpf.c,$(LIB_SRC))
MS_CPPFLAGS += -DMS_HAVE_BPF -I$(BPF_OUT)
MS_LDLIBS += -lbpf -lelf -lz
else
LIB_SRC := $(filter-out $(BPF_PROG_SRC) $(BPF_USER_SRC),$(LIB_SRC))
endif

# The taskstats backend (probes/taskstats) talks generic netlink through
# libnl-genl-3 (deps.sh); without it notaskstats.c says so at run time.
HAVE_LIBNL ?= $(shell pkg-config --exists libnl-genl-3.0 2>/dev/null && echo 1 || echo 0)
TS_SRC := $(filter-out probes/taskstats/notaskstats.c,$(wildcard probes/taskstats/*.c))
ifeq ($(HAVE_LIBNL),1)
LIB_SRC := $(filter-out probes/taskstats/notaskstats.c,$(LIB_SRC))
MS_CPPFLAGS += -DMS_HAVE_LIBNL $(shell pkg-config --cflags libnl-genl-3.0)
MS_LDLIBS += $(shell pkg-config --libs libnl-genl-3.0)
else
LIB_SRC := $(filter-out $(TS_SRC),$(LIB_SRC))
endif

# --serve (app/serve.c) answers HTTP through libmicrohttpd (deps.sh);
# without it app/noserve.c stands in and --serve says why.
HAVE_MHD ?= $(shell pkg-config --exists libmicrohttpd 2>/dev/null && echo 1 || echo 0)
ifeq ($(HAVE_MHD),1)
LIB_SRC := $(filter-out app/noserve.c,$(LIB_SRC))
MS_CPPFLAGS += -DMS_HAVE_MHD $(shell pkg-config --cflags libmicrohttpd)
MS_LDLIBS += $(shell pkg-config --libs libmicrohttpd)
else
LIB_SRC := $(filter-out app/serve.c,$(LIB_SRC))
endif

# What the objects are compiled and linked with, HAVE_BPF, HAVE_LIBNL and
# HAVE_MHD included: $(BUILD)/config holds it and every object depends on it, so
# installing or removing those packages, or another CC or flags, rebuilds
# them (the file is rewritten only when this changes).
CONFIG := HAVE_BPF=$(HAVE_BPF) HAVE_LIBNL=$(HAVE_LIBNL) HAVE_MHD=$(HAVE_MHD) CC=$(CC) \
	  CPPFLAGS=$(MS_CPPFLAGS) CFLAGS=$(MS_CFLAGS) LDFLAGS=$(MS_LDFLAGS) \
	  LDLIBS=$(MS_LDLIBS)
q = '$(subst ','\'',$(1))'

TUI_SRC := $(wildcard tui/*.c tui/tabs/*/*.c)
# tests/unit: fixture trees and hand-made data; tests/kernel: this
# machine's kernel (root, BTF, netlink), skipped where it cannot serve.
TEST_SRC := $(wildcard tests/unit/test_*.c)
KTEST_SRC := $(wildcard tests/kernel/test_*.c)

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ := $(TUI_SRC:%.c=$(BUILD)/%.o)
TESTS := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%) \
	 $(KTEST_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all run check unit tui-test bench clean help deps-run deps-check \
	fixtures format
.DELETE_ON_ERROR:

all: $(BUILD)/memscope

# Explain mode's translations (docs/explain.md): po/LANG.po -> .mo in
# $(BUILD)/locale, where memscope finds them when it runs from the build
# tree; installed, it looks in LOCALEDIR. `make pot` regenerates the
# template from the catalog (tui/explain.c, tui/tabs/*/explain*.c).
PREFIX ?= /usr/local
LOCALEDIR ?= $(PREFIX)/share/locale
PO := $(wildcard po/*.po)
MO := $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/memscope.mo)
all: $(MO)
$(BUILD)/tui/explain.o: MS_CPPFLAGS += -DMS_LOCALEDIR=\"$(LOCALEDIR)\"

$(BUILD)/locale/%/LC_MESSAGES/memscope.mo: po/%.po
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MSGFMT  $<")
	$(Q)msgfmt --check -o $@.$$$$ $< && mv $@.$$$$ $@

.PHONY: pot
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
		--add-comments=TRANSLATORS --package-name=memscope \
		--package-version=$(VERSION) --msgid-bugs-address= \
		-o po/memscope.pot tui/explain.c \
		$(sort $(wildcard tui/tabs/*/explain*.c))
	@# the texts are not printf formats, "100% in" included
	sed -i '/^#, c-format$$/d' po/memscope.pot
	for p in $(PO); do msgmerge -q -U --backup=none $$p po/memscope.pot; done

$(BUILD)/%.o: %.c $(BUILD)/config
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(MS_CPPFLAGS) $(MS_CFLAGS) -c -o $@ $<

# Made anew: ar r keeps members whose source moved or went away (or of
# another configuration: nobpf.o beside the BPF objects), and the linker
# may take their stale copies of a symbol.
$(BUILD)/libmemscope.a: $(LIB_OBJ)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/memscope: $(BUILD)/app/main.o $(TUI_OBJ) $(BUILD)/libmemscope.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(MS_LDFLAGS) -o $@ $^ $(MS_LDLIBS)

# Unit tests link the library; tests named test_tui_* also the TUI objects.
# test_explain also: it checks the catalog and its compiled translations.
$(BUILD)/tests/test_explain: tests/unit/test_explain.c $(TUI_OBJ) \
			     $(BUILD)/libmemscope.a $(MO)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(MS_CPPFLAGS) $(MS_CFLAGS) $(MS_LDFLAGS) -o $@ $< $(TUI_OBJ) \
		$(BUILD)/libmemscope.a $(MS_LDLIBS) -lcmocka

$(BUILD)/tests/test_tui_%: tests/unit/test_tui_%.c $(TUI_OBJ) $(BUILD)/libmemscope.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(MS_CPPFLAGS) $(MS_CFLAGS) $(MS_LDFLAGS) -o $@ $< $(TUI_OBJ) \
		$(BUILD)/libmemscope.a $(MS_LDLIBS) -lcmocka

# test_theme also links the theme code (tui/theme.c) and curses.
$(BUILD)/tests/test_theme: tests/unit/test_theme.c $(BUILD)/tui/theme.o \
			   $(BUILD)/libmemscope.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(MS_CPPFLAGS) $(MS_CFLAGS) $(MS_LDFLAGS) -o $@ $< \
		$(BUILD)/tui/theme.o $(BUILD)/libmemscope.a $(MS_LDLIBS) -lcmocka

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmemscope.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(MS_CPPFLAGS) $(MS_CFLAGS) $(MS_LDFLAGS) -o $@ $< \
		$(BUILD)/libmemscope.a $(MS_LDLIBS) -lcmocka

$(BUILD)/tests/kernel/%: tests/kernel/%.c $(BUILD)/libmemscope.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(MS_CPPFLAGS) $(MS_CFLAGS) $(MS_LDFLAGS) -o $@ $< \
		$(BUILD)/libmemscope.a $(MS_LDLIBS) -lcmocka

# vmlinux.h from this machine's BTF, else the committed copy (CO-RE
# relocates either at load time). Files appear whole: `make` and
# `make SAN=1` may run at once and share build/bpf.
$(BPF_OUT)/vmlinux.h:
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)if [ -r /sys/kernel/btf/vmlinux ]; then \
		$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c \
			> $@.$$$$; \
	else cp probes/bpf/vmlinux.h $@.$$$$; fi && mv $@.$$$$ $@

$(BPF_OUT)/%.bpf.o: probes/bpf/%.bpf.c $(BPF_OUT)/vmlinux.h \
		    $(wildcard probes/bpf/*.h)
	@$(if $(Q),echo "  BPF     $<")
	$(Q)$(BPF_CC) $(BPF_CFLAGS) -c $< -o $@.$$$$ && \
		$(LLVM_STRIP) -g $@.$$$$ && mv $@.$$$$ $@

# slab.bpf.c without the kfunc (probes/bpf/slab.c's slab_open)
$(BPF_OUT)/slab_old.bpf.o: probes/bpf/slab.bpf.c

$(BPF_OUT)/%.bpf.o: tests/bench/%.bpf.c $(BPF_OUT)/vmlinux.h
	@$(if $(Q),echo "  BPF     $<")
	$(Q)$(BPF_CC) $(BPF_CFLAGS) -c $< -o $@.$$$$ && \
		$(LLVM_STRIP) -g $@.$$$$ && mv $@.$$$$ $@

$(BPF_OUT)/%.skel.h: $(BPF_OUT)/%.bpf.o
	@$(if $(Q),echo "  SKEL    $@")
	$(Q)$(BPFTOOL) gen skeleton $< > $@.$$$$ && mv $@.$$$$ $@

.PRECIOUS: $(BPF_OUT)/%.bpf.o
ifeq ($(HAVE_BPF),1)
$(BPF_USER_SRC:%.c=$(BUILD)/%.o): $(BPF_SKELS)
$(BUILD)/bench/bpf_empty: $(BPF_OUT)/bench_empty.skel.h
# the BPF overhead section of make bench (tests/bench/bpf.sh)
bench: $(BUILD)/bench/bpfload $(BUILD)/bench/bpf_empty \
	$(BUILD)/bench/bpf_groups
endif

# Benchmark drivers and workloads (tests/bench/).
$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libmemscope.a
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(MS_CPPFLAGS) $(MS_CFLAGS) $(MS_LDFLAGS) -o $@ $< \
		$(BUILD)/libmemscope.a $(MS_LDLIBS)

# Hostile live processes for tests/hostile/ (odd names, churn, limits).
HOSTILE := $(BUILD)/hostile/hostile
$(BUILD)/hostile/%: tests/hostile/%.c $(BUILD)/config
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(MS_CPPFLAGS) $(MS_CFLAGS) $(MS_LDFLAGS) -o $@ $<

# Build and start memscope, installing missing Debian packages first.
# The build is a second make: HAVE_BPF and HAVE_LIBNL are decided when make
# reads this file, and this one read it before the packages were there.
# DEPS: the installer (tests/cli/test_build.sh puts a stand-in there).
DEPS ?= sh scripts/deps.sh
run: deps-run
	$(Q)$(MAKE) --no-print-directory all
	$(BUILD)/memscope $(ARGS)

deps-run:
	@$(DEPS) run

deps-check:
	@$(DEPS) check

# A test whose source moved or went away leaves its binary behind, which
# tests/run.sh would still run: removed.
STALE := $(filter-out $(TESTS) %.d,$(wildcard $(BUILD)/tests/test_* \
	   $(BUILD)/tests/kernel/test_*))
unit: $(TESTS)
	$(if $(STALE),$(Q)rm -f $(STALE) $(STALE:=.d))

# The libFuzzer binary of every parser (tests/fuzz/fuzz.c; FUZZ=1 build).
$(BUILD)/fuzz/fuzz: tests/fuzz/fuzz.c $(TUI_OBJ) $(BUILD)/libmemscope.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(CC) $(MS_CPPFLAGS) $(MS_CFLAGS) $(MS_LDFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(TUI_OBJ) $(BUILD)/libmemscope.a $(MS_LDLIBS)

# make fuzz: every target FUZZ_SECS (60) seconds; a crash lands in
# build/fuzz/out/TARGET/ (tests/fuzz/run.sh). TARGETS="smaps kmod" for some.
.PHONY: fuzz
fuzz: all
	$(Q)$(MAKE) --no-print-directory FUZZ=1 build/fuzz/fuzz/fuzz
	$(Q)sh tests/fuzz/run.sh $(TARGETS)

# Every test: unit tests, the same under ASan+UBSan, TUI tests in tmux.
check: deps-check
	$(Q)$(MAKE) --no-print-directory all unit $(HOSTILE)
	$(Q)$(MAKE) --no-print-directory SAN=1 all unit
	$(Q)sh tests/run.sh

# Costs as ratios against floors measured in the same run: writes
# docs/PERFORMANCE.md (root, a quiet machine). The maple row boots the lab
# VM (tests/bench/maple.sh builds what it needs there).
bench: deps-bench
	$(Q)$(MAKE) --no-print-directory all $(BUILD)/bench/sample_cost
	$(Q)sh tests/bench/bench.sh | tee docs/PERFORMANCE.md

# wrk for --serve's load test (tests/bench/serve.sh), and the rest bench needs
.PHONY: deps-bench
deps-bench:
	@$(DEPS) bench

# The soak (docs/testing.md): SOAK_SECS of the explorer at -d 0.1 through
# every tab under memory, process and slab churn; RSS and fds stay flat.
# make check runs a short one (tests/soak/test_soak.sh).
SOAK_SECS ?= 1800
.PHONY: soak
soak: all
	$(Q)SOAK_SECS=$(SOAK_SECS) sh tests/soak/soak.sh

# A day of memscope record --dir on libfaketime's clock, DAY_SPEED (120)
# times faster: 12 minutes (tests/soak/record_day.sh, docs/fleet.md).
.PHONY: soak-record
soak-record: deps-check
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh tests/soak/record_day.sh

# screenshots/*.png of every tab and its drill-down, from a run on the
# 2-node captured tree in tmux (scripts/screenshots.sh, ansi2png.py).
.PHONY: screenshots deps-shots
screenshots: deps-shots
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh scripts/screenshots.sh screenshots

deps-shots:
	@$(DEPS) shots

# The newcomer's make run on a minimal Debian 12 without any of memscope's
# packages (tests/fresh/fresh.sh: debootstrap, a clone of HEAD, chroot;
# root and Debian's archive, about 4 minutes). Not in make check: it
# downloads a whole system.
.PHONY: fresh deps-fresh
fresh: deps-fresh
	$(Q)sh tests/fresh/fresh.sh

deps-fresh:
	@$(DEPS) fresh

# Refresh the fixture tree of this machine (tests/fixtures/capture.sh).
fixtures:
	sh tests/fixtures/capture.sh tests/fixtures/local

# Every C file the project keeps is in kernel style (.clang-format): the
# product, the module, the BPF programs and the tests; vmlinux.h is
# generated. `make format` mends, `make format-check` (in make check) says.
C_FILES = $(filter-out probes/bpf/vmlinux.h,$(shell git ls-files '*.c' '*.h' \
	  2>/dev/null || find . -name '*.[ch]' -not -path './build/*'))
.PHONY: format-check
format:
	clang-format -i $(C_FILES)
format-check:
	@clang-format --dry-run --Werror $(C_FILES)

clean:
	rm -rf build

# make install PREFIX=/usr DESTDIR=/tmp/pkg: the binary, the man page,
# themes, translations, kernel module sources (for DKMS), bash completion,
# the recorder's systemd unit (dist/, not enabled), the Grafana dashboard
# and docs. The themes
# directory is compiled in (tui/theme.c), so build with the same PREFIX you
# install with (PREFIX, LOCALEDIR: above). UNITDIR: where the unit goes
# (debian/rules: Debian 12's /lib/systemd/system).
DATADIR = $(PREFIX)/share/memscope
UNITDIR ?= $(PREFIX)/lib/systemd/system
INSTALL ?= install
# the module's sources, kmod/uapi/ with them: installed and copied as laid out
KMOD_SRC := $(filter-out %.mod.c,$(wildcard kmod/*.c)) \
	    $(wildcard kmod/*.h kmod/uapi/*.h) kmod/Kbuild kmod/Makefile
KMOD_FILES := $(KMOD_SRC) kmod/dkms.conf kmod/README.md
MAN_PAGE := docs/memscope.1
DOC_FILES := README.md $(wildcard docs/*.md)
# build/locale/LANG/LC_MESSAGES/memscope.mo -> LOCALEDIR/LANG/...
mo_dest = $(patsubst $(BUILD)/locale/%,$(LOCALEDIR)/%,$(1))

# the objects with compiled-in directories are rebuilt when those change
$(BUILD)/datadir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR) $(LOCALEDIR)' | cmp -s - $@ 2>/dev/null || \
		echo '$(DATADIR) $(LOCALEDIR)' > $@
# every object is rebuilt when CONFIG (above) changes
$(BUILD)/config: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' $(call q,$(CONFIG)) | cmp -s - $@ 2>/dev/null || \
		printf '%s\n' $(call q,$(CONFIG)) > $@
$(BUILD)/tui/theme.o $(BUILD)/tui/explain.o: $(BUILD)/datadir
$(BUILD)/tui/theme.o: MS_CPPFLAGS += -DMS_DATADIR=\"$(DATADIR)\"
.PHONY: FORCE install uninstall
FORCE:

install: all
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/themes \
		$(DESTDIR)$(DATADIR)/kmod $(DESTDIR)$(DATADIR)/dashboards $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/doc/memscope $(DESTDIR)$(UNITDIR)
	$(INSTALL) -m 755 $(BUILD)/memscope $(DESTDIR)$(PREFIX)/bin/memscope
	$(INSTALL) -m 644 themes/*.theme themes/README.md $(DESTDIR)$(DATADIR)/themes/
	$(INSTALL) -m 644 dashboards/memscope.json $(DESTDIR)$(DATADIR)/dashboards/
	$(foreach f,$(KMOD_FILES),$(INSTALL) -D -m 644 $(f) $(DESTDIR)$(DATADIR)/$(f) &&) true
	$(INSTALL) -m 644 $(MAN_PAGE) $(DESTDIR)$(PREFIX)/share/man/man1/
	sed 's|@DATADIR@|$(DATADIR)|g' completion/memscope.bash > \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/memscope
	$(INSTALL) -m 644 $(DOC_FILES) $(DESTDIR)$(PREFIX)/share/doc/memscope/
	sed 's|/usr/bin/memscope|$(PREFIX)/bin/memscope|; s|/usr/share/doc|$(PREFIX)/share/doc|' \
		dist/memscope-record.service > \
		$(DESTDIR)$(UNITDIR)/memscope-record.service
	$(foreach mo,$(MO),$(INSTALL) -D -m 644 $(mo) $(DESTDIR)$(call mo_dest,$(mo));)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/memscope \
		$(DESTDIR)$(PREFIX)/share/man/man1/memscope.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/memscope \
		$(DESTDIR)$(UNITDIR)/memscope-record.service \
		$(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/memscope.mo
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(PREFIX)/share/doc/memscope

# The kernel module (kmod/README.md); KDIR=<kernel build tree> for another kernel.
.PHONY: kmod
kmod:
	$(MAKE) -C kmod $(if $(KDIR),KDIR=$(KDIR))

# The lab VM (tests/lab/README.md): Debian 12's 6.1 kernel (LAB_KERNEL=6.12:
# its 6.12) in QEMU, two NUMA nodes, memscope.ko built against the newest
# headers of that series that have their kernel in /boot, in
# build/lab/kmod-RELEASE (kmod/ keeps the build for the running kernel).
# build/lab/release names the kernel the VM boots; LAB_KDIR=<headers>
# picks a release by hand.
LAB ?= build/lab
LAB_KERNEL ?= 6.1
LAB_HGLOB = /usr/src/linux-headers-$(if $(filter 6.1,$(LAB_KERNEL)),6.1.0-*-amd64,$(LAB_KERNEL).*+deb12-amd64)
LAB_KDIR ?= $(lastword $(shell printf '%s\n' $(foreach h,$(wildcard $(LAB_HGLOB)),$(if \
		$(wildcard /boot/vmlinuz-$(notdir $(h:/usr/src/linux-headers-%=%))),$(h))) \
		| sort -V))
LAB_REL = $(patsubst linux-headers-%,%,$(notdir $(LAB_KDIR)))
LAB_KO = $(LAB)/kmod-$(LAB_REL)/memscope.ko
LAB_BINS := $(BUILD)/memscope $(BUILD)/bench/manyvmas $(LAB)/maplecheck \
	    $(LAB)/churn
LAB_JQ = $(shell command -v jq)
LAB_SESSION_SECS ?= 28800

.PHONY: lab lab-build lab-test lab-kernels deps-lab lab-kdir experiments

deps-lab:
	@$(DEPS) lab

lab-kdir:
	@test -d "$(LAB_KDIR)" || { echo "lab: no kernel headers" \
		"$(LAB_HGLOB) with their kernel (make deps-lab," \
		"or LAB_KDIR=...)"; exit 1; }

$(LAB)/kmod-%/memscope.ko: $(KMOD_SRC) | lab-kdir
	@mkdir -p $(dir $@)
	$(Q)cd kmod && cp -p --parents $(KMOD_SRC:kmod/%=%) $(abspath $(dir $@))
	$(Q)$(MAKE) --no-print-directory -C $(dir $@) KDIR=$(LAB_KDIR)

$(LAB)/maplecheck $(LAB)/churn: $(LAB)/%: tests/lab/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(MS_CFLAGS) $(MS_LDFLAGS) -o $@ $<

lab-build: $(LAB_KO) $(LAB_BINS)
	@echo $(LAB_REL) > $(LAB)/release

# Every module test in the VM on 6.1 and 6.12 (LAB_KERNEL=: one), no
# terminal needed; closes "N passed, N failed".
lab-test: deps-lab
	$(Q)sh tests/lab/test_kmod.sh

# memscope without the module on each of the lab's kernels (6.1, 6.12):
# a batch sample and the slab Free/s invariant under churn (make check
# runs it too).
lab-kernels: deps-lab
	$(Q)sh tests/lab/test_kernels.sh

# The seed chapter's experiments (docs/experiments.md), full runs in the
# lab VM; results and plots (gnuplot on the host) in docs/experiments/.
EXPS ?= frag,slab,mglru
experiments: deps-lab
	$(Q)$(MAKE) --no-print-directory lab-build
	$(Q)EXPS=$(EXPS) sh tests/lab/exp-vm.sh docs/experiments

# A lecturer's session: the VM with the module loaded and memscope on the
# console; quitting memscope leaves a shell, leaving that powers off.
lab: deps-lab
	$(Q)$(MAKE) --no-print-directory lab-build
	$(Q)rel=$$(cat $(LAB)/release) && tests/lab/vm.sh -i \
		-t $(LAB_SESSION_SECS) -k /boot/vmlinuz-$$rel \
		-m $(LAB)/kmod-$$rel/memscope.ko \
		$(foreach b,$(LAB_BINS),-b $(b)) $(if $(LAB_JQ),-b $(LAB_JQ)) \
		-f tests/lab/workload.sh -r tests/lab/session.sh \
		-o tests/lab/out/session

help:
	@echo "make            build $(BUILD)/memscope"
	@echo "make run        install missing packages, build, start (ARGS=...)"
	@echo "make check      install test packages, run every test"
	@echo "make bench      benchmarks (docs/PERFORMANCE.md)"
	@echo "make soak       the explorer for SOAK_SECS (1800) under churn: RSS, fds flat"
	@echo "make soak-record  a day of memscope record on a faked clock (12 min)"
	@echo "make fresh      make run on a minimal Debian 12 without the packages (root, ~4 min)"
	@echo "make SAN=1      sanitizer build in build/asan"
	@echo "make pot        regenerate po/memscope.pot, merge it into po/*.po"
	@echo "make kmod       build kmod/memscope.ko (KDIR=... for another kernel)"
	@echo "make screenshots  regenerate screenshots/*.png (tmux, python3-pil)"
	@echo "make install    install under PREFIX (/usr/local), DESTDIR for staging"
	@echo "make uninstall  remove what make install put there"
	@echo "make lab        the lab VM: Debian 6.1 (LAB_KERNEL=6.12), memscope.ko, memscope on the console"
	@echo "make lab-test   the module tests in the lab VM, 6.1 and 6.12 (part of make check)"
	@echo "make lab-kernels  memscope on the lab's 6.1 and 6.12 kernels (part of make check)"
	@echo "make experiments  the seed's experiments in the lab VM (docs/experiments/)"

-include $(shell find build -name '*.d' 2>/dev/null)
