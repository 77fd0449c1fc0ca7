/* cq-task-data.h: the data a GTask chain carries, declared once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CQ_DEFINE_JOB_DATA:
 * @TypeName: a struct type defined just before
 * @type_name: the prefix of its functions
 *
 * Gives a job's data the functions every GTask chain needs, so that no job
 * writes its own allocation and free: `type_name_new()` (zeroed),
 * `type_name_free()`, `g_autoptr(TypeName)`, and `type_name_attach()`, which
 * hands the data to a task and returns it.  The file defines
 * `type_name_clear()`, which releases the fields and nothing else.  The
 * idea is GNOME Console's KGX_DEFINE_DATA.
 */
#define CQ_DEFINE_JOB_DATA(TypeName, type_name)                              \
  static void type_name##_clear (TypeName *self);                           \
                                                                            \
  G_GNUC_UNUSED static inline TypeName *                                    \
  type_name##_new (void)                                                    \
  {                                                                         \
    return g_new0 (TypeName, 1);                                            \
  }                                                                         \
                                                                            \
  G_GNUC_UNUSED static void                                                 \
  type_name##_free (gpointer data)                                          \
  {                                                                         \
    if (data == NULL)                                                       \
      return;                                                               \
    type_name##_clear (data);                                               \
    g_free (data);                                                          \
  }                                                                         \
                                                                            \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (TypeName, type_name##_free)                \
                                                                            \
  G_GNUC_UNUSED static inline TypeName *                                    \
  type_name##_attach (GTask    *task,                                       \
                      TypeName *data)                                       \
  {                                                                         \
    g_task_set_task_data (task, data, type_name##_free);                    \
    return data;                                                            \
  }

G_END_DECLS
