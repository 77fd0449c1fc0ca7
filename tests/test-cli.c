/* test-cli.c: communique-cli as a script uses it: output, exit codes, words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>
#include <locale.h>

#include "cq-fixture-server.h"
#include "cq-test-util.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs communique-cli in the C locale with @data_dir, the rest of the
 * NULL-terminated arguments following. */
static void
run_cli (Run        *run,
         const char *data_dir,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COMMUNIQUE_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  if (data_dir != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--data-dir");
      g_ptr_array_add (argv, (gpointer) data_dir);
    }
  va_start (args, data_dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* The main loop runs while the CLI does, so that a fixture server in this
   * process can answer it. */
  g_subprocess_communicate_utf8_async (process, NULL, NULL, cq_test_keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static void
test_header_text (void)
{
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *db = g_build_filename (dir, "communique.db", NULL);
  g_auto(Run) run = { 0 };

  run_cli (&run, dir, "header", "--at", "2019-06-16T19:40:00Z", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "16 June 2019\n"
                   "Moscow: 22:40\n"
                   "London: 20:40\n"
                   "469 days have passed since the Salisbury incident\n"
                   "461 days have passed since the death of Nikolay Glushkov on British soil\n"
                   "Consular queries: +44 (0) 203 668 7474\n");
  g_assert_cmpstr (run.err, ==, "");
  /* Showing the header makes no database. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  cq_test_remove_dir (dir);
}

static void
test_header_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *header;
  JsonArray *clocks, *counters, *contacts;
  JsonObject *moscow, *london, *salisbury, *glushkov, *consular;

  run_cli (&run, NULL, "header", "--at", "2019-06-16T19:40:00Z", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  header = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (header, "date"), ==, "16 June 2019");
  clocks = json_object_get_array_member (header, "clocks");
  g_assert_cmpuint (json_array_get_length (clocks), ==, 2);
  moscow = json_array_get_object_element (clocks, 0);
  london = json_array_get_object_element (clocks, 1);
  g_assert_cmpstr (json_object_get_string_member (moscow, "label"), ==, "Moscow");
  g_assert_cmpstr (json_object_get_string_member (moscow, "zone"), ==, "Europe/Moscow");
  g_assert_cmpstr (json_object_get_string_member (moscow, "time"), ==, "22:40");
  g_assert_cmpstr (json_object_get_string_member (london, "time"), ==, "20:40");

  counters = json_object_get_array_member (header, "counters");
  salisbury = json_array_get_object_element (counters, 0);
  glushkov = json_array_get_object_element (counters, 1);
  g_assert_cmpstr (json_object_get_string_member (salisbury, "label"), ==, "the Salisbury incident");
  g_assert_cmpstr (json_object_get_string_member (salisbury, "since"), ==, "2018-03-04");
  g_assert_cmpint (json_object_get_int_member (salisbury, "days"), ==, 469);
  g_assert_cmpint (json_object_get_int_member (glushkov, "days"), ==, 461);
  g_assert_cmpstr (json_object_get_string_member (glushkov, "text"), ==,
                   "461 days have passed since the death of Nikolay Glushkov on British soil");

  contacts = json_object_get_array_member (header, "contacts");
  consular = json_array_get_object_element (contacts, 0);
  g_assert_cmpstr (json_object_get_string_member (consular, "label"), ==, "Consular queries");
  g_assert_cmpstr (json_object_get_string_member (consular, "value"), ==, "+44 (0) 203 668 7474");
  g_assert_cmpstr (json_object_get_string_member (consular, "uri"), ==, "tel:+442036687474");
}

static void
test_header_errors (void)
{
  g_auto(Run) bad_time = { 0 };
  g_auto(Run) bad_format = { 0 };
  g_auto(Run) twelve = { 0 };

  run_cli (&bad_time, NULL, "header", "--at", "last Tuesday", NULL);
  g_assert_cmpint (bad_time.status, ==, 2);
  assert_contains (bad_time.err, "ISO 8601");
  g_assert_cmpstr (bad_time.out, ==, "");

  run_cli (&bad_format, NULL, "header", "--clock-format", "36h", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  assert_contains (bad_format.err, "“24h” or “12h”");

  run_cli (&twelve, NULL, "header", "--at", "2019-06-16T19:40:00Z", "--clock-format", "12h", NULL);
  g_assert_cmpint (twelve.status, ==, 0);
  assert_contains (twelve.out, "Moscow: 10:40 PM\n");
}

static void
test_list_empty (void)
{
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_auto(Run) run = { 0 };
  g_auto(Run) sources = { 0 };

  run_cli (&run, dir, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "[]\n");
  g_assert_cmpstr (run.err, ==, "");

  /* The CLI never adds the default source by itself. */
  run_cli (&sources, dir, "sources", "--json", NULL);
  g_assert_cmpstr (sources.out, ==, "[]\n");
  cq_test_remove_dir (dir);
}

static void
fill_store (CqTestStore *fixture)
{
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GError) error = NULL;

  cq_test_store_setup (fixture, NULL);
  cq_store_upsert_items (fixture->store, fixture->source_id, items, NULL, &error);
  g_assert_no_error (error);
  /* The CLI is another process: close so that it sees a quiet file. */
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
}

static void
empty_fixture (CqTestStore *fixture)
{
  cq_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static JsonArray *
list_json (JsonNode   **root,
           const char  *dir,
           const char  *option)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, dir, "list", "--json", option, NULL);
  g_assert_cmpint (run.status, ==, 0);
  *root = parse_json (run.out);
  return json_node_get_array (*root);
}

static void
test_list_and_filters (void)
{
  CqTestStore fixture = { 0 };
  g_autoptr(JsonNode) all_root = NULL;
  g_autoptr(JsonNode) search_root = NULL;
  g_auto(Run) limited = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonArray *all;
  JsonObject *newest;

  fill_store (&fixture);

  all = list_json (&all_root, fixture.dir, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 5);
  newest = json_array_get_object_element (all, 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "guid"), ==, "s5");
  g_assert_cmpstr (json_object_get_string_member (newest, "published"), ==, "2019-06-07T16:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (newest, "source"), ==, "Embassy news");
  g_assert_false (json_object_get_boolean_member (newest, "read"));
  g_assert_true (json_object_get_null_member (newest, "updated"));

  list_json (&search_root, fixture.dir, "--search=консульск");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (search_root)), ==, 1);

  run_cli (&limited, fixture.dir, "list", "--limit", "2", NULL);
  g_assert_cmpint (limited.status, ==, 0);
  lines = g_strsplit (limited.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  /* Dates show in the source's zone, as the site shows them. */
  run_cli (&text, fixture.dir, "list", NULL);
  assert_contains (text.out, "07.06.2019  ●   Statement at a working group on information security\n");

  empty_fixture (&fixture);
}

