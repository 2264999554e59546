/* helder-error.c
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "helder-error"

#include "config.h"

#include "helder-error.h"

G_DEFINE_QUARK (helder-error-quark, helder_error)
