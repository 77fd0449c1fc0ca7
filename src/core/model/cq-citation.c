/* cq-citation.c: how a statement is cited
 *
 * The record form is this app's own: title, source, when it was published
 * in the source's own zone (which is how the source dates it), when it was
 * retrieved in UTC (which is how an archive dates it), and the link.
 *
 * APA (7th edition), MLA (9th) and Chicago (17th, bibliography) are written
 * as their manuals write a page on an organisation's website: the author is
 * the item's author, else the organisation (the source), and the site's name
 * is not said twice when the organisation is the author.  These styles are
 * English-language conventions, so their month names are English whatever
 * the desktop's language; the manuals' date forms are followed exactly
 * ("2019, June 7", "7 June 2019" with MLA's abbreviated months, "June 7,
 * 2019").  Personal names are kept as the source wrote them: a feed's author
 * may as well be a ministry as a person, and "Ministry, O. F." would be worse
 * than no inversion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cq-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cq-citation.h"
#include "cq-calendar.h"

static const char * const style_names[CQ_CITATION_N_STYLES] = { "record", "apa", "mla", "chicago", "link" };

static const char * const months[12] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

/* MLA abbreviates months longer than four letters, except June and July. */
static const char * const mla_months[12] = {
  "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
  "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
};

const char *
cq_citation_style_to_string (CqCitationStyle style)
{
  g_return_val_if_fail (style < CQ_CITATION_N_STYLES, NULL);
  return style_names[style];
}

