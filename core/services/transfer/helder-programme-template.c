/* helder-programme-template.c — new programmes that start from the method
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template is data: data/programme-templates/NAME.json, bundled as a
 * GResource. It holds the phases (with their length in weeks), the groups,
 * the Go/No-Go gates (placed a number of days before the end of their
 * phase) and their criteria, every text in each language the template
 * speaks ({"nl": "…", "en": "…"}). helder_programme_template_document()
 * picks one language, lays the phases end to end from the programme's start
 * (stretched or shrunk to its planned end when one is given), puts each
 * gate on a working day, and gives an ordinary Helder export, which the
 * JSON import writes in one transaction: what a template makes is edited
 * afterwards like anything else.
 */
#define G_LOG_DOMAIN "helder-template"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "helder-clock.h"
#include "helder-error.h"
#include "model/helder-date.h"
#include "model/helder-holidays.h"
#include "services/transfer/helder-import-json.h"
#include "services/transfer/helder-programme-template.h"

#define TEMPLATE_FOLDER "/org/helder/Helder/programme-templates/"
#define TEMPLATE_FORMAT "helder-programme-template"

void
helder_programme_template_free (HelderProgrammeTemplate *template_)
{
  if (template_ == NULL)
    return;
  g_free (template_->name);
  g_free (template_->title);
  g_free (template_->summary);
  g_free (template_);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names of the bundled templates, sorted. */
static GPtrArray *
template_names (void)
{
  g_auto (GStrv) files =
    g_resources_enumerate_children (TEMPLATE_FOLDER, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (g_str_has_suffix (files[i], ".json"))
      g_ptr_array_add (names, g_strndup (files[i], strlen (files[i]) - strlen (".json")));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

/**
 * helder_programme_template_names:
 *
 * Returns: (transfer full): the names of the templates, "outsourcing, …"
 */
char *
helder_programme_template_names (void)
{
  g_autoptr (GPtrArray) names = template_names ();

  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* The template's document, checked to be one; NULL with @error naming the
 * templates there are when @name is not one of them. */
static JsonNode *
read_template (const char *name, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  JsonObject *root;
  const char *data;
  gsize length;

  if (name[0] == '\0' || strchr (name, '/') != NULL || strchr (name, '.') != NULL)
    bytes = NULL;
  else
    {
      path = g_strconcat (TEMPLATE_FOLDER, name, ".json", NULL);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    }
  if (bytes == NULL)
    {
      g_autofree char *names = helder_programme_template_names ();
      helder_error_set (error, HELDER_ERROR_NOT_FOUND, "template",
                        _ ("there is no template “%s”; the templates are: %s"), name, names);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("the template “%s” in this build is damaged: %s"), name,
                   local != NULL ? local->message : _ ("not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "format", ""),
                 TEMPLATE_FORMAT) != 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("the template “%s” in this build is damaged: %s"), name,
                   _ ("it is not a programme template"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* Whether the template speaks @language; if not, @error lists those it does. */
static gboolean
check_language (JsonObject *root, const char *name, const char *language, GError **error)
{
  JsonArray *languages = json_object_get_array_member (root, "languages");
  g_autoptr (GString) list = g_string_new (NULL);

  for (guint i = 0; languages != NULL && i < json_array_get_length (languages); i++)
    {
      const char *l = json_array_get_string_element (languages, i);

      if (g_strcmp0 (l, language) == 0)
        return TRUE;
      g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", l);
    }
  helder_error_set (error, HELDER_ERROR_INVALID, "language",
                    _ ("the template “%s” is not written in “%s”; it is in: %s"), name, language,
                    list->str);
  return FALSE;
}

/* Whether @node is a text in several languages: {"nl": "…", "en": "…"}. */
static gboolean
is_localized (JsonNode *node, const char *language)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  return o != NULL && json_object_get_size (o) <= 2 && json_object_has_member (o, language) &&
         JSON_NODE_HOLDS_VALUE (json_object_get_member (o, language));
}

/* A copy of @node with every {"nl": …, "en": …} replaced by its text in
 * @language. (A copy: json-glib 1.6 cannot turn an object node into a
 * string node in place.) */
static JsonNode *
localize (JsonNode *node, const char *language)
{
  if (is_localized (node, language))
    {
      JsonNode *text = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (text,
                            json_object_get_string_member (json_node_get_object (node), language));
      return text;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (array));
      JsonNode *out = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, localize (json_array_get_element (array, i), language));
      json_node_take_array (out, copy);
      return out;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *copy = json_object_new ();
      JsonNode *out = json_node_new (JSON_NODE_OBJECT);
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (copy, l->data,
                                localize (json_object_get_member (object, l->data), language));
      json_node_take_object (out, copy);
      return out;
    }
  return json_node_copy (node);
}

/**
 * helder_programme_template_list:
 * @language: "nl" or "en"
 *
 * Returns: (transfer full) (element-type HelderProgrammeTemplate): the
 *   bundled templates, with their title and summary in @language (or in
 *   their first language when they do not speak it)
 */
GPtrArray *
helder_programme_template_list (const char *language, GError **error)
{
  g_autoptr (GPtrArray) names = template_names ();
  g_autoptr (GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) helder_programme_template_free);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr (JsonNode) node = read_template (g_ptr_array_index (names, i), error);
      g_autoptr (JsonNode) texts = NULL;
      HelderProgrammeTemplate *entry;
      JsonObject *root;
      JsonArray *languages;

      if (node == NULL)
        return NULL;
      languages = json_object_get_array_member (json_node_get_object (node), "languages");
      if (!check_language (json_node_get_object (node), g_ptr_array_index (names, i), language,
                           NULL))
        language = json_array_get_string_element (languages, 0);
      texts = localize (node, language);
      root = json_node_get_object (texts);
      entry = g_new0 (HelderProgrammeTemplate, 1);
      entry->name = g_strdup (g_ptr_array_index (names, i));
      entry->title = g_strdup (json_object_get_string_member_with_default (root, "title", ""));
      entry->summary = g_strdup (json_object_get_string_member_with_default (root, "summary", ""));
      g_ptr_array_add (list, entry);
    }
  return g_steal_pointer (&list);
}

/**
 * helder_programme_template_check:
 *
 * Whether there is a template @name that speaks @language; if not, @error
 * says which templates, or which languages, there are.
 */
gboolean
helder_programme_template_check (const char *name, const char *language, GError **error)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (name != NULL && language != NULL, FALSE);

  node = read_template (name, error);
  return node != NULL && check_language (json_node_get_object (node), name, language, error);
}

/* ---- dates ------------------------------------------------------------ */

static char *
format_date (const GDate *date)
{
  char buf[16];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

static gboolean
is_working_day (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY &&
         helder_holidays_name (g_date_get_year (date), g_date_get_month (date),
                               g_date_get_day (date)) == NULL;
}

/* Lays the phases end to end from @start: each its template length, all of
 * them stretched or shrunk to end on @end when it is given. Sets every
 * phase's position, starts_on and ends_on, and @end when it was not given. */
static gboolean
place_phases (JsonArray *phases, const GDate *start, GDate *end, gboolean has_end, GError **error)
{
  guint n = json_array_get_length (phases);
  guint template_days = 0;
  guint days;
  guint offset = 0;     /* days from the start to the phase's first day */
  guint cumulative = 0; /* the template's days up to the end of the phase */

  for (guint i = 0; i < n; i++)
    template_days += 7 * (guint) json_object_get_int_member_with_default (
                           json_array_get_object_element (phases, i), "weeks", 1);
  if (template_days == 0 || n == 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, "%s",
                   _ ("the template has no phases"));
      return FALSE;
    }
  days = has_end ? (guint) (g_date_days_between (start, end) + 1) : template_days;
  if (days < n)
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "ends_on",
                        _ ("ends_on: the template’s %u phases need at least %u days"), n, n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *phase = json_array_get_object_element (phases, i);
      guint weeks = (guint) json_object_get_int_member_with_default (phase, "weeks", 1);
      guint next;
      GDate from = *start;
      GDate to = *start;
      g_autofree char *from_text = NULL;
      g_autofree char *to_text = NULL;

      cumulative += 7 * weeks;
      /* where the next phase starts, in proportion; every phase a day at least */
      next = i + 1 == n
               ? days
               : (guint) (((guint64) cumulative * days + template_days / 2) / template_days);
      next = CLAMP (next, offset + 1, days - (n - i - 1));
      g_date_add_days (&from, offset);
      g_date_add_days (&to, next - 1);
      from_text = format_date (&from);
      to_text = format_date (&to);
      json_object_set_int_member (phase, "position", i + 1);
      json_object_set_string_member (phase, "starts_on", from_text);
      json_object_set_string_member (phase, "ends_on", to_text);
      json_object_remove_member (phase, "weeks");
      offset = next;
    }
  if (!has_end)
    {
      *end = *start;
      g_date_add_days (end, days - 1);
    }
  return TRUE;
}

