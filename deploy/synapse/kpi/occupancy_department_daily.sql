-- Occupancy per department and day (UTC): the average and peak of the hourly census, bed-hours, and the day's
-- admissions and discharges.
SELECT
    o.hospital_id,
    o.department,
    CAST(o.hour AS DATE) AS occupancy_date,
    COUNT(*) AS hours_observed,
    SUM(o.occupied) AS occupied_bed_hours,
    SUM(o.capacity) AS staffed_bed_hours,
    ROUND(AVG(o.occupancy_pct), 1) AS avg_occupancy_pct,
    MAX(o.occupancy_pct) AS peak_occupancy_pct,
    SUM(o.admissions) AS admissions,
    SUM(o.discharges) AS discharges
FROM gold.fact_occupancy_hourly AS o
GROUP BY o.hospital_id, o.department, CAST(o.hour AS DATE)
