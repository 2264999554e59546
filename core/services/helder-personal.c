/* helder-personal.c — one person's own transition, in sections
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person reads about themselves: who they are in the programme, their
 * transition, the promises made to them, the moments coming up for them, the
 * messages that reached them and the decisions about their groups. The
 * personal page, the API (/api/v1/me) and the e-mail digest all show these
 * same sections, so the page and the e-mail never differ.
 *
 * DESIGN.md §3: nobody learns their future role from a screen. Until the
 * role change is discussed (or accepted, or objected to), the transition
 * says only that a personal conversation is planned, and with whom.
 *
 * Everything here is about ONE person and costs a handful of indexed
 * queries: the moments that reach the person come from one query that
 * mirrors the audience union of helder-audience.c from the person's side.
 */
#define G_LOG_DOMAIN "helder-personal"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "model/helder-rules.h"
#include "services/helder-personal.h"

/* The moments that reach person ?1: the audience union of
 * helder-audience.c (groups ∪ roles now or future ∪ persons ∪ role-change
 * statuses), seen from the person instead of from the moment. Drafts never
 * reach anyone; a cancelled moment is kept only when it is known to have
 * been published (an approved moment is superseded, not edited). */
static const char moments_sql[] =
  "WITH mine (moment) AS ("
  "   SELECT mg.moment FROM person_group pg JOIN moment_group mg ON mg.grp = pg.grp"
  "    WHERE pg.person = ?1"
  "   UNION SELECT mr.moment FROM person p JOIN moment_role mr ON mr.role = p.role"
  "    WHERE p.id = ?1"
  "   UNION SELECT mr.moment FROM role_change rc JOIN moment_role mr ON mr.role = rc.to_role"
  "    WHERE rc.person = ?1"
  "   UNION SELECT mp.moment FROM moment_person mp WHERE mp.person = ?1"
  "   UNION SELECT ms.moment FROM role_change rc JOIN moment_status ms ON ms.status = rc.status"
  "    WHERE rc.person = ?1)"
  " SELECT m.id, m.title, m.body, m.phase, m.scheduled_at, m.status, m.updated_at,"
  "   (SELECT group_concat (c.channel) FROM moment_channel c WHERE c.moment = m.id)"
  " FROM mine JOIN moment m ON m.id = mine.moment"
  " WHERE m.status IN ('approved', 'sent')"
  "    OR (m.status = 'cancelled' AND EXISTS (SELECT 1 FROM moment n WHERE n.supersedes = m.id))"
  " ORDER BY m.scheduled_at, m.id";

static const char gates_sql[] =
  "SELECT g.slug, g.name, g.phase, g.decide_on, g.decision, g.rationale, g.decided_by,"
  "   g.decided_at, g.updated_at"
  " FROM gate g"
  " WHERE g.slug IN (SELECT gg.gate FROM person_group pg JOIN gate_group gg ON gg.grp = pg.grp"
  "                   WHERE pg.person = ?1)"
  " ORDER BY g.decide_on, g.slug";

static const char commitments_sql[] =
  "SELECT c.id, c.text, c.made_by, c.made_on, c.due_on, c.status,"
  "   u.status, u.note, u.created_at,"
  "   EXISTS (SELECT 1 FROM commitment_person cp WHERE cp.commitment = c.id AND cp.person = ?1)"
  " FROM commitment c"
  " LEFT JOIN commitment_update u"
  "   ON u.id = (SELECT max (x.id) FROM commitment_update x WHERE x.commitment = c.id)"
  " WHERE c.id IN (SELECT cg.commitment FROM person_group pg"
  "                  JOIN commitment_group cg ON cg.grp = pg.grp WHERE pg.person = ?1"
  "                UNION SELECT cp.commitment FROM commitment_person cp WHERE cp.person = ?1)";

/* ---- small helpers -------------------------------------------------------- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static void
set_text (JsonObject   *object,
          const char   *member,
          sqlite3_stmt *stmt,
          int           col)
{
  const char *text = column_text (stmt, col);

  if (text != NULL)
    json_object_set_string_member (object, member, text);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
slug_name (const char *slug,
           const char *name)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "slug", slug);
  json_object_set_string_member (object, "name", name ? name : slug);
  return object;
}

static gint64
days_between (const char *from,
              const char *to)
{
  GDate a, b;

  if (!helder_parse_date (from, &a) || !helder_parse_date (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

/* Typed members of sections that may be missing or null. */
static JsonNode *
member_value (JsonObject *object,
              const char *member,
              GType       type)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = member_value (object, member, G_TYPE_STRING);
  return node ? json_node_get_string (node) : NULL;
}

