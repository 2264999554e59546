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
 * What people read of them (labels, dates, CommonMark) is made in
 * helder-personal-text.c.
 */
#define G_LOG_DOMAIN "helder-personal"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "model/helder-rules.h"
#include "services/views/helder-personal.h"
#include "services/views/helder-personal-private.h"

/* The moments that reach person ?1: the audience union of
 * helder-audience.c (groups ∪ roles now or future ∪ persons ∪ role-change
 * statuses), seen from the person instead of from the moment. Drafts never
 * reach anyone; a cancelled moment is kept only when it is known to have
 * been published (an approved moment is superseded, not edited). A
 * meeting of personal conversations is at the person's own slot. */
/* The outbox rows of moment m: its message, or a meeting's invitations
 * (helder-reach.c), by the (source, person, channel) index. */
#define MOMENT_ROWS                                                             \
  "(d.source = 'moment:' || m.id OR d.source = 'meeting:' || m.id || ':invite'" \
  " OR (d.source > 'meeting:' || m.id || ':invite:'"                            \
  " AND d.source < 'meeting:' || m.id || ':invite;'))"

static const char moments_sql[] =
  "WITH mine (moment) AS ("
  "   SELECT mg.moment FROM person_group pg JOIN moment_group mg ON mg.grp = pg.grp"
  "    WHERE pg.person = ?1"
  "   UNION SELECT mr.moment FROM person p JOIN moment_role mr ON mr.role = p.role"
  "    WHERE p.id = ?1"
  "   UNION SELECT mr.moment FROM role_change rc JOIN moment_role mr ON mr.role = rc.to_role"
  "    WHERE rc.person = ?1 AND rc.status IN ('discussed', 'accepted', 'objection')"
  "   UNION SELECT mp.moment FROM moment_person mp WHERE mp.person = ?1"
  "   UNION SELECT ms.moment FROM role_change rc JOIN moment_status ms ON ms.status = rc.status"
  "    WHERE rc.person = ?1)"
  " SELECT m.id,"
  "   CASE WHEN en.yes AND m.title_en != '' THEN m.title_en ELSE m.title END,"
  "   CASE WHEN en.yes AND m.title_en != '' AND m.body_en != '' THEN m.body_en ELSE m.body END,"
  "   m.phase, coalesce ((SELECT s.starts_at FROM moment_slot s WHERE s.moment = m.id"
  "     AND s.person = ?1), m.scheduled_at), m.status, m.updated_at,"
  "   (SELECT group_concat (c.channel) FROM moment_channel c WHERE c.moment = m.id),"
  "   m.status = 'sent' AND EXISTS (SELECT 1 FROM delivery d WHERE " MOMENT_ROWS ")"
  "    AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.person = ?1 AND " MOMENT_ROWS "),"
  "   CASE WHEN m.status = 'sent'"
  "    AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.person = ?1 AND " MOMENT_ROWS ")"
  "    THEN (SELECT created_at FROM person WHERE id = ?1)"
  "     > (SELECT min (d.created_at) FROM delivery d WHERE " MOMENT_ROWS ") END"
  " FROM mine JOIN moment m ON m.id = mine.moment"
  " JOIN (SELECT coalesce ((SELECT locale = 'en' FROM person WHERE id = ?1), 0) AS yes) en"
  " WHERE m.status IN ('approved', 'sent')"
  "    OR (m.status = 'cancelled' AND EXISTS (SELECT 1 FROM moment n WHERE n.supersedes = m.id))"
  " ORDER BY 5, m.id";

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
  "   EXISTS (SELECT 1 FROM commitment_person cp WHERE cp.commitment = c.id AND cp.person = ?1),"
  "   c.created_at"
  " FROM commitment c"
  " LEFT JOIN commitment_update u"
  "   ON u.id = (SELECT max (x.id) FROM commitment_update x WHERE x.commitment = c.id)"
  " WHERE c.id IN (SELECT cg.commitment FROM person_group pg"
  "                  JOIN commitment_group cg ON cg.grp = pg.grp WHERE pg.person = ?1"
  "                UNION SELECT cp.commitment FROM commitment_person cp WHERE cp.person = ?1)";

/* ---- small helpers -------------------------------------------------------- */

static const char *
column_text (sqlite3_stmt *stmt, int col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static void
set_text (JsonObject *object, const char *member, sqlite3_stmt *stmt, int col)
{
  const char *text = column_text (stmt, col);

  if (text != NULL)
    json_object_set_string_member (object, member, text);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
slug_name (const char *slug, const char *name)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "slug", slug);
  json_object_set_string_member (object, "name", name ? name : slug);
  return object;
}

