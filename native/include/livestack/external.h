/*
 * LiveStack cross-process component protocol: file layout and C client API.
 * The layout must match runtime/src/main/java/org/livestack/runtime/external/ExternalComponentDescriptor.java
 * (ExternalDescriptorHeaderTest compares the constants); the protocol is described in
 * docs/external-components.md.
 */
#ifndef LIVESTACK_EXTERNAL_H
#define LIVESTACK_EXTERNAL_H

#include <stddef.h>
#include <stdint.h>

#define LS_EXT_MAGIC 0x4C535843
#define LS_EXT_VERSION 1
#define LS_EXT_MAGIC_OFFSET 0
#define LS_EXT_VERSION_OFFSET 4
#define LS_EXT_INBOUND_CAPACITY_OFFSET 8
#define LS_EXT_OUTBOUND_CAPACITY_OFFSET 12
#define LS_EXT_STOP_OFFSET 64
#define LS_EXT_INBOUND_WRITTEN_OFFSET 128
#define LS_EXT_INBOUND_CONSUMED_OFFSET 192
#define LS_EXT_RUN_PAGE_OFFSET 256
#define LS_EXT_INBOUND_RING_OFFSET 640
#define LS_EXT_RING_TRAILER_LENGTH 768
#define LS_EXT_RING_TAIL_OFFSET 128
#define LS_EXT_RING_HEAD_CACHE_OFFSET 256
#define LS_EXT_RING_HEAD_OFFSET 384
#define LS_EXT_STATE_RUNNING 1
#define LS_EXT_STATE_BLOCKED 2
#define LS_EXT_STATE_DONE 3

/* run page (RunPageDescriptor): one 64-bit word per cache line */
#define LS_PAGE_VTIME_OFFSET 0
#define LS_PAGE_GRANT_OFFSET 128
#define LS_PAGE_STATE_OFFSET 256
#define LS_PAGE_HEARTBEAT_OFFSET 320

typedef struct ls_client ls_client;

/** A message handed to the handler; payload is valid only during the call. */
typedef struct ls_message
{
    int64_t visible_time;
    int64_t send_time;
    int64_t sequence;
    int32_t source_vtask;
    int32_t source_endpoint;
    int32_t destination_endpoint;
    int32_t type;
    int32_t length;
    const uint8_t *payload;
} ls_message;

typedef void (*ls_on_message)(ls_client *client, const ls_message *message, void *user);

/** Maps the file the runtime created; on failure returns NULL and writes why into err. */
ls_client *ls_open(const char *path, char *err, size_t err_length);

/** The component's vtime: the visible time of the latest message it took. */
int64_t ls_vtime(const ls_client *client);

/**
 * Sends a message stamped with the current vtime; the runtime routes it over the link of
 * source_endpoint. Returns 0, or -1 if the outbound ring is full (the runtime drains it between
 * handler batches, so keep sends per message small).
 */
int ls_send(ls_client *client, int32_t source_endpoint, int32_t destination_endpoint, int32_t type,
    const void *payload, int32_t length);

/** Runs the event loop: calls the handler for each message in delivery order until the run ends. */
int ls_run(ls_client *client, ls_on_message handler, void *user);

/** Reports DONE and unmaps. */
void ls_close(ls_client *client);

#endif
