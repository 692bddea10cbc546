/*
 * Start-up: the runtime's type data in huge pages.
 *
 * NativeAOT stores its type and method tables compressed ("dehydrated") and, at every start, writes them out (about
 * 12 MB) into the anonymous tail of the executable's writable segment (the part beyond the file: .hydrated and .bss).
 * Written 4 KB at a time, that is some 3,000 page faults, which were more than half of `wright --version`'s CPU time.
 * This constructor runs before the runtime starts (ELF constructors run before main) and asks the kernel for
 * transparent huge pages on the 2 MB-aligned interior of that tail: the rehydration then faults in a few 2 MB pages.
 * Nothing else changes: the image keeps its randomised address (the binary stays position-independent), the memory
 * keeps its protection, and the memory was going to be written in full anyway. When the kernel has no transparent huge
 * pages, has them off, or refuses the advice, madvise fails and nothing happens (the result is ignored on purpose).
 */
#define _GNU_SOURCE
#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#ifdef MADV_HUGEPAGE

/* The PMD size of 4 KB-page kernels on x86-64 and arm64; on a kernel with larger base pages the aligned interior is
 * empty or the advice is ignored. */
#define WRIGHT_HUGE_PAGE ((uintptr_t)2 << 20)

static int wright_advise_executable(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || segment->p_memsz <= segment->p_filesz)
            continue;
        uintptr_t tail = (uintptr_t)info->dlpi_addr + segment->p_vaddr + segment->p_filesz;
        uintptr_t end = (uintptr_t)info->dlpi_addr + segment->p_vaddr + segment->p_memsz;
        uintptr_t first = (tail + WRIGHT_HUGE_PAGE - 1) & ~(WRIGHT_HUGE_PAGE - 1);
        uintptr_t last = end & ~(WRIGHT_HUGE_PAGE - 1);
        if (last > first)
            (void)madvise((void *)first, last - first, MADV_HUGEPAGE);
    }
    return 1; /* the first object reported is the executable itself: stop there */
}

__attribute__((constructor)) static void wright_hydrated_huge_pages(void)
{
    dl_iterate_phdr(wright_advise_executable, NULL);
}

#endif
