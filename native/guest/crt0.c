/* Guest entry: the VMM starts the vCPU here at CPL 3 with a stack; main's result is the exit status. */
#include "guest.h"

int main(void);

__attribute__((section(".text.start"), noreturn)) void _start(void)
{
    ls_exit(main());
}
