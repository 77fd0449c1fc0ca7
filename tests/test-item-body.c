/* test-item-body.c: the reader's body does not repeat its header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-item-body.h"
#include "cq-item-private.h"
#include "cq-rich-text.h"
#include "cq-test-util.h"

static char *
first_line (GPtrArray *blocks)
{
  g_autoptr(GString) text = g_string_new (NULL);
  CqTextBlock *block;

  g_assert_cmpuint (blocks->len, >, 0);
  block = g_ptr_array_index (blocks, 0);
  for (guint i = 0; i < block->spans->len; i++)
    g_string_append (text, ((CqTextSpan *) g_ptr_array_index (block->spans, i))->text);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static CqItem *
moscow_item (void)
{
  CqItem *item = cq_test_item ("s5", "Statement on the harbour fire", "2019-06-07T14:00:00Z", NULL, NULL);
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");

  _cq_item_set_home_zone (item, moscow);
  return item;
}

/* An extracted page opens with its <h1> and its date: both are in the header already. */
static void
test_title_and_date_dropped (void)
{
  g_autoptr(CqItem) item = moscow_item ();
  const char *pages[] = {
    "<h1>Statement on the harbour fire</h1><p>07.06.2019</p><p>The embassy regrets the fire.</p>",
    "<h2>STATEMENT  ON THE HARBOUR FIRE</h2><p>7 June 2019, 17:00</p><p>The embassy regrets the fire.</p>",
    "<p>7 June 2019</p><p>The embassy regrets the fire.</p>",
    "<p>2019-06-07</p><p>The embassy regrets the fire.</p>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GPtrArray) blocks = cq_item_body_blocks (item, pages[i]);
      g_autofree char *first = first_line (blocks);

      g_assert_cmpstr (first, ==, "The embassy regrets the fire.");
    }
}

/* Another day's date, a sentence with a date in it, a date later in the
 * text, and a body that is nothing but the date all stay. */
static void
test_other_lines_kept (void)
{
  g_autoptr(CqItem) item = moscow_item ();
  struct { const char *html, *first; } cases[] = {
    { "<p>06.06.2019</p><p>Text.</p>", "06.06.2019" },
    { "<p>On 7 June 2019 the embassy said this.</p>", "On 7 June 2019 the embassy said this." },
    { "<p>Text.</p><p>07.06.2019</p>", "Text." },
    { "<p>07.06.2019</p>", "07.06.2019" },
    { "<ul><li>07.06.2019</li></ul><p>Text.</p>", "•\t07.06.2019" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) blocks = cq_item_body_blocks (item, cases[i].html);
      g_autofree char *first = first_line (blocks);

      if (((CqTextBlock *) g_ptr_array_index (blocks, 0))->marker != NULL)
        {
          g_autofree char *marked = g_strdup_printf ("%s\t%s", ((CqTextBlock *) g_ptr_array_index (blocks, 0))->marker, first);

          g_assert_cmpstr (marked, ==, cases[i].first);
        }
      else
        g_assert_cmpstr (first, ==, cases[i].first);
    }
}

/* Dated by the source's calendar: 23:30 UTC on 6 June is 7 June in Moscow. */
static void
test_home_zone_day (void)
{
  g_autoptr(CqItem) item = cq_test_item ("n1", "Night statement", "2019-06-06T23:30:00Z", NULL, NULL);
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *first = NULL;

  _cq_item_set_home_zone (item, moscow);
  blocks = cq_item_body_blocks (item, "<p>07.06.2019</p><p>Issued at night.</p>");
  first = first_line (blocks);
  g_assert_cmpstr (first, ==, "Issued at night.");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cq/item-body/title-and-date-dropped", test_title_and_date_dropped);
  g_test_add_func ("/cq/item-body/other-lines-kept", test_other_lines_kept);
  g_test_add_func ("/cq/item-body/home-zone-day", test_home_zone_day);
  return g_test_run ();
}
