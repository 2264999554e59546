/* test-inv-items.c — the inventory's service, in-process, on a real store
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database is made by the real `helder` (with the plugin's
 * migrations), then the inventory's own sources are called on it: the
 * same item from two interviews is one item with two sources, a
 * disagreement is kept and shown as a conflict and the register decides;
 * typed values (Dutch too) are normalised; every bad value is refused
 * naming its field and value with nothing changed; and the register's
 * counts (filters, completeness, readiness totals) agree with a brute
 * force recount over generated items.
 */
#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "inv-private.h"

typedef struct
{
  char *db;
  HelderStore *store;
} Fixture;

static void
exec (Fixture *f, const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

static gint64
scalar (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (helder_store_get_db (f->store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

#define STAMP "'2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("helder-inv-XXXXXX", &error);

  g_assert_no_error (error);
  f->db = g_build_filename (dir, "helder.db", NULL);
  helder_test_runv_ok (f->db, (const char *const[]){ "init", "--name", "Inventaris", NULL });
  f->store = helder_store_open (f->db, &error);
  g_assert_no_error (error);
  exec (f, "INSERT INTO person (id, name, email, created_at, updated_at) VALUES"
           " (1, 'Anna Jansen', 'anna@voorbeeld.nl', " STAMP "),"
           " (2, 'Bram Smit', 'bram@voorbeeld.nl', " STAMP "),"
           " (3, 'Cor de Wit', 'cor@voorbeeld.nl', " STAMP ");"
           "INSERT INTO interview (id, slug, kind, title, created_at, updated_at) VALUES"
           " (1, 'beheer', 'internal-admin', 'Gesprek systeembeheer', " STAMP "),"
           " (2, 'centric', 'supplier', 'Gesprek Centric', " STAMP ")");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  helder_test_remove_db (f->db);
  g_free (f->db);
}

static gint64
note (Fixture *f, gint64 interview, const char *kind, const char *name, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) fields = helder_test_object (json);
  gint64 item = 0;

  g_assert_true (inv_item_note (f->store, HELDER_TEST_ACTOR, interview, "test", kind, name, fields,
                                &item, &error));
  g_assert_no_error (error);
  return item;
}

static JsonObject *
get (Fixture *f, gint64 item)
{
  g_autoptr (GError) error = NULL;
  JsonObject *row = inv_item_get (f->store, item, &error);

  g_assert_no_error (error);
  return row;
}

static void
test_merge_and_conflict (Fixture *f, gconstpointer data)
{
  gint64 a = note (f, 1, "application", "Key2Burgerzaken",
                   "{\"version\": \"5.2\", \"owner\": \"anna@voorbeeld.nl\", \"supplier\": "
                   "\"Centric\"}");
  gint64 b = note (f, 2, "application", "key2 burgerzaken ",
                   "{\"version\": \"5.3\", \"owner\": \"Anna Jansen\", \"supplier\": \"centric\"}");
  g_autoptr (JsonObject) item = NULL;
  g_autoptr (JsonObject) decided = NULL;
  JsonArray *conflicts, *values;

  g_assert_cmpint (a, ==, b);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'application'"), ==, 1);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'supplier'"), ==, 1);
  item = get (f, a);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (item, "sources")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (item, "conflict_count"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "version"), ==, "");
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (item, "owner"), "name"), ==,
    "Anna Jansen");
  conflicts = json_object_get_array_member (item, "conflicts");
  g_assert_cmpint (json_array_get_length (conflicts), ==, 1);
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (conflicts, 0), "field"), ==,
    "version");
  values = json_object_get_array_member (json_array_get_object_element (conflicts, 0), "values");
  g_assert_cmpint (json_array_get_length (values), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *value = json_array_get_object_element (values, i);
      JsonArray *sources = json_object_get_array_member (value, "sources");

      g_assert_cmpstr (json_object_get_string_member (value, "value"), ==, i == 0 ? "5.2" : "5.3");
      g_assert_cmpint (json_array_get_length (sources), ==, 1);
      g_assert_cmpint (
        json_object_get_int_member (json_array_get_object_element (sources, 0), "interview"), ==,
        i + 1);
    }
  /* The conflicts filter finds it; the register decides, keeping both claims. */
  {
    InvFilter filter = { .conflicts = TRUE };
    g_autoptr (JsonArray) rows = inv_item_list (f->store, &filter, NULL);

    g_assert_cmpint (json_array_get_length (rows), ==, 1);
  }
  note (f, 0, "application", "KEY2BURGERZAKEN", "{\"version\": \"5.3\"}");
  decided = get (f, a);
  g_assert_cmpstr (json_object_get_string_member (decided, "version"), ==, "5.3");
  g_assert_cmpint (json_object_get_int_member (decided, "conflict_count"), ==, 0);
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_claim WHERE field = 'version'"), ==, 3);
  /* The register's claim removed: the conflict is back. */
  note (f, 0, "application", "Key2Burgerzaken", "{\"version\": \"\"}");
  g_assert_cmpint (scalar (f, "SELECT conflicts FROM inv_item WHERE kind = 'application'"), ==, 1);
}

