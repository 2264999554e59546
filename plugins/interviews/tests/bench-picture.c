/* bench-picture.c — the architecture picture of large registers, beside dot and sfdp
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates two inventories into a real SQLite file (picture-fixture.c):
 * 1,000 components and applications in 12 domains with 3,000 couplings,
 * and 5,000 with 20,000. Times our whole picture (what INV_LAYOUT_AUTO
 * draws), one domain, one supplier and the overview as SVG (median of a
 * few runs, in process, model and SVG included), and in the same run the
 * `dot` and `sfdp` command-line tools on our DOT of the detailed picture:
 * as we export it (with our layout settings) and, for dot, with
 * Graphviz's defaults; each tool run is cut off after 120 s. Prints one
 * figure a line, like tests/bench/bench-core. Targets (issue 14): whole
 * picture < 2 s, one domain or supplier < 200 ms, the large register's
 * picture < 3 s.
 */
#include "config.h"

#include <graphviz/cgraph.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "helder-test-utils.h"
#include "inv-picture-private.h"
#include "picture-fixture.h"

#define TOOL_SECONDS "120"

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

/* The median wall-clock time of @runs SVG pictures, in ms (@cpu: the
 * median processor time, which a loaded machine does not inflate);
 * @layout gets what was drawn. */
static double
time_svg (HelderStore *store,
          const InvPictureOptions *options,
          int runs,
          InvLayout *layout,
          double *cpu)
{
  double times[16], cpus[16];

  g_assert (runs <= 16);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autoptr (GBytes) svg = inv_picture_svg (store, options, layout, &error);

      g_assert_no_error (error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpus[i] = cpu_ms () - cpu_start;
    }
  qsort (times, runs, sizeof (double), compare_doubles);
  qsort (cpus, runs, sizeof (double), compare_doubles);
  *cpu = cpus[runs / 2];
  return times[runs / 2];
}

/* Our detailed picture as DOT, whatever its size (the command refuses a
 * detail picture this large; the tools get it to show why). @defaults:
 * without our layout settings. */
static char *
detail_dot (HelderStore *store, gboolean defaults)
{
  static const char *const tuning[] = { "nslimit", "nslimit1", "mclimit", "remincross", "splines" };
  InvPictureOptions options = { .layout = INV_LAYOUT_DETAIL };
  g_autoptr (GError) error = NULL;
  g_autoptr (InvPictureModel) model = inv_picture_model_load (store, &options, &error);
  char *text = NULL, *copy;
  size_t size = 0;
  Agraph_t *g;
  FILE *out;

  g_assert_no_error (error);
  g = inv_picture_graph_detail (model);
  if (defaults)
    for (guint i = 0; i < G_N_ELEMENTS (tuning); i++)
      agsafeset (g, (char *) tuning[i], "", "");
  out = open_memstream (&text, &size);
  agwrite (g, out);
  fclose (out);
  agclose (g);
  copy = g_strndup (text, size);
  free (text);
  return copy;
}

