/* test-web-api.c — the JSON API under /api/v1/, over HTTP against a real server
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every API route is called with the advisor's token on the demo programme:
 * list (paging, filters), get, create, update of every collection and the
 * workflow steps. Bad input is tried case by case; each answer must have
 * the error shape with the field and the message, and the database must be
 * byte for byte what it was (helder_test_fingerprint). data/openapi.json
 * must describe exactly the /api/v1 routes of the route table.
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "model/helder-entity.h"
#include "services/delivery/helder-outbox.h"
#include "web/helder-web-private.h"

typedef struct
{
  HelderWebTest *web;
  GHashTable *seen; /* "METHOD pattern" of the routes answered as expected */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->web = helder_web_test_start ();
  f->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Messages in English, whatever the demo's locale, so they can be checked. */
  g_assert_true (helder_store_exec (f->web->store,
                                    "UPDATE person SET locale = 'en' WHERE id IN "
                                    "(SELECT person FROM access_token)",
                                    &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_hash_table_unref (f->seen);
  helder_web_test_stop (f->web);
}

/* ---- helpers -------------------------------------------------------------- */

static gint64
sql_int (Fixture *f, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
sql_text (Fixture *f, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (f->web->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
audit_count (Fixture *f, const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_entry WHERE %s", where);
  return sql_int (f, sql);
}

/* A collection of a plugin's noun (the test addin's): its own tests try it. */
static gboolean
is_plugin_route (const HelderWebRoute *route)
{
  g_auto (GStrv) parts = g_strsplit (route->pattern, "/", -1);
  const HelderEntity *entity;

  if (g_strv_length (parts) < 4 || !g_str_equal (parts[1], "api"))
    return FALSE;
  entity = helder_web_api_entity (parts[3]);
  return entity != NULL && entity->owner != NULL;
}

/* Marks the route @method @path as covered. */
static void
mark_seen (Fixture *f, const char *method, const char *path)
{
  g_autofree char *bare = g_strdup (path);
  char *question = strchr (bare, '?');
  const HelderWebRoute *route;
  gboolean known;

  if (question != NULL)
    *question = '\0';
  route = helder_web_route_table_match (helder_web_server_get_routes (f->web->server), method, bare,
                                        NULL, &known);
  if (route == NULL)
    {
      /* A method the path does not take (405): nothing to cover. */
      g_assert_true (known);
      return;
    }
  g_hash_table_add (f->seen, g_strdup_printf ("%s %s", route->method, route->pattern));
}

/* Sends @json (NULL: no body) as the advisor (or @user) and asserts @status. */
static HelderWebTestResponse *
call (Fixture *f,
      HelderWebTestUser *user,
      const char *method,
      const char *path,
      const char *json,
      guint status)
{
  HelderWebTestResponse *response;

  if (user == NULL)
    user = &f->web->advisor;
  if (json != NULL)
    response = helder_web_test_send_json (f->web, method, path, user, json);
  else
    response = helder_web_test_request (f->web, method, path, user, "bearer", NULL, NULL, 0, NULL);
  if (response->status != status)
    g_error ("%s %s: expected %u, got %u: %.400s", method, path, status, response->status,
             response->text);
  if (status < 300)
    g_assert_cmpstr (response->content_type, ==, "application/json");
  mark_seen (f, method, path);
  return response;
}

static JsonObject *
call_object (Fixture *f,
             HelderWebTestUser *user,
             const char *method,
             const char *path,
             const char *json,
             guint status)
{
  g_autoptr (HelderWebTestResponse) response = call (f, user, method, path, json, status);
  g_autoptr (JsonNode) root = helder_web_test_json (response);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* Asserts {"error":{"code","message","field"}}: @field NULL means null. */
static void
assert_error_shape (HelderWebTestResponse *response,
                    guint status,
                    const char *code,
                    const char *field,
                    const char *in_message)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *error;

  if (response->status != status)
    g_error ("expected status %u, got %u: %.400s", status, response->status, response->text);
  g_assert_cmpstr (response->content_type, ==, "application/json");
  root = helder_web_test_json (response);
  error = json_object_get_object_member (json_node_get_object (root), "error");
  g_assert_nonnull (error);
  g_assert_cmpuint (json_object_get_size (error), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  if (strstr (json_object_get_string_member (error, "message"), in_message) == NULL)
    g_error ("message “%s” does not contain “%s”", json_object_get_string_member (error, "message"),
             in_message);
  if (field == NULL)
    g_assert_true (json_object_get_null_member (error, "field"));
  else
    g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, field);
}

/* Sends a bad request as the advisor: the answer must be the error, and the
 * database must not have changed at all. */
static void
expect_error (Fixture *f,
              const char *method,
              const char *path,
              const char *content_type,
              const char *body,
              gssize length,
              guint status,
              const char *code,
              const char *field,
              const char *in_message)
{
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  g_autoptr (HelderWebTestResponse) response = helder_web_test_request (
    f->web, method, path, &f->web->advisor, "bearer", content_type, body, length, NULL);

  assert_error_shape (response, status, code, field, in_message);
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
}

static void
expect_json_error (Fixture *f,
                   const char *method,
                   const char *path,
                   const char *json,
                   guint status,
                   const char *code,
                   const char *field,
                   const char *in_message)
{
  expect_error (f, method, path, json ? "application/json" : NULL, json, -1, status, code, field,
                in_message);
}

/* Creates a row: 201, Location names it, and reading it back gives the same. */
static JsonObject *
create_ok (Fixture *f, const char *collection, const char *key_member, const char *json)
{
  g_autofree char *path = g_strconcat ("/api/v1/", collection, NULL);
  g_autoptr (HelderWebTestResponse) response = call (f, NULL, "POST", path, json, 201);
  g_autoptr (JsonNode) created = helder_web_test_json (response);
  g_autoptr (JsonObject) read = NULL;
  g_autoptr (JsonNode) read_node = NULL;
  JsonObject *row = json_node_get_object (created);
  JsonNode *key = json_object_get_member (row, key_member);
  g_autofree char *key_text =
    JSON_NODE_HOLDS_VALUE (key) && json_node_get_value_type (key) == G_TYPE_INT64
      ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (key))
      : g_strdup (json_node_get_string (key));
  g_autofree char *location = g_strdup_printf ("%s/%s", path, key_text);
  g_autofree char *where =
    g_strdup_printf ("action = 'create' AND record = '%s' AND actor = %" G_GINT64_FORMAT, key_text,
                     f->web->advisor.person);

  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Location"), ==, location);
  read = call_object (f, NULL, "GET", location, NULL, 200);
  read_node = json_node_init_object (json_node_alloc (), read);
  if (!json_node_equal (created, read_node))
    g_error ("%s: created %s, read back %s", location, response->text,
             json_to_string (read_node, FALSE));
  g_assert_cmpint (audit_count (f, where), >=, 1);
  return json_object_ref (row);
}

/* Changes a row: 200, the member has its new value, and it was stored. */
static void
patch_ok (Fixture *f, const char *collection, const char *key, const char *json, const char *member)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%s", collection, key);
  g_autoptr (JsonObject) body = helder_test_object (json);
  g_autoptr (JsonObject) changed = call_object (f, NULL, "PATCH", path, json, 200);
  g_autoptr (JsonObject) read = call_object (f, NULL, "GET", path, NULL, 200);
  g_autofree char *where = g_strdup_printf ("action = 'update' AND record = '%s'", key);

  g_assert_true (json_node_equal (json_object_get_member (changed, member),
                                  json_object_get_member (body, member)));
  g_assert_true (
    json_node_equal (json_object_get_member (read, member), json_object_get_member (body, member)));
  g_assert_cmpint (audit_count (f, where), >=, 1);
}

static gint64
id_of (JsonObject *row)
{
  return json_object_get_int_member (row, "id");
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_entity_map (void)
{
  static const char *const pairs[][2] = {
    { "phases", "phase" },
    { "groups", "group" },
    { "roles", "role" },
    { "people", "person" },
    { "role-changes", "role_change" },
    { "commitments", "commitment" },
    { "commitment-updates", "commitment_update" },
    { "moments", "moment" },
    { "gates", "gate" },
    { "criteria", "criterion" },
    { "placements", "placement" },
    { "moment-slots", "moment_slot" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const HelderEntity *entity = helder_web_api_entity (pairs[i][0]);
      g_assert_nonnull (entity);
      g_assert_cmpstr (entity->name, ==, pairs[i][1]);
    }
  g_assert_null (helder_web_api_entity ("programme"));
  g_assert_null (helder_web_api_entity ("role_changes"));
  g_assert_null (helder_web_api_entity (""));
}

static gboolean
is_api_handler (HelderWebHandler handler)
{
  return handler == helder_web_handle_api_list || handler == helder_web_handle_api_get ||
         handler == helder_web_handle_api_create || handler == helder_web_handle_api_update ||
         handler == helder_web_handle_api_status || handler == helder_web_handle_api_audience ||
         handler == helder_web_handle_api_moment_action ||
         handler == helder_web_handle_api_commitment_record ||
         handler == helder_web_handle_api_gate_decide;
}

/* Lists, creates, reads back and changes a row of every collection, runs
 * every workflow step, and checks that no route of this file was missed. */
static void
test_every_route (Fixture *f, gconstpointer data)
{
  g_autofree char *today = helder_test_day (0);
  g_autofree char *due = helder_test_day (30);
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autoptr (JsonObject) person = NULL;
  g_autoptr (JsonObject) change = NULL;
  g_autoptr (JsonObject) commitment = NULL;
  g_autoptr (JsonObject) update = NULL;
  g_autoptr (JsonObject) moment = NULL;
  g_autoptr (JsonObject) criterion = NULL;
  g_autoptr (JsonObject) placement = NULL;
  g_autoptr (JsonObject) meeting = NULL;
  g_autoptr (JsonObject) slot = NULL;
  g_autoptr (JsonObject) result = NULL;
  g_autoptr (JsonObject) status = NULL;
  const HelderWebRoute *routes;
  guint n_routes;

  /* Every collection lists with the page members. */
  for (guint i = 0; i < 12; i++)
    {
      static const char *const names[] = {
        "phases",
        "groups",
        "roles",
        "people",
        "role-changes",
        "commitments",
        "commitment-updates",
        "moments",
        "gates",
        "criteria",
        "placements",
        "moment-slots",
      };
      const HelderEntity *entity = helder_web_api_entity (names[i]);
      g_autofree char *list_path = g_strconcat ("/api/v1/", names[i], NULL);
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", entity->table);
      g_autoptr (JsonObject) page = call_object (f, NULL, "GET", list_path, NULL, 200);
      gint64 total = sql_int (f, count_sql);

      g_assert_cmpint (json_object_get_int_member (page, "total"), ==, total);
      g_assert_cmpint (json_object_get_int_member (page, "limit"), ==, 50);
      g_assert_cmpint (json_object_get_int_member (page, "offset"), ==, 0);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "items")), ==,
                        MIN (total, 50));
      g_assert_cmpuint (json_object_get_size (page), ==, 4);
    }

  /* Create, read back, change: every collection, in dependency order. */
  g_clear_pointer (&result, json_object_unref);
  body = g_strdup ("{\"key\":\"testfase\",\"name\":\"Testfase\",\"position\":99,"
                   "\"starts_on\":\"2027-08-01\",\"ends_on\":\"2027-08-31\"}");
  result = create_ok (f, "phases", "key", body);
  patch_ok (f, "phases", "testfase", "{\"name\":\"Testfase 2\"}", "name");
  g_clear_pointer (&result, json_object_unref);
  result = create_ok (f, "groups", "slug",
                      "{\"slug\":\"testgroep\",\"name\":\"Testgroep\",\"kind\":\"internal\"}");
  g_assert_cmpint (json_object_get_int_member (result, "influence"), ==, 3);
  patch_ok (f, "groups", "testgroep", "{\"influence\":5}", "influence");
  g_clear_pointer (&result, json_object_unref);
  result = create_ok (
    f, "roles", "slug",
    "{\"slug\":\"testrol\",\"name\":\"Testrol\",\"kind\":\"regie\",\"fate\":\"new\",\"fte\":1.5}");
  patch_ok (f, "roles", "testrol", "{\"fte\":2.5}", "fte");

  person = create_ok (f, "people", "id",
                      "{\"name\":\"Test Persoon\",\"email\":\"test.persoon@voorbeeld.nl\","
                      "\"groups\":[\"testgroep\"],\"channels\":[\"email\"]}");
  key = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (person));
  patch_ok (f, "people", key, "{\"locale\":\"en\"}", "locale");
  g_assert_cmpint (audit_count (f, "action = 'update' AND entity = 'person'"
                                   " AND subject = record AND detail = 'locale'"),
                   ==, 1);

  g_free (body);
  body = g_strdup_printf ("{\"person\":%" G_GINT64_FORMAT
                          ",\"to_role\":\"testrol\",\"changes\":\"Nieuw werk\"}",
                          id_of (person));
  change = create_ok (f, "role-changes", "id", body);
  g_free (key);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (change));
  /* HR's placement first: confirming it decides the role change, which
   * the advisor's PATCH then finds decided already (the other order
   * would create the confirmed placement itself). */
  g_free (body);
  body = g_strdup_printf ("{\"role\":\"testrol\",\"person\":%" G_GINT64_FORMAT "}", id_of (person));
  placement = create_ok (f, "placements", "id", body);
  g_free (path);
  path = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (placement));
  patch_ok (f, "placements", path, "{\"status\":\"confirmed\"}", "status");
  patch_ok (f, "role-changes", key, "{\"status\":\"decided\"}", "status");

  g_free (body);
  body = g_strdup_printf (
    "{\"text\":\"Iedereen hoort het eerst van de leidinggevende.\",\"made_by\":\"Adviseur\","
    "\"made_on\":\"%s\",\"due_on\":\"%s\",\"groups\":[\"testgroep\"]}",
    today, due);
  commitment = create_ok (f, "commitments", "id", body);
  g_assert_cmpstr (json_object_get_string_member (commitment, "effective_status"), ==, "open");
  g_free (key);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (commitment));
  g_free (path);
  path = g_strdup_printf ("/api/v1/commitments/%s", key);
  /* A commitment stays as it was made: there is no PATCH (405). */
  g_clear_pointer (&result, json_object_unref);
  result = call_object (f, NULL, "PATCH", path, "{\"due_on\":\"2030-01-01\"}", 405);

  g_free (body);
  body = g_strdup_printf (
    "{\"commitment\":%s,\"note\":\"Eerste gesprekken gepland.\",\"author\":\"Adviseur\"}", key);
  update = create_ok (f, "commitment-updates", "id", body);
  g_free (path);
  path = g_strdup_printf ("/api/v1/commitment-updates/%" G_GINT64_FORMAT, id_of (update));
  g_clear_pointer (&result, json_object_unref);
  result = call_object (f, NULL, "PATCH", path, "{\"note\":\"anders\"}", 405);

  moment = create_ok (
    f, "moments", "id",
    "{\"title\":\"Test\",\"body\":\"**Hallo**\",\"scheduled_at\":\"2027-01-10T09:00:00Z\","
    "\"groups\":[\"testgroep\"],\"channels\":[\"email\"]}");
  g_assert_cmpstr (json_object_get_string_member (moment, "status"), ==, "draft");
  g_free (key);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (moment));
  patch_ok (f, "moments", key, "{\"title\":\"Test 2\"}", "title");

  g_clear_pointer (&result, json_object_unref);
  result = create_ok (f, "gates", "slug",
                      "{\"slug\":\"testgate\",\"name\":\"Testgate\",\"decide_on\":\"2027-03-01\","
                      "\"groups\":[\"testgroep\"]}");
  patch_ok (f, "gates", "testgate", "{\"name\":\"Testgate 2\"}", "name");
  criterion = create_ok (f, "criteria", "id",
                         "{\"gate\":\"testgate\",\"text\":\"Alles getest\",\"owner\":\"QA\"}");
  g_free (path);
  path = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (criterion));
  patch_ok (f, "criteria", path, "{\"status\":\"met\"}", "status");

  /* A meeting of personal conversations: the test person's own slot, and
   * who comes (nobody answered yet). */
  g_free (body);
  body = g_strdup_printf ("{\"title\":\"Gesprek\",\"scheduled_at\":\"2027-01-11T09:00:00Z\","
                          "\"channels\":[\"meeting\"],\"location\":\"Kamer 2\","
                          "\"persons\":[%" G_GINT64_FORMAT "]}",
                          id_of (person));
  meeting = create_ok (f, "moments", "id", body);
  g_free (body);
  body = g_strdup_printf ("{\"moment\":%" G_GINT64_FORMAT ",\"person\":%" G_GINT64_FORMAT
                          ",\"starts_at\":\"2027-01-11T09:00:00Z\","
                          "\"ends_at\":\"2027-01-11T09:30:00Z\",\"with_whom\":\"HR\"}",
                          id_of (meeting), id_of (person));
  slot = create_ok (f, "moment-slots", "id", body);
  g_free (path);
  path = g_strdup_printf ("%" G_GINT64_FORMAT, id_of (slot));
  patch_ok (f, "moment-slots", path, "{\"with_whom\":\"HR en leidinggevende\"}", "with_whom");
  g_free (path);
  path = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT "/rsvp", id_of (meeting));
  {
    g_autoptr (JsonObject) rsvp = call_object (f, NULL, "GET", path, NULL, 200);
    JsonObject *counts = json_object_get_object_member (rsvp, "counts");

    g_assert_cmpint (json_object_get_int_member (rsvp, "meeting"), ==, id_of (meeting));
    g_assert_cmpint (json_object_get_int_member (counts, "none"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "yes"), ==, 0);
  }

  /* The moment's audience: the one member of testgroep. */
  g_free (path);
  path = g_strdup_printf ("/api/v1/moments/%s/audience", key);
  g_clear_pointer (&result, json_object_unref);
  result = call_object (f, NULL, "GET", path, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (result, "total"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (result, "moment"), ==, id_of (moment));
  {
    JsonObject *who =
      json_array_get_object_element (json_object_get_array_member (result, "items"), 0);
    g_assert_cmpint (json_object_get_int_member (who, "id"), ==, id_of (person));
    g_assert_cmpstr (json_object_get_string_member (who, "name"), ==, "Test Persoon");
  }

  /* Approve (no body), supersede, cancel (an empty object). */
  g_free (path);
  path = g_strdup_printf ("/api/v1/moments/%s/approve", key);
  g_clear_pointer (&result, json_object_unref);
  result = call_object (f, NULL, "POST", path, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "approved");
  g_assert_cmpint (audit_count (f, "action = 'approve' AND entity = 'moment'"), ==, 1);
  {
    g_autoptr (HelderWebTestResponse) response = NULL;
    g_autoptr (JsonNode) root = NULL;
    g_autofree char *location = NULL;
    JsonObject *fresh;

    g_free (path);
    path = g_strdup_printf ("/api/v1/moments/%s/supersede", key);
    response = call (f, NULL, "POST", path,
                     "{\"title\":\"Test 3\",\"scheduled_at\":\"2027-01-11T09:00:00Z\"}", 201);
    root = helder_web_test_json (response);
    fresh = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (fresh, "title"), ==, "Test 3");
    g_assert_cmpstr (json_object_get_string_member (fresh, "status"), ==, "draft");
    g_assert_cmpint (json_object_get_int_member (fresh, "supersedes"), ==, id_of (moment));
    g_assert_cmpstr (json_object_get_string_member (fresh, "body"), ==, "**Hallo**");
    location = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT, id_of (fresh));
    g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Location"), ==, location);
    g_free (path);
    path = g_strdup_printf ("/api/v1/moments/%s", key);
    g_clear_pointer (&result, json_object_unref);
    result = call_object (f, NULL, "GET", path, NULL, 200);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "cancelled");

    g_free (path);
    path = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT "/cancel", id_of (fresh));
    g_clear_pointer (&result, json_object_unref);
    result = call_object (f, NULL, "POST", path, "{}", 200);
    g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "cancelled");
    /* A cancelled moment is neither sent now nor rescheduled
     * (tests/test-web-overdue.c has the rest). */
    g_free (path);
    path = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT "/send-now", id_of (fresh));
    g_clear_pointer (&response, helder_web_test_response_free);
    response = call (f, NULL, "POST", path, NULL, 409);
    g_free (path);
    path = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT "/reschedule", id_of (fresh));
    g_clear_pointer (&response, helder_web_test_response_free);
    response = call (f, NULL, "POST", path, "{\"scheduled_at\":\"2099-01-05T10:00\"}", 409);
  }

  /* A commitment update through the workflow step: 201 with both records. */
  g_free (path);
  path = g_strdup_printf ("/api/v1/commitments/%" G_GINT64_FORMAT "/updates", id_of (commitment));
  {
    g_autoptr (HelderWebTestResponse) response = call (
      f, NULL, "POST", path, "{\"status\":\"kept\",\"note\":\"Alle gesprekken gevoerd.\"}", 201);
    g_autoptr (JsonNode) root = helder_web_test_json (response);
    JsonObject *recorded = json_node_get_object (root);
    JsonObject *c = json_object_get_object_member (recorded, "commitment");
    JsonObject *u = json_object_get_object_member (recorded, "update");
    g_autofree char *location =
      g_strdup_printf ("/api/v1/commitment-updates/%" G_GINT64_FORMAT, id_of (u));

    g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "kept");
    g_assert_cmpstr (json_object_get_string_member (u, "status"), ==, "kept");
    g_assert_cmpstr (json_object_get_string_member (u, "author"), ==, f->web->advisor.name);
    g_assert_cmpint (json_object_get_int_member (u, "commitment"), ==, id_of (commitment));
    g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Location"), ==, location);
  }

  /* A gate decision: the criterion is met, so go needs no override. */
  g_clear_pointer (&result, json_object_unref);
  result = call_object (f, NULL, "POST", "/api/v1/gates/testgate/decision",
                        "{\"decision\":\"go\",\"rationale\":\"Alle criteria gehaald.\"}", 200);
  g_assert_cmpstr (json_object_get_string_member (result, "decision"), ==, "go");
  g_assert_cmpstr (json_object_get_string_member (result, "decided_by"), ==, f->web->advisor.name);
  g_assert_true (json_object_has_member (result, "drafted_moment"));
  g_assert_cmpint (audit_count (f, "action = 'decide' AND record = 'testgate'"), ==, 1);
  {
    g_autofree char *drafted = g_strdup_printf (
      "/api/v1/moments/%" G_GINT64_FORMAT, json_object_get_int_member (result, "drafted_moment"));
    g_autoptr (JsonObject) draft = call_object (f, NULL, "GET", drafted, NULL, 200);
    g_assert_cmpstr (json_object_get_string_member (draft, "status"), ==, "draft");
  }

  status = call_object (f, NULL, "GET", "/api/v1/status", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (status, "today"), ==, f->web->today);
  g_assert_true (json_object_has_member (status, "commitments"));

  /* No route of this file was left out. */
  routes = helder_web_route_table_get (helder_web_server_get_routes (f->web->server), &n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", routes[i].method, routes[i].pattern);

      if (!is_api_handler (routes[i].handler) || is_plugin_route (&routes[i]))
        continue;
      if (!g_hash_table_contains (f->seen, name))
        g_error ("route %s was not tried", name);
    }
}

