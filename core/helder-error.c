/* helder-error.c — the one error domain, and the field an error is about
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HelderError is an extended GError domain (GLib ≥ 2.68): besides its code
 * and message, an error can carry the name of the field it is about, so
 * that the API answers {"error":{"field": "due_on", …}} from the error
 * itself, not from reading its text. The field travels with the error
 * through g_propagate_error(), g_prefix_error() and g_error_copy(). An
 * error that lists several problems, one a line, carries their fields one
 * a line too (an empty line for a problem about no one field).
 */
#define G_LOG_DOMAIN "helder-error"

#include "config.h"

#include "helder-error.h"

typedef struct
{
  char *field;
} HelderErrorPrivate;

static void
helder_error_private_init (HelderErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
helder_error_private_copy (const HelderErrorPrivate *src, HelderErrorPrivate *dest)
{
  dest->field = g_strdup (src->field);
}

static void
helder_error_private_clear (HelderErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (HelderError, helder_error)

/**
 * helder_error_set_field:
 * @error: (nullable): an error of %HELDER_ERROR; others are left alone
 * @field: (nullable): the name of the field it is about, e.g. "due_on"
 */
void
helder_error_set_field (GError *error, const char *field)
{
  HelderErrorPrivate *priv;

  if (error == NULL || error->domain != HELDER_ERROR)
    return;
  priv = helder_error_get_private (error);
  g_free (priv->field);
  priv->field = g_strdup (field);
}

/**
 * helder_error_get_field:
 *
 * Returns: (nullable): the field @error is about, or %NULL when it is about
 *   no one field (or is not a #HelderError)
 */
const char *
helder_error_get_field (const GError *error)
{
  if (error == NULL || error->domain != HELDER_ERROR)
    return NULL;
  return helder_error_get_private (error)->field;
}

/**
 * helder_error_set:
 * @error: (nullable): where the error goes
 * @code: a #HelderError
 * @field: the field the error is about
 * @format: the message, which names the field for people too ("due_on: …")
 *
 * g_set_error() for an error about one field: the field is carried in the
 * error (helder_error_get_field()), not only in its text.
 */
void
helder_error_set (GError **error, HelderError code, const char *field, const char *format, ...)
{
  GError *new_error;
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  new_error = g_error_new_valist (HELDER_ERROR, code, format, args);
  va_end (args);
  helder_error_set_field (new_error, field);
  g_propagate_error (error, new_error);
}

/**
 * helder_error_prefix_field:
 * @field: the field the error is about now
 *
 * g_prefix_error() for an error that turns out to be about @field (a value
 * checked without knowing its field, then named by the caller).
 */
void
helder_error_prefix_field (GError **error, const char *field, const char *format, ...)
{
  g_autofree char *prefix = NULL;
  va_list args;

  if (error == NULL || *error == NULL)
    return;
  va_start (args, format);
  prefix = g_strdup_vprintf (format, args);
  va_end (args);
  g_prefix_error_literal (error, prefix);
  helder_error_set_field (*error, field);
}
