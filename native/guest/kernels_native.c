/* The same kernels as a native Linux program: prints the checksum in hex and the kernel's wall time in ns. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kernels.h"

int main(int argc, char **argv)
{
    const int rounds = argc > 1 ? atoi(argv[1]) : 200;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    const unsigned long check = ls_run_kernels(rounds);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%016lx\n%lld\n", check, (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
    return 0;
}
