// SPDX-License-Identifier: GPL-2.0
/*
 * The kmod backend: memscope.ko's files (docs/kmod.md). Exact free lists per
 * zone for Buddy; on request a maple tree, the allocation probe, the slab
 * benchmark (a write, then the result read back from the same open file).
 */
#include "probes/kmod/kmod_parse.h"
#include "probes/probe.h"
#include "probes/procfs/buddy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KMOD_CAPS (MS_SEC_BIT(MS_SEC_BUDDY) | MS_SEC_KMOD)
#define LOAD_HINT "module not loaded (sudo insmod kmod/memscope.ko, or DKMS)"
/* CONFIG_MODULES=n: no insmod will do, the lab VM's kernel can */
#define NOMOD_HINT                                                         \
	"this kernel cannot load modules (no /proc/modules): try the lab " \
	"VM, make lab (tests/lab/README.md)"
#define TREE_HINT "module not loaded when this tree was captured"
#define TREE_NOMOD_HINT                                                   \
	"module not loaded when this tree was captured; no proc/modules " \
	"in it: its kernel may load none"
#define PROC_DIR "proc/" MS_KMOD_DIR "/"
#define BUDDY PROC_DIR MS_KMOD_FILE_BUDDY
#define MAPLE PROC_DIR MS_KMOD_FILE_MAPLE
#define ALLOC PROC_DIR MS_KMOD_FILE_PROBE
#define BENCH PROC_DIR MS_KMOD_FILE_BENCH
#define PAGEBLOCKS PROC_DIR MS_KMOD_FILE_PAGEBLOCKS
#define DEFAULT_COUNT 8 /* probe attempts per order */
#define DEFAULT_SIZE 256 /* benchmark object size */
#define DEFAULT_OBJECTS 10000 /* benchmark objects */
#define MAX_READ (64u << 20) /* the biggest maple dump is ~30 MB */

struct kmod {
	struct ms_buf buf;
	struct ms_kmod_alloc alloc;
};

/* Why a file of the module could not be used, for a note. */
static const char *errstr(int err)
{
	switch (-err) {
	case EACCES:
	case EPERM:
		return "needs root (/proc/memscope is root only)";
	case ENOENT:
	case EIO:
		return "memscope.ko was unloaded";
	default:
		return strerror(-err);
	}
}

static int kmod_detect(const struct ms_root *root, unsigned int *caps,
		       char *why, size_t len)
{
	struct ms_buf b = { 0 };
	char reason[160];
	int err;

	/* also on failure: the manager says why these are missing */
	*caps = KMOD_CAPS;
	if (!ms_exists(root, BUDDY)) {
		/* through the root: a tree says what its kernel could do */
		bool mods = ms_exists(root, "proc/modules");

		if (mods && root->capture_fd >= 0) /* a copy for the tree */
			ms_read(root, "proc/modules", &b);
		ms_buf_free(&b);
		snprintf(why, len, "%s",
			 root->live ? (mods ? LOAD_HINT : NOMOD_HINT) :
			 mods	    ? TREE_HINT :
				      TREE_NOMOD_HINT);
		return -ENOENT;
	}
	err = ms_read(root, BUDDY, &b);
	if (err)
		snprintf(why, len, "memscope.ko: %s", errstr(err));
	else if ((err = ms_kmod_version(b.data, b.len, MS_KMOD_FMT_BUDDY,
					reason, sizeof(reason))))
		snprintf(why, len, "memscope.ko: %s", reason);
	ms_buf_free(&b);
	return err;
}

static int kmod_open(struct ms_probe *p)
{
	p->priv = calloc(1, sizeof(struct kmod));
	return p->priv ? 0 : -ENOMEM;
}

static void kmod_close(struct ms_probe *p)
{
	struct kmod *k = p->priv;

	if (k)
		ms_buf_free(&k->buf);
	free(k);
	p->priv = NULL;
}

/* ---- writable files -------------------------------------------------- */

/* The file open for writing, or -errno and why in a note under what. */
static int open_rw(const struct ms_root *r, const char *rel,
		   struct ms_snapshot *s, const char *what)
{
	int fd = openat(r->dirfd, rel, O_RDWR | O_CLOEXEC | O_NOCTTY);

	if (fd < 0) {
		fd = -errno;
		ms_snapshot_note(s, what, "%s", errstr(fd));
	}
	return fd;
}

