-- Synapse serverless SQL over the MHA lake: database, storage access and schemas.
-- Run once per workspace, connected to the serverless endpoint (<workspace>-ondemand.sql.azuresynapse.net), database master.
-- Then run 10_views.sql and 20_kpis.sql in database mha_lake.
--
-- Placeholder to replace before running: <account> = the ADLS Gen2 account holding the container "lake"
-- (the engine's Lake:Container). The lake layout is described in docs/lake.md.
--
-- Credentials: the workspace's Managed Identity reads the lake. Grant it "Storage Blob Data Reader" on the
-- storage account (or the container); no keys or SAS tokens are stored here. Analysts who sign in with their own
-- Entra ID are given access to the views, not to the storage account.

IF DB_ID('mha_lake') IS NULL
    CREATE DATABASE mha_lake COLLATE Latin1_General_100_BIN2_UTF8;  -- UTF-8, binary: string filters push down to Parquet
GO

USE mha_lake;
GO

-- A master key protects the database scoped credential (it holds no secret for a Managed Identity, but is required).
IF NOT EXISTS (SELECT * FROM sys.symmetric_keys WHERE name = '##MS_DatabaseMasterKey##')
    CREATE MASTER KEY ENCRYPTION BY PASSWORD = '<a strong password, kept in Key Vault>';
GO

IF NOT EXISTS (SELECT * FROM sys.database_scoped_credentials WHERE name = 'mha_lake_identity')
    CREATE DATABASE SCOPED CREDENTIAL mha_lake_identity WITH IDENTITY = 'Managed Identity';
GO

IF NOT EXISTS (SELECT * FROM sys.external_data_sources WHERE name = 'mha_lake_storage')
    CREATE EXTERNAL DATA SOURCE mha_lake_storage
    WITH (
        LOCATION = 'https://<account>.dfs.core.windows.net/lake',
        CREDENTIAL = mha_lake_identity
    );
GO

-- One schema per lake layer, plus kpi for the business views of 20_kpis.sql.
IF SCHEMA_ID('bronze') IS NULL EXEC ('CREATE SCHEMA bronze');
IF SCHEMA_ID('silver') IS NULL EXEC ('CREATE SCHEMA silver');
IF SCHEMA_ID('gold') IS NULL EXEC ('CREATE SCHEMA gold');
IF SCHEMA_ID('quality') IS NULL EXEC ('CREATE SCHEMA quality');
IF SCHEMA_ID('kpi') IS NULL EXEC ('CREATE SCHEMA kpi');
IF SCHEMA_ID('audit') IS NULL EXEC ('CREATE SCHEMA audit');
GO