static void
test_show_and_mark (void)
{
  CqTestStore fixture = { 0 };
  g_autoptr(JsonNode) shown_root = NULL;
  g_autoptr(JsonNode) unread_root = NULL;
  g_autoptr(JsonNode) starred_root = NULL;
  g_auto(Run) show = { 0 };
  g_auto(Run) show_text = { 0 };
  g_auto(Run) cite = { 0 };
  g_auto(Run) mark_read = { 0 };
  g_auto(Run) mark_star = { 0 };
  JsonObject *item;

  fill_store (&fixture);

  run_cli (&show, fixture.dir, "show", "3", "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  shown_root = parse_json (show.out);
  item = json_node_get_object (shown_root);
  g_assert_cmpstr (json_object_get_string_member (item, "guid"), ==, "s3");
  assert_contains (json_object_get_string_member (item, "content_html"), "<em>review conference</em>");
  g_assert_cmpstr (json_object_get_string_member (item, "text"), ==, "A statement on the review conference.");

  run_cli (&show_text, fixture.dir, "show", "5", NULL);
  g_assert_cmpint (show_text.status, ==, 0);
  assert_contains (show_text.out, "Statement at a working group on information security\n07.06.2019 · Embassy news\n");
  assert_contains (show_text.out, "Opening remarks Distinguished colleagues");

  /* Its citation, in a recognised style, dated by the source's calendar. */
  run_cli (&cite, fixture.dir, "show", "5", "--cite", "apa", NULL);
  g_assert_cmpint (cite.status, ==, 0);
  g_assert_cmpstr (cite.out, ==, "Embassy news. (2019, June 7). Statement at a working group on information security. "
                                 "https://news.example.org/statements/s5\n");

  run_cli (&mark_read, fixture.dir, "mark", "3", "read", NULL);
  g_assert_cmpint (mark_read.status, ==, 0);
  g_assert_cmpstr (mark_read.out, ==, "");
  run_cli (&mark_star, fixture.dir, "mark", "3", "star", NULL);
  g_assert_cmpint (mark_star.status, ==, 0);

  list_json (&unread_root, fixture.dir, "--unread");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (unread_root)), ==, 4);
  list_json (&starred_root, fixture.dir, "--starred");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (starred_root)), ==, 1);
  item = json_array_get_object_element (json_node_get_array (starred_root), 0);
  g_assert_true (json_object_get_boolean_member (item, "read"));

  empty_fixture (&fixture);
}

