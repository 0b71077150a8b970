// SPDX-License-Identifier: GPL-2.0
/*
 * Starting a group: tp_btf or its raw_tp twin per tracepoint, a retry
 * without each program that fails, attach one by one, and the reasons.
 */
#define _GNU_SOURCE
#include "probes/bpf/bpf.h"

#include <bpf/bpf.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *ms_bpf_fault;

/* What libbpf said about the last failure: the program and why. */
static struct {
	char prog[64];
	char why[96];
	bool verifier; /* why is the verifier's */
} lg;

static void set_why(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	if (n >= sizeof(lg.why))
		n = sizeof(lg.why) - 1;
	memcpy(lg.why, s, n);
	lg.why[n] = '\0';
}

/* The verifier's complaint: the last line before its statistics. */
static void verifier_why(const char *log)
{
	const char *end = strstr(log, "-- END PROG LOAD LOG --");
	const char *line = NULL, *p = log;

	while (p && *p && (!end || p < end)) {
		const char *nl = strchr(p, '\n');

		if (!nl || (end && nl > end))
			break;
		if (strncmp(p, "processed ", 10) &&
		    strncmp(p, "verification time", 17) &&
		    strncmp(p, "stack depth", 11) && nl > p)
			line = p;
		else if (line)
			break;
		p = nl + 1;
	}
	if (line)
		set_why(line, (size_t)(strchr(line, '\n') - line));
}

static void log_message(const char *msg)
{
	const char *q = strstr(msg, "prog '"), *e;

	if (!q || lg.prog[0] || !(e = strchr(q + 6, '\'')))
		return;
	snprintf(lg.prog, sizeof(lg.prog), "%.*s", (int)(e - q - 6), q + 6);
	if (e[1] == ':')
		set_why(e + 2, strlen(e + 2));
}

static int log_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char *msg;

	/* never the terminal: the explorer owns it */
	if (level == LIBBPF_DEBUG || vasprintf(&msg, fmt, ap) < 0)
		return 0;
	if (!lg.prog[0])
		log_message(msg);
	if (!lg.verifier && strstr(msg, "BEGIN PROG LOAD LOG")) {
		lg.verifier = true;
		verifier_why(strchr(msg, '\n') ? strchr(msg, '\n') + 1 : msg);
	}
	free(msg);
	return 0;
}

void ms_bpf_log_capture(void)
{
	libbpf_set_print(log_print);
}

/* ---- BTF ---------------------------------------------------------------- */

bool ms_bpf_has_func(const struct btf *btf, const char *name)
{
	return btf && btf__find_by_name_kind(btf, name, BTF_KIND_FUNC) > 0;
}

int ms_bpf_enum_names(const struct btf *btf, const char *enum_name,
		      const char *prefix, char (*out)[24], int max)
{
	int id = btf__find_by_name_kind(btf, enum_name, BTF_KIND_ENUM);
	size_t plen = strlen(prefix);
	const struct btf_type *t;
	const struct btf_enum *e;
	int n = 0;

	if (id <= 0)
		return -ENOENT;
	t = btf__type_by_id(btf, id);
	e = btf_enum(t);
	for (int i = 0; i < btf_vlen(t); i++) {
		const char *name = btf__name_by_offset(btf, e[i].name_off);

		if (!name || strncmp(name, prefix, plen) || e[i].val < 0 ||
		    e[i].val >= max)
			continue;
		/* a later alias wins (MIGRATE_PCPTYPES, MIGRATE_HIGHATOMIC) */
		snprintf(out[e[i].val], 24, "%s", name + plen);
		if (e[i].val + 1 > n)
			n = e[i].val + 1;
	}
	return n;
}

/*
 * Does this kernel take a tracing program of type at the BTF type id (0:
 * not in vmlinux's BTF)? A two-instruction program asks in microseconds;
 * errno says why not.
 */
