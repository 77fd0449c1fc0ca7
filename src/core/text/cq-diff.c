/* cq-diff.c: what changed between two versions of a statement, word by word
 *
 * A longest-common-subsequence over words, after the common head and tail
 * are set aside, which is where edits to statements almost always leave
 * most of the text.  Past a size where the table would be large, the middle
 * is reported as removed and added whole: still true, only coarser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-text"

#include "config.h"

#include <string.h>

#include "cq-diff.h"
#include "cq-text.h"

#define MAX_CELLS (4 * 1024 * 1024)

static void
segment_free (gpointer data)
{
  CqDiffSegment *segment = data;

  g_free (segment->text);
  g_free (segment);
}

/* A mark inside a word ("don't", "well-known", "3.5", "U.N.") belongs to
 * it; anywhere else punctuation is a token of its own, so that "5," and
 * "5" are the same 5 followed by a comma. */
static gboolean
is_split_mark (const char *p,
               const char *text)
{
  gunichar c = g_utf8_get_char (p);
  const char *next = g_utf8_next_char (p);

  if (!g_unichar_ispunct (c))
    return FALSE;
  if (p > text && *next != '\0' &&
      (c == '\'' || c == '.' || c == ',' || c == '-' || c == 0x2019 || c == 0x2010))
    {
      gunichar before = g_utf8_get_char (g_utf8_prev_char (p));
      gunichar after = g_utf8_get_char (next);

      if (g_unichar_isalnum (before) && g_unichar_isalnum (after))
        return FALSE;
    }
  return TRUE;
}

/* Words and marks keep the space after them, so joining them gives the
 * text back. */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      const char *end = g_utf8_next_char (p);

      if (!is_split_mark (p, text) && !g_unichar_isspace (g_utf8_get_char (p)))
        while (*end != '\0' && !g_unichar_isspace (g_utf8_get_char (end)) && !is_split_mark (end, text))
          end = g_utf8_next_char (end);
      while (*end != '\0' && g_unichar_isspace (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      g_ptr_array_add (words, g_strndup (p, end - p));
      p = end;
    }
  return words;
}

/* Shown inline, a removal next to what surrounds it must not run into it:
 * "5on the harbour" or "smalllarge".  A removed run that a word precedes
 * or that an added word follows takes the space between them (it is
 * shown struck through, so the new text reads as it is). */
static void
space_removals (GPtrArray *segments)
{
  for (guint i = 0; i + 1 < segments->len; i++)
    {
      CqDiffSegment *here = segments->pdata[i];
      CqDiffSegment *next = segments->pdata[i + 1];
      gsize len = strlen (here->text);
      gboolean here_ends_word = len > 0 && !g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (here->text + len)));
      gboolean next_starts_word = g_unichar_isalnum (g_utf8_get_char (next->text));

      if (!here_ends_word || !next_starts_word)
        continue;
      if (next->kind == CQ_DIFF_REMOVED)
        {
          char *spaced = g_strconcat (" ", next->text, NULL);

          g_free (next->text);
          next->text = spaced;
        }
      else if (here->kind == CQ_DIFF_REMOVED && next->kind == CQ_DIFF_ADDED)
        {
          char *spaced = g_strconcat (here->text, " ", NULL);

          g_free (here->text);
          here->text = spaced;
        }
    }
}

static void
add_segment (GPtrArray  *segments,
             CqDiffKind  kind,
             const char *word)
{
  CqDiffSegment *last = segments->len > 0 ? g_ptr_array_index (segments, segments->len - 1) : NULL;

  if (last != NULL && last->kind == kind)
    {
      char *joined = g_strconcat (last->text, word, NULL);

      g_free (last->text);
      last->text = joined;
      return;
    }
  last = g_new0 (CqDiffSegment, 1);
  last->kind = kind;
  last->text = g_strdup (word);
  g_ptr_array_add (segments, last);
}

static gboolean
same_word (const char *a,
           const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  /* "word " and "word\n" are the same word. */
  while (la > 0 && g_ascii_isspace (a[la - 1])) la--;
  while (lb > 0 && g_ascii_isspace (b[lb - 1])) lb--;
  return la == lb && strncmp (a, b, la) == 0;
}

static void
diff_middle (GPtrArray *segments,
             GPtrArray *a,
             guint      a0,
             guint      a1,
             GPtrArray *b,
             guint      b0,
             guint      b1)
{
  guint n = a1 - a0, m = b1 - b0;
  g_autofree guint *table = NULL;
  guint i = 0, j = 0;

  if ((guint64) (n + 1) * (m + 1) > MAX_CELLS)
    {
      for (guint k = a0; k < a1; k++)
        add_segment (segments, CQ_DIFF_REMOVED, a->pdata[k]);
      for (guint k = b0; k < b1; k++)
        add_segment (segments, CQ_DIFF_ADDED, b->pdata[k]);
      return;
    }

  /* table[i][j]: the longest common run of a[i..] and b[j..]. */
  table = g_new0 (guint, (gsize) (n + 1) * (m + 1));
#define T(x, y) table[(gsize) (x) * (m + 1) + (y)]
  for (guint x = n; x-- > 0; )
    for (guint y = m; y-- > 0; )
      T (x, y) = same_word (a->pdata[a0 + x], b->pdata[b0 + y])
                 ? T (x + 1, y + 1) + 1 : MAX (T (x + 1, y), T (x, y + 1));

  while (i < n || j < m)
    {
      if (i < n && j < m && same_word (a->pdata[a0 + i], b->pdata[b0 + j]))
        {
          add_segment (segments, CQ_DIFF_SAME, b->pdata[b0 + j]);
          i++, j++;
        }
      /* Removals first, so that a replaced word reads "old, then new". */
      else if (i < n && (j == m || T (i + 1, j) >= T (i, j + 1)))
        add_segment (segments, CQ_DIFF_REMOVED, a->pdata[a0 + i++]);
      else
        add_segment (segments, CQ_DIFF_ADDED, b->pdata[b0 + j++]);
    }
#undef T
}

