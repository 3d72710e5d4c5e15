/* The progress line: on a terminal only, redrawn in place on stderr. */
#include <stdio.h>
#include <time.h>

#include "batch.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
ix_progress_start(ix_progress *p, int on)
{
	p->on = on;
	p->shown = 0;
	p->start = p->last = now();
}

void
ix_progress_draw(ix_progress *p, size_t done, size_t total,
                 unsigned long long bytes, size_t errors)
{
	double t;

	if (!p->on)
		return;
	t = now();
	/* five redraws a second at most; nothing for a run that ends soon */
	if (t - p->last < 0.2 || t - p->start < 0.5)
		return;
	p->last = t;
	if (total > 0)
		fprintf(stderr, "\rinspex: %zu/%zu inputs", done, total);
	else
		fprintf(stderr, "\rinspex: %zu inputs", done);
	fprintf(stderr, ", %.1f MB/s, %zu error%s\033[K",
	        (double)bytes / 1e6 / (t - p->start), errors,
	        errors == 1 ? "" : "s");
	fflush(stderr);
	p->shown = 1;
}

void
ix_progress_clear(ix_progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p->shown = 0;
	}
}
