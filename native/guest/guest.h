/*
 * LiveStack guest runtime: C programs that run at CPL 3 in a LiveStack VM (kvm-binding LiveHost).
 *
 * Virtual clock: ls_vtime() (clock page at 0x5000, rewritten by the VMM before every entry).
 *
 * Memory map (guest physical = virtual, identity-mapped, user pages):
 *   0x1000-0x3fff  page tables            0x5000  clock page (clock.h)
 *   0x6000         hypercall page         0x7000  boot page: argc, then 64-bit args (LiveHost.args)
 *   0x10000..      the image (guest.ld)   0x3ff000 initial stack top, growing down
 *
 * Hypercall ABI (IOPL 3 lets ring 3 use `out`, which exits to the VMM as KVM_EXIT_IO):
 *   port 0x10  console byte                 port 0x11  exit with the byte as status
 *   port 0x12  doorbell: the byte is an operation; its arguments are in the hypercall page's
 *              arg[], its result in result, extra outputs in out[] (all 64-bit):
 *     LS_HC_SLEEP  arg0 = wake vtime (ns; LS_FOREVER: until a frame). The vCPU is BLOCKED, holding
 *                  no one back, until then or until a frame arrives. result 1 if a frame is
 *                  waiting, 0 on time-out.
 *     LS_HC_SEND   arg0 = destination address (index into the host's address book, LS_NIC_PEER for
 *                  the linked peer), arg1 = type, arg2 = buffer, arg3 = length. result 0 or < 0.
 *     LS_HC_RECV   arg0 = buffer, arg1 = capacity. result = frame length, LS_EAGAIN if none,
 *                  LS_E2BIG if it does not fit (it stays queued; out[3] = its length);
 *                  out[0] = type, out[1] = source address (LS_NIC_PEER if not in the book),
 *                  out[2] = visible vtime.
 *     LS_HC_WRITE  arg0 = buffer, arg1 = length: console output in one exit. result = length.
 * Errors: LS_EINVAL (buffer outside guest memory), LS_E2BIG, LS_ENOADDR (unknown address),
 * LS_ENONIC (no NIC bound), LS_EAGAIN.
 *
 * Build freestanding, general registers only (the VMM does not enable SSE: CR4.OSFXSR is clear):
 *   -ffreestanding -nostdlib -static -mgeneral-regs-only, linked with guest.ld at 0x10000, with
 *   crt0.c and libc.c. The result is an ELF executable the VMM loads (GuestImage).
 */
#ifndef LIVESTACK_GUEST_H
#define LIVESTACK_GUEST_H

#include <stddef.h>
#include <stdint.h>

#define LS_PORT_CONSOLE 0x10
#define LS_PORT_EXIT 0x11
#define LS_PORT_DOORBELL 0x12

#define LS_HC_SLEEP 1
#define LS_HC_SEND 2
#define LS_HC_RECV 3
#define LS_HC_WRITE 4

#define LS_EINVAL (-1)
#define LS_E2BIG (-2)
#define LS_ENOADDR (-3)
#define LS_ENONIC (-4)
#define LS_EAGAIN (-5)

#define LS_NIC_PEER (~0ULL)
#define LS_FOREVER (~0ULL)

#define LS_HYPERCALL_PAGE 0x6000UL
#define LS_BOOT_PAGE 0x7000UL

struct ls_hypercall
{
    volatile uint64_t arg[6];
    volatile int64_t result;
    volatile uint64_t out[4];
    /* stamps for exact accounting: TSC just before an exit and just after the guest resumes, with
       the clock page's seq of the entry it resumed in (the VMM charges exactly the time between) */
    volatile uint64_t exit_tsc;
    volatile uint64_t resume_tsc;
    volatile uint64_t resume_seq;
};

#define LS_CLOCK_PAGE 0x5000UL

/* The guest's virtual clock page, rewritten by the VMM before every entry (seqlock). */
struct ls_clock_page
{
    volatile uint64_t seq;          /* odd while the VMM writes */
    volatile uint64_t base_vtime;   /* ns at the entry */
    volatile uint64_t tsc_at_entry; /* host TSC where the guest's time in this entry starts */
    volatile uint64_t mult;         /* ns per tick << 32 */
};

struct ls_boot
{
    uint64_t argc;
    uint64_t arg[63];
};

struct ls_frame_info
{
    uint64_t type;
    uint64_t source;
    uint64_t visible_time;
    uint64_t length;
};

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

static inline uint64_t ls_rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline struct ls_hypercall *ls_hc(void)
{
    return (struct ls_hypercall *)LS_HYPERCALL_PAGE;
}

static inline const struct ls_clock_page *ls_clock(void)
{
    return (const struct ls_clock_page *)LS_CLOCK_PAGE;
}