/* One run of a Graphviz tool on @path: "1234 ms" or "did not finish in 120 s". */
static char *
time_tool (const char *tool, const char *path)
{
  g_autofree char *found = g_find_program_in_path (tool);
  const char *argv[] = { "timeout", TOOL_SECONDS, tool, "-Tsvg", "-o", "/dev/null", path, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  struct rusage before, after;
  gint64 start;
  int status;

  if (found == NULL)
    return g_strdup_printf ("%s is not installed", tool);
  getrusage (RUSAGE_CHILDREN, &before);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error))
    return g_strdup_printf ("could not run %s: %s", tool, error->message);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 124)
    return g_strdup ("did not finish in " TOOL_SECONDS " s");
  if (!g_spawn_check_wait_status (status, NULL))
    return g_strdup_printf ("failed: %.200s", err);
  getrusage (RUSAGE_CHILDREN, &after);
  return g_strdup_printf ("%.0f ms (cpu %.0f ms)", (g_get_monotonic_time () - start) / 1000.0,
                          (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * 1000.0 +
                            (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1000.0 +
                            (after.ru_stime.tv_sec - before.ru_stime.tv_sec) * 1000.0 +
                            (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1000.0);
}

static void
tools (HelderStore *store, const char *name)
{
  g_autofree char *ours = detail_dot (store, FALSE);
  g_autofree char *plain = detail_dot (store, TRUE);
  g_autofree char *ours_path = helder_test_write_temp (name, ours, -1);
  g_autofree char *plain_name = g_strdup_printf ("defaults-%s", name);
  g_autofree char *plain_path = helder_test_write_temp (plain_name, plain, -1);
  g_autofree char *dot_ours = time_tool ("dot", ours_path);
  g_autofree char *sfdp = time_tool ("sfdp", ours_path);
  g_autofree char *dot_plain = time_tool ("dot", plain_path);

  g_print ("  the same graph, command-line tools: dot -Tsvg (our settings) %s, sfdp -Tsvg %s,"
           " dot -Tsvg (Graphviz's defaults) %s\n",
           dot_ours, sfdp, dot_plain);
}

static const char *
verdict (double ms, double target)
{
  return ms < target ? "ok" : "MISSED";
}

static const char *
layout_name (InvLayout layout)
{
  return layout == INV_LAYOUT_OVERVIEW ? "overview" : "detail";
}

static void
bench (guint items, guint couplings, guint suppliers, double whole_target)
{
  PictureFixture f = { 0 };
  InvPictureOptions options = { 0 };
  InvLayout layout;
  g_autofree char *dot_name = g_strdup_printf ("inventory-%u.dot", items);
  gint64 supplier;
  double ms, cpu;

  picture_fixture_open (&f);
  picture_fixture_generate (&f, 2026, items, 12, couplings, suppliers);
  if (g_getenv ("HELDER_BENCH_DOT") != NULL)
    {
      /* only the DOT files, to look at or time by hand */
      g_autofree char *dot = detail_dot (f.store, FALSE);
      g_autofree char *path = g_build_filename (g_getenv ("HELDER_BENCH_DOT"), dot_name, NULL);

      InvPictureOptions domain = { .domain = "Burgerzaken" };
      g_autofree char *domain_dot = inv_picture_dot (f.store, &domain, NULL);
      g_autofree char *domain_path = g_strconcat (path, ".burgerzaken.dot", NULL);

      InvPictureOptions suppliers = { .layout = INV_LAYOUT_OVERVIEW,
                                      .group_by = INV_GROUP_SUPPLIER };
      g_autofree char *suppliers_dot = inv_picture_dot (f.store, &suppliers, NULL);
      g_autofree char *suppliers_path = g_strconcat (path, ".suppliers.dot", NULL);

      g_file_set_contents (path, dot, -1, NULL);
      g_file_set_contents (domain_path, domain_dot, -1, NULL);
      g_file_set_contents (suppliers_path, suppliers_dot, -1, NULL);
      g_autoptr (InvPictureModel) whole = inv_picture_model_load (f.store, &options, NULL);
      g_autoptr (InvPictureModel) one = inv_picture_model_load (f.store, &domain, NULL);

      g_print ("%s\n%s\n", path, domain_path);
      g_print ("estimated dot nodes: whole %" G_GUINT64_FORMAT ", Burgerzaken %" G_GUINT64_FORMAT
               "\n",
               inv_picture_model_rank_cost (whole), inv_picture_model_rank_cost (one));
      picture_fixture_close (&f);
      return;
    }
  g_print (
    "register of %u components and applications in 12 domains, %u couplings, %u suppliers:\n",
    items, couplings, suppliers);
  ms = time_svg (f.store, &options, 3, &layout, &cpu);
  g_print ("  whole picture (automatic: %s): median %.0f ms, cpu %.0f ms (target < %.0f ms) %s\n",
           layout_name (layout), ms, cpu, whole_target, verdict (ms, whole_target));
  options.layout = INV_LAYOUT_OVERVIEW;
  ms = time_svg (f.store, &options, 5, &layout, &cpu);
  g_print ("  overview of the domains: median %.0f ms, cpu %.0f ms\n", ms, cpu);
  options.group_by = INV_GROUP_SUPPLIER;
  ms = time_svg (f.store, &options, 5, &layout, &cpu);
  g_print ("  overview of the suppliers: median %.0f ms, cpu %.0f ms\n", ms, cpu);
  options = (InvPictureOptions){ .domain = "Burgerzaken" };
  ms = time_svg (f.store, &options, 5, &layout, &cpu);
  g_print ("  one domain (Burgerzaken, %s): median %.0f ms, cpu %.0f ms (target < 200 ms) %s\n",
           layout_name (layout), ms, cpu, items <= 1000 ? verdict (ms, 200) : "(no target)");
  supplier = 1; /* the fixture's suppliers come first */
  options = (InvPictureOptions){ .supplier = supplier };
  ms = time_svg (f.store, &options, 5, &layout, &cpu);
  g_print ("  one supplier (%s): median %.0f ms, cpu %.0f ms (target < 200 ms) %s\n",
           layout_name (layout), ms, cpu, items <= 1000 ? verdict (ms, 200) : "(no target)");
  tools (f.store, dot_name);
  picture_fixture_close (&f);
}

int
main (int argc, char **argv)
{
  if (g_getenv ("HELDER_PLUGIN_PATH") == NULL)
    g_setenv ("HELDER_PLUGIN_PATH", PLUGINS_BUILDDIR, TRUE);
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  bench (1000, 3000, 12, 2000);
  bench (5000, 20000, 40, 3000);
  return 0;
}
