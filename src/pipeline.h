/* pipeline.h - interns batches of rows into a data set on a worker thread,
 * so that parsing (the reader's thread) and hashing (the worker) overlap.
 *
 * A few batches circulate: the reader fills one while the worker adds
 * those already submitted, in order. The data set belongs to the worker from ndr_pipe_new until
 * ndr_pipe_finish returns. */
#ifndef NDR_PIPELINE_H
#define NDR_PIPELINE_H

#include "batch.h"
#include "ndr.h"

typedef struct ndr_pipe ndr_pipe;

/* Starts the worker; NULL when a thread or memory cannot be had. */
ndr_pipe *ndr_pipe_new(ndr_dataset *ds);

/* Hands *batch to the worker and replaces it with an empty batch once one
 * is free. Returns the worker's first error, if any (then nothing more is
 * added). */
ndr_status ndr_pipe_submit(ndr_pipe *p, ndr_batch **batch);

/* Waits for the worker to finish everything submitted and stops it.
 * Returns the worker's first error or NDR_OK. Frees the pipe. */
ndr_status ndr_pipe_finish(ndr_pipe *p);

#endif
