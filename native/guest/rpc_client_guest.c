/*
 * Request/response client: sends requests to a server and measures each round trip on the virtual
 * clock. Boot args: 0 server address (default 0), 1 requests (10), 2 request bytes (64),
 * 3 think time between requests in ns (100000). Prints "rtt <i> <ns>" per request; exits 0, or 1 if
 * a send fails.
 */
#include "clock.h"
#include "guest.h"

static unsigned char request[1500];
static unsigned char reply[9000];

int main(void)
{
    const uint64_t server = ls_arg(0, 0);
    const uint64_t requests = ls_arg(1, 10);
    uint64_t bytes = ls_arg(2, 64);
    const uint64_t think = ls_arg(3, 100000);
    if (bytes > sizeof request)
    {
        bytes = sizeof request;
    }
    for (uint64_t i = 0; i < requests; i++)
    {
        for (uint64_t k = 0; k < bytes; k++)
        {
            request[k] = (unsigned char)(i + k);
        }
        const uint64_t t0 = ls_vtime();
        if (ls_nic_send(server, 1, request, bytes) != 0)
        {
            ls_puts("send failed\n");
            return 1;
        }
        struct ls_frame_info info;
        while (ls_nic_recv(reply, sizeof reply, &info) < 0)
        {
            ls_sleep_until(LS_FOREVER);
        }
        const uint64_t t1 = ls_vtime();
        ls_puts("rtt ");
        ls_putdec(i);
        ls_putc(' ');
        ls_putdec(t1 - t0);
        ls_putc('\n');
        ls_sleep_until(ls_vtime() + think);
    }
    return 0;
}
