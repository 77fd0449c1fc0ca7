/* cq-opml-files.c: importing and exporting the sources from the window
 *
 * Import Sources… and Export Sources… in the window's menu, as the CLI's
 * import and export do: a file chooser (the portal's, in the Flatpak),
 * then the file read or written off the main thread, and the outcome said
 * in a toast.  Reading stops at the size no list of sources reaches, so a
 * wrong file chosen costs nothing; an import that fails adds nothing (the
 * core adds every source in one transaction); an export is written to a
 * temporary name and renamed (g_file_replace), so a failed one leaves the
 * file that was there untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "cq-opml.h"
#include "cq-opml-files.h"

typedef struct
{
  GtkWindow *parent;
  CqStore   *store;
} Job;

static Job *
job_new (GtkWindow *parent,
         CqStore   *store)
{
  Job *job = g_new0 (Job, 1);

  job->parent = g_object_ref (parent);
  job->store = g_object_ref (store);
  return job;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
tell (Job        *job,
      const char *message)
{
  gtk_widget_activate_action (GTK_WIDGET (job->parent), "win.show-message", "s", message);
}

static void
tell_error (Job          *job,
            const char   *what,
            const GError *error)
{
  /* Translators: the first %s says what failed ("The sources could not be
   * imported"), the second why. */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what, error->message);

  tell (job, message);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (!(stream = g_file_read (G_FILE (source_object), cancellable, &error)) ||
      !(bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), CQ_OPML_MAX_SIZE + 1, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GString) message = g_string_new (NULL);
  guint added = 0, skipped = 0;

  /* One byte past the limit is too large: the core says so in its words. */
  if (bytes == NULL || !cq_opml_import (job->store, bytes, &added, &skipped, &error))
    {
      tell_error (job, _("The sources could not be imported"), error);
      return;
    }

  g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "Added %u source", "Added %u sources", added),
                          added);
  if (skipped > 0)
    {
      g_string_append (message, "; ");
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "%u was there already",
                                                    "%u were there already", skipped), skipped);
    }
  tell (job, message->str);
  /* New sources are fetched now, not at the next scheduled sync. */
  if (added > 0)
    gtk_widget_activate_action (GTK_WIDGET (job->parent), "app.refresh", NULL);
}

/**
 * cq_opml_files_import:
 * @parent: the window that tells the outcome
 * @file: an OPML file
 *
 * Adds the sources @file lists, and says how many in a toast.
 */
void
cq_opml_files_import (GtkWindow *parent,
                      CqStore   *store,
                      GFile     *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (CQ_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, NULL, read_done_cb, job_new (parent, store));
  g_task_set_source_tag (task, cq_opml_files_import);
  g_task_run_in_thread (task, read_thread);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      tell_error (job, _("The sources could not be exported"), error);
      return;
    }
  name = g_file_get_basename (G_FILE (object));
  /* Translators: %s is a file's name. */
  message = g_strdup_printf (_("Sources exported to %s"), name);
  tell (job, message);
}

/**
 * cq_opml_files_export:
 * @parent: the window that tells the outcome
 * @file: where to write
 *
 * Writes the sources to @file as OPML; @file is replaced only once the
 * whole list is written.
 */
void
cq_opml_files_export (GtkWindow *parent,
                      CqStore   *store,
                      GFile     *file)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Job) job = NULL;
  g_autoptr(GBytes) opml = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (CQ_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  job = job_new (parent, store);
  if (!(sources = cq_store_dup_sources (store, &error)))
    {
      tell_error (job, _("The sources could not be exported"), error);
      return;
    }
  {
    char *text = cq_opml_export (sources);

    opml = g_bytes_new_take (text, strlen (text));
  }
  g_file_replace_contents_bytes_async (file, opml, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       write_done_cb, g_steal_pointer (&job));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_OPEN)
        cq_opml_files_import (job->parent, job->store, file);
      else
        cq_opml_files_export (job->parent, job->store, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose (GtkWindow            *parent,
        CqStore              *store,
        GtkFileChooserAction  action)
{
  gboolean open = action == GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) opml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (CQ_IS_STORE (store));

  chooser = gtk_file_chooser_native_new (open ? _("Import Sources") : _("Export Sources"), parent, action,
                                         open ? _("_Import") : _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (opml, _("OPML Lists of Sources"));
  gtk_file_filter_add_mime_type (opml, "text/x-opml+xml");
  gtk_file_filter_add_suffix (opml, "opml");
  gtk_file_filter_add_suffix (opml, "xml");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), opml);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (!open)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Communiqué sources.opml"));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), job_new (parent, store));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * cq_opml_files_choose_import:
 *
 * Asks for an OPML file, then imports the sources it lists.
 */
void
cq_opml_files_choose_import (GtkWindow *parent,
                             CqStore   *store)
{
  choose (parent, store, GTK_FILE_CHOOSER_ACTION_OPEN);
}

/**
 * cq_opml_files_choose_export:
 *
 * Asks where to save, then writes the sources there as OPML.
 */
void
cq_opml_files_choose_export (GtkWindow *parent,
                             CqStore   *store)
{
  choose (parent, store, GTK_FILE_CHOOSER_ACTION_SAVE);
}
