/* helder-digest.c — a person's weekly digest
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The digest says what the personal page says (helder-personal.c renders
 * both), plus what addins add, as CommonMark in the person's language. It
 * opens with what is new since the person's previous digest; a week in
 * which nothing is new for someone, and nothing an addin says changed
 * (the fingerprint covers the addins' sections), sends no mail.
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
 * helder_digest_since:
 * @store: the store
 * @person: whose digest
 * @week: the ISO week of the digest being composed
 * @today: YYYY-MM-DD
 * @first: (out) (optional): set to whether @person had no digest before
 * @error: set when the store fails
 *
 * Where "new" begins in @person's digest of @week: when their previous
 * digest (of an earlier week) was queued for them, or for a first digest
 * the start of the day a week ago (HELDER_PERSONAL_FIRST_DAYS).
 *
 * Returns: (transfer full): UTC "…Z", or %NULL with @error
 */
char *
helder_digest_since (HelderStore *store,
                     gint64 person,
                     const char *week,
                     const char *today,
                     gboolean *first,
                     GError **error)
{
  g_autoptr (HelderStmt) stmt = NULL;
  g_autofree char *prefix = g_strdup_printf ("digest:%" PRId64 ":", person);
  g_autofree char *source = g_strconcat (prefix, week, NULL);
  char *since;
  int rc;

  stmt = helder_store_prepare (store,
                               "SELECT created_at FROM delivery WHERE person = ?1"
                               " AND fingerprint IS NOT NULL AND source > ?2 AND source < ?3"
                               " ORDER BY source DESC LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, source, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (first != NULL)
    *first = rc != SQLITE_ROW;
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (!helder_store_propagate (store, rc, error))
    return NULL;
  since = helder_personal_first_since (today);
  if (since == NULL)
    g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                 _ ("“%s” is not a date (use YYYY-MM-DD)"), today);
  return since;
}

/**
 * helder_digest_worth_sending:
 * @digest: a composed digest
 * @last_fingerprint: (nullable): that of the person's previous digest
 *
 * A digest goes when it is the person's first (nothing was told them
 * before), when something is new for them since their previous one, or
 * when what addins add to it changed.
 *
 * Returns: whether @digest says something new
 */
gboolean
helder_digest_worth_sending (const HelderDigest *digest, const char *last_fingerprint)
{
  g_return_val_if_fail (digest != NULL, FALSE);

  return digest->first || digest->news > 0 ||
         (digest->addins && g_strcmp0 (last_fingerprint, digest->fingerprint) != 0);
}

/* What addins add, after the core sections; FALSE on an error. */
static gboolean
append_addins (HelderStore *store,
               gint64 person,
               const char *today,
               GPtrArray *sections,
               GString *content,
               GString *addins,
               GError **error)
{
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
        {
          g_string_append_printf (content, "\n%s%s", text,
                                  g_str_has_suffix (text, "\n") ? "" : "\n");
          g_string_append_printf (addins, "%s\n", text);
        }
    }
  return TRUE;
}

static char *
news_heading (const char *since, gboolean first)
{
  g_autofree char *day = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *date = NULL;

  if (first)
    return g_strdup (_ ("New in the past week"));
  local = helder_clock_to_local (since);
  day = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup (since);
  date = helder_personal_format_date (day);
  /* Translators: %s is the day of the previous digest, "27 November 2026" */
  return g_strdup_printf (_ ("New since your previous overview of %s"), date);
}

/* The closing lines of a partner's digest: about their organisation, not
 * about "your transition". */
