-- Occupancy per hospital and day (UTC): occupied bed-hours over staffed bed-hours of all its departments, so the
-- day's figure weighs each department by its beds.
SELECT
    o.hospital_id,
    CAST(o.hour AS DATE) AS occupancy_date,
    COUNT(DISTINCT o.hour) AS hours_observed,
    SUM(o.occupied) AS occupied_bed_hours,
    SUM(o.capacity) AS staffed_bed_hours,
    ROUND(100.0 * SUM(o.occupied) / NULLIF(SUM(o.capacity), 0), 1) AS avg_occupancy_pct,
    SUM(o.admissions) AS admissions,
    SUM(o.discharges) AS discharges
FROM gold.fact_occupancy_hourly AS o
GROUP BY o.hospital_id, CAST(o.hour AS DATE)
