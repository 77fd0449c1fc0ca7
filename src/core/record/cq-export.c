/* cq-export.c: a statement written out for the record, with its history
 *
 * What a journalist files or quotes: the title, the source, when it was
 * published (in the source's zone) and retrieved (in UTC), the address,
 * the full text, and, with its history, every earlier version with the
 * date it was replaced and the word diff against the version after it.
 *
 * Markdown is plain; HTML is one self-contained, sanitised page: both are
 * written from the rich-text blocks the reader draws (never from the stored
 * HTML itself), so no script, style, frame or remote picture can come
 * along, links are kept only when they are web or mail addresses, and a
 * picture is its description, a link to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-calendar.h"
#include "cq-diff.h"
#include "cq-export.h"
#include "cq-html.h"
#include "cq-rich-text.h"
#include "cq-text.h"

gboolean
cq_export_format_from_string (const char     *name,
                              CqExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_strcmp0 (name, "md") == 0 || g_strcmp0 (name, "markdown") == 0)
    *format = CQ_EXPORT_MARKDOWN;
  else if (g_strcmp0 (name, "html") == 0)
    *format = CQ_EXPORT_HTML;
  else
    return FALSE;
  return TRUE;
}

/* Markdown's own marks, escaped where they are text. */
static void
append_md_text (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>#", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p == '\n' ? ' ' : *p);
    }
}

