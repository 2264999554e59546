/* helder-role.h — who someone is when they use Helder
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * HelderRole:
 * @HELDER_ROLE_ANONYMOUS: not signed in
 * @HELDER_ROLE_EMPLOYEE: an employee, who reads their own transition
 * @HELDER_ROLE_HR: HR, who place people in the new roles
 * @HELDER_ROLE_ADVISOR: the strategic advisor, who plans the communication
 *
 * Roles as bits, so that a permission (helder-context.h) lists the roles
 * that hold it by default.
 */
typedef enum
{
  HELDER_ROLE_ANONYMOUS = 1 << 0,
  HELDER_ROLE_EMPLOYEE = 1 << 1,
  HELDER_ROLE_HR = 1 << 2,
  HELDER_ROLE_ADVISOR = 1 << 3,
} HelderRole;

#define HELDER_ROLES_ANYONE \
  (HELDER_ROLE_ANONYMOUS | HELDER_ROLE_EMPLOYEE | HELDER_ROLE_HR | HELDER_ROLE_ADVISOR)
#define HELDER_ROLES_SIGNED_IN (HELDER_ROLE_EMPLOYEE | HELDER_ROLE_HR | HELDER_ROLE_ADVISOR)
#define HELDER_ROLES_STAFF     (HELDER_ROLE_HR | HELDER_ROLE_ADVISOR)

G_END_DECLS
