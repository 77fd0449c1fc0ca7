/* cq-html-tokenizer.h: a quick reader for the plain HTML feeds carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the tokenizer tells, in the order and with the names libxml2's HTML
 * parser would tell them to its SAX handler: lower-case element names
 * (static strings, good for as long as the caller likes), attributes as
 * name/value pairs ending in NULL, entities decoded in text and values.
 * @element numbers the element in the reader's own table (see
 * cq_html_tokenizer_get_element_name()), so a caller can classify each
 * once; it is -1 for the html and body the reader implies. */
typedef struct {
  void (*start) (gpointer     data,
                 int          element,
                 const char  *name,
                 const char **attributes);
  void (*end)   (gpointer     data,
                 int          element,
                 const char  *name);
  void (*text)  (gpointer     data,
                 const char  *text,
                 gsize        length);
} CqHtmlEvents;

guint        cq_html_tokenizer_get_n_elements   (void);
const char  *cq_html_tokenizer_get_element_name (guint element);

gboolean cq_html_tokenize_simple (const char         *html,
                                  gsize               length,
                                  GString            *scratch,
                                  const CqHtmlEvents *events,
                                  gpointer            data);

G_END_DECLS
