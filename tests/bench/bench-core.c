/* bench-core.c — core services timed in-process, without process start
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-core DB MOMENT [RUNS]
 *
 * Opens DB and times helder_audience_resolve() for MOMENT and
 * helder_status_compute(), RUNS times each (default 20). Prints one line
 * per figure, "NAME: MEDIAN ms (…)", for tests/bench/run-bench.sh; the
 * first (cold) run is reported apart from the median of all runs.
 * Exit 0 on success, 1 when the database or the moment cannot be used,
 * 2 on a usage error.
 */
#define G_LOG_DOMAIN "helder-bench"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "store/helder-store.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-status.h"

typedef gboolean (*BenchFunc) (HelderStore *store, gint64 moment, guint *size, GError **error);

static gboolean
bench_audience (HelderStore *store, gint64 moment, guint *size, GError **error)
{
  g_autoptr (GArray) ids = helder_audience_resolve (store, moment, error);

  if (ids == NULL)
    return FALSE;
  *size = ids->len;
  return TRUE;
}

static gboolean
bench_status (HelderStore *store, gint64 moment, guint *size, GError **error)
{
  g_autoptr (JsonObject) status = helder_status_compute (store, NULL, error);

  if (status == NULL)
    return FALSE;
  *size = json_object_get_size (status);
  return TRUE;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Runs @func @runs times; prints the median, the first run and the range. */
static gboolean
time_runs (const char *name,
           BenchFunc func,
           HelderStore *store,
           gint64 moment,
           guint runs,
           double target_ms,
           const char *what,
           GError **error)
{
  g_autofree double *ms = g_new (double, runs);
  double median;
  guint size = 0;

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!func (store, moment, &size, error))
        return FALSE;
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_print ("%s-first: %.3f ms (cold: statements not yet prepared)\n", name, ms[0]);
  qsort (ms, runs, sizeof (double), compare_doubles);
  median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
  g_print ("%s: %.3f ms (median of %u, min %.3f, max %.3f; %u %s; target < %g ms)\n", name, median,
           runs, ms[0], ms[runs - 1], size, what, target_ms);
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr (HelderStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gint64 moment;
  guint64 runs = 20;
  char *end = NULL;

  setlocale (LC_ALL, "");
  if (argc < 3 || argc > 4)
    {
      g_printerr ("usage: %s DB MOMENT [RUNS]\n", argv[0]);
      return 2;
    }
  moment = g_ascii_strtoll (argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || moment <= 0)
    {
      g_printerr ("%s: MOMENT: “%s” is not a moment id\n", argv[0], argv[2]);
      return 2;
    }
  if (argc == 4 && !g_ascii_string_to_unsigned (argv[3], 10, 1, 100000, &runs, &error))
    {
      g_printerr ("%s: RUNS: %s\n", argv[0], error->message);
      return 2;
    }
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("%s: %s: no such database\n", argv[0], argv[1]);
      return 1;
    }

  store = helder_store_open (argv[1], &error);
  if (store == NULL || !helder_store_migrate (store, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return 1;
    }

  if (!time_runs ("audience-resolve-in-process", bench_audience, store, moment, (guint) runs, 50,
                  "people", &error) ||
      !time_runs ("status-compute-in-process", bench_status, store, moment, (guint) runs, 100,
                  "members", &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return 1;
    }
  return 0;
}