static void
test_paging (Fixture *f, gconstpointer data)
{
  gint64 total = sql_int (f, "SELECT count(*) FROM person");
  gint64 sixth = sql_int (f, "SELECT id FROM person ORDER BY id LIMIT 1 OFFSET 5");
  g_autoptr (JsonObject) page =
    call_object (f, NULL, "GET", "/api/v1/people?limit=10&offset=5", NULL, 200);
  g_autoptr (JsonObject) past = NULL;
  g_autoptr (JsonObject) all = NULL;
  g_autofree char *path = NULL;
  JsonArray *items = json_object_get_array_member (page, "items");

  g_assert_cmpint (total, >, 50);
  g_assert_cmpint (json_object_get_int_member (page, "total"), ==, total);
  g_assert_cmpint (json_object_get_int_member (page, "limit"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (page, "offset"), ==, 5);
  g_assert_cmpuint (json_array_get_length (items), ==, 10);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"), ==,
                   sixth);

  path = g_strdup_printf ("/api/v1/people?offset=%" G_GINT64_FORMAT, total);
  past = call_object (f, NULL, "GET", path, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (past, "items")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (past, "total"), ==, total);

  all = call_object (f, NULL, "GET", "/api/v1/people?limit=500", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (all, "items")), ==, total);

  expect_json_error (f, "GET", "/api/v1/people?limit=0", NULL, 400, "invalid", "limit",
                     "“0” is not a whole number from 1 to 500");
  expect_json_error (f, "GET", "/api/v1/people?limit=501", NULL, 400, "invalid", "limit", "“501”");
  expect_json_error (f, "GET", "/api/v1/people?limit=ten", NULL, 400, "invalid", "limit", "“ten”");
  expect_json_error (f, "GET", "/api/v1/people?offset=-1", NULL, 400, "invalid", "offset", "“-1”");
  expect_json_error (f, "GET", "/api/v1/moments/1/audience?limit=0", NULL, 400, "invalid", "limit",
                     "“0”");
}

