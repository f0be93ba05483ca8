/* LiveStack C client: the component side of the cross-process protocol (see external.h). */
#include "livestack/external.h"
#include "livestack/message.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LS_RECORD_HEADER 8
#define LS_PADDING_TYPE (-1)

struct ls_client
{
    uint8_t *base;
    size_t length;
    uint8_t *in;
    int32_t in_capacity;
    uint8_t *out;
    int32_t out_capacity;
    int64_t vtime;
    int64_t consumed;
};

static int64_t *word(const ls_client *c, size_t offset)
{
    return (int64_t *)(c->base + offset);
}

static int64_t monotonic_nanos(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void page_store(ls_client *c, size_t field, int64_t value)
{
    __atomic_store_n(word(c, LS_EXT_RUN_PAGE_OFFSET + field), value, __ATOMIC_RELEASE);
}

static void heartbeat(ls_client *c)
{
    page_store(c, LS_PAGE_HEARTBEAT_OFFSET, monotonic_nanos());
}

ls_client *ls_open(const char *path, char *err, size_t err_length)
{
    const int fd = open(path, O_RDWR);
    if (fd < 0)
    {
        snprintf(err, err_length, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < LS_EXT_INBOUND_RING_OFFSET)
    {
        snprintf(err, err_length, "%s is too short to be a LiveStack component file", path);
        close(fd);
        return NULL;
    }
    uint8_t *base = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (base == MAP_FAILED)
    {
        snprintf(err, err_length, "cannot map %s: %s", path, strerror(errno));
        return NULL;
    }
    const int32_t magic = __atomic_load_n((int32_t *)(base + LS_EXT_MAGIC_OFFSET), __ATOMIC_ACQUIRE);
    const int32_t version = *(int32_t *)(base + LS_EXT_VERSION_OFFSET);
    const int32_t in_capacity = *(int32_t *)(base + LS_EXT_INBOUND_CAPACITY_OFFSET);
    const int32_t out_capacity = *(int32_t *)(base + LS_EXT_OUTBOUND_CAPACITY_OFFSET);
    const size_t expected = (size_t)LS_EXT_INBOUND_RING_OFFSET + (size_t)in_capacity + LS_EXT_RING_TRAILER_LENGTH +
        (size_t)out_capacity + LS_EXT_RING_TRAILER_LENGTH;
    if (magic != LS_EXT_MAGIC || version != LS_EXT_VERSION || in_capacity <= 0 || out_capacity <= 0 ||
        expected != (size_t)st.st_size)
    {
        snprintf(err, err_length, "%s is not a LiveStack component file of version %d (magic 0x%x, version %d)", path,
            LS_EXT_VERSION, magic, version);
        munmap(base, (size_t)st.st_size);
        return NULL;
    }
    ls_client *c = calloc(1, sizeof(ls_client));
    c->base = base;
    c->length = (size_t)st.st_size;
    c->in = base + LS_EXT_INBOUND_RING_OFFSET;
    c->in_capacity = in_capacity;
    c->out = c->in + in_capacity + LS_EXT_RING_TRAILER_LENGTH;
    c->out_capacity = out_capacity;
    heartbeat(c);
    page_store(c, LS_PAGE_STATE_OFFSET, LS_EXT_STATE_RUNNING);
    return c;
}

int64_t ls_vtime(const ls_client *c)
{
    return c->vtime;
}

static int32_t align8(int32_t n)
{
    return (n + 7) & ~7;
}

/* Agrona ManyToOneRingBuffer claim: returns the record index, or -1 if there is no room. */
static int32_t claim(ls_client *c, int32_t record_length)
{
    const int32_t required = align8(record_length);
    const int32_t capacity = c->out_capacity;
    int64_t *tail_pos = (int64_t *)(c->out + capacity + LS_EXT_RING_TAIL_OFFSET);
    int64_t *head_cache = (int64_t *)(c->out + capacity + LS_EXT_RING_HEAD_CACHE_OFFSET);
    int64_t *head_pos = (int64_t *)(c->out + capacity + LS_EXT_RING_HEAD_OFFSET);
    int64_t head = __atomic_load_n(head_cache, __ATOMIC_ACQUIRE);
    int64_t tail, new_tail;
    int32_t tail_index, padding, write_index;
    do
    {
        tail = __atomic_load_n(tail_pos, __ATOMIC_ACQUIRE);
        if (required > capacity - (int32_t)(tail - head))
        {
            head = __atomic_load_n(head_pos, __ATOMIC_ACQUIRE);
            if (required > capacity - (int32_t)(tail - head))
            {
                return -1;
            }
            __atomic_store_n(head_cache, head, __ATOMIC_RELEASE);
        }
        new_tail = tail + required;
        padding = 0;
        tail_index = (int32_t)tail & (capacity - 1);
        write_index = tail_index;
        const int32_t to_end = capacity - tail_index;
        if (required > to_end)
        {
            int32_t head_index = (int32_t)head & (capacity - 1);
            write_index = 0;
            if (required > head_index)
            {
                head = __atomic_load_n(head_pos, __ATOMIC_ACQUIRE);
                head_index = (int32_t)head & (capacity - 1);
                if (required > head_index)
                {
                    write_index = -1;
                    new_tail = tail;
                }
                __atomic_store_n(head_cache, head, __ATOMIC_RELEASE);
            }
            padding = to_end;
            new_tail += padding;
        }
    }
    while (!__atomic_compare_exchange_n(tail_pos, &tail, new_tail, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
    if (padding != 0)
    {
        int32_t *len = (int32_t *)(c->out + tail_index);
        __atomic_store_n(len, -padding, __ATOMIC_RELEASE);
        *(int32_t *)(c->out + tail_index + 4) = LS_PADDING_TYPE;
        __atomic_store_n(len, padding, __ATOMIC_RELEASE);
    }
    return write_index;
}

int ls_send(ls_client *c, int32_t source_endpoint, int32_t destination_endpoint, int32_t type, const void *payload,
    int32_t length)
{
    const int32_t record_length = LS_RECORD_HEADER + LS_MSG_HEADER_LENGTH + length;
    const int32_t index = claim(c, record_length);
    if (index < 0)
    {
        return -1;
    }
    int32_t *len = (int32_t *)(c->out + index);
    __atomic_store_n(len, -record_length, __ATOMIC_RELEASE);
    *(int32_t *)(c->out + index + 4) = LS_MSG_TYPE_ID;
    uint8_t *r = c->out + index + LS_RECORD_HEADER;
    ls_msg_header_t h = {
        .visible_time = c->vtime, .send_time = c->vtime, .sequence = 0, .source_vtask = -1,
        .source_endpoint = source_endpoint, .destination_endpoint = destination_endpoint, .type = type, .flags = 0,
        .payload_length = length, .order_sequence = 0, .hop = -1, .reserved = 0};
    memcpy(r, &h, sizeof h);
    memcpy(r + LS_MSG_PAYLOAD_OFFSET, payload, (size_t)length);
    __atomic_store_n(len, record_length, __ATOMIC_RELEASE);
    return 0;
}

/* Agrona ManyToOneRingBuffer read (single consumer); returns messages handled. */
static int read_inbound(ls_client *c, ls_on_message handler, void *user)
{
    const int32_t capacity = c->in_capacity;
    int64_t *head_pos = (int64_t *)(c->in + capacity + LS_EXT_RING_HEAD_OFFSET);
    const int64_t head = *head_pos;
    const int32_t head_index = (int32_t)head & (capacity - 1);
    const int32_t max_block = capacity - head_index;
    int32_t bytes_read = 0;
    int handled = 0;
    while (bytes_read < max_block)
    {
        const int32_t index = head_index + bytes_read;
        const int32_t record_length = __atomic_load_n((int32_t *)(c->in + index), __ATOMIC_ACQUIRE);
        if (record_length <= 0)
        {
            break;
        }
        bytes_read += align8(record_length);
        if (*(int32_t *)(c->in + index + 4) == LS_PADDING_TYPE)
        {
            continue;
        }
        const uint8_t *r = c->in + index + LS_RECORD_HEADER;
        ls_msg_header_t h;
        memcpy(&h, r, sizeof h);
        if (record_length - LS_RECORD_HEADER != LS_MSG_HEADER_LENGTH + h.payload_length)
        {
            fprintf(stderr, "livestack client: malformed inbound record (length %d)\n", record_length);
            abort();
        }
        const ls_message m = {
            .visible_time = h.visible_time, .send_time = h.send_time, .sequence = h.sequence,
            .source_vtask = h.source_vtask, .source_endpoint = h.source_endpoint,
            .destination_endpoint = h.destination_endpoint, .type = h.type, .length = h.payload_length,
            .payload = r + LS_MSG_PAYLOAD_OFFSET};
        if (m.visible_time > c->vtime)
        {
            c->vtime = m.visible_time;
        }
        handler(c, &m, user);
        c->consumed++;
        handled++;
    }
    if (bytes_read > 0)
    {
        memset(c->in + head_index, 0, (size_t)bytes_read);
        __atomic_store_n(head_pos, head + bytes_read, __ATOMIC_RELEASE);
    }
    return handled;
}

int ls_run(ls_client *c, ls_on_message handler, void *user)
{
    int idle = 0;
    while (__atomic_load_n(word(c, LS_EXT_STOP_OFFSET), __ATOMIC_ACQUIRE) == 0)
    {
        heartbeat(c);
        const int64_t written = __atomic_load_n(word(c, LS_EXT_INBOUND_WRITTEN_OFFSET), __ATOMIC_ACQUIRE);
        if (written > c->consumed)
        {
            page_store(c, LS_PAGE_STATE_OFFSET, LS_EXT_STATE_RUNNING);
            while (read_inbound(c, handler, user) > 0)
            {
            }
            page_store(c, LS_PAGE_VTIME_OFFSET, c->vtime);
            __atomic_store_n(word(c, LS_EXT_INBOUND_CONSUMED_OFFSET), c->consumed, __ATOMIC_RELEASE);
            idle = 0;
            continue;
        }
        page_store(c, LS_PAGE_STATE_OFFSET, LS_EXT_STATE_BLOCKED);
        if (++idle > 2000)
        {
            const struct timespec pause = {0, 20000};
            nanosleep(&pause, NULL);
        }
    }
    return 0;
}

void ls_close(ls_client *c)
{
    page_store(c, LS_PAGE_STATE_OFFSET, LS_EXT_STATE_DONE);
    munmap(c->base, c->length);
    free(c);
}
