/* test-demo-history.c — the demo's sent moments come with their deliveries
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reach is counted from the outbox (issue 12), so a demo whose moments
 * went out before it was loaded needs the rows they would have left there
 * (services/delivery/helder-outbox-history.c). For every sent moment of
 * the demo and of a generated population, the rows are recomputed here by
 * brute force from the tables: one per person of its audience who was in
 * Helder when it was queued (its time; a meeting's invitation the lead
 * time before) and channel they take; none for who joined later. None of
 * them is left for a sender, and what the CLI shows of them is a delivery,
 * never "no delivery recorded".
 */
#define G_LOG_DOMAIN "helder-test"

#include "config.h"

#include <string.h>

#include "helder-test-utils.h"
#include "model/helder-channel-names.h"
#include "services/delivery/helder-meeting-invite.h"
#include "services/delivery/helder-outbox.h"
#include "services/delivery/helder-outbox-history.h"
#include "services/transfer/helder-demo.h"
#include "services/views/helder-audience.h"
#include "services/views/helder-reach.h"

#define GENERATED_PEOPLE 2000

static gint64
scalar (HelderStore *store, const char *sql, const char *param)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The text values of a one-column query, one per row. */
static GPtrArray *
texts (HelderStore *store, const char *sql, gint64 param)
{
  g_autoptr (HelderStmt) stmt = helder_store_prepare (store, sql, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, param);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return out;
}

static gboolean
has_text (GPtrArray *array, const char *text)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), text))
      return TRUE;
  return FALSE;
}

/* When @moment's messages were queued: its time, or a meeting's lead time
 * before it. */
static char *
queued_at (HelderStore *store, gint64 moment, gboolean *meeting)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, moment);
  g_autoptr (GPtrArray) at = texts (store, "SELECT scheduled_at FROM moment WHERE id = ?1", moment);
  g_autoptr (GDateTime) scheduled = g_date_time_new_from_iso8601 (g_ptr_array_index (at, 0), NULL);
  g_autoptr (GDateTime) invited = NULL;

  *meeting =
    scalar (store, "SELECT count(*) FROM moment_channel WHERE channel = 'meeting' AND moment = ?1",
            id) > 0;
  if (!*meeting)
    return g_strdup (g_ptr_array_index (at, 0));
  invited = g_date_time_add_days (scheduled, -HELDER_MEETING_INVITE_DAYS);
  return g_date_time_format (invited, "%Y-%m-%dT%H:%M:%SZ");
}

/* "PERSON/CHANNEL" for every message @moment should have left. */
static GHashTable *
expected_rows (HelderStore *store, gint64 moment, const char *at, gboolean meeting, guint *later)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) audience = helder_audience_resolve (store, moment, &error);
  g_autoptr (GPtrArray) channels = texts (
    store, "SELECT channel FROM moment_channel WHERE moment = ?1 AND channel <> 'meeting'", moment);
  g_autoptr (GPtrArray) slots =
    texts (store, "SELECT CAST (person AS TEXT) FROM moment_slot WHERE moment = ?1", moment);
  g_auto (GStrv) defaults = helder_channel_names_list (HELDER_CHANNEL_DEFAULT);
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < audience->len; i++)
    {
      gint64 person = g_array_index (audience, gint64, i);
      g_autoptr (GPtrArray) joined =
        texts (store, "SELECT created_at FROM person WHERE id = ?1", person);
      g_autoptr (GPtrArray) own =
        texts (store, "SELECT channel FROM person_channel WHERE person = ?1", person);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, person);

      /* Personal conversations invite only who has a slot. */
      if (meeting && slots->len > 0 && !has_text (slots, id))
        continue;
      if (strcmp (g_ptr_array_index (joined, 0), at) > 0)
        {
          (*later)++;
          continue;
        }
      if (own->len == 0)
        for (guint d = 0; defaults[d] != NULL; d++)
          g_ptr_array_add (own, g_strdup (defaults[d]));
      for (guint c = 0; c < own->len; c++)
        if ((meeting && channels->len == 0) || has_text (channels, g_ptr_array_index (own, c)))
          g_hash_table_add (rows, g_strdup_printf ("%" G_GINT64_FORMAT "/%s", person,
                                                   (const char *) g_ptr_array_index (own, c)));
    }
  return rows;
}

