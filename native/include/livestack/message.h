/*
 * LiveStack message record layout. Must match
 * runtime/src/main/java/org/livestack/runtime/ipc/MessageDescriptor.java (MessageDescriptorHeaderTest
 * compares every constant). Little-endian, 8-byte aligned; see the Java class for the diagram and
 * the validity rules.
 */
#ifndef LIVESTACK_MESSAGE_H
#define LIVESTACK_MESSAGE_H

#include <stdint.h>

#define LS_MSG_VISIBLE_TIME_OFFSET 0
#define LS_MSG_SEND_TIME_OFFSET 8
#define LS_MSG_SEQUENCE_OFFSET 16
#define LS_MSG_SOURCE_VTASK_OFFSET 24
#define LS_MSG_SOURCE_ENDPOINT_OFFSET 28
#define LS_MSG_DESTINATION_ENDPOINT_OFFSET 32
#define LS_MSG_TYPE_OFFSET 36
#define LS_MSG_FLAGS_OFFSET 40
#define LS_MSG_PAYLOAD_LENGTH_OFFSET 44
#define LS_MSG_ORDER_SEQUENCE_OFFSET 48
#define LS_MSG_HOP_OFFSET 56
#define LS_MSG_PAYLOAD_OFFSET 64
#define LS_MSG_HEADER_LENGTH 64
#define LS_MSG_REFERENCE_LENGTH 8
#define LS_MSG_FLAG_PAYLOAD_REFERENCE 1
#define LS_MSG_TYPE_ID 1

typedef struct ls_msg_header
{
    int64_t visible_time;
    int64_t send_time;
    int64_t sequence;
    int32_t source_vtask;
    int32_t source_endpoint;
    int32_t destination_endpoint;
    int32_t type;
    int32_t flags;
    int32_t payload_length;
    int64_t order_sequence;
    int32_t hop;
    int32_t reserved;
} ls_msg_header_t;

_Static_assert(sizeof(ls_msg_header_t) == LS_MSG_HEADER_LENGTH, "header length");

#endif
