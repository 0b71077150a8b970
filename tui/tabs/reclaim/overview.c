// SPDX-License-Identifier: GPL-2.0
/*
 * The Reclaim tab's overview: reclaim and vmstat counters summed over the
 * kernel's variants, PSI, MGLRU, THP, swap, zswap, zram, the vm sysctls
 * and the reclaim events' summary, in one or two scrolled columns.
 */
#include "tui/cut.h"
#include "tui/tabs/reclaim/reclaim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A scrolled screen of lines (tui/widgets.h) and the ui it draws for. */
struct page {
	struct ms_screen pg;
	const struct ms_ui *ui;
};

/* Screen row of the next line, or -1 when it is scrolled out of view. */
static int next_row(struct page *p)
{
	return ms_screen_next(&p->pg);
}

static void screen_title(struct page *p, const char *text)
{
	int y = next_row(p);

	p->pg.ui = p->ui; /* for its scroll bar */
	if (y >= 0)
		ms_title(p->pg.w, y, p->pg.r.x, p->pg.r.w, text, p->ui);
}

/* A line of trusted text in attribute a. */
static void screen_text(struct page *p, attr_t a, const char *text)
{
	int y = next_row(p);

	if (y >= 0)
		ms_put(p->pg.w, y, p->pg.r.x, p->pg.r.w, MS_LEFT, false, a,
		       text);
}

#define KEYW 28 /* key column of key/value lines */

/* "  key            value", the value escaped (it may come from sysfs). */
static void screen_kv_at(struct page *p, int indent, const char *key,
			 const char *val)
{
	int y = next_row(p), x = p->pg.r.x + indent, w = p->pg.r.w - indent;
	int keyw = KEYW - indent;
	char esc[256];

	if (y < 0 || w <= 0)
		return;
	/* a long key is cut, but always one blank before the value */
	/* keys are file names (khugepaged/, debug/zswap/): escape them */
	ms_put_esc(p->pg.w, y, x, keyw - 1, MS_LEFT, true, 0, key);
	ms_put_cut(p->pg.w, y, x + keyw, w - keyw, 0,
		   ms_esc(esc, sizeof(esc), val), p->ui);
}

static void screen_kv(struct page *p, const char *key, const char *val)
{
	screen_kv_at(p, 2, key, val);
}

/* The note explaining what is missing, or a fallback text. */
static void screen_note(struct page *p, const struct ms_snapshot *s,
			const char *what, const char *fallback)
{
	const char *why = ms_note_why(s, what);
	char buf[256], esc[200];
	int y = next_row(p);

	if (y < 0)
		return;
	if (why)
		snprintf(buf, sizeof(buf), "  %s: %s", what,
			 ms_esc(esc, sizeof(esc), why));
	else
		snprintf(buf, sizeof(buf), "  %s", fallback);
	ms_put(p->pg.w, y, p->pg.r.x, p->pg.r.w, MS_LEFT, false,
	       ms_attr(why ? MS_C_NOTE : MS_C_DIM), buf);
}

/* ---- vmstat counters, summed over the kernel's variants --------------- */

struct counter_row {
	const char *label;
	enum ms_vmsum key;
	const char *id; /* explain id */
};

static const struct counter_row reclaim_rows[] = {
	{ "pgscan kswapd", MS_VMSUM_PGSCAN_KSWAPD, "reclaim.vm.pgscan_kswapd" },
	{ "pgscan direct", MS_VMSUM_PGSCAN_DIRECT, "reclaim.vm.pgscan_direct" },
	{ "pgsteal kswapd", MS_VMSUM_PGSTEAL_KSWAPD,
	  "reclaim.vm.pgsteal_kswapd" },
	{ "pgsteal direct", MS_VMSUM_PGSTEAL_DIRECT,
	  "reclaim.vm.pgsteal_direct" },
	{ "allocstall", MS_VMSUM_ALLOCSTALL, "reclaim.vm.allocstall" },
	{ "oom_kill", MS_VMSUM_OOM_KILL, "reclaim.vm.oom_kill" },
};

