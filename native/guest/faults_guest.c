/*
 * Misbehaving guests for the fault tests; arg0 selects: 1 reads unmapped memory, 2 executes ud2,
 * 3 never exits (spins), 4 floods the NIC (sends to address arg1 forever), 5 writes to an unknown
 * port, 6 rings the doorbell with an unknown hypercall.
 */
#include "guest.h"

int main(void)
{
    static unsigned char frame[256];
    switch (ls_arg(0, 0))
    {
    case 1:
        return *(volatile int *)0x40000000UL;
    case 2:
        __asm__ volatile("ud2");
        return 0;
    case 3:
        for (volatile unsigned long i = 0;; i++)
        {
        }
    case 4:
        for (;;)
        {
            ls_nic_send(ls_arg(1, 0), 7, frame, sizeof frame);
        }
    case 5:
        ls_outb(0x99, 1);
        return 0;
    case 6:
        ls_hypercall(42);
        return 0;
    default:
        return 0;
    }
}