static gboolean
member_true (JsonObject *object,
             const char *member)
{
  JsonNode *node = member_value (object, member, G_TYPE_BOOLEAN);
  return node ? json_node_get_boolean (node) : FALSE;
}

static gint64
member_int (JsonObject *object,
            const char *member)
{
  JsonNode *node = member_value (object, member, G_TYPE_INT64);
  return node ? json_node_get_int (node) : 0;
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;
  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "meeting,email" → ["email", "meeting"] */
static JsonArray *
channel_list (const char *joined)
{
  JsonArray *array = json_array_new ();
  g_auto(GStrv) channels = NULL;

  if (joined == NULL || *joined == '\0')
    return array;
  channels = g_strsplit (joined, ",", -1);
  qsort (channels, g_strv_length (channels), sizeof (char *), compare_strings);
  for (guint i = 0; channels[i] != NULL; i++)
    json_array_add_string_element (array, channels[i]);
  return array;
}

/* ---- dates, in the current gettext language -------------------------------- */

static const char *
month_name (int month)
{
  /* The same strings as the web pages use, so they translate once. */
  static const char * const months[] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  if (month < 1 || month > 12)
    return "";
  return _(months[month - 1]);
}

static char *
format_date (const char *date)
{
  GDate parsed;

  if (date == NULL || !helder_parse_date (date, &parsed))
    return g_strdup (date ? date : "");
  /* TRANSLATORS: a date: day, month name, year */
  return g_strdup_printf (C_("date", "%d %s %d"), g_date_get_day (&parsed),
                          month_name (g_date_get_month (&parsed)), g_date_get_year (&parsed));
}

static char *
format_datetime (const char *utc)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *day = NULL;

  if (utc == NULL)
    return g_strdup ("");
  parsed = g_date_time_new_from_iso8601 (utc, NULL);
  if (parsed == NULL)
    return g_strdup (utc);
  local = g_date_time_to_local (parsed);
  date = g_date_time_format (local, "%Y-%m-%d");
  day = format_date (date);
  /* TRANSLATORS: a date and a time of day */
  return g_strdup_printf (C_("datetime", "%s, %02d:%02d"), day,
                          g_date_time_get_hour (local), g_date_time_get_minute (local));
}

/* ---- labels ----------------------------------------------------------------- */

/**
 * helder_personal_promise_label:
 * @promise: an element of the "promises" section
 *
 * Returns: (transfer full): the promise's status for people: "late, 12 days",
 *   "kept", "broken", … in the current language
 */
char *
helder_personal_promise_label (JsonObject *promise)
{
  const char *status = member_string (promise, "effective_status");

  g_return_val_if_fail (promise != NULL, NULL);

  if (g_strcmp0 (status, "late") == 0)
    {
      gint64 days = member_int (promise, "days_late");

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "late, %" PRId64 " day",
                                           "late, %" PRId64 " days", (gulong) days),
                              days);
    }
  if (g_strcmp0 (status, "open") == 0)
    return g_strdup (_("open"));
  if (g_strcmp0 (status, "kept") == 0)
    return g_strdup (_("kept"));
  if (g_strcmp0 (status, "broken") == 0)
    return g_strdup (_("broken"));
  if (g_strcmp0 (status, "withdrawn") == 0)
    return g_strdup (_("withdrawn"));
  return g_strdup (status ? status : "");
}

/**
 * helder_personal_decision_label:
 *
 * Returns: a gate decision for people ("Go", "No-Go", "Postponed"), or
 *   "Not decided yet" for %NULL
 */
const char *
helder_personal_decision_label (const char *decision)
{
  if (decision == NULL)
    return _("Not decided yet");
  if (g_str_equal (decision, "go"))
    return C_("gate decision", "Go");
  if (g_str_equal (decision, "nogo"))
    return C_("gate decision", "No-Go");
  if (g_str_equal (decision, "postponed"))
    return C_("gate decision", "Postponed");
  return decision;
}

/**
 * helder_personal_gate_title:
 * @name: a gate's name
 *
 * Returns: (transfer full): "Go/No-Go: NAME", or the name itself when it
 *   already says so ("Go/No-Go migratieweekend")
 */
char *
helder_personal_gate_title (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_ascii_strncasecmp (name, "Go/No-Go", strlen ("Go/No-Go")) == 0)
    return g_strdup (name);
  return g_strdup_printf (_("Go/No-Go: %s"), name);
}

/**
 * helder_personal_change_status_label:
 *
 * Returns: where a person's own transition stands, said to that person
 */