static const struct counter_row fault_rows[] = {
	{ "pgfault", MS_VMSUM_PGFAULT, "reclaim.vm.pgfault" },
	{ "pgmajfault", MS_VMSUM_PGMAJFAULT, "reclaim.vm.pgmajfault" },
	{ "pswpin", MS_VMSUM_PSWPIN, "reclaim.vm.pswpin" },
	{ "pswpout", MS_VMSUM_PSWPOUT, "reclaim.vm.pswpout" },
	{ "workingset refault", MS_VMSUM_WORKINGSET_REFAULT,
	  "reclaim.vm.workingset_refault" },
	{ "workingset activate", MS_VMSUM_WORKINGSET_ACTIVATE,
	  "reclaim.vm.workingset_activate" },
};

static const struct counter_row compact_rows[] = {
	{ "compact_stall", MS_VMSUM_COMPACT_STALL, "reclaim.vm.compact_stall" },
	{ "compact_fail", MS_VMSUM_COMPACT_FAIL, "reclaim.vm.compact_fail" },
	{ "compact_success", MS_VMSUM_COMPACT_SUCCESS,
	  "reclaim.vm.compact_success" },
	{ "thp_fault_alloc", MS_VMSUM_THP_FAULT_ALLOC,
	  "reclaim.vm.thp_fault_alloc" },
	{ "thp_fault_fallback", MS_VMSUM_THP_FAULT_FALLBACK,
	  "reclaim.vm.thp_fault_fallback" },
};

#define ROWS(a) (int)(sizeof(a) / sizeof((a)[0]))

static int label_width(const struct page *p)
{
	int lw = p->pg.r.w - 2 - 1 - 13 - 1 - 11;

	return lw < 12 ? 12 : lw > 28 ? 28 : lw;
}

static void counter_header(struct page *p)
{
	int y = next_row(p);

	if (y >= 0)
		ms_putf(p->pg.w, y, p->pg.r.x, p->pg.r.w,
			ms_attr(MS_C_COLUMN_HEADER), "  %-*s %13s %11s",
			label_width(p), "counter", "total", "per second");
}

static void counter_line(struct page *p, const char *label, const char *val,
			 const char *rate, attr_t a)
{
	int y = next_row(p);

	if (y >= 0)
		ms_putf(p->pg.w, y, p->pg.r.x, p->pg.r.w, a, "  %-*s %13s %11s",
			label_width(p), label, val, rate);
}

static void counter_rows(struct page *p, const struct ms_reclaim *rc,
			 const struct counter_row *rows, int n)
{
	char val[32], rate[32];
	uint64_t v;
	double r;

	for (int i = 0; i < n; i++) {
		v = rc->sum[rows[i].key].value;
		r = rc->sum[rows[i].key].rate;
		ms_screen_tag(&p->pg, rows[i].id);
		/* oom kills and direct reclaim stalls deserve attention */
		/* a counter cannot go down: one that did was reset */
		if (rc->sum[rows[i].key].reset)
			snprintf(rate, sizeof(rate), "reset");
		else
			ms_fmt_rate(rate, sizeof(rate), r);
		counter_line(p, rows[i].label, ms_fmt_u64(val, sizeof(val), v),
			     rate,
			     !ms_have(v) ? ms_attr(MS_C_DIM) :
			     r > 0 && (rows[i].key == MS_VMSUM_OOM_KILL ||
				       rows[i].key == MS_VMSUM_ALLOCSTALL) ?
					   ms_attr(MS_C_WARNING) :
					   0);
	}
}

/* Pages reclaimed per page scanned since boot: low means hard work. */
static void efficiency_line(struct page *p, const struct ms_reclaim *rc,
			    const char *who, enum ms_vmsum scan,
			    enum ms_vmsum steal)
{
	char label[40], pct[16];
	uint64_t sc = rc->sum[scan].value, st = rc->sum[steal].value;

	snprintf(label, sizeof(label), "steal/scan %s", who);
	ms_screen_tag(&p->pg, "reclaim.vm.efficiency");
	ms_fmt_pct(pct, sizeof(pct),
		   ms_have(sc) && ms_have(st) && sc ?
			   100.0 * (double)st / (double)sc :
			   NAN);
	counter_line(p, label, pct, "", 0);
}

