/* helder-web-forms.c — the advisor's forms: moments, commitment updates, gate decisions
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page shows one record and, where the rules allow a change, a form.
 * A POST reads the form, checks the session's CSRF token, calls one core
 * service and either redirects (303) to the record's page or renders the
 * same page again with the values as typed, status 400 (409 for a change
 * the rules forbid), an error summary at the top and the message next to
 * the field it names. Services say which field is wrong by starting their
 * message with it ("note: …"); the tables below map those names to the
 * form's inputs.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-rules.h"
#include "services/helder-actions.h"
#include "services/helder-audience.h"
#include "services/helder-repo.h"
#include "web/helder-web-private.h"

/* The moment page lists at most this many names of its audience. */
#define AUDIENCE_NAMES_MAX 500

/* ---- values as people read them ------------------------------------------ */

typedef struct {
  const char *value;
  const char *label;
} Choice;

static const Choice channel_choices[] = {
  { "email", N_("e-mail") },
  { "desktop", N_("desktop notification") },
  { "meeting", N_("meeting") },
};

static const Choice change_status_choices[] = {
  { "draft", N_("draft") },
  { "decided", N_("decided") },
  { "discussed", N_("discussed") },
  { "accepted", N_("accepted") },
  { "objection", N_("objection") },
};

static const Choice decision_choices[] = {
  { "go", N_("go") },
  { "nogo", N_("no go") },
  { "postponed", N_("postponed") },
};

/* Statuses of moments, commitments and criteria; the same words as the CLI. */
static const char * const status_words[] = {
  N_("draft"), N_("approved"), N_("sent"), N_("cancelled"),
  N_("open"), N_("kept"), N_("broken"), N_("withdrawn"), N_("late"),
  N_("met"), N_("failed"),
};

static const char *
choice_label (const Choice *choices,
              guint         n_choices,
              const char   *value)
{
  for (guint i = 0; i < n_choices; i++)
    if (g_strcmp0 (choices[i].value, value) == 0)
      return _(choices[i].label);
  return value;
}

static const char *
status_label (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_words); i++)
    if (g_strcmp0 (status_words[i], status) == 0)
      return _(status_words[i]);
  return status;
}

/* ---- reading forms ------------------------------------------------------------ */

static const char *
form_text (GHashTable *form,
           const char *name)
{
  const char *value = g_hash_table_lookup (form, name);
  return value != NULL ? value : "";
}

/* Text from a textarea: browsers send CRLF; the store keeps LF. */
static char *
form_multiline (GHashTable *form,
                const char *name)
{
  const char *text = form_text (form, name);
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    if (!(p[0] == '\r' && p[1] == '\n'))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
blank (const char *text)
{
  for (; text != NULL && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Every value of a field that may occur more than once (checkboxes), in
 * order. helder_web_read_form() has already checked the body; this reads
 * the same urlencoded body for the repeated names. */
static GPtrArray *
form_list (HelderWebRequest *request,
           const char       *name)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr(GBytes) bytes = body != NULL ? soup_message_body_flatten (body) : NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) pairs = NULL;

  if (bytes == NULL)
    return values;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  pairs = g_strsplit (text, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      char *value;

      if (eq == NULL)
        continue;
      *eq = '\0';
      g_strdelimit (pairs[i], "+", ' ');
      g_strdelimit (eq + 1, "+", ' ');
      key = g_uri_unescape_string (pairs[i], NULL);
      if (g_strcmp0 (key, name) != 0)
        continue;
      value = g_uri_unescape_string (eq + 1, NULL);
      if (value == NULL || !g_utf8_validate (value, -1, NULL) || value[0] == '\0')
        {
          g_free (value);
          continue;
        }
      g_ptr_array_add (values, value);
    }
  return values;
}

static JsonArray *
strings_to_array (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  return array;
}

static GPtrArray *
array_to_strings (JsonArray *array)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
    }
  return strings;
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *value)
{
  for (guint i = 0; strings != NULL && i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* ---- errors next to the field ---------------------------------------------- */

typedef struct {
  const char *field;   /* as the service names it */
  const char *key;     /* errors.KEY in the template */
  const char *anchor;  /* the id the error summary links to */
  const char *label;
} FormField;

static const FormField moment_form_fields[] = {
  { "title", "title", "title", N_("Title") },
  { "body", "body", "body", N_("Message") },
  { "phase", "phase", "phase", N_("Phase") },
  { "scheduled_at", "scheduled_at", "scheduled-date", N_("Scheduled for") },
  { "channels", "channels", "channel-email", N_("Channels") },
  { "groups", "audience", "audience", N_("Audience") },
  { "roles", "audience", "audience", N_("Audience") },
  { "statuses", "audience", "audience", N_("Audience") },
  { "persons", "persons", "persons", N_("Persons") },
};

static const FormField commitment_form_fields[] = {
  { "status", "status", "status", N_("New status") },
  { "note", "note", "note", N_("Note") },
};

static const FormField gate_form_fields[] = {
  { "decision", "decision", "decision-go", N_("Decision") },
  { "rationale", "rationale", "rationale", N_("Rationale") },
  { "override_note", "override_note", "override_note", N_("Override note") },
};

/* The message without its "field: " or "field[3]: " prefix. */
static const char *
error_text (const char *message,
            const char *field)
{
  gsize len = field != NULL ? strlen (field) : 0;
  const char *p = message;

  if (len == 0 || strncmp (message, field, len) != 0)
    return message;
  p += len;
  if (*p == '[')
    {
      p = strchr (p, ']');
      if (p == NULL)
        return message;
      p++;
    }
  return g_str_has_prefix (p, ": ") ? p + 2 : message;
}

/* "Note: …" reads as a sentence next to its field. */
static char *
capitalized (const char *text)
{
  char first[8];
  gint n;

  if (text[0] == '\0')
    return g_strdup (text);
  n = g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strdup_printf ("%.*s%s", n, first, g_utf8_next_char (text));
}

/* Adds "errors" (key → message), "error_list" ([{anchor, message}]) and
 * "has_errors" to @context for @error: one problem a line. */
static void
add_error (JsonObject      *context,
           const FormField *fields,
           guint            n_fields,
           const GError    *error)
{
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
  JsonObject *errors = json_object_new ();
  JsonArray *list = json_array_new ();

  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *message = lines[l];
      g_autofree char *field = NULL;
      JsonObject *item;
      const FormField *known = NULL;

      if (message[0] == '\0')
        continue;
      field = helder_web_error_field (NULL, message);
      for (guint i = 0; field != NULL && i < n_fields; i++)
        if (g_str_equal (fields[i].field, field))
          known = &fields[i];

      item = json_object_new ();
      if (known != NULL)
        {
          const char *text = error_text (message, field);
          g_autofree char *sentence = capitalized (text);
          g_autofree char *summary = g_strdup_printf ("%s: %s", _(known->label), text);

          if (!json_object_has_member (errors, known->key))
            json_object_set_string_member (errors, known->key, sentence);
          json_object_set_string_member (item, "anchor", known->anchor);
          json_object_set_string_member (item, "message", summary);
        }
      else
        {
          json_object_set_string_member (item, "anchor", "");
          json_object_set_string_member (item, "message", message);
        }
      json_array_add_object_element (list, item);
    }
  json_object_set_object_member (context, "errors", errors);
  json_object_set_array_member (context, "error_list", list);
  json_object_set_boolean_member (context, "has_errors", TRUE);
}

/* Whether @error is about the input (shown in the form) rather than the
 * server (shown as an error page). */
static gboolean
is_input_error (const GError *error)
{
  return error->domain == HELDER_ERROR &&
         (error->code == HELDER_ERROR_INVALID || error->code == HELDER_ERROR_NOT_FOUND ||
          error->code == HELDER_ERROR_CONFLICT);
}

static guint
input_error_status (const GError *error)
{
  return g_error_matches (error, HELDER_ERROR, HELDER_ERROR_CONFLICT) ? 409 : 400;
}

static void
add_banner (JsonObject       *context,
            HelderWebRequest *request,
            const Choice     *banners,
            guint             n_banners)
{
  const char *done = helder_web_query (request, "done");

  for (guint i = 0; done != NULL && i < n_banners; i++)
    if (g_str_equal (banners[i].value, done))
      json_object_set_string_member (context, "banner", _(banners[i].label));
}

/* ---- names of things -------------------------------------------------------- */

/* Key → name of every row of @entity (groups, roles, phases). */
static GHashTable *
name_map (HelderStore  *store,
          const char   *entity_name,
          JsonArray   **rows_out,
          GError      **error)
{
  const HelderEntity *entity = helder_entity_lookup (entity_name);
  const char *key = helder_entity_get_key (entity)->name;
  g_autoptr(JsonArray) rows = helder_repo_list (store, entity, NULL, error);
  GHashTable *names;

  if (rows == NULL)
    return NULL;
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_hash_table_insert (names, g_strdup (json_object_get_string_member (row, key)),
                           g_strdup (json_object_get_string_member (row, "name")));
    }
  if (rows_out != NULL)
    *rows_out = g_steal_pointer (&rows);
  return names;
}

