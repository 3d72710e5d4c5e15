/*
 * The ordered worker pool. One thread finds the inputs, N workers process
 * them, and the main thread writes each result (its stderr lines, then its
 * output) in input order, so -j 4 prints exactly what -j 1 prints. Memory
 * stays bounded: at most a window of 2N inputs is in flight, queued,
 * running or done and waiting for an earlier one to be written. With one
 * job there are no threads at all: each input is run and written as it is
 * found, with the same two functions.
 */
#include <err.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "batch.h"

/* The writing end, shared by the pool and the serial run. */
typedef struct writer {
	const ix_batch_opts *o;
	ix_progress prog;
	int first;
	int status;
	int stop;     /* output failed or went away */
	size_t done;
	size_t seq;   /* inputs found, for the serial run */
	size_t errors;
	unsigned long long bytes;
} writer;

typedef struct pool {
	const ix_batch_opts *o;
	const ix_sources *src;
	pthread_mutex_t mu;
	pthread_cond_t can_push, can_work, can_write;
	ix_job **slot;   /* window entries, by seq % window */
	size_t window;
	size_t produced; /* jobs handed in */
	size_t taken;    /* jobs given to workers */
	size_t written;  /* jobs written out */
	int walked;      /* every input found */
	int stop;        /* output failed: wind down */
} pool;