static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autofree char *group =
    sql_text (f, "SELECT grp FROM person_group GROUP BY grp ORDER BY count(*) DESC LIMIT 1");
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM person_group WHERE grp = '%s'", group);
  gint64 members = sql_int (f, sql);
  g_autofree char *late_sql =
    g_strdup_printf ("SELECT count(*) FROM commitment WHERE status = 'open'"
                     " AND due_on < '%s'",
                     f->web->today);
  g_autofree char *path = g_strdup_printf ("/api/v1/people?groups=%s", group);
  g_autoptr (JsonObject) page = call_object (f, NULL, "GET", path, NULL, 200);
  g_autoptr (JsonObject) one = NULL;
  g_autoptr (JsonObject) late = NULL;
  g_autoptr (JsonObject) undecided = NULL;
  g_autoptr (JsonObject) both = NULL;
  JsonArray *items = json_object_get_array_member (page, "items");

  g_assert_cmpint (json_object_get_int_member (page, "total"), ==, members);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonArray *groups =
        json_object_get_array_member (json_array_get_object_element (items, i), "groups");
      gboolean found = FALSE;

      for (guint j = 0; j < json_array_get_length (groups); j++)
        found |= g_str_equal (json_array_get_string_element (groups, j), group);
      g_assert_true (found);
    }

  /* The total counts every match, not only the page. */
  g_free (path);
  path = g_strdup_printf ("/api/v1/people?groups=%s&limit=1&offset=1", group);
  one = call_object (f, NULL, "GET", path, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (one, "total"), ==, members);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (one, "items")), ==, 1);

  /* Late is no stored status: open and past the due date. */
  late = call_object (f, NULL, "GET", "/api/v1/commitments?status=late", NULL, 200);
  g_assert_cmpint (json_object_get_int_member (late, "total"), ==, sql_int (f, late_sql));
  g_assert_cmpint (json_object_get_int_member (late, "total"), >, 0);
  items = json_object_get_array_member (late, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (
      json_object_get_string_member (json_array_get_object_element (items, i), "effective_status"),
      ==, "late");

  /* An empty value: the field is not set (no future role decided yet). */
  undecided = call_object (f, NULL, "GET", "/api/v1/role-changes?to_role=", NULL, 200);
  g_assert_cmpint (json_object_get_int_member (undecided, "total"), ==,
                   sql_int (f, "SELECT count(*) FROM role_change WHERE to_role IS NULL"));

  /* Filters combine. */
  both = call_object (f, NULL, "GET", "/api/v1/moments?status=approved&channels=email", NULL, 200);
  g_assert_cmpint (
    json_object_get_int_member (both, "total"), ==,
    sql_int (f, "SELECT count(*) FROM moment WHERE status = 'approved'"
                " AND id IN (SELECT moment FROM moment_channel WHERE channel = 'email')"));

  expect_json_error (f, "GET", "/api/v1/people?colour=red", NULL, 400, "invalid", "colour",
                     "use limit, offset or a field of a person");
  expect_json_error (f, "GET", "/api/v1/moments?status=sending", NULL, 400, "invalid", "status",
                     "“sending” is not one of draft, approved, sent, cancelled");
  expect_json_error (f, "GET", "/api/v1/people?role=astronaut", NULL, 400, "invalid", "role",
                     "“astronaut”");
  expect_json_error (f, "GET", "/api/v1/phases?starts_on=2027-02-30", NULL, 400, "invalid",
                     "starts_on", "“2027-02-30” is not a date");
  expect_json_error (f, "GET", "/api/v1/groups?name=%FF", NULL, 400, "invalid", "name",
                     "not valid UTF-8");
  expect_json_error (f, "GET", "/api/v1/groups/management?x=1", NULL, 400, "invalid", "x",
                     "no such query parameter");
  expect_json_error (f, "GET", "/api/v1/status?today=2020-01-01", NULL, 400, "invalid", "today",
                     "no such query parameter");
}