static char *
join_names (JsonArray  *keys,
            GHashTable *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    {
      const char *key = json_array_get_string_element (keys, i);
      const char *name = g_hash_table_lookup (names, key);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, name != NULL ? name : key);
    }
  return g_string_free (out, FALSE);
}

static char *
join_choices (JsonArray    *values,
              const Choice *choices,
              guint         n_choices)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, choice_label (choices, n_choices,
                                          json_array_get_string_element (values, i)));
    }
  return g_string_free (out, FALSE);
}

/* The people among @ids (ascending, as helder_audience_resolve() gives
 * them), as [{id, name}] ordered by name; at most @limit. */
static JsonArray *
people_named (HelderStore  *store,
              const gint64 *ids,
              guint         n_ids,
              guint         limit,
              GError      **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(JsonArray) people = json_array_new ();
  g_autoptr(HelderStmt) stmt = NULL;
  int rc;

  if (n_ids == 0)
    return g_steal_pointer (&people);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (wanted, (gpointer) &ids[i]);
  stmt = helder_store_prepare (store, "SELECT id, name FROM person ORDER BY name COLLATE NOCASE, id",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && json_array_get_length (people) < limit)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      JsonObject *person;

      if (!g_hash_table_contains (wanted, &id))
        continue;
      person = json_object_new ();
      json_object_set_int_member (person, "id", id);
      json_object_set_string_member (person, "name", (const char *) sqlite3_column_text (stmt, 1));
      json_array_add_object_element (people, person);
    }
  if (rc != SQLITE_ROW && !helder_store_propagate (store, rc, error))
    return NULL;
  return g_steal_pointer (&people);
}

/* "Anna de Vries, Bram Jansen" for a set of person ids. */
static char *
person_names (HelderStore  *store,
              JsonArray    *persons,
              GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonArray) people = NULL;
  GString *out;

  for (guint i = 0; persons != NULL && i < json_array_get_length (persons); i++)
    {
      gint64 id = json_array_get_int_element (persons, i);
      g_array_append_val (ids, id);
    }
  people = people_named (store, (const gint64 *) ids->data, ids->len, G_MAXUINT, error);
  if (people == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, json_object_get_string_member (json_array_get_object_element (people, i), "name"));
    }
  return g_string_free (out, FALSE);
}

static char *
format_date (const char *date)
{
  return date != NULL ? helder_web_format_date (date) : g_strdup ("");
}

