/* cq-article.h: a statement's page in, the statement out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "cq-parse-error.h"
#include "cq-profile.h"

G_BEGIN_DECLS

typedef struct {
  char      *title;
  char      *byline;
  GDateTime *published;
  char      *lang;
  char      *site_name;
  char      *text;   /* plain text, paragraphs separated by blank lines */
  char      *html;   /* sanitised */
} CqArticle;

#define CQ_TYPE_ARTICLE (cq_article_get_type ())

GType      cq_article_get_type (void) G_GNUC_CONST;
CqArticle *cq_article_extract  (GBytes      *bytes,
                                const char  *base_url,
                                CqProfile   *profile,
                                const char  *declared_charset,
                                GError     **error);
CqArticle *cq_article_copy     (const CqArticle *article);
void       cq_article_free     (CqArticle   *article);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CqArticle, cq_article_free)

G_END_DECLS