static void
test_normalise (Fixture *f, gconstpointer data)
{
  gint64 vm = note (f, 1, "component", "srv-app01",
                    "{\"type\": \"Virtuele machine\", \"version\": \"Windows Server 2019\"}");
  gint64 app = note (f, 1, "application", "Suite4Sociaal Domein", "{}");
  gint64 c1 =
    note (f, 1, "coupling", NULL,
          "{\"from\": \"Suite4Sociaal Domein\", \"to\": \"component:srv-app01\","
          " \"protocol\": \"StUF\", \"scope\": \"extern\", \"direction\": \"eenrichting\"}");
  gint64 c2 = note (f, 2, "coupling", NULL,
                    "{\"from\": \"suite4sociaaldomein\", \"to\": \"SRV-APP01\", \"protocol\": "
                    "\" stuf\", \"direction\": \"tweerichting\"}");
  gint64 contract = note (f, 0, "contract", "Centric onderhoud",
                          "{\"supplier\": \"Centric\", \"ends_on\": \"31-12-2027\","
                          " \"notice_months\": \"6 maanden\", \"subject\": \"Onderhoud\"}");
  g_autoptr (JsonObject) row = get (f, vm);
  g_autoptr (JsonObject) coupling = get (f, c1);
  g_autoptr (JsonObject) deal = get (f, contract);

  g_assert_cmpstr (json_object_get_string_member (row, "type"), ==, "virtual-machine");
  g_assert_cmpint (c1, ==, c2);
  g_assert_cmpint (
    json_object_get_int_member (json_object_get_object_member (coupling, "from"), "id"), ==, app);
  g_assert_cmpstr (json_object_get_string_member (coupling, "scope"), ==, "external");
  /* one-way against two-way: a conflict, shown, not overwritten */
  g_assert_cmpstr (json_object_get_string_member (coupling, "direction"), ==, "");
  g_assert_cmpint (json_object_get_int_member (coupling, "conflict_count"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (deal, "ends_on"), ==, "2027-12-31");
  g_assert_cmpint (json_object_get_int_member (deal, "notice_months"), ==, 6);
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (deal, "supplier"), "name"), ==,
    "Centric");
  g_assert_cmpint (scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'supplier'"), ==, 1);
  /* The component's couplings, seen from it. */
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (row, "couplings")), ==, 1);
}

typedef struct
{
  gint64 interview;
  const char *kind, *name, *json, *field, *needle;
} BadNote;

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  static const BadNote bad[] = {
    { 0, "gadget", "x", "{}", "kind", "gadget" },
    { 0, "application", "", "{}", "name", "name" },
    { 0, "application", "   ", "{}", "name", "name" },
    { 0, "application", "a\nb", "{}", "name", "name" },
    { 0, "component", "srv", "{\"type\": \"broodrooster\"}", "type", "broodrooster" },
    { 0, "coupling", NULL, "{\"from\": \"Key2\", \"to\": \"srv\", \"scope\": \"overal\"}", "scope",
      "overal" },
    { 0, "coupling", NULL, "{\"from\": \"Key2\", \"to\": \"srv\", \"direction\": \"diagonaal\"}",
      "direction", "diagonaal" },
    { 0, "coupling", NULL, "{\"from\": \"Key2\"}", "to", "to" },
    { 0, "coupling", NULL, "{\"from\": \"Niets\", \"to\": \"srv\"}", "from", "Niets" },
    { 0, "coupling", NULL, "{\"from\": \"Key2\", \"to\": \"Key2\"}", "to", "itself" },
    { 0, "contract", "c", "{\"ends_on\": \"31-02-2027\"}", "ends_on", "31-02-2027" },
    { 0, "contract", "c", "{\"notice_months\": \"veel\"}", "notice_months", "veel" },
    { 0, "contract", "c", "{\"notice_months\": \"121\"}", "notice_months", "121" },
    { 0, "application", "a", "{\"owner\": \"niemand@voorbeeld.nl\"}", "owner", "niemand" },
    { 0, "application", "a", "{\"key_users\": [\"niemand@voorbeeld.nl\"]}", "key_users",
      "niemand" },
    { 0, "application", "a", "{\"key_users\": \"anna@voorbeeld.nl\"}", "key_users", "list" },
    { 0, "application", "a", "{\"type\": \"server\"}", "type", "application" },
    { 0, "process", "p", "{\"version\": \"1\"}", "version", "process" },
    { 0, "application", "a", "{\"version\": 5}", "version", "text" },
    { 0, "application", "a", "{\"domain\": \"a\\u0001b\"}", "domain", "domain" },
    { 9, "application", "a", "{}", "interview", "9" },
  };
  g_autofree char *before = NULL;

  note (f, 0, "application", "Key2", "{}");
  note (f, 0, "component", "srv", "{}");
  before = helder_test_fingerprint (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) fields = helder_test_object (bad[i].json);
      g_autofree char *after = NULL;

      g_assert_false (inv_item_note (f->store, HELDER_TEST_ACTOR, bad[i].interview, "test",
                                     bad[i].kind, bad[i].name, fields, NULL, &error));
      g_assert_nonnull (error);
      if (g_strcmp0 (helder_error_get_field (error), bad[i].field) != 0 ||
          strstr (error->message, bad[i].needle) == NULL)
        g_error ("case %u: field %s, message “%s”", i, helder_error_get_field (error),
                 error->message);
      after = helder_test_fingerprint (f->store);
      g_assert_cmpstr (before, ==, after);
    }
}