const char *
helder_personal_change_status_label (const char *status)
{
  if (status == NULL)
    return _("No change to your role is planned.");
  if (g_str_equal (status, "conversation_planned"))
    return _("A personal conversation about your future role is planned.");
  if (g_str_equal (status, "discussed"))
    return _("This change has been discussed with you.");
  if (g_str_equal (status, "accepted"))
    return _("You have accepted this change.");
  if (g_str_equal (status, "objection"))
    return _("You have objected to this change.");
  return status;
}

/* ---- the sections ------------------------------------------------------------ */

static JsonObject *
person_section (HelderStore  *store,
                gint64        person,
                GError      **error)
{
  g_autoptr(HelderStmt) stmt = NULL;
  g_autoptr(HelderStmt) groups = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonArray *list;
  int rc;

  stmt = helder_store_prepare (store,
                               "SELECT p.id, p.name, p.email, p.locale, p.organisation, p.role, r.name"
                               " FROM person p LEFT JOIN role r ON r.slug = p.role WHERE p.id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                   _("no person “%" PRId64 "”"), person);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      helder_store_propagate (store, rc, error);
      return NULL;
    }

  object = json_object_new ();
  json_object_set_int_member (object, "id", sqlite3_column_int64 (stmt, 0));
  set_text (object, "name", stmt, 1);
  set_text (object, "email", stmt, 2);
  set_text (object, "locale", stmt, 3);
  set_text (object, "organisation", stmt, 4);
  if (column_text (stmt, 5) != NULL)
    json_object_set_object_member (object, "role", slug_name (column_text (stmt, 5), column_text (stmt, 6)));
  else
    json_object_set_null_member (object, "role");

  groups = helder_store_prepare (store,
                                 "SELECT g.slug, g.name FROM person_group pg"
                                 " JOIN stakeholder_group g ON g.slug = pg.grp"
                                 " WHERE pg.person = ?1 ORDER BY g.name, g.slug",
                                 error);
  if (groups == NULL)
    return NULL;
  sqlite3_bind_int64 (groups, 1, person);
  list = json_array_new ();
  json_object_set_array_member (object, "groups", list);
  while ((rc = sqlite3_step (groups)) == SQLITE_ROW)
    json_array_add_object_element (list, slug_name (column_text (groups, 0), column_text (groups, 1)));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&object);
}

static JsonNode *
contact_node (sqlite3_stmt *stmt,
              int           col)
{
  JsonObject *contact;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return json_node_init_null (json_node_alloc ());
  contact = json_object_new ();
  json_object_set_int_member (contact, "id", sqlite3_column_int64 (stmt, col));
  set_text (contact, "name", stmt, col + 1);
  set_text (contact, "email", stmt, col + 2);
  {
    JsonNode *node = json_node_init (json_node_alloc (), JSON_NODE_OBJECT);

    json_node_take_object (node, contact);
    return node;
  }
}

/* The role change, honest but in order: withheld until discussed. Sets
 * *@result to NULL when no change is planned for the person. */
static gboolean
transition_section (HelderStore  *store,
                    gint64        person,
                    JsonObject  **result,
                    GError      **error)
{
  g_autoptr(HelderStmt) stmt = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  const char *status;
  int rc;

  *result = NULL;
  stmt = helder_store_prepare (store,
                               "SELECT rc.status, rc.from_role, fr.name, rc.to_role, tr.name, tr.description,"
                               "  rc.decision_expected, rc.effective_on, rc.changes, rc.contact, c.name, c.email"
                               " FROM role_change rc"
                               " LEFT JOIN role fr ON fr.slug = rc.from_role"
                               " LEFT JOIN role tr ON tr.slug = rc.to_role"
                               " LEFT JOIN person c ON c.id = rc.contact"
                               " WHERE rc.person = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return helder_store_propagate (store, rc, error);

  status = column_text (stmt, 0);
  if (g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "decided") == 0)
    {
      /* DESIGN.md §3: the person hears it in a conversation first. */
      json_object_set_string_member (object, "status", "conversation_planned");
      json_object_set_member (object, "contact", contact_node (stmt, 9));
      *result = g_steal_pointer (&object);
      return TRUE;
    }

  json_object_set_string_member (object, "status", status);
  if (column_text (stmt, 1) != NULL)
    json_object_set_object_member (object, "from_role", slug_name (column_text (stmt, 1), column_text (stmt, 2)));
  else
    json_object_set_null_member (object, "from_role");
  if (column_text (stmt, 3) != NULL)
    {
      JsonObject *to = slug_name (column_text (stmt, 3), column_text (stmt, 4));

      set_text (to, "description", stmt, 5);
      json_object_set_object_member (object, "to_role", to);
      json_object_set_boolean_member (object, "undecided", FALSE);
      json_object_set_boolean_member (object, "same_role",
                                      g_strcmp0 (column_text (stmt, 1), column_text (stmt, 3)) == 0);
    }
  else
    {
      json_object_set_null_member (object, "to_role");
      json_object_set_boolean_member (object, "undecided", TRUE);
      json_object_set_boolean_member (object, "same_role", FALSE);
    }
  set_text (object, "decision_expected", stmt, 6);
  set_text (object, "effective_on", stmt, 7);
  json_object_set_string_member (object, "changes", column_text (stmt, 8) ? column_text (stmt, 8) : "");
  json_object_set_member (object, "contact", contact_node (stmt, 9));
  *result = g_steal_pointer (&object);
  return TRUE;
}