/* The same for an action (probe, benchmark): on the live system only. */
static int open_action(const struct ms_root *r, const char *rel,
		       struct ms_snapshot *s, const char *what,
		       const char *action)
{
	if (!r->live) {
		ms_snapshot_note(s, what, "a captured tree cannot run the %s",
				 action);
		return -EROFS;
	}
	return open_rw(r, rel, s, what);
}

/* One command in one write(), as the module wants it. */
static int write_cmd(int fd, const char *cmd)
{
	size_t n = strlen(cmd);
	ssize_t w = write(fd, cmd, n);

	if (w < 0)
		return -errno;
	return (size_t)w == n ? 0 : -EIO;
}

/* The whole result from offset 0: this open file's last command. */
static int read_back(int fd, struct ms_buf *b)
{
	ssize_t n;

	b->len = 0;
	for (;;) {
		if (b->cap - b->len < 4096) {
			size_t cap = b->cap ? b->cap * 2 : 65536;
			char *d;

			if (cap > MAX_READ)
				return -EFBIG;
			d = realloc(b->data, cap);
			if (!d)
				return -ENOMEM;
			b->data = d;
			b->cap = cap;
		}
		n = pread(fd, b->data + b->len, b->cap - b->len - 1,
			  (off_t)b->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	b->data[b->len] = '\0';
	return 0;
}

/* ---- Buddy ----------------------------------------------------------- */

/*
 * zoneinfo first, as procfs does: it lists the zones without free pages
 * too, and protection, promo and cma, which the module does not print.
 */
static void zoneinfo(const struct ms_root *r, struct kmod *k,
		     struct ms_snapshot *s)
{
	char why[128];
	int err = ms_read(r, "proc/zoneinfo", &k->buf);

	if (err) {
		ms_snapshot_note(s, "zoneinfo", "%s", strerror(-err));
		return;
	}
	err = ms_parse_zoneinfo(k->buf.data, k->buf.len, &s->buddy, why,
				sizeof(why));
	if (err) {
		s->buddy.nr_zones = 0;
		ms_snapshot_note(s, "zoneinfo", "%s", why);
	}
}

/*
 * Free blocks per order from /proc/buddyinfo, as procfs reads them: the
 * module's buddy file walks every free list under the zone lock (as
 * pagetypeinfo does), which only the per-type counts need.
 */
static int buddy_totals(const struct ms_root *r, struct kmod *k,
			struct ms_snapshot *s)
{
	char why[160];
	int err = ms_read(r, "proc/buddyinfo", &k->buf);

	if (err) {
		ms_snapshot_note(s, "buddyinfo", "%s", strerror(-err));
		return err;
	}
	err = ms_parse_buddyinfo(k->buf.data, k->buf.len, &s->buddy, why,
				 sizeof(why));
	if (err)
		ms_snapshot_note(s, "buddyinfo", "%s", why);
	return err;
}

/*
 * The zones, from the module when per-type counts are asked for (a zone's
 * page, batch, a recording), else from buddyinfo: returns 1 then, 0 when
 * the module's file fed them, or -errno.
 */
static int kmod_buddy(const struct ms_root *r, struct kmod *k, bool pagetypes,
		      struct ms_snapshot *s)
{
	struct ms_buddy *b = &s->buddy;
	struct ms_kmod_buddy_info info;
	char why[160];
	int err;

	b->nr_zones = b->nr_orders = b->nr_migrate = 0;
	b->pageblock_order = -1;
	zoneinfo(r, k, s);
	if (!pagetypes) {
		err = buddy_totals(r, k, s);
		if (err)
			b->nr_zones = b->nr_orders = 0;
		return err ? err : 1;
	}
	err = ms_read(r, BUDDY, &k->buf);
	if (err) {
		ms_snapshot_note(s, "buddy", "%s", errstr(err));
	} else {
		err = ms_kmod_parse_buddy(k->buf.data, k->buf.len, b, &info,
					  why, sizeof(why));
		if (err)
			ms_snapshot_note(s, "buddy", "memscope.ko: %s", why);
	}
	if (err) {
		b->nr_zones = b->nr_orders = b->nr_migrate = 0;
		return err;
	}
	if (info.capped)
		ms_snapshot_note(s, "buddy/capped",
				 "%d zone(s) have more than %llu free blocks: "
				 "their per-type counts are lower bounds",
				 info.capped,
				 (unsigned long long)info.walk_limit);
	return 0;
}

/* ---- Maple tree ------------------------------------------------------ */

static const char *maple_write_err(int err)
{
	if (err == -EINVAL)
		return "no user address space (a kernel thread?)";
	if (err == -ESRCH)
		return "no such process, or it is exiting";
	return errstr(err);
}

/* Write the pid, read the dump: the module snapshots it on that read. */
static int maple_live(const struct ms_root *r, struct kmod *k, int pid,
		      struct ms_snapshot *s)
{
	char cmd[MS_KMOD_MAPLE_CMD_MAX + 1];
	int fd, err;

	fd = open_rw(r, MAPLE, s, "maple");
	if (fd < 0)
		return fd;
	snprintf(cmd, sizeof(cmd), "%d\n", pid);
	err = write_cmd(fd, cmd);
	if (err) {
		ms_snapshot_note_pid(s, "maple", pid, "process %d: %s", pid,
				     maple_write_err(err));
	} else {
		err = read_back(fd, &k->buf);
		if (err)
			ms_snapshot_note_pid(
				s, "maple", pid, "process %d: %s", pid,
				err == -ESRCH ? "exited" : errstr(err));
	}
	close(fd);
	return err;
}

static int kmod_maple(const struct ms_root *r, struct kmod *k, int pid,
		      struct ms_snapshot *s)
{
	struct ms_maple *m = &s->maple;
	char why[160];
	int err;

	if (pid <= 0) {
		ms_snapshot_note(s, "maple", "no process asked for");
		return -EINVAL;
	}
	/* a captured tree holds the dump of the process it was taken of */
	err = r->live ? maple_live(r, k, pid, s) : ms_read(r, MAPLE, &k->buf);
	if (err) {
		if (!r->live)
			ms_snapshot_note(s, "maple", "not in this tree: %s",
					 strerror(-err));
		return err;
	}
	err = ms_kmod_parse_maple(k->buf.data, k->buf.len, m, why, sizeof(why));
	if (err) {
		ms_snapshot_note(s, "maple", "memscope.ko: %s", why);
		return err;
	}
	if (m->pid != pid) {
		ms_snapshot_note(s, "maple",
				 "this tree holds the maple tree of process "
				 "%d only",
				 m->pid);
		m->pid = m->nr_nodes = m->nr_slots = 0;
		return -ENOENT;
	}
	if (m->truncated)
		ms_snapshot_note(s, "maple/truncated",
				 "more than 65,536 nodes: the first %d shown",
				 m->nr_nodes);
	return 0;
}

/* ---- Allocation probe ------------------------------------------------ */

static void order_stats(struct ms_alloc_order *o, const struct ms_kmod_alloc *a)
{
	uint64_t sum = 0;

	o->attempts = a->nr;
	o->ok = a->ok;
	o->fail = a->fail;
	o->min_ns = o->max_ns = o->mean_ns = MS_NA;
	for (int i = 0; i < a->nr; i++) {
		uint64_t ns = a->att[i].ns;

		if (!ms_have(o->min_ns) || ns < o->min_ns)
			o->min_ns = ns;
		if (!ms_have(o->max_ns) || ns > o->max_ns)
			o->max_ns = ns;
		sum += ns;
	}
	if (a->nr)
		o->mean_ns = sum / (uint64_t)a->nr;
}

/* Probe one order on fd: write, read back, check it is ours. */
static int probe_order(int fd, struct kmod *k, const struct ms_alloc_probe *p,
		       int order, char *why, size_t len)
{
	struct ms_kmod_alloc *a = &k->alloc;
	char cmd[MS_KMOD_CMD_MAX + 1];
	int err;

	snprintf(cmd, sizeof(cmd), MS_KMOD_W_ORDER " %d " MS_KMOD_W_COUNT " %d",
		 order, p->count);
	if (p->node >= 0)
		snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd),
			 " " MS_KMOD_W_NODE " %d", p->node);
	err = write_cmd(fd, cmd);
	if (!err)
		err = read_back(fd, &k->buf);
	if (err == -EBUSY)
		snprintf(why, len, "rate limit: at most %d attempts a second",
			 MS_KMOD_PROBE_PER_SEC);
	else if (err)
		snprintf(why, len, "%s", errstr(err));
	if (err)
		return err;
	err = ms_kmod_parse_alloc(k->buf.data, k->buf.len, a, why, len);
	if (!err && (a->order != order || a->count != p->count)) {
		snprintf(why, len, "the result is of another probe");
		err = -EIO;
	}
	return err;
}