/* Every sent moment's rows are exactly the expected ones, delivered when
 * it went out; at least one moment has people who joined later. */
static void
check_history (HelderStore *store)
{
  g_autoptr (GArray) moments = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto (GStrv) addressed = helder_channel_names_list (HELDER_CHANNEL_ADDRESSED);
  g_autoptr (HelderStmt) stmt =
    helder_store_prepare (store, "SELECT id FROM moment WHERE status = 'sent' ORDER BY id", NULL);
  guint later_total = 0, moments_with_later = 0;
  gint64 dead = 0, total = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_array_append_val (moments, (gint64){ sqlite3_column_int64 (stmt, 0) });
  g_assert_cmpuint (moments->len, >=, 10);

  for (guint m = 0; m < moments->len; m++)
    {
      gint64 id = g_array_index (moments, gint64, m);
      gboolean meeting = FALSE;
      guint later = 0;
      g_autofree char *at = queued_at (store, id, &meeting);
      g_autoptr (GHashTable) expected = expected_rows (store, id, at, meeting, &later);
      g_autofree char *source = meeting
                                  ? g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":invite", id)
                                  : g_strdup_printf ("moment:%" G_GINT64_FORMAT, id);
      g_autoptr (HelderStmt) rows = helder_store_prepare (
        store,
        "SELECT person, channel, status, attempts, created_at, sent_at, acknowledged_at,"
        " last_error, source FROM delivery WHERE source = ?1 OR source GLOB ?2",
        NULL);
      g_autofree char *other = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":*", id);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonObject) reach = NULL;
      guint found = 0;

      sqlite3_bind_text (rows, 1, source, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (rows, 2, other, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          const char *channel = (const char *) sqlite3_column_text (rows, 1);
          const char *status = (const char *) sqlite3_column_text (rows, 2);
          const char *created = (const char *) sqlite3_column_text (rows, 4);
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s",
                                                  (gint64) sqlite3_column_int64 (rows, 0), channel);

          /* The message or the invitation, no reminder or cancellation,
           * once per person and channel. */
          g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 8), ==, source);
          if (!g_hash_table_contains (expected, key))
            g_error ("moment %" G_GINT64_FORMAT ": a row for %s, who was not in its audience"
                     " then or does not take that channel",
                     id, key);
          found++;
          total++;
          g_assert_cmpstr (created, ==, at);
          g_assert_cmpint (sqlite3_column_int (rows, 3), ==, 1);
          if (g_str_equal (status, "dead"))
            {
              dead++;
              g_assert_true (g_strv_contains ((const char *const *) addressed, channel));
              g_assert_cmpint (sqlite3_column_type (rows, 5), ==, SQLITE_NULL);
              g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 7), !=, "");
              continue;
            }
          g_assert_cmpstr (status, ==, "sent");
          g_assert_cmpint (sqlite3_column_type (rows, 7), ==, SQLITE_NULL);
          g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 5), >, created);
          /* A channel that does not go to the address (the desktop) knows
           * it was seen: acknowledged when sent. */
          if (g_strv_contains ((const char *const *) addressed, channel))
            g_assert_cmpint (sqlite3_column_type (rows, 6), ==, SQLITE_NULL);
          else
            g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 6), ==,
                             (const char *) sqlite3_column_text (rows, 5));
        }
      g_assert_cmpuint (found, ==, g_hash_table_size (expected));
      g_assert_cmpuint (found, >, 0);

      /* What reach makes of it: recorded, and who joined later. */
      reach = helder_reach_get (store, id, &error);
      g_assert_no_error (error);
      g_assert_true (json_object_get_boolean_member (reach, "recorded"));
      g_assert_cmpstr (json_object_get_string_member (reach, "first_at"), ==, at);
      g_assert_cmpint (json_object_get_int_member (reach, "joined_later"), ==, later);
      later_total += later;
      moments_with_later += later > 0;
    }
  g_assert_cmpuint (moments_with_later, >, 0);
  g_test_message ("%u moments, %" G_GINT64_FORMAT " rows, %" G_GINT64_FORMAT
                  " bounced, %u times someone joined later",
                  moments->len, total, dead, later_total);
  /* A believable few bounced. */
  g_assert_cmpint (dead, >, 0);
  g_assert_cmpint (dead * 20, <, total);
  /* Nothing else is in the outbox. */
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM delivery", NULL), ==, total);
}

