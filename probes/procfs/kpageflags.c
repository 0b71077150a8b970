// SPDX-License-Identifier: GPL-2.0
/*
 * The page scanner (kpageflags.h): each page's kind from its flags as
 * fs/proc/page.c stable_page_flags() writes them, counted per pageblock.
 */
#include "probes/procfs/kpageflags.h"

#include <endian.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#define BIT(b) (1ULL << MS_KPF_##b)

int ms_kpf_kind(uint64_t v)
{
	if (!v)
		return MS_CK_NOFLAGS;
	if (v & BIT(NOPAGE))
		return MS_CK_HOLE;
	/* since 4.19 every page of a free block (is_free_buddy_page()) */
	if (v & BIT(BUDDY))
		return MS_CK_FREE;
	if (v & BIT(HUGE))
		return MS_CK_HUGETLB;
	if (v & BIT(SLAB))
		return MS_CK_SLAB;
	if (v & BIT(PGTABLE))
		return MS_CK_PGTABLE;
	if (v & BIT(OFFLINE))
		return MS_CK_OFFLINE;
	if (v & BIT(RESERVED))
		return MS_CK_RESERVED;
	if (v & BIT(LRU)) {
		if (v & BIT(UNEVICTABLE))
			return MS_CK_UNEVICTABLE;
		/* the anon LRU lists hold what is swap-backed: shmem too */
		if (v & BIT(SWAPBACKED))
			return v & BIT(ANON) ? MS_CK_ANON : MS_CK_SHMEM;
		return MS_CK_FILE;
	}
	return MS_CK_OTHER;
}

static uint64_t block_end(const struct ms_kpf_scan *st, uint64_t pfn)
{
	uint64_t end = (pfn | (st->block_pages - 1)) + 1;

	if (!end) /* the last block of the pfns */
		end = UINT64_MAX;

	for (int i = 0; i < st->nr_cuts; i++)
		if (st->cuts[i] > pfn && st->cuts[i] < end)
			end = st->cuts[i];
	return end;
}

/* The run of free pages [st->frun, end) as the buddy's aligned blocks. */
static void free_run(struct ms_kpf_scan *st, uint64_t end)
{
	uint64_t p = st->frun;

	if (p == UINT64_MAX)
		return;
	st->frun = UINT64_MAX;
	while (p < end) {
		int o = 0;

		while (!(p & (1ULL << o)) && p + (2ULL << o) <= end && o < 62)
			o++;
		st->cur.free_order[o < MS_CK_ORDERS ? o : MS_CK_ORDERS - 1]++;
		p += 1ULL << o;
	}
}

static void start_block(struct ms_kpf_scan *st)
{
	st->frun = UINT64_MAX;
	memset(&st->cur, 0, sizeof(st->cur));
	st->cur.pfn = st->pfn;
	st->bend = block_end(st, st->pfn);
}

void ms_kpf_init(struct ms_kpf_scan *st, uint64_t pfn, uint64_t block_pages,
		 const uint64_t *cuts, int nr_cuts,
		 const struct ms_pfn_range *ram, int nr_ram,
		 void (*fn)(void *ctx, const struct ms_census_block *b),
		 void *ctx)
{
	memset(st, 0, sizeof(*st));
	st->pfn = pfn;
	st->cuts = cuts;
	st->nr_cuts = nr_cuts;
	st->ram = ram;
	st->nr_ram = nr_ram;
	/* a power of two, at least one page */
	st->block_pages = 1;
	while (st->block_pages < block_pages && st->block_pages < (1u << 30))
		st->block_pages <<= 1;
	st->fn = fn;
	st->ctx = ctx;
	st->head = -1;
	st->last_v = 0;
	st->last_kind = MS_CK_NOFLAGS;
	start_block(st);
}

void ms_kpf_flush(struct ms_kpf_scan *st)
{
	free_run(st, st->pfn < st->bend ? st->pfn : st->bend);
	if (st->cur.pages && st->fn)
		st->fn(st->ctx, &st->cur);
	start_block(st);
}