/* Puts each gate @days_before_phase_end days before the end of its phase,
 * on the working day at or before that (never before the phase starts). */
static gboolean
place_gates (JsonArray *gates, JsonArray *phases, GError **error)
{
  for (guint g = 0; g < json_array_get_length (gates); g++)
    {
      JsonObject *gate = json_array_get_object_element (gates, g);
      const char *key = json_object_get_string_member_with_default (gate, "phase", "");
      guint before =
        (guint) json_object_get_int_member_with_default (gate, "days_before_phase_end", 0);
      JsonObject *phase = NULL;
      GDate first;
      GDate day;
      g_autofree char *text = NULL;

      for (guint p = 0; p < json_array_get_length (phases) && phase == NULL; p++)
        if (g_strcmp0 (
              json_object_get_string_member (json_array_get_object_element (phases, p), "key"),
              key) == 0)
          phase = json_array_get_object_element (phases, p);
      if (phase == NULL ||
          !helder_date_parse (json_object_get_string_member (phase, "starts_on"), &first) ||
          !helder_date_parse (json_object_get_string_member (phase, "ends_on"), &day))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("the template’s gate %u names the phase “%s”, which it does not have"),
                       g + 1, key);
          return FALSE;
        }
      if ((guint) g_date_days_between (&first, &day) > before)
        g_date_subtract_days (&day, before);
      else
        day = first;
      while (!is_working_day (&day) && g_date_compare (&day, &first) > 0)
        g_date_subtract_days (&day, 1);
      text = format_date (&day);
      json_object_set_string_member (gate, "decide_on", text);
      json_object_remove_member (gate, "days_before_phase_end");
    }
  return TRUE;
}