static const char *
string_or_null (JsonObject *row,
                const char *member)
{
  JsonNode *node = json_object_get_member (row, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
markdown_or_empty (const char *markdown)
{
  return blank (markdown) ? g_strdup ("") : helder_web_markdown (markdown);
}

/* ---- the moment form ------------------------------------------------------- */

typedef struct {
  char      *title;
  char      *body;
  char      *phase;
  char      *date;      /* YYYY-MM-DD, local */
  char      *time;      /* HH:MM, local */
  char      *persons;   /* ids or e-mail addresses, comma-separated */
  GPtrArray *channels;
  GPtrArray *groups;
  GPtrArray *roles;
  GPtrArray *statuses;
} MomentForm;

static void
moment_form_clear (MomentForm *mf)
{
  g_clear_pointer (&mf->title, g_free);
  g_clear_pointer (&mf->body, g_free);
  g_clear_pointer (&mf->phase, g_free);
  g_clear_pointer (&mf->date, g_free);
  g_clear_pointer (&mf->time, g_free);
  g_clear_pointer (&mf->persons, g_free);
  g_clear_pointer (&mf->channels, g_ptr_array_unref);
  g_clear_pointer (&mf->groups, g_ptr_array_unref);
  g_clear_pointer (&mf->roles, g_ptr_array_unref);
  g_clear_pointer (&mf->statuses, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MomentForm, moment_form_clear)

static void
moment_form_read (HelderWebRequest *request,
                  GHashTable       *form,
                  MomentForm       *mf)
{
  mf->title = g_strdup (form_text (form, "title"));
  mf->body = form_multiline (form, "body");
  mf->phase = g_strdup (form_text (form, "phase"));
  mf->date = g_strstrip (g_strdup (form_text (form, "scheduled_date")));
  mf->time = g_strstrip (g_strdup (form_text (form, "scheduled_time")));
  mf->persons = g_strdup (form_text (form, "persons"));
  mf->channels = form_list (request, "channels");
  mf->groups = form_list (request, "groups");
  mf->roles = form_list (request, "roles");
  mf->statuses = form_list (request, "statuses");
}

/* The stored moment as the form shows it: its time in local time, the
 * persons by e-mail address (or number when they have none). */
static gboolean
moment_form_load (HelderStore  *store,
                  JsonObject   *row,
                  MomentForm   *mf,
                  GError      **error)
{
  const HelderEntity *person = helder_entity_lookup ("person");
  JsonArray *persons = json_object_get_array_member (row, "persons");
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (json_object_get_string_member (row, "scheduled_at"), NULL);
  g_autoptr(GString) list = g_string_new (NULL);

  mf->title = g_strdup (json_object_get_string_member (row, "title"));
  mf->body = g_strdup (string_or_null (row, "body") ?: "");
  mf->phase = g_strdup (string_or_null (row, "phase") ?: "");
  if (utc != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      mf->date = g_date_time_format (local, "%Y-%m-%d");
      mf->time = g_date_time_format (local, "%H:%M");
    }
  mf->channels = array_to_strings (json_object_get_array_member (row, "channels"));
  mf->groups = array_to_strings (json_object_get_array_member (row, "groups"));
  mf->roles = array_to_strings (json_object_get_array_member (row, "roles"));
  mf->statuses = array_to_strings (json_object_get_array_member (row, "statuses"));
  for (guint i = 0; persons != NULL && i < json_array_get_length (persons); i++)
    {
      g_autofree char *key = g_strdup_printf ("%" PRId64, json_array_get_int_element (persons, i));
      g_autoptr(JsonObject) who = helder_repo_get (store, person, key, error);
      const char *email;

      if (who == NULL)
        return FALSE;
      email = string_or_null (who, "email");
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append (list, !blank (email) ? email : key);
    }
  mf->persons = g_strdup (list->str);
  return TRUE;
}

/* A new moment: e-mail, 09:00, in the phase that runs today. */
static void
moment_form_defaults (HelderWebRequest *request,
                      JsonArray        *phases,
                      MomentForm       *mf)
{
  mf->title = g_strdup ("");
  mf->body = g_strdup ("");
  mf->phase = g_strdup ("");
  mf->date = g_strdup ("");
  mf->time = g_strdup ("09:00");
  mf->persons = g_strdup ("");
  mf->channels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (mf->channels, g_strdup ("email"));
  mf->groups = g_ptr_array_new_with_free_func (g_free);
  mf->roles = g_ptr_array_new_with_free_func (g_free);
  mf->statuses = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; phases != NULL && i < json_array_get_length (phases); i++)
    {
      JsonObject *phase = json_array_get_object_element (phases, i);

      if (g_strcmp0 (json_object_get_string_member (phase, "starts_on"), request->today) <= 0 &&
          g_strcmp0 (json_object_get_string_member (phase, "ends_on"), request->today) >= 0)
        {
          g_free (mf->phase);
          mf->phase = g_strdup (json_object_get_string_member (phase, "key"));
          break;
        }
    }
}

/* The form as the values the repository takes. */
static JsonObject *
moment_form_values (MomentForm  *mf,
                    GError     **error)
{
  g_autoptr(JsonObject) values = json_object_new ();
  g_auto(GStrv) persons = g_strsplit_set (mf->persons, ",; \t\r\n", -1);
  g_autofree char *when = g_strdup_printf ("%sT%s", mf->date, mf->time);
  g_autoptr(GString) missing = g_string_new (NULL);
  JsonArray *person_keys;

  /* Every missing field at once, not only the first. */
  if (blank (mf->title))
    g_string_append_printf (missing, _("%s: may not be empty"), "title");
  if (mf->date[0] == '\0' || mf->time[0] == '\0')
    {
      if (missing->len > 0)
        g_string_append_c (missing, '\n');
      g_string_append (missing, _("scheduled_at: give both a date and a time"));
    }
  if (missing->len > 0)
    {
      g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_INVALID, missing->str);
      return NULL;
    }
  json_object_set_string_member (values, "title", mf->title);
  json_object_set_string_member (values, "body", mf->body);
  if (mf->phase[0] != '\0')
    json_object_set_string_member (values, "phase", mf->phase);
  else
    json_object_set_null_member (values, "phase");
  json_object_set_string_member (values, "scheduled_at", when);
  json_object_set_array_member (values, "channels", strings_to_array (mf->channels));
  json_object_set_array_member (values, "groups", strings_to_array (mf->groups));
  json_object_set_array_member (values, "roles", strings_to_array (mf->roles));
  json_object_set_array_member (values, "statuses", strings_to_array (mf->statuses));
  person_keys = json_array_new ();
  for (guint i = 0; persons[i] != NULL; i++)
    if (persons[i][0] != '\0')
      json_array_add_string_element (person_keys, persons[i]);
  json_object_set_array_member (values, "persons", person_keys);
  return g_steal_pointer (&values);
}

static gint
compare_labels (gconstpointer a,
                gconstpointer b)
{
  JsonObject *oa = json_node_get_object (*(JsonNode * const *) a);
  JsonObject *ob = json_node_get_object (*(JsonNode * const *) b);

  return g_utf8_collate (json_object_get_string_member (oa, "label"),
                         json_object_get_string_member (ob, "label"));
}

/* [{value, label, checked|selected}] for the rows of an entity, by label
 * (phases keep their order). */
static JsonArray *
row_options (JsonArray  *rows,
             const char *key,
             GPtrArray  *chosen,
             const char *flag,
             gboolean    sort)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonArray *options = json_array_new ();

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *value = json_object_get_string_member (row, key);
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "value", value);
      json_object_set_string_member (option, "label", json_object_get_string_member (row, "name"));
      json_object_set_boolean_member (option, flag, strings_contain (chosen, value));
      g_ptr_array_add (nodes, json_node_init_object (json_node_alloc (), option));
      json_object_unref (option);
    }
  if (sort)
    g_ptr_array_sort (nodes, compare_labels);
  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (options, json_node_ref (g_ptr_array_index (nodes, i)));
  return options;
}

