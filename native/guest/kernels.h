/* Benchmark kernels shared by the guest image and the native program: the kinds of work CoreMark
 * measures (list processing, matrix multiply, a state machine, CRC), integer only. */
#ifndef LIVESTACK_KERNELS_H
#define LIVESTACK_KERNELS_H

#define LS_N 64
#define LS_NODES 1024

static unsigned int ls_crc32(const unsigned char *p, int n, unsigned int crc)
{
    crc = ~crc;
    for (int i = 0; i < n; i++)
    {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
        {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

static int ls_a[LS_N][LS_N], ls_b[LS_N][LS_N], ls_c[LS_N][LS_N];
static int ls_next[LS_NODES];
static int ls_value[LS_NODES];

__attribute__((unused)) static unsigned long ls_run_kernels(int rounds)
{
    unsigned long check = 0;
    unsigned int seed = 12345;
    for (int i = 0; i < LS_N; i++)
    {
        for (int j = 0; j < LS_N; j++)
        {
            seed = seed * 1103515245u + 12345u;
            ls_a[i][j] = (int)(seed >> 16) & 0xff;
            seed = seed * 1103515245u + 12345u;
            ls_b[i][j] = (int)(seed >> 16) & 0xff;
        }
    }
    for (int i = 0; i < LS_NODES; i++)
    {
        seed = seed * 1103515245u + 12345u;
        ls_next[i] = (int)((seed >> 8) % LS_NODES);
        ls_value[i] = (int)(seed >> 20);
    }
    for (int r = 0; r < rounds; r++)
    {
        /* matrix multiply */
        for (int i = 0; i < LS_N; i++)
        {
            for (int j = 0; j < LS_N; j++)
            {
                int s = 0;
                for (int k = 0; k < LS_N; k++)
                {
                    s += ls_a[i][k] * ls_b[k][j];
                }
                ls_c[i][j] = s + r;
            }
        }
        /* list walk */
        int node = r % LS_NODES;
        long sum = 0;
        for (int i = 0; i < 4 * LS_NODES; i++)
        {
            sum += ls_value[node];
            node = ls_next[node];
        }
        /* state machine over the product's bytes */
        int state = 0;
        const unsigned char *bytes = (const unsigned char *)ls_c;
        for (unsigned long i = 0; i < sizeof(ls_c); i++)
        {
            switch (state)
            {
            case 0: state = bytes[i] & 1 ? 1 : 2; break;
            case 1: state = bytes[i] > 127 ? 3 : 0; break;
            case 2: state = bytes[i] == 0 ? 2 : 3; break;
            default: state = (bytes[i] ^ state) & 3; break;
            }
        }
        /* CRC over the product */
        check = ls_crc32(bytes, (int)sizeof(ls_c), (unsigned int)check) + (unsigned long)sum + (unsigned long)state;
    }
    return check;
}

#endif
