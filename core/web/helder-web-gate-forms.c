/* helder-web-gate-forms.c — the advisor's forms for gates and their
 * criteria: a new gate, a new criterion, a criterion's status with a note
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same pattern as the other forms (helder-web-forms.c): a GET shows
 * the form, a POST checks CSRF and every field at once
 * (helder-web-form-check.c), writes through the repository with the rules
 * the CLI and the API share, and leads to the gate's page; with a problem
 * the form comes back with what was typed, the problems summed up at the
 * top and each next to its field. Deciding a gate is on the gate's own
 * page (helder-web-decisions.c).
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "services/repo/helder-repo.h"
#include "services/repo/helder-repo-audited.h"
#include "web/helder-web-forms-private.h"

/* The page /gates/new has this path segment: no gate takes it as slug. */
#define RESERVED_SLUG "new"
#define SLUG_MAX      64

static const FormField gate_new_fields[] = {
  { "name", "name", "name", N_ ("Name") },
  { "slug", "slug", "slug", N_ ("Short name in addresses") },
  { "phase", "phase", "phase", N_ ("Phase") },
  { "decide_on", "decide_on", "decide_on", N_ ("Decision date") },
  { "groups", "groups", "groups", N_ ("Affected groups") },
};

static const FormField criterion_fields[] = {
  { "text", "text", "text", N_ ("Criterion") },
  { "owner", "owner", "owner", N_ ("Owner") },
  { "measure", "measure", "measure", N_ ("Computed by") },
  { "measure_arg", "measure_arg", "measure_arg", N_ ("What the measure checks") },
  { "status", "status", "status-open", N_ ("Status") },
  { "note", "note", "note", N_ ("Note") },
};

static const Choice criterion_statuses[] = {
  { "open", N_ ("open") },
  { "met", N_ ("met") },
  { "failed", N_ ("failed") },
};

/* ---- a new gate ----------------------------------------------------------- */

/* "Go/No-Go migratieweekend" → "go-no-go-migratieweekend": what an address
 * holds, from the name, when the form leaves the slug empty. */
static char *
slug_from_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && slug->len < SLUG_MAX; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

typedef struct
{
  char *name;
  char *slug; /* as typed: may be empty */
  char *phase;
  char *decide_on;
  GPtrArray *groups;
} GateForm;

static void
gate_form_clear (GateForm *gf)
{
  g_clear_pointer (&gf->name, g_free);
  g_clear_pointer (&gf->slug, g_free);
  g_clear_pointer (&gf->phase, g_free);
  g_clear_pointer (&gf->decide_on, g_free);
  g_clear_pointer (&gf->groups, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GateForm, gate_form_clear)

static void
gate_form_read (HelderWebRequest *request, GHashTable *form, GateForm *gf)
{
  gf->name = g_strstrip (g_strdup (helder_web_form_form_text (form, "name")));
  gf->slug = g_strstrip (g_strdup (helder_web_form_form_text (form, "slug")));
  gf->phase = g_strdup (helder_web_form_form_text (form, "phase"));
  gf->decide_on = g_strstrip (g_strdup (helder_web_form_form_text (form, "decide_on")));
  gf->groups = helder_web_form_form_list (request, "groups");
}

/* The values the repository takes; the slug from the name when none was
 * typed (and none at all while the name is empty: that is the problem). */
static JsonObject *
gate_form_values (GateForm *gf)
{
  JsonObject *values = json_object_new ();

  json_object_set_string_member (values, "name", gf->name);
  if (gf->slug[0] != '\0')
    json_object_set_string_member (values, "slug", gf->slug);
  else if (!helder_web_form_blank (gf->name))
    {
      g_autofree char *slug = slug_from_name (gf->name);
      json_object_set_string_member (values, "slug", slug);
    }
  if (gf->phase[0] != '\0')
    json_object_set_string_member (values, "phase", gf->phase);
  else
    json_object_set_null_member (values, "phase");
  json_object_set_string_member (values, "decide_on", gf->decide_on);
  json_object_set_array_member (values, "groups", helder_web_form_strings_to_array (gf->groups));
  return values;
}

static gboolean
gate_form_check (HelderStore *store, JsonObject *values, GError **error)
{
  const char *slug = json_object_get_string_member_with_default (values, "slug", "");

  if (!helder_web_form_check_values (store, helder_entity_lookup ("gate"), values, NULL, error))
    return FALSE;
  if (g_str_equal (slug, RESERVED_SLUG))
    {
      helder_error_set (error, HELDER_ERROR_INVALID, "slug",
                        _ ("slug: “%s” is the address of the form for a new gate; choose another"),
                        slug);
      return FALSE;
    }
  return TRUE;
}

static void
respond_gate_form (HelderWebRequest *request, guint status, GateForm *gf, const GError *problem)
{
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *form = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) phase = g_ptr_array_new ();
  JsonArray *phases, *groups = NULL;

  json_object_set_object_member (context, "form", form);
  g_ptr_array_add (phase, gf->phase);
  phases = helder_web_form_row_choices (request->store, "phase", phase, "selected", &error);
  if (phases != NULL)
    json_object_set_array_member (form, "phases", phases);
  if (phases == NULL || (groups = helder_web_form_row_choices (request->store, "group", gf->groups,
                                                               "checked", &error)) == NULL)
    {
      helder_web_respond_gerror (request, helder_entity_lookup ("gate"), error);
      return;
    }
  json_object_set_array_member (form, "groups", groups);
  json_object_set_string_member (form, "name", gf->name);
  json_object_set_string_member (form, "slug", gf->slug);
  json_object_set_string_member (form, "decide_on", gf->decide_on);
  if (problem != NULL)
    helder_web_form_add_error (context, gate_new_fields, G_N_ELEMENTS (gate_new_fields), problem);
  helder_web_respond_page (request, status, "gate-new", _ ("New gate"), context);
}

