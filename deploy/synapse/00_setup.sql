-- Synapse serverless SQL over the MHA lake: database, storage access and schemas.
-- Run once per workspace, connected to the serverless endpoint (<workspace>-ondemand.sql.azuresynapse.net), database master.
-- Then run 10_views.sql, 20_kpis.sql and 30_security.sql in database mha_lake.
--
-- Placeholder to replace before running: <account> = the ADLS Gen2 account holding the container "lake"
-- (the engine's Lake:Container). The lake layout is described in docs/lake.md.
--
-- Storage access: Microsoft Entra pass-through. The data source has no credential, so every query reads the lake as the
-- person (or service principal) signed in, and the per-role storage role assignments with their folder conditions
-- (deploy/modules/access.bicep) decide what that is; 30_security.sql grants the views per role. No keys, SAS tokens or
-- identities are stored here. (A workspace Managed Identity credential would let anyone allowed to use it read the whole
-- lake, audit log included, whatever their role.)

IF DB_ID('mha_lake') IS NULL
    CREATE DATABASE mha_lake COLLATE Latin1_General_100_BIN2_UTF8;  -- UTF-8, binary: string filters push down to Parquet
GO

USE mha_lake;
GO

-- Upgrading a database set up with the earlier CREDENTIAL = mha_lake_identity (the workspace identity): drop the views
-- of 10_views.sql and 20_kpis.sql, DROP EXTERNAL DATA SOURCE mha_lake_storage, DROP DATABASE SCOPED CREDENTIAL
-- mha_lake_identity, then run this script, 10_views.sql, 20_kpis.sql and 30_security.sql again.
IF NOT EXISTS (SELECT * FROM sys.external_data_sources WHERE name = 'mha_lake_storage')
    CREATE EXTERNAL DATA SOURCE mha_lake_storage
    WITH (
        LOCATION = 'https://<account>.dfs.core.windows.net/lake'
    );
GO

-- One schema per lake layer, plus kpi for the business views of 20_kpis.sql and audit for the audit log.
IF SCHEMA_ID('bronze') IS NULL EXEC ('CREATE SCHEMA bronze');
IF SCHEMA_ID('silver') IS NULL EXEC ('CREATE SCHEMA silver');
IF SCHEMA_ID('gold') IS NULL EXEC ('CREATE SCHEMA gold');
IF SCHEMA_ID('quality') IS NULL EXEC ('CREATE SCHEMA quality');
IF SCHEMA_ID('kpi') IS NULL EXEC ('CREATE SCHEMA kpi');
IF SCHEMA_ID('audit') IS NULL EXEC ('CREATE SCHEMA audit');
GO
