/* email-maildir.c — messages as files in a Maildir, for offline use
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Maildir way (https://cr.yp.to/proto/maildir.html): a message is
 * written to DIR/tmp under a name no other writer uses, flushed to disk,
 * and only then renamed into DIR/new, so a reader never sees half a
 * message and a crash leaves at most a file in tmp.
 */
#define G_LOG_DOMAIN "helder-email"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "helder.h"
#include "email-maildir.h"

static const char *const subdirs[] = { "tmp", "new", "cur" };

/**
 * email_maildir_prepare:
 * @dir: the Maildir
 * @error: says why it cannot be used
 *
 * Makes @dir and its tmp, new and cur folders when they are missing and
 * checks that Helder may write there.
 *
 * Returns: %TRUE when messages can be written to @dir
 */
gboolean
email_maildir_prepare (const char *dir, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (dir, subdirs[i], NULL);
      int saved;

      if (g_mkdir_with_parents (path, 0700) == 0 && g_access (path, W_OK | X_OK) == 0)
        continue;
      saved = errno;
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("setting “%s”: cannot write to the Maildir folder %s: %s"), "email.maildir",
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* time.MusecPpidQcounter.host, with "/" and ":" in the host name escaped
 * as the Maildir convention asks. */
static char *
unique_name (void)
{
  static gint counter;
  g_autoptr (GString) host = g_string_new (NULL);
  g_autoptr (GDateTime) clock = helder_clock_now ();
  gint64 now = g_date_time_to_unix (clock) * G_USEC_PER_SEC + g_date_time_get_microsecond (clock);

  for (const char *p = g_get_host_name (); *p != '\0'; p++)
    {
      if (*p == '/')
        g_string_append (host, "\\057");
      else if (*p == ':')
        g_string_append (host, "\\072");
      else
        g_string_append_c (host, *p);
    }
  return g_strdup_printf ("%" G_GINT64_FORMAT ".M%06dP%dQ%d.%s", now / G_USEC_PER_SEC,
                          (int) (now % G_USEC_PER_SEC), (int) getpid (),
                          g_atomic_int_add (&counter, 1) + 1, host->str);
}

static gboolean
write_all (int fd, const guint8 *data, gsize length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      data += written;
      length -= written;
    }
  return TRUE;
}

static gboolean
sync_dir (const char *path)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/**
 * email_maildir_write:
 * @dir: a Maildir made ready by email_maildir_prepare()
 * @message: the whole message
 * @path: (out) (optional): where it went, DIR/new/NAME
 * @error: says what failed, with the file's name
 *
 * Returns: %TRUE once the message is on disk in DIR/new
 */
gboolean
email_maildir_write (const char *dir, GBytes *message, char **path, GError **error)
{
  g_autofree char *name = unique_name ();
  g_autofree char *tmp_path = g_build_filename (dir, "tmp", name, NULL);
  g_autofree char *new_dir = g_build_filename (dir, "new", NULL);
  g_autofree char *new_path = g_build_filename (new_dir, name, NULL);
  gsize length;
  const guint8 *data = g_bytes_get_data (message, &length);
  const char *failed = tmp_path;
  int saved = 0;
  int fd;

  fd = open (tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    saved = errno;
  else
    {
      if (!write_all (fd, data, length) || fsync (fd) != 0)
        saved = errno != 0 ? errno : EIO;
      if (close (fd) != 0 && saved == 0)
        saved = errno;
      if (saved == 0 && g_rename (tmp_path, new_path) != 0)
        {
          saved = errno;
          failed = new_path;
        }
      if (saved != 0)
        g_unlink (tmp_path);
      else if (!sync_dir (new_dir))
        {
          saved = errno;
          failed = new_dir;
        }
    }
  if (saved != 0)
    {
      g_set_error (error, HELDER_ERROR, HELDER_ERROR_IO,
                   _ ("could not write the message to the Maildir: %s: %s"), failed,
                   g_strerror (saved));
      return FALSE;
    }
  if (path != NULL)
    *path = g_steal_pointer (&new_path);
  return TRUE;
}