static bool tracing_ok(enum bpf_attach_type type, int id)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	int fd;

	if (id <= 0) {
		errno = ENOENT;
		return false;
	}
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = type,
		    .attach_btf_id = (__u32)id);
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, NULL, "GPL", insns, 2, &o);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* Does this kernel take tp_btf programs on tp? (as libbpf-tools asks) */
static bool tp_btf_ok(const struct btf *btf, const char *tp)
{
	char name[128];

	snprintf(name, sizeof(name), "btf_trace_%s", tp);
	return tracing_ok(BPF_TRACE_RAW_TP,
			  btf__find_by_name_kind(btf, name, BTF_KIND_TYPEDEF));
}

/*
 * Does this kernel take an fentry/fexit program on func? A refusal inside
 * the group's object costs a reload of all of it (the reclaim group's
 * 1.2 s of verifying on 6.18, which refuses fentry on oom_kill_process).
 */
static bool trampoline_ok(const struct btf *btf, const char *func, bool exit)
{
	return tracing_ok(exit ? BPF_TRACE_FEXIT : BPF_TRACE_FENTRY,
			  btf__find_by_name_kind(btf, func, BTF_KIND_FUNC));
}

/* ---- Programs ------------------------------------------------------------ */

static const char *tracepoint(const struct bpf_program *p)
{
	const char *sec = bpf_program__section_name(p);
	const char *slash = strchr(sec, '/');

	return slash ? slash + 1 : sec;
}

static bool is_btf(const struct bpf_program *p)
{
	return !strncmp(bpf_program__section_name(p), "tp_btf/", 7);
}

static bool is_raw(const struct bpf_program *p)
{
	return !strncmp(bpf_program__section_name(p), "raw_tp/", 7);
}

/* fentry/fexit programs (NAME_btf) have no twin: loaded when wanted. */
static bool is_single(const struct bpf_program *p)
{
	const char *sec = bpf_program__section_name(p);

	return !strncmp(sec, "fentry/", 7) || !strncmp(sec, "fexit/", 6);
}

static bool p_is_exit(const struct bpf_program *p)
{
	return !strncmp(bpf_program__section_name(p), "fexit/", 6);
}

/* The index of p's definition (its name without _btf/_raw), or -1. */
static int def_of(const struct ms_bpf_group *g, const char *name)
{
	size_t n = strlen(name);

	if (n < 4 ||
	    (strcmp(name + n - 4, "_btf") && strcmp(name + n - 4, "_raw")))
		return -1;
	for (int i = 0; g->ops->progs[i].name && i < MS_BPF_MAX_DEFS; i++)
		if (strlen(g->ops->progs[i].name) == n - 4 &&
		    !strncmp(g->ops->progs[i].name, name, n - 4))
			return i;
	return -1;
}

static bool faulty(const struct ms_bpf_group *g, int d)
{
	return ms_bpf_fault && !strcmp(ms_bpf_fault, g->ops->progs[d].name);
}

/*
 * The test hook: the verifier refuses the program (its first instruction
 * now reads far past the context); the length stays, so does line info.
 */
static void break_program(struct bpf_program *p)
{
	const struct bpf_insn bad = { .code = BPF_LDX | BPF_MEM | BPF_DW,
				      .dst_reg = BPF_REG_0,
				      .src_reg = BPF_REG_1,
				      .off = 0x7ff8 };
	size_t n = bpf_program__insn_cnt(p);
	struct bpf_insn *v = malloc(n * sizeof(*v));

	if (!v)
		return;
	memcpy(v, bpf_program__insns(p), n * sizeof(*v));
	v[0] = bad;
	bpf_program__set_insns(p, v, n);
	free(v);
}

