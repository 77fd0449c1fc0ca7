/* cq-feed.c: bytes and a base URL in, news items out
 *
 * The format is read from the bytes, never from a Content-Type or a file
 * name, which are wrong often enough.  Every parser hands back the same
 * plain data; nothing here does I/O or touches the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cq-charset.h"
#include "cq-feed.h"
#include "cq-feed-private.h"
#include "cq-html.h"
#include "cq-text.h"

G_DEFINE_QUARK (cq-parse-error-quark, cq_parse_error)

#define SUMMARY_MAX_CHARS 400

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/* The ">" that ends a declaration, past a doctype's internal subset. */
static const char *
end_of_declaration (const char *p,
                    const char *end)
{
  guint depth = 0;

  for (; p < end; p++)
    {
      if (*p == '[')
        depth++;
      else if (*p == ']' && depth > 0)
        depth--;
      else if (*p == '>' && depth == 0)
        return p;
    }
  return NULL;
}

/* Past the XML declaration, comments, processing instructions and a
 * doctype, to the name of the first element. */
static char *
first_element_name (const char *p,
                    const char *end)
{
  while ((p = skip_space (p, end)) < end && *p == '<')
    {
      const char *close;
      const char *name_end;

      if (p + 1 < end && (p[1] == '?' || p[1] == '!'))
        {
          const char *stop = p + 3 < end && strncmp (p, "<!--", 4) == 0
                             ? g_strstr_len (p, end - p, "-->") : end_of_declaration (p, end);

          if (stop == NULL)
            return NULL;
          p = stop + 1;
          continue;
        }

      close = p + 1;
      name_end = close;
      while (name_end < end && !g_ascii_isspace (*name_end) && *name_end != '>' && *name_end != '/')
        name_end++;
      return g_ascii_strdown (close, name_end - close);
    }
  return NULL;
}

static gboolean
names_feed_root (const char *name)
{
  const char *local = strchr (name, ':') != NULL ? strchr (name, ':') + 1 : name;

  return g_str_equal (local, "rss") || g_str_equal (local, "feed") ||
         g_str_equal (local, "rdf") || g_str_equal (local, "channel");
}

/**
 * cq_feed_detect_format:
 * @data: UTF-8 text
 *
 * Returns: %CQ_FEED_FORMAT_JSON_FEED for JSON, %CQ_FEED_FORMAT_RSS or
 *   %CQ_FEED_FORMAT_ATOM for those roots, %CQ_FEED_FORMAT_HTML_LIST for
 *   other markup, and %CQ_FEED_FORMAT_AUTO when it is none of them
 */
CqFeedFormat
cq_feed_detect_format (const char *data,
                       gsize       length)
{
  const char *end = data + length;
  const char *p = skip_space (data, end);
  g_autofree char *root = NULL;

  if (p < end && (*p == '{' || *p == '['))
    return CQ_FEED_FORMAT_JSON_FEED;
  if (p >= end || *p != '<')
    return CQ_FEED_FORMAT_AUTO;

  root = first_element_name (p, MIN (end, p + 64 * 1024));
  if (root == NULL)
    return CQ_FEED_FORMAT_AUTO;
  if (g_str_equal (root, "feed") || g_str_has_suffix (root, ":feed"))
    return CQ_FEED_FORMAT_ATOM;
  if (names_feed_root (root))
    return CQ_FEED_FORMAT_RSS;
  return CQ_FEED_FORMAT_HTML_LIST;
}

/**
 * cq_feed_parse:
 * @bytes: the document as served
 * @base_url: (nullable): where it came from; relative links resolve to it
 * @format: %CQ_FEED_FORMAT_AUTO to go by the bytes, or
 *   %CQ_FEED_FORMAT_HTML_LIST to read even an XHTML page as a news list
 * @profile: (nullable): the source, for its home zone and HTML-list rules
 * @declared_charset: (nullable): the transport's charset, if it gave one
 *
 * Returns: (transfer full): what was found, or %NULL with @error set in
 *   words (%CQ_PARSE_ERROR_NOT_A_FEED when the document holds no news)
 */
CqParsedFeed *
cq_feed_parse (GBytes        *bytes,
               const char    *base_url,
               CqFeedFormat   format,
               CqProfile     *profile,
               const char    *declared_charset,
               GError       **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *utf8 = NULL;
  gsize length = 0;
  const char *data;
  gsize size;
  g_autoptr(CqHtmlReader) reader = cq_html_reader_new ();
  CqParseContext context = {
    .base_url = base_url,
    .home = profile != NULL ? cq_profile_get_time_zone (profile) : utc,
    .profile = profile,
    .reader = reader,
  };

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > CQ_FEED_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (CQ_FEED_MAX_SIZE);

      g_set_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE,
                   _("The document is larger than %s, more than any news feed needs."), limit);
      return NULL;
    }

  if (!(utf8 = cq_charset_to_utf8 (data != NULL ? data : "", size, declared_charset, &length, error)))
    return NULL;

  if (*skip_space (utf8, utf8 + length) == '\0')
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_EMPTY, _("The document is empty."));
      return NULL;
    }

  if (format != CQ_FEED_FORMAT_HTML_LIST)
    format = cq_feed_detect_format (utf8, length);

  switch (format)
    {
    case CQ_FEED_FORMAT_JSON_FEED:
      return _cq_json_feed_parse (utf8, length, &context, error);
    case CQ_FEED_FORMAT_RSS:
    case CQ_FEED_FORMAT_ATOM:
      return _cq_xml_feed_parse (utf8, length, &context, error);
    case CQ_FEED_FORMAT_HTML_LIST:
      return _cq_html_list_parse (utf8, length, &context, error);
    case CQ_FEED_FORMAT_AUTO:
    default:
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED,
                           _("The document is not a feed or a web page: it is neither JSON nor markup."));
      return NULL;
    }
}

/* Helpers every parser uses, so that items read the same whatever their
 * format. */

char *
_cq_feed_clean_title (const char *text,
                      gboolean    is_html)
{
  g_autofree char *plain = NULL;

  if (text == NULL)
    return NULL;
  plain = is_html ? cq_text_from_html (text) : cq_html_collapse_text (text);
  g_strstrip (plain);
  return *plain != '\0' ? g_steal_pointer (&plain) : NULL;
}

/* Cut at a word boundary, so the list shows whole words; paragraphs run
 * together, as the list shows two lines at most.  @text is collapsed
 * already: single spaces, paragraphs split by one blank line. */
static char *
summary_from_text (char *text)
{
  g_autofree char *owned = text;
  char *out = text;
  const char *cut;

  if (text == NULL || *text == '\0')
    return NULL;

  /* "\n\n" → " ", in place. */
  for (const char *in = text; *in; in++)
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

  if (g_utf8_strlen (text, -1) <= SUMMARY_MAX_CHARS)
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
  g_autofree char *content = cq_html_reader_sanitize (context->reader, content_html, base_url,
                                                      same ? &text : NULL);
  g_autofree char *summary = same ? summary_from_text (text) : _cq_feed_summary_from (summary_html);

  cq_item_set_summary (item, summary);
  cq_item_set_content (item, content);
}
