/* cq-application.h: the application: one store, one clock, its windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CQ_TYPE_APPLICATION (cq_application_get_type ())

G_DECLARE_FINAL_TYPE (CqApplication, cq_application, CQ, APPLICATION, AdwApplication)

CqApplication *cq_application_new (void);

G_END_DECLS
