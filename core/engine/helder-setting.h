/* helder-setting.h — settings that core and plugins register
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * HelderSettingCheck:
 * @value: the value someone wants to set, valid UTF-8
 * @error: where to say what is wrong with it (without naming the setting:
 *   the caller adds the name)
 *
 * Returns: %TRUE when @value is acceptable
 */
typedef gboolean (*HelderSettingCheck) (const char *value, GError **error);

/**
 * HelderSetting:
 * @name: "smtp.url": a dotted name, lower case
 * @summary: one line for `helder config list`, untranslated (N_())
 * @default_value: used while nothing is stored; %NULL for "" (unset)
 * @secret: shown as "********" by `helder config`
 * @check: validates a value before it is stored; %NULL accepts any
 * @owner: "core" or the plugin's module name
 * @gettext_domain: the text domain of @summary
 *
 * One setting, as `helder config set NAME VALUE` stores it. Values are
 * text; a setting's @check says what text it accepts.
 */
typedef struct
{
  const char *name;
  const char *summary;
  const char *default_value;
  gboolean secret;
  HelderSettingCheck check;
  const char *owner;
  const char *gettext_domain;
} HelderSetting;

gboolean helder_setting_check_uint (const char *value, guint64 min, guint64 max, GError **error);

/* Core's own settings, registered by every context (helder-context.c). */
typedef struct _HelderContext HelderContext;
void helder_setting_register_core (HelderContext *context);

G_END_DECLS