/* HR may read people; each read (a list is one) is in the audit log. */
static void
test_audit_reads (Fixture *f, gconstpointer data)
{
  HelderWebTestUser *hr = &f->web->hr;
  g_autofree char *by_hr =
    g_strdup_printf ("actor = %" G_GINT64_FORMAT " AND action = 'read'", hr->person);
  g_autofree char *where = NULL;
  g_autofree char *path = NULL;
  g_autoptr (JsonObject) page = NULL;
  g_autoptr (JsonObject) one = NULL;
  g_autoptr (JsonObject) groups = NULL;
  g_autoptr (JsonObject) placement = NULL;
  gint64 someone = sql_int (f, "SELECT id FROM person ORDER BY id DESC LIMIT 1");
  gint64 before = audit_count (f, "1");
  g_autofree char *body = NULL;
  g_autofree char *role =
    sql_text (f, "SELECT slug FROM role WHERE kind = 'regie' ORDER BY slug LIMIT 1");

  page = call_object (f, hr, "GET", "/api/v1/people?limit=20", NULL, 200);
  g_assert_cmpint (audit_count (f, "1"), ==, before + 1);
  g_assert_cmpint (audit_count (f, by_hr), ==, 1);
  where = g_strdup_printf ("%s AND entity = 'person' AND actor_role = 'hr'", by_hr);
  g_assert_cmpint (audit_count (f, where), ==, 1);

  path = g_strdup_printf ("/api/v1/people/%" G_GINT64_FORMAT, someone);
  one = call_object (f, hr, "GET", path, NULL, 200);
  g_free (where);
  where = g_strdup_printf ("%s AND entity = 'person' AND subject = %" G_GINT64_FORMAT
                           " AND record = '%" G_GINT64_FORMAT "'",
                           by_hr, someone, someone);
  g_assert_cmpint (audit_count (f, where), ==, 1);

  /* Role changes are personal too; groups are not. */
  g_clear_pointer (&page, json_object_unref);
  page = call_object (f, hr, "GET", "/api/v1/role-changes", NULL, 200);
  g_assert_cmpint (audit_count (f, by_hr), ==, 3);
  groups = call_object (f, hr, "GET", "/api/v1/groups", NULL, 200);
  g_assert_cmpint (audit_count (f, by_hr), ==, 3);

  /* HR records placements; a person is no HR write. */
  body = g_strdup_printf ("{\"role\":\"%s\",\"person\":%" G_GINT64_FORMAT "}", role, someone);
  placement = call_object (f, hr, "POST", "/api/v1/placements", body, 201);
  g_free (where);
  where =
    g_strdup_printf ("actor = %" G_GINT64_FORMAT " AND action = 'create' AND entity = 'placement'"
                     " AND subject = %" G_GINT64_FORMAT,
                     hr->person, someone);
  g_assert_cmpint (audit_count (f, where), ==, 1);
  {
    g_autofree char *before_print = helder_test_fingerprint (f->web->store);
    g_autofree char *after_print = NULL;
    g_autoptr (HelderWebTestResponse) response =
      helder_web_test_send_json (f->web, "POST", "/api/v1/people", hr, "{\"name\":\"X\"}");

    g_assert_cmpuint (response->status, ==, 403);
    after_print = helder_test_fingerprint (f->web->store);
    g_assert_cmpstr (before_print, ==, after_print);
  }
}

