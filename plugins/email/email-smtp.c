/* email-smtp.c — SMTP submission with libcurl, over reused connections
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An EmailSmtp keeps a small pool of libcurl easy handles. Each handle
 * keeps its connection to the server open between messages, so a worker
 * that sends one message after the other does EHLO, STARTTLS and AUTH
 * once, not once per message. deliver() runs in several threads at once:
 * each send takes a handle out of the pool (or makes one), uses it alone,
 * and puts it back; the pool itself is guarded by a mutex.
 *
 * What the server answered is read from libcurl's debug callback (the
 * CURLINFO_HEADER_IN lines), so an error says in the server's own words
 * why a message was refused: 4xx answers are worth a retry, 5xx answers to
 * the sender, recipient or message are not.
 */
#define G_LOG_DOMAIN "helder-email"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <curl/curl.h>

#include "helder.h"
#include "email-smtp.h"

/* Idle handles kept; as many as delivery.workers may use at once. */
#define POOL_SIZE 32
/* The longest server reply kept for an error message. */
#define REPLY_MAX 400

struct _EmailSmtp
{
  char *url;
  char *mail_from; /* "<helder@example.nl>" */
  char *username;
  char *password;
  EmailTls tls;
  gboolean smtps;
  guint timeout;

  GMutex lock;
  GPtrArray *idle; /* CURL *, the last one used at the end */
};

/* Where in the SMTP dialogue a transfer is: what a failure refers to. */
typedef enum
{
  PHASE_CONNECT,
  PHASE_AUTH,
  PHASE_MAIL,
  PHASE_RCPT,
  PHASE_DATA,
  PHASE_MESSAGE, /* after 354: the message itself is on its way */
  PHASE_OTHER,
} Phase;

/* One message on its way. */
typedef struct
{
  const guint8 *data;
  gsize length;
  gsize offset;
  GCancellable *cancellable;
  Phase phase;
  GString *reply;          /* the server's last reply, lines joined */
  gboolean reply_complete; /* its last line came (no "NNN-") */
  GString *refusal;        /* the first 4xx or 5xx reply */
  Phase refusal_phase;     /* what it answered */
  int refusal_code;
  char errbuf[CURL_ERROR_SIZE];
} Transfer;

static size_t
read_message (char *buffer, size_t size, size_t nitems, void *userdata)
{
  Transfer *transfer = userdata;
  gsize n = MIN (size * nitems, transfer->length - transfer->offset);

  memcpy (buffer, transfer->data + transfer->offset, n);
  transfer->offset += n;
  return n;
}

static void
take_reply_line (Transfer *transfer, const char *line, gsize length)
{
  if (length < 3 || !g_ascii_isdigit (line[0]) || !g_ascii_isdigit (line[1]) ||
      !g_ascii_isdigit (line[2]))
    return;
  if (transfer->reply_complete)
    {
      g_string_truncate (transfer->reply, 0);
      transfer->reply_complete = FALSE;
    }
  if (transfer->reply->len > 0 && transfer->reply->len < REPLY_MAX)
    g_string_append_c (transfer->reply, ' ');
  for (gsize i = 0; i < length && transfer->reply->len < REPLY_MAX; i++)
    {
      char c = line[i];

      /* Server text ends up in the outbox: printable, one line. */
      g_string_append_c (transfer->reply, (guchar) c < ' ' || c == 127 ? ' ' : c);
    }
  transfer->reply_complete = length == 3 || line[3] != '-';
  if (!transfer->reply_complete)
    return;
  if (line[0] == '3' && line[1] == '5' && line[2] == '4')
    transfer->phase = PHASE_MESSAGE;
  /* Keep the first refusal: libcurl says QUIT after it, and "221 Bye"
   * is not the answer anybody wants to read. */
  if ((line[0] == '4' || line[0] == '5') && transfer->refusal->len == 0)
    {
      g_string_assign (transfer->refusal, transfer->reply->str);
      transfer->refusal_phase = transfer->phase;
      transfer->refusal_code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    }
}