/* A statement the source edited: its versions listed, one diffed, and the
 * whole saved for the record in Markdown and HTML, a file written whole or
 * not at all. */
static void
test_history_and_save (void)
{
  CqTestStore fixture = { 0 };
  g_autoptr(GPtrArray) items = cq_test_embassy_items ();
  g_autoptr(GPtrArray) edited = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_auto(Run) history = { 0 };
  g_auto(Run) history_json = { 0 };
  g_auto(Run) diff = { 0 };
  g_auto(Run) no_such = { 0 };
  g_auto(Run) save_md = { 0 };
  g_auto(Run) save_html = { 0 };
  g_auto(Run) save_script = { 0 };
  g_auto(Run) save_nowhere = { 0 };
  g_autofree char *md_path = NULL;
  g_autofree char *html_path = NULL;
  g_autofree char *nowhere = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autoptr(JsonNode) root = NULL;

  cq_test_store_setup (&fixture, NULL);
  cq_store_upsert_items (fixture.store, fixture.source_id, items, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (edited, cq_test_item ("s5", "Statement at a working group on information security",
                                         "2019-06-07T16:00:00Z", "Remarks at the first session of a working group in New York.",
                                         "<h2>Opening remarks</h2><p>Distinguished colleagues, a second session.</p>"));
  cq_store_upsert_items (fixture.store, fixture.source_id, edited, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) long_one = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GString) html_text = g_string_new (NULL);

    for (guint i = 1; i <= 150; i++)
      g_string_append_printf (html_text, "<p>Paragraph %u of a long statement, which runs over several pages.</p>", i);
    g_ptr_array_add (long_one, cq_test_item ("long", "A long statement", "2019-06-01T10:00:00Z", NULL, html_text->str));
    cq_store_upsert_items (fixture.store, fixture.source_id, long_one, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_finalize_object (g_steal_pointer (&fixture.store));
  md_path = g_build_filename (fixture.dir, "s5.md", NULL);
  html_path = g_build_filename (fixture.dir, "s5.html", NULL);
  nowhere = g_build_filename (fixture.dir, "no-such-folder", "s5.md", NULL);

  run_cli (&history, fixture.dir, "history", "5", NULL);
  g_assert_cmpint (history.status, ==, 0);
  g_assert_true (g_str_has_prefix (history.out, "1  replaced "));
  assert_contains (history.out, "Statement at a working group on information security\n");

  run_cli (&history_json, fixture.dir, "history", "5", "--json", NULL);
  g_assert_cmpint (history_json.status, ==, 0);
  root = parse_json (history_json.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);

  run_cli (&diff, fixture.dir, "history", "5", "--diff", "1", NULL);
  g_assert_cmpint (diff.status, ==, 0);
  assert_contains (diff.out, "Distinguished colleagues, a [-first-] {+second+} session.");

  run_cli (&no_such, fixture.dir, "history", "5", "--diff", "2", NULL);
  g_assert_cmpint (no_such.status, ==, 1);
  assert_contains (no_such.err, "has versions 1 to 1; there is no version 2.");

  run_cli (&save_md, fixture.dir, "save", "5", "--with-history", "-o", md_path, NULL);
  g_assert_cmpint (save_md.status, ==, 0);
  g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
  g_assert_true (g_str_has_prefix (md, "# Statement at a working group on information security\n\n"));
  assert_contains (md, "- Source: Embassy news\n");
  assert_contains (md, "- Address: https://news.example.org/statements/s5\n");
  assert_contains (md, "### Opening remarks\n\nDistinguished colleagues, a second session.\n");
  assert_contains (md, "## Earlier Versions\n\n### Version 1, replaced ");
  assert_contains (md, "a ~~first~~ **second** session.");

  run_cli (&save_html, fixture.dir, "save", "5", "--format", "html", "--with-history", "-o", html_path, NULL);
  g_assert_cmpint (save_html.status, ==, 0);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  assert_contains (html, "<h1>Statement at a working group on information security</h1>");
  assert_contains (html, "a <del>first</del> <ins>second</ins> session.");

  /* Saved HTML is sanitised: the script stored item 3 once carried is not in it. */
  run_cli (&save_script, fixture.dir, "save", "3", "--format", "html", NULL);
  g_assert_cmpint (save_script.status, ==, 0);
  g_assert_null (strstr (save_script.out, "<script"));
  g_assert_null (strstr (save_script.out, "alert("));

  /* A PDF, A4, read back as text: the title, the text, the history; and a
   * Russian statement whole. */
  {
    g_autofree char *pdf_path = g_build_filename (fixture.dir, "s5.pdf", NULL);
    g_autofree char *ru_path = g_build_filename (fixture.dir, "s2.pdf", NULL);
    g_auto(Run) save_pdf = { 0 };
    g_auto(Run) save_ru = { 0 };
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

    run_cli (&save_pdf, fixture.dir, "save", "5", "--format", "pdf", "--with-history", "-o", pdf_path, NULL);
    g_assert_cmpint (save_pdf.status, ==, 0);
    run_cli (&save_ru, fixture.dir, "save", "2", "--format", "pdf", "-o", ru_path, NULL);
    g_assert_cmpint (save_ru.status, ==, 0);
    if (pdftotext == NULL)
      g_test_message ("pdftotext is not installed (.ci/deps installs it): the PDFs are not read back");
    else
      {
        g_autofree char *command = g_strdup_printf ("pdftotext -layout %s -", pdf_path);
        g_autofree char *ru_command = g_strdup_printf ("pdftotext -layout %s -", ru_path);
        g_autofree char *text = NULL;
        g_autofree char *ru_text = NULL;

        g_assert_true (g_spawn_command_line_sync (command, &text, NULL, NULL, NULL));
        assert_contains (text, "Statement at a working group on information security");
        assert_contains (text, "Distinguished colleagues, a second session.");
        assert_contains (text, "Earlier Versions");
        assert_contains (text, "Version 1, replaced ");
        assert_contains (text, "https://news.example.org/statements/s5");
        g_assert_true (g_spawn_command_line_sync (ru_command, &ru_text, NULL, NULL, NULL));
        assert_contains (ru_text, "Заявление о консульском обслуживании");

        /* Over several pages, every line on one of them. */
        {
          g_autofree char *long_path = g_build_filename (fixture.dir, "long.pdf", NULL);
          g_autofree char *long_command = g_strdup_printf ("pdftotext %s -", long_path);
          g_autofree char *info_command = g_strdup_printf ("pdfinfo %s", long_path);
          g_autofree char *long_text = NULL;
          g_autofree char *info = NULL;
          g_auto(Run) save_long = { 0 };

          run_cli (&save_long, fixture.dir, "save", "6", "--format", "pdf", "-o", long_path, NULL);
          g_assert_cmpint (save_long.status, ==, 0);
          g_assert_true (g_spawn_command_line_sync (long_command, &long_text, NULL, NULL, NULL));
          g_assert_true (g_spawn_command_line_sync (info_command, &info, NULL, NULL, NULL));
          g_assert_null (strstr (info, "Pages:           1\n"));
          for (guint i = 1; i <= 150; i++)
            {
              g_autofree char *line = g_strdup_printf ("Paragraph %u of a long statement", i);

              assert_contains (long_text, line);
            }
          g_unlink (long_path);
        }
      }
    g_unlink (pdf_path);
    g_unlink (ru_path);
  }

  /* Nowhere to write: said, and no file, not even half of one. */
  run_cli (&save_nowhere, fixture.dir, "save", "5", "-o", nowhere, NULL);
  g_assert_cmpint (save_nowhere.status, ==, 1);
  assert_contains (save_nowhere.err, "The statement could not be saved to ");
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  {
    g_autofree char *nowhere_pdf = g_build_filename (fixture.dir, "no-such-folder", "s5.pdf", NULL);
    g_auto(Run) pdf_nowhere = { 0 };

    run_cli (&pdf_nowhere, fixture.dir, "save", "5", "--format", "pdf", "-o", nowhere_pdf, NULL);
    g_assert_cmpint (pdf_nowhere.status, ==, 1);
    assert_contains (pdf_nowhere.err, "The statement could not be saved to ");
    g_assert_false (g_file_test (nowhere_pdf, G_FILE_TEST_EXISTS));
  }

  g_unlink (md_path);
  g_unlink (html_path);
  empty_fixture (&fixture);
}

typedef struct {
  const char *args[5];
  int         status;
  const char *says;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { { "show", "9999", NULL }, 1, "There is no item with the id 9999." },
  { { "show", "abc", NULL }, 2, "“abc” is not an item id" },
  { { "show", NULL }, 2, "needs an item id" },
  { { "save", "5", "--format", "odt", NULL }, 2, "--format takes md, html or pdf; not “odt”." },
  { { "save", "5", "--format", "pdf", NULL }, 2, "a PDF is written to a file: give -o FILE." },
  { { "history", "5", "--diff", "-1", NULL }, 2, "--diff takes a version’s number, from 1." },
  { { "show", "5", "--cite", "harvard", NULL }, 2, "--cite takes record, apa, mla, chicago or link; not “harvard”." },
  { { "mark", "1", "sideways", NULL }, 2, "“sideways” is not one of read, unread, star or unstar" },
  { { "mark", "9999", "read", NULL }, 1, "There is no item with the id 9999." },
  { { "mark", "1", NULL }, 2, "needs what to mark" },
  { { "list", "--limit", "-3", NULL }, 2, "--limit must be a positive number" },
  { { "list", "--unread", "--starred", NULL }, 2, "cannot be combined" },
  { { "list", "--colour", NULL }, 2, "Unknown option --colour" },
  { { "frobnicate", NULL }, 2, "“frobnicate” is not a command" },
};

static void
test_errors_in_words (void)
{
  CqTestStore fixture = { 0 };

  fill_store (&fixture);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_auto(Run) run = { 0 };

      run_cli (&run, fixture.dir, c->args[0], c->args[1], c->args[2], c->args[3], NULL);
      g_assert_cmpint (run.status, ==, c->status);
      assert_contains (run.err, c->says);
      g_assert_cmpstr (run.out, ==, "");
    }
  empty_fixture (&fixture);
}

