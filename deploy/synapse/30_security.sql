-- Per-role access to the views of mha_lake (docs/security.md, "Lake and Synapse permissions per role").
-- Run in database mha_lake after 00_setup.sql, 10_views.sql and 20_kpis.sql, signed in as the SQL Entra admin
-- (deploy/main.bicep synapseAdminObjectId). Re-runnable.
--
-- Placeholders to replace before running: the display names of the Entra groups whose object ids deploy/main.bicep got.
--   <network-admins-group>     networkAdminsGroupId    (app role NetworkAdmin)
--   <analysts-group>           analystsGroupId         (app role Analyst)
--   <auditors-group>           auditorsGroupId         (reads the audit log only)
--   <hospital-managers-group>  hospitalManagersGroups  (app role HospitalManager; repeat the two lines per group)
-- Delete the CREATE USER / ALTER ROLE lines of a group you do not have. Charge nurses and Ingestor identities get no
-- SQL access: they use the engine (board, API), not the lake.
--
-- Two locks, both needed:
-- 1. Storage. 00_setup.sql's data source has no credential, so each query reads the lake as the signed-in caller and
--    the caller's storage role assignments decide (deploy/modules/access.bicep: ABAC conditions on container and
--    folder). A view granted here still fails on folders the caller's role may not read, and OPENROWSET written by hand
--    (serverless SQL lets every user run it) reaches no further than the storage conditions allow.
-- 2. SQL. The grants below decide which views each role sees. Views owned by dbo that read other dbo views (kpi.* over
--    gold.*) need SELECT on the outer view only (ownership chaining); the storage check still applies to the caller.

IF DATABASE_PRINCIPAL_ID('mha_network_admin') IS NULL EXEC ('CREATE ROLE mha_network_admin');
IF DATABASE_PRINCIPAL_ID('mha_analyst') IS NULL EXEC ('CREATE ROLE mha_analyst');
IF DATABASE_PRINCIPAL_ID('mha_hospital_manager') IS NULL EXEC ('CREATE ROLE mha_hospital_manager');
IF DATABASE_PRINCIPAL_ID('mha_auditor') IS NULL EXEC ('CREATE ROLE mha_auditor');
GO

-- Network admins: every view, the audit log included.
GRANT SELECT ON SCHEMA::bronze TO mha_network_admin;
GRANT SELECT ON SCHEMA::silver TO mha_network_admin;
GRANT SELECT ON SCHEMA::gold TO mha_network_admin;
GRANT SELECT ON SCHEMA::quality TO mha_network_admin;
GRANT SELECT ON SCHEMA::kpi TO mha_network_admin;
GRANT SELECT ON SCHEMA::audit TO mha_network_admin;
GO

-- Analysts: Gold, the KPIs and the quality reports. Never Bronze or Silver (raw payloads, quarantine) nor the audit log.
GRANT SELECT ON SCHEMA::gold TO mha_analyst;
GRANT SELECT ON SCHEMA::kpi TO mha_analyst;
GRANT SELECT ON SCHEMA::quality TO mha_analyst;
DENY SELECT ON SCHEMA::bronze TO mha_analyst;
DENY SELECT ON SCHEMA::silver TO mha_analyst;
DENY SELECT ON SCHEMA::audit TO mha_analyst;
GO

-- Hospital managers: occupancy aggregates (no patient rows) and the quality reports. Gold is not partitioned by
-- hospital, so these are network-wide aggregates; bed-level detail of their own hospital is in the engine, audited.
GRANT SELECT ON OBJECT::gold.dim_department TO mha_hospital_manager;
GRANT SELECT ON OBJECT::gold.dim_date TO mha_hospital_manager;
GRANT SELECT ON OBJECT::gold.fact_occupancy_hourly TO mha_hospital_manager;
GRANT SELECT ON OBJECT::kpi.occupancy_department_latest TO mha_hospital_manager;
GRANT SELECT ON OBJECT::kpi.occupancy_hospital_latest TO mha_hospital_manager;
GRANT SELECT ON OBJECT::kpi.occupancy_department_daily TO mha_hospital_manager;
GRANT SELECT ON OBJECT::kpi.occupancy_hospital_daily TO mha_hospital_manager;
GRANT SELECT ON OBJECT::kpi.department_bottlenecks TO mha_hospital_manager;
GRANT SELECT ON SCHEMA::quality TO mha_hospital_manager;
DENY SELECT ON SCHEMA::bronze TO mha_hospital_manager;
DENY SELECT ON SCHEMA::silver TO mha_hospital_manager;
DENY SELECT ON SCHEMA::audit TO mha_hospital_manager;
GO

-- Auditors: the audit log only.
GRANT SELECT ON SCHEMA::audit TO mha_auditor;
GO

-- The Entra groups (users FROM EXTERNAL PROVIDER are resolved by display name in the workspace's tenant).
IF DATABASE_PRINCIPAL_ID('<network-admins-group>') IS NULL CREATE USER [<network-admins-group>] FROM EXTERNAL PROVIDER;
ALTER ROLE mha_network_admin ADD MEMBER [<network-admins-group>];
GO

IF DATABASE_PRINCIPAL_ID('<analysts-group>') IS NULL CREATE USER [<analysts-group>] FROM EXTERNAL PROVIDER;
ALTER ROLE mha_analyst ADD MEMBER [<analysts-group>];
GO

IF DATABASE_PRINCIPAL_ID('<auditors-group>') IS NULL CREATE USER [<auditors-group>] FROM EXTERNAL PROVIDER;
ALTER ROLE mha_auditor ADD MEMBER [<auditors-group>];
GO

IF DATABASE_PRINCIPAL_ID('<hospital-managers-group>') IS NULL CREATE USER [<hospital-managers-group>] FROM EXTERNAL PROVIDER;
ALTER ROLE mha_hospital_manager ADD MEMBER [<hospital-managers-group>];
GO
