/* pipeline.c - a worker thread that adds row batches to a data set (see
 * pipeline.h). A few batches circulate through two queues guarded by one
 * mutex: `full` (reader -> worker, FIFO so rows keep their input order) and
 * `empty` (worker -> reader). More than two batches absorb the jitter
 * between the two sides, so neither waits on the other's slow moments. */
#include "pipeline.h"
#include "dataset.h"

#include <pthread.h>
#include <stdlib.h>

#define NBATCH 6

struct ndr_pipe {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    ndr_dataset *ds;
    ndr_batch *full[NBATCH]; /* ring: submitted, waiting for the worker */
    size_t full_head, nfull;
    ndr_batch *empty[NBATCH]; /* stack: ready for the reader */
    size_t nempty;
    int stop;          /* no more batches will come */
    ndr_status status; /* the worker's first error */
};

static void *work(void *arg)
{
    ndr_pipe *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->nfull == 0 && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->nfull == 0)
            break;
        ndr_batch *b = p->full[p->full_head];
        p->full_head = (p->full_head + 1) % NBATCH;
        p->nfull--;
        ndr_status st = p->status;
        pthread_mutex_unlock(&p->mu);
        if (st == NDR_OK)
            st = ndr_dataset_add_batch(p->ds, b);
        b->n = b->nbytes = 0;
        pthread_mutex_lock(&p->mu);
        if (p->status == NDR_OK)
            p->status = st;
        p->empty[p->nempty++] = b;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void destroy(ndr_pipe *p)
{
    for (size_t i = 0; i < p->nempty; i++)
        ndr_batch_free(p->empty[i]);
    for (size_t i = 0; i < p->nfull; i++)
        ndr_batch_free(p->full[(p->full_head + i) % NBATCH]);
    free(p);
}

ndr_pipe *ndr_pipe_new(ndr_dataset *ds)
{
    ndr_pipe *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->ds = ds;
    /* the reader holds one batch of its own, so NBATCH - 1 circulate here */
    for (; p->nempty < NBATCH - 1; p->nempty++)
        if ((p->empty[p->nempty] = ndr_batch_new()) == NULL) {
            destroy(p);
            return NULL;
        }
    if (pthread_mutex_init(&p->mu, NULL) != 0) {
        destroy(p);
        return NULL;
    }
    if (pthread_cond_init(&p->cv, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        destroy(p);
        return NULL;
    }
    if (pthread_create(&p->thread, NULL, work, p) != 0) {
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->mu);
        destroy(p);
        return NULL;
    }
    return p;
}

ndr_status ndr_pipe_submit(ndr_pipe *p, ndr_batch **batch)
{
    pthread_mutex_lock(&p->mu);
    while (p->nempty == 0) /* the worker holds every other batch */
        pthread_cond_wait(&p->cv, &p->mu);
    p->full[(p->full_head + p->nfull) % NBATCH] = *batch;
    p->nfull++;
    *batch = p->empty[--p->nempty];
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
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    destroy(p);
    return st;
}
