/* interviews-web-test.c — what the interviews plugin's web tests share
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "interviews-web-test.h"

char *
iv_test_form (const char *first_name, ...)
{
  GString *out = g_string_new (NULL);
  va_list args;
  const char *name = first_name;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *n = g_uri_escape_string (name, NULL, FALSE);
      g_autofree char *v = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (out, "%s%s=%s", out->len ? "&" : "", n, v);
      name = va_arg (args, const char *);
    }
  va_end (args);
  return g_string_free (out, FALSE);
}

void
iv_test_assert_status (HelderWebTestResponse *response, guint status, const char *what)
{
  const char *summary = response->text != NULL ? strstr (response->text, "error-summary") : NULL;

  if (response->status != status)
    g_error ("%s: expected %u, got %u: %.1500s", what, status, response->status,
             summary != NULL ? summary : response->text);
}

gint64
iv_test_scalar_text (HelderWebTest *web, const char *sql, const char *arg)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (web->store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

const char *
iv_test_header (HelderWebTestResponse *response, const char *name)
{
  return soup_message_headers_get_one (response->headers, name);
}

void
iv_test_seed_register (HelderWebTest *web)
{
  static const char *const items[][14] = {
    { "component", "esx-host01", "--domain", "Infrastructuur", "--type", "physical-host",
      "--supplier", "Dell Technologies", "--version", "VMware ESXi 7.0", NULL },
    { "component", "srv-sql01", "--domain", "Infrastructuur", "--type", "database", "--version",
      "SQL Server 2016", NULL },
    { "application", "Zaaksysteem", "--domain", "Dienstverlening", "--supplier", "Centric",
      "--version", "5.1", NULL },
    { "application", "Suite4Burgerzaken", "--domain", "Burgerzaken", "--supplier", "Centric",
      NULL },
    { "application", "BRP-V", "--domain", "Burgerzaken", "--description",
      "De landelijke voorziening", NULL },
    { "coupling", "Zaaksysteem-sql", "--from", "Zaaksysteem", "--to", "srv-sql01", "--protocol",
      "ODBC", "--scope", "internal", "--direction", "two-way", NULL },
    { "coupling", "Suite-BRP", "--from", "Suite4Burgerzaken", "--to", "BRP-V", "--protocol", "StUF",
      "--scope", "external", "--direction", "one-way", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      const char *args[18] = { "item", "add" };

      for (guint a = 0; a < 14 && items[i][a] != NULL; a++)
        args[a + 2] = items[i][a];
      helder_test_runv_ok (web->db_path, args);
    }
}
