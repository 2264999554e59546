/* helder-web-hr.c — the HR board and the audit log, as pages and as JSON
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /hr shows the roles to fill and the people to place
 * (services/views/helder-hr.h) with a form that records an intended placement;
 * POST /hr/placements takes that form. GET /audit pages through the audit
 * log (services/access/helder-audit.h) for the advisor. Reading the board is one
 * audit line; every placement recorded is another.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/access/helder-audit.h"
#include "services/views/helder-hr.h"
#include "services/repo/helder-repo.h"
#include "web/helder-web-audit-detail.h"
#include "web/helder-web-hr-slice.h"
#include "web/helder-web-private.h"

#define AUDIT_PAGE_SIZE 50
#define AUDIT_API_LIMIT 50
#define AUDIT_API_MAX   500

typedef struct
{
  const char *value;
  const char *label;
} Label;

static const Label status_labels[] = {
  /* placements */
  { "intended", N_ ("intended") },
  { "confirmed", N_ ("confirmed") },
  { "withdrawn", N_ ("withdrawn") },
  /* role changes */
  { "draft", N_ ("draft") },
  { "decided", N_ ("decided") },
  { "discussed", N_ ("discussed") },
  { "accepted", N_ ("accepted") },
  { "objection", N_ ("objection") },
  /* role fates */
  { "continues", N_ ("continues") },
  { "changes", N_ ("changes") },
  { "lapses", N_ ("lapses") },
  { "new", N_ ("new") },
};

static const Label kind_labels[] = {
  { "current", N_ ("current role") },
  { "regie", N_ ("regie role") },
  { "supplier", N_ ("supplier role") },
};

static const Label action_labels[] = {
  { "read", N_ ("read") },
  { "create", N_ ("created") },
  { "update", N_ ("changed") },
  { "delete", N_ ("deleted") },
  { "approve", N_ ("approved") },
  { "cancel", N_ ("cancelled") },
  { "supersede", N_ ("superseded") },
  { "decide", N_ ("decided") },
  { "record", N_ ("recorded") },
  { "login", N_ ("signed in") },
  { "logout", N_ ("signed out") },
  { "issue", N_ ("issued") },
  { "revoke", N_ ("revoked") },
  { "export", N_ ("exported") },
  { "erase", N_ ("erased") },
};

static const Label actor_role_labels[] = {
  { "advisor", N_ ("strategic advisor") },
  { "hr", N_ ("HR") },
  { "employee", N_ ("employee") },
  { "cli", N_ ("command line") },
  { "system", N_ ("Helder") },
  { "setup", N_ ("setting up the programme") },
};

/* Things in the audit log that are not entities of the domain. */
static const Label entity_labels[] = {
  { "hr_board", N_ ("HR board") },         { "session", N_ ("session") },
  { "access_token", N_ ("access token") }, { "token", N_ ("access token") },
  { "calendar", N_ ("calendar feed") },    { "me", N_ ("own page") },
  { "setting", N_ ("setting") },
};

static const char *
label_for (const Label *labels, gsize n_labels, const char *value)
{
  if (value == NULL)
    return "";
  for (gsize i = 0; i < n_labels; i++)
    if (g_str_equal (labels[i].value, value))
      return _ (labels[i].label);
  return value;
}

#define LABEL(table, value) label_for (table, G_N_ELEMENTS (table), value)

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* "1", "1,5" (nl) or "1.5" (en); at most two decimals. */
static char *
format_fte (HelderWebRequest *request, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
  char *dot = strchr (text, '.');

  if (dot != NULL)
    {
      char *end = text + strlen (text) - 1;

      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *dot = '\0';
      else if (g_strcmp0 (request->lang, "nl") == 0)
        *dot = ',';
    }
  if (g_str_equal (text, "-0"))
    {
      g_free (text);
      text = g_strdup ("0");
    }
  return text;
}

static JsonObject *
option (const char *value, const char *label, const char *chosen)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "value", value);
  json_object_set_string_member (object, "label", label);
  json_object_set_boolean_member (object, "selected", g_strcmp0 (value, chosen) == 0);
  return object;
}

