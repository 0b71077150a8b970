// SPDX-License-Identifier: GPL-2.0
/*
 * maple.c - /proc/memscope/maple: write a PID, read the maple tree of its
 * address space, copied under mmap_read_lock and printed from the copy.
 */
#include "memscope.h"

#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/threads.h>

enum ms_slot_kind { MS_SLOT_CHILD, MS_SLOT_VMA, MS_SLOT_EMPTY, MS_SLOT_RSVD };

struct ms_mnode {
	unsigned long min, max;
	const void *addr; /* only printed, hashed by %p */
	int parent;
	u32 first_slot;
	u8 depth, type, nslots;
};

struct ms_mslot {
	unsigned long first, last;
	union {
		struct {
			void *enode; /* used during the walk only */
			unsigned long gap;
			int id;
		} child;
		struct {
			unsigned long start, end, flags;
		} vma;
	};
	u8 kind;
};

struct ms_msnap {
	pid_t pid;
	int map_count, vmas;
	unsigned int height, flags;
	bool truncated;
	u32 nr_nodes, nr_slots, cap_nodes, cap_slots;
	struct ms_mnode *nodes;
	struct ms_mslot *slots;
};

/* Per open file. The PID (own or global) is a struct pid reference. */
struct ms_maple_file {
	struct mutex lock; /* pid, nr, snap */
	struct pid *pid;
	pid_t nr;
	struct ms_msnap *snap;
};

/* The last PID written by anyone, for readers that wrote none. */
static DEFINE_MUTEX(ms_maple_lock);
static struct pid *ms_maple_pid;
static pid_t ms_maple_nr;

static const char ms_end_token[] = "end";

static void ms_snap_free(struct ms_msnap *s)
{
	if (!s)
		return;
	kvfree(s->nodes);
	kvfree(s->slots);
	kfree(s);
}

/* Walk stack frame: node id and the next slot to look at for a child. */
struct ms_frame {
	u32 id, next;
};

struct ms_walk {
	struct ms_msnap *s;
	struct mm_struct *mm;
	bool full; /* a node did not fit */
	struct ms_frame stack[MAPLE_HEIGHT_MAX + 1];
};

static void *ms_slot_read(struct ms_walk *w, void __rcu **slots, int i)
{
	/* Writers of mm_mt hold mmap_lock for writing; we hold it to read. */
	return rcu_dereference_protected(slots[i],
					 lockdep_is_held(&w->mm->mmap_lock));
}

static void ms_leaf_entry(struct ms_mslot *sl, void *entry)
{
	struct vm_area_struct *vma = entry;

	if (!entry) {
		sl->kind = MS_SLOT_EMPTY;
	} else if (xa_is_internal(entry)) {
		sl->kind = MS_SLOT_RSVD;
	} else {
		sl->kind = MS_SLOT_VMA;
		sl->vma.start = vma->vm_start;
		sl->vma.end = vma->vm_end;
		sl->vma.flags = vma->vm_flags;
	}
}

/*
 * Slots in use of a range node, as mt_dump() finds them: slot i ends at
 * pivot i (the last slot at the node's max); an unused pivot reads 0, and
 * the slot ending at max is the last one.
 */
static u8 ms_range_slots(struct ms_walk *w, struct ms_mnode *n,
			 unsigned long *pivots, u8 npiv, void __rcu **slots,
			 unsigned long *gaps, struct ms_mslot *out)
{
	unsigned long first = n->min, last;
	bool leaf = n->type == maple_leaf_64;
	u8 i;

	for (i = 0; i <= npiv; i++) {
		last = i < npiv ? pivots[i] : n->max;
		if ((i > 0 && last == 0) || last < first || last > n->max)
			break;
		out[i].first = first;
		out[i].last = last;
		if (leaf) {
			ms_leaf_entry(&out[i], ms_slot_read(w, slots, i));
		} else {
			out[i].kind = MS_SLOT_CHILD;
			out[i].child.enode = ms_slot_read(w, slots, i);
			out[i].child.gap = gaps ? gaps[i] : 0;
			out[i].child.id = -1;
			if (!out[i].child.enode)
				out[i].kind = MS_SLOT_EMPTY;
		}
		if (last == n->max)
			return i + 1;
		first = last + 1;
	}
	return i;
}

