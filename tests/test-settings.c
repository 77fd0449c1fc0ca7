/* test-settings.c: one typed settings object over the schema and the desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cq-settings.h"
#include "cq-test-ui.h"

static void
count_cb (guint *count)
{
  (*count)++;
}

/* A key changed anywhere (dconf, another window) is a property that
 * notifies; a property set is the key written. */
static void
test_keys_are_typed_properties (void)
{
  CqSettings *settings = cq_settings_get_default ();
  g_autoptr(GSettings) schema = g_settings_new (APPLICATION_ID);
  guint images_changed = 0;
  guint interval = 0;
  gboolean mark_read;

  g_assert_true (cq_settings_get_default () == settings);
  g_assert_false (cq_settings_get_load_remote_images (settings));
  g_signal_connect_swapped (settings, "notify::load-remote-images", G_CALLBACK (count_cb), &images_changed);

  g_settings_set_boolean (schema, "load-remote-images", TRUE);
  g_assert_cmpuint (images_changed, ==, 1);
  g_assert_true (cq_settings_get_load_remote_images (settings));

  g_object_set (settings, "sync-interval", 45u, NULL);
  g_assert_cmpuint (g_settings_get_uint (schema, "sync-interval"), ==, 45);
  g_object_get (settings, "sync-interval", &interval, "mark-read-on-open", &mark_read, NULL);
  g_assert_cmpuint (interval, ==, 45);
  g_assert_true (mark_read);

  cq_settings_set_last_item (settings, 1234);
  g_assert_cmpint (g_settings_get_int64 (schema, "last-item"), ==, 1234);
  g_assert_cmpint (cq_settings_get_last_item (settings), ==, 1234);

  /* Outside GNOME (no desktop schema here), clocks are 24-hour. */
  g_assert_cmpint (cq_settings_get_clock_format (settings), ==, CQ_CLOCK_FORMAT_24H);

  g_signal_handlers_disconnect_by_data (settings, &images_changed);
  g_settings_reset (schema, "load-remote-images");
  g_settings_reset (schema, "sync-interval");
  g_settings_reset (schema, "last-item");
}

/* Preferences' controls and the settings are one value. */
static void
test_bound_both_ways (void)
{
  CqSettings *settings = cq_settings_get_default ();
  GtkWidget *toggle = gtk_switch_new ();

  g_object_ref_sink (toggle);
  g_object_bind_property (settings, "mark-read-on-open", toggle, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (cq_settings_get_mark_read_on_open (settings));
  g_object_set (settings, "mark-read-on-open", TRUE, NULL);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_object_unref (toggle);
}

int
main (int    argc,
      char **argv)
{
  if (!cq_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/cq/settings/keys-are-typed-properties", test_keys_are_typed_properties);
  g_test_add_func ("/cq/settings/bound-both-ways", test_bound_both_ways);

  return g_test_run ();
}