/* Adds the labels and texts people read to the board's roles. */
static char *
over_placed_text (HelderWebRequest *request, JsonObject *role)
{
  g_autofree char *fte = format_fte (request, json_object_get_double_member (role, "fte"));

  return helder_hr_over_placed_text (role, fte);
}

/* "and 12 others": the people of a role's list not named on the board. */
static void
set_more (JsonObject *role, const char *list, gint64 total, const char *member)
{
  gint64 more = total - (gint64) json_array_get_length (json_object_get_array_member (role, list));

  if (more > 0)
    {
      /* TRANSLATORS: after the first names of a list: how many are not shown */
      g_autofree char *text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "and %u other", "and %u others", (gulong) more),
        (guint) more);
      json_object_set_string_member (role, member, text);
    }
}

/* The counts per role-change status, and what the lists leave out. */
static void
decorate_role_lists (JsonObject *role)
{
  JsonArray *counts = json_object_get_array_member (role, "role_change_counts");
  g_autofree char *escaped = g_uri_escape_string (member_string (role, "slug"), NULL, FALSE);
  g_autofree char *href = g_strdup_printf ("/hr?placements_role=%s#placements", escaped);

  for (guint j = 0; j < json_array_get_length (counts); j++)
    {
      JsonObject *count = json_array_get_object_element (counts, j);

      json_object_set_string_member (count, "status_label",
                                     LABEL (status_labels, member_string (count, "status")));
    }
  json_object_set_string_member (role, "placements_href", href);
  set_more (role, "confirmed", json_object_get_int_member (role, "n_confirmed"), "confirmed_more");
  set_more (role, "intended", json_object_get_int_member (role, "n_intended"), "intended_more");
  set_more (role, "role_changes", json_object_get_int_member (role, "n_role_changes"),
            "role_changes_more");
}

static void
decorate_roles (HelderWebRequest *request,
                JsonArray *roles,
                JsonArray *role_options,
                JsonArray *over_placed,
                const char *chosen_role)
{
  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);

      if (json_object_get_boolean_member (role, "over_placed"))
        {
          JsonObject *warning = json_object_new ();
          g_autofree char *text = over_placed_text (request, role);

          json_object_set_string_member (warning, "text", text);
          json_array_add_object_element (over_placed, warning);
        }
    }
  for (guint i = 0; i < json_array_get_length (roles); i++)
    {
      JsonObject *role = json_array_get_object_element (roles, i);
      JsonArray *changes = json_object_get_array_member (role, "role_changes");
      JsonNode *fte = json_object_get_member (role, "fte");
      g_autofree char *label = NULL;

      json_object_set_boolean_member (
        role, "has_confirmed",
        json_array_get_length (json_object_get_array_member (role, "confirmed")) > 0);
      json_object_set_boolean_member (
        role, "has_intended",
        json_array_get_length (json_object_get_array_member (role, "intended")) > 0);
      json_object_set_boolean_member (role, "has_role_changes",
                                      json_array_get_length (changes) > 0);
      json_object_set_string_member (role, "kind_label",
                                     LABEL (kind_labels, member_string (role, "kind")));
      json_object_set_string_member (role, "fate_label",
                                     LABEL (status_labels, member_string (role, "fate")));
      for (guint j = 0; j < json_array_get_length (changes); j++)
        {
          JsonObject *change = json_array_get_object_element (changes, j);

          json_object_set_string_member (change, "status_label",
                                         LABEL (status_labels, member_string (change, "status")));
        }
      decorate_role_lists (role);
      if (JSON_NODE_HOLDS_NULL (fte))
        {
          json_object_set_string_member (role, "fte_text", _ ("not set"));
          json_object_set_string_member (role, "fte_open_text", _ ("unknown"));
          label = g_strdup (member_string (role, "name"));
        }
      else
        {
          double open = json_object_get_double_member (role, "fte_open");
          g_autofree char *fte_text = format_fte (request, json_node_get_double (fte));
          g_autofree char *open_text = format_fte (request, ABS (open));

          json_object_set_string_member (role, "fte_text", fte_text);
          if (open < 0)
            {
              /* TRANSLATORS: more people are confirmed for a role than its FTE */
              g_autofree char *over = g_strdup_printf (_ ("%s over"), open_text);
              json_object_set_string_member (role, "fte_open_text", over);
            }
          else
            json_object_set_string_member (role, "fte_open_text", open_text);
          /* TRANSLATORS: a role in a list to choose from: name — FTE still open */
          label = g_strdup_printf (_ ("%s — %s FTE open"), member_string (role, "name"),
                                   open < 0 ? "0" : open_text);
        }
      json_array_add_object_element (role_options,
                                     option (member_string (role, "slug"), label, chosen_role));
    }
}