static int
promise_rank (const char *effective)
{
  static const char * const order[] = { "late", "broken", "open", "kept", "withdrawn" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (effective, order[i]) == 0)
      return (int) i;
  return (int) G_N_ELEMENTS (order);
}

static gint
compare_promises (gconstpointer a,
                  gconstpointer b)
{
  JsonObject *pa = *(JsonObject * const *) a;
  JsonObject *pb = *(JsonObject * const *) b;
  int ra = promise_rank (member_string (pa, "effective_status"));
  int rb = promise_rank (member_string (pb, "effective_status"));
  int by_due;

  if (ra != rb)
    return ra - rb;
  by_due = g_strcmp0 (member_string (pa, "due_on"), member_string (pb, "due_on"));
  if (by_due != 0)
    return by_due;
  return (member_int (pa, "id") > member_int (pb, "id")) - (member_int (pa, "id") < member_int (pb, "id"));
}

static JsonArray *
promises_section (HelderStore  *store,
                  gint64        person,
                  JsonArray    *person_groups,
                  const char   *today,
                  GError      **error)
{
  g_autoptr(HelderStmt) stmt = NULL;
  g_autoptr(HelderStmt) groups = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) group_names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *result;
  int rc;

  for (guint i = 0; i < json_array_get_length (person_groups); i++)
    {
      JsonObject *g = json_array_get_object_element (person_groups, i);
      g_hash_table_insert (group_names, (gpointer) member_string (g, "slug"), g);
    }

  stmt = helder_store_prepare (store, commitments_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *promise = json_object_new ();
      const char *status = column_text (stmt, 5);
      const char *due_on = column_text (stmt, 4);
      const char *effective = helder_commitment_effective_status (status, due_on, today);
      gboolean late = g_strcmp0 (effective, "late") == 0;

      json_object_set_int_member (promise, "id", sqlite3_column_int64 (stmt, 0));
      set_text (promise, "text", stmt, 1);
      set_text (promise, "made_by", stmt, 2);
      set_text (promise, "made_on", stmt, 3);
      set_text (promise, "due_on", stmt, 4);
      json_object_set_string_member (promise, "status", status);
      json_object_set_string_member (promise, "effective_status", effective);
      json_object_set_boolean_member (promise, "late", late);
      json_object_set_int_member (promise, "days_late", late ? days_between (due_on, today) : 0);
      json_object_set_boolean_member (promise, "personal", sqlite3_column_int (stmt, 9) != 0);
      json_object_set_array_member (promise, "groups", json_array_new ());
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        {
          JsonObject *update = json_object_new ();

          set_text (update, "status", stmt, 6);
          set_text (update, "note", stmt, 7);
          set_text (update, "created_at", stmt, 8);
          json_object_set_object_member (promise, "latest_update", update);
        }
      else
        json_object_set_null_member (promise, "latest_update");
      g_ptr_array_add (rows, promise);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;

  /* Which of the person's own groups each promise was made to: other
   * groups and other persons it was made to are not theirs to see. */
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *promise = g_ptr_array_index (rows, i);
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (promise, "id");
      g_hash_table_insert (by_id, id, promise);
    }
  groups = helder_store_prepare (store,
                                 "SELECT cg.commitment, cg.grp FROM person_group pg"
                                 " JOIN commitment_group cg ON cg.grp = pg.grp"
                                 " WHERE pg.person = ?1 ORDER BY cg.commitment, cg.grp",
                                 error);
  if (groups == NULL)
    return NULL;
  sqlite3_bind_int64 (groups, 1, person);
  while ((rc = sqlite3_step (groups)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (groups, 0);
      JsonObject *promise = g_hash_table_lookup (by_id, &id);
      JsonObject *group = g_hash_table_lookup (group_names, column_text (groups, 1));

      if (promise != NULL && group != NULL)
        json_array_add_object_element (json_object_get_array_member (promise, "groups"),
                                       json_object_ref (group));
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;

  g_ptr_array_sort (rows, compare_promises);
  result = json_array_sized_new (rows->len);
  for (guint i = 0; i < rows->len; i++)
    json_array_add_object_element (result, json_object_ref (g_ptr_array_index (rows, i)));
  return result;
}

/**
 * helder_personal_moments:
 * @person: the person's id
 *
 * The moments that reach @person, by the same rule as
 * helder_audience_resolve() but with one query for the person: approved
 * and sent ones, and cancelled ones known to have been published (they
 * were superseded). Drafts never appear.
 *
 * Returns: (transfer full): objects {id, title, body, phase, scheduled_at,
 *   status, updated_at, channels [..], meeting}, by scheduled_at
 */
JsonArray *
helder_personal_moments (HelderStore  *store,
                         gint64        person,
                         GError      **error)
{
  g_autoptr(HelderStmt) stmt = NULL;
  g_autoptr(JsonArray) moments = json_array_new ();
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  stmt = helder_store_prepare (store, moments_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *moment = json_object_new ();
      JsonArray *channels = channel_list (column_text (stmt, 7));
      gboolean meeting = FALSE;

      for (guint i = 0; i < json_array_get_length (channels); i++)
        meeting |= g_str_equal (json_array_get_string_element (channels, i), "meeting");
      json_object_set_int_member (moment, "id", sqlite3_column_int64 (stmt, 0));
      set_text (moment, "title", stmt, 1);
      set_text (moment, "body", stmt, 2);
      set_text (moment, "phase", stmt, 3);
      set_text (moment, "scheduled_at", stmt, 4);
      set_text (moment, "status", stmt, 5);
      set_text (moment, "updated_at", stmt, 6);
      json_object_set_array_member (moment, "channels", channels);
      json_object_set_boolean_member (moment, "meeting", meeting);
      json_array_add_object_element (moments, moment);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&moments);
}

/**
 * helder_personal_gates:
 * @person: the person's id
 *
 * Returns: (transfer full): the Go/No-Go gates of @person's groups, by
 *   decision date: {slug, name, phase, decide_on, decision, rationale,
 *   decided_by, decided_at, updated_at}
 */
JsonArray *
helder_personal_gates (HelderStore  *store,
                       gint64        person,
                       GError      **error)
{
  g_autoptr(HelderStmt) stmt = NULL;
  g_autoptr(JsonArray) gates = json_array_new ();
  static const char * const members[] = {
    "slug", "name", "phase", "decide_on", "decision", "rationale", "decided_by", "decided_at", "updated_at",
  };
  int rc;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  stmt = helder_store_prepare (store, gates_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *gate = json_object_new ();

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        set_text (gate, members[i], stmt, (int) i);
      json_array_add_object_element (gates, gate);
    }
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&gates);
}