/* GET /gates/new */
void
helder_web_handle_gate_new (HelderWebRequest *request)
{
  g_auto (GateForm) gf = { 0 };

  gf.name = g_strdup ("");
  gf.slug = g_strdup ("");
  gf.phase = g_strdup ("");
  gf.decide_on = g_strdup ("");
  gf.groups = g_ptr_array_new_with_free_func (g_free);
  respond_gate_form (request, 200, &gf, NULL);
}

/* POST /gates */
void
helder_web_handle_gate_create (HelderWebRequest *request)
{
  HelderAuditActor actor;
  const HelderEntity *entity = helder_entity_lookup ("gate");
  g_autoptr (GHashTable) form = NULL;
  g_auto (GateForm) gf = { 0 };
  g_autoptr (JsonObject) values = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  const char *slug;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  gate_form_read (request, form, &gf);
  values = gate_form_values (&gf);
  helder_web_request_actor (request, &actor);
  if (gate_form_check (request->store, values, &error))
    row = helder_repo_create_as (request->store, &actor, entity, values, NULL, &error);
  if (row == NULL)
    {
      if (!helder_web_form_is_input_error (error))
        helder_web_respond_gerror (request, entity, error);
      else
        respond_gate_form (request, helder_web_form_input_error_status (error), &gf, error);
      return;
    }
  slug = json_object_get_string_member (row, "slug");
  helder_web_form_redirect_to (request, "/gates", slug, "?done=created");
}

/* ---- criteria -------------------------------------------------------------- */

typedef struct
{
  const char *text;
  const char *owner;
  const char *status;
  const char *note;
  const char *measure;
  const char *measure_arg;
} CriterionTyped;

/* The measures plugins registered, as options of the form's select; the
 * first, "", is a criterion ticked off by hand. */
static JsonArray *
measure_options (HelderWebRequest *request, const char *chosen)
{
  g_autoptr (GPtrArray) measures = helder_context_list_gate_measures (request->context);
  JsonArray *options = json_array_new ();
  JsonObject *manual = json_object_new ();

  json_object_set_string_member (manual, "value", "");
  json_object_set_string_member (manual, "label", _ ("None: the status is set by hand"));
  json_object_set_boolean_member (manual, "selected", chosen == NULL || chosen[0] == '\0');
  json_array_add_object_element (options, manual);
  for (guint i = 0; i < measures->len; i++)
    {
      const HelderGateMeasure *m = g_ptr_array_index (measures, i);
      JsonObject *option = json_object_new ();

      json_object_set_string_member (option, "value", m->name);
      json_object_set_string_member (
        option, "label",
        g_dgettext (m->gettext_domain ? m->gettext_domain : GETTEXT_PACKAGE, m->label));
      json_object_set_boolean_member (option, "selected", g_strcmp0 (chosen, m->name) == 0);
      json_array_add_object_element (options, option);
    }
  return options;
}

/* The gate the path names, or NULL having answered 404. */
static JsonObject *
lookup_gate (HelderWebRequest *request)
{
  return helder_web_form_lookup (request, "gate", "slug");
}

/* The criterion the path names, on the gate it names; or NULL having
 * answered 404. */
