-- The tables and queries Orleans 10.4's ADO.NET clustering and reminder providers use (Wright's own statement of
-- their contract: Orleans reads its queries by key from OrleansQuery, binds @parameters by name and reads result
-- columns by name). Written for PostgreSQL 12 or newer; run once per database, idempotently, by every node at start
-- under an advisory lock. An operator may run it by hand instead (psql -f).
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey varchar(64) PRIMARY KEY,
    QueryText varchar(8000) NOT NULL);

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable (
    DeploymentId varchar(150) PRIMARY KEY,
    Timestamp timestamptz(3) NOT NULL DEFAULT now(),
    Version integer NOT NULL DEFAULT 0);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable (
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address varchar(45) NOT NULL,
    Port integer NOT NULL,
    Generation integer NOT NULL,
    SiloName varchar(150) NOT NULL,
    HostName varchar(150) NOT NULL,
    Status integer NOT NULL,
    ProxyPort integer NULL,
    SuspectTimes varchar(8000) NULL,
    StartTime timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation));

CREATE TABLE IF NOT EXISTS OrleansRemindersTable (
    ServiceId varchar(150) NOT NULL,
    GrainId varchar(150) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime timestamptz(3) NOT NULL,
    Period bigint NOT NULL,
    GrainHash integer NOT NULL,
    Version integer NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName));

-- Membership: the version row is the table's optimistic lock; a write that names a stale version changes nothing.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
WITH ins AS (INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId) ON CONFLICT DO NOTHING RETURNING 1)
SELECT count(*)::int FROM ins;'),
('InsertMembershipKey', '
WITH v AS (
  UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
  WHERE DeploymentId = @DeploymentId AND Version = @Version
    AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
  RETURNING 1),
ins AS (
  INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
  SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
  WHERE EXISTS (SELECT 1 FROM v)
  RETURNING 1)
SELECT count(*)::int FROM ins;'),
('UpdateMembershipKey', '
WITH v AS (
  UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
  WHERE DeploymentId = @DeploymentId AND Version = @Version
    AND EXISTS (SELECT 1 FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
  RETURNING 1),
up AS (
  UPDATE OrleansMembershipTable SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
  WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation AND EXISTS (SELECT 1 FROM v)
  RETURNING 1)
SELECT count(*)::int FROM up;'),
('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;'),
('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
       m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;'),
('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
       m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;'),
('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),
('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),
('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;'),
('CleanupDefunctSiloEntryKey', '
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation AND Status <> 3;'),
-- Reminders: Version is the row's optimistic lock for deletes.
('UpsertReminderRowKey', '
INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
  SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash, Version = OrleansRemindersTable.Version + 1
RETURNING Version;'),
('ReadReminderRowsKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;'),
('ReadReminderRowKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;'),
('ReadRangeRows1Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;'),
('ReadRangeRows2Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);'),
('DeleteReminderRowKey', '
WITH del AS (DELETE FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version RETURNING 1)
SELECT count(*)::int FROM del;'),
('DeleteReminderRowsKey', '
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