/* Autoload one twin per wanted program; -ENOENT when none is left. */
static int choose(struct ms_bpf_group *g, struct bpf_object *obj,
		  const struct btf *btf, signed char *btf_ok)
{
	struct bpf_program *p;
	int n = 0;

	bpf_object__for_each_program(p, obj)
	{
		int d = def_of(g, bpf_program__name(p));
		const struct ms_bpf_prog_def *def;
		bool want, use_btf, load;

		if (d < 0) {
			bpf_program__set_autoload(p, false);
			continue;
		}
		def = &g->ops->progs[d];
		g->st[d].single = is_single(p);
		want = !g->st[d].off && (!def->wanted || def->wanted(btf));
		if (want && btf_ok[d] < 0 && is_single(p)) {
			btf_ok[d] =
				trampoline_ok(btf, tracepoint(p), p_is_exit(p));
			if (!btf_ok[d] && !faulty(g, d)) {
				g->st[d].off = true;
				snprintf(g->st[d].why, sizeof(g->st[d].why),
					 "load: %s", strerror(errno));
				want = false;
			}
		} else if (want && btf_ok[d] < 0) {
			btf_ok[d] = tp_btf_ok(btf, tracepoint(p));
		}
		use_btf = btf_ok[d] && !g->st[d].btf_failed;
		load = want && (is_single(p) || is_btf(p) == use_btf);
		bpf_program__set_autoload(p, load);
		if (faulty(g, d))
			break_program(p);
		n += load;
	}
	return n ? 0 : -ENOENT;
}

/* Turn off the program libbpf blamed (or fall back to its raw twin). */
static bool blame(struct ms_bpf_group *g)
{
	int d = def_of(g, lg.prog);
	size_t n = strlen(lg.prog);

	if (d < 0)
		return false;
	/* an fentry/fexit program has no raw twin to fall back to */
	if (!strcmp(lg.prog + n - 4, "_btf") && !g->st[d].btf_failed &&
	    !g->st[d].single) {
		g->st[d].btf_failed = true;
	} else {
		g->st[d].off = true;
		snprintf(g->st[d].why, sizeof(g->st[d].why), "load: %.88s",
			 lg.why[0] ? lg.why : "refused");
	}
	return true;
}

static void attach_all(struct ms_bpf_group *g)
{
	struct bpf_object *obj = g->ops->object(g->skel);
	struct bpf_program *p;

	bpf_object__for_each_program(p, obj)
	{
		int d = def_of(g, bpf_program__name(p));
		struct bpf_link *l;

		if (d < 0 || !bpf_program__autoload(p) ||
		    g->nr_links == MS_BPF_MAX_LINKS)
			continue;
		if (!is_raw(p))
			l = bpf_program__attach(p);
		else
			l = bpf_program__attach_raw_tracepoint(p,
							       tracepoint(p));
		if (!l) {
			g->st[d].off = true;
			snprintf(g->st[d].why, sizeof(g->st[d].why),
				 "attach: %s", strerror(errno));
			continue;
		}
		g->links[g->nr_links++] = l;
		g->fields |= g->ops->progs[d].fields;
	}
}

static int fail(struct ms_bpf_group *g, int err, const char *what)
{
	g->failed = true;
	snprintf(g->why, sizeof(g->why), "%s: %s", what,
		 lg.why[0] ? lg.why : strerror(err < 0 ? -err : err));
	return err < 0 ? err : -err;
}

/* Open, configure and load, retrying without each program that fails. */
static int load(struct ms_bpf_group *g, const struct btf *btf)
{
	const struct ms_bpf_group_ops *o = g->ops;
	signed char btf_ok[MS_BPF_MAX_DEFS];
	int err = 0;

	memset(btf_ok, -1, sizeof(btf_ok));
	for (int tries = 0; tries <= 2 * MS_BPF_MAX_DEFS; tries++) {
		void *skel = o->open(btf);

		memset(&lg, 0, sizeof(lg));
		if (!skel)
			return fail(g, -errno, "open");
		err = o->configure ? o->configure(g, skel, btf) : 0;
		if (!err)
			err = choose(g, o->object(skel), btf, btf_ok);
		if (!err)
			err = o->load(skel);
		if (!err) {
			g->skel = skel;
			return 0;
		}
		o->destroy(skel);
		if (err == -ENOENT || !blame(g))
			break;
	}
	return fail(g, err, err == -ENOENT ? "every program failed" : "load");
}

