/* email-compose.c — one delivery as a MIME message
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A delivery becomes multipart/alternative: text/plain is the CommonMark
 * body as it is, text/html is cmark's rendering of it (safe mode, images
 * turned into links) inside a small, accessible layout. Both parts are
 * UTF-8 in quoted-printable; names and subject are encoded words. The
 * Message-ID comes from the delivery key, so a retry of the same row
 * carries the same id and receivers can drop the duplicate.
 *
 * Everything here is safe to call from several threads at once: it reads
 * only its arguments and an immutable EmailConfig.
 */
#define G_LOG_DOMAIN "helder-email"

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <cmark.h>
#include <gmime/gmime.h>

#include "helder.h"
#include "email-calendar.h"
#include "email-compose.h"
#include "email-gmime.h"

/**
 * email_message_id:
 * @key: the delivery key, "SOURCE/PERSON/CHANNEL"
 * @domain: the domain of the sender
 *
 * The same key always gives the same id.
 *
 * Returns: (transfer full): "helder-HEX@DOMAIN", without angle brackets
 */
char *
email_message_id (const char *key, const char *domain)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_strdup_printf ("helder-%.32s@%s", digest, domain);
}

/* "nl", "en", "en-GB": what goes into lang="" and Content-Language. */
static gboolean
is_language_tag (const char *tag)
{
  gsize len;

  if (tag == NULL)
    return FALSE;
  len = strlen (tag);
  if (len < 2 || len > 35 || !g_ascii_isalpha (tag[0]) || !g_ascii_isalpha (tag[1]))
    return FALSE;
  for (const char *p = tag; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* One line: a subject with a line break in it would end the header. */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\r' || *p == '\n' || *p == '\t')
      *p = ' ';
  return g_strstrip (line);
}

/* No remote images in the messages: an image becomes a link to it, with
 * its description as the link's text. */
static void
images_to_links (cmark_node *document)
{
  g_autoptr (GPtrArray) images = g_ptr_array_new ();
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_EXIT && cmark_node_get_type (node) == CMARK_NODE_IMAGE)
        g_ptr_array_add (images, node);
    }
  cmark_iter_free (iter);

  for (guint i = 0; i < images->len; i++)
    {
      cmark_node *image = g_ptr_array_index (images, i);
      cmark_node *link = cmark_node_new (CMARK_NODE_LINK);
      cmark_node *child;

      cmark_node_set_url (link, cmark_node_get_url (image));
      cmark_node_set_title (link, cmark_node_get_title (image));
      while ((child = cmark_node_first_child (image)) != NULL)
        {
          cmark_node_unlink (child);
          cmark_node_append_child (link, child);
        }
      if (cmark_node_first_child (link) == NULL)
        {
          cmark_node *text = cmark_node_new (CMARK_NODE_TEXT);

          cmark_node_set_literal (text, cmark_node_get_url (image));
          cmark_node_append_child (link, text);
        }
      cmark_node_replace (image, link);
      cmark_node_free (image);
    }
}

