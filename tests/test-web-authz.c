/* test-web-authz.c — the whole route table, for every role and anonymous
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every route of helder_web_routes() and every caller (anonymous,
 * employee, HR, advisor), a real request: callers the route does not list
 * get 401 (anonymous) or 403, callers it lists get neither (nor a server
 * error). Every response an employee gets is checked for other people's
 * data: no e-mail address but their own and their contact person's, and
 * no name of a colleague.
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "web/helder-web-private.h"

typedef struct
{
  const char *label;
  HelderWebRole role;
  HelderWebTestUser *user; /* NULL: anonymous */
} Caller;

static char *
scalar (HelderStore *store, const char *sql, gint64 arg)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, arg);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* A concrete path for @pattern: each {name} becomes a real key of the demo,
 * chosen so that it is never the employee's own record. */
static char *
concrete_path (HelderWebTest *web, const char *pattern)
{
  g_autoptr (GString) path = g_string_new (NULL);
  g_autofree char *other = scalar (
    web->store, "SELECT id FROM person WHERE id != ?1 ORDER BY id LIMIT 1", web->employee.person);

  for (const char *p = pattern; *p;)
    {
      if (*p != '{')
        {
          g_string_append_c (path, *p++);
          continue;
        }
      {
        const char *close = strchr (p, '}');
        g_autofree char *name = g_strndup (p + 1, close - p - 1);
        g_autofree char *value = NULL;

        if (g_str_equal (name, "file"))
          value = g_strdup ("helder.css");
        else if (g_str_equal (name, "code"))
          value = g_strdup ("not-a-real-code");
        else if (g_str_equal (name, "slug") || g_str_has_prefix (pattern, "/api/v1/gates/"))
          value = scalar (web->store, "SELECT slug FROM gate ORDER BY decide_on LIMIT ?1", 1);
        else if (g_str_has_prefix (pattern, "/moments/") ||
                 g_str_has_prefix (pattern, "/api/v1/moments/"))
          value =
            scalar (web->store, "SELECT max (id) FROM moment WHERE status = 'draft' LIMIT ?1", 1);
        else if (g_str_has_prefix (pattern, "/commitments/") ||
                 g_str_has_prefix (pattern, "/api/v1/commitments/"))
          value = g_strdup ("1");
        else if (g_str_has_prefix (pattern, "/api/v1/phases/"))
          value = scalar (web->store, "SELECT key FROM phase ORDER BY position LIMIT ?1", 1);
        else if (g_str_has_prefix (pattern, "/api/v1/groups/"))
          value =
            scalar (web->store, "SELECT slug FROM stakeholder_group ORDER BY slug LIMIT ?1", 1);
        else if (g_str_has_prefix (pattern, "/api/v1/roles/"))
          value = scalar (web->store, "SELECT slug FROM role ORDER BY slug LIMIT ?1", 1);
        else if (g_str_has_prefix (pattern, "/people/") ||
                 g_str_has_prefix (pattern, "/api/v1/people/"))
          value = g_strdup (other);
        else
          value = g_strdup ("1");
        g_string_append (path, value);
        p = close + 1;
      }
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static HelderWebTestResponse *
call (HelderWebTest *web, const HelderWebRoute *route, const char *path, HelderWebTestUser *user)
{
  gboolean api = (route->flags & HELDER_ROUTE_API) != 0;

  if (strcmp (route->method, "GET") == 0)
    return helder_web_test_request (web, "GET", path, user, api ? "bearer" : "cookie", NULL, NULL,
                                    0, NULL);
  if (api)
    return helder_web_test_request (web, route->method, path, user, "bearer", "application/json",
                                    "{}", -1, NULL);
  return helder_web_test_post_form (web, path, user, "");
}

/* Names and e-mail addresses an employee may see: their own, their contact
 * person's, and the people who speak in the programme (commitments' makers
 * and authors of updates and moments, who sign what they publish). */
static gboolean
visible_to (HelderWebTest *web, gint64 employee, gint64 person, const char *name)
{
  g_autoptr (HelderStmt) stmt = NULL;

  if (person == employee)
    return TRUE;
  stmt = helder_store_prepare (web->store,
                               "SELECT 1 FROM role_change WHERE person = ?1 AND contact = ?2"
                               " UNION SELECT 1 FROM commitment WHERE instr (made_by, ?3) > 0"
                               " UNION SELECT 1 FROM commitment_update WHERE author = ?3"
                               " UNION SELECT 1 FROM moment WHERE author = ?3"
                               " UNION SELECT 1 FROM gate WHERE decided_by = ?3",
                               NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, employee);
  sqlite3_bind_int64 (stmt, 2, person);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static void
assert_nothing_of_others (HelderWebTest *web,
                          HelderWebTestUser *employee,
                          const char *what,
                          HelderWebTestResponse *response)
{
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (web->store, "SELECT id, name, email FROM person", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *email = (const char *) sqlite3_column_text (stmt, 2);

      if (visible_to (web, employee->person, id, name))
        continue;
      if (strstr (response->text, name) != NULL)
        g_error ("%s shows %s (person %" G_GINT64_FORMAT ") to employee %s", what, name, id,
                 employee->name);
      if (email != NULL && strstr (response->text, email) != NULL)
        g_error ("%s shows %s to employee %s", what, email, employee->name);
    }
}

static void
test_walk (void)
{
  HelderWebTest *web = helder_web_test_start ();
  Caller callers[] = {
    { "anonymous", HELDER_WEB_ANONYMOUS, NULL },
    { "employee", HELDER_WEB_EMPLOYEE, &web->employee },
    { "employee2", HELDER_WEB_EMPLOYEE, &web->employee2 },
    { "hr", HELDER_WEB_HR, &web->hr },
    { "advisor", HELDER_WEB_ADVISOR, &web->advisor },
  };
  HelderWebRouteTable *table;
  const HelderWebRoute *routes;
  guint n_routes, checked = 0;

  table = helder_web_server_get_routes (web->server);
  routes = helder_web_route_table_get (table, &n_routes);
  for (guint r = 0; r < n_routes; r++)
    for (guint c = 0; c < G_N_ELEMENTS (callers); c++)
      {
        const HelderWebRoute *route = &routes[r];
        g_autofree char *path = concrete_path (web, route->pattern);
        g_autofree char *what =
          g_strdup_printf ("%s %s as %s", route->method, path, callers[c].label);
        g_autoptr (HelderWebTestResponse) response = NULL;
        gboolean allowed = helder_web_route_table_allows (table, route, callers[c].role);

        /* Signing out would end the session the walk goes on with. */
        if (g_str_equal (route->pattern, "/logout"))
          continue;
        response = call (web, route, path, callers[c].user);
        g_test_message ("%s → %u", what, response->status);
        if (!allowed)
          {
            guint expected = callers[c].user == NULL ? 401 : 403;

            if (response->status != expected)
              g_error ("%s: expected %u, got %u: %.200s", what, expected, response->status,
                       response->text);
          }
        else if (g_str_equal (route->pattern, "/login") && response->status == 403)
          {
            /* Signing in needs the sign-in page's form token first (a
             * CSRF token; test-web-server /web-server/login-csrf). */
            g_assert_nonnull (strstr (response->text, "Open your sign-in link again"));
          }
        else if (g_str_equal (route->pattern, "/login/request") && response->status == 403)
          {
            /* So does asking for a new link (test-signin /signin/web/bad-input). */
            g_assert_nonnull (strstr (response->text, "not opened in this browser"));
          }
        else if (g_str_equal (route->pattern, "/s") && response->status == 403)
          {
            /* The same for the sign-in link of a message
             * (plugins/email/tests/test-email-links.c). */
            g_assert_nonnull (strstr (response->text, "open the link in your message again"));
          }
        else if (response->status == 401 || response->status == 403 || response->status >= 500)
          g_error ("%s: allowed, but got %u: %.300s", what, response->status, response->text);

        if (callers[c].role == HELDER_WEB_EMPLOYEE)
          assert_nothing_of_others (web, callers[c].user, what, response);
        checked++;
      }
  g_assert_cmpuint (checked, >=, (n_routes - 1) * G_N_ELEMENTS (callers));
  helder_web_test_stop (web);
}

/* Every route in the table is unique, has a handler, and no route an
 * employee may call takes a key of someone else's record. */
static void
test_table (void)
{
  HelderWebTest *web = helder_web_test_start ();
  HelderWebRouteTable *table = helder_web_server_get_routes (web->server);
  HelderContext *context = helder_web_server_get_context (web->server);
  const HelderWebRoute *routes;
  guint n_routes;

  routes = helder_web_route_table_get (table, &n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      g_assert_nonnull (routes[i].handler);
      /* Every route names a permission that exists and that someone holds. */
      if (helder_context_lookup_permission (context, routes[i].permission) == NULL)
        g_error ("%s %s needs the permission “%s”, which nobody registered", routes[i].method,
                 routes[i].pattern, routes[i].permission);
      if (helder_context_lookup_permission (context, routes[i].permission)->roles == 0)
        g_error ("%s %s needs the permission “%s”, which no role holds", routes[i].method,
                 routes[i].pattern, routes[i].permission);
      for (guint j = i + 1; j < n_routes; j++)
        g_assert_false (g_str_equal (routes[i].method, routes[j].method) &&
                        g_str_equal (routes[i].pattern, routes[j].pattern));
      if (helder_web_route_table_allows (table, &routes[i], HELDER_WEB_EMPLOYEE) &&
          (strstr (routes[i].pattern, "{id}") || strstr (routes[i].pattern, "{key}")))
        g_error ("%s %s lets employees name a record", routes[i].method, routes[i].pattern);
    }
  helder_web_test_stop (web);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/web-authz/table", test_table);
  g_test_add_func ("/web-authz/walk", test_walk);
  return g_test_run ();
}