/** Port output: an exit to the VMM, stamped on both sides so the VMM charges exactly the guest's time. */
static inline void ls_outb(unsigned short port, unsigned char value)
{
    struct ls_hypercall *hc = ls_hc();
    hc->exit_tsc = ls_rdtsc();
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port) : "memory");
    hc->resume_tsc = ls_rdtsc();
    hc->resume_seq = ls_clock()->seq;
}

/** Last value returned by ls_vtime (libc.c): the clock never goes back across entries. */
extern uint64_t ls_vtime_last;

/**
 * @return the guest's virtual time in nanoseconds: the entry's base plus the TSC ticks since the
 *         guest's time in this entry began (its own resume stamp, else the VMM's estimate), scaled.
 *         Time the vCPU spends descheduled between entries is not on this clock.
 */
static inline uint64_t ls_vtime(void)
{
    const struct ls_clock_page *page = ls_clock();
    const struct ls_hypercall *hc = ls_hc();
    uint64_t seq, base, tsc0, mult, tsc;
    do
    {
        seq = page->seq;
        __asm__ volatile("" ::: "memory");
        base = page->base_vtime;
        tsc0 = hc->resume_seq == seq ? hc->resume_tsc : page->tsc_at_entry;
        mult = page->mult;
        tsc = ls_rdtsc();
        __asm__ volatile("" ::: "memory");
    }
    while ((seq & 1) || seq != page->seq);
    const uint64_t ticks = tsc > tsc0 ? tsc - tsc0 : 0;
    uint64_t now = base + (uint64_t)(((unsigned __int128)ticks * mult) >> 32);
    if (now < ls_vtime_last)
    {
        now = ls_vtime_last;
    }
    ls_vtime_last = now;
    return now;
}

static inline int64_t ls_hypercall(unsigned char op)
{
    ls_outb(LS_PORT_DOORBELL, op);
    return ls_hc()->result;
}

/** @return boot argument i (LiveHost.args), or fallback if the host passed fewer. */
static inline uint64_t ls_arg(unsigned i, uint64_t fallback)
{
    const struct ls_boot *boot = (const struct ls_boot *)LS_BOOT_PAGE;
    return i < boot->argc && i < 63 ? boot->arg[i] : fallback;
}

/** Sleeps until virtual time wake_ns or a received frame. @return 1 if a frame is waiting. */
static inline int ls_sleep_until(uint64_t wake_ns)
{
    ls_hc()->arg[0] = wake_ns;
    return (int)ls_hypercall(LS_HC_SLEEP);
}

/** Sends a frame from the NIC. @return 0 or a negative LS_E* error. */
static inline int ls_nic_send(uint64_t address, uint32_t type, const void *buf, size_t len)
{
    struct ls_hypercall *hc = ls_hc();
    hc->arg[0] = address;
    hc->arg[1] = type;
    hc->arg[2] = (uint64_t)(uintptr_t)buf;
    hc->arg[3] = len;
    return (int)ls_hypercall(LS_HC_SEND);
}

/** Takes the next received frame. @return its length, LS_EAGAIN if none, or another LS_E* error. */
static inline int64_t ls_nic_recv(void *buf, size_t capacity, struct ls_frame_info *info)
{
    struct ls_hypercall *hc = ls_hc();
    hc->arg[0] = (uint64_t)(uintptr_t)buf;
    hc->arg[1] = capacity;
    const int64_t r = ls_hypercall(LS_HC_RECV);
    if (info)
    {
        info->type = hc->out[0];
        info->source = hc->out[1];
        info->visible_time = hc->out[2];
        info->length = hc->out[3];
    }
    return r;
}

static inline void ls_putc(char c)
{
    ls_outb(LS_PORT_CONSOLE, (unsigned char)c);
}

static inline void ls_write(const char *s, size_t len)
{
    struct ls_hypercall *hc = ls_hc();
    hc->arg[0] = (uint64_t)(uintptr_t)s;
    hc->arg[1] = len;
    ls_hypercall(LS_HC_WRITE);
}

static inline void ls_puts(const char *s)
{
    ls_write(s, strlen(s));
}

static inline void ls_puthex(unsigned long v)
{
    static const char digits[] = "0123456789abcdef";
    char buf[17];
    for (int i = 0; i < 16; i++)
    {
        buf[i] = digits[(v >> (60 - 4 * i)) & 0xf];
    }
    buf[16] = 0;
    ls_puts(buf);
}

static inline void ls_putdec(uint64_t v)
{
    char buf[21];
    int i = 20;
    buf[i] = 0;
    do
    {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    }
    while (v);
    ls_puts(buf + i);
}

__attribute__((noreturn)) static inline void ls_exit(int status)
{
    for (;;)
    {
        ls_outb(LS_PORT_EXIT, (unsigned char)status);
    }
}

#endif