/*
 * Whether pfn is System RAM, and the next pfn where that may change.
 * Without ranges every page is.
 */
static bool in_ram(const struct ms_kpf_scan *st, uint64_t pfn, uint64_t *next)
{
	*next = UINT64_MAX;
	if (!st->nr_ram)
		return true;
	for (int i = 0; i < st->nr_ram; i++) {
		const struct ms_pfn_range *r = &st->ram[i];

		if (pfn < r->start) {
			*next = r->start;
			return false;
		}
		if (pfn < r->end) {
			*next = r->end;
			return true;
		}
	}
	return false;
}

/*
 * A page's kind given the compound head before it (*head, -1 none): a
 * tail page by itself may say less than its head (6.1 copies a THP
 * tail's own flags: no LRU).
 */
static int with_head(uint64_t v, int k, int *head)
{
	if (!(v & BIT(TAIL)))
		*head = v & BIT(HEAD) ? k : -1;
	else if ((k == MS_CK_OTHER || k == MS_CK_NOFLAGS) && *head >= 0)
		k = *head;
	return k;
}

void ms_kpf_pages(const void *buf, size_t n, unsigned char *kind, bool *thp)
{
	const unsigned char *p = buf;
	int head = -1;

	for (size_t i = 0; i < n; i++, p += 8) {
		uint64_t v;

		memcpy(&v, p, 8);
		v = le64toh(v);
		kind[i] = (unsigned char)with_head(v, ms_kpf_kind(v), &head);
		thp[i] = (v & BIT(THP)) && !(v & BIT(ZERO_PAGE));
	}
}

/* n pages of one RAM state from p, all in the block in progress. */
static void count(struct ms_kpf_scan *st, const unsigned char *p, uint64_t n,
		  bool ram)
{
	struct ms_census_block *b = &st->cur;

	b->pages += (uint32_t)n;
	if (!ram) {
		free_run(st, st->pfn);
		b->kind[MS_CK_HOLE] += (uint32_t)n;
		st->head = -1;
		return;
	}
	for (uint64_t i = 0; i < n; i++, p += 8) {
		uint64_t v;
		int k;

		memcpy(&v, p, 8);
		v = le64toh(v);
		if (v != st->last_v) {
			st->last_v = v;
			st->last_kind = ms_kpf_kind(v);
		}
		k = with_head(v, st->last_kind, &st->head);
		b->kind[k]++;
		if (k == MS_CK_FREE) {
			if (st->frun == UINT64_MAX)
				st->frun = st->pfn + i;
		} else if (st->frun != UINT64_MAX) {
			free_run(st, st->pfn + i);
		}
		if ((v & BIT(THP)) && !(v & BIT(ZERO_PAGE)))
			b->thp++;
	}
}

size_t ms_kpf_feed(struct ms_kpf_scan *st, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint64_t n = len / 8, done = 0;

	while (done < n) {
		uint64_t next, run;
		bool ram;

		if (st->pfn >= st->bend) {
			ms_kpf_flush(st);
		}
		ram = in_ram(st, st->pfn, &next);
		run = st->bend - st->pfn;
		if (next - st->pfn < run)
			run = next - st->pfn;
		if (n - done < run)
			run = n - done;
		count(st, p + done * 8, run, ram);
		done += run;
		st->pfn += run;
	}
	return (size_t)n;
}

int ms_kpf_read(int fd, uint64_t pfn, uint64_t *v, size_t n)
{
	size_t got = 0;

	if (pfn > UINT64_MAX / 8 - n)
		n = 0;
	while (got < n) {
		ssize_t r = pread(fd, (char *)(v + got), (n - got) * 8,
				  (off_t)((pfn + got) * 8));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r < 8)
			break;
		got += (size_t)r / 8;
	}
	memset(v + got, 0, (n - got) * 8);
	for (size_t i = 0; i < got; i++)
		v[i] = le64toh(v[i]);
	return 0;
}