static void
decorate_unplaced (JsonArray *unplaced)
{
  for (guint i = 0; i < json_array_get_length (unplaced); i++)
    {
      JsonObject *person = json_array_get_object_element (unplaced, i);
      const char *status = member_string (person, "status");
      const char *expected = member_string (person, "decision_expected");
      g_autofree char *decision =
        expected != NULL ? helder_web_format_date (expected) : g_strdup ("");

      json_object_set_string_member (person, "fate_label",
                                     LABEL (status_labels, member_string (person, "fate")));
      json_object_set_string_member (person, "status_label",
                                     status != NULL ? LABEL (status_labels, status) : "");
      json_object_set_string_member (person, "decision_text", decision);
      if (member_string (person, "to_role_name") != NULL)
        {
          /* TRANSLATORS: after a role-change status: the role it leads to */
          g_autofree char *to =
            g_strdup_printf (_ ("to %s"), member_string (person, "to_role_name"));
          json_object_set_string_member (person, "to_text", to);
        }
      else
        json_object_set_string_member (person, "to_text", "");
      json_object_set_boolean_member (
        person, "has_intended",
        json_array_get_length (json_object_get_array_member (person, "intended")) > 0);
    }
}

static void
decorate_placements (JsonArray *placements)
{
  for (guint i = 0; i < json_array_get_length (placements); i++)
    {
      JsonObject *placement = json_array_get_object_element (placements, i);
      g_autofree char *note = helder_web_markdown (member_string (placement, "note"));
      g_autofree char *updated =
        helder_web_format_datetime (member_string (placement, "updated_at"));

      const char *status = member_string (placement, "status");

      json_object_set_string_member (placement, "status_label", LABEL (status_labels, status));
      json_object_set_boolean_member (placement, "can_confirm",
                                      g_strcmp0 (status, "intended") == 0);
      json_object_set_boolean_member (placement, "can_withdraw",
                                      g_strcmp0 (status, "withdrawn") != 0);
      json_object_set_string_member (placement, "note_html", note);
      json_object_set_string_member (placement, "updated_text", updated);
    }
}

/* The banner after HR's change of a placement: ?placed=ID (recorded as
 * intended), ?confirmed=ID or ?withdrawn=ID. */
static char *
placed_message (HelderWebRequest *request)
{
  static const char *const kinds[] = { "placed", "confirmed", "withdrawn" };
  const char *placed = NULL;
  const char *kind = NULL;
  g_autoptr (JsonObject) placement = NULL;
  g_autoptr (JsonObject) person = NULL;
  g_autoptr (JsonObject) role = NULL;
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (kinds) && placed == NULL; i++)
    if ((placed = helder_web_query (request, kinds[i])) != NULL)
      kind = kinds[i];
  if (placed == NULL || !g_ascii_string_to_signed (placed, 10, 1, G_MAXINT64, &id, NULL))
    return NULL;
  placement = helder_repo_get (request->store, helder_entity_lookup ("placement"), placed, NULL);
  if (placement == NULL)
    return NULL;
  {
    g_autofree char *person_key =
      g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (placement, "person"));
    person = helder_repo_get (request->store, helder_entity_lookup ("person"), person_key, NULL);
  }
  role = helder_repo_get (request->store, helder_entity_lookup ("role"),
                          member_string (placement, "role"), NULL);
  if (person == NULL || role == NULL)
    return NULL;
  if (g_str_equal (kind, "confirmed"))
    /* TRANSLATORS: after confirming a placement: person, role */
    return g_strdup_printf (
      _ (
        "Confirmed: %s for the role “%s”. Their role change now leads to this role and is decided."),
      member_string (person, "name"), member_string (role, "name"));
  if (g_str_equal (kind, "withdrawn"))
    /* TRANSLATORS: after withdrawing a placement: person, role */
    return g_strdup_printf (
      _ (
        "Withdrawn: %s for the role “%s”. A role change that was decided by it is open again (draft)."),
      member_string (person, "name"), member_string (role, "name"));
  /* TRANSLATORS: after recording a placement: person, role */
  return g_strdup_printf (_ ("Recorded: %s is intended for the role “%s”."),
                          member_string (person, "name"), member_string (role, "name"));
}