/* A moment of helder_personal_moments() for the "coming" and "past"
 * sections: the same object, without the fields only feeds need. */
static JsonObject *
moment_for_person (JsonObject *moment)
{
  json_object_remove_member (moment, "phase");
  json_object_remove_member (moment, "updated_at");
  return json_object_ref (moment);
}

static int
compare_decided (gconstpointer a,
                 gconstpointer b)
{
  JsonObject *ga = *(JsonObject * const *) a;
  JsonObject *gb = *(JsonObject * const *) b;
  int by_time = g_strcmp0 (member_string (gb, "decided_at"), member_string (ga, "decided_at"));

  return by_time != 0 ? by_time : g_strcmp0 (member_string (ga, "slug"), member_string (gb, "slug"));
}

/**
 * helder_personal_compute:
 * @person: the person's id
 * @today: (nullable): YYYY-MM-DD, %NULL for the local date
 *
 * The sections of @person's own page, digest and /api/v1/me:
 *
 * - "person": id, name, email, locale, organisation, groups [{slug, name}],
 *   role {slug, name} or null
 * - "transition": null when no change is planned; while the role change
 *   is draft or decided only {status: "conversation_planned", contact};
 *   once discussed, accepted or objected to: status, from_role, to_role
 *   {slug, name, description} or null with undecided = true and
 *   decision_expected, same_role, effective_on, changes (Markdown), contact
 *   {id, name, email} or null
 * - "promises": commitments made to the person's groups or to them, late
 *   and broken first: id, text, made_by, made_on, due_on, status,
 *   effective_status, late, days_late, personal, groups (theirs only),
 *   latest_update {status, note, created_at} or null
 * - "coming": approved moments that reach them, from @today on, soonest first
 * - "past": sent moments, and approved ones scheduled before @today, that
 *   reached them, newest first, at most HELDER_PERSONAL_PAST_LIMIT
 *   (moments: id, title, scheduled_at, status, channels, meeting, body)
 * - "decisions": Go/No-Go decisions about their groups, newest first
 * - "upcoming_decisions": gates of their groups still to be decided
 *
 * Returns: (transfer full): the sections, or %NULL with @error (not found,
 *   invalid date)
 */
