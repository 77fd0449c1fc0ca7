/* cq-fixture-server.c: a news site on loopback, for tests and for watching
 * the app sync with no internet
 *
 * The site has the seed page's shape: a home page with a featured statement
 * and a "DD.MM.YYYY - Title" list, statement pages wrapped in navigation,
 * sidebars and footers, an RSS feed and a JSON Feed with ETag and
 * Last-Modified, and a path for every way a server goes wrong.  All text is
 * generated here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <sys/socket.h>
#include <string.h>

#include "cq-fixture-server.h"

struct _CqFixtureServer
{
  SoupServer *server;
  GUri       *base;
  guint       n_items;
  GHashTable *titles;     /* number → edited title */
  GHashTable *hits;       /* path → count */
  GHashTable *last_headers;
  guint       version;    /* bumps with every edit, for ETags */
  guint       failing;    /* when set, every page answers with this status */
  char       *archive_host;  /* when set, "older news" links point to this host */
  GHashTable *files;      /* path → GBytes a test asked to serve */
  GSocketService *raw;    /* a server that breaks HTTP on purpose */
  guint16     raw_port;
  GHashTable *statement_edits;  /* number → the second paragraph as edited since */
  GHashTable *withdrawn;        /* number → status it answers with now (200: a stub page) */
  guint       statement_version;  /* bumps with every edit of a statement page, for its ETag */
  guint       not_modified;     /* 304s answered */
  guint       statement_delay;  /* ms a statement page takes to answer */
  guint       statements_in_flight;
  guint       most_statements_in_flight;
};

static const char * const topics[] = {
  "the fisheries agreement", "consular hours during the holidays", "the cultural season",
  "a visit by the trade delegation", "scholarships for students", "the harbour reconstruction",
  "an exhibition of textiles", "the spring trade fair", "the memorial ceremony", "visa processing times",
};

static char *
item_title (CqFixtureServer *self,
            guint            number)
{
  const char *edited = g_hash_table_lookup (self->titles, GUINT_TO_POINTER (number));

  if (edited != NULL)
    return g_strdup (edited);
  return g_strdup_printf ("Statement %u on %s", number, topics[number % G_N_ELEMENTS (topics)]);
}

/* One a day: item 12 on 16 June 2019, item 1 eleven days before. */
static GDateTime *
item_date (CqFixtureServer *self,
           guint            number)
{
  g_autoptr(GDateTime) twelfth = g_date_time_new_utc (2019, 6, 16, 9, 30, 0);

  return g_date_time_add_days (twelfth, (gint) number - 12);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
respond_static (SoupServerMessage *msg,
                const char        *content_type,
                const char        *body,
                gsize              length)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_STATIC, body, length);
}

/* A 48×24 checkered PNG, for statements with pictures. */
static const char seal_png[] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x30\x00\x00\x00\x18"
  "\x08\x02\x00\x00\x00\x33\x9f\xe9\x8b\x00\x00\x00\x3c\x49\x44\x41\x54\x78\xda\x63\xf8\x76\x59\x17"
  "\x0d\xc9\x14\xde\x40\x43\xf4\x54\xc3\x30\xea\xa0\x51\x07\x0d\x3b\x07\x0d\xac\xf5\x98\x6a\x46\x1d"
  "\x34\xea\xa0\xe1\xe7\xa0\xd1\x72\x68\xd4\x41\xa3\x0e\x1a\xad\xcb\x46\x1d\x34\xea\xa0\x21\xee\x20"
  "\x00\xd5\xb5\x8d\x2a\x1e\xa8\xd2\xaf\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/* A PNG that claims 60,000 × 60,000 pixels: 10 GiB once unpacked. */
static const char bomb_png[] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\xea\x60\x00\x00\xea\x60"
  "\x08\x02\x00\x00\x00\x0f\xb0\xe2\x15\x00\x00\x00\x11\x49\x44\x41\x54\x78\xda\x63\x60\x18\x05\xa3"
  "\x60\x14\x0c\x77\x00\x00\x03\xe8\x00\x01\xce\x49\x4c\x58\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42"
  "\x60\x82";

/* The home page's header, as the seed's was: today's date, Moscow and
 * London as they are now, a day counter from 4 March 2019, a contact line. */