static int
push(ix_job *j, void *ctx)
{
	pool *p = ctx;

	pthread_mutex_lock(&p->mu);
	while (p->produced - p->written >= p->window && !p->stop)
		pthread_cond_wait(&p->can_push, &p->mu);
	if (p->stop) {
		pthread_mutex_unlock(&p->mu);
		ix_job_free(j);
		return -1;
	}
	j->seq = p->produced++;
	p->slot[j->seq % p->window] = j;
	pthread_cond_signal(&p->can_work);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

static void *
producer(void *arg)
{
	pool *p = arg;

	ix_inputs_walk(p->src, push, p);
	pthread_mutex_lock(&p->mu);
	p->walked = 1;
	pthread_cond_broadcast(&p->can_work);
	pthread_cond_signal(&p->can_write);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void
run(const ix_batch_opts *o, ix_job *j)
{
	inspex_result *res;
	inspex_error e;
	struct stat st;

	if (j->error != NULL) {
		ix_job_msg(j, "%s: %s", j->name, j->error);
		j->failed = 1;
		return;
	}
	if (j->path != NULL) {
		if (strcmp(j->path, "-") != 0 && stat(j->path, &st) == 0)
			j->bytes = (unsigned long long)st.st_size;
		res = inspex_process_file(o->rules, j->path, o->opts, &e);
	} else {
		inspex_input in = {j->name, j->url, j->fetched, j->charset,
		                   j->data, j->len};

		res = inspex_process_input(o->rules, &in, o->opts, &e);
		free(j->data);
		j->data = NULL;
	}
	if (res == NULL) {
		ix_job_msg(j, "%s: %s", j->name, e.message);
		j->failed = 1;
		return;
	}
	if (!o->quiet)
		for (size_t i = 0; i < inspex_result_warning_count(res); i++)
			ix_job_msg(j, "%s: warning: %s", j->name,
			           inspex_result_warning(res, i));
	/* the input's place in the run numbers the evidence view's anchors */
	j->out = inspex_render_nth(res, o->format, j->seq, &j->outlen);
	if (j->out == NULL)
		j->fatal = 1;
	inspex_result_free(res);
}

static void *
worker(void *arg)
{
	pool *p = arg;

	for (;;) {
		ix_job *j;

		pthread_mutex_lock(&p->mu);
		while (p->taken == p->produced && !p->walked && !p->stop)
			pthread_cond_wait(&p->can_work, &p->mu);
		if (p->stop || p->taken == p->produced) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		j = p->slot[p->taken++ % p->window];
		pthread_mutex_unlock(&p->mu);
		run(p->o, j);
		pthread_mutex_lock(&p->mu);
		j->done = 1;
		pthread_cond_signal(&p->can_write);
		pthread_mutex_unlock(&p->mu);
	}
}

/* 0, 1 on a write error, 2 when the reader went away. */
static int
write_out(const char *s, size_t n)
{
	if (fwrite(s, 1, n, stdout) != n || fflush(stdout) != 0) {
		/* the reader went away (| head with SIGPIPE ignored): not news */
		if (errno == EPIPE)
			return 2;
		warn("write error");
		return 1;
	}
	return 0;
}

/* Print a job's stderr lines, then its output, and free it. -1 when the
 * run must stop. */
static int
deliver(writer *w, ix_job *j, size_t total)
{
	int wr = 0;

	ix_progress_clear(&w->prog);
	for (size_t i = 0; i < j->nmsgs; i++)
		warnx("%s", j->msgs[i]);
	if (j->failed)
		w->status = 1, w->errors++;
	if (j->fatal) {
		warnx("%s: out of memory", j->name);
		wr = 1;
	} else if (j->out != NULL) {
		/* reports of several inputs are told apart by a blank line */
		if (w->o->format == INSPEX_FORMAT_REPORT && !w->first)
			wr = write_out("\n", 1);
		w->first = 0;
		if (wr == 0)
			wr = write_out(j->out, j->outlen);
	}
	w->bytes += j->bytes;
	w->done++;
	ix_job_free(j);
	ix_progress_draw(&w->prog, w->done, total, w->bytes, w->errors);
	if (wr != 0) {
		w->status = wr == 2 ? 0 : 1;
		w->stop = 1;
		return -1;
	}
	return 0;
}

static int
write_frame(char *s)
{
	int r = 0;

	if (s == NULL)
		return 1;
	if (*s != '\0')
		r = write_out(s, strlen(s));
	free(s);
	return r;
}

/* The footer of a run that was not cut short, and its status. */
static int
end_run(writer *w)
{
	if (!w->stop && write_frame(inspex_render_footer(w->o->format, NULL)) == 1)
		return 1;
	return w->status;
}

static int
serial(ix_job *j, void *ctx)
{
	writer *w = ctx;

	j->seq = w->seq++;
	run(w->o, j);
	return deliver(w, j, 0);
}

static int
spawn(pthread_t *t, void *(*fn)(void *), void *arg)
{
	int e = pthread_create(t, NULL, fn, arg);

	if (e != 0) {
		errno = e;
		warn("cannot start a thread");
		return -1;
	}
	return 0;
}

int
ix_batch_run(const ix_batch_opts *o, const ix_sources *src)
{
	pool p;
	pthread_t prod, *workers;
	writer w;
	struct timespec ts;
	size_t nw = 0;

	memset(&w, 0, sizeof(w));
	w.o = o;
	w.first = 1;
	/* csv's header row and html's page head come once per run */
	if (write_frame(inspex_render_header(o->format, NULL)) != 0)
		return 1;
	ix_progress_start(&w.prog, o->progress && !o->quiet);
	if (o->jobs <= 1) {
		ix_inputs_walk(src, serial, &w);
		ix_progress_clear(&w.prog);
		return end_run(&w);
	}
	memset(&p, 0, sizeof(p));
	p.o = o;
	p.src = src;
	p.window = 2 * (size_t)o->jobs;
	p.slot = calloc(p.window, sizeof(*p.slot));
	workers = calloc((size_t)o->jobs, sizeof(*workers));
	if (p.slot == NULL || workers == NULL) {
		free(p.slot);
		free(workers);
		warn(NULL);
		return 1;
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.can_push, NULL);
	pthread_cond_init(&p.can_work, NULL);
	pthread_cond_init(&p.can_write, NULL);
	if (spawn(&prod, producer, &p) < 0) {
		w.status = 1;
		goto out;
	}
	for (; nw < (size_t)o->jobs; nw++)
		if (spawn(&workers[nw], worker, &p) < 0)
			break;
	pthread_mutex_lock(&p.mu);
	if (nw == 0) {
		p.stop = 1;
		w.status = 1;
	}
	while (!p.stop) {
		ix_job *j;
		size_t total;
		int r;

		if (p.written == p.produced) {
			if (p.walked)
				break;
		} else if ((j = p.slot[p.written % p.window])->done) {
			p.slot[p.written % p.window] = NULL;
			p.written++;
			pthread_cond_signal(&p.can_push);
			total = p.walked ? p.produced : 0;
			pthread_mutex_unlock(&p.mu);
			r = deliver(&w, j, total);
			pthread_mutex_lock(&p.mu);
			if (r < 0)
				p.stop = 1;
			continue;
		}
		/* wake up now and then to keep the progress line alive */
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 200 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000L)
			ts.tv_sec++, ts.tv_nsec -= 1000000000L;
		pthread_cond_timedwait(&p.can_write, &p.mu, &ts);
		if (w.prog.on) {
			total = p.walked ? p.produced : 0;
			pthread_mutex_unlock(&p.mu);
			ix_progress_draw(&w.prog, w.done, total, w.bytes, w.errors);
			pthread_mutex_lock(&p.mu);
		}
	}
	pthread_cond_broadcast(&p.can_push);
	pthread_cond_broadcast(&p.can_work);
	pthread_mutex_unlock(&p.mu);
	for (size_t i = 0; i < nw; i++)
		pthread_join(workers[i], NULL);
	pthread_join(prod, NULL);
	ix_progress_clear(&w.prog);
	/* a stopped run leaves jobs in the window */
	for (size_t s = p.written; s < p.produced; s++)
		ix_job_free(p.slot[s % p.window]);
out:
	pthread_cond_destroy(&p.can_push);
	pthread_cond_destroy(&p.can_work);
	pthread_cond_destroy(&p.can_write);
	pthread_mutex_destroy(&p.mu);
	free(p.slot);
	free(workers);
	return end_run(&w);
}
