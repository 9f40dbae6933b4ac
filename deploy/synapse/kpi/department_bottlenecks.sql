-- Department bottlenecks: hours at or above 85% (risk rises), 90% (regular shortages) and 92% (planning cap)
-- of staffed beds, and the share of observed hours at or above 85%.
SELECT
    o.hospital_id,
    o.department,
    COUNT(*) AS hours_observed,
    SUM(CASE WHEN o.occupancy_pct >= 85 THEN 1 ELSE 0 END) AS hours_at_or_above_85,
    SUM(CASE WHEN o.occupancy_pct >= 90 THEN 1 ELSE 0 END) AS hours_at_or_above_90,
    SUM(CASE WHEN o.occupancy_pct >= 92 THEN 1 ELSE 0 END) AS hours_at_or_above_92,
    1.0 * SUM(CASE WHEN o.occupancy_pct >= 85 THEN 1 ELSE 0 END) / COUNT(*) AS share_hours_at_or_above_85,
    ROUND(AVG(o.occupancy_pct), 1) AS avg_occupancy_pct,
    MAX(o.occupancy_pct) AS peak_occupancy_pct
FROM gold.fact_occupancy_hourly AS o
GROUP BY o.hospital_id, o.department
