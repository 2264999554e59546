/* helder-web-forms.c — the advisor's moment pages: new, edit, approve, cancel
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

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-rules.h"
#include "services/repo/helder-people.h"
#include "services/repo/helder-commitment.h"
#include "services/repo/helder-gate.h"
#include "services/repo/helder-moment.h"
#include "services/views/helder-audience.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-audited.h"
#include "engine/helder-engine.h"
#include "web/helder-web-forms-private.h"
#include "web/helder-web-overdue.h"

/* The moment page lists at most this many names of its audience. */
#define AUDIENCE_NAMES_MAX 500

/* ---- channels --------------------------------------------------------------- */

/* A moment that is a meeting: core's own, not a plugin's channel. */
#define MEETING "meeting"

static int
channel_compare (gconstpointer a, gconstpointer b)
{
  HelderChannel *x = *(HelderChannel *const *) a;
  HelderChannel *y = *(HelderChannel *const *) b;
  gboolean dx = (helder_channel_get_flags (x) & HELDER_CHANNEL_DEFAULT) != 0;
  gboolean dy = (helder_channel_get_flags (y) & HELDER_CHANNEL_DEFAULT) != 0;

  if (dx != dy)
    return dx ? -1 : 1;
  return g_strcmp0 (helder_channel_get_name (x), helder_channel_get_name (y));
}

/* The channels of the loaded plugins, the default ones first: the forms
 * offer these, and a meeting. */
static GPtrArray *
loaded_channels (HelderWebRequest *request)
{
  GPtrArray *channels = helder_engine_get_channels (helder_context_get_engine (request->context));

  g_ptr_array_sort (channels, channel_compare);
  return channels;
}

static JsonArray *
channel_options (HelderWebRequest *request, GPtrArray *chosen)
{
  g_autoptr (GPtrArray) channels = loaded_channels (request);
  JsonArray *options = json_array_new ();

  for (guint i = 0; i <= channels->len; i++)
    {
      HelderChannel *channel = i < channels->len ? g_ptr_array_index (channels, i) : NULL;
      const char *value = channel != NULL ? helder_channel_get_name (channel) : MEETING;
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "value", value);
      json_object_set_string_member (
        option, "label", channel != NULL ? helder_channel_get_label (channel) : _ ("meeting"));
      json_object_set_boolean_member (option, "checked",
                                      helder_web_form_strings_contain (chosen, value));
      json_array_add_object_element (options, option);
    }
  return options;
}

/* "e-mail, meeting"; a channel whose plugin is not loaded by its name. */
static char *
channel_labels (HelderWebRequest *request, JsonArray *values)
{
  g_autoptr (GPtrArray) channels = loaded_channels (request);
  GString *out = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      const char *value = json_array_get_string_element (values, i);
      const char *label = g_strcmp0 (value, MEETING) == 0 ? _ ("meeting") : value;

      for (guint c = 0; c < channels->len; c++)
        if (g_strcmp0 (helder_channel_get_name (g_ptr_array_index (channels, c)), value) == 0)
          label = helder_channel_get_label (g_ptr_array_index (channels, c));
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, label);
    }
  return g_string_free (out, FALSE);
}

/* ---- the moment form ------------------------------------------------------- */

