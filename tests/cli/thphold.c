// SPDX-License-Identifier: GPL-2.0
/*
 * A process holding an 8 MiB anonymous VMA aligned to 2 MiB, advised
 * MADV_HUGEPAGE and touched, for the folio sizes' live tests: prints the
 * VMA's start in hex, then waits to be killed.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define M (2UL << 20) /* PMD-size THP on x86-64 */

int main(void)
{
	char *p = mmap(NULL, 5 * M, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a;

	if (p == MAP_FAILED)
		return 1;
	a = (char *)(((uintptr_t)p + M - 1) & ~(M - 1));
	/* only the aligned 8 MiB stay: one VMA of its own */
	if (a > p)
		munmap(p, (size_t)(a - p));
	munmap(a + 4 * M, (size_t)(p + 5 * M - (a + 4 * M)));
	if (madvise(a, 4 * M, MADV_HUGEPAGE))
		return 1;
	for (size_t i = 0; i < 4 * M; i += 4096)
		a[i] = 1;
	printf("%lx\n", (unsigned long)(uintptr_t)a);
	fflush(stdout);
	for (;;)
		pause();
}