/* ---- honest numbers: the register recounted by brute force --------------- */

typedef struct
{
  char *name;
  const char *domain;
  gboolean owner, supplier, version, conflict;
  const char *status[6]; /* readiness per aspect (components) */
} Generated;

static void
generated_free (gpointer data)
{
  Generated *g = data;

  g_free (g->name);
  g_free (g);
}

static const char *const domains[] = { "Burgerzaken", "Sociaal Domein", "Infrastructuur" };
static const char *const statuses[] = { NULL, "open", "in-progress", "done", "not-applicable" };

static GPtrArray *
generate (Fixture *f, GRand *rand, guint n)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (generated_free);

  g_assert_true (helder_store_begin (f->store, NULL));
  for (guint i = 0; i < n; i++)
    {
      Generated *g = g_new0 (Generated, 1);
      g_autoptr (JsonObject) fields = json_object_new ();
      gboolean component = i % 2 == 0;
      g_autoptr (GError) error = NULL;
      gint64 id;

      g->name = g_strdup_printf ("%s %u", component ? "srv" : "app", i);
      g->domain = domains[g_rand_int_range (rand, 0, 3)];
      g->owner = g_rand_boolean (rand);
      g->supplier = g_rand_boolean (rand);
      g->version = g_rand_boolean (rand);
      g->conflict = g->version && g_rand_int_range (rand, 0, 4) == 0;
      json_object_set_string_member (fields, "domain", g->domain);
      if (g->owner)
        json_object_set_string_member (fields, "owner",
                                       g_rand_boolean (rand) ? "1" : "bram@voorbeeld.nl");
      if (g->supplier)
        json_object_set_string_member (fields, "supplier",
                                       g_rand_boolean (rand) ? "Centric" : "PinkRoccade");
      if (g->version)
        json_object_set_string_member (fields, "version", "1.0");
      if (!inv_item_note (f->store, HELDER_TEST_ACTOR, 1, NULL,
                          component ? "component" : "application", g->name, fields, &id, &error))
        g_error ("%s", error->message);
      if (g->conflict)
        {
          g_autoptr (JsonObject) other = json_object_new ();

          json_object_set_string_member (other, "version", "2.0");
          g_assert_true (inv_item_note (f->store, HELDER_TEST_ACTOR, 2, NULL,
                                        component ? "component" : "application", g->name, other,
                                        NULL, &error));
          g_assert_no_error (error);
        }
      for (guint a = 0; component && a < 6; a++)
        {
          g->status[a] = statuses[g_rand_int_range (rand, 0, 5)];
          if (g->status[a] != NULL &&
              !inv_readiness_set (f->store, HELDER_TEST_ACTOR, id, inv_readiness_aspects[a],
                                  g->status[a], NULL, NULL, NULL, &error))
            g_error ("%s", error->message);
        }
      g_ptr_array_add (all, g);
    }
  g_assert_true (helder_store_commit (f->store, NULL));
  return all;
}

static gboolean
lacks (const Generated *g)
{
  /* a conflicting version is an empty one */
  return !g->owner || !g->supplier || !g->version || g->conflict;
}