static void draw_counters(struct page *p, const struct ms_snapshot *s)
{
	const struct ms_kvlist *vm = &s->reclaim.vmstat;

	screen_title(p, "Reclaim (/proc/vmstat)");
	if (!vm->n) {
		screen_note(p, s, "vmstat", "no /proc/vmstat in this sample");
		return;
	}
	counter_header(p);
	counter_rows(p, &s->reclaim, reclaim_rows, ROWS(reclaim_rows));
	efficiency_line(p, &s->reclaim, "kswapd", MS_VMSUM_PGSCAN_KSWAPD,
			MS_VMSUM_PGSTEAL_KSWAPD);
	efficiency_line(p, &s->reclaim, "direct", MS_VMSUM_PGSCAN_DIRECT,
			MS_VMSUM_PGSTEAL_DIRECT);
	next_row(p);
	screen_title(p, "Faults, swap and refaults");
	counter_header(p);
	counter_rows(p, &s->reclaim, fault_rows, ROWS(fault_rows));
	next_row(p);
	screen_title(p, "Compaction and THP faults");
	counter_header(p);
	counter_rows(p, &s->reclaim, compact_rows, ROWS(compact_rows));
}

/* ---- PSI ------------------------------------------------------------- */

static void psi_line(struct page *p, const char *name,
		     const struct ms_psi_line *l)
{
	char a10[16], a60[16], a300[16], tot[32], rate[32];
	int y = next_row(p);

	if (y < 0)
		return;
	ms_fmt_double(a10, sizeof(a10), l->valid ? l->avg10 : NAN, 2);
	ms_fmt_double(a60, sizeof(a60), l->valid ? l->avg60 : NAN, 2);
	ms_fmt_double(a300, sizeof(a300), l->valid ? l->avg300 : NAN, 2);
	ms_fmt_double(tot, sizeof(tot), l->valid ? l->total / 1e6 : NAN, 1);
	if (l->valid)
		strcat(tot, "s");
	/* stall microseconds per second, shown as ms/s */
	if (l->valid && !isnan(l->total_rate))
		snprintf(rate, sizeof(rate), "+%.1fms/s", l->total_rate / 1e3);
	else
		snprintf(rate, sizeof(rate), "-");
	ms_putf(p->pg.w, y, p->pg.r.x, p->pg.r.w,
		l->valid && l->avg10 > 0 ? ms_attr(MS_C_WARNING) : 0,
		"  %-4s %6s %6s %6s %9s %10s", name, a10, a60, a300, tot, rate);
}

static void draw_psi(struct page *p, const struct ms_snapshot *s)
{
	const struct ms_reclaim *rc = &s->reclaim;
	int y;

	screen_title(p, "PSI memory (% of time stalled)");
	ms_screen_tag(&p->pg, "reclaim.psi.total");
	y = next_row(p);
	if (y >= 0)
		ms_putf(p->pg.w, y, p->pg.r.x, p->pg.r.w,
			ms_attr(MS_C_COLUMN_HEADER),
			"  %-4s %6s %6s %6s %9s %10s", "", "avg10", "avg60",
			"avg300", "total", "growth");
	ms_screen_tag(&p->pg, "reclaim.psi.some");
	psi_line(p, "some", &rc->psi_some);
	ms_screen_tag(&p->pg, "reclaim.psi.full");
	psi_line(p, "full", &rc->psi_full);
	if (!rc->psi_some.valid)
		screen_note(p, s, "psi", "no /proc/pressure/memory");
}

/* ---- MGLRU, THP ------------------------------------------------------ */

static void draw_mglru(struct page *p, const struct ms_snapshot *s)
{
	static const char *const bits[] = { "main", "mm_walk",
					    "nonleaf_young" };
	uint64_t en = s->reclaim.lru_gen_enabled;
	char buf[64], ttl[64];

	screen_title(p, "MGLRU (/sys/kernel/mm/lru_gen)");
	if (!ms_have(en)) {
		screen_note(p, s, "lru_gen", "not available");
		return;
	}
	snprintf(buf, sizeof(buf), "0x%04llx%s", (unsigned long long)en,
		 en & 7 ? "" : " (off)");
	ms_screen_tag(&p->pg, "reclaim.mglru.enabled");
	screen_kv(p, "enabled", buf);
	for (int i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "%s (0x%x)", bits[i], 1u << i);
		screen_kv_at(p, 4, buf, en & (1ull << i) ? "on" : "off");
	}
	ms_fmt_u64(ttl, sizeof(ttl), s->reclaim.lru_gen_min_ttl_ms);
	if (s->reclaim.lru_gen_min_ttl_ms == 0)
		strcat(ttl, " (off)");
	ms_screen_tag(&p->pg, "reclaim.mglru.min_ttl");
	screen_kv(p, "min_ttl_ms", ttl);
}

