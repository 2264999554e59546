/* helder-error.h — the one error domain of Helder
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HELDER_ERROR (helder_error_quark ())

/**
 * HelderError:
 * @HELDER_ERROR_INVALID: the input is wrong; the message says what and where
 * @HELDER_ERROR_NOT_FOUND: a key does not name an existing row
 * @HELDER_ERROR_CONFLICT: the change clashes with what is stored (duplicate key,
 *   a row still referred to, a transition the rules forbid)
 * @HELDER_ERROR_PERMISSION: the caller may not do this
 * @HELDER_ERROR_IO: the store or a file could not be read or written
 * @HELDER_ERROR_USAGE: the command line itself is wrong (exit code 2)
 *
 * Codes that callers can act on. SQLite errors are mapped into this domain
 * with SQLite's own message kept in the text.
 */
typedef enum
{
  HELDER_ERROR_INVALID,
  HELDER_ERROR_NOT_FOUND,
  HELDER_ERROR_CONFLICT,
  HELDER_ERROR_PERMISSION,
  HELDER_ERROR_IO,
  HELDER_ERROR_USAGE,
} HelderError;

GQuark helder_error_quark (void);
void helder_error_set_field (GError *error, const char *field);
const char *helder_error_get_field (const GError *error);
void helder_error_set (GError **error, HelderError code, const char *field, const char *format, ...)
  G_GNUC_PRINTF (4, 5);
void helder_error_prefix_field (GError **error, const char *field, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

G_END_DECLS
