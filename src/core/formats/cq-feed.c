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

G_DEFINE_QUARK (cq-parse-error-quark, cq_parse_error)

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
          gboolean comment = p + 3 < end && strncmp (p, "<!--", 4) == 0;
          const char *stop = comment ? g_strstr_len (p + 4, end - p - 4, "-->") : end_of_declaration (p, end);

          if (stop == NULL)
            return NULL;
          /* Past the whole "-->" of a comment, or the ">" of the rest. */
          p = stop + (comment ? 3 : 1);
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
  return cq_feed_parse_streaming (bytes, base_url, format, profile, declared_charset, NULL, NULL, error);
}

/**
 * cq_feed_parse_streaming:
 * @item_func: (nullable) (scope call): told of items as they are read
 *
 * Parses as cq_feed_parse() does, and tells @item_func of each item as
 * soon as nothing later in the document can change it (an RSS item of the
 * channel once it is closed; an Atom entry with an author of its own; a
 * JSON Feed's items once the whole document was checked and its own
 * members read).
 * The items told are the first of the returned feed's list, in its order
 * and unchanged: a caller may start storing them while the parse goes on.
 * When the parse fails (a document over the item cap is refused whole, at
 * its end) the items told are not the feed's; the caller drops them.
 * An HTML list tells nothing, and its items come with the feed.
 */
CqParsedFeed *
cq_feed_parse_streaming (GBytes          *bytes,
                         const char      *base_url,
                         CqFeedFormat     format,
                         CqProfile       *profile,
                         const char      *declared_charset,
                         CqFeedItemFunc   item_func,
                         gpointer         user_data,
                         GError         **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *converted = NULL;
  const char *utf8;
  gsize length = 0;
  const char *data;
  gsize size;
  g_autoptr(CqHtmlReader) reader = cq_html_reader_new ();
  CqParsedFeed *feed = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean detected;
  CqParseContext context = {
    .base_url = base_url,
    .home = profile != NULL ? cq_profile_get_time_zone (profile) : utc,
    .profile = profile,
    .reader = reader,
    .item_func = item_func,
    .item_data = user_data,
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

  /* Not nul-terminated when the bytes are UTF-8 already: every reader
   * below goes by @length. */
  if (!(utf8 = cq_charset_view_utf8 (data != NULL ? data : "", size, declared_charset, &length, &converted, error)))
    return NULL;

  if (skip_space (utf8, utf8 + length) == utf8 + length)
    {
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_EMPTY, _("The document is empty."));
      return NULL;
    }

  detected = format != CQ_FEED_FORMAT_HTML_LIST;
  if (detected)
    format = cq_feed_detect_format (utf8, length);

  switch (format)
    {
    case CQ_FEED_FORMAT_JSON_FEED:
      feed = _cq_json_feed_parse (utf8, length, &context, error);
      break;
    case CQ_FEED_FORMAT_RSS:
    case CQ_FEED_FORMAT_ATOM:
      feed = _cq_xml_feed_parse (utf8, length, &context, error);
      break;
    case CQ_FEED_FORMAT_HTML_LIST:
      feed = _cq_html_list_parse (utf8, length, &context, &local_error);
      /* An XHTML page with no list may wrap a whole feed (seen in the
       * wild: an Atom feed inside <html><body>); read as XML, it is one. */
      if (feed == NULL && detected && g_error_matches (local_error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED))
        feed = _cq_xml_feed_parse (utf8, length, &context, NULL);
      if (feed == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      break;
    case CQ_FEED_FORMAT_AUTO:
    default:
      g_set_error_literal (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_NOT_A_FEED,
                           _("The document is not a feed or a web page: it is neither JSON nor markup."));
      return NULL;
    }

  /* Items past the cap were never built; the document is refused whole
   * rather than read in part without saying so. */
  if (feed != NULL && cq_parsed_feed_get_overflowed (feed))
    {
      g_set_error (error, CQ_PARSE_ERROR, CQ_PARSE_ERROR_TOO_LARGE,
                   _("The document lists more than %u items; Communiqué reads at most that many from one document."),
                   CQ_FEED_MAX_ITEMS);
      g_clear_object (&feed);
    }
  return feed;
}
