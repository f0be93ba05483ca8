/*
 * The guest's virtual clock: a page the VMM rewrites before every entry (seqlock), so the guest
 * reads virtual time, not host time: vtime = base + ((rdtsc - tsc_at_entry) * mult) >> 32, where
 * mult = guest-vtime nanoseconds per TSC tick << 32 (speed factor included). Time the vCPU spends
 * descheduled is not on this clock. Layout: must match LiveHost.CLOCK_* in kvm-binding.
 */
#ifndef LIVESTACK_CLOCK_H
#define LIVESTACK_CLOCK_H

#include <stdint.h>

#define LS_CLOCK_PAGE 0x5000UL

struct ls_clock_page
{
    volatile uint64_t seq;          /* odd while the VMM writes */
    volatile uint64_t base_vtime;   /* ns at the entry */
    volatile uint64_t tsc_at_entry; /* host TSC just before the entry */
    volatile uint64_t mult;         /* ns per tick << 32 */
};

static inline uint64_t ls_rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/** @return the guest's virtual time in nanoseconds. */
static inline uint64_t ls_vtime(void)
{
    const struct ls_clock_page *page = (const struct ls_clock_page *)LS_CLOCK_PAGE;
    uint64_t seq, base, tsc0, mult, tsc;
    do
    {
        seq = page->seq;
        __asm__ volatile("" ::: "memory");
        base = page->base_vtime;
        tsc0 = page->tsc_at_entry;
        mult = page->mult;
        tsc = ls_rdtsc();
        __asm__ volatile("" ::: "memory");
    }
    while ((seq & 1) || seq != page->seq);
    const uint64_t ticks = tsc > tsc0 ? tsc - tsc0 : 0;
    return base + (uint64_t)(((unsigned __int128)ticks * mult) >> 32);
}

#endif
