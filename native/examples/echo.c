/*
 * Example external component: answers every message with its payload reversed and type + 1, sent
 * from the endpoint the message arrived at back to its source, at the message's visible time.
 * Usage: ls-echo <component file>
 */
#include "livestack/external.h"

#include <stdio.h>
#include <stdlib.h>

static void on_message(ls_client *client, const ls_message *m, void *user)
{
    (void)user;
    uint8_t reversed[65536];
    for (int32_t i = 0; i < m->length; i++)
    {
        reversed[i] = m->payload[m->length - 1 - i];
    }
    if (ls_send(client, m->destination_endpoint, m->source_endpoint, m->type + 1, reversed, m->length) != 0)
    {
        fprintf(stderr, "ls-echo: outbound ring full\n");
        exit(3);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2)
    {
        fprintf(stderr, "usage: %s <component file>\n", argv[0]);
        return 2;
    }
    char err[256];
    ls_client *client = ls_open(argv[1], err, sizeof err);
    if (client == NULL)
    {
        fprintf(stderr, "ls-echo: %s\n", err);
        return 2;
    }
    ls_run(client, on_message, NULL);
    ls_close(client);
    return 0;
}