static char *
render_markdown (const char *body)
{
  cmark_node *document;
  char *rendered;
  char *html;

  document = cmark_parse_document (body, strlen (body), CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
  images_to_links (document);
  rendered = cmark_render_html (document, CMARK_OPT_SAFE);
  cmark_node_free (document);
  html = g_strdup (rendered);
  free (rendered);
  return html;
}

/* The whole HTML document around cmark's rendering of @body. */
static char *
layout (const char *subject, const char *body, const char *lang, const char *link)
{
  g_autofree char *title = g_markup_escape_text (subject, -1);
  g_autofree char *content = render_markdown (body);
  GString *html = g_string_sized_new (strlen (content) + 2048);

  g_string_append_printf (
    html,
    "<!DOCTYPE html>\n"
    "<html lang=\"%s\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"color-scheme\" content=\"light\">\n"
    "<title>%s</title>\n"
    "<style>\n"
    "a { color: #0b4f8a; text-decoration: underline; }\n"
    "h1, h2, h3 { line-height: 1.25; }\n"
    "</style>\n"
    "</head>\n"
    "<body style=\"margin: 0; padding: 0; background-color: #f2f4f7;\">\n"
    "<div role=\"article\" aria-label=\"%s\" lang=\"%s\" "
    "style=\"max-width: 38em; margin: 0 auto; padding: 24px; "
    "background-color: #ffffff; color: #1c2430; "
    "font-family: Arial, Helvetica, sans-serif; font-size: 16px; "
    "line-height: 1.5;\">\n",
    lang, title, title, lang);
  g_string_append (html, content);
  if (g_str_has_prefix (link, "https://") || g_str_has_prefix (link, "http://"))
    {
      g_autofree char *href = g_markup_escape_text (link, -1);

      g_string_append_printf (
        html,
        "<p style=\"margin: 32px 0 0; font-size: 16px;\">"
        "<a href=\"%s\" style=\"color: #0b4f8a; text-decoration: underline;\">%s</a>"
        "</p>\n",
        href, href);
    }
  g_string_append (html, "</div>\n</body>\n</html>\n");
  return g_string_free (html, FALSE);
}

static const char *
member (JsonObject *object, const char *name)
{
  const char *value = NULL;

  if (json_object_has_member (object, name))
    value = json_object_get_string_member_with_default (object, name, NULL);
  return value != NULL ? value : "";
}

/* What deliver and preview take from a delivery, made safe to use: one
 * subject line, UTF-8, a language tag. */
typedef struct
{
  char *subject;
  const char *body;
  const char *lang;
  const char *link;
} Content;

static void
content_clear (Content *content)
{
  g_free (content->subject);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Content, content_clear)

static gboolean
content_init (Content *content, JsonObject *delivery, JsonObject *person, GError **error)
{
  content->subject = one_line (member (delivery, "subject"));
  content->body = member (delivery, "body");
  content->link = member (delivery, "link");
  content->lang = member (delivery, "locale");
  if (!is_language_tag (content->lang))
    content->lang = is_language_tag (member (person, "locale")) ? member (person, "locale") : "nl";
  if (!g_utf8_validate (content->subject, -1, NULL) || !g_utf8_validate (content->body, -1, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("delivery %" PRId64 ": the subject or body is not valid UTF-8"),
                   json_object_get_int_member_with_default (delivery, "id", 0));
      return FALSE;
    }
  return TRUE;
}

/**
 * email_compose_html:
 * @delivery: the delivery (see helder-channel.h)
 * @person: the person's row
 * @error: says why it cannot be rendered (text that is not UTF-8)
 *
 * The text/html part as the person sees it: a whole HTML document,
 * readable on a phone and with a screen reader, without scripts or remote
 * images. The body already ends with a line that links the person's page
 * in their language; the layout repeats the address as a plain link at
 * the foot, so it has no text of its own to translate.
 *
 * Returns: (transfer full): the document, or %NULL
 */
char *
email_compose_html (JsonObject *delivery, JsonObject *person, GError **error)
{
  g_auto (Content) content = { 0 };

  if (!content_init (&content, delivery, person, error))
    return NULL;
  return layout (content.subject, content.body, content.lang, content.link);
}

/**
 * email_recipient:
 * @person: the person's row
 * @error: says why the person cannot get e-mail
 *
 * Returns: (transfer full): the person's address, or %NULL
 */
char *
email_recipient (JsonObject *person, GError **error)
{
  gint64 id = json_object_get_int_member_with_default (person, "id", 0);
  const char *email = NULL;

  if (json_object_has_member (person, "email"))
    email = json_object_get_string_member_with_default (person, "email", NULL);
  if (email == NULL || email[0] == '\0')
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("person %" PRId64 " has no e-mail address"), id);
      return NULL;
    }
  if (!email_address_is_valid (email))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("person %" PRId64 ": “%s” is not an e-mail address"), id, email);
      return NULL;
    }
  return g_strdup (email);
}

static InternetAddress *
mailbox (const char *name, const char *addr)
{
  g_autofree char *clean = one_line (name);
  InternetAddress *address = internet_address_mailbox_new (clean[0] != '\0' ? clean : NULL, addr);

  internet_address_set_charset (address, "utf-8");
  return address;
}