static gint64
days_between (const char *from, const char *to)
{
  GDate a, b;

  if (!helder_date_parse (from, &a) || !helder_date_parse (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* "meeting,email" → ["email", "meeting"] */
static JsonArray *
channel_list (const char *joined)
{
  JsonArray *array = json_array_new ();
  g_auto (GStrv) channels = NULL;

  if (joined == NULL || *joined == '\0')
    return array;
  channels = g_strsplit (joined, ",", -1);
  qsort (channels, g_strv_length (channels), sizeof (char *), compare_strings);
  for (guint i = 0; channels[i] != NULL; i++)
    json_array_add_string_element (array, channels[i]);
  return array;
}

/* ---- the sections ------------------------------------------------------------ */

static JsonObject *
person_section (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (HelderStmt) groups = NULL;
  g_autoptr (JsonObject) object = NULL;
  JsonArray *list;
  int rc;

  stmt = helder_store_prepare (
    store,
    "SELECT p.id, p.name, p.email, p.locale, p.organisation, p.role, r.name,"
    " " HELDER_PERSON_EXTERNAL_SQL (
      "p.id") ", p.digest"
              " FROM person p LEFT JOIN role r ON r.slug = p.role WHERE p.id = ?1",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND, _ ("no person “%" PRId64 "”"),
                   person);
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
    json_object_set_object_member (object, "role",
                                   slug_name (column_text (stmt, 5), column_text (stmt, 6)));
  else
    json_object_set_null_member (object, "role");
  json_object_set_boolean_member (object, "external", sqlite3_column_int (stmt, 7) != 0);
  set_text (object, "digest", stmt, 8);

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
    json_array_add_object_element (list,
                                   slug_name (column_text (groups, 0), column_text (groups, 1)));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&object);
}

static JsonNode *
contact_node (sqlite3_stmt *stmt, int col)
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
transition_section (HelderStore *store, gint64 person, JsonObject **result, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonObject) object = json_object_new ();
  const char *status;
  int rc;

  *result = NULL;
  stmt = helder_store_prepare (
    store,
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
    json_object_set_object_member (object, "from_role",
                                   slug_name (column_text (stmt, 1), column_text (stmt, 2)));
  else
    json_object_set_null_member (object, "from_role");
  if (column_text (stmt, 3) != NULL)
    {
      JsonObject *to = slug_name (column_text (stmt, 3), column_text (stmt, 4));

      set_text (to, "description", stmt, 5);
      json_object_set_object_member (object, "to_role", to);
      json_object_set_boolean_member (object, "undecided", FALSE);
      json_object_set_boolean_member (
        object, "same_role", g_strcmp0 (column_text (stmt, 1), column_text (stmt, 3)) == 0);
    }
  else
    {
      json_object_set_null_member (object, "to_role");
      json_object_set_boolean_member (object, "undecided", TRUE);
      json_object_set_boolean_member (object, "same_role", FALSE);
    }
  set_text (object, "decision_expected", stmt, 6);
  set_text (object, "effective_on", stmt, 7);
  json_object_set_string_member (object, "changes",
                                 column_text (stmt, 8) ? column_text (stmt, 8) : "");
  json_object_set_member (object, "contact", contact_node (stmt, 9));
  *result = g_steal_pointer (&object);
  return TRUE;
}

static int
promise_rank (const char *effective)
{
  static const char *const order[] = { "late", "broken", "open", "kept", "withdrawn" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (effective, order[i]) == 0)
      return (int) i;
  return (int) G_N_ELEMENTS (order);
}

static gint
compare_promises (gconstpointer a, gconstpointer b)
{
  JsonObject *pa = *(JsonObject *const *) a;
  JsonObject *pb = *(JsonObject *const *) b;
  int ra = promise_rank (member_string (pa, "effective_status"));
  int rb = promise_rank (member_string (pb, "effective_status"));
  int by_due;

  if (ra != rb)
    return ra - rb;
  by_due = g_strcmp0 (member_string (pa, "due_on"), member_string (pb, "due_on"));
  if (by_due != 0)
    return by_due;
  return (member_int (pa, "id") > member_int (pb, "id")) -
         (member_int (pa, "id") < member_int (pb, "id"));
}

static JsonArray *
promises_section (HelderStore *store,
                  gint64 person,
                  JsonArray *person_groups,
                  const char *today,
                  GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (HelderStmt) groups = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (GHashTable) group_names = g_hash_table_new (g_str_hash, g_str_equal);
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
      const char *effective = helder_rules_commitment_status (status, due_on, today);
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
      set_text (promise, "created_at", stmt, 10);
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
 * were superseded). Drafts never appear. A person whose language is
 * English reads a moment's English title and text where it has them, as
 * in the e-mail that announces it.
 *
 * A sent moment whose messages the outbox holds, but none for @person, is
 * "not_received" (they joined its audience after it went out, or no
 * channel reached them then); "joined_later" when they were added to
 * Helder after its first message was queued. A sent moment that the
 * outbox holds nothing of (imported as sent) is not marked: nobody can
 * tell.
 *
 * Returns: (transfer full): objects {id, title, body, phase, scheduled_at,
 *   status, updated_at, channels [..], meeting, not_received,
 *   joined_later}, by scheduled_at
 */
JsonArray *
helder_personal_moments (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonArray) moments = json_array_new ();
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
      json_object_set_boolean_member (moment, "not_received", sqlite3_column_int (stmt, 8) != 0);
      json_object_set_boolean_member (moment, "joined_later",
                                      sqlite3_column_int (stmt, 8) != 0 &&
                                        sqlite3_column_int (stmt, 9) != 0);
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
helder_personal_gates (HelderStore *store, gint64 person, GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autoptr (JsonArray) gates = json_array_new ();
  static const char *const members[] = {
    "slug",      "name",       "phase",      "decide_on",  "decision",
    "rationale", "decided_by", "decided_at", "updated_at",
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
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  /* a copy: the moments themselves go on to helder_personal_news() */
  json_object_iter_init (&iter, moment);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "phase") && !g_str_equal (name, "updated_at"))
      json_object_set_member (copy, name, json_node_copy (value));
  return copy;
}

static int
compare_decided (gconstpointer a, gconstpointer b)
{
  JsonObject *ga = *(JsonObject *const *) a;
  JsonObject *gb = *(JsonObject *const *) b;
  int by_time = g_strcmp0 (member_string (gb, "decided_at"), member_string (ga, "decided_at"));

  return by_time != 0 ? by_time
                      : g_strcmp0 (member_string (ga, "slug"), member_string (gb, "slug"));
}

/**
 * helder_personal_compute:
 * @person: the person's id
 * @today: (nullable): YYYY-MM-DD, %NULL for the local date
 *
 * The sections of @person's own page, digest and /api/v1/me:
 *
 * - "person": id, name, email, locale, organisation, groups [{slug, name}],
 *   role {slug, name} or null, external (all of their groups are external:
 *   then "transition" is null and the texts speak to a partner), digest
 *   (their choice: default, weekly or off)
 * - "transition": null when no change is planned; while the role change
 *   is draft or decided only {status: "conversation_planned", contact};
 *   once discussed, accepted or objected to: status, from_role, to_role
 *   {slug, name, description} or null with undecided = true and
 *   decision_expected, same_role, effective_on, changes (Markdown), contact
 *   {id, name, email} or null
 * - "promises": commitments made to the person's groups or to them, late
 *   and broken first: id, text, made_by, made_on, due_on, status,
 *   effective_status, late, days_late, personal, groups (theirs only),
 *   created_at, latest_update {status, note, created_at} or null
 * - "coming": approved moments that reach them, from @today on, soonest first
 * - "past": sent moments, and approved ones scheduled before @today, that
 *   reached them, newest first, at most HELDER_PERSONAL_PAST_LIMIT
 *   (moments: id, title, scheduled_at, status, channels, meeting, body,
 *   not_received and joined_later: sent before they were in its audience,
 *   shown as such, never as received)
 * - "decisions": Go/No-Go decisions about their groups, newest first
 * - "upcoming_decisions": gates of their groups still to be decided
 *
 * Returns: (transfer full): the sections, or %NULL with @error (not found,
 *   invalid date)
 */
JsonObject *
helder_personal_compute (HelderStore *store, gint64 person, const char *today_in, GError **error)
{
  return helder_personal_compute_full (store, person, today_in, NULL, error);
}

/**
 * helder_personal_compute_full:
 * @moments: (out) (optional) (transfer full): helder_personal_moments() of
 *   @person, which the sections were made from
 *
 * helder_personal_compute(), and the moments it read, for
 * helder_personal_news(): the digest of each of 10,000 people reads them
 * once, not twice.
 */
JsonObject *
helder_personal_compute_full (HelderStore *store,
                              gint64 person,
                              const char *today_in,
                              JsonArray **moments_out,
                              GError **error)
{
  g_autofree char *today = today_in ? g_strdup (today_in) : helder_clock_today ();
  g_autoptr (JsonObject) sections = json_object_new ();
  g_autoptr (JsonObject) me = NULL;
  g_autoptr (JsonObject) transition = NULL;
  g_autoptr (JsonArray) promises = NULL;
  g_autoptr (JsonArray) moments = NULL;
  g_autoptr (JsonArray) gates = NULL;
  g_autoptr (GPtrArray) decided = g_ptr_array_new ();
  JsonArray *coming, *past, *decisions, *upcoming;
  guint n;

  g_return_val_if_fail (HELDER_IS_STORE (store), NULL);

  if (!helder_date_parse (today, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a date (use YYYY-MM-DD)"), today);
      return NULL;
    }

  me = person_section (store, person, error);
  if (me == NULL)
    return NULL;
  /* External people (suppliers, chain partners) have no transition of
   * their own in this programme: their page and digest hold what is
   * addressed to their organisation or group. */
  if (!json_object_get_boolean_member (me, "external") &&
      !transition_section (store, person, &transition, error))
    return NULL;
  promises =
    promises_section (store, person, json_object_get_array_member (me, "groups"), today, error);
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
      static const char *const members[] = {
        "slug", "name", "decide_on", "decision", "rationale", "decided_by", "decided_at",
      };

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        json_object_set_member (copy, members[m],
                                json_node_copy (json_object_get_member (gate, members[m])));
      json_array_add_object_element (decisions, copy);
    }
  json_object_set_array_member (sections, "decisions", decisions);
  json_object_set_array_member (sections, "upcoming_decisions", upcoming);

  if (moments_out != NULL)
    *moments_out = g_steal_pointer (&moments);
  return g_steal_pointer (&sections);
}
