-- One view per lake table, over OPENROWSET(... FORMAT = 'PARQUET') with an explicit WITH schema.
-- Run in database mha_lake after 00_setup.sql.
--
-- Rules (docs/lake.md):
-- * Column names are the Parquet column names, exactly (binding is by name; the database collation is binary, so
--   names are case-sensitive). Types: INT32 -> int, INT64 -> bigint, DOUBLE -> float, BOOLEAN -> bit,
--   DATE -> date, TIMESTAMP (millis, UTC) -> datetime2(3) holding UTC, UTF-8 strings -> varchar with
--   COLLATE Latin1_General_100_BIN2_UTF8 so string predicates push down.
-- * Partitioned tables expose the partition folder value as a column named like the folder key, read with
--   r.filepath(1): filter on it (e.g. WHERE event_date = '2026-11-24') and only that folder is read. It is a
--   'YYYY-MM-DD' string.
-- * Schema evolution: an attribute outside the event contract becomes a new nullable string column in Silver.
--   Views list their columns, so a new attribute is invisible here until a line is added to silver.adt_events;
--   files written before it return NULL for it.
-- * tests/MHA.IntegrationTests/SynapseKpiQueryTests.cs reads this file: every BULK path must match the lake's files and
--   every WITH column must exist in them with a compatible type.

CREATE OR ALTER VIEW bronze.adt_events AS
SELECT r.*, r.filepath(1) AS ingest_date
FROM OPENROWSET(
        BULK 'bronze/adt_events/ingest_date=*/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        ingest_seq bigint,
        received_at datetime2(3),
        source varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        source_ref varchar(400) COLLATE Latin1_General_100_BIN2_UTF8,
        item_index int,
        payload varchar(max) COLLATE Latin1_General_100_BIN2_UTF8,
        payload_encoding varchar(10) COLLATE Latin1_General_100_BIN2_UTF8,
        event_id varchar(100) COLLATE Latin1_General_100_BIN2_UTF8
    ) AS r;
GO

CREATE OR ALTER VIEW silver.adt_events AS
SELECT r.*, r.filepath(1) AS event_date
FROM OPENROWSET(
        BULK 'silver/adt_events/event_date=*/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        event_id varchar(100) COLLATE Latin1_General_100_BIN2_UTF8,
        event_type varchar(20) COLLATE Latin1_General_100_BIN2_UTF8,
        event_time datetime2(3),
        patient_id varchar(100) COLLATE Latin1_General_100_BIN2_UTF8,
        hospital_id int,
        hospital_name varchar(100) COLLATE Latin1_General_100_BIN2_UTF8,
        department varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        bed_id varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        from_department varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        from_bed_id varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        gender varchar(20) COLLATE Latin1_General_100_BIN2_UTF8,
        age int,
        raw_age int,
        insurance_type varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        admission_time datetime2(3),
        discharge_time datetime2(3),
        length_of_stay_hours float,
        event_shape varchar(10) COLLATE Latin1_General_100_BIN2_UTF8,
        dq_flags varchar(400) COLLATE Latin1_General_100_BIN2_UTF8,
        ingest_seq bigint,
        apply_seq bigint,
        bronze_seq bigint,
        received_at datetime2(3),
        source varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        source_ref varchar(400) COLLATE Latin1_General_100_BIN2_UTF8,
        -- Extra attributes sent by the richer producer (schema evolution: nullable strings, NULL in older files).
        admission_priority varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        diagnosis_code varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        discharge_status varchar(50) COLLATE Latin1_General_100_BIN2_UTF8
    ) AS r;
GO

CREATE OR ALTER VIEW silver.quarantine AS
SELECT r.*, r.filepath(1) AS ingest_date
FROM OPENROWSET(
        BULK 'silver/quarantine/ingest_date=*/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        ingest_seq bigint,
        received_at datetime2(3),
        source varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        source_ref varchar(400) COLLATE Latin1_General_100_BIN2_UTF8,
        item_index int,
        reason varchar(1000) COLLATE Latin1_General_100_BIN2_UTF8,
        payload varchar(max) COLLATE Latin1_General_100_BIN2_UTF8,
        payload_encoding varchar(10) COLLATE Latin1_General_100_BIN2_UTF8,
        event_id varchar(100) COLLATE Latin1_General_100_BIN2_UTF8
    ) AS r;
GO

CREATE OR ALTER VIEW silver.dropped_duplicates AS
SELECT r.*, r.filepath(1) AS ingest_date
FROM OPENROWSET(
        BULK 'silver/dropped_duplicates/ingest_date=*/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        ingest_seq bigint,
        received_at datetime2(3),
        bronze_seq bigint,
        source varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        source_ref varchar(400) COLLATE Latin1_General_100_BIN2_UTF8,
        event_id varchar(100) COLLATE Latin1_General_100_BIN2_UTF8,
        hospital_id int
    ) AS r;
GO

