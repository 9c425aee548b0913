/* dataset_sort.h - readying a data set for the views: its vendor records
 * turned into events, subscriptions renumbered by customer, events grouped
 * by subscription and ordered by day (see dataset.h). */
#ifndef NDR_DATASET_SORT_H
#define NDR_DATASET_SORT_H

#include "dataset.h"

/* Turns timeline records into events, then groups and orders the events.
 * Idempotent. On NDR_ERR_DATA, ds->flush_msg says why. */
ndr_status ndr_dataset_sort(ndr_dataset *ds);

#endif
