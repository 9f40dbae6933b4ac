-- Live occupancy per hospital: the departments' latest hour summed (occupied and staffed beds), so a hospital's
-- figures are exactly the sum of its departments'.
WITH ranked AS (
    SELECT
        o.hospital_id,
        o.hour,
        o.occupied,
        o.capacity,
        o.occupancy_pct,
        ROW_NUMBER() OVER (PARTITION BY o.hospital_id, o.department ORDER BY o.hour DESC) AS recency
    FROM gold.fact_occupancy_hourly AS o
)
SELECT
    r.hospital_id,
    MAX(r.hour) AS as_of_hour,
    COUNT(*) AS departments,
    SUM(r.occupied) AS occupied,
    SUM(r.capacity) AS capacity,
    ROUND(100.0 * SUM(r.occupied) / NULLIF(SUM(r.capacity), 0), 1) AS occupancy_pct,
    SUM(CASE WHEN r.occupancy_pct >= 85 THEN 1 ELSE 0 END) AS departments_at_or_above_85
FROM ranked AS r
WHERE r.recency = 1
GROUP BY r.hospital_id