/* Bodies that are not what the API takes: 400 (415), the member named,
 * and the database untouched. */
static void
test_body_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) deep = g_string_new ("{\"slug\":");
  static const char bad_utf8[] = "{\"slug\":\"x\",\"name\":\"caf\xe9\",\"kind\":\"internal\"}";
  gint64 moment = sql_int (f, "SELECT id FROM moment WHERE status = 'draft' ORDER BY id LIMIT 1");
  g_autofree char *moment_path = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT, moment);

  expect_json_error (f, "POST", "/api/v1/groups", "{\"slug\": \"x\",\n \"name\": }", 400, "invalid",
                     NULL, "line 2, column");
  expect_error (f, "POST", "/api/v1/groups", "application/json", bad_utf8, sizeof bad_utf8 - 1, 400,
                "invalid", NULL, "line 1: not valid UTF-8");
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  expect_json_error (f, "POST", "/api/v1/groups", deep->str, 400, "invalid", NULL,
                     "nested more than 64 levels deep");
  expect_json_error (f, "POST", "/api/v1/groups", "[{\"slug\":\"x\"}]", 400, "invalid", NULL,
                     "must be a JSON object");
  expect_json_error (f, "PATCH", "/api/v1/groups/management", "\"beheer\"", 400, "invalid", NULL,
                     "must be a JSON object");
  expect_json_error (f, "POST", "/api/v1/groups", "", 400, "invalid", NULL, "empty");
  expect_json_error (f, "POST", "/api/v1/groups",
                     "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"internal\",\"colour\":\"red\"}",
                     400, "invalid", "colour", "colour: unknown field of a group");
  expect_json_error (f, "PATCH", "/api/v1/groups/management", "{\"effective_status\":\"late\"}",
                     400, "invalid", "effective_status", "unknown field");
  expect_json_error (f, "POST", "/api/v1/groups",
                     "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"internal\",\"influence\":\"high\"}",
                     400, "invalid", "influence", "influence: expected a whole number, got text");
  expect_json_error (f, "PATCH", "/api/v1/groups/management", "{\"influence\":9}", 400, "invalid",
                     "influence", "9 is outside 1–5");
  expect_json_error (f, "PATCH", moment_path, "{\"groups\":\"management\"}", 400, "invalid",
                     "groups", "groups: expected a list, got text");
  expect_json_error (f, "PATCH", moment_path, "{\"groups\":[null]}", 400, "invalid", "groups",
                     "groups[0]");
  expect_json_error (f, "PATCH", moment_path, "{\"scheduled_at\":\"volgende week\"}", 400,
                     "invalid", "scheduled_at", "“volgende week” is not a date and time");
  expect_json_error (f, "PATCH", moment_path, "{\"groups\":[\"nergens\"]}", 400, "invalid",
                     "groups", "“nergens”");
  expect_json_error (f, "PATCH", moment_path, "{\"id\":5}", 409, "conflict", "id",
                     "cannot be changed");
  expect_json_error (f, "PATCH", moment_path, "{}", 400, "invalid", NULL, "no field to change");
  expect_json_error (f, "POST", "/api/v1/groups", "{\"name\":\"X\",\"kind\":\"internal\"}", 400,
                     "invalid", "slug", "slug");
  expect_json_error (
    f, "POST", "/api/v1/groups",
    "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"internal\",\"created_at\":\"2020-01-01T00:00:00Z\"}",
    400, "invalid", "created_at", "set by Helder");
  expect_json_error (f, "POST", "/api/v1/groups",
                     "{\"slug\":\"management\",\"name\":\"X\",\"kind\":\"internal\"}", 409,
                     "conflict", "slug", "already exists");
  expect_json_error (f, "POST", "/api/v1/gates/technische-infrastructuur/decision",
                     "{\"decision\":\"go\",\"rationale\":\"x\",\"vote\":\"yes\"}", 400, "invalid",
                     "vote", "vote: unknown field; expected decision, rationale");
  expect_json_error (f, "POST", "/api/v1/gates/technische-infrastructuur/decision",
                     "{\"decision\":true,\"rationale\":\"x\"}", 400, "invalid", "decision",
                     "got true/false");
  expect_json_error (f, "POST", "/api/v1/gates/technische-infrastructuur/decision",
                     "{\"rationale\":\"x\"}", 400, "invalid", "decision", "decision: is required");
  expect_json_error (f, "POST", "/api/v1/gates/technische-infrastructuur/decision",
                     "{\"decision\":\"maybe\",\"rationale\":\"x\"}", 400, "invalid", "decision",
                     "“maybe” is not one of go, nogo, postponed");
  expect_json_error (f, "POST", "/api/v1/commitments/1/updates", "{\"status\":[\"kept\"]}", 400,
                     "invalid", "status", "status: expected text, got a list");
  expect_json_error (f, "POST", "/api/v1/commitments/1/updates",
                     "{\"status\":\"late\",\"note\":\"x\"}", 400, "invalid", "status",
                     "“late” is not recorded");
  {
    g_autofree char *approve = g_strdup_printf ("%s/approve", moment_path);
    g_autofree char *supersede = g_strdup_printf ("%s/supersede", moment_path);

    expect_json_error (f, "POST", approve, "{\"now\":true}", 400, "invalid", "now",
                       "takes no fields");
    expect_json_error (f, "POST", supersede, "{\"status\":\"approved\"}", 400, "invalid", "status",
                       "cannot be given when superseding");
    expect_json_error (f, "POST", supersede, "{\"supersedes\":1}", 400, "invalid", "supersedes",
                       "cannot be given when superseding");
  }

  /* Only application/json. */
  expect_error (f, "POST", "/api/v1/groups", "text/plain",
                "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"internal\"}", -1, 415,
                "unsupported_media_type", NULL, "application/json");
  expect_error (f, "PATCH", "/api/v1/groups/management", "application/x-www-form-urlencoded",
                "name=X", -1, 415, "unsupported_media_type", NULL, "application/json");
  expect_error (f, "POST", "/api/v1/commitments/1/updates", NULL, NULL, 0, 415,
                "unsupported_media_type", NULL, "application/json");
}