static JsonArray *
choice_options (const Choice *choices,
                guint         n_choices,
                GPtrArray    *chosen,
                const char   *flag)
{
  JsonArray *options = json_array_new ();

  for (guint i = 0; i < n_choices; i++)
    {
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "value", choices[i].value);
      json_object_set_string_member (option, "label", _(choices[i].label));
      json_object_set_boolean_member (option, flag, strings_contain (chosen, choices[i].value));
      json_array_add_object_element (options, option);
    }
  return options;
}

typedef struct {
  JsonArray  *phases;
  JsonArray  *groups;
  JsonArray  *roles;
  GHashTable *phase_names;
  GHashTable *group_names;
  GHashTable *role_names;
} Lookups;

static void
lookups_clear (Lookups *l)
{
  g_clear_pointer (&l->phases, json_array_unref);
  g_clear_pointer (&l->groups, json_array_unref);
  g_clear_pointer (&l->roles, json_array_unref);
  g_clear_pointer (&l->phase_names, g_hash_table_unref);
  g_clear_pointer (&l->group_names, g_hash_table_unref);
  g_clear_pointer (&l->role_names, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Lookups, lookups_clear)

static gboolean
lookups_load (HelderStore  *store,
              Lookups      *l,
              GError      **error)
{
  l->phase_names = name_map (store, "phase", &l->phases, error);
  if (l->phase_names == NULL)
    return FALSE;
  l->group_names = name_map (store, "group", &l->groups, error);
  if (l->group_names == NULL)
    return FALSE;
  l->role_names = name_map (store, "role", &l->roles, error);
  return l->role_names != NULL;
}

static JsonObject *
moment_form_context (MomentForm *mf,
                     Lookups    *l,
                     const char *action,
                     const char *submit)
{
  JsonObject *form = json_object_new ();
  g_autoptr(GPtrArray) phase = g_ptr_array_new ();

  g_ptr_array_add (phase, mf->phase);
  json_object_set_string_member (form, "action", action);
  json_object_set_string_member (form, "submit", submit);
  json_object_set_string_member (form, "title", mf->title);
  json_object_set_string_member (form, "body", mf->body);
  json_object_set_string_member (form, "date", mf->date ? mf->date : "");
  json_object_set_string_member (form, "time", mf->time ? mf->time : "");
  json_object_set_string_member (form, "persons", mf->persons);
  json_object_set_array_member (form, "phases", row_options (l->phases, "key", phase, "selected", FALSE));
  json_object_set_array_member (form, "channels",
                                choice_options (channel_choices, G_N_ELEMENTS (channel_choices),
                                                mf->channels, "checked"));
  json_object_set_array_member (form, "groups", row_options (l->groups, "slug", mf->groups, "checked", TRUE));
  json_object_set_array_member (form, "roles", row_options (l->roles, "slug", mf->roles, "checked", TRUE));
  json_object_set_array_member (form, "statuses",
                                choice_options (change_status_choices, G_N_ELEMENTS (change_status_choices),
                                                mf->statuses, "checked"));
  return form;
}

/* ---- the moment page --------------------------------------------------------- */

static const Choice moment_banners[] = {
  { "created", N_("The moment is saved as a draft. Nothing is sent until you approve it.") },
  { "saved", N_("Your changes to the draft are saved.") },
  { "approved", N_("The moment is approved.") },
  { "cancelled", N_("The moment is cancelled.") },
};

static JsonObject *
audience_context (HelderStore  *store,
                  JsonObject   *row,
                  Lookups      *l,
                  GError      **error)
{
  g_autoptr(JsonObject) audience = json_object_new ();
  g_autoptr(GArray) ids = helder_audience_resolve (store, json_object_get_int_member (row, "id"), error);
  g_autoptr(JsonArray) people = NULL;
  g_autofree char *groups = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *statuses = NULL;
  g_autofree char *persons = NULL;
  g_autofree char *count = NULL;
  g_autofree char *show = NULL;

  if (ids == NULL)
    return NULL;
  people = people_named (store, (const gint64 *) ids->data, ids->len, AUDIENCE_NAMES_MAX, error);
  persons = person_names (store, json_object_get_array_member (row, "persons"), error);
  if (people == NULL || persons == NULL)
    return NULL;

  groups = join_names (json_object_get_array_member (row, "groups"), l->group_names);
  roles = join_names (json_object_get_array_member (row, "roles"), l->role_names);
  statuses = join_choices (json_object_get_array_member (row, "statuses"),
                           change_status_choices, G_N_ELEMENTS (change_status_choices));
  if (ids->len == 0)
    count = g_strdup (_("Reaches nobody yet: choose groups, roles, role-change statuses or persons."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reaches %u person.", "Reaches %u people.", ids->len),
                             ids->len);
  show = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show the %u person", "Show the %u people", ids->len),
                          ids->len);

  json_object_set_int_member (audience, "count", ids->len);
  json_object_set_string_member (audience, "count_label", count);
  json_object_set_string_member (audience, "show_label", show);
  json_object_set_boolean_member (audience, "has_people", ids->len > 0);
  json_object_set_string_member (audience, "groups", groups);
  json_object_set_string_member (audience, "roles", roles);
  json_object_set_string_member (audience, "statuses", statuses);
  json_object_set_string_member (audience, "persons", persons);
  if (ids->len > json_array_get_length (people))
    {
      guint more = ids->len - json_array_get_length (people);
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "… and %u more person (helder moment audience %" PRId64 " lists everyone).",
                                      "… and %u more people (helder moment audience %" PRId64 " lists everyone).",
                                      more),
                         more, json_object_get_int_member (row, "id"));
      json_object_set_string_member (audience, "more", text);
    }
  json_object_set_array_member (audience, "people", g_steal_pointer (&people));
  return g_steal_pointer (&audience);
}