typedef struct
{
  char *title;
  char *body;
  char *phase;
  char *date;    /* YYYY-MM-DD, local */
  char *time;    /* HH:MM, local */
  char *persons; /* ids or e-mail addresses, comma-separated */
  GPtrArray *channels;
  GPtrArray *groups;
  GPtrArray *roles;
  GPtrArray *statuses;
  char *title_en; /* the English translation, may be empty */
  char *body_en;
  char *location;   /* a meeting's place, may be empty */
  char *online_url; /* a meeting's online link, may be empty */
  char *duration;   /* a meeting's length in minutes, as typed */
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
  g_clear_pointer (&mf->title_en, g_free);
  g_clear_pointer (&mf->body_en, g_free);
  g_clear_pointer (&mf->location, g_free);
  g_clear_pointer (&mf->online_url, g_free);
  g_clear_pointer (&mf->duration, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MomentForm, moment_form_clear)

static void
moment_form_read (HelderWebRequest *request, GHashTable *form, MomentForm *mf)
{
  mf->title = g_strdup (helder_web_form_form_text (form, "title"));
  mf->body = helder_web_form_form_multiline (form, "body");
  mf->phase = g_strdup (helder_web_form_form_text (form, "phase"));
  mf->date = g_strstrip (g_strdup (helder_web_form_form_text (form, "scheduled_date")));
  mf->time = g_strstrip (g_strdup (helder_web_form_form_text (form, "scheduled_time")));
  mf->persons = g_strdup (helder_web_form_form_text (form, "persons"));
  mf->channels = helder_web_form_form_list (request, "channels");
  mf->groups = helder_web_form_form_list (request, "groups");
  mf->roles = helder_web_form_form_list (request, "roles");
  mf->statuses = helder_web_form_form_list (request, "statuses");
  mf->title_en = g_strdup (helder_web_form_form_text (form, "title_en"));
  mf->body_en = helder_web_form_form_multiline (form, "body_en");
  mf->location = g_strstrip (g_strdup (helder_web_form_form_text (form, "location")));
  mf->online_url = g_strstrip (g_strdup (helder_web_form_form_text (form, "online_url")));
  mf->duration = g_strstrip (g_strdup (helder_web_form_form_text (form, "duration_minutes")));
}

/* The stored moment as the form shows it: its time in local time, the
 * persons by e-mail address (or number when they have none). */
static gboolean
moment_form_load (HelderStore *store, JsonObject *row, MomentForm *mf, GError **error)
{
  const HelderEntity *person = helder_entity_lookup ("person");
  JsonArray *persons = json_object_get_array_member (row, "persons");
  g_autoptr (GDateTime) utc =
    g_date_time_new_from_iso8601 (json_object_get_string_member (row, "scheduled_at"), NULL);
  g_autoptr (GString) list = g_string_new (NULL);

  mf->title = g_strdup (json_object_get_string_member (row, "title"));
  mf->body = g_strdup (helder_web_form_string_or_null (row, "body") ?: "");
  mf->phase = g_strdup (helder_web_form_string_or_null (row, "phase") ?: "");
  mf->title_en = g_strdup (helder_web_form_string_or_null (row, "title_en") ?: "");
  mf->body_en = g_strdup (helder_web_form_string_or_null (row, "body_en") ?: "");
  mf->location = g_strdup (helder_web_form_string_or_null (row, "location") ?: "");
  mf->online_url = g_strdup (helder_web_form_string_or_null (row, "online_url") ?: "");
  mf->duration = g_strdup_printf (
    "%" PRId64, json_object_get_int_member_with_default (row, "duration_minutes", 60));
  if (utc != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, helder_clock_zone ());
      mf->date = g_date_time_format (local, "%Y-%m-%d");
      mf->time = g_date_time_format (local, "%H:%M");
    }
  mf->channels = helder_web_form_array_to_strings (json_object_get_array_member (row, "channels"));
  mf->groups = helder_web_form_array_to_strings (json_object_get_array_member (row, "groups"));
  mf->roles = helder_web_form_array_to_strings (json_object_get_array_member (row, "roles"));
  mf->statuses = helder_web_form_array_to_strings (json_object_get_array_member (row, "statuses"));
  for (guint i = 0; persons != NULL && i < json_array_get_length (persons); i++)
    {
      g_autofree char *key = g_strdup_printf ("%" PRId64, json_array_get_int_element (persons, i));
      g_autoptr (JsonObject) who = helder_repo_get (store, person, key, error);
      const char *email;

      if (who == NULL)
        return FALSE;
      email = helder_web_form_string_or_null (who, "email");
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append (list, !helder_web_form_blank (email) ? email : key);
    }
  mf->persons = g_strdup (list->str);
  return TRUE;
}

/* A new moment: on the default channels (e-mail), 09:00, in the phase
 * that runs today. */
