/* fuzz-holidays.c — the computus and the holiday calendar
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first two bytes are a year (0–65535), the next two a month and a
 * day (any byte). Both Easter methods must agree, and refuse the same
 * years; Easter Sunday and the day after must be named holidays; and
 * helder_holidays_name() must answer any year, month and day without a
 * crash, naming only days that exist. Built as a libFuzzer target with
 * clang, and replayed by tests/test-fuzz-replay.c everywhere.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "model/helder-holidays.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  guint year, month, day;
  guint m1 = 0, d1 = 0, m2 = 0, d2 = 0;
  gboolean ok1, ok2;
  const char *name;

  if (size < 4)
    return 0;
  year = (guint) data[0] << 8 | data[1];
  month = data[2];
  day = data[3];

  ok1 = helder_holidays_easter (year, &m1, &d1);
  ok2 = helder_holidays_easter_gauss (year, &m2, &d2);
  if (ok1 != ok2 || (ok1 && (m1 != m2 || d1 != d2)))
    abort ();
  if (ok1)
    {
      if (!((m1 == 3 && d1 >= 22 && d1 <= 31) || (m1 == 4 && d1 <= 25)))
        abort ();
      if (helder_holidays_name (year, m1, d1) == NULL)
        abort ();
      if (helder_holidays_name (year, m1 == 3 && d1 == 31 ? 4 : m1,
                                m1 == 3 && d1 == 31 ? 1 : d1 + 1) == NULL)
        abort ();
    }

  name = helder_holidays_name (year, month, day);
  if (name != NULL &&
      (!ok1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year)))
    abort ();
  return 0;
}