static void
append_site_header (GString *html)
{
  static const char * const months[] = { "January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December" };
  g_autoptr(GTimeZone) london_zone = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GTimeZone) moscow_zone = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GDateTime) london = g_date_time_new_now (london_zone);
  g_autoptr(GDateTime) moscow = g_date_time_to_timezone (london, moscow_zone);
  g_autoptr(GDateTime) midnight = g_date_time_new (london_zone, g_date_time_get_year (london),
                                                   g_date_time_get_month (london),
                                                   g_date_time_get_day_of_month (london), 0, 0, 0);
  GDate from, to;

  g_date_set_dmy (&from, 4, 3, 2019);
  g_date_set_dmy (&to, g_date_time_get_day_of_month (midnight), g_date_time_get_month (midnight),
                  g_date_time_get_year (midnight));
  g_string_append_printf (html, "<div id=\"top-bar\"><div class=\"date-line\">%d %s %d</div>"
                          "<div class=\"clocks\">Moscow %02d:%02d / London %02d:%02d</div>"
                          "<div class=\"consular\">Consular queries: +44 (0) 20 7946 0000</div></div>"
                          "<div class=\"counters\"><p>%d days have passed since the harbour fire"
                          " - no report from the port authority</p></div>",
                          g_date_time_get_day_of_month (london), months[g_date_time_get_month (london) - 1],
                          g_date_time_get_year (london),
                          g_date_time_get_hour (moscow), g_date_time_get_minute (moscow),
                          g_date_time_get_hour (london), g_date_time_get_minute (london),
                          g_date_days_between (&from, &to));
}

/* Page 1 is the home page; each page lists ten, newest first. */
static char *
list_page (CqFixtureServer *self,
           guint            page)
{
  GString *html = g_string_new ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                "<title>Embassy of Freedonia</title></head><body>");
  guint newest;

  if (page == 1)
    append_site_header (html);
  g_string_append (html, "<ul class=\"menu\"><li><a href=\"/about\">About</a></li>"
                         "<li><a href=\"/archive\">01.01.2019 - Archive</a></li></ul>"
                         "<div id=\"content\"><div class=\"news-list\">");
  newest = self->n_items > (page - 1) * 10 ? self->n_items - (page - 1) * 10 : 0;

  for (guint n = newest; n >= 1 && n + 10 > newest; n--)
    {
      g_autofree char *title = item_title (self, n);
      g_autoptr(GDateTime) date = item_date (self, n);
      g_autofree char *day = g_date_time_format (date, "%d.%m.%Y");

      g_string_append_printf (html, "<div class=\"news-item\"><a href=\"/statements/%u.html\">%s - %s</a></div>"
                              "<p class=\"anons\">A summary of statement %u, in a sentence or two.</p>",
                              n, day, title, n);
    }
  g_string_append (html, "</div>");
  if (newest > 10 && self->archive_host != NULL)
    g_string_append_printf (html, "<p><a href=\"http://%s:%d/archive?page=%u\">%s</a></p>", self->archive_host,
                            g_uri_get_port (self->base), page + 1, page == 1 ? "all messages" : "Older »");
  else if (newest > 10)
    g_string_append_printf (html, "<p><a href=\"/archive?page=%u\">%s</a></p>", page + 1,
                            page == 1 ? "all messages" : "Older »");
  g_string_append (html, "</div><div class=\"footer\"><a href=\"/old\">28.11.2018 - Not news</a></div>"
                         "</body></html>");
  return g_string_free (html, FALSE);
}