static void
moment_form_defaults (HelderWebRequest *request, JsonArray *phases, MomentForm *mf)
{
  mf->title = g_strdup ("");
  mf->body = g_strdup ("");
  mf->phase = g_strdup ("");
  mf->date = g_strdup ("");
  mf->time = g_strdup ("09:00");
  mf->persons = g_strdup ("");
  mf->location = g_strdup ("");
  mf->online_url = g_strdup ("");
  mf->duration = g_strdup ("60");
  mf->channels = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr (GPtrArray) channels = loaded_channels (request);

    for (guint i = 0; i < channels->len; i++)
      if (helder_channel_get_flags (g_ptr_array_index (channels, i)) & HELDER_CHANNEL_DEFAULT)
        g_ptr_array_add (mf->channels,
                         g_strdup (helder_channel_get_name (g_ptr_array_index (channels, i))));
  }
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
moment_form_values (MomentForm *mf, GError **error)
{
  g_autoptr (JsonObject) values = json_object_new ();
  g_auto (GStrv) persons = g_strsplit_set (mf->persons, ",; \t\r\n", -1);
  g_autofree char *when = g_strdup_printf ("%sT%s", mf->date, mf->time);
  g_autoptr (GString) missing = g_string_new (NULL);
  g_autoptr (GString) fields = g_string_new (NULL);
  JsonArray *person_keys;

  /* Every missing field at once, not only the first: one problem a line,
   * and the error carries their fields one a line too. */
  if (helder_web_form_blank (mf->title))
    {
      g_string_append_printf (missing, _ ("%s: may not be empty"), "title");
      g_string_append (fields, "title");
    }
  if (mf->date[0] == '\0' || mf->time[0] == '\0')
    {
      if (missing->len > 0)
        {
          g_string_append_c (missing, '\n');
          g_string_append_c (fields, '\n');
        }
      g_string_append (missing, _ ("scheduled_at: give both a date and a time"));
      g_string_append (fields, "scheduled_at");
    }
  if (missing->len > 0)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, fields->str, "%s", missing->str);
      return NULL;
    }
  json_object_set_string_member (values, "title", mf->title);
  json_object_set_string_member (values, "body", mf->body);
  json_object_set_string_member (values, "title_en", mf->title_en ? mf->title_en : "");
  json_object_set_string_member (values, "body_en", mf->body_en ? mf->body_en : "");
  json_object_set_string_member (values, "location", mf->location ? mf->location : "");
  json_object_set_string_member (values, "online_url", mf->online_url ? mf->online_url : "");
  {
    const HelderField *field =
      helder_entity_get_field (helder_entity_lookup ("moment"), "duration_minutes");
    JsonNode *minutes = helder_field_parse_text (
      field, mf->duration != NULL && mf->duration[0] != '\0' ? mf->duration : "60", error);

    if (minutes == NULL)
      return NULL;
    json_object_set_member (values, "duration_minutes", minutes);
  }
  if (mf->phase[0] != '\0')
    json_object_set_string_member (values, "phase", mf->phase);
  else
    json_object_set_null_member (values, "phase");
  json_object_set_string_member (values, "scheduled_at", when);
  json_object_set_array_member (values, "channels",
                                helder_web_form_strings_to_array (mf->channels));
  json_object_set_array_member (values, "groups", helder_web_form_strings_to_array (mf->groups));
  json_object_set_array_member (values, "roles", helder_web_form_strings_to_array (mf->roles));
  json_object_set_array_member (values, "statuses",
                                helder_web_form_strings_to_array (mf->statuses));
  person_keys = json_array_new ();
  for (guint i = 0; persons[i] != NULL; i++)
    if (persons[i][0] != '\0')
      json_array_add_string_element (person_keys, persons[i]);
  json_object_set_array_member (values, "persons", person_keys);
  return g_steal_pointer (&values);
}

static gint
compare_labels (gconstpointer a, gconstpointer b)
{
  JsonObject *oa = json_node_get_object (*(JsonNode *const *) a);
  JsonObject *ob = json_node_get_object (*(JsonNode *const *) b);

  return g_utf8_collate (json_object_get_string_member (oa, "label"),
                         json_object_get_string_member (ob, "label"));
}

/* [{value, label, checked|selected}] for the rows of an entity, by label
 * (phases keep their order). */
static JsonArray *
row_options (JsonArray *rows, const char *key, GPtrArray *chosen, const char *flag, gboolean sort)
{
  g_autoptr (GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonArray *options = json_array_new ();

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *value = json_object_get_string_member (row, key);
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "value", value);
      json_object_set_string_member (option, "label", json_object_get_string_member (row, "name"));
      json_object_set_boolean_member (option, flag,
                                      helder_web_form_strings_contain (chosen, value));
      g_ptr_array_add (nodes, json_node_init_object (json_node_alloc (), option));
      json_object_unref (option);
    }
  if (sort)
    g_ptr_array_sort (nodes, compare_labels);
  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (options, json_node_ref (g_ptr_array_index (nodes, i)));
  return options;
}

