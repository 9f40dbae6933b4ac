-- The Gold star schema of docs/lake.md, built by DuckDB from the same Silver Parquet files as GoldStarSchemaBuilder,
-- for the bench's "gold" stage (bench/MHA.Bench/Stages/GoldRefreshStage.cs). Same tables, same rows, written as
-- Parquet in the same layout: dim_patient (SCD2), dim_department (SCD2), dim_date, fact_admission (one row per stay,
-- partitioned by admission day), fact_occupancy_hourly (one row per department and hour, partitioned by day).
--
-- The stage replaces the {{…}} placeholders: {{silver}} the Silver glob, {{departments}} the department metadata
-- (CSV of the catalog the builder holds in memory), {{gold}} the output folder, {{key_inner}} / {{key_outer}} the
-- HMAC-SHA256 pads of the patient-key secret (secret XOR 0x36 / 0x5c, hex), so patient_key and stay_key are the
-- builder's own keys (RFC 2104: HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m))).
-- The surrogate keys (patient_sk, department_sk) are DuckDB's hash() of the same natural key and version start
-- (the builder uses FNV-1a): same work, different values.
--
-- Stays follow the census rules the clean feed exercises (HospitalCensus): a stay opens with an admission, moves with
-- every transfer to another bed, and ends with its first discharge (discharge_time, or the event time when that lies
-- before the current bed's start) or, still in bed, with the patient's next admission (end_reason readmitted).
-- The clean feed never puts two patients in one bed, so the displacement rule has nothing to do.

SET TimeZone = 'UTC';

-- Silver, each hospital's apply order once (a row written twice, e.g. during a compaction, counts once).
CREATE TEMP TABLE events AS
SELECT event_id, event_type, event_time, patient_id, hospital_id, department, bed_id, gender, age, insurance_type,
       admission_time, discharge_time, apply_seq
FROM read_parquet('{{silver}}', union_by_name = true)
QUALIFY row_number() OVER (PARTITION BY hospital_id, apply_seq ORDER BY ingest_seq) = 1;

CREATE TEMP TABLE departments AS
SELECT * FROM read_csv('{{departments}}', header = true,
    columns = {'hospital_id': 'INTEGER', 'hospital_name': 'VARCHAR', 'department': 'VARCHAR', 'department_code': 'VARCHAR',
               'capacity': 'INTEGER', 'staffed_beds': 'INTEGER'});

-- dim_department: one version per department, valid from the beginning (DepartmentDimension.Beginning).
CREATE TEMP TABLE dim_department AS
SELECT (hash(hospital_id::VARCHAR || '|' || department || '|' || epoch_us(TIMESTAMPTZ '2000-01-01 00:00:00+00')) & 9223372036854775807)::BIGINT AS department_sk,
       hospital_id, hospital_name, department, department_code, capacity, staffed_beds,
       TIMESTAMPTZ '2000-01-01 00:00:00+00' AS effective_from, NULL::TIMESTAMPTZ AS effective_to, true AS is_current,
       1 AS version
FROM departments;

-- dim_patient: a version whenever gender, age or insurance (each carried forward while not said) differ from the
-- version before; observations at one instant make one version (the last one wins).
CREATE TEMP TABLE patient_states AS
SELECT patient_id, event_time,
       last_value(gender IGNORE NULLS) OVER w AS gender,
       last_value(age IGNORE NULLS) OVER w AS age,
       last_value(insurance_type IGNORE NULLS) OVER w AS insurance_type,
       row_number() OVER w AS observation
FROM events
WINDOW w AS (PARTITION BY patient_id ORDER BY event_time, hospital_id, apply_seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);

CREATE TEMP TABLE patient_versions AS
WITH instants AS (
    SELECT patient_id, event_time, arg_max({'gender': gender, 'age': age, 'insurance_type': insurance_type}, observation) AS state
    FROM patient_states GROUP BY patient_id, event_time
), changes AS (
    SELECT *, lag(state) OVER (PARTITION BY patient_id ORDER BY event_time) AS previous FROM instants
), versions AS (
    SELECT patient_id, event_time AS effective_from, state FROM changes WHERE previous IS NULL OR previous IS DISTINCT FROM state
), keyed AS (
    SELECT patient_id,
           sha256(unhex('{{key_outer}}') || unhex(sha256(unhex('{{key_inner}}') || encode(patient_id)))) AS patient_key
    FROM (SELECT DISTINCT patient_id FROM versions)
)
SELECT v.patient_id, k.patient_key,
       CAST(row_number() OVER p AS INTEGER) AS version,
       v.state.gender AS gender, v.state.age AS age, v.state.insurance_type AS insurance_type,
       v.effective_from, lead(v.effective_from) OVER p AS effective_to
FROM versions v JOIN keyed k USING (patient_id)
WINDOW p AS (PARTITION BY v.patient_id ORDER BY v.effective_from);

CREATE TEMP TABLE dim_patient AS
SELECT (hash(patient_key || '|' || epoch_us(effective_from)) & 9223372036854775807)::BIGINT AS patient_sk, *,
       CASE WHEN age IS NULL THEN NULL WHEN age < 18 THEN '0-17' WHEN age < 35 THEN '18-34' WHEN age < 50 THEN '35-49'
            WHEN age < 65 THEN '50-64' WHEN age < 80 THEN '65-79' ELSE '80+' END AS age_band,
       effective_to IS NULL AS is_current
FROM patient_versions;

-- Stays: every admission, transfer and discharge tagged with the stay (the patient's last admission in that hospital).
CREATE TEMP TABLE stay_events AS
SELECT *, last_value(CASE WHEN event_type = 'ADMISSION' THEN apply_seq END IGNORE NULLS)
              OVER (PARTITION BY hospital_id, patient_id ORDER BY apply_seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS stay_seq
FROM events
WHERE event_type IN ('ADMISSION', 'TRANSFER', 'DISCHARGE');

-- Up to the stay's first discharge; a transfer to the bed the patient is in is no move.
CREATE TEMP TABLE stay_steps AS
SELECT * FROM (
    SELECT *,
           count(*) FILTER (WHERE event_type = 'DISCHARGE') OVER s_before AS discharged_before,
           lag(department) OVER s AS previous_department, lag(bed_id) OVER s AS previous_bed_id
    FROM stay_events
    WHERE stay_seq IS NOT NULL
    WINDOW s AS (PARTITION BY hospital_id, patient_id, stay_seq ORDER BY apply_seq),
           s_before AS (PARTITION BY hospital_id, patient_id, stay_seq ORDER BY apply_seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
WHERE discharged_before = 0
  AND NOT (event_type = 'TRANSFER' AND department IS NOT DISTINCT FROM previous_department AND bed_id IS NOT DISTINCT FROM previous_bed_id);

CREATE TEMP TABLE next_admissions AS
SELECT hospital_id, patient_id, apply_seq AS stay_seq, lead(event_time) OVER (PARTITION BY hospital_id, patient_id ORDER BY apply_seq) AS next_admission_time
FROM events WHERE event_type = 'ADMISSION';

-- Bed segments: a patient in a department's bed from one move to the next (or to the end of the stay).
CREATE TEMP TABLE segments AS
WITH steps AS (
    SELECT *, CASE WHEN event_type = 'ADMISSION' THEN coalesce(admission_time, event_time) ELSE event_time END AS start_time,
           lead(event_type) OVER s AS next_type, lead(event_time) OVER s AS next_time, lead(discharge_time) OVER s AS next_discharge_time
    FROM stay_steps
    WINDOW s AS (PARTITION BY hospital_id, patient_id, stay_seq ORDER BY apply_seq)
), ended AS (
    SELECT st.*, n.next_admission_time,
           CASE WHEN next_type = 'TRANSFER' THEN next_time
                WHEN next_type = 'DISCHARGE' THEN CASE WHEN next_discharge_time >= start_time THEN next_discharge_time ELSE next_time END
                ELSE n.next_admission_time END AS left_at,
           CASE WHEN next_type = 'TRANSFER' THEN NULL
                WHEN next_type = 'DISCHARGE' THEN 'discharge'
                WHEN n.next_admission_time IS NOT NULL THEN 'readmitted' END AS end_reason
    FROM steps st LEFT JOIN next_admissions n USING (hospital_id, patient_id, stay_seq)
    WHERE st.event_type <> 'DISCHARGE'
)
SELECT hospital_id, patient_id, stay_seq, event_id, event_type, apply_seq, department, bed_id, start_time, left_at, end_reason,
       CASE WHEN left_at IS NOT NULL THEN greatest(left_at, start_time) END AS end_time,
       event_type = 'ADMISSION' AS starts_stay,
       end_reason IS NOT NULL AS ends_stay
FROM ended;

CREATE TEMP TABLE stays AS
SELECT hospital_id, patient_id, stay_seq,
       arg_min({'stay_id': event_id, 'department': department, 'since': start_time}, apply_seq) AS first_step,
       arg_max({'department': department, 'bed_id': bed_id, 'left_at': left_at, 'end_reason': end_reason}, apply_seq) AS last_step,
       (count(*) - 1)::INTEGER AS transfers_count
FROM segments GROUP BY hospital_id, patient_id, stay_seq;

CREATE TEMP TABLE fact_admission AS
WITH patient_lookup AS (
    SELECT patient_id, patient_sk, CASE WHEN version = 1 THEN '-infinity'::TIMESTAMPTZ ELSE effective_from END AS valid_from FROM dim_patient
), department_lookup AS (
    SELECT hospital_id, department, department_sk, CASE WHEN version = 1 THEN '-infinity'::TIMESTAMPTZ ELSE effective_from END AS valid_from FROM dim_department
), facts AS (
    SELECT s.hospital_id, s.patient_id, s.first_step.stay_id AS stay_id, s.first_step.department AS admission_department,
           s.first_step.since AS admission_time, s.last_step.department AS current_department, s.last_step.bed_id AS bed_id,
           s.last_step.left_at AS discharge_time, s.last_step.end_reason AS end_reason, s.transfers_count
    FROM stays s
)
SELECT sha256(unhex('{{key_outer}}') || unhex(sha256(unhex('{{key_inner}}') || encode('mha/stay-key/v1/' || f.hospital_id || '/' || f.stay_id)))) AS stay_key,
       p.patient_sk, d.department_sk, c.department_sk AS current_department_sk,
       (year(f.admission_time) * 10000 + month(f.admission_time) * 100 + day(f.admission_time))::INTEGER AS date_key,
       f.hospital_id, f.admission_department, f.current_department, f.bed_id, f.admission_time, f.discharge_time,
       CASE WHEN f.discharge_time >= f.admission_time THEN round((epoch_ms(f.discharge_time) - epoch_ms(f.admission_time)) / 3600000.0, 4) END AS length_of_stay_hours,
       f.end_reason IS NULL AS is_currently_admitted, f.transfers_count, f.end_reason,
       f.admission_time::DATE AS admission_date, f.stay_id
FROM facts f
ASOF LEFT JOIN patient_lookup p ON f.patient_id = p.patient_id AND f.admission_time >= p.valid_from
ASOF LEFT JOIN department_lookup d ON f.hospital_id = d.hospital_id AND f.admission_department = d.department AND f.admission_time >= d.valid_from
LEFT JOIN dim_department c ON c.hospital_id = f.hospital_id AND c.department = f.current_department AND c.is_current;

-- fact_occupancy_hourly: from the first day a bed was taken to the hour of the last event; a patient counts in the
-- hours whose start lies in [start, end); admissions and discharges count in the hour they happened.
CREATE TEMP TABLE hour_changes AS
WITH bounds AS (
    SELECT hospital_id, department, starts_stay, ends_stay, start_time, end_time,
           date_trunc('hour', start_time) AS start_hour, date_trunc('hour', end_time) AS end_hour
    FROM segments
)
SELECT hospital_id, department, hour, sum(delta) AS delta, sum(admitted)::INTEGER AS admissions, sum(discharged)::INTEGER AS discharges
FROM (
    -- in bed from the first hour starting at or after the start, out from the first hour starting at or after the end
    SELECT hospital_id, department, CASE WHEN start_hour = start_time THEN start_hour ELSE start_hour + INTERVAL 1 HOUR END AS hour,
           1 AS delta, 0 AS admitted, 0 AS discharged
    FROM bounds
    UNION ALL
    SELECT hospital_id, department, CASE WHEN end_hour = end_time THEN end_hour ELSE end_hour + INTERVAL 1 HOUR END, -1, 0, 0
    FROM bounds WHERE end_time IS NOT NULL
    UNION ALL
    SELECT hospital_id, department, start_hour, 0, 1, 0 FROM bounds WHERE starts_stay
    UNION ALL
    SELECT hospital_id, department, end_hour, 0, 0, 1 FROM bounds WHERE ends_stay AND end_time IS NOT NULL
)
GROUP BY hospital_id, department, hour;

CREATE TEMP TABLE fact_occupancy_hourly AS
WITH span AS (
    SELECT (SELECT date_trunc('day', min(start_time)) FROM segments) AS first_hour,
           (SELECT date_trunc('hour', max(event_time)) FROM events) AS last_hour
), grid AS (
    SELECT d.hospital_id, d.department, h.hour
    FROM departments d CROSS JOIN span CROSS JOIN generate_series(span.first_hour, span.last_hour, INTERVAL 1 HOUR) AS h(hour)
), counted AS (
    SELECT g.hospital_id, g.department, g.hour,
           (sum(coalesce(c.delta, 0)) OVER (PARTITION BY g.hospital_id, g.department ORDER BY g.hour))::INTEGER AS occupied,
           coalesce(c.admissions, 0) AS admissions, coalesce(c.discharges, 0) AS discharges
    FROM grid g LEFT JOIN hour_changes c USING (hospital_id, department, hour)
), department_lookup AS (
    SELECT hospital_id, department, department_sk, staffed_beds, CASE WHEN version = 1 THEN '-infinity'::TIMESTAMPTZ ELSE effective_from END AS valid_from FROM dim_department
)
SELECT c.hospital_id, c.department, d.department_sk, c.hour, c.occupied, d.staffed_beds AS capacity,
       CASE WHEN d.staffed_beds <= 0 THEN 0 ELSE round(100.0 * c.occupied / d.staffed_beds, 1) END AS occupancy_pct,
       c.admissions, c.discharges, c.hour::DATE AS hour_date
FROM counted c
ASOF LEFT JOIN department_lookup d ON c.hospital_id = d.hospital_id AND c.department = d.department AND c.hour >= d.valid_from;

COPY (SELECT patient_sk, patient_key, version, gender, age, age_band, insurance_type, effective_from, effective_to, is_current FROM dim_patient)
TO '{{gold}}/dim_patient/part-00000.parquet' (FORMAT parquet, COMPRESSION snappy);

COPY (SELECT department_sk, hospital_id, hospital_name, department, department_code, capacity, staffed_beds, effective_from, effective_to, is_current FROM dim_department)
TO '{{gold}}/dim_department/part-00000.parquet' (FORMAT parquet, COMPRESSION snappy);

COPY (
    SELECT (year(d) * 10000 + month(d) * 100 + day(d))::INTEGER AS date_key, d::DATE AS date, year(d)::INTEGER AS year, quarter(d)::INTEGER AS quarter,
           month(d)::INTEGER AS month, strftime(d, '%B') AS month_name, day(d)::INTEGER AS day, isodow(d)::INTEGER AS day_of_week,
           dayname(d) AS day_name, isodow(d) >= 6 AS is_weekend
    FROM generate_series(
        (SELECT least((SELECT min(admission_time) FROM fact_admission), min(event_time))::DATE FROM events)::TIMESTAMP,
        (SELECT max(event_time)::DATE FROM events)::TIMESTAMP,
        INTERVAL 1 DAY) AS t(d))
TO '{{gold}}/dim_date/part-00000.parquet' (FORMAT parquet, COMPRESSION snappy);

COPY (
    SELECT stay_key, patient_sk, department_sk, current_department_sk, date_key, hospital_id, admission_department, current_department, bed_id,
           admission_time, discharge_time, length_of_stay_hours, is_currently_admitted, transfers_count, end_reason, admission_date
    FROM fact_admission ORDER BY admission_date, admission_time, stay_id)
TO '{{gold}}/fact_admission' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (admission_date));

COPY (
    SELECT hospital_id, department, department_sk, hour, occupied, capacity, occupancy_pct, admissions, discharges, hour_date
    FROM fact_occupancy_hourly ORDER BY hour_date, hospital_id, department, hour)
TO '{{gold}}/fact_occupancy_hourly' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (hour_date));