/* ---- the document ------------------------------------------------------ */

static void
stamp_rows (JsonArray *rows, const char *now)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      json_object_set_string_member (row, "created_at", now);
      json_object_set_string_member (row, "updated_at", now);
    }
}

/* The programme row: what the caller gave, the template's name otherwise. */
static JsonObject *
programme_row (JsonObject *root, JsonObject *given, const GDate *start, const GDate *end)
{
  JsonObject *template_programme = json_object_get_object_member (root, "programme");
  JsonObject *row = json_object_new ();
  g_autofree char *start_text = format_date (start);
  g_autofree char *end_text = format_date (end);
  const char *name = json_object_get_string_member_with_default (given, "name", NULL);

  if (name == NULL || name[0] == '\0')
    name = json_object_get_string_member_with_default (template_programme, "name", "");
  json_object_set_string_member (row, "name", name);
  json_object_set_string_member (
    row, "organisation", json_object_get_string_member_with_default (given, "organisation", ""));
  json_object_set_string_member (row, "starts_on", start_text);
  json_object_set_string_member (row, "ends_on", end_text);
  json_object_set_string_member (
    row, "time_zone",
    json_object_get_string_member_with_default (given, "time_zone", HELDER_DEFAULT_TIME_ZONE));
  return row;
}

/**
 * helder_programme_template_document:
 * @name: the template, e.g. "outsourcing"
 * @language: the language of the programme's texts, "nl" or "en"
 * @programme: name (optional: the template's), organisation, starts_on
 *   (required), ends_on (optional: as long as the template's phases),
 *   time_zone
 *
 * Returns: (transfer full): a Helder export document for
 *   helder_import_json_document(), or %NULL with @error naming the field
 */