int ms_bpf_start(struct ms_bpf_group *g, const struct btf *btf)
{
	int err;

	memset(g->st, 0, sizeof(g->st));
	g->failed = false;
	g->why[0] = '\0';
	g->fields = 0;
	g->stats_t = 0;
	for (int i = 0; i < MS_BPF_MAX_LINKS; i++)
		g->ns_rate[i] = g->cnt_rate[i] = NAN;
	err = load(g, btf);
	if (err)
		return err;
	/* before the first event: memscope's own left out, or not */
	ms_bpf_self_set(g, g->self_include);
	attach_all(g);
	/* a field fed by two programs is only whole with both */
	for (int i = 0; g->ops->progs[i].name && i < MS_BPF_MAX_DEFS; i++)
		if (g->st[i].off)
			g->fields &= ~g->ops->progs[i].fields;
	if (!g->nr_links) {
		ms_bpf_stop(g);
		memset(&lg, 0, sizeof(lg));
		return fail(g, -ENOENT, "no program attached");
	}
	if (g->ops->init && (err = g->ops->init(g, btf))) {
		ms_bpf_stop(g);
		return fail(g, err, "init");
	}
	return 0;
}

void ms_bpf_stop(struct ms_bpf_group *g)
{
	if (g->ops->fini && g->priv)
		g->ops->fini(g);
	g->priv = NULL;
	for (int i = 0; i < g->nr_links; i++)
		bpf_link__destroy(g->links[i]);
	g->nr_links = 0;
	if (g->skel)
		g->ops->destroy(g->skel);
	g->skel = NULL;
	g->fields = 0;
	g->self_set = false;
}

void ms_bpf_notes(const struct ms_bpf_group *g, struct ms_snapshot *s)
{
	for (int i = 0; g->ops->progs[i].name && i < MS_BPF_MAX_DEFS; i++) {
		if (!g->st[i].off)
			continue;
		ms_snapshot_note_bpf(s, g->ops->progs[i].name, "%s",
				     g->st[i].why);
	}
}

double ms_bpf_rate(uint64_t cur, uint64_t prev, double dt)
{
	if (!(dt > 0) || cur < prev)
		return NAN;
	return (double)(cur - prev) / dt;
}

struct node_count {
	int n, max;
};

static int count_node(void *ctx, const char *name, unsigned char type)
{
	struct node_count *c = ctx;
	int id;
	char end;

	if (sscanf(name, "node%d%c", &id, &end) == 1 && id >= 0 &&
	    id < c->max && id + 1 > c->n)
		c->n = id + 1;
	return 0;
}

int ms_bpf_nr_nodes(const struct ms_root *root, int max)
{
	struct node_count c = { .max = max };

	ms_listdir(root, "sys/devices/system/node", count_node, &c);
	return c.n ? c.n : 1;
}

void ms_bpf_prog_stats(struct ms_bpf_group *g, struct ms_snapshot *s,
		       bool window)
{
	struct ms_bpf_info *bi = &s->bpf;
	double dt = g->stats_t && window ? s->t_mono - g->stats_t : NAN;
	struct bpf_program *p;
	int i = 0;

	bpf_object__for_each_program(p, g->ops->object(g->skel))
	{
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);
		struct ms_bpf_prog_stat *st;
		int fd = bpf_program__fd(p);

		if (fd < 0 || i == MS_BPF_MAX_LINKS ||
		    bpf_obj_get_info_by_fd(fd, &info, &len))
			continue;
		if (!isnan(dt)) {
			g->ns_rate[i] = ms_bpf_rate(info.run_time_ns,
						    g->stats_ns[i], dt);
			g->cnt_rate[i] =
				ms_bpf_rate(info.run_cnt, g->stats_cnt[i], dt);
		}
		if (bi->nr_progs < MS_BPF_PROGS) {
			st = &bi->progs[bi->nr_progs++];
			snprintf(st->name, sizeof(st->name), "%s",
				 bpf_program__name(p));
			snprintf(st->group, sizeof(st->group), "%s",
				 g->ops->name);
			st->run_ns = info.run_time_ns;
			st->run_cnt = info.run_cnt;
			st->ns_rate = g->ns_rate[i];
			st->cnt_rate = g->cnt_rate[i];
		}
		g->stats_ns[i] = info.run_time_ns;
		g->stats_cnt[i++] = info.run_cnt;
	}
	g->stats_t = s->t_mono;
}
