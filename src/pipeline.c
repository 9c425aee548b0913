/* pipeline.c - a worker thread that adds row batches to a data set (see
 * pipeline.h). One mutex and one condition variable guard a hand-off slot
 * (`pending`, reader -> worker) and a return slot (`spare`, worker ->
 * reader). */
#include "pipeline.h"
#include "dataset.h"

#include <pthread.h>
#include <stdlib.h>

struct ndr_pipe {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    ndr_dataset *ds;
    ndr_batch *pending; /* submitted, not yet taken by the worker */
    ndr_batch *spare;   /* emptied by the worker, not yet taken back */
    int stop;           /* no more batches will come */
    ndr_status status;  /* the worker's first error */
};

static void *work(void *arg)
{
    ndr_pipe *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->pending == NULL && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        ndr_batch *b = p->pending;
        if (b == NULL)
            break;
        p->pending = NULL;
        ndr_status st = p->status;
        pthread_mutex_unlock(&p->mu);
        if (st == NDR_OK)
            st = ndr_dataset_add_batch(p->ds, b);
        b->n = b->nbytes = 0;
        pthread_mutex_lock(&p->mu);
        if (p->status == NDR_OK)
            p->status = st;
        p->spare = b;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

ndr_pipe *ndr_pipe_new(ndr_dataset *ds)
{
    ndr_pipe *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->ds = ds;
    p->spare = ndr_batch_new();
    if (p->spare == NULL || pthread_mutex_init(&p->mu, NULL) != 0) {
        ndr_batch_free(p->spare);
        free(p);
        return NULL;
    }
    if (pthread_cond_init(&p->cv, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        ndr_batch_free(p->spare);
        free(p);
        return NULL;
    }
    if (pthread_create(&p->thread, NULL, work, p) != 0) {
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->mu);
        ndr_batch_free(p->spare);
        free(p);
        return NULL;
    }
    return p;
}

ndr_status ndr_pipe_submit(ndr_pipe *p, ndr_batch **batch)
{
    pthread_mutex_lock(&p->mu);
    while (p->spare == NULL) /* the worker still holds the other batch */
        pthread_cond_wait(&p->cv, &p->mu);
    p->pending = *batch;
    *batch = p->spare;
    p->spare = NULL;
    pthread_cond_broadcast(&p->cv);
    ndr_status st = p->status;
    pthread_mutex_unlock(&p->mu);
    return st;
}

ndr_status ndr_pipe_finish(ndr_pipe *p)
{
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    ndr_status st = p->status;
    ndr_batch_free(p->spare);
    ndr_batch_free(p->pending);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p);
    return st;
}