JsonArray *
helder_web_form_choice_options (const Choice *choices,
                                guint n_choices,
                                GPtrArray *chosen,
                                const char *flag)
{
  JsonArray *options = json_array_new ();

  for (guint i = 0; i < n_choices; i++)
    {
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "value", choices[i].value);
      json_object_set_string_member (option, "label", _ (choices[i].label));
      json_object_set_boolean_member (option, flag,
                                      helder_web_form_strings_contain (chosen, choices[i].value));
      json_array_add_object_element (options, option);
    }
  return options;
}

typedef struct
{
  JsonArray *phases;
  JsonArray *groups;
  JsonArray *roles;
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
lookups_load (HelderStore *store, Lookups *l, GError **error)
{
  l->phase_names = helder_web_form_name_map (store, "phase", &l->phases, error);
  if (l->phase_names == NULL)
    return FALSE;
  l->group_names = helder_web_form_name_map (store, "group", &l->groups, error);
  if (l->group_names == NULL)
    return FALSE;
  l->role_names = helder_web_form_name_map (store, "role", &l->roles, error);
  return l->role_names != NULL;
}

static JsonObject *
moment_form_context (HelderWebRequest *request,
                     MomentForm *mf,
                     Lookups *l,
                     const char *action,
                     const char *submit)
{
  JsonObject *form = json_object_new ();
  g_autoptr (GPtrArray) phase = g_ptr_array_new ();

  g_ptr_array_add (phase, mf->phase);
  json_object_set_string_member (form, "action", action);
  json_object_set_string_member (form, "submit", submit);
  json_object_set_string_member (form, "title", mf->title);
  json_object_set_string_member (form, "body", mf->body);
  json_object_set_string_member (form, "title_en", mf->title_en ? mf->title_en : "");
  json_object_set_string_member (form, "body_en", mf->body_en ? mf->body_en : "");
  json_object_set_string_member (form, "location", mf->location ? mf->location : "");
  json_object_set_string_member (form, "online_url", mf->online_url ? mf->online_url : "");
  json_object_set_string_member (form, "duration_minutes", mf->duration ? mf->duration : "60");
  json_object_set_string_member (form, "date", mf->date ? mf->date : "");
  json_object_set_string_member (form, "time", mf->time ? mf->time : "");
  json_object_set_string_member (form, "time_zone", helder_clock_zone_name ());
  json_object_set_string_member (form, "persons", mf->persons);
  json_object_set_array_member (form, "phases",
                                row_options (l->phases, "key", phase, "selected", FALSE));
  json_object_set_array_member (form, "channels", channel_options (request, mf->channels));
  json_object_set_array_member (form, "groups",
                                row_options (l->groups, "slug", mf->groups, "checked", TRUE));
  json_object_set_array_member (form, "roles",
                                row_options (l->roles, "slug", mf->roles, "checked", TRUE));
  json_object_set_array_member (
    form, "statuses",
    helder_web_form_choice_options (helder_web_form_change_status_choices,
                                    G_N_ELEMENTS (helder_web_form_change_status_choices),
                                    mf->statuses, "checked"));
  return form;
}

/* The "form" of the moment template for @row's stored content, or for what
 * was typed in @typed: the form of a new version (helder-web-supersede.c). */
JsonObject *
helder_web_form_moment_form_context (HelderWebRequest *request,
                                     JsonObject *row,
                                     GHashTable *typed,
                                     const char *action,
                                     const char *submit,
                                     GError **error)
{
  g_auto (Lookups) l = { 0 };
  g_auto (MomentForm) mf = { 0 };

  if (!lookups_load (request->store, &l, error))
    return NULL;
  if (typed != NULL)
    moment_form_read (request, typed, &mf);
  else if (!moment_form_load (request->store, row, &mf, error))
    return NULL;
  return moment_form_context (request, &mf, &l, action, submit);
}

/* The moment form's values as the repository takes them. */
JsonObject *
helder_web_form_moment_form_values (HelderWebRequest *request, GHashTable *form, GError **error)
{
  g_auto (MomentForm) mf = { 0 };

  moment_form_read (request, form, &mf);
  return moment_form_values (&mf, error);
}

/* ---- the moment page --------------------------------------------------------- */

static const Choice moment_banners[] = {
  { "created", N_ ("The moment is saved as a draft. Nothing is sent until you approve it.") },
  { "saved", N_ ("Your changes to the draft are saved.") },
  { "approved", N_ ("The moment is approved.") },
  { "cancelled", N_ ("The moment is cancelled.") },
  { "released", N_ ("The moment goes out with the next delivery round, although it is late.") },
  { "rescheduled", N_ ("The moment has its new time.") },
  { "superseded",
    N_ (
      "The new version is saved as a draft and the approved version is cancelled. Nothing is sent until you approve the new version.") },
};

static JsonObject *
audience_context (HelderStore *store, JsonObject *row, Lookups *l, GError **error)
{
  g_autoptr (JsonObject) audience = json_object_new ();
  g_autoptr (GArray) ids =
    helder_audience_resolve (store, json_object_get_int_member (row, "id"), error);
  g_autoptr (JsonArray) people = NULL;
  g_autofree char *groups = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *statuses = NULL;
  g_autofree char *persons = NULL;
  g_autofree char *count = NULL;
  g_autofree char *show = NULL;

  if (ids == NULL)
    return NULL;
  people =
    helder_people_named (store, (const gint64 *) ids->data, ids->len, AUDIENCE_NAMES_MAX, error);
  persons =
    helder_web_form_person_names (store, json_object_get_array_member (row, "persons"), error);
  if (people == NULL || persons == NULL)
    return NULL;

  groups =
    helder_web_form_join_names (json_object_get_array_member (row, "groups"), l->group_names);
  roles = helder_web_form_join_names (json_object_get_array_member (row, "roles"), l->role_names);
  statuses = helder_web_form_join_choices (json_object_get_array_member (row, "statuses"),
                                           helder_web_form_change_status_choices,
                                           G_N_ELEMENTS (helder_web_form_change_status_choices));
  /* A sent moment's reach is what the outbox holds (helder-web-reach.c);
   * its audience of today is only that. */
  if (g_strcmp0 (json_object_get_string_member (row, "status"), "sent") == 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In its audience today: %u person.",
                                          "In its audience today: %u people.", ids->len),
                             ids->len);
  else if (ids->len == 0)
    count =
      g_strdup (_ ("Reaches nobody yet: choose groups, roles, role-change statuses or persons."));
  else
    count = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Reaches %u person.", "Reaches %u people.", ids->len),
      ids->len);
  show = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "Show the %u person", "Show the %u people", ids->len), ids->len);

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
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
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
moment_context (HelderWebRequest *request, JsonObject *row, Lookups *l)
{
  JsonObject *moment = json_object_new ();
  const char *status = json_object_get_string_member (row, "status");
  const char *phase = helder_web_form_string_or_null (row, "phase");
  g_autofree char *when =
    helder_web_format_datetime (json_object_get_string_member (row, "scheduled_at"));
  g_autofree char *channels =
    channel_labels (request, json_object_get_array_member (row, "channels"));
  g_autofree char *body =
    helder_web_form_markdown_or_empty (helder_web_form_string_or_null (row, "body"));
  JsonNode *supersedes = json_object_get_member (row, "supersedes");
  gboolean draft = g_strcmp0 (status, "draft") == 0;

  json_object_set_int_member (moment, "id", json_object_get_int_member (row, "id"));
  json_object_set_string_member (moment, "title", json_object_get_string_member (row, "title"));
  json_object_set_string_member (moment, "status", status);
  json_object_set_string_member (moment, "status_label", helder_web_form_status_label (status));
  json_object_set_string_member (moment, "scheduled_label", when);
  json_object_set_string_member (
    moment, "phase_label",
    phase != NULL ? (g_hash_table_lookup (l->phase_names, phase) ?: phase) : "");
  json_object_set_string_member (moment, "channels_label", channels);
  json_object_set_string_member (moment, "location",
                                 helder_web_form_string_or_null (row, "location") ?: "");
  json_object_set_string_member (moment, "online_url",
                                 helder_web_form_string_or_null (row, "online_url") ?: "");
  json_object_set_string_member (moment, "author",
                                 helder_web_form_string_or_null (row, "author") ?: "");
  json_object_set_string_member (moment, "body_html", body);
  json_object_set_boolean_member (moment, "editable", draft);
  json_object_set_boolean_member (moment, "can_approve", draft);
  json_object_set_boolean_member (moment, "can_cancel",
                                  draft || g_strcmp0 (status, "approved") == 0);
  json_object_set_boolean_member (moment, "can_supersede", g_strcmp0 (status, "approved") == 0);
  if (g_strcmp0 (status, "approved") == 0)
    json_object_set_string_member (
      moment, "locked", _ ("Approved — can no longer be edited, only cancelled or superseded."));
  else if (g_strcmp0 (status, "sent") == 0)
    json_object_set_string_member (moment, "locked", _ ("Sent — can no longer be edited."));
  else if (g_strcmp0 (status, "cancelled") == 0)
    json_object_set_string_member (moment, "locked",
                                   _ ("Cancelled — kept for the record; it will not be sent."));
  if (supersedes != NULL && !JSON_NODE_HOLDS_NULL (supersedes))
    {
      g_autofree char *label =
        g_strdup_printf (_ ("moment %" PRId64), json_node_get_int (supersedes));
      json_object_set_int_member (moment, "supersedes", json_node_get_int (supersedes));
      json_object_set_string_member (moment, "supersedes_label", label);
    }
  helder_web_overdue_moment_context (request, row, moment);
  return moment;
}

