/* helder-digest.c — a person's weekly digest
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The digest says what the personal page says (helder-personal.c renders
 * both), plus what addins add, as CommonMark in the person's language.
 * Its fingerprint covers the sections only, so that a week in which
 * nothing changed for someone is recognised and no empty mail goes out.
 * Until a role change is discussed the sections themselves say only that
 * a conversation is planned (DESIGN.md §3): the digest reveals nothing the
 * page does not.
 */
#define G_LOG_DOMAIN "helder-digest"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <cmark.h>
#include <glib/gi18n-lib.h>

#include "helder-error.h"
#include "model/helder-entity.h"
#include "services/delivery/helder-digest.h"
#include "services/views/helder-personal.h"

void
helder_digest_clear (HelderDigest *digest)
{
  g_clear_pointer (&digest->source, g_free);
  g_clear_pointer (&digest->subject, g_free);
  g_clear_pointer (&digest->body, g_free);
  g_clear_pointer (&digest->fingerprint, g_free);
  g_clear_pointer (&digest->locale, g_free);
  g_clear_pointer (&digest->link, g_free);
}

/**
 * helder_digest_week:
 * @local_time: a moment in local time
 *
 * Returns: (transfer full): its ISO week, "2026-W48"
 */
char *
helder_digest_week (GDateTime *local_time)
{
  return g_strdup_printf ("%04d-W%02d", g_date_time_get_week_numbering_year (local_time),
                          g_date_time_get_week_of_year (local_time));
}

/**
 * helder_digest_personal_link:
 * @base_url: (nullable): the web server's address
 *
 * Returns: (transfer full): the address of a person's own page, or "" when
 *   there is no server address
 */
char *
helder_digest_personal_link (const char *base_url)
{
  if (base_url == NULL || base_url[0] == '\0')
    return g_strdup ("");
  return g_strconcat (base_url, g_str_has_suffix (base_url, "/") ? "me" : "/me", NULL);
}

/**
 * helder_digest_footer:
 * @link: (nullable): the person's own page
 * @digest: whether it closes a digest rather than a single message
 *
 * The closing lines of every message, in the current gettext language.
 *
 * Returns: (transfer full): CommonMark, starting with a thematic break
 */
char *
helder_digest_footer (const char *link, gboolean digest)
{
  GString *out = g_string_new ("\n\n---\n\n");

  if (digest)
    g_string_append (out,
                     _ ("You get this overview once a week, only when something changed for you."));
  else
    g_string_append (out, _ ("You get this message because the transition concerns you."));
  if (link != NULL && link[0] != '\0')
    {
      g_string_append_c (out, ' ');
      /* The <…> form keeps any character of the address out of the syntax. */
      g_string_append_printf (
        out,
        _ (
          "[Your own page](<%s>) always shows your transition, the promises made to you and what is coming."),
        link);
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/**
 * helder_digest_compose:
 * @store: the store
 * @person: whose digest
 * @week: the ISO week it covers, "2026-W48"
 * @today: YYYY-MM-DD
 * @base_url: the web server's address, for the link to the person's page
 * @sections: (nullable) (element-type HelderDigestSection): addins' sections
 * @digest: (out caller-allocates): the result
 * @error: set when the person does not exist or a section fails
 *
 * Composes @person's digest in the current gettext language; the caller
 * switches to the person's language first (helder_language_use).
 *
 * Returns: %TRUE when @digest is filled in
 */
gboolean
helder_digest_compose (HelderStore *store,
                       gint64 person,
                       const char *week,
                       const char *today,
                       const char *base_url,
                       GPtrArray *sections,
                       HelderDigest *digest,
                       GError **error)
{
  g_autoptr (JsonObject) personal = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *footer = NULL;
  g_autoptr (GString) content = NULL;
  JsonObject *me;
  const char *name;
  const char *locale;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (week != NULL && digest != NULL, FALSE);

  memset (digest, 0, sizeof *digest);
  personal = helder_personal_compute (store, person, today, error);
  if (personal == NULL)
    return FALSE;
  markdown = helder_personal_to_markdown (personal, error);
  if (markdown == NULL)
    return FALSE;
  content = g_string_new (markdown);
  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      const HelderDigestSection *section = g_ptr_array_index (sections, i);
      g_autoptr (GError) local = NULL;
      g_autofree char *text = section->func (store, person, today, section->user_data, &local);

      if (local != NULL)
        {
          g_set_error (error, HELDER_ERROR, local->code, _ ("digest section “%s”: %s"),
                       section->name, local->message);
          return FALSE;
        }
      if (text != NULL && text[0] != '\0')
        g_string_append_printf (content, "\n%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");
    }

  me = json_object_get_object_member (personal, "person");
  name = json_object_get_string_member_with_default (me, "name", "");
  locale = json_object_get_string_member_with_default (me, "locale", "nl");
  digest->source = g_strdup_printf ("digest:%" PRId64 ":%s", person, week);
  digest->fingerprint =
    g_compute_checksum_for_string (G_CHECKSUM_SHA256, content->str, content->len);
  digest->link = helder_digest_personal_link (base_url);
  footer = helder_digest_footer (digest->link, TRUE);
  /* Translators: the subject of the weekly digest; %d is the number of the week */
  digest->subject = g_strdup_printf (
    _ ("Your transition in week %d"),
    (int) g_ascii_strtoll (strchr (week, 'W') ? strchr (week, 'W') + 1 : week, NULL, 10));
  if (name[0] != '\0')
    {
      /* Translators: the first line of the weekly digest; %s is the person's name */
      g_autoptr (GString) escaped = g_string_new (NULL);
      g_autofree char *greeting = NULL;

      helder_markdown_append_inline (escaped, name);
      greeting =
        g_strdup_printf (_ ("Hello %s, this is where your transition stands."), escaped->str);

      digest->body = g_strdup_printf ("%s\n\n%s%s", greeting, content->str, footer);
    }
  else
    digest->body = g_strdup_printf ("%s%s", content->str, footer);
  digest->locale = g_strdup (locale);
  return TRUE;
}
