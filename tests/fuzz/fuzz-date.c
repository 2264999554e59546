/* fuzz-date.c — dates as people type them
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * helder_date_parse_typed() reads "04-12-2026", "4 december 2026" and the
 * like by hand. On any bytes it must not crash, and what it returns must
 * be a day helder_date_parse() accepts and that reads back as itself; a
 * date and time built on it must parse or be refused with an error.
 * Built as a libFuzzer target with clang, and replayed by
 * tests/test-fuzz-replay.c everywhere.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/helder-date.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  g_autofree char *day = NULL;
  g_autofree char *again = NULL;
  g_autofree char *with_time = NULL;
  g_autofree char *utc = NULL;
  g_autoptr (GError) error = NULL;

  if (size > 256)
    return 0;
  text = g_strndup ((const char *) data, size);
  day = helder_date_parse_typed (text);
  if (day != NULL)
    {
      if (strlen (day) != 10 || !helder_date_parse (day, NULL))
        abort ();
      again = helder_date_parse_typed (day);
      if (again == NULL || strcmp (again, day) != 0)
        abort ();
    }
  with_time = g_strconcat (text, " 10:00", NULL);
  utc = helder_date_parse_datetime (with_time, &error);
  if ((utc == NULL) == (error == NULL))
    abort ();
  /* The input as a whole: a day and a time as typed ("om 9.30", "10u"). */
  g_clear_pointer (&utc, g_free);
  g_clear_error (&error);
  utc = helder_date_parse_datetime (text, &error);
  if ((utc == NULL) == (error == NULL) || (utc != NULL && strlen (utc) != 20))
    abort ();
  return 0;
}
