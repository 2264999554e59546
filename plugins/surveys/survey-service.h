/* survey-service.h — the contract between the surveys plugin's parts
 *
 * Copyright 2026 The Helder authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Definition and lifecycle: survey-define.h.
 */
#pragma once

#include "survey-define.h"
