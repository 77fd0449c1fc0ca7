/* cq-feed-item.c: building items the same way in every format
 *
 * Every parser cleans titles, cuts summaries, sanitises bodies and makes up
 * missing guids through these helpers, so that an item reads the same
 * whether it came from JSON Feed, RSS, Atom or an HTML list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <string.h>

#include "cq-feed-item.h"
#include "cq-item-private.h"
#include "cq-text.h"

#define SUMMARY_MAX_CHARS 400

char *
_cq_feed_clean_title (const char *text,
                      gboolean    is_html)
{
  g_autofree char *plain = NULL;

  if (text == NULL)
    return NULL;
  plain = is_html ? cq_text_from_html (text) : cq_html_collapse_text (text);
  g_strstrip (plain);
  if (*plain == '\0')
    return NULL;
  /* A title of a megabyte is a hostile document, not a headline.  One with
   * no more bytes than the cap allows characters is short enough as it is. */
  if (strnlen (plain, CQ_TEXT_MAX_TITLE_CHARS + 1) <= CQ_TEXT_MAX_TITLE_CHARS)
    return g_steal_pointer (&plain);
  return cq_text_shorten (plain, CQ_TEXT_MAX_TITLE_CHARS);
}

/* Cut at a word boundary, so the list shows whole words; paragraphs run
 * together, as the list shows two lines at most.  @text is collapsed
 * already: single spaces, paragraphs split by one blank line. */
static char *
summary_from_text (char *text)
{
  g_autofree char *owned = text;
  char *out;
  const char *cut;
  gsize length;

  if (text == NULL || *text == '\0')
    return NULL;

  /* "\n\n" → " ", in place, from the first line break on. */
  if ((out = strchr (text, '\n')) != NULL)
    {
      for (const char *in = out; *in; in++)
        {
          if (*in == '\n')
            {
              while (in[1] == '\n')
                in++;
              *out++ = ' ';
            }
          else
            *out++ = *in;
        }
      *out = '\0';
      length = out - text;
    }
  else
    length = strlen (text);

  /* No text has more characters than bytes: a short one is counted by its
   * bytes alone. */
  if (length <= SUMMARY_MAX_CHARS || g_utf8_strlen (text, length) <= SUMMARY_MAX_CHARS)
    return g_steal_pointer (&owned);

  cut = g_utf8_offset_to_pointer (text, SUMMARY_MAX_CHARS);
  while (cut > text && *cut != ' ')
    cut--;
  if (cut == text)
    cut = g_utf8_offset_to_pointer (text, SUMMARY_MAX_CHARS);
  {
    g_autofree char *head = g_strndup (text, cut - text);

    return g_strconcat (head, "…", NULL);
  }
}

char *
_cq_feed_summary_from (const char *html)
{
  return html != NULL ? summary_from_text (cq_text_from_html (html)) : NULL;
}

/* Items without a guid get a stable one: their link, else a hash of what
 * they say and when. */
char *
_cq_feed_fallback_guid (const char *link,
                        const char *title,
                        GDateTime  *published)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *date = NULL;

  if (link != NULL && *link != '\0')
    return g_strdup (link);

  checksum = g_checksum_new (G_CHECKSUM_SHA1);
  date = published != NULL ? g_date_time_format_iso8601 (published) : g_strdup ("");
  g_checksum_update (checksum, (const guchar *) (title != NULL ? title : ""), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) date, -1);
  return g_strconcat ("sha1:", g_checksum_get_string (checksum), NULL);
}

/* What an item's body is read against when its document gives no base of
 * its own: the item's address, else the document's. */
const char *
_cq_feed_item_base (const CqParseContext *context,
                    CqItem               *item)
{
  return cq_item_get_link (item) != NULL ? cq_item_get_link (item) : context->base_url;
}

/* When the summary is the content, as in most feeds, one parse serves for
 * both. */
void
_cq_feed_finish_item (const CqParseContext *context,
                      CqItem               *item,
                      const char           *summary_html,
                      const char           *content_html,
                      const char           *base_url)
{
  gboolean same = summary_html == NULL || g_strcmp0 (summary_html, content_html) == 0;
  char *text = NULL;
  char *content = cq_html_reader_sanitize (context->reader, content_html, base_url, same ? &text : NULL);
  char *summary = same ? summary_from_text (text) : _cq_feed_summary_from (summary_html);

  _cq_item_take_body (item, summary, content);
}