static char *
statement_page (CqFixtureServer *self,
                guint            number)
{
  g_autofree char *title = item_title (self, number);
  const char *second = g_hash_table_lookup (self->statement_edits, GUINT_TO_POINTER (number));

  if (GPOINTER_TO_UINT (g_hash_table_lookup (self->withdrawn, GUINT_TO_POINTER (number))) == SOUP_STATUS_OK)
    return g_strdup_printf ("<!DOCTYPE html><html lang=\"en\"><head><title>%s</title></head><body>"
                            "<nav><a href=\"/\">Home</a></nav><div class=\"article-body\"><h1>%s</h1>"
                            "<p>This page has been archived.</p></div></body></html>", title, title);
  if (second == NULL)
    second = "A second paragraph adds detail, names the parties, and closes with thanks to all concerned.";
  return g_strdup_printf ("<!DOCTYPE html><html lang=\"en\"><head><title>%s</title></head><body>"
                          "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
                          "<div class=\"sidebar\"><h3>Related</h3><ul><li><a href=\"/x\">Another statement with a long link text</a></li></ul></div>"
                          "<div class=\"article-body\"><h1>%s</h1>"
                          "<p>This is the full text of statement %u, which goes on at some length, as statements do, "
                          "so that the extractor has prose to find among the links.</p>"
                          "<p>%s</p>"
                          "</div><footer>© Freedonia</footer></body></html>",
                          title, title, number, second);
}

static char *
rss_feed (CqFixtureServer *self)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
                               "<title>Embassy of Freedonia</title><link>/</link>");
  char *base = g_uri_to_string (self->base);

  for (guint n = self->n_items; n >= 1; n--)
    {
      g_autofree char *title = item_title (self, n);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autoptr(GDateTime) date = item_date (self, n);
      g_autofree char *rfc822 = g_date_time_format (date, "%a, %d %b %Y %H:%M:%S +0000");

      g_string_append_printf (xml, "<item><title>%s</title><link>%sstatements/%u.html</link><guid>st-%u</guid>"
                              "<pubDate>%s</pubDate><description>A summary of statement %u.</description></item>",
                              escaped, base, n, n, rfc822, n);
    }
  g_string_append (xml, "</channel></rss>");
  g_free (base);
  return g_string_free (xml, FALSE);
}

static char *
json_feed (CqFixtureServer *self)
{
  GString *json = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Embassy\", \"items\": [");

  for (guint n = self->n_items; n >= 1; n--)
    {
      g_autofree char *title = item_title (self, n);
      g_autoptr(GDateTime) date = item_date (self, n);
      g_autofree char *iso = g_date_time_format_iso8601 (date);

      g_string_append_printf (json, "%s{\"id\": \"st-%u\", \"url\": \"/statements/%u.html\", \"title\": \"%s\","
                              " \"date_published\": \"%s\", \"content_text\": \"Statement %u.\"}",
                              n == self->n_items ? "" : ",", n, n, title, iso, n);
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

/* ETag and Last-Modified change whenever the content does. */
static gboolean
not_modified (CqFixtureServer   *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autofree char *etag = g_strdup_printf ("\"v%u-%u\"", self->version, self->n_items);
  const char *last_modified = self->version == 0 ? "Sun, 16 Jun 2019 09:30:00 GMT" : "Mon, 17 Jun 2019 10:00:00 GMT";

  soup_message_headers_replace (response, "ETag", etag);
  soup_message_headers_replace (response, "Last-Modified", last_modified);
  if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return TRUE;
    }
  return FALSE;
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *to)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", to);
}

/* A body that never ends: one byte at a time, until the client gives up. */
static gboolean
trickle_cb (gpointer data)
{
  SoupServerMessage *msg = data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, "<", 1);
  soup_server_message_unpause (msg);
  return G_SOURCE_CONTINUE;
}

static void
stop_trickle (gpointer  data,
              GObject  *where_the_message_was)
{
  guint *id = data;

  g_clear_handle_id (id, g_source_remove);
  g_free (id);
}

/* The source stops when the message goes, however it goes. */
static void
start_trickle (SoupServerMessage *msg)
{
  guint *id = g_new0 (guint, 1);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_server_message_pause (msg);
  *id = g_timeout_add (100, trickle_cb, msg);
  g_object_weak_ref (G_OBJECT (msg), stop_trickle, id);
}