static void
append_html_text (GString    *out,
                  const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
append_span (GString          *out,
             CqExportFormat    format,
             const CqTextSpan *span)
{
  g_autofree char *href = span->href != NULL ? cq_html_link_to_open (span->href) : NULL;
  gboolean link = href != NULL && (span->style & (CQ_SPAN_LINK | CQ_SPAN_IMAGE));
  const char *text = span->text;
  g_autofree char *picture = NULL;

  /* A picture is its description, a link to it: nothing is fetched. */
  if (span->style & CQ_SPAN_IMAGE)
    text = picture = g_strdup_printf (_("[picture: %s]"), *span->text != '\0' ? span->text : _("no description"));

  if (format == CQ_EXPORT_MARKDOWN)
    {
      const char *mark = span->style & CQ_SPAN_BOLD ? "**" : span->style & CQ_SPAN_ITALIC ? "*" :
                         span->style & CQ_SPAN_CODE ? "`" : "";

      if (link)
        g_string_append_c (out, '[');
      g_string_append (out, mark);
      append_md_text (out, text);
      g_string_append (out, mark);
      if (link)
        g_string_append_printf (out, "](%s)", href);
      return;
    }

  if (format == CQ_EXPORT_PANGO_MARKUP)
    {
      /* On paper a link is its words, then where it goes. */
      if (span->style & CQ_SPAN_BOLD) g_string_append (out, "<b>");
      if (span->style & CQ_SPAN_ITALIC) g_string_append (out, "<i>");
      if (span->style & CQ_SPAN_CODE) g_string_append (out, "<tt>");
      append_html_text (out, text);
      if (span->style & CQ_SPAN_CODE) g_string_append (out, "</tt>");
      if (span->style & CQ_SPAN_ITALIC) g_string_append (out, "</i>");
      if (span->style & CQ_SPAN_BOLD) g_string_append (out, "</b>");
      if (link && g_strcmp0 (href, span->text) != 0)
        {
          g_string_append (out, " <span size=\"smaller\">(");
          append_html_text (out, href);
          g_string_append (out, ")</span>");
        }
      return;
    }

  if (link)
    {
      g_autofree char *escaped = g_markup_escape_text (href, -1);

      g_string_append_printf (out, "<a href=\"%s\">", escaped);
    }
  if (span->style & CQ_SPAN_BOLD) g_string_append (out, "<strong>");
  if (span->style & CQ_SPAN_ITALIC) g_string_append (out, "<em>");
  if (span->style & CQ_SPAN_CODE) g_string_append (out, "<code>");
  append_html_text (out, text);
  if (span->style & CQ_SPAN_CODE) g_string_append (out, "</code>");
  if (span->style & CQ_SPAN_ITALIC) g_string_append (out, "</em>");
  if (span->style & CQ_SPAN_BOLD) g_string_append (out, "</strong>");
  if (link)
    g_string_append (out, "</a>");
}

static void
append_body (GString        *out,
             CqExportFormat  format,
             const char     *html)
{
  /* Stored text was sanitised when it was fetched; it is again here, since
   * what leaves the app must be safe whatever the store holds. */
  g_autofree char *safe = cq_html_sanitize (html, NULL);
  g_autoptr(GPtrArray) blocks = cq_rich_text_from_html (safe != NULL ? safe : "");

  for (guint i = 0; i < blocks->len; i++)
    {
      const CqTextBlock *block = g_ptr_array_index (blocks, i);
      static const char * const html_tags[] = { "p", "h", "p", "blockquote", "pre" };
      g_autofree char *html_tag = NULL;
      guint level = CLAMP (block->level + 1, 2, 6);

      if (format == CQ_EXPORT_MARKDOWN)
        {
          if (block->kind == CQ_BLOCK_HEADING)
            g_string_append_printf (out, "%.*s ", (int) level, "######");
          else if (block->kind == CQ_BLOCK_LIST_ITEM)
            g_string_append_printf (out, "%*s%s ", (int) (2 * (block->level > 0 ? block->level - 1 : 0)), "",
                                    block->marker != NULL && g_ascii_isdigit (*block->marker) ? block->marker : "-");
          else if (block->kind == CQ_BLOCK_QUOTE)
            g_string_append (out, "> ");
          else if (block->kind == CQ_BLOCK_PRE)
            g_string_append (out, "```\n");
        }
      else if (format == CQ_EXPORT_PANGO_MARKUP)
        {
          static const char * const pango_open[] = { "", "<span size=\"large\" weight=\"bold\">", "", "<i>", "<tt>" };

          g_string_append (out, pango_open[block->kind]);
          if (block->kind == CQ_BLOCK_LIST_ITEM && block->marker != NULL)
            {
              g_string_append_printf (out, "%*s", (int) (4 * (block->level > 0 ? block->level - 1 : 0)), "");
              append_html_text (out, block->marker);
              g_string_append_c (out, ' ');
            }
        }
      else
        {
          html_tag = block->kind == CQ_BLOCK_HEADING ? g_strdup_printf ("h%u", level) : g_strdup (html_tags[block->kind]);
          g_string_append_printf (out, "<%s>", html_tag);
          if (block->kind == CQ_BLOCK_LIST_ITEM && block->marker != NULL)
            {
              append_html_text (out, block->marker);
              g_string_append_c (out, ' ');
            }
        }
      for (guint j = 0; j < block->spans->len; j++)
        {
          const CqTextSpan *span = g_ptr_array_index (block->spans, j);

          if (block->kind == CQ_BLOCK_PRE && format == CQ_EXPORT_MARKDOWN)
            g_string_append (out, span->text);
          else
            append_span (out, format, span);
        }
      if (format == CQ_EXPORT_MARKDOWN)
        g_string_append (out, block->kind == CQ_BLOCK_PRE ? "\n```\n\n" : "\n\n");
      else if (format == CQ_EXPORT_PANGO_MARKUP)
        {
          static const char * const pango_close[] = { "", "</span>", "", "</i>", "</tt>" };

          g_string_append (out, pango_close[block->kind]);
          g_string_append (out, block->kind == CQ_BLOCK_LIST_ITEM ? "\n" : "\n\n");
        }
      else
        {
          g_string_append_printf (out, "</%s>\n", html_tag);
        }
    }
}

static void
append_diff (GString        *out,
             CqExportFormat  format,
             const char     *before,
             const char     *after)
{
  g_autoptr(GPtrArray) segments = cq_diff_words (before, after);

  for (guint i = 0; i < segments->len; i++)
    {
      const CqDiffSegment *segment = g_ptr_array_index (segments, i);
      g_autofree char *words = NULL;
      gsize start, end;

      if (segment->kind == CQ_DIFF_SAME)
        {
          if (format != CQ_EXPORT_MARKDOWN)
            append_html_text (out, segment->text);
          else
            append_md_text (out, segment->text);
          continue;
        }
      cq_diff_segment_words (segment, &start, &end);
      words = g_strndup (segment->text + start, end - start);
      g_string_append_len (out, segment->text, start);
      if (format == CQ_EXPORT_PANGO_MARKUP)
        {
          g_string_append (out, segment->kind == CQ_DIFF_ADDED
                                ? "<span underline=\"single\" foreground=\"#26a269\" weight=\"bold\">"
                                : "<span strikethrough=\"true\" foreground=\"#c01c28\">");
          append_html_text (out, words);
          g_string_append (out, "</span>");
        }
      else if (format == CQ_EXPORT_HTML)
        {
          const char *tag = segment->kind == CQ_DIFF_ADDED ? "ins" : "del";

          g_string_append_printf (out, "<%s>", tag);
          append_html_text (out, words);
          g_string_append_printf (out, "</%s>", tag);
        }
      else
        {
          /* Markdown: ~~removed~~ and **added**. */
          const char *mark = segment->kind == CQ_DIFF_ADDED ? "**" : "~~";

          g_string_append (out, mark);
          append_md_text (out, words);
          g_string_append (out, mark);
        }
      g_string_append (out, segment->text + end);
    }
}

static char *
format_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_seconds);

  return when != NULL ? cq_calendar_to_iso8601 (when) : g_strdup ("?");
}