/* Renders the board page; @form_values and @errors are the submitted form
 * and its problems when it is shown again after a mistake. */
static void
render_board (HelderWebRequest *request,
              guint status,
              GHashTable *form_values,
              JsonObject *errors,
              JsonArray *error_list)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) board = NULL;
  g_autoptr (JsonObject) context = json_object_new ();
  HelderWebHrPages pages;
  g_autofree char *placed = NULL;
  g_autofree char *fte_text = NULL;
  g_autofree char *fte_open_text = NULL;
  g_autofree char *detail = NULL;
  JsonObject *totals, *form;
  JsonArray *roles, *unplaced, *placements, *role_options, *over_placed;
  const char *chosen_person = form_values ? g_hash_table_lookup (form_values, "person") : NULL;
  const char *chosen_role = form_values ? g_hash_table_lookup (form_values, "role") : NULL;
  const char *note = form_values ? g_hash_table_lookup (form_values, "note") : NULL;

  if (!helder_web_hr_pages_read (request, &pages))
    return;
  board = helder_hr_board_slice (request->store, &pages.slice, &error);
  if (board == NULL)
    {
      helder_web_hr_pages_clear (&pages);
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  if (!helder_web_hr_pages_finish (request, &pages, board, context))
    {
      helder_web_hr_pages_clear (&pages);
      return;
    }
  if (pages.placements_role != NULL)
    json_object_set_string_member (context, "placements_role", pages.placements_role);
  helder_web_hr_pages_clear (&pages);
  roles = json_object_get_array_member (board, "roles");
  unplaced = json_object_get_array_member (board, "unplaced");
  placements = json_object_get_array_member (board, "placements");
  totals = json_object_get_object_member (board, "totals");

  form = json_object_new ();
  json_object_set_string_member (form, "person", chosen_person != NULL ? chosen_person : "");
  role_options = json_array_new ();
  over_placed = json_array_new ();
  decorate_roles (request, roles, role_options, over_placed, chosen_role);
  json_object_set_boolean_member (context, "has_over_placed",
                                  json_array_get_length (over_placed) > 0);
  json_object_set_array_member (context, "over_placed", over_placed);
  decorate_unplaced (unplaced);
  decorate_placements (placements);
  json_object_set_array_member (form, "roles", role_options);
  json_object_set_string_member (form, "note", note != NULL ? note : "");

  fte_text = format_fte (request, json_object_get_double_member (totals, "fte"));
  fte_open_text = format_fte (request, json_object_get_double_member (totals, "fte_open"));
  json_object_set_string_member (totals, "fte_text", fte_text);
  json_object_set_string_member (totals, "fte_open_text", fte_open_text);
  {
    /* TRANSLATORS: under the number of FTE still open: of the total FTE */
    g_autofree char *label = g_strdup_printf (_ ("FTE still open (of %s)"), fte_text);
    json_object_set_string_member (totals, "fte_open_label", label);
  }
  json_object_set_boolean_member (totals, "has_open",
                                  json_object_get_double_member (totals, "fte_open") > 0);
  {
    /* The tiles' words agree with their numbers: "1 persoon beoogd". */
    gulong to_fill = (gulong) json_object_get_int_member (totals, "roles_to_fill");
    gulong intended = (gulong) json_object_get_int_member (totals, "n_intended");
    gulong to_place = (gulong) json_object_get_int_member (totals, "unplaced");

    json_object_set_string_member (
      totals, "roles_to_fill_label",
      g_dngettext (GETTEXT_PACKAGE, "role to fill", "roles to fill", to_fill));
    json_object_set_string_member (
      totals, "n_intended_label",
      g_dngettext (GETTEXT_PACKAGE, "person intended", "people intended", intended));
    json_object_set_string_member (
      totals, "unplaced_label",
      g_dngettext (GETTEXT_PACKAGE, "person still to place", "people still to place", to_place));
  }

  json_object_set_boolean_member (context, "has_roles", json_array_get_length (roles) > 0);
  json_object_set_boolean_member (context, "has_unplaced", json_array_get_length (unplaced) > 0);
  json_object_set_boolean_member (context, "has_placements",
                                  json_array_get_length (placements) > 0);
  json_object_set_object_member (context, "totals", json_object_ref (totals));
  json_object_set_array_member (context, "roles", json_array_ref (roles));
  json_object_set_array_member (context, "unplaced", json_array_ref (unplaced));
  json_object_set_array_member (context, "placements", json_array_ref (placements));
  json_object_set_object_member (context, "form", form);
  json_object_set_object_member (context, "errors",
                                 errors != NULL ? json_object_ref (errors) : json_object_new ());
  json_object_set_boolean_member (context, "has_errors",
                                  error_list != NULL && json_array_get_length (error_list) > 0);
  json_object_set_array_member (
    context, "error_list", error_list != NULL ? json_array_ref (error_list) : json_array_new ());
  if (status == SOUP_STATUS_OK && (placed = placed_message (request)) != NULL)
    json_object_set_string_member (context, "placed", placed);

  /* The board shown again after a mistake in the form is not a new read,
   * and bad input changes nothing, the audit log included. */
  if (status == SOUP_STATUS_OK)
    {
      detail =
        g_strdup_printf ("%u roles to fill, %u people to place", json_array_get_length (roles),
                         (guint) json_object_get_int_member (totals, "unplaced"));
      helder_web_audit (request, "read", "hr_board", "", 0, detail);
    }
  helder_web_respond_page (request, status, "hr", _ ("HR board"), context);
}