static void
take_command (Transfer *transfer, const char *data, gsize size)
{
  /* Only the verb is looked at: the lines after AUTH carry credentials
   * (base64, which has no spaces or colons). */
  if (size >= 5 && g_ascii_strncasecmp (data, "AUTH ", 5) == 0)
    transfer->phase = PHASE_AUTH;
  else if (size >= 10 && g_ascii_strncasecmp (data, "MAIL FROM:", 10) == 0)
    transfer->phase = PHASE_MAIL;
  else if (size >= 8 && g_ascii_strncasecmp (data, "RCPT TO:", 8) == 0)
    transfer->phase = PHASE_RCPT;
  else if (size >= 6 && g_ascii_strncasecmp (data, "DATA\r\n", 6) == 0)
    transfer->phase = PHASE_DATA;
  else if (transfer->phase != PHASE_AUTH)
    transfer->phase = size >= 4 && (g_ascii_strncasecmp (data, "EHLO", 4) == 0 ||
                                    g_ascii_strncasecmp (data, "HELO", 4) == 0 ||
                                    g_ascii_strncasecmp (data, "STAR", 4) == 0)
                        ? PHASE_CONNECT
                        : PHASE_OTHER;
}

static int
debug_callback (CURL *curl, curl_infotype type, char *data, size_t size, void *userdata)
{
  Transfer *transfer = userdata;

  /* Between messages (the QUIT of a handle that is freed) nobody listens. */
  if (transfer == NULL)
    return 0;

  if (type == CURLINFO_HEADER_IN)
    {
      const char *end = data + size;
      const char *line = data;

      while (line < end)
        {
          const char *eol = memchr (line, '\n', end - line);
          gsize length = (eol != NULL ? eol : end) - line;

          while (length > 0 && (line[length - 1] == '\r' || line[length - 1] == '\n'))
            length--;
          take_reply_line (transfer, line, length);
          line = eol != NULL ? eol + 1 : end;
        }
    }
  else if (type == CURLINFO_HEADER_OUT)
    take_command (transfer, data, size);
  return 0;
}

static int
progress_callback (void *userdata,
                   curl_off_t dltotal,
                   curl_off_t dlnow,
                   curl_off_t ultotal,
                   curl_off_t ulnow)
{
  Transfer *transfer = userdata;

  return transfer != NULL && g_cancellable_is_cancelled (transfer->cancellable) ? 1 : 0;
}

/* ---- the pool ---------------------------------------------------------- */

static CURL *
new_handle (EmailSmtp *smtp)
{
  CURL *curl = curl_easy_init ();

  if (curl == NULL)
    return NULL;
  curl_easy_setopt (curl, CURLOPT_URL, smtp->url);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS, (long) (CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) smtp->timeout);
  curl_easy_setopt (curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, (long) smtp->timeout);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, (long) smtp->timeout * 2);
  curl_easy_setopt (curl, CURLOPT_USE_SSL,
                    smtp->tls == EMAIL_TLS_REQUIRED ? (long) CURLUSESSL_ALL
                    : smtp->tls == EMAIL_TLS_NONE   ? (long) CURLUSESSL_NONE
                                                    : (long) CURLUSESSL_TRY);
  if (smtp->username[0] != '\0')
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, smtp->username);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, smtp->password);
    }
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, smtp->mail_from);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt (curl, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt (curl, CURLOPT_DEBUGFUNCTION, debug_callback);
  curl_easy_setopt (curl, CURLOPT_DEBUGDATA, NULL);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_callback);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, NULL);
  return curl;
}

static CURL *
pool_take (EmailSmtp *smtp)
{
  CURL *curl = NULL;

  g_mutex_lock (&smtp->lock);
  if (smtp->idle->len > 0)
    curl = g_ptr_array_steal_index_fast (smtp->idle, smtp->idle->len - 1);
  g_mutex_unlock (&smtp->lock);
  return curl != NULL ? curl : new_handle (smtp);
}

