/* test-rich-text.c: what the reader is given to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cq-rich-text.h"

static CqTextBlock *
block_at (GPtrArray *blocks,
          guint      index)
{
  g_assert_cmpuint (index, <, blocks->len);
  return g_ptr_array_index (blocks, index);
}

static CqTextSpan *
span_at (CqTextBlock *block,
         guint        index)
{
  g_assert_cmpuint (index, <, block->spans->len);
  return g_ptr_array_index (block->spans, index);
}

static void
test_blocks_and_spans (void)
{
  g_autoptr(GPtrArray) blocks = cq_rich_text_from_html (
    "<h2>What changes now</h2>\n"
    "<p>Licences are issued <strong>within thirty days</strong>, see\n  <a href=\"https://x.example/a\">the annex</a>.</p>"
    "<ul><li>Boats</li><li>Bridges <em>and</em> locks</li></ul>"
    "<ol><li>First</li><li>Second</li></ol>"
    "<blockquote><p>Neighbours share the sea.</p></blockquote>"
    "<pre>line one\n  line two</pre>"
    "<p>One<br>Two</p>"
    "<p><img src=\"https://x.example/i.jpg\" alt=\"The signing\"></p>");
  CqTextBlock *heading = block_at (blocks, 0);
  CqTextBlock *paragraph = block_at (blocks, 1);
  CqTextBlock *bridges = block_at (blocks, 3);
  CqTextBlock *second = block_at (blocks, 5);
  CqTextBlock *quote = block_at (blocks, 6);
  CqTextBlock *pre = block_at (blocks, 7);
  CqTextBlock *lines = block_at (blocks, 8);
  CqTextBlock *image = block_at (blocks, 9);

  g_assert_cmpuint (blocks->len, ==, 10);
  g_assert_cmpint (heading->kind, ==, CQ_BLOCK_HEADING);
  g_assert_cmpuint (heading->level, ==, 2);
  g_assert_cmpstr (span_at (heading, 0)->text, ==, "What changes now");

  g_assert_cmpint (paragraph->kind, ==, CQ_BLOCK_PARAGRAPH);
  g_assert_cmpstr (span_at (paragraph, 0)->text, ==, "Licences are issued ");
  g_assert_cmpstr (span_at (paragraph, 1)->text, ==, "within thirty days");
  g_assert_cmpint (span_at (paragraph, 1)->style, ==, CQ_SPAN_BOLD);
  g_assert_cmpstr (span_at (paragraph, 2)->text, ==, ", see ");
  g_assert_cmpstr (span_at (paragraph, 3)->text, ==, "the annex");
  g_assert_cmpint (span_at (paragraph, 3)->style, ==, CQ_SPAN_LINK);
  g_assert_cmpstr (span_at (paragraph, 3)->href, ==, "https://x.example/a");

  g_assert_cmpint (bridges->kind, ==, CQ_BLOCK_LIST_ITEM);
  g_assert_cmpstr (bridges->marker, ==, "•");
  g_assert_cmpint (span_at (bridges, 1)->style, ==, CQ_SPAN_ITALIC);
  g_assert_cmpstr (second->marker, ==, "2.");

  g_assert_cmpint (quote->kind, ==, CQ_BLOCK_QUOTE);
  g_assert_cmpint (pre->kind, ==, CQ_BLOCK_PRE);
  g_assert_cmpstr (span_at (pre, 0)->text, ==, "line one\n  line two");
  g_assert_cmpstr (span_at (lines, 0)->text, ==, "One\nTwo");

  g_assert_cmpint (span_at (image, 0)->style & CQ_SPAN_IMAGE, !=, 0);
  g_assert_cmpstr (span_at (image, 0)->text, ==, "The signing");
  g_assert_cmpstr (span_at (image, 0)->href, ==, "https://x.example/i.jpg");
}

static void
test_empty_and_plain (void)
{
  g_autoptr(GPtrArray) none = cq_rich_text_from_html (NULL);
  g_autoptr(GPtrArray) blank = cq_rich_text_from_html ("  <p> </p> ");
  g_autoptr(GPtrArray) plain = cq_rich_text_from_html ("Just a sentence &amp; more.");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (plain->len, ==, 1);
  g_assert_cmpstr (span_at (block_at (plain, 0), 0)->text, ==, "Just a sentence & more.");
}

/* Blocks with no kind of their own never run together; a table's header
 * cells are bold; nested lists number their own items; text beside the
 * items of a list is not an item. */
static void
test_structure_kept (void)
{
  g_autoptr(GPtrArray) blocks = cq_rich_text_from_html (
    "<div>First section</div><div>Second <b>section</b></div>"
    "<table><tr><th>Date</th><td>16 June</td></tr></table>"
    "<ol>stray<li>One<ol><li>Inner</li></ol></li><li>Two</li></ol>");
  CqTextBlock *row;

  g_assert_cmpuint (blocks->len, ==, 6);
  g_assert_cmpstr (span_at (block_at (blocks, 0), 0)->text, ==, "First section");
  g_assert_cmpstr (span_at (block_at (blocks, 1), 0)->text, ==, "Second ");
  g_assert_cmpint (span_at (block_at (blocks, 1), 1)->style, ==, CQ_SPAN_BOLD);
  row = block_at (blocks, 2);
  g_assert_cmpstr (span_at (row, 0)->text, ==, "Date");
  g_assert_cmpint (span_at (row, 0)->style, ==, CQ_SPAN_BOLD);
  g_assert_cmpstr (span_at (row, 1)->text, ==, " 16 June");
  g_assert_cmpstr (block_at (blocks, 3)->marker, ==, "1.");
  g_assert_cmpstr (span_at (block_at (blocks, 3), 0)->text, ==, "One");
  g_assert_cmpstr (block_at (blocks, 4)->marker, ==, "1.");
  g_assert_cmpuint (block_at (blocks, 4)->level, ==, 2);
  g_assert_cmpstr (block_at (blocks, 5)->marker, ==, "2.");
  g_assert_cmpstr (span_at (block_at (blocks, 5), 0)->text, ==, "Two");
}

/* A statement of 200,000 lines, one run of text between line breaks, is
 * built (and the run is one span, not 200,000). */
static void
test_long_run_is_one_span (void)
{
  g_autoptr(GString) html = g_string_new ("<p>");
  g_autoptr(GPtrArray) blocks = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (html, "x<br>");
  g_string_append (html, "</p>");
  blocks = cq_rich_text_from_html (html->str);
  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpuint (block_at (blocks, 0)->spans->len, ==, 1);
  g_assert_cmpuint (strlen (span_at (block_at (blocks, 0), 0)->text), ==, 2 * 200000 - 1);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cq/rich-text/blocks-and-spans", test_blocks_and_spans);
  g_test_add_func ("/cq/rich-text/empty-and-plain", test_empty_and_plain);
  g_test_add_func ("/cq/rich-text/structure-kept", test_structure_kept);
  g_test_add_func ("/cq/rich-text/long-run-is-one-span", test_long_run_is_one_span);
  return g_test_run ();
}