static JsonObject *
moment_context (JsonObject *row,
                Lookups    *l)
{
  JsonObject *moment = json_object_new ();
  const char *status = json_object_get_string_member (row, "status");
  const char *phase = string_or_null (row, "phase");
  g_autofree char *when = helder_web_format_datetime (json_object_get_string_member (row, "scheduled_at"));
  g_autofree char *channels = join_choices (json_object_get_array_member (row, "channels"),
                                            channel_choices, G_N_ELEMENTS (channel_choices));
  g_autofree char *body = markdown_or_empty (string_or_null (row, "body"));
  JsonNode *supersedes = json_object_get_member (row, "supersedes");
  gboolean draft = g_strcmp0 (status, "draft") == 0;

  json_object_set_int_member (moment, "id", json_object_get_int_member (row, "id"));
  json_object_set_string_member (moment, "title", json_object_get_string_member (row, "title"));
  json_object_set_string_member (moment, "status", status);
  json_object_set_string_member (moment, "status_label", status_label (status));
  json_object_set_string_member (moment, "scheduled_label", when);
  json_object_set_string_member (moment, "phase_label",
                                 phase != NULL ? (g_hash_table_lookup (l->phase_names, phase) ?: phase) : "");
  json_object_set_string_member (moment, "channels_label", channels);
  json_object_set_string_member (moment, "author", string_or_null (row, "author") ?: "");
  json_object_set_string_member (moment, "body_html", body);
  json_object_set_boolean_member (moment, "editable", draft);
  json_object_set_boolean_member (moment, "can_approve", draft);
  json_object_set_boolean_member (moment, "can_cancel", draft || g_strcmp0 (status, "approved") == 0);
  if (g_strcmp0 (status, "approved") == 0)
    json_object_set_string_member (moment, "locked",
                                   _("Approved — can no longer be edited, only cancelled or superseded."));
  else if (g_strcmp0 (status, "sent") == 0)
    json_object_set_string_member (moment, "locked", _("Sent — can no longer be edited."));
  else if (g_strcmp0 (status, "cancelled") == 0)
    json_object_set_string_member (moment, "locked",
                                   _("Cancelled — kept for the record; it will not be sent."));
  if (supersedes != NULL && !JSON_NODE_HOLDS_NULL (supersedes))
    {
      g_autofree char *label = g_strdup_printf (_("moment %" PRId64), json_node_get_int (supersedes));
      json_object_set_int_member (moment, "supersedes", json_node_get_int (supersedes));
      json_object_set_string_member (moment, "supersedes_label", label);
    }
  return moment;
}

/* Renders the moment page: a new moment when @row is NULL. @mf: the form
 * as typed (after an error), or NULL to show the stored values.
 * @confirm_cancel: ask "cancel this moment?" at the top of the page. */
static void
respond_moment_full (HelderWebRequest *request,
                     guint             status,
                     JsonObject       *row,
                     MomentForm       *mf,
                     const GError     *problem,
                     gboolean          confirm_cancel)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr(JsonObject) context = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Lookups) l = { 0 };
  g_auto(MomentForm) stored = { 0 };
  g_autofree char *action = NULL;
  gboolean editable = row == NULL || g_strcmp0 (json_object_get_string_member (row, "status"), "draft") == 0;

  if (!lookups_load (request->store, &l, &error))
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }

  json_object_set_boolean_member (context, "is_new", row == NULL);
  json_object_set_boolean_member (context, "confirm_cancel", confirm_cancel && row != NULL);
  if (row != NULL)
    {
      JsonObject *audience = audience_context (request->store, row, &l, &error);

      if (audience == NULL)
        {
          helder_web_respond_gerror (request, entity, error);
          return;
        }
      json_object_set_object_member (context, "audience", audience);
      json_object_set_object_member (context, "moment", moment_context (row, &l));
      action = g_strdup_printf ("/moments/%" PRId64, json_object_get_int_member (row, "id"));
    }
  else
    action = g_strdup ("/moments");

  if (editable)
    {
      if (mf == NULL && row != NULL)
        {
          if (!moment_form_load (request->store, row, &stored, &error))
            {
              helder_web_respond_gerror (request, entity, error);
              return;
            }
          mf = &stored;
        }
      else if (mf == NULL)
        {
          moment_form_defaults (request, l.phases, &stored);
          mf = &stored;
        }
      json_object_set_object_member (context, "form",
                                     moment_form_context (mf, &l, action,
                                                          row == NULL ? _("Save as draft") : _("Save changes")));
    }

  if (problem != NULL)
    add_error (context, moment_form_fields, G_N_ELEMENTS (moment_form_fields), problem);
  else
    add_banner (context, request, moment_banners, G_N_ELEMENTS (moment_banners));

  helder_web_respond_page (request, status, "moment",
                           row != NULL ? json_object_get_string_member (row, "title") : _("New moment"),
                           context);
}

static void
respond_moment (HelderWebRequest *request,
                guint             status,
                JsonObject       *row,
                MomentForm       *mf,
                const GError     *problem)
{
  respond_moment_full (request, status, row, mf, problem, FALSE);
}

/* The row the path names, or NULL having answered 404. */
static JsonObject *
lookup (HelderWebRequest *request,
        const char       *entity_name,
        const char       *param)
{
  const HelderEntity *entity = helder_entity_lookup (entity_name);
  g_autoptr(GError) error = NULL;
  JsonObject *row = helder_repo_get (request->store, entity, helder_web_param (request, param), &error);

  if (row == NULL)
    helder_web_respond_gerror (request, entity, error);
  return row;
}

static char *
id_key (JsonObject *row)
{
  return g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "id"));
}

static void
redirect_to (HelderWebRequest *request,
             const char       *path,
             const char       *key,
             const char       *query)
{
  g_autofree char *escaped = g_uri_escape_string (key, NULL, FALSE);
  g_autofree char *location = g_strdup_printf ("%s/%s%s", path, escaped, query);

  helder_web_redirect (request, location);
}

void
helder_web_handle_moment_new (HelderWebRequest *request)
{
  respond_moment (request, 200, NULL, NULL, NULL);
}

void
helder_web_handle_moment_create (HelderWebRequest *request)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr(GHashTable) form = NULL;
  g_auto(MomentForm) mf = { 0 };
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  moment_form_read (request, form, &mf);

  values = moment_form_values (&mf, &error);
  if (values != NULL)
    {
      json_object_set_string_member (values, "status", "draft");
      json_object_set_string_member (values, "author", request->identity.name ? request->identity.name : "");
      row = helder_repo_create (request->store, entity, values, HELDER_WRITE_DEFAULT, &error);
    }
  if (row == NULL)
    {
      if (!is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        respond_moment (request, input_error_status (error), NULL, &mf, error);
      return;
    }
  key = id_key (row);
  helder_web_audit (request, "create", "moment", key, 0, json_object_get_string_member (row, "title"));
  redirect_to (request, "/moments", key, "?done=created");
}