void
helder_web_handle_hr_board (HelderWebRequest *request)
{
  render_board (request, SOUP_STATUS_OK, NULL, NULL, NULL);
}

/* Shows the form again with @message next to @field (NULL: only at the top). */
static void
refuse_form (HelderWebRequest *request,
             guint status,
             GHashTable *form,
             const char *field,
             const char *message)
{
  g_autoptr (JsonObject) errors = json_object_new ();
  g_autoptr (JsonArray) error_list = json_array_new ();
  JsonObject *item = json_object_new ();
  const char *label = NULL;

  if (g_strcmp0 (field, "person") == 0)
    label = _ ("Person");
  else if (g_strcmp0 (field, "role") == 0)
    label = _ ("Role to fill");
  else if (g_strcmp0 (field, "note") == 0)
    label = _ ("Note");

  if (label != NULL)
    {
      g_autofree char *anchor = g_strdup_printf ("hr-%s", field);
      g_autofree char *prefix = g_strdup_printf ("%s: ", field);
      g_autofree char *summary = NULL;

      /* next to the field its name goes without saying; the summary
       * names it as the form's label does */
      if (g_str_has_prefix (message, prefix))
        message += strlen (prefix);
      /* TRANSLATORS: in the list of problems of a form: field label, message */
      summary = g_strdup_printf (_ ("%s: %s"), label, message);
      json_object_set_string_member (errors, field, message);
      json_object_set_string_member (item, "anchor", anchor);
      json_object_set_string_member (item, "message", summary);
    }
  else
    json_object_set_string_member (item, "message", message);
  json_array_add_object_element (error_list, item);
  render_board (request, status, form, errors, error_list);
}