static void draw_thp(struct page *p, const struct ms_snapshot *s)
{
	const struct ms_reclaim *rc = &s->reclaim;
	char val[32];

	screen_title(p, "Transparent hugepages and khugepaged");
	if (!rc->thp_enabled[0]) {
		screen_note(p, s, "thp", "not available");
		return;
	}
	ms_screen_tag(&p->pg, "reclaim.thp.enabled");
	screen_kv(p, "enabled", rc->thp_enabled);
	ms_screen_tag(&p->pg, "reclaim.thp.defrag");
	screen_kv(p, "defrag", rc->thp_defrag[0] ? rc->thp_defrag : "-");
	ms_screen_tag(&p->pg, "reclaim.thp.shmem");
	screen_kv(p, "shmem_enabled", rc->thp_shmem[0] ? rc->thp_shmem : "-");
	if (rc->khugepaged.n)
		ms_screen_tag(&p->pg, "reclaim.thp.khugepaged");
	if (rc->khugepaged.n)
		screen_text(p, 0, "  khugepaged/");
	for (int i = 0; i < rc->khugepaged.n; i++)
		screen_kv_at(p, 4, rc->khugepaged.v[i].name,
			     ms_fmt_u64(val, sizeof(val),
					rc->khugepaged.v[i].value));
}

/* The explain id of an mTHP stat's group (explain.c). */
static const char *thp_stat_id(const char *name)
{
	static const char *const groups[][2] = {
		{ "anon_fault", "reclaim.thp.size.fault" },
		{ "nr_", "reclaim.thp.size.folios" },
		{ "split", "reclaim.thp.size.split" },
		{ "shmem", "reclaim.thp.size.shmem" },
		{ "sw", "reclaim.thp.size.swap" },
		{ "zsw", "reclaim.thp.size.swap" },
	};

	for (int i = 0; i < ROWS(groups); i++)
		if (!strncmp(name, groups[i][0], strlen(groups[i][0])))
			return groups[i][1];
	return "reclaim.thp.size.other";
}

/* Every mTHP size: its choices, then each stats/ file with its rate. */
static void draw_thp_sizes(struct page *p, const struct ms_snapshot *s)
{
	const struct ms_reclaim *rc = &s->reclaim;
	char line[96], val[32], rate[32];

	screen_title(p, "Multi-size THP (hugepages-NkB)");
	if (!rc->nr_thp_sizes) {
		screen_note(p, s, "thp_sizes", "none in this sample");
		return;
	}
	counter_header(p);
	for (int i = 0; i < rc->nr_thp_sizes; i++) {
		const struct ms_thp_size *t = &rc->thp_sizes[i];

		snprintf(line, sizeof(line), "  %llukB  enabled %s  shmem %s",
			 (unsigned long long)t->size_kb,
			 t->enabled[0] ? t->enabled : "-",
			 t->shmem_enabled[0] ? t->shmem_enabled : "-");
		ms_screen_tag(&p->pg, "reclaim.thp.size.enabled");
		screen_text(p, 0, line);
		for (int j = 0; j < t->stats.n; j++) {
			const struct ms_kv *k = &t->stats.v[j];

			if (k->reset)
				snprintf(rate, sizeof(rate), "reset");
			else
				ms_fmt_rate(rate, sizeof(rate), k->rate);
			snprintf(line, sizeof(line), "  %s", k->name);
			ms_screen_tag(&p->pg, thp_stat_id(k->name));
			counter_line(p, line,
				     ms_fmt_u64(val, sizeof(val), k->value),
				     rate, 0);
		}
	}
}

/* ---- swap, zswap, zram ----------------------------------------------- */

