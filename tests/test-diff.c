/* test-diff.c: word differences between versions of a statement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cq-diff.h"

static char *
render (GPtrArray *segments)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      CqDiffSegment *segment = g_ptr_array_index (segments, i);

      if (segment->kind == CQ_DIFF_SAME)
        g_string_append (out, segment->text);
      else
        g_string_append_printf (out, "%s%s]", segment->kind == CQ_DIFF_ADDED ? "[+" : "[-", segment->text);
    }
  return g_string_free (out, FALSE);
}

static void
assert_diff (const char *before,
             const char *after,
             const char *expected)
{
  g_autoptr(GPtrArray) segments = cq_diff_words (before, after);
  g_autofree char *text = render (segments);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_words (void)
{
  assert_diff ("The talks were useful.", "The talks were useful.", "The talks were useful.");
  assert_diff ("The talks were useful.", "The talks were very useful.", "The talks were [+very ]useful.");
  /* Punctuation is a word of its own: "5," is the same 5, then a comma. */
  assert_diff ("Statement 5 on the harbour", "Statement 5, corrected", "Statement 5[- on the harbour][+, corrected]");
  assert_diff ("Talks ended.", "Talks ended today.", "Talks ended [+today].");
  assert_diff ("The talks, in Geneva, ended.", "The talks in Geneva ended.", "The talks [-, ]in Geneva [-, ]ended.");
  /* A replaced word keeps the space between the old and the new. */
  assert_diff ("The fire was small", "The fire was large", "The fire was [-small ][+large]");
  /* Marks inside a word stay in it. */
  assert_diff ("It's 3.5 km, well-known.", "It's 3.5 km, well-known!", "It's 3.5 km, well-known[-.][+!]");
  assert_diff ("We agreed on three points.", "We agreed on two points.", "We agreed on [-three ][+two ]points.");
  assert_diff (NULL, "New text", "[+New text]");
  assert_diff ("Old text", NULL, "[-Old text]");
  assert_diff ("Заявление о визах", "Заявление о визах и паспортах", "Заявление о визах [+и паспортах]");
}

static void
test_large_texts_stay_bounded (void)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  g_autoptr(GPtrArray) segments = NULL;

  for (guint i = 0; i < 5000; i++)
    {
      g_string_append_printf (a, "a%u ", i);
      g_string_append_printf (b, "b%u ", i);
    }
  segments = cq_diff_words (a->str, b->str);
  g_assert_cmpuint (segments->len, ==, 2);
}

/* Where a changed run's words are, its spaces either side left out. */
static void
test_segment_words (void)
{
  CqDiffSegment removed = { CQ_DIFF_REMOVED, (char *) " on the harbour " };
  CqDiffSegment spaces = { CQ_DIFF_ADDED, (char *) "   " };
  gsize start, end;

  cq_diff_segment_words (&removed, &start, &end);
  g_assert_cmpuint (start, ==, 1);
  g_assert_cmpuint (end, ==, 15);
  cq_diff_segment_words (&spaces, &start, &end);
  g_assert_cmpuint (start, ==, end);
}

/* A statement page checked again: an edit, the same text laid out anew, or
 * a page that no longer holds the statement. */
static void
test_check_statement (void)
{
  const char *kept = "The embassy regrets the decision to close the consulate in the harbour town.\n\n"
                     "Consular services will be provided from the capital until further notice.";

  g_assert_cmpint (cq_diff_check_statement (kept, kept), ==, CQ_STATEMENT_SAME);
  g_assert_cmpint (cq_diff_check_statement (kept,
                                            "The embassy regrets the decision to close the consulate in the harbour town. "
                                            "Consular services   will be provided from the capital until further notice.\n"),
                   ==, CQ_STATEMENT_SAME);
  /* One sentence softened: an edit. */
  g_assert_cmpint (cq_diff_check_statement (kept,
                                            "The embassy notes the decision to close the consulate in the harbour town.\n\n"
                                            "Consular services will be provided from the capital until the spring."),
                   ==, CQ_STATEMENT_EDITED);
  /* Cut to less than half: not an edit to keep, the statement is gone. */
  g_assert_cmpint (cq_diff_check_statement (kept, "The embassy regrets the decision."), ==, CQ_STATEMENT_NOT_THERE);
  g_assert_cmpint (cq_diff_check_statement (kept, ""), ==, CQ_STATEMENT_NOT_THERE);
  /* The address now shows another article of the same length. */
  g_assert_cmpint (cq_diff_check_statement (kept,
                                            "Students from twelve countries attended the autumn festival of textiles, "
                                            "where weavers showed patterns passed down through generations of families."),
                   ==, CQ_STATEMENT_NOT_THERE);
  /* Cyrillic words count as words. */
  g_assert_cmpint (cq_diff_check_statement ("Посольство сожалеет о решении закрыть консульство в портовом городе.",
                                            "Посольство отмечает решение закрыть консульство в портовом городе."),
                   ==, CQ_STATEMENT_EDITED);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cq/diff/words", test_words);
  g_test_add_func ("/cq/diff/segment-words", test_segment_words);
  g_test_add_func ("/cq/diff/large-texts-stay-bounded", test_large_texts_stay_bounded);
  g_test_add_func ("/cq/diff/check-statement", test_check_statement);
  return g_test_run ();
}
