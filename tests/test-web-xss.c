/* test-web-xss.c — markup typed into any text field comes back escaped
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A corpus of script injections is written into every text field that
 * pages show (names, titles, Markdown bodies, notes, criteria, the
 * programme itself), then every page and drawing is fetched as the role
 * that sees it. No payload may come back as live markup.
 */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "helder-test-utils.h"
#include "helder-web-test-utils.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/repo/helder-repo.h"

/* What must never appear in a response, whatever was typed. */
static const char *const forbidden[] = { "<script",    "<img src=x", "<svg onload",
                                         "\" onerror", "\"><img",    "href=\"javascript:",
                                         "<iframe",    "<b>xss</b>", NULL };

static const char *const payloads[] = {
  "<script>alert(1)</script>",      "\"><img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
  "'><iframe src=//evil></iframe>", "<b>xss</b> & {{name}} {{&body}}",
};

static char *
payload (guint i)
{
  return g_strdup_printf ("%s %u", payloads[i % G_N_ELEMENTS (payloads)], i);
}

static void
update (HelderStore *store,
        const char *entity,
        const char *key,
        const char *field,
        const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) row = NULL;

  json_object_set_string_member (changes, field, value);
  row = helder_repo_update (store, helder_entity_lookup (entity), key, changes,
                            HELDER_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
}

static char *
first (HelderStore *store, const char *sql)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
set_payload (HelderStore *store, const char *entity, const char *key, const char *field, guint *n)
{
  g_autofree char *value = payload ((*n)++);

  update (store, entity, key, field, value);
}

static void
inject (HelderWebTest *web)
{
  HelderStore *store = web->store;
  g_autoptr (GError) error = NULL;
  g_autofree char *employee = g_strdup_printf ("%" G_GINT64_FORMAT, web->employee.person);
  g_autofree char *contact =
    first (store, "SELECT contact FROM role_change WHERE contact IS NOT NULL"
                  " AND person = (SELECT person FROM role_change WHERE status = 'discussed'"
                  " AND to_role IS NOT NULL ORDER BY id LIMIT 1)");
  g_autofree char *change = first (store, "SELECT id FROM role_change WHERE status = 'discussed'"
                                          " AND to_role IS NOT NULL ORDER BY id LIMIT 1");
  g_autofree char *group =
    first (store, "SELECT grp FROM person_group WHERE person = "
                  "(SELECT person FROM role_change WHERE status = 'discussed'"
                  " AND to_role IS NOT NULL ORDER BY id LIMIT 1) LIMIT 1");
  g_autofree char *to_role =
    first (store, "SELECT to_role FROM role_change WHERE status = 'discussed'"
                  " AND to_role IS NOT NULL ORDER BY id LIMIT 1");
  g_autofree char *phase = first (store, "SELECT key FROM phase ORDER BY position LIMIT 1");
  g_autofree char *gate = first (store, "SELECT slug FROM gate ORDER BY decide_on LIMIT 1");
  g_autofree char *criterion = first (store, "SELECT id FROM gate_criterion ORDER BY id LIMIT 1");
  g_autofree char *draft =
    first (store, "SELECT id FROM moment WHERE status = 'draft' ORDER BY id LIMIT 1");
  g_autofree char *placement = first (store, "SELECT id FROM placement ORDER BY id LIMIT 1");
  g_autofree char *made_to = NULL;
  g_autoptr (JsonObject) created = NULL;
  g_autoptr (JsonObject) approved = NULL;
  g_autoptr (JsonObject) recorded = NULL;
  g_autofree char *moment_key = NULL;
  g_autofree char *commitment_key = NULL;
  guint n = 0;

  g_assert_cmpstr (employee, !=, "");
  set_payload (store, "programme", "1", "name", &n);
  set_payload (store, "programme", "1", "organisation", &n);
  set_payload (store, "person", contact, "name", &n);
  set_payload (store, "person", contact, "organisation", &n);
  set_payload (store, "group", group, "name", &n);
  set_payload (store, "group", group, "description", &n);
  set_payload (store, "role", to_role, "name", &n);
  set_payload (store, "role", to_role, "description", &n);
  set_payload (store, "phase", phase, "name", &n);
  set_payload (store, "gate", gate, "name", &n);
  set_payload (store, "criterion", criterion, "text", &n);
  set_payload (store, "criterion", criterion, "owner", &n);
  set_payload (store, "moment", draft, "title", &n);
  update (
    store, "moment", draft, "body",
    "# Kop\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1))\n\n<img src=x onerror=alert(1)>");
  update (store, "role_change", change, "changes",
          "Je taken: <script>alert(1)</script> [x](javascript:alert(1))");
  set_payload (store, "placement", placement, "note", &n);

  /* New rows whose fixed text carries a payload: an approved moment for
   * everyone, and a commitment to the employee's group with an update. */
  made_to = g_strdup_printf (
    "{\"text\":\"<script>alert(1)</script> belofte\",\"made_by\":\"<img src=x onerror=alert(1)>\","
    "\"made_on\":\"2026-01-01\",\"due_on\":\"2026-02-01\",\"groups\":[\"%s\"]}",
    group);
  created = helder_test_create (store, "commitment", made_to);
  commitment_key =
    g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (created, "id"));
  recorded =
    helder_commitment_record (store, HELDER_TEST_ACTOR, commitment_key, NULL,
                              "<svg onload=alert(1)> stand van zaken", "<b>xss</b> auteur", &error);
  g_assert_no_error (error);
  g_clear_pointer (&created, json_object_unref);

  {
    g_autofree char *moment =
      g_strdup_printf ("{\"title\":\"<script>alert(1)</script> bericht\","
                       "\"body\":\"<iframe src=//evil></iframe> [x](javascript:alert(1))\","
                       "\"scheduled_at\":\"%sT09:00:00Z\",\"groups\":[\"%s\"],"
                       "\"channels\":[\"email\"]}",
                       web->today, group);
    created = helder_test_create (store, "moment", moment);
  }
  moment_key = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (created, "id"));
  approved = helder_moment_set_status (store, HELDER_TEST_ACTOR, moment_key, "approved", &error);
  g_assert_no_error (error);
}

