-- Average length of stay per department (the department that discharged the patient): total hours stayed divided
-- by discharges, with the median and 90th percentile. Only stays that ended in a discharge and have a length
-- (discharge not before admission) count.
-- The percentiles are PERCENTILE_CONT (linear interpolation between the two nearest ranks), written with
-- ROW_NUMBER and COUNT so the same text runs in Synapse (where PERCENTILE_CONT is a window function only) and in
-- DuckDB (where it is an aggregate only).
WITH discharged AS (
    SELECT
        f.current_department AS department,
        f.length_of_stay_hours,
        ROW_NUMBER() OVER (PARTITION BY f.current_department ORDER BY f.length_of_stay_hours) AS stay_rank,
        COUNT(*) OVER (PARTITION BY f.current_department) AS stays
    FROM gold.fact_admission AS f
    WHERE f.end_reason = 'discharge' AND f.length_of_stay_hours IS NOT NULL
),
positioned AS (
    SELECT
        department,
        length_of_stay_hours,
        stay_rank,
        1 + 0.5 * (stays - 1) AS median_position,
        1 + 0.9 * (stays - 1) AS p90_position
    FROM discharged
)
SELECT
    department,
    COUNT(*) AS discharges,
    SUM(length_of_stay_hours) AS total_stay_hours,
    SUM(length_of_stay_hours) / COUNT(*) AS alos_hours,
    SUM(length_of_stay_hours) / COUNT(*) / 24 AS alos_days,
    SUM(CASE WHEN stay_rank = FLOOR(median_position) THEN length_of_stay_hours * (1 - (median_position - FLOOR(median_position))) ELSE 0 END)
        + SUM(CASE WHEN stay_rank = FLOOR(median_position) + 1 THEN length_of_stay_hours * (median_position - FLOOR(median_position)) ELSE 0 END) AS median_stay_hours,
    SUM(CASE WHEN stay_rank = FLOOR(p90_position) THEN length_of_stay_hours * (1 - (p90_position - FLOOR(p90_position))) ELSE 0 END)
        + SUM(CASE WHEN stay_rank = FLOOR(p90_position) + 1 THEN length_of_stay_hours * (p90_position - FLOOR(p90_position)) ELSE 0 END) AS p90_stay_hours
FROM positioned
GROUP BY department