JsonObject *
helder_personal_compute (HelderStore  *store,
                         gint64        person,
                         const char   *today_in,
                         GError      **error)
{
  g_autofree char *today = today_in ? g_strdup (today_in) : helder_today ();
  g_autoptr(JsonObject) sections = json_object_new ();
  g_autoptr(JsonObject) me = NULL;
  g_autoptr(JsonObject) transition = NULL;
  g_autoptr(JsonArray) promises = NULL;
  g_autoptr(JsonArray) moments = NULL;
  g_autoptr(JsonArray) gates = NULL;
  g_autoptr(GPtrArray) decided = g_ptr_array_new ();
  JsonArray *coming, *past, *decisions, *upcoming;
  guint n;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (!helder_parse_date (today, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _("“%s” is not a date (use YYYY-MM-DD)"), today);
      return NULL;
    }

  me = person_section (store, person, error);
  if (me == NULL)
    return NULL;
  if (!transition_section (store, person, &transition, error))
    return NULL;
  promises = promises_section (store, person, json_object_get_array_member (me, "groups"), today, error);
  if (promises == NULL)
    return NULL;
  moments = helder_personal_moments (store, person, error);
  if (moments == NULL)
    return NULL;
  gates = helder_personal_gates (store, person, error);
  if (gates == NULL)
    return NULL;

  json_object_set_string_member (sections, "today", today);
  json_object_set_object_member (sections, "person", json_object_ref (me));
  if (transition != NULL)
    json_object_set_object_member (sections, "transition", json_object_ref (transition));
  else
    json_object_set_null_member (sections, "transition");
  json_object_set_array_member (sections, "promises", json_array_ref (promises));

  coming = json_array_new ();
  past = json_array_new ();
  n = json_array_get_length (moments);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *moment = json_array_get_object_element (moments, i);
      const char *status = member_string (moment, "status");
      const char *at = member_string (moment, "scheduled_at");

      if (g_strcmp0 (status, "approved") == 0 && g_strcmp0 (at, today) >= 0)
        json_array_add_object_element (coming, moment_for_person (moment));
    }
  for (guint i = n; i > 0 && json_array_get_length (past) < HELDER_PERSONAL_PAST_LIMIT; i--)
    {
      JsonObject *moment = json_array_get_object_element (moments, i - 1);
      const char *status = member_string (moment, "status");
      const char *at = member_string (moment, "scheduled_at");

      if (g_strcmp0 (status, "sent") == 0 ||
          (g_strcmp0 (status, "approved") == 0 && g_strcmp0 (at, today) < 0))
        json_array_add_object_element (past, moment_for_person (moment));
    }
  json_object_set_array_member (sections, "coming", coming);
  json_object_set_array_member (sections, "past", past);

  upcoming = json_array_new ();
  for (guint i = 0; i < json_array_get_length (gates); i++)
    {
      JsonObject *gate = json_array_get_object_element (gates, i);

      if (member_string (gate, "decision") != NULL)
        g_ptr_array_add (decided, gate);
      else
        {
          JsonObject *copy = json_object_new ();

          json_object_set_string_member (copy, "slug", member_string (gate, "slug"));
          json_object_set_string_member (copy, "name", member_string (gate, "name"));
          json_object_set_string_member (copy, "decide_on", member_string (gate, "decide_on"));
          json_array_add_object_element (upcoming, copy);
        }
    }
  g_ptr_array_sort (decided, compare_decided);
  decisions = json_array_new ();
  for (guint i = 0; i < decided->len; i++)
    {
      JsonObject *gate = g_ptr_array_index (decided, i);
      JsonObject *copy = json_object_new ();
      static const char * const members[] = {
        "slug", "name", "decide_on", "decision", "rationale", "decided_by", "decided_at",
      };

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        json_object_set_member (copy, members[m], json_node_copy (json_object_get_member (gate, members[m])));
      json_array_add_object_element (decisions, copy);
    }
  json_object_set_array_member (sections, "decisions", decisions);
  json_object_set_array_member (sections, "upcoming_decisions", upcoming);

  return g_steal_pointer (&sections);
}

/* ---- the same sections as CommonMark -------------------------------------------- */

/* Text from the store as inline CommonMark: what would be markup is
 * escaped, and line breaks become spaces. */