/* "  [bar....]  used / size  pct" below a device name. */
static void usage_line(struct page *p, uint64_t used, uint64_t size, bool bytes)
{
	char u[16], t[16], pct[16], tail[64];
	double frac = ms_have(used) && ms_have(size) && size ?
			      (double)used / (double)size :
			      NAN;
	int y = next_row(p), barw;

	if (y < 0)
		return;
	if (bytes) {
		ms_fmt_bytes(u, sizeof(u), used);
		ms_fmt_bytes(t, sizeof(t), size);
	} else {
		ms_fmt_kb(u, sizeof(u), used);
		ms_fmt_kb(t, sizeof(t), size);
	}
	snprintf(tail, sizeof(tail), " %s / %s %s", u, t,
		 ms_fmt_pct(pct, sizeof(pct), frac * 100));
	barw = p->pg.r.w - 6 - ms_text_width(tail);
	if (barw > 30)
		barw = 30;
	if (barw >= 4) { /* brackets keep an empty bar visible */
		ms_put(p->pg.w, y, p->pg.r.x + 4, 1, MS_LEFT, false, 0, "[");
		ms_bar(p->pg.w, y, p->pg.r.x + 5, barw, frac,
		       ms_attr(frac > 0.9 ? MS_C_BAR_LOW : MS_C_BAR), p->ui);
		ms_put(p->pg.w, y, p->pg.r.x + 5 + barw, 1, MS_LEFT, false, 0,
		       "]");
		barw += 2;
	} else {
		barw = 0;
	}
	ms_put(p->pg.w, y, p->pg.r.x + 4 + barw, p->pg.r.w - 4 - barw, MS_LEFT,
	       false, 0, tail);
}

static void draw_swaps(struct page *p, const struct ms_snapshot *s)
{
	const struct ms_reclaim *rc = &s->reclaim;
	char buf[4200], name[4096], tail[80], type[40];

	ms_screen_tag(&p->pg, "reclaim.swap.device");
	screen_title(p, "Swap devices (/proc/swaps)");
	if (!rc->nr_swaps) {
		screen_note(p, s, "swaps", "no swap devices");
		return;
	}
	for (int i = 0; i < rc->nr_swaps; i++) {
		const struct ms_swapdev *d = &rc->swaps[i];

		/* a swap file's path loses its middle, not its name */
		snprintf(tail, sizeof(tail), "  %s, priority %d",
			 ms_esc(type, sizeof(type), d->type), d->prio);
		ms_esc_path(name, sizeof(name), d->name,
			    p->pg.r.w - 2 - ms_text_width(tail), p->ui->utf8);
		snprintf(buf, sizeof(buf), "  %s%s", name, tail);
		screen_text(p, 0, buf);
		usage_line(p, d->used_kb, d->size_kb, false);
	}
}

/* stored pages over pool bytes, from the zswap debugfs statistics */
static void zswap_ratio(struct page *p, const struct ms_snapshot *s)
{
	const struct ms_kvlist *st = &s->reclaim.zswap_stats;
	uint64_t pages = ms_kv_get(st, "stored_pages");
	uint64_t pool = ms_kv_get(st, "pool_total_size");
	char buf[96], a[16], b[16];

	if (!ms_have(pages) || !ms_have(pool))
		return;
	if (!pool || !pages) {
		screen_kv(p, "compression ratio", "- (pool empty)");
		return;
	}
	snprintf(buf, sizeof(buf), "%.2fx (%s in %s)",
		 (double)pages * (double)s->slab.page_size / (double)pool,
		 ms_fmt_bytes(a, sizeof(a), pages * s->slab.page_size),
		 ms_fmt_bytes(b, sizeof(b), pool));
	screen_kv(p, "compression ratio", buf);
}

/* A zswap statistic; the *_size ones are bytes. */
static void stat_line(struct page *p, const struct ms_kv *kv)
{
	size_t n = strlen(kv->name);
	char val[64], b[16];

	ms_fmt_u64(val, sizeof(val), kv->value);
	if (n > 5 && !strcmp(kv->name + n - 5, "_size") && ms_have(kv->value))
		snprintf(val, sizeof(val), "%llu (%s)",
			 (unsigned long long)kv->value,
			 ms_fmt_bytes(b, sizeof(b), kv->value));
	screen_kv(p, kv->name, val);
}