/* Renders the moment page: a new moment when @row is NULL. @mf: the form
 * as typed (after an error), or NULL to show the stored values.
 * @confirm_cancel: ask "cancel this moment?" at the top of the page. */
static void
respond_moment_full (HelderWebRequest *request,
                     guint status,
                     JsonObject *row,
                     MomentForm *mf,
                     const GError *problem,
                     gboolean confirm_cancel)
{
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (JsonObject) context = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_auto (Lookups) l = { 0 };
  g_auto (MomentForm) stored = { 0 };
  g_autofree char *action = NULL;
  gboolean editable =
    row == NULL || g_strcmp0 (json_object_get_string_member (row, "status"), "draft") == 0;

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
      JsonObject *reach = NULL;

      if (audience != NULL)
        reach = helder_web_reach_context (request, row, &error);
      if (audience == NULL || (reach == NULL && error != NULL))
        {
          g_clear_pointer (&audience, json_object_unref);
          helder_web_respond_gerror (request, entity, error);
          return;
        }
      json_object_set_object_member (context, "audience", audience);
      if (reach != NULL)
        json_object_set_object_member (context, "reach", reach);
      json_object_set_object_member (context, "moment", moment_context (request, row, &l));
      {
        JsonObject *rsvp = helder_web_rsvp_context (request, row);
        JsonObject *slots = helder_web_slots_context (request, row);

        if (rsvp != NULL)
          json_object_set_object_member (context, "rsvp", rsvp);
        if (slots != NULL)
          json_object_set_object_member (context, "slots", slots);
      }
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
      json_object_set_object_member (
        context, "form",
        moment_form_context (request, mf, &l, action,
                             row == NULL ? _ ("Save as draft") : _ ("Save changes")));
    }

  if (problem != NULL)
    helder_web_form_add_error (context, helder_web_form_moment_form_fields,
                               G_N_ELEMENTS (helder_web_form_moment_form_fields), problem);
  else
    helder_web_form_add_banner (context, request, moment_banners, G_N_ELEMENTS (moment_banners));

  helder_web_respond_page (
    request, status, "moment",
    row != NULL ? json_object_get_string_member (row, "title") : _ ("New moment"), context);
}