static void
serve_fault (CqFixtureServer   *self,
             SoupServerMessage *msg,
             const char        *path)
{
  guint status;

  if (g_str_equal (path, "/loop"))
    redirect (msg, 302, "/loop-again");
  else if (g_str_equal (path, "/loop-again"))
    redirect (msg, 302, "/loop");
  else if (g_str_equal (path, "/moved"))
    redirect (msg, 301, "/feed.xml");
  else if (g_str_equal (path, "/huge"))
    {
      gsize size = 20 * 1024 * 1024;
      char *body = g_malloc (size + 1);

      memset (body, ' ', size);
      body[size] = '\0';
      respond (msg, SOUP_STATUS_OK, "application/rss+xml", body);
    }
  else if (g_str_equal (path, "/trickle"))
    start_trickle (msg);
  else if (g_str_equal (path, "/stall"))
    {
      /* Headers, then nothing at all, for ever. */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
      soup_server_message_pause (msg);
    }
  else if (g_str_equal (path, "/wrong-type"))
    respond (msg, SOUP_STATUS_OK, "text/plain", rss_feed (self));
  else if (g_str_equal (path, "/not-a-feed"))
    respond (msg, SOUP_STATUS_OK, "text/plain", g_strdup ("These are notes, not news.\n"));
  else if (g_str_has_prefix (path, "/status/") &&
           (status = (guint) g_ascii_strtoull (path + strlen ("/status/"), NULL, 10)) >= 200)
    {
      /* 503 asks for a wait the client must not believe: the year 9999. */
      if (status == 429)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "120");
      else if (status == 503)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                      "Fri, 31 Dec 9999 23:59:59 GMT");
      respond (msg, status, "text/html", g_strdup ("<html><body>No.</body></html>"));
    }
  else
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/html", g_strdup ("<html><body>Not here.</body></html>"));
}

typedef struct
{
  CqFixtureServer   *server;
  SoupServerMessage *msg;
  guint              number;
} SlowStatement;

static gboolean
slow_statement_cb (gpointer data)
{
  SlowStatement *slow = data;

  respond (slow->msg, SOUP_STATUS_OK, "text/html", statement_page (slow->server, slow->number));
  soup_server_message_unpause (slow->msg);
  slow->server->statements_in_flight--;
  g_object_unref (slow->msg);
  g_free (slow);
  return G_SOURCE_REMOVE;
}

/* A statement page answered after a while, counting how many are being
 * answered at once: what a polite client keeps low. */