static u8 ms_dense_slots(struct ms_walk *w, struct ms_mnode *n,
			 void __rcu **slots, struct ms_mslot *out)
{
	u8 i;

	for (i = 0; i < MAPLE_NODE_SLOTS; i++) {
		out[i].first = out[i].last = n->min + i;
		ms_leaf_entry(&out[i], ms_slot_read(w, slots, i));
		if (n->min + i == n->max)
			return i + 1;
	}
	return i;
}

/* Fill the slots of node @n from the tree node @mn (type already set). */
static u8 ms_node_slots(struct ms_walk *w, struct ms_mnode *n,
			struct maple_node *mn, struct ms_mslot *out)
{
	switch (n->type) {
	case maple_dense:
		return ms_dense_slots(w, n, mn->slot, out);
	case maple_leaf_64:
	case maple_range_64:
		return ms_range_slots(w, n, mn->mr64.pivot,
				      MAPLE_RANGE64_SLOTS - 1, mn->mr64.slot,
				      NULL, out);
	case maple_arange_64:
		return ms_range_slots(w, n, mn->ma64.pivot,
				      MAPLE_ARANGE64_SLOTS - 1, mn->ma64.slot,
				      mn->ma64.gap, out);
	default:
		return 0; /* a type this module does not know */
	}
}

/* Append the node @enode covering min..max; its id, or -1 if it is full. */
static int ms_visit(struct ms_walk *w, void *enode, int parent, u8 depth,
		    unsigned long min, unsigned long max)
{
	struct ms_msnap *s = w->s;
	struct ms_mnode *n;

	if (s->nr_nodes == s->cap_nodes ||
	    s->cap_slots - s->nr_slots < MAPLE_NODE_SLOTS) {
		w->full = true;
		return -1;
	}
	n = &s->nodes[s->nr_nodes];
	n->min = min;
	n->max = max;
	n->addr = ms_mte_node(enode);
	n->parent = parent;
	n->depth = depth;
	n->type = ms_mte_type(enode);
	n->first_slot = s->nr_slots;
	n->nslots =
		ms_node_slots(w, n, ms_mte_node(enode), &s->slots[s->nr_slots]);
	s->nr_slots += n->nslots;
	return s->nr_nodes++;
}

/* The next child slot of the node on top of the stack, or NULL. */
static struct ms_mslot *ms_next_child(struct ms_walk *w, struct ms_frame *f)
{
	struct ms_mnode *n = &w->s->nodes[f->id];

	while (f->next < n->nslots) {
		struct ms_mslot *sl = &w->s->slots[n->first_slot + f->next++];

		if (sl->kind == MS_SLOT_CHILD)
			return sl;
	}
	return NULL;
}

/* Depth-first pre-order copy of the tree; caller holds mmap_read_lock. */
static void ms_walk_tree(struct ms_walk *w, struct maple_tree *mt)
{
	void *root = rcu_dereference_protected(
		mt->ma_root, lockdep_is_held(&w->mm->mmap_lock));
	int top = 0, id;

	/* NULL: empty tree; a non-node root holds only index 0 (never a VMA). */
	if (!xa_is_node(root))
		return;
	id = ms_visit(w, root, -1, 0, 0, ULONG_MAX);
	if (id < 0)
		return;
	w->stack[0] = (struct ms_frame){ .id = id };
	while (top >= 0) {
		struct ms_frame *f = &w->stack[top];
		struct ms_mslot *sl = ms_next_child(w, f);
		u8 depth = w->s->nodes[f->id].depth;

		if (!sl) {
			top--;
			continue;
		}
		if (top == MAPLE_HEIGHT_MAX)
			break; /* deeper than any valid tree */
		id = ms_visit(w, sl->child.enode, f->id, depth + 1, sl->first,
			      sl->last);
		if (id < 0)
			return;
		sl->child.id = id;
		w->stack[++top] = (struct ms_frame){ .id = id };
		if (!(w->s->nr_nodes % 256))
			cond_resched();
	}
}