static void
respond_moment (HelderWebRequest *request,
                guint status,
                JsonObject *row,
                MomentForm *mf,
                const GError *problem)
{
  respond_moment_full (request, status, row, mf, problem, FALSE);
}

/* The page of the stored moment @row with @problem shown at its top. */
void
helder_web_form_respond_moment (HelderWebRequest *request,
                                guint status,
                                JsonObject *row,
                                const GError *problem)
{
  respond_moment_full (request, status, row, NULL, problem, FALSE);
}

/* The row the path names, or NULL having answered 404. */
JsonObject *
helder_web_form_lookup (HelderWebRequest *request, const char *entity_name, const char *param)
{
  const HelderEntity *entity = helder_entity_lookup (entity_name);
  g_autoptr (GError) error = NULL;
  JsonObject *row =
    helder_repo_get (request->store, entity, helder_web_param (request, param), &error);

  if (row == NULL)
    helder_web_respond_gerror (request, entity, error);
  return row;
}

char *
helder_web_form_id_key (JsonObject *row)
{
  return g_strdup_printf ("%" PRId64, json_object_get_int_member (row, "id"));
}

void
helder_web_form_redirect_to (HelderWebRequest *request,
                             const char *path,
                             const char *key,
                             const char *query)
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
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (GHashTable) form = NULL;
  g_auto (MomentForm) mf = { 0 };
  g_autoptr (JsonObject) values = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  moment_form_read (request, form, &mf);

  values = moment_form_values (&mf, &error);
  if (values != NULL)
    {
      json_object_set_string_member (values, "status", "draft");
      json_object_set_string_member (values, "author",
                                     request->identity.name ? request->identity.name : "");
      helder_web_request_actor (request, &actor);
      row = helder_repo_create_as (
        request->store, &actor, entity, values,
        json_object_get_string_member_with_default (values, "title", NULL), &error);
    }
  if (row == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        respond_moment (request, helder_web_form_input_error_status (error), NULL, &mf, error);
      return;
    }
  key = helder_web_form_id_key (row);
  helder_web_form_redirect_to (request, "/moments", key, "?done=created");
}