static void
append_inline (GString    *out,
               const char *text)
{
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '<':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '&':
          /* only where it would start an entity: "I&A" stays as it is */
          if (p[strspn (p + 1, "#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") + 1] == ';')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '\r':
          break;
        case '\n':
          g_string_append_c (out, ' ');
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* A Markdown block from the store, indented to belong to a list item. */
static void
append_block (GString    *out,
              const char *markdown,
              const char *indent)
{
  g_auto(GStrv) lines = NULL;

  if (markdown == NULL || *markdown == '\0')
    return;
  lines = g_strsplit (markdown, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (*lines[i] != '\0')
        g_string_append (out, indent);
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_heading (GString    *out,
                const char *heading)
{
  g_string_append (out, "## ");
  append_inline (out, heading);
  g_string_append (out, "\n\n");
}

static void
append_contact (GString    *out,
                JsonObject *contact)
{
  const char *email = member_string (contact, "email");

  if (email != NULL && strchr (email, '>') == NULL && strchr (email, ' ') == NULL)
    {
      g_string_append_c (out, '[');
      append_inline (out, member_string (contact, "name"));
      g_string_append (out, "](<mailto:");
      g_string_append (out, email);
      g_string_append (out, ">)");
    }
  else
    append_inline (out, member_string (contact, "name"));
}

static void
append_transition (GString    *out,
                   JsonObject *transition)
{
  const char *status = member_string (transition, "status");
  JsonObject *contact = member_object (transition, "contact");
  JsonObject *to_role = member_object (transition, "to_role");

  append_heading (out, _("Your future role"));
  if (transition == NULL)
    {
      g_string_append_printf (out, "%s\n\n", helder_personal_change_status_label (NULL));
      return;
    }
  if (g_strcmp0 (status, "conversation_planned") == 0)
    {
      g_string_append_printf (out, "%s %s\n\n", helder_personal_change_status_label (status),
                              _("You hear about it in that conversation first; it appears here afterwards."));
      if (contact != NULL)
        {
          append_heading (out, _("Who to talk to"));
          append_contact (out, contact);
          g_string_append (out, "\n\n");
        }
      return;
    }

  if (member_true (transition, "undecided"))
    {
      g_autofree char *date = format_date (member_string (transition, "decision_expected"));

      if (member_string (transition, "decision_expected") != NULL)
        g_string_append_printf (out, _("Not decided yet — decision expected on %s."), date);
      else
        g_string_append (out, _("Not decided yet."));
      g_string_append (out, "\n\n");
    }
  else if (to_role != NULL)
    {
      g_string_append (out, "**");
      append_inline (out, member_string (to_role, "name"));
      g_string_append (out, "**");
      if (member_true (transition, "same_role"))
        g_string_append_printf (out, " (%s)", _("you keep this role"));
      g_string_append (out, "\n\n");
      append_block (out, member_string (to_role, "description"), "");
    }
  if (member_string (transition, "effective_on") != NULL)
    {
      g_autofree char *date = format_date (member_string (transition, "effective_on"));

      g_string_append_printf (out, _("Effective from %s."), date);
      g_string_append (out, "\n\n");
    }
  g_string_append_printf (out, "%s\n\n", helder_personal_change_status_label (status));

  if (member_string (transition, "changes") != NULL && *member_string (transition, "changes") != '\0')
    {
      append_heading (out, _("What changes for you"));
      append_block (out, member_string (transition, "changes"), "");
    }
  if (contact != NULL)
    {
      append_heading (out, _("Who to talk to"));
      append_contact (out, contact);
      g_string_append (out, "\n\n");
    }
}

static void
append_promises (GString   *out,
                 JsonArray *promises)
{
  append_heading (out, _("Promises made to you"));
  if (promises == NULL || json_array_get_length (promises) == 0)
    {
      g_string_append_printf (out, "%s\n\n", _("No promises have been recorded for you or your groups."));
      return;
    }
  for (guint i = 0; i < json_array_get_length (promises); i++)
    {
      JsonObject *promise = json_array_get_object_element (promises, i);
      JsonObject *update = member_object (promise, "latest_update");
      g_autofree char *label = helder_personal_promise_label (promise);
      g_autofree char *due = format_date (member_string (promise, "due_on"));

      g_string_append (out, "- **");
      append_inline (out, label);
      g_string_append (out, "** — ");
      g_string_append_printf (out, _("due %s"), due);
      g_string_append (out, "\n\n");
      append_block (out, member_string (promise, "text"), "  ");
      if (member_string (promise, "made_by") != NULL)
        {
          g_autofree char *made_on = format_date (member_string (promise, "made_on"));
          g_autofree char *line = g_strdup_printf (_("Promised by %s on %s."),
                                                   member_string (promise, "made_by"), made_on);

          g_string_append (out, "  ");
          append_inline (out, line);
          g_string_append (out, "\n\n");
        }
      if (update != NULL && member_string (update, "note") != NULL && *member_string (update, "note") != '\0')
        {
          g_autofree char *day = g_strndup (member_string (update, "created_at"), 10);
          g_autofree char *date = format_date (day);

          g_string_append (out, "  *");
          g_string_append_printf (out, _("Latest update (%s):"), date);
          g_string_append (out, "*\n\n");
          append_block (out, member_string (update, "note"), "  ");
        }
    }
}

static void
append_moments (GString    *out,
                const char *heading,
                const char *empty,
                JsonArray  *moments)
{
  append_heading (out, heading);
  if (moments == NULL || json_array_get_length (moments) == 0)
    {
      g_string_append_printf (out, "%s\n\n", empty);
      return;
    }
  for (guint i = 0; i < json_array_get_length (moments); i++)
    {
      JsonObject *moment = json_array_get_object_element (moments, i);
      g_autofree char *when = format_datetime (member_string (moment, "scheduled_at"));

      g_string_append (out, "- ");
      append_inline (out, when);
      g_string_append (out, " — **");
      append_inline (out, member_string (moment, "title"));
      g_string_append (out, "**");
      if (member_true (moment, "meeting"))
        g_string_append_printf (out, " (%s)", _("meeting"));
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static void
append_decisions (GString    *out,
                  JsonArray  *decisions,
                  JsonArray  *upcoming)
{
  append_heading (out, _("Decisions"));
  if ((decisions == NULL || json_array_get_length (decisions) == 0) &&
      (upcoming == NULL || json_array_get_length (upcoming) == 0))
    {
      g_string_append_printf (out, "%s\n\n", _("No Go/No-Go decisions concern your groups."));
      return;
    }
  for (guint i = 0; decisions != NULL && i < json_array_get_length (decisions); i++)
    {
      JsonObject *gate = json_array_get_object_element (decisions, i);
      const char *decided_at = member_string (gate, "decided_at");
      g_autofree char *day = decided_at ? g_strndup (decided_at, 10) : NULL;
      g_autofree char *date = format_date (day ? day : member_string (gate, "decide_on"));
      g_autofree char *title = helder_personal_gate_title (member_string (gate, "name"));

      g_string_append (out, "- **");
      append_inline (out, title);
      g_string_append (out, "** — ");
      append_inline (out, helder_personal_decision_label (member_string (gate, "decision")));
      g_string_append_printf (out, " (%s)\n\n", date);
      append_block (out, member_string (gate, "rationale"), "  ");
    }
  for (guint i = 0; upcoming != NULL && i < json_array_get_length (upcoming); i++)
    {
      JsonObject *gate = json_array_get_object_element (upcoming, i);
      g_autofree char *date = format_date (member_string (gate, "decide_on"));
      g_autofree char *title = helder_personal_gate_title (member_string (gate, "name"));

      g_string_append (out, "- **");
      append_inline (out, title);
      g_string_append (out, "** — ");
      g_string_append_printf (out, _("decision expected on %s"), date);
      g_string_append (out, "\n\n");
    }
}

/**
 * helder_personal_to_markdown:
 * @sections: the result of helder_personal_compute()
 *
 * The same sections as CommonMark, in the current gettext language, for
 * the digest. Text from the store that is one line (titles, names) is
 * escaped; Markdown from the store (what changes, promises, rationales) is
 * kept as Markdown.
 *
 * Returns: (transfer full): CommonMark text, or %NULL with @error when
 *   @sections is not what helder_personal_compute() returns
 */
char *
helder_personal_to_markdown (JsonObject  *sections,
                             GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonObject *person = member_object (sections, "person");
  JsonObject *role;
  JsonNode *transition;

  g_return_val_if_fail (sections != NULL, NULL);

  transition = json_object_get_member (sections, "transition");
  if (person == NULL || transition == NULL ||
      !(JSON_NODE_HOLDS_NULL (transition) || JSON_NODE_HOLDS_OBJECT (transition)))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _("personal sections: “person” and “transition” are missing"));
      return NULL;
    }

  role = member_object (person, "role");
  append_heading (out, _("Your role now"));
  if (role != NULL)
    append_inline (out, member_string (role, "name"));
  else
    g_string_append (out, _("No role is recorded for you in this programme."));
  g_string_append (out, "\n\n");

  append_transition (out, JSON_NODE_HOLDS_OBJECT (transition) ? json_node_get_object (transition) : NULL);
  append_promises (out, member_array (sections, "promises"));
  append_moments (out, _("Coming up for you"), _("Nothing is planned for you yet."),
                  member_array (sections, "coming"));
  append_moments (out, _("Earlier messages"), _("No messages have reached you yet."),
                  member_array (sections, "past"));
  append_decisions (out, member_array (sections, "decisions"), member_array (sections, "upcoming_decisions"));

  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