/**
 * cq_diff_words:
 * @before: (nullable): the earlier text
 * @after: (nullable): the later text
 *
 * Returns: (transfer full) (element-type CqDiffSegment): runs of words that
 *   stayed, were removed or were added, in reading order
 */
GPtrArray *
cq_diff_words (const char *before,
               const char *after)
{
  g_autoptr(GPtrArray) a = split_words (before);
  g_autoptr(GPtrArray) b = split_words (after);
  GPtrArray *segments = g_ptr_array_new_with_free_func (segment_free);
  guint head = 0, tail = 0;

  while (head < a->len && head < b->len && same_word (a->pdata[head], b->pdata[head]))
    add_segment (segments, CQ_DIFF_SAME, b->pdata[head++]);
  while (tail < a->len - head && tail < b->len - head &&
         same_word (a->pdata[a->len - 1 - tail], b->pdata[b->len - 1 - tail]))
    tail++;

  diff_middle (segments, a, head, a->len - tail, b, head, b->len - tail);
  for (guint k = b->len - tail; k < b->len; k++)
    add_segment (segments, CQ_DIFF_SAME, b->pdata[k]);
  space_removals (segments);
  return segments;
}

/**
 * cq_diff_segment_words:
 * @start: (out): where the run's words begin (after its leading spaces)
 * @end: (out): where they end (before its trailing spaces)
 *
 * Where a changed run's words are: shown inline, the marks (strike, <del>,
 * [-…-]) go round the words and the spaces stay plain, so a word struck
 * out and the word put in its place read as two.
 */
void
cq_diff_segment_words (const CqDiffSegment *segment,
                       gsize               *start,
                       gsize               *end)
{
  gsize first = 0, last = strlen (segment->text);

  while (first < last && g_ascii_isspace (segment->text[first]))
    first++;
  while (last > first && g_ascii_isspace (segment->text[last - 1]))
    last--;
  *start = first;
  *end = last;
}

/**
 * cq_diff_version_text:
 *
 * Returns: (transfer full): a version of a statement as versions are
 *   compared: its title, a blank line, then its text
 */
char *
cq_diff_version_text (const char *title,
                      const char *summary,
                      const char *content)
{
  g_autofree char *body = cq_text_from_html (content != NULL ? content : summary);

  return g_strdup_printf ("%s\n\n%s", title != NULL ? title : "", body != NULL ? body : "");
}

/* Lower-cased words of three letters or more, for telling one text from
 * another; short words are common to every text in a language. */
static GHashTable *
word_set (const char *text,
          guint      *n_chars)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  *n_chars = 0;
  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          (*n_chars)++;
          continue;
        }
      if (g_utf8_strlen (word->str, -1) >= 3)
        g_hash_table_add (set, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return set;
}

/* The words, one space between each: a page laid out again is the same. */
static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/**
 * cq_diff_check_statement:
 * @kept: the statement's plain text as it was kept
 * @now: the plain text its page gives now
 *
 * Tells an edit from a page that no longer holds the statement: a page with
 * less than half the letters it had, or whose words are mostly not the kept
 * text's (the page now shows another article, or the site's home), is
 * %CQ_STATEMENT_NOT_THERE, never an edit to a text that is not the
 * statement.
 *
 * Returns: what the page now says, against what was kept
 */
CqStatementCheck
cq_diff_check_statement (const char *kept,
                         const char *now)
{
  g_autoptr(GHashTable) kept_words = NULL;
  g_autoptr(GHashTable) now_words = NULL;
  g_autofree char *kept_collapsed = NULL;
  g_autofree char *now_collapsed = NULL;
  GHashTableIter iter;
  gpointer word;
  guint kept_chars, now_chars, shared = 0;

  g_return_val_if_fail (kept != NULL, CQ_STATEMENT_NOT_THERE);
  g_return_val_if_fail (now != NULL, CQ_STATEMENT_NOT_THERE);

  kept_collapsed = collapse_spaces (kept);
  now_collapsed = collapse_spaces (now);
  kept_words = word_set (kept, &kept_chars);
  now_words = word_set (now, &now_chars);
  if (g_str_equal (kept_collapsed, now_collapsed))
    return CQ_STATEMENT_SAME;
  if ((guint64) now_chars * 2 < kept_chars || g_hash_table_size (now_words) == 0)
    return CQ_STATEMENT_NOT_THERE;

  g_hash_table_iter_init (&iter, now_words);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (g_hash_table_contains (kept_words, word))
      shared++;
  /* An edit keeps most of a statement's words; another text shares few. */
  if (shared * 10 < g_hash_table_size (now_words) * 4)
    return CQ_STATEMENT_NOT_THERE;
  return CQ_STATEMENT_EDITED;
}