void
helder_web_handle_moment_page (HelderWebRequest *request)
{
  g_autoptr (JsonObject) row = helder_web_form_lookup (request, "moment", "id");

  if (row != NULL)
    respond_moment (request, 200, row, NULL, NULL);
}

void
helder_web_handle_moment_update (HelderWebRequest *request)
{
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) values = NULL;
  g_autoptr (JsonObject) updated = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (MomentForm) mf = { 0 };
  g_autofree char *key = NULL;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "moment", "id");
  if (row == NULL)
    return;
  key = helder_web_form_id_key (row);

  /* Only a draft is edited; the rule refuses a changed field of an
   * approved moment, and a form sent back unchanged is refused the same. */
  if (g_strcmp0 (json_object_get_string_member (row, "status"), "draft") != 0)
    {
      g_set_error (
        &error, HELDER_ERROR, HELDER_ERROR_CONFLICT,
        _ (
          "moment %s is %s and can no longer be edited; cancel it or supersede it with a new version"),
        key, helder_web_form_status_label (json_object_get_string_member (row, "status")));
      respond_moment (request, 409, row, NULL, error);
      return;
    }

  moment_form_read (request, form, &mf);
  values = moment_form_values (&mf, &error);
  if (values != NULL)
    {
      helder_web_request_actor (request, &actor);
      updated = helder_repo_update_as (
        request->store, &actor, entity, key, values,
        json_object_get_string_member_with_default (values, "title", NULL), &error);
    }
  if (updated == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        respond_moment (request, helder_web_form_input_error_status (error), row, &mf, error);
      return;
    }
  helder_web_form_redirect_to (request, "/moments", key, "?done=saved");
}

static void
moment_set_status (HelderWebRequest *request,
                   const char *status,
                   const char *action,
                   const char *query)
{
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("moment");
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) changed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  row = helder_web_form_lookup (request, "moment", "id");
  if (row == NULL)
    return;
  key = helder_web_form_id_key (row);

  /* Cancelling cannot be undone: without confirm=yes the page asks first. */
  if (g_str_equal (status, "cancelled") &&
      g_strcmp0 (helder_web_form_form_text (form, "confirm"), "yes") != 0 &&
      (g_strcmp0 (json_object_get_string_member (row, "status"), "draft") == 0 ||
       g_strcmp0 (json_object_get_string_member (row, "status"), "approved") == 0))
    {
      respond_moment_full (request, 200, row, NULL, NULL, TRUE);
      return;
    }

  helder_web_request_actor (request, &actor);
  changed = helder_moment_set_status (request->store, &actor, key, status, &error);
  if (changed == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        respond_moment (request, helder_web_form_input_error_status (error), row, NULL, error);
      return;
    }
  helder_web_form_redirect_to (request, "/moments", key, query);
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