static void
append_field (GString        *out,
              CqExportFormat  format,
              const char     *name,
              const char     *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (format == CQ_EXPORT_MARKDOWN)
    {
      g_string_append_printf (out, "- %s: ", name);
      append_md_text (out, value);
      g_string_append_c (out, '\n');
    }
  else if (format == CQ_EXPORT_PANGO_MARKUP)
    {
      g_string_append_printf (out, "<span foreground=\"#5e5c64\">%s:</span> ", name);
      append_html_text (out, value);
      g_string_append_c (out, '\n');
    }
  else
    {
      g_string_append_printf (out, "<tr><th>%s</th><td>", name);
      append_html_text (out, value);
      g_string_append (out, "</td></tr>\n");
    }
}

/**
 * cq_export_statement:
 * @with_history: whether to add every earlier version, with its word diff
 *
 * Returns: (transfer full): the statement as a Markdown text or an HTML
 *   page, or %NULL with @error set
 */
char *
cq_export_statement (CqStore         *store,
                     gint64           item_id,
                     CqExportFormat   format,
                     gboolean         with_history,
                     GError         **error)
{
  g_autoptr(CqItem) item = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *published = NULL;
  g_autofree char *retrieved = NULL;
  const char *title;
  const char *content;
  gboolean html = format == CQ_EXPORT_HTML;

  g_return_val_if_fail (CQ_IS_STORE (store), NULL);

  if (!(item = cq_store_dup_item (store, item_id, error)) ||
      (with_history && !(revisions = cq_store_dup_revisions (store, item_id, error))))
    return NULL;

  title = cq_item_get_title (item) != NULL && *cq_item_get_title (item) != '\0' ? cq_item_get_title (item) : _("Untitled");
  if (cq_item_get_published (item) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (cq_item_get_published (item), cq_item_get_home_zone (item));
      g_autofree char *date = g_date_time_format (local, cq_item_get_published_is_date (item)
                                                         ? "%Y-%m-%d" : "%Y-%m-%d %H:%M %z");

      published = g_strdup_printf ("%s (%s)", date, g_time_zone_get_identifier (cq_item_get_home_zone (item)));
    }
  if (cq_item_get_first_seen (item) != NULL)
    retrieved = cq_calendar_to_iso8601 (cq_item_get_first_seen (item));

  if (html)
    {
      g_string_append (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                            "<meta name=\"referrer\" content=\"no-referrer\">\n"
                            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                            "style-src 'unsafe-inline'\">\n<title>");
      append_html_text (out, title);
      g_string_append (out, "</title>\n<style>body{max-width:42em;margin:2em auto;padding:0 1em;"
                            "font-family:serif;line-height:1.5}th{text-align:left;padding-right:1em}"
                            "del{color:#a51d2d}ins{color:#26a269;text-decoration:none;font-weight:bold}"
                            "</style>\n</head>\n<body>\n<h1>");
      append_html_text (out, title);
      g_string_append (out, "</h1>\n<table>\n");
    }
  else if (format == CQ_EXPORT_PANGO_MARKUP)
    {
      g_string_append (out, "<span size=\"x-large\" weight=\"bold\">");
      append_html_text (out, title);
      g_string_append (out, "</span>\n\n");
    }
  else
    {
      g_string_append (out, "# ");
      append_md_text (out, title);
      g_string_append (out, "\n\n");
    }
  append_field (out, format, _("Source"), cq_item_get_source_name (item));
  append_field (out, format, _("Author"), cq_item_get_author (item));
  append_field (out, format, _("Published"), published);
  append_field (out, format, _("Retrieved"), retrieved);
  append_field (out, format, _("Address"), cq_item_get_link (item));
  if (cq_item_get_page_gone (item) != NULL)
    {
      g_autofree char *gone = cq_calendar_to_iso8601 (cq_item_get_page_gone (item));
      /* Translators: %s is when the statement's page was found gone. */
      g_autofree char *note = g_strdup_printf (_("withdrawn or moved, found %s; the text below is the last it showed"),
                                               gone);

      append_field (out, format, _("Statement page"), note);
    }
  g_string_append (out, html ? "</table>\n" : "\n");
  if (format == CQ_EXPORT_PANGO_MARKUP)
    g_string_append_c (out, '\n');

  content = cq_item_get_content (item) != NULL ? cq_item_get_content (item) : cq_item_get_summary (item);
  append_body (out, format, content != NULL ? content : "");

  if (with_history)
    {
      g_autofree char *next = cq_diff_version_text (cq_item_get_title (item), cq_item_get_summary (item),
                                            cq_item_get_content (item));

      g_string_append (out, html ? "<h2>" : format == CQ_EXPORT_PANGO_MARKUP ? "\n<span size=\"large\" weight=\"bold\">" : "## ");
      g_string_append (out, revisions->len == 0 ? _("No Earlier Versions") : _("Earlier Versions"));
      g_string_append (out, html ? "</h2>\n" : format == CQ_EXPORT_PANGO_MARKUP ? "</span>\n\n" : "\n\n");
      /* Newest change first, each version against the one that followed it. */
      for (guint i = revisions->len; i-- > 0; )
        {
          const CqRevision *revision = g_ptr_array_index (revisions, i);
          g_autofree char *before = cq_diff_version_text (revision->title, revision->summary, revision->content);
          g_autofree char *replaced = format_utc (revision->replaced_at);
          g_autofree char *heading = NULL;

          if (revision->kind == CQ_REVISION_PAGE_CHANGED)
            /* Translators: a heading: a version's number, and when its page was found rewritten. */
            heading = g_strdup_printf (_("Version %u, replaced %s (statement page changed)"), i + 1, replaced);
          else
            /* Translators: a heading: a version's number, and when the source replaced it. */
            heading = g_strdup_printf (_("Version %u, replaced %s"), i + 1, replaced);

          g_string_append (out, html ? "<h3>" : format == CQ_EXPORT_PANGO_MARKUP ? "<b>" : "### ");
          g_string_append (out, heading);
          g_string_append (out, html ? "</h3>\n<p style=\"white-space:pre-wrap\">" :
                                format == CQ_EXPORT_PANGO_MARKUP ? "</b>\n" : "\n\n");
          append_diff (out, format, before, next);
          g_string_append (out, html ? "</p>\n" : "\n\n");
          g_free (next);
          next = g_steal_pointer (&before);
        }
    }
  if (html)
    g_string_append (out, "</body>\n</html>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * cq_export_revision_diff:
 * @number: a revision's number, from 1 (the oldest)
 *
 * Returns: (transfer full): the word diff of revision @number against the
 *   version after it, removed words as [-…-] and added ones as {+…+}, or
 *   %NULL with @error set
 */
char *
cq_export_revision_diff (CqStore  *store,
                         gint64    item_id,
                         guint     number,
                         GError  **error)
{
  g_autoptr(CqItem) item = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const CqRevision *revision;

  if (!(item = cq_store_dup_item (store, item_id, error)) ||
      !(revisions = cq_store_dup_revisions (store, item_id, error)))
    return NULL;
  if (number < 1 || number > revisions->len)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);

      if (revisions->len == 0)
        /* Translators: %s is an item's id. */
        g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND, _("Item %s has no earlier versions."), id);
      else
        /* Translators: %s is an item's id, then how many versions it has, then the one asked for. */
        g_set_error (error, CQ_STORE_ERROR, CQ_STORE_ERROR_NOT_FOUND,
                     _("Item %s has versions 1 to %u; there is no version %u."), id, revisions->len, number);
      return NULL;
    }
  revision = g_ptr_array_index (revisions, number - 1);
  before = cq_diff_version_text (revision->title, revision->summary, revision->content);
  if (number < revisions->len)
    {
      const CqRevision *next = g_ptr_array_index (revisions, number);

      after = cq_diff_version_text (next->title, next->summary, next->content);
    }
  else
    after = cq_diff_version_text (cq_item_get_title (item), cq_item_get_summary (item), cq_item_get_content (item));

  segments = cq_diff_words (before, after);
  for (guint i = 0; i < segments->len; i++)
    {
      const CqDiffSegment *segment = g_ptr_array_index (segments, i);

      gsize start, end;

      /* As wdiff writes it: the marks hug the words, spaces stay outside. */
      cq_diff_segment_words (segment, &start, &end);
      if (segment->kind == CQ_DIFF_SAME)
        g_string_append (out, segment->text);
      else
        g_string_append_printf (out, segment->kind == CQ_DIFF_ADDED ? "%.*s{+%.*s+}%s" : "%.*s[-%.*s-]%s",
                                (int) start, segment->text, (int) (end - start), segment->text + start,
                                segment->text + end);
    }
  g_string_append_c (out, '\n');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
