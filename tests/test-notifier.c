/* test-notifier.c: what the app tells the desktop while its window is not
 * in front, as the desktop receives it
 *
 * The test owns org.gtk.Notifications on the session bus, as GNOME Shell
 * does, so GApplication sends it the notifications it would show: their
 * ids, titles, bodies and default actions are what is checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-fake-monitor.h"
#include "cq-fixture-server.h"
#include "cq-notifier.h"
#include "cq-test-ui.h"
#include "cq-test-util.h"

static const char introspection[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='a{sv}' direction='in'/></method>"
  "<method name='RemoveNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/></method>"
  "</interface></node>";

typedef struct {
  char   *id;
  char   *title;
  char   *body;
  char   *action;
  gint64  target;
} Shown;

static void
shown_free (gpointer data)
{
  Shown *shown = data;

  g_free (shown->id);
  g_free (shown->title);
  g_free (shown->body);
  g_free (shown->action);
  g_free (shown);
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  GPtrArray *shown_list = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autoptr(GVariant) notification = NULL;
      g_autoptr(GVariant) target = NULL;
      Shown *shown = g_new0 (Shown, 1);

      g_variant_get (parameters, "(ss@a{sv})", NULL, &shown->id, &notification);
      g_variant_lookup (notification, "title", "s", &shown->title);
      g_variant_lookup (notification, "body", "s", &shown->body);
      g_variant_lookup (notification, "default-action", "s", &shown->action);
      target = g_variant_lookup_value (notification, "default-action-target", NULL);
      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_INT64))
        shown->target = g_variant_get_int64 (target);
      g_ptr_array_add (shown_list, shown);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

static const Shown *
wait_for_notification (GPtrArray  *shown_list,
                       const char *id)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      for (guint i = 0; i < shown_list->len; i++)
        if (g_str_equal (((Shown *) shown_list->pdata[i])->id, id))
          return shown_list->pdata[i];
      g_main_context_iteration (NULL, TRUE);
    }
  return NULL;
}

/* New statements, and a statement page rewritten on the site, are told
 * while no window is in front; each opens its statement. */
static void
test_notifications (CqTestStore   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection, &error);
  g_autoptr(GPtrArray) shown_list = g_ptr_array_new_with_free_func (shown_free);
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autoptr(CqFakeMonitor) monitor = cq_fake_monitor_new ();
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(CqSyncEngine) engine = NULL;
  g_autoptr(CqSyncScheduler) scheduler = NULL;
  g_autoptr(CqNotifier) notifier = NULL;
  g_autoptr(CqProfile) profile = NULL;
  g_autoptr(CqItem) edited = NULL;
  g_autofree char *feed = NULL;
  const Shown *shown;
  guint object_id, name_id;

  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0], &vtable,
                                                 shown_list, NULL, &error);
  g_assert_no_error (error);
  name_id = g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                          NULL, NULL, NULL, NULL);
  cq_test_ui_run_for (200);

  application = gtk_application_new ("io.github.communique.NotifierTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  feed = cq_fixture_server_url (server, "/feed.xml");
  profile = cq_profile_new_for_feed ("embassy", "Fixture embassy", NULL, feed, "auto");
  g_assert_true (cq_store_set_source_profile (fixture->store, fixture->source_id, profile, NULL));
  g_assert_true (cq_store_set_source_keep_full (fixture->store, fixture->source_id, TRUE, NULL));
  engine = cq_sync_engine_new (fixture->store);
  scheduler = cq_sync_scheduler_new (engine, fixture->store, G_NETWORK_MONITOR (monitor));
  cq_sync_scheduler_set_keep_pause (scheduler, 0);
  notifier = cq_notifier_new (application, fixture->store, scheduler);
  cq_sync_scheduler_start (scheduler);

  shown = wait_for_notification (shown_list, "new-statements");
  g_assert_nonnull (shown);
  g_assert_cmpstr (shown->title, ==, "12 new statements");
  g_assert_cmpstr (shown->body, ==, "Fixture embassy");
  g_assert_cmpstr (shown->action, ==, "app.show-item");
  g_assert_cmpint (shown->target, >, 0);
  for (guint i = 0; i < shown_list->len; i++)
    g_assert_cmpstr (((Shown *) shown_list->pdata[i])->id, !=, "statement-pages-changed");

  /* Once every full statement is kept, the site quietly rewrites one. */
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    g_autoptr(GArray) missing = NULL;

    do
      {
        g_clear_pointer (&missing, g_array_unref);
        g_main_context_iteration (NULL, TRUE);
        missing = cq_store_query_missing_full_text (fixture->store, 0, 100, NULL);
      }
    while (missing->len > 0 && g_get_monotonic_time () < deadline);
    g_assert_cmpuint (missing->len, ==, 0);
    cq_test_ui_run_for (300);
  }
  cq_fixture_server_edit_statement (server, 5, "A second paragraph, rewritten on the page after the fact.");
  cq_sync_scheduler_sync_now (scheduler);
  shown = wait_for_notification (shown_list, "statement-pages-changed");
  g_assert_nonnull (shown);
  g_assert_cmpstr (shown->title, ==, "1 statement was changed on its page");
  g_assert_true (g_str_has_prefix (shown->body, "“Statement 5 on "));
  g_assert_true (g_str_has_suffix (shown->body, "”, Fixture embassy"));
  edited = cq_store_dup_item (fixture->store, shown->target, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cq_item_get_revision_count (edited), ==, 1);

  cq_sync_scheduler_stop (scheduler);
  cq_test_ui_run_for (200);
  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (bus, object_id);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (!cq_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/cq/notifier/notifications", CqTestStore, NULL, cq_test_store_setup, test_notifications,
              cq_test_store_teardown);

  return g_test_run ();
}
