/* The guest's virtual clock, ls_vtime(): defined in guest.h with the rest of the ABI. */
#ifndef LIVESTACK_CLOCK_H
#define LIVESTACK_CLOCK_H

#include "guest.h"

#endif
