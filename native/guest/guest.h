/*
 * LiveStack guest runtime: C programs that run at CPL 3 in a LiveStack VM (kvm-binding LiveHost).
 * Hypercall ABI (port I/O, one byte; IOPL 3 lets ring 3 use `out`, which exits to the VMM):
 *   port 0x10  console byte
 *   port 0x11  exit with the byte as status
 * Build freestanding, general registers only (the VMM does not enable SSE: CR4.OSFXSR is clear):
 *   -ffreestanding -nostdlib -static -mgeneral-regs-only, linked with guest.ld at 0x10000.
 */
#ifndef LIVESTACK_GUEST_H
#define LIVESTACK_GUEST_H

#define LS_PORT_CONSOLE 0x10
#define LS_PORT_EXIT 0x11

static inline void ls_outb(unsigned short port, unsigned char value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline void ls_putc(char c)
{
    ls_outb(LS_PORT_CONSOLE, (unsigned char)c);
}

static inline void ls_puts(const char *s)
{
    while (*s)
    {
        ls_putc(*s++);
    }
}

static inline void ls_puthex(unsigned long v)
{
    static const char digits[] = "0123456789abcdef";
    for (int shift = 60; shift >= 0; shift -= 4)
    {
        ls_putc(digits[(v >> shift) & 0xf]);
    }
}

__attribute__((noreturn)) static inline void ls_exit(int status)
{
    for (;;)
    {
        ls_outb(LS_PORT_EXIT, (unsigned char)status);
    }
}

#endif
