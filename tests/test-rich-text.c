/* test-rich-text.c: what the reader is given to show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

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

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cq/rich-text/blocks-and-spans", test_blocks_and_spans);
  g_test_add_func ("/cq/rich-text/empty-and-plain", test_empty_and_plain);
  return g_test_run ();
}