static void
test_damaged_store (void)
{
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "communique.db", NULL);
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };

  g_assert_true (g_file_set_contents (path, "not a database at all", -1, NULL));
  run_cli (&first, dir, "list", "--json", NULL);
  g_assert_cmpint (first.status, ==, 1);
  assert_contains (first.err, "The news database was damaged. It was moved to ");
  g_assert_cmpstr (first.out, ==, "");

  run_cli (&second, dir, "list", "--json", NULL);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_cmpstr (second.out, ==, "[]\n");
  cq_test_remove_dir (dir);
}

static void
test_sources_json (void)
{
  CqTestStore fixture = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *source;

  fill_store (&fixture);
  run_cli (&run, fixture.dir, "sources", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  source = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (json_object_get_string_member (source, "key"), ==, "embassy");
  g_assert_cmpstr (json_object_get_string_member (source, "format"), ==, "rss");
  g_assert_true (json_object_get_boolean_member (source, "enabled"));
  g_assert_true (json_object_get_null_member (source, "last_success"));
  empty_fixture (&fixture);
}

static void
test_help_and_version (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) version = { 0 };
  g_auto(Run) nothing = { 0 };

  run_cli (&help, NULL, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  assert_contains (help.out, "Usage: communique-cli [--data-dir DIR] COMMAND");
  assert_contains (help.out, "header");

  run_cli (&version, NULL, "--version", NULL);
  g_assert_cmpstr (version.out, ==, "communique-cli " PACKAGE_VERSION "\n");

  run_cli (&nothing, NULL, NULL);
  g_assert_cmpint (nothing.status, ==, 2);
  assert_contains (nothing.err, "Usage:");
}

static void
test_parse_and_extract (void)
{
  g_autofree char *rss = g_test_build_filename (G_TEST_DIST, "data", "feeds", "rss2.xml", NULL);
  g_autofree char *page = g_test_build_filename (G_TEST_DIST, "data", "pages", "statement.html", NULL);
  g_autofree char *notes = g_test_build_filename (G_TEST_DIST, "data", "pages", "plain.txt", NULL);
  g_autoptr(JsonNode) feed_root = NULL;
  g_autoptr(JsonNode) article_root = NULL;
  g_auto(Run) parsed = { 0 };
  g_auto(Run) extracted = { 0 };
  g_auto(Run) not_feed = { 0 };
  g_auto(Run) missing = { 0 };
  JsonObject *feed, *first, *article;

  run_cli (&parsed, NULL, "parse", rss, "--base-url", "https://harbour.example.org/", "--json", NULL);
  g_assert_cmpint (parsed.status, ==, 0);
  feed_root = parse_json (parsed.out);
  feed = json_node_get_object (feed_root);
  g_assert_cmpstr (json_object_get_string_member (feed, "format"), ==, "rss");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (feed, "items")), ==, 4);
  first = json_array_get_object_element (json_object_get_array_member (feed, "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "guid"), ==, "notice-2041");
  g_assert_cmpstr (json_object_get_string_member (first, "published"), ==, "2019-06-03T08:15:00Z");
  g_assert_cmpstr (json_object_get_string_member (first, "link"), ==,
                   "https://harbour.example.org/notices/dredging-north-channel");
  g_assert_true (json_object_has_member (first, "content_html"));

  run_cli (&extracted, NULL, "extract", page, "--json", NULL);
  g_assert_cmpint (extracted.status, ==, 0);
  article_root = parse_json (extracted.out);
  article = json_node_get_object (article_root);
  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==,
                   "Ambassador's statement on the fisheries agreement");
  g_assert_cmpstr (json_object_get_string_member (article, "published"), ==, "2019-06-12T15:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (article, "lang"), ==, "en-GB");
  assert_contains (json_object_get_string_member (article, "text"), "Ladies and gentlemen");

  run_cli (&not_feed, NULL, "parse", notes, NULL);
  g_assert_cmpint (not_feed.status, ==, 1);
  assert_contains (not_feed.err, "not a feed");
  g_assert_cmpstr (not_feed.out, ==, "");

  run_cli (&missing, NULL, "parse", "/nonexistent/feed.xml", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  assert_contains (missing.err, "Cannot read “/nonexistent/feed.xml”");
}

/* A feed's title may hide terminal escapes; what the CLI prints has none,
 * in text or JSON, and keeps the words around them. */
static void
test_no_terminal_escapes (void)
{
  static const char feed[] =
    "{ \"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Ministry\\u001b]0;pwned\\u0007\","
    "  \"items\": [ { \"id\": \"1\", \"url\": \"https://news.example.org/1\","
    "    \"title\": \"\\u001b[2JReal \\u009b31mtitle\\r\", \"content_text\": \"Body.\" } ] }";
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "hostile.json", NULL);
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };

  g_assert_true (g_file_set_contents (path, feed, -1, NULL));
  run_cli (&text, NULL, "parse", path, NULL);
  run_cli (&json, NULL, "parse", path, "--json", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpint (json.status, ==, 0);
  assert_contains (text.out, "Ministry]0;pwned (json-feed)");
  for (const char *p = text.out; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F));
    }
  g_assert_null (strchr (json.out, '\x1b'));
  g_assert_null (strstr (json.out, "\xc2\x9b"));
  cq_test_remove_dir (dir);
}