/* A desktop notification offered to @person, as the desktop channel leaves it. */
static gint64
offer_desktop (HelderStore *store, gint64 person)
{
  static const HelderOutboxPolicy policy = { 8, 60, 300 };
  const char *desktop[] = { "desktop", NULL };
  g_autofree char *now = helder_clock_now_utc ();
  HelderOutboxMessage m = { "moment:900",
                            person,
                            "desktop",
                            "Nieuwe werkplekken",
                            "De werkplekken worden vervangen.",
                            "nl",
                            "http://x/me",
                            NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) rows = NULL;
  HelderOutboxResult result = { 0 };
  gboolean inserted;

  g_assert_true (helder_store_begin (store, &error));
  g_assert_true (helder_outbox_queue (store, &m, now, &inserted, &error));
  g_assert_true (helder_store_commit (store, &error));
  rows = helder_outbox_claim (store, desktop, 1, &policy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  result.id = json_object_get_int_member (json_array_get_object_element (rows, 0), "id");
  result.outcome = HELDER_OUTBOX_OFFERED;
  g_assert_true (helder_outbox_record (store, &result, 1, &policy, &error));
  return result.id;
}

/* json-glib 1.6 reads -18446744073709551518 as 98 and 012 as 10: numbers
 * JSON does not write, or whole numbers beyond 64 bits, are refused before
 * any handler sees them, naming the member, and nothing changes. */
static void
test_numbers_out_of_range (Fixture *f, gconstpointer data)
{
  gint64 mine = offer_desktop (f->web->store, f->web->employee.person);
  /* 2^64 - mine: the wrapped negation is the id of the notification */
  g_autofree char *wrapped =
    g_strdup_printf ("{\"id\": -%" G_GUINT64_FORMAT "}", (guint64) 0 - (guint64) mine);
  g_autofree char *before = helder_test_fingerprint (f->web->store);
  g_autofree char *after = NULL;
  static const struct
  {
    const char *body;
    const char *message;
  } bad_influence[] = {
    { "{\"influence\":-18446744073709551613}", "influence: -18446744073709551613 is out of range" },
    { "{\"influence\":18446744073709551619}", "influence: 18446744073709551619 is out of range" },
    { "{\"influence\":9223372036854775808}", "influence: 9223372036854775808 is out of range" },
    { "{\"influence\":-99999999999999999999999999999999999999}", "is out of range" },
    { "{\"influence\":03}", "influence: “03” is not a number as JSON writes it" },
    { "{\"influence\":0x3}", "influence: “0x3” is not a number" },
    { "{\"influence\":3.}", "influence: “3.” is not a number" },
    { "{\"influence\":1.5}", "influence: expected a whole number, got a number" },
    { "{\"influence\":1e0}", "influence: expected a whole number, got a number" },
    { "{\"name\":\"X\",\"influence\":3.0}", "influence: expected a whole number" },
  };

  {
    g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
      f->web, "POST", "/api/v1/me/notifications/ack", &f->web->employee, wrapped);

    g_test_message ("%s → %u %s", wrapped, r->status, r->text);
    assert_error_shape (r, 400, "invalid", NULL, "id: -");
    g_assert_nonnull (strstr (r->text, "is out of range for a whole number"));
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad_influence); i++)
    {
      g_autoptr (HelderWebTestResponse) r = helder_web_test_send_json (
        f->web, "PATCH", "/api/v1/groups/management", &f->web->advisor, bad_influence[i].body);

      g_test_message ("%s → %u %s", bad_influence[i].body, r->status, r->text);
      g_assert_cmpuint (r->status, ==, 400);
      g_assert_nonnull (strstr (r->text, bad_influence[i].message));
    }
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
  /* The notification the wrapped id names is still not acknowledged (the
   * demo's history holds desktop notifications acknowledged long ago). */
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM delivery WHERE id = %" G_GINT64_FORMAT " AND acknowledged_at IS NULL",
      mine);

    g_assert_cmpint (sql_int (f, sql), ==, 1);
  }

  /* the largest and smallest whole numbers still reach the field's own check */
  expect_json_error (f, "PATCH", "/api/v1/groups/management", "{\"influence\":9223372036854775807}",
                     400, "invalid", "influence", "is outside 1–5");
  expect_json_error (f, "PATCH", "/api/v1/groups/management",
                     "{\"influence\":-9223372036854775808}", 400, "invalid", "influence",
                     "is outside 1–5");
}