/* The module's bounds, from a read before any write. */
static int probe_bounds(int fd, struct kmod *k, struct ms_alloc_probe *p,
			const struct ms_request *req, char *why, size_t len)
{
	const struct ms_kmod_alloc *a = &k->alloc;
	int err = read_back(fd, &k->buf);

	if (err) {
		snprintf(why, len, "%s", errstr(err));
		return err;
	}
	err = ms_kmod_parse_alloc(k->buf.data, k->buf.len, &k->alloc, why, len);
	if (err)
		return err;
	if (!ms_have(a->max_order) || !ms_have(a->max_count) ||
	    a->max_order >= MS_MAX_ORDER) {
		snprintf(why, len, "no usable max_order or max_count");
		return -EINVAL;
	}
	p->max_order = (int)a->max_order;
	p->nr_orders = req->alloc_probe.max_order < 0 ||
				       req->alloc_probe.max_order >
					       p->max_order ?
			       p->max_order + 1 :
			       req->alloc_probe.max_order + 1;
	p->count = req->alloc_probe.count > 0 ? req->alloc_probe.count :
						DEFAULT_COUNT;
	if ((uint64_t)p->count > a->max_count)
		p->count = (int)a->max_count;
	return 0;
}

static int kmod_alloc(const struct ms_root *r, struct kmod *k,
		      const struct ms_request *req, struct ms_snapshot *s)
{
	struct ms_alloc_probe *p = &s->alloc_probe;
	char why[160] = "";
	int fd, err = 0, ran = 0;

	fd = open_action(r, ALLOC, s, "alloc_probe", "probe");
	if (fd < 0)
		return fd;
	p->node = req->alloc_probe.node < 0 ? -1 : req->alloc_probe.node;
	err = probe_bounds(fd, k, p, req, why, sizeof(why));
	for (int o = 0; !err && o < p->nr_orders; o++) {
		err = probe_order(fd, k, p, o, why, sizeof(why));
		if (!err) {
			order_stats(&p->order[o], &k->alloc);
			ran++;
		}
		p->order[o].err = err;
	}
	close(fd);
	if (err)
		ms_snapshot_note(
			s, "alloc_probe", "%s%s", why,
			ran ? " (the orders after it were not probed)" : "");
	if (err == -EINVAL && p->node >= 0 && !ran)
		ms_snapshot_note(s, "alloc_probe/node", "node %d is not online",
				 p->node);
	p->nr_orders = ran;
	return ran ? 0 : err;
}