JsonNode *
helder_programme_template_document (const char *name,
                                    const char *language,
                                    JsonObject *programme,
                                    GError **error)
{
  g_autoptr (JsonNode) source = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *now = helder_clock_now_utc ();
  JsonObject *root;
  JsonObject *document;
  JsonArray *phases;
  JsonArray *gates;
  JsonArray *criteria;
  GDate start;
  GDate end;
  gboolean has_end;
  const char *members[] = { "phases", "groups", "gates", "gate_criteria" };

  g_return_val_if_fail (name != NULL && language != NULL && programme != NULL, NULL);

  if (!helder_date_parse (json_object_get_string_member_with_default (programme, "starts_on", ""),
                          &start))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "starts_on",
                        _ ("starts_on: “%s” is not a date (use YYYY-MM-DD, a day that exists)"),
                        json_object_get_string_member_with_default (programme, "starts_on", ""));
      return NULL;
    }
  has_end = json_object_has_member (programme, "ends_on");
  if (has_end && (!helder_date_parse (json_object_get_string_member (programme, "ends_on"), &end) ||
                  g_date_compare (&end, &start) < 0))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "ends_on",
                        _ ("ends_on: “%s” is not a date on or after the start"),
                        json_object_get_string_member (programme, "ends_on"));
      return NULL;
    }

  source = read_template (name, error);
  if (source == NULL)
    return NULL;
  if (!check_language (json_node_get_object (source), name, language, error))
    return NULL;
  node = localize (source, language);
  root = json_node_get_object (node);

  phases = json_object_get_array_member (root, "phases");
  gates = json_object_get_array_member (root, "gates");
  criteria = json_object_get_array_member (root, "gate_criteria");
  if (!place_phases (phases, &start, &end, has_end, error) || !place_gates (gates, phases, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (criteria); i++)
    json_object_set_int_member (json_array_get_object_element (criteria, i), "id", i + 1);

  document = json_object_new ();
  json_object_set_string_member (document, "format", "helder-export");
  json_object_set_int_member (document, "version", 1);
  json_object_set_object_member (document, "programme",
                                 programme_row (root, programme, &start, &end));
  json_object_set_string_member (json_object_get_object_member (document, "programme"),
                                 "created_at", now);
  json_object_set_string_member (json_object_get_object_member (document, "programme"),
                                 "updated_at", now);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonArray *rows = json_object_get_array_member (root, members[i]);

      stamp_rows (rows, now);
      json_object_set_array_member (document, members[i], json_array_ref (rows));
    }
  {
    JsonNode *out = json_node_init_object (json_node_alloc (), document);
    json_object_unref (document);
    return out;
  }
}

/**
 * helder_programme_template_load:
 * @store: an empty database
 *
 * Fills @store with a new programme made from the template @name, in one
 * transaction; see helder_programme_template_document().
 */
gboolean
helder_programme_template_load (HelderStore *store,
                                const char *name,
                                const char *language,
                                JsonObject *programme,
                                GError **error)
{
  g_autoptr (JsonNode) document = NULL;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);

  document = helder_programme_template_document (name, language, programme, error);
  if (document == NULL)
    return FALSE;
  return helder_import_json_document (store, document, error);
}