static void
test_demo (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_demo_load (store, NULL, 0, &error));
  g_assert_no_error (error);
  check_history (store);
  g_clear_object (&store);
  helder_test_remove_db (path);
}

static void
test_generated (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;

  g_assert_true (helder_demo_load (store, NULL, GENERATED_PEOPLE, &error));
  g_assert_no_error (error);
  check_history (store);
  g_clear_object (&store);
  helder_test_remove_db (path);
}

/* A meeting of personal conversations invited only who had a slot. The
 * demo's is still to come: here it went out last month, with one more
 * person in its audience who has no slot. */
static void
test_personal_conversations (void)
{
  g_autofree char *path = NULL;
  g_autoptr (HelderStore) store = helder_test_store_new (&path);
  g_autoptr (GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *sql = NULL;
  guint rows = 0;

  g_assert_true (helder_demo_load (store, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM moment_slot WHERE moment = 18", NULL), ==,
                   3);
  day = helder_test_day (-20);
  sql = g_strdup_printf (
    "UPDATE moment SET status = 'sent', scheduled_at = '%1$sT08:00:00Z' WHERE id = 18;"
    "UPDATE moment_slot SET starts_at = '%1$sT08:00:00Z', ends_at = '%1$sT08:45:00Z'"
    " WHERE moment = 18;"
    "INSERT INTO moment_person (moment, person) VALUES (18, 7);",
    day);
  g_assert_true (helder_store_exec (store, sql, &error));
  g_assert_no_error (error);

  g_assert_true (helder_store_begin (store, &error));
  g_assert_true (helder_outbox_history_record (store, NULL, &rows, &error));
  g_assert_true (helder_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, >=, 3);
  g_assert_cmpint (scalar (store,
                           "SELECT count(DISTINCT person) FROM delivery"
                           " WHERE source = 'meeting:18:invite' AND person IN (13, 16, 34)",
                           NULL),
                   ==, 3);
  g_assert_cmpint (scalar (store,
                           "SELECT count(*) FROM delivery"
                           " WHERE source = 'meeting:18:invite' AND person = 7",
                           NULL),
                   ==, 0);
  /* Without a bounce error given, nothing bounced. */
  g_assert_cmpint (scalar (store,
                           "SELECT count(*) FROM delivery"
                           " WHERE source = 'meeting:18:invite' AND status <> 'sent'",
                           NULL),
                   ==, 0);
  check_history (store);

  /* Running it again adds nothing. */
  g_assert_true (helder_store_begin (store, &error));
  g_assert_true (helder_outbox_history_record (store, NULL, &rows, &error));
  g_assert_true (helder_store_commit (store, &error));
  g_assert_cmpuint (rows, ==, 0);

  g_clear_object (&store);
  helder_test_remove_db (path);
}

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("helder-demo-history-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "helder.db", NULL);
  g_assert_cmpint (helder_test_run (f->db, NULL, NULL, NULL, "init", "--demo", NULL), ==, 0);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  helder_test_remove_db (f->db);
  g_free (f->db);
  g_free (f->dir);
}

/* `helder send` finds none of the history to send, and neither channel
 * gets any of it. */
static void
test_nothing_to_send (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HelderStore) store = helder_store_open (f->db, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) sent = NULL;
  g_autoptr (JsonArray) claimed = NULL;
  static const char *const channels[] = { "email", "desktop", NULL };
  HelderOutboxPolicy policy = { .max_attempts = 5, .retry_seconds = 60, .lease_seconds = 300 };
  gint64 history;

  g_assert_no_error (error);
  history = scalar (store, "SELECT count(*) FROM delivery", NULL);
  g_assert_cmpint (history, >, 0);
  g_assert_cmpint (
    scalar (store, "SELECT count(*) FROM delivery WHERE status NOT IN ('sent', 'dead')", NULL), ==,
    0);

  before = helder_test_fingerprint (store);
  g_assert_cmpint (helder_test_run (f->db, NULL, &out, NULL, "send", "--dry-run", NULL), ==, 0);
  after = helder_test_fingerprint (store);
  g_assert_cmpstr (before, ==, after);
  sent = texts (store, "SELECT id FROM moment WHERE status = 'sent' AND id > ?1", 0);
  for (guint i = 0; i < sent->len; i++)
    {
      g_autofree char *moment =
        g_strdup_printf ("moment:%s ", (char *) g_ptr_array_index (sent, i));
      g_autofree char *invite =
        g_strdup_printf ("meeting:%s:invite ", (char *) g_ptr_array_index (sent, i));

      g_assert_null (strstr (out, moment));
      g_assert_null (strstr (out, invite));
    }

  /* What a sender would claim now: nothing of the history. */
  claimed = helder_outbox_claim (store, channels, 100000, &policy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (claimed), ==, 0);
  /* The desktop notifier is offered none of it, whoever asks. */
  for (gint64 person = 1; person <= 68; person++)
    {
      g_autoptr (JsonArray) offered =
        helder_outbox_offered_list (store, person, "desktop", 50, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (json_array_get_length (offered), ==, 0);
    }
  g_assert_cmpint (scalar (store, "SELECT count(*) FROM delivery", NULL), ==, history);
}

/* The CLI shows the demo's sent moments as delivered, in Dutch. */
static void
test_shown_as_delivered (Fixture *f, gconstpointer data)
{
  const char *const nl[] = { "LANGUAGE=nl", NULL };
  g_autofree char *status = NULL;
  g_autofree char *kickoff = NULL;
  g_autofree char *award = NULL;

  g_assert_cmpint (helder_test_run (f->db, nl, &status, NULL, "status", NULL), ==, 0);
  g_assert_nonnull (strstr (status, "Verstuurd in de afgelopen 14 dagen"));
  g_assert_nonnull (strstr (status, "verstuurd aan"));
  g_assert_null (strstr (status, "geen bezorging vastgelegd"));

  g_assert_cmpint (helder_test_run (f->db, nl, &kickoff, NULL, "moment", "show", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (kickoff, "Verstuurd aan"));
  g_assert_null (strstr (kickoff, "geen bezorging"));

  /* The outsourcing partner's people were added after the award. */
  g_assert_cmpint (helder_test_run (f->db, nl, &award, NULL, "moment", "show", "9", NULL), ==, 0);
  g_assert_nonnull (strstr (award, "Verstuurd aan"));
  g_assert_nonnull (strstr (award, "mensen kwamen later bij en kregen dit bericht niet"));
}

int
main (int argc, char *argv[])
{
  helder_test_init (&argc, &argv);

  g_test_add_func ("/demo-history/demo", test_demo);
  g_test_add_func ("/demo-history/generated", test_generated);
  g_test_add_func ("/demo-history/personal-conversations", test_personal_conversations);
  g_test_add ("/demo-history/nothing-to-send", Fixture, NULL, setup, test_nothing_to_send,
              teardown);
  g_test_add ("/demo-history/shown-as-delivered", Fixture, NULL, setup, test_shown_as_delivered,
              teardown);
  return g_test_run ();
}