static void
assert_escaped (const char *what, HelderWebTestResponse *response)
{
  if (response->status >= 500)
    g_error ("%s: %u", what, response->status);
  for (guint i = 0; forbidden[i] != NULL; i++)
    {
      const char *hit = strstr (response->text, forbidden[i]);

      if (hit != NULL)
        g_error ("%s: “%s” came back unescaped: …%.80s…", what, forbidden[i],
                 hit - response->text > 40 ? hit - 40 : response->text);
    }
}

static void
test_corpus (void)
{
  HelderWebTest *web = helder_web_test_start ();
  g_autofree char *draft = NULL;
  g_autofree char *gate = NULL;
  g_autofree char *last_moment = NULL;
  g_autofree char *last_commitment = NULL;
  g_autofree char *contact = NULL;
  struct
  {
    const char *path;
    HelderWebTestUser *user;
  } pages[] = {
    { "/dashboard", &web->advisor },
    { "/dashboard/timeline.svg", &web->advisor },
    { "/dashboard/heatmap.svg", &web->advisor },
    { "/hr", &web->hr },
    { "/hr", &web->advisor },
    { "/audit", &web->advisor },
    { "/me", &web->employee },
    { "/me", &web->advisor },
    { "/moments/new", &web->advisor },
    { "/", NULL },
  };

  inject (web);
  draft = first (web->store,
                 "SELECT '/moments/' || id FROM moment WHERE status = 'draft' ORDER BY id LIMIT 1");
  last_moment = first (web->store, "SELECT '/moments/' || max (id) FROM moment");
  last_commitment = first (web->store, "SELECT '/commitments/' || max (id) FROM commitment");
  gate = first (web->store, "SELECT '/gates/' || slug FROM gate ORDER BY decide_on LIMIT 1");
  contact = g_strdup_printf ("/people/%" G_GINT64_FORMAT, web->employee.person);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_request (web, "GET", pages[i].path, pages[i].user,
                                 pages[i].user ? "cookie" : NULL, NULL, NULL, 0, NULL);
      g_assert_cmpuint (r->status, ==, 200);
      assert_escaped (pages[i].path, r);
    }
  {
    const char *more[] = { draft, last_moment, last_commitment, gate, contact };

    for (guint i = 0; i < G_N_ELEMENTS (more); i++)
      {
        g_autoptr (HelderWebTestResponse) r = helder_web_test_request (
          web, "GET", more[i], &web->advisor, "cookie", NULL, NULL, 0, NULL);
        g_assert_cmpuint (r->status, ==, 200);
        assert_escaped (more[i], r);
      }
  }
  helder_web_test_stop (web);
}

/* Every occurrence of @value in the page's text sits in its own <bdi> or
 * in an element with dir="auto" (or in an attribute, a <title> or a
 * chart's <text>), so
 * that a name written right to left cannot reorder the text around it. */