gboolean
cq_citation_style_from_string (const char      *name,
                               CqCitationStyle *style)
{
  g_return_val_if_fail (style != NULL, FALSE);

  for (guint i = 0; name != NULL && i < CQ_CITATION_N_STYLES; i++)
    if (g_ascii_strcasecmp (name, style_names[i]) == 0)
      {
        *style = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cq_citation_style_get_label:
 *
 * Returns: the style's name as a menu shows it, translated
 */
const char *
cq_citation_style_get_label (CqCitationStyle style)
{
  switch (style)
    {
    case CQ_CITATION_RECORD: return _("Full Record");
    /* Translators: the names of citation styles; keep them as they are known. */
    case CQ_CITATION_APA: return C_("citation style", "APA");
    case CQ_CITATION_MLA: return C_("citation style", "MLA");
    case CQ_CITATION_CHICAGO: return C_("citation style", "Chicago");
    case CQ_CITATION_LINK: return _("Title and Link");
    default: g_return_val_if_reached (NULL);
    }
}

/* "Author." or "Title." without doubling a full stop the text ends with. */
static void
append_sentence (GString    *out,
                 const char *text)
{
  gsize len = strlen (text);

  g_string_append (out, text);
  if (len == 0 || strchr (".?!", text[len - 1]) == NULL)
    g_string_append_c (out, '.');
}

/* A quoted title takes the sentence's full stop inside its quotes. */
static void
append_quoted_title (GString    *out,
                     const char *title)
{
  g_string_append (out, "\u201c");
  append_sentence (out, title);
  g_string_append (out, "\u201d");
}

typedef struct
{
  const char *title;
  const char *author;     /* NULL when the organisation is the author */
  const char *site;
  const char *link;
  GDateTime  *published;  /* in the source's zone, or NULL */
  GDateTime  *retrieved;  /* in the source's zone */
} Parts;

static void
format_apa (GString     *out,
            const Parts *p)
{
  const char *lead = p->author != NULL ? p->author : *p->site != '\0' ? p->site : NULL;

  /* With no author at all, the title takes the author's place. */
  append_sentence (out, lead != NULL ? lead : p->title);
  if (p->published != NULL)
    g_string_append_printf (out, " (%d, %s %d).", g_date_time_get_year (p->published),
                            months[g_date_time_get_month (p->published) - 1],
                            g_date_time_get_day_of_month (p->published));
  else
    g_string_append (out, " (n.d.).");
  if (lead != NULL)
    {
      g_string_append_c (out, ' ');
      append_sentence (out, p->title);
    }
  if (p->author != NULL && *p->site != '\0')
    {
      g_string_append_c (out, ' ');
      append_sentence (out, p->site);
    }
  if (p->link == NULL)
    return;
  if (p->published == NULL)
    g_string_append_printf (out, " Retrieved %s %d, %d, from", months[g_date_time_get_month (p->retrieved) - 1],
                            g_date_time_get_day_of_month (p->retrieved), g_date_time_get_year (p->retrieved));
  g_string_append_printf (out, " %s", p->link);
}

static void
format_mla (GString     *out,
            const Parts *p)
{
  g_autoptr(GPtrArray) container = g_ptr_array_new_with_free_func (g_free);

  if (p->author != NULL)
    {
      append_sentence (out, p->author);
      g_string_append_c (out, ' ');
    }
  append_quoted_title (out, p->title);

  /* The container's elements, separated by commas, closed by a full stop. */
  if (*p->site != '\0')
    g_ptr_array_add (container, g_strdup (p->site));
  if (p->published != NULL)
    g_ptr_array_add (container, g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (p->published),
                                                 mla_months[g_date_time_get_month (p->published) - 1],
                                                 g_date_time_get_year (p->published)));
  if (p->link != NULL)
    {
      const char *rest = strstr (p->link, "://");

      /* MLA 9 leaves the scheme out of a web address. */
      g_ptr_array_add (container, g_strdup (rest != NULL ? rest + 3 : p->link));
    }
  for (guint i = 0; i < container->len; i++)
    g_string_append_printf (out, "%s%s", i == 0 ? " " : ", ", (const char *) container->pdata[i]);
  if (container->len > 0)
    g_string_append_c (out, '.');
  if (p->published == NULL)
    g_string_append_printf (out, " Accessed %d %s %d.", g_date_time_get_day_of_month (p->retrieved),
                            mla_months[g_date_time_get_month (p->retrieved) - 1],
                            g_date_time_get_year (p->retrieved));
}

static void
format_chicago (GString     *out,
                const Parts *p)
{
  const char *lead = p->author != NULL ? p->author : *p->site != '\0' ? p->site : NULL;

  if (lead != NULL)
    {
      append_sentence (out, lead);
      g_string_append_c (out, ' ');
    }
  append_quoted_title (out, p->title);
  if (p->author != NULL && *p->site != '\0')
    {
      g_string_append_c (out, ' ');
      append_sentence (out, p->site);
    }
  if (p->published != NULL)
    g_string_append_printf (out, " %s %d, %d.", months[g_date_time_get_month (p->published) - 1],
                            g_date_time_get_day_of_month (p->published), g_date_time_get_year (p->published));
  else
    g_string_append_printf (out, " Accessed %s %d, %d.", months[g_date_time_get_month (p->retrieved) - 1],
                            g_date_time_get_day_of_month (p->retrieved), g_date_time_get_year (p->retrieved));
  if (p->link != NULL)
    g_string_append_printf (out, " %s.", p->link);
}

static void
format_record (GString    *out,
               CqItem     *item,
               const char *title,
               GTimeZone  *home,
               const char *zone_name,
               GDateTime  *retrieved)
{
  g_autofree char *when = NULL;

  g_string_append_printf (out, "%s\n%s\n", title,
                          cq_item_get_source_name (item) != NULL ? cq_item_get_source_name (item) : "");
  if (cq_item_get_published (item) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (cq_item_get_published (item), home);
      g_autofree char *date = g_date_time_format (local, cq_item_get_published_is_date (item)
                                                         ? "%Y-%m-%d" : "%Y-%m-%d %H:%M %z");

      /* Translators: %s is a date and time, the second %s its time zone. */
      g_string_append_printf (out, _("Published %s (%s)"), date, zone_name);
      g_string_append_c (out, '\n');
    }
  when = cq_calendar_to_iso8601 (retrieved);
  /* Translators: %s is a date and time in UTC. */
  g_string_append_printf (out, _("Retrieved %s"), when);
  g_string_append_c (out, '\n');
  if (cq_item_get_link (item) != NULL)
    g_string_append_printf (out, "%s\n", cq_item_get_link (item));
}

/**
 * cq_citation_format:
 * @style: how to cite it
 * @home: the source's zone, in which its dates are its own
 * @zone_name: its name, such as "Europe/London"
 * @retrieved: when the text was retrieved
 *
 * Returns: (transfer full): the citation: the record form one line per
 *   part, the others one paragraph with no line break at its end
 */
char *
cq_citation_format (CqItem          *item,
                    CqCitationStyle  style,
                    GTimeZone       *home,
                    const char      *zone_name,
                    GDateTime       *retrieved)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) published = NULL;
  g_autoptr(GDateTime) retrieved_local = NULL;
  const char *title;
  const char *author;
  Parts parts;

  g_return_val_if_fail (CQ_IS_ITEM (item), NULL);
  g_return_val_if_fail (style < CQ_CITATION_N_STYLES, NULL);
  g_return_val_if_fail (home != NULL, NULL);
  g_return_val_if_fail (retrieved != NULL, NULL);

  title = cq_item_get_title (item) != NULL && *cq_item_get_title (item) != '\0'
          ? cq_item_get_title (item) : _("Untitled");
  if (style == CQ_CITATION_RECORD)
    {
      format_record (out, item, title, home, zone_name, retrieved);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  if (style == CQ_CITATION_LINK)
    {
      g_string_append (out, title);
      if (cq_item_get_link (item) != NULL)
        g_string_append_printf (out, "\n%s", cq_item_get_link (item));
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  if (cq_item_get_published (item) != NULL)
    published = g_date_time_to_timezone (cq_item_get_published (item), home);
  retrieved_local = g_date_time_to_timezone (retrieved, home);
  author = cq_item_get_author (item);
  parts = (Parts) {
    .title = title,
    .site = cq_item_get_source_name (item) != NULL ? cq_item_get_source_name (item) : "",
    .link = cq_item_get_link (item),
    .published = published,
    .retrieved = retrieved_local,
  };
  /* The organisation is the author when the item names none, or itself. */
  parts.author = author != NULL && *author != '\0' && g_strcmp0 (author, parts.site) != 0 ? author : NULL;

  switch (style)
    {
    case CQ_CITATION_APA: format_apa (out, &parts); break;
    case CQ_CITATION_MLA: format_mla (out, &parts); break;
    case CQ_CITATION_CHICAGO: format_chicago (out, &parts); break;
    case CQ_CITATION_RECORD:
    case CQ_CITATION_LINK:
    default: g_assert_not_reached ();
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