void
helder_web_handle_moment_page (HelderWebRequest *request)
{
  g_autoptr(JsonObject) row = lookup (request, "moment", "id");

  if (row != NULL)
    respond_moment (request, 200, row, NULL, NULL);
}

void
helder_web_handle_moment_update (HelderWebRequest *request)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(MomentForm) mf = { 0 };
  g_autofree char *key = NULL;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = lookup (request, "moment", "id");
  if (row == NULL)
    return;
  key = id_key (row);

  /* Only a draft is edited; the rule refuses a changed field of an
   * approved moment, and a form sent back unchanged is refused the same. */
  if (g_strcmp0 (json_object_get_string_member (row, "status"), "draft") != 0)
    {
      g_set_error (&error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
                   _("moment %s is %s and can no longer be edited; cancel it or supersede it with a new version"),
                   key, status_label (json_object_get_string_member (row, "status")));
      respond_moment (request, 409, row, NULL, error);
      return;
    }

  moment_form_read (request, form, &mf);
  values = moment_form_values (&mf, &error);
  if (values != NULL)
    updated = helder_repo_update (request->store, entity, key, values, HELDER_WRITE_DEFAULT, &error);
  if (updated == NULL)
    {
      if (!is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        respond_moment (request, input_error_status (error), row, &mf, error);
      return;
    }
  helder_web_audit (request, "update", "moment", key, 0, json_object_get_string_member (updated, "title"));
  redirect_to (request, "/moments", key, "?done=saved");
}

static void
moment_set_status (HelderWebRequest *request,
                   const char       *status,
                   const char       *action,
                   const char       *query)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = lookup (request, "moment", "id");
  if (row == NULL)
    return;
  key = id_key (row);

  /* Cancelling cannot be undone: without confirm=yes the page asks first. */
  if (g_str_equal (status, "cancelled") && g_strcmp0 (form_text (form, "confirm"), "yes") != 0 &&
      (g_strcmp0 (json_object_get_string_member (row, "status"), "draft") == 0 ||
       g_strcmp0 (json_object_get_string_member (row, "status"), "approved") == 0))
    {
      respond_moment_full (request, 200, row, NULL, NULL, TRUE);
      return;
    }

  changed = helder_moment_set_status (request->store, key, status, &error);
  if (changed == NULL)
    {
      if (!is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        respond_moment (request, input_error_status (error), row, NULL, error);
      return;
    }
  helder_web_audit (request, action, "moment", key, 0, status);
  redirect_to (request, "/moments", key, query);
}

void
helder_web_handle_moment_approve (HelderWebRequest *request)
{
  moment_set_status (request, "approved", "approve", "?done=approved");
}

void
helder_web_handle_moment_cancel (HelderWebRequest *request)
{
  moment_set_status (request, "cancelled", "cancel", "?done=cancelled");
}

/* ---- commitments ---------------------------------------------------------- */

/* The promise itself as the page heading: its text as plain words on one
 * line; a long one is cut after its first sentence, or at a word after
 * some 90 characters. */
static char *
commitment_heading (const char *text,
                    const char *key)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  const guint limit = 90;
  const char *p;

  for (p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '*' || c == '_' || c == '`' || c == '#' || c == '>')
        continue;
      if (g_unichar_isspace (c))
        {
          if (plain->len > 0 && plain->str[plain->len - 1] != ' ')
            g_string_append_c (plain, ' ');
          continue;
        }
      g_string_append_unichar (plain, c);
    }
  while (plain->len > 0 && plain->str[plain->len - 1] == ' ')
    g_string_truncate (plain, plain->len - 1);
  if (plain->len == 0)
    return g_strdup_printf (_("Commitment %s"), key);
  if (g_utf8_strlen (plain->str, -1) > limit)
    {
      const char *stop = strstr (plain->str, ". ");

      /* A first sentence that fits makes the best heading. */
      if (stop != NULL && g_utf8_strlen (plain->str, stop - plain->str) >= 20 &&
          g_utf8_strlen (plain->str, stop - plain->str) < limit)
        {
          g_string_truncate (plain, stop - plain->str);
          g_string_append (plain, " …");
          return g_string_free (g_steal_pointer (&plain), FALSE);
        }
    }
  if (g_utf8_strlen (plain->str, -1) > limit)
    {
      const char *cut = g_utf8_offset_to_pointer (plain->str, limit);
      const char *space = g_utf8_strrchr (plain->str, cut - plain->str, ' ');

      if (space != NULL && space - plain->str > (gssize) limit / 2)
        cut = space;
      g_string_truncate (plain, cut - plain->str);
      while (plain->len > 0 && strchr (" ,;:.", plain->str[plain->len - 1]) != NULL)
        g_string_truncate (plain, plain->len - 1);
      g_string_append (plain, "…");
    }
  return g_string_free (g_steal_pointer (&plain), FALSE);
}

static const Choice commitment_update_choices[] = {
  { "", N_("unchanged — add a note only") },
  { "kept", N_("kept") },
  { "broken", N_("broken") },
  { "withdrawn", N_("withdrawn") },
  { "open", N_("open") },
};

static const Choice commitment_banners[] = {
  { "recorded", N_("The update is recorded.") },
};

static char *
effective_label (const char *effective,
                 const char *due_on,
                 const char *today)
{
  GDate due, now;
  gint days;

  if (g_strcmp0 (effective, "late") != 0 || !helder_parse_date (due_on, &due) ||
      !helder_parse_date (today, &now))
    return g_strdup (status_label (effective));
  days = g_date_days_between (&due, &now);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "late — %d day past the due date",
                                       "late — %d days past the due date", days),
                          days);
}