static void
pool_give_back (EmailSmtp *smtp, CURL *curl)
{
  gboolean kept = FALSE;

  g_mutex_lock (&smtp->lock);
  if (smtp->idle->len < POOL_SIZE)
    {
      g_ptr_array_add (smtp->idle, curl);
      kept = TRUE;
    }
  g_mutex_unlock (&smtp->lock);
  if (!kept)
    curl_easy_cleanup (curl);
}

/**
 * email_smtp_new:
 * @config: the settings; copied
 *
 * Returns: (transfer full): a sender with an empty pool of connections
 */
EmailSmtp *
email_smtp_new (const EmailConfig *config)
{
  EmailSmtp *smtp = g_new0 (EmailSmtp, 1);

  smtp->url = g_strdup (config->smtp_url);
  smtp->mail_from = g_strdup_printf ("<%s>", config->from_addr);
  smtp->username = g_strdup (config->username);
  smtp->password = g_strdup (config->password);
  smtp->tls = config->tls;
  smtp->smtps = config->smtps;
  smtp->timeout = config->timeout;
  g_mutex_init (&smtp->lock);
  smtp->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) curl_easy_cleanup);
  return smtp;
}

/**
 * email_smtp_free:
 * @smtp: (nullable): a sender no send is using any more
 *
 * Closes its connections (each says QUIT).
 */
void
email_smtp_free (EmailSmtp *smtp)
{
  if (smtp == NULL)
    return;
  g_ptr_array_unref (smtp->idle);
  g_mutex_clear (&smtp->lock);
  g_free (smtp->url);
  g_free (smtp->mail_from);
  g_free (smtp->username);
  if (smtp->password != NULL)
    memset (smtp->password, 0, strlen (smtp->password));
  g_free (smtp->password);
  g_free (smtp);
}

/* ---- one message ------------------------------------------------------- */

/* A refusal in the server's words. 5xx to what the message is (sender,
 * recipient, content) is for good; 4xx, and anything about the
 * connection or the login, is a problem of the moment or of the settings,
 * and the message waits for it to be fixed. */
static HelderDeliveryOutcome
refused (EmailSmtp *smtp, Transfer *transfer, GError **error)
{
  g_autofree char *reply = g_utf8_make_valid (transfer->refusal->str, -1);
  int code = transfer->refusal_code;
  gboolean about_message = FALSE;
  Phase phase = transfer->refusal_phase;

  /* RFC 4954: the server wants a login, or another one. The settings are
   * at fault, not the message; it waits until they are fixed. */
  if (code == 530 || code == 534 || code == 535 || code == 538)
    phase = PHASE_AUTH;

  switch (phase)
    {
    case PHASE_MAIL:
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("SMTP server %s refused the sender (email.from): %s"), smtp->url, reply);
      about_message = TRUE;
      break;
    case PHASE_RCPT:
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("SMTP server %s refused the recipient: %s"), smtp->url, reply);
      about_message = TRUE;
      break;
    case PHASE_DATA:
    case PHASE_MESSAGE:
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("SMTP server %s refused the message: %s"), smtp->url, reply);
      about_message = TRUE;
      break;
    case PHASE_AUTH:
      if (smtp->username[0] == '\0')
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                     _ ("SMTP server %s asks for a login; set smtp.username and smtp.password: %s"),
                     smtp->url, reply);
      else
        g_set_error (
          error, HELDER_ERROR, HELDER_ERROR_IO,
          _ ("SMTP server %s did not accept the login of “%s” (smtp.username, smtp.password): %s"),
          smtp->url, smtp->username, reply);
      break;
    case PHASE_CONNECT:
    case PHASE_OTHER:
    default:
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("SMTP server %s answered: %s"),
                   smtp->url, reply);
      break;
    }
  return about_message && code >= 500 ? HELDER_DELIVERY_PERMANENT : HELDER_DELIVERY_TRANSIENT;
}