static void
respond_statement (CqFixtureServer   *self,
                   SoupServerMessage *msg,
                   guint              number)
{
  SlowStatement *slow;
  guint withdrawn = GPOINTER_TO_UINT (g_hash_table_lookup (self->withdrawn, GUINT_TO_POINTER (number)));
  g_autofree char *etag = g_strdup_printf ("\"s%u-%u\"", number, self->statement_version);

  if (withdrawn != 0 && withdrawn != SOUP_STATUS_OK)
    {
      respond (msg, withdrawn, "text/html", g_strdup ("<html><body>No such statement.</body></html>"));
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  if (g_strcmp0 (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match"), etag) == 0)
    {
      self->not_modified++;
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  if (self->statement_delay == 0)
    {
      respond (msg, SOUP_STATUS_OK, "text/html", statement_page (self, number));
      return;
    }
  slow = g_new0 (SlowStatement, 1);
  slow->server = self;
  slow->msg = g_object_ref (msg);
  slow->number = number;
  self->statements_in_flight++;
  self->most_statements_in_flight = MAX (self->most_statements_in_flight, self->statements_in_flight);
  soup_server_message_pause (msg);
  g_timeout_add (self->statement_delay, slow_statement_cb, slow);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  CqFixtureServer *self = user_data;
  guint hits = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *names[] = { "If-None-Match", "If-Modified-Since", "User-Agent", "Accept-Encoding" };
  guint number;

  g_hash_table_replace (self->hits, g_strdup (path), GUINT_TO_POINTER (hits + 1));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_hash_table_replace (self->last_headers, g_strdup (names[i]),
                          g_strdup (soup_message_headers_get_one (request, names[i])));

  if (self->failing != 0)
    respond (msg, self->failing, "text/html", g_strdup ("<html><body>Down.</body></html>"));
  else if (g_str_equal (path, "/"))
    respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", list_page (self, 1));
  else if (g_str_equal (path, "/archive") && query != NULL && g_hash_table_lookup (query, "page") != NULL)
    respond (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
             list_page (self, MAX (1, (guint) g_ascii_strtoull (g_hash_table_lookup (query, "page"), NULL, 10))));
  else if (g_str_equal (path, "/feed.xml"))
    {
      if (!not_modified (self, msg))
        respond (msg, SOUP_STATUS_OK, "application/rss+xml", rss_feed (self));
    }
  else if (g_str_equal (path, "/feed.json"))
    {
      if (!not_modified (self, msg))
        respond (msg, SOUP_STATUS_OK, "application/feed+json", json_feed (self));
    }
  else if (g_str_equal (path, "/with-feed.html"))
    respond (msg, SOUP_STATUS_OK, "text/html",
             g_strdup ("<html><head><title>Site</title><link rel=\"alternate\" type=\"application/rss+xml\""
                       " href=\"/feed.xml\"></head><body><p>Hello.</p></body></html>"));
  else if (g_hash_table_contains (self->files, path))
    {
      GBytes *bytes = g_hash_table_lookup (self->files, path);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  else if (g_str_equal (path, "/images/seal.png"))
    respond_static (msg, "image/png", seal_png, sizeof seal_png - 1);
  else if (g_str_equal (path, "/images/bomb.png"))
    respond_static (msg, "image/png", bomb_png, sizeof bomb_png - 1);
  else if (g_str_equal (path, "/images/broken.png"))
    respond (msg, SOUP_STATUS_OK, "image/png", g_strdup ("\x89PNG but then nothing an image is made of"));
  else if (sscanf (path, "/statements/%u.html", &number) == 1 && number >= 1 && number <= self->n_items)
    respond_statement (self, msg, number);
  else
    serve_fault (self, msg, path);
}

/* The raw server promises 100,000 bytes of feed and sends a few hundred:
 * "/short" then closes the connection, "/reset" resets it.  It runs in its
 * own threads, since the client shares this thread's main loop. */
static gboolean
raw_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source,
            gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n"
                     "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Cut</title>"
                     "<item><title>Half an item";
  char request[4096];
  gssize got = g_input_stream_read (in, request, sizeof request - 1, NULL, NULL);
  GSocket *socket = g_socket_connection_get_socket (connection);

  request[MAX (got, 0)] = '\0';
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  if (strstr (request, "GET /reset") != NULL)
    {
      /* Linger 0: the close sends a reset. */
      struct linger linger = { 1, 0 };

      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/**
 * cq_fixture_server_raw_url:
 * @path: "/short" or "/reset"
 *
 * Returns: (transfer full): an address on the server that breaks HTTP
 */
char *
cq_fixture_server_raw_url (CqFixtureServer *self,
                           const char      *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->raw_port, path);
}

/**
 * cq_fixture_server_new:
 * @port: 0 for any free port
 */
CqFixtureServer *
cq_fixture_server_new (guint    port,
                       GError **error)
{
  g_autoptr(CqFixtureServer) self = g_new0 (CqFixtureServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;

  self->n_items = 12;
  self->titles = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->statement_edits = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->withdrawn = g_hash_table_new (NULL, NULL);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->last_headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->server = soup_server_new ("server-header", "communique-fixture", NULL);
  soup_server_add_handler (self->server, NULL, handler, self, NULL);
  if (!soup_server_listen (self->server, address, 0, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  self->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->raw = g_threaded_socket_service_new (2);
  {
    g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->raw), any, G_SOCKET_TYPE_STREAM,
                                        G_SOCKET_PROTOCOL_TCP, NULL, &bound, error))
      return NULL;
    self->raw_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }
  g_signal_connect (self->raw, "run", G_CALLBACK (raw_run_cb), self);
  g_socket_service_start (self->raw);
  return g_steal_pointer (&self);
}

void
cq_fixture_server_free (CqFixtureServer *self)
{
  if (self == NULL)
    return;
  if (self->raw != NULL)
    {
      g_socket_service_stop (self->raw);
      g_socket_listener_close (G_SOCKET_LISTENER (self->raw));
    }
  g_clear_object (&self->raw);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->base, g_uri_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->statement_edits, g_hash_table_unref);
  g_clear_pointer (&self->withdrawn, g_hash_table_unref);
  g_clear_pointer (&self->hits, g_hash_table_unref);
  g_clear_pointer (&self->last_headers, g_hash_table_unref);
  g_free (self->archive_host);
  g_clear_pointer (&self->files, g_hash_table_unref);
  g_free (self);
}

char *
cq_fixture_server_url (CqFixtureServer *self,
                       const char      *path)
{
  g_autofree char *base = g_uri_to_string (self->base);

  return g_strconcat (base, path[0] == '/' ? path + 1 : path, NULL);
}

/* Serves @bytes at @path, for a test that makes its own file. */
void
cq_fixture_server_add_file (CqFixtureServer *self,
                            const char      *path,
                            GBytes          *bytes)
{
  g_hash_table_replace (self->files, g_strdup (path), g_bytes_ref (bytes));
}

/* "Older news" links name another host (the same server under another
 * name, say "localhost" for 127.0.0.1), as a hostile page's would. */
void
cq_fixture_server_set_archive_host (CqFixtureServer *self,
                                    const char      *host)
{
  g_free (self->archive_host);
  self->archive_host = g_strdup (host);
}

void
cq_fixture_server_set_n_items (CqFixtureServer *self,
                               guint            n_items)
{
  self->n_items = n_items;
  self->version++;
}

void
cq_fixture_server_edit_title (CqFixtureServer *self,
                              guint            number,
                              const char       *title)
{
  g_hash_table_replace (self->titles, GUINT_TO_POINTER (number), g_strdup (title));
  self->version++;
}

guint
cq_fixture_server_get_hits (CqFixtureServer *self,
                            const char      *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
}

/**
 * cq_fixture_server_get_request_header:
 *
 * Returns: (nullable): the header as the last request sent it
 */
const char *
cq_fixture_server_get_request_header (CqFixtureServer *self,
                                      const char      *name)
{
  return g_hash_table_lookup (self->last_headers, name);
}

/**
 * cq_fixture_server_set_failing:
 * @status: the status every request gets from now on, or 0 to serve again
 */
void
cq_fixture_server_set_failing (CqFixtureServer *self,
                               guint            status)
{
  self->failing = status;
}

/**
 * cq_fixture_server_edit_statement:
 * @second_paragraph: (nullable): the statement page's second paragraph from
 *   now on, or %NULL for the first one
 *
 * Rewrites a statement on its page only, as a site quietly does: the feed
 * stays as it was.  Every statement page's ETag changes.
 */
void
cq_fixture_server_edit_statement (CqFixtureServer *self,
                                  guint            number,
                                  const char      *second_paragraph)
{
  if (second_paragraph != NULL)
    g_hash_table_replace (self->statement_edits, GUINT_TO_POINTER (number), g_strdup (second_paragraph));
  else
    g_hash_table_remove (self->statement_edits, GUINT_TO_POINTER (number));
  self->statement_version++;
}

/**
 * cq_fixture_server_withdraw_statement:
 * @status: 404 or 410 to answer with; 200 for a page that now says only
 *   that it was archived; 0 to put the statement back
 */
void
cq_fixture_server_withdraw_statement (CqFixtureServer *self,
                                      guint            number,
                                      guint            status)
{
  if (status != 0)
    g_hash_table_replace (self->withdrawn, GUINT_TO_POINTER (number), GUINT_TO_POINTER (status));
  else
    g_hash_table_remove (self->withdrawn, GUINT_TO_POINTER (number));
  self->statement_version++;
}

/**
 * cq_fixture_server_get_not_modified:
 *
 * Returns: how many requests were answered “304 Not Modified”
 */
guint
cq_fixture_server_get_not_modified (CqFixtureServer *self)
{
  return self->not_modified;
}

/**
 * cq_fixture_server_set_statement_delay:
 * @milliseconds: how long each statement page takes to answer; 0 for at once
 */
void
cq_fixture_server_set_statement_delay (CqFixtureServer *self,
                                       guint            milliseconds)
{
  self->statement_delay = milliseconds;
}

/**
 * cq_fixture_server_get_most_statements_in_flight:
 *
 * Returns: the most statement pages that were being answered at once
 */
guint
cq_fixture_server_get_most_statements_in_flight (CqFixtureServer *self)
{
  return self->most_statements_in_flight;
}
