/* helder-web-audit-detail.c — an audit entry's detail in the reader's language
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit log keeps what happened in Helder's own words, the same for
 * every reader ("personal page on 2026-12-01", "6 roles to fill, 11 people
 * to place", a status or a role): the log is evidence, and a detail does
 * not change with the language of whoever caused it. The page that shows
 * the log says them in the language of whoever reads it; a detail it does
 * not know (a note, field names) is shown as it was written.
 */
#define G_LOG_DOMAIN "helder-web"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "model/helder-date.h"
#include "model/helder-entity.h"
#include "model/helder-field.h"
#include "services/delivery/helder-rsvp.h"
#include "web/helder-web.h"
#include "web/helder-web-audit-detail.h"

typedef struct
{
  const char *detail;
  const char *label;
} Label;

/* Details that are one of Helder's words: what was read, a status, a
 * decision, the role someone signed in with. */
static const Label labels[] = {
  { "personal page", N_ ("personal page") },
  { "calendar feed", N_ ("calendar feed") },
  { "edit form", N_ ("edit form") },
  { "rsvp", N_ ("who comes") },
  { "note", N_ ("note") },
  { "advisor", N_ ("strategic advisor") },
  { "hr", N_ ("HR") },
  { "employee", N_ ("employee") },
  { "employee (message link)", N_ ("employee (message link)") },
  { "open", N_ ("open") },
  { "kept", N_ ("kept") },
  { "late", N_ ("late") },
  { "broken", N_ ("broken") },
  { "withdrawn", N_ ("withdrawn") },
  { "draft", N_ ("draft") },
  { "approved", N_ ("approved") },
  { "sent", N_ ("sent") },
  { "cancelled", N_ ("cancelled") },
  { "go", N_ ("go") },
  { "nogo", N_ ("nogo") },
  { "postponed", N_ ("postponed") },
};

/* "6 roles to fill, 11 people to place" (the HR board read) */
static char *
hr_board_text (const char *detail)
{
  unsigned roles, people;
  int end = -1;

  if (sscanf (detail, "%u roles to fill, %u people to place%n", &roles, &people, &end) != 2 ||
      end < 0 || detail[end] != '\0')
    return NULL;
  {
    g_autofree char *fill = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u role to fill", "%u roles to fill", roles), roles);
    g_autofree char *place = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u person to place", "%u people to place", people), people);

    /* TRANSLATORS: the HR board as it was read: "6 roles to fill, 11 people to place" */
    return g_strdup_printf (_ ("%s, %s"), fill, place);
  }
}

/* "email, name": the fields a change touched, by their labels */
static char *
fields_text (const char *entity_name, const char *detail)
{
  const HelderEntity *entity = entity_name != NULL ? helder_entity_lookup (entity_name) : NULL;
  g_auto (GStrv) names = NULL;

  if (entity == NULL || detail[0] == '\0')
    return NULL;
  names = g_strsplit (detail, ", ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const HelderField *field = helder_entity_get_field (entity, names[i]);

      if (field == NULL)
        return NULL;
      g_free (names[i]);
      names[i] = g_strdup (helder_field_get_label (field));
    }
  return g_strjoinv (", ", names);
}

/**
 * helder_web_audit_detail_text:
 * @entity: (nullable): what the entry is about ("person", "hr_board")
 * @detail: (nullable): the entry's detail as stored
 *
 * Returns: (transfer full): @detail as the current language says it
 */
char *
helder_web_audit_detail_text (const char *entity, const char *detail)
{
  char *text;

  if (detail == NULL)
    return g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (detail, labels[i].detail))
      return g_strdup (_ (labels[i].label));
  /* a meeting's answer */
  if (helder_rsvp_answer_valid (detail))
    return g_strdup (helder_rsvp_answer_label (detail));
  /* "personal page on 2026-12-01": someone read the page as of a day */
  if (g_str_has_prefix (detail, "personal page on ") &&
      helder_date_parse (detail + strlen ("personal page on "), NULL))
    {
      g_autofree char *day = helder_web_format_date (detail + strlen ("personal page on "));
      /* TRANSLATORS: someone read a person's page as it read on that day */
      return g_strdup_printf (_ ("personal page as of %s"), day);
    }
  /* "intended for servicemanager": a placement recorded on the HR board */
  if (g_str_has_prefix (detail, "intended for "))
    return g_strdup_printf (_ ("intended for %s"), detail + strlen ("intended for "));
  if ((text = hr_board_text (detail)) != NULL)
    return text;
  /* "digest weekly": someone chose how often they get the digest */
  if (g_str_has_prefix (detail, "digest ") && strchr (detail + strlen ("digest "), ' ') == NULL)
    {
      const char *choice = detail + strlen ("digest ");
      const char *label = g_str_equal (choice, "weekly")    ? _ ("weekly")
                          : g_str_equal (choice, "off")     ? _ ("off")
                          : g_str_equal (choice, "default") ? _ ("default")
                                                            : choice;
      /* TRANSLATORS: someone changed how often they get the weekly digest */
      return g_strdup_printf (_ ("digest: %s"), label);
    }
  if ((text = fields_text (entity, detail)) != NULL)
    return text;
  return g_strdup (detail);
}