static JsonObject *
lookup_criterion (HelderWebRequest *request, JsonObject *gate)
{
  const HelderEntity *entity = helder_entity_lookup ("criterion");
  const char *id = helder_web_param (request, "id");
  g_autoptr (JsonObject) row = helder_web_form_lookup (request, "criterion", "id");

  if (row == NULL)
    return NULL;
  if (g_strcmp0 (json_object_get_string_member (row, "gate"),
                 json_object_get_string_member (gate, "slug")) != 0)
    {
      g_autoptr (GError) error = NULL;

      g_set_error (&error, HELDER_ERROR, HELDER_ERROR_NOT_FOUND,
                   _ ("gate “%s” has no criterion %s"),
                   json_object_get_string_member (gate, "slug"), id);
      helder_web_respond_gerror (request, entity, error);
      return NULL;
    }
  return g_steal_pointer (&row);
}

/* The criterion page: a new criterion when @row is NULL. */
static void
respond_criterion (HelderWebRequest *request,
                   guint status,
                   JsonObject *gate,
                   JsonObject *row,
                   const CriterionTyped *typed,
                   const GError *problem)
{
  g_autoptr (JsonObject) context = json_object_new ();
  JsonObject *gate_out = json_object_new ();
  JsonObject *form = json_object_new ();
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();
  const char *slug = json_object_get_string_member (gate, "slug");
  g_autofree char *escaped = g_uri_escape_string (slug, NULL, FALSE);
  g_autofree char *action = NULL;
  g_autofree char *title = NULL;

  json_object_set_object_member (context, "gate", gate_out);
  json_object_set_object_member (context, "form", form);
  json_object_set_string_member (gate_out, "slug", escaped);
  json_object_set_string_member (gate_out, "name", json_object_get_string_member (gate, "name"));
  json_object_set_boolean_member (context, "is_new", row == NULL);
  if (row != NULL)
    {
      JsonObject *criterion = json_object_new ();
      const char *current = json_object_get_string_member (row, "status");
      g_autofree char *note_html =
        helder_web_form_markdown_or_empty (helder_web_form_string_or_null (row, "note"));

      json_object_set_object_member (context, "criterion", criterion);
      json_object_set_int_member (criterion, "id", json_object_get_int_member (row, "id"));
      json_object_set_string_member (criterion, "text",
                                     json_object_get_string_member (row, "text"));
      json_object_set_string_member (criterion, "owner",
                                     helder_web_form_string_or_null (row, "owner") ?: "");
      json_object_set_string_member (criterion, "status", current);
      json_object_set_string_member (criterion, "status_label",
                                     helder_web_form_status_label (current));
      json_object_set_string_member (criterion, "note_html", note_html);
      action = g_strdup_printf ("/gates/%s/criteria/%" PRId64, escaped,
                                json_object_get_int_member (row, "id"));
      title = g_strdup (json_object_get_string_member (row, "text"));
      if (typed == NULL)
        {
          g_ptr_array_add (chosen, (gpointer) current);
          json_object_set_string_member (form, "note",
                                         helder_web_form_string_or_null (row, "note") ?: "");
        }
    }
  else
    {
      action = g_strdup_printf ("/gates/%s/criteria", escaped);
      title = g_strdup (_ ("New criterion"));
      if (typed == NULL)
        g_ptr_array_add (chosen, (gpointer) "open");
    }
  if (typed != NULL)
    {
      g_ptr_array_add (chosen, (gpointer) (typed->status ? typed->status : ""));
      json_object_set_string_member (form, "note", typed->note ? typed->note : "");
    }
  if (!json_object_has_member (form, "note"))
    json_object_set_string_member (form, "note", "");
  json_object_set_string_member (form, "action", action);
  json_object_set_string_member (form, "text", typed && typed->text ? typed->text : "");
  json_object_set_string_member (form, "owner", typed && typed->owner ? typed->owner : "");
  json_object_set_array_member (form, "measures",
                                measure_options (request, typed ? typed->measure : NULL));
  json_object_set_string_member (form, "measure_arg",
                                 typed && typed->measure_arg ? typed->measure_arg : "");
  json_object_set_array_member (form, "statuses",
                                helder_web_form_choice_options (criterion_statuses,
                                                                G_N_ELEMENTS (criterion_statuses),
                                                                chosen, "checked"));
  if (problem != NULL)
    helder_web_form_add_error (context, criterion_fields, G_N_ELEMENTS (criterion_fields), problem);
  helder_web_respond_page (request, status, "criterion", title, context);
}

/* Answers a failed write: the form again, or the error page. */
static void
respond_problem (HelderWebRequest *request,
                 JsonObject *gate,
                 JsonObject *row,
                 const CriterionTyped *typed,
                 const GError *error)
{
  if (!helder_web_form_is_input_error (error))
    helder_web_respond_gerror (request, helder_entity_lookup ("criterion"), error);
  else
    respond_criterion (request, helder_web_form_input_error_status (error), gate, row, typed,
                       error);
}