static void
check_list (Fixture *f, GPtrArray *all, const char *domain, gboolean conflicts, gboolean incomplete)
{
  InvFilter filter = {
    .kind = NULL, .domain = domain, .conflicts = conflicts, .incomplete = incomplete
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) rows = inv_item_list (f->store, &filter, &error);
  guint expected = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      Generated *g = g_ptr_array_index (all, i);

      expected += (domain == NULL || g_str_equal (g->domain, domain)) &&
                  (!conflicts || g->conflict) && (!incomplete || lacks (g));
    }
  /* the suppliers themselves are items too: "Centric", "PinkRoccade" */
  if (domain == NULL && !conflicts && !incomplete)
    expected += scalar (f, "SELECT count(*) FROM inv_item WHERE kind = 'supplier'");
  g_assert_cmpint (json_array_get_length (rows), ==, expected);
}

static void
check_completeness (Fixture *f, GPtrArray *all)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) out = inv_completeness (f->store, &error);
  JsonArray *kinds = json_object_get_array_member (out, "kinds");
  guint incomplete = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    incomplete += lacks (g_ptr_array_index (all, i));
  g_assert_cmpint (json_object_get_int_member (out, "incomplete"), ==, incomplete);
  for (guint k = 0; k < 2; k++)
    {
      JsonObject *kind = json_array_get_object_element (kinds, k);
      JsonArray *fields = json_object_get_array_member (kind, "fields");

      for (guint c = 0; c < json_array_get_length (fields); c++)
        {
          JsonObject *field = json_array_get_object_element (fields, c);
          const char *name = json_object_get_string_member (field, "field");
          guint expected = 0;

          for (guint i = k; i < all->len; i += 2)
            {
              Generated *g = g_ptr_array_index (all, i);

              expected += g_str_equal (name, "owner")      ? !g->owner
                          : g_str_equal (name, "supplier") ? !g->supplier
                                                           : !g->version || g->conflict;
            }
          g_assert_cmpint (json_object_get_int_member (field, "missing"), ==, expected);
          g_assert_cmpint (json_array_get_length (json_object_get_array_member (field, "items")),
                           ==, expected);
        }
    }
}

static void
check_readiness (Fixture *f, GPtrArray *all, const char *domain)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) totals = inv_readiness_totals (f->store, domain, &error);

  g_assert_no_error (error);
  for (guint a = 0; a < 6; a++)
    {
      JsonObject *aspect = json_array_get_object_element (totals, a);
      guint done = 0, applicable = 0;

      for (guint i = 0; i < all->len; i += 2)
        {
          Generated *g = g_ptr_array_index (all, i);

          if (domain != NULL && !g_str_equal (g->domain, domain))
            continue;
          applicable += g_strcmp0 (g->status[a], "not-applicable") != 0;
          done += g_strcmp0 (g->status[a], "done") == 0;
        }
      g_assert_cmpstr (json_object_get_string_member (aspect, "aspect"), ==,
                       inv_readiness_aspects[a]);
      g_assert_cmpint (json_object_get_int_member (aspect, "done"), ==, done);
      g_assert_cmpint (json_object_get_int_member (aspect, "applicable"), ==, applicable);
      g_assert_cmpint (json_array_get_length (json_object_get_array_member (aspect, "missing")), ==,
                       applicable - done);
    }
}

static void
test_counts (Fixture *f, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (14);
  g_autoptr (GPtrArray) all = generate (f, rand, 240);

  for (guint d = 0; d <= G_N_ELEMENTS (domains); d++)
    {
      const char *domain = d < G_N_ELEMENTS (domains) ? domains[d] : NULL;

      check_list (f, all, domain, FALSE, FALSE);
      check_list (f, all, domain, TRUE, FALSE);
      check_list (f, all, domain, FALSE, TRUE);
      check_readiness (f, all, domain);
    }
  check_completeness (f, all);
}

int
main (int argc, char **argv)
{
  g_setenv ("HELDER_NOW", HELDER_TEST_NOW, TRUE);
  helder_test_init (&argc, &argv);
  g_test_add ("/inv/items/merge-and-conflict", Fixture, NULL, fixture_set_up,
              test_merge_and_conflict, fixture_tear_down);
  g_test_add ("/inv/items/normalise", Fixture, NULL, fixture_set_up, test_normalise,
              fixture_tear_down);
  g_test_add ("/inv/items/bad-input", Fixture, NULL, fixture_set_up, test_bad_input,
              fixture_tear_down);
  g_test_add ("/inv/items/counts", Fixture, NULL, fixture_set_up, test_counts, fixture_tear_down);
  return g_test_run ();
}