static void draw_zswap(struct page *p, const struct ms_snapshot *s)
{
	const struct ms_reclaim *rc = &s->reclaim;
	char val[64], rate[32];
	uint64_t v;
	double r;

	screen_title(p, "zswap");
	if (!rc->zswap_enabled[0]) {
		screen_text(p, ms_attr(MS_C_DIM), "  not in this kernel");
		return;
	}
	ms_screen_tag(&p->pg, "reclaim.zswap.enabled");
	screen_kv(p, "enabled", rc->zswap_enabled);
	ms_screen_tag(&p->pg, "reclaim.zswap.compressor");
	screen_kv(p, "compressor", rc->zswap_compressor);
	if (rc->zswap_zpool[0])
		screen_kv(p, "zpool", rc->zswap_zpool);
	ms_screen_tag(&p->pg, "reclaim.zswap.max_pool");
	screen_kv(p, "max_pool_percent",
		  ms_fmt_u64(val, sizeof(val), rc->zswap_max_pool_percent));
	ms_screen_tag(&p->pg, "reclaim.zswap.ratio");
	zswap_ratio(p, s);
	if (rc->zswap_stats.n)
		ms_screen_tag(&p->pg, "reclaim.zswap.stats");
	for (int i = 0; i < rc->zswap_stats.n; i++)
		stat_line(p, &rc->zswap_stats.v[i]);
	if (!rc->zswap_stats.n && ms_note_why(s, "zswap_stats"))
		screen_note(p, s, "zswap_stats", "");
	for (int i = 0; i < 2; i++) {
		enum ms_vmsum k = i ? MS_VMSUM_ZSWPOUT : MS_VMSUM_ZSWPIN;
		const char *key = ms_vmsum_keys[k];

		v = rc->sum[k].value;
		r = rc->sum[k].rate;
		if (!ms_have(v))
			continue;
		ms_screen_tag(&p->pg, "reclaim.zswap.zswpinout");
		snprintf(val, sizeof(val), "%llu  %s", (unsigned long long)v,
			 ms_fmt_rate(rate, sizeof(rate), r));
		screen_kv(p, key, val);
	}
}

static void zram_device(struct page *p, const struct ms_zram *z)
{
	char buf[160], n[40], alg[40], d[16], o[16], c[16], u[16];

	ms_esc(n, sizeof(n), z->name);
	ms_esc(alg, sizeof(alg), z->comp_algorithm);
	snprintf(buf, sizeof(buf), "  %s  %s  disksize %s", n,
		 alg[0] ? alg : "-", ms_fmt_bytes(d, sizeof(d), z->disksize));
	ms_screen_tag(&p->pg, "reclaim.zram.device");
	screen_text(p, 0, buf);
	if (z->disksize == 0) {
		screen_text(p, ms_attr(MS_C_DIM), "    not initialised");
		return;
	}
	if (ms_have(z->orig_data_size) && ms_have(z->compr_data_size) &&
	    z->compr_data_size)
		snprintf(d, sizeof(d), "%.2fx",
			 (double)z->orig_data_size /
				 (double)z->compr_data_size);
	else
		snprintf(d, sizeof(d), "-");
	ms_screen_tag(&p->pg, "reclaim.zram.sizes");
	snprintf(buf, sizeof(buf), "    orig %s  compr %s  used %s  ratio %s",
		 ms_fmt_bytes(o, sizeof(o), z->orig_data_size),
		 ms_fmt_bytes(c, sizeof(c), z->compr_data_size),
		 ms_fmt_bytes(u, sizeof(u), z->mem_used_total), d);
	screen_text(p, 0, buf);
	if (ms_have(z->mem_limit) && z->mem_limit)
		usage_line(p, z->mem_used_total, z->mem_limit, true);
}

static void draw_zram(struct page *p, const struct ms_snapshot *s)
{
	screen_title(p, "zram");
	if (!s->reclaim.nr_zram) {
		screen_note(p, s, "zram", "no zram devices");
		return;
	}
	for (int i = 0; i < s->reclaim.nr_zram; i++)
		zram_device(p, &s->reclaim.zram[i]);
	if (ms_note_why(s, "zram"))
		screen_note(p, s, "zram", "");
	if (ms_note_why(s, "zram_devices"))
		screen_note(p, s, "zram_devices", "");
}