/* One text rule and one e-mail rule: what hides or reorders text is
 * refused naming the field and the character, and an address is stored
 * normalised, so that the same address with a zero-width space or in
 * other capitals is not a second person. */
static void
test_text_rule (Fixture *f, gconstpointer data)
{
  g_autoptr (JsonObject) added = NULL;
  g_autofree char *stored = NULL;

  /* the demo's Pieter Bakker is pieter.bakker@voorbeeld.nl */
  g_assert_cmpint (
    sql_int (f, "SELECT count(*) FROM person WHERE email = 'pieter.bakker@voorbeeld.nl'"), ==, 1);
  added = create_ok (f, "people", "id",
                     "{\"name\":\"Nieuw Persoon\",\"email\":\" Nieuw.Persoon@Voorbeeld.NL\"}");
  stored = sql_text (f, "SELECT email FROM person WHERE name = 'Nieuw Persoon'");
  g_assert_cmpstr (stored, ==, "Nieuw.Persoon@voorbeeld.nl");

  expect_json_error (f, "POST", "/api/v1/people",
                     "{\"name\":\"Pieter B.\",\"email\":\"pieter.bakker@voorbeeld.nl\\u200b\"}",
                     400, "invalid", "email",
                     "email: contains U+200B ZERO WIDTH SPACE at character 27");
  expect_json_error (f, "POST", "/api/v1/people",
                     "{\"name\":\"Pieter B.\",\"email\":\"Pieter.Bakker@VOORBEELD.nl\"}", 409,
                     "conflict", "email", "is already used by person");
  expect_json_error (f, "POST", "/api/v1/people",
                     "{\"name\":\"\\u200b\\u200b\",\"email\":\"leeg@voorbeeld.nl\"}", 400,
                     "invalid", "name", "name: has no visible character");
  expect_json_error (f, "POST", "/api/v1/people",
                     "{\"name\":\"Anna\\u202egpj.exe\",\"email\":\"anna@voorbeeld.nl\"}", 400,
                     "invalid", "name",
                     "name: contains U+202E RIGHT-TO-LEFT OVERRIDE at character 5");
  expect_json_error (f, "PATCH", "/api/v1/groups/management", "{\"name\":\"Beheer\\u0085\"}", 400,
                     "invalid", "name",
                     "name: contains U+0085 (a control character) at character 7");
  expect_json_error (f, "PATCH", "/api/v1/groups/management", "{\"name\":\"Beheer\\u007f\"}", 400,
                     "invalid", "name", "U+007F");
  expect_json_error (f, "PATCH", "/api/v1/groups/management", "{\"name\":\"Beheer\\u2028team\"}",
                     400, "invalid", "name", "U+2028 LINE SEPARATOR");
  expect_json_error (f, "PATCH", "/api/v1/groups/management", "{\"name\":\"Beheer\tteam\"}", 400,
                     "invalid", "name", "U+0009");
}