/* The VMA iterator's count (for_each_vma() is this loop; 6.1+). */
static int ms_count_vmas(struct mm_struct *mm)
{
	VMA_ITERATOR(vmi, mm, 0);
	int n = 0;

	while (vma_next(&vmi))
		n++;
	return n;
}

static int ms_snap_alloc(struct ms_msnap *s, u32 nodes, u32 slots)
{
	kvfree(s->nodes);
	kvfree(s->slots);
	s->cap_nodes = min_t(u32, nodes, MS_KMOD_MAPLE_MAX_NODES);
	s->cap_slots = min_t(u32, slots, MS_KMOD_MAPLE_MAX_SLOTS);
	s->nodes = kvmalloc_array(s->cap_nodes, sizeof(*s->nodes), GFP_KERNEL);
	s->slots = kvmalloc_array(s->cap_slots, sizeof(*s->slots), GFP_KERNEL);
	if (!s->nodes || !s->slots)
		return -ENOMEM;
	return 0;
}

/* One copy of the tree under the lock; -EAGAIN when it needs more room. */
static int ms_snap_fill(struct ms_walk *w)
{
	struct ms_msnap *s = w->s;
	int err;

	err = mmap_read_lock_killable(w->mm);
	if (err)
		return err;
	s->nr_nodes = s->nr_slots = 0;
	w->full = false;
	s->map_count = w->mm->map_count;
	s->height = mt_height(&w->mm->mm_mt);
	s->flags = w->mm->mm_mt.ma_flags;
	s->vmas = ms_count_vmas(w->mm);
	ms_walk_tree(w, &w->mm->mm_mt);
	mmap_read_unlock(w->mm);

	s->truncated = w->full;
	if (w->full && (s->cap_nodes < MS_KMOD_MAPLE_MAX_NODES ||
			s->cap_slots < MS_KMOD_MAPLE_MAX_SLOTS))
		return -EAGAIN;
	return 0;
}

/* Copy the tree of @mm, growing the arrays while it does not fit. */
static int ms_snap_take(struct ms_msnap *s, struct mm_struct *mm)
{
	/* Leaves hold each VMA and the gaps between them; nodes >= 6 slots. */
	u32 slots = 2 * (u32)max(READ_ONCE(mm->map_count), 0) + 64;
	u32 nodes = slots / 4 + 16;
	struct ms_walk *w;
	int err;

	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	w->s = s;
	w->mm = mm;
	do {
		err = ms_snap_alloc(s, nodes, slots + nodes);
		if (!err)
			err = ms_snap_fill(w);
		nodes *= 2;
		slots *= 2;
	} while (err == -EAGAIN && !fatal_signal_pending(current));
	kfree(w);
	return err == -EAGAIN ? -EINTR : err;
}

/* The task's mm, or -ESRCH (gone, no mm) / -EINVAL (kernel thread). */
static struct mm_struct *ms_pid_mm(struct pid *pid)
{
	struct task_struct *task = get_pid_task(pid, PIDTYPE_PID);
	struct mm_struct *mm;
	bool kthread;

	if (!task)
		return ERR_PTR(-ESRCH);
	kthread = task->flags & PF_KTHREAD;
	mm = get_task_mm(task);
	put_task_struct(task);
	if (kthread) {
		if (mm)
			mmput(mm);
		return ERR_PTR(-EINVAL);
	}
	return mm ? mm : ERR_PTR(-ESRCH);
}

/* The PID this file reads: its own, else the global one (referenced). */
static struct pid *ms_file_pid(struct ms_maple_file *f, pid_t *nr)
{
	struct pid *pid;

	if (f->pid) {
		*nr = f->nr;
		return get_pid(f->pid);
	}
	mutex_lock(&ms_maple_lock);
	pid = get_pid(ms_maple_pid);
	*nr = ms_maple_nr;
	mutex_unlock(&ms_maple_lock);
	return pid;
}