void
helder_web_handle_hr_place (HelderWebRequest *request)
{
  static const char *const known[] = { "csrf", "person", "role", "note", NULL };
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) placement = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *person = NULL;
  g_autofree char *location = NULL;
  g_autofree char *record = NULL;
  HelderAuditActor actor;
  GHashTableIter iter;
  gpointer key;
  const char *role, *note;

  form = helder_web_read_form (request);
  if (form == NULL)
    return;
  if (!helder_web_check_csrf (request, form))
    return;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (known, key))
      {
        g_autofree char *message =
          g_strdup_printf (_ ("%s: unknown field of this form"), (const char *) key);
        helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", key, message);
        return;
      }

  person = g_strstrip (
    g_strdup (g_hash_table_lookup (form, "person") ? g_hash_table_lookup (form, "person") : ""));
  role = g_hash_table_lookup (form, "role");
  note = g_hash_table_lookup (form, "note");

  helder_web_request_actor (request, &actor);
  placement =
    helder_hr_place_as (request->store, &actor, person, role != NULL ? role : "", note, &error);
  if (placement == NULL)
    {
      g_autofree char *field = helder_web_error_field (helder_entity_lookup ("placement"), error);

      if (error->domain == HELDER_ERROR && error->code == HELDER_ERROR_INVALID)
        refuse_form (request, SOUP_STATUS_BAD_REQUEST, form, field, error->message);
      else if (error->domain == HELDER_ERROR && error->code == HELDER_ERROR_CONFLICT)
        refuse_form (request, SOUP_STATUS_CONFLICT, form, field, error->message);
      else
        helder_web_respond_gerror (request, helder_entity_lookup ("placement"), error);
      return;
    }

  record = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (placement, "id"));
  location = g_strdup_printf ("/hr?placed=%s", record);
  helder_web_redirect (request, location);
}

/* ---- the audit log ---------------------------------------------------------- */

static const char *
entity_label (const char *name)
{
  const HelderEntity *entity = name != NULL ? helder_entity_lookup (name) : NULL;

  if (entity != NULL)
    return helder_entity_get_label (entity);
  return LABEL (entity_labels, name);
}

/* Reads an unsigned query parameter; answers 400 itself when it is not one
 * between @min and @max. */
static gboolean
query_number (HelderWebRequest *request,
              const char *name,
              guint64 min,
              guint64 max,
              guint64 fallback,
              guint64 *value)
{
  const char *text = helder_web_query (request, name);
  g_autofree char *message = NULL;

  if (request->query != NULL && text == NULL && g_hash_table_contains (request->query, name))
    text = ""; /* present but not UTF-8 */
  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (g_ascii_string_to_unsigned (text, 10, min, max, value, NULL))
    return TRUE;
  if (max >= G_MAXUINT32 / AUDIT_PAGE_SIZE)
    /* TRANSLATORS: a query parameter that is not a number, or too small */
    message =
      g_strdup_printf (_ ("%s: “%s” is not a whole number of %u or more"), name, text, (guint) min);
  else
    /* TRANSLATORS: a query parameter that is not a number in range */
    message = g_strdup_printf (_ ("%s: “%s” is not a whole number from %u to %u"), name, text,
                               (guint) min, (guint) max);
  helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
  return FALSE;
}