CREATE OR ALTER VIEW gold.dim_patient AS
SELECT r.*
FROM OPENROWSET(
        BULK 'gold/dim_patient/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        patient_sk bigint,
        patient_key char(64) COLLATE Latin1_General_100_BIN2_UTF8,
        version int,
        gender varchar(20) COLLATE Latin1_General_100_BIN2_UTF8,
        age int,
        age_band varchar(10) COLLATE Latin1_General_100_BIN2_UTF8,
        insurance_type varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        effective_from datetime2(3),
        effective_to datetime2(3),
        is_current bit
    ) AS r;
GO

CREATE OR ALTER VIEW gold.dim_department AS
SELECT r.*
FROM OPENROWSET(
        BULK 'gold/dim_department/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        department_sk bigint,
        hospital_id int,
        hospital_name varchar(100) COLLATE Latin1_General_100_BIN2_UTF8,
        department varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        department_code varchar(10) COLLATE Latin1_General_100_BIN2_UTF8,
        capacity int,
        staffed_beds int,
        effective_from datetime2(3),
        effective_to datetime2(3),
        is_current bit
    ) AS r;
GO

CREATE OR ALTER VIEW gold.dim_date AS
SELECT r.*
FROM OPENROWSET(
        BULK 'gold/dim_date/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        date_key int,
        [date] date,
        [year] int,
        [quarter] int,
        [month] int,
        month_name varchar(20) COLLATE Latin1_General_100_BIN2_UTF8,
        [day] int,
        day_of_week int,
        day_name varchar(20) COLLATE Latin1_General_100_BIN2_UTF8,
        is_weekend bit
    ) AS r;
GO

CREATE OR ALTER VIEW gold.fact_admission AS
SELECT r.*, r.filepath(1) AS admission_date
FROM OPENROWSET(
        BULK 'gold/fact_admission/admission_date=*/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        stay_key char(64) COLLATE Latin1_General_100_BIN2_UTF8,
        patient_sk bigint,
        department_sk bigint,
        current_department_sk bigint,
        date_key int,
        hospital_id int,
        admission_department varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        current_department varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        bed_id varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        admission_time datetime2(3),
        discharge_time datetime2(3),
        length_of_stay_hours float,
        is_currently_admitted bit,
        transfers_count int,
        end_reason varchar(20) COLLATE Latin1_General_100_BIN2_UTF8
    ) AS r;
GO

CREATE OR ALTER VIEW gold.fact_occupancy_hourly AS
SELECT r.*, r.filepath(1) AS hour_date
FROM OPENROWSET(
        BULK 'gold/fact_occupancy_hourly/hour_date=*/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        hospital_id int,
        department varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        department_sk bigint,
        [hour] datetime2(3),
        occupied int,
        capacity int,
        occupancy_pct float,
        admissions int,
        discharges int
    ) AS r;
GO

-- The daily files also carry report_date as a DATE column; the view reads the folder value instead (same day,
-- and filtering on it prunes folders).
CREATE OR ALTER VIEW quality.daily_reports AS
SELECT r.*, r.filepath(1) AS report_date
FROM OPENROWSET(
        BULK 'quality/daily_reports/report_date=*/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        generated_at datetime2(3),
        scope varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        [key] varchar(200) COLLATE Latin1_General_100_BIN2_UTF8,
        [rows] bigint
    ) AS r;
GO

CREATE OR ALTER VIEW quality.refresh_reports AS
SELECT r.*, r.filepath(1) AS report_date
FROM OPENROWSET(
        BULK 'quality/refresh_reports/report_date=*/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        report_id varchar(100) COLLATE Latin1_General_100_BIN2_UTF8,
        generated_at datetime2(3),
        scope varchar(50) COLLATE Latin1_General_100_BIN2_UTF8,
        [key] varchar(200) COLLATE Latin1_General_100_BIN2_UTF8,
        [rows] bigint
    ) AS r;
GO

-- The audit log (docs/security.md): who viewed bed-level data, who changed configuration, when. Append-only: one new
-- file per flush, never compacted or rewritten. Partitioned by the day the audited action occurred (UTC). Granted to
-- network admins and auditors only (30_security.sql); storage access to audit/ is limited the same way (deploy/modules).
CREATE OR ALTER VIEW audit.audit_log AS
SELECT r.*, r.filepath(1) AS audit_date
FROM OPENROWSET(
        BULK 'audit/audit_log/audit_date=*/*.parquet',
        DATA_SOURCE = 'mha_lake_storage',
        FORMAT = 'PARQUET'
    ) WITH (
        audit_id varchar(36) COLLATE Latin1_General_100_BIN2_UTF8,
        ingest_seq bigint,
        occurred_at datetime2(3),
        recorded_at datetime2(3),
        actor varchar(800) COLLATE Latin1_General_100_BIN2_UTF8,
        actor_role varchar(200) COLLATE Latin1_General_100_BIN2_UTF8,
        action varchar(200) COLLATE Latin1_General_100_BIN2_UTF8,
        outcome varchar(20) COLLATE Latin1_General_100_BIN2_UTF8,
        hospital_id int,
        department varchar(200) COLLATE Latin1_General_100_BIN2_UTF8,
        resource varchar(1600) COLLATE Latin1_General_100_BIN2_UTF8,
        detail varchar(8000) COLLATE Latin1_General_100_BIN2_UTF8
    ) AS r;
GO
