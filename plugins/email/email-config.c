/* email-config.c — the e-mail channel's settings, checked and parsed once
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings table that the addin registers, the checks that
 * `helder config set` runs, and EmailConfig: what configure() makes of all
 * of them together. deliver() only reads an EmailConfig, so no message
 * parses a setting again.
 */
#define G_LOG_DOMAIN "helder-email"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gmime/gmime.h>

#include "helder.h"
#include "email-config.h"
#include "email-gmime.h"

#define OWNER "email"

/* The environment variable that gives the SMTP password, so that it need
 * not be stored anywhere. */
#define PASSWORD_ENV "HELDER_SMTP_PASSWORD"

/* A password file is small; anything bigger is the wrong file. */
#define PASSWORD_FILE_MAX 4096

/* ---- checks ------------------------------------------------------------ */

/**
 * email_address_is_valid:
 * @address: an e-mail address without name or angle brackets
 *
 * Helder's one e-mail rule, helder_text_check_email(): the rule every
 * address was checked by before it was stored, so the channel sends to
 * every address Helder accepts and to nothing else.
 *
 * Returns: %TRUE when @address can be used as an envelope address
 */
gboolean
email_address_is_valid (const char *address)
{
  return address != NULL && helder_text_check_email (address, NULL);
}

/* "Name <addr>" or "addr" → its parts; FALSE when it is not one mailbox
 * with a usable address. */
static gboolean
parse_sender (const char *value, char **name, char **addr)
{
  g_autoptr (InternetAddressList) list = NULL;
  InternetAddress *address;
  const char *mailbox;

  if (strchr (value, '\r') != NULL || strchr (value, '\n') != NULL)
    return FALSE;
  list = internet_address_list_parse (NULL, value);
  if (list == NULL || internet_address_list_length (list) != 1)
    return FALSE;
  address = internet_address_list_get_address (list, 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX (address))
    return FALSE;
  mailbox = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));
  if (!email_address_is_valid (mailbox))
    return FALSE;
  if (name != NULL)
    {
      const char *n = internet_address_get_name (address);
      *name = g_strdup (n != NULL ? n : "");
    }
  if (addr != NULL)
    *addr = g_strdup (mailbox);
  return TRUE;
}

