/* The benchmark kernels as a LiveStack guest: arg0 = rounds (default 200); prints the checksum in hex, exits 0. */
#include "guest.h"
#include "kernels.h"

int main(void)
{
    unsigned long check = ls_run_kernels((int)ls_arg(0, 200));
    ls_puthex(check);
    ls_putc('\n');
    return 0;
}