static void
respond_commitment (HelderWebRequest *request,
                    guint             status,
                    JsonObject       *row,
                    const char       *new_status,
                    const char       *note,
                    const GError     *problem)
{
  const HelderEntity *entity = helder_entity_lookup ("commitment_update");
  g_autoptr(JsonObject) context = json_object_new ();
  JsonObject *commitment = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonArray *history_out = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) group_names = NULL;
  g_autoptr(JsonArray) history = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree char *key = id_key (row);
  g_autofree char *persons = NULL;
  g_autofree char *groups = NULL;
  const char *due_on = json_object_get_string_member (row, "due_on");
  const char *effective = helder_commitment_effective_status (json_object_get_string_member (row, "status"),
                                                              due_on, request->today);
  g_autofree char *heading = commitment_heading (json_object_get_string_member (row, "text"), key);
  g_autofree char *text = markdown_or_empty (json_object_get_string_member (row, "text"));
  g_autofree char *made_on = format_date (json_object_get_string_member (row, "made_on"));
  g_autofree char *due = format_date (due_on);
  g_autofree char *label = effective_label (effective, due_on, request->today);

  json_object_set_object_member (context, "commitment", commitment);
  json_object_set_object_member (context, "form", form);
  json_object_set_array_member (context, "history", history_out);
  if ((group_names = name_map (request->store, "group", NULL, &error)) == NULL ||
      (history = helder_commitment_history (request->store, key, &error)) == NULL ||
      (persons = person_names (request->store, json_object_get_array_member (row, "persons"), &error)) == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }
  groups = join_names (json_object_get_array_member (row, "groups"), group_names);

  json_object_set_string_member (commitment, "id", key);
  json_object_set_string_member (commitment, "heading", heading);
  json_object_set_string_member (commitment, "text_html", text);
  json_object_set_string_member (commitment, "made_by", json_object_get_string_member (row, "made_by"));
  json_object_set_string_member (commitment, "made_on_label", made_on);
  json_object_set_string_member (commitment, "due_on_label", due);
  json_object_set_string_member (commitment, "groups_label", groups);
  json_object_set_string_member (commitment, "persons_label", persons);
  json_object_set_string_member (commitment, "effective_status", effective);
  json_object_set_string_member (commitment, "status_label", label);

  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonObject *update = json_array_get_object_element (history, i);
      JsonObject *item = json_object_new ();
      const char *update_status = string_or_null (update, "status");
      g_autofree char *when = helder_web_format_datetime (json_object_get_string_member (update, "created_at"));
      g_autofree char *note_html = markdown_or_empty (string_or_null (update, "note"));

      json_object_set_string_member (item, "when", when);
      if (update_status != NULL)
        json_object_set_string_member (item, "status", update_status);
      else
        json_object_set_null_member (item, "status");
      json_object_set_string_member (item, "status_label", update_status ? status_label (update_status) : "");
      json_object_set_string_member (item, "note_html", note_html);
      json_object_set_string_member (item, "author", json_object_get_string_member (update, "author"));
      json_array_add_object_element (history_out, item);
    }
  json_object_set_boolean_member (context, "has_history", json_array_get_length (history) > 0);

  g_ptr_array_add (chosen, (gpointer) (new_status ? new_status : ""));
  json_object_set_array_member (form, "statuses",
                                choice_options (commitment_update_choices,
                                                G_N_ELEMENTS (commitment_update_choices), chosen, "selected"));
  json_object_set_string_member (form, "note", note ? note : "");

  if (problem != NULL)
    add_error (context, commitment_form_fields, G_N_ELEMENTS (commitment_form_fields), problem);
  else
    add_banner (context, request, commitment_banners, G_N_ELEMENTS (commitment_banners));
  helder_web_respond_page (request, status, "commitment", heading, context);
}

void
helder_web_handle_commitment_page (HelderWebRequest *request)
{
  g_autoptr(JsonObject) row = lookup (request, "commitment", "id");

  if (row != NULL)
    respond_commitment (request, 200, row, NULL, NULL, NULL);
}

void
helder_web_handle_commitment_record (HelderWebRequest *request)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) recorded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *note = NULL;
  const char *status;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = lookup (request, "commitment", "id");
  if (row == NULL)
    return;
  key = id_key (row);
  status = form_text (form, "status");
  note = form_multiline (form, "note");

  recorded = helder_commitment_record (request->store, key, status[0] ? status : NULL,
                                       note, request->identity.name, &error);
  if (recorded == NULL)
    {
      if (!is_input_error (error))
        helder_web_respond_gerror (request, helder_entity_lookup ("commitment_update"), error);
      else
        respond_commitment (request, input_error_status (error), row, status, note, error);
      return;
    }
  helder_web_audit (request, "update", "commitment", key, 0, status[0] ? status : "note");
  redirect_to (request, "/commitments", key, "?done=recorded");
}

/* ---- gates --------------------------------------------------------------- */

typedef struct {
  const char *decision;
  const char *rationale;
  const char *override_note;
} GateForm;

