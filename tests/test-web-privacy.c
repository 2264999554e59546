/* test-web-privacy.c — GET /api/v1/people/{key}/export, POST …/erase
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The advisor's routes for a person's data (DESIGN.md §6) over HTTP: what
 * they answer, and that bad input gets a clear 4xx and changes nothing.
 * What is erased and kept is proven in test-privacy.c.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "helder-clock.h"
#include "services/delivery/helder-outbox.h"

static gint64
sql_int (HelderWebTest *web, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (web->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static HelderWebTestResponse *
call (HelderWebTest *web, HelderWebTestUser *user, const char *method, const char *path)
{
  return helder_web_test_request (web, method, path, user, "bearer", NULL, NULL, 0, NULL);
}

/* A refusal: @status naming @in_message, and not a row changed. */
static void
refused (HelderWebTest *web,
         const char *method,
         const char *path,
         guint status,
         const char *field,
         const char *in_message)
{
  g_autofree char *before = helder_test_fingerprint (web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) response = call (web, &web->advisor, method, path);

  helder_web_test_assert_error (response, status, field, in_message);
  after = helder_test_fingerprint (web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_export_erase (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autofree char *export_path =
    g_strdup_printf ("/api/v1/people/%" G_GINT64_FORMAT "/export", web->employee.person);
  g_autofree char *erase_path =
    g_strdup_printf ("/api/v1/people/%" G_GINT64_FORMAT "/erase", web->employee.person);
  g_autofree char *where =
    g_strdup_printf ("action = 'export' AND entity = 'person' AND subject = %" G_GINT64_FORMAT,
                     web->employee.person);
  g_autofree char *gone = g_strdup_printf (
    "SELECT count(*) FROM person WHERE id = %" G_GINT64_FORMAT, web->employee.person);

  {
    g_autoptr (HelderWebTestResponse) response = call (web, &web->advisor, "GET", export_path);
    g_autoptr (JsonNode) root = NULL;
    JsonObject *export;

    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Cache-Control"), ==,
                     "no-store");
    root = helder_web_test_json (response);
    export = json_node_get_object (root);
    g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (export, "person"), "name"), ==,
      web->employee.name);
    g_assert_true (json_object_has_member (export, "role_changes"));
    g_assert_true (json_object_has_member (export, "access"));
    g_assert_null (strstr (response->text, "\"hash\""));
    g_assert_cmpint (sql_int (web, "SELECT count(*) FROM audit_entry WHERE action = 'export'"), ==,
                     1);
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_entry WHERE %s", where);

      g_assert_cmpint (sql_int (web, sql), ==, 1);
    }
  }
  /* Not for anyone but the advisor. */
  {
    g_autoptr (HelderWebTestResponse) response = call (web, &web->hr, "GET", export_path);

    g_assert_cmpuint (response->status, ==, 403);
  }

  refused (web, "GET", "/api/v1/people/abc/export", 400, "key", "“abc” is not a person's id");
  refused (web, "POST", "/api/v1/people/-3/erase", 400, "key", "“-3” is not a person's id");
  refused (web, "GET", "/api/v1/people/987654/export", 404, NULL, "person 987654: no such person");
  refused (web, "POST", "/api/v1/people/987654/erase", 404, NULL, "person 987654: no such person");

  /* A message on its way to someone: their erasure waits. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *now = helder_clock_now_utc ();
    g_autofree char *path =
      g_strdup_printf ("/api/v1/people/%" G_GINT64_FORMAT "/erase", web->employee2.person);
    g_autofree char *named = g_strdup_printf ("person %" G_GINT64_FORMAT " (%s)",
                                              web->employee2.person, web->employee2.name);
    HelderOutboxMessage message = {
      .source = "moment:1",
      .person = web->employee2.person,
      .channel = "email",
      .subject = "Hallo",
      .body = "Hallo",
      .locale = "nl",
      .link = "",
    };

    helder_outbox_queue (web->store, &message, now, NULL, &error);
    g_assert_no_error (error);
    refused (web, "POST", path, 409, NULL, named);
    refused (web, "POST", path, 409, NULL, "not delivered yet (pending)");
  }

  {
    g_autoptr (HelderWebTestResponse) response = call (web, &web->advisor, "POST", erase_path);
    g_autoptr (JsonNode) root = NULL;

    g_assert_cmpuint (response->status, ==, 200);
    root = helder_web_test_json (response);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "erased"), ==,
                     web->employee.person);
    g_assert_cmpint (sql_int (web, gone), ==, 0);
    g_assert_cmpint (
      sql_int (
        web, "SELECT count(*) FROM audit_entry WHERE action = 'erase' AND actor_role = 'advisor'"),
      ==, 1);
  }
  refused (web, "POST", erase_path, 409, NULL, "was erased on");
  refused (web, "GET", export_path, 409, NULL, "was erased on");
  helder_web_test_stop (web);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/web-privacy/export-erase", test_export_erase);
  return g_test_run ();
}