/* ---- Slab benchmark ------------------------------------------------- */

static int kmod_bench(const struct ms_root *r, struct kmod *k,
		      const struct ms_request *req, struct ms_snapshot *s)
{
	unsigned int size = req->slab_bench.size ? req->slab_bench.size :
						   DEFAULT_SIZE;
	unsigned int count = req->slab_bench.count ? req->slab_bench.count :
						     DEFAULT_OBJECTS;
	char cmd[MS_KMOD_CMD_MAX + 1], why[160];
	int fd, err;

	fd = open_action(r, BENCH, s, "slab_bench", "benchmark");
	if (fd < 0)
		return fd;
	snprintf(cmd, sizeof(cmd), MS_KMOD_W_SIZE " %u " MS_KMOD_W_COUNT " %u",
		 size, count);
	err = write_cmd(fd, cmd);
	if (!err)
		err = read_back(fd, &k->buf);
	close(fd);
	if (err == -EINVAL)
		ms_snapshot_note(s, "slab_bench",
				 "size %u x count %u is outside the module's "
				 "bounds (1..%d bytes, 1..%d objects, %lu MiB)",
				 size, count, MS_KMOD_BENCH_MAX_SIZE,
				 MS_KMOD_BENCH_MAX_COUNT,
				 MS_KMOD_BENCH_MAX_BYTES >> 20);
	else if (err)
		ms_snapshot_note(s, "slab_bench", "%s", errstr(err));
	if (err)
		return err;
	err = ms_kmod_parse_bench(k->buf.data, k->buf.len, &s->slab_bench, why,
				  sizeof(why));
	if (err)
		ms_snapshot_note(s, "slab_bench", "memscope.ko: %s", why);
	return err;
}

