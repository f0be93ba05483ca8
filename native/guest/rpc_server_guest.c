/*
 * Request/response server: answers each request after computing a CRC over it `rounds` times and,
 * if a disk address is given, reading a block from that (modeled) disk first. Boot args:
 * 0 requests to serve (default 10), 1 compute rounds (1000), 2 reply bytes (64), 3 disk address
 * (none). Prints "served <i> compute <ns>" per request: the virtual time from taking the request to
 * sending the reply, disk wait excluded. Exits 0.
 */
#include "clock.h"
#include "guest.h"
#include "kernels.h"

static unsigned char frame[9000];
static unsigned char reply[9000];

static int64_t wait_frame(struct ls_frame_info *info)
{
    int64_t n;
    while ((n = ls_nic_recv(frame, sizeof frame, info)) < 0)
    {
        ls_sleep_until(LS_FOREVER);
    }
    return n;
}

int main(void)
{
    const uint64_t requests = ls_arg(0, 10);
    const uint64_t rounds = ls_arg(1, 1000);
    uint64_t reply_bytes = ls_arg(2, 64);
    const uint64_t disk = ls_arg(3, LS_NIC_PEER);
    if (reply_bytes > sizeof reply)
    {
        reply_bytes = sizeof reply;
    }
    for (uint64_t i = 0; i < requests; i++)
    {
        struct ls_frame_info info;
        const int64_t n = wait_frame(&info);
        const uint64_t client = info.source;
        const uint64_t start = ls_vtime();
        unsigned int crc = 0;
        for (uint64_t r = 0; r < rounds; r++)
        {
            crc = ls_crc32(frame, (int)n, crc);
        }
        uint64_t disk_wait = 0;
        if (disk != LS_NIC_PEER)
        {
            const uint64_t d0 = ls_vtime();
            /* a models.Jobs request (type 1): issued at, size, work; the disk transfers `size` bytes */
            const uint64_t read[3] = {d0, 4096, 0};
            ls_nic_send(disk, 1, read, sizeof read);
            struct ls_frame_info block;
            wait_frame(&block);
            disk_wait = ls_vtime() - d0;
        }
        memset(reply, 0, reply_bytes);
        memcpy(reply, &crc, sizeof crc);
        const uint64_t compute = ls_vtime() - start - disk_wait;
        ls_nic_send(client, 1, reply, reply_bytes);
        ls_puts("served ");
        ls_putdec(i);
        ls_puts(" compute ");
        ls_putdec(compute);
        ls_putc('\n');
    }
    return 0;
}
