/* cq-item-body.c: a statement's body as the reader shows it
 *
 * The reader shows an item's title and date above its body; a page that
 * opens its text with the same title (an extracted full statement starts
 * with its <h1>) or with a line that is only the same date ("07.06.2019",
 * "7 June 2019, 17:00") would say them twice.  Such leading lines are left
 * out: only at the start, only when they say what the header already says,
 * and never the whole body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-model"

#include "config.h"

#include "cq-date-parser.h"
#include "cq-item-body.h"
#include "cq-rich-text.h"

/* A line this long is prose, never a bare date or a repeated title. */
#define MAX_REPEAT_LENGTH 400
/* The repeats sit in the first few lines: a title, a date, a byline. */
#define MAX_LEADING_BLOCKS 3

static char *
block_text (const CqTextBlock *block)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < block->spans->len && text->len <= MAX_REPEAT_LENGTH; i++)
    {
      const CqTextSpan *span = g_ptr_array_index (block->spans, i);

      if (!(span->style & CQ_SPAN_IMAGE))
        g_string_append (text, span->text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Folded case and collapsed spaces, so that "Statement  on X" is "statement on x". */
static char *
normalise (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b,
          GTimeZone *zone)
{
  g_autoptr(GDateTime) la = g_date_time_to_timezone (a, zone);
  g_autoptr(GDateTime) lb = g_date_time_to_timezone (b, zone);

  return g_date_time_get_year (la) == g_date_time_get_year (lb) &&
         g_date_time_get_day_of_year (la) == g_date_time_get_day_of_year (lb);
}

static gboolean
repeats_header (CqItem            *item,
                const CqTextBlock *block)
{
  g_autofree char *text = block_text (block);
  g_autofree char *stripped = NULL;
  g_autoptr(GDateTime) date = NULL;
  const char *title = cq_item_get_title (item);

  if (strlen (text) > MAX_REPEAT_LENGTH || block->kind == CQ_BLOCK_LIST_ITEM || block->kind == CQ_BLOCK_PRE)
    return FALSE;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return FALSE;

  if (title != NULL)
    {
      g_autofree char *a = normalise (stripped);
      g_autofree char *b = normalise (title);

      if (g_str_equal (a, b))
        return TRUE;
    }

  if (cq_item_get_published (item) == NULL)
    return FALSE;
  date = cq_date_parse (stripped, cq_item_get_home_zone (item), NULL);
  return date != NULL && same_day (date, cq_item_get_published (item), cq_item_get_home_zone (item));
}

/**
 * cq_item_body_blocks:
 * @item: the statement
 * @html: its sanitised body, the feed's or the full statement's
 *
 * Returns: (transfer full) (element-type CqTextBlock): the body's blocks,
 *   less leading lines that only repeat the item's title or date
 */
GPtrArray *
cq_item_body_blocks (CqItem     *item,
                     const char *html)
{
  GPtrArray *blocks;
  guint drop = 0;

  g_return_val_if_fail (CQ_IS_ITEM (item), NULL);

  blocks = cq_rich_text_from_html (html);
  while (drop < MIN (MAX_LEADING_BLOCKS, blocks->len) && drop + 1 < blocks->len &&
         repeats_header (item, g_ptr_array_index (blocks, drop)))
    drop++;
  if (drop > 0)
    g_ptr_array_remove_range (blocks, 0, drop);
  return blocks;
}