/* ---- the physical memory map's migrate types ------------------------ */

/*
 * Each zone of the map (s->physmap, filled by the census before) gets the
 * migrate type of each of its blocks from the module; a zone the module
 * does not list, or lists with another span, gets none and a note.
 */
static void kmod_physmap(const struct ms_root *r, struct kmod *k,
			 struct ms_snapshot *s)
{
	struct ms_kmod_pageblocks pb = { 0 };
	char why[160];
	int err;

	if (!s->physmap.nr_zones)
		return; /* no map: its own note says why */
	err = ms_read(r, PAGEBLOCKS, &k->buf);
	if (err == -ENOENT) {
		ms_snapshot_note(s, "migratetypes", "memscope.ko: %s",
				 r->live ?
					 "no pageblocks file: an older module, "
					 "load this version's" :
					 "no pageblocks file in this tree");
		return;
	}
	if (err) {
		ms_snapshot_note(s, "migratetypes", "memscope.ko: %s",
				 errstr(err));
		return;
	}
	err = ms_kmod_parse_pageblocks(k->buf.data, k->buf.len, &pb, why,
				       sizeof(why));
	if (err)
		ms_snapshot_note(s, "migratetypes", "memscope.ko: %s", why);
	for (int i = 0; !err && i < s->physmap.nr_zones; i++) {
		struct ms_pm_zone *z = &s->physmap.zones[i];
		const struct ms_kmod_pb_zone *m = NULL;

		for (int j = 0; j < pb.nr; j++)
			if (pb.zones[j].node == z->node &&
			    !strcmp(pb.zones[j].zone, z->zone))
				m = &pb.zones[j];
		if (!m || m->start_pfn != z->start_pfn ||
		    ms_pm_set_types(z, m->map, m->len))
			ms_snapshot_note(s, "migratetypes",
					 "memscope.ko: node %d zone %s: %s",
					 z->node, z->zone,
					 m ? "another span than zoneinfo's" :
					     "not in its pageblocks file");
	}
	ms_kmod_pageblocks_free(&pb);
}

static int kmod_sample(struct ms_probe *p, const struct ms_request *req,
		       struct ms_snapshot *s)
{
	const struct ms_root *r = p->root;
	struct kmod *k = p->priv;
	unsigned int want = req->sections & p->owns, got = 0;
	int buddy = -1;

	if (want & MS_SEC_BIT(MS_SEC_BUDDY))
		buddy = kmod_buddy(r, k, req->pagetypes, s);
	if (buddy >= 0)
		got |= MS_SEC_BIT(MS_SEC_BUDDY);
	if ((want & MS_SEC_BIT(MS_SEC_MAPLE)) &&
	    !kmod_maple(r, k, req->maple_pid, s))
		got |= MS_SEC_BIT(MS_SEC_MAPLE);
	if ((want & MS_SEC_BIT(MS_SEC_ALLOC_PROBE)) &&
	    !kmod_alloc(r, k, req, s))
		got |= MS_SEC_BIT(MS_SEC_ALLOC_PROBE);
	if ((want & MS_SEC_BIT(MS_SEC_SLAB_BENCH)) && !kmod_bench(r, k, req, s))
		got |= MS_SEC_BIT(MS_SEC_SLAB_BENCH);
	if (req->sections & MS_SEC_BIT(MS_SEC_PHYSMAP))
		kmod_physmap(r, k, s);
	for (int i = 0; i < MS_SEC_COUNT; i++)
		if (got & MS_SEC_BIT(i))
			s->source[i] = p->ops->name;
	/* what was read says where the numbers came from */
	if (buddy == 1)
		s->source[MS_SEC_BUDDY] = "procfs";
	s->have |= got;
	return 0;
}

const struct ms_probe_ops ms_kmod_ops = {
	.name = "kmod",
	.priority = 20,
	.detect = kmod_detect,
	.open = kmod_open,
	.sample = kmod_sample,
	.close = kmod_close,
	.adds = MS_SEC_BIT(MS_SEC_PHYSMAP),
	.adds_note = "migratetypes",
};
