-- Wright's fleet tables: the shared task queue, its events and the nodes' reports. Idempotent.
CREATE TABLE IF NOT EXISTS wright_tasks (
  id text PRIMARY KEY, spec text NOT NULL, repo text NOT NULL, priority integer NOT NULL,
  created timestamptz NOT NULL, updated timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS wright_task_attempts (
  task_id text NOT NULL REFERENCES wright_tasks (id) ON DELETE CASCADE, n integer NOT NULL, status text NOT NULL,
  data text NOT NULL, cancel boolean NOT NULL DEFAULT false,
  owner text NULL,                        -- the node running it (its Orleans silo address and generation)
  epoch bigint NOT NULL DEFAULT 0,        -- grows with every claim: the fencing token of the owner's writes
  PRIMARY KEY (task_id, n));
CREATE INDEX IF NOT EXISTS wright_task_attempts_by_status ON wright_task_attempts (status);
CREATE TABLE IF NOT EXISTS wright_task_events (
  id bigserial PRIMARY KEY, task_id text NOT NULL, attempt integer NOT NULL, json text NOT NULL);
CREATE INDEX IF NOT EXISTS wright_task_events_by_task ON wright_task_events (task_id, id);
CREATE TABLE IF NOT EXISTS wright_fleet_nodes (
  id text PRIMARY KEY, name text NOT NULL, url text NOT NULL, max_parallel integer NOT NULL, running integer NOT NULL,
  draining boolean NOT NULL DEFAULT false, started timestamptz NOT NULL, seen timestamptz NOT NULL);
-- The last durable step of each running attempt: its session journal (a SQLite file of that session's rows) and the
-- commit of its worktree pushed to the remote as the attempt's branch. A node that takes over resumes from here.
CREATE TABLE IF NOT EXISTS wright_checkpoints (
  task_id text NOT NULL REFERENCES wright_tasks (id) ON DELETE CASCADE, n integer NOT NULL,
  session_id text NOT NULL, journal bytea NOT NULL, head text NOT NULL, taken timestamptz NOT NULL,
  PRIMARY KEY (task_id, n));
-- Approval requests of running attempts, so that any node's API lists and answers them. The attempt's owner inserts a
-- request (fenced by its claim's epoch) before its event is written, and polls for answers; any node records an answer
-- (first write wins: `decision` is set once). `closed`: no longer waits (applied, withdrawn, timed out, or the attempt
-- moved to another node, which asks again).
CREATE TABLE IF NOT EXISTS wright_approvals (
  task_id text NOT NULL REFERENCES wright_tasks (id) ON DELETE CASCADE, n integer NOT NULL,
  epoch bigint NOT NULL,                  -- the owner's claim that asked
  session_id text NOT NULL,               -- '' for the attempt's own session (and the sandbox's egress questions)
  call_id text NOT NULL, request text NOT NULL, since timestamptz NOT NULL,
  decision text NULL,                     -- yes | always | no | never, once answered
  feedback text NULL, answered timestamptz NULL, answered_by text NULL,
  closed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (task_id, n, epoch, session_id, call_id));
CREATE INDEX IF NOT EXISTS wright_approvals_open ON wright_approvals (task_id, n) WHERE NOT closed;