static char *
partner_footer (const char *link)
{
  GString *out = g_string_new ("\n\n---\n\n");

  g_string_append (out,
                   _ ("You get this overview once a week, only when something changed for you."));
  if (link != NULL && link[0] != '\0')
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (
        out, _ ("[Your own page](<%s>) always shows what is happening for your organisation."),
        link);
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static int
week_number (const char *week)
{
  return (int) g_ascii_strtoll (strchr (week, 'W') ? strchr (week, 'W') + 1 : week, NULL, 10);
}

/* The subject and the first line; an external person reads about what is
 * happening for their organisation, not about "your transition". */
static void
set_subject_and_greeting (HelderDigest *digest,
                          const char *name,
                          const char *partner,
                          const char *week,
                          char **greeting)
{
  g_autoptr (GString) escaped = g_string_new (NULL);
  g_autoptr (GString) partner_escaped = g_string_new (NULL);

  helder_markdown_append_inline (escaped, name);
  if (partner != NULL)
    {
      helder_markdown_append_inline (partner_escaped, partner);
      /* Translators: the subject of an external partner's weekly digest; %s
       * is their organisation, %d the number of the week */
      digest->subject =
        g_strdup_printf (_ ("What is happening for %s in week %d"), partner, week_number (week));
      /* Translators: the first line of a partner's digest: their name, their
       * organisation, the number of the week */
      *greeting = name[0] != '\0'
                    ? g_strdup_printf (_ ("Hello %s, here is what is happening for %s in week %d."),
                                       escaped->str, partner_escaped->str, week_number (week))
                    : NULL;
      return;
    }
  /* Translators: the subject of the weekly digest; %d is the number of the week */
  digest->subject = g_strdup_printf (_ ("Your transition in week %d"), week_number (week));
  /* Translators: the first line of the weekly digest; %s is the person's name */
  *greeting =
    name[0] != '\0'
      ? g_strdup_printf (_ ("Hello %s, this is where your transition stands."), escaped->str)
      : NULL;
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
 * switches to the person's language first (helder_language_use). It opens
 * with what is new since their previous digest (helder_digest_since(),
 * helder_personal_news()), then the picture in short: open, late and
 * broken promises in full, kept and withdrawn ones from before as a
 * count with a link, earlier messages only since the previous digest;
 * then what addins add. @digest->news counts what is new, and the
 * fingerprint covers what addins add (helder_digest_worth_sending()).
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
  g_autoptr (JsonArray) news = NULL;
  g_autoptr (JsonArray) moments = NULL;
  g_autofree char *since = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *greeting = NULL;
  g_autoptr (GString) content = NULL;
  g_autoptr (GString) addins = g_string_new ("addins\n");
  gboolean first = FALSE;
  JsonObject *me;
  const char *name;
  const char *locale;

  g_return_val_if_fail (HELDER_IS_STORE (store), FALSE);
  g_return_val_if_fail (week != NULL && digest != NULL, FALSE);

  memset (digest, 0, sizeof *digest);
  personal = helder_personal_compute_full (store, person, today, &moments, error);
  if (personal == NULL)
    return FALSE;
  since = helder_digest_since (store, person, week, today, &first, error);
  if (since == NULL)
    return FALSE;
  news = helder_personal_news (store, personal, moments, since, error);
  if (news == NULL)
    return FALSE;
  digest->link = helder_digest_personal_link (base_url);
  heading = news_heading (since, first);
  markdown = helder_personal_to_markdown (personal, news, since, heading, digest->link, error);
  if (markdown == NULL)
    return FALSE;
  content = g_string_new (markdown);
  if (!append_addins (store, person, today, sections, content, addins, error))
    return FALSE;

  me = json_object_get_object_member (personal, "person");
  name = json_object_get_string_member_with_default (me, "name", "");
  locale = json_object_get_string_member_with_default (me, "locale", "nl");
  digest->source = g_strdup_printf ("digest:%" PRId64 ":%s", person, week);
  digest->news = json_array_get_length (news);
  digest->first = first;
  digest->addins = addins->len > strlen ("addins\n");
  digest->fingerprint = g_compute_checksum_for_string (G_CHECKSUM_SHA256, addins->str, addins->len);
  footer = helder_personal_partner (personal) != NULL ? partner_footer (digest->link)
                                                      : helder_digest_footer (digest->link, TRUE);
  set_subject_and_greeting (digest, name, helder_personal_partner (personal), week, &greeting);
  if (greeting != NULL)
    digest->body = g_strdup_printf ("%s\n\n%s%s", greeting, content->str, footer);
  else
    digest->body = g_strdup_printf ("%s%s", content->str, footer);
  digest->locale = g_strdup (locale);
  return TRUE;
}