static void
test_unknown_ids (Fixture *f, gconstpointer data)
{
  expect_json_error (f, "GET", "/api/v1/people/999999", NULL, 404, "not_found", NULL, "“999999”");
  expect_json_error (f, "GET", "/api/v1/people/nobody@nowhere.example", NULL, 404, "not_found",
                     NULL, "“nobody@nowhere.example”");
  expect_json_error (f, "GET", "/api/v1/groups/nergens", NULL, 404, "not_found", NULL, "“nergens”");
  expect_json_error (f, "GET", "/api/v1/moments/abc", NULL, 404, "not_found", NULL, "“abc”");
  expect_json_error (f, "PATCH", "/api/v1/groups/nergens", "{\"name\":\"X\"}", 404, "not_found",
                     NULL, "“nergens”");
  expect_json_error (f, "PATCH", "/api/v1/role-changes/999999", "{\"status\":\"decided\"}", 404,
                     "not_found", NULL, "“999999”");
  expect_json_error (f, "GET", "/api/v1/moments/999999/audience", NULL, 404, "not_found", NULL,
                     "“999999”");
  expect_json_error (f, "POST", "/api/v1/moments/999999/approve", NULL, 404, "not_found", NULL,
                     "“999999”");
  expect_json_error (f, "POST", "/api/v1/moments/999999/cancel", "{}", 404, "not_found", NULL,
                     "“999999”");
  expect_json_error (f, "POST", "/api/v1/moments/999999/supersede", "{\"title\":\"x\"}", 404,
                     "not_found", NULL, "“999999”");
  expect_json_error (f, "POST", "/api/v1/commitments/999999/updates", "{\"note\":\"x\"}", 404,
                     "not_found", NULL, "“999999”");
  expect_json_error (f, "POST", "/api/v1/gates/nergens/decision",
                     "{\"decision\":\"nogo\",\"rationale\":\"x\"}", 404, "not_found", NULL,
                     "“nergens”");
}

/* The rules of the domain, through the API: refused, named, nothing changed. */
static void
test_rule_violations (Fixture *f, gconstpointer data)
{
  gint64 commitment =
    sql_int (f, "SELECT id FROM commitment WHERE status = 'open' ORDER BY id LIMIT 1");
  gint64 approved =
    sql_int (f, "SELECT id FROM moment WHERE status = 'approved' ORDER BY id LIMIT 1");
  gint64 draft_change =
    sql_int (f, "SELECT id FROM role_change WHERE status = 'draft' ORDER BY id LIMIT 1");
  g_autofree char *gate =
    sql_text (f, "SELECT g.slug FROM gate g JOIN gate_criterion c ON c.gate = g.slug"
                 " WHERE g.decision IS NULL AND c.status != 'met'"
                 " ORDER BY g.decide_on LIMIT 1");
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *writes =
    "action IN ('create', 'update', 'approve', 'cancel', 'supersede', 'record', 'decide')";
  gint64 audited = audit_count (f, writes);

  path = g_strdup_printf ("/api/v1/commitments/%" G_GINT64_FORMAT "/updates", commitment);
  expect_json_error (f, "POST", path, "{\"status\":\"broken\"}", 400, "invalid", "note",
                     "a commitment that is broken needs an explanation");
  expect_json_error (f, "POST", path, "{\"status\":\"withdrawn\",\"note\":\"   \"}", 400, "invalid",
                     "note", "needs an explanation");
  g_free (path);
  path = g_strdup_printf ("/api/v1/commitment-updates");
  {
    g_autofree char *body =
      g_strdup_printf ("{\"commitment\":%" G_GINT64_FORMAT ",\"status\":\"broken\","
                       "\"author\":\"X\"}",
                       commitment);
    expect_json_error (f, "POST", path, body, 400, "invalid", "note", "needs an explanation");
  }

  g_free (path);
  path = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT, approved);
  expect_json_error (f, "PATCH", path, "{\"title\":\"Anders\"}", 409, "conflict", "title",
                     "is approved and can no longer be edited");
  g_free (path);
  path = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT "/approve", approved + 1000);
  expect_json_error (f, "POST", path, NULL, 404, "not_found", NULL, "moment");

  g_free (path);
  path = g_strdup_printf ("/api/v1/gates/%s/decision", gate);
  expect_json_error (f, "POST", path, "{\"decision\":\"go\",\"rationale\":\"We willen door.\"}",
                     409, "conflict", "override_note",
                     "deciding go needs an explicit override note");
  expect_json_error (f, "POST", path, "{\"decision\":\"nogo\"}", 400, "invalid", "rationale",
                     "a gate decision needs a rationale");

  g_free (path);
  path = g_strdup_printf ("/api/v1/role-changes/%" G_GINT64_FORMAT, draft_change);
  expect_json_error (f, "PATCH", path, "{\"status\":\"accepted\"}", 409, "conflict", "status",
                     "cannot move from draft to accepted");
  expect_json_error (
    f, "POST", "/api/v1/roles",
    "{\"slug\":\"x\",\"name\":\"X\",\"kind\":\"current\",\"fate\":\"lapses\",\"fte\":2}", 400,
    "invalid", "fte", "only a new role has FTE");

  /* Superseding cancels the old version and then creates the new one; when
   * the second step fails the first is rolled back with it. */
  g_free (path);
  path = g_strdup_printf ("/api/v1/moments/%" G_GINT64_FORMAT "/supersede", approved);
  before = helder_test_fingerprint (f->web->store);
  expect_json_error (f, "POST", path, "{\"title\":\"Nieuw\",\"roles\":[\"astronaut\"]}", 400,
                     "invalid", "roles", "“astronaut”");
  after = helder_test_fingerprint (f->web->store);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *sql =
      g_strdup_printf ("SELECT status FROM moment WHERE id = %" G_GINT64_FORMAT, approved);
    g_autofree char *status = sql_text (f, sql);
    g_assert_cmpstr (status, ==, "approved");
  }
  g_assert_cmpint (audit_count (f, writes), ==, audited);
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/web-api/entity-map", test_entity_map);
  g_test_add ("/web-api/every-route", Fixture, NULL, fixture_setup, test_every_route,
              fixture_teardown);
  g_test_add ("/web-api/paging", Fixture, NULL, fixture_setup, test_paging, fixture_teardown);
  g_test_add ("/web-api/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/web-api/audit-reads", Fixture, NULL, fixture_setup, test_audit_reads,
              fixture_teardown);
  g_test_add ("/web-api/body-errors", Fixture, NULL, fixture_setup, test_body_errors,
              fixture_teardown);
  g_test_add ("/web-api/numbers-out-of-range", Fixture, NULL, fixture_setup,
              test_numbers_out_of_range, fixture_teardown);
  g_test_add ("/web-api/text-rule", Fixture, NULL, fixture_setup, test_text_rule, fixture_teardown);
  g_test_add ("/web-api/unknown-ids", Fixture, NULL, fixture_setup, test_unknown_ids,
              fixture_teardown);
  g_test_add ("/web-api/rule-violations", Fixture, NULL, fixture_setup, test_rule_violations,
              fixture_teardown);

  return g_test_run ();
}
