#pragma once
// Timestamps the store fills in itself come from SQLite's clock, as ISO 8601 UTC
// (e.g. 2026-11-25T14:19:10Z), the form every Stance timestamp has. Macros, because they are
// pasted into constant SQL text at compile time.
#define STANCE_SQL_UTC_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
// The bound parameter `param` (e.g. "?9") when it is not empty, else now.
#define STANCE_SQL_OR_NOW(param) "COALESCE(NULLIF(" param ", ''), " STANCE_SQL_UTC_NOW ")"