static gboolean
add_drafted (JsonObject       *context,
             HelderWebRequest *request)
{
  const char *drafted = helder_web_query (request, "drafted");
  g_autoptr(JsonObject) moment = NULL;
  JsonObject *banner;
  gint64 id;

  if (drafted == NULL || !g_ascii_string_to_signed (drafted, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;
  moment = helder_repo_get (request->store, helder_entity_lookup ("moment"), drafted, NULL);
  if (moment == NULL)
    return FALSE;
  banner = json_object_new ();
  json_object_set_int_member (banner, "id", id);
  json_object_set_string_member (banner, "title", json_object_get_string_member (moment, "title"));
  json_object_set_object_member (context, "drafted", banner);
  return TRUE;
}

static void
respond_gate (HelderWebRequest *request,
              guint             status,
              JsonObject       *row,
              const GateForm   *typed,
              const GError     *problem)
{
  const HelderEntity *entity = helder_entity_lookup ("gate");
  const HelderEntity *criterion = helder_entity_lookup ("criterion");
  g_autoptr(JsonObject) context = json_object_new ();
  JsonObject *gate = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonArray *criteria_out = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) equals = g_hash_table_new (g_str_hash, g_str_equal);
  HelderQuery query = { .equals = equals };
  const char *slug = json_object_get_string_member (row, "slug");
  const char *decision = string_or_null (row, "decision");
  const char *phase = string_or_null (row, "phase");
  g_autoptr(JsonArray) criteria = NULL;
  g_autoptr(GHashTable) group_names = NULL;
  g_autoptr(GHashTable) phase_names = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  JsonArray *decisions;
  g_autofree char *date = format_date (json_object_get_string_member (row, "decide_on"));
  g_autofree char *when = g_strdup_printf (_("Decision planned for %s"), date);
  g_autofree char *groups = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *note = NULL;
  guint open = 0, total;

  json_object_set_object_member (context, "gate", gate);
  json_object_set_object_member (context, "form", form);
  json_object_set_array_member (context, "criteria", criteria_out);

  g_hash_table_insert (equals, (char *) "gate", (char *) slug);
  criteria = helder_repo_list (request->store, criterion, &query, &error);
  if (criteria != NULL)
    group_names = name_map (request->store, "group", NULL, &error);
  if (group_names != NULL)
    phase_names = name_map (request->store, "phase", NULL, &error);
  if (phase_names == NULL)
    {
      helder_web_respond_gerror (request, entity, error);
      return;
    }

  total = json_array_get_length (criteria);
  for (guint i = 0; i < total; i++)
    {
      JsonObject *c = json_array_get_object_element (criteria, i);
      JsonObject *item = json_object_new ();
      const char *c_status = json_object_get_string_member (c, "status");

      if (g_strcmp0 (c_status, "met") != 0)
        open++;
      json_object_set_string_member (item, "text", json_object_get_string_member (c, "text"));
      json_object_set_string_member (item, "owner", string_or_null (c, "owner") ?: "");
      json_object_set_string_member (item, "status", c_status);
      json_object_set_string_member (item, "status_label", status_label (c_status));
      json_array_add_object_element (criteria_out, item);
    }
  json_object_set_boolean_member (context, "has_criteria", total > 0);
  if (total == 0)
    summary = g_strdup (_("This gate has no criteria."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u criterion is not met.",
                                            "%u of %u criteria are not met.", total),
                               open, total);
  json_object_set_string_member (context, "criteria_summary", summary);

  groups = join_names (json_object_get_array_member (row, "groups"), group_names);
  json_object_set_string_member (gate, "slug", slug);
  json_object_set_string_member (gate, "name", json_object_get_string_member (row, "name"));
  json_object_set_string_member (gate, "when_label", when);
  json_object_set_string_member (gate, "phase_label",
                                 phase != NULL ? (g_hash_table_lookup (phase_names, phase) ?: phase) : "");
  json_object_set_string_member (gate, "groups_label", groups);
  if (decision != NULL)
    {
      g_autofree char *decided_at = helder_web_format_datetime (string_or_null (row, "decided_at") ?: "");
      g_autofree char *rationale = markdown_or_empty (string_or_null (row, "rationale"));
      g_autofree char *override = markdown_or_empty (string_or_null (row, "override_note"));

      json_object_set_string_member (gate, "decision", decision);
      json_object_set_string_member (gate, "decision_label",
                                     choice_label (decision_choices, G_N_ELEMENTS (decision_choices), decision));
      json_object_set_string_member (gate, "decided_by", string_or_null (row, "decided_by") ?: "");
      json_object_set_string_member (gate, "decided_at_label", decided_at ? decided_at : "");
      json_object_set_string_member (gate, "rationale_html", rationale);
      json_object_set_string_member (gate, "override_html", override);
    }
  else
    json_object_set_null_member (gate, "decision");

  json_object_set_boolean_member (context, "can_decide",
                                  decision == NULL || g_str_equal (decision, "postponed"));
  if (groups[0] != '\0')
    note = g_strdup_printf (_("Recording a decision drafts a moment that tells the affected groups (%s). You review and approve it before anything is sent."),
                            groups);
  else
    note = g_strdup (_("Recording a decision drafts a moment about it. This gate names no affected groups, so give the draft an audience before you approve it."));
  json_object_set_string_member (context, "decide_note", note);
  if (open > 0)
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Required to decide go while %u criterion is not met: explain why the programme goes ahead anyway and how the risk is handled.",
                                         "Required to decide go while %u criteria are not met: explain why the programme goes ahead anyway and how the risks are handled.",
                                         open),
                            open);
  else
    hint = g_strdup (_("Only needed to decide go while criteria are not met; all criteria are met now."));
  json_object_set_string_member (context, "override_hint", hint);

  g_ptr_array_add (chosen, (gpointer) (typed && typed->decision ? typed->decision : ""));
  decisions = choice_options (decision_choices, G_N_ELEMENTS (decision_choices), chosen, "checked");
  /* The hint about postponing sits under that option. */
  for (guint i = 0; i < json_array_get_length (decisions); i++)
    {
      JsonObject *option = json_array_get_object_element (decisions, i);

      json_object_set_boolean_member (option, "postponed",
                                      g_strcmp0 (json_object_get_string_member (option, "value"), "postponed") == 0);
    }
  json_object_set_array_member (form, "decisions", decisions);
  json_object_set_string_member (form, "rationale", typed && typed->rationale ? typed->rationale : "");
  json_object_set_string_member (form, "override_note", typed && typed->override_note ? typed->override_note : "");

  if (problem != NULL)
    add_error (context, gate_form_fields, G_N_ELEMENTS (gate_form_fields), problem);
  else
    add_drafted (context, request);
  helder_web_respond_page (request, status, "gate", json_object_get_string_member (row, "name"), context);
}

void
helder_web_handle_gate_page (HelderWebRequest *request)
{
  g_autoptr(JsonObject) row = lookup (request, "gate", "slug");

  if (row != NULL)
    respond_gate (request, 200, row, NULL, NULL);
}

void
helder_web_handle_gate_decide (HelderWebRequest *request)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonObject) decided = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rationale = NULL;
  g_autofree char *override = NULL;
  g_autofree char *drafted = NULL;
  GateForm typed = { 0 };
  const char *slug;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = lookup (request, "gate", "slug");
  if (row == NULL)
    return;
  slug = json_object_get_string_member (row, "slug");
  rationale = form_multiline (form, "rationale");
  override = form_multiline (form, "override_note");
  typed = (GateForm) { form_text (form, "decision"), rationale, override };

  if (typed.decision[0] == '\0')
    g_set_error (&error, HELDER_ERROR, HELDER_ERROR_INVALID,
                 _("decision: choose go, no go or postponed"));
  else
    decided = helder_gate_decide (request->store, slug, typed.decision, rationale,
                                  request->identity.name, blank (override) ? NULL : override, &error);
  if (decided == NULL)
    {
      if (!is_input_error (error))
        helder_web_respond_gerror (request, helder_entity_lookup ("gate"), error);
      else
        respond_gate (request, input_error_status (error), row, &typed, error);
      return;
    }
  helder_web_audit (request, "decide", "gate", slug, 0, typed.decision);
  drafted = g_strdup_printf ("?drafted=%" PRId64, json_object_get_int_member (decided, "drafted_moment"));
  redirect_to (request, "/gates", slug, drafted);
}