static GMimeTextPart *
text_part (const char *subtype, const char *text)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype (subtype);
  g_autoptr (GMimeStream) stream = g_mime_stream_mem_new_with_buffer (text, strlen (text));
  g_autoptr (GMimeDataWrapper) content =
    g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (GMIME_PART (part), content);
  g_mime_text_part_set_charset (part, "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return part;
}

/**
 * email_compose:
 * @config: the settings
 * @delivery: the delivery (see helder-channel.h)
 * @person: the person's row
 * @newline: CRLF for SMTP and previews, LF for Maildir files
 * @error: says why it cannot be composed (no address, text that is not UTF-8)
 *
 * Returns: (transfer full): the whole message, ready to send
 */
GBytes *
email_compose (const EmailConfig *config,
               JsonObject *delivery,
               JsonObject *person,
               GMimeNewLineFormat newline,
               GError **error)
{
  g_autoptr (GMimeMessage) message = NULL;
  g_autoptr (GMimeMultipart) alternative = NULL;
  g_autoptr (GMimeTextPart) plain = NULL;
  g_autoptr (GMimeTextPart) html_part = NULL;
  g_autoptr (InternetAddress) from = NULL;
  g_autoptr (InternetAddress) to = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GMimeStream) out = NULL;
  g_auto (Content) content = { 0 };
  g_autofree char *addr = NULL;
  g_autofree char *key = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;
  GMimeFormatOptions *options;
  GByteArray *array;

  addr = email_recipient (person, error);
  if (addr == NULL)
    return NULL;
  if (!content_init (&content, delivery, person, error))
    return NULL;

  key = g_strdup (member (delivery, "key"));
  if (key[0] == '\0')
    {
      g_free (key);
      key = g_strdup_printf ("%s/%" G_GINT64_FORMAT "/%s", member (delivery, "source"),
                             json_object_get_int_member_with_default (delivery, "person", 0),
                             member (delivery, "channel"));
    }
  message_id = email_message_id (key, config->from_domain);

  message = g_mime_message_new (TRUE);
  from = mailbox (config->from_name, config->from_addr);
  internet_address_list_add (g_mime_message_get_from (message), from);
  to = mailbox (member (person, "name"), addr);
  internet_address_list_add (g_mime_message_get_to (message), to);
  g_mime_message_set_subject (message, content.subject, "utf-8");
  now = helder_clock_now_local ();
  g_mime_message_set_date (message, now);
  g_mime_message_set_message_id (message, message_id);
  g_mime_object_set_header (GMIME_OBJECT (message), "Auto-Submitted", "auto-generated", NULL);
  /* Exchange and Outlook: no out-of-office replies to a machine. */
  g_mime_object_set_header (GMIME_OBJECT (message), "X-Auto-Response-Suppress", "All", NULL);
  g_mime_object_set_header (GMIME_OBJECT (message), "Content-Language", content.lang, NULL);

  text = g_str_has_suffix (content.body, "\n") ? g_strdup (content.body)
                                               : g_strconcat (content.body, "\n", NULL);
  html = layout (content.subject, content.body, content.lang, content.link);
  plain = text_part ("plain", text);
  html_part = text_part ("html", html);
  alternative = g_mime_multipart_new_with_subtype ("alternative");
  g_mime_multipart_add (alternative, GMIME_OBJECT (plain));
  g_mime_multipart_add (alternative, GMIME_OBJECT (html_part));
  if (member (delivery, "calendar")[0] != '\0')
    {
      g_autofree char *calendar =
        email_calendar_with_organizer (config, member (delivery, "calendar"));
      g_autoptr (GMimeObject) mixed = NULL;

      if (calendar == NULL)
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("delivery %" PRId64 ": its calendar invitation is not iCalendar"),
                       json_object_get_int_member_with_default (delivery, "id", 0));
          return NULL;
        }
      mixed = email_calendar_wrap (GMIME_OBJECT (alternative), calendar);
      g_mime_message_set_mime_part (message, mixed);
    }
  else
    g_mime_message_set_mime_part (message, GMIME_OBJECT (alternative));

  options = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (options, newline);
  out = g_mime_stream_mem_new ();
  g_mime_object_write_to_stream (GMIME_OBJECT (message), options, out);
  g_mime_format_options_free (options);

  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (out), FALSE);
  return g_byte_array_free_to_bytes (array);
}
