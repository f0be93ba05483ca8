/* Exit-cost probe: 100,000 console writes (each a VM exit to the VMM and back), then exit 0. */
#include "guest.h"

int main(void)
{
    for (int i = 0; i < 100000; i++)
    {
        ls_outb(LS_PORT_CONSOLE, 0);
    }
    return 0;
}