/* No usable answer: the connection failed. Always worth a retry. */
static HelderDeliveryOutcome
failed (EmailSmtp *smtp, Transfer *transfer, CURLcode code, GError **error)
{
  const char *why = transfer->errbuf[0] != '\0' ? transfer->errbuf : curl_easy_strerror (code);

  switch (code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("could not connect to SMTP server %s: %s"), smtp->url, why);
      break;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("SMTP server %s did not answer within smtp.timeout (%u s): %s"), smtp->url,
                   smtp->timeout, why);
      break;
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("SMTP server %s does not offer STARTTLS, and smtp.tls is “required”"),
                   smtp->url);
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("TLS with SMTP server %s failed: %s"),
                   smtp->url, why);
      break;
    case CURLE_LOGIN_DENIED:
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_IO,
        _ ("SMTP server %s did not accept the login of “%s” (smtp.username, smtp.password): %s"),
        smtp->url, smtp->username, why);
      break;
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _ ("sending to SMTP server %s was cancelled"), smtp->url);
      break;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_PARTIAL_FILE:
      if (transfer->phase == PHASE_MESSAGE)
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                     _ ("SMTP server %s closed the connection in the middle of the message: %s"),
                     smtp->url, why);
      else
        g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                     _ ("SMTP server %s closed the connection: %s"), smtp->url, why);
      break;
    default:
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO, _ ("sending to SMTP server %s failed: %s"),
                   smtp->url, why);
      break;
    }
  return HELDER_DELIVERY_TRANSIENT;
}

/**
 * email_smtp_send:
 * @smtp: the sender
 * @recipient: the envelope recipient, a plain address
 * @message: the whole message with CRLF line ends
 * @cancellable: (nullable): stops the transfer
 * @error: says what went wrong, with the server's own reply when it gave one
 *
 * Sends one message; safe to call from several threads at once.
 *
 * Returns: %HELDER_DELIVERY_SENT once the server took the message,
 *   %HELDER_DELIVERY_PERMANENT when it refused it with a 5xx reply, else
 *   %HELDER_DELIVERY_TRANSIENT
 */
HelderDeliveryOutcome
email_smtp_send (EmailSmtp *smtp,
                 const char *recipient,
                 GBytes *message,
                 GCancellable *cancellable,
                 GError **error)
{
  g_autofree char *rcpt = g_strdup_printf ("<%s>", recipient);
  struct curl_slist *recipients = NULL;
  HelderDeliveryOutcome outcome;
  Transfer transfer = { 0 };
  CURLcode code;
  CURL *curl;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return HELDER_DELIVERY_TRANSIENT;
  curl = pool_take (smtp);
  if (curl == NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("sending to SMTP server %s failed: libcurl could not start"), smtp->url);
      return HELDER_DELIVERY_TRANSIENT;
    }

  transfer.data = g_bytes_get_data (message, &transfer.length);
  transfer.cancellable = cancellable;
  transfer.phase = PHASE_CONNECT;
  transfer.reply = g_string_sized_new (128);
  transfer.refusal = g_string_new (NULL);
  recipients = curl_slist_append (NULL, rcpt);

  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) transfer.length);
  curl_easy_setopt (curl, CURLOPT_READDATA, &transfer);
  curl_easy_setopt (curl, CURLOPT_DEBUGDATA, &transfer);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, transfer.errbuf);

  code = curl_easy_perform (curl);

  /* The handle outlives @transfer: nothing of it may stay behind. */
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, NULL);
  curl_easy_setopt (curl, CURLOPT_READDATA, NULL);
  curl_easy_setopt (curl, CURLOPT_DEBUGDATA, NULL);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, NULL);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, NULL);
  pool_give_back (smtp, curl);
  curl_slist_free_all (recipients);

  if (code == CURLE_OK)
    outcome = HELDER_DELIVERY_SENT;
  else if (code != CURLE_ABORTED_BY_CALLBACK && transfer.refusal->len > 0)
    outcome = refused (smtp, &transfer, error);
  else
    outcome = failed (smtp, &transfer, code, error);
  g_string_free (transfer.reply, TRUE);
  g_string_free (transfer.refusal, TRUE);
  return outcome;
}
