-- Live occupancy per department: the latest hour of fact_occupancy_hourly, occupied against staffed beds, in the
-- threshold bands of the domain notes (85% risk rises, 90% regular shortages, 92% planning cap).
-- "Latest" is ranked with ROW_NUMBER rather than "hour = (SELECT MAX(hour) ...)": no timestamp predicate, so
-- the result does not depend on the Parquet timestamp statistics.
WITH ranked AS (
    SELECT
        o.hospital_id,
        o.department,
        o.department_sk,
        o.hour,
        o.occupied,
        o.capacity,
        o.occupancy_pct,
        ROW_NUMBER() OVER (PARTITION BY o.hospital_id, o.department ORDER BY o.hour DESC) AS recency
    FROM gold.fact_occupancy_hourly AS o
)
SELECT
    r.hospital_id,
    d.hospital_name,
    r.department,
    r.hour AS as_of_hour,
    r.occupied,
    r.capacity,
    r.occupancy_pct,
    CASE
        WHEN r.occupancy_pct >= 92 THEN 'above_planning_cap'
        WHEN r.occupancy_pct >= 90 THEN 'regular_shortages'
        WHEN r.occupancy_pct >= 85 THEN 'at_risk'
        ELSE 'normal'
    END AS occupancy_band
FROM ranked AS r
LEFT JOIN gold.dim_department AS d ON d.department_sk = r.department_sk
WHERE r.recency = 1