/* ---- vm sysctls ------------------------------------------------------ */

static void draw_sysctl(struct page *p, const struct ms_snapshot *s)
{
	const struct ms_kvlist *l = &s->reclaim.sysctl;
	uint64_t v;
	char buf[64], kb[16];

	screen_title(p, "vm sysctls");
	v = ms_kv_get(l, "min_free_kbytes");
	snprintf(buf, sizeof(buf), "%s", ms_fmt_u64(kb, sizeof(kb), v));
	if (ms_have(v))
		snprintf(buf, sizeof(buf), "%llu (%s)", (unsigned long long)v,
			 ms_fmt_kb(kb, sizeof(kb), v));
	ms_screen_tag(&p->pg, "reclaim.sysctl.min_free_kbytes");
	screen_kv(p, "min_free_kbytes", buf);
	/* the gap between watermarks, in 1/10000 of memory */
	v = ms_kv_get(l, "watermark_scale_factor");
	snprintf(buf, sizeof(buf), "%s", ms_fmt_u64(kb, sizeof(kb), v));
	if (ms_have(v))
		snprintf(buf, sizeof(buf), "%llu (%.2f%% of memory)",
			 (unsigned long long)v, (double)v / 100.0);
	ms_screen_tag(&p->pg, "reclaim.sysctl.watermark_scale_factor");
	screen_kv(p, "watermark_scale_factor", buf);
	ms_screen_tag(&p->pg, "reclaim.sysctl.other");
	for (int i = 0; i < l->n; i++) {
		if (!strcmp(l->v[i].name, "min_free_kbytes") ||
		    !strcmp(l->v[i].name, "watermark_scale_factor"))
			continue;
		screen_kv(p, l->v[i].name,
			  ms_fmt_u64(buf, sizeof(buf), l->v[i].value));
	}
	if (ms_note_why(s, "sysctl"))
		screen_note(p, s, "sysctl", "");
}

/* ---- the overview screen --------------------------------------------- */

static void left_column(struct page *p, const struct ms_snapshot *s,
			const struct reclaim_view *v)
{
	ms_live_reclaim_summary(&p->pg, s, &v->tl, p->ui);
	if (v->delayacct) /* on screen while memscope keeps it on */
		ms_screen_tag(&p->pg, "reclaim.delayacct");
	if (v->delayacct)
		screen_text(
			p, ms_attr(MS_C_WARNING),
			"  delays     accounting ON (D turns it off; d shows "
			"them)");
	next_row(p);
	draw_counters(p, s);
	next_row(p);
	draw_psi(p, s);
}

static void right_column(struct page *p, const struct ms_snapshot *s)
{
	draw_mglru(p, s);
	next_row(p);
	draw_thp(p, s);
	next_row(p);
	draw_thp_sizes(p, s);
	next_row(p);
	draw_swaps(p, s);
	next_row(p);
	draw_zswap(p, s);
	next_row(p);
	draw_zram(p, s);
	next_row(p);
	draw_sysctl(p, s);
}

void ms_reclaim_overview_draw(struct reclaim_view *v, WINDOW *w,
			      struct ms_rect r)
{
	struct page a = { .ui = v->base.ui }, b = { .ui = v->base.ui };
	struct ms_rect left = r, right = r;
	int total;

	if (r.w < 100) {
		ms_screen_begin(&a.pg, w, r, &v->scroll);
		left_column(&a, v->cur, v);
		next_row(&a);
		right_column(&a, v->cur);
		ms_screen_end(&a.pg);
		return;
	}
	/* two columns side by side, scrolled together */
	left.w = r.w / 2 - 1;
	right.x = r.x + r.w / 2 + 1;
	right.w = r.w - r.w / 2 - 1;
	ms_fill(w, r, ms_attr(MS_C_NORMAL));
	ms_screen_begin(&a.pg, w, left, &v->scroll);
	ms_screen_begin(&b.pg, w, right, &v->scroll);
	left_column(&a, v->cur, v);
	right_column(&b, v->cur);
	total = a.pg.n > b.pg.n ? a.pg.n : b.pg.n;
	b.pg.n = total; /* the right column ends it: its scroll bar */
	ms_screen_end(&b.pg);
}
