/* Sleeps until virtual time arg0 (default 1 s), prints the time it woke at (decimal ns), exits 0. */
#include "clock.h"
#include "guest.h"

int main(void)
{
    ls_sleep_until(ls_arg(0, 1000000000ULL));
    ls_puts("woke ");
    ls_putdec(ls_vtime());
    ls_putc('\n');
    return 0;
}