static void
assert_isolated (const char *what, HelderWebTestResponse *response, const char *value, guint *seen)
{
  const char *text = response->text;

  for (const char *hit = strstr (text, value); hit != NULL; hit = strstr (hit + 1, value))
    {
      g_autofree char *before = g_strndup (text, hit - text);
      const char *lt = strrchr (before, '<');
      char *gt = strrchr (before, '>');
      g_autofree char *tag = NULL;

      if (lt != NULL && (gt == NULL || lt > gt))
        continue; /* inside a tag: an attribute value */
      if (hit - text >= 3 && memcmp (hit - 3, "\xe2\x81\xa8", 3) == 0)
        {
          (*seen)++;
          continue; /* in a sentence, between U+2068 and U+2069 */
        }
      g_assert_nonnull (gt);
      *gt = '\0';
      lt = strrchr (before, '<');
      g_assert_nonnull (lt);
      tag = g_strdup (lt);
      /* An SVG <text> of a chart holds the name alone, placed by itself:
       * nothing around it to reorder. */
      if (g_str_has_prefix (tag, "<bdi") || strstr (tag, "dir=\"auto\"") != NULL ||
          g_str_has_prefix (tag, "<title") || g_str_has_prefix (tag, "<text "))
        {
          (*seen)++;
          continue;
        }
      g_error ("%s: “%s” is not isolated: …%.120s…", what, value,
               hit - text > 80 ? hit - 80 : text);
    }
}

static void
test_isolated (void)
{
  HelderWebTest *web = helder_web_test_start ();
  HelderStore *store = web->store;
  /* שרה (Sara), right to left, with a number that would move with it */
  static const char rtl[] = "\xd7\xa9\xd7\xa8\xd7\x94 ";
  g_autofree char *employee = g_strdup_printf ("%" G_GINT64_FORMAT, web->employee.person);
  g_autofree char *advisor = g_strdup_printf ("%" G_GINT64_FORMAT, web->advisor.person);
  g_autofree char *group =
    first (store, "SELECT grp FROM person_group ORDER BY person, grp LIMIT 1");
  g_autofree char *phase = first (store, "SELECT key FROM phase ORDER BY position LIMIT 1");
  g_autofree char *gate = first (store, "SELECT slug FROM gate ORDER BY decide_on LIMIT 1");
  g_autofree char *draft =
    first (store, "SELECT id FROM moment WHERE status = 'draft' ORDER BY id LIMIT 1");
  g_autofree char *gate_path = g_strdup_printf ("/gates/%s", gate);
  g_autofree char *draft_path = g_strdup_printf ("/moments/%s", draft);
  const struct
  {
    const char *entity;
    const char *key;
    const char *field;
  } fields[] = {
    { "programme", "1", "name" }, { "person", employee, "name" }, { "person", advisor, "name" },
    { "group", group, "name" },   { "phase", phase, "name" },     { "gate", gate, "name" },
    { "moment", draft, "title" },
  };
  struct
  {
    const char *path;
    HelderWebTestUser *user;
  } pages[] = {
    { "/dashboard", &web->advisor },
    { "/hr", &web->hr },
    { "/audit", &web->advisor },
    { "/me", &web->employee },
    { "/me", &web->advisor },
    { "/moments/new", &web->advisor },
    { gate_path, &web->advisor },
    { draft_path, &web->advisor },
    { "/", NULL },
  };
  guint seen = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = g_strdup_printf ("%s%u", rtl, 700 + i);
      update (store, fields[i].entity, fields[i].key, fields[i].field, value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr (HelderWebTestResponse) r =
        helder_web_test_request (web, "GET", pages[i].path, pages[i].user,
                                 pages[i].user ? "cookie" : NULL, NULL, NULL, 0, NULL);

      g_assert_cmpuint (r->status, ==, 200);
      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        {
          g_autofree char *value = g_strdup_printf ("%s%u", rtl, 700 + k);
          assert_isolated (pages[i].path, r, value, &seen);
        }
    }
  /* the names and titles were on the pages at all */
  g_assert_cmpuint (seen, >=, 10);
  helder_web_test_stop (web);
}

int
main (int argc, char **argv)
{
  helder_test_init (&argc, &argv);
  g_test_add_func ("/web-xss/corpus", test_corpus);
  g_test_add_func ("/web-xss/isolated", test_isolated);
  return g_test_run ();
}
