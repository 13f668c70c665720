package main

// FerretDB v1.24's SQLite backend pushes a filter on _id alone down as
// `WHERE _ferretdb_sjson->'$._id' = ?`, but the unique index it creates for _id is on the
// expression `_ferretdb_sjson->"_id"`. SQLite matches index expressions by their text, so it
// never uses that index: every find, update or delete by _id scans the table up to the match
// (measured: 80 ms for the last of 50,000 documents, 100 ms for a miss). This adds, to every
// collection's table, an index on the expression the queries use. It only adds indexes, never
// changes documents or FerretDB's metadata; FerretDB's own _id index still enforces uniqueness,
// and dropping a collection drops the table with its indexes.
//
// Collections are created while the server runs, so the data directory is watched: a database
// file whose size or modification time changed (its -wal file included) is opened and its new
// tables are indexed. Until then a new collection is merely slow, never wrong.

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses
)

const (
	indexSuffix   = "_tapcast_id_lookup"
	watchInterval = 200 * time.Millisecond
)

// stamp is what changes whenever a database file is written.
type stamp struct {
	mainSize, walSize   int64
	mainMtime, walMtime time.Time
}

func fileStamp(path string) (stamp, bool) {
	main, err := os.Stat(path)
	if err != nil {
		return stamp{}, false
	}
	s := stamp{mainSize: main.Size(), mainMtime: main.ModTime()}
	if wal, err := os.Stat(path + "-wal"); err == nil {
		s.walSize, s.walMtime = wal.Size(), wal.ModTime()
	}
	return s, true
}

// watchIDIndexes indexes every table of every database under dir until ctx ends.
func watchIDIndexes(ctx context.Context, dir string) {
	seen := map[string]stamp{}
	ticker := time.NewTicker(watchInterval)
	defer ticker.Stop()
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		current := map[string]bool{}
		for _, path := range files {
			current[path] = true
			s, ok := fileStamp(path)
			if !ok || seen[path] == s {
				continue
			}
			if err := indexTables(ctx, path); err != nil {
				// Busy or dropped meanwhile: the next tick tries again.
				if ctx.Err() == nil && !os.IsNotExist(err) {
					log.Printf("id index for %s: %v", filepath.Base(path), err)
				}
				continue
			}
			seen[path] = s
		}
		for path := range seen {
			if !current[path] {
				delete(seen, path)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// indexTables adds the _id lookup index to each table of one database that lacks it.
func indexTables(ctx context.Context, path string) error {
	// mode=rw: a database dropped since the listing is not created again.
	db, err := sql.Open("sqlite", "file:"+path+"?mode=rw&_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	tables, err := queryStrings(ctx, db, "SELECT table_name FROM _ferretdb_collections")
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil // a database FerretDB has only begun to create
		}
		return err
	}
	indexes, err := queryStrings(ctx, db, "SELECT name FROM sqlite_master WHERE type = 'index'")
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, name := range indexes {
		have[name] = true
	}
	for _, table := range tables {
		if have[table+indexSuffix] {
			continue
		}
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`,
			table+indexSuffix, table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			if strings.Contains(err.Error(), "no such table") {
				continue // the collection was dropped meanwhile
			}
			return err
		}
	}
	return nil
}

func queryStrings(ctx context.Context, db *sql.DB, query string) ([]string, error) {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var value string
		if err := rows.Scan(&value); err != nil {
			return nil, err
		}
		out = append(out, value)
	}
	return out, rows.Err()
}