static int ms_file_snap(struct ms_maple_file *f)
{
	struct mm_struct *mm;
	struct ms_msnap *s;
	struct pid *pid;
	pid_t nr;
	int err;

	pid = ms_file_pid(f, &nr);
	if (!pid)
		return -ENODATA;
	mm = ms_pid_mm(pid);
	put_pid(pid);
	if (IS_ERR(mm))
		return PTR_ERR(mm) == -EINVAL ? -EINVAL : -ESRCH;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	err = s ? ms_snap_take(s, mm) : -ENOMEM;
	mmput(mm);
	if (err) {
		ms_snap_free(s);
		return err;
	}
	s->pid = nr;
	f->snap = s;
	return 0;
}

/* Records: 0 header, 1..nodes the nodes, then the end line. */
static void *ms_maple_at(struct ms_msnap *s, loff_t pos)
{
	if (pos == 0)
		return SEQ_START_TOKEN;
	if (pos <= s->nr_nodes)
		return &s->nodes[pos - 1];
	if (pos == s->nr_nodes + 1)
		return (void *)ms_end_token;
	return NULL;
}

static void *ms_maple_start(struct seq_file *m, loff_t *pos)
{
	struct ms_maple_file *f = m->private;
	int err;

	mutex_lock(&f->lock);
	if (!f->snap) {
		err = ms_file_snap(f);
		if (err)
			return ERR_PTR(err);
	}
	return ms_maple_at(f->snap, *pos);
}

static void *ms_maple_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct ms_maple_file *f = m->private;

	++*pos;
	return ms_maple_at(f->snap, *pos);
}

static void ms_maple_stop(struct seq_file *m, void *v)
{
	struct ms_maple_file *f = m->private;

	mutex_unlock(&f->lock);
}

static void ms_maple_header(struct seq_file *m, struct ms_msnap *s)
{
	seq_puts(m, MS_KMOD_FMT_MAPLE "\n");
	seq_printf(m, "pid %d\n", s->pid);
	seq_printf(m, "map_count %d\n", s->map_count);
	seq_printf(m, "vmas %d\n", s->vmas);
	seq_printf(m, "height %u\n", s->height);
	seq_printf(m, "tree_flags 0x%x\n", s->flags);
	seq_printf(m, "nodes %u\n", s->nr_nodes);
	seq_printf(m, "slots %u\n", s->nr_slots);
	seq_printf(m, "truncated %d\n", s->truncated);
}

static const char *ms_type_name(u8 type)
{
	switch (type) {
	case maple_dense:
		return "dense";
	case maple_leaf_64:
		return "leaf_64";
	case maple_range_64:
		return "range_64";
	case maple_arange_64:
		return "arange_64";
	default:
		return "unknown";
	}
}

static void ms_put_slot(struct seq_file *m, int id, int i,
			const struct ms_mslot *sl)
{
	unsigned long fl = sl->vma.flags;

	seq_printf(m, "slot %d %d 0x%lx 0x%lx ", id, i, sl->first, sl->last);
	switch (sl->kind) {
	case MS_SLOT_CHILD:
		seq_printf(m, "child %d\n", sl->child.id);
		break;
	case MS_SLOT_VMA:
		seq_printf(m, "vma 0x%lx 0x%lx %c%c%c%c 0x%lx\n", sl->vma.start,
			   sl->vma.end, fl & VM_READ ? 'r' : '-',
			   fl & VM_WRITE ? 'w' : '-', fl & VM_EXEC ? 'x' : '-',
			   fl & VM_MAYSHARE ? 's' : 'p', fl);
		break;
	case MS_SLOT_EMPTY:
		seq_puts(m, "empty\n");
		break;
	default:
		seq_puts(m, "reserved\n");
		break;
	}
}

