/* cq-store-schema.h: the store's schema, one migration per version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Migration N takes a store from user_version N to N + 1.  Never edit a
 * released migration: add one.  Each runs inside one transaction. */
static const char * const cq_store_migrations[] = {
  /* 0 → 1: sources, items and their sync state. */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  profile_name TEXT NOT NULL,"
  "  custom_name TEXT,"
  "  profile TEXT NOT NULL,"
  "  enabled INTEGER NOT NULL DEFAULT 1,"
  "  created INTEGER NOT NULL"
  ");"
  "CREATE TABLE sync_state ("
  "  source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  content_hash TEXT,"
  "  last_attempt INTEGER NOT NULL DEFAULT 0,"
  "  last_success INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  failures INTEGER NOT NULL DEFAULT 0,"
  "  next_due INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE items ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
  "  guid TEXT NOT NULL,"
  "  title TEXT,"
  "  link TEXT,"
  "  published INTEGER,"
  "  published_is_date INTEGER NOT NULL DEFAULT 0,"
  "  updated INTEGER,"
  "  summary TEXT,"
  "  content TEXT,"
  "  full_content TEXT,"
  "  author TEXT,"
  "  first_seen INTEGER NOT NULL,"
  "  sort_time INTEGER NOT NULL,"
  "  read INTEGER NOT NULL DEFAULT 0,"
  "  starred INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (source_id, guid)"
  ");"
  "CREATE INDEX items_by_time ON items (sort_time DESC, id DESC);"
  "CREATE INDEX items_by_source_time ON items (source_id, sort_time DESC, id DESC);"
  "CREATE INDEX items_unread ON items (sort_time DESC, id DESC) WHERE read = 0;"
  "CREATE INDEX items_starred ON items (sort_time DESC, id DESC) WHERE starred = 1;",

  /* 1 → 2: earlier versions of edited items, and full-text search.  The
   * index holds plain text; cq_search_text() is registered by the store. */
  "CREATE TABLE revisions ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
  "  title TEXT,"
  "  summary TEXT,"
  "  content TEXT,"
  "  replaced_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX revisions_by_item ON revisions (item_id, id);"
  "CREATE VIRTUAL TABLE items_fts USING fts5 ("
  "  title, summary, body,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO items_fts (rowid, title, summary, body)"
  "  SELECT id, cq_search_text (title), cq_search_text (summary), cq_search_text (COALESCE (full_content, content))"
  "  FROM items;"
  "CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN"
  "  INSERT INTO items_fts (rowid, title, summary, body)"
  "  VALUES (new.id, cq_search_text (new.title), cq_search_text (new.summary),"
  "          cq_search_text (COALESCE (new.full_content, new.content)));"
  "END;"
  "CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, content, full_content ON items BEGIN"
  "  UPDATE items_fts SET title = cq_search_text (new.title), summary = cq_search_text (new.summary),"
  "    body = cq_search_text (COALESCE (new.full_content, new.content))"
  "  WHERE rowid = new.id;"
  "END;"
  "CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
  "  DELETE FROM items_fts WHERE rowid = old.id;"
  "END;",

  /* 3: when an item was read, so that trimming a source spares what the
   * user read lately; items read before this version count as read now. */
  ("ALTER TABLE items ADD COLUMN read_at INTEGER;"
   "UPDATE items SET read_at = unixepoch () WHERE read = 1;"),

  /* 4: unread counts per source, read from the index alone. */
  "CREATE INDEX items_unread_by_source ON items (source_id) WHERE read = 0;",

  /* 5: a link in a statement to another stored statement opens it here. */
  "CREATE INDEX items_by_link ON items (link) WHERE link IS NOT NULL;",

  /* 6: statements kept for the record.  A source may keep its full
   * statements offline (the built-in one does); a statement page is
   * re-checked with its own validators; a revision says whether the feed
   * or the statement's page changed; a page found withdrawn or moved is
   * dated, its last text kept. */
  ("ALTER TABLE sources ADD COLUMN keep_full INTEGER NOT NULL DEFAULT 0;"
   "UPDATE sources SET keep_full = 1 WHERE key = 'rusemb-uk';"
   "ALTER TABLE items ADD COLUMN page_etag TEXT;"
   "ALTER TABLE items ADD COLUMN page_last_modified TEXT;"
   "ALTER TABLE items ADD COLUMN page_gone INTEGER;"
   "ALTER TABLE revisions ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;"),

  /* 7: a sync's new items are indexed for search in one statement at its
   * end.  Row by row, FTS5 wrote its pending terms out at every statement's
   * savepoint: half the time of a first sync. */
  ("DROP TRIGGER items_fts_insert;"
   "CREATE TRIGGER items_fts_insert AFTER INSERT ON items WHEN cq_fts_deferred () = 0 BEGIN"
   "  INSERT INTO items_fts (rowid, title, summary, body)"
   "  VALUES (new.id, cq_search_text (new.title), cq_search_text (new.summary),"
   "          cq_search_text (COALESCE (new.full_content, new.content)));"
   "END;"),

  /* 8: the search index keeps no copy of the text it indexes (content=''):
   * only rowids are ever read from it, and the copy doubled the text a
   * store holds and half the index's cost to a sync (FTS5's content table
   * and its per-row sizes, columnsize=0: no rank is asked for).  An edited
   * or removed item takes its old words out with FTS5's 'delete', given
   * the text as it was indexed, so cq_search_text() must not change
   * without a migration that indexes everything again.  Rows a sync's
   * write has not indexed yet (cq_fts_indexed()) are left to its end.
   * Schema 7's trigger goes, and with it the last use of cq_fts_deferred(),
   * which no connection defines any more: no item is written before the
   * migrations have run. */
  ("DROP TRIGGER items_fts_insert;"
   "DROP TRIGGER items_fts_update;"
   "DROP TRIGGER items_fts_delete;"
   "DROP TABLE items_fts;"
   "CREATE VIRTUAL TABLE items_fts USING fts5 ("
   "  title, summary, body,"
   "  content = '', columnsize = 0,"
   "  tokenize = 'unicode61 remove_diacritics 2'"
   ");"
   "INSERT INTO items_fts (rowid, title, summary, body)"
   "  SELECT id, cq_search_text (title), cq_search_text (summary), cq_search_text (COALESCE (full_content, content))"
   "  FROM items;"
   "CREATE TRIGGER items_fts_insert AFTER INSERT ON items WHEN cq_fts_indexed (new.id) BEGIN"
   "  INSERT INTO items_fts (rowid, title, summary, body)"
   "  VALUES (new.id, cq_search_text (new.title), cq_search_text (new.summary),"
   "          cq_search_text (COALESCE (new.full_content, new.content)));"
   "END;"
   "CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, content, full_content ON items"
   "  WHEN cq_fts_indexed (old.id) BEGIN"
   "  INSERT INTO items_fts (items_fts, rowid, title, summary, body)"
   "  VALUES ('delete', old.id, cq_search_text (old.title), cq_search_text (old.summary),"
   "          cq_search_text (COALESCE (old.full_content, old.content)));"
   "  INSERT INTO items_fts (rowid, title, summary, body)"
   "  VALUES (new.id, cq_search_text (new.title), cq_search_text (new.summary),"
   "          cq_search_text (COALESCE (new.full_content, new.content)));"
   "END;"
   "CREATE TRIGGER items_fts_delete AFTER DELETE ON items WHEN cq_fts_indexed (old.id) BEGIN"
   "  INSERT INTO items_fts (items_fts, rowid, title, summary, body)"
   "  VALUES ('delete', old.id, cq_search_text (old.title), cq_search_text (old.summary),"
   "          cq_search_text (COALESCE (old.full_content, old.content)));"
   "END;"),

  /* 9: a summary that is its body's first words (most feeds' are) is not
   * indexed a second time: cq_search_summary() gives NULL for it.  It
   * found nothing the body does not, and cost a sync a quarter of its
   * index work.  The index is built again under the new rule, and the
   * triggers take old words out as the rule indexed them: like
   * cq_search_text(), cq_text_opens() must not change without a migration
   * that indexes everything again. */
  ("DROP TRIGGER items_fts_insert;"
   "DROP TRIGGER items_fts_update;"
   "DROP TRIGGER items_fts_delete;"
   "INSERT INTO items_fts (items_fts) VALUES ('delete-all');"
   "INSERT INTO items_fts (rowid, title, summary, body)"
   "  SELECT id, cq_search_text (title), cq_search_summary (summary, COALESCE (full_content, content)),"
   "         cq_search_body (COALESCE (full_content, content))"
   "  FROM items;"
   "CREATE TRIGGER items_fts_insert AFTER INSERT ON items WHEN cq_fts_indexed (new.id) BEGIN"
   "  INSERT INTO items_fts (rowid, title, summary, body)"
   "  VALUES (new.id, cq_search_text (new.title), cq_search_summary (new.summary, COALESCE (new.full_content, new.content)),"
   "          cq_search_body (COALESCE (new.full_content, new.content)));"
   "END;"
   "CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, content, full_content ON items"
   "  WHEN cq_fts_indexed (old.id) BEGIN"
   "  INSERT INTO items_fts (items_fts, rowid, title, summary, body)"
   "  VALUES ('delete', old.id, cq_search_text (old.title),"
   "          cq_search_summary (old.summary, COALESCE (old.full_content, old.content)),"
   "          cq_search_body (COALESCE (old.full_content, old.content)));"
   "  INSERT INTO items_fts (rowid, title, summary, body)"
   "  VALUES (new.id, cq_search_text (new.title), cq_search_summary (new.summary, COALESCE (new.full_content, new.content)),"
   "          cq_search_body (COALESCE (new.full_content, new.content)));"
   "END;"
   "CREATE TRIGGER items_fts_delete AFTER DELETE ON items WHEN cq_fts_indexed (old.id) BEGIN"
   "  INSERT INTO items_fts (items_fts, rowid, title, summary, body)"
   "  VALUES ('delete', old.id, cq_search_text (old.title),"
   "          cq_search_summary (old.summary, COALESCE (old.full_content, old.content)),"
   "          cq_search_body (COALESCE (old.full_content, old.content)));"
   "END;"),

  /* 10: the unread and starred lists keep the item open in the reader
   * (read = 0 OR id = ?), which no partial index answers: they walk
   * items_by_time, and counts and "mark all read" use
   * items_unread_by_source.  The two indexes kept for them were never
   * read, and every new item paid for one of them. */
  ("DROP INDEX items_unread;"
   "DROP INDEX items_starred;"),

  /* 11: an item is indexed for search by the write that stores it, at its
   * end (index_items_after() in cq-store-items.c), never by a trigger: the
   * insert trigger's condition was false for every row the store writes,
   * and its being there made SQLite keep a statement journal for every
   * insert, a copy of each page the row touched (a third of a first
   * sync's writing, callgrind).  Edits and removals keep theirs. */
  "DROP TRIGGER items_fts_insert;",
};