static void
test_add_sync_fetch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *feed = NULL;
  g_autofree char *home = NULL;
  g_autofree char *broken = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) added = { 0 };
  g_auto(Run) added_broken = { 0 };
  g_auto(Run) synced = { 0 };
  g_auto(Run) synced_json = { 0 };
  g_auto(Run) fetched = { 0 };
  g_auto(Run) removed = { 0 };
  g_auto(Run) no_news = { 0 };
  g_auto(Run) failed_sync = { 0 };
  JsonObject *report;

  g_assert_no_error (error);
  feed = cq_fixture_server_url (server, "/feed.xml");
  home = cq_fixture_server_url (server, "/");
  broken = cq_fixture_server_url (server, "/status/500");

  run_cli (&added, dir, "add", feed, "--name", "Fixture embassy", NULL);
  g_assert_cmpint (added.status, ==, 0);
  assert_contains (added.out, "Added source 1, “Fixture embassy”");

  run_cli (&synced, dir, "sync", NULL);
  g_assert_cmpint (synced.status, ==, 0);
  g_assert_cmpstr (synced.out, ==, "Fixture embassy: no change\n");

  cq_fixture_server_set_n_items (server, 14);
  run_cli (&synced_json, dir, "sync", "--json", NULL);
  g_assert_cmpint (synced_json.status, ==, 0);
  root = parse_json (synced_json.out);
  report = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpint (json_object_get_int_member (report, "new"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (report, "unchanged"), ==, 12);
  g_assert_true (json_object_get_null_member (report, "error"));

  run_cli (&fetched, dir, "fetch-full", "1", NULL);
  g_assert_cmpint (fetched.status, ==, 0);
  assert_contains (fetched.out, "Stored the full statement of");

  /* sync --full keeps the other thirteen full statements too, and says so;
   * a second run has none left to fetch. */
  {
    g_auto(Run) full = { 0 };
    g_auto(Run) full_again = { 0 };

    run_cli (&full, dir, "sync", "--full", "--pause", "0", NULL);
    g_assert_cmpint (full.status, ==, 0);
    assert_contains (full.out, "Stored 13 full statements.\n");
    assert_contains (full.err, "Saving statements: 13 of 13");
    run_cli (&full_again, dir, "sync", "--full", "--pause", "0", NULL);
    g_assert_cmpint (full_again.status, ==, 0);
    assert_contains (full_again.out, "Stored 0 full statements.\n");
  }

  /* Pages rewritten or withdrawn since are said, and recorded: history
   * marks the page's change, and says the page went. */
  {
    g_auto(Run) checked = { 0 };
    g_auto(Run) changed_history = { 0 };
    g_auto(Run) gone_history = { 0 };
    g_auto(Run) saved = { 0 };
    g_auto(Run) not_checked = { 0 };
    const char *line;
    gint64 changed_id = 0, gone_id = 0;
    char changed_arg[32], gone_arg[32];

    cq_fixture_server_edit_statement (server, 3, "The second paragraph now says something else, quietly.");
    cq_fixture_server_withdraw_statement (server, 4, SOUP_STATUS_NOT_FOUND);
    run_cli (&not_checked, dir, "sync", "--full", "--pause", "0", "--check-days", "0", NULL);
    g_assert_cmpint (not_checked.status, ==, 0);
    g_assert_null (strstr (not_checked.out, "Statement page"));

    run_cli (&checked, dir, "sync", "--full", "--pause", "0", NULL);
    g_assert_cmpint (checked.status, ==, 0);
    line = strstr (checked.out, "Statement page changed: ");
    g_assert_nonnull (line);
    g_assert_cmpint (sscanf (line, "Statement page changed: %" G_GINT64_FORMAT, &changed_id), ==, 1);
    assert_contains (line, "Statement 3 on");
    line = strstr (checked.out, "Statement page withdrawn or moved: ");
    g_assert_nonnull (line);
    g_assert_cmpint (sscanf (line, "Statement page withdrawn or moved: %" G_GINT64_FORMAT, &gone_id), ==, 1);
    assert_contains (line, "Statement 4 on");

    g_snprintf (changed_arg, sizeof changed_arg, "%" G_GINT64_FORMAT, changed_id);
    g_snprintf (gone_arg, sizeof gone_arg, "%" G_GINT64_FORMAT, gone_id);
    run_cli (&changed_history, dir, "history", changed_arg, NULL);
    g_assert_cmpint (changed_history.status, ==, 0);
    assert_contains (changed_history.out, "(statement page changed)\n");
    run_cli (&gone_history, dir, "history", gone_arg, NULL);
    g_assert_cmpint (gone_history.status, ==, 0);
    assert_contains (gone_history.out, "Statement page withdrawn or moved, found ");
    run_cli (&saved, dir, "save", changed_arg, "--with-history", NULL);
    g_assert_cmpint (saved.status, ==, 0);
    assert_contains (saved.out, "(statement page changed)");
    assert_contains (saved.out, "says something else");
  }

  /* A failing source: one line on stderr in words, a non-zero exit. */
  run_cli (&no_news, dir, "add", broken, NULL);
  g_assert_cmpint (no_news.status, ==, 1);
  assert_contains (no_news.err, "answered “500 Internal Server Error”");

  /* The same feed again, with a trailing slash: refused in words. */
  {
    g_autofree char *again = g_strconcat (feed, "/", NULL);
    g_auto(Run) twice = { 0 };

    run_cli (&twice, dir, "add", again, NULL);
    g_assert_cmpint (twice.status, ==, 1);
    assert_contains (twice.err, "already followed as “Fixture embassy”");
  }

  run_cli (&added_broken, dir, "add", home, "--name", "Second", NULL);
  g_assert_cmpint (added_broken.status, ==, 0);

  cq_fixture_server_set_failing (server, 503);
  run_cli (&failed_sync, dir, "sync", NULL);
  g_assert_cmpint (failed_sync.status, ==, 1);
  g_assert_cmpstr (failed_sync.out, ==, "");
  assert_contains (failed_sync.err, "Fixture embassy: 127.0.0.1 asked us to come back later (HTTP 503).\n");
  assert_contains (failed_sync.err, "Second: 127.0.0.1 asked us to come back later (HTTP 503).\n");
  run_cli (&removed, dir, "remove", "1", NULL);
  g_assert_cmpint (removed.status, ==, 0);
  cq_test_remove_dir (dir);
}