static void ms_maple_node(struct seq_file *m, struct ms_msnap *s,
			  const struct ms_mnode *n)
{
	int id = n - s->nodes, i, npiv;
	const struct ms_mslot *sl = &s->slots[n->first_slot];

	seq_printf(m, "node %d %d %u %s 0x%lx 0x%lx %u %p\n", id, n->parent,
		   n->depth, ms_type_name(n->type), n->min, n->max, n->nslots,
		   n->addr);
	if (n->type != maple_dense) {
		npiv = n->type == maple_arange_64 ? MAPLE_ARANGE64_SLOTS - 1 :
						    MAPLE_RANGE64_SLOTS - 1;
		seq_printf(m, "pivots %d", id);
		for (i = 0; i < min_t(int, n->nslots, npiv); i++)
			seq_printf(m, " 0x%lx", sl[i].last);
		seq_putc(m, '\n');
	}
	if (n->type == maple_arange_64) {
		/* Set for every slot of an internal node, empty ones too. */
		seq_printf(m, "gaps %d", id);
		for (i = 0; i < n->nslots; i++)
			seq_printf(m, " 0x%lx", sl[i].child.gap);
		seq_putc(m, '\n');
	}
	for (i = 0; i < n->nslots; i++)
		ms_put_slot(m, id, i, &sl[i]);
}

static int ms_maple_show(struct seq_file *m, void *v)
{
	struct ms_maple_file *f = m->private;

	if (v == SEQ_START_TOKEN)
		ms_maple_header(m, f->snap);
	else if (v == ms_end_token)
		seq_puts(m, "end\n");
	else
		ms_maple_node(m, f->snap, v);
	return 0;
}

static const struct seq_operations ms_maple_seq = {
	.start = ms_maple_start,
	.next = ms_maple_next,
	.stop = ms_maple_stop,
	.show = ms_maple_show,
};

/* Check a written PID: -ESRCH if unknown or without mm, -EINVAL kthread. */
static struct pid *ms_pid_check(pid_t nr)
{
	struct mm_struct *mm;
	struct pid *pid = find_get_pid(nr);

	if (!pid)
		return ERR_PTR(-ESRCH);
	mm = ms_pid_mm(pid);
	if (IS_ERR(mm)) {
		put_pid(pid);
		return ERR_CAST(mm);
	}
	mmput(mm);
	return pid;
}

static ssize_t ms_maple_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	struct ms_maple_file *f = ms_file_private(file);
	struct ms_msnap *old_snap;
	struct pid *pid, *old;
	struct ms_cmd cmd;
	u32 nr;
	int err;

	err = ms_cmd_read(&cmd, ubuf, len, MS_KMOD_MAPLE_CMD_MAX);
	if (err)
		return err;
	if (cmd.n != 1 || ms_cmd_u32(cmd.word[0], PID_MAX_LIMIT, &nr) || !nr)
		return -EINVAL;
	pid = ms_pid_check(nr);
	if (IS_ERR(pid))
		return PTR_ERR(pid);

	mutex_lock(&f->lock);
	old = f->pid;
	old_snap = f->snap;
	f->pid = get_pid(pid);
	f->nr = nr;
	f->snap = NULL;
	mutex_unlock(&f->lock);
	put_pid(old);
	ms_snap_free(old_snap);

	mutex_lock(&ms_maple_lock);
	old = ms_maple_pid;
	ms_maple_pid = pid; /* takes our reference */
	ms_maple_nr = nr;
	mutex_unlock(&ms_maple_lock);
	put_pid(old);
	return len;
}

static int ms_maple_open(struct inode *inode, struct file *file)
{
	struct ms_maple_file *f;

	f = __seq_open_private(file, &ms_maple_seq, sizeof(*f));
	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	return 0;
}

static int ms_maple_release(struct inode *inode, struct file *file)
{
	struct ms_maple_file *f = ms_file_private(file);

	ms_snap_free(f->snap);
	put_pid(f->pid);
	mutex_destroy(&f->lock);
	return seq_release_private(inode, file);
}

const struct proc_ops ms_maple_ops = {
	.proc_open = ms_maple_open,
	.proc_read_iter = seq_read_iter,
	.proc_write = ms_maple_write,
	.proc_lseek = seq_lseek,
	.proc_release = ms_maple_release,
};

/* After the proc entries are gone: no file can use the global PID. */
void ms_maple_exit(void)
{
	put_pid(ms_maple_pid);
	ms_maple_pid = NULL;
}