/* GET /gates/{slug}/criteria/new */
void
helder_web_handle_criterion_new (HelderWebRequest *request)
{
  g_autoptr (JsonObject) gate = lookup_gate (request);

  if (gate != NULL)
    respond_criterion (request, 200, gate, NULL, NULL, NULL);
}

/* POST /gates/{slug}/criteria */
void
helder_web_handle_criterion_create (HelderWebRequest *request)
{
  HelderAuditActor actor;
  static const char *const required[] = { "status", NULL };
  const HelderEntity *entity = helder_entity_lookup ("criterion");
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) gate = NULL;
  g_autoptr (JsonObject) values = json_object_new ();
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *note = NULL;
  g_autofree char *key = NULL;
  g_autofree char *measure = NULL;
  g_autofree char *measure_arg = NULL;
  g_autoptr (GPtrArray) measures = NULL;
  CriterionTyped typed;
  const char *slug;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  gate = lookup_gate (request);
  if (gate == NULL)
    return;
  slug = json_object_get_string_member (gate, "slug");
  text = g_strstrip (g_strdup (helder_web_form_form_text (form, "text")));
  owner = g_strstrip (g_strdup (helder_web_form_form_text (form, "owner")));
  note = helder_web_form_form_multiline (form, "note");
  measure = g_strstrip (g_strdup (helder_web_form_form_text (form, "measure")));
  measure_arg = g_strstrip (g_strdup (helder_web_form_form_text (form, "measure_arg")));
  typed = (CriterionTyped){ text, owner,   helder_web_form_form_text (form, "status"),
                            note, measure, measure_arg };

  json_object_set_string_member (values, "gate", slug);
  json_object_set_string_member (values, "text", text);
  json_object_set_string_member (values, "owner", owner);
  /* A computed criterion starts open: its measure sets its status. */
  json_object_set_string_member (values, "status", measure[0] != '\0' ? "open" : typed.status);
  json_object_set_string_member (values, "note", note);
  if (measure[0] != '\0')
    {
      json_object_set_string_member (values, "measure", measure);
      json_object_set_string_member (values, "measure_arg", measure_arg);
    }
  helder_web_request_actor (request, &actor);
  measures = helder_context_list_gate_measures (request->context);
  if (helder_web_form_check_values (request->store, entity, values, required, &error) &&
      helder_gate_measure_check (request->store, measures, measure[0] != '\0' ? measure : NULL,
                                 measure[0] != '\0' || measure_arg[0] != '\0' ? measure_arg : NULL,
                                 &error))
    row = helder_repo_create_as (request->store, &actor, entity, values, slug, &error);
  if (row == NULL)
    {
      respond_problem (request, gate, NULL, &typed, error);
      return;
    }
  key = helder_web_form_id_key (row);
  helder_web_form_redirect_to (request, "/gates", slug, "?done=criterion-added#criteria-title");
}

/* GET /gates/{slug}/criteria/{id} */
void
helder_web_handle_criterion_page (HelderWebRequest *request)
{
  g_autoptr (JsonObject) gate = lookup_gate (request);
  g_autoptr (JsonObject) row = gate != NULL ? lookup_criterion (request, gate) : NULL;

  if (row != NULL)
    respond_criterion (request, 200, gate, row, NULL, NULL);
}

/* POST /gates/{slug}/criteria/{id}: its status, with a note. */
void
helder_web_handle_criterion_update (HelderWebRequest *request)
{
  HelderAuditActor actor;
  static const char *const required[] = { "status", NULL };
  const HelderEntity *entity = helder_entity_lookup ("criterion");
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) gate = NULL;
  g_autoptr (JsonObject) row = NULL;
  g_autoptr (JsonObject) changes = json_object_new ();
  g_autoptr (JsonObject) updated = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *key = NULL;
  CriterionTyped typed;

  form = helder_web_read_form (request);
  if (form == NULL || !helder_web_check_csrf (request, form))
    return;
  gate = lookup_gate (request);
  if (gate == NULL)
    return;
  row = lookup_criterion (request, gate);
  if (row == NULL)
    return;
  key = helder_web_form_id_key (row);
  note = helder_web_form_form_multiline (form, "note");
  typed = (CriterionTyped){ NULL, NULL, helder_web_form_form_text (form, "status"), note };

  json_object_set_string_member (changes, "status", typed.status);
  json_object_set_string_member (changes, "note", note);
  helder_web_request_actor (request, &actor);
  if (helder_web_form_check_values (request->store, entity, changes, required, &error))
    updated =
      helder_repo_update_as (request->store, &actor, entity, key, changes, typed.status, &error);
  if (updated == NULL)
    {
      respond_problem (request, gate, row, &typed, error);
      return;
    }
  helder_web_form_redirect_to (request, "/gates", json_object_get_string_member (gate, "slug"),
                               "?done=criterion-updated#criteria-title");
}