/* The fixture site's home page shows Moscow and London as they are now, a
 * counter and a contact line: `add` reads them into the source, `header
 * --source` shows them; `--discover` reads them again, to look at or to
 * keep in part. */
static void
test_add_reads_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CqFixtureServer) server = cq_fixture_server_new (0, &error);
  g_autofree char *dir = cq_test_make_temp_dir ();
  g_autofree char *other_dir = cq_test_make_temp_dir ();
  g_autofree char *home = NULL;
  g_autofree char *feed = NULL;
  g_auto(Run) added = { 0 };
  g_auto(Run) shown = { 0 };
  g_auto(Run) looked = { 0 };
  g_auto(Run) bad_keep = { 0 };
  g_auto(Run) no_source = { 0 };
  g_auto(Run) plain = { 0 };
  g_auto(Run) feed_added = { 0 };
  g_auto(Run) feed_header = { 0 };
  g_auto(Run) kept_one = { 0 };
  g_auto(Run) kept_shown = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *header;

  g_assert_no_error (error);
  home = cq_fixture_server_url (server, "/");
  feed = cq_fixture_server_url (server, "/feed.xml");

  run_cli (&added, dir, "add", home, NULL);
  g_assert_cmpint (added.status, ==, 0);
  assert_contains (added.out, "Read from the page’s header:");
  assert_contains (added.out, "Clock: Moscow (Europe/Moscow)");
  assert_contains (added.out, "Clock: London (Europe/London)");
  assert_contains (added.out, "Counter: days since the harbour fire (from 2019-03-04)");
  assert_contains (added.out, "Contact: Consular queries: +44 (0) 20 7946 0000");

  /* At the seed's moment the clocks and the counter read as the seed's did. */
  run_cli (&shown, dir, "header", "--source", "1", "--at", "2019-06-16T19:40:00Z", "--json", NULL);
  g_assert_cmpint (shown.status, ==, 0);
  root = parse_json (shown.out);
  header = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (header, "clocks")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (header, "clocks"), 0), "time"),
                   ==, "22:40");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (header, "clocks"), 1), "time"),
                   ==, "20:40");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (header, "counters"), 0), "days"),
                   ==, 104);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (header, "contacts"), 0), "uri"),
                   ==, "tel:+442079460000");

  /* Read again: shown, numbered, not saved twice. */
  run_cli (&looked, dir, "header", "--discover", "--source", "1", "--dry-run", NULL);
  g_assert_cmpint (looked.status, ==, 0);
  assert_contains (looked.out, "The page’s header shows:");
  assert_contains (looked.out, "  1  Clock: Moscow (Europe/Moscow)");

  run_cli (&bad_keep, dir, "header", "--discover", "--source", "1", "--keep", "9", NULL);
  g_assert_cmpint (bad_keep.status, ==, 2);
  assert_contains (bad_keep.err, "from 1 to 4");
  run_cli (&no_source, dir, "header", "--discover", NULL);
  g_assert_cmpint (no_source.status, ==, 2);
  assert_contains (no_source.err, "--discover needs --source ID");

  /* Added with --no-header: nothing kept; then only the second part. */
  run_cli (&plain, other_dir, "add", home, "--no-header", NULL);
  g_assert_cmpint (plain.status, ==, 0);
  assert_contains (plain.out, "(dropped)");
  run_cli (&kept_one, other_dir, "header", "--discover", "--source", "1", "--keep", "2", NULL);
  g_assert_cmpint (kept_one.status, ==, 0);
  run_cli (&kept_shown, other_dir, "header", "--source", "1", "--at", "2019-06-16T19:40:00Z", NULL);
  g_assert_cmpint (kept_shown.status, ==, 0);
  assert_contains (kept_shown.out, "London: 20:40");
  g_assert_null (strstr (kept_shown.out, "Moscow"));
  g_assert_null (strstr (kept_shown.out, "harbour fire"));

  /* A feed is no web page: nothing is read, and the source shows the
   * user's own clock. */
  run_cli (&feed_added, dir, "add", feed, NULL);
  g_assert_cmpint (feed_added.status, ==, 0);
  g_assert_null (strstr (feed_added.out, "header"));
  run_cli (&feed_header, dir, "header", "--source", "2", "--at", "2019-06-16T19:40:00Z", NULL);
  g_assert_cmpint (feed_header.status, ==, 0);
  g_assert_null (strstr (feed_header.out, "Moscow"));

  cq_test_remove_dir (dir);
  cq_test_remove_dir (other_dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cq/cli/header/text", test_header_text);
  g_test_add_func ("/cq/cli/header/json", test_header_json);
  g_test_add_func ("/cq/cli/header/errors", test_header_errors);
  g_test_add_func ("/cq/cli/header/discover", test_add_reads_header);
  g_test_add_func ("/cq/cli/list/empty", test_list_empty);
  g_test_add_func ("/cq/cli/list/filters", test_list_and_filters);
  g_test_add_func ("/cq/cli/show-and-mark", test_show_and_mark);
  g_test_add_func ("/cq/cli/history-and-save", test_history_and_save);
  g_test_add_func ("/cq/cli/errors-in-words", test_errors_in_words);
  g_test_add_func ("/cq/cli/damaged-store", test_damaged_store);
  g_test_add_func ("/cq/cli/sources", test_sources_json);
  g_test_add_func ("/cq/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/cq/cli/parse-and-extract", test_parse_and_extract);
  g_test_add_func ("/cq/cli/no-terminal-escapes", test_no_terminal_escapes);
  g_test_add_func ("/cq/cli/add-sync-fetch", test_add_sync_fetch);

  return g_test_run ();
}
