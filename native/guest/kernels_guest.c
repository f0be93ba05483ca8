/* The benchmark kernels as a LiveStack guest: prints the checksum in hex, exits 0. */
#include "guest.h"
#include "kernels.h"

#ifndef LS_ROUNDS
#define LS_ROUNDS 200
#endif

int main(void)
{
    unsigned long check = ls_run_kernels(LS_ROUNDS);
    ls_puthex(check);
    ls_putc('\n');
    return 0;
}