static gboolean
check_from (const char *value, GError **error)
{
  if (!parse_sender (value, NULL, NULL))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a sender like “Helder <helder@example.nl>”"), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_mode (const char *value, GError **error)
{
  if (g_strcmp0 (value, "smtp") != 0 && g_strcmp0 (value, "maildir") != 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not a mode; use “smtp” or “maildir”"), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_maildir (const char *value, GError **error)
{
  if (value[0] != '\0' && !g_path_is_absolute (value))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not an absolute path to a folder, like /var/lib/helder/mail"),
                   value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_password_file (const char *value, GError **error)
{
  if (value[0] != '\0' && !g_path_is_absolute (value))
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not an absolute path to a file, like /etc/helder/smtp-password"),
                   value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_url (const char *value, GError **error)
{
  g_autoptr (GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (uri == NULL || (g_strcmp0 (scheme, "smtp") != 0 && g_strcmp0 (scheme, "smtps") != 0) ||
      host == NULL || host[0] == '\0' ||
      (path != NULL && path[0] != '\0' && !g_str_equal (path, "/")) ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("“%s” is not an smtp:// or smtps:// address like smtp://mail.example.nl:587"),
                   value);
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ ("“%s” contains a user name; set it in smtp.username and smtp.password instead"), value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_tls (const char *value, GError **error)
{
  if (g_strcmp0 (value, "auto") != 0 && g_strcmp0 (value, "required") != 0 &&
      g_strcmp0 (value, "none") != 0)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ ("“%s” is not a TLS choice; use “auto” (STARTTLS when offered), “required” or “none”"),
        value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_timeout (const char *value, GError **error)
{
  return helder_setting_check_uint (value, 1, 600, error);
}

/* User names and passwords go into SMTP commands: no line breaks. */
static gboolean
check_one_line (const char *value, GError **error)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if ((guchar) *p < ' ' || *p == 127)
        {
          g_set_error_literal (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                               _ ("the value contains a line break or another control character"));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- the table --------------------------------------------------------- */

enum
{
  S_FROM,
  S_MODE,
  S_MAILDIR,
  S_URL,
  S_USERNAME,
  S_PASSWORD,
  S_PASSWORD_FILE,
  S_TLS,
  S_TIMEOUT,
  N_SETTINGS
};

static const HelderSetting settings[N_SETTINGS] = {
  [S_FROM] = { "email.from", N_ ("Sender of the e-mail messages, as “Name <address>”"),
               "Helder <helder@localhost>", FALSE, check_from, OWNER, GETTEXT_PACKAGE },
  [S_MODE] = { "email.mode",
               N_ (
                 "How e-mail leaves Helder: “smtp” (through a mail server) or “maildir” (files in a folder, for offline use)"),
               "smtp", FALSE, check_mode, OWNER, GETTEXT_PACKAGE },
  [S_MAILDIR] = { "email.maildir",
                  N_ ("Folder (a Maildir) that e-mail goes to when email.mode is “maildir”"), "",
                  FALSE, check_maildir, OWNER, GETTEXT_PACKAGE },
  [S_URL] = { "smtp.url",
              N_ ("Mail server that sends the e-mail: smtp://HOST:PORT or smtps://HOST:PORT"),
              "smtp://127.0.0.1:25", FALSE, check_url, OWNER, GETTEXT_PACKAGE },
  [S_USERNAME] = { "smtp.username", N_ ("User name to log in to the mail server (empty: no login)"),
                   "", FALSE, check_one_line, OWNER, GETTEXT_PACKAGE },
  [S_PASSWORD] = { "smtp.password",
                   N_ ("Password to log in to the mail server, stored in the database; "
                       "smtp.password_file or $HELDER_SMTP_PASSWORD keep it out of it"),
                   "", TRUE, check_one_line, OWNER, GETTEXT_PACKAGE },
  [S_PASSWORD_FILE] = { "smtp.password_file",
                        N_ ("File that holds the password to log in to the mail server, "
                            "read when sending; others than its owner (and group) may not read it"),
                        "", FALSE, check_password_file, OWNER, GETTEXT_PACKAGE },
  [S_TLS] = { "smtp.tls",
              N_ (
                "Encryption to the mail server: “auto” (STARTTLS when offered), “required” or “none”; smtps:// is always encrypted"),
              "auto", FALSE, check_tls, OWNER, GETTEXT_PACKAGE },
  [S_TIMEOUT] = { "smtp.timeout",
                  N_ ("Seconds to wait for the mail server before a message is tried again later"),
                  "30", FALSE, check_timeout, OWNER, GETTEXT_PACKAGE },
};

/**
 * email_settings:
 * @n_settings: (out): how many
 *
 * Returns: the settings the e-mail plugin registers
 */
const HelderSetting *
email_settings (guint *n_settings)
{
  *n_settings = N_SETTINGS;
  return settings;
}

/* ---- the password ------------------------------------------------------ */

/* Reads the password from @path: one line, the line end dropped. Refused
 * when every user may read the file, as a password there is no secret. */
static char *
read_password_file (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  char buffer[PASSWORD_FILE_MAX + 1];
  struct stat st;
  ssize_t length;
  gboolean nul;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_PERMISSION, _ ("cannot read %s: %s"), path,
                   g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("%s is not a file"), path);
      return NULL;
    }
  if ((st.st_mode & S_IRWXO) != 0)
    {
      g_autofree char *quoted = g_shell_quote (path);

      close (fd);
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_PERMISSION,
        _ (
          "%s is readable by every user (mode %04o), so Helder does not use it; make it private: chmod 600 %s"),
        path, (guint) (st.st_mode & 07777), quoted);
      return NULL;
    }
  do
    length = read (fd, buffer, sizeof buffer);
  while (length < 0 && errno == EINTR);
  close (fd);
  if (length < 0 || length > PASSWORD_FILE_MAX)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("%s is not a password file: it is longer than %d bytes"), path,
                   PASSWORD_FILE_MAX);
      memset (buffer, 0, sizeof buffer);
      return NULL;
    }
  nul = memchr (buffer, '\0', (gsize) length) != NULL;
  text = g_strndup (buffer, (gsize) length);
  memset (buffer, 0, sizeof buffer);
  /* One line end, as an editor or `echo` leaves it. */
  if (g_str_has_suffix (text, "\n"))
    text[strlen (text) - 1] = '\0';
  if (g_str_has_suffix (text, "\r"))
    text[strlen (text) - 1] = '\0';
  if (nul || !g_utf8_validate (text, -1, NULL) || !check_one_line (text, &local))
    {
      memset (text, 0, strlen (text));
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("%s does not hold one line of text: a password without control characters"),
                   path);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* The password, from the first place that gives one: the environment,
 * the file, the database. */
static char *
resolve_password (const char *stored, const char *file, GError **error)
{
  const char *env = g_getenv (PASSWORD_ENV);
  g_autoptr (GError) local = NULL;
  char *password;

  if (env != NULL && env[0] != '\0')
    {
      if (!g_utf8_validate (env, -1, NULL) || !check_one_line (env, &local))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("$%s: the password contains a line break or another control character"),
                       PASSWORD_ENV);
          return NULL;
        }
      return g_strdup (env);
    }
  if (file[0] != '\0')
    {
      password = read_password_file (file, &local);
      if (password == NULL)
        {
          g_set_error (error, HELDER_ERROR, local->code, _ ("setting “%s”: %s"),
                       "smtp.password_file", local->message);
          return NULL;
        }
      return password;
    }
  return g_strdup (stored);
}

/* ---- EmailConfig ------------------------------------------------------- */

void
email_config_free (EmailConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->from_name);
  g_free (config->from_addr);
  g_free (config->from_domain);
  g_free (config->maildir);
  g_free (config->smtp_url);
  g_free (config->username);
  if (config->password != NULL)
    memset (config->password, 0, strlen (config->password));
  g_free (config->password);
  g_free (config);
}

/**
 * email_config_new:
 * @settings: setting name → value; a missing one takes its default
 * @error: names the setting that is wrong and says why
 *
 * Checks every setting of the plugin again (a value stored before a check
 * became stricter reaches the channel unchecked) and how they go together.
 *
 * Returns: (transfer full): the configuration, or %NULL
 */
EmailConfig *
email_config_new (JsonObject *settings_object, GError **error)
{
  g_autoptr (EmailConfig) config = g_new0 (EmailConfig, 1);
  const char *values[N_SETTINGS];
  const char *at;

  for (guint i = 0; i < N_SETTINGS; i++)
    {
      const HelderSetting *s = &settings[i];
      g_autoptr (GError) local = NULL;
      const char *value = NULL;

      if (settings_object != NULL && json_object_has_member (settings_object, s->name))
        value = json_object_get_string_member_with_default (settings_object, s->name, NULL);
      if (value == NULL)
        value = s->default_value;
      if (!g_utf8_validate (value, -1, NULL))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                       _ ("setting “%s”: the value is not valid UTF-8"), s->name);
          return NULL;
        }
      if (!s->check (value, &local))
        {
          g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID, _ ("setting “%s”: %s"), s->name,
                       local->message);
          return NULL;
        }
      values[i] = value;
    }

  parse_sender (values[S_FROM], &config->from_name, &config->from_addr);
  at = strrchr (config->from_addr, '@');
  config->from_domain = g_ascii_strdown (at + 1, -1);
  config->mode = g_str_equal (values[S_MODE], "maildir") ? EMAIL_MODE_MAILDIR : EMAIL_MODE_SMTP;
  config->maildir = g_strdup (values[S_MAILDIR]);
  config->smtp_url = g_strdup (values[S_URL]);
  config->smtps = g_str_has_prefix (values[S_URL], "smtps:");
  config->username = g_strdup (values[S_USERNAME]);
  /* Read on every configure(), that is before each round of sending, so
   * that a new password in the file or the environment is used. Maildir
   * needs none, nor the configuration of defaults that a channel starts
   * with (it is made before any setting is known, and cannot fail). */
  if (config->mode == EMAIL_MODE_SMTP && settings_object != NULL)
    {
      config->password = resolve_password (values[S_PASSWORD], values[S_PASSWORD_FILE], error);
      if (config->password == NULL)
        return NULL;
    }
  else
    config->password = g_strdup (values[S_PASSWORD]);
  config->tls = g_str_equal (values[S_TLS], "required") ? EMAIL_TLS_REQUIRED
                : g_str_equal (values[S_TLS], "none")   ? EMAIL_TLS_NONE
                                                        : EMAIL_TLS_AUTO;
  config->timeout = (guint) g_ascii_strtoull (values[S_TIMEOUT], NULL, 10);

  if (config->mode == EMAIL_MODE_MAILDIR && config->maildir[0] == '\0')
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_INVALID,
                   _ ("setting “%s”: email.mode is “maildir” but no folder is set; "
                      "set one with `helder config set email.maildir /path/to/folder`"),
                   "email.maildir");
      return NULL;
    }
  if (config->mode == EMAIL_MODE_SMTP && config->smtps && config->tls == EMAIL_TLS_NONE)
    {
      g_set_error (
        error, HELDER_ERROR, HELDER_ERROR_INVALID,
        _ ("setting “%s”: “none” does not go with smtp.url “%s”: smtps:// is always encrypted"),
        "smtp.tls", config->smtp_url);
      return NULL;
    }
  return g_steal_pointer (&config);
}

/**
 * email_config_equal:
 * @a: a configuration
 * @b: another
 *
 * Returns: %TRUE when they send the same way, so that the connections of
 *   one serve the other
 */
gboolean
email_config_equal (const EmailConfig *a, const EmailConfig *b)
{
  return g_str_equal (a->from_name, b->from_name) && g_str_equal (a->from_addr, b->from_addr) &&
         a->mode == b->mode && g_str_equal (a->maildir, b->maildir) &&
         g_str_equal (a->smtp_url, b->smtp_url) && g_str_equal (a->username, b->username) &&
         g_str_equal (a->password, b->password) && a->tls == b->tls && a->timeout == b->timeout;
}
