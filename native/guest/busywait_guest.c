/* Busy-waits for 50 ms of virtual time on the guest clock, prints the interval it measured (hex ns), exits 0. */
#include "clock.h"
#include "guest.h"

int main(void)
{
    const uint64_t start = ls_vtime();
    uint64_t now = start;
    while (now - start < 50000000ULL)
    {
        now = ls_vtime();
    }
    ls_puthex(now - start);
    ls_putc('\n');
    return 0;
}