void
helder_web_handle_audit_page (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) list = NULL;
  g_autoptr (JsonObject) context = json_object_new ();
  g_autofree char *summary = NULL;
  g_autofree char *page_text = NULL;
  JsonArray *items;
  guint64 page, total, pages;

  if (!query_number (request, "page", 1, G_MAXUINT32 / AUDIT_PAGE_SIZE, 1, &page))
    return;
  list = helder_audit_list (request->store, AUDIT_PAGE_SIZE, (guint) ((page - 1) * AUDIT_PAGE_SIZE),
                            &error);
  if (list == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  total = (guint64) json_object_get_int_member (list, "total");
  pages = MAX ((total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE, 1);
  if (page > pages)
    {
      g_autofree char *message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "page: there is no page %u; the audit log has %u page",
                     "page: there is no page %u; the audit log has %u pages", (gulong) pages),
        (guint) page, (guint) pages);
      helder_web_respond_error (request, SOUP_STATUS_NOT_FOUND, "not_found", "page", message);
      return;
    }

  items = json_object_get_array_member (list, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *at = helder_web_format_datetime (member_string (item, "at"));
      JsonNode *subject = json_object_get_member (item, "subject");
      const char *subject_name = member_string (item, "subject_name");

      g_autofree char *detail = helder_web_audit_detail_text (member_string (item, "entity"),
                                                              member_string (item, "detail"));

      json_object_set_string_member (item, "at_text", at);
      json_object_set_string_member (item, "detail_text", detail);
      json_object_set_string_member (item, "actor_role_label",
                                     LABEL (actor_role_labels, member_string (item, "actor_role")));
      json_object_set_string_member (item, "action_label",
                                     LABEL (action_labels, member_string (item, "action")));
      json_object_set_string_member (item, "entity_label",
                                     entity_label (member_string (item, "entity")));
      if (subject == NULL || JSON_NODE_HOLDS_NULL (subject))
        json_object_set_string_member (item, "subject_text", "—");
      else if (subject_name != NULL)
        {
          g_autofree char *href =
            g_strdup_printf ("/people/%" G_GINT64_FORMAT, json_node_get_int (subject));

          json_object_set_string_member (item, "subject_text", subject_name);
          json_object_set_string_member (item, "subject_href", href);
        }
      else
        {
          /* TRANSLATORS: the person of an audit entry no longer exists */
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (subject));
          g_autofree char *gone = g_strdup_printf (_ ("person %s (erased)"), id);
          json_object_set_string_member (item, "subject_text", gone);
        }
    }

  summary = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u entry in the log", "%u entries in the log", (gulong) total),
    (guint) total);
  /* TRANSLATORS: page navigation: page 2 of 7 */
  page_text = g_strdup_printf (_ ("Page %u of %u"), (guint) page, (guint) pages);
  json_object_set_boolean_member (context, "has_items", json_array_get_length (items) > 0);
  json_object_set_array_member (context, "items", json_array_ref (items));
  json_object_set_string_member (context, "summary", summary);
  json_object_set_string_member (context, "page_text", page_text);
  if (page > 1)
    {
      g_autofree char *prev = g_strdup_printf ("/audit?page=%" G_GUINT64_FORMAT, page - 1);
      json_object_set_string_member (context, "prev_href", prev);
    }
  if (page < pages)
    {
      g_autofree char *next = g_strdup_printf ("/audit?page=%" G_GUINT64_FORMAT, page + 1);
      json_object_set_string_member (context, "next_href", next);
    }
  helder_web_respond_page (request, SOUP_STATUS_OK, "audit", _ ("Audit log"), context);
}

void
helder_web_handle_api_audit (HelderWebRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) list = NULL;
  guint64 limit, offset;

  if (request->query != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, request->query);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_str_equal (key, "limit") && !g_str_equal (key, "offset"))
          {
            g_autofree char *name = g_utf8_make_valid (key, -1);
            g_autofree char *message =
              g_strdup_printf (_ ("%s: unknown parameter (use limit and offset)"), name);

            helder_web_respond_error (request, SOUP_STATUS_BAD_REQUEST, "invalid", name, message);
            return;
          }
    }
  if (!query_number (request, "limit", 1, AUDIT_API_MAX, AUDIT_API_LIMIT, &limit) ||
      !query_number (request, "offset", 0, G_MAXUINT32, 0, &offset))
    return;
  list = helder_audit_list (request->store, (guint) limit, (guint) offset, &error);
  if (list == NULL)
    {
      helder_web_respond_gerror (request, NULL, error);
      return;
    }
  json_object_set_int_member (list, "limit", (gint64) limit);
  json_object_set_int_member (list, "offset", (gint64) offset);
  helder_web_respond_object (request, SOUP_STATUS_OK, list);
}
