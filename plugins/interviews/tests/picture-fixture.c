/* picture-fixture.c — generated inventories for the picture's tests and benchmark
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows go straight into inv_item, as migrations/0001-interviews.sql says;
 * the plugin itself is loaded by the engine so that its migrations run.
 */
#include "config.h"

#include "helder-test-utils.h"
#include "picture-fixture.h"

const char *const picture_fixture_domains[] = {
  "Burgerzaken", "Belastingen", "Sociaal Domein",  "Ruimte",
  "Financiën",   "Personeel",   "Infrastructuur",  "Werkplek",
  "Geo",         "BI en Data",  "Dienstverlening", "Bestuur",
  NULL,
};

void
picture_fixture_open (PictureFixture *f)
{
  g_autoptr (HelderStore) core = helder_test_store_new (&f->db);
  g_autoptr (GError) error = NULL;

  g_clear_object (&core);
  f->context = helder_context_new (f->db);
  helder_engine_load_all (helder_context_get_engine (f->context));
  f->store = helder_context_get_store (f->context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (helder_store_get_version (f->store, "interviews"), >=, 1);
  helder_test_seed (f->store);
}

void
picture_fixture_close (PictureFixture *f)
{
  g_clear_object (&f->context);
  helder_test_remove_db (f->db);
  g_clear_pointer (&f->db, g_free);
}

static gint64
insert (PictureFixture *f,
        const char *kind,
        const char *name,
        const char *match_key,
        const char *type,
        const char *domain,
        gint64 supplier,
        gint64 owner,
        gint64 from,
        gint64 to,
        const char *protocol,
        const char *scope,
        const char *direction)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStmt) stmt = helder_store_prepare (
    f->store,
    "INSERT INTO inv_item (kind, name, match_key, type, domain, supplier, owner, from_item,"
    " to_item, protocol, scope, direction, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, NULLIF (?6, 0), NULLIF (?7, 0), NULLIF (?8, 0), NULLIF (?9, 0),"
    " ?10, ?11, ?12, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, match_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, domain, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, supplier);
  sqlite3_bind_int64 (stmt, 7, owner);
  sqlite3_bind_int64 (stmt, 8, from);
  sqlite3_bind_int64 (stmt, 9, to);
  sqlite3_bind_text (stmt, 10, protocol, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, direction, -1, SQLITE_TRANSIENT);
  g_assert_true (helder_store_step_done (f->store, stmt, &error));
  g_assert_no_error (error);
  return sqlite3_last_insert_rowid (helder_store_get_db (f->store));
}

gint64
picture_fixture_item (PictureFixture *f,
                      const char *kind,
                      const char *name,
                      const char *domain,
                      gint64 supplier,
                      gint64 owner)
{
  static guint serial;
  g_autofree char *key =
    g_strdup_printf ("key-%u-%" G_GINT64_FORMAT, ++serial, g_get_monotonic_time ());

  return insert (f, kind, name, key, g_str_equal (kind, "component") ? "server" : "", domain,
                 supplier, owner, 0, 0, "", "", "");
}

gint64
picture_fixture_coupling (PictureFixture *f,
                          gint64 from,
                          gint64 to,
                          const char *protocol,
                          const char *scope,
                          const char *direction)
{
  g_autofree char *key =
    g_strdup_printf ("%" G_GINT64_FORMAT ">%" G_GINT64_FORMAT ":%s", from, to, protocol);
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT " → %" G_GINT64_FORMAT, from, to);

  return insert (f, "coupling", name, key, "", "", 0, 0, from, to, protocol, scope, direction);
}

static const char *const types[] = {
  "server",  "virtual-machine", "physical-host", "database",
  "storage", "network-device",  "workplace",     "cloud-service"
};
static const char *const protocols[] = { "StUF", "REST", "SFTP", "SOAP", "ODBC", "LDAP", "" };

void
picture_fixture_generate (PictureFixture *f,
                          guint32 seed,
                          guint items,
                          guint domains,
                          guint couplings,
                          guint suppliers)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gint64 *supplier_ids = g_new0 (gint64, suppliers + 1);
  g_autofree gint64 *ids = g_new0 (gint64, items);
  guint made = 0, attempts = 0;

  g_assert_true (domains >= 1 && domains <= 12 && items >= domains);
  g_assert_true (helder_store_begin (f->store, &error));
  for (guint s = 0; s < suppliers; s++)
    {
      g_autofree char *name = g_strdup_printf ("Leverancier %c%u", 'A' + s % 26, s);
      g_autofree char *key = g_strdup_printf ("supplier-%u-%u", seed, s);

      supplier_ids[s] = insert (f, "supplier", name, key, "", "", 0, 0, 0, 0, "", "", "");
    }
  for (guint i = 0; i < items; i++)
    {
      gboolean application = g_rand_int_range (rand, 0, 10) < 6;
      g_autofree char *name = g_strdup_printf ("%s %u", application ? "Applicatie" : "Server", i);
      g_autofree char *key = g_strdup_printf ("item-%u-%u", seed, i);
      gint64 supplier = suppliers > 0 && g_rand_int_range (rand, 0, 10) < 8
                          ? supplier_ids[g_rand_int_range (rand, 0, suppliers)]
                          : 0;
      gint64 owner = g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 1, 5);

      ids[i] = insert (f, application ? "application" : "component", name, key,
                       application ? "" : types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))],
                       picture_fixture_domains[i % domains], supplier, owner, 0, 0, "", "", "");
    }
  while (made < couplings && attempts++ < couplings * 20)
    {
      guint a = g_rand_int_range (rand, 0, items), d = a % domains, b;
      guint per = (items - d + domains - 1) / domains, pos = a / domains;
      double r = g_rand_double (rand);
      const char *scope, *direction, *protocol;
      g_autofree char *key = NULL;

      if (r < 0.6)
        b = CLAMP ((int) pos + g_rand_int_range (rand, -6, 7), 0, (int) per - 1) * domains + d;
      else if (r < 0.85)
        b = g_rand_int_range (rand, 0, MIN (3, per)) * domains + d;
      else
        b = g_rand_int_range (rand, 0, MIN (10, items));
      if (b >= items || a == b)
        continue;
      key = g_strdup_printf ("%u-%u", MIN (a, b), MAX (a, b));
      if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));
      r = g_rand_double (rand);
      scope = r < 0.1 ? "external" : r < 0.9 ? "internal" : "";
      r = g_rand_double (rand);
      direction = r < 0.6 ? "one-way" : r < 0.85 ? "two-way" : "";
      protocol = protocols[g_rand_int_range (rand, 0, G_N_ELEMENTS (protocols))];
      picture_fixture_coupling (f, ids[a], ids[b], protocol, scope, direction);
      made++;
    }
  g_assert_cmpuint (made, ==, couplings);
  g_assert_true (helder_store_commit (f->store, &error));
}
