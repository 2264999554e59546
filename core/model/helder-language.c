/* helder-language.c — gettext's language, switched under one lock
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-language"

#include "config.h"

#include <stdlib.h>
#include <glib.h>

#include "helder-language.h"

extern int _nl_msg_cat_cntr;

/* gettext follows the process-wide LANGUAGE. Work that depends on it (a web
 * request, composing messages for one language) holds this lock, so that
 * the web server's thread and `helder serve`'s delivery thread do not
 * switch the language under each other. Recursive: a holder may switch
 * again. */
static GRecMutex language_lock;

static void
switch_language (const char *locale)
{
  const char *current = getenv ("LANGUAGE");

  if (locale != NULL && g_strcmp0 (current, locale) != 0)
    {
      /* libc's setenv() directly: GLib warns about g_setenv() once threads
       * exist; LANGUAGE exists before any thread starts (helder-cli.c), so
       * only its value pointer changes. */
      setenv ("LANGUAGE", locale, 1);
      /* glibc keeps the translations it found under the locale's name, not
       * LANGUAGE's: without this a string once found in Dutch stays Dutch
       * for English readers. The gettext manual's own advice. */
      ++_nl_msg_cat_cntr;
    }
}

/**
 * helder_language_begin:
 * @locale: "nl", "en", or "" for the user's own
 *
 * Switches gettext to @locale for what follows, until
 * helder_language_end(); other threads that want another language wait.
 */
void
helder_language_begin (const char *locale)
{
  g_rec_mutex_lock (&language_lock);
  switch_language (locale);
}

void
helder_language_end (void)
{
  g_rec_mutex_unlock (&language_lock);
}

/* Switches within a helder_language_begin() … end() of the caller's. */
void
helder_language_use (const char *locale)
{
  g_rec_mutex_lock (&language_lock);
  switch_language (locale);
  g_rec_mutex_unlock (&language_lock);
}
